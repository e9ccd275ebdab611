"""The build: seeds/ -> briefings -> docs/ Markdown -> site/. The only module that writes files.

    build(config)
      find sources -> extract (cached by content) -> assemble the site
      -> render pages -> write changed pages to docs/ -> mkdocs build -> swap into site/

Per-article failures are caught in pipeline.analyse_many; here they are
collected into the report. Hand-written files in docs/ are never touched: the
generator only writes, rewrites or deletes files it recorded in its manifest
(or that carry its `generator: briefings` mark) and that nobody has edited since.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import nlp as nlp_mod
from .config import Config
from .errors import UserError
from .identity import Overrides, load_overrides
from .model import Briefing, Failure
from .pipeline import analyse_many
from .records import briefing_from_cache, briefing_to_cache
from .render import GENERATED_MARK, Renderer
from .site import Site, assemble
from .sources import SourceError, find_sources, read_source

log = logging.getLogger(__name__)

EXTRACTOR_FILES = ("sources.py", "clean*.py", "metadata.py", "pipeline.py", "model.py", "extract/**/*.py")
MANIFEST = "manifest.json"


@dataclass
class Report:
    """What a build did, for the summary line and the exit status."""

    briefings: int = 0
    extracted: int = 0
    cached: int = 0
    failures: list[Failure] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # generated paths left alone: edited by hand
    site_built: bool = False

    def summary(self) -> str:
        parts = [f"{self.briefings} briefings ({self.extracted} extracted, {self.cached} from cache)",
                 f"{len(self.written)} pages written, {self.unchanged} unchanged, {len(self.removed)} removed"]
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        return "; ".join(parts)


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
    key = hashlib.sha256(f"{digest}:{version}".encode()).hexdigest()
    return config.cache / "extract" / key[:2] / f"{key}.json"


def extract_all(config: Config, paths: list[Path], report: Report, progress=None) -> list[Briefing]:
    """Briefings for every source: from the cache when its bytes were seen, else extracted."""
    model = config.model or nlp_mod.default_model()
    version = extractor_version(model)
    done: dict[Path, Briefing] = {}
    todo: list[tuple[Path, str]] = []
    for path in paths:
        key = path.relative_to(config.seeds).as_posix()
        try:
            source = read_source(path, config.seeds, config.max_source_bytes)
        except SourceError as e:
            report.failures.append(Failure(Path(config.seeds_dir) / key, str(e)))
            continue
        cached = cache_path(config, source.digest, version)
        if cached.exists():
            try:
                done[path] = briefing_from_cache(json.loads(cached.read_text(encoding="utf-8")), source)
                report.cached += 1
                continue
            except (ValueError, KeyError, TypeError):
                log.debug("cache entry %s unreadable; extracting again", cached)
        todo.append((path, key))
    if todo:
        nlp = nlp_mod.load(model)
        for briefing in analyse_many(todo, nlp, max_bytes=config.max_source_bytes):
            if progress:
                progress(1)
            if briefing.error:
                report.failures.append(Failure(Path(config.seeds_dir) / briefing.source.key, briefing.error))
                continue
            report.extracted += 1
            source = read_source(briefing.source.path, config.seeds, config.max_source_bytes)
            briefing = replace(briefing, source=source)
            write_atomic(cache_path(config, source.digest, version),
                         json.dumps(briefing_to_cache(briefing), ensure_ascii=False))
            done[briefing.source.path] = briefing
    return [done[p] for p in paths if p in done]


# ------------------------------------------------------------ writing docs/
def write_atomic(path: Path, text: str) -> None:
    """Write text to path so that a reader sees the old or the new file, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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
        current = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False, False
    if rel in manifest:
        return True, sha(current) == manifest[rel]
    marked = current.startswith("---\n") and f"\ngenerator: {GENERATED_MARK}\n" in current.split("\n---", 1)[0]
    return marked, marked


def write_pages(config: Config, pages: dict[str, str], report: Report) -> None:
    """Bring docs/ in line with pages, touching only files the generator owns."""
    manifest = load_manifest(config)
    new_manifest: dict[str, str] = {}
    for rel, text in sorted(pages.items()):
        target = config.docs / rel
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
            if target.read_text(encoding="utf-8") == text:
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
    write_atomic(config.cache / MANIFEST, json.dumps({"files": new_manifest}, indent=1, sort_keys=True))


def prune_empty_dirs(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


# ------------------------------------------------------------ the HTML site
def mkdocs_build(config: Config, strict: bool = True) -> None:
    """Render docs/ into a fresh folder with MkDocs, then swap it in for site/."""
    site = config.site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}-building-", dir=site.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; a site is for reading
    try:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "--config-file",
               str(config.mkdocs_yml.resolve()), "--site-dir", str(tmp)]
        if strict:
            cmd.insert(4, "--strict")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        proc = subprocess.run(cmd, cwd=config.root, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            detail = " | ".join(ln for ln in proc.stderr.splitlines() if ln.strip())[-800:]
            raise UserError(f"mkdocs build failed; the previous site is kept: {detail}")
        index_search(tmp)
        swap_in(tmp, site)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def index_search(site: Path) -> None:
    """Hook for the search index (MkDocs Material builds its own index into the site)."""


def swap_in(new: Path, site: Path) -> None:
    """Replace site with new in two renames; an interruption leaves one complete site."""
    old = site.with_name(f".{site.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        os.replace(site, old)
    os.replace(new, site)
    shutil.rmtree(old, ignore_errors=True)


# ------------------------------------------------------------ the whole build
def build(config: Config, html: bool = True, progress=None) -> tuple[Site, Report]:
    """Build everything; per-article failures are in the report, not raised."""
    if not config.seeds.is_dir():
        raise UserError(f"{config.seeds}: no such folder (put article files there, or pass --seeds)")
    report = Report()
    paths = find_sources(config.seeds)
    briefings = extract_all(config, paths, report, progress)
    report.briefings = len(briefings)
    site = assemble(briefings, overrides(config))
    pages = Renderer(site, config.root / "templates", config.home_items).pages()
    write_pages(config, pages, report)
    if html:
        mkdocs_build(config)
        report.site_built = True
    return site, report


def overrides(config: Config) -> Overrides:
    path = config.root / config.overrides_file
    return load_overrides(path) if path.exists() else Overrides()

