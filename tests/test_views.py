"""Page fingerprints: views.digest sees every value a page's view holds, and refuses what it cannot see."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from markupsafe import Markup

from generator.model import Article, Briefing, Source
from generator.views import Link, PageView, StoryLink, digest


def view(**context) -> PageView:
    return PageView("t.md.j2", "a.md", context, {"title": "T"})


@pytest.mark.parametrize("one, other", [
    (view(x=Link("actors/a.md", "A")), view(x=Link("actors/a.md", "B"))),
    (view(x=StoryLink("stories/s.md", "S", 2)), view(x=StoryLink("stories/s.md", "S", 3))),
    (view(x=[1, 2]), view(x=[2, 1])),  # a template lists in order
    (view(x="1"), view(x=1)),
    (view(x=Markup("<b>")), view(x=Markup("<i>"))),
    (view(x={("k", "n"): None}), view(x={("k", "n"): Link("p", "n")})),
    (view(x=dt.date(2024, 1, 1)), view(x=dt.date(2024, 1, 2))),
    (PageView("t.md.j2", "a.md", {}, {"title": "T"}), PageView("t.md.j2", "b.md", {}, {"title": "T"})),
    (PageView("t.md.j2", "a.md", {}, {"title": "T"}), PageView("t.md.j2", "a.md", {}, {"title": "U"})),
])
def test_any_difference_in_a_view_changes_its_digest(one: PageView, other: PageView):
    assert digest(one) == digest(replace(one)) and digest(one) != digest(other)


def briefing(digest_: str, published: dt.date | None = None, summary: str = "") -> Briefing:
    source = Source(path=Path("a.txt"), key="a.txt", kind="text", text="x", digest=digest_)
    return Briefing(source=source, article=Article(body="x", published=published), summary=summary)


def test_a_briefing_counts_by_its_source_bytes_and_the_day_it_is_placed_on():
    assert digest(briefing("d1", summary="one")) == digest(briefing("d1", summary="two"))  # fixed by the bytes
    assert digest(briefing("d1")) != digest(briefing("d2"))
    assert digest(briefing("d1")) != digest(briefing("d1", published=dt.date(2024, 1, 1)))


@dataclass
class Mutable:
    x: int


@pytest.mark.parametrize("hidden", [lambda: 1, Mutable(1), object(), Path])
def test_a_view_cannot_hold_what_its_digest_cannot_see(hidden):
    with pytest.raises(TypeError, match="cannot be hashed"):
        digest(view(x=hidden))
