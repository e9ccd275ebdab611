"""The extraction stage, cached by content: sources -> Briefings.

    extract_all(config, paths, report) -> [Briefing]   in the sources' order, failures on the report

A source's Briefing is kept under the sha256 of its bytes (front matter included)
and the extractor's version, a hash of the code the extraction runs and the model
name (fingerprint.EXTRACTION): the same bytes are never parsed twice by the same
code. New sources are parsed in worker processes (parallel.py); the per-article
failures they catch (pipeline.analyse_many) are collected into the report.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import shutil
import time
from dataclasses import replace
from pathlib import Path

from . import fingerprint
from . import nlp as nlp_mod
from .collection import place_undated
from .config import Config
from .fs import write_atomic
from .model import Article, Briefing, Failure
from .parallel import analyse, progress_bar
from .parallel import reader as model_reader
from .records import briefing_from_cache, briefing_to_cache
from .report import Report
from .sources import SourceError, read_source

log = logging.getLogger(__name__)


def extractor_version(model: str) -> str:
    """A hash of the extraction code and the model name: any change re-extracts everything."""
    code = fingerprint.code_hash(*fingerprint.EXTRACTION)
    return hashlib.sha256(f"{model}\0{code}".encode()).hexdigest()[:16]


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
