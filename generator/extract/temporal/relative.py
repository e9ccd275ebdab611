"""Months, years, quarters, relative and anaphoric periods, durations, sets and references."""
from __future__ import annotations

import datetime as dt
import re

from . import calendar as cal
from .calendar import Period
from .lexicon import AMBIGUOUS_MONTHS, FREQUENCY_WORDS, MONTHS, ORDINALS, PARTS_OF_DAY, SEASONS, UNITS
from .numbers import duration_value, quantity, unit_of
from .resolve import Resolved, State, unanchored, weekday_num

# Words before a bare "May" or "March" that make it the month (tuned on TimeBank).
MONTH_CUES = frozenset("in since until till by of through from during before after last next this "
                       "early late mid to between and or until-".split())
# Rel words that count from the anchor, and those that count from the last date named.
FROM_ANCHOR = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "the past": -1,
               "the last": -1, "next": 1, "coming": 1, "the next": 1, "the coming": 1}
FROM_REF = {"following": 1, "the following": 1, "previous": -1, "the previous": -1,
            "preceding": -1, "the preceding": -1, "same": 0, "the same": 0, "that": 0,
            "that same": 0}


# A month named without a year or tense is the nearest one: at most this many months away.
MONTH_REACH = 6


def r_month(g, st: State, direction) -> Resolved | None:
    word = g("m")
    m = MONTHS[word.lower().rstrip(".")]
    rel = re.sub(r"\s+", " ", (g("rel") or "").lower())
    if g("y"):
        return "DATE", cal.month(int(g("y")), m)
    if st.anchor is None:
        return "DATE", unanchored(f"XXXX-{m:02d}")
    a = st.anchor
    if g("ry"):
        return "DATE", cal.month(a.year + {"this": 0, "last": -1, "next": 1}[g("ry").lower()], m)
    if rel == "last":
        y = a.year if m < a.month else a.year - 1
    elif rel == "next":
        y = a.year if m > a.month else a.year + 1
    elif rel.endswith("this"):
        y = a.year
    else:
        dirn = direction()
        y = a.year
        if dirn < 0 and m > a.month or dirn == 0 and m - a.month > MONTH_REACH:
            y -= 1
        elif dirn > 0 and m < a.month or dirn == 0 and a.month - m > MONTH_REACH:
            y += 1
    return "DATE", cal.month(y, m)


def month_allowed(text: str, before: str, has_rel: bool, has_year: bool) -> bool:
    """A bare "May" needs a cue word before it; other months always stand."""
    word = text.split()[-1].rstrip(".")
    if word not in AMBIGUOUS_MONTHS or has_rel or has_year:
        return True
    return before.lower() in MONTH_CUES


SPOKEN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
               "eighty": 80, "ninety": 90}


def spoken_year(text: str) -> int | None:
    """1996 for "nineteen ninety-six", 2000 for "two thousand"."""
    w = re.split(r"[\s-]+", text.lower())
    ones = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
    if w[:2] == ["two", "thousand"]:
        return 2000 + ones.get(w[-1], 0)
    if w[0] in ("nineteen", "twenty") and len(w) >= 2 and w[1] in SPOKEN_TENS:
        return (1900 if w[0] == "nineteen" else 2000) + SPOKEN_TENS[w[1]] + (ones.get(w[2], 0) if len(w) > 2 else 0)
    return None


def r_year(g, st, direction) -> Resolved | None:
    y = int(g("y")) if g("y").isdigit() else spoken_year(g("y"))
    return ("DATE", cal.year(y)) if y else None


def r_yearago(g, st: State, direction) -> Resolved | None:
    st.hold = True
    ref = st.ref if st.ref and re.search(r"-(Q\d|H\d)$", st.ref.value) else None
    if ref is not None:
        y = int(ref.value[:4]) - 1
        return "DATE", Period(f"{y:04d}{ref.value[4:]}", None, None)
    if st.anchor is None:
        return "DATE", unanchored("XXXX")
    return "DATE", cal.year(st.anchor.year - 1)


def r_decade(g, st, direction) -> Resolved | None:
    if g("c"):
        n = ORDINALS.get(g("c").lower())
        return ("DATE", cal.century(n - 1)) if n else None
    y = g("y")
    if y[0] in "'’":
        d = int(y[1])
        century = 19
        if st.anchor and st.anchor.year >= 2000 and d * 10 <= st.anchor.year % 100:
            century = 20
        return "DATE", cal.decade(century * 10 + d)
    return "DATE", cal.decade(int(y) // 10)


QUARTER_SHIFT = {"last": -1, "previous": -1, "next": 1}
SAME_AS_REF = ("latest", "same", "comparable")
YEAR_BEFORE_REF = ("year-ago", "year-earlier", "year ago", "year earlier")


def r_quarter(g, st: State, direction) -> Resolved | None:
    unit = g("unit").lower()
    ordw = (g("ord") or "").lower()
    rel = re.sub(r"\s+", " ", (g("rel") or "").lower())
    q = ORDINALS.get(ordw)
    if unit == "half" and q not in (1, 2):
        return None
    if unit == "period":
        if rel not in SAME_AS_REF + YEAR_BEFORE_REF or q:
            return None
        unit = "quarter"
    if not q and not rel and not g("yr") and not g("whole").lower().startswith("the"):
        return None
    make = cal.half if unit == "half" else cal.quarter
    year = g("y") or (g("yr")[:4] if g("yr") and g("yr")[0].isdigit() else None)
    if year:
        return ("DATE", make(int(year), q)) if q else None
    a = st.anchor
    ref = st.ref if st.ref and re.search(r"-[QH]\d$", st.ref.value) else None
    if a is None:
        return "DATE", unanchored(f"XXXX-{'H' if unit == 'half' else 'Q'}{q or 'X'}")
    cur = cal.quarter_of(a) if unit == "quarter" else (1 if a.month <= 6 else 2)
    ry = g("ry") or ((g("yr") or "").split() or [None])[0]
    if ry and q:
        return "DATE", make(a.year + {"this": 0, "last": -1, "next": 1}[ry.lower()[:4]], q)
    if rel in YEAR_BEFORE_REF:
        st.hold = True
        base = ref
        if base is None:
            base = make(a.year, cur - 1) if cur > 1 else make(a.year - 1, 4 if unit == "quarter" else 2)
        if base is None:
            return None
        return "DATE", make(int(base.value[:4]) - 1, q or int(base.value[-1]))
    if q:
        y = a.year if q <= cur else a.year - 1
        if rel in QUARTER_SHIFT and QUARTER_SHIFT[rel] > 0:
            y = a.year if q > cur else a.year + 1
        return "DATE", make(y, q)
    if ref and rel in SAME_AS_REF[1:] + ("", "fiscal"):
        return "DATE", ref
    if ry and ref:
        return "DATE", make(a.year + {"this": 0, "last": -1, "next": 1}[ry.lower()[:4]], int(ref.value[-1]))
    shift = QUARTER_SHIFT.get(rel, 0 if rel in ("this", "current") else -1)
    n = 4 if unit == "quarter" else 2
    k = a.year * n + (cur - 1) + shift
    return "DATE", make(k // n, k % n + 1)


def shift_period(unit: str, base: dt.date, n: int, suffix: str = "") -> Period | None:
    """The day, week, month, year or decade n units from base."""
    try:
        if unit == "day":
            return cal.day(cal.add_days(base, n), suffix)
        if unit in ("week", "weekend"):
            return cal.week_of(cal.add_days(base, 7 * n), "-WE" if unit == "weekend" else "")
        if unit == "month":
            y, m = cal.add_months(base.year, base.month, n)
            return cal.month(y, m)
        if unit == "year":
            return cal.year(base.year + n)
        if unit == "decade":
            return cal.decade(base.year // 10 + n)
        if unit == "century":
            return cal.century(base.year // 100 + n)
    except (OverflowError, ValueError):
        return None
    return None


EDGE_OF = re.compile(r"the\s+(?:end|beginning|middle|start)\s+of\s")


def r_rel(g, st: State, direction) -> Resolved | None:
    rel = re.sub(r"\s+", " ", g("r").lower())
    unit = g("u").lower()
    after = (g("after") or "").lower()
    part = PARTS_OF_DAY.get(unit)
    whole = g("whole").lower()
    if rel == "in the" and not whole.startswith(("earlier", "later")):
        return None
    if rel == "the" and unit in ("week", "month", "year") and EDGE_OF.match(whole):
        rel = "this"  # "the end of the year"
    elif rel == "the" and unit == "year":
        # "the year": the year under discussion (TimeBank tags it in 25 of 26 uses)
        if st.ref is not None and re.fullmatch(r"\d{4}", st.ref.value):
            return "DATE", st.ref
        rel = "this"
    elif rel == "the" and unit not in ("weekend",) and not after:
        return None
    if rel == "in the":
        rel = "this" if unit != "day" else "that"
    if unit == "weekend" and rel in ("the", "this") and st.anchor is not None:
        a, dirn = st.anchor, direction()
        if dirn > 0 or a.isoweekday() >= 6:
            return "DATE", cal.week_of(a, "-WE")
        return "DATE", cal.week_of(cal.add_days(a, -7), "-WE")
    if part and rel in FROM_ANCHOR and rel not in ("this",):
        return None
    if unit == "day" and rel in FROM_ANCHOR and rel != "this":
        return None
    if after:
        n = {"before": -1, "earlier": -1, "after": 1}[after]
        if unit != "day" or rel != "the":
            return None
        base = st.ref_day or st.anchor
    elif rel in FROM_REF:
        n = FROM_REF[rel]
        base = st.ref_day or st.anchor
        if st.ref and unit in ("month", "year") and st.ref.start and not st.ref_day:
            base = st.ref.start
    else:
        n = FROM_ANCHOR.get(rel, 0)
        base = st.anchor
    if part:
        if base is None:
            return "TIME", unanchored("XXXX-XX-XXT" + part)
        return "TIME", cal.day(cal.add_days(base, n), "T" + part)
    if base is None:
        x = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
             "year": "XXXX", "decade": "XXX", "century": "XX"}[unit]
        return "DATE", unanchored(x)
    p = shift_period(unit, base, n)
    return ("DATE", p) if p else None


def r_inthe(g, st: State, direction) -> Resolved | None:
    unit = g("u").lower()
    base = st.ref_day or st.anchor
    if base is None:
        return "DATE", unanchored({"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX"))
    return ("DATE", p) if (p := shift_period(unit, base, 0)) else None


def r_ago(g, st: State, direction) -> Resolved | None:
    unit = unit_of(g("unit"))
    if unit is None or unit == "quarter":
        return None
    n = quantity(g("n"))
    d = re.sub(r"\s+", " ", g("dir").lower())
    sign = -1 if d in ("ago", "earlier", "before", "back") else 1
    if n is None:
        return "DATE", unanchored("PAST_REF" if sign < 0 else "FUTURE_REF")
    base = st.anchor if d in ("ago", "from now", "hence", "back") else (st.ref_day or st.anchor)
    if base is None:
        return "DATE", unanchored("XXXX-XX-XX" if UNITS[unit][0] in "DHS" else "XXXX")
    k = int(n * UNITS[unit][2])
    if UNITS[unit][1]:
        return "DATE", cal.day(base)
    ref = st.ref
    st.hold = True
    if unit == "year" and k == 1 and ref is not None and re.fullmatch(r"\d{4}-(Q\d|H\d)", ref.value):
        y = int(ref.value[:4]) - k * (1 if sign < 0 else -1)
        return "DATE", Period(f"{y:04d}{ref.value[4:]}", None, None) if cal.in_range(y) else None
    if unit in ("decade", "century"):
        unit, k = "year", int(n * UNITS[unit][2])
    return ("DATE", p) if (p := shift_period(unit, base, sign * k)) else None


# "four flights a week", "$2 million a year": a rate, which TimeBank leaves untagged.
RATE_BEFORE = re.compile(r"(\d|%|percent|cents?|dollars?|times|twice|once|million|billion|[a-z]{3,}s)$", re.I)


def r_duration(g, st, direction, before: str) -> Resolved | None:
    if g("bare"):
        unit = unit_of(g("bare"))
        if before.lower() not in ("for", "in", "within", "over", "after", "took", "take", "takes", "spent",
                                  "lasted", "last"):
            return None
        return "DURATION", unanchored(duration_value(None, unit))
    unit = unit_of(g("u"))
    nword = g("n").lower()
    n = quantity(g("n"))
    if unit is None or (unit == "second" and nword in ("a", "an")):
        return None
    if unit == "quarter" and (nword in ("a", "an", "one") or g("sep") == "-" or g("whole").lower().endswith("s of")):
        return None
    if nword in ("a", "an") and RATE_BEFORE.search(before):
        return None
    if unit == "weekend":
        return "DURATION", unanchored("P1WE" if n == 1 else f"P{int(n) if n else 'X'}WE")
    return "DURATION", unanchored(duration_value(n, unit))


def r_set(g, st, direction) -> Resolved | None:
    if g("freq"):
        return "SET", unanchored(FREQUENCY_WORDS[g("freq").lower()])
    if g("wds"):
        part = g("wdpart")
        return "SET", unanchored(f"XXXX-WXX-{weekday_num(g('wds'))}" + (f"T{PARTS_OF_DAY[part.lower()]}" if part else ""))
    if g("wd"):
        return "SET", unanchored(f"XXXX-WXX-{weekday_num(g('wd'))}")
    if g("season"):
        return "SET", unanchored(f"XXXX-{SEASONS[g('season').lower()]}")
    if g("part"):
        return "SET", unanchored(f"XXXX-XX-XXT{PARTS_OF_DAY[g('part').lower()]}")
    if g("mon"):
        return "SET", unanchored(f"XXXX-{MONTHS[g('mon').lower().rstrip('.')]:02d}")
    unit = unit_of(g("unit"))
    if unit is None or unit == "weekend":
        return None
    n = quantity(g("n")) if g("n") else 1
    return "SET", unanchored(duration_value(n or 1, unit))


REF_VALUES = {"present": "PRESENT_REF", "past": "PAST_REF", "future": "FUTURE_REF"}


def r_ref(g, st, direction, before: str = "", after: str = "") -> Resolved | None:
    kind = next(k for k in REF_VALUES if g(k))
    word = g("whole").lower()
    if word == "future" and after.isalpha() and after.lower() not in ("of", "and", "or", "is", "was"):
        return None
    if word.endswith("future") and before.lower() == "foreseeable":
        return None
    if word == "soon" and (before.lower() == "as" or after.lower() in ("after", "as", "thereafter")):
        return None  # "as soon as", "soon after": a relation between events, untagged in TimeBank
    return "DATE", unanchored(REF_VALUES[kind])
