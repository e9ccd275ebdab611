"""Stories: articles that report the same event, grouped from what was extracted."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .slugs import short_hash, slugify

if TYPE_CHECKING:
    from .site import ActorView, Entry, Story

# Two articles are one story when they name at least this many of the same people or
# organisations and share a calendar day or enough headline-and-summary words.
MIN_SHARED_ACTORS = 2
MIN_WORD_OVERLAP = 0.12  # Jaccard of content words of title + summary
STOPWORDS = set("""a an and are as at be by for from has have he his in is it its of on or that the their
their to was were will with after again over says said new""".split())


def words(entry: Entry) -> set[str]:
    text = f"{entry.title} {entry.briefing.summary}".lower()
    return {w for w in re.findall(r"[a-z][a-z'-]{2,}", text) if w not in STOPWORDS}


def same_story(a: Entry, b: Entry, shared_actors: int) -> bool:
    if shared_actors < MIN_SHARED_ACTORS:
        return False
    days_a = {d.start for d in a.briefing.dates if d.start}
    days_b = {d.start for d in b.briefing.dates if d.start}
    wa, wb = words(a), words(b)
    overlap = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    return bool(days_a & days_b) or overlap >= MIN_WORD_OVERLAP


def group_stories(entries: Sequence[Entry], actors: Sequence[ActorView]) -> tuple[Story, ...]:
    """Connected groups of two or more entries that report the same event, newest first."""
    from .site import Story, newest_first

    keys_of = defaultdict(set)
    for view in actors:
        if view.actor.kind in ("person", "organization") and len(view.entries) < 50:
            for e in view.entries:
                keys_of[e.key].add(view.actor.id)
    by_actor = defaultdict(list)
    for e in entries:
        for a in keys_of[e.key]:
            by_actor[a].append(e)
    parent = {e.key: e.key for e in entries}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    seen = set()
    for group in by_actor.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
                if pair in seen:
                    continue
                seen.add(pair)
                if same_story(a, b, len(keys_of[a.key] & keys_of[b.key])):
                    parent[find(a.key)] = find(b.key)
    clusters = defaultdict(list)
    for e in entries:
        clusters[find(e.key)].append(e)
    stories = []
    for members in clusters.values():
        if len(members) < 2:
            continue
        members = newest_first(members)
        oldest = members[-1]
        stories.append(Story(id=f"{slugify(oldest.title, 'story')}-{short_hash(oldest.key)}",
                             title=oldest.title, entries=members))
    return tuple(sorted(stories, key=lambda s: (s.entries[0].published or dt.date.min, s.title), reverse=True))
