"""Page descriptions and the plain words for where a briefing's facts came from (generator/describe.py)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from generator.describe import (DESCRIPTION_CHARS, basis_words, distinct, letter_description, month_description,
                                provenance, series, shorten, PUBLISHED_BASIS, SOURCE_BASIS, FRONT_MATTER)
from generator.model import Article, Briefing, Meta, Source


@pytest.mark.parametrize("text, limit, expected", [
    ("A short summary.", 160, "A short summary."),
    ("  spaced\n\nout   text ", 160, "spaced out text"),
    ("one two three four", 12, "one two…"),  # cut at a word, never inside one
    ("one two, three", 10, "one two…"),  # no dangling comma before the ellipsis
    ("Unbreakablewordthatislong", 10, "Unbreakab…"),  # one long word: cut inside it
    ("", 160, ""),
])
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected


@given(st.text())
def test_shorten_is_total_and_short(text):
    out = shorten(text)
    assert len(out) <= DESCRIPTION_CHARS and "\n" not in out


@pytest.mark.parametrize("names, expected", [
    ([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"),
])
def test_series(names, expected):
    assert series(names) == expected


@pytest.mark.parametrize("roles, expected", [
    (["US President", "President"], ["US President"]),
    (["President", "US President"], ["US President"]),  # the fuller phrase replaces the one it holds
    (["chairman", "Chairman"], ["chairman"]),
    (["press secretary", "spokeswoman"], ["press secretary", "spokeswoman"]),  # different roles stay
    ([], []),
])
def test_distinct(roles, expected):
    assert distinct(roles) == expected


@pytest.mark.parametrize("basis, words, given_, expected", [
    ("text", PUBLISHED_BASIS, False, "printed on the page"),
    ("metadata", PUBLISHED_BASIS, False, "from the page's metadata"),
    ("metadata", PUBLISHED_BASIS, True, FRONT_MATTER),
    ("inferred", PUBLISHED_BASIS, False, "worked out from the dates the article gives"),
    ("inferred", PUBLISHED_BASIS, True, "worked out from the dates the article gives"),  # not metadata: not given
    ("text", SOURCE_BASIS, False, "named in the article"),
    (None, SOURCE_BASIS, False, "found in the article"),
    ("something new", SOURCE_BASIS, False, "found in the article"),
])
def test_basis_words(basis, words, given_, expected):
    assert basis_words(basis, words, given_) == expected


def briefing(article: Article, meta: Meta = Meta()) -> Briefing:
    return Briefing(source=Source(path=Path("a.md"), key="a.md", kind="markdown", text="x", meta=meta),
                    article=article)


def test_provenance_tells_front_matter_from_page_metadata():
    article = Article(body="x", published=dt.date(2024, 3, 14), published_basis="metadata",
                      source_name="Paper", source_basis="metadata")
    assert provenance(briefing(article)) == {"source": "named in the page's metadata",
                                             "published": "from the page's metadata"}
    given_both = Meta(published=dt.date(2024, 3, 14), source="Paper")
    assert provenance(briefing(article, given_both)) == {"source": FRONT_MATTER, "published": FRONT_MATTER}


@pytest.mark.parametrize("key, label, expected", [
    ("2021-12", "December 2021", "The briefings on articles published in December 2021."),
    ("undated", "Undated", "The briefings on articles with no known date."),
])
def test_month_description(key, label, expected):
    assert month_description(key, label) == expected


@pytest.mark.parametrize("letter, expected", [("j", "begin with J."), ("other", "begin with a digit or a sign.")])
def test_letter_description(letter, expected):
    assert letter_description(letter).endswith(expected)
