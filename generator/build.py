"""The build: seeds/ -> briefings -> docs/ Markdown -> site/. It writes docs/, the cache and site/.

    build(config)
      find sources -> extract (cached by content; new sources in worker processes,
      parallel.py) -> assemble the site -> render pages -> write changed pages to
      docs/ -> MkDocs on what changed, into a new folder, and the search index
      (publish.py: htmlsite.py, search.py) -> swap into site/ (fs.py)

When no source, template, setting or code changed, assembling and rendering are
skipped; when no page in docs/ changed, so is MkDocs. Per-article failures are
caught in pipeline.analyse_many; here they are collected into the report.
Hand-written files in docs/ are never touched: the generator only writes,
rewrites or deletes files it recorded in its manifest (or that carry its
`generator: briefings` mark) and that nobody has edited since.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import json
import logging
import shutil
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from . import export, htmlsite, publish
from . import nlp as nlp_mod
from .collection import place_undated
from .config import Config, site_address
from .errors import UserError
from .identity import Overrides, load_overrides
from .fs import write_atomic
from .model import GENERATED_MARK, Article, Briefing, Failure
from .parallel import analyse, available_cores, progress_bar
from .parallel import reader as model_reader
from .records import briefing_from_cache, briefing_to_cache
from .report import Report
from .render import KEEP, Renderer
from .site import Site, assemble
from .sources import SourceError, find_sources, read_source

log = logging.getLogger(__name__)

# Everything whose change can change what is extracted from the same bytes.
# tests/test_cache.py fails when extraction imports a module this list does not hash.
EXTRACTOR_FILES = ("sources.py", "clean*.py", "metadata.py", "pipeline.py", "model.py", "records.py",
                   "normal.py", "nlp.py", "ruler.py", "chrome.py", "html_*.py", "bylines.py", "extract/**/*.py")
MANIFEST = "manifest.json"
PAGES_STATE = "pages-state.json"  # what the Markdown was last made from
WORD_COUNTS = "word-counts.json"  # each article text's word counts, for grouping stories (WordCounts)
# The pages a build is about to write ({path: [sha256, ...]}); left behind only by a stopped build.
PENDING = "manifest.pending.json"
# The sources' size and mtime at the last build, with its outcome: a build that finds them all
# as they were (and code, settings and docs/ too) skips reading them (see unchanged_sources).
SOURCES_STATE = "sources-state.json"
# A source modified this close (seconds) to when the state was written may have changed within
# the file system's timestamp granularity: it is read again (git's "racy" entries).
RACY_SECONDS = 2.0


# ------------------------------------------------------------ extraction, cached by content
def extractor_version(model: str) -> str:
    """A hash of the extraction code and the model name: any change re-extracts everything."""
    h = hashlib.sha256(model.encode())
    here = Path(__file__).resolve().parent
    for pattern in EXTRACTOR_FILES:
        for path in sorted(here.glob(pattern)):
            h.update(path.relative_to(here).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_path(config: Config, digest: str, version: str) -> Path:
    """Where the extraction of a source with these bytes (front matter included) is kept."""
    return config.cache / "extract" / version / digest[:2] / f"{digest}.json"


def prune_cache(config: Config, version: str) -> None:
    """Drop the entries of other extractor versions: nothing will ever read them again."""
    folder = config.cache / "extract"
    if folder.is_dir():
        for old in folder.iterdir():
            if old.name != version:
                shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)


def from_cache(path: Path, source) -> Briefing | None:
    """The cached Briefing (or failure) for source, or None when there is no usable entry."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        log.debug("cache entry %s unreadable; extracting again", path)
        return None
    try:
        if "error" in data:
            return Briefing(source=source, article=Article(body=""), error=str(data["error"]))
        return briefing_from_cache(data, source)
    except (ValueError, KeyError, TypeError, AttributeError):
        log.debug("cache entry %s unreadable; extracting again", path)
        return None


def extract_all(config: Config, paths: list[Path], report: Report,
                progress: bool | None = None) -> list[Briefing]:
    """Briefings for every source: from the cache when its bytes were seen, else extracted."""
    started = time.perf_counter()
    model = config.model or nlp_mod.default_model()
    version = extractor_version(model)
    prune_cache(config, version)
    # New articles are read by a process that loads the model while this one reads the
    # sources and the cache (parallel.Reader), unless this process has the model already.
    reader = None if nlp_mod.loaded(model) else model_reader(model, max_bytes=config.max_source_bytes)
    done: dict[Path, Briefing] = {}
    sources = {}
    todo: list[tuple[Path, str]] = []
    for path in paths:
        key = path.relative_to(config.seeds).as_posix()
        try:
            source = read_source(path, config.seeds, config.max_source_bytes)
        except SourceError as e:
            report.failures.append(Failure(Path(config.seeds_dir) / key, str(e)))
            continue
        cached = from_cache(cache_path(config, source.digest, version), source)
        if cached is None:
            todo.append((path, key))
            sources[path] = source
        elif cached.error:
            report.failures.append(Failure(Path(config.seeds_dir) / key, cached.error))
        else:
            done[path] = cached
            report.cached += 1
    if todo:
        with progress_bar(len(todo), progress) as step:
            for briefing in analyse(todo, model, progress=step, max_bytes=config.max_source_bytes, reader=reader):
                keep(config, version, briefing, sources.get(briefing.source.path), report, done)
    elif reader is not None:
        reader.close()  # nothing new (a source removed): not worth a core and a model's memory
    briefings = place_undated([done[p] for p in paths if p in done], lambda text: nlp_mod.load(model)(text),
                              PlacedCache(config, version))
    report.timings["extract"] = time.perf_counter() - started
    return briefings


class PlacedCache:
    """Undated articles as re-read against a bound (collection.place_undated), kept in the cache.

    Without it every build would load the spaCy model to re-read the same few articles.
    """

    def __init__(self, config: Config, version: str):
        self.config, self.version = config, version

    def path(self, key: tuple[str, dt.date]) -> Path:
        digest, bound = key
        return cache_path(self.config, f"{digest}-placed-{bound.isoformat()}", self.version)

    def get(self, key: tuple[str, dt.date]) -> Briefing | None:
        return from_cache(self.path(key), None)

    def __setitem__(self, key: tuple[str, dt.date], briefing: Briefing) -> None:
        if not briefing.error:
            write_atomic(self.path(key), json.dumps(briefing_to_cache(briefing), ensure_ascii=False))


def keep(config: Config, version: str, briefing: Briefing, source, report: Report,
         done: dict[Path, Briefing]) -> None:
    """Record one fresh extraction: in the cache, and in done or the failures."""
    parsed = briefing.source
    if source is None or (parsed.digest and parsed.digest != source.digest):
        source = parsed  # the file changed since we read it: key the entry by what was parsed
    if briefing.error:
        report.failures.append(Failure(Path(config.seeds_dir) / parsed.key, briefing.error))
        if not briefing.error.startswith("internal error"):  # a bug fixed later must get another try
            write_atomic(cache_path(config, source.digest, version), json.dumps({"error": briefing.error}))
        return
    report.extracted += 1
    briefing = replace(briefing, source=source)
    write_atomic(cache_path(config, source.digest, version),
                 json.dumps(briefing_to_cache(briefing), ensure_ascii=False))
    done[source.path] = briefing


# ------------------------------------------------------------ writing docs/
def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def read_exact(path: Path) -> str:
    """A file's text with its line ends as they are (the data files end lines in CRLF)."""
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def load_manifest(config: Config) -> dict[str, str]:
    path = config.cache / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("files", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def is_generated(path: Path, rel: str, manifest: dict[str, str]) -> tuple[bool, bool]:
    """(ours, untouched): whether the generator wrote path, and nobody edited it since."""
    try:
        current = read_exact(path)
    except (OSError, UnicodeDecodeError):
        return False, False
    if rel in manifest:
        return True, sha(current) == manifest[rel]
    if export.is_export(rel, current):  # a data file, written by a build whose manifest is gone
        return True, True
    head = current.split("\n---", 1)[0] + "\n"  # `generator:` is the last key: its newline is cut off
    marked = current.startswith("---\n") and f"\ngenerator: {GENERATED_MARK}\n" in head
    marked = marked or f"<!-- generator: {GENERATED_MARK} -->" in current[:200]  # feed.xml
    return marked, marked


def write_pages(config: Config, pages: dict[str, str], report: Report,
                manifest: dict[str, str] | None = None) -> None:
    """Bring docs/ in line with pages, touching only files the generator owns (manifest: as loaded)."""
    manifest = load_manifest(config) if manifest is None else dict(manifest)
    journal = config.cache / PENDING
    pending = adopt_pending(config, manifest)
    for rel, text in pages.items():
        if text is not KEEP:
            pending.setdefault(rel, set()).add(sha(text))
    write_atomic(journal, json.dumps({k: sorted(v) for k, v in pending.items()}), durable=True)
    new_manifest: dict[str, str] = {}
    for rel, text in sorted(pages.items()):
        target = config.docs / rel
        if text is KEEP:  # as the last build wrote it (write_site checked)
            if rel not in manifest:
                raise RuntimeError(f"internal error: {rel} kept but not in the manifest")
            report.unchanged += 1
            new_manifest[rel] = manifest[rel]
            continue
        if target.exists():
            ours, untouched = is_generated(target, rel, manifest)
            if not ours:
                log.warning("%s is hand-written; the generated page is not written there", target)
                report.kept.append(rel)
                continue
            if not untouched:
                log.warning("%s was edited by hand; keeping your edits (delete it to regenerate)", target)
                report.kept.append(rel)
                new_manifest[rel] = manifest[rel]
                continue
            if read_exact(target) == text:
                report.unchanged += 1
                new_manifest[rel] = sha(text)
                continue
        write_atomic(target, text)
        report.written.append(rel)
        new_manifest[rel] = sha(text)
    for rel in sorted(set(manifest) - set(pages)):
        target = config.docs / rel
        ours, untouched = is_generated(target, rel, manifest) if target.exists() else (True, True)
        if target.exists() and untouched:
            target.unlink()
            report.removed.append(rel)
            prune_empty_dirs(target.parent, config.docs)
        elif target.exists():
            log.warning("%s was edited by hand and is no longer generated; keeping it", target)
    write_atomic(config.cache / MANIFEST, json.dumps({"files": new_manifest}, indent=1, sort_keys=True), durable=True)
    journal.unlink(missing_ok=True)


def adopt_pending(config: Config, manifest: dict[str, str]) -> dict[str, set[str]]:
    """Pages a stopped build wrote after its last manifest: recorded as ours, not as hand edits."""
    try:
        data = json.loads((config.cache / PENDING).read_text(encoding="utf-8"))
        pending = {str(k): {str(d) for d in v} for k, v in data.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}
    for rel, digests in pending.items():
        try:
            digest = sha(read_exact(config.docs / rel))
        except (OSError, UnicodeDecodeError):
            continue
        if digest in digests:
            manifest[rel] = digest
    return pending


def prune_empty_dirs(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


# ------------------------------------------------------------ the whole build
def build(config: Config, html: bool = True, progress: bool | None = None,
          clean: bool = False) -> tuple[Site | None, Report]:
    """Build everything; per-article failures are in the report, not raised.

    progress: show a progress bar (None: when stderr is a terminal); clean: render
    every HTML page again instead of only those whose Markdown changed. The Site is
    None when nothing changed since the last build (no page was assembled).
    """
    if not config.seeds.is_dir():
        raise UserError(f"{config.seeds}: no such folder (put article files there, or pass --seeds)")
    report = Report()
    paths = find_sources(config.seeds)
    stamp, newest = sources_stamp(config, paths)
    copy = None
    if unchanged_sources(config, stamp, report):
        site = None
    else:
        briefings = extract_all(config, paths, report, progress)
        report.briefings = len(briefings)
        # The copy of the site a dirty HTML build works in is made meanwhile, on another core.
        copy = htmlsite.start_copy(config, publish.COPY_SKIP, clean=clean) if html else None
        try:
            site = write_site(config, briefings, report)
            save_sources_state(config, stamp, newest, report)
        except BaseException:
            if copy is not None:
                copy.cancel()
                shutil.rmtree(copy.dest, ignore_errors=True)
            raise
    if html:
        started = time.perf_counter()
        report.html = publish.mkdocs_build(config, clean=clean, report=report, copy=copy)
        report.site_built = True
        report.timings["html"] = time.perf_counter() - started
    return site, report


def sources_stamp(config: Config, paths: list[Path]) -> tuple[str, int]:
    """A hash of the code, settings and extractor version and of every source's path, size and mtime;
    and the newest mtime (ns). The hash is "" when a source cannot be looked at."""
    h = hashlib.sha256(code_key(config).encode())
    h.update(extractor_version(config.model or nlp_mod.default_model()).encode())
    newest = 0
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            return "", 0
        h.update(f"{path.as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        newest = max(newest, st.st_mtime_ns)
    return h.hexdigest(), newest


def unchanged_sources(config: Config, stamp: str, report: Report) -> bool:
    """Whether nothing changed since the last build: fill the report from it and return True.

    Nothing changed when every source has the size and mtime it had (and no source came or
    went), code and settings are the same, no source was modified within RACY_SECONDS of that
    build, and docs/ is as that build left it. Then reading, hashing and looking up 2,225
    sources in the cache (3 s) would only find what is already written.
    """
    started = time.perf_counter()
    try:
        state = json.loads((config.cache / SOURCES_STATE).read_text(encoding="utf-8"))
        pages = json.loads((config.cache / PAGES_STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not stamp or not isinstance(state, dict) or not isinstance(pages, dict) or state.get("stamp") != stamp \
            or not isinstance(state.get("newest"), (int, float)) or not isinstance(state.get("at"), (int, float)) \
            or state["newest"] / 1e9 > state["at"] - RACY_SECONDS:
        return False
    if pages.get("docs") != htmlsite.docs_snapshot(config.docs):
        return False
    try:
        report.briefings = report.cached = int(state["briefings"])
        report.failures = [Failure(Path(path), str(message)) for path, message in state["failures"]]
    except (KeyError, TypeError, ValueError):
        report.briefings = report.cached = 0
        report.failures = []
        return False
    report.unchanged = len(load_manifest(config))
    report.timings["sources"] = time.perf_counter() - started
    return True


def save_sources_state(config: Config, stamp: str, newest: int, report: Report) -> None:
    """Remember the sources' stamp with the build's outcome, for unchanged_sources."""
    path = config.cache / SOURCES_STATE
    if not stamp or any(f.message.startswith("internal error") for f in report.failures):
        path.unlink(missing_ok=True)  # a failure a later build must try again
        return
    write_atomic(path, json.dumps({"stamp": stamp, "at": time.time(), "newest": newest,
                                   "briefings": report.briefings,
                                   "failures": [[str(f.path), f.message] for f in report.failures]}))


def write_site(config: Config, briefings: list[Briefing], report: Report) -> Site | None:
    """Assemble, render and write the Markdown pages, unless no input changed since last time.

    A page whose inputs (render.Renderer's fingerprint) are those of the page the
    last build wrote, still in docs/ as written, is not rendered again.
    """
    started = time.perf_counter()
    code = code_key(config)
    key = pages_key(code, briefings, report)
    state_file = config.cache / PAGES_STATE
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    docs_now = htmlsite.docs_snapshot(config.docs)
    if state.get("key") == key and state.get("docs") == docs_now:
        report.unchanged = len(load_manifest(config))
        report.timings["pages"] = time.perf_counter() - started
        return None
    memo = WordCounts(config.cache / WORD_COUNTS, code)
    with long_lived():
        site = assemble(briefings, overrides(config), memo)
        memo.save()
        report.timings["assemble"] = time.perf_counter() - started
        docs_then, before = state.get("docs") or {}, state.get("fingerprints") or {}
        manifest = load_manifest(config)

        def reuse(path: str, fingerprint: str) -> bool:
            return before.get(path) == fingerprint and path in manifest and path in docs_now \
                and docs_now[path] == docs_then.get(path)

        renderer = Renderer(site, config.root / "templates", config.home_items, reuse=reuse, code=code)
        pages = renderer.pages(report.failures, processes=available_cores())
        pages.update(export.data_files(site, site_address(config)))
    report.timings["render"] = time.perf_counter() - started - report.timings["assemble"]
    started = time.perf_counter()
    write_pages(config, pages, report, manifest)
    # any later change in docs/ (a page edited or deleted by hand) shows in the snapshot
    write_atomic(state_file, json.dumps({"key": key, "docs": htmlsite.docs_snapshot(config.docs),
                                         "fingerprints": renderer.fingerprints}))
    report.timings["write"] = time.perf_counter() - started
    return site


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """Leave the objects that exist now (the briefings, some million objects at 2,225 articles)
    out of the cycle collector's full passes until the block ends (gc.freeze, gc.unfreeze).

    They live until the build ends and hold no cycles, yet each full collection walked them
    all again: that was 40% of the assemble stage at 2,225 briefings (BBC bench corpus,
    timed with and without in one run). Objects the block makes are collected as usual.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class WordCounts(dict):
    """The word counts of the articles' texts (stories.vectors' memo), kept across builds
    for the same code; save() keeps those this build used."""

    def __init__(self, path: Path, code: str):
        self.path, self.code, self.used, self.added = path, code, set(), False
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            super().__init__(data["counts"] if data.get("code") == code else {})
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            super().__init__()

    def get(self, key, default=None):
        self.used.add(key)
        found = super().get(key)
        if not isinstance(found, dict) or not all(type(n) is int for n in found.values()):
            return default  # a damaged entry: counted again
        return found

    def __setitem__(self, key, value):
        self.used.add(key)
        self.added = True
        super().__setitem__(key, value)

    def save(self) -> None:
        if self.added or self.used != self.keys():
            write_atomic(self.path, json.dumps({"code": self.code, "counts": {k: self[k] for k in self.used}},
                                               ensure_ascii=False))


def code_key(config: Config) -> str:
    """A hash of what the pages are made with: code, templates, settings, model, actors.yml."""
    h = hashlib.sha256(repr(replace(config, root=Path("."))).encode())
    h.update((config.model or nlp_mod.default_model()).encode())
    here = Path(__file__).resolve().parent
    # Named relative to the package and the project: a project moved elsewhere keeps its pages.
    inputs = [(here, p) for p in sorted(here.rglob("*.py"))] + \
        [(config.root, p) for p in sorted((config.root / "templates").rglob("*"))] + \
        [(config.root, config.root / config.overrides_file), (config.root, config.mkdocs_yml)]
    for base, path in inputs:
        if path.is_file():
            h.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes())
    h.update(f"\0{site_address(config)}".encode())  # the data files' links
    return h.hexdigest()


def pages_key(code: str, briefings: list[Briefing], report: Report) -> str:
    """A hash of everything the Markdown pages are made from: sources, code, templates, settings."""
    h = hashlib.sha256(code.encode())
    for b in briefings:
        h.update(f"{b.source.key}\0{b.source.digest}\n".encode())
    for failure in report.failures:
        h.update(f"{failure}\n".encode())
    return h.hexdigest()


def overrides(config: Config) -> Overrides:
    path = config.root / config.overrides_file
    return load_overrides(path) if path.exists() else Overrides()

