"""A polite, safe HTTP client for `briefings add`: one page or feed at a time.

    Client(policy).get(url, accept=HTML) -> Answer      or raise FetchError (one line)

http(s) only; a User-Agent naming the tool and its version; robots.txt honoured
(protego, per host, cached for the run); a timeout, a size cap and a redirect
limit, each redirect checked like the first address; a pause between requests
to one host; retries with back-off on 429 and 5xx, `Retry-After` respected up
to a limit; answers of another type than the caller accepts refused by name.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from protego import Protego

from .sources import DEFAULT_MAX_BYTES

if TYPE_CHECKING:  # imported where a client is made: 0.2 s of every other command's start
    import httpx

HTML = ("text/html", "application/xhtml+xml")
# Feeds are served under all of these; text/html is left out: a page is not a feed.
FEEDS = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
         "text/xml", "application/x-rss+xml")
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


def tool_version() -> str:
    try:
        return metadata.version("briefings")
    except metadata.PackageNotFoundError:
        return "0"


def user_agent() -> str:
    """`briefings/0.1.0 (...)`: robots.txt rules for `briefings` apply to it."""
    return f"briefings/{tool_version()} (briefing-site generator; fetches the pages its user adds)"


@dataclass(frozen=True)
class Policy:
    """How politely and how safely to fetch. The defaults suit fetching by hand from news sites."""

    timeout: float = 20.0  # seconds to connect, and between two reads
    max_bytes: int = DEFAULT_MAX_BYTES  # the most a build would read from one source
    max_redirects: int = 5  # browsers allow 20; a news page takes one or two (http -> https, www)
    pause: float = 1.0  # seconds between two requests to one host (the usual crawl-delay)
    retries: int = 3  # further attempts after a 429 or 5xx answer or a dropped connection
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    max_wait: float = 120.0  # the longest Retry-After obeyed; a longer one is a failure
    user_agent: str = ""  # default: user_agent()

    @property
    def agent(self) -> str:
        return self.user_agent or user_agent()


@dataclass(frozen=True)
class Answer:
    """A fetched document."""

    url: str  # where it was found, after redirects
    body: bytes
    media_type: str  # "text/html"
    charset: str | None  # from Content-Type, when given
    fetched: dt.datetime  # UTC


class FetchError(Exception):
    """A URL that could not be fetched; the message is one line saying why."""


def join(base: str, ref: str) -> str | None:
    """ref resolved against base; None when that is no address at all."""
    try:
        url = urljoin(base, ref.strip())
        urlsplit(url).port  # noqa: B018 - raises on a port that is no number
    except ValueError:
        return None
    return url


def first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else type(error).__name__


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) address; else FetchError."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is no number
    except ValueError as e:
        raise FetchError(f"not a valid address: {e}") from None
    if parts.scheme.lower() not in ("http", "https"):
        scheme = repr(parts.scheme) if parts.scheme else "missing"
        raise FetchError(f"not an http(s) address (scheme {scheme})")
    if not parts.hostname:
        raise FetchError("address has no host")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise FetchError("address has spaces or control characters in it")
    return url


def media_type_of(content_type: str) -> tuple[str, str | None]:
    """'text/html; charset=UTF-8' -> ('text/html', 'UTF-8')."""
    kind, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return kind.strip().lower(), charset


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds a Retry-After header asks to wait (a number or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, when.timestamp() - now)


class Client:
    """Fetches pages one at a time; keep one per run so robots.txt and pauses are shared."""

    def __init__(self, policy: Policy = Policy(), sleep: Callable[[float], None] = time.sleep,
                 transport: httpx.BaseTransport | None = None):
        import httpx

        self.policy, self.sleep = policy, sleep
        self.http = httpx.Client(headers={"User-Agent": policy.agent}, follow_redirects=False,
                                 timeout=policy.timeout, transport=transport, trust_env=False)
        self.robots: dict[str, Protego | None] = {}  # origin -> rules (None: every path allowed)
        self.last: dict[str, float] = {}  # host -> when the last request to it ended

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, accept: tuple[str, ...] = HTML) -> Answer:
        """The document at url, following redirects; FetchError when it cannot or may not be had."""
        for _ in range(self.policy.max_redirects + 1):
            check_url(url)
            self.check_robots(url)
            response, body = self.request(url)
            if response.status_code in REDIRECT_STATUS:
                target = response.headers.get("location")
                if not target:
                    raise FetchError(f"redirect ({response.status_code}) without a Location")
                url = join(url, target) or ""
                if not url:
                    raise FetchError(f"redirect ({response.status_code}) to an invalid address")
                continue
            return self.answer(url, response, body, accept)
        raise FetchError(f"more than {self.policy.max_redirects} redirects")

    def answer(self, url: str, response: httpx.Response, body: bytes, accept: tuple[str, ...]) -> Answer:
        if response.status_code != 200:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
        kind, charset = media_type_of(response.headers.get("content-type", ""))
        if kind not in accept:
            wanted = "HTML" if accept == HTML else "a feed" if accept == FEEDS else ", ".join(accept)
            raise FetchError(f"answer is {kind or 'of no stated type'}, not {wanted}")
        return Answer(url=str(url), body=body, media_type=kind, charset=charset,
                      fetched=dt.datetime.now(dt.timezone.utc).replace(microsecond=0))

    # ---------------------------------------------------------------- one request, retried
    def request(self, url: str) -> tuple[httpx.Response, bytes]:
        """One GET (no redirect followed), retried on 429, 5xx and dropped connections."""
        import httpx

        for attempt in range(self.policy.retries + 1):
            last_try = attempt == self.policy.retries
            try:
                response, body = self.once(url)
            except httpx.TimeoutException:
                if last_try:
                    raise FetchError(f"no answer within {self.policy.timeout:g} s") from None
                self.sleep(self.policy.backoff * 2 ** attempt)
                continue
            except httpx.TransportError as e:
                if last_try:
                    raise FetchError(f"connection failed: {first_line(e)}") from None
                self.sleep(self.policy.backoff * 2 ** attempt)
                continue
            except (httpx.HTTPError, httpx.InvalidURL) as e:  # an answer no HTTP client can read
                raise FetchError(f"unreadable answer: {first_line(e)}") from None
            if response.status_code not in RETRY_STATUS or last_try:
                return response, body
            self.sleep(self.wait_before_retry(response, attempt))
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def wait_before_retry(self, response: httpx.Response, attempt: int) -> float:
        asked = retry_after(response.headers.get("retry-after"), time.time())
        if asked is not None and asked > self.policy.max_wait:
            raise FetchError(f"HTTP {response.status_code}, asked to retry after {asked:g} s "
                             f"(more than the {self.policy.max_wait:g} s allowed)")
        return asked if asked is not None else self.policy.backoff * 2 ** attempt

    def once(self, url: str) -> tuple[httpx.Response, bytes]:
        """One GET after the host's pause; the body read up to the size cap."""
        host = urlsplit(url).netloc.lower()
        wait = self.last.get(host, -1e9) + self.policy.pause - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        try:
            with self.http.stream("GET", url) as response:
                return response, self.read_capped(response)
        finally:
            self.last[host] = time.monotonic()

    def read_capped(self, response: httpx.Response) -> bytes:
        if response.status_code != 200:
            return b""
        cap = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"answer is {int(declared):,} bytes, over the limit of {cap:,}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"answer is over the limit of {cap:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    # ---------------------------------------------------------------- robots.txt
    def check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if origin not in self.robots:
            self.robots[origin] = self.load_robots(origin)
        rules = self.robots[origin]
        if rules is not None and not rules.can_fetch(url, self.policy.agent):
            raise FetchError("robots.txt does not allow it")

    def load_robots(self, origin: str) -> Protego | None:
        """The site's robots.txt rules; None (all allowed) when it has none (RFC 9309: a 4xx answer).

        A server error or no answer means every path is disallowed (RFC 9309, 2.3.1.4).
        """
        url = origin + "/robots.txt"
        for _ in range(self.policy.max_redirects + 1):
            try:
                response, body = self.request(url)
            except FetchError as e:
                raise FetchError(f"robots.txt could not be read ({e}), so nothing may be fetched") from None
            if response.status_code in REDIRECT_STATUS and response.headers.get("location"):
                url = join(url, response.headers["location"]) or ""
                if urlsplit(url).scheme.lower() not in ("http", "https"):
                    return None
                continue
            if 400 <= response.status_code < 500:
                return None
            if response.status_code != 200:
                raise FetchError(f"robots.txt answered HTTP {response.status_code}, so nothing may be fetched")
            return Protego.parse(body.decode("utf-8", errors="replace"))
        return None
