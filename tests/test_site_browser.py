"""The built seed site in a real browser: search, filters, the reader's paths, no outside request.

Debian's Chromium (/usr/bin/chromium) driven by Playwright; the site is served over
http on 127.0.0.1 under a project subpath (/briefings/, as on GitHub Pages).
Screenshots go to tests/artifacts/. Skipped when Chromium or Playwright is missing.
"""
from __future__ import annotations

import functools
import html
import json
import re
import http.server
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PREFIX = "/briefings/"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
RESULT_TITLES = ".pagefind-ui__result-inner > .pagefind-ui__result-title .pagefind-ui__result-link"
FIRST_RESULT_BUDGET = 2.0  # seconds from typing a query to the first result (the bench asks < 0.5 s at 5,000)


class SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under PREFIX only, quietly."""

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a browser that drops a connection is no test failure


def serve(site: Path):
    """A threaded http server for site/ under PREFIX on a free 127.0.0.1 port."""
    handler = functools.partial(SubpathHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"


@pytest.fixture(scope="module")
def base_url(seed_project: Path):
    server, url = serve(seed_project / "site")
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                              args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """A page plus what it did: console errors, failed requests, requests that left 127.0.0.1."""

    def __init__(self, browser, **context_args):
        self.context = browser.new_context(**context_args)
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # ERR_ABORTED: the page was left before a background fetch ended (not a fault).
        self.page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                     and self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}"))

    def _route(self, route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def check(self):
        assert not self.outside, f"requests to other hosts: {self.outside}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.failed, f"failed requests: {self.failed}"

    def shot(self, name: str):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def close(self):
        self.context.close()


@pytest.fixture
def watch(browser):
    w = Watch(browser, viewport={"width": 1280, "height": 900})
    yield w
    w.close()


def test_search_finds_a_speaker_and_opens_the_result(watch, base_url):
    page = watch.page
    page.goto(base_url)
    page.locator("#briefings-q").fill("Bremmer")
    page.locator("#briefings-q").press("Enter")  # the header box opens the search page
    first = page.locator(RESULT_TITLES).first
    first.wait_for(timeout=10_000)
    assert urlsplit(page.url).path == f"{PREFIX}search/"
    titles = page.locator(RESULT_TITLES).all_inner_texts()
    assert "Ian Bremmer" in titles, titles
    watch.shot("search-bremmer")
    page.locator(RESULT_TITLES, has_text="Ian Bremmer").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == f"{PREFIX}actors/ian-bremmer/"
    assert "Bremmer" in page.locator("article").inner_text()
    watch.shot("search-bremmer-opened")
    watch.check()


def test_typing_a_query_shows_results_at_once(watch, base_url):
    page = watch.page
    page.goto(f"{base_url}search/")
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for()
    box.fill("Kumo")  # warm up: the first query loads the WebAssembly module
    page.locator(RESULT_TITLES).first.wait_for(timeout=10_000)
    box.fill("")
    started = time.perf_counter()
    box.press_sequentially("Jablonski", delay=20)
    page.locator(RESULT_TITLES, has_text="Jablonski").first.wait_for(timeout=10_000)
    elapsed = time.perf_counter() - started
    assert elapsed < FIRST_RESULT_BUDGET, f"first result {elapsed:.2f}s after typing began"
    watch.check()


def indexed_filters(site: Path):
    """(filter, value) -> pages, over the site's indexed pages, read from our own HTML (as Pagefind
    reads it: the values decoded once more, see search_marks.filter_text)."""
    from collections import Counter

    import lxml.html

    from generator import search

    counts = Counter()
    for path in site.rglob("*.html"):
        if path.relative_to(site).parts[0] in (search.BUNDLE, search.DELTA) or not search.key_of(path):
            continue
        for el in lxml.html.parse(str(path)).xpath("//*[@data-pagefind-filter]"):
            counts[(el.get("data-pagefind-filter").split("[")[0], html.unescape(el.get("data-value")))] += 1
    return counts


def shown_filters(page) -> "Counter":
    """(filter, value) -> pages, as the search page's Pagefind instance counts them (both bundles merged)."""
    from collections import Counter

    counts = page.evaluate("window.__briefingsPagefind.then((pagefind) => pagefind.filters())")
    return Counter({(key, v): n for key, values in counts.items() for v, n in values.items() if n})


def result_paths(page, url: str, query: str) -> list[str]:
    """The pages a search on the search page lists (the first five, as the page shows them); none twice."""
    page.goto(url + "search/?q=" + query)
    message = page.locator(".pagefind-ui__message")
    page.wait_for_function("document.querySelector('.pagefind-ui__message')?.textContent.includes('result')")
    found = re.match(r"(No|\d+) results? for", message.inner_text())
    assert found, message.inner_text()
    listed = 0 if found[1] == "No" else min(int(found[1]), 5)
    page.wait_for_function(f"document.querySelectorAll({json.dumps(RESULT_TITLES)}).length === {listed}")
    paths = [urlsplit(h).path for h in page.locator(RESULT_TITLES).evaluate_all("els => els.map(e => e.href)")]
    assert len(paths) == len(set(paths)), paths
    return paths


def test_pages_added_by_a_rebuild_are_found_with_the_rest(watch, tmp_path: Path, monkeypatch):
    """A rebuild that adds a source indexes its pages into a second bundle, no record of the full
    index changed; the page merges it: the new article is found, filters count both bundles."""
    from generator.build import build
    from generator.config import load_config

    from .conftest import copy_project
    from .test_incremental import NEW

    monkeypatch.setattr("generator.extraction.extractor_version", lambda model: "pinned-for-tests")
    project = copy_project(tmp_path)
    config = load_config(project)
    build(config, progress=False)
    (project / "seeds" / "zz_storm.txt").write_text(NEW, encoding="utf-8")
    assert build(config, progress=False)[1].search == "delta"
    server, url = serve(project / "site")
    try:
        page = watch.page
        for query, title in (("Penzance", "Storm closes Cornwall ferry"), ("Bremmer", "Ian Bremmer")):
            page.goto(url + "search/?q=" + query)
            page.locator(RESULT_TITLES).first.wait_for(timeout=10_000)
            assert title in page.locator(RESULT_TITLES).all_inner_texts()
        watch.shot("search-added-page")
        assert shown_filters(page) == indexed_filters(project / "site")
        page.locator(RESULT_TITLES, has_text="Ian Bremmer").first.click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == f"{PREFIX}actors/ian-bremmer/"  # links of both bundles under the subpath
        page.goto(url + "search/?q=Penzance")
        page.locator(RESULT_TITLES, has_text="Storm closes Cornwall ferry").first.click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path.startswith(f"{PREFIX}briefings/storm-closes-cornwall-ferry")
        result_paths(page, url, "Putin")  # an old page, once
        watch.check()
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_a_rebuild_changed_is_found_once_as_it_is_now(watch, tmp_path: Path, monkeypatch):
    """A rebuild that changes a page of the full index indexes the whole site again: the page is
    found once, by its new words only, and the filters count each page once."""
    from generator.build import build
    from generator.config import load_config

    from .conftest import copy_project
    from .test_incremental import NEW, page_of

    monkeypatch.setattr("generator.extraction.extractor_version", lambda model: "pinned-for-tests")
    project = copy_project(tmp_path)
    config = load_config(project)
    build(config, progress=False)
    (project / "seeds" / "zz_storm.txt").write_text(NEW, encoding="utf-8")
    assert build(config, progress=False)[1].search == "delta"
    seed = project / "seeds" / "000_34803b59c0fdaac2.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("opined on Friday", "conjectured on Friday"),
                    encoding="utf-8")
    assert build(config, progress=False)[1].search == "full"
    site = project / "site"
    server, url = serve(site)
    try:
        page = watch.page
        briefing = f"{PREFIX}briefings/{page_of(project / 'docs', seed.name)}/"
        assert result_paths(page, url, "conjectured").count(briefing) == 1
        assert briefing not in result_paths(page, url, "opined")
        assert any("storm-closes-cornwall-ferry" in p for p in result_paths(page, url, "Penzance"))
        assert shown_filters(page) == indexed_filters(site)
        watch.check()
    finally:
        server.shutdown()
        server.server_close()


def test_search_filters_by_actor(watch, base_url):
    page = watch.page
    page.goto(f"{base_url}search/?q=Putin")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
    unfiltered = page.locator(".pagefind-ui__result").count()
    page.locator("summary.pagefind-ui__filter-name", has_text=re.compile(r"^\s*Actor\s*$")).click()
    page.get_by_label("Ian Bremmer").check()
    page.wait_for_function(
        "n => { const k = document.querySelectorAll('.pagefind-ui__result-link').length;"
        " return k > 0 && k < n; }", arg=unfiltered, timeout=10_000)  # results clear, then refill
    links = page.locator(RESULT_TITLES).all_inner_texts()
    assert links and all("Biden and Putin" in t or "Bremmer" in t for t in links), links
    watch.shot("search-filter-actor")
    # The same filter from the address (a shareable link).
    page.goto(f"{base_url}search/?q=Putin&actor=Ian+Bremmer")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
    assert page.locator(".pagefind-ui__result").count() < unfiltered
    watch.check()


def test_the_search_page_loads_the_index_before_a_key_is_pressed(watch, base_url):
    page = watch.page
    loaded: list[str] = []
    page.on("requestfinished", lambda r: loaded.append(urlsplit(r.url).path.rsplit("/", 1)[-1]))
    page.goto(f"{base_url}search/")
    assert page.evaluate("window.__briefingsPagefind.then(() => true)")  # entry, wasm, page list, filters
    for kind in ("pagefind-entry.json", ".pf_meta", "wasm.", ".pf_filter"):
        assert any(kind in name for name in loaded), (kind, loaded)
    # The UI connected to it before any key: its filters are laid out (hidden until a search).
    page.locator(".pagefind-ui__filter-name", has_text="Actor").wait_for(state="attached", timeout=5_000)
    watch.check()


def test_a_quote_is_found_in_its_briefing_not_again_on_the_speakers_page(watch, base_url):
    page = watch.page
    page.goto(f"{base_url}search/?q=ambiguity")  # Ian Bremmer: "...to create ambiguity about..."
    page.locator(RESULT_TITLES).first.wait_for(timeout=10_000)
    links = page.locator(".pagefind-ui__result-inner > .pagefind-ui__result-title a").evaluate_all(
        "els => els.map(e => new URL(e.href).pathname)")
    assert links and all("/briefings/" in u for u in links), links
    # The metadata table is not indexed either: its words are not the article's.
    page.goto(f"{base_url}search/?q=REYNOLDS")  # the image credit, only in that table
    page.locator(".pagefind-ui__message", has_text="No results").wait_for(timeout=10_000)
    watch.check()


@pytest.mark.parametrize("query", ["year=2021", "year=1999",
                                   "story=Biden+and+Putin+speak+again+on+Ukraine%2C+eyeing+next+month%E2%80%99s+talks"])
def test_search_filters_from_the_address(watch, base_url, query):
    page = watch.page
    page.goto(f"{base_url}search/?q=Putin")
    unfiltered = result_count(page)
    page.goto(f"{base_url}search/?q=Putin&{query}")
    found = result_count(page)
    assert (found == 0) if query == "year=1999" else (0 < found < unfiltered), (found, unfiltered)
    watch.check()


def result_count(page) -> int:
    """The number in Pagefind's "N results for ..." once a search has run."""
    message = page.locator(".pagefind-ui__message", has_text=re.compile(r"(\d+|No) results? for "))
    message.wait_for(timeout=10_000)
    n = re.match(r"\s*(\d+|No)", message.inner_text()).group(1)
    return 0 if n == "No" else int(n)


def test_briefing_actor_story_timeline_path(watch, base_url):
    page = watch.page
    page.goto(base_url)
    page.locator("article h3 a").first.click()
    page.locator("#p1").wait_for()  # the article's first paragraph anchor
    assert "/briefings/" in page.url
    watch.shot("path-1-briefing")
    page.locator("article a[href*='actors/vladimir-putin']").first.click()
    page.wait_for_url("**/actors/vladimir-putin/")
    assert "/actors/vladimir-putin/" in page.url
    watch.shot("path-2-actor")
    page.locator("article a[href*='stories/']").first.click()
    page.wait_for_url("**/stories/*/")
    page.wait_for_load_state()
    text = page.locator("article").inner_text()
    assert "What they agree on" in text and "Where they differ" in text
    assert page.locator("article a[href*='briefings/']").count() >= 2
    watch.shot("path-3-story")
    page.locator("a.md-tabs__link", has_text="Timeline").click()
    page.wait_for_url("**/timeline/")
    assert urlsplit(page.url).path == f"{PREFIX}timeline/"
    watch.shot("path-4-timeline")
    watch.check()


def test_a_phone_reads_a_story(browser, base_url):
    w = Watch(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        w.page.goto(f"{base_url}stories/")
        w.page.locator("article li a").first.click()
        assert "/stories/" in w.page.url and "What they agree on" in w.page.locator("article").inner_text()
        assert w.page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
        w.shot("phone-story")
        w.check()
    finally:
        w.close()


def test_every_page_loads_without_errors(watch, base_url, seed_project: Path):
    site = seed_project / "site"
    pages = [p.relative_to(site).as_posix()[:-len("index.html")] for p in site.rglob("index.html")
             if "pagefind" not in p.parts]
    for rel in sorted(pages):
        watch.page.goto(base_url + rel)
    watch.check()
