// "Print this page" and "Copy address" buttons on condition and technique pages.
// The buttons stay hidden without JavaScript, where they could not work.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print], [data-copy]");
  for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print], [data-copy]");
    if (!button) return;
    if (button.hasAttribute("data-print")) {
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
