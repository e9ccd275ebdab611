"""Shared fixtures: one spaCy pipeline and one built seed site per test session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import nlp as nlp_module

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PROJECT_FILES = ("mkdocs.yml", "docs", "templates", "overrides", "seeds", "actors.yml")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current output instead of comparing")


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline, loaded once."""
    return nlp_module.load()


def copy_project(dest: Path, seeds: Path | None = None) -> Path:
    """A copy of this project's site files (hand-written docs only) in dest."""
    for name in PROJECT_FILES:
        src = ROOT / name
        if not src.exists():
            continue
        if src.is_dir():
            # What the generator writes (README, "What the generator owns in docs/"); a home page is
            # generated or not, so it is looked at below.
            ignore = shutil.ignore_patterns("briefings", "actors", "stories", "timeline", "feed.xml",
                                            "build-report.md", "data") if name == "docs" else None
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    generated_home = dest / "docs" / "index.md"
    if generated_home.exists() and "generator: briefings" in generated_home.read_text(encoding="utf-8"):
        generated_home.unlink()
    if seeds is not None:
        shutil.rmtree(dest / "seeds")
        shutil.copytree(seeds, dest / "seeds")
    return dest


@pytest.fixture(scope="session")
def seed_project(tmp_path_factory) -> Path:
    """A fresh copy of the project with the two seed articles, built once (Markdown and HTML)."""
    from generator.build import build
    from generator.config import load_config

    root = copy_project(tmp_path_factory.mktemp("seed-project"))
    _, report = build(load_config(root))
    assert not report.failures, report.failures
    return root
