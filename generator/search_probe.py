"""Ask a built site's search index a question, as its search page does: Pagefind's JS API in Chromium.

    urls = search_urls(site, "words")   # the pages found, best first; None without a browser
    found = searches(site, ["a", "b"])  # several searches in one browser: {term: urls}

The site is served over http on 127.0.0.1 for the time of the query; the page
loads <site>/pagefind/pagefind.js and merges the bundles search-bundles.json
names (Pagefind's mergeIndex), as overrides/main.html and assets/search.js do.
Used by `briefings bench` (is the added article searchable?) and the tests.
Needs Playwright and Debian's Chromium (the test extras); without them, None.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
QUERY = """async ([root, terms, limit]) => {
  const pagefind = await import(root + "pagefind/pagefind.js");
  await pagefind.options({ baseUrl: root });
  const bundles = await (await fetch(root + "search-bundles.json", { cache: "no-cache" })).json();
  for (const b of bundles.merge || []) await pagefind.mergeIndex(root + b, { baseUrl: root });
  const found = {};
  for (const term of terms) {
    const response = await pagefind.search(term);
    const pages = await Promise.all(response.results.slice(0, limit).map((r) => r.data()));
    found[term] = pages.map((p) => p.url);
  }
  return found;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chromium() -> str | None:
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def search_urls(site: Path, term: str, limit: int = 50) -> list[str] | None:
    """The URLs (site-relative, /a/b/) of the first `limit` pages a search for term finds."""
    found = searches(site, [term], limit)
    return None if found is None else found[term]


def searches(site: Path, terms: list[str], limit: int = 50) -> dict[str, list[str]] | None:
    """search_urls for each term, in one browser."""
    browser_path = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if browser_path is None:
        return None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=browser_path, args=ARGS, headless=True)
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/search-bundles.json")
                return page.evaluate(QUERY, ["/", terms, limit])
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
