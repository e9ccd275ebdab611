// The search page: Pagefind UI over the index in <site>/pagefind/, loaded from this site only.
// ?q=words runs a search at once; ?actor=, ?source=, ?story=, ?year= preset filters.
(function () {
  "use strict";
  var box = document.getElementById("pagefind-search");
  if (!box) return;
  if (location.protocol === "file:") {
    box.textContent = "Search needs the site served over http(s), e.g. `python -m http.server -d site`; " +
      "browsers do not let a page opened from the disk load the search index.";
    return;
  }
  if (typeof PagefindUI === "undefined") {
    box.textContent = "The search index is missing: build the site with `briefings build`.";
    return;
  }
  // The site root as an absolute path, so result links work under a project subpath.
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL((config.base || ".") + "/", location.href).pathname;
  // The index is already loading (overrides/main.html). A rebuild that only added pages indexed
  // them into a second bundle (generator/search.py): search-bundles.json, fetched as the page
  // opened, names the bundles the UI merges before its first search.
  var bundles = window.__briefingsBundles || Promise.resolve({ merge: [] });
  var loaded = window.__briefingsPagefind || Promise.resolve();
  bundles.then(function (b) { start(b.merge); }, function () { start([]); });

  function start(merge) {
    var ui = new PagefindUI({
      element: "#pagefind-search",
      bundlePath: root + "pagefind/",
      baseUrl: root,
      mergeIndex: merge.map(function (b) { return { bundlePath: root + b, baseUrl: root }; }),
      // One excerpt per page: a briefing's sections (Summary, Key actors, Article) as sub-results
      // told little and cost a render each (later searches 0.20 s against 0.25 s at 5,000 briefings).
      showSubResults: false,
      showImages: false,
      excerptLength: 30,
      autofocus: true,
      // Pagefind UI waits 300 ms after a keystroke by default before it searches (it loads the
      // index chunks for the words at once). Its searches run in a web worker and take tens of
      // milliseconds once the index is loaded: a short wait keeps typing smooth without delay.
      debounceTimeoutMs: 60,
    });
    // Pagefind UI labels its box by a title only (axe: label-title-only).
    var input = box.querySelector(".pagefind-ui__search-input");
    if (input) input.setAttribute("aria-label", "Search the briefings");
    loaded.then(function (pagefind) { connect(ui, pagefind); }, function () {
      box.insertAdjacentText("afterbegin", "The search index could not be loaded: " +
        "build the site with `briefings build`.");
    });
  }

  // Once the index (filters included) is loaded: the UI connects to it when its box gets focus,
  // but autofocus focused the box before the UI listened, so connect it now (a keystroke before
  // then connects it too). Then run the search and filters the address asks for. Waiting for
  // the loader keeps the UI's own first filter request from racing the loader's.
  function connect(ui, pagefind) {
    var input = box.querySelector(".pagefind-ui__search-input");
    if (input) input.dispatchEvent(new FocusEvent("focus"));
    var params = new URLSearchParams(location.search);
    var q = params.get("q");
    var header = document.getElementById("briefings-q");
    if (header && q) header.value = q;
    // The loader has the index's filters loaded already: this resolves at once.
    var known = pagefind && pagefind.filters ? pagefind.filters() : Promise.resolve(null);
    known.catch(function () { return null; }).then(function (index) {
      presetFilters(ui, params, index);
      if (q) ui.triggerSearch(q);
    });
  }

  // The filters the address asks for (?actor=, ?source=, ?story=, ?year=). A value the index
  // does not hold (a publisher no briefing names) finds nothing: the page says why.
  function presetFilters(ui, params, index) {
    var filters = {};
    var missing = [];
    ["actor", "source", "story", "year"].forEach(function (key) {
      params.getAll(key).forEach(function (v) {
        var value = v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");  // as indexed
        if (index && !(index[key] && Object.prototype.hasOwnProperty.call(index[key], value))) {
          missing.push(key + " \u201c" + v + "\u201d");
        }
        (filters[key] = filters[key] || []).push(value);
      });
    });
    if (Object.keys(filters).length) ui.triggerFilters(filters);
    if (missing.length) {
      var note = document.createElement("p");
      note.className = "briefings-search-note";
      note.setAttribute("role", "status");
      note.textContent = "No briefing has the " + missing.join(" or the ") + ".";
      box.parentNode.insertBefore(note, box);
    }
  }
})();
