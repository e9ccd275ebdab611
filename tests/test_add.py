"""`briefings add` against a local server: what is saved, what is refused and why, nothing twice."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import frontmatter
import pytest

from generator.add import Adder, canonical, feed_links, file_name, known_addresses, save_new
from generator.cli import main
from generator.fetch import FEEDS, Client, Policy
from generator.model import Article, Meta, Source
from generator.pipeline import prepare, with_fetch_day
from generator.sources import read_source

from .conftest import copy_project
from .webserver import serving

FAST = Policy(timeout=1.0, pause=0.0, retries=1, backoff=0.01, max_wait=5.0)
FAST_ARGS = ["--pause", "0", "--timeout", "1", "--retries", "1", "--backoff", "0.01"]


@pytest.fixture(scope="module")
def server():
    with serving() as s:
        yield s


def adder(seeds: Path) -> Adder:
    return Adder(seeds, Client(FAST))


def saved_files(seeds: Path) -> list[str]:
    return sorted(p.relative_to(seeds).as_posix() for p in seeds.rglob("*") if p.is_file())


@pytest.mark.parametrize("url, expected", [
    ("HTTPS://Example.COM:443/a/b?id=3&utm_source=x&fbclid=y#top", "https://example.com/a/b?id=3"),
    ("http://example.com", "http://example.com/"),
    ("http://example.com:8080/x?mtm_campaign=z&page=2", "http://example.com:8080/x?page=2"),
    ("https://example.com/x?ref=home", "https://example.com/x?ref=home"),  # not a known tracker: kept
])
def test_canonical(url, expected):
    assert canonical(url) == expected


@pytest.mark.parametrize("url, headline, expected", [
    ("https://www.example.com/x/123", "Biden and Putin speak again", "example-com-biden-and-putin-speak-again"),
    ("https://news.example.org/story-about-it.html", None, "news-example-org-story-about-it-html"),
    ("https://example.com/", "../../etc/passwd", "example-com-etc-passwd"),
    ("https://example.com/", "", "example-com-page"),
])
def test_file_name(url, headline, expected):
    assert file_name(url, headline) == expected


def test_saves_the_page_with_its_address_and_fetch_time(server, tmp_path):
    a = adder(tmp_path)
    a.add(server.base + "/news/bridge.html?utm_source=mail")
    [saved] = a.result.saved
    assert saved.path.name == "127-0-0-1-springfield-votes-to-rebuild-the-river-bridge.html"
    post = frontmatter.loads(saved.path.read_text(encoding="utf-8"))
    assert post["url"] == server.base + "/news/bridge.html"  # the page's canonical link
    assert abs(post["fetched"].replace(tzinfo=dt.timezone.utc) - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)
    assert "<h1>Springfield votes to rebuild the river bridge</h1>" in post.content
    source = read_source(saved.path, tmp_path)
    assert source.kind == "html" and source.meta.url == post["url"] and source.meta.fetched is not None


def test_the_same_page_is_never_saved_twice(server, tmp_path):
    a = adder(tmp_path)
    a.add(server.base + "/news/bridge.html")
    hits = server.hits["/news/bridge.html"]
    a.add(server.base + "/news/bridge.html?utm_campaign=again#comments")  # known before fetching
    assert server.hits["/news/bridge.html"] == hits
    b = adder(tmp_path)  # a later run reads seeds/
    b.add(server.base + "/short/bridge")  # a redirect to it
    b.add(server.base + "/amp/bridge.html")  # another address whose canonical link is it
    assert saved_files(tmp_path) == ["127-0-0-1-springfield-votes-to-rebuild-the-river-bridge.html"]
    assert [s.reason for s in a.result.skipped + b.result.skipped] == \
        ["already in seeds/ as 127-0-0-1-springfield-votes-to-rebuild-the-river-bridge.html"] * 3


def test_failures_are_one_line_each_and_leave_no_file(server, tmp_path):
    a = adder(tmp_path)
    for path in ("/missing.html", "/broken.html", "/report.pdf", "/private/secret.html", "/news/harbour.html"):
        a.add(server.base + path)
    a.add("ftp://example.com/file")
    assert [str(f) for f in a.result.failed] == [
        f"{server.base}/missing.html: HTTP 404 Not Found",
        f"{server.base}/broken.html: HTTP 500 Internal Server Error",
        f"{server.base}/report.pdf: answer is application/pdf, not HTML",
        f"{server.base}/private/secret.html: robots.txt does not allow it",
        "ftp://example.com/file: not an http(s) address (scheme 'ftp')",
    ]
    assert saved_files(tmp_path) == ["127-0-0-1-portville-will-dredge-its-harbour.html"]


def test_same_headline_gets_another_name_never_overwrites(tmp_path):
    first = save_new(tmp_path, "site-headline", "one")
    second = save_new(tmp_path, "site-headline", "two")
    assert (first.name, second.name) == ("site-headline.html", "site-headline-2.html")
    assert first.read_text() == "one" and second.read_text() == "two"
    assert saved_files(tmp_path) == ["site-headline-2.html", "site-headline.html"]


@pytest.mark.parametrize("feed", ["/feed.rss", "/feed.atom"])
def test_feed_links(server, feed):
    with Client(FAST) as c:
        links = feed_links(c.get(server.base + feed, accept=FEEDS))
    expected = {"/feed.rss": [f"{server.base}/news/bridge.html?utm_source=rss&utm_medium=feed",
                              f"{server.base}/news/harbour.html"],
                "/feed.atom": [f"{server.base}/news/harbour.html", f"{server.base}/news/ago.html"]}[feed]
    assert links == expected


def test_feeds_add_only_new_items(server, tmp_path):
    a = adder(tmp_path)
    a.add_feed(server.base + "/feed.rss")
    a.add_feed(server.base + "/feed.atom")  # its harbour item is already saved
    a.add_feed(server.base + "/not-a-feed.xml")
    assert len(a.result.saved) == 3 and len(a.result.skipped) == 1
    assert [str(f) for f in a.result.failed] == \
        [f"{server.base}/not-a-feed.xml: feed: not an RSS or Atom feed"]
    assert set(known_addresses(tmp_path)) == {f"{server.base}/news/{n}.html" for n in ("bridge", "harbour", "ago")}


def test_a_page_that_prints_its_age_is_dated_from_the_fetch_time(server, tmp_path):
    a = adder(tmp_path)
    a.add(server.base + "/news/ago.html")  # "Published 3 hours ago", no date printed
    [saved] = a.result.saved
    source = read_source(saved.path, tmp_path)
    article = prepare(source)
    assert article.published == (source.meta.fetched - dt.timedelta(hours=3)).date()
    assert article.published_basis == "text"


def test_a_printed_age_counts_back_from_the_fetch_time():
    fetched = dt.datetime(2024, 5, 6, 23, 30, tzinfo=dt.timezone.utc)
    source = Source(path=Path("x.html"), key="x.html", kind="html", text="", meta=Meta(fetched=fetched))
    dated = with_fetch_day(Article(body="x", age_hours=30), source)
    assert (dated.published, dated.published_basis) == (dt.date(2024, 5, 5), "text")
    assert with_fetch_day(Article(body="x", age_hours=3), source).published == dt.date(2024, 5, 6)
    assert with_fetch_day(Article(body="x", age_hours=3), replace(source, meta=Meta())).published is None


@pytest.mark.parametrize("article, expected", [
    (Article(body="x"), dt.date(2024, 5, 6)),
    (Article(body="x", published=dt.date(2024, 1, 1)), None),  # dated: nothing to resolve
    (Article(body="x", viewed=dt.date(2024, 5, 1)), dt.date(2024, 5, 1)),  # the page prints the day
])
def test_with_fetch_day(article, expected):
    fetched = dt.datetime(2024, 5, 6, 23, 30, tzinfo=dt.timezone.utc)
    source = Source(path=Path("x.html"), key="x.html", kind="html", text="", meta=Meta(fetched=fetched))
    assert with_fetch_day(article, source).viewed == expected
    assert with_fetch_day(article, replace(source, meta=Meta())) == article


def test_cli_add_without_build(server, tmp_path, capsys):
    root = tmp_path / "project"
    root.mkdir()
    copy_project(root)
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# to read\n{server.base}/news/harbour.html\n\n{server.base}/missing.html\n", encoding="utf-8")
    status = main(["add", "--root", str(root), "--no-build", *FAST_ARGS, "--from", str(listing),
                   server.base + "/news/bridge.html"])
    out, err = capsys.readouterr()
    assert status == 1
    assert err.strip() == f"briefings: {server.base}/missing.html: HTTP 404 Not Found"
    assert out.strip().endswith("briefings: 2 saved, 0 already in seeds, 1 failed")
    assert not (root / "docs" / "briefings").exists()  # --no-build
    assert main(["add", "--root", str(root), "--no-build", *FAST_ARGS, server.base + "/news/bridge.html"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"briefings: not saved again: {server.base}/news/bridge.html is already in seeds/ as "
        "127-0-0-1-springfield-votes-to-rebuild-the-river-bridge.html",
        "briefings: 0 saved, 1 already in seeds"]


def test_cli_add_needs_something(tmp_path, capsys):
    assert main(["add", "--root", str(copy_project(tmp_path)), "--no-build"]) == 2
    assert "nothing to add" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_add_builds_the_site_with_the_fetched_articles(server, tmp_path, capsys):
    root = tmp_path / "project"
    root.mkdir()
    copy_project(root)
    status = main(["add", "--root", str(root), "-q", *FAST_ARGS, "--feed", server.base + "/feed.atom",
                   server.base + "/news/fair.html"])
    assert status == 0, capsys.readouterr()
    pages = {p.name: p.read_text(encoding="utf-8") for p in (root / "docs" / "briefings").glob("*.md")}
    titles = {frontmatter.loads(text)["title"] for text in pages.values()}
    assert {"Portville will dredge its harbour", "Lakeside extends the school day"} <= titles
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Portville will dredge its harbour" in home and "Lakeside extends the school day" in home
    records = [json.loads(line) for line in (root / "site" / "data" / "briefings.jsonl").open(encoding="utf-8")]
    assert {"Portville will dredge its harbour", "Lakeside extends the school day"} <= {r["title"] for r in records}
    fair = next(p for p in (root / "site" / "briefings").glob("greenfield*/index.html"))
    html = fair.read_text(encoding="utf-8")
    assert "fetched-script" not in html and "javascript:" not in html and "onerror" not in html
    assert "{{ config.secret }} will be {% raw %}announced{% endraw %} soon" in html  # text, not evaluated
    # The headline is the page's h1 as a reader sees it (the browser drops the unknown <plans>
    # element); its template-like text is shown, not evaluated, and no tag of it survives.
    assert "Greenfield its {{ summer }} fair" in html and "<plans>" not in html


# ---------------------------------------------------------------- total on any input
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.add import as_uri, front_matter, page_facts  # noqa: E402
from generator.fetch import Answer, FetchError, check_url  # noqa: E402
from generator.sources import SourceError, parse_source  # noqa: E402

URLISH = st.one_of(st.text(max_size=80), st.from_regex(r"https?://[\[\]a-z0-9.:@%-]{0,20}(/[^\s]{0,20})?", fullmatch=True))
NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


@settings(max_examples=300, deadline=None)
@given(URLISH)
def test_addresses_are_checked_and_compared_without_raising(url):
    try:
        check_url(url)
    except FetchError as e:
        assert "\n" not in str(e)
    assert isinstance(canonical(url), str)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", file_name(url, url))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_answer_is_read_or_refused_in_one_line(body):
    answer = Answer(url="https://example.com/a", body=body, media_type="text/html", charset=None, fetched=NOW)
    try:
        facts = page_facts(answer)
    except FetchError as e:
        assert "\n" not in str(e)
    else:
        assert facts.canonical is None or facts.canonical.startswith(("http://", "https://"))
    try:
        assert all(link.startswith("http") for link in feed_links(replace(answer, media_type="application/rss+xml")))
    except FetchError as e:
        assert "\n" not in str(e)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"https?://[a-z0-9.-]{1,20}/[^\x00]{0,40}", fullmatch=True))
def test_the_front_matter_written_is_read_back(url):
    data = (front_matter(url, NOW) + "<p>Text.</p>").encode("utf-8", "surrogatepass")
    try:
        source = parse_source(data, Path("x.html"), "html", "x.html")
    except SourceError as e:  # an address the source reader refuses is refused, never misread
        assert "url" in str(e) or "binary" in str(e) or "valid" in str(e)
        return
    assert source.meta.fetched == NOW and source.meta.url == as_uri(url)
