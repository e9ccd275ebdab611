"""One pass over the text: the rules are tried only near words that can carry a time expression.

Every rule's matches contain at least one of its trigger words (a month, a unit, a
digit ...). The scan tokenises once, and at each word start within LOOKBACK words
before a trigger tries the rules triggered in the next LOOKBACK words, in RULES
order; the first match wins and the scan resumes after it. This gives the same
matches as running the whole alternation at every position, at a fraction of the cost.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import (EASTER_FEASTS, FREQUENCY_WORDS, FUTURE_REF, HOLIDAYS, MONTHS, PARTS_OF_DAY, PAST_REF, PRESENT_REF,
                      SEASONS, UNIT_PLURALS, UNITS, WEEKDAYS)
from .patterns import RULES

# Most words a match can hold before its first trigger word ("at least the first two and a half years").
LOOKBACK = 8
_WORD = re.compile(r"\w+")
_START = r"(?<![\w$£€¥#/.-])(?:"
_END = r")(?!\w)"
RULE_RX = {name: re.compile(_START + pat + _END, re.IGNORECASE) for name, pat in RULES}
RULE_ORDER = {name: i for i, (name, _) in enumerate(RULES)}


def _triggers() -> dict[str, frozenset[str]]:
    """Trigger word -> the rules whose matches may contain it."""
    table: dict[str, set[str]] = {}

    def add(words, *rules):
        for w in words:
            for part in re.findall(r"\w+", w.lower()):
                table.setdefault(part, set()).update(rules)

    add(MONTHS, "mdrange", "md", "dm", "clock", "set", "month")
    add(WEEKDAYS, "weekday", "set", "clock", "md", "mdrange")
    add([w + "s" for w in WEEKDAYS], "set")
    add(list(UNITS) + list(UNIT_PLURALS), "set", "ago", "rel", "duration", "quarter", "inthe")
    add(("quarter", "quarters", "half", "period"), "quarter")
    add(("year",), "yearago", "yearend")
    add(("nineteen", "thousand"), "year")
    add(PARTS_OF_DAY, "dayword", "rel", "weekday", "set", "clock")
    add(("today", "tonight", "yesterday", "tomorrow"), "dayword", "clock")
    add(SEASONS, "season", "set")
    add(list(HOLIDAYS) + list(EASTER_FEASTS) + ["eve", "day", "year"], "holiday")
    add(("century", "centuries"), "decade")
    add(FREQUENCY_WORDS, "set")
    add(PRESENT_REF + PAST_REF + FUTURE_REF, "ref")
    add(("noon", "midnight", "midday", "clock", "am", "pm", "m"), "clock")
    for ignorable in ("the", "a", "an", "at", "in", "this", "that", "s"):
        table.pop(ignorable, None)
    return {w: frozenset(r) for w, r in table.items()}


TRIGGERS = _triggers()
DIGIT_RULES = frozenset(("numdate", "clock", "year", "decade", "md", "dm", "mdrange", "duration", "ago"))
NONE: frozenset[str] = frozenset()
# Words a match can begin with: every word the patterns spell out, and the triggers.
START_WORDS = frozenset(w.lower() for _, pat in RULES for w in re.findall(r"[A-Za-z]+", pat)) | set(TRIGGERS)


def rules_for(word: str) -> frozenset[str]:
    """The rules a word may trigger."""
    found = TRIGGERS.get(word)
    if found is not None:
        return found
    return DIGIT_RULES if word[0].isdigit() or word[-1].isdigit() else NONE


def scan(text: str) -> Iterator[tuple[str, re.Match]]:
    """(rule, match) for every time expression candidate, non-overlapping, in text order."""
    words = [(m.start(), m.group().lower()) for m in _WORD.finditer(text)]
    fired = [rules_for(w) for _, w in words]
    pos = 0
    for i, (start, word) in enumerate(words):
        if start < pos or not fired[i] and word not in START_WORDS and not word[0].isdigit():
            continue
        window = NONE.union(*fired[i:i + LOOKBACK + 1])
        if not window:
            continue
        if start and text[start - 1] in "'’" and window & {"decade"}:
            start -= 1
        for rule in sorted(window, key=RULE_ORDER.__getitem__):
            m = RULE_RX[rule].match(text, start)
            if m and m.end() > m.start():
                yield rule, m
                pos = m.end()
                break
