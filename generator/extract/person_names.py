"""A person's name in parts, and whether two names may be one person's.

"Robert S. Mueller III", "Robert Mueller" and "Bob Mueller" are one man;
"George H.W. Bush" and "George W. Bush" are two. Within an article
(names.group_people) and across articles (identity.py) names are compared
part by part: given name (a nickname or an initial matches its full form),
middle names or initials (they must agree when both names have them),
surname, and generational suffix. Pure; the nickname table is loaded once.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from nicknames import NickNamer

from ..normal import HONORIFICS, fold
from .roles import ROLE_NOUNS

# Generational suffixes; "Jr." and "III" end a name but are not its surname.
SUFFIXES = {"jr": "jr", "jnr": "jr", "junior": "jr", "sr": "sr", "snr": "sr", "senior": "sr",
            "ii": "ii", "iii": "iii", "iv": "iv"}
GENERATIONAL = {"jr", "sr"}
# Titles written before a name that ROLE_NOUNS (roles.py) does not hold: abbreviated
# and civic titles of US and British news ("Sen. Ted Cruz", "Sheriff Joe Arpaio").
TITLE_WORDS = {"sen", "rep", "gov", "gen", "rev", "reverend", "capt", "lt", "sgt", "col", "adm",
               "atty", "supt", "prof", "hon", "det", "cmdr", "sheriff", "justice", "pastor",
               "rabbi", "imam", "cardinal", "detective", "agent", "lieutenant", "sergeant",
               "colonel", "admiral", "pres", "potus", "lady"}
# Words that qualify a title and come before it: "former Sen.", "Vice President", "First Lady".
TITLE_MODIFIERS = {"former", "then", "acting", "vice", "deputy", "first", "ex", "late", "us", "u.s."}
TOKEN = re.compile(r"[\w'’.-]+")
ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")


@dataclass(frozen=True)
class PersonName:
    """'Robert S. Mueller III' -> given 'robert', middles ('s',), surname 'mueller', suffix 'iii'."""

    given: str  # folded; '' when the name is a surname alone ("Mr Obama")
    middles: tuple[str, ...]  # folded middle names or initials ('h.w.')
    surname: str  # folded; '' only for an empty name
    suffix: str  # one of SUFFIXES' values, or ''

    @property
    def full(self) -> bool:
        return bool(self.given)

    @property
    def parts(self) -> int:
        """How much of a name is written: 'Robert S. Mueller III' 4, 'Mueller' 1."""
        return bool(self.given) + len(self.middles) + bool(self.surname) + bool(self.suffix)


@functools.lru_cache(maxsize=100_000)
def parse_person(text: str) -> PersonName:
    """A person's name in parts, titles and honorifics left out; total on any text."""
    tokens = TOKEN.findall(text or "")
    tokens = tokens[leading_titles(tokens):] or tokens[-1:]
    words = [fold(t).replace("’", "'") for t in tokens]
    suffix = ""
    while len(words) > 1 and words[-1].rstrip(".") in SUFFIXES:
        suffix = suffix or SUFFIXES[words.pop().rstrip(".")]
    if not words:
        return PersonName("", (), "", suffix)
    surname = words[-1].strip(".")
    given = words[0].strip(".") if len(words) > 1 else ""
    return PersonName(given, tuple(words[1:-1]), surname, suffix)


def leading_titles(tokens: list[str]) -> int:
    """How many of a name's first tokens are titles: 'RNC Chair Reince Priebus' -> 2."""
    i = 0
    while i < len(tokens) - 1:
        word = fold(tokens[i]).rstrip(".")
        if is_title(word) or word + "." in HONORIFICS:
            i += 1
        elif (word in TITLE_MODIFIERS or ACRONYM.match(tokens[i])) and is_title(fold(tokens[i + 1]).rstrip(".")):
            i += 2
        else:
            break
    return min(i, len(tokens) - 1)


def is_title(word: str) -> bool:
    return word in HONORIFICS or word in ROLE_NOUNS or word in TITLE_WORDS


@functools.cache
def nicknames() -> dict[str, frozenset[str]]:
    """Given name -> the names it is a nickname or the full form of (symmetric).

    From the `nicknames` package (carltonnorthern/nicknames, Apache-2.0): a
    hand-curated table of about 2,700 English given names and their nicknames.
    """
    nn = NickNamer()
    table: dict[str, set[str]] = {}
    for lookup in (nn.nickname_lookup, nn.canonical_lookup):
        for name, others in lookup.items():
            table.setdefault(name, set()).update(others)
    return {k: frozenset(v) for k, v in table.items()}


@functools.lru_cache(maxsize=100_000)
def given_compatible(a: str, b: str) -> bool:
    """Whether two given names may be one person's: equal, an initial, a nickname, a short form."""
    a, b = a.strip("."), b.strip(".")
    if not a or not b:
        return True
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) == 1:
        return long.startswith(short)
    if b in nicknames().get(a, ()):
        return True
    return len(short) >= 3 and long.startswith(short)


def middles_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names agree: one name has none, or both give the same initials (and same full words)."""
    if not a or not b:
        return True
    if initials(a) != initials(b):
        return False
    return all(x == y or len(x) == 1 or len(y) == 1 for x, y in zip(split_initials(a), split_initials(b)))


def split_initials(middles: tuple[str, ...]) -> list[str]:
    """('h.w.', 'rodham') -> ['h', 'w', 'rodham']: dotted initials one by one, names whole."""
    out: list[str] = []
    for m in middles:
        out.extend([c for c in m if c != "."] if "." in m else [m])
    return out


def initials(middles: tuple[str, ...]) -> str:
    return "".join(m[0] for m in split_initials(middles))


def same_person(a: PersonName, b: PersonName, suffix_matters: bool = True) -> bool:
    """Whether two full names may be one person's (suffix_matters: 'Jr.' differs from none).

    A numeral ("Robert S. Mueller III") is part of a formal name that news often
    drops; "Jr." and "Sr." are written to tell a son from his father.
    """
    if a.surname != b.surname or not givens_match(a, b):
        return False
    if a.suffix != b.suffix and (a.suffix and b.suffix or suffix_matters and generational(a, b)):
        return False
    return middles_compatible(a.middles, b.middles)


def generational(a: PersonName, b: PersonName) -> bool:
    """Whether the suffix one of two names has is 'Jr.' or 'Sr.'."""
    return bool({a.suffix, b.suffix} & GENERATIONAL)


def givens_match(a: PersonName, b: PersonName) -> bool:
    """Whether two names' given names may be one person's.

    One who writes an initial and then a middle name ('A. Barry Rand', 'J.
    Christopher Stevens') goes by the middle name: 'Barry Rand' and 'Chris
    Stevens' are him, 'Ayn Rand' is not; 'John Christopher Stevens' may be.
    """
    if given_compatible(called(a), called(b)):
        return True
    return bool(a.middles and b.middles) and given_compatible(a.given, b.given)


def called(name: PersonName) -> str:
    """The given name a person goes by: the middle name after a first initial."""
    if len(name.given) == 1 and name.middles and "." not in name.middles[0] and len(name.middles[0]) > 1:
        return name.middles[0]
    return name.given
