"""What a build leaves for the next one: one small JSON file per kind in the cache folder, typed.

    load(cache, Kind) -> Kind | None    None when the file is missing or is not what Kind says
    save(cache, value)                  through fs.write_atomic (synced first for the durable kinds)
    forget(cache, Kind)                 delete the file

A damaged state file is as good as none: every reader of state then does the work
again (extracts, renders, builds the HTML in full). This is the one place that
tolerates a missing or corrupt file; the kinds below say what each file holds.
"""
from __future__ import annotations

import json
import logging
import types
import typing
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from .fs import write_atomic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Manifest:
    """The pages in docs/ the generator wrote, with the sha256 of what it wrote (docs_writer)."""

    FILE: ClassVar[str] = "manifest.json"
    DURABLE: ClassVar[bool] = True
    files: dict[str, str]


@dataclass(frozen=True)
class Pending:
    """The pages a build is about to write, {path: [sha256, ...]}; left behind only by a stopped build."""

    FILE: ClassVar[str] = "manifest.pending.json"
    DURABLE: ClassVar[bool] = True
    ROOT: ClassVar[str] = "pages"  # the file holds this field's value alone
    pages: dict[str, list[str]]


@dataclass(frozen=True)
class PagesState:
    """What the Markdown pages were last made from (pages.write_site).

    key: pages_key of that build; docs: docs/ as it left it (path -> mtime_ns);
    fingerprints: each briefing, actor and story page's (render.Renderer).
    """

    FILE: ClassVar[str] = "pages-state.json"
    key: str
    docs: dict[str, int]
    fingerprints: dict[str, str]


@dataclass(frozen=True)
class WordCountsState:
    """Each article text's word counts, for grouping stories, under the code that counted them.

    An entry is checked when it is read (pages.WordCounts): one damaged entry is counted again alone.
    """

    FILE: ClassVar[str] = "word-counts.json"
    code: str
    counts: dict[str, Any]


@dataclass(frozen=True)
class SourcesState:
    """The sources' stamp at the last build, with its outcome (sources_state.unchanged_sources).

    at: when it was written (s); newest: the newest source's mtime then (ns);
    failures: [path, message] of each source that failed.
    """

    FILE: ClassVar[str] = "sources-state.json"
    stamp: str
    at: float
    newest: int
    briefings: int
    failures: list[tuple[str, str]]


@dataclass(frozen=True)
class SiteState:
    """What the live site was built from (htmlsite): its stamp and identity, docs/ then, its search index."""

    FILE: ClassVar[str] = "site-state.json"
    stamp: str
    site: list[int]
    files: dict[str, int]
    search: dict | None


Kind = TypeVar("Kind")
SCALARS = (str, int, bool)


class Mismatch(ValueError):
    """A state file's value is not of the type its kind says."""


def load(cache: Path, kind: type[Kind]) -> Kind | None:
    """The state of this kind the last build saved, or None when there is none or it is damaged."""
    path = cache / kind.FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        log.debug("%s unreadable (%s); as if there were none", path, e)
        return None
    root = getattr(kind, "ROOT", None)
    if root is not None:
        data = {root: data}
    try:
        if not isinstance(data, dict):
            raise Mismatch(f"an object, not {type(data).__name__}")
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: typed(data[f.name], hints[f.name]) for f in fields(kind)})
    except (KeyError, Mismatch) as e:
        log.debug("%s is not a %s (%s); as if there were none", path, kind.__name__, e)
        return None


def save(cache: Path, value: object) -> None:
    """Write value to its kind's file, atomically."""
    kind = type(value)
    data = {f.name: getattr(value, f.name) for f in fields(kind)}
    root = getattr(kind, "ROOT", None)
    write_atomic(cache / kind.FILE, json.dumps(data[root] if root else data, ensure_ascii=False),
                 durable=getattr(kind, "DURABLE", False))


def forget(cache: Path, kind: type) -> None:
    (cache / kind.FILE).unlink(missing_ok=True)


def typed(value: object, hint: object) -> Any:
    """value as the type hint says (JSON lists as tuples where it says tuple); Mismatch if it is not."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        for option in args:
            try:
                return typed(value, option)
            except Mismatch:
                continue
        raise Mismatch(f"{value!r:.40} is none of {args}")
    if hint is type(None):
        if value is None:
            return None
        raise Mismatch(f"{value!r:.40} is not null")
    if hint is float and type(value) in (int, float):
        return float(value)
    if hint in (str, int, bool):
        if type(value) is not hint:
            raise Mismatch(f"{value!r:.40} is not a {hint.__name__}")
        return value
    base = origin or hint
    if base is dict and isinstance(value, dict):
        if not args:
            return value
        if args[0] in SCALARS and args[1] in SCALARS:  # the large maps (docs/, fingerprints): checked fast
            if not all(type(k) is args[0] and type(v) is args[1] for k, v in value.items()):
                raise Mismatch(f"a value of {value!r:.40} is not a {args[1].__name__}")
            return value
        return {typed(k, args[0]): typed(v, args[1]) for k, v in value.items()}
    if base is list and isinstance(value, list):
        return [typed(v, args[0]) for v in value] if args else value
    if base is tuple and isinstance(value, list) and len(value) == len(args):
        return tuple(typed(v, a) for v, a in zip(value, args))
    raise Mismatch(f"{value!r:.40} is not a {hint}")
