// Keyboard: "/" (or "s", "f", as on a stock Material site) moves the focus to search: the box of
// the search page when there is one, else the search box in the header. Material binds these
// keys only with its own search plugin, which this site replaces with Pagefind.
(function () {
  "use strict";
  var KEYS = { "/": true, s: true, f: true };

  function typing(el) {
    if (!el || el === document.body) return false;
    var tag = el.tagName;
    return el.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  document.addEventListener("keydown", function (event) {
    if (!KEYS[event.key] || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || typing(document.activeElement)) return;
    var box = document.querySelector(".pagefind-ui__search-input") || document.getElementById("briefings-q");
    if (!box) return;
    event.preventDefault();
    event.stopPropagation();
    box.focus();
    box.select();
  }, true);
})();
