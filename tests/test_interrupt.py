"""A build killed at any moment leaves the previous or the new site whole, and no half page.

Each trial starts `python -m generator.cli build` on a project that already has
a complete site, switching between two sets of (cached) seeds so every build
really rewrites pages and the site, and kills its whole process group with
SIGKILL after a random delay.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import pytest

from .conftest import ROOT, copy_project

pytestmark = pytest.mark.slow

TRIALS = 20
PARKED = "_parked"  # find_sources skips folders starting with "_"


def run_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", "build", "--root", str(root), "-q"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def toggle_seed(root: Path) -> None:
    """Park the second seed, or bring it back: the next build has real work to do."""
    seeds, parked = root / "seeds", root / "seeds" / PARKED
    parked.mkdir(exist_ok=True)
    back = list(parked.iterdir())
    for f in back:
        f.rename(seeds / f.name)
    if not back:
        moved = sorted(p for p in seeds.iterdir() if p.is_file())[-1]
        moved.rename(parked / moved.name)




def check_html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    parser = HTMLParser()
    parser.feed(text)
    parser.close()
    assert text.rstrip().endswith("</html>"), path


def check_site(site: Path, complete_sites: list[frozenset[str]]) -> None:
    """site/ is one of the complete sites seen: its briefing pages exist and are whole."""
    assert site.is_dir(), "site/ is missing"
    check_html(site / "index.html")
    pages = frozenset(p.parent.name for p in (site / "briefings").glob("*/index.html")
                      if p.parent.name != "months")
    assert pages in complete_sites, sorted(pages)
    for page in (site / "briefings").rglob("index.html"):
        check_html(page)
    for page in (site / "actors").glob("*/index.html"):
        check_html(page)


def check_docs(docs: Path) -> None:
    """Every generated Markdown page parses and is whole."""
    for md in docs.rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        if "generator: briefings" not in text[:2000] and not text.startswith("---\n"):
            continue
        post = frontmatter.loads(text)
        assert post.metadata.get("title"), md
        assert text.endswith("\n"), md


def site_briefings(site: Path) -> frozenset[str]:
    return frozenset(p.parent.name for p in (site / "briefings").glob("*/index.html")
                     if p.parent.name != "months")


def test_killing_a_build_never_breaks_the_site(tmp_path: Path):
    root = copy_project(tmp_path)
    site = root / "site"
    complete = []
    timings = []
    for _ in range(2):  # warm the extraction cache for both seed sets; record both sites
        start = time.monotonic()
        proc = run_build(root)
        timings.append(time.monotonic() - start)
        assert proc.returncode == 0, proc.stderr
        complete.append(site_briefings(site))
        toggle_seed(root)
    proc = run_build(root)
    assert proc.returncode == 0, proc.stderr
    seconds = max(min(timings), 1.0)
    rng = random.Random(20240229)
    finished = killed = 0
    for trial in range(TRIALS):
        toggle_seed(root)
        proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--root", str(root), "-q"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            proc.wait(timeout=rng.uniform(0.05, 1.3 * seconds))
            finished += 1
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            killed += 1
        proc.stderr.close()
        check_site(site, complete)
        check_docs(root / "docs")
    assert killed >= TRIALS // 4, (killed, finished)
    # After all that, a build completes, and treats every generated page as its own.
    proc = run_build(root)
    assert proc.returncode == 0, proc.stderr
    assert "edited by hand" not in proc.stderr and "hand-written" not in proc.stderr, proc.stderr
    check_site(site, complete)
    check_docs(root / "docs")
    docs_briefings = {p.stem for p in (root / "docs" / "briefings").glob("*.md") if p.stem != "index"}
    assert site_briefings(site) == docs_briefings


def test_swap_in_is_atomic(tmp_path: Path):
    from generator.fs import swap_in

    site, new = tmp_path / "site", tmp_path / "new"
    site.mkdir()
    (site / "index.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    swap_in(new, site)
    assert (site / "index.html").read_text() == "new"
    assert not new.exists() or (new / "index.html").read_text() == "old"  # the previous site, to delete


def test_swap_in_recovers_a_site_left_between_two_renames(tmp_path: Path):
    from generator.fs import swap_in

    site, new = tmp_path / "site", tmp_path / "new"
    old = tmp_path / ".site-old"
    old.mkdir()
    (old / "index.html").write_text("previous")  # a build was stopped after site -> .site-old
    new.mkdir()
    (new / "index.html").write_text("new")
    swap_in(new, site)
    assert (site / "index.html").read_text() == "new"


def test_pages_written_by_a_stopped_build_stay_the_generators(tmp_path: Path):
    import json

    from generator.docs_writer import sha, write_pages
    from generator.report import Report
    from generator.state import Pending
    from generator.config import load_config

    config = load_config(copy_project(tmp_path))
    write_pages(config, {"briefings/x.md": "---\ngenerator: briefings\n---\nold\n"}, Report())
    # A build wrote the new page, then was killed before it saved the manifest.
    new = "---\ngenerator: briefings\n---\nnew\n"
    (config.docs / "briefings" / "x.md").write_text(new, encoding="utf-8")
    (config.cache / Pending.FILE).write_text(json.dumps({"briefings/x.md": [sha(new)]}))
    report = Report()
    write_pages(config, {"briefings/x.md": "---\ngenerator: briefings\n---\nnewer\n"}, report)
    assert report.kept == [] and report.written == ["briefings/x.md"]
    assert not (config.cache / Pending.FILE).exists()
