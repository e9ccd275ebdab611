"""What a generated page is made from, and its fingerprint: the hash of all of it.

    PageView(template, here, context, meta)    all a page's template and front matter are given
    digest(*values) -> str                     a hash of views: data only, nothing left out

A page is kept from the last build when its view hashes the same (render.Renderer.memo):
nothing is listed by hand, so nothing a template reads can be missed. A view holds data,
not the site: a page that links to an actor or a story is given a Link (its path and
name), not the actor's whole view, or every briefing naming a well-known actor would be
rendered again each time that actor's list of briefings grows.

A Briefing counts by what fixes it: its source (name and bytes), under the extractor
version that is part of the code hash, and the publication day and bound that
collection.place_undated may set. Anything digest cannot see into (a function, an
object that is not a frozen dataclass) raises TypeError.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PosixPath

from markupsafe import Markup

from .model import Briefing


@dataclass(frozen=True)
class PageView:
    """One page: its template, its path under docs/, what the template is given, its front matter."""

    template: str
    here: str
    context: dict[str, object]
    meta: dict[str, object] | Callable[[], dict[str, object]]  # a frozen dataclass that makes it


@dataclass(frozen=True)
class Link:
    """Another page as a page links to it."""

    path: str
    name: str


@dataclass(frozen=True)
class StoryLink:
    """A story as another page links to it: with the number of its sources."""

    path: str
    title: str
    sources: int


@dataclass(frozen=True)
class ParagraphOf:
    """The 1-based number of the paragraph of briefing that a span starts in (a template's para())."""

    briefing: Briefing

    def __call__(self, span: tuple[int, int]) -> int:
        return self.briefing.paragraph_of(span[0]) + 1


def briefing_identity(b: Briefing) -> tuple:
    """What fixes a Briefing: the source's name and bytes, the day place_undated may set and its bound."""
    return (b.source.key, str(b.source.path), b.source.digest, b.article.published, b.article.viewed, b.error)


SCALARS = frozenset({str, Markup, int, float, bool, type(None), dt.date, dt.datetime, Path, PosixPath, PurePosixPath})
IDENTITIES: dict[type, Callable[[object], object]] = {Briefing: briefing_identity}
_fields: dict[type, tuple[str, ...]] = {}


def digest(*values: object) -> str:
    """A hash of values: scalars by type and repr, collections in order, frozen dataclasses field by field."""
    out: list[str] = []
    for value in values:
        _walk(value, out)
    return hashlib.sha256("\x1f".join(out).encode("utf-8", "surrogatepass")).hexdigest()


def _plain(value: object) -> bool:
    """Whether value is scalars in tuples, lists and dicts only (its repr then says all of it)."""
    kind = type(value)
    if kind in SCALARS:
        return True
    if kind is tuple or kind is list:
        return all(map(_plain, value))
    if kind is dict:
        return all(map(_plain, value.keys())) and all(map(_plain, value.values()))
    return False


def _walk(value: object, out: list[str]) -> None:
    kind = type(value)
    if kind in SCALARS:
        out.append(f"{kind.__name__}:{value!r}")
    elif (kind is tuple or kind is list or kind is dict) and _plain(value):
        out.append(repr(value))  # in one piece, for speed
    elif kind is tuple or kind is list:
        out.append("(")
        for item in value:
            _walk(item, out)
        out.append(")")
    elif kind is dict:
        out.append("{")
        for key, item in value.items():
            _walk(key, out)
            _walk(item, out)
        out.append("}")
    elif kind is frozenset or kind is set:
        out.append("{" + ",".join(sorted(repr(item) for item in value)) + "}")
    elif kind in IDENTITIES:
        out.append(kind.__qualname__)
        _walk(IDENTITIES[kind](value), out)
    else:
        names = _fields.get(kind)
        if names is None:
            if not (dataclasses.is_dataclass(kind) and kind.__dataclass_params__.frozen):
                raise TypeError(f"a page's view holds a {kind.__qualname__}, whose content cannot be hashed: "
                                "give the template data (generator/views.py)")
            names = _fields[kind] = tuple(f.name for f in dataclasses.fields(kind))
        out.append(kind.__qualname__)
        _walk(tuple(getattr(value, name) for name in names), out)
