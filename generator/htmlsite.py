"""docs/ -> HTML, incrementally: plan what changed since the last site, have MkDocs render it.

    plan(config, strict) -> Plan           full build, dirty build, or nothing to do
    start_copy(config, skip)               the live site as hard links, started early for a dirty build
    render(config, plan) -> Rendered       `mkdocs build` of what the plan needs, into new folders

MkDocs only ever writes into new, empty folders: its CLI (`mkdocs build`) is given
a config that extends mkdocs.yml (INHERIT, on stdin) with a hook, mkdocs_hook.py,
that leaves out what need not be written. A dirty build renders only the docs/ files
changed since the last build (the page writer rewrites a page, and so changes its
mtime, only when its text changes); publish.py makes the new site from a hard-link
copy of the live one less the outputs of changed and removed files, with the new
files moved in. A full build of a large site is split between processes, one per
core (MkDocs renders on one), each writing a share of the pages into a folder of its
own. MkDocs' own search plugin writes one index of the pages it rendered, so with it
every build is full (the site uses Pagefind, which indexes the finished folder).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import fingerprint, fs
from . import state as store
from .config import Config
from .errors import UserError

# Files outside docs/ whose change changes every page: a full build follows.
SITE_INPUTS = ("mkdocs.yml", "overrides", "theme")
HOOK = Path(__file__).resolve().parent / "mkdocs_hook.py"
HOOK_SPEC = "BRIEFINGS_RENDER"  # the variable that names the hook's spec file (mkdocs_hook.SPEC)
# A full build of at least this many pages is split between processes, at most this many
# (one per core): 7,621 pages took 117 s in one MkDocs process on the 2-core reference machine.
SHARD_MIN_PAGES = 200
MAX_SHARDS = 4
# Compiled theme templates, shared by the MkDocs processes of all builds (in the cache folder):
# a process rendering one page of the 500-article bench site took 0.42 s of CPU with them
# against 0.61 s compiling Material's templates (median of 8 each, a loaded 2-core machine).
JINJA_CACHE = "jinja"
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # MkDocs colours its WARNING and ERROR prefixes, even in a file


@dataclass
class Plan:
    """What the HTML step has to do."""

    mode: str  # "full", "dirty" or "unchanged"
    stamp: str
    files: dict[str, int]  # docs/ file -> mtime_ns, as they are now
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    strict: bool = True
    search: dict | None = None  # what the live site's search index holds (search.Records)
    parts: bool = True  # whether MkDocs may render part of the site (renders_in_parts)


def docs_snapshot(docs: Path) -> dict[str, int]:
    """Every file under docs/ (hidden ones skipped, as MkDocs does) with its mtime in ns.

    Paths are cut from the scanned strings, not made as Path objects: a build takes three
    snapshots, and on the 3,415 files of a 1,000-article BBC site one took 32 ms with a
    Path.relative_to per file, 13 ms without.
    """
    found: dict[str, int] = {}
    root = os.path.normpath(os.fspath(docs))
    cut = len(os.path.join(root, ""))
    stack = [root]
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
                stack.append(entry.path)
            elif entry.is_file(follow_symlinks=True):
                found[entry.path[cut:].replace(os.sep, "/")] = entry.stat().st_mtime_ns
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
    h.update(fingerprint.code_hash(*fingerprint.HTML).encode())
    for path in [config.root / name for name in SITE_INPUTS]:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                h.update(f"{file.relative_to(config.root)}".encode())
                h.update(file.read_bytes())
    return h.hexdigest()[:16]


def site_identity(site: Path) -> list[int]:
    st = site.stat()
    return [st.st_ino, st.st_mtime_ns]


def load_state(config: Config) -> dict:
    found = store.load(config.cache, store.SiteState)
    return vars(found) if found is not None else {}


def reusable(config: Config, state: dict, stamp_now: str, clean: bool = False) -> bool:
    """Whether the live site can be brought up to date by rendering only what changed in docs/."""
    site = config.site
    return not clean and renders_in_parts(config) and site.is_dir() and state.get("stamp") == stamp_now \
        and state.get("site") == site_identity(site) and isinstance(state.get("files"), dict)


def plan(config: Config, strict: bool = True, clean: bool = False) -> Plan:
    """Full, dirty or no build, from the state the last successful build left."""
    now = docs_snapshot(config.docs)
    result = Plan(mode="full", stamp=stamp(config, strict), files=now, strict=strict,
                  parts=renders_in_parts(config))
    state = load_state(config)
    if not reusable(config, state, result.stamp, clean):
        return result
    before: dict[str, int] = state["files"]
    result.search = state.get("search")
    result.changed = sorted(rel for rel, mtime in now.items() if before.get(rel) != mtime)
    result.removed = sorted(set(before) - set(now))
    result.mode = "dirty" if result.changed or result.removed else "unchanged"
    return result


def save_state(config: Config, done: Plan, search: dict | None = None) -> None:
    store.save(config.cache, store.SiteState(done.stamp, site_identity(config.site), done.files, search))


def start_copy(config: Config, skip: tuple[str, ...], strict: bool = True, clean: bool = False) -> fs.LinkCopy | None:
    """Start the hard-link copy of the live site that a dirty HTML build works in, or None
    when the build cannot be dirty (no site, other settings, theme or code).

    A rebuild starts it before it assembles and renders its pages: cp works on another
    core meanwhile (1.4 s for the 2,225-article site). If the build is not dirty after
    all (nothing in docs/ changed), mkdocs_build drops the copy.
    """
    if not reusable(config, load_state(config), stamp(config, strict), clean):
        return None
    site = config.site.resolve()
    return fs.LinkCopy(site, fs.build_folder(site), skip)


def shard_count(todo: Plan) -> int:
    """How many MkDocs processes a build runs: one per core for a full build of a large site."""
    if todo.mode != "full" or not todo.parts or sum(rel.endswith(".md") for rel in todo.files) < SHARD_MIN_PAGES:
        return 1
    from .cores import available_cores

    return max(1, min(available_cores(), MAX_SHARDS))


@dataclass(frozen=True)
class Rendered:
    """What MkDocs wrote: a new folder beside the site, and for a dirty build the live site's
    files it replaces or deletes (the outputs of the changed and removed docs/ files)."""

    folder: Path
    stale: tuple[str, ...]


def render(config: Config, todo: Plan) -> Rendered:
    """Run `mkdocs build` for what todo needs into new folders (merged into one); raise UserError on failure."""
    site = config.site.resolve()
    shards = shard_count(todo)
    folders = [fs.build_folder(site) for _ in range(shards)]
    try:
        with tempfile.TemporaryDirectory(prefix="briefings-mkdocs-") as work:
            outputs = Path(work) / "outputs.json"
            specs = [{"jinja_cache": str((config.cache / JINJA_CACHE).resolve())} for _ in folders]
            if todo.mode == "dirty":
                specs[0].update(only=todo.changed, removed=todo.removed, outputs=str(outputs))
            elif shards > 1:
                for k, spec in enumerate(specs):
                    spec["share"] = [k, shards]
            run_mkdocs(config, folders, specs, todo.strict, Path(work))
            stale = tuple(json.loads(outputs.read_text(encoding="utf-8"))) if todo.mode == "dirty" else ()
        for other in folders[1:]:  # the pages of the other shares; share 0 wrote the rest
            fs.move_in(other, folders[0], replace=False)
            shutil.rmtree(other)
    except BaseException:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return Rendered(folders[0], stale)


def run_mkdocs(config: Config, folders: list[Path], specs: list[dict], strict: bool, work: Path) -> None:
    """One `mkdocs build` per folder, at the same time, each told by its spec what to write."""
    procs = []
    try:
        for k, (folder, spec) in enumerate(zip(folders, specs)):
            spec_file = work / f"spec-{k}.json"
            spec_file.write_text(json.dumps(spec), encoding="utf-8")
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", HOOK_SPEC: str(spec_file)}
            err = open(work / f"stderr-{k}.txt", "w+", encoding="utf-8")
            proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--config-file", "-"],
                                    cwd=config.mkdocs_yml.resolve().parent, env=env, stdin=subprocess.PIPE,
                                    stdout=subprocess.DEVNULL, stderr=err, text=True)
            procs.append((proc, err))
            proc.stdin.write(mkdocs_config(config, folder, strict))
            proc.stdin.close()
        failed = []
        for proc, err in procs:
            proc.wait()
            if proc.returncode != 0:
                err.seek(0)
                failed.append(err.read())
    finally:
        for proc, err in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            err.close()
    if failed:
        raise UserError(f"mkdocs build failed; the previous site is kept: {error_lines(failed[0])}")


def mkdocs_config(config: Config, site_dir: Path, strict: bool) -> str:
    """The config MkDocs is given: mkdocs.yml (INHERIT) with the hook added and the site folder set.

    It comes on stdin, so relative paths in mkdocs.yml resolve against MkDocs' working
    folder, that of mkdocs.yml, as they would against the file. Its `hooks:` list replaces
    the inherited one, so it names mkdocs.yml's hooks too. JSON is YAML.
    """
    hooks = [*(settings(config).get("hooks") or []), str(HOOK)]
    return json.dumps({"INHERIT": str(config.mkdocs_yml.resolve()), "site_dir": str(site_dir),
                       "strict": strict, "hooks": hooks})


def error_lines(stderr: str) -> str:
    """MkDocs' warnings and errors (or the end of what it printed) on one line."""
    lines = [ANSI.sub("", ln).strip() for ln in stderr.splitlines()]
    lines = [ln for ln in lines if ln]
    problems = [ln for ln in lines if ln.startswith(("WARNING", "ERROR", "Aborted"))] or lines[-5:]
    return " | ".join(re.sub(r"\s+", " ", ln) for ln in problems)[-800:]


def settings(config: Config) -> dict:
    """mkdocs.yml's top-level settings, with those of the files it inherits from (INHERIT) beneath."""
    import yaml

    from .config import _TolerantLoader

    merged: dict = {}
    path, seen = config.mkdocs_yml, set()
    while path not in seen:
        seen.add(path)
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        except (OSError, yaml.YAMLError):
            return {"unreadable": True}
        if not isinstance(data, dict):
            return {"unreadable": True}
        merged = {**data, **merged}
        if not isinstance(data.get("INHERIT"), str):
            break
        path = (path.parent / data["INHERIT"]).resolve()
    return merged


def renders_in_parts(config: Config) -> bool:
    """Whether MkDocs may render part of the site: mkdocs.yml states the nav, with a title for each
    page (a page left out is not read, so its title must come from there), and does not use
    MkDocs' own search plugin (its one index lists the pages rendered)."""
    data = settings(config)
    plugins = data.get("plugins", ["search"])
    names = [next(iter(p)) if isinstance(p, dict) else p for p in plugins or []]
    return not data.get("unreadable") and "search" not in names and titled(data.get("nav"))


def titled(nav: object) -> bool:
    """Whether every page of a `nav:` setting has its title there."""
    if isinstance(nav, list) and nav:
        return all(isinstance(item, dict) and len(item) == 1 and all(
            isinstance(v, str) or titled(v) for v in item.values()) for item in nav)
    return False
