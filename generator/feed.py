"""The Atom feed of the newest briefings: site model -> feed.xml text. Pure.

The renderer puts it among the generated pages as docs/feed.xml; MkDocs copies
it unchanged to site/feed.xml. Links are relative to the feed's own address, so
the feed works under any site_url (https://user.github.io/repo/feed.xml) and
from a local folder. Its `updated` time is the newest briefing's date, so an
unchanged site writes an unchanged feed.
"""
from __future__ import annotations

import datetime as dt
import uuid
from xml.sax.saxutils import escape, quoteattr

from .model import GENERATED_MARK
from .site import Entry, Site, page_url_of

FEED_ITEMS = 50  # feed readers poll; the newest fifty briefings are plenty
FEED_NAMESPACE = uuid.UUID("6f4f3c1e-2b7a-4d0e-9a51-5b1e0c0ffee1")  # ids: uuid5 of the source key
EPOCH = dt.date(1970, 1, 1)  # `updated` of a briefing without a date


def stamp(day: dt.date | None) -> str:
    return f"{(day or EPOCH).isoformat()}T00:00:00Z"


def clean(text: str | None) -> str:
    """Text safe in XML: escaped, control characters dropped."""
    kept = "".join(ch for ch in str(text or "") if ch in "\t\n" or ord(ch) >= 0x20)
    return escape(kept.replace("\ufffe", "").replace("\uffff", ""))


def entry_xml(e: Entry) -> str:
    a = e.briefing.article
    author = f"<author><name>{clean(a.author or a.source_name or 'unknown')}</name></author>"
    return (f"  <entry>\n    <title>{clean(e.title)}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(page_url_of(e.path))}/>\n"
            f"    <id>urn:uuid:{uuid.uuid5(FEED_NAMESPACE, e.key)}</id>\n"
            f"    <updated>{stamp(e.published)}</updated>\n    {author}\n"
            f"    <summary type=\"text\">{clean(e.briefing.summary)}</summary>\n  </entry>\n")


def atom(site: Site, title: str = "Briefings", items: int = FEED_ITEMS) -> str:
    """An Atom 1.0 document of the newest briefings."""
    entries = site.entries[:items]
    updated = max((e.published for e in entries if e.published), default=None)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f"<!-- generator: {GENERATED_MARK} -->\n"
            '<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f"  <title>{clean(title)}</title>\n"
            '  <link rel="alternate" type="text/html" href="./"/>\n'
            '  <link rel="self" type="application/atom+xml" href="feed.xml"/>\n'
            f"  <id>urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'feed')}</id>\n"
            f"  <updated>{stamp(updated)}</updated>\n"
            + "".join(entry_xml(e) for e in entries) + "</feed>\n")
