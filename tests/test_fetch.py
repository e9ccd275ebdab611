"""The polite client of `briefings add` against a local server: what it fetches, refuses and why."""
from __future__ import annotations

import time

import pytest

from generator.fetch import FEEDS, Client, FetchError, Policy, media_type_of, retry_after, user_agent

from .webserver import BIG_BYTES, serving

FAST = Policy(timeout=1.0, pause=0.0, retries=2, backoff=0.01, max_wait=5.0)


@pytest.fixture(scope="module")
def server():
    with serving() as s:
        yield s


@pytest.fixture
def client():
    with Client(FAST) as c:
        yield c


def test_fetches_a_page_with_its_user_agent(server, client):
    answer = client.get(server.base + "/news/bridge.html")
    assert answer.url == server.base + "/news/bridge.html"
    assert answer.media_type == "text/html" and answer.charset == "utf-8"
    assert b"river bridge" in answer.body
    assert answer.fetched.tzinfo is not None
    assert server.agents[-1] == user_agent() and user_agent().startswith("briefings/")


def test_follows_redirects_to_where_the_page_is(server, client):
    answer = client.get(server.base + "/short/bridge")
    assert answer.url == server.base + "/news/bridge.html?utm_campaign=short"


@pytest.mark.parametrize("path, reason", [
    ("/missing.html", "HTTP 404 Not Found"),
    ("/broken.html", "HTTP 500 Internal Server Error"),
    ("/loop", "more than 5 redirects"),
    ("/to-ftp", "not an http(s) address (scheme 'ftp')"),
    ("/report.pdf", "answer is application/pdf, not HTML"),
    ("/private/secret.html", "robots.txt does not allow it"),
    ("/patient.html", "HTTP 429, asked to retry after 86400 s (more than the 5 s allowed)"),
    ("/big.html", f"answer is {BIG_BYTES + 7:,} bytes, over the limit of 100,000"),
    ("/big-chunked.html", "answer is over the limit of 100,000 bytes"),
])
def test_refuses_by_name(server, path, reason):
    with Client(Policy(timeout=1.0, pause=0.0, retries=1, backoff=0.01, max_wait=5.0, max_bytes=100_000)) as c:
        with pytest.raises(FetchError) as e:
            c.get(server.base + path)
    assert str(e.value) == reason


@pytest.mark.parametrize("url, reason", [
    ("javascript:alert(1)", "not an http(s) address (scheme 'javascript')"),
    ("file:///etc/passwd", "not an http(s) address (scheme 'file')"),
    ("example.com/page", "not an http(s) address (scheme missing)"),
    ("http:///nohost", "address has no host"),
])
def test_only_http_addresses(client, url, reason):
    with pytest.raises(FetchError) as e:
        client.get(url)
    assert str(e.value) == reason


def test_a_slow_answer_times_out(server):
    started = time.monotonic()
    with Client(Policy(timeout=0.3, pause=0.0, retries=1, backoff=0.01)) as c:
        with pytest.raises(FetchError, match=r"^no answer within 0.3 s$"):
            c.get(server.base + "/slow.html")
    assert time.monotonic() - started < 2.5  # two tries of 0.3 s, not the server's 3 s


def test_retries_a_server_error_with_back_off(server):
    waits = []
    with Client(FAST, sleep=waits.append) as c:
        answer = c.get(server.base + "/flaky.html")
    assert b"harbour" in answer.body
    assert waits == [0.01]


def test_respects_retry_after(server):
    waits = []
    with Client(FAST, sleep=waits.append) as c:
        c.get(server.base + "/busy.html")
    assert waits == [1.0]


def test_pauses_between_requests_to_one_host(server):
    waits = []
    with Client(Policy(pause=30.0, retries=0), sleep=waits.append) as c:
        c.get(server.base + "/news/harbour.html")  # robots.txt, then the page: one pause
        c.get(server.base + "/news/ago.html")
    assert len(waits) == 2 and all(25 < w <= 30 for w in waits)


def test_robots_txt_is_read_once_per_host(server, client):
    before = server.hits["/robots.txt"]
    client.get(server.base + "/news/harbour.html")
    client.get(server.base + "/news/ago.html")
    assert server.hits["/robots.txt"] == before + 1


def test_a_feed_is_accepted_only_where_asked(server, client):
    assert client.get(server.base + "/feed.atom", accept=FEEDS).media_type == "application/atom+xml"
    with pytest.raises(FetchError, match="answer is application/atom\\+xml, not HTML"):
        client.get(server.base + "/feed.atom")
    with pytest.raises(FetchError, match="answer is text/html, not a feed"):
        client.get(server.base + "/news/bridge.html", accept=FEEDS)


def test_no_server_is_one_line():
    with Client(Policy(timeout=0.5, pause=0.0, retries=0)) as c:
        with pytest.raises(FetchError, match=r"^robots.txt could not be read \(connection failed: .*\), "
                                             r"so nothing may be fetched$"):
            c.get("http://127.0.0.1:9/page.html")


@pytest.mark.parametrize("header, expected", [
    ("text/html; charset=ISO-8859-1", ("text/html", "ISO-8859-1")),
    ("TEXT/HTML", ("text/html", None)),
    ('application/xhtml+xml; charset="utf-8"', ("application/xhtml+xml", "utf-8")),
    ("", ("", None)),
])
def test_media_type(header, expected):
    assert media_type_of(header) == expected


@pytest.mark.parametrize("header, expected", [
    ("120", 120.0),
    ("Thu, 01 Jan 1970 00:01:40 GMT", 60.0),  # at now=40: 100 - 40
    ("soon", None),
    (None, None),
])
def test_retry_after(header, expected):
    assert retry_after(header, now=40.0) == expected


@pytest.mark.parametrize("rules, allowed", [
    ("User-agent: briefings\nDisallow: /", False),  # rules for the tool by name apply to it
    ("User-agent: *\nDisallow: /\n\nUser-agent: briefings\nAllow: /", True),
    ("User-agent: otherbot\nDisallow: /", True),
])
def test_robots_rules_name_the_tool(rules, allowed):
    from protego import Protego

    assert Protego.parse(rules).can_fetch("https://example.com/a", user_agent()) is allowed
