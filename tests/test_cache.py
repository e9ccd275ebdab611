"""The extraction cache: keyed by a source's bytes (front matter included) and the extractor's version."""
from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dataclasses import replace

from generator import extraction, fingerprint
from generator.build import build
from generator.extraction import cache_path, extract_all, extractor_version
from generator.report import Report
from generator.config import load_config
from generator.sources import find_sources, read_source

from .conftest import copy_project

ARTICLES = {
    "alpha.txt": "Council approves new bridge\n\nThe city council in Leeds approved a new bridge on Monday. "
                 "Mayor Anna Berg said the bridge would open in 2026.\n",
    "beta.txt": "Rail strike called off\n\nUnion leaders called off a rail strike planned for March. "
                "\"We have a deal,\" said Tom Hale, the union's general secretary.\n",
    "gamma.md": "---\ntitle: Port reopens after storm\npublished: 2024-02-01\n---\n\nThe port of Dover reopened "
                "on Thursday after a storm closed it for two days, the harbour board said.\n",
}


PINNED = "fedcba9876543210"
PACKAGE = fingerprint.PACKAGE
# Where extraction starts: analysing a source (pipeline), its cache record (records), the model (nlp),
# re-reading undated articles (collection).
EXTRACTION_ROOTS = ("pipeline", "records", "nlp", "collection")


def module_file(package: Path, dotted: str) -> Path | None:
    """The file of a module of the package named relative to it ("extract.actors"), if it is one."""
    path = package.joinpath(*dotted.split("."))
    for f in (path.with_suffix(".py"), path / "__init__.py"):
        if f.is_file():
            return f
    return None


def relative_imports(package: Path, f: Path) -> set[str]:
    """Modules of the package that f imports (relative imports, at any depth in the file)."""
    here = list(f.parent.relative_to(package).parts)
    found: set[str] = set()
    for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[:len(here) - node.level + 1] + (node.module.split(".") if node.module else [])
            for prefix in range(1, len(base) + 1):  # importing a.b.c runs a/ and a/b/ __init__ too
                found.add(".".join(base[:prefix]))
            found.update(".".join(base + [alias.name]) for alias in node.names)
    return found


def extraction_modules(package: Path = PACKAGE) -> list[Path]:
    """Every file of the package that extraction imports, directly or not (read with ast, not as
    fingerprint.imported reads them)."""
    seen: dict[str, Path] = {}
    todo = list(EXTRACTION_ROOTS)
    while todo:
        name = todo.pop()
        f = module_file(package, name) if name and name not in seen else None
        if f is not None:
            seen[name] = f
            todo.extend(relative_imports(package, f))
    return sorted(set(seen.values()))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project with three short articles, built once (Markdown only)."""
    root = copy_project(tmp_path_factory.mktemp("cache-project"))
    for old in (root / "seeds").iterdir():
        old.unlink()
    for name, text in ARTICLES.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("generator.extraction.extractor_version", lambda model: PINNED)
        report = markdown_build(root)
    assert (report.extracted, report.cached, report.failures) == (3, 0, [])
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path, monkeypatch) -> Path:
    """A copy of the built project; the extractor's version pinned (code may be edited meanwhile)."""
    monkeypatch.setattr("generator.extraction.extractor_version", lambda model: PINNED)
    root = tmp_path / "project"
    shutil.copytree(built, root)
    return root


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Keys of the sources that reach the NLP pipeline, across builds."""
    seen: list[str] = []
    real = extraction.analyse

    def spy(items, *args, **kwargs):
        seen.extend(key for _, key in items)
        return real(items, *args, **kwargs)

    monkeypatch.setattr(extraction, "analyse", spy)
    return seen


def markdown_build(root: Path) -> Report:
    return build(load_config(root), html=False, progress=False)[1]


def test_unchanged_sources_are_never_parsed_again(project: Path, parsed: list[str]):
    second = markdown_build(project)
    assert (second.extracted, second.cached, parsed) == (0, 3, [])
    assert second.written == [] and second.removed == []


@pytest.mark.parametrize("change, parsed_again", [
    (lambda s: (s / "alpha.txt").write_text(ARTICLES["alpha.txt"] + "More news.\n", encoding="utf-8"),
     ["alpha.txt"]),
    (lambda s: (s / "gamma.md").write_text(ARTICLES["gamma.md"].replace("2024-02-01", "2024-02-02"),
                                           encoding="utf-8"), ["gamma.md"]),  # front matter only
    (lambda s: (s / "beta.txt").rename(s / "renamed.txt"), []),  # same bytes, new name: cached
    (lambda s: (s / "beta.txt").touch(), []),  # a newer mtime alone changes nothing
    (lambda s: (s / "delta.txt").write_text(ARTICLES["beta.txt"], encoding="utf-8"), []),  # a copy
    (lambda s: (s / "new.txt").write_text("Storm hits coast\n\nA storm hit the coast of Cornwall.\n",
                                          encoding="utf-8"), ["new.txt"]),
])
def test_only_changed_bytes_are_parsed(project: Path, parsed: list[str], change, parsed_again):
    change(project / "seeds")
    report = markdown_build(project)
    assert parsed == parsed_again
    assert report.extracted == len(parsed_again) and not report.failures


def test_a_new_extractor_version_extracts_again_and_drops_old_entries(project: Path, parsed, monkeypatch):
    config = load_config(project)
    old = config.cache / "extract" / PINNED
    assert len(list(old.rglob("*.json"))) == 3
    monkeypatch.setattr("generator.extraction.extractor_version", lambda model: "0123456789abcdef")
    report = markdown_build(project)
    assert sorted(parsed) == sorted(ARTICLES) and report.extracted == 3
    assert not old.exists()
    assert len(list((config.cache / "extract" / "0123456789abcdef").rglob("*.json"))) == 3


def test_the_version_covers_the_model():
    assert extractor_version("en_core_web_sm") == extractor_version("en_core_web_sm")
    assert extractor_version("en_core_web_sm") != extractor_version("en_core_web_md")


def test_the_version_covers_every_module_the_extraction_imports():
    hashed = set(fingerprint.imported(*fingerprint.EXTRACTION))
    missing = sorted(f.relative_to(PACKAGE).as_posix() for f in extraction_modules() if f not in hashed)
    assert not missing, f"the extraction imports {missing}, which the extractor version does not hash"


def test_the_version_covers_every_module_an_extraction_runs(tmp_path: Path):
    """Extract two articles (one undated, re-read against a bound) in a fresh process: every module
    of the package it loaded, however it was imported, is hashed by the extractor version."""
    script = (
        "import datetime as dt, json, sys\n"
        "from pathlib import Path\n"
        "from generator import collection, nlp, pipeline, records\n"
        "model = nlp.load(nlp.default_model())\n"
        "paths = [(Path(sys.argv[1], n), n) for n in ('alpha.txt', 'beta.txt')]\n"
        "done = list(pipeline.analyse_many(paths, model))\n"
        "assert not any(b.error for b in done), [b.error for b in done]\n"
        "records.briefing_from_cache(records.briefing_to_cache(done[0]), done[0].source)\n"
        "collection.reread(done[1], dt.date(2024, 1, 1), model)\n"
        "print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items()\n"
        "                        if n.split('.')[0] == 'generator' and getattr(m, '__file__', None))))\n")
    for name in ("alpha.txt", "beta.txt"):
        (tmp_path / name).write_text(ARTICLES[name], encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(PACKAGE.parent)})
    assert proc.returncode == 0, proc.stderr
    loaded = {Path(f).resolve() for f in json.loads(proc.stdout)}
    assert PACKAGE / "extract" / "actors.py" in loaded  # the extraction did run
    hashed = set(fingerprint.imported(*fingerprint.EXTRACTION))
    missing = sorted(f.relative_to(PACKAGE).as_posix() for f in loaded - hashed)
    assert not missing, f"the extraction ran {missing}, which the extractor version does not hash"


def test_editing_any_extraction_module_changes_the_version(tmp_path: Path):
    """In a copy of the package: each module the extraction imports, edited, gives a new version."""
    shutil.copytree(PACKAGE, tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    names = [f.relative_to(PACKAGE).as_posix() for f in extraction_modules()]
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from generator.extraction import extractor_version\n"
        "before, changed = extractor_version('m'), []\n"
        "for name in sys.argv[1:]:\n"
        "    f = Path('generator', name); text = f.read_bytes()\n"
        "    f.write_bytes(text + b'\\n# edited\\n')\n"
        "    changed.append(extractor_version('m') != before)\n"
        "    f.write_bytes(text)\n"
        "print(json.dumps({'same': extractor_version('m') == before, 'changed': changed}))\n")
    proc = subprocess.run([sys.executable, "-c", script, *names], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["same"], "the version should not change when every file is back as it was"
    unchanged = [n for n, c in zip(names, result["changed"]) if not c]
    assert not unchanged, f"editing {unchanged} leaves the extractor version as it was"


@pytest.mark.parametrize("damage", ["{not json", "{}", json.dumps({"article": {"nope": 1}}), ""])
def test_a_damaged_cache_entry_is_extracted_again(project: Path, parsed: list[str], damage: str):
    config = load_config(project)
    source = read_source(project / "seeds" / "alpha.txt", config.seeds)
    entry = cache_path(config, source.digest, PINNED)
    entry.write_text(damage, encoding="utf-8")
    report = markdown_build(project)
    assert parsed == ["alpha.txt"] and report.extracted == 1 and report.cached == 2
    assert json.loads(entry.read_text(encoding="utf-8"))["article"]["title"] == "Council approves new bridge"


def test_a_cached_briefing_equals_a_fresh_one(project: Path):
    config = load_config(project)
    paths = find_sources(config.seeds)
    shutil.rmtree(config.cache)
    fresh = extract_all(config, paths, first := Report(), progress=False)
    again = extract_all(config, paths, report := Report(), progress=False)
    assert first.extracted == 3 and report.cached == 3
    assert [b.source.key for b in again] == [b.source.key for b in fresh]
    assert again == fresh


def test_removing_a_source_removes_its_briefing_and_every_reference(project: Path):
    docs = project / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    mentioning = [rel for rel, text in pages.items() if "Tom Hale" in text]
    assert mentioning, "the article's speaker should appear on some page"
    (project / "seeds" / "beta.txt").unlink()
    report = markdown_build(project)
    assert report.briefings == 2 and report.removed
    for page in docs.rglob("*.md"):
        assert "Tom Hale" not in page.read_text(encoding="utf-8"), page
        assert "Rail strike" not in page.read_text(encoding="utf-8"), page


def test_a_failure_is_remembered_but_an_internal_error_is_retried(project: Path, parsed, monkeypatch):
    (project / "seeds" / "chrome.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    first = markdown_build(project)
    failed = [str(f) for f in first.failures]
    parsed.clear()
    second = markdown_build(project)
    assert [str(f) for f in second.failures] == failed and parsed == []
    # an internal error (a bug) is not cached: the next build tries again
    real = extraction.analyse

    def broken(items, *args, **kwargs):
        for b in real(items, *args, **kwargs):
            yield replace(b, error="internal error while extracting: boom")

    (project / "seeds" / "alpha.txt").write_text(ARTICLES["alpha.txt"] + "Later.\n", encoding="utf-8")
    monkeypatch.setattr(extraction, "analyse", broken)
    assert "alpha.txt" in str(markdown_build(project).failures)
    monkeypatch.setattr(extraction, "analyse", real)
    assert markdown_build(project).extracted == 1


@pytest.mark.parametrize("n, workers", [(0, 2), (5, 2), (64, 2), (100, 2), (2224, 2), (2224, 3)])
def test_extraction_tasks_cover_every_article_in_order_with_small_last_ones(n, workers):
    from generator.parallel import CHUNK, TAIL_CHUNK, split

    items = [(Path(f"{i}.txt"), f"{i}.txt") for i in range(n)]
    tasks = split(items, workers)
    assert [item for task in tasks for item in task] == items
    assert all(0 < len(task) <= CHUNK for task in tasks)
    small = [len(task) for task in tasks[-(workers * CHUNK // TAIL_CHUNK):]]
    assert n < workers * CHUNK or all(size == TAIL_CHUNK for size in small)


@pytest.mark.parametrize("damage", ["not json", '{"code": 1}', '{"code": "%s", "counts": {"%s": {"biden": "x"}}}'])
def test_the_word_counts_are_kept_and_a_damaged_file_is_counted_again(project: Path, damage: str):
    from generator.pages import code_key
    from generator.pages import WordCounts
    from generator.state import WordCountsState
    WORD_COUNTS = WordCountsState.FILE
    from generator.story_words import entry_text, text_key

    config = load_config(project)
    new = project / "seeds" / "zz_new.txt"
    new.write_text("Storm closes Cornwall ferry. The harbour shut on Monday.\n", encoding="utf-8")
    site, _ = build(config, html=False, progress=False)
    kept = json.loads((config.cache / WORD_COUNTS).read_text(encoding="utf-8"))
    assert kept["code"] == code_key(config)
    assert set(kept["counts"]) == {text_key(entry_text(e)) for e in site.entries}
    key = text_key(entry_text(site.entries[-1]))
    if "%s" in damage:
        damage = damage % (kept["code"], key)
    (config.cache / WORD_COUNTS).write_text(damage, encoding="utf-8")
    assert WordCounts(config.cache, code_key(config)).get(key) is None  # counted again
    new.write_text("Storm closes Cornwall ferry. The harbour shut on Tuesday.\n", encoding="utf-8")
    again, _ = build(config, html=False, progress=False)
    assert [[e.key for e in s.entries] for s in again.stories] == [[e.key for e in s.entries] for s in site.stories]
    kept = json.loads((config.cache / WORD_COUNTS).read_text(encoding="utf-8"))
    assert set(kept["counts"]) == {text_key(entry_text(e)) for e in again.entries}  # the old text's gone
