// "Print this page", "Print with references" and "Copy address" buttons, and folds opened for links.
// The buttons stay hidden without JavaScript, where they could not work.
// "Print with references" marks the page for the print style sheet, which then prints the
// numbered list as well; the mark goes once the print dialog closes.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print], [data-copy]");
  for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("print-references");
  });

  // The references and each finding's detail are folded: a link to anything folded (a citation's
  // source, a finding from the bottom line or the evidence map, an older address of a finding)
  // opens every fold around it, and the fold it names, and brings it into view.
  function openFoldsFor(hash) {
    var target = hash && hash.length > 1 && document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    var opened = false;
    for (var fold = target.closest("details"); fold; fold = fold.parentElement.closest("details")) {
      if (!fold.open) { fold.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView();
  }
  openFoldsFor(location.hash);
  window.addEventListener("hashchange", function () { openFoldsFor(location.hash); });
  window.addEventListener("beforeprint", function () {
    if (!document.documentElement.classList.contains("print-references")) return;
    var lists = document.querySelectorAll("details.references-block");
    for (var i = 0; i < lists.length; i++) lists[i].open = true;
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print], [data-copy]");
    if (!button) return;
    if (button.hasAttribute("data-print")) {
      var root = document.documentElement;
      var withReferences = button.getAttribute("data-print") === "references";
      root.classList.toggle("print-references", withReferences);
      if (withReferences) {
        var lists = document.querySelectorAll("details.references-block");
        for (var j = 0; j < lists.length; j++) lists[j].open = true;
      }
      window.print();
      return;
    }
    var field = document.querySelector(button.getAttribute("data-copy"));
    field.select();
    var done = function () { button.textContent = "Address copied"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {});
    } else if (document.execCommand && document.execCommand("copy")) {
      done();
    }
  });
})();
