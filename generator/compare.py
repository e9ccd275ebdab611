"""A story's sources side by side: the names, dates and quotes they share, and where they differ."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .entry import Entry
from .model import DateRef, Quote
from .stories import MAX_EVENT_DAYS, MIN_QUOTE_WORDS, actor_key, shared_quotes


@dataclass(frozen=True)
class Account:
    """What one source says: a date or a quote, with the paragraph it is in (0-based)."""

    entry: Entry
    item: DateRef | Quote
    paragraph: int


@dataclass(frozen=True)
class Comparison:
    """The sources of a story side by side: where they agree and where they differ."""

    shared_names: tuple[tuple[str, str, int], ...]  # (name, kind, number of sources)
    only_names: tuple[tuple[Entry, tuple[str, ...]], ...]
    agreed_dates: tuple[tuple[Account, ...], ...]  # the same day or days, in two or more sources
    differing_dates: tuple[tuple[Account, ...], ...]  # overlapping but not the same
    shared_quotes: tuple[tuple[Account, ...], ...]  # the same words quoted by two or more sources
    speakers: tuple[tuple[Entry, tuple[tuple[str, int], ...]], ...]  # whom each source quotes, how often


def display_names(entry: Entry) -> dict[str, tuple[str, str]]:
    """{name key: (fullest name, kind)} of the actors a briefing names."""
    out: dict[str, tuple[str, str]] = {}
    for a in entry.briefing.actors:
        key = actor_key(a)
        if key not in out or len(a.name) > len(out[key][0]):
            out[key] = (a.name, a.kind)
    return out


def compare(entries: Sequence[Entry]) -> Comparison:
    """Set a story's sources side by side."""
    names = {e.key: display_names(e) for e in entries}
    count = Counter(k for e in entries for k in names[e.key])
    shared = sorted(((max((names[e.key][k] for e in entries if k in names[e.key]), key=lambda nk: len(nk[0])), n)
                     for k, n in count.items() if n >= 2), key=lambda x: (-x[1], x[0][1], x[0][0]))
    only = tuple((e, tuple(sorted(names[e.key][k][0] for k in names[e.key] if count[k] == 1))) for e in entries)
    agreed, differing = compare_dates(entries)
    speakers = tuple((e, tuple(Counter(q.speaker or "speaker unknown" for q in e.briefing.quotes).most_common()))
                     for e in entries)
    return Comparison(shared_names=tuple((n, k, c) for (n, k), c in shared), only_names=only,
                      agreed_dates=agreed, differing_dates=differing, shared_quotes=common_quotes(entries),
                      speakers=speakers)


def compare_dates(entries: Sequence[Entry]) -> tuple[tuple[tuple[Account, ...], ...], tuple[tuple[Account, ...], ...]]:
    """Precise dates that overlap across sources: (the same in each, not the same)."""
    order = {e.key: i for i, e in enumerate(entries)}
    accounts = sorted((Account(e, d, e.briefing.paragraph_of(d.span[0])) for e in entries for d in e.briefing.dates
                       if d.start and (d.end or d.start) - d.start <= dt.timedelta(days=MAX_EVENT_DAYS)),
                      key=lambda a: (a.item.start, a.item.end or a.item.start, order[a.entry.key], a.paragraph))
    # A source that gives one day twice ("Thursday" in the lead and again below) is cited once, where it
    # first gives it: with ten sources, every mention would bury the comparison.
    accounts = list({(a.entry.key, a.item.start, a.item.end or a.item.start): a for a in reversed(accounts)}.values())
    accounts.reverse()
    clusters: list[list[Account]] = []
    last_end = dt.date.min
    for a in accounts:
        start, end = a.item.start, a.item.end or a.item.start
        if clusters and start <= last_end:
            clusters[-1].append(a)
            last_end = max(last_end, end)
        else:
            clusters.append([a])
            last_end = end
    agreed, differing = [], []
    for c in clusters:
        values = {a.entry.key: set() for a in c}
        for a in c:
            values[a.entry.key].add((a.item.start, a.item.end or a.item.start))
        if len(values) < 2:
            continue
        same = all(v == next(iter(values.values())) for v in values.values())
        (agreed if same else differing).append(tuple(c))
    return tuple(agreed), tuple(differing)


def common_quotes(entries: Sequence[Entry]) -> tuple[tuple[Account, ...], ...]:
    """Quotes whose words two or more sources share (one may quote more than the other)."""
    items = [(e, q, " ".join(re.findall(r"\w+", q.text.lower()))) for e in entries for q in e.briefing.quotes]
    groups: list[list[tuple]] = []
    for item in items:
        if len(item[2].split()) < MIN_QUOTE_WORDS:
            continue
        for g in groups:
            if any(shared_quotes({item[2]}, {other[2]}) for other in g):
                g.append(item)
                break
        else:
            groups.append([item])
    # Each source once per quote, where it first quotes it; the quotes most sources share first.
    firsts = [list({e.key: (e, q) for e, q, _ in reversed(g)}.values())[::-1] for g in groups]
    shared = sorted((g for g in firsts if len(g) >= 2), key=lambda g: -len(g))
    return tuple(tuple(Account(e, q, e.briefing.paragraph_of(q.span[0])) for e, q in g) for g in shared)
