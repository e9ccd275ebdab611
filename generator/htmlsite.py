"""docs/ -> HTML, incrementally: plan what changed since the last site, run MkDocs on it.

    plan(config, strict) -> Plan           full build, dirty build, or nothing to do
    link_copy(site, dest)                   the current site as hard links (no bytes copied)
    run_mkdocs(config, dest, plan)          MkDocs in a child process (python -m generator.htmlsite)

A dirty build starts from a hard-link copy of the live site in a temporary
folder and re-renders only the pages whose Markdown changed since the last
build (the page writer rewrites a page, and so changes its mtime, only when its
text changes). The child process guards the hard links: any file it opens for
writing that is shared with the live site is first unlinked, so the live site is
never written in place and an interrupted build leaves it as it was. MkDocs' own
search plugin writes one index of the pages it rendered, so with it every build
is full (the site uses Pagefind, which indexes the finished folder).
"""
from __future__ import annotations

import builtins
import hashlib
import json
import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config

STATE = "site-state.json"
# Files outside docs/ whose change changes every page: a full build follows.
SITE_INPUTS = ("mkdocs.yml", "overrides", "theme")
# Code whose change changes the HTML or the search index.
CODE = ("build.py", "htmlsite.py", "search.py")
DIRTY_WARNING = "A 'dirty' build is being performed"
# A temporary build folder older than this was left by a killed build (seconds).
STALE_BUILD_SECONDS = 3600


@dataclass
class Plan:
    """What the HTML step has to do."""

    mode: str  # "full", "dirty" or "unchanged"
    stamp: str
    files: dict[str, int]  # docs/ file -> mtime_ns, as they are now
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    strict: bool = True


def docs_snapshot(docs: Path) -> dict[str, int]:
    """Every file under docs/ (hidden ones skipped, as MkDocs does) with its mtime in ns."""
    found: dict[str, int] = {}
    stack = [docs]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=True):
                stack.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=True):
                found[Path(entry.path).relative_to(docs).as_posix()] = entry.stat().st_mtime_ns
    return found


def stamp(config: Config, strict: bool) -> str:
    """A hash of everything besides docs/ that the HTML depends on."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(f"strict={strict}".encode())
    for package in ("mkdocs", "mkdocs-material", "pagefind"):
        try:
            h.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            pass
    here = Path(__file__).resolve().parent
    inputs = [config.root / name for name in SITE_INPUTS] + [here / name for name in CODE]
    for path in inputs:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                h.update(f"{file.relative_to(config.root if path.parent == config.root else here)}".encode())
                h.update(file.read_bytes())
    return h.hexdigest()[:16]


def site_identity(site: Path) -> list[int]:
    st = site.stat()
    return [st.st_ino, st.st_mtime_ns]


def load_state(config: Config) -> dict:
    try:
        return json.loads((config.cache / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def plan(config: Config, strict: bool = True, clean: bool = False) -> Plan:
    """Full, dirty or no build, from the state the last successful build left."""
    now = docs_snapshot(config.docs)
    result = Plan(mode="full", stamp=stamp(config, strict), files=now, strict=strict)
    state = load_state(config)
    site = config.site
    if clean or search_plugin(config) or not site.is_dir() or state.get("stamp") != result.stamp \
            or state.get("site") != site_identity(site) or not isinstance(state.get("files"), dict):
        return result
    before: dict[str, int] = state["files"]
    result.changed = sorted(rel for rel, mtime in now.items() if before.get(rel) != mtime)
    result.removed = sorted(set(before) - set(now))
    result.mode = "dirty" if result.changed or result.removed else "unchanged"
    return result


def save_state(config: Config, done: Plan) -> None:
    from .build import write_atomic

    write_atomic(config.cache / STATE, json.dumps(
        {"stamp": done.stamp, "site": site_identity(config.site), "files": done.files}))


def link_copy(site: Path, dest: Path) -> int:
    """Fill dest with hard links to every file of site; return how many."""
    count = 0
    for folder, dirs, files in os.walk(site):
        target = dest / Path(folder).relative_to(site)
        target.mkdir(exist_ok=True)
        for name in files:
            os.link(Path(folder) / name, target / name)
            count += 1
    return count


def run_mkdocs(config: Config, dest: Path, todo: Plan) -> None:
    """Render docs/ into dest (a copy of the site when dirty) in a child process; raise UserError on failure."""
    import subprocess
    import tempfile

    from .errors import UserError

    spec = {"config_file": str(config.mkdocs_yml.resolve()), "site_dir": str(dest), "strict": todo.strict,
            "dirty": todo.mode == "dirty", "changed": todo.changed, "removed": todo.removed}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory(prefix="briefings-mkdocs-") as work:
        spec_file = Path(work) / "spec.json"
        spec_file.write_text(json.dumps(spec), encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "generator.htmlsite", str(spec_file)], cwd=config.root,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        detail = " | ".join(ln for ln in proc.stderr.splitlines() if ln.strip())[-800:]
        raise UserError(f"mkdocs build failed; the previous site is kept: {detail}")


def search_plugin(config: Config) -> bool:
    """Whether mkdocs.yml enables MkDocs' own search plugin (its one index file needs a full build)."""
    import yaml

    from .config import _TolerantLoader

    try:
        data = yaml.load(config.mkdocs_yml.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, yaml.YAMLError):
        return True
    plugins = data.get("plugins", ["search"]) if isinstance(data, dict) else []
    names = [next(iter(p)) if isinstance(p, dict) else p for p in plugins or []]
    return "search" in names


def remove_stale_builds(site: Path) -> None:
    """Delete the temporary folders of builds that were killed long ago."""
    cutoff = time.time() - STALE_BUILD_SECONDS
    for old in site.parent.glob(f".{site.name}-building-*"):
        try:
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass


# ------------------------------------------------------------ in the child process
def guard_hard_links() -> None:
    """Make every open-for-writing of a shared (hard-linked) file write a new file instead."""
    real_open = builtins.open

    def safe_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and any(c in mode for c in "wax+"):
            try:
                shared = os.stat(file).st_nlink > 1
            except OSError:
                shared = False
            if shared:
                if "w" in mode or "x" in mode:
                    os.unlink(file)
                else:  # appending or updating: work on a private copy
                    tmp = f"{os.fsdecode(file)}.unshared"
                    shutil.copy2(file, tmp)
                    os.replace(tmp, file)
        return real_open(file, mode, *args, **kwargs)

    builtins.open = safe_open


def drop_outputs(cfg, rels: list[str]) -> None:
    """Delete the output files of these docs/ files, so that they are rendered (or gone)."""
    from mkdocs.structure.files import File

    site = Path(cfg.site_dir)
    for rel in rels:
        out = Path(File(rel, cfg.docs_dir, cfg.site_dir, cfg.use_directory_urls).abs_dest_path)
        if out.is_file():
            out.unlink()
            folder = out.parent
            while folder != site and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


def child(spec_file: str) -> int:
    """Run one MkDocs build as the spec says (the body of `python -m generator.htmlsite`)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    logging.getLogger("mkdocs.commands.build").addFilter(lambda r: DIRTY_WARNING not in r.getMessage())
    spec = json.loads(Path(spec_file).read_text(encoding="utf-8"))
    guard_hard_links()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    cfg = load_config(spec["config_file"], strict=spec["strict"], site_dir=spec["site_dir"])
    if spec["dirty"]:
        drop_outputs(cfg, spec["changed"] + spec["removed"])
    try:
        cfg.plugins.on_startup(command="build", dirty=spec["dirty"])
        try:
            build(cfg, dirty=spec["dirty"])
        finally:
            cfg.plugins.on_shutdown()
    except MkDocsException as e:
        print(f"ERROR - {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(child(sys.argv[1]))
