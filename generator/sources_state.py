"""Whether anything changed since the last build, from the sources' sizes and mtimes alone.

    sources_stamp(config, paths) -> (stamp, newest)     code, settings and every source's path, size, mtime
    unchanged_sources(config, stamp, report) -> bool    nothing changed: the report filled from last time
    save_sources_state(config, stamp, newest, report)   remember this build's stamp and outcome
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

from . import extraction, htmlsite, state
from .config import Config
from .docs_writer import load_manifest
from .pages import code_key
from .model import Failure
from .nlp import default_model
from .report import Report
from .state import PagesState, SourcesState

# A source modified this close (seconds) to when the state was written may have changed within
# the file system's timestamp granularity: it is read again (git's "racy" entries).
RACY_SECONDS = 2.0


def sources_stamp(config: Config, paths: list[Path]) -> tuple[str, int]:
    """A hash of the code, settings and extractor version and of every source's path, size and mtime;
    and the newest mtime (ns). The hash is "" when a source cannot be looked at."""
    h = hashlib.sha256(code_key(config).encode())
    h.update(extraction.extractor_version(config.model or default_model()).encode())
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
    then, pages = state.load(config.cache, SourcesState), state.load(config.cache, PagesState)
    if not stamp or then is None or pages is None or then.stamp != stamp \
            or then.newest / 1e9 > then.at - RACY_SECONDS or pages.docs != htmlsite.docs_snapshot(config.docs):
        return False
    report.briefings = report.cached = then.briefings
    report.failures = [Failure(Path(path), message) for path, message in then.failures]
    report.unchanged = len(load_manifest(config))
    report.timings["sources"] = time.perf_counter() - started
    return True


def save_sources_state(config: Config, stamp: str, newest: int, report: Report) -> None:
    """Remember the sources' stamp with the build's outcome, for unchanged_sources."""
    if not stamp or any(f.message.startswith("internal error") for f in report.failures):
        state.forget(config.cache, SourcesState)  # a failure a later build must try again
        return
    state.save(config.cache, SourcesState(stamp, time.time(), newest, report.briefings,
                                          [(str(f.path), f.message) for f in report.failures]))
