"""The head of an article in page text: its headline, byline and date line.

News pages print one block over every article: the headline, then, in some
order, a standfirst, the byline and the date line, then the first paragraph
(issue 16). The block is found by that shape, not by any site's wording:

- the headline is a repeat of the page title's headline part ("Headline |
  Site" opens copied page text) just above the article, or else the
  headline-shaped line that has a byline or date line right below it;
- the date is the one printed in that block ("Published ... Updated ...":
  the published or original date wins), or a time-stamped date line just
  above the headline; a date anywhere else (teasers, comments, footers, the
  page's "today" header) is never taken, and no date is better than a guess;
- the authors are the byline's people ("By Jane Doe and John Roe").

Reaches were set on the page text of shared/eval/data/articles-dev and
checked on the seeds and the aeb-dev pages: the longest gap from a headline
to its first paragraph there is 26 lines (video players and share bars in
between), from a headline to its date line 4 lines.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import metadata

# A headline is looked for this many lines above the first body paragraph.
HEAD_WINDOW = 40
# A headline's byline or date line stands within this many lines below it.
META_REACH = 4
# Its date line stands within this many lines below it.
DATE_REACH = 6
# A byline or date line has at most this many words.
MAX_META_WORDS = 20
# "By Jane Doe", "Analysis by Jane Doe, CNN", "by Jane Doe and John Roe", or a bare "By".
BYLINE = re.compile(r"^(?:[A-Z][a-z]+\s+)?by\b[:\s]*(?P<names>.*)$", re.I)
# "Jane Doe @janedoe": a name with its social-media handle.
HANDLE_LINE = re.compile(r"^(?P<names>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})\s+@\w+$")
# A person's name: two to four capitalised words, initials and particles allowed.
NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|del|der|van|von|la|le|bin|al)){1,3}$")
# Words of an affiliation after a byline's names: "Jane Doe, CNN Business", "Fox News".
AFFILIATION = re.compile(r"\b(?:news|business|press|reporter|editor|correspondent|writer|staff|contributor"
                         r"|columnist|analyst|agency|wire|service|network|magazine|times|post|daily|-at-large)\b",
                         re.I)
# Where, inside one date line, a date is the publication, and where the latest edit.
PUBLISHED_MARK = re.compile(r"\b(?:published|posted|original|first\s+published|created)\b", re.I)
UPDATED_MARK = re.compile(r"\b(?:updated|modified|edited|last\s+updated)\b", re.I)
# A time of day: what a publication stamp prints and a site's "today" header does not.
TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)|\b\d{4}\s*(?:gmt|utc)\b",
                         re.I)
# Words a date stamp carries besides its dates: marks, "at", "on", time zones ("ET", "GMT", "HKT").
STAMP_WORDS = re.compile(r"\b(?:published|posted|original|updated|modified|last|first|at|on|am|pm|[a-z]{0,3}t|utc)\b",
                         re.I)
# "an hour ago", "3 days ago", "2 min read": relative stamps printed beside a date.
TIME_AGO = re.compile(r"\b(?:an?|\d+)\s+(?:second|minute|hour|day|week|month)s?\s+ago\b|\b\d+\s*min(?:ute)?s?\s+read\b",
                      re.I)
MONTH = re.compile(r"\b(?:%s)\b\.?" % "|".join(metadata.MONTHS), re.I)
WEEKDAY = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.I)


@dataclass(frozen=True)
class Head:
    """What the block over an article says: headline, date, authors, and its byline/date lines."""

    title_at: int | None = None
    published: dt.date | None = None
    authors: tuple[str, ...] = ()
    meta: frozenset[int] = frozenset()


def read_head(lines: Sequence[str], chrome: Sequence[bool], first: int, anchors: frozenset[int]) -> Head:
    """The head above the first body paragraph (index first); an empty Head when none is found."""
    at = anchored_title(anchors, first)
    if at is None:
        at = shaped_title(lines, chrome, first)
    if at is None:
        return Head()
    meta = frozenset(i for i in range(at + 1, min(len(lines), at + DATE_REACH + 1)) if is_meta(lines[i]))
    return Head(title_at=at, published=head_date(lines, at, first), authors=head_authors(lines, at), meta=meta)


def anchored_title(anchors: frozenset[int], first: int) -> int | None:
    """The repeat of the page title nearest above the body, moved up to the first of a close group."""
    near = sorted(a for a in anchors if first - HEAD_WINDOW <= a < first)
    if not near:
        return None
    at = near[-1]
    for a in reversed(near[:-1]):
        if at - a > DATE_REACH:
            break
        at = a
    return at


def shaped_title(lines: Sequence[str], chrome: Sequence[bool], first: int) -> int | None:
    """The nearest headline-shaped line above the body with a byline or date line just below it."""
    for i in range(first - 1, max(-1, first - HEAD_WINDOW - 1), -1):
        if chrome[i] or not is_title_shaped(lines[i]):
            continue
        below = range(i + 1, min(len(lines), i + META_REACH + 1))
        if any(is_meta(lines[j]) for j in below):
            return i - 1 if is_standfirst(lines, chrome, i) or is_name_under(lines, chrome, i) else i
    return None


def is_name_under(lines: Sequence[str], chrome: Sequence[bool], i: int) -> bool:
    """A bare name right under a headline-shaped line: the author's, not the headline."""
    return (i > 0 and NAME.match(_title_case(lines[i].strip())) is not None and not chrome[i - 1]
            and is_title_shaped(lines[i - 1]) and NAME.match(_title_case(lines[i - 1].strip())) is None)


def is_standfirst(lines: Sequence[str], chrome: Sequence[bool], i: int) -> bool:
    """A sentence right under a headline-shaped line: the headline's standfirst, not the headline."""
    return (i > 0 and lines[i].rstrip().endswith(".") and not chrome[i - 1] and is_title_shaped(lines[i - 1])
            and not lines[i - 1].rstrip().endswith("."))


def is_title_shaped(line: str) -> bool:
    """A headline's shape: 3-30 words, not ending like a clause (',', ':'), not a date or byline."""
    n = len(re.findall(r"\w+", line))
    return (3 <= n <= 30 and not line.rstrip().endswith((",", ":", ";")) and not is_meta(line) and not is_day(line)
            and not re.match(r"(https?:|www\.)", line))


def is_day(line: str) -> bool:
    """A day without its year: 'Tuesday, 1 March', 'Sat Nov 23' (weekday, month, numbers and one word at most)."""
    rest = MONTH.sub(" ", WEEKDAY.sub(" ", line))
    return len(re.findall(r"[^\W\d]+", rest)) <= 1 and bool(re.search(r"\d", line))


def is_meta(line: str) -> bool:
    """A byline or a date line: what a news page prints between a headline and its article."""
    if len(line.split()) > MAX_META_WORDS:
        return False
    return byline_names(line) is not None or is_stamp(line)


def is_dated(line: str) -> bool:
    """A date line: dates, times, 'Published'/'Updated' marks and at most one other word."""
    return bool(metadata.all_dates(line)) and is_stamp(line)


def is_stamp(line: str) -> bool:
    """A time stamp, with or without a full date: 'Nov. 19, 2019, 8:41 AM UTC', 'Monday 6:30PM', '1 day ago'."""
    found = metadata.all_dates(line)
    if not found and not TIME_AGO.search(line) and not TIME_OF_DAY.search(line):
        return False
    rest = "".join(line[a:b] for a, b in zip([0] + [e for _, (_, e) in found], [s for _, (s, _) in found] + [None]))
    rest = STAMP_WORDS.sub(" ", TIME_OF_DAY.sub(" ", TIME_AGO.sub(" ", rest)))
    return len(re.findall(r"[^\W\d]+", WEEKDAY.sub(" ", rest) if not found else rest)) <= 1


def head_date(lines: Sequence[str], at: int, first: int) -> dt.date | None:
    """The date printed with the headline: just below it, else above the first paragraph, else
    time-stamped just above the headline; None when unsure.

    A date line just above the headline counts when it prints a time or names no weekday:
    a site's "today" header ("Tuesday, January 18, 2022") prints the weekday and no time.
    """
    near = range(at + 1, min(len(lines), at + DATE_REACH + 1))
    found = block_dates(lines, near) or block_dates(lines, range(near.stop, min(len(lines), first)))
    above = lines[at - 1] if at > 0 else ""
    if not found and is_dated(above) and (TIME_OF_DAY.search(above) or not WEEKDAY.search(above)):
        found = [(rank, at - 1, d) for rank, d in ranked_dates(above)]
    return min(found)[2] if found else None


def block_dates(lines: Sequence[str], where: range) -> list[tuple[int, int, dt.date]]:
    """(rank, line, date) of the dates on the date lines and bylines among lines[where]."""
    return [(rank, i, d) for i in where if is_dated(lines[i]) or is_byline_shaped(lines[i])
            for rank, d in ranked_dates(lines[i])]


def is_byline_shaped(line: str) -> bool:
    """A short line opening 'By ...', whoever it names ('By admin - 2018-09-16')."""
    return BYLINE.match(line) is not None and len(line.split()) <= MAX_META_WORDS


def ranked_dates(line: str) -> list[tuple[int, dt.date]]:
    """The dates of one line, each ranked by the nearest mark before it: published 0, none 1, updated 2."""
    out = []
    for d, (s, _) in metadata.all_dates(line):
        before = line[:s]
        marks = [(m.end(), 0) for m in PUBLISHED_MARK.finditer(before)]
        marks += [(m.end(), 2) for m in UPDATED_MARK.finditer(before)]
        out.append((max(marks)[1] if marks else 1, d))
    return out


def head_authors(lines: Sequence[str], at: int) -> tuple[str, ...]:
    """The byline's people, from the lines below the headline."""
    stop = min(len(lines), at + DATE_REACH + 1)
    for i in range(at + 1, stop):
        names = byline_names(lines[i])
        if names == "" and i + 1 < stop:  # a bare "By" line: the names follow
            names = lines[i + 1]
        if i == at + 1 and names is None and i + 1 < len(lines) and is_stamp(lines[i + 1]):
            names = lines[i] if NAME.match(_title_case(lines[i].strip())) else None  # name over its time stamp
        if names:
            return people(names)
    return ()


def byline_names(line: str) -> str | None:
    """The names part of a byline ("" for a bare "By"), or None when the line is no byline."""
    s = line.strip()
    m = HANDLE_LINE.match(s)
    if m:
        return m.group("names")
    m = BYLINE.match(s)
    if m is None:
        return None
    names = m.group("names").strip()
    if not names:
        return ""
    head = re.split(r"\s*(?:[|,;·•–—]|\s-\s|\bon\b|\band\b|&)\s*", names)[0]
    head = re.split(r"\s+\d", metadata.FULL_DATES[0].sub("", head))[0].strip()  # "Jane Doe 2019-11-18T20:51Z"
    return names if NAME.match(_title_case(head)) or head in metadata.AGENCIES.values() else None


def people(names: str) -> tuple[str, ...]:
    """'Jane Doe and JOHN ROE, CNN | Fox News' -> ('Jane Doe', 'John Roe'): names, affiliations dropped."""
    names = re.split(r"\s*[|·•]\s*|\s+[-–—]\s+|@", names)[0]
    names = re.split(r"\s*(?:\b(?:updated|published|posted)\b|\d)", names, flags=re.I)[0]
    parts = [p.strip() for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", names) if p.strip()]
    out = []
    for p in parts:
        p = _dedupe(_title_case(p))
        if NAME.match(p) and not AFFILIATION.search(p) and p not in metadata.AGENCIES.values() and p not in out:
            out.append(p)
    return tuple(out)


def _title_case(name: str) -> str:
    """'DANICA KIRKA' -> 'Danica Kirka'; mixed case is kept."""
    return name.title() if name.isupper() else name


def _dedupe(name: str) -> str:
    """'Sean Martin Sean Martin' (a name printed twice by a scraper) -> 'Sean Martin'."""
    w = name.split()
    half = len(w) // 2
    return " ".join(w[:half]) if len(w) % 2 == 0 and w[:half] == w[half:] else name
