"""Undated articles placed by the dated ones they travel with.

An article copied from a page often prints no date and names no year ("on
Thursday", "talks on Jan. 9-10"): its own references fix the weekday and the
season but not the year. Articles collected together on a story come from the
same few days, so when an undated article names the same calendar days as a
dated article of the collection and the same people, that article's date bounds
this one's: the article's own references then choose the day (as
extract.dates.infer_published does with a page's viewing date).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import replace

from .model import Briefing

# How far after a related dated article an undated one may be published: as far
# ahead as a news article reports coming events without a date (see
# extract.temporal.publish.FUTURE_HORIZON).
RELATED_WINDOW = dt.timedelta(days=14)
MONTH_DAY = re.compile(r"^XXXX-(\d\d)-(\d\d)$")


def month_days(b: Briefing) -> set[tuple[int, int]]:
    """The (month, day) pairs an article names, resolved or not."""
    out = set()
    for d in b.dates:
        if d.start is not None:
            out.add((d.start.month, d.start.day))
            if d.end is not None:
                out.add((d.end.month, d.end.day))
            continue
        for part in (d.value or "").split("/"):
            m = MONTH_DAY.match(part)
            if m:
                out.add((int(m.group(1)), int(m.group(2))))
    return out


def people(b: Briefing) -> set[str]:
    return {a.name for a in b.actors if a.kind == "person"}


def bound_for(b: Briefing, dated: Sequence[Briefing]) -> dt.date | None:
    """The latest day an undated article can be, from the dated articles it shares days and people with."""
    days, names = month_days(b), people(b)
    if not days or not names:
        return None
    related = [d.article.published for d in dated
               if d.article.published and month_days(d) & days and people(d) & names]
    return max(related) + RELATED_WINDOW if related else None


def place_undated(briefings: Sequence[Briefing], parse: Callable[[str], object],
                  memo: MutableMapping[tuple[str, dt.date], Briefing] | None = None) -> list[Briefing]:
    """Briefings, with undated ones re-read against the dates of related dated ones.

    parse is the spaCy pipeline (or a function that loads it on first use): only
    the few articles that gain a bound are parsed again, and only once for a
    memo that keeps the re-reading of (source digest, bound) across builds.
    """
    dated = [b for b in briefings if not b.error and b.article.published]
    out = []
    for b in briefings:
        bound = None if b.error or b.article.published else bound_for(b, dated)
        if bound is not None and (b.article.viewed is None or bound < b.article.viewed):
            placed = memo.get((b.source.digest, bound)) if memo is not None else None
            if placed is None:
                placed = reread(b, bound, parse)
                if memo is not None:
                    memo[(b.source.digest, bound)] = placed
            if placed.article.published is not None:
                b = replace(placed, source=b.source)
        out.append(b)
    return out


def reread(b: Briefing, bound: dt.date, parse: Callable[[str], object]) -> Briefing:
    """b read again with bound as the latest day it can have been published."""
    from .pipeline import finish

    article = replace(b.article, viewed=bound)
    return finish(b.source, article, parse(article.body))
