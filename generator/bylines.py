"""Bylines -> people's names (issue 16).

"By Jane Doe and John Roe" -> ("Jane Doe", "John Roe"); "Phil Helsel is a
reporter" -> ("Phil Helsel",); "Analysis by Chris Cillizza, CNN Editor-at-large"
-> ("Chris Cillizza",); "JANE DOE; JOHN ROE Associated Press" -> ("Jane Doe",
"John Roe"). A part that is a desk, a job title or an outlet is dropped; when
no person is left, an organisation byline ("Reuters", "Science staff") stays.
"""
from __future__ import annotations

import re

from .metadata import AGENCIES, MONTHS

# "By", "Analysis by", "Opinion by", "Story by", "Written by", "Words by" in front of the names.
LEAD = re.compile(r"^\s*(?:(?:an?\s+)?(?:analysis|opinion|commentary|review|story|written|words|"
                  r"text|report|reporting|interview)\s+)?by\s*:?\s+", re.I)
# Where a byline's list of people splits.
SPLIT = re.compile(r"\s*(?:;|,|\||\band\b|&|\bwith\b)\s*", re.I)
# A bio sentence after the name: "Phil Helsel is a reporter for ...".
BIO = re.compile(r"\s+(?:is|was|has been|covers|writes)\b.*$", re.I)
# Words that make a part a job title or a desk, not a name (English newsroom vocabulary).
ROLE_WORDS = frozenset("""editor editors editor-at-large reporter reporters correspondent correspondents
writer writers columnist contributor contributors staff desk team bureau news business politics
service wire analyst producer photographer senior chief political economics international national
special associate deputy managing executive digital""".split())
# Name particles written in lower case inside names.
PARTICLES = frozenset("de da di del della der van von bin ibn al el la le du dos das ter ten".split())
MAX_NAME_WORDS = 5
# Default account names of blog and CMS software: a post "by admin" names nobody.
CMS_ACCOUNTS = frozenset("admin administrator webmaster root guest user editor staff".split())
# Month and weekday names a scraper glues after a byline: "Carrie Arnold November".
DATE_WORDS = frozenset([*MONTHS, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])


def authors(byline: str | None, outlets: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The people a byline names, in order; the byline itself when it names an organisation only."""
    return people(byline, outlets) or organisation(byline)


def people(byline: str | None, outlets: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The people a byline names, in order."""
    if not byline or not isinstance(byline, str):
        return ()
    names: list[str] = []
    for part in SPLIT.split(LEAD.sub("", " ".join(byline.split()))):
        name = person(part, outlets)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def organisation(byline: str | None) -> tuple[str, ...]:
    """A byline that names an organisation ('Reuters'), not a CMS account ('admin') or a URL."""
    if not byline or not isinstance(byline, str):
        return ()
    org = LEAD.sub("", " ".join(byline.split())).strip(" ,;|")
    if not org or org.casefold() in CMS_ACCOUNTS or len(org.split()) > MAX_NAME_WORDS:
        return ()
    return () if re.search(r"https?:|@|\d", org) else (org,)


def person(part: str, outlets: tuple[str, ...] = ()) -> str | None:
    """A person's name from one byline part, or None when the part is not one."""
    s = BIO.sub("", part.strip(" .,;:|()[]")).strip()
    s = strip_outlet(s, outlets).strip(" .,")
    tokens = s.split()
    while len(tokens) > 2 and tokens[-1].casefold().strip(".,") in DATE_WORDS:  # "Jane Doe November 18"
        tokens.pop()
    s = " ".join(tokens)
    if not 2 <= len(tokens) <= MAX_NAME_WORDS or re.search(r"[\d@/:]|https?", s):
        return None
    if any(t.casefold().strip(".") in ROLE_WORDS for t in tokens):
        return None
    if not all(t[0].isupper() or t.casefold() in PARTICLES for t in tokens):
        return None
    return " ".join("-".join(w.capitalize() for w in t.split("-")) for t in tokens) if s.isupper() else s


def strip_outlet(s: str, outlets: tuple[str, ...]) -> str:
    """'Jill Lawless Associated Press' -> 'Jill Lawless': an outlet or agency name after the name."""
    names = sorted({*outlets, *AGENCIES.values(), *(k.title() for k in AGENCIES if len(k) > 3)},
                   key=len, reverse=True)
    for name in names:
        if name and s.casefold().endswith(" " + name.casefold()):
            return s[: -len(name)].strip(" ,-–—")
    return s
