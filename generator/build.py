"""The build, stage by stage: seeds/ -> briefings -> docs/ Markdown -> site/.

    sources          find_sources                       sources.py
    nothing changed? unchanged_sources                  sources_state.py
    extract          extract_all (cached by content)    extraction.py -> pipeline.py (in parallel.py's workers)
    pages            write_site: assemble the site model, render, write docs/
                                                        pages.py -> site.py, render.py (templating.py), docs_writer.py
    HTML             mkdocs_build: MkDocs on what changed, search index, swap into site/
                                                        publish.py -> htmlsite.py, search.py, fs.py

What a build leaves for the next is in state.py; the code hashes in fingerprint.py.
Per-article failures are caught in pipeline.analyse_many and end up in the report.
"""
from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import fs, htmlsite, publish
from .config import Config
from .errors import UserError
from .extraction import extract_all
from .pages import write_site
from .report import Report
from .site import Site
from .sources import find_sources
from .sources_state import save_sources_state, sources_stamp, unchanged_sources


def build(config: Config, html: bool = True, progress: bool | None = None,
          clean: bool = False) -> tuple[Site | None, Report]:
    """Build everything; per-article failures are in the report, not raised.

    progress: show a progress bar (None: when stderr is a terminal); clean: render
    every HTML page again instead of only those whose Markdown changed. The Site is
    None when nothing changed since the last build (no page was assembled).
    """
    report = Report()
    paths = sources(config)
    stamp, newest = sources_stamp(config, paths)
    site, copy = None, None
    if not unchanged_sources(config, stamp, report):
        briefings = extract_all(config, paths, report, progress)
        report.briefings = len(briefings)
        # The copy of the site a dirty HTML build works in is made meanwhile, on another core.
        copy = htmlsite.start_copy(config, publish.COPY_SKIP, clean=clean) if html else None
        with dropped_on_error(copy):
            site = write_site(config, briefings, report)
            save_sources_state(config, stamp, newest, report)
    if html:
        html_stage(config, report, clean, copy)
    return site, report


def sources(config: Config) -> list[Path]:
    """The article files under seeds/; a UserError when there is no such folder."""
    if not config.seeds.is_dir():
        raise UserError(f"{config.seeds}: no such folder (put article files there, or pass --seeds)")
    return find_sources(config.seeds)


@contextmanager
def dropped_on_error(copy: fs.LinkCopy | None) -> Iterator[None]:
    """Stop and delete the early copy of the site when the stages before the HTML fail."""
    try:
        yield
    except BaseException:
        if copy is not None:
            copy.cancel()
            shutil.rmtree(copy.dest, ignore_errors=True)
        raise


def html_stage(config: Config, report: Report, clean: bool, copy: fs.LinkCopy | None) -> None:
    """docs/ -> site/ (publish.mkdocs_build), timed on the report."""
    started = time.perf_counter()
    report.html = publish.mkdocs_build(config, clean=clean, report=report, copy=copy)
    report.site_built = True
    report.timings["html"] = time.perf_counter() - started
