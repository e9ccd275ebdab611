"""The whole build on the seed articles: pages, strict MkDocs, hand-written pages kept."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import frontmatter
import pytest

from generator.build import build
from generator.docs_writer import write_pages
from generator.report import Report
from generator.config import load_config

from .conftest import copy_project

pytestmark = pytest.mark.slow


def test_seed_site_has_every_kind_of_page(seed_project: Path):
    site = seed_project / "site"
    briefings = sorted(p.parent.name for p in (site / "briefings").glob("*/index.html"))
    assert len(briefings) == 2
    for page in ("index.html", "timeline/index.html", "actors/index.html", "stories/index.html",
                 "actors/joe-biden/index.html", "actors/vladimir-putin/index.html", "about/index.html"):
        assert (site / page).is_file(), page


def briefing_page(docs: Path, source_file: str) -> Path:
    """The generated briefing page of a source file."""
    pages = [p for p in (docs / "briefings").glob("*.md")
             if frontmatter.load(p).metadata.get("source_file") == source_file]
    assert len(pages) == 1, pages
    return pages[0]


def test_briefing_front_matter_holds_the_structured_data(seed_project: Path):
    meta = frontmatter.load(briefing_page(seed_project / "docs", "000_34803b59c0fdaac2.txt")).metadata
    assert meta["title"] == "Biden-Putin talks with no breakthroughs, gov’t official predicts"
    assert meta["source_file"] == "000_34803b59c0fdaac2.txt"
    assert {"Pawel Jablonski", "Jakub Kumoch"} <= {a["name"] for a in meta["actors"]}
    assert any(q["speaker"] == "Jakub Kumoch" for q in meta["quotes"])


def test_every_item_links_to_its_paragraph(seed_project: Path):
    slug = briefing_page(seed_project / "docs", "000_34803b59c0fdaac2.txt").stem
    html = (seed_project / "site" / "briefings" / slug / "index.html").read_text()
    anchors = set(re.findall(r'id="(p\d+)"', html))
    links = set(re.findall(r'href="#(p\d+)"', html))
    assert anchors and links <= anchors


def test_no_page_chrome_in_a_briefing(seed_project: Path):
    for page in (seed_project / "site" / "briefings").glob("*/index.html"):
        html = page.read_text()
        article = " ".join(re.findall(r'<p id="p\d+"[^>]*>(.*?)</p>', html, re.S))
        assert len(article) > 1000
        for chrome in ("You are here", "Home &gt; News", "Leave a Reply", "Akismet", "Please enter your",
                       "Most Popular", "Recent Comments", "January 18, 2022", "MICHAEL REYNOLDS/PAP/EPA"):
            assert chrome not in article, (page, chrome)


def test_search_index_finds_kumoch(seed_project: Path):
    """A search of the site (Pagefind's JS API in Chromium) finds Kumoch's briefing and page."""
    from generator.search_probe import search_urls

    hits = search_urls(seed_project / "site", "Kumoch")
    if hits is None:
        pytest.skip("the search index is asked through Chromium and Playwright, which are missing")
    assert any(h.startswith("/briefings/") for h in hits)
    assert "/actors/jakub-kumoch/" in hits


def test_hand_written_pages_are_never_touched(tmp_path: Path):
    root = copy_project(tmp_path)
    about = root / "docs" / "about.md"
    home = root / "docs" / "index.md"
    home.write_text("# My own home page\n", encoding="utf-8")
    before = about.read_bytes()
    _, report = build(load_config(root), html=False)
    assert about.read_bytes() == before
    assert home.read_text(encoding="utf-8") == "# My own home page\n"
    assert "index.md" in report.kept


def test_second_build_writes_nothing_and_uses_the_cache(seed_project: Path):
    config = load_config(seed_project)
    _, report = build(config, html=False)
    assert report.written == [] and report.removed == []
    assert report.cached == 2 and report.extracted == 0


def test_removed_source_removes_its_briefing_and_references(tmp_path: Path):
    root = copy_project(tmp_path)
    config = load_config(root)
    build(config, html=False)
    page = briefing_page(root / "docs", "000_34803b59c0fdaac2.txt")
    (root / "seeds" / "000_34803b59c0fdaac2.txt").unlink()
    _, report = build(config, html=False)
    assert f"briefings/{page.name}" in report.removed and not page.exists()
    assert "actors/jakub-kumoch.md" in report.removed
    assert "Kumoch" not in (root / "docs" / "timeline" / "index.md").read_text()


def test_a_generated_page_edited_by_hand_is_kept(tmp_path: Path):
    config = load_config(copy_project(tmp_path))
    write_pages(config, {"briefings/x.md": "---\ngenerator: briefings\n---\nold\n"}, Report())
    page = config.docs / "briefings" / "x.md"
    page.write_text("my notes\n", encoding="utf-8")
    report = Report()
    write_pages(config, {"briefings/x.md": "---\ngenerator: briefings\n---\nnew\n"}, report)
    assert page.read_text() == "my notes\n" and report.kept == ["briefings/x.md"]
    write_pages(config, {}, Report())
    assert page.exists()


def test_a_bad_source_fails_alone(tmp_path: Path):
    root = copy_project(tmp_path)
    (root / "seeds" / "empty.txt").write_text("", encoding="utf-8")
    (root / "seeds" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _, report = build(load_config(root), html=False)
    assert report.briefings == 2
    messages = sorted(str(f) for f in report.failures)
    assert messages == ["seeds/empty.txt: file is empty", "seeds/image.txt: file is a PNG image, not text"]


def test_unknown_setting_is_a_clear_error(tmp_path: Path):
    from generator.errors import UserError

    root = copy_project(tmp_path)
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("home_items: 20", "home_itemz: 20"))
    with pytest.raises(UserError, match="unknown setting 'home_itemz'"):
        load_config(root)
