"""`briefings publish` against a local bare repository: what lands on gh-pages."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import copy_project

pytestmark = pytest.mark.slow

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
           "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV, "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def published(tmp_path_factory, seed_project: Path):
    """A copy of the seed project in a git repository whose origin is a local bare one, published."""
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    tmp = tmp_path_factory.mktemp("publish")
    remote = tmp / "remote.git"
    git("init", "--bare", "--initial-branch=main", str(remote), cwd=tmp)
    (tmp / "project").mkdir()
    root = copy_project(tmp / "project")
    shutil.copytree(seed_project / ".briefings-cache", root / ".briefings-cache")  # no second extraction
    git("init", "--initial-branch=main", cwd=root)
    git("add", "mkdocs.yml", "seeds", cwd=root)
    git("commit", "-m", "seeds", cwd=root)
    git("remote", "add", "origin", str(remote), cwd=root)
    git("push", "origin", "main", cwd=root)
    env = {**os.environ, **GIT_ENV, "HOME": str(tmp)}
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "publish", "--root", str(root), "-q"],
                          cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    return remote, proc.stdout


def files_on(remote: Path, branch: str = "gh-pages") -> set[str]:
    return set(git("ls-tree", "-r", "--name-only", branch, cwd=remote).split())


def test_the_whole_site_lands_on_gh_pages(published):
    remote, out = published
    files = files_on(remote)
    assert {"index.html", ".nojekyll", "feed.xml", "search/index.html"} <= files
    assert sum(1 for f in files if f.startswith("briefings/") and f.endswith("/index.html")) >= 2
    assert "pagefind/pagefind.js" in files and "pagefind/pagefind-ui.js" in files
    assert any(f.startswith("pagefind/fragment/") for f in files)
    assert any(f.startswith("pagefind/index/") for f in files)
    assert "published to origin/gh-pages" in out


def test_the_main_branch_is_left_alone(published):
    remote, _ = published
    assert files_on(remote, "main") == {"mkdocs.yml", "seeds/000_34803b59c0fdaac2.txt", "seeds/002_86d4310e58a1360b.txt"}


def test_publishing_outside_a_repository_is_a_clear_error(tmp_path: Path, seed_project: Path):
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project")
    shutil.copytree(seed_project / ".briefings-cache", root / ".briefings-cache")
    env = {**os.environ, **GIT_ENV, "HOME": str(tmp_path), "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "publish", "--root", str(root), "-q"],
                          cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "publishing failed" in proc.stderr and "git" in proc.stderr.lower()
