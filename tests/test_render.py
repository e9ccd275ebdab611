"""Rendering: source text stays text, links are relative, lists are split, pictures and feed are sound."""
from __future__ import annotations

import datetime as dt
import posixpath
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import feed, render
from generator.model import Actor, Article, Briefing, DateRef, Quote, Source
from generator.picture import Mark, month_bars, timeline_svg
from generator.render import BRIEFINGS_PER_PAGE, KEEP, Renderer
from generator.search_marks import search_data
from generator.templating import relative, url_from
from generator.site import assemble, page_url_of

EVIL = '<script>alert(1)</script> & "quotes" [link](javascript:x) *bold* `code`'


def briefing(key: str, body: str = "First paragraph.\n\nSecond paragraph.", title: str | None = None,
             published: dt.date | None = dt.date(2021, 12, 30), **kw) -> Briefing:
    return Briefing(source=Source(path=Path(key), key=key, kind="text", text=body),
                    article=Article(body=body, title=title or key, published=published), **kw)


def to_html(md: str) -> str:
    body = md.split("\n---\n", 1)[1]
    return markdown.markdown(body, extensions=["tables", "attr_list"])


@pytest.mark.parametrize("path, url", [
    ("index.md", ""), ("briefings/index.md", "briefings/"), ("briefings/x.md", "briefings/x/"),
    ("timeline/2021-12.md", "timeline/2021-12/"),
])
def test_page_url_of(path, url):
    assert page_url_of(path) == url


@pytest.mark.parametrize("here, target, fragment, expected", [
    ("timeline/index.md", "briefings/x.md", "p3", "../briefings/x/#p3"),
    ("timeline/2021-12.md", "briefings/x.md", "", "../../briefings/x/"),
    ("index.md", "timeline/2021-12.md", "", "timeline/2021-12/"),
    ("briefings/x.md", "briefings/x.md", "p1", "./#p1"),
])
def test_url_from(here, target, fragment, expected):
    assert url_from(here, target, fragment) == expected


def test_source_text_is_never_markup():
    body = f"{EVIL}\n\nMore text."
    b = briefing("evil.txt", body, title=EVIL, summary=EVIL,
                 actors=(Actor(name=EVIL, kind="person", mentions=((0, 5),)),),
                 quotes=(Quote(text=EVIL, span=(0, len(EVIL)), speaker=EVIL),),
                 dates=(DateRef(text="More", span=(len(EVIL) + 2, len(EVIL) + 6), type="DATE", value="2021-12-30",
                                start=dt.date(2021, 12, 30), about=EVIL),))
    pages = Renderer(assemble([b, briefing("other.txt")])).pages()
    for path, text in pages.items():
        if path.endswith(".md"):
            html = to_html(text)
            assert "<script>" not in html, path
            assert 'href="javascript' not in html, path


def test_search_filters_are_escaped_attributes():
    html = str(search_data({"actor": ['A "quoted" <name>', None, ""], "year": ["2021"]}, {"date": "2021-12-30"}))
    # The attribute holds the name as HTML text escaped once more: Pagefind decodes entities
    # twice and Pagefind UI shows the value as HTML, so "<name>" is shown as text.
    assert 'data-pagefind-filter="actor[data-value]" data-value="A &#34;quoted&#34; &amp;amp;lt;name&amp;amp;gt;"' in html
    assert html.count("data-pagefind-filter") == 2
    assert 'data-pagefind-sort="date[data-value]"' in html


def test_big_lists_are_split():
    n = BRIEFINGS_PER_PAGE + 5
    site = assemble([briefing(f"{i:04d}.txt", title=f"Headline {i}") for i in range(n)])
    pages = Renderer(site).pages()
    assert "briefings/months/2021-12.md" in pages and "briefings/months/2021-12-2.md" in pages
    assert pages["briefings/months/2021-12-2.md"].count('<a href="../') == 5 + 1 + 1  # five briefings, "All months", page 1
    assert len(pages["briefings/index.md"]) < 20_000


def test_undated_briefings_have_their_own_list():
    pages = Renderer(assemble([briefing("a.txt", published=None)])).pages()
    assert "briefings/months/undated.md" in pages


def test_timeline_picture_marks_every_event_and_links_it():
    marks = [Mark(dt.date(2021, 12, 30), dt.date(2021, 12, 30), "call <b>", "Thursday: the call", "../b/#p1"),
             Mark(dt.date(2022, 1, 9), dt.date(2022, 1, 10), "talks", "Jan. 9-10", "../b/#p2")]
    svg = str(timeline_svg(marks, "Timeline"))
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}a")) == 2
    assert root.find(f"{ns}a/{ns}circle") is not None and root.find(f".//{ns}rect") is not None
    assert "call &lt;b&gt;" in svg and "\n\n" not in svg  # escaped; no blank line ends a Markdown HTML block
    assert timeline_svg([], "x") == ""


def test_month_bars_are_a_valid_svg():
    svg = str(month_bars([(dt.date(2021, m, 1), m, f"{m}/") for m in range(1, 13)], "Per month"))
    assert len(ET.fromstring(svg).findall("{http://www.w3.org/2000/svg}a")) == 12


def test_feed_is_atom_with_relative_links():
    site = assemble([briefing("a.txt", title="A & B", summary="x < y"), briefing("b.txt", published=None)])
    text = feed.atom(site)
    root = ET.fromstring(text.encode())
    ns = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{ns}entry")
    assert [e.find(f"{ns}title").text for e in entries] == ["A & B", "b.txt"]
    assert entries[0].find(f"{ns}link").get("href").startswith("briefings/")
    assert root.find(f"{ns}updated").text == "2021-12-30T00:00:00Z"
    assert feed.atom(site) == text  # stable: an unchanged site writes an unchanged feed


@pytest.mark.slow
def test_seed_site_has_feed_search_page_and_timeline(seed_project: Path):
    site = seed_project / "site"
    assert ET.parse(site / "feed.xml").getroot().tag == "{http://www.w3.org/2005/Atom}feed"
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert "pagefind/pagefind-ui.js" in search and 'id="pagefind-search"' in search
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'action="search/"' in home and 'type="application/atom+xml"' in home
    assert "lunr" not in home and not (site / "search" / "search_index.json").exists()
    assert (site / "pagefind" / "pagefind.js").is_file()


PARTS = st.lists(st.sampled_from(["a", "b", "actors", "briefings", "x.md", "index.md"]), max_size=4)


@given(PARTS, PARTS, st.booleans())
def test_relative_paths_match_posixpath(target, folder, slash):
    path, start = "/".join(target), "/".join(folder)
    path += "/" if slash and path else ""  # page URLs end in a slash
    assert relative(path, start) == posixpath.relpath(path or ".", start or ".")


def test_pages_rendered_in_forked_processes_are_the_same(monkeypatch):
    monkeypatch.setattr(render, "PARALLEL_MIN_PAGES", 0)
    assert threading.active_count() == 1  # else pages() would render in this process only
    site = assemble([briefing(f"{i:02d}.txt", title=f"Headline {i}", body=f"Para {i}.\n\nMore.") for i in range(30)])
    alone = Renderer(site)
    expected = alone.pages()
    kept = {path for i, path in enumerate(sorted(expected)) if i % 3 == 0}
    split = Renderer(site, reuse=lambda path, fingerprint: path in kept and alone.fingerprints[path] == fingerprint)
    pages = split.pages(processes=3)
    assert list(pages) == list(expected)
    assert split.fingerprints == alone.fingerprints
    for path, text in pages.items():
        if path in kept and path in alone.fingerprints:
            assert text is KEEP  # the identity the writer tests
        else:
            assert text == expected[path]
