"""The built site as everyone reads it (issue 19): axe-core on every kind of page, the keyboard,
a 375 px phone, meta descriptions, and the briefing's facts in plain words with the source filter.

axe-core is run by axe-playwright-python (it injects its bundled axe.min.js into the page) in
Debian's Chromium through the project's Playwright; no browser is downloaded. The site is the
seeds plus one invented HTML page with a publisher, author and date in its metadata
(tests/fixtures/pages/), served under a project subpath as on GitHub Pages. Skipped when
Chromium, Playwright or axe-playwright-python is missing.
"""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from .conftest import ROOT, copy_project
from .test_site_browser import PREFIX, RESULT_TITLES, QuietServer, Watch, browser, serve  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PUBLISHER_PAGE = ROOT / "tests" / "fixtures" / "pages" / "publisher_metadata.html"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
MIN_LABEL_PX = 12  # the smallest text the timeline pictures may draw (issue 19)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The seeds and the publisher page, built once (Markdown, HTML and search index)."""
    from generator.build import build
    from generator.config import load_config

    seeds = tmp_path_factory.mktemp("a11y-seeds")
    for src in (ROOT / "seeds").iterdir():
        shutil.copy2(src, seeds / src.name)
    shutil.copy2(PUBLISHER_PAGE, seeds / PUBLISHER_PAGE.name)
    root = copy_project(tmp_path_factory.mktemp("a11y-project"), seeds=seeds)
    _, report = build(load_config(root), progress=False)
    assert not report.failures, report.failures
    return root


@pytest.fixture(scope="module")
def site_url(project: Path):
    server, url = serve(project / "site")
    yield url
    server.shutdown()
    server.server_close()


class RootHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a site at / and its 404.html for any missing page, as GitHub Pages does."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def root_url(project: Path):
    """The site at the server's root: the "page not found" page links from / (no site_url set)."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(RootHandler, directory=str(project / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def first_page(site: Path, folder: str, skip: tuple[str, ...] = ("months", "letters")) -> str:
    """The address (under the site) of the first generated page in a folder, e.g. a briefing."""
    names = sorted(p.name for p in (site / folder).iterdir() if p.is_dir() and p.name not in skip)
    assert names, f"no page under {folder}/"
    return f"{folder}/{names[0]}/"


def page_kinds(site: Path, actor: str = "vladimir-putin", query: str = "Putin") -> dict[str, str]:
    """One address of every kind of page the issue lists (the 404 page is served apart).

    The actor page is `actor`'s when there is one (the seeds' most quoted), else the first.
    """
    letters = sorted(p.name for p in (site / "actors" / "letters").iterdir())
    months = sorted(p.name for p in (site / "briefings" / "months").iterdir())
    return {"home": "", "briefings": "briefings/", "month": f"briefings/months/{months[0]}/",
            "briefing": first_page(site, "briefings"), "stories": "stories/",
            "story": first_page(site, "stories"), "actors": "actors/",
            "letter": f"actors/letters/{letters[0]}/",
            "actor": f"actors/{actor}/" if actor and (site / "actors" / actor).is_dir() else first_page(site, "actors"),
            "timeline": "timeline/", "timeline month": first_page(site, "timeline"),
            "search": f"search/?q={quote(query)}", "build report": "build-report/", "about": "about/"}


KINDS = ("home", "briefings", "month", "briefing", "stories", "story", "actors", "letter", "actor",
         "timeline", "timeline month", "search", "build report", "about")


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it is now: "rule: target (summary)" per element."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.skip("axe-playwright-python is not installed (pip install -c requirements.lock -e .[test])")
    found = Axe().run(page).response["violations"]
    return [f"{v['id']}: {n['target']} ({' '.join(n.get('failureSummary', '').split())[:160]})"
            for v in found for n in v["nodes"]]


def open_page(page, url: str) -> None:
    page.goto(url)
    if "search/?" in url:  # the results, their filters and excerpts are part of the page
        page.locator(RESULT_TITLES).first.wait_for(timeout=10_000)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_axe_violations(browser, project, site_url, kind, viewport):
    w = Watch(browser, viewport=viewport)
    try:
        open_page(w.page, site_url + page_kinds(project / "site")[kind])
        assert axe_violations(w.page) == []
        w.check()
    finally:
        w.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_no_axe_violations_on_the_page_not_found(browser, root_url, viewport):
    w = Watch(browser, viewport=viewport)
    try:
        response = w.page.goto(root_url + "no/such/page/")
        assert response.status == 404 and "Not found" in w.page.locator("h1").inner_text()
        assert axe_violations(w.page) == []
    finally:
        w.close()


def test_axe_reports_a_broken_label(watch, site_url):
    """The axe tests can fail: a search box stripped of its label is a violation."""
    open_page(watch.page, site_url + "search/?q=Putin")
    watch.page.evaluate("document.querySelector('.pagefind-ui__search-input').removeAttribute('aria-label')")
    assert any(v.startswith("label-title-only") for v in axe_violations(watch.page))


@pytest.fixture
def watch(browser):
    w = Watch(browser, viewport=DESKTOP)
    yield w
    w.close()


def focused(page) -> dict:
    """What has the keyboard focus: its tag, classes, name-giving text and focus ring."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className && el.className.baseVal !== undefined
                 ? el.className.baseVal : el.className), label: el.getAttribute("aria-label") || el.getAttribute("title") || "",
                 text: (el.textContent || "").trim(), inSvg: !!el.closest("svg"),
                 ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 };
    }""")


def test_keyboard_reaches_everything_with_a_name_and_a_visible_focus(watch, project, site_url):
    page = watch.page
    open_page(page, site_url + page_kinds(project / "site")["briefing"])
    stops = []
    for _ in range(250):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] == "body" or (stops and now == stops[0]):
            break
        stops.append(now)
    assert stops, "Tab moves the focus nowhere"
    assert "skip" in stops[0]["cls"], stops[0]  # "Skip to content" first
    assert not any(s["id"].startswith("__palette") for s in stops), "a hidden palette control takes the focus"
    assert any(s["id"] == "briefings-q" for s in stops[:6]), [s["id"] or s["text"] for s in stops[:6]]
    unnamed = [s for s in stops if not (s["label"] or s["text"].strip("¶ "))]
    assert not unnamed, unnamed
    marks = [s for s in stops if s["text"] == "¶"]
    paragraph_marks = [s for s in marks if "headerlink" not in s["cls"] or s["label"].startswith("Paragraph")]
    assert paragraph_marks and all(re.fullmatch(r"Paragraph \d+", s["label"]) for s in paragraph_marks), marks[:3]
    chart = [s for s in stops if s["inSvg"]]
    assert chart and all(s["label"] for s in chart), "the Dates chart's links are not reached or not named"
    no_ring = [s for s in stops if not s["ring"] and "skip" not in s["cls"]]
    assert not no_ring, no_ring[:5]
    watch.check()


@pytest.mark.parametrize("where, box", [("", "#briefings-q"), ("search/", ".pagefind-ui__search-input")])
def test_slash_focuses_search(watch, site_url, where, box):
    page = watch.page
    page.goto(site_url + where)
    page.locator(box).wait_for()
    page.locator("article h1").first.click()  # the focus away from any box
    page.keyboard.press("/")
    assert page.evaluate(f"document.activeElement === document.querySelector({box!r})")
    page.keyboard.type("Putin")  # "/" itself is not typed into the box
    assert page.locator(box).input_value() == "Putin"
    watch.check()


def test_the_current_section_is_shown_in_the_tabs_and_the_drawer(watch, project, site_url):
    page = watch.page
    kinds = page_kinds(project / "site")
    for kind, section in (("briefing", "Briefings"), ("month", "Briefings"), ("actor", "Actors"),
                          ("letter", "Actors"), ("story", "Stories"), ("timeline month", "Timeline")):
        page.goto(site_url + kinds[kind])
        assert page.locator(".md-tabs__item--active").all_inner_texts() == [section], kind
        assert page.locator(".md-tabs__link[aria-current]").inner_text().strip() == section, kind
        drawer = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item--active > a.md-nav__link--active")
        assert drawer.inner_text().strip() == section, kind
    watch.check()


def test_a_phone_reads_a_briefing_with_its_contents_and_a_readable_chart(browser, project, site_url):
    w = Watch(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = w.page
        kinds = page_kinds(project / "site")
        for kind in ("briefing", "timeline", "timeline month", "story", "search"):
            open_page(page, site_url + kinds[kind])
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], kind
            sizes = page.evaluate("""() => [...document.querySelectorAll('svg.timeline-svg text')].map(t => {
                const svg = t.ownerSVGElement;
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                return parseFloat(getComputedStyle(t).fontSize) * scale; })""")
            assert all(s >= MIN_LABEL_PX - 0.01 for s in sizes), (kind, min(sizes))
        page.goto(site_url + kinds["briefing"])
        page.locator("label.md-header__button[for='__drawer']").click()
        contents = page.locator(".md-nav--primary .md-nav--secondary a.md-nav__link")
        contents.first.wait_for(state="visible")
        assert {"Summary", "Key actors", "Dates", "Quotes", "Article"} <= {t.strip() for t in contents.all_inner_texts()}
        w.shot("phone-briefing-drawer")
        w.check()
    finally:
        w.close()


def test_every_page_has_its_own_description(watch, project, site_url):
    site = project / "site"
    seen = {}
    for kind, rel in page_kinds(site).items():
        watch.page.goto(site_url + rel)
        text = watch.page.locator("meta[name=description]").get_attribute("content")
        assert text and "seeds/" not in text, (kind, text)
        seen[kind] = text
    assert len(set(seen.values())) == len(seen), seen
    briefing = site / page_kinds(site)["briefing"] / "index.html"
    summary = re.search(r'<h2 id="summary">.*?</h2>\s*<p>(.*?)</p>', briefing.read_text(encoding="utf-8"), re.S)[1]
    assert summary.startswith(seen["briefing"].rstrip("…")[:80].replace("'", "&#39;").replace('"', "&#34;")[:40])


def test_a_briefing_says_where_its_facts_come_from(watch, project, site_url):
    page = watch.page
    page.goto(site_url + "briefings/")
    page.locator("article a", has_text="Harbour council approves new sea wall").first.click()
    page.locator(".briefing-meta th").first.wait_for()  # the click navigates: read the new page
    rows = dict(zip(page.locator(".briefing-meta th").all_inner_texts(), page.locator(".briefing-meta td").all_inner_texts()))
    assert rows["Publisher"] == "Coastline Courier, named in the page's metadata"
    assert rows["Published"] == "14 March 2024, from the page's metadata"
    assert rows["Author"] == "Maria Lindqvist"
    assert "Headline" not in rows  # the page had one: nothing to say about it
    page.goto(site_url + page_kinds(project / "site")["briefing"])  # a seed: a text file
    rows = dict(zip(page.locator(".briefing-meta th").all_inner_texts(), page.locator(".briefing-meta td").all_inner_texts()))
    assert rows["Publisher"].startswith("Not known")
    assert not any(v.strip() in ("unknown", "text", "metadata") for v in rows.values()), rows
    watch.check()


def test_the_source_filter_finds_a_publisher(watch, site_url):
    page = watch.page
    page.goto(site_url + "search/?q=council")
    page.locator(RESULT_TITLES).first.wait_for(timeout=10_000)
    page.locator("summary.pagefind-ui__filter-name", has_text=re.compile(r"^\s*Source\s*$")).click()
    assert page.get_by_label(re.compile("Coastline Courier")).count() == 1
    page.goto(site_url + "search/?q=wall&source=" + quote("Coastline Courier"))
    page.locator(RESULT_TITLES).first.wait_for(timeout=10_000)
    assert page.locator(RESULT_TITLES).all_inner_texts() == ["Harbour council approves new sea wall"]
    page.goto(site_url + "search/?q=wall&source=" + quote("No Such Paper"))
    page.locator(".briefings-search-note", has_text="No briefing has the source").wait_for(timeout=10_000)
    page.locator(".pagefind-ui__message", has_text="No results").wait_for(timeout=10_000)
    assert urlsplit(page.url).path == f"{PREFIX}search/"
    watch.check()
