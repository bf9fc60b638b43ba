// /connect/?icd10=CODE: find the condition for any ICD-10-CM code a record
// system sends, by the longest listed prefix, and open its page. The table
// is written by macros/data/diagnosis_codes.py; tests/browser/test_code_lookup.py
// checks this rule.
(function () {
  "use strict";
  var box = document.getElementById("connect-result");
  if (!box) return;
  var raw = new URLSearchParams(window.location.search).get("icd10");
  if (raw === null) return;
  var code = raw.toUpperCase().replace(/[^0-9A-Z]/g, "");

  function say(text) {
    var p = document.createElement("p");
    p.textContent = text;
    box.replaceChildren(p);
    box.className = "admonition note";
  }

  say("Looking up code " + code + "\u2026");
  fetch(box.getAttribute("data-table"))
    .then(function (response) { return response.json(); })
    .then(function (table) {
      for (var end = code.length; end > 2; end--) {
        var hit = table.prefixes[code.slice(0, end)];
        if (hit) {
          window.location.replace(new URL("../" + hit.path, window.location.href).href);
          return;
        }
      }
      say("We don't have a page for the code \u201c" + raw.trim() +
          "\u201d yet. Please pick your condition from the list below, or ask your clinic.");
    })
    .catch(function () {
      say("The code look-up did not load. Please pick your condition from the list below.");
    });
})();
