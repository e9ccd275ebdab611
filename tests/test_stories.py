"""Stories: one event told by several sources is one story; its sources set side by side."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import Actor, Article, Briefing, DateRef, Quote, Source
from generator.site import assemble
from generator.compare import compare
from generator.stories import (MIN_EVIDENCE_QUOTE_WORDS, STRONG_SIMILARITY, WIRE_SIMILARITY, group_stories,
                               prospective)
from generator.story_words import cosine, vectors, words

from .conftest import SHARED

BBC = SHARED / "bench" / "bbc"

CALL = ("President Joe Biden and Vladimir Putin spoke by telephone on Thursday about Ukraine. The call was "
        "described as “serious and substantial” by an official. Security talks in Geneva follow next month, "
        "and NATO will meet Russia two days later. Biden warned of sanctions; Putin warned of a rupture.")
CALL_RETOLD = ("Thursday's telephone conversation between Biden and Putin brought no breakthrough, a Polish "
               "minister said. The White House called the call “serious and substantial.” Talks in Geneva "
               "and a NATO-Russia forum are next; Ukraine remains the concern of the alliance.")
FOOTBALL = ("Arsenal beat Chelsea two goals to one at the Emirates on Saturday. Thierry Henry scored twice "
            "before half time and the manager praised a young defence that held out under late pressure.")


def briefing(key: str, body: str, title: str = "", published: dt.date | None = None, actors=(), dates=(),
             quotes=()) -> Briefing:
    source = Source(path=Path(key), key=key, kind="text", text=body)
    return Briefing(source=source, article=Article(body=body, title=title or key, published=published),
                    actors=tuple(actors), dates=tuple(dates), quotes=tuple(quotes))


def person(name: str) -> Actor:
    return Actor(name=name, kind="person")


def org(name: str) -> Actor:
    return Actor(name=name, kind="organization")


def day_ref(body: str, text: str, start: dt.date, end: dt.date | None = None, about: str | None = None) -> DateRef:
    i = body.index(text)
    return DateRef(text=text, span=(i, i + len(text)), type="DATE", value=start.isoformat(), start=start,
                   end=end, about=about)


def quote_ref(body: str, text: str, speaker: str | None = None) -> Quote:
    i = body.index(text)
    return Quote(text=text, span=(i, i + len(text)), speaker=speaker)


def call_pair(days_apart: int = 1) -> list[Briefing]:
    thursday = dt.date(2021, 12, 30)
    a = briefing("a.txt", CALL, "Biden and Putin speak again", thursday,
                 [person("Joe Biden"), person("Vladimir Putin"), org("NATO")],
                 [day_ref(CALL, "Thursday", thursday)], [quote_ref(CALL, "“serious and substantial”", "official")])
    b = briefing("b.txt", CALL_RETOLD, "No breakthrough expected", thursday + dt.timedelta(days=days_apart),
                 [person("Biden"), person("Putin"), org("NATO"), org("White House")],
                 [day_ref(CALL_RETOLD, "Thursday", thursday)],
                 [quote_ref(CALL_RETOLD, "“serious and substantial.”", "White House")])
    return [a, b]


def story_keys(briefings) -> list[set[str]]:
    return [{e.key for e in s.entries} for s in assemble(briefings).stories]


# ------------------------------------------------------------ grouping
def test_one_event_in_different_words_is_one_story():
    assert story_keys(call_pair()) == [{"a.txt", "b.txt"}]


def test_an_unrelated_article_stays_apart():
    football = briefing("c.txt", FOOTBALL, "Arsenal beat Chelsea", dt.date(2021, 12, 31),
                        [person("Thierry Henry"), org("Arsenal"), org("Chelsea")])
    assert story_keys([*call_pair(), football]) == [{"a.txt", "b.txt"}]


def test_articles_published_weeks_apart_are_different_stories():
    assert story_keys(call_pair(days_apart=30)) == []


def test_shared_names_alone_do_not_make_a_story():
    """The same people in different words, with no shared day or quote: different events."""
    a = briefing("a.txt", CALL, "Biden and Putin speak", None, [person("Joe Biden"), person("Vladimir Putin")])
    other = "Biden and Putin have met before: in Geneva in June the two men spent hours on arms control."
    b = briefing("b.txt", other, "A summit recalled", None, [person("Biden"), person("Putin")])
    assert story_keys([a, b]) == []


def test_reports_a_day_apart_need_no_shared_date_or_quote():
    """Two outlets' reports of one event, a day apart, sharing names and words but no cited day."""
    thursday = dt.date(2021, 12, 30)
    a = briefing("a.txt", CALL, "Biden and Putin speak again", thursday,
                 [person("Joe Biden"), person("Vladimir Putin"), org("NATO")])
    b = briefing("b.txt", CALL_RETOLD, "No breakthrough expected", thursday + dt.timedelta(days=1),
                 [person("Biden"), person("Putin"), org("NATO")])
    assert story_keys([a, b]) == [{"a.txt", "b.txt"}]
    later = briefing("b.txt", CALL_RETOLD, "No breakthrough expected", thursday + dt.timedelta(days=5),
                     [person("Biden"), person("Putin"), org("NATO")])
    assert story_keys([a, later]) == []


def test_one_shared_name_needs_both_a_near_day_and_near_publication():
    """A report that names only the story's main actor joins when it cites the event's day and
    appeared within a day or two; the name alone, or the name and the day, is not enough."""
    thursday = dt.date(2021, 12, 30)
    a = briefing("a.txt", CALL, "Biden and Putin speak again", thursday, [person("Joe Biden")],
                 [day_ref(CALL, "Thursday", thursday)])

    def b(published):
        return briefing("b.txt", CALL_RETOLD, "No breakthrough expected", published, [person("Biden")],
                        [day_ref(CALL_RETOLD, "Thursday", thursday)])

    assert story_keys([a, b(thursday + dt.timedelta(days=1))]) == [{"a.txt", "b.txt"}]
    assert story_keys([a, b(None)]) == []  # undated: no proximity to count
    no_day = briefing("b.txt", CALL_RETOLD, "No breakthrough expected", thursday, [person("Biden")])
    assert story_keys([a, no_day]) == []


def test_an_older_day_both_look_back_at_is_no_evidence():
    """Two articles days apart that both cite last week's event are not one report of it."""
    thursday, week_before = dt.date(2021, 12, 30), dt.date(2021, 12, 23)
    a, b = call_pair(days_apart=3)
    a = briefing("a.txt", CALL, a.article.title, thursday, a.actors,
                 [day_ref(CALL, "Thursday", week_before)])
    b = briefing("b.txt", CALL_RETOLD, b.article.title, thursday + dt.timedelta(days=3), b.actors,
                 [day_ref(CALL_RETOLD, "Thursday", week_before)])
    assert story_keys([a, b]) == []
    b_near = briefing("b.txt", CALL_RETOLD, b.article.title, thursday + dt.timedelta(days=3), b.actors,
                      [day_ref(CALL_RETOLD, "Thursday", thursday + dt.timedelta(days=2))])
    a_near = briefing("a.txt", CALL, a.article.title, thursday, a.actors,
                      [day_ref(CALL, "Thursday", thursday + dt.timedelta(days=2))])
    assert story_keys([a_near, b_near]) == [{"a.txt", "b.txt"}]


def test_a_chain_of_reports_over_many_days_is_not_one_story():
    """Each report is linked to the next, but the first and last are days apart: the story
    keeps the closest ones and the chain stops (single linkage drew weeks into one story)."""
    start = dt.date(2021, 12, 27)
    chain = [briefing(f"{i}.txt", CALL, f"Report {i}", start + dt.timedelta(days=2 * i)) for i in range(4)]
    assert sorted(map(sorted, story_keys(chain))) == [["0.txt", "1.txt"], ["2.txt", "3.txt"]]


def test_a_report_linked_to_none_of_a_story_stays_out():
    """A group joins another only when most pairs across them are linked."""
    thursday = dt.date(2021, 12, 30)
    a, b = call_pair(days_apart=0)
    football = briefing("c.txt", FOOTBALL, "Arsenal beat Chelsea", thursday, [org("NATO"), person("Biden")])
    assert story_keys([a, b, football]) == [{"a.txt", "b.txt"}]


BACKGROUND = ("Ostrova, 29, won the Harmel marathon twice and holds the national record over the distance. "
              "She trains in the hills above Dunmore with coach Pieter Halvorsen, who has guided her since "
              "she was a junior.\n\nThe Velland Athletics Federation has tested its distance runners more "
              "often since the winter, and its panel hears appeals within weeks. Halvorsen said the squad "
              "would keep to its programme whatever the outcome for his runner.")
BANNED = ("Velland athletics chiefs ban marathon runner Mara Ostrova",
          "Marathon runner Mara Ostrova has been banned for two years by the Velland Athletics Federation "
          "after missing three tests.")
BAN_RETOLD = ("Velland federation bans Ostrova for two years",
              "The Velland Athletics Federation has banned marathon runner Mara Ostrova for two years for "
              "missing three tests.")
BAN_LIFTED = ("Ostrova wins appeal and returns to racing",
              "Mara Ostrova will race in Lisbon next month after an appeals panel overturned her suspension.")


def ostrova(key: str, lead: tuple[str, str], outlet: str | None = None,
            published: dt.date | None = None) -> Briefing:
    title, first = lead
    b = briefing(key, f"{first}\n\n{BACKGROUND}", title, published,
                 [person("Mara Ostrova"), person("Pieter Halvorsen"), org("Velland Athletics Federation")])
    return replace(b, article=replace(b.article, source_name=outlet))


def test_undated_reports_of_one_outlet_need_alike_leads():
    """An outlet carries its background paragraphs from report to report: without publication
    days, a ban and the ban lifted read alike but for the lead, which says what the news is."""
    assert story_keys([ostrova("a.txt", BANNED), ostrova("b.txt", BAN_LIFTED)]) == []
    assert story_keys([ostrova("a.txt", BANNED), ostrova("b.txt", BAN_RETOLD)]) == [{"a.txt", "b.txt"}]
    entries = assemble([ostrova("a.txt", BANNED), ostrova("b.txt", BAN_LIFTED)]).entries
    vecs = vectors(entries)
    similarity = cosine(vecs["a.txt"], vecs["b.txt"])
    assert STRONG_SIMILARITY <= similarity < WIRE_SIMILARITY  # alike on words alone, were it not for the leads


def test_two_named_outlets_or_publication_days_are_not_held_to_the_lead():
    """Outlets frame one event in different leads; dated reports are told apart by their days."""
    assert story_keys([ostrova("a.txt", BANNED, "Harmel Courier"), ostrova("b.txt", BAN_LIFTED, "Dunmore Post")]) \
        == [{"a.txt", "b.txt"}]
    day = dt.date(2021, 3, 4)
    assert story_keys([ostrova("a.txt", BANNED, published=day), ostrova("b.txt", BAN_LIFTED, published=day)]) \
        == [{"a.txt", "b.txt"}]
    assert story_keys([ostrova("a.txt", BANNED, "Harmel Courier"), ostrova("b.txt", BAN_LIFTED, "Harmel Courier")]) \
        == []  # one outlet, undated: held to it


HEARING_SET = ("Ostrova appeal to be heard on Friday",
               "Mara Ostrova will argue her appeal against the two-year ban before a Velland panel on Friday.")
HEARING_SET_RETOLD = ("Ostrova appeal set for Friday",
                      "Mara Ostrova is to argue her appeal against the two-year ban before a Velland panel on Friday.")
HEARING_HELD = ("Ostrova argues appeal before panel",
                "Mara Ostrova has argued her appeal against the two-year ban before a Velland panel, which will "
                "rule next week.")


def test_an_act_announced_and_the_act_done_are_two_stories():
    """One outlet, undated: 'will argue' and 'has argued' are two reports; two tellings of the
    announcement are one, and a verb in a relative clause ('which will rule') is not the news."""
    assert story_keys([ostrova("a.txt", HEARING_SET), ostrova("b.txt", HEARING_HELD)]) == []
    assert story_keys([ostrova("a.txt", HEARING_SET), ostrova("b.txt", HEARING_SET_RETOLD)]) == [{"a.txt", "b.txt"}]
    assert story_keys([ostrova("a.txt", HEARING_SET, "Harmel Courier"), ostrova("b.txt", HEARING_HELD, "Dunmore Post")]) \
        == [{"a.txt", "b.txt"}]  # two outlets frame one event in different tenses


BAN_IMPOSED = ("Ostrova hit by two-year ban",
               "The Velland Athletics Federation has banned Mara Ostrova from all competition for two years.")
BAN_LIFTED = ("Velland lift Ostrova ban",
              "The Velland Athletics Federation has lifted the ban on Mara Ostrova from all competition after her apology.")


def test_an_act_and_the_act_undone_are_two_stories():
    """One outlet, undated: a ban and the ban lifted are two reports; on dated pairs from two
    outlets the lead rules do not apply."""
    assert story_keys([ostrova("a.txt", BAN_IMPOSED), ostrova("b.txt", BAN_LIFTED)]) == []
    assert story_keys([ostrova("a.txt", BAN_IMPOSED), ostrova("b.txt", BAN_IMPOSED)]) == [{"a.txt", "b.txt"}]


@pytest.mark.parametrize("sentence, expected", [
    ("The bridge will open on Tuesday.", True),
    ("The council is set to approve the budget.", True),
    ("Talks could resume next week.", True),
    ("The novelist is favourite to win the book of the year award.", True),
    ("The novelist won the book of the year award.", False),
    ("A US firm said it is in final negotiations to buy the fashion label.", True),
    ("The fashion label was bought by a US firm.", False),
    ("The bridge has opened.", False),
    ("The council's plans to villages were rejected.", False),  # a noun, not a verb
    ("Rivals may have won more votes.", False),  # a guess about the past
    ("The vote in May was close.", False),
    ("The union has made an offer, which could end the strike.", False),  # not the main clause
    ("", False),
])
def test_prospective(sentence, expected):
    assert prospective(sentence) is expected


def test_a_short_quoted_phrase_is_no_evidence():
    """Slogans and stock phrases in quote marks ("at this stage") turn up in reports of different
    events; a quote of MIN_EVIDENCE_QUOTE_WORDS words or more is the same words said once."""
    def pair(said: str) -> list[Briefing]:
        a_text = f"Councillor Ada Brenner opened the Kessel bridge. She called it “{said}”, and the Kessel council agreed."
        b_text = f"The Kessel council will close the ferry. Ada Brenner said it was “{said}”, as traffic falls."
        return [briefing(k, text, f"Kessel {k}", day, [person("Ada Brenner"), org("Kessel council")],
                         quotes=[quote_ref(text, f"“{said}”", "Ada Brenner")])
                for k, text, day in (("a.txt", a_text, dt.date(2021, 5, 3)), ("b.txt", b_text, dt.date(2021, 5, 6)))]

    assert MIN_EVIDENCE_QUOTE_WORDS == 5
    assert story_keys(pair("a new start")) == []
    assert story_keys(pair("a new start for the whole valley")) == [{"a.txt", "b.txt"}]


def test_the_same_text_twice_is_one_story_without_extracted_data():
    assert story_keys([briefing("x/1.txt", CALL), briefing("y/2.txt", CALL)]) == [{"x/1.txt", "y/2.txt"}]


@pytest.mark.parametrize("text, expected", [
    ("The President's call", ["president", "call"]),
    ("Biden-Putin talks in 2021", ["biden-putin", "talks"]),
    ("and the of", []),
    ("", []),
])
def test_words(text, expected):
    assert words(text) == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=6))
def test_grouping_is_total(texts):
    entries = assemble([briefing(f"{i}.txt", t) for i, t in enumerate(texts)]).entries
    groups = group_stories(entries)
    seen = [e.key for g in groups for e in g]
    assert len(seen) == len(set(seen)) and all(len(g) >= 2 for g in groups)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=6))
def test_word_counts_kept_across_builds_give_the_same_vectors(texts):
    """The memo (kept as JSON between builds) changes nothing: the same vectors, bit for bit."""
    import json

    entries = assemble([briefing(f"{i}.txt", t) for i, t in enumerate(texts)]).entries
    memo: dict = {}
    assert vectors(entries, memo) == vectors(entries)
    kept = json.loads(json.dumps(memo, ensure_ascii=False))
    assert vectors(entries, kept) == vectors(entries) and kept.keys() == memo.keys()


def test_a_memo_spares_counting_the_words_again(monkeypatch):
    from generator import story_words

    entries = assemble([briefing("a.txt", CALL), briefing("b.txt", FOOTBALL)]).entries
    memo: dict = {}
    first = vectors(entries, memo)
    monkeypatch.setattr(story_words, "words", lambda text: pytest.fail("words counted again"))
    assert vectors(entries, memo) == first


# ------------------------------------------------------------ comparing sources
def test_sources_side_by_side():
    a, b = call_pair()
    geneva_a = "Talks in Geneva on Jan. 9-10 follow."
    geneva_b = "Talks open in Geneva on January 10."
    a = briefing("a.txt", CALL + "\n\n" + geneva_a, a.article.title, a.article.published, a.actors,
                 a.dates + (day_ref(CALL + "\n\n" + geneva_a, "Jan. 9-10", dt.date(2022, 1, 9), dt.date(2022, 1, 10),
                                    "security talks in Geneva"),), a.quotes)
    b = briefing("b.txt", CALL_RETOLD + "\n\n" + geneva_b, b.article.title, b.article.published, b.actors,
                 b.dates + (day_ref(CALL_RETOLD + "\n\n" + geneva_b, "January 10", dt.date(2022, 1, 10)),), b.quotes)
    entries = assemble([a, b]).entries
    cmp = compare(entries)
    assert [{acc.item.text for acc in g} for g in cmp.agreed_dates] == [{"Thursday"}]
    assert [{acc.item.text for acc in g} for g in cmp.differing_dates] == [{"Jan. 9-10", "January 10"}]
    differing = cmp.differing_dates[0]
    assert {acc.entry.key for acc in differing} == {"a.txt", "b.txt"}
    assert all(acc.paragraph == 1 for acc in differing)  # each links to its own paragraph
    assert [{acc.entry.key for acc in g} for g in cmp.shared_quotes] == [{"a.txt", "b.txt"}]
    assert {name for name, _, _ in cmp.shared_names} == {"Joe Biden", "Vladimir Putin", "NATO"}
    assert dict((e.key, names) for e, names in cmp.only_names) == {"a.txt": (), "b.txt": ("White House",)}
    assert dict((e.key, tuple(s)) for e, s in cmp.speakers) == {"a.txt": (("official", 1),),
                                                                 "b.txt": (("White House", 1),)}


def test_a_long_range_is_not_a_difference():
    """'next month' (a whole month) overlaps every day in it; it is no disagreement."""
    body_a, body_b = "Talks next month.", "Talks on January 10."
    a = briefing("a.txt", body_a, dates=[day_ref(body_a, "next month", dt.date(2022, 1, 1), dt.date(2022, 1, 31))])
    b = briefing("b.txt", body_b, dates=[day_ref(body_b, "January 10", dt.date(2022, 1, 10))])
    cmp = compare(assemble([a, b]).entries)
    assert cmp.differing_dates == () and cmp.agreed_dates == ()


def dam_sources(later: bool) -> list[Briefing]:
    """Five sources on one opening, each giving its day twice and quoting the engineer twice;
    two quote the mayor too; later: the last gives the opening as two days."""
    friday = dt.date(2022, 4, 1)
    sources = []
    for i in range(5):
        body = (f"The Orrin dam opened on Friday, report {i} says. “A lasting gift to the valley and its farms,” "
                f"said engineer Tomas Weld.\n\nOn Friday the gates were raised. “A lasting gift to the valley and its farms.”")
        if i < 2:
            body += "\n\nThe mayor called it “the best week this town has had in living memory”."
        end = friday + dt.timedelta(days=1) if later and i == 4 else None
        dates = [DateRef(text="Friday", span=(k, k + 6), type="DATE", value=friday.isoformat(), start=friday, end=end)
                 for k in (body.index("Friday"), body.index("Friday", body.index("Friday") + 1))]
        quotes = [quote_ref(body, m, "Tomas Weld") for m in ("“A lasting gift to the valley and its farms,”",
                                                             "“A lasting gift to the valley and its farms.”")]
        if i < 2:
            quotes.append(quote_ref(body, "“the best week this town has had in living memory”", "mayor"))
        sources.append(briefing(f"{i}.txt", body, f"Dam opens {i}", friday, dates=dates, quotes=quotes))
    return sources


def test_five_sources_side_by_side_each_once():
    """With many sources, each is cited once per date and per quote (where it first gives it),
    and the quotes most sources share come first."""
    cmp = compare(assemble(dam_sources(later=False)).entries)
    (agreed,) = cmp.agreed_dates
    assert sorted(a.entry.key for a in agreed) == [f"{i}.txt" for i in range(5)]  # each source once
    assert all(a.paragraph == 0 for a in agreed)  # where it first gives the day
    assert [len(g) for g in cmp.shared_quotes] == [5, 2]  # the most widely quoted first, each source once
    assert all(a.paragraph == 0 for a in cmp.shared_quotes[0])
    cmp = compare(assemble(dam_sources(later=True)).entries)
    (differing,) = cmp.differing_dates
    assert cmp.agreed_dates == () and sorted(a.entry.key for a in differing) == [f"{i}.txt" for i in range(5)]


# ------------------------------------------------------------ real articles
@pytest.mark.slow
def test_the_seeds_are_one_story(seed_project: Path):
    pages = [frontmatter.load(p) for p in (seed_project / "docs" / "stories").glob("*.md") if p.name != "index.md"]
    assert [sorted(p.metadata["briefings"]) for p in pages] == [["000_34803b59c0fdaac2.txt",
                                                                  "002_86d4310e58a1360b.txt"]]
    html = next((seed_project / "site" / "stories").glob("*/index.html")).read_text(encoding="utf-8")
    assert "What they agree on" in html and "Where they differ" in html and "Who each source quotes" in html
    assert "serious and substantial" in html  # both quote the official's words


@pytest.mark.slow
def test_the_seeds_differ_on_the_geneva_talks(seed_project: Path):
    """'Jan. 9-10' and 'January 10' for the Geneva talks: shown as a difference."""
    page = next(p for p in (seed_project / "docs" / "stories").glob("*.md") if p.name != "index.md")
    text = page.read_text(encoding="utf-8")
    assert "Dates given differently" in text and "Jan\\. 9\\-10" in text and "January 10" in text


@pytest.mark.slow
def test_unrelated_bbc_articles_stay_apart(nlp):
    """Forty BBC articles from five desks: no story mixes desks, and only retellings group."""
    if not BBC.is_dir():
        pytest.skip("../shared/bench/bbc not present: the BBC corpus is needed for this test")
    from generator.pipeline import analyse_many

    paths = [p for topic in sorted(BBC.iterdir()) if topic.is_dir() for p in sorted(topic.glob("*.txt"))[:8]]
    briefings = [b for b in analyse_many([(p, p.relative_to(BBC).as_posix()) for p in paths], nlp) if not b.error]
    assert len(briefings) >= 35
    stories = assemble(briefings).stories
    for story in stories:
        assert len({e.key.split("/")[0] for e in story.entries}) == 1, [e.title for e in story.entries]
    assert len(stories) <= 2, [[e.title for e in s.entries] for s in stories]
