"""Golden files: every page `briefings build` writes under docs/, and `briefings extract`.

Two sets, each built fresh in a temporary copy of the project (Markdown only:
the HTML build leaves docs/ as it is):

- tests/golden/seeds/: the two seed articles. Always runs.
- tests/golden/bbc.sha256.json: the seeds, BBC_ARTICLES from ../shared/bench/bbc
  and one empty file (a failure for the build report). Skips when the corpus is
  absent. The BBC's text stays out of the repository (no data from ../shared
  goes into it), so this set keeps each file's SHA-256, not its text: a
  mismatch names the files that changed and leaves the new output in a folder
  to read, and the seeds set shows the same page kinds as readable diffs.

Each set holds docs/ (the generated pages, by their path under docs/) and
extract.jsonl (what `briefings extract` prints for the set's sources, in order).
After an intended change, regenerate both with `make golden` (or
`./run.sh test tests/test_golden.py --update-golden`) and review the diff.

Nothing here is normalised: the output must not depend on the day, the folder,
the hash seed or the number of cores. The sources are given to the build and to
`extract` by paths relative to the project (as a user types them), and the
build reads them in the order of their paths.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED, copy_project

GOLDEN = Path(__file__).resolve().parent / "golden"
BBC = SHARED / "bench" / "bbc"

SEEDS = ("000_34803b59c0fdaac2.txt", "002_86d4310e58a1360b.txt")  # the project's two seed articles
# Chosen so that the site has several stories, actors named in several briefings
# and many letters: pairs that report one event (found by tf-idf cosine over the
# whole corpus, 0.6-0.9: retold, not copied), and three reports of one man's
# different acts that make no story; short enough to extract in a few seconds.
# Blair is named in the Goldsmith and Turkey stories.
BBC_ARTICLES = (
    "politics/111.txt", "politics/281.txt", "politics/333.txt",  # leaves a party, founds one, names a seat
    "politics/327.txt", "politics/328.txt",  # Goldsmith's advice on the Iraq war
    "politics/064.txt", "politics/161.txt",  # Turkey-EU talks
    "sport/226.txt", "sport/232.txt",  # Wolves appoint Hoddle
)
EMPTY_SOURCE = "zz-empty.txt"  # fails to read: the build report and extract's error line

# Every kind of page the build writes, by where it is written; each set must have each.
PAGE_KINDS = {
    "home": lambda p: p == "index.md",
    "feed": lambda p: p == "feed.xml",
    "build report": lambda p: p == "build-report.md",
    "briefings index": lambda p: p == "briefings/index.md",
    "briefing": lambda p: p.startswith("briefings/") and p.count("/") == 1 and p != "briefings/index.md",
    "month": lambda p: p.startswith("briefings/months/"),
    "actors index": lambda p: p == "actors/index.md",
    "actor": lambda p: p.startswith("actors/") and p.count("/") == 1 and p != "actors/index.md",
    "letter": lambda p: p.startswith("actors/letters/"),
    "stories index": lambda p: p == "stories/index.md",
    "story": lambda p: p.startswith("stories/") and p != "stories/index.md",
    "timeline": lambda p: p == "timeline/index.md",
    "timeline month": lambda p: p.startswith("timeline/") and p != "timeline/index.md",
    "briefings data": lambda p: p == "data/briefings.jsonl",
    "quotes data": lambda p: p == "data/quotes.csv",
    "actors data": lambda p: p == "data/actors.csv",
    "calendar data": lambda p: p == "data/timeline.ics",
}

pytestmark = pytest.mark.slow


# ------------------------------------------------------------ making the output
def make_project(dest: Path, bbc: bool) -> Path:
    """A copy of the project whose seeds/ holds the set's sources (not what else seeds/ has here)."""
    root = copy_project(dest)
    for extra in sorted(set((root / "seeds").iterdir()) - {root / "seeds" / name for name in SEEDS}):
        shutil.rmtree(extra) if extra.is_dir() else extra.unlink()
    if bbc:
        for name in BBC_ARTICLES:
            shutil.copy2(BBC / name, root / "seeds" / f"bbc-{name.replace('/', '-')}")
        (root / "seeds" / EMPTY_SOURCE).write_bytes(b"")
    return root


def generated_pages(root: Path, build_it) -> dict[str, str]:
    """{path under docs/: text} of every file the build adds to docs/."""
    docs = root / "docs"
    hand_written = {p for p in docs.rglob("*") if p.is_file()}
    build_it()
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(docs.rglob("*")) if p.is_file() and p not in hand_written}


def extract_output(root: Path) -> tuple[str, str, int]:
    """stdout, stderr and exit status of `briefings extract seeds/*` run in the project."""
    files = sorted(p.relative_to(root).as_posix() for p in (root / "seeds").iterdir())
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "extract", *files], cwd=root, env=env,
                          capture_output=True, text=True, encoding="utf-8")
    return proc.stdout, proc.stderr, proc.returncode


def golden_output(dest: Path, bbc: bool) -> tuple[dict[str, str], str, int]:
    """{golden file name: text} for one set, with extract's stderr and status."""
    from generator.build import build
    from generator.config import load_config

    root = make_project(dest, bbc)
    pages = generated_pages(root, lambda: build(load_config(root), html=False, progress=False))
    stdout, stderr, status = extract_output(root)
    return {**{f"docs/{path}": text for path, text in pages.items()}, "extract.jsonl": stdout}, stderr, status


# ------------------------------------------------------------ comparing
def readable(name: str, text: str) -> list[str]:
    """Lines to diff: JSON Lines one field a line, the rest as it is."""
    if name.endswith(".jsonl"):
        return [ln for rec in text.splitlines() for ln in json.dumps(json.loads(rec), indent=1,
                                                                         ensure_ascii=False).splitlines(True)]
    return text.splitlines(True)


def first_difference(actual: dict[str, str], expected: dict[str, str], where: str) -> str | None:
    """What differs between the output and the golden files, with a diff of the first differing file."""
    missing, extra = sorted(expected.keys() - actual.keys()), sorted(actual.keys() - expected.keys())
    if missing or extra:
        return f"{where}: files not written any more: {missing}; new files: {extra}"
    for name in sorted(actual):
        if actual[name] != expected[name]:
            diff = difflib.unified_diff(readable(name, expected[name]), readable(name, actual[name]),
                                        f"{where}/{name} (golden)", f"{name} (now)", n=2)
            lines = list(diff)
            more = f"\n... {len(lines) - 80} more diff lines" if len(lines) > 80 else ""
            others = sum(actual[n] != expected[n] for n in actual) - 1
            return (f"{name} differs from {where}/{name} ({others} other files differ too); "
                    f"if the change is intended, run `make golden` and review the diff\n"
                    + "".join(lines[:80]) + more)
    return None


def read_golden(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def write_golden(folder: Path, files: dict[str, str]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def digests(files: dict[str, str]) -> dict[str, str]:
    return {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in sorted(files.items())}


def check_against_digests(files: dict[str, str], name: str, request, keep: Path) -> None:
    """Like check_against_golden, for a set whose text may not be kept in the repository."""
    path = GOLDEN / f"{name}.sha256.json"
    now = digests(files)
    if request.config.getoption("--update-golden"):
        path.write_text(json.dumps(now, indent=1) + "\n", encoding="utf-8")
    assert path.is_file(), f"no golden digests in {path}: run `make golden`"
    expected = json.loads(path.read_text(encoding="utf-8"))
    changed = sorted(n for n in expected.keys() & now.keys() if expected[n] != now[n])
    missing, extra = sorted(expected.keys() - now.keys()), sorted(now.keys() - expected.keys())
    if changed or missing or extra:
        write_golden(keep, files)
        pytest.fail(f"tests/golden/{name}.sha256.json: changed {changed}; not written any more {missing}; "
                    f"new {extra}. The output is in {keep}; if the change is intended, run `make golden`",
                    pytrace=False)


def check_against_golden(files: dict[str, str], name: str, request) -> None:
    folder = GOLDEN / name
    if request.config.getoption("--update-golden"):
        write_golden(folder, files)
    expected = read_golden(folder)
    assert expected, f"no golden files in {folder}: run `make golden`"
    problem = first_difference(files, expected, f"tests/golden/{name}")
    if problem:
        pytest.fail(problem, pytrace=False)


# ------------------------------------------------------------ the tests
@pytest.fixture(scope="module")
def seed_output(tmp_path_factory):
    return golden_output(tmp_path_factory.mktemp("golden-seeds"), bbc=False)


@pytest.fixture(scope="module")
def bbc_output(tmp_path_factory):
    if not BBC.is_dir():
        pytest.skip(f"{BBC} is absent: the BBC golden set reads its articles from there")
    return golden_output(tmp_path_factory.mktemp("golden-bbc"), bbc=True)


@pytest.mark.parametrize("fixture", ["seed_output", "bbc_output"])
def test_every_kind_of_page_is_covered(fixture, request):
    files, _, _ = request.getfixturevalue(fixture)
    pages = [name.removeprefix("docs/") for name in files if name.startswith("docs/")]
    for kind, is_kind in PAGE_KINDS.items():
        assert any(map(is_kind, pages)), f"{fixture}: no {kind} page among {pages}"
    assert all(any(is_kind(p) for is_kind in PAGE_KINDS.values()) for p in pages), \
        f"a page of a kind PAGE_KINDS does not name: {[p for p in pages if not any(k(p) for k in PAGE_KINDS.values())]}"


def test_the_seeds_match_the_golden_files(seed_output, request):
    files, stderr, status = seed_output
    assert status == 0, stderr
    check_against_golden(files, "seeds", request)


def test_the_bbc_set_matches_the_golden_files(bbc_output, request, tmp_path_factory):
    files, stderr, status = bbc_output
    assert status == 1 and f"seeds/{EMPTY_SOURCE}: file is empty" in stderr, stderr
    stories = [n for n in files if n.startswith("docs/stories/") and not n.endswith("/index.md")]
    assert len(stories) >= 3, f"the BBC set should make several stories, not {stories}"
    check_against_digests(files, "bbc", request, tmp_path_factory.mktemp("golden-bbc-now"))


@pytest.mark.parametrize("golden, now, shown", [
    ({"a.md": "x\n"}, {"a.md": "x\n"}, None),
    ({"a.md": "one\ntwo\n"}, {"a.md": "one\nthree\n"}, "-two\n+three"),
    ({"a.md": "x\n"}, {"a.md": "x\n", "b.md": "y\n"}, "new files: ['b.md']"),
    ({"a.md": "x\n", "b.md": "y\n"}, {"a.md": "x\n"}, "not written any more: ['b.md']"),
    ({"e.jsonl": '{"a": 1, "b": 2}\n'}, {"e.jsonl": '{"a": 1, "b": 3}\n'}, '- "b": 2\n+ "b": 3'),
])
def test_a_difference_shows_as_a_diff(golden, now, shown):
    found = first_difference(now, golden, "tests/golden/x")
    assert found == shown if shown is None else shown in found
