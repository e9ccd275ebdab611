"""Time expressions: tagging, TimeML values, calendar placement and the inferred publication date."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract.dates import find_dates, infer_published
from generator.extract.temporal import calendar as cal
from generator.extract.temporal.resolve import TENSE_REACH_DAYS

FRIDAY = dt.date(2021, 12, 31)  # a Friday
D = dt.date


def dates(nlp, text, anchor=FRIDAY):
    return find_dates(nlp(text), anchor)


def only(nlp, text, anchor=FRIDAY):
    found = dates(nlp, text, anchor)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, expr, kind, value, start, end", [
    ("The minister spoke on Friday.", "Friday", "DATE", "2021-12-31", D(2021, 12, 31), D(2021, 12, 31)),
    ("The two leaders spoke by telephone on Thursday.", "Thursday", "DATE", "2021-12-30", D(2021, 12, 30), D(2021, 12, 30)),
    ("The delegations will meet on Tuesday in Vienna.", "Tuesday", "DATE", "2022-01-04", D(2022, 1, 4), D(2022, 1, 4)),
    ("Talks are set for Jan. 9-10 in Geneva.", "Jan. 9-10", "DATE", "2022-01-09/2022-01-10", D(2022, 1, 9), D(2022, 1, 10)),
    ("They held a video call on December 7.", "December 7", "DATE", "2021-12-07", D(2021, 12, 7), D(2021, 12, 7)),
    ("The bilateral talks will begin on January 10.", "January 10", "DATE", "2022-01-10", D(2022, 1, 10), D(2022, 1, 10)),
    ("Talks are scheduled for next month.", "next month", "DATE", "2022-01", D(2022, 1, 1), D(2022, 1, 31)),
    ("Prices rose last year.", "last year", "DATE", "2020", D(2020, 1, 1), D(2020, 12, 31)),
    ("Sales fell last week.", "last week", "DATE", "2021-W51", D(2021, 12, 20), D(2021, 12, 26)),
    ("Profit rose in the third quarter.", "the third quarter", "DATE", "2021-Q3", D(2021, 7, 1), D(2021, 9, 30)),
    ("The bank was founded on March 5, 1946.", "March 5, 1946", "DATE", "1946-03-05", D(1946, 3, 5), D(1946, 3, 5)),
    ("The plant opened in 1998.", "1998", "DATE", "1998", D(1998, 1, 1), D(1998, 12, 31)),
    ("It happened two weeks ago.", "two weeks ago", "DATE", "2021-W50", D(2021, 12, 13), D(2021, 12, 19)),
    ("The storm hit yesterday.", "yesterday", "DATE", "2021-12-30", D(2021, 12, 30), D(2021, 12, 30)),
    ("Shots were heard at 10 p.m. Wednesday.", "10 p.m. Wednesday", "TIME", "2021-12-29T22:00", D(2021, 12, 29), D(2021, 12, 29)),
    ("The market crashed in the 1990s.", "the 1990s", "DATE", "199", D(1990, 1, 1), D(1999, 12, 31)),
    ("They met last summer.", "last summer", "DATE", "2021-SU", D(2021, 6, 1), D(2021, 8, 31)),
    ("The call lasted a 50-minute stretch.", "50-minute", "DURATION", "PT50M", None, None),
    ("Troops massed over the past three weeks.", "the past three weeks", "DURATION", "P3W", None, None),
    ("The siege lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M", None, None),
    ("The council meets every Monday.", "every Monday", "SET", "XXXX-WXX-1", None, None),
    ("The paper is printed daily.", "daily", "SET", "P1D", None, None),
    ("The company is currently profitable.", "currently", "DATE", "PRESENT_REF", None, None),
    ("The region has seen violence recently.", "recently", "DATE", "PAST_REF", None, None),
])
def test_values(nlp, text, expr, kind, value, start, end):
    got = only(nlp, text)
    assert (got.text, got.type, got.value, got.start, got.end) == (expr, kind, value, start, end)
    assert text[got.span[0]:got.span[1]] == got.text


@pytest.mark.parametrize("text, expected", [
    ("The deal should close by year-end.", [("year-end", "2021-12-31")]),
    ("The index has risen since year-end.", [("year-end", "2020-12-31")]),
    ("Net income for the year ended June 30 rose.", [("the year", "P1Y"), ("June 30", "2021-06-30")]),
    ("Sales for the full year rose.", [("the full year", "2021")]),
    ("The vote came this past Sunday.", [("this past Sunday", "2021-12-26")]),
    ("Talks were held on Dec. 13 and 14 in Geneva.", [("Dec. 13", "2021-12-13"), ("14", "2021-12-14")]),
    ("Talks will run from Monday to Wednesday.", [("Monday", "2022-01-03"), ("Wednesday", "2022-01-05")]),
    ("Troops moved at 0930 GMT.", [("0930 GMT", "2021-12-31T09:30")]),
    ("The blast came at 9 in the morning.", [("9 in the morning", "2021-12-31T09:00")]),
    ("He arrived at 7:30 this morning.", [("7:30 this morning", "2021-12-31T07:30")]),
    ("Profit rose in the third quarter. In the 1988 period it fell.",
     [("the third quarter", "2021-Q3"), ("the 1988 period", "1988-Q3")]),
    ("It was January nineteen ninety-seven.", [("January nineteen ninety-seven", "1997-01")]),
    ("He sold the stake in 1984 -- as planned.", [("1984", "1984")]),
    ("Trading is to resume in Paris Tuesday.", [("Tuesday", "2022-01-04")]),
    ("Prices rose in recent months.", [("recent months", "PXM")]),
    ("He won in '98 and lost in '04.", [("'98", "1998"), ("'04", "2004")]),
    ("They met on Dec. 6. He left the week before.", [("Dec. 6", "2021-12-06"), ("the week before", "2021-W48")]),
    ("Shares were up at mid-afternoon yesterday.", [("mid-afternoon yesterday", "2021-12-30TAF")]),
])
def test_expressions_in_context(nlp, text, expected):
    assert [(d.text, d.value) for d in dates(nlp, text)] == expected


@pytest.mark.parametrize("text, anchor, expected", [
    # a decision's past tense does not place its to-infinitive's date: the nearest month
    ("NATO has decided to admit Poland in early March.", D(1999, 2, 10), [("early March", "1999-03")]),
    ("Thermo Electron agreed to buy the line in February.", D(1989, 10, 30), [("February", "1990-02")]),
    ("Thermo Electron bought the line in February.", D(1989, 10, 30), [("February", "1989-02")]),
    ("Both sides agreed to suspend the requests at the beginning of December.", D(2005, 3, 15),
     [("the beginning of December", "2004-12")]),
    # what was told is not placed by the telling's tense; the telling's own date is
    ("The union warned of a strike in September.", D(1990, 8, 16), [("September", "1990-09")]),
    ("Officials told reporters of plans for a summit in September.", D(1990, 8, 16), [("September", "1990-09")]),
    ("Saudi Arabia cut its oil supply in September.", D(1990, 8, 16), [("September", "1989-09")]),
    ("He told reporters on Friday that he would go.", D(1990, 8, 16), [("Friday", "1990-08-10")]),
    # "the March accession": a bare ambiguous month before a lower-case noun
    ("The March accession will help them.", D(1999, 2, 10), [("March", "1999-03")]),
    ("The March of Dimes raised money.", D(1999, 2, 10), []),
    ("They joined the March to the sea.", D(1999, 2, 10), []),
    ("The May elections were close.", D(1999, 8, 10), [("May", "1999-05")]),
    # "later that year" counts from the last period named, not the last day
    ("On Jan. 5 he spoke. He fled in June 1998 and returned later that year.", D(2000, 1, 28),
     [("Jan. 5", "2000-01-05"), ("June 1998", "1998-06"), ("later that year", "1998")]),
    ("He fled on June 3, 1998 and returned later that month.", D(2000, 1, 28),
     [("June 3, 1998", "1998-06-03"), ("later that month", "1998-06")]),
    # "since" puts the date behind
    ("Police have searched for him since shortly after the Oct. 23 slaying.", D(1999, 5, 6), [("Oct. 23", "1998-10-23")]),
    ("The Oct. 23 hearing will decide it.", D(1999, 5, 6), [("Oct. 23", "1999-10-23")]),
    # holidays: whole names, Easter by the computus, names that are places
    ("He came home on Christmas Day.", FRIDAY, [("Christmas Day", "2021-12-25")]),
    ("Protesters prayed as Easter week began.", D(2000, 4, 17), [("Easter week", "2000-W16")]),
    ("They will vote after Easter.", D(2000, 4, 17), [("Easter", "2000-04-23")]),
    ("He died on Good Friday.", D(2000, 4, 17), [("Good Friday", "1999-04-02")]),
    ("He flew to Easter Island.", D(2000, 4, 17), []),
    # "the day before/after" a date is one expression, one day off
    ("The day before last Tuesday's hearing, he went home.", D(2000, 2, 24),
     [("The day before last Tuesday's", "2000-02-21")]),
    ("They met the day after Christmas.", FRIDAY, [("the day after Christmas", "2021-12-26")]),
    ("He left the day before.", FRIDAY, [("the day before", "2021-12-30")]),
    ("He left the day before the vote on Friday.", FRIDAY, [("the day before", "2021-12-30"), ("Friday", "2021-12-31")]),
])
def test_tense_holidays_and_anaphora(nlp, text, anchor, expected):
    assert [(d.text, d.value) for d in dates(nlp, text, anchor)] == expected


@pytest.mark.parametrize("year, easter", [
    (2000, D(2000, 4, 23)), (1999, D(1999, 4, 4)), (2019, D(2019, 4, 21)), (2021, D(2021, 4, 4)),
    (2024, D(2024, 3, 31)), (2038, D(2038, 4, 25)), (1583, D(1583, 4, 10)), (1500, None),
])
def test_easter_computus(year, easter):
    assert cal.easter(year) == easter


@pytest.mark.parametrize("text", [
    "Mr. Smith, formerly its chairman, resigned.",
    "The shares were sold shortly before the merger.",
    "Du Pont reported that third-quarter profit grew.",
])
def test_no_reference_words_in_these(nlp, text):
    assert all(d.value not in ("PAST_REF", "FUTURE_REF") for d in dates(nlp, text))


def test_anaphoric_day_follows_the_last_date(nlp):
    found = dates(nlp, "Talks open at the Jan. 12 forum and move to Vienna on the following day.")
    assert [(d.text, d.start) for d in found] == [("Jan. 12", D(2022, 1, 12)), ("the following day", D(2022, 1, 13))]


@pytest.mark.parametrize("text", [
    "The ticket costs $27 at the door.",
    "Add 1/2 cup of sugar.",
    "A 22-year-old man was arrested.",
    "About 2,000 troops crossed the border.",
    "May I ask a question?",
    "Oil prices fall when demand weakens.",
    "He scored 1990 points in his career.",
    "The ceasefire is a matter of principle.",
])
def test_numbers_and_words_that_are_not_dates(nlp, text):
    assert dates(nlp, text) == ()


def test_without_anchor_only_dates_with_a_year_are_placed(nlp):
    found = dates(nlp, "On March 5, 1946 he arrived; he left on Friday and returns next month.", None)
    placed = {d.text: (d.start, d.value) for d in found}
    assert placed["March 5, 1946"] == (D(1946, 3, 5), "1946-03-05")
    assert placed["Friday"] == (None, "XXXX-WXX-5")
    assert placed["next month"] == (None, "XXXX-XX")


def test_about_names_the_event(nlp):
    got = only(nlp, "Negotiators agreed to hold security talks in Geneva on Jan. 9.")
    assert got.about and "talks" in got.about


@pytest.mark.parametrize("text, expected", [
    ("Officials said Monday's long and difficult talks in Vienna ended without a deal.",
     "long and difficult talks in Vienna"),
    ("The French and German ministers meet on Friday in Paris.", "French and German ministers meet"),
])
def test_about_keeps_coordinated_words(nlp, text, expected):
    """A description of the event reads as the text says it: no word of a coordination dropped."""
    found = [d for d in dates(nlp, text, D(2021, 12, 31)) if d.about]
    assert found and found[0].about == expected


def test_infer_published_from_weekday_and_dated_events(nlp):
    doc = nlp("The two presidents spoke on Wednesday. They first met in a video call on November 3. "
              "Formal negotiations will begin on December 2, officials said.")
    assert infer_published(doc, today=D(2021, 12, 31)) == D(2021, 11, 24)


def test_infer_published_uses_a_year_named_in_the_text(nlp):
    doc = nlp("The minister resigned on Monday. The vote held on March 1, 2019 was annulled, and a new "
              "election will take place on March 30.")
    assert infer_published(doc) == D(2019, 3, 18)


SATURDAY = D(2021, 11, 20)


@pytest.mark.parametrize("text, anchor, expected", [
    # a month-day modifying an event noun takes the tense of the noun's clause (and here the year of
    # the May just named: March 2 is 263 days before the anchor, farther than a tense alone reaches)
    ("Police charged her in May over the March 2 break-in at the depot.", SATURDAY,
     [("May", "2021-05"), ("March 2", "2021-03-02")]),
    ("The March 2 hearing will decide the case.", SATURDAY, [("March 2", "2022-03-02")]),
    # a past month-day takes the year of the past period its clause, or a clause above it, named
    ("The challenger kept raising the senator's age during the 2012 race, above all after he fell "
     "at a June 4 parade.", SATURDAY, [("2012", "2012"), ("June 4", "2012-06-04")]),
    ("The clerk was detained in June over the February 9 raid on the depot.", SATURDAY,
     [("June", "2021-06"), ("February 9", "2021-02-09")]),
    ("Under a plan approved in 2015, the firm had bought shares through Sept. 29.", SATURDAY,
     [("2015", "2015"), ("Sept. 29", "2021-09-29")]),
    ("The firm bought rigs in May 2018 to drill wells for the October auction.", SATURDAY,
     [("May 2018", "2018-05"), ("October", "2021-10")]),
    # a participle's clause has the tense of the verb it completes
    ("The envoy will begin pulling troops out on Friday.", SATURDAY, [("Friday", "2021-11-26")]),
    # a gerund after a preposition is an act its clause places; a decision's infinitive is a plan
    ("The clerk admitted on Friday to plotting to burn the depot in March.", D(2021, 11, 22),
     [("Friday", "2021-11-19"), ("March", "2021-03")]),
    ("The board decided to sell the depot in March.", D(2021, 11, 22), [("March", "2022-03")]),
    # the simple present is a schedule for the verb's own date, not for a noun's above it
    ("We know little about the senator's trip to the clinic on Saturday.", D(2021, 11, 22),
     [("Saturday", "2021-11-20")]),
    ("The ministers meet on Saturday.", D(2021, 11, 22), [("Saturday", "2021-11-27")]),
    # a reporting verb whose object is a thing acts on a schedule; reporting what was said does not
    ("The chain announces its results Thursday.", SATURDAY, [("Thursday", "2021-11-25")]),
    ("The minister says talks failed on Thursday.", SATURDAY, [("Thursday", "2021-11-18")]),
    # any numbered century
    ("The walls were built in the 9th century.", SATURDAY, [("the 9th century", "08")]),
    ("Trade grew in the 14th century.", SATURDAY, [("the 14th century", "13")]),
    # "the year of ..." is named by what follows, not the year under discussion
    ("Farmers call it the year of the locust.", SATURDAY, []),
    ("Sales rose in the year, the firm said.", SATURDAY, [("the year", "2021")]),
])
def test_tense_of_event_nouns_schedules_and_named_periods(nlp, text, anchor, expected):
    assert [(d.text, d.value) for d in dates(nlp, text, anchor)] == expected


def test_numbered_centuries_cover_their_hundred_years(nlp):
    for n in (2, 9, 14, 17, 21, 45):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10 if n % 100 not in (11, 12, 13) else 0, "th")
        got = only(nlp, f"It began in the {n}{suffix} century.")
        assert (got.start, got.end) == (D((n - 1) * 100, 1, 1) if n > 1 else None, D((n - 1) * 100 + 99, 12, 31))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(anchor=st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)),
       month=st.sampled_from(["January", "March", "June", "August", "October", "December"]),
       day=st.integers(min_value=1, max_value=28))
def test_event_noun_in_a_past_clause_is_not_far_ahead(nlp, anchor, month, day):
    """A past clause's event noun is the last such day before the anchor, unless that is too far back."""
    got = only(nlp, f"The clerk was detained over the {month} {day} robbery.", anchor)
    m = got.start.month
    past = D(anchor.year, m, day) if D(anchor.year, m, day) <= anchor else D(anchor.year - 1, m, day)
    assert got.start == past or (anchor - past).days > TENSE_REACH_DAYS


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(anchor=st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)),
       month=st.sampled_from(["January", "April", "June", "August", "October", "December"]),
       lead=st.sampled_from(["was guilty of plotting", "was convicted of scheming", "admitted conspiring"]))
def test_a_gerund_act_in_a_past_clause_is_the_last_such_month(nlp, anchor, month, lead):
    """The act a past clause names through a gerund happened in the last such month."""
    got = [d for d in dates(nlp, f"The man {lead} to rob the bank in {month}.", anchor) if d.start]
    assert got and got[-1].start <= anchor and (anchor - got[-1].start).days < 366


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize("name, published", [
    ("000_34803b59c0fdaac2.txt", D(2021, 12, 31)),
    ("002_86d4310e58a1360b.txt", D(2021, 12, 30)),
])
def test_infer_published_on_the_seeds_given_an_upper_bound(nlp, name, published):
    """The seeds name no year: with a bound a few weeks later the references pin the day."""
    from generator.pipeline import prepare
    from generator.sources import read_source

    if not (SEEDS / name).exists():
        pytest.skip(f"seed {name} not present")
    doc = nlp(prepare(read_source(SEEDS / name, None), raw=False).body)
    assert infer_published(doc, today=D(2022, 1, 18)) == published
    assert infer_published(doc) is None  # no year in the text, no bound: nothing honest to say


@pytest.mark.parametrize("text", [
    "The minister resigned on Monday and left the country.",
    "Nothing in this text is dated at all.",
    "The talks will begin on January 10.",
])
def test_infer_published_is_none_when_too_weak(nlp, text):
    assert infer_published(nlp(text)) is None


WORDS = ("Friday", "Jan.", "9-10", "12", "1998", "last", "next", "week", "month", "year", "ago", "the",
         "following", "day", "two", "weeks", "50-minute", "every", "Monday", "quarter", "third", "now",
         "May", "March", "$27", "1/2", "2,000", "22-year-old", "said", "will", "meet", "on", "at",
         "10", "p.m.", "noon", "yesterday", "tonight", "summer", "1990s", "century", "fiscal",
         "year-earlier", "Christmas", "-", ",", ".", "'s", "'80s", "31", "Dec.", "2/30/1999",
         "year-end", "and", "to", "this past", "0930", "GMT", "post-1999", "in the morning", "period",
         "'98", "mid-afternoon", "before", "Easter", "week", "since", "decided to", "Good Friday",
         "the day after", "told", "14th", "the year of", "announces", "results", "detained over the", "raid",
         "admitted to", "plotting to")
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=25).map(" ".join)
YEAR_OR_COUNT = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|"
                           r"forty|fifty|hundred|century|centuries|decades?)\b", re.I)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, anchor=st.one_of(st.none(), st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))))
def test_any_text_any_anchor(nlp, text, anchor):
    doc = nlp(text)
    found = find_dates(doc, anchor)
    for d in found:
        assert text[d.span[0]:d.span[1]] == d.text
        assert d.type in ("DATE", "TIME", "DURATION", "SET")
        if d.start and anchor and not YEAR_OR_COUNT.search(d.text):
            assert abs(d.start.year - anchor.year) <= 20, d
    assert list(found) == sorted(found, key=lambda d: d.span)
    infer_published(doc)
