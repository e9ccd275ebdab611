"""Incremental site builds: only changed pages are rendered, the live site is never written in place."""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from generator import build as build_mod
from generator import fs, htmlsite, search
from generator.build import build
from generator.config import load_config
from generator.errors import UserError

from generator.search_probe import searches

from .conftest import copy_project

pytestmark = pytest.mark.slow

NEW = ("Storm closes Cornwall ferry\n\nA storm closed the Penzance ferry on Tuesday, the operator "
       "Isles of Scilly Steamship said. Captain Maria Lowe said crossings would resume on Friday.\n")


def html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of the site but the search index (Pagefind orders a filter's values differently
    from one run to the next)."""
    skip = (search.BUNDLE, search.DELTA, search.MERGE)
    return {rel: p.read_bytes() for p in site.rglob("*") if p.is_file()
            for rel in [p.relative_to(site).as_posix()] if rel.split("/")[0] not in skip}


def sitemap_urls(site: Path) -> list[str]:
    """The pages sitemap.xml lists, checked against sitemap.xml.gz."""
    import gzip
    import xml.etree.ElementTree as ET

    text = (site / "sitemap.xml").read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == text
    return [loc.text for loc in ET.fromstring(text).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def page_urls(site: Path, site_url: str) -> list[str]:
    """The address of every page the site holds (one index.html per page: directory URLs)."""
    return sorted(site_url + p.parent.relative_to(site).as_posix().removeprefix(".") + "/" * (p.parent != site)
                  for p in site.rglob("index.html") if search.BUNDLE not in p.parts)


def page_of(docs: Path, source_file: str) -> str:
    for page in (docs / "briefings").glob("*.md"):
        if f"source_file: {source_file}" in page.read_text(encoding="utf-8"):
            return page.stem
    raise AssertionError(f"no briefing for {source_file}")


def found(site: Path, *terms: str) -> dict[str, list[str]]:
    """The pages (URLs, best first) the site's search finds for each term, asked of Pagefind's JS API
    in Chromium with the bundles merged as the search page merges them."""
    urls = searches(site, list(terms))
    if urls is None:
        pytest.skip("the search index is asked through Chromium and Playwright, which are missing")
    for term, pages in urls.items():
        assert len(pages) == len(set(pages)), (term, pages)  # never a page twice
    return urls


def records(project: Path) -> search.Records:
    """What the last build's state says the search index holds."""
    return search.Records.from_json(htmlsite.load_state(load_config(project))["search"])


def records_now(site: Path) -> dict[str, str]:
    """Every indexed page of the site -> its record key (what Pagefind indexes of it)."""
    keys = {p.relative_to(site).as_posix(): search.key_of(p) for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] not in (search.BUNDLE, search.DELTA)}
    return {page: key for page, key in keys.items() if key}


SITE_URL = "https://example.org/news/"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr("generator.extraction.extractor_version", lambda model: "pinned-for-tests")
    monkeypatch.setenv("BRIEFINGS_SITE_URL", SITE_URL)  # mkdocs.yml: the sitemap's addresses
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # MkDocs' build date: one for every build
    (tmp_path / "project").mkdir()
    return copy_project(tmp_path / "project")


def test_adding_and_removing_a_source_renders_only_what_changed(project: Path, tmp_path: Path):
    config = load_config(project)
    site = project / "site"
    assert build(config, progress=False)[1].html == "full"
    assert build(config, progress=False)[1].html == "unchanged"
    before = {rel: (site / rel).stat().st_ino for rel in html_files(site)}
    live = site_files(site)
    fs.link_copy(site, tmp_path / "live")  # the live site's files themselves (the same inodes)

    (project / "seeds" / "zz_storm.txt").write_text(NEW, encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.html == "dirty"
    slug = page_of(project / "docs", "zz_storm.txt")
    assert (site / "briefings" / slug / "index.html").is_file()
    assert f"/briefings/{slug}/" in found(site, "Penzance")["Penzance"]
    assert site_files(tmp_path / "live") == live  # not one file of the live site written in place
    after = {rel: (site / rel).stat().st_ino for rel in html_files(site)}
    rerendered = {rel for rel in before if after.get(rel) != before[rel]}
    untouched = set(before) - rerendered
    assert any(rel.startswith("briefings/") and rel != "briefings/index.html" for rel in untouched)
    assert "about/index.html" in untouched

    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("site", ".briefings-cache"))
    build(load_config(clean), progress=False)
    assert site_files(site) == site_files(clean / "site")  # the dirty site is the clean one
    assert sitemap_urls(site) and sorted(sitemap_urls(site)) == page_urls(site, SITE_URL)

    (project / "seeds" / "zz_storm.txt").unlink()
    _, report = build(config, progress=False)
    assert report.html == "dirty"
    assert not (site / "briefings" / slug).exists()
    assert set(html_files(site)) == set(before)
    assert sorted(sitemap_urls(site)) == page_urls(site, SITE_URL)
    assert f"/briefings/{slug}/" not in found(site, "Penzance")["Penzance"]


def test_a_changed_file_of_docs_that_is_no_page_is_copied_by_a_dirty_build(project: Path):
    config = load_config(project)
    site = project / "site"
    build(config, progress=False)
    css, about = project / "docs" / "assets" / "briefings.css", site / "about" / "index.html"
    about_inode = about.stat().st_ino
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    assert build(config, progress=False)[1].html == "dirty"
    assert (site / "assets" / "briefings.css").read_bytes() == css.read_bytes()
    assert about.stat().st_ino == about_inode  # no page rendered again
    assert (site / "assets" / "stylesheets").is_dir()  # the theme's files, kept from the live site


def test_a_rebuild_that_adds_pages_indexes_only_them(project: Path, monkeypatch):
    config = load_config(project)
    site = project / "site"
    assert build(config, progress=False)[1].search == "full"
    assert records(project).delta == [] and not (site / search.DELTA).exists()
    entry = (site / search.BUNDLE / "pagefind-entry.json").stat().st_ino
    old = records_now(site)

    # An article added: no record of the full index changes, its new pages go to the second bundle.
    (project / "seeds" / "zz_storm.txt").write_text(NEW, encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.html == "dirty" and report.search == "delta"
    assert (site / search.BUNDLE / "pagefind-entry.json").stat().st_ino == entry  # the full index kept
    now = records_now(site)
    assert {page: now.get(page) for page in old} == old
    slug = page_of(project / "docs", "zz_storm.txt")
    assert records(project).delta == sorted(set(now) - set(old))
    assert f"briefings/{slug}/index.html" in records(project).delta
    assert json.loads((site / search.MERGE).read_text(encoding="utf-8"))["merge"] == [f"{search.DELTA}/"]
    urls = found(site, "Penzance", "Bremmer")
    assert f"/briefings/{slug}/" in urls["Penzance"] and "/actors/ian-bremmer/" in urls["Bremmer"]

    # The added article edited: only the second bundle is made again.
    (project / "seeds" / "zz_storm.txt").write_text(NEW + "The harbour master said the storm was the worst "
                                                    "in a decade.\n", encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.search == "delta"
    assert (site / search.BUNDLE / "pagefind-entry.json").stat().st_ino == entry
    assert f"/briefings/{slug}/" in found(site, "harbour")["harbour"]

    # A page of the full index changes: the whole site is indexed again, the second bundle with it.
    seed = project / "seeds" / "000_34803b59c0fdaac2.txt"
    text = seed.read_text(encoding="utf-8")
    assert "opined on Friday" in text
    seed.write_text(text.replace("opined on Friday", "conjectured on Friday"), encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.search == "full" and not (site / search.DELTA).exists() and records(project).delta == []
    assert json.loads((site / search.MERGE).read_text(encoding="utf-8"))["merge"] == []
    briefing = f"/briefings/{page_of(project / 'docs', seed.name)}/"
    urls = found(site, "conjectured", "opined", "Penzance")
    assert briefing in urls["conjectured"] and briefing not in urls["opined"]
    assert f"/briefings/{slug}/" in urls["Penzance"]

    # Once the second bundle outgrows its share of the site, one full index again.
    monkeypatch.setattr(search, "DELTA_MIN_PAGES", 0)
    monkeypatch.setattr(search, "DELTA_SHARE", 0.0)
    (project / "seeds" / "zz_storm.txt").unlink()
    (project / "seeds" / "zz_storm2.txt").write_text(NEW.replace("Storm closes", "Gale shuts"), encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.search == "full" and not (site / search.DELTA).exists()


def age(folder: Path, seconds: float = 60) -> None:
    """Give every file under folder an mtime this long ago (out of the racy window)."""
    then = time.time() - seconds
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


def test_a_build_with_no_source_changed_reads_none_and_keeps_what_it_found(project: Path, monkeypatch):
    config = load_config(project)
    (project / "seeds" / "empty.txt").write_text("   \n", encoding="utf-8")  # fails: no article text
    age(project / "seeds")
    reads = []
    extract_all = build_mod.extract_all
    monkeypatch.setattr(build_mod, "extract_all", lambda *a, **k: reads.append(1) or extract_all(*a, **k))
    _, first = build(config, progress=False)
    assert len(first.failures) == 1 and first.briefings == 2
    _, again = build(config, progress=False)
    assert len(reads) == 1 and "sources" in again.timings  # not one source read
    assert (again.briefings, again.cached, again.extracted, again.html) == (2, 2, 0, "unchanged")
    assert [str(f) for f in again.failures] == [str(f) for f in first.failures]  # still reported

    # A generated page deleted by hand: the sources are read, the page written again.
    page = next((project / "docs" / "briefings").glob("*.md"))
    page.unlink()
    build(config, progress=False)
    assert len(reads) == 2 and page.is_file()

    # A source changed: read again (its size changed; its mtime is new).
    seed = project / "seeds" / "000_34803b59c0fdaac2.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("opined on Friday", "said on Friday"),
                    encoding="utf-8")
    # Its mtime a minute ahead: still within RACY_SECONDS of the end of the build however long a
    # loaded machine makes the build (with the write's own mtime, a build past 2 s made this flaky).
    ahead = time.time() + 60
    os.utime(seed, (ahead, ahead))
    _, report = build(config, progress=False)
    assert len(reads) == 3 and report.extracted == 1
    # Modified within RACY_SECONDS of that build: not trusted, read again.
    build(config, progress=False)
    assert len(reads) == 4


def test_an_interrupted_build_leaves_the_previous_site(project: Path, monkeypatch):
    config = load_config(project)
    build(config, progress=False)
    site = project / "site"
    before = html_files(site)
    (project / "seeds" / "zz_storm.txt").write_text(NEW, encoding="utf-8")

    def interrupted(*args) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_mod.publish.search, "update_index", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(config, progress=False)
    assert html_files(site) == before
    assert not list(project.glob(".site-*"))
    monkeypatch.undo()
    monkeypatch.setattr("generator.extraction.extractor_version", lambda model: "pinned-for-tests")
    _, report = build(config, progress=False)
    assert report.html == "dirty" and len(html_files(site)) > len(before)


def test_a_failing_mkdocs_keeps_the_site_and_a_settings_change_renders_everything(project: Path):
    config = load_config(project)
    build(config, progress=False)
    site = project / "site"
    before = html_files(site)
    (project / "docs" / "broken.md").write_text("[missing](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(UserError, match="previous site is kept") as failed:
        build(config, progress=False)
    assert "'nowhere.md'" in str(failed.value) and "\n" not in str(failed.value)  # MkDocs' warning, one line
    assert html_files(site) == before
    (project / "docs" / "broken.md").unlink()
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("site_name: Briefings", "site_name: News desk"),
                   encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.html == "full"
    assert b"News desk" in (site / "about" / "index.html").read_bytes()


def test_a_full_build_split_between_processes_is_the_one_process_build(project: Path, tmp_path: Path, monkeypatch):
    from generator import cores, htmlsite

    config = load_config(project)
    build(config, progress=False)
    one = site_files(project / "site")
    assert (project / "site" / "assets" / "briefings.css").is_file()
    assert htmlsite.shard_count(htmlsite.plan(config, clean=True)) == 1  # a small site: one process
    monkeypatch.setattr(htmlsite, "SHARD_MIN_PAGES", 1)
    monkeypatch.setattr(cores, "available_cores", lambda: 3)
    todo = htmlsite.plan(config, clean=True)
    assert htmlsite.shard_count(todo) == 3
    _, report = build(config, progress=False, clean=True)
    assert report.html == "full"
    assert site_files(project / "site") == one  # the same files, byte for byte
    assert sorted(sitemap_urls(project / "site")) == page_urls(project / "site", SITE_URL)
    assert not list(project.glob(".site-building-*"))  # the shares' folders merged and gone


def test_a_project_moved_elsewhere_keeps_its_pages(tmp_path: Path):
    """The pages' fingerprints name files relative to the project: a move or a fresh checkout
    elsewhere renders nothing again, while an edited template still does."""
    from generator.pages import code_key

    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    copy_project(first), copy_project(second)
    assert code_key(load_config(first.resolve())) == code_key(load_config(second.resolve()))
    template = second / "templates" / "briefing.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert code_key(load_config(first.resolve())) != code_key(load_config(second.resolve()))


def test_the_copy_of_the_site_is_made_during_the_rebuild_and_dropped_when_not_needed(project: Path, monkeypatch):
    from generator import htmlsite

    config = load_config(project)
    site = project / "site"
    started = []
    real = htmlsite.start_copy
    monkeypatch.setattr(htmlsite, "start_copy", lambda *a, **k: started.append(real(*a, **k)) or started[-1])
    build(config, progress=False)
    assert started == [None]  # no site yet: nothing to copy
    (project / "seeds" / "zz_storm.txt").write_text(NEW, encoding="utf-8")
    assert build(config, progress=False)[1].html == "dirty"
    assert started[-1] is not None and not started[-1].dest.exists()  # it became the site
    assert started[-1].dest.name.startswith(f".{site.name}-building-")
    # A source touched, not changed: nothing to render, the copy goes.
    seed = project / "seeds" / "zz_storm.txt"
    os.utime(seed, ns=(seed.stat().st_atime_ns, seed.stat().st_mtime_ns + 10**9))
    assert build(config, progress=False)[1].html == "unchanged"
    assert started[-1] is not None and not started[-1].dest.exists()
    assert not list(site.parent.glob(f".{site.name}-building-*"))


def test_a_live_index_other_than_the_records_say_is_made_again(project: Path):
    """The state was saved by another build than the one that made the live site's index."""
    config = load_config(project)
    site = project / "site"
    build(config, progress=False)
    bundles = json.loads((site / search.MERGE).read_text(encoding="utf-8"))
    (site / search.MERGE).write_text(json.dumps({**bundles, "version": "another"}), encoding="utf-8")
    (project / "seeds" / "zz_storm.txt").write_text(NEW, encoding="utf-8")
    assert build(config, progress=False)[1].search == "full"
    assert records(project).version == json.loads((site / search.MERGE).read_text(encoding="utf-8"))["version"]
