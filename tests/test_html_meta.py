"""HTML metadata (issue 16): headline, publication date, publisher, authors, each rule on a made-up page."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import bylines, html_dates, html_meta
from generator.clean_html import split_html

PROSE = ("<p>The city council voted on Tuesday to close the old harbour bridge to cars from next spring, "
         "ending a dispute that has divided residents for more than a decade.</p>"
         "<p>Mayor Ana Lopes said the bridge could no longer carry the weight of modern traffic and that "
         "repairs would cost more than a new crossing for buses and bicycles.</p>"
         "<p>Shop owners on the south bank warned that the closure would cut them off from customers, and "
         "a group of traders said it would challenge the decision in court.</p>")


def page(head: str = "", body: str = "", ld: object | None = None) -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld is not None else ""
    return f"<html><head>{head}{script}</head><body>{body}</body></html>"


def meta(html: str) -> tuple:
    tree = html_meta.parse(html)
    return tree, html_meta.read(tree)


def headline(html: str) -> str | None:
    return html_meta.headline(meta(html)[1])


def published(html: str) -> dt.date | None:
    tree, pm = meta(html)
    return html_dates.published(tree, pm, today=dt.date(2024, 6, 1))


def publisher(html: str) -> str | None:
    return html_meta.publisher(meta(html)[1])


# ---------------------------------------------------------------- headline
@pytest.mark.parametrize("html, want", [
    (page(ld={"@type": "NewsArticle", "headline": "Bridge to close to cars"}), "Bridge to close to cars"),
    (page(ld={"@graph": [{"@type": "WebSite", "name": "Gazette"},
                         {"@type": "ReportageNewsArticle", "headline": "Bridge to close"}]}), "Bridge to close"),
    (page('<meta property="og:site_name" content="Harbour Gazette">'
          '<meta property="og:title" content="Bridge to close to cars | Harbour Gazette">'), "Bridge to close to cars"),
    (page('<meta property="og:site_name" content="Harbour Gazette">'
          '<title>Bridge to close to cars | Local | News | Harbour Gazette</title>'), "Bridge to close to cars"),
    (page('<meta property="og:site_name" content="Harbour Gazette">'
          '<title>Harbour Gazette: Bridge to close to cars</title>'), "Bridge to close to cars"),
    (page('<meta property="og:title" content="Council vote: bridge &amp; ferry plans">'), "Council vote: bridge & ferry plans"),
    # the printed h1 is the headline reworded for social media: the printed one wins
    (page('<meta property="og:title" content="Portvale drops Varga inquiry">',
          "<h1>Ilse Varga: Portvale drops inquiry</h1>"), "Ilse Varga: Portvale drops inquiry"),
    # an h1 that is a site's promo is not the headline
    (page('<meta property="og:title" content="Bridge to close to cars">',
          "<h1>Join our free prize challenge</h1><h1>Bridge to close to cars, council says</h1>"),
     "Bridge to close to cars, council says"),
    (page('<meta property="og:title" content="Bridge to close to cars">', "<h1>Win a weekend away today</h1>"),
     "Bridge to close to cars"),
    # a headline with a dash keeps it when the tail is not the site's name
    (page('<meta property="og:site_name" content="Gazette"><title>Bridge - a decade of dispute ends</title>'),
     "Bridge - a decade of dispute ends"),
    (page('<meta property="og:site_name" content="Gazette">'
          '<meta property="og:title" content="Design Week 2018 | A light installation for the showroom">'),
     "Design Week 2018 | A light installation for the showroom"),
    (page(body="<h1>Bridge to close</h1>"), "Bridge to close"),
    (page(), None),
])
def test_headline(html, want):
    assert headline(html) == want


# ---------------------------------------------------------------- date
@pytest.mark.parametrize("html, want", [
    # the publisher's local day, not the UTC one
    (page('<meta property="article:published_time" content="2019-11-19T21:30:00-05:00">'), dt.date(2019, 11, 19)),
    (page(ld={"@type": "NewsArticle", "datePublished": "Mon, 18 Nov 2019 16:07:38 -0600"}), dt.date(2019, 11, 18)),
    (page('<meta name="pdate" content="20191118">'), dt.date(2019, 11, 18)),
    # an updated stamp never wins over the original, and alone it is no publication date
    (page('<meta property="article:modified_time" content="2019-11-21T10:00:00Z">'
          '<meta property="article:published_time" content="2019-11-19T10:00:00Z">'), dt.date(2019, 11, 19)),
    (page('<meta property="article:modified_time" content="2019-11-21T10:00:00Z">'), None),
    # a UTC stamp is read as the day the page prints beside it (the publisher's clock)
    (page('<meta name="datePublished" content="2019-11-19 02:24:00">',
          '<h1>Headline here</h1><time datetime="2019-11-19 02:24:00 UTC">Nov 18, 2019 at 9:24 pm</time>'),
     dt.date(2019, 11, 18)),
    (page('<meta property="article:published_time" content="2019-11-19T07:03:25+00:00">',
          '<time datetime="2019-11-19T07:03:25+00:00">November 19, 2019</time>'), dt.date(2019, 11, 19)),
    # a printed day far from the stamp is another date, not the local one
    (page('<meta property="article:published_time" content="2019-11-19T07:03:25+00:00">',
          '<time datetime="2019-11-19T07:03:25+00:00">Posted 3 December 2019</time>'), dt.date(2019, 11, 19)),
    # with no metadata, the time beside the headline; never a teaser's, a list's or a footer's
    (page(body='<h1>Headline</h1><p>By Jane Doe <time datetime="2019-11-19T10:36:00Z">1 day ago</time></p>'),
     dt.date(2019, 11, 19)),
    (page(body='<h1>Headline</h1><ul><li><a href="/x">Other story <time datetime="2019-11-20T05:00:00Z">'
               '7 hours ago</time></a></li></ul>'), None),
    (page(body='<h1>Headline</h1><footer><time datetime="2019-01-01">2019</time></footer>'), None),
    (page(body="<h1>Headline</h1><p>© 2019 Harbour Gazette. All rights reserved.</p>"), None),
    # a UTC stamp with nothing printed beside it: the offset the page's other stamps give
    (page('<meta property="og:updated_time" content="2019-11-18T22:15:39-05:00">',
          ld={"@type": "NewsArticle", "datePublished": "Tue Nov 19 2019 03:05:46 GMT+0000"}), dt.date(2019, 11, 18)),
    (page(ld={"@type": "NewsArticle", "datePublished": "Tue Nov 19 2019 03:05:46 GMT+0000"}), dt.date(2019, 11, 19)),
    # microdata printed as text; a time in the headline's own header list; the canonical URL's day
    (page(body='<h1>Results</h1><span itemprop="datePublished">Fri 6:45 PM, Feb 16, 2018</span>'),
     dt.date(2018, 2, 16)),
    (page(body='<article><header><h1>Dare to play</h1><ul><li><time datetime="2018-10-05T08:15:05+00:00">'
               'October 5, 2018</time></li></ul></header></article>'), dt.date(2018, 10, 5)),
    (page('<link rel="canonical" href="https://example.com/ohio/statements/2019/nov/18/jane-doe/">'),
     dt.date(2019, 11, 18)),
    (page('<link rel="canonical" href="https://example.com/news/2019/11/slug-2019-11">'), None),
    (page('<meta name="date" content="1851-09-18">'), None),
    (page('<meta property="article:published_time" content="2031-01-01T00:00:00Z">'), None),
    (page('<meta property="article:published_time" content="yesterday">'), None),
])
def test_published(html, want):
    assert published(html) == want


# ---------------------------------------------------------------- publisher
@pytest.mark.parametrize("html, want", [
    (page('<meta property="og:site_name" content="NBC News">',
          ld={"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "NBCUniversal Media"}}),
     "NBC News"),
    (page(ld={"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Harbour Gazette"}}),
     "Harbour Gazette"),
    (page('<title>Bridge to close to cars - The Harbour Gazette</title>', "<h1>Bridge to close to cars</h1>"),
     "The Harbour Gazette"),
    # a subdomain's label is a hosting platform, not the outlet
    (page('<meta property="og:site_name" content="Hosted"><title>Bridge to close | Hosted</title>'
          '<link rel="canonical" href="https://hosted.example.org/gazette/bridge">',
          ld={"@type": "NewsArticle", "publisher": {"name": "Harbour Gazette"}}), "Harbour Gazette"),
    # a handle and a menu are not a site's name
    (page('<meta property="og:site_name" content="@gazette"><title>Bridge to close - Harbour Gazette</title>',
          "<h1>Bridge to close</h1>"), "Harbour Gazette"),
    (page('<meta property="og:site_name" content="News | Sport | Weather">',
          ld={"@type": "NewsArticle", "publisher": {"name": "Harbour Gazette"}}), "Harbour Gazette"),
    (page('<title>Bridge to close to cars</title>'), None),
])
def test_publisher(html, want):
    assert publisher(html) == want


def test_publisher_falls_back_to_the_canonical_site():
    html = page('<link rel="canonical" href="https://www.gazette.example.co.uk/local/bridge">',
                "<article><h1>Bridge to close</h1>" + PROSE + "</article>")
    assert split_html(html).sitename == "example.co.uk"


# ---------------------------------------------------------------- authors
@pytest.mark.parametrize("byline, want", [
    ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    ("Phil Helsel is a reporter for the news desk", ("Phil Helsel",)),
    ("Analysis by Chris Cillizza, CNN Editor-at-large", ("Chris Cillizza",)),
    ("Jill Disis, CNN Business", ("Jill Disis",)),
    ("DANICA KIRKA; JILL LAWLESS Associated Press", ("Danica Kirka", "Jill Lawless")),
    ("Maria de la Cruz", ("Maria de la Cruz",)),
    ("Carrie Arnold November", ("Carrie Arnold",)),
    ("Jane Doe Monday; November", ("Jane Doe",)),
    ("Finian Cunningham.", ("Finian Cunningham",)),
    ("June Carter", ("June Carter",)),
    ("admin", ()),  # a CMS account names nobody
    ("Reuters", ("Reuters",)),  # an organisation byline stays
    ("Science staff", ("Science staff",)),
    ("https://www.facebook.com/gazette", ()),
    ("", ()),
    (None, ()),
])
def test_authors(byline, want):
    assert bylines.authors(byline, ("CNN",)) == want


def test_byline_from_json_ld_people():
    ld = {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jane Doe"},
                                             {"@type": "Person", "name": "JOHN ROE"}]}
    html = page('<meta name="author" content="Gazette staff">', "<article><h1>Bridge</h1>" + PROSE + "</article>", ld)
    assert split_html(html).author == "Jane Doe, John Roe"


def test_a_byline_naming_people_wins_over_an_organisation_author():
    ld = {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Harbour Gazette"}}
    html = page('<meta name="author" content="Jane Doe, John Roe">', "<article><h1>Bridge</h1>" + PROSE + "</article>", ld)
    assert split_html(html).author == "Jane Doe, John Roe"


# ---------------------------------------------------------------- totality
@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<h1>", "</h1>", "<time datetime='2019-11-19'>", "</time>",
                                 "<a href='mailto:x'>", "</a>", "<meta property='og:title' content='",
                                 "<script type='application/ld+json'>", "</script>", "{\"@type\": [", "'>",
                                 "<li>", "<div class='hidden newsletter'>", "</div>", "<!--", "&amp;", "\x00"])
                | st.text(max_size=40), max_size=30))
def test_html_path_never_raises(parts):
    result = split_html("".join(parts))
    assert isinstance(result.body, tuple)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_stamps_and_bylines_are_total(s):
    stamp = html_dates.parse_stamp(s)
    assert stamp is None or isinstance(stamp, dt.datetime)
    assert all(isinstance(n, str) and n for n in bylines.authors(s))
    assert html_dates.day_in(s, dt.date(2019, 11, 19)) in (None, dt.date(2019, 11, 18), dt.date(2019, 11, 19),
                                                           dt.date(2019, 11, 20))


# ---------------------------------------------------------------- a printed date line, no metadata
LONG = "<p>" + " ".join(["The council voted on the bridge plan after a long debate."] * 4) + "</p>"


@pytest.mark.parametrize("body, want", [
    ("<h1>Titan mapped</h1><div class='byline'><span>REUTERS</span> <span> 19 NOV 2019 </span></div>" + LONG,
     dt.date(2019, 11, 19)),
    ("<h1>Cells that taste danger</h1><p><em>November 15, 2019</em></p>" + LONG, dt.date(2019, 11, 15)),
    # a date in the prose, a teaser list, or above the headline is not the article's date line
    ("<p>Monday, January 18, 2022</p><h1>Bridge to close</h1>" + LONG + "<p>March 3, 2019</p>", None),
    ("<h1>Bridge to close</h1><ul><li><a href='/x'>Other story</a> <span>November 14, 2019</span></li></ul>"
     + LONG, None),
    ("<h1>Bridge to close</h1><p>The vote of November 14, 2019 closed the bridge, the mayor said.</p>" + LONG, None),
    ("<h1>Bridge to close</h1>" + LONG + "<footer><p>November 20, 2019</p></footer>", None),
])
def test_printed_date_line(body, want):
    tree, pm = meta(page(body=body))
    assert html_dates.printed_date(tree, pm, today=dt.date(2024, 6, 1)) == want


def test_a_printed_date_line_is_text_not_metadata():
    html = page(body="<article><h1>Bridge to close</h1><p>By Jane Doe</p><p>March 5, 2024</p>"
                     + "".join(f"<p>{p}</p>" for p in [LONG[3:-4]] * 3) + "</article>")
    parts = split_html(html)
    assert (parts.published, parts.published_basis) == (dt.date(2024, 3, 5), "text")
