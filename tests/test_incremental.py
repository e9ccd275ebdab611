"""Incremental site builds: only changed pages are rendered, the live site is never written in place."""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from generator import build as build_mod
from generator import search
from generator.build import build
from generator.config import load_config
from generator.errors import UserError

from .conftest import copy_project

pytestmark = pytest.mark.slow

NEW = ("Storm closes Cornwall ferry\n\nA storm closed the Penzance ferry on Tuesday, the operator "
       "Isles of Scilly Steamship said. Captain Maria Lowe said crossings would resume on Friday.\n")


def html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def page_of(docs: Path, source_file: str) -> str:
    for page in (docs / "briefings").glob("*.md"):
        if f"source_file: {source_file}" in page.read_text(encoding="utf-8"):
            return page.stem
    raise AssertionError(f"no briefing for {source_file}")


def searchable(site: Path, url: str) -> bool:
    index = site / "search" / "search_index.json"
    if index.is_file():
        return any(d["location"].startswith(url) for d in json.loads(index.read_text())["docs"])
    return f"/{url}" in search.shown(site)


def bundles(site: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The records of the site's full search index and of its second bundle (pages changed since)."""
    added = search.fragments(site / search.DELTA) if (site / search.DELTA).is_dir() else {}
    return search.fragments(site / search.BUNDLE), added


def fresh_index(site: Path, scratch: Path) -> dict[str, str]:
    """The records one full Pagefind run over the same pages gives."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(site, scratch, ignore=shutil.ignore_patterns(search.BUNDLE, search.DELTA))
    return search.index_site(scratch).full


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr("generator.extraction.extractor_version", lambda model: "pinned-for-tests")
    (tmp_path / "project").mkdir()
    return copy_project(tmp_path / "project")


def test_adding_and_removing_a_source_renders_only_what_changed(project: Path, tmp_path: Path):
    config = load_config(project)
    site = project / "site"
    assert build(config, progress=False)[1].html == "full"
    assert build(config, progress=False)[1].html == "unchanged"
    before = {rel: (site / rel).stat().st_ino for rel in html_files(site)}
    os.link(site / "index.html", tmp_path / "live-home.html")  # the live site's file, as it was
    home_before = (tmp_path / "live-home.html").read_bytes()

    (project / "seeds" / "zz_storm.txt").write_text(NEW, encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.html == "dirty"
    slug = page_of(project / "docs", "zz_storm.txt")
    assert (site / "briefings" / slug / "index.html").is_file()
    assert searchable(site, f"briefings/{slug}/")
    assert (tmp_path / "live-home.html").read_bytes() == home_before  # not written in place
    after = {rel: (site / rel).stat().st_ino for rel in html_files(site)}
    rerendered = {rel for rel in before if after.get(rel) != before[rel]}
    untouched = set(before) - rerendered
    assert any(rel.startswith("briefings/") and rel != "briefings/index.html" for rel in untouched)
    assert "about/index.html" in untouched

    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("site", ".briefings-cache"))
    build(load_config(clean), progress=False)
    assert html_files(site) == html_files(clean / "site")  # the dirty site is the clean one

    (project / "seeds" / "zz_storm.txt").unlink()
    _, report = build(config, progress=False)
    assert report.html == "dirty"
    assert not (site / "briefings" / slug).exists()
    assert not searchable(site, f"briefings/{slug}/")
    assert set(html_files(site)) == set(before)


def test_a_rebuild_indexes_only_the_pages_it_changed(project: Path, tmp_path: Path, monkeypatch):
    config = load_config(project)
    site = project / "site"
    assert build(config, progress=False)[1].search == "full"
    full_before, added = bundles(site)
    entry = (site / search.BUNDLE / "pagefind-entry.json").stat().st_ino
    assert full_before and not added

    (project / "seeds" / "zz_storm.txt").write_text(NEW, encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.html == "dirty" and report.search == "delta"
    full, added = bundles(site)
    assert full == full_before and (site / search.BUNDLE / "pagefind-entry.json").stat().st_ino == entry
    slug = page_of(project / "docs", "zz_storm.txt")
    assert f"/briefings/{slug}/" in added and "/" not in added  # the home page is a list, not indexed
    # The two bundles hold exactly what one index of the whole site would.
    assert {**full, **added} == fresh_index(site, tmp_path / "fresh")

    # The added article edited: the second bundle is made again, the full index kept.
    (project / "seeds" / "zz_storm.txt").write_text(NEW + "The harbour master said the storm was the worst "
                                                    "in a decade.\n", encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.search == "delta"
    full, added_again = bundles(site)
    assert full == full_before and added_again != added
    assert {**full, **added_again} == fresh_index(site, tmp_path / "fresh")

    # A page of the full index changes: its new record goes to the second bundle, and the
    # search page hides its old one, which the full index keeps.
    seed = project / "seeds" / "000_34803b59c0fdaac2.txt"
    text = seed.read_text(encoding="utf-8")
    assert "opined on Friday" in text
    seed.write_text(text.replace("opined on Friday", "said on Friday"), encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.search == "delta"
    full, added = bundles(site)
    assert full == full_before and set(added) > set(added_again)
    hide = json.loads((site / search.MERGE).read_text(encoding="utf-8"))["hide"]
    changed = {url for url, name in full.items() if name.removesuffix(search.FRAGMENT) in hide}
    assert changed and changed <= set(added)
    assert all(hide[full[url].removesuffix(search.FRAGMENT)] == search.read_record(
        site / search.BUNDLE / "fragment" / full[url])["filters"] for url in changed)
    assert search.shown(site) == fresh_index(site, tmp_path / "fresh")

    # Once the second bundle and the hidden records outgrow their share, one full index again.
    monkeypatch.setattr(search, "DELTA_MIN_PAGES", 0)
    monkeypatch.setattr(search, "DELTA_SHARE", 0.0)
    seed.write_text(text.replace("opined on Friday", "remarked on Friday"), encoding="utf-8")
    _, report = build(config, progress=False)
    assert report.search == "full" and not (site / search.DELTA).exists()
    assert json.loads((site / search.MERGE).read_text(encoding="utf-8")) == {"merge": [], "hide": {}}
    assert bundles(site)[0] == fresh_index(site, tmp_path / "fresh")


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
    with pytest.raises(UserError, match="previous site is kept"):
        build(config, progress=False)
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
    one = html_files(project / "site")
    assert htmlsite.shard_count(htmlsite.plan(config, clean=True)) == 1  # a small site: one process
    monkeypatch.setattr(htmlsite, "SHARD_MIN_PAGES", 1)
    monkeypatch.setattr(cores, "available_cores", lambda: 3)
    todo = htmlsite.plan(config, clean=True)
    assert htmlsite.shard_count(todo) == 3
    _, report = build(config, progress=False, clean=True)
    assert report.html == "full"
    assert html_files(project / "site") == one
    assert (project / "site" / "sitemap.xml").is_file() and (project / "site" / "assets" / "briefings.css").is_file()


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


def test_a_live_index_that_lost_a_record_it_must_hide_is_made_again(project: Path, tmp_path: Path):
    config = load_config(project)
    site = project / "site"
    build(config, progress=False)
    seed = project / "seeds" / "000_34803b59c0fdaac2.txt"
    slug = page_of(project / "docs", seed.name)
    full, _ = bundles(site)
    (site / search.BUNDLE / "fragment" / full[f"/briefings/{slug}/"]).unlink()  # damaged by hand
    seed.write_text(seed.read_text(encoding="utf-8").replace("opined on Friday", "said on Friday"), encoding="utf-8")
    assert build(config, progress=False)[1].search == "full"
    assert search.shown(site) == fresh_index(site, tmp_path / "fresh")
