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

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print], [data-copy]");
    if (!button) return;
    if (button.hasAttribute("data-print")) {
      var root = document.documentElement;
      var withReferences = button.getAttribute("data-print") === "references";
      root.classList.toggle("print-references", withReferences);
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
