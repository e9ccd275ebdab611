"""The head of an article in page text: headline, date line and byline (issue 16)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import clean_head, metadata
from generator.clean import clean_text

BODY = ("The city council voted on Tuesday to close the old harbour bridge to cars from next spring, "
        "ending a dispute that has divided residents for years.\n\n"
        "The mayor said the decision was overdue and that ferries would run more often.\n")
HEADLINE = "Harbour bridge to close to cars after council vote"


def page(*head: str, top: tuple[str, ...] = ("Home", "News", "Weather")) -> str:
    """Page text: a menu, the head lines, then two paragraphs of article."""
    return "\n".join(top + head) + "\n\n" + BODY


@pytest.mark.parametrize("text, title, published, author", [
    (page(HEADLINE, "By Jane Doe and John Roe", "Nov. 19, 2019, 8:41 AM UTC"),
     HEADLINE, dt.date(2019, 11, 19), "Jane Doe, John Roe"),
    (page(HEADLINE, "19 November 2019"), HEADLINE, dt.date(2019, 11, 19), None),
    (page(HEADLINE, "By", "Jane Doe", "Updated Nov. 19, 2019 8:21 am ET / Original Nov. 18, 2019 8:02 am ET"),
     HEADLINE, dt.date(2019, 11, 18), "Jane Doe"),
    (page(HEADLINE, "Published 11:02 AM ET, Tue November 19, 2019"), HEADLINE, dt.date(2019, 11, 19), None),
    (page(HEADLINE, "Published Wed, Nov 20 2019 4:29 AM EST Updated an hour ago", "Jane Doe @janedoe"),
     HEADLINE, dt.date(2019, 11, 20), "Jane Doe"),
    (page(HEADLINE, "A standfirst that says what the story is about in one sentence.", "By JANE DOE",
          "PUBLISHED: 00:01, Tue, Nov 19, 2019 | UPDATED: 10:43, Wed, Nov 20, 2019"),
     HEADLINE, dt.date(2019, 11, 19), "Jane Doe"),
    (page("Nov. 20, 2019 6:02 AM EST", HEADLINE, "By Jane Doe, Gazette Business"),
     HEADLINE, dt.date(2019, 11, 20), "Jane Doe"),
    # the page's "today" header above the headline is not the article's date
    (page("Tuesday, January 18, 2022", HEADLINE, "By Jane Doe"), HEADLINE, None, "Jane Doe"),
    # a relative date only: no date rather than a guess
    (page(HEADLINE, "Published 1 day ago", "By Jane Doe | Gazette"), HEADLINE, None, "Jane Doe"),
    # a bare name over its time stamp is the author, not the headline
    (page(HEADLINE, "Jane Doe", "Monday 5:30PM", "Filed to: harbours"), HEADLINE, None, "Jane Doe"),
    # a byline that names no person still dates the article
    (page(HEADLINE, "By admin - 2018-09-16"), HEADLINE, dt.date(2018, 9, 16), None),
    # a teaser list with bylines above the article does not give the headline
    (page("Ferry operators bid for new routes", "John Roe", "Friday 11:40AM",
          HEADLINE, "Jane Doe", "Monday 6:30PM"), HEADLINE, None, "Jane Doe"),
])
def test_head_of_page_text(text, title, published, author):
    article = clean_text(text)
    assert (article.title, article.published, article.author) == (title, published, author)
    for line in ("By Jane", "Jane Doe @", "Published", "Updated", "6:30PM"):
        assert line not in article.body


@pytest.mark.parametrize("line, expected", [
    ("By Jane Doe", "Jane Doe"), ("by Jane Doe and John Roe", "Jane Doe and John Roe"), ("By", ""),
    ("Analysis by Jane Doe, Gazette Editor-at-large", "Jane Doe, Gazette Editor-at-large"),
    ("Jane Doe @janedoe", "Jane Doe"), ("By Reuters", "Reuters"),
    ("By Jane Doe 2019-11-18T20:51:19Z Science & Astronomy", "Jane Doe 2019-11-18T20:51:19Z Science & Astronomy"),
    ("By the time the council met, the bridge had closed.", None), ("Stand by me", None),
    ("Bylines are hard to parse", None), ("Jane Doe", None),
])
def test_byline_names(line, expected):
    assert clean_head.byline_names(line) == expected


@pytest.mark.parametrize("names, expected", [
    ("Jane Doe and John Roe", ("Jane Doe", "John Roe")), ("DANICA KIRKA and JILL LAWLESS", ("Danica Kirka", "Jill Lawless")),
    ("Jane Doe, Gazette Business", ("Jane Doe",)), ("Jane Doe | Fox News", ("Jane Doe",)),
    ("Sean Martin Sean Martin", ("Sean Martin",)), ("Reuters", ()), ("the staff", ()),
])
def test_people(names, expected):
    assert clean_head.people(names) == expected


@pytest.mark.parametrize("line, expected", [
    ("Nov. 19, 2019, 8:41 AM UTC", True), ("19 November 2019", True), ("Nov 20 2019, 10:18am ist", True),
    ("Updated 0339 GMT (1139 HKT) November 19, 2019", True), ("Nov 18, 2019 at 9:24 pm ET • 2 min read", True),
    ("Nov. 20, 2019 Updated: Nov. 20, 2019 1:35 a.m.", True),
    ("The talks resumed on November 19, 2019 in Geneva.", False), ("Monday 6:30PM", False), ("1 day ago", False),
])
def test_is_dated(line, expected):
    assert clean_head.is_dated(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("Published Tue, Nov 19 2019 7:05 AM EST Updated Wed, Nov 20 2019 7:16 AM EST", dt.date(2019, 11, 19)),
    ("Updated Nov. 19, 2019 / Original Nov. 18, 2019", dt.date(2019, 11, 18)),
    ("Nov. 18, 2019 Updated: Nov. 20, 2019", dt.date(2019, 11, 18)),
])
def test_published_wins_over_updated(line, expected):
    assert min(clean_head.ranked_dates(line))[1] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=60), st.sampled_from([
    HEADLINE, "By", "By Jane Doe", "Jane Doe @janedoe", "Nov. 19, 2019, 8:41 AM UTC", "Published 1 day ago",
    "Updated Nov. 19, 2019 / Original Nov. 18, 2019", "BY JANE DOE and", "@", "By ,, and &"])), max_size=20),
    st.integers(min_value=-3, max_value=25))
def test_read_head_is_total(lines, first):
    lines = [ln.strip() for ln in lines if ln.strip()]
    first = max(0, min(first, len(lines)))
    head = clean_head.read_head(lines, [False] * len(lines), first, frozenset(range(len(lines))))
    assert head.title_at is None or 0 <= head.title_at < max(first, 1)
    assert all(0 <= i < len(lines) for i in head.meta)


def test_article_run_starts_below_a_long_byline_block():
    # headline, a one-sentence standfirst, then eight lines of byline, author box and date before the article
    byline = ["By", "Jane Doe", "Jane Doe", "The Daily Gazette", "Biography Jane Doe", "@janedoe",
              "jane.doe@gazette.example", "Nov. 19, 2019 8:03 am ET"]
    paragraphs = ["Gaming used to be simple: we bought a game, sat down in front of a console and played it to the end.",
                  "Now we spend money over and over on virtual perks, and we play on phones while talking to friends."]
    text = "\n".join([f"{HEADLINE} - The Daily Gazette", "Home", "Tech", HEADLINE,
                      "There are more devices and services to choose from than ever before, and here is how to choose.",
                      *byline, *paragraphs, "Most Popular", "Another story here"])
    article = clean_text(text)
    assert article.body.split("\n\n") == paragraphs
    assert (article.title, article.published) == (HEADLINE, dt.date(2019, 11, 19))


@pytest.mark.parametrize("lines, expected", [
    (("© 2019 The Daily Gazette. All rights reserved.",), "Daily Gazette"),
    (("© Gazette.example 2003 - 2019 powered by Example Network",), "Gazette.example"),
    # a photographer's "©" in a caption is a credit, not a publisher
    (("© Jane Doe Needle poking skin during a flu shot at a clinic in Washington on May 18, 2018.",), None),
    (("© Jane Doe A clinic in Washington.", "© 2019 Gazette Media"), "Gazette Media"),
    (("installation views, photos © Gazette, 2018",), "Gazette"), (("© Gazette Design LLC — Read our terms",), "Gazette Design"),
])
def test_copyright_holder(lines, expected):
    assert metadata.copyright_source(lines) == expected


@pytest.mark.parametrize("holder, lines, expected", [
    ("GAZETTE UNIVERSAL", ("Follow Gazette News", "Jane Doe is a reporter for Gazette News."), "Gazette News"),
    ("Gazette Broadcasting", ("Gazette News once",), "Gazette Broadcasting"),  # named once only
    ("Cable News Network", ("Cable News here", "Cable News there"), "Cable News Network"),  # its own prefix
    ("Gazette", ("Gazette News", "Gazette News"), "Gazette"),  # one word: nothing to prefer
])
def test_outlet_rather_than_owner(holder, lines, expected):
    assert metadata.outlet_name(holder, lines) == expected


@pytest.mark.parametrize("first_line, title, expected", [
    (f"{HEADLINE} | The Daily Gazette", HEADLINE, "The Daily Gazette"),
    (f"{HEADLINE} | World | News | Gazette.example", HEADLINE, "Gazette.example"),
    ("Harbour bridge closes to cars after vote - Gazette", HEADLINE, "Gazette"),  # reworded headline
    ("Ferry fares rise again - Gazette", HEADLINE, None),  # another story's title
    (HEADLINE, HEADLINE, None),
    ("Blair 'must be honest' - Kennedy", "Blair 'must be honest' - Kennedy", None),  # the headline's own dash
    ("Gazette's guide to tariffs | Gazette", "Gazette's guide to tariffs", "Gazette"),
])
def test_site_from_page_title(first_line, title, expected):
    assert metadata.site_from_page_title(first_line, title) == expected


def test_markdown_note_head():
    text = f"# {HEADLINE}\n\n*By Jane Doe*\n\nNov. 19, 2019\n\n{BODY}"
    article = clean_text(text, markdown=True)
    assert (article.title, article.published, article.author) == (HEADLINE, dt.date(2019, 11, 19), "Jane Doe")
    assert article.body.split("\n\n") == BODY.strip().split("\n\n")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=80), st.sampled_from([
    HEADLINE, f"{HEADLINE} | Gazette", "By Jane Doe and John Roe", "By", "Jane Doe @janedoe", "Related articles",
    "Nov. 19, 2019, 8:41 AM UTC", "Updated Nov. 19, 2019 / Original Nov. 18, 2019", "Jane Doe / AFP",
    "Breaking News Emails", "SUBSCRIBE", "(Reporting by Jane Doe; editing by John Roe)", "© 2019 Gazette Media",
    "The council voted on Tuesday to close the old harbour bridge to cars from next spring."])), max_size=30),
    st.booleans())
def test_page_text_path_is_total(lines, markdown):
    article = clean_text("\n".join(lines), markdown=markdown)
    assert isinstance(article.body, str)
    assert article.published is None or article.published_basis == "text"
    assert article.author is None or article.author.strip()


def test_a_fixture_list_date_is_not_a_headline():
    text = "Blackburn v Burnley\n\nEwood Park\n\nTuesday, 1 March\n\n2000 GMT\n\n" + BODY
    assert clean_text(text).title == "Blackburn v Burnley"


@pytest.mark.parametrize("line, expected", [
    ("Tuesday, 1 March", True), ("Sat Nov 23", True), ("Blackburn v Burnley", False),
    ("March 1 vote for 3 parties", False), ("Harbour bridge to close", False),
])
def test_is_day(line, expected):
    assert clean_head.is_day(line) is expected


@pytest.mark.parametrize("line, hours", [
    ("Published 3 hours ago", 3),
    ("1 day ago", 24),
    ("Updated an hour ago", 1),
    ("2 weeks ago", 336),
    ("45 minutes ago", 0),
    ("a month ago", None),  # which day of the month?
    ("The plant closed three days ago and 3 days ago the workers had been told it would stay open", None),
    ("November 19, 2019", None),
])
def test_printed_age(line, hours):
    assert metadata.printed_age(line) == hours


def test_page_text_keeps_the_age_its_head_prints():
    page = ("Harbour council approves a new sea wall\nBy Ann Writer\nPublished 5 hours ago\n"
            "The harbour council approved a new sea wall on the east side of the town, the mayor said after the vote.\n"
            "Work on the wall will begin next spring and should end within two years, officials said on the day.\n")
    article = clean_text(page)
    assert article.published is None and article.age_hours == 5
