"""Undated articles placed by related dated ones in the same collection."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.collection import bound_for, place_undated
from generator.model import Actor, Article, Briefing, DateRef, Source

ROOT = Path(__file__).resolve().parent.parent


def briefing(key: str, published=None, people=("Joe Biden",), dates=()) -> Briefing:
    source = Source(path=Path(key), key=key, kind="text", text="")
    return Briefing(source=source, article=Article(body="x", published=published),
                    actors=tuple(Actor(name=n, kind="person") for n in people), dates=tuple(dates))


def test_shared_day_and_person_bound_the_undated_article():
    dated = briefing("a.txt", dt.date(2021, 12, 30),
                     dates=[DateRef("January 10", (0, 1), "DATE", "2022-01-10", dt.date(2022, 1, 10), dt.date(2022, 1, 10))])
    undated = briefing("b.txt", dates=[DateRef("Jan. 9-10", (0, 1), "DATE", "XXXX-01-09/XXXX-01-10")])
    assert bound_for(undated, [dated]) == dt.date(2022, 1, 13)


def test_no_shared_person_or_day_no_bound():
    dated = briefing("a.txt", dt.date(2021, 12, 30), people=("Someone Else",),
                     dates=[DateRef("January 10", (0, 1), "DATE", "2022-01-10", dt.date(2022, 1, 10), dt.date(2022, 1, 10))])
    undated = briefing("b.txt", dates=[DateRef("Jan. 10", (0, 1), "DATE", "XXXX-01-10")])
    assert bound_for(undated, [dated]) is None
    other_day = briefing("c.txt", dates=[DateRef("Jan. 11", (0, 1), "DATE", "XXXX-01-11")])
    assert bound_for(other_day, [briefing("a.txt", dt.date(2021, 12, 30), dates=dated.dates)]) is None


def test_the_seeds_are_dated_from_their_own_text_and_each_other(nlp):
    from generator.pipeline import analyse_many

    paths = [(p, p.name) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    placed = place_undated(list(analyse_many(paths, nlp)), nlp)
    assert [(b.article.published, b.article.published_basis) for b in placed] == [
        (dt.date(2021, 12, 31), "inferred"), (dt.date(2021, 12, 30), "inferred")]
    talks = next(d for d in placed[0].dates if d.text == "Jan. 9-10")
    assert (talks.start, talks.end) == (dt.date(2022, 1, 9), dt.date(2022, 1, 10))
    alone = list(analyse_many(paths[:1], nlp))
    assert alone[0].article.published is None  # no year anywhere: honestly unknown
