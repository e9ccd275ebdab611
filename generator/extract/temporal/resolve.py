"""Explicit and anchored rules: from a regex match to a TIMEX3 type, value and calendar days.

Each resolver takes the match, the running State and a direction callable
(-1 past, 0 unknown, +1 future; computed from the parse only when asked) and
returns (type, Period) or None when the match is not a time expression after all.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import calendar as cal
from .calendar import Period
from .numbers import spoken_year
from .lexicon import EASTER_FEASTS, HOLIDAYS, MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAYS

# Two-digit years: "'98" is 1998, "'05" 2005 (pivot tuned for news from 1930 on).
TWO_DIGIT_PIVOT = 30
# A month-day placed by the tense must stay within this many days of the anchor;
# farther than that the nearest year wins (a past-tense "agreed to talks on Jan. 9").
TENSE_REACH_DAYS = 240
# A weekday whose clause has no tense is the past one: news reports what happened
# (TimeBank: "Thursday's closing price", "bought from Sept. 14 to Thursday").
WEEKDAY_DEFAULT_DIRECTION = -1


@dataclass
class State:
    """What the tagger has read so far: the anchor and the last dates the text named."""

    anchor: dt.date | None
    ref_day: dt.date | None = None  # the last calendar day named, for "the following day"
    ref: Period | None = None  # the last period named, for "a year earlier" and "the quarter"
    hold: bool = False  # set by a resolver whose result must not become the reference
    day_end: int = -1  # where the last expression naming one day ended, for "Monday to Wednesday"
    ref_start: int = -1  # where the expression that set `ref` began and ended
    ref_end: int = -1
    story_year: int | None = None  # the year of a past period named earlier in the sentence being read


Resolved = tuple[str, Period]


def month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def day_num(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def weekday_num(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


def unanchored(value: str) -> Period:
    return Period(value)


def pick_year(st: State, m: int, d: int, direction) -> int | None:
    """The year of a month-day with none written: the tense's side of the anchor when near."""
    if st.anchor is None:
        return None
    near = cal.year_for(st.anchor, m, d, 0)
    dirn = direction()
    if dirn == 0:
        return near
    if dirn < 0 and in_story_year(st, m, d):
        return st.story_year
    y = cal.year_for(st.anchor, m, d, dirn)
    when = cal.safe_date(y, m, min(d, 28))
    return y if when and abs((when - st.anchor).days) <= TENSE_REACH_DAYS else near


def in_story_year(st: State, m: int, d: int = 1) -> bool:
    """Whether a past month(-day) without a year fits the year of the past period its sentence has
    just named ("detained in June 2019 over the February 9 raid", "the 2012 race ... after a
    June 4 parade"): the narrative's year, as TempEval normalisers take a reference time."""
    if st.story_year is None or st.anchor is None:
        return False
    when = cal.safe_date(st.story_year, m, min(d, 28))
    return when is not None and when <= st.anchor


def full_date(st: State, m: int, d: int, y: int | None, direction, wd: int | None = None) -> Period | None:
    """A month-day with or without its year; a weekday written beside it picks the year."""
    if y is None and wd is not None and st.anchor is not None:
        fits = [c for c in (st.anchor.year, st.anchor.year - 1, st.anchor.year + 1)
                if (x := cal.safe_date(c, m, d)) and x.isoweekday() == wd]
        y = fits[0] if fits else None
    if y is None:
        y = pick_year(st, m, d, direction)
    if y is None:
        return unanchored(f"XXXX-{m:02d}-{d:02d}") if 1 <= d <= 31 else None
    return cal.day(cal.safe_date(y, m, d))


def r_mdrange(g, st, direction) -> Resolved | None:
    m1 = month_num(g("m1"))
    d1, d2 = day_num(g("d1")), day_num(g("d2"))
    m2 = month_num(g("m2")) if g("m2") else m1
    y = int(g("y")) if g("y") else None
    first = full_date(st, m1, d1, y, direction)
    if first is None or first.start is None:
        return ("DATE", unanchored(f"XXXX-{m1:02d}-{d1:02d}/XXXX-{m2:02d}-{d2:02d}")) if first else None
    y2 = first.start.year + (1 if m2 < m1 else 0)
    last = cal.safe_date(y2, m2, d2)
    if last is None or last <= first.start:
        return None
    return "DATE", Period(f"{first.start.isoformat()}/{last.isoformat()}", first.start, last)


def r_md(g, st, direction) -> Resolved | None:
    wd = g("wd") or g("wd2")
    y = int(g("y")) if g("y") else None
    p = full_date(st, month_num(g("m")), day_num(g("d")), y, direction, weekday_num(wd) if wd else None)
    return ("DATE", p) if p else None


def r_dm(g, st, direction) -> Resolved | None:
    y = int(g("y")) if g("y") else None
    p = full_date(st, month_num(g("m")), day_num(g("d")), y, direction)
    return ("DATE", p) if p else None


def r_numdate(g, st, direction) -> Resolved | None:
    if g("iso"):
        y, m, d = (int(x) for x in g("iso").split("-"))
    else:
        m, d, y = int(g("a")), int(g("b")), int(g("y"))
        if y < 100:
            y += 2000 if y < TWO_DIGIT_PIVOT else 1900
    p = cal.day(cal.safe_date(y, m, d))
    return ("DATE", p) if p else None


def clock_suffix(text: str) -> str | None:
    """"T22:00" for "10 p.m.", "T12:00" for noon; None when the hour is impossible."""
    t = text.lower()
    if t.startswith(("noon", "midday")):
        return "T12:00"
    if t.startswith("midnight"):
        return "T24:00"
    mm = re.match(r"(\d\d)(\d\d)(?!\d)|(\d{1,2})(?::(\d\d))?", t)
    h, mi = int(mm.group(1) or mm.group(3)), int(mm.group(2) or mm.group(4) or 0)
    if t.endswith(("afternoon", "evening")) and h < 12:
        h += 12
    elif "p" in t[mm.end():mm.end() + 4] and h < 12:
        h += 12
    elif "a" in t[mm.end():mm.end() + 4] and h == 12:
        h = 0
    return f"T{h:02d}:{mi:02d}" if h <= 24 and mi < 60 else None


def day_of(st: State, wd: str | None, dayword: str | None, direction) -> dt.date | None:
    """The day a weekday or today/yesterday/tomorrow names."""
    if st.anchor is None:
        return None
    if wd:
        return cal.weekday_near(st.anchor, weekday_num(wd), direction())
    if dayword:
        return cal.add_days(st.anchor, DAYWORD_SHIFT.get(dayword.lower().split()[0], 0))
    return st.ref_day or st.anchor  # a bare clock time is on the day the text is talking about


DAYWORD_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}


def r_clock(g, st, direction) -> Resolved | None:
    suffix = clock_suffix(g("t"))
    if suffix is None:
        return None
    if g("m"):
        p = full_date(st, month_num(g("m")), day_num(g("d")), None, direction)
        d = p.start if p else None
    else:
        d = day_of(st, g("wd"), g("dw"), direction)
    if d is None:
        return "TIME", unanchored("XXXX-XX-XX" + suffix)
    return "TIME", Period(d.isoformat() + suffix, d, d)


def r_dayword(g, st, direction) -> Resolved | None:
    w = re.sub(r"\s+", " ", (g("w") or g("w2") or "").lower())
    part = g("p") or g("p2") or g("p3") or g("p4")
    if g("p4"):  # "by mid-afternoon": on the day under discussion
        day, code = st.ref_day or st.anchor, "T" + PARTS_OF_DAY[part.lower()]
        return "TIME", cal.day(day, code) if day else unanchored("XXXX-XX-XX" + code)
    suffix = "T" + PARTS_OF_DAY[part.lower()] if part else ""
    if g("rel"):
        shift = -1 if g("rel").lower() == "last" else 0
    elif w.startswith("the day before"):
        shift = -2
    elif w.startswith("the day after"):
        shift = 2
    else:
        shift = DAYWORD_SHIFT[w]
        if w == "tonight":
            suffix = suffix or "TNI"
    kind = "TIME" if suffix else "DATE"
    if st.anchor is None:
        return kind, unanchored("XXXX-XX-XX" + suffix)
    return kind, cal.day(cal.add_days(st.anchor, shift), suffix)


def r_weekday(g, st, direction) -> Resolved | None:
    wd = weekday_num(g("d"))
    part = g("p")
    suffix = "T" + PARTS_OF_DAY[part.lower()] if part else ""
    kind = "TIME" if suffix else "DATE"
    if st.anchor is None:
        return kind, unanchored(f"XXXX-WXX-{wd}" + suffix)
    rel = " ".join((g("r") or "").lower().split())
    a = st.anchor
    if rel.endswith(("previous", "following")):
        base = st.ref_day or a
        step = -1 if rel.endswith("previous") else 1
        d = cal.add_days(base, step * (((base.isoweekday() - wd) * -step) % 7 or 7))
    elif rel in ("last", "past", "this past"):
        d = cal.add_days(a, -(((a.isoweekday() - wd) % 7) or 7))
    elif rel in ("next", "coming"):
        d = cal.add_days(a, ((wd - a.isoweekday()) % 7) or 7)
    else:
        d = cal.weekday_near(a, wd, direction() or WEEKDAY_DEFAULT_DIRECTION)
    return kind, cal.day(d, suffix)


def r_holiday(g, st, direction) -> Resolved | None:
    name = re.sub(r"\s+", " ", g("h").lower()).replace("’", "'")
    m, d = HOLIDAYS.get(name, (0, 0))
    if name in EASTER_FEASTS:
        m, d = 4, 0  # "XXXX-04-XX" when unanchored: Easter falls in March or April
    elif not m:
        return None

    def on(y: int) -> dt.date | None:
        if name in EASTER_FEASTS:
            return cal.add_days(e, EASTER_FEASTS[name]) if (e := cal.easter(y)) else None
        if d > 0:
            return cal.safe_date(y, m, d)
        rule = {"thanksgiving": (4, 3), "thanksgiving day": (4, 3), "labor day": (1, 0),
                "memorial day": (1, -1), "election day": (1, 0)}[name]
        x = cal.nth_weekday(y, m, *rule)
        return cal.add_days(x, 1) if x and name == "election day" else x

    pick = cal.week_of if name.endswith(" week") else cal.day
    if g("y"):
        return "DATE", pick(on(int(g("y"))))
    if st.anchor is None:
        return "DATE", unanchored("XXXX-WXX" if name.endswith(" week") else f"XXXX-{m:02d}-XX")
    rel = (g("r") or "").lower()
    dirn = {"last": -1, "next": 1}.get(rel) or direction()
    options = [x for y in (st.anchor.year - 1, st.anchor.year, st.anchor.year + 1) if (x := on(y))]
    if dirn < 0:
        options = [x for x in options if x <= st.anchor] or options
    elif dirn > 0:
        options = [x for x in options if x >= st.anchor] or options
    best = min(options, key=lambda x: abs((x - st.anchor).days), default=None)
    return "DATE", pick(best)


def r_season(g, st, direction) -> Resolved | None:
    code = SEASONS[g("s").lower()]
    if g("y"):
        y = int(g("y")) if g("y").isdigit() else spoken_year(g("y"))
        return ("DATE", cal.season(y, code)) if y else None
    if st.anchor is None:
        return "DATE", unanchored(f"XXXX-{code}")
    rel = " ".join((g("r") or "").lower().split())
    a = st.anchor
    options = [p for y in (a.year - 2, a.year - 1, a.year, a.year + 1) if (p := cal.season(y, code))]
    current = [p for p in options if p.start <= a <= p.end]
    if rel in ("last", "past", "this past"):
        pick = [p for p in options if p.end < a][-1:]
    elif rel in ("next", "coming"):
        pick = [p for p in options if p.start > a][:1]
    elif current:
        pick = current
    elif direction() < 0:
        pick = [p for p in options if p.end < a][-1:]
    elif direction() > 0:
        pick = [p for p in options if p.start > a][:1]
    else:
        pick = [p for p in options if p.start.year == a.year]
    return ("DATE", pick[0]) if pick else None
