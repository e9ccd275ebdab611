"""The attribute ruler's matching, without spaCy's general Matcher.

spaCy's AttributeRuler (tag -> POS and morphology, and a few exceptions: 179
patterns in en_core_web_sm) finds its matches with the general token Matcher;
that cost about a seventh of the whole parse of a BBC article (20 ms), as much as the
tagger, parser and lemmatizer together. Nearly all of its patterns are one token long
and test a tag or a lower-cased form, so here each pattern is indexed by the value
its first token must have, a token is tested only against the patterns that can
start on it, and that is worked out once per combination of the attributes tested
(1.7 ms an article).

`speed_up(nlp)` gives the pipeline's ruler a `match` that returns the very
matches spaCy's Matcher returns, in the order the ruler applies them; the ruler
still sets the attributes itself. A model whose patterns use anything besides
equality, IN, NOT_IN and REGEX on the token attributes below (quantifiers,
extensions, fuzzy or numeric tests) keeps spaCy's Matcher.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

# Matcher attribute -> the Token property holding its value.
TEXT_ATTRS = {"ORTH": "orth_", "TEXT": "text", "LOWER": "lower_", "NORM": "norm_", "TAG": "tag_",
              "POS": "pos_", "DEP": "dep_", "LEMMA": "lemma_", "ENT_TYPE": "ent_type_", "SHAPE": "shape_"}
FLAG_ATTRS = {"IS_SPACE": "is_space", "IS_PUNCT": "is_punct", "IS_ALPHA": "is_alpha", "IS_DIGIT": "is_digit",
              "IS_LOWER": "is_lower", "IS_UPPER": "is_upper", "IS_TITLE": "is_title", "LIKE_NUM": "like_num",
              "IS_STOP": "is_stop"}
# Attributes a pattern may be indexed by, the most selective first.
INDEXED = ("LOWER", "TAG", "DEP")
INDEXED_PROPS = tuple((attr, TEXT_ATTRS[attr]) for attr in INDEXED)

Test = Callable[[Any], bool]


class Unsupported(ValueError):
    """A pattern this matcher does not handle: the ruler keeps spaCy's Matcher."""


def attr_test(attr: str, value: object) -> Test:
    """A test of one attribute of a token, as the Matcher does it."""
    if attr in FLAG_ATTRS:
        if not isinstance(value, bool):
            raise Unsupported(f"{attr}: {value!r}")
        prop = FLAG_ATTRS[attr]
        return lambda t: getattr(t, prop) == value
    if attr not in TEXT_ATTRS:
        raise Unsupported(attr)
    prop = TEXT_ATTRS[attr]
    if isinstance(value, str):
        return lambda t: getattr(t, prop) == value
    if not isinstance(value, dict) or len(value) != 1:
        raise Unsupported(f"{attr}: {value!r}")
    (op, arg), = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
        values = frozenset(arg)
        if op == "IN":
            return lambda t: getattr(t, prop) in values
        return lambda t: getattr(t, prop) not in values
    if op == "REGEX" and isinstance(arg, str):
        pattern = re.compile(arg)
        return lambda t: pattern.search(getattr(t, prop)) is not None
    raise Unsupported(f"{attr}: {value!r}")


def token_test(spec: dict) -> Test:
    tests = [attr_test(attr, value) for attr, value in spec.items()]
    if len(tests) == 1:
        return tests[0]
    return lambda t: all(test(t) for test in tests)


def anchors(spec: dict) -> tuple[str, frozenset[str]] | None:
    """The indexed attribute and the values the token must have for spec to match, if any."""
    for attr in INDEXED:
        value = spec.get(attr)
        if isinstance(value, str):
            return attr, frozenset([value])
        if isinstance(value, dict) and isinstance(value.get("IN"), list) and len(value) == 1:
            return attr, frozenset(value["IN"])
    return None


class Index:
    """Alternatives (rule, length, token tests), found by what their first token must be."""

    def __init__(self) -> None:
        self.by_value: dict[str, dict[str, list[tuple[int, int, list[Test]]]]] = {a: {} for a in INDEXED}
        self.everywhere: list[tuple[int, int, list[Test]]] = []

    def add(self, alternative: tuple[int, int, list[Test]], first: dict) -> None:
        anchor = anchors(first)
        if anchor is None:
            self.everywhere.append(alternative)
            return
        attr, values = anchor
        for value in values:
            self.by_value[attr].setdefault(value, []).append(alternative)

    def candidates(self, token) -> list[tuple[int, int, list[Test]]]:
        found = self.everywhere
        for attr, prop in INDEXED_PROPS:
            hits = self.by_value[attr].get(getattr(token, prop))
            if hits:
                found = found + hits
        return found


class RulerMatcher:
    """Callable like AttributeRuler.match: (attr_id, match_id, start, end), sorted.

    Which rules can start on a token depends only on the attributes the rules' first
    tokens read (in en_core_web_sm: its lower-cased form, tag, dependency and whether
    it is a space), so that is worked out once per such combination (MEMO_SIZE at most).
    """

    MEMO_SIZE = 100_000

    def __init__(self, ruler) -> None:
        self.keys: list[int] = []  # the Matcher's key of each rule
        self.single, self.multi = Index(), Index()
        read = {prop for _, prop in INDEXED_PROPS}  # what the index and the rules' first tokens read
        for rule, entry in enumerate(ruler.patterns):
            self.keys.append(ruler.vocab.strings[str(rule)])
            for pattern in entry["patterns"]:
                if not pattern or not all(isinstance(spec, dict) for spec in pattern):
                    raise Unsupported(repr(pattern))
                alternative = (rule, len(pattern), [token_test(spec) for spec in pattern])
                (self.single if len(pattern) == 1 else self.multi).add(alternative, pattern[0])
                read |= {TEXT_ATTRS.get(attr) or FLAG_ATTRS[attr] for attr in pattern[0]}
        self.key_of = operator.attrgetter(*sorted(read))
        self.memo: dict[tuple, tuple[tuple[int, ...], tuple]] = {}

    def starting_here(self, token) -> tuple[tuple[int, ...], tuple]:
        """The one-token rules token meets, and the longer alternatives whose first token it fits."""
        return (tuple(rule for rule, _, tests in self.single.candidates(token) if tests[0](token)),
                tuple(alt for alt in self.multi.candidates(token) if alt[2][0](token)))

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        n = len(doc)
        memo = self.memo
        if len(memo) > self.MEMO_SIZE:
            memo.clear()
        found = set()
        for token in doc:
            start = token.i
            key = self.key_of(token)
            here = memo.get(key)
            if here is None:
                here = memo[key] = self.starting_here(token)
            rules, longer = here
            for rule in rules:
                found.add((rule, start, start + 1))
            for rule, length, tests in longer:
                if start + length <= n and all(test(doc[start + k]) for k, test in enumerate(tests[1:], 1)):
                    found.add((rule, start, start + length))
        keys = self.keys
        return sorted((rule, keys[rule], start, end) for rule, start, end in found)


def speed_up(nlp) -> bool:
    """Give the pipeline's attribute ruler the indexed matcher; False when it keeps spaCy's."""
    from spacy.pipeline import AttributeRuler

    done = False
    for _, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            try:
                component.match = RulerMatcher(component)
            except Unsupported:
                continue
            done = True
    return done
