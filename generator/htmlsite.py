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
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import fingerprint, fs
from . import state as store
from .config import Config

# Files outside docs/ whose change changes every page: a full build follows.
SITE_INPUTS = ("mkdocs.yml", "overrides", "theme")
DIRTY_WARNING = "A 'dirty' build is being performed"
# A full build of at least this many pages is split between processes, at most this many
# (one per core): 7,621 pages took 117 s in one MkDocs process on the 2-core reference machine.
SHARD_MIN_PAGES = 200
MAX_SHARDS = 4
# Compiled theme templates, shared by the MkDocs processes of all builds (in the cache folder):
# compiling Material's templates took about 1 s of every MkDocs process, a dirty one included.
JINJA_CACHE = "jinja"
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
    search: dict | None = None  # what the live site's search index holds (search.Records)


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
    return not clean and not search_plugin(config) and site.is_dir() and state.get("stamp") == stamp_now \
        and state.get("site") == site_identity(site) and isinstance(state.get("files"), dict)


def plan(config: Config, strict: bool = True, clean: bool = False) -> Plan:
    """Full, dirty or no build, from the state the last successful build left."""
    now = docs_snapshot(config.docs)
    result = Plan(mode="full", stamp=stamp(config, strict), files=now, strict=strict)
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
    if todo.mode != "full" or sum(rel.endswith(".md") for rel in todo.files) < SHARD_MIN_PAGES:
        return 1
    from .cores import available_cores

    return max(1, min(available_cores(), MAX_SHARDS))


def run_mkdocs(config: Config, dest: Path, todo: Plan) -> None:
    """Render docs/ into dest (a copy of the site when dirty) in child processes; raise UserError on failure.

    A full build of a large site is split between several children, each rendering
    a share of the pages (see child): MkDocs itself renders on one core.
    """
    import subprocess
    import tempfile

    from .errors import UserError

    shards = shard_count(todo)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory(prefix="briefings-mkdocs-") as work:
        procs = []
        for k in range(shards):
            spec = {"config_file": str(config.mkdocs_yml.resolve()), "site_dir": str(dest), "strict": todo.strict,
                    "jinja_cache": str((config.cache / JINJA_CACHE).resolve()),
                    "dirty": todo.mode == "dirty", "changed": todo.changed, "removed": todo.removed,
                    "shard": [k, shards] if shards > 1 else None}
            spec_file = Path(work) / f"spec-{k}.json"
            spec_file.write_text(json.dumps(spec), encoding="utf-8")
            err = open(Path(work) / f"stderr-{k}.txt", "w+", encoding="utf-8")
            procs.append((subprocess.Popen([sys.executable, "-m", "generator.htmlsite", str(spec_file)],
                                           cwd=config.root, env=env, stdout=subprocess.DEVNULL, stderr=err,
                                           text=True), err))
        failed = []
        for proc, err in procs:
            proc.wait()
            err.seek(0)
            if proc.returncode != 0:
                failed.append(err.read())
            err.close()
    if failed:
        detail = " | ".join(ln for ln in failed[0].splitlines() if ln.strip())[-800:]
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


def render_share(cfg, k: int, n: int) -> None:
    """Make this MkDocs build render share k of n of the pages (by a hash of their path).

    Every share reads the whole docs/ folder and builds the same navigation; share 0
    also copies the static files and writes the theme's own pages (404, sitemap). MkDocs
    checks a link's #anchor only when the target page is in the same share.
    """
    import zlib

    from mkdocs.structure.files import File

    def is_modified(file) -> bool:
        if file.is_documentation_page():
            return zlib.crc32(file.src_uri.encode("utf-8", "surrogatepass")) % n == k
        return k == 0

    File.is_modified = is_modified
    if k != 0:
        cfg.theme.static_templates.clear()


def cache_templates(folder: str) -> None:
    """Keep the theme's compiled templates in folder (Jinja checks each against its source)."""
    import jinja2
    from mkdocs.theme import Theme

    os.makedirs(folder, exist_ok=True)
    cache = jinja2.FileSystemBytecodeCache(folder)
    make_env = Theme.get_env

    def get_env(self):
        env = make_env(self)
        env.bytecode_cache = cache
        return env

    Theme.get_env = get_env


def child(spec_file: str) -> int:
    """Run one MkDocs build as the spec says (the body of `python -m generator.htmlsite`)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    logging.getLogger("mkdocs.commands.build").addFilter(lambda r: DIRTY_WARNING not in r.getMessage())
    spec = json.loads(Path(spec_file).read_text(encoding="utf-8"))
    guard_hard_links()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if spec.get("jinja_cache"):
        cache_templates(spec["jinja_cache"])
    cfg = load_config(spec["config_file"], strict=spec["strict"], site_dir=spec["site_dir"])
    if spec["dirty"]:
        drop_outputs(cfg, spec["changed"] + spec["removed"])
    dirty = spec["dirty"]
    if spec.get("shard"):
        render_share(cfg, *spec["shard"])
        dirty = True  # MkDocs' dirty build renders only the pages File.is_modified names
    try:
        cfg.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(cfg, dirty=dirty)
        finally:
            cfg.plugins.on_shutdown()
    except MkDocsException as e:
        print(f"ERROR - {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(child(sys.argv[1]))
