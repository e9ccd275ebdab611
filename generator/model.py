"""The types that flow between stages: small, frozen, and free of I/O."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]
"""Python string indices into an article's body, end exclusive."""

ACTOR_KINDS = ("person", "organization", "place")
DATE_TYPES = ("DATE", "TIME", "DURATION", "SET")
PUBLISHED_BASES = ("metadata", "text", "inferred")
GENERATED_MARK = "briefings"  # `generator:` in the front matter of every page the generator writes


@dataclass(frozen=True)
class Meta:
    """Front matter a user wrote at the top of a source; each key overrides extraction."""

    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    fetched: dt.datetime | None = None  # when `briefings add` fetched the page (UTC)


@dataclass(frozen=True)
class Source:
    """One input file as read from disk, before any interpretation."""

    path: Path  # as given on the command line or found under seeds/
    key: str  # stable identity: the path relative to the seeds folder, POSIX style
    kind: str  # "text" | "markdown" | "html"
    text: str  # decoded, without front matter
    meta: Meta = Meta()
    digest: str = ""  # sha256 of the raw bytes


@dataclass(frozen=True)
class Article:
    """A source's main text and metadata, with where each piece came from."""

    body: str  # paragraphs separated by one blank line
    title: str | None = None
    title_basis: str | None = None  # "metadata" | "text"
    published: dt.date | None = None
    published_basis: str | None = None  # one of PUBLISHED_BASES
    source_name: str | None = None
    source_basis: str | None = None
    url: str | None = None
    author: str | None = None
    credit: str | None = None  # photo credit found in the page, kept out of the body
    viewed: dt.date | None = None  # a date in the page's chrome: the day it was seen, not published
    age_hours: int | None = None  # "3 hours ago" printed with the headline: resolved against the fetch time


@dataclass(frozen=True)
class Actor:
    name: str  # the fullest name the article uses
    kind: str  # one of ACTOR_KINDS
    role: str | None = None
    mentions: tuple[Span, ...] = ()
    salience: float = 0.0
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateRef:
    text: str
    span: Span
    type: str  # one of DATE_TYPES
    value: str | None  # TimeML value, or START/END for a range
    start: dt.date | None = None
    end: dt.date | None = None
    about: str | None = None  # the event or clause the date belongs to


@dataclass(frozen=True)
class Quote:
    text: str
    span: Span
    speaker: str | None = None
    speaker_span: Span | None = None


@dataclass(frozen=True)
class Briefing:
    """Everything the generator knows about one source."""

    source: Source
    article: Article
    summary: str = ""
    actors: tuple[Actor, ...] = ()
    dates: tuple[DateRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    error: str | None = None

    @functools.cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """The body's paragraph spans (computed once: render asks for every item's paragraph)."""
        return paragraph_spans(self.article.body)

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph that holds the character at offset (0 when none)."""
        paragraphs = self.paragraphs
        for i, (_, end) in enumerate(paragraphs):
            if offset < end:
                return i
        return max(len(paragraphs) - 1, 0)


def paragraph_spans(body: str) -> tuple[Span, ...]:
    """The spans of the blank-line separated paragraphs of a body."""
    spans: list[Span] = []
    start = 0
    for part in body.split("\n\n"):
        end = start + len(part)
        if part.strip():
            spans.append((start, end))
        start = end + 2
    return tuple(spans)


@dataclass(frozen=True)
class Failure:
    """A source that could not be turned into a briefing."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"
