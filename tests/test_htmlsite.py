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


def test_move_in_replaces_names_and_never_writes_a_linked_file(tmp_path: Path):
    live, copy, new = tmp_path / "live", tmp_path / "copy", tmp_path / "new"
    for rel in ("a/index.html", "b/index.html", "c.txt", "gone/index.html"):
        (live / rel).parent.mkdir(parents=True, exist_ok=True)
        (live / rel).write_text(f"old {rel}", encoding="utf-8")
    fs.link_copy(live, copy)
    for rel in ("a/index.html", "d/e/index.html", "c.txt/index.html"):  # c.txt: now a folder
        (new / rel).parent.mkdir(parents=True, exist_ok=True)
        (new / rel).write_text(f"new {rel}", encoding="utf-8")
    fs.remove_files(copy, ["gone/index.html", "not/there.html"])
    fs.move_in(new, copy)
    assert {rel: p.read_text() for rel, p in files(copy).items()} == {
        "a/index.html": "new a/index.html", "b/index.html": "old b/index.html",
        "c.txt/index.html": "new c.txt/index.html", "d/e/index.html": "new d/e/index.html"}
    assert {rel: p.read_text() for rel, p in files(live).items()} == {
        rel: f"old {rel}" for rel in ("a/index.html", "b/index.html", "c.txt", "gone/index.html")}
    assert not (copy / "gone").exists()  # the folder it left empty, gone too
    assert os.stat(copy / "b" / "index.html").st_ino == os.stat(live / "b" / "index.html").st_ino


def test_move_in_can_keep_what_is_there(tmp_path: Path):
    dest, src = tmp_path / "dest", tmp_path / "src"
    (dest / "p").mkdir(parents=True)
    (src / "p").mkdir(parents=True)
    (dest / "404.html").write_text("share 0", encoding="utf-8")
    (src / "404.html").write_text("share 1", encoding="utf-8")
    (src / "p" / "index.html").write_text("page", encoding="utf-8")
    fs.move_in(src, dest, replace=False)
    assert (dest / "404.html").read_text() == "share 0" and (dest / "p" / "index.html").read_text() == "page"


def files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def write_yml(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_part_builds_need_a_titled_nav_and_no_mkdocs_search(tmp_path: Path):
    from generator import htmlsite
    from generator.config import Config

    config = Config(root=tmp_path)
    write_yml(config.mkdocs_yml, "site_name: x\nplugins: []\nnav:\n  - Home: index.md\n"
                                 "  - Part:\n    - One: one.md\n    - Elsewhere: https://example.org/\n")
    assert htmlsite.renders_in_parts(config)
    write_yml(config.mkdocs_yml, "site_name: x\nplugins: []\nnav:\n  - Home: index.md\n  - one.md\n")
    assert not htmlsite.renders_in_parts(config)  # a title MkDocs reads from the page
    write_yml(config.mkdocs_yml, "site_name: x\nplugins: []\n")
    assert not htmlsite.renders_in_parts(config)  # the nav MkDocs makes of the pages it renders
    write_yml(config.mkdocs_yml, "site_name: x\nnav:\n  - Home: index.md\n")
    assert not htmlsite.renders_in_parts(config)  # MkDocs' own search plugin, on by default
    # What mkdocs.yml inherits counts, and it overrides what it inherits.
    write_yml(tmp_path / "base" / "common.yml", "plugins: []\nnav:\n  - Home: index.md\nhooks: [base.py]\n")
    write_yml(config.mkdocs_yml, "INHERIT: base/common.yml\nsite_name: x\n")
    assert htmlsite.renders_in_parts(config)
    assert htmlsite.settings(config)["hooks"] == ["base.py"]
    write_yml(config.mkdocs_yml, "INHERIT: base/common.yml\nsite_name: x\nhooks: [mine.py]\nplugins: [search]\n")
    assert not htmlsite.renders_in_parts(config)
    assert htmlsite.settings(config)["hooks"] == ["mine.py"]


def test_the_config_given_to_mkdocs_keeps_the_projects_hooks(tmp_path: Path):
    import json

    from generator import htmlsite
    from generator.config import Config

    config = Config(root=tmp_path)
    write_yml(config.mkdocs_yml, "site_name: x\nhooks: [hooks/mine.py]\n")
    given = json.loads(htmlsite.mkdocs_config(config, tmp_path / "out", strict=True))
    assert given == {"INHERIT": str(config.mkdocs_yml.resolve()), "site_dir": str(tmp_path / "out"),
                     "strict": True, "hooks": ["hooks/mine.py", str(htmlsite.HOOK)]}
    from generator import mkdocs_hook

    assert htmlsite.HOOK_SPEC == mkdocs_hook.SPEC and Path(mkdocs_hook.__file__).resolve() == htmlsite.HOOK


def test_mkdocs_errors_on_one_line():
    from generator import htmlsite

    stderr = ("INFO    -  Cleaning site directory\n"
              "\x1b[33mWARNING -  \x1b[0mDoc file 'a.md' contains a link 'b.md', but the target is not found.\n"
              "Aborted with 1 warnings in strict mode!\n")
    assert htmlsite.error_lines(stderr) == ("WARNING - Doc file 'a.md' contains a link 'b.md', but the target "
                                            "is not found. | Aborted with 1 warnings in strict mode!")
