// "What might help me?" (/find/): show only the condition cards that match the chosen
// body areas and goals. Any chosen area and any chosen goal must match; nothing chosen
// shows every card. The choices live in the checkboxes only: nothing is stored or sent.
// Without this script the page shows its grouped lists instead (macros/render/finder.py).
(function () {
  "use strict";
  var controls = document.getElementById("finder-controls");
  var count = document.getElementById("finder-count");
  if (!controls || !count) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll(".finder-card"));
  var boxes = Array.prototype.slice.call(controls.querySelectorAll("input[type=checkbox]"));
  var groups = document.getElementById("finder-groups");

  function chosen(name) {
    return boxes.filter(function (box) { return box.name === name && box.checked; })
      .map(function (box) { return box.value; });
  }

  function matches(wanted, have) {
    return wanted.length === 0 || wanted.some(function (value) { return have.indexOf(value) !== -1; });
  }

  function update() {
    var areas = chosen("area");
    var goals = chosen("goal");
    var shown = 0;
    cards.forEach(function (card) {
      var ok = matches(areas, (card.getAttribute("data-areas") || "").split(" ")) &&
               matches(goals, (card.getAttribute("data-goals") || "").split(" "));
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    if (areas.length === 0 && goals.length === 0) {
      count.textContent = "Showing all " + cards.length + " conditions. Choose above to narrow the list.";
    } else if (shown === 0) {
      count.textContent = "No condition matches all your choices. Clear a choice to see more.";
    } else {
      count.textContent = "Showing " + shown + " of " + cards.length + " conditions.";
    }
  }

  controls.addEventListener("change", update);
  document.getElementById("finder-clear").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    update();
    if (boxes.length) boxes[0].focus();
  });
  // The checkboxes replace the grouped lists, which stay for readers without this script.
  if (groups) groups.hidden = true;
  controls.hidden = false;
  update();
})();
