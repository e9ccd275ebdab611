"""Time expressions: found, typed and placed on the calendar.

One scan (temporal/scan.py, rules in temporal/patterns.py) finds candidates in text order; each is
resolved against the anchor (the publication date) and the last date the text
named, with the tense of its clause from the parse deciding past or future
("said on Friday" vs "will meet on Friday"). Values follow TimeML/TIMEX3.
"""
from __future__ import annotations

import copy
import datetime as dt
import logging
import re

from ..model import DateRef
from .temporal import relative as rel
from .temporal import resolve as res
from .temporal import calendar as cal
from .temporal.calendar import Period
from .temporal.context import PAST_PERFECT, about, direction, dominates, noun_event_direction
from .temporal.lexicon import HOLIDAY_NOT_NEXT
from .temporal.patterns import NOT_YEAR_NEXT
from .temporal.scan import scan
from .temporal.publish import infer_published  # noqa: F401  (part of this module's interface)
from . import text_of

log = logging.getLogger(__name__)

RESOLVERS = {
    "mdrange": res.r_mdrange, "md": res.r_md, "dm": res.r_dm, "numdate": res.r_numdate,
    "clock": res.r_clock, "set": rel.r_set, "ago": rel.r_ago, "quarter": rel.r_quarter,
    "month": rel.r_month, "decade": rel.r_decade, "year": rel.r_year, "dayword": res.r_dayword,
    "rel": rel.r_rel, "inthe": rel.r_inthe, "yearago": rel.r_yearago, "yearend": rel.r_yearend,
    "weekday": res.r_weekday, "season": res.r_season, "holiday": res.r_holiday, "ref": rel.r_ref,
}
_WORD_BEFORE = re.compile(r"([\w%$'’-]+)[\s,]*$")
_WORD_AFTER = re.compile(r"^\s*([\w'’-]+)")
# "March 3 and 4", "Jan. 9, 10 and 11": day numbers after a month-day (TimeBank and the TimeML
# guidelines tag each as a date); the number must end the phrase, not count something.
LISTED_DAY = re.compile(r"(?:\s*,\s*|\s+(?:and|or|&)\s+|\s*,\s*(?:and|or)\s+)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
                        r"(?=\s*[,.;:)]|\s+(?:and|or|in|at|to|this|last|next|of)\b|\s*$)")
MAX_LISTED_DAYS = 6
# "the day before last Tuesday's hearing", "the day after Christmas": one expression, the day next
# to the date that follows (AQUAINT tags it whole, with the shifted day); the date must name one day.
DAY_SHIFT = {"before": -1, "after": 1}
DAY_SHIFT_RULES = frozenset(("weekday", "md", "dm", "numdate", "holiday"))
# What joins the two ends of a range of days ("Monday to Wednesday", "Monday-Wednesday").
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till)\s*", re.IGNORECASE)
# Relative words that, capitalised inside a sentence, name a programme or a title.
NAME_LIKE_RULES = frozenset(("dayword", "rel", "ref"))
# Words after a season that show it is a verb or a common noun ("prices fall", "the spring in").
SEASON_VERB_NEXT = frozenset("of in to by from and the a".split())
# A year this many years or more from the anchor needs a cue ("in 1776"); else "1600 Main St".
FAR_YEAR = 60
# Prepositions that put the date they govern ahead ("until mid-November", "by February").
FUTURE_LEADS = frozenset("until till by".split())
# "since" puts the date it governs behind, up to three words on ("since shortly after the Oct. 23
# slaying", "since early September"): every dated "since" phrase in TimeBank and AQUAINT is past.
PAST_LEAD = re.compile(r"\bsince\s+(?:[\w.'’-]+\s+){0,3}$", re.IGNORECASE)
# Dates with a month but no year, which the tense of an event noun's clause places when their own
# clause says nothing ("the June 4 raid"); a weekday keeps its own default (the past one).
YEARLESS_RULES = frozenset(("md", "dm", "mdrange", "month"))
# Words before a bare season that make it the season ("in the fall", "this spring").
SEASON_CUES = frozenset("in into during since until till by through before after of that this last next over "
                        "early late mid".split())
YEAR_CUES = frozenset("in since until till by of through from during before after early late mid "
                      "and or to between fiscal the year around".split())


def sentence_start(text: str, start: int) -> bool:
    """Whether start opens a sentence (only opening punctuation since the last sentence end)."""
    head = text[max(0, start - 40):start].rstrip(" \t\"'“‘`(")
    return not head or head[-1] in ".!?:;\n\"”’'—-"


def word_before(text: str, start: int) -> str:
    """The word just before start (skipping spaces and commas), or ""."""
    m = _WORD_BEFORE.search(text[max(0, start - 40):start])
    return m.group(1) if m else ""


def word_after(text: str, end: int) -> str:
    """The word just after end, or ""."""
    m = _WORD_AFTER.match(text[end:end + 40])
    return m.group(1) if m else ""


def plausible(rule: str, m: re.Match, text: str, anchor: dt.date | None) -> bool:
    """Context checks a regex cannot make: "1990 troops", "prices fall", a bare "May"."""
    g = m.group
    if rule in NAME_LIKE_RULES and m.group(0)[:1].isupper() and not sentence_start(text, m.start()):
        return False  # "VOA Today", ABC's "This Week": a programme's name
    before = word_before(text, m.start())
    if rule == "year" and g("year_y")[0] in "'’":
        return before.lower() in YEAR_CUES and before.lower() not in ("the", "and", "or", "to")
    if rule == "year" and not m.group(0)[0].isalpha():
        y = int(g("year_y"))
        nxt = word_after(text, m.end()).lower()
        if nxt in NOT_YEAR_NEXT or re.match(r"[-'’]\w", text[m.end():m.end() + 2]):
            return False
        if anchor and abs(y - anchor.year) >= FAR_YEAR and before.lower() not in YEAR_CUES:
            return False
        return True
    if rule == "holiday" and word_after(text, m.end()).lower() in HOLIDAY_NOT_NEXT:
        return False  # "Easter Island", "Christmas Island": a name
    if rule == "month":
        return rel.month_allowed(g("month_m"), before, bool(g("month_rel")), bool(g("month_y") or g("month_ry")),
                                 word_after(text, m.end()))
    if rule == "season" and not g("season_y"):
        r = " ".join((g("season_r") or "").lower().split())
        if r in ("", "the", "early", "late", "mid", "the early", "the late"):
            if before.lower() not in SEASON_CUES:
                return False
            verbish = g("season_s").lower() in ("fall", "spring")
            return not verbish or word_after(text, m.end()).lower() not in SEASON_VERB_NEXT
    return True


def find_dates(doc, anchor: dt.date | None) -> tuple[DateRef, ...]:
    """Every time expression in the text, in order, typed and placed against the anchor."""
    return tuple(_find(doc, anchor))


def _find(doc, anchor: dt.date | None):
    text = text_of(doc)
    st = res.State(anchor)
    cands = list(scan(text))
    i = 0
    while i < len(cands):
        rule, m = cands[i]
        i += 1
        ref = shifted_day(m, cands[i], st, doc) if i < len(cands) and day_shift(rule, m, cands[i]) else None
        if ref is not None:
            i += 1
        else:
            ref = date_ref(rule, m, st, doc)
        if ref is not None:
            yield ref
            if rule in ("md", "dm") and ref.start is not None:
                yield from next_days(text, ref)


def day_shift(rule: str, m: re.Match, nxt: tuple[str, re.Match]) -> bool:
    """Whether m is "the day before/after" right before a date ("the day before last Tuesday's hearing")."""
    if rule != "rel" or (m.group("rel_after") or "").lower() not in DAY_SHIFT or nxt[0] not in DAY_SHIFT_RULES:
        return False
    return m.group("rel_r").lower() == "the" and m.group("rel_u").lower() == "day" \
        and not m.string[m.end():nxt[1].start()].strip()


def shifted_day(m: re.Match, nxt: tuple[str, re.Match], st: res.State, doc) -> DateRef | None:
    """The day before or after the date that follows m, as one expression; None when that is no single day."""
    trial = copy.copy(st)
    ref = date_ref(*nxt, trial, doc)
    if ref is None or ref.type != "DATE" or ref.start is None or ref.start != ref.end:
        return None
    d = cal.add_days(ref.start, DAY_SHIFT[m.group("rel_after").lower()])
    if d is None:
        return None
    vars(st).update(vars(trial))
    s, e = m.start(), ref.span[1]
    st.ref, st.ref_day, st.ref_start, st.ref_end = cal.day(d), d, s, e
    return DateRef(text=m.string[s:e], span=(s, e), type="DATE", value=d.isoformat(), start=d, end=d,
                   about=about(doc, s, e))


def next_days(text: str, first: DateRef):
    """The bare day numbers listed after a month-day ("March 3 and 4"), each its own date."""
    pos, last = first.span[1], first.start
    for _ in range(MAX_LISTED_DAYS):
        m = LISTED_DAY.match(text, pos)
        if m is None:
            return
        d = cal.safe_date(last.year, last.month, int(m.group("d")))
        if d is None or d <= last:
            return
        s, e = m.span("d")
        yield DateRef(text=text[s:e], span=(s, e), type="DATE", value=d.isoformat(), start=d, end=d,
                      about=first.about)
        pos, last = m.end(), d


def date_ref(rule: str, m: re.Match, st: res.State, doc) -> DateRef | None:
    """The DateRef for one candidate, updating the reference dates; None when it is no date."""
    text = m.string
    if rule not in RESOLVERS and rule != "duration" or not plausible(rule, m, text, st.anchor):
        return None
    st.hold = False
    st.story_year = story_year(doc, st, m.span())
    found = resolve_one(rule, m, st, doc)
    if found is None or found[1] is None:
        return None
    kind, period = found
    if rule == "weekday" and period.start and not m.group("weekday_r") and st.ref_day \
            and st.day_end >= 0 and RANGE_JOIN.fullmatch(text[st.day_end:m.start()]):
        period = range_end(st.ref_day, period)
    if rule == "weekday" and period.start is not None:
        st.day_end = m.end()
    if st.hold:
        st.hold = False
    elif period.start is not None and kind in ("DATE", "TIME"):
        st.ref, st.ref_start, st.ref_end = period, m.start(), m.end()
        st.ref_day = period.start if period.start == period.end else st.ref_day
    s, e = m.span()
    if rule == "duration" and (m.group("duration_sep") or "").startswith("-") and text[s:s + 4].lower() == "the ":
        s += 4  # "the 50-minute call": the adjective is the expression
    return DateRef(text=text[s:e], span=(s, e), type=kind, value=period.value, start=period.start,
                   end=period.end, about=about(doc, s, e) if period.start else None)


def story_year(doc, st: res.State, span: tuple[int, int]) -> int | None:
    """The year of the last period named, when it is past and was named earlier in the same clause
    or in a clause above this one ("detained in June over the February 9 raid")."""
    ref = st.ref
    if ref is None or ref.start is None or st.anchor is None or ref.end > st.anchor or st.ref_start < 0:
        return None
    return ref.start.year if dominates(doc, (st.ref_start, st.ref_end), span) else None


def range_end(first: dt.date, period: Period) -> Period:
    """The weekday that closes a range opened by first ("from Monday to Wednesday")."""
    wd = period.start.isoweekday()
    d = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 or 7)
    return Period(d.isoformat() + period.value[10:], d, d)


def resolve_one(rule: str, m: re.Match, st: res.State, doc):
    """Resolve one match; None when it is not a time expression after all."""
    def g(k: str):
        return m.group(0) if k == "whole" else m.group(f"{rule}_{k}")

    cache: list[int] = []

    def tense() -> int:
        if not cache:
            lead = word_before(m.string, m.start()).lower()
            dirn = direction(doc, *m.span())
            if not dirn and rule in YEARLESS_RULES:
                dirn = noun_event_direction(doc, *m.span())
            if PAST_LEAD.search(m.string[max(0, m.start() - 40):m.start()]):
                dirn = -1
            cache.append(1 if lead in FUTURE_LEADS and dirn > PAST_PERFECT else max(dirn, -1))
        return cache[0]

    try:
        if rule == "duration":
            return rel.r_duration(g, st, tense, word_before(m.string, m.start()))
        if rule == "yearend":
            return rel.r_yearend(g, st, tense, since=word_before(m.string, m.start()).lower() == "since")
        if rule == "ref":
            return rel.r_ref(g, st, tense, word_before(m.string, m.start()), word_after(m.string, m.end()))
        return RESOLVERS[rule](g, st, tense)
    except (ValueError, OverflowError):  # a day the calendar does not have (30 February, year 10000)
        log.debug("rule %s failed on %r", rule, m.group(0), exc_info=True)
        return None
