"""The tagger's rules as data: one regular expression per kind of time expression.

At each position the first rule in RULES that matches wins (scan.py tries them
in this order), so longer and more specific rules come first. Names (months, weekdays, holidays) must be capitalised; the
rest is case-insensitive. Each rule's inner groups carry the rule's name as a
prefix, so `match.group(f"{rule}_x")` reads them.
"""
from __future__ import annotations

import re

from .lexicon import (EASTER_FEASTS, FREQUENCY_WORDS, FUTURE_REF, HOLIDAYS, NUMBER_WORDS, ORDINALS, PARTS_OF_DAY,
                      PAST_REF, PRESENT_REF, SEASONS, UNIT_PLURALS, UNITS, VAGUE_QUANTITIES)


def alt(words, cap: bool = False) -> str:
    """A non-capturing alternation of words, longest first; cap: Capitalised or UPPER only."""
    words = sorted(set(words), key=len, reverse=True)
    if cap:  # each name's forms together, so "Christmas Day" is tried before "Christmas"
        forms = [f for w in words for f in dict.fromkeys(
            (w.capitalize(), " ".join(x[:1].upper() + x[1:] for x in w.split(" ")), w.upper()))]
        return "(?-i:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms) + ")"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"


MONTH_FULL = alt(("january february march april may june july august september october "
                  "november december").split(), cap=True)
MONTH_ABBR = "(?-i:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\\.|(?=\\s+\\d)))"
MONTH = f"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY = alt("monday tuesday wednesday thursday friday saturday sunday".split(), cap=True)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,.]\d)"
# A year is not followed by more digits, a percent sign or a time zone ("1600 GMT" is a time).
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d,]\d|-?\d|%|\s*(?:GMT|BST|UTC|hrs|h\b))"
APOS = "['’]"
POSS = f"(?:{APOS}s)?"
PART = alt(p for p in PARTS_OF_DAY if p not in ("noon", "midday"))
EDGE = r"(?:early|mid|late|earlier|later|the\s+(?:end|beginning|start|middle|close|turn)\s+of)"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ONES = "one two three four five six seven eight nine".split()
NUMWORD = alt([w for w in NUMBER_WORDS] + [f"{t}-{o}" for t in _TENS for o in _ONES]
              + [f"{t} {o}" for t in _TENS for o in _ONES])
NUMBER = (rf"(?:\d+(?:\.\d+)?(?:\s+1/2|½)?|{NUMWORD}(?:\s+and\s+a\s+half)?|a\s+half|half\s+an?)")
VAGUE = alt(VAGUE_QUANTITIES)
UNIT_ANY = alt(list(UNITS) + list(UNIT_PLURALS))
ORDINAL = alt(ORDINALS)
# Any numbered ordinal ("14th", "3rd"), for centuries: the word list holds only the common ones.
NUM_ORDINAL = r"(?:[1-9]\d?(?:st|nd|rd|th))"
QUANT_MOD = alt(("more than", "less than", "fewer than", "nearly", "almost", "about", "around",
                 "at least", "at most", "up to", "over", "some", "roughly", "approximately",
                 "only", "just", "no more than", "no less than", "barely", "well over",
                 "under", "within", "another", "an additional", "the past", "the last",
                 "the next", "the first", "the final", "the coming", "the previous",
                 "the following", "the remaining", "the", "past", "last", "next", "first",
                 "those", "these")).replace("|over|", r"|over(?!\s+(?:the|these|those|this|that)\b)|")
REL = alt(("last", "next", "this", "coming", "past", "this past", "previous", "current", "following",
           "preceding", "same", "the past", "the last", "the next", "the coming",
           "the previous", "the current", "the following", "the preceding", "the same",
           "that", "that same", "the"))
CLOCK = (r"(?:\d{1,2}(?::\d\d)?\s*(?:[ap]\.\s?m\.?|[ap]m\b)|\d{1,2}:\d\d(?!\d)|noon|midnight|midday"
         r"|\d{1,2}\s+o['’]clock|\d{1,2}(?::\d\d)?\s+in\s+the\s+(?:morning|afternoon|evening)"
         r"|[012]\d[0-5]\d(?=\s*(?-i:GMT|UTC)))")  # "9 in the morning", wire-service "0930 GMT"
TZ = r"(?:\s+\(?(?-i:[ECMP][SD]T|GMT|UTC|EST|EDT)\)?)"
# Years read out in broadcast transcripts: "nineteen ninety-six", "two thousand".
SPOKEN_YEAR = (rf"(?:nineteen|twenty)\s+{alt(_TENS)}(?:[\s-]{alt(_ONES)})?"
               rf"|two\s+thousand(?:\s+and\s+{alt(_ONES)})?")
# "the week before" is anaphoric only at a clause end; "the week before the vote" is about an event.
CLAUSE_END = r"""\s*(?:[.,;:!?)"'’”]|and\b|but\b|$)"""
DAYWORD = alt(("today", "tonight", "yesterday", "tomorrow"))

RULES: tuple[tuple[str, str], ...] = (
    # Jan. 9-10, Dec. 30-Jan. 2, 2022 (with "to", TimeML tags two expressions)
    ("mdrange", rf"(?:{WEEKDAY},?\s+)?(?P<mdrange_m1>{MONTH})\s*(?P<mdrange_d1>{DAY})\s*(?:-|–|—)"
                rf"\s*(?:(?P<mdrange_m2>{MONTH})\s*)?(?P<mdrange_d2>{DAY})(?:,?\s+(?P<mdrange_y>{YEAR}))?"),
    # Friday, Oct. 23, 1998 / Jan. 12
    ("md", rf"(?:(?P<md_wd>{WEEKDAY}),?\s+)?(?P<md_m>{MONTH})\s*(?P<md_d>{DAY})(?:,?\s+(?P<md_y>{YEAR}))?"
           rf"(?:,?\s+(?P<md_wd2>{WEEKDAY}))?"),
    # 9 January 2022, the 9th of January
    ("dm", rf"(?:the\s+)?(?P<dm_d>{DAY})(?:\s+of)?\s+(?P<dm_m>{MONTH})(?:,?\s+(?P<dm_y>{YEAR}))?"),
    # 12/31/2021, 2021-12-31
    ("numdate", r"(?P<numdate_a>\d{1,2})/(?P<numdate_b>\d{1,2})/(?P<numdate_y>(?:19|20)?\d\d)(?![\d/])"
                r"|(?P<numdate_iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?!\d)"),
    # 10 p.m. Wednesday, noon Thursday, 4 a.m. EDT
    ("clock", rf"(?P<clock_t>{CLOCK}){TZ}?(?:,?\s+(?:(?:on\s+)?(?P<clock_wd>{WEEKDAY})|(?P<clock_dw>{DAYWORD}|this\s+(?:morning|afternoon|evening)|last\s+night)|(?P<clock_m>{MONTH})\s*(?P<clock_d>{DAY})))?"),
    # every Monday, each year, every two weeks, Tuesday nights
    ("set", rf"(?:every|each)\s+(?:other\s+)?(?:(?P<set_n>{NUMBER})\s+)?(?:(?P<set_wd>{WEEKDAY})|(?P<set_unit>{UNIT_ANY})"
            rf"|(?P<set_season>{alt(SEASONS)})|(?P<set_part>{PART})|(?P<set_mon>{MONTH}))"
            rf"|(?P<set_wds>{WEEKDAY})s(?:\s+(?P<set_wdpart>{PART})s)?"
            rf"|(?P<set_freq>{alt(FREQUENCY_WORDS)})"),
    # a year ago, two days later, more than four decades ago
    ("ago", rf"(?:{QUANT_MOD}\s+)?(?P<ago_n>{NUMBER}|{VAGUE})\s+(?P<ago_unit>{UNIT_ANY})\s+"
            rf"(?:or\s+so\s+)?(?P<ago_dir>ago|earlier|from\s+now|hence|back)(?!\s+(?:than|that|the|a|an|this|his|her|its|their)\b)"),
    # the third quarter of 1998, third-quarter, the year-earlier quarter, the first half
    ("quarter", rf"(?:the\s+)?(?:(?P<quarter_rel>this|last|next|current|latest|previous|same|that(?=\s+(?:quarter|period)\b)|year-ago|year-earlier"
                rf"|year\s+ago|year\s+earlier|comparable|fiscal)\s+)?(?:(?P<quarter_yr>{YEAR}|(?:this|last|next)\s+year{APOS}s)\s+)?"
                rf"(?:fiscal\s+)?(?:(?P<quarter_ord>{alt(['first', 'second', 'third', 'fourth', '1st', '2nd', '3rd', '4th'])})[\s-]+)?"
                rf"(?:fiscal[\s-]+)?(?P<quarter_unit>quarter|half|period)(?!\s+(?:of\s+(?:a|an|the|all|its|their|his|her)\b|century|point|mile))"
                rf"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<quarter_y>{YEAR})|(?P<quarter_ry>this|last|next)\s+year))?"),
    # year-earlier (results), year-ago: a year before the period under discussion
    ("yearago", r"(?:the\s+)?year[\s-](?:earlier|ago)(?![\w-])"),
    # by year-end, around year end, by year's end
    ("yearend", rf"(?:(?P<yearend_r>this|last|next)\s+)?year(?:[\s-]end|{APOS}s\s+end)(?![\w-])"),
    # late November 1998, January this year, mid-November
    ("month", rf"(?:(?P<month_rel>last|next|this|early|mid|late|earlier\s+this|later\s+this|the\s+end\s+of|"
              rf"the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of)[\s-]*)?(?P<month_m>{MONTH_FULL}|{MONTH_ABBR})"
              rf"(?:,?\s+(?:of\s+)?(?:(?P<month_y>{YEAR}|{SPOKEN_YEAR})|(?P<month_ry>this|last|next)\s+year))?(?!\s*\d)"),
    # the 1990s, the late '80s, the 20th century
    ("decade", rf"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<decade_y>(?:1[5-9]|20)\d0|{APOS}\d0)s\b"
               rf"|(?:the\s+)?(?P<decade_c>{ORDINAL}|{NUM_ORDINAL})\s+century"),
    # 1998, fiscal 1999, mid-1996, the year 2000
    ("year", rf"(?:(?:post|pre)-)?(?:(?:the\s+)?(?:{EDGE})[\s-]+(?:of\s+)?)?(?:(?P<year_fy>fiscal)\s+(?:year\s+)?|the\s+year\s+)?(?P<year_y>{YEAR}|{SPOKEN_YEAR}|{APOS}\d\d(?![\d'’]|s\b))"),
    # yesterday morning, late Tuesday night, last night, this morning
    ("dayword", rf"(?:(?:early|late|earlier|later)\s+)?(?P<dayword_w>{DAYWORD}|the\s+day\s+before\s+yesterday"
                rf"|the\s+day\s+after\s+tomorrow){POSS}(?:\s+(?P<dayword_p>{PART}))?"
                rf"|(?:(?:early|late|earlier|later)\s+)?(?P<dayword_rel>last|this)\s+(?P<dayword_p2>{PART})"
                rf"|(?:(?:early|late|mid)[\s-]?)?(?P<dayword_p3>{PART})\s+(?P<dayword_w2>{DAYWORD})"
                rf"|mid[\s-]?(?P<dayword_p4>morning|afternoon|evening)"),
    # later in the day, earlier in the year: the period the text is talking about
    ("inthe", r"(?:earlier|later)\s+in\s+the\s+(?P<inthe_u>day|week|month|year)(?!\s+(?:of|before|after)\b)"),
    # earlier this month, the following day, later that year, last week, the past year
    ("rel", rf"(?:(?:early|earlier|later|late|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of)\s+)?"
            rf"(?P<rel_r>{REL})\s+(?:(?P<rel_full>full|fiscal|calendar)\s+)?(?P<rel_u>day|week|weekend|month|year|decade|century|{PART}){POSS}"
            rf"(?:(?<=day)\s+(?P<rel_after>before|after|earlier)\b"
            rf"|(?:(?<=week)|(?<=month)|(?<=year))\s+(?P<rel_after2>before|after|earlier)(?={CLAUSE_END}))?"
            r"(?:(?=\s+(?P<rel_ended>ended|ending)\b))?(?:(?=\s+(?P<rel_of>of|before|after)\b))?"
            r"(?:(?=\s+of\s+(?P<rel_named>[^\W\d_])))?"),  # "the year of the flood", not "of $42"
    # last Friday, Thursday morning, Friday's
    ("weekday", rf"(?:(?P<weekday_e>early|late|earlier|later)\s+)?(?:(?P<weekday_r>last|next|this\s+past|this|coming|past|(?:the\s+)?previous|(?:the\s+)?following)\s+)?"
                rf"(?P<weekday_d>{WEEKDAY}){POSS}(?:\s+(?P<weekday_p>{PART}))?"),
    # last summer, the fall of 1998
    ("season", rf"(?:(?P<season_r>last|next|this\s+past|this|coming|past|the\s+early|the\s+late|early|late|the|mid)[\s-]+)?(?P<season_s>{alt(SEASONS)})"
               rf"(?:\s+(?:of\s+)?(?P<season_y>{YEAR}|{SPOKEN_YEAR}))?"),
    ("holiday", rf"(?:(?P<holiday_r>last|next|this)\s+)?(?P<holiday_h>{alt(list(HOLIDAYS) + list(EASTER_FEASTS), cap=True)}|(?-i:Thanksgiving|Christmas|"
                rf"New\s+Year{APOS}s\s+(?:Day|Eve)|Election\s+Day|Labor\s+Day|Memorial\s+Day|Independence\s+Day|"
                rf"Christmas\s+(?:Day|Eve)|Thanksgiving\s+Day))(?:\s+(?P<holiday_y>{YEAR}))?"),
    # 50-minute, the past three weeks, several years, two and a half hours
    ("duration", rf"(?:{QUANT_MOD}\s+)*(?P<duration_n>{NUMBER}|{VAGUE})(?:\s+(?:more|full|straight|consecutive|additional|long))?"
                 rf"(?P<duration_sep>[\s-]+)(?P<duration_u>{UNIT_ANY})(?:-long)?(?!-old|-?\s*old\b|-\w)"
                 rf"|(?P<duration_bare>(?:decades|years|months|weeks|centuries))(?![\w-])"),
    ("ref", rf"(?P<ref_present>{alt(PRESENT_REF)})|(?P<ref_past>{alt(PAST_REF)})|(?P<ref_future>{alt(FUTURE_REF)})"),
)

# Words and number-shaped neighbours that show a four-digit number is not a year
# ("1990 troops", "$1998", "2000 metres"): the year rule checks the next word.
NOT_YEAR_NEXT = frozenset(
    "troops people soldiers men women children votes voters workers jobs tons tonnes barrels shares "
    "points percent miles kilometers km metres meters feet acres dollars euros pounds yen cars homes "
    "houses units members students deaths cases seats pages words calories beds rooms residents "
    "passengers refugees delegates employees copies signatures hours minutes".split())
