"""The hard-link copy a dirty build starts from."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import fs


def tree(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("with_cp", [True, False])
def test_link_copy_links_every_file_but_the_skipped_folders(tmp_path: Path, monkeypatch, with_cp: bool):
    site = tmp_path / "site"
    for rel in ("index.html", "a/index.html", "b/c/x.txt", ".nojekyll", "pagefind/y.pf", "pagefind-new/z.pf"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    if not with_cp:
        monkeypatch.setattr(fs.shutil, "which", lambda name: None)
    dest = tmp_path / "dest"
    fs.link_copy(site, dest, skip=("pagefind", "pagefind-new"))
    expected = {rel: ino for rel, ino in tree(site).items() if not rel.startswith("pagefind")}
    assert tree(dest) == expected  # the same files, as links to the same inodes
    assert os.stat(dest / "a" / "index.html").st_nlink == 2


def test_link_copy_falls_back_to_python_when_cp_fails(tmp_path: Path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("a", encoding="utf-8")
    (site / "b.html").write_text("b", encoding="utf-8")
    dest = tmp_path / "dest"
    (dest / "a").mkdir(parents=True)
    (dest / "a" / "index.html").write_text("left over", encoding="utf-8")  # cp -al: "File exists"
    fs.link_copy(site, dest)
    assert tree(dest) == tree(site)


def test_a_started_copy_can_be_stopped(tmp_path: Path):
    import subprocess
    import time

    site = tmp_path / "site"
    for k in range(200):
        (site / f"p{k}").mkdir(parents=True)
        (site / f"p{k}" / "index.html").write_text(str(k), encoding="utf-8")
    copy = fs.LinkCopy(site, tmp_path / "dest")
    copy.wait()
    assert tree(tmp_path / "dest") == tree(site)
    copy.proc = subprocess.Popen(["sleep", "30"])  # a copy that is still running
    started = time.perf_counter()
    copy.cancel()
    assert copy.proc.returncode is not None and time.perf_counter() - started < 5
