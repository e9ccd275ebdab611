"""`briefings add`: fetch pages (by URL, from a list or from a feed) and save them into seeds/.

    add(urls, seeds, client) -> Added        each page saved once, or a one-line failure

A page is saved as its raw HTML, as UTF-8, under a readable name made of its
site and headline, behind YAML front matter holding the address and the fetch
time (`url`, `fetched`). The same page is never saved twice: an address is
compared with those in seeds/ before fetching (tracking parameters and the
fragment left out), and again after, as redirected and by the page's canonical
link. A file appears whole or not at all.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import lxml.etree
import lxml.html
import yaml

from .fetch import FEEDS, Answer, Client, FetchError, check_url, first_line, join
from .slugs import slugify
from .sources import FRONT_MATTER, SourceError, decode, find_sources, split_front_matter

log = logging.getLogger(__name__)

# Query parameters that say how a reader came to a page, not which page it is: the
# campaign tags of Google Analytics (utm_*) and Matomo (mtm_*, pk_*), and the click ids
# that ad networks and mailing tools append (as listed by ClearURLs' general rules).
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_")
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
                             "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "ocid", "cmpid", "ito", "at_medium",
                             "at_campaign", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname"})
DEFAULT_PORTS = {"http": 80, "https": 443}
# The longest headline part of a saved file's name; with the site it stays well under any
# file system's 255-byte limit.
NAME_WORDS_MAX = 60
HEAD_BYTES = 8192  # front matter sits at the top of a file: enough to read a seed's address


def canonical(url: str) -> str:
    """The form two addresses of the same page share: lower-case scheme and host, no default port,
    no fragment, no tracking parameters, no empty path."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # no valid address: only itself is the same
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = port if port and port != DEFAULT_PORTS.get(scheme) else None
    netloc = f"{host}:{port}" if port else host
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


@dataclass(frozen=True)
class Saved:
    url: str
    path: Path


@dataclass(frozen=True)
class Skipped:
    url: str
    reason: str  # "already in seeds/ as x.html"


@dataclass(frozen=True)
class Failed:
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


@dataclass
class Added:
    """What one `briefings add` did, for its report and exit status."""

    saved: list[Saved] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.saved)} saved", f"{len(self.skipped)} already in seeds"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts)


# ---------------------------------------------------------------- what seeds/ already holds
def seed_address(path: Path) -> str | None:
    """The `url:` in a seed's front matter, or None."""
    try:
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES)
        match = FRONT_MATTER.match(head.decode("utf-8", errors="replace"))
        return split_front_matter(match.group(0))[0].url if match else None
    except (OSError, SourceError):
        return None


def known_addresses(seeds: Path) -> dict[str, Path]:
    """{canonical url: file} for every source in seeds/ whose front matter names its address."""
    known: dict[str, Path] = {}
    for path in find_sources(seeds) if seeds.is_dir() else []:
        url = seed_address(path)
        if url:
            known.setdefault(canonical(url), path)
    return known


# ---------------------------------------------------------------- reading a fetched page
@dataclass(frozen=True)
class PageFacts:
    text: str  # the page decoded
    headline: str | None
    canonical: str | None  # the page's <link rel="canonical">, absolute


def page_facts(answer: Answer) -> PageFacts:
    """Decode a fetched page and read its headline and canonical link; FetchError when it is no text."""
    text = decode_page(answer.body, answer.charset)
    try:
        tree = lxml.html.fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, lxml.etree.LxmlError):  # an empty document, or one lxml cannot parse
        return PageFacts(text, None, None)

    def first(xpath: str) -> str | None:
        for value in tree.xpath(xpath):
            value = " ".join(str(value).split())
            if value:
                return value
        return None

    headline = first('//meta[@property="og:title"]/@content') or first("//title/text()") or first("//h1//text()")
    link = first('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    address = join(answer.url, link) if link else None
    if address and (urlsplit(address).scheme.lower() not in ("http", "https") or not urlsplit(address).hostname):
        address = None
    return PageFacts(text, headline, address)


def decode_page(body: bytes, charset: str | None) -> str:
    """The page's text: in the charset its answer named, else as seeds/ files are read."""
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode(body, verbatim=True)
    except SourceError as e:
        raise FetchError(f"page is not text: {e}") from None


# ---------------------------------------------------------------- saving
def file_name(url: str, headline: str | None) -> str:
    """'example.com-biden-and-putin-speak-again' (without the suffix)."""
    try:
        parts = urlsplit(url)
        host, last = (parts.hostname or "page").lower(), parts.path.rsplit("/", 1)[-1]
    except ValueError:
        host, last = "page", ""
    host = host[4:] if host.startswith("www.") else host
    words = slugify(headline or last or "page", "page")[:NAME_WORDS_MAX]
    return f"{slugify(host, 'site')}-{words.strip('-') or 'page'}"


# The characters a URI keeps as they are (RFC 3986 reserved and unreserved, and '%').
URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def as_uri(url: str) -> str:
    """An address in ASCII: other characters percent-encoded as UTF-8 (RFC 3987, 3.1).

    A saved page's front matter is then ASCII, which no encoding repair of the
    source reader can alter ('Â¡' read back as '¡').
    """
    return quote(url, safe=URI_SAFE)


def front_matter(url: str, fetched: dt.datetime) -> str:
    address = yaml.safe_dump({"url": as_uri(url)}, width=1_000_000).strip()
    return f'---\n{address}\nfetched: {fetched.astimezone(dt.timezone.utc):%Y-%m-%dT%H:%M:%SZ}\n---\n'


def save_new(folder: Path, stem: str, text: str) -> Path:
    """Write text to folder/stem.html, or stem-2.html, ...: a new file, whole, never over another."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".add-", suffix=".tmp")  # hidden: no build reads it
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        for n in range(1, 10_000):
            target = folder / (f"{stem}.html" if n == 1 else f"{stem}-{n}.html")
            try:
                os.link(tmp, target)  # fails when the name is taken: nothing is overwritten
                return target
            except FileExistsError:
                continue
        raise FetchError(f"no free file name for {stem}.html in {folder}")
    finally:
        Path(tmp).unlink(missing_ok=True)


# ---------------------------------------------------------------- the command's work
class Adder:
    """Adds pages to one seeds/ folder, remembering what it holds."""

    def __init__(self, seeds: Path, client: Client):
        self.seeds, self.client = seeds, client
        self.known = known_addresses(seeds)
        self.result = Added()

    def where(self, path: Path) -> str:
        try:
            return path.relative_to(self.seeds).as_posix()
        except ValueError:
            return str(path)

    def add(self, url: str) -> None:
        """Fetch and save one page, or record why not."""
        url = url.strip()
        try:
            check_url(url)
            key = canonical(url)
            if key in self.known:
                self.result.skipped.append(Skipped(url, f"already in seeds/ as {self.where(self.known[key])}"))
                return
            answer = self.client.get(url)
            facts = page_facts(answer)
            address = facts.canonical or answer.url
            for seen in {canonical(answer.url), canonical(address)}:
                if seen in self.known:
                    self.result.skipped.append(Skipped(url, f"already in seeds/ as {self.where(self.known[seen])}"))
                    return
            path = save_new(self.seeds, file_name(address, facts.headline),
                            front_matter(address, answer.fetched) + facts.text)
        except FetchError as e:
            self.result.failed.append(Failed(url, str(e)))
            return
        except OSError as e:
            self.result.failed.append(Failed(url, f"cannot save into {self.seeds}: {e.strerror or e}"))
            return
        for seen in (key, canonical(answer.url), canonical(address)):
            self.known[seen] = path
        self.result.saved.append(Saved(url, path))

    def add_feed(self, url: str, limit: int | None = None) -> None:
        """Add the items of an RSS or Atom feed that seeds/ does not hold yet."""
        try:
            links = feed_links(self.client.get(url.strip(), accept=FEEDS))
        except FetchError as e:
            self.result.failed.append(Failed(url, f"feed: {e}"))
            return
        for link in links[:limit] if limit else links:
            self.add(link)


def feed_links(answer: Answer) -> list[str]:
    """The item links of an RSS or Atom feed, in the feed's order; FetchError when it is not a feed."""
    import feedparser

    # A stream, never the text: feedparser.parse fetches a string that looks like an address.
    kind = answer.media_type + (f"; charset={answer.charset}" if answer.charset else "")
    parsed = feedparser.parse(io.BytesIO(answer.body),
                              response_headers={"content-location": answer.url, "content-type": kind})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise FetchError(f"not an RSS or Atom feed{': ' + first_line(problem) if problem else ''}")
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or next((l.get("href") for l in entry.get("links", []) if l.get("href")), None)
        absolute = join(answer.url, link) if isinstance(link, str) else None
        if absolute:
            links.append(absolute)
    return list(dict.fromkeys(links))


def read_url_list(path: Path) -> list[str]:
    """The addresses in a list file: one per line; blank lines and `#` comments skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        from .errors import UserError

        raise UserError(f"{path}: cannot read the list of addresses: {getattr(e, 'strerror', None) or e}") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def unique(urls: Iterable[str]) -> Iterator[str]:
    seen = set()
    for url in urls:
        if url not in seen:
            seen.add(url)
            yield url
