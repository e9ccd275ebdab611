"""Publication dates and publisher names as a page prints them.

A date counts as the article's dateline only where news pages put one: in a
"Published:"/"Posted" line, a byline ("By Jane Doe | December 30, 2021"), an
agency dateline ("WASHINGTON, Dec. 30 (Reuters) -") or a date line between
the headline and the first paragraph. A date above the headline is the day
the page was viewed (site headers print today's date) and is never taken.
"""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH = r"(?P<month>%s)\.?" % "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# Written dates, most specific first: "Tuesday, January 18, 2022", "18 January 2022", "2022-01-18".
FULL_DATES = (
    re.compile(r"\b%s%s\s+%s,?\s+%s\b" % (_WEEKDAY, _MONTH, _DAY, _YEAR), re.I),
    re.compile(r"\b%s%s\s+%s,?\s+%s\b" % (_WEEKDAY, _DAY, _MONTH, _YEAR), re.I),
    re.compile(r"\b%s-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)" % _YEAR),
)
# Month and day without a year, as agency datelines print them: "Dec. 30".
SHORT_DATE = re.compile(r"\b%s\s+%s\b" % (_MONTH, _DAY), re.I)
# Markers that make a line a dateline wherever it stands.
DATE_MARKER = re.compile(r"^\s*(?:first\s+)?(?:published|posted|date|dated|released|issued)(?:\s+on)?\b\s*:?", re.I)
UPDATED = re.compile(r"^\s*(?:last\s+)?(?:updated|modified)\b", re.I)
# "By Jane Doe |", "By admin - 2018-09-16"; not a sentence that opens with "by" and a function word
# or the noun of a stock adverbial ("By any measure, ...", "By then", "By contrast", "By law": three
# such paragraphs of the BBC set were dropped as bylines).
BY_FUNCTION_WORDS = ("any|all|the|a|an|some|most|many|much|no|this|that|these|those|its|his|her|their|our|my|"
                     "your|each|every|both|then|now|far|contrast|comparison|default|design|law|way|late|early|"
                     "next|last|noon|midnight|night|day|chance|mistake|accident|definition|nature")
BYLINE = re.compile(r"^\s*by\s+(?!(?:%s)\b(?![.'’]))[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:[|,·•–—-]|\bon\b)"
                    % BY_FUNCTION_WORDS, re.I)
# News agencies, as they sign datelines "(Reuters) -" and copyright lines.
AGENCIES = {
    "reuters": "Reuters", "ap": "Associated Press", "associated press": "Associated Press",
    "the associated press": "Associated Press", "afp": "AFP", "agence france-presse": "AFP",
    "upi": "UPI", "pap": "PAP", "bloomberg": "Bloomberg", "xinhua": "Xinhua", "tass": "TASS",
    "dpa": "dpa", "ansa": "ANSA", "efe": "EFE", "cnn": "CNN", "bbc": "BBC", "ians": "IANS", "pti": "PTI",
}
AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .,'’-]{1,60}?\s*(?:%s)?\s*\((?P<agency>%s)\)\s*[-–—:]" % (
        SHORT_DATE.pattern.replace("?P<month>", "?:").replace("?P<day>", "?:"),
        "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))), re.I)
AGENCY_DATELINE_DATE = re.compile(r"^[A-Z][A-Za-z .,'’-]{1,60}?,\s*%s\s*\(" % SHORT_DATE.pattern, re.I)
COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|\bcopyright\s*(?:©|\(c\))|\bcopyright(?=\s*(?:19|20)\d\d))\s*"
    r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?"
    r"(?P<name>(?:the\s+)?[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})", re.I)
# Words after which a copyright name is cut: "Associated Press. All Rights Reserved".
NAME_STOP = re.compile(r"\s*(?:\.(?!\w)|,|all rights|\bllc\b|\binc\b|\bltd\b|\b(?:19|20)\d\d\b).*$", re.I)
# A copyright notice, not a caption's "©": a year near the mark, or "all rights reserved".
NOTICE = re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:[\w.&',-]+\s+){0,3}?(?:(?:19|20)\d\d\b|(?:llc|inc|ltd|limited"
                    r"|gmbh|corp|corporation|company)\b)|all rights reserved", re.I)
# Share of a page title's headline words that must be in the headline (see site_from_page_title).
TITLE_OVERLAP = 0.5
# A name the page prints this often is the outlet it calls itself (see outlet_name).
OUTLET_REPEAT = 2
# How page titles join the headline and the site name: "Headline - Site".
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
# Lines a date may be this far below the headline and still be its dateline.
DATELINE_REACH = 4


# A page's relative stamp: "3 hours ago", "Published an hour ago", "1 day ago". Months and
# years are left out: "a month ago" does not say which day.
AGE = re.compile(r"\b(?P<n>an?|\d{1,3})\s+(?P<unit>minute|min|hour|hr|day|week)s?\s+ago\b", re.I)
AGE_HOURS = {"minute": 0, "min": 0, "hour": 1, "hr": 1, "day": 24, "week": 168}
# A line that prints an age is a stamp of a few words, not a sentence that tells of one.
MAX_AGE_LINE_WORDS = 8


def printed_age(line: str) -> int | None:
    """Hours back from when the page was seen that a stamp line prints ("3 hours ago" -> 3), or None."""
    if len(line.split()) > MAX_AGE_LINE_WORDS:
        return None
    m = AGE.search(line)
    if m is None:
        return None
    n = 1 if m.group("n").lower() in ("a", "an") else int(m.group("n"))
    return n * AGE_HOURS[m.group("unit").lower()]


def parse_date(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    """The first full written date in text and its span, or None."""
    best = None
    for pattern in FULL_DATES:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[1][0]):
            d = _to_date(m)
            if d is not None:
                best = (d, m.span())
    return best


def all_dates(text: str) -> list[tuple[dt.date, tuple[int, int]]]:
    """Every full written date in text with its span, in text order, overlaps dropped."""
    found = sorted((m.span(), d) for pattern in FULL_DATES for m in pattern.finditer(text)
                   if (d := _to_date(m)) is not None)
    out: list[tuple[dt.date, tuple[int, int]]] = []
    for span, d in found:
        if not out or span[0] >= out[-1][1][1]:
            out.append((d, span))
    return out


def _to_date(m: re.Match) -> dt.date | None:
    """A regex match of a date -> a date, None when not a real calendar day."""
    g = m.groupdict()
    month = int(g["mnum"]) if g.get("mnum") else MONTHS[g["month"].lower().rstrip(".")]
    try:
        return dt.date(int(g["year"]), month, int(g["day"]))
    except ValueError:
        return None


def is_date_line(line: str) -> bool:
    """A line that is a date and little else: 'Tuesday, January 18, 2022', '18 Jan 2022 10:15 GMT'."""
    found = parse_date(line)
    if found is None:
        return False
    s, e = found[1]
    rest = (line[:s] + " " + line[e:]).strip()
    rest = re.sub(r"\b(at|on|\d{1,2}[:.]\d\d(\s*[ap]\.?m\.?)?|[ap]m|gmt|utc|[a-z]{1,4}t|updated|published|posted)\b",
                  "", rest, flags=re.I)
    rest = re.sub(r"^[A-Za-z]+(?=[A-Z])", "", rest)  # a nav word glued in front: "TopTuesday"
    return len(re.findall(r"\w+", rest)) <= 1


def dateline(lines: tuple[str, ...], title_at: int | None, body_at: int) -> dt.date | None:
    """The article's printed date among page lines; None when only the page's own date is there.

    lines are the page's non-empty lines, title_at the headline's index (None when
    unknown) and body_at the index of the first body paragraph.
    """
    end = min(len(lines), body_at + 2)
    start = title_at + 1 if title_at is not None else max(0, body_at - DATELINE_REACH)
    marked, plain, updated = None, None, None
    for i in range(max(0, body_at - 12), end):
        line = lines[i]
        found = parse_date(line)
        if found is None:
            short = agency_date(line, lines)
            if short is not None and marked is None:
                marked = short
            continue
        if DATE_MARKER.match(line) or BYLINE.match(line):
            marked = marked or found[0]
        elif UPDATED.match(line):
            updated = updated or found[0]
        elif title_at is not None and start <= i < body_at and is_date_line(line):
            plain = plain or found[0]
    return marked or plain or updated


def agency_date(line: str, lines: tuple[str, ...]) -> dt.date | None:
    """'WASHINGTON, Dec. 30 (Reuters) -' -> that day, in the year that puts it on or before
    the latest full date printed on the page (a page shows no date later than the day it was viewed)."""
    m = AGENCY_DATELINE_DATE.match(line)
    if m is None or not AGENCY_DATELINE.match(line):
        return None
    latest = latest_date(lines)
    if latest is None:
        return None
    month, day = MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day"))
    year = latest.year if (month, day) <= (latest.month, latest.day) else latest.year - 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def page_date(lines: tuple[str, ...], body_at: int) -> dt.date | None:
    """The latest date standing alone above the article: the day the page was viewed.

    A page shows no date later than the day it was viewed, so this bounds the
    publication date from above ("TopTuesday, January 18, 2022" over a headline).
    """
    dates = [found[0] for line in lines[:body_at] if is_date_line(line)
             for found in (parse_date(line),) if found is not None]
    return max(dates) if dates else None


def latest_date(lines: tuple[str, ...]) -> dt.date | None:
    """The latest full date printed anywhere on the page."""
    dates = [found[0] for found in map(parse_date, lines) if found is not None]
    return max(dates) if dates else None


def agency_source(paragraphs: tuple[str, ...]) -> str | None:
    """The agency that signed the article's dateline: '(Reuters) -' -> 'Reuters'."""
    for para in paragraphs[:2]:
        m = AGENCY_DATELINE.match(para)
        if m:
            return AGENCIES[m.group("agency").lower()]
    return None


def copyright_source(lines: tuple[str, ...]) -> str | None:
    """The holder named in a copyright notice: 'Copyright 2021 The Associated Press' -> 'Associated Press'.

    A notice carries a year or 'all rights reserved'; a '©' before a photographer's
    name in a caption ('© Jane Doe Flu shots at a clinic') is a credit, not a publisher.
    """
    for line in lines:
        if len(line.split()) > 30 or not re.search(r"©|\(c\)|copyright", line, re.I):
            continue
        if not NOTICE.search(line):
            continue
        m = COPYRIGHT_NAME.search(line)
        if m is None:
            continue
        name = NAME_STOP.sub("", m.group("name")).strip()
        name = re.sub(r"^the\s+", "", name, flags=re.I)
        if name and name.lower() not in ("all", "copyright") and len(name) > 1:
            return AGENCIES.get(name.lower(), name)
    return None


def outlet_name(holder: str, lines: tuple[str, ...]) -> str:
    """The outlet a page names after its owner's first word: 'NBC UNIVERSAL' on a page that says
    'NBC News' at least OUTLET_REPEAT times -> 'NBC News'; the holder itself otherwise."""
    first = holder.split()[0]
    if len(holder.split()) < 2 or len(first) < 2:
        return holder
    pattern = re.compile(r"\b(?i:%s)\s+[A-Z][\w.&'’-]*" % re.escape(first))
    counts: dict[str, int] = {}
    for line in lines:
        for m in pattern.finditer(line):
            name = m.group(0).rstrip(".'’-")
            counts[name] = counts.get(name, 0) + 1
    found = [(n, name) for name, n in counts.items()
             if not holder.casefold().startswith(name.casefold()) and n >= OUTLET_REPEAT]
    return max(found)[1] if found else holder


def site_from_page_title(first_line: str, title: str | None) -> str | None:
    """'Headline | Section | Site Name' as a page's first line, its headline part like the title -> 'Site Name'.

    Page titles often word the headline differently from the page ("Stock Falls
    After Earnings" over "Stock Is Falling After Its Earnings Release"): half the
    title line's headline words in the headline is enough. A site part whose words
    that ends the headline is the headline's own ("Blair 'must be honest' - Kennedy").
    """
    if not title:
        return None
    for sep in TITLE_SEPARATORS:
        head, site = first_line.partition(sep)[0], first_line.rpartition(sep)[2].strip()
        if sep in first_line and head and 0 < len(site.split()) <= 6 and _like(head, title) and not _same_end(title, site):
            return site
    return None


def _same_end(title: str, site: str) -> bool:
    """The headline ends with the site part's words: the separator was the headline's own."""
    t, w = re.findall(r"\w+", title.casefold()), re.findall(r"\w+", site.casefold())
    return bool(w) and t[-len(w):] == w


def _like(head: str, title: str) -> bool:
    """At least TITLE_OVERLAP of a page title's headline words are in the headline."""
    words = re.findall(r"\w+", head.casefold())
    known = set(re.findall(r"\w+", title.casefold()))
    return bool(words) and sum(w in known for w in words) >= TITLE_OVERLAP * len(words)
