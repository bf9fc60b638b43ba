// The light/dark switch in the header (overrides/main.html says why it is not the
// theme's own). On load it touches the page only when the reader's saved
// or system scheme differs from the one the page was drawn in.
(function () {
  "use strict";
  var form = document.querySelector("[data-md-palette]");
  if (!form) return;
  var inputs = form.querySelectorAll("input[name=__palette]");
  var body = document.body;
  var keys = ["media", "scheme", "primary", "accent"];

  function colorOf(input) {
    var color = {};
    keys.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
    return color;
  }

  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    if (!tag) {
      tag = document.createElement("meta");
      tag.name = name;
      document.head.appendChild(tag);
    }
    return tag;
  }

  // The phone's browser bar takes the header's colour; read when the page is idle,
  // when reading styles costs nothing.
  function paintBrowserBar() {
    var header = document.querySelector("header");
    if (header) meta("theme-color").content = getComputedStyle(header).backgroundColor;
  }

  function show(index, switching) {
    var color = colorOf(inputs[index]);
    inputs[index].checked = true;
    for (var i = 0; i < inputs.length; i++) {
      var label = inputs[i].nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    }
    var differs = ["scheme", "primary", "accent"].some(function (key) {
      return body.getAttribute("data-md-color-" + key) !== color[key];
    });
    if (differs) {
      // The theme's stylesheet turns colour transitions off while this is set.
      if (switching) body.setAttribute("data-md-color-switching", "");
      keys.forEach(function (key) { body.setAttribute("data-md-color-" + key, color[key]); });
      if (switching) {
        getComputedStyle(body).backgroundColor;  // take the new colours before transitions return
        body.removeAttribute("data-md-color-switching");
      }
    }
    // Scroll bars and form controls follow the scheme too (light is the default).
    var dark = color.scheme === "slate";
    if (dark || document.querySelector('meta[name="color-scheme"]')) {
      meta("color-scheme").content = dark ? "dark" : "light";
    }
    window.__md_set("__palette", { index: index, color: color });
  }

  var saved = null;
  try {
    saved = window.__md_get("__palette");
  } catch (error) {
    // Storage blocked (some privacy settings): follow the system setting.
  }
  var index = saved && typeof saved.index === "number" ? saved.index : -1;
  if (index < 0 || index >= inputs.length) {
    index = 0;
    for (var i = 0; i < inputs.length; i++) {
      if (matchMedia(inputs[i].getAttribute("data-md-color-media")).matches) { index = i; break; }
    }
  }
  show(index, false);
  (window.requestIdleCallback || setTimeout)(paintBrowserBar);

  form.addEventListener("change", function (event) {
    var index = Array.prototype.indexOf.call(inputs, event.target);
    if (index < 0) return;
    show(index, true);
    paintBrowserBar();
  });
  // Enter on the focused switch moves to the next scheme, as the theme's switch does.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var next = inputs[(Array.prototype.indexOf.call(inputs, document.activeElement) + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
