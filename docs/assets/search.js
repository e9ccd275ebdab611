// The search page: Pagefind UI over the index in <site>/pagefind/, loaded from this site only.
// ?q=words runs a search at once; ?actor=, ?source=, ?story=, ?year=, ?type= preset filters.
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
  var ui = new PagefindUI({
    element: "#pagefind-search",
    baseUrl: root,
    showSubResults: true,
    showImages: false,
    excerptLength: 30,
    autofocus: true,
    debounceTimeoutMs: 120,  // Pagefind UI waits 300 ms after a keystroke by default
  });
  // Load the index's entry point and WebAssembly now, not at the first keystroke: the UI
  // imports the same module URL, so it shares this instance.
  import(new URL("pagefind/pagefind.js", new URL(root, location.href)).href)
    .then(function (pagefind) { return pagefind.options({ baseUrl: root }).then(pagefind.init); })
    .catch(function () {});
  var params = new URLSearchParams(location.search);
  var filters = {};
  ["actor", "source", "story", "year", "type"].forEach(function (key) {
    var values = params.getAll(key);
    if (values.length) filters[key] = values;
  });
  if (Object.keys(filters).length) ui.triggerFilters(filters);
  var q = params.get("q");
  if (q) ui.triggerSearch(q);
  var input = document.getElementById("briefings-q");
  if (input && q) input.value = q;
})();
