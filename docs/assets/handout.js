// "Print this page", "Print with references" and "Copy address" buttons.
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

  // The references are folded: open them for a citation's target, and for printing with references.
  function openReferencesFor(hash) {
    var target = hash && hash.indexOf("#ref-") === 0 && document.getElementById(decodeURIComponent(hash.slice(1)));
    var folded = target && target.closest("details");
    if (folded) folded.open = true;
  }
  openReferencesFor(location.hash);
  window.addEventListener("hashchange", function () { openReferencesFor(location.hash); });
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
