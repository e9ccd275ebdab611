"""Quantities in time expressions: "two and a half", "2 1/2", "twenty-four", "several"."""
from __future__ import annotations

import re

from .lexicon import NUMBER_WORDS, UNIT_PLURALS, UNITS, VAGUE_QUANTITIES

_SPACE = re.compile(r"[\s-]+")


def quantity(text: str) -> float | None:
    """The number a quantity phrase names; None for vague ones ("several")."""
    t = _SPACE.sub(" ", text.lower().strip())
    if t in VAGUE_QUANTITIES or t.replace("the ", "") in VAGUE_QUANTITIES:
        return None
    extra = 0.0
    if t.endswith(" and a half"):
        t, extra = t[: -len(" and a half")], 0.5
    if t.endswith("½"):
        t, extra = t[:-1].strip(), 0.5
    if t.endswith(" 1/2"):
        t, extra = t[:-4].strip(), 0.5
    if t in ("half a", "half an", "a half"):
        return 0.5
    try:
        return float(t) + extra
    except ValueError:
        pass
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t] + extra
    parts = t.split(" ")
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]] + extra
    return None


def unit_of(word: str) -> str | None:
    """The singular unit a word names ("weeks" -> "week")."""
    w = word.lower()
    return w if w in UNITS else UNIT_PLURALS.get(w)


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


def duration_value(n: float | None, unit: str) -> str:
    """The TIMEX3 duration for n units ("P3W", "PT50M", "P2Y6M"); X for a vague n."""
    letter, is_time, mult = UNITS[unit]
    prefix = "PT" if is_time else "P"
    if n is None:
        return f"{prefix}X{'E' if unit == 'century' else 'DE' if unit == 'decade' else letter}"
    n = n * mult
    if n == int(n):
        return f"{prefix}{int(n)}{letter}"
    whole, frac = int(n), n - int(n)
    smaller = {"Y": (12, "M", False), "M": (60, "S", True) if is_time else (30, "D", False),
               "H": (60, "M", True), "D": (24, "H", True), "W": (7, "D", False)}.get(letter)
    if smaller is None:
        return f"{prefix}{_num(n)}{letter}"
    factor, small, small_time = smaller
    rest = f"{_num(frac * factor)}{small}"
    if whole == 0:
        return ("PT" if small_time else "P") + rest
    if small_time and not is_time:
        return f"P{whole}{letter}T{rest}"
    return f"{prefix}{whole}{letter}{rest}"


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
