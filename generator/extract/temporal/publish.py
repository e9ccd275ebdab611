"""The publication date reasoned from the article's own references.

Constraint satisfaction over candidate days, from a weekday and at least one
month-day reference: a past-tense weekday ("spoke on Thursday") was at most six
days before publication, a past month-day soon before it, a future one ("talks
that will begin on January 10") soon after, and "next month" names the month
after it; a dated event whose year is written may be history, so it only has to
fall on its side. Each candidate day costs what it strains; the cheapest wins,
the earliest of its cluster on ties, and None when equally good days spread over
more than three weeks. Only a year named in the text fixes the year; when none is
named the caller must give `today` (the latest possible date), else the answer is None.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from . import calendar as cal
from .context import direction
from .lexicon import MONTHS, WEEKDAYS
from .scan import scan
from .. import text_of

# A past event named by month-day is this many days before publication at most
# without cost, a future one this many days after (news reports recent and coming events).
PAST_HORIZON = 31
FUTURE_HORIZON = 14
DAY_COST = 0.2  # per day beyond a horizon
WEEKDAY_COST = 1.0  # per day between a past-tense weekday and publication
FUTURE_WEEKDAY_COST = 0.5
MONTH_PENALTY = 10.0  # "next month" with no future date in the month after publication
IMPOSSIBLE = 1000.0  # a dated past event after publication, or a future one before it
CLUSTER_GAP = 60  # days between equally good candidates that make them different readings
MAX_SPREAD = 21  # equally good days further apart than this: too weak to say
SEARCH_DAYS = 730  # how far before `today` to look when the text names no year
LEADS_FUTURE = frozenset("until till by".split())
PLAUSIBLE_YEARS = (1900, 2100)  # publication years the search considers


class Mention(NamedTuple):
    kind: str  # "wd", "md" or "month"
    a: int  # weekday, month, or +1/-1 for next/last month
    b: int  # day of month
    year: int | None
    dirn: int  # -1 past, 0 unknown, +1 future


def mentions(doc) -> list[Mention]:
    """The weekday, month-day and next/last-month references of a text, with their tense."""
    text = text_of(doc)
    found: list[Mention] = []
    for rule, m in scan(text):
        g = m.group
        if rule in ("md", "mdrange", "dm", "weekday") or rule == "rel" and g("rel_u").lower() == "month":
            lead = text[max(0, m.start() - 6):m.start()].split()[-1:] or [""]
            dirn = 1 if lead[0].lower() in LEADS_FUTURE else direction(doc, *m.span(), through_nouns=False)
            dirn = max(dirn, -1)
        if rule == "weekday":
            rel = (g("weekday_r") or "").lower()
            dirn = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, dirn)
            found.append(Mention("wd", WEEKDAYS[g("weekday_d").lower()], 0, None, dirn))
        elif rule in ("md", "dm", "mdrange"):
            mon = g(f"{rule}_m" if rule != "mdrange" else "mdrange_m1")
            day = g(f"{rule}_d" if rule != "mdrange" else "mdrange_d1")
            year = g(f"{rule}_y")
            found.append(Mention("md", MONTHS[mon.lower().rstrip(".")], int(day.rstrip("stndrh")),
                                 int(year) if year else None, dirn))
        elif rule == "rel" and g("rel_u").lower() == "month":
            step = {"next": 1, "the next": 1, "coming": 1, "last": -1, "the last": -1, "past": -1}
            rel = " ".join(g("rel_r").lower().split())
            if rel in step:
                found.append(Mention("month", step[rel], 0, None, step[rel]))
    return found


def occurrence(p: dt.date, m: int, d: int, after: bool) -> dt.date | None:
    """The first m/d after p (after) or the last on or before p."""
    for y in ((p.year, p.year + 1) if after else (p.year, p.year - 1)):
        x = cal.safe_date(y, m, d)
        if x and (x > p if after else x <= p):
            return x
    return None


def md_cost(p: dt.date, x: Mention) -> float:
    """What a month-day mention costs publication day p."""
    def beyond(days: int, horizon: int) -> float:
        return max(0, days - horizon) * DAY_COST

    if x.year is not None:
        when = cal.safe_date(x.year, x.a, x.b)
        if when is None:
            return 0.0
        gap = (p - when).days
        if x.dirn < 0 and gap < 0 or x.dirn > 0 and gap >= 0:
            return IMPOSSIBLE
        return 0.0  # a dated event with its year may be history: only its side counts
    before, after = occurrence(p, x.a, x.b, False), occurrence(p, x.a, x.b, True)
    past = beyond((p - before).days, PAST_HORIZON) if before else IMPOSSIBLE
    future = beyond((after - p).days, FUTURE_HORIZON) if after else IMPOSSIBLE
    return past if x.dirn < 0 else future if x.dirn > 0 else min(past, future)


def cost(p: dt.date, found: list[Mention]) -> float:
    """The total strain the mentions put on publication day p."""
    total = 0.0
    dated = [x for x in found if x.kind == "md"]
    for x in found:
        if x.kind == "wd":
            if x.dirn > 0:
                total += ((x.a - p.isoweekday()) % 7) * FUTURE_WEEKDAY_COST
            else:
                total += ((p.isoweekday() - x.a) % 7) * WEEKDAY_COST
        elif x.kind == "md":
            total += md_cost(p, x)
        elif x.kind == "month" and dated:
            y, m = cal.add_months(p.year, p.month, x.a)
            side = [d for d in dated if d.dirn * x.a >= 0]
            if side and not any((d.year in (None, y)) and d.a == m for d in side):
                total += MONTH_PENALTY
    return total


def candidates(found: list[Mention], today: dt.date | None) -> list[dt.date]:
    """The days publication could fall on: around the latest year named, else before today."""
    years = [x.year for x in found if x.year and PLAUSIBLE_YEARS[0] <= x.year <= PLAUSIBLE_YEARS[1]]
    if years:
        start = dt.date(max(years), 1, 1) - dt.timedelta(days=CLUSTER_GAP)
        end = min(dt.date(max(years) + 1, 12, 31), today or dt.date.max)
    elif today is not None:
        start, end = today - dt.timedelta(days=SEARCH_DAYS), today
    else:
        return []
    return [start + dt.timedelta(days=i) for i in range(max(0, (end - start).days + 1))]


def infer_published(doc, today: dt.date | None = None) -> dt.date | None:
    """The publication date the article's own references imply, or None when they are too weak."""
    found = mentions(doc)
    if not any(x.kind == "md" for x in found) or not any(x.kind == "wd" for x in found):
        return None
    days = candidates(found, today)
    if not days:
        return None
    scored = [(cost(p, found), p) for p in days]
    best = min(c for c, _ in scored)
    if best >= IMPOSSIBLE:
        return None
    ties = [p for c, p in scored if c <= best + 1e-9]
    clusters = [[ties[0]]]
    for prev, p in zip(ties, ties[1:]):
        if (p - prev).days > CLUSTER_GAP:
            clusters.append([])
        clusters[-1].append(p)
    # Named years: the reading nearest them; a bound only: the most recent reading.
    chosen = clusters[0] if any(x.year for x in found) else clusters[-1]
    if (chosen[-1] - chosen[0]).days > MAX_SPREAD:
        return None  # the references do not pin the day down
    return chosen[0]
