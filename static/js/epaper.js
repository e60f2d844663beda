/* 数字报 page: a story's areas on the page image and its entry in the list below light
   up together while either is hovered or focused. The page works without this: the
   areas are plain links, outlined by CSS alone. */
(function () {
  "use strict";
  function light(story, on) {
    document.querySelectorAll('[data-story="' + story + '"]').forEach(function (element) {
      element.classList.toggle("lit", on);
    });
  }
  document.querySelectorAll(".sheet-areas .area, .placed-story[data-story]").forEach(function (element) {
    var story = element.getAttribute("data-story");
    ["mouseenter", "focusin"].forEach(function (type) {
      element.addEventListener(type, function () { light(story, true); });
    });
    ["mouseleave", "focusout"].forEach(function (type) {
      element.addEventListener(type, function () { light(story, false); });
    });
  });
})();
