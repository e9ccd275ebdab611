"""The search index after a rebuild: new pages go to a second bundle; a changed page of the full index, a full index."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.search import Change, Records, compare, page_of, plan_update, record_key, url_of

PAGE = """<!doctype html><html lang="{lang}"><head><title>T</title></head><body>
<nav>Home · Briefings</nav>
<article><div data-pagefind-body>
<h1 id="storm">Storm closes ferry</h1>
<div class="briefing-meta" data-pagefind-ignore><table><tr><td>{ignored}</td></tr></table></div>
<ul><li>{actor} (person)</li></ul>
<p>{text}</p>
<div class="pagefind-data" hidden><span data-pagefind-filter="actor[data-value]" data-value="{filter}"></span>
<span data-pagefind-meta="date[data-value]" data-value="{date}"></span></div>
</div></article><footer>{footer}</footer></body></html>"""
PARTS = dict(lang="en", ignored="Story: none", actor="<strong>Ann Lowe</strong>", text="A storm closed it.",
             filter="Ann Lowe", date="2024-01-02", footer="Made with MkDocs")


def key(**changes) -> str | None:
    return record_key(PAGE.format(**{**PARTS, **changes}).encode())


def test_a_record_is_what_pagefind_indexes_of_the_page():
    same = key()
    assert same is not None and key() == same
    # Outside the indexed region, in a data-pagefind-ignore part, or markup within a line: the same record.
    assert key(footer="Made with MkDocs, updated") == same
    assert key(ignored='Story: <a href="../../stories/s/">Storm</a> (2 sources)') == same
    assert key(text='A storm closed it.</p>\n<h2 id="stories" data-pagefind-ignore>Stories</h2>\n'
                    '<ul data-pagefind-ignore><li>Storm</li></ul><p>') == key(text="A storm closed it.</p><p>")
    assert key(actor='<a href="../../actors/ann-lowe/">Ann Lowe</a>') == same  # the actor got a page
    # The words, a filter or meta value, the language, the blocks and headings: another record.
    for changes in (dict(text="A storm closed it on Tuesday."), dict(filter="Anne Lowe"), dict(date="2024-01-03"),
                    dict(lang="cy"), dict(actor="<h2>Ann Lowe</h2>"), dict(text='<span id="x">A storm closed it.</span>'),
                    dict(ignored='<span data-pagefind-filter="story">Storm</span>')):  # a filter in an ignored part
        assert key(**changes) != same, changes


def test_a_page_without_an_indexed_region_has_no_record():
    assert record_key(b"<html><body><p>Briefings by month</p></body></html>") is None
    assert record_key(b"") is None


def test_new_pages_go_to_the_second_bundle_and_unchanged_records_stay():
    before = Records("v1", pages=1000)
    assert plan_update(before, Change(frozenset({"new/index.html"}), frozenset(), frozenset())) == ["new/index.html"]
    assert plan_update(before, Change(frozenset(), frozenset(), frozenset())) == []


def test_a_changed_or_gone_page_of_the_full_index_needs_a_full_index():
    before = Records("v1", pages=1000, delta=["n1/index.html"])
    assert plan_update(before, Change(frozenset(), frozenset({"a/index.html"}), frozenset())) is None
    assert plan_update(before, Change(frozenset(), frozenset(), frozenset({"a/index.html"}))) is None


def test_a_changed_or_gone_page_of_the_second_bundle_only_remakes_that_bundle():
    before = Records("v1", pages=1000, delta=["n1/index.html", "n2/index.html"])
    assert plan_update(before, Change(frozenset(), frozenset({"n1/index.html"}), frozenset())) == \
        ["n1/index.html", "n2/index.html"]
    assert plan_update(before, Change(frozenset({"n3/index.html"}), frozenset(), frozenset({"n2/index.html"}))) == \
        ["n1/index.html", "n3/index.html"]


def test_a_second_bundle_that_outgrows_its_share_is_folded_into_a_full_index():
    before = Records("v1", pages=2000)
    added = frozenset(f"new{i}/index.html" for i in range(100))
    assert len(plan_update(before, Change(added, frozenset(), frozenset()))) == 100  # 5% of 2,000
    assert plan_update(before, Change(added | {"new100/index.html"}, frozenset(), frozenset())) is None
    assert plan_update(Records("v1", pages=10), Change(added, frozenset(), frozenset())) is None  # 50 at least


def test_compare_sorts_pages_by_what_happened_to_their_records(tmp_path: Path):
    live, site = tmp_path / "live", tmp_path / "site"
    pages = {"same": (PARTS, PARTS), "added": (None, PARTS), "changed": (PARTS, {**PARTS, "text": "Other."}),
             "gone": (PARTS, None), "unindexed": (PARTS, "list"), "list": ("list", "list")}
    for name, versions in pages.items():
        for folder, parts in zip((live, site), versions):
            if parts is None:
                continue
            (folder / name).mkdir(parents=True)
            html = "<html><body><p>A list</p></body></html>" if parts == "list" else PAGE.format(**parts)
            (folder / name / "index.html").write_text(html, encoding="utf-8")
    change = compare(live, site, {f"{name}/index.html" for name in pages})
    assert change == Change(frozenset({"added/index.html"}), frozenset({"changed/index.html"}),
                            frozenset({"gone/index.html", "unindexed/index.html"}))


@pytest.mark.parametrize("doc, page, url", [
    ("index.md", "index.html", "/"),
    ("about.md", "about/index.html", "/about/"),
    ("briefings/index.md", "briefings/index.html", "/briefings/"),
    ("briefings/storm-1a2b3c.md", "briefings/storm-1a2b3c/index.html", "/briefings/storm-1a2b3c/"),
])
def test_docs_pages_urls(doc, page, url):
    assert page_of(doc) == page and url_of(page) == url


def test_files_that_are_not_pages_have_no_page():
    assert page_of("assets/search.js") is None and page_of("feed.xml") is None


def test_records_from_a_damaged_or_older_state_are_none():
    assert Records.from_json(None) is None
    assert Records.from_json({"version": "v1", "pages": "many", "delta": []}) is None
    assert Records.from_json({"full": {"/a/": "en_1.pf_fragment"}, "delta": {}, "stale": {}}) is None  # before
    records = Records("v1", pages=120, delta=["n1/index.html"])
    assert Records.from_json(records.to_json()) == records
