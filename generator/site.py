"""Briefings -> the site-wide views: entries, actors, timeline, stories with their comparisons. Pure."""
from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass

from .compare import Comparison, compare
from .entry import Entry, entry_slug, month_key, newest_first
from .identity import Overrides, SiteActor, resolve_actors
from .model import Briefing, DateRef, Quote
from .slugs import short_hash, slugify
from .stories import group_stories

__all__ = ["ActorView", "Entry", "Event", "Said", "Site", "Story", "assemble", "month_key", "newest_first",
           "page_url_of"]


ACTOR_PAGE_MIN_BRIEFINGS = 2  # see has_page


@dataclass(frozen=True)
class Said:
    """A quote as it appears on an actor page."""

    entry: Entry
    quote: Quote
    paragraph: int


@dataclass(frozen=True)
class ActorView:
    actor: SiteActor
    entries: tuple[Entry, ...]
    said: tuple[Said, ...]

    @property
    def path(self) -> str:
        return f"actors/{self.actor.id}.md"

    @property
    def first_seen(self) -> dt.date | None:
        days = [e.published for e in self.entries if e.published]
        return min(days) if days else None

    @property
    def last_seen(self) -> dt.date | None:
        days = [e.published for e in self.entries if e.published]
        return max(days) if days else None


@dataclass(frozen=True)
class Event:
    """A resolved date on the site-wide timeline."""

    start: dt.date
    end: dt.date
    entry: Entry
    date: DateRef
    paragraph: int


@dataclass(frozen=True)
class Story:
    """Articles that report one event (newest first), and their comparison."""

    id: str
    title: str
    entries: tuple[Entry, ...]
    comparison: Comparison

    @property
    def path(self) -> str:
        return f"stories/{self.id}.md"


@dataclass(frozen=True)
class Site:
    entries: tuple[Entry, ...]  # newest first
    actors: tuple[ActorView, ...]
    timeline: tuple[Event, ...]  # in calendar order
    stories: tuple[Story, ...]

    def actor_of(self, entry: Entry, name: str) -> ActorView | None:
        """The site actor that a name in an entry's briefing belongs to."""
        return self._actor_index().get((entry.key, name))

    def story_of(self, entry: Entry) -> Story | None:
        index = self.__dict__.get("_stories")
        if index is None:
            index = {e.key: s for s in self.stories for e in s.entries}
            object.__setattr__(self, "_stories", index)
        return index.get(entry.key)

    def stories_of(self, view: ActorView) -> tuple[Story, ...]:
        """The stories an actor's briefings belong to, newest first."""
        found = {id(s): s for s in (self.story_of(e) for e in view.entries) if s is not None}
        order = {id(s): i for i, s in enumerate(self.stories)}
        return tuple(sorted(found.values(), key=lambda s: order[id(s)]))

    def _actor_index(self) -> dict[tuple[str, str], ActorView]:
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            for view in self.actors:
                for key in view.actor.articles:
                    for name in (view.actor.name, *view.actor.aliases):
                        index.setdefault((key, name), view)
            object.__setattr__(self, "_index", index)
        return index


def page_url_of(path: str) -> str:
    """Where MkDocs (use_directory_urls) puts a docs page, relative to the site root."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return ""
    return stem[:-len("index")] if stem.endswith("/index") else stem + "/"


def assemble(briefings: Sequence[Briefing], overrides: Overrides = Overrides(),
             memo: MutableMapping[str, dict[str, int]] | None = None) -> Site:
    """The whole site's structure from the briefings that built (memo: see story_words.vectors)."""
    entries = newest_first([Entry(b, entry_slug(b)) for b in briefings if not b.error])
    by_key = {e.key: e for e in entries}
    site_actors = resolve_actors([(e.key, e.briefing.actors) for e in entries], overrides)
    actors = tuple(v for v in (actor_view(a, by_key) for a in site_actors) if has_page(v))
    actors = tuple(sorted(actors, key=lambda v: (-len(v.entries), -len(v.said), v.actor.name.lower())))
    return Site(entries=entries, actors=actors, timeline=timeline(entries),
                stories=make_stories(group_stories(entries, memo)))


def make_stories(groups: Sequence[tuple[Entry, ...]]) -> tuple[Story, ...]:
    """Each group of entries as a story, named after its first report; newest first."""
    out = []
    for members in groups:
        first = min(members, key=lambda e: (e.published or dt.date.max, e.key))
        out.append(Story(id=f"{slugify(first.title, 'story')}-{short_hash(first.key)}", title=first.title,
                         entries=members, comparison=compare(members)))
    return tuple(sorted(out, key=lambda s: (s.entries[0].published or dt.date.min, s.title), reverse=True))


def has_page(view: ActorView) -> bool:
    """Whether an actor gets a page: quoted, or named in several briefings.

    A name seen once and never quoted (most places and passers-by) would add a
    page per briefing on a large site (a 5,000-briefing BBC site has ~25,000 such
    names) and tell the reader nothing the briefing does not; it stays plain text.
    """
    return bool(view.said) or len(view.entries) >= ACTOR_PAGE_MIN_BRIEFINGS


def actor_view(actor: SiteActor, by_key: dict[str, Entry]) -> ActorView:
    entries = newest_first([by_key[k] for k in actor.articles if k in by_key])
    names = {actor.name, *actor.aliases}
    said = tuple(Said(e, q, e.briefing.paragraph_of(q.span[0]))
                 for e in entries for q in e.briefing.quotes if q.speaker in names)
    return ActorView(actor=actor, entries=entries, said=said)


def timeline(entries: Sequence[Entry]) -> tuple[Event, ...]:
    events = [Event(d.start, d.end or d.start, e, d, e.briefing.paragraph_of(d.span[0]))
              for e in entries for d in e.briefing.dates if d.start is not None]
    return tuple(sorted(events, key=lambda ev: (ev.start, ev.end, ev.entry.title, ev.date.span)))
