"""The docs/ writer: bring docs/ in line with the rendered pages, never losing a hand-written file.

    write_pages(config, pages, report)    write, rewrite or delete generated pages; KEEP: leave as is

The generator only writes, rewrites or deletes files it recorded in its manifest
(or that carry its `generator: briefings` mark) and that nobody has edited since.
Before writing, the pages about to be written go to a journal (state.Pending), so
that a build stopped half-way knows the next time which files are its own.
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from . import export, state
from .config import Config
from .fs import write_atomic
from .model import GENERATED_MARK
from .render import KEEP
from .report import Report
from .state import Manifest, Pending

log = logging.getLogger(__name__)


def sha(text: str) -> str:
    """The sha256 of a page's text, as the manifest records it."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def read_exact(path: Path) -> str:
    """A file's text with its line ends as they are (the data files end lines in CRLF)."""
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def load_manifest(config: Config) -> dict[str, str]:
    """The generated pages the last build recorded: docs-relative path -> sha256 of what it wrote."""
    manifest = state.load(config.cache, Manifest)
    return dict(manifest.files) if manifest else {}


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
    pending = adopt_pending(config, manifest)
    for rel, text in pages.items():
        if text is not KEEP:
            pending.setdefault(rel, set()).add(sha(text))
    state.save(config.cache, Pending({k: sorted(v) for k, v in pending.items()}))
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
    state.save(config.cache, Manifest(new_manifest))
    state.forget(config.cache, Pending)


def adopt_pending(config: Config, manifest: dict[str, str]) -> dict[str, set[str]]:
    """Pages a stopped build wrote after its last manifest: recorded as ours, not as hand edits."""
    journal = state.load(config.cache, Pending)
    pending = {rel: set(digests) for rel, digests in journal.pages.items()} if journal else {}
    for rel, digests in pending.items():
        try:
            digest = sha(read_exact(config.docs / rel))
        except (OSError, UnicodeDecodeError):
            continue
        if digest in digests:
            manifest[rel] = digest
    return pending


def prune_empty_dirs(folder: Path, stop: Path) -> None:
    """Remove folder and its parents up to stop, while they are empty."""
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
