"""The Markdown stage: briefings -> site model -> rendered pages -> docs/.

    write_site(config, briefings, report) -> Site | None    None: no input changed, nothing done
    code_key(config) -> str                                  what the pages are made with

A page whose fingerprint (render.Renderer) is the one of the page the last build
wrote, still in docs/ as written, is not rendered again (render.KEEP).
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from . import export, fingerprint, htmlsite, state
from .config import Config, site_address
from .cores import available_cores
from .docs_writer import load_manifest, write_pages
from .identity import Overrides, load_overrides
from .model import Briefing
from .nlp import default_model
from .render import Renderer
from .report import Report
from .site import Site, assemble
from .state import PagesState, WordCountsState


def write_site(config: Config, briefings: list[Briefing], report: Report) -> Site | None:
    """Assemble, render and write the Markdown pages, unless no input changed since last time."""
    started = time.perf_counter()
    code = code_key(config)
    key = pages_key(code, briefings, report)
    then = state.load(config.cache, PagesState)
    docs_now = htmlsite.docs_snapshot(config.docs)
    if then is not None and then.key == key and then.docs == docs_now:
        report.unchanged = len(load_manifest(config))
        report.timings["pages"] = time.perf_counter() - started
        return None
    with long_lived():
        site = assemble_site(config, briefings, code)
        report.timings["assemble"] = time.perf_counter() - started
        manifest = load_manifest(config)
        pages, fingerprints = render_pages(config, site, code, report, reusable(then, docs_now, manifest))
    report.timings["render"] = time.perf_counter() - started - report.timings["assemble"]
    started = time.perf_counter()
    write_pages(config, pages, report, manifest)
    # any later change in docs/ (a page edited or deleted by hand) shows in the snapshot
    state.save(config.cache, PagesState(key, htmlsite.docs_snapshot(config.docs), fingerprints))
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


def assemble_site(config: Config, briefings: list[Briefing], code: str) -> Site:
    """The site model: actors, stories, timeline (site.assemble), word counts kept for next time."""
    memo = WordCounts(config.cache, code)
    site = assemble(briefings, overrides(config), memo)
    memo.save()
    return site


def reusable(then: PagesState | None, docs_now: dict[str, int],
             manifest: dict[str, str]) -> Callable[[str, str], bool]:
    """Whether the page at path, with this fingerprint, is in docs/ as the last build wrote it."""
    before, docs_then = (then.fingerprints, then.docs) if then else ({}, {})

    def reuse(path: str, fingerprint: str) -> bool:
        return before.get(path) == fingerprint and path in manifest and path in docs_now \
            and docs_now[path] == docs_then.get(path)

    return reuse


def render_pages(config: Config, site: Site, code: str, report: Report,
                 reuse: Callable[[str, str], bool]) -> tuple[dict[str, str], dict[str, str]]:
    """Every generated page ({path: text or render.KEEP}) and the fingerprints of the rendered ones."""
    renderer = Renderer(site, config.root / "templates", config.home_items, reuse=reuse, code=code)
    pages = renderer.pages(report.failures, processes=available_cores())
    pages.update(export.data_files(site, site_address(config)))
    return pages, renderer.fingerprints


class WordCounts(dict):
    """The word counts of the articles' texts (story_words.vectors' memo), kept across builds
    for the same code; save() keeps those this build used."""

    def __init__(self, cache: Path, code: str):
        self.cache, self.code, self.used, self.added = cache, code, set(), False
        kept = state.load(cache, WordCountsState)
        super().__init__(kept.counts if kept is not None and kept.code == code else {})

    def get(self, key, default=None):
        self.used.add(key)
        found = super().get(key)
        if not isinstance(found, dict) or not {int}.issuperset(map(type, found.values())):
            return default  # a damaged entry: counted again
        return found

    def __setitem__(self, key, value):
        self.used.add(key)
        self.added = True
        super().__setitem__(key, value)

    def save(self) -> None:
        if self.added or self.used != self.keys():
            state.save(self.cache, WordCountsState(self.code, {k: self[k] for k in self.used}))


def pages_key(code: str, briefings: list[Briefing], report: Report) -> str:
    """A hash of everything the Markdown pages are made from: sources, code, templates, settings."""
    h = hashlib.sha256(code.encode())
    for b in briefings:
        h.update(f"{b.source.key}\0{b.source.digest}\n".encode())
    for failure in report.failures:
        h.update(f"{failure}\n".encode())
    return h.hexdigest()


def overrides(config: Config) -> Overrides:
    """The hand-kept actor corrections (actors.yml), if the project has them."""
    path = config.root / config.overrides_file
    return load_overrides(path) if path.exists() else Overrides()


def code_key(config: Config) -> str:
    """A hash of what the pages are made with: code, templates, settings, model, actors.yml."""
    h = hashlib.sha256(repr(replace(config, root=Path("."))).encode())
    h.update((config.model or default_model()).encode())
    h.update(fingerprint.code_hash(*fingerprint.BUILD).encode())
    # Named relative to the project: a project moved elsewhere keeps its pages.
    inputs = sorted((config.root / "templates").rglob("*")) + [config.root / config.overrides_file, config.mkdocs_yml]
    for path in inputs:
        if path.is_file():
            h.update(path.relative_to(config.root).as_posix().encode() + b"\0" + path.read_bytes())
    h.update(f"\0{site_address(config)}".encode())  # the data files' links
    return h.hexdigest()
