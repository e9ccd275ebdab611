"""The attribute ruler's indexed matching (generator/ruler.py) sets exactly what spaCy's Matcher does.

Each test parses the same texts with the stock pipeline and with the one
nlp.load gives the build, and compares every token's annotations: tag, POS,
morphology, lemma, dependency and head, entity and sentence start.
"""
from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import nlp as nlp_module
from generator.ruler import RulerMatcher, speed_up

from .conftest import ROOT, SHARED

BBC = SHARED / "bench" / "bbc"
BBC_SAMPLE = 150  # articles, drawn with a fixed seed


@functools.lru_cache(maxsize=1)
def stock():
    """The model as spaCy loads it: the ruler matches with spaCy's Matcher."""
    return spacy.load(nlp_module.default_model())


def annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_, t.is_sent_start)
            for t in doc]


def assert_same(nlp, texts: list[str]) -> None:
    for text, ours, theirs in zip(texts, nlp.pipe(texts), stock().pipe(texts)):
        assert annotations(ours) == annotations(theirs), text[:200]


def test_loaded_pipeline_uses_the_indexed_matcher(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler").match, RulerMatcher)


def test_same_matches_on_the_seeds(nlp):
    from generator.pipeline import prepare
    from generator.sources import read_source

    seeds = ROOT / "seeds"
    texts = [prepare(read_source(p, seeds)).body for p in sorted(seeds.iterdir()) if p.is_file()]
    assert texts
    ruler = nlp.get_pipe("attribute_ruler")
    for doc in stock().pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        # the matches themselves, on a tagged and parsed doc, as the ruler sees it
        assert ruler.match(doc) == sorted(set(stock().get_pipe("attribute_ruler").match(doc)))
    assert_same(nlp, texts)


def test_same_annotations_on_bbc_articles(nlp):
    if not BBC.is_dir():
        pytest.skip("../shared/bench/bbc not present: the test reads a sample of the BBC articles from there")
    files = sorted(BBC.rglob("*.txt"))
    sample = random.Random(8).sample(files, min(BBC_SAMPLE, len(files)))
    assert_same(nlp, [f.read_text(encoding="utf-8", errors="replace") for f in sample])


# Words that the ruler's exceptions test: contractions, pronouns, auxiliaries, spaces.
WORDS = ["I", "me", "you", "it", "they", "them", "her", "his", "its", "there", "that", "which", "the", "a",
         "is", "'s", "are", "'re", "was", "were", "had", "did", "do", "does", "have", "has", "'ve", "'d",
         "been", "being", "can", "ca", "n't", "not", "wo", "sha", "ai", "gon", "na", "got", "ta", "let",
         "y'", "all", "c'm", "on", "ol'", "nothin'", "'em", "'ll", "gets", "something", "nobody", "once",
         "well", "here", "then", "but", "if", "because", "said", "Putin", "Biden", "called", "Moscow",
         "on", "Thursday", ",", ".", '"', "-", "\n", "  ", "\n\n"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_same_annotations_on_any_text(nlp, words):
    assert_same(nlp, [" ".join(words)])


def test_unsupported_patterns_keep_spacys_matcher():
    pipeline = spacy.blank("en")
    ruler = pipeline.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "so"}, {"IS_PUNCT": True, "OP": "+"}]], {"NORM": "so!"})
    assert speed_up(pipeline) is False
    assert "match" not in vars(ruler)  # the class's own match, through spaCy's Matcher
    assert pipeline("so !!")[0].norm_ == "so!"


def small_ruler_pipeline():
    pipeline = spacy.blank("en")
    ruler = pipeline.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=-1)
    ruler.add([[{"LOWER": "gon"}]], {"LEMMA": "go"})
    ruler.add([[{"LOWER": {"REGEX": "^na$"}}], [{"IS_DIGIT": True}]], {"NORM": "later"})
    ruler.add([[{"ORTH": "na"}, {"IS_SPACE": False}]], {"LEMMA": "last"})  # a later rule wins
    return pipeline


def test_multi_token_rules_and_rule_order():
    ours, theirs = small_ruler_pipeline(), small_ruler_pipeline()
    assert speed_up(ours) is True
    for text in ("we gon na go", "gon na", "gon", "na 4 na", "we gon na"):
        assert [(t.lemma_, t.norm_) for t in ours(text)] == [(t.lemma_, t.norm_) for t in theirs(text)]
    assert [t.lemma_ for t in ours("we gon na go")] == ["", "go", "last", ""]
    assert [t.lemma_ for t in ours("we gon na")] == ["", "go", "to"]
