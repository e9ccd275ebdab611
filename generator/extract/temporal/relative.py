"""Months, years, quarters, relative and anaphoric periods, durations, sets and references."""
from __future__ import annotations

import datetime as dt
import re

from . import calendar as cal
from .calendar import Period
from .lexicon import AMBIGUOUS_MONTHS, FREQUENCY_WORDS, MONTHS, ORDINALS, PARTS_OF_DAY, SEASONS, UNITS
from .numbers import duration_value, quantity, spoken_year, unit_of
from .resolve import TWO_DIGIT_PIVOT, Resolved, State, in_story_year, unanchored, weekday_num

# Words before a bare "May" or "March" that make it the month (tuned on TimeBank).
MONTH_CUES = frozenset("in since until till by of through from during before after last next this "
                       "early late mid to between and or until-".split())
# "the March accession", "the May elections": a month modifying a lower-case noun is the month;
# "the March of Dimes", "the march to the sea" are not (the word after is a preposition).
MONTH_DETERMINERS = frozenset(("the",))
MONTH_NOT_NOUN_NEXT = frozenset("of on to for from through toward towards against in into across "
                                "and or by with was is were are has had".split())
# Rel words that count from the anchor, and those that count from the last date named.
FROM_ANCHOR = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "this past": -1, "the past": -1,
               "the last": -1, "next": 1, "coming": 1, "the next": 1, "the coming": 1}
FROM_REF = {"following": 1, "the following": 1, "previous": -1, "the previous": -1,
            "preceding": -1, "the preceding": -1, "same": 0, "the same": 0, "that": 0,
            "that same": 0}


# A month named without a year or tense is the nearest one: at most this many months away.
# A month exactly six months away is taken as past: news mostly reports what happened.
MONTH_REACH_AHEAD, MONTH_REACH_BACK = 5, 6


def r_month(g, st: State, direction) -> Resolved | None:
    word = g("m")
    m = MONTHS[word.lower().rstrip(".")]
    rel = re.sub(r"\s+", " ", (g("rel") or "").lower())
    if g("y"):
        y = int(g("y")) if g("y").isdigit() else spoken_year(g("y"))
        return ("DATE", cal.month(y, m)) if y else None
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
        if dirn < 0 and in_story_year(st, m):
            y = st.story_year
        elif dirn < 0 and m > a.month or dirn == 0 and m - a.month > MONTH_REACH_AHEAD:
            y -= 1
        elif dirn > 0 and m < a.month or dirn == 0 and a.month - m > MONTH_REACH_BACK:
            y += 1
    return "DATE", cal.month(y, m)


def month_allowed(text: str, before: str, has_rel: bool, has_year: bool, after: str = "") -> bool:
    """A bare "May" needs a cue word before it, or "the" and a common noun after; other months always stand."""
    word = text.split()[-1].rstrip(".")
    if word not in AMBIGUOUS_MONTHS or has_rel or has_year:
        return True
    if before.lower() in MONTH_DETERMINERS and after.isalpha() and after.islower():
        return after not in MONTH_NOT_NOUN_NEXT
    return before.lower() in MONTH_CUES


def r_year(g, st, direction) -> Resolved | None:
    y = int(g("y")) if g("y").isdigit() else spoken_year(g("y"))
    if g("y")[0] in "'’":  # "in '98": the nearest year with those last two digits, before the anchor's decade turns
        y = short_year(int(g("y")[1:]), st.anchor)
    return ("DATE", cal.year(y)) if y else None


def short_year(yy: int, anchor: dt.date | None) -> int:
    """1998 for '98: the year with these last two digits nearest the anchor (else the 1900s or 2000s by pivot)."""
    if anchor is None:
        return yy + (2000 if yy < TWO_DIGIT_PIVOT else 1900)
    base = anchor.year - anchor.year % 100
    return min((base - 100 + yy, base + yy, base + 100 + yy), key=lambda y: abs(y - anchor.year))


def r_yearago(g, st: State, direction) -> Resolved | None:
    st.hold = True
    ref = st.ref if st.ref and re.search(r"-(Q\d|H\d)$", st.ref.value) else None
    if ref is not None:
        y = int(ref.value[:4]) - 1
        return "DATE", Period(f"{y:04d}{ref.value[4:]}", None, None)
    if st.anchor is None:
        return "DATE", unanchored("XXXX")
    return "DATE", cal.year(st.anchor.year - 1)


def r_yearend(g, st: State, direction, since: bool = False) -> Resolved | None:
    """The last day of the year: this one, or the one before when the clause is past ("since year-end")."""
    if st.anchor is None:
        return "DATE", unanchored("XXXX-12-31")
    rel = (g("r") or "").lower()
    shift = {"last": -1, "next": 1, "this": 0}.get(rel)
    if shift is None:
        shift = -1 if since or direction() < 0 and st.anchor.month < 12 else 0
    return "DATE", cal.day(cal.safe_date(st.anchor.year + shift, 12, 31))


def r_decade(g, st, direction) -> Resolved | None:
    if g("c"):
        c = g("c").lower()
        n = ORDINALS.get(c) or (int(c[:-2]) if c[:-2].isdigit() else None)
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
SAME_AS_REF = ("latest", "same", "comparable", "that")
YEAR_BEFORE_REF = ("year-ago", "year-earlier", "year ago", "year earlier")


def r_quarter(g, st: State, direction) -> Resolved | None:
    unit = g("unit").lower()
    ordw = (g("ord") or "").lower()
    rel = re.sub(r"\s+", " ", (g("rel") or "").lower())
    q = ORDINALS.get(ordw)
    if unit == "half" and rel == "last" and g("y") and not q:
        q, rel = 2, ""  # "the last half of 1989"
    if unit == "half" and q not in (1, 2):
        return None
    yr = g("yr") if g("yr") and g("yr")[0].isdigit() else None
    ref = st.ref if st.ref and re.search(r"-[QH]\d$", st.ref.value) else None
    if yr and not q and unit in ("quarter", "period"):
        # "the 1988 period": the quarter under discussion, a year apart
        if ref is None:
            return "DATE", cal.year(int(yr))
        st.hold = True
        return "DATE", (cal.half if ref.value[-2] == "H" else cal.quarter)(int(yr), int(ref.value[-1]))
    if rel == "that" and ref is None:
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


# "in the morning" is the morning of the day the text is about (TimeBank tags it so).
PART_OF_REF_DAY = True
EDGE_OF = re.compile(r"the\s+(?:end|beginning|middle|start)\s+of\s")


def r_rel(g, st: State, direction) -> Resolved | None:
    rel = re.sub(r"\s+", " ", g("r").lower())
    unit = g("u").lower()
    after = (g("after") or "").lower()
    part = PARTS_OF_DAY.get(unit)
    whole = g("whole").lower()
    if g("full") and unit != "year":
        return None
    if g("after2"):
        if rel != "the":
            return None
        after = g("after2").lower()
    if rel == "in the" and not whole.startswith(("earlier", "later")):
        return None
    if g("ended") and rel == "the" and unit == "year":
        return "DURATION", unanchored("P1Y")  # "the year ended June 30": a fiscal year, tagged as a length
    if rel == "the" and unit in ("week", "month", "year") and EDGE_OF.match(whole):
        rel = "this"  # "the end of the year"
    elif rel == "the" and unit == "year" and not after and not g("named"):
        # "the year": the year under discussion (TimeBank tags it in 25 of 26 uses); "the year of
        # the flood" is named by what follows, not the year under discussion
        if st.ref is not None and re.fullmatch(r"\d{4}", st.ref.value):
            return "DATE", st.ref
        rel = "this"
    elif rel == "the" and part and not g("of") and PART_OF_REF_DAY:
        rel = "that"  # "orders came in the morning": the morning of the day under discussion
    elif rel == "the" and unit not in ("weekend",) and not after:
        return None
    if rel == "in the":
        rel = "this" if unit != "day" else "that"
    if unit == "weekend" and rel in ("the", "this") and st.anchor is not None:
        a, dirn = st.anchor, direction()
        if dirn > 0 or a.isoweekday() >= 6:
            return "DATE", cal.week_of(a, "-WE")
        return "DATE", cal.week_of(cal.add_days(a, -7), "-WE")
    if part and rel == "the next":
        rel = "the following"  # "the next morning": the morning after the day under discussion
    if part and rel in FROM_ANCHOR and rel not in ("this",):
        return None
    if unit == "day" and rel in FROM_ANCHOR and rel != "this":
        return None
    if after:
        n = {"before": -1, "earlier": -1, "after": 1}[after]
        if rel != "the":
            return None
        base = st.ref_day or st.anchor
        if st.ref and unit in ("month", "year") and st.ref.start:
            base = st.ref.start
    elif rel in FROM_REF:
        n = FROM_REF[rel]
        base = st.ref_day or st.anchor
        if st.ref and unit in ("month", "year") and st.ref.start:
            base = st.ref.start  # "in June 1998 ... later that year": the last period named, not the last day
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


# Vague spans that TimeBank and AQUAINT give as durations more often than as PAST_REF.
REF_AS_DURATION = {"recent months": "PXM", "recent weeks": "PXW"}
REF_VALUES = {"present": "PRESENT_REF", "past": "PAST_REF", "future": "FUTURE_REF"}


def r_ref(g, st, direction, before: str = "", after: str = "") -> Resolved | None:
    kind = next(k for k in REF_VALUES if g(k))
    word = g("whole").lower()
    if word == "future" and after.isalpha() and after.lower() not in ("of", "and", "or", "is", "was"):
        return None
    if word.endswith("future") and before.lower() == "foreseeable":
        return None
    if word in ("soon", "shortly") and (before.lower() == "as" or after.lower() in ("after", "as", "thereafter", "before")):
        return None  # "as soon as", "soon after": a relation between events, untagged in TimeBank
    if word in REF_AS_DURATION:
        return "DURATION", unanchored(REF_AS_DURATION[word])
    return "DATE", unanchored(REF_VALUES[kind])
