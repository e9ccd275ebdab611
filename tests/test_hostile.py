"""Hostile sources are rendered inert: what a source says is shown as text, never run.

The corpus (tests/fixtures/hostile/) carries <script>, event handlers, iframes,
javascript: links, raw HTML, Markdown link and image syntax, Jinja syntax and
front matter delimiters in bodies, headlines and front matter. It is built in
one real `briefings build` (test_bad_input.corpus_build) and checked twice: in
the HTML as parsed, and in Debian's Chromium (no dialog, no outside request).
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import pytest

from generator.pipeline import prepare
from generator.sources import read_source

from .test_bad_input import HOSTILE, SEEDS, CorpusBuild, corpus_build

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Tags that no source may bring into a page (the theme uses none of them).
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "video", "audio",
                  "portal"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background"}
BAD_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.I)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> CorpusBuild:
    return corpus_build(tmp_path_factory)


class Page(HTMLParser):
    """What a page is made of: its elements and attributes, and its visible text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []  # src, or the inline code
        self.text: list[str] = []
        self.title = ""
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs_d = {k.lower(): (v or "") for k, v in attrs}
        self.elements.append((tag, attrs_d))
        if tag == "script":
            self.scripts.append(attrs_d.get("src", ""))
        if tag in ("script", "style", "title"):
            self._in.append(tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if not self._in:
            self.text.append(data)
        elif self._in[-1] == "script" and self.scripts and not self.scripts[-1]:
            self.scripts[-1] = "inline:" + data.strip()[:60]
        elif self._in[-1] == "title":
            self.title += data

    @functools.cached_property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts and "pagefind" not in p.parts)


def briefing_html(corpus: CorpusBuild) -> dict[str, Path]:
    """{source file key: its built HTML page}."""
    out = {}
    for md in (corpus.root / "docs" / "briefings").glob("*.md"):
        key = frontmatter.load(md).metadata.get("source_file")
        if key:
            out[key] = corpus.root / "site" / "briefings" / md.stem / "index.html"
    return out


@functools.cache
def theme_scripts(site: Path) -> Counter:
    """The scripts on a seed briefing page: the theme's own."""
    seed = next(p for k, p in briefing_html_cached(site).items() if "/" not in k)
    return Counter(Page(seed.read_text(encoding="utf-8")).scripts)


@functools.cache
def briefing_html_cached(site: Path) -> dict[str, Path]:
    return briefing_html(CorpusBuild(site.parent, 0, "", "", 0))


def hostile_names() -> list[str]:
    return sorted(p.name for p in HOSTILE.iterdir())


def test_every_hostile_source_built(corpus: CorpusBuild):
    pages = briefing_html(corpus)
    for name in hostile_names():
        assert pages[f"hostile/{name}"].is_file(), name


def test_no_page_runs_or_loads_anything_from_a_source(corpus: CorpusBuild):
    site = corpus.root / "site"
    allowed = set(theme_scripts(site))
    problems = []
    for path in html_pages(site):
        page = Page(path.read_text(encoding="utf-8"))
        where = path.relative_to(site).as_posix()
        for script in page.scripts:
            if script not in allowed and not script.startswith(("inline:", "../", "assets/", "./", "/")):
                problems.append((where, "script", script))
            if re.search(r"alert|evil\.example|document\.write", script):
                problems.append((where, "script", script))
        for tag, attrs in page.elements:
            if tag in FORBIDDEN_TAGS:
                problems.append((where, "tag", tag))
            if tag == "meta" and "http-equiv" in attrs and attrs["http-equiv"].lower() == "refresh":
                problems.append((where, "meta refresh", attrs))
            for name, value in attrs.items():
                if name.startswith("on"):
                    problems.append((where, "handler", tag, name, value))
                if name in URL_ATTRS and BAD_SCHEMES.match(value):
                    problems.append((where, "url", tag, name, value))
                if "evil.example" in value and name in URL_ATTRS and not (tag == "a" and name == "href"):
                    problems.append((where, "outside resource", tag, name, value))
                if name == "style" and "url(" in value:
                    problems.append((where, "style url", tag, value))
    assert not problems, problems[:20]


@pytest.mark.parametrize("name", hostile_names())
def test_hostile_page_has_only_the_theme_scripts(corpus: CorpusBuild, name: str):
    path = briefing_html(corpus)[f"hostile/{name}"]
    page = Page(path.read_text(encoding="utf-8"))
    assert Counter(page.scripts) == theme_scripts(corpus.root / "site")


def shown(value: str | None) -> str:
    return " ".join((value or "").split())


@pytest.mark.parametrize("name", hostile_names())
def test_what_the_source_says_is_shown_as_text(corpus: CorpusBuild, name: str):
    article = prepare(read_source(HOSTILE / name, HOSTILE.parent))
    page = Page(briefing_html(corpus)[f"hostile/{name}"].read_text(encoding="utf-8"))
    assert shown(article.title) in page.visible
    assert shown(article.title) in " ".join(page.title.split())
    for value in (article.author, article.source_name, article.credit):
        if value:
            assert shown(value) in page.visible, value
    for paragraph in article.body.split("\n\n"):
        if paragraph.strip():
            assert shown(paragraph) in page.visible, paragraph


def test_jinja_in_a_source_is_not_evaluated(corpus: CorpusBuild):
    pages = briefing_html(corpus)
    text = Page(pages["hostile/h07_jinja_syntax.txt"].read_text(encoding="utf-8")).visible
    assert "{{ 7 * 7 }}" in text and "{% include \"secrets.txt\" %}" in text and "{# comment #}" in text
    title = Page(pages["hostile/h16_hostile_headline.txt"].read_text(encoding="utf-8")).visible
    assert "unveils {{ 7*7 }} plan" in title


def test_front_matter_of_hostile_pages_parses_and_keeps_the_data(corpus: CorpusBuild):
    import html

    for md in (corpus.root / "docs" / "briefings").glob("*.md"):
        post = frontmatter.load(md)
        assert post.metadata["generator"] == "briefings"
        key = post.metadata.get("source_file")
        if not key or not key.startswith("hostile/"):
            continue
        article = prepare(read_source(HOSTILE / key.split("/", 1)[1], HOSTILE.parent))
        assert html.unescape(post.metadata["title"]) == article.title
        assert "<" not in post.metadata["title"] and "<" not in (post.metadata.get("author") or "")


def test_hostile_front_matter_fields_are_text(corpus: CorpusBuild):
    page = briefing_html(corpus)["hostile/h09_hostile_front_matter.md"]
    doc = Page(page.read_text(encoding="utf-8"))
    assert "<script>alert('h09-title')</script>" in doc.title
    assert "</title><script>alert('h09-title-close')</script>" in doc.visible
    assert "Jo \"><script>alert('h09-author-attr')</script>" in doc.visible
    authors = [a.get("content") for t, a in doc.elements if t == "meta" and a.get("name") == "author"]
    assert authors in ([], [prepare(read_source(HOSTILE / "h09_hostile_front_matter.md")).author])
    links = [a["href"] for t, a in doc.elements if t == "a" and "example.com" in a.get("href", "")]
    assert links and all("<" not in h and '"' not in h and " " not in h for h in links)


# ------------------------------------------------------------ in the browser
@pytest.fixture(scope="module")
def served_site(corpus: CorpusBuild):
    """The built site on a local HTTP server."""
    site = corpus.root / "site"
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", site
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not present: install Debian's chromium to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python package) not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def visit(browser, base: str, urls: list[str], act=None) -> tuple[list, list]:
    """Open each url; return (dialogs shown, requests that left the local server)."""
    dialogs, outside = [], []
    context = browser.new_context(java_script_enabled=True)

    def route(r):
        if r.request.url.startswith(base) or r.request.url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.add_init_script("window.__ran = []; for (const f of ['alert', 'confirm', 'prompt']) "
                            "{ const o = window[f]; window[f] = (...a) => { window.__ran.push(f + ':' + a); "
                            "return o.apply(window, a); }; }")
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append((page.url, d.message)), d.dismiss()))
    try:
        for url in urls:
            page.goto(base + url, wait_until="load")
            if act:
                act(page)
            page.wait_for_timeout(50)
            ran = page.evaluate("window.__ran")
            dialogs.extend((url, r) for r in ran)
    finally:
        context.close()
    return dialogs, outside


@pytest.mark.browser
def test_no_dialog_and_no_outside_request_in_chromium(browser, served_site, corpus: CorpusBuild):
    base, site = served_site
    urls = [p.relative_to(site).as_posix() for p in html_pages(site)]
    dialogs, outside = visit(browser, base, urls)
    assert len(urls) > 30
    assert not dialogs, dialogs
    assert not outside, outside


@pytest.mark.browser
def test_hovering_and_clicking_hostile_text_runs_nothing(browser, served_site, corpus: CorpusBuild):
    base, site = served_site
    urls = [briefing_html(corpus)[f"hostile/{n}"].relative_to(site).as_posix() for n in hostile_names()]

    def poke(page):
        for selector in ("p.briefing-paragraph", "h1", "td", "blockquote", "li"):
            for el in page.query_selector_all(selector)[:8]:
                try:
                    el.hover(timeout=300)
                except Exception:
                    pass

    dialogs, outside = visit(browser, base, urls, poke)
    assert not dialogs, dialogs
    assert not outside, outside


@pytest.mark.browser
def test_searching_for_hostile_words_runs_nothing(browser, served_site, corpus: CorpusBuild):
    """Type into the search page's own box, open every filter group: results, excerpts and
    filter values (Pagefind UI shows those as HTML) carry the hostile names as text only."""
    base, site = served_site
    shown = {}

    def search(page):
        box = page.query_selector(".pagefind-ui__search-input")
        if box is None:  # the home page: the header's box opens the search page
            page.fill("#briefings-q", "alert")
            return
        for word in ("alert", "script", "onerror", "javascript", "bold"):
            box.fill(word)
            page.wait_for_timeout(400)
            for group in page.query_selector_all("details.pagefind-ui__filter-block:not([open]) summary"):
                group.click()
            shown[word] = page.locator(".pagefind-ui__filter-label").all_inner_texts()

    assert (site / "search" / "index.html").exists()
    dialogs, outside = visit(browser, base, ["index.html", "search/index.html"], search)
    assert not dialogs, dialogs
    assert not outside, outside
    # The hostile source name was offered as a filter, and shown as the text it is.
    assert any("<img src=x onerror=alert('h09-source')>" in label for label in shown["bold"]), shown["bold"]
