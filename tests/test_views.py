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


# ------------------------------------------------------------ kept pages, on collections that change
NAMES = ["Ada Lindqvist", "Tomas Brenner", "Orla Venn"]  # made up


def linked(key: str, names: list[str], tail: str = "Talks.", published: dt.date | None = dt.date(2022, 1, 10),
           speaker: str | None = None) -> Briefing:
    """A briefing naming names; briefings with the same names make one story."""
    from generator.model import Actor, Quote

    body = " ".join(names) + " spoke on Thursday.\n\n" + tail
    actors = tuple(Actor(name=n, kind="person", mentions=((body.index(n), body.index(n) + len(n)),)) for n in names)
    start = body.index("\n\n") + 2
    quotes = (Quote(text=tail[:5], span=(start, start + 5), speaker=speaker),)
    article = Article(body=body, title="Call", published=published)
    source = Source(path=Path(key), key=key, kind="text", text=body, digest=str(hash((body, article, actors, quotes))))
    return Briefing(source=source, article=article, actors=actors, quotes=quotes, summary=body[:20])


SCENARIOS = {
    "a story grows": ([linked("a", NAMES), linked("b", NAMES)],
                      [linked("a", NAMES), linked("b", NAMES), linked("c", NAMES, "More talks.")]),
    "a story shrinks": ([linked("a", NAMES), linked("b", NAMES), linked("c", NAMES, "More talks.")],
                        [linked("a", NAMES), linked("b", NAMES)]),
    "an actor gets a page": ([linked("a", NAMES[:2]), linked("b", ["Mira Osk"], "Calls.")],
                             [linked("a", NAMES[:2]), linked("b", ["Mira Osk"], "Calls."),
                              linked("c", ["Mira Osk", NAMES[0]], "Other talks.")]),
    "a speaker is quoted": ([linked("a", NAMES), linked("b", NAMES[:1], "Calls.")],
                            [linked("a", NAMES), linked("b", NAMES[:1], "Calls."),
                             linked("c", NAMES[1:], "Quoted.", speaker=NAMES[1])]),
    "a day changes": ([linked("a", NAMES), linked("b", NAMES)],
                      [linked("a", NAMES), linked("b", NAMES, published=dt.date(2022, 1, 11))]),
}


BYSTANDER = linked("z", ["Ilse Marr", "Juno Pell"], "Weather.", published=dt.date(2021, 6, 1))  # its page is kept


@pytest.mark.parametrize("first, second", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_a_kept_page_is_the_page_a_full_render_would_write(first, second):
    """A page is kept only when rendering it again would give the same text (render.Renderer.memo)."""
    from generator.render import KEEP, Renderer
    from generator.site import assemble

    first, second = first + [BYSTANDER], second + [BYSTANDER]
    old = Renderer(assemble(first), code="c")
    old_pages = old.pages()
    full = Renderer(assemble(second), code="c").pages()
    memo = Renderer(assemble(second), code="c", reuse=lambda path, fp: old.fingerprints.get(path) == fp)
    kept = 0
    for path, text in memo.pages().items():
        if text is KEEP:
            kept += 1
            assert old_pages[path] == full[path], path
        else:
            assert text == full[path], path
    assert kept, "some page should have been kept"
