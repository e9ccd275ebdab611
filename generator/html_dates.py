"""An HTML page's original publication date, in the publisher's local time (issue 16).

The chain, most trusted first: JSON-LD `datePublished` of the article, the
publication-time meta tags (`article:published_time` and kin), an element
marked `itemprop=datePublished`, the `<time datetime>` nearest after the
headline outside links, lists and asides unless it shares the headline's
<header> (a teaser's or a comment's time is never the article's), and last
the day in the canonical URL's path. Modified/updated stamps are never read as
the date. A stamp with an offset is read in that offset
("2019-11-19T21:30:00-05:00" is the 19th); a stamp in UTC or without an offset
is read as the day the page prints beside it, when that is within one day of
it, else (UTC only) in the offset the page's other stamps give. None when unsure.
printed_date is the fallback for pages without any of these: a date line
printed between the headline and the first paragraph (basis "text").
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterator

import lxml.html

from . import html_meta
from .html_meta import PageMeta
from .metadata import MONTHS, is_date_line, parse_date
from .metadata import printed_age as age_of_line

# Meta tags that carry the original publication time, most specific first. Collected from
# the OpenGraph, Dublin Core, Parse.ly, Sailthru and schema.org microdata vocabularies.
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "og:datepublished", "published_time", "publish-date", "publishdate", "publish_date",
    "pubdate", "og:pubdate", "article.published", "parsely-pub-date", "sailthru.date", "date.release",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "date", "pdate",
    "originalpublicationdate", "article_date_original", "datecreated",
)
# Ancestors that put a <time> in a teaser, a list, a comment or a footer, not the article's header.
NOT_HEADER = frozenset({"a", "li", "aside", "footer", "nav", "ul", "ol"})
# Dates before this are not a web page's publication date (a founding date, a copyright year).
EARLIEST = dt.date(1995, 1, 1)
UTC_SUFFIX = re.compile(r"\s*(?:z|utc|gmt|\+00:?00|-00:?00|\+0000)$", re.I)
# JavaScript's Date.toString(): "Tue Nov 19 2019 03:05:46 GMT+0000 (Coordinated Universal Time)".
JS_STAMP = re.compile(r"^(?:[a-z]{3}\s+)?(?P<month>[a-z]{3})\s+(?P<day>\d{1,2})\s+(?P<year>\d{4})\s+"
                      r"(?P<time>\d\d:\d\d(?::\d\d)?)\s+GMT(?P<tz>[+-]\d{4})\b", re.I)
# A printed date line is short; a paragraph this long is the article's prose (the date line
# must come before it, as in the page-text rule of metadata.dateline).
DATE_LINE_WORDS = 12
PROSE_WORDS = 25
# A day in a URL's path: /2019/11/18/, /2019/nov/18/.
URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d|[a-z]{3,9})/(?P<day>[0-3]?\d)(?:/|$)", re.I)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A printed day: "Nov. 18, 2019", "Nov 20 20194:29 AM" (a glued year), "18th November".
PRINTED_DAY = re.compile(r"\b(?:(?P<m1>%s)\.?\s+(?P<d1>[0-3]?\d)(?!\d|:)"
                         r"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>%s)\b)" % (_MONTH, _MONTH), re.I)


def published(tree: lxml.html.HtmlElement, page: PageMeta, today: dt.date | None = None) -> dt.date | None:
    """The article's original publication day, or None when the page does not say it."""
    today = today or dt.date.today()
    stamp = first_stamp(page) or microdata_stamp(tree) or header_time(tree, page)
    day = local_day(tree, page, stamp) if stamp is not None else url_day(page)
    return day if day is not None and EARLIEST <= day <= today + dt.timedelta(days=1) else None


def local_day(tree: lxml.html.HtmlElement, page: PageMeta, stamp: dt.datetime) -> dt.date:
    """The stamp's day on the publisher's clock: its own offset; for a UTC or naive stamp, the day
    printed beside it, else the offset the page's other stamps give (a UTC stamp only)."""
    if stamp.tzinfo is not None and stamp.utcoffset() != dt.timedelta(0):
        return stamp.date()
    printed = printed_day(tree, stamp)
    if printed is not None:
        return printed
    offset = page_offset(tree, page) if stamp.tzinfo is not None else None
    return stamp.astimezone(offset).date() if offset is not None else stamp.date()


def page_offset(tree: lxml.html.HtmlElement, page: PageMeta) -> dt.tzinfo | None:
    """The publisher's UTC offset, from the first stamp on the page that gives a non-zero one."""
    values = [v for key in ("dateModified", "dateCreated") for v in html_meta.ld_values(page, key)]
    values += [v for k, v in page.meta if "date" in k or "time" in k]
    values += [t.get("datetime") for t in tree.iter("time") if t.get("datetime")]
    for value in values:
        stamp = parse_stamp(html_meta.text(value))
        if stamp is not None and stamp.tzinfo is not None and stamp.utcoffset() != dt.timedelta(0):
            return stamp.tzinfo
    return None


def microdata_stamp(tree: lxml.html.HtmlElement) -> dt.datetime | None:
    """An element marked itemprop=datePublished: its content/datetime, else its printed date."""
    for el in tree.iter():
        if el.get("itemprop") != "datePublished" or el.tag == "meta":
            continue
        stamp = parse_stamp(el.get("content") or el.get("datetime") or "")
        found = parse_date(html_meta.text(el.text_content())) if stamp is None else None
        if stamp is not None or found is not None:
            return stamp or dt.datetime.combine(found[0], dt.time())
    return None


def url_day(page: PageMeta) -> dt.date | None:
    """The day in the canonical URL's path: /2019/11/18/ or /2019/nov/18/."""
    m = URL_DATE.search(html_meta.page_url(page) or "")
    if m is None:
        return None
    month = m.group("month").lower()
    num = int(month) if month.isdigit() else MONTHS.get(month)
    try:
        return dt.date(int(m.group("year")), num, int(m.group("day"))) if num else None
    except ValueError:
        return None


def first_stamp(page: PageMeta) -> dt.datetime | None:
    """The first parseable publication stamp in JSON-LD and meta tags."""
    values = [html_meta.text(v) for v in html_meta.ld_values(page, "datePublished")]
    values += html_meta.meta_values(page, *PUBLISHED_META)
    return next((s for s in map(parse_stamp, values) if s is not None), None)


def parse_stamp(value: str) -> dt.datetime | None:
    """'2019-11-19T21:30:00-05:00', '2019-11-19 02:24:00 UTC', 'Mon, 18 Nov 2019 16:07:38 -0600',
    '20191118', '2019-11-18' -> datetime (aware when the stamp gives an offset); None otherwise."""
    s = " ".join((value or "").split())
    if re.fullmatch(r"(?:19|20)\d{6}", s):
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    js = JS_STAMP.match(s)
    if js:
        month = MONTHS.get(js.group("month").lower())
        s = f"{js.group('year')}-{month or 0:02d}-{int(js.group('day')):02d}T{js.group('time')}{js.group('tz')}"
    iso = UTC_SUFFIX.sub("+00:00", s) if re.match(r"^\d{4}-\d\d-\d\d[T ]\d", s) else s
    try:
        return dt.datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None


def header_time(tree: lxml.html.HtmlElement, page: PageMeta) -> dt.datetime | None:
    """The first <time datetime> after the headline that is not in a link, list, aside or footer."""
    h1 = headline_h1(tree, page)
    seen_h1 = h1 is None
    for el in tree.iter():
        if el is h1:
            seen_h1 = True
        if not seen_h1 or el.tag != "time" or not el.get("datetime"):
            continue
        if any(a.tag in NOT_HEADER for a in el.iterancestors()) and not beside(el, h1):
            continue
        stamp = parse_stamp(el.get("datetime"))
        if stamp is not None:
            return stamp
    return None


def headline_h1(tree: lxml.html.HtmlElement, page: PageMeta) -> lxml.html.HtmlElement | None:
    """The h1 that prints the headline, else the first h1 with text."""
    want = html_meta.headline(page)
    h1s = [h for h in tree.iter("h1") if html_meta.text(h.text_content())]
    return next((h for h in h1s if html_meta.text(h.text_content()) == want), h1s[0] if h1s else None)


def printed_date(tree: lxml.html.HtmlElement, page: PageMeta, today: dt.date | None = None) -> dt.date | None:
    """A date line printed between the headline and the article's first paragraph, for pages
    whose metadata gives no date ("November 15, 2019" under the byline); never one in a link,
    a list, an aside or a footer."""
    today = today or dt.date.today()
    for text in head_lines(tree, page):
        if len(text.split()) > DATE_LINE_WORDS or not is_date_line(text):
            continue
        found = parse_date(text)
        if found is not None and EARLIEST <= found[0] <= today:
            return found[0]
    return None


def printed_age(tree: lxml.html.HtmlElement, page: PageMeta) -> int | None:
    """A relative stamp printed where printed_date looks ("Published 3 hours ago"), in hours."""
    return next((hours for text in head_lines(tree, page) if (hours := age_of_line(text)) is not None), None)


def head_lines(tree: lxml.html.HtmlElement, page: PageMeta) -> Iterator[str]:
    """The texts of the elements between the headline and the article's first paragraph, but
    those in a link, a list, an aside or a footer outside the headline's own header."""
    h1 = headline_h1(tree, page)
    if h1 is None:
        return
    for el in following(h1):
        text = html_meta.text(el.text_content())
        if el.tag == "p" and len(text.split()) >= PROSE_WORDS:
            return
        if any(a.tag in NOT_HEADER for a in el.iterancestors()) and not beside(el, h1):
            continue
        yield text


def following(h1: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The elements after h1 in document order."""
    seen = False
    for el in h1.getroottree().iter():
        if seen and isinstance(el.tag, str):
            yield el
        seen = seen or el is h1


def beside(el: lxml.html.HtmlElement, h1: lxml.html.HtmlElement | None) -> bool:
    """el is in the same <header> as the headline (an article header's list of date and byline)."""
    return h1 is not None and any(any(x is h1 for x in hd.iter("h1")) for hd in el.iterancestors("header"))


def printed_day(tree: lxml.html.HtmlElement, stamp: dt.datetime) -> dt.date | None:
    """The day printed by the element that carries this stamp, when within a day of it."""
    want = naive_utc(stamp)
    for el in tree.iter():
        attr = el.get("datetime") if el.tag == "time" else None
        if attr is None and el.get("itemprop") == "datePublished" and el.tag != "meta":
            attr = el.get("content") or el.get("datetime")
        other = parse_stamp(attr) if attr else None
        if other is None or naive_utc(other) != want:
            continue
        day = day_in(html_meta.text(el.text_content()), stamp.date())
        if day is not None:
            return day
    return None


def naive_utc(stamp: dt.datetime) -> dt.datetime:
    """A stamp in UTC without tzinfo (naive stamps are taken as UTC), to compare instants."""
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return stamp.replace(microsecond=0)


def day_in(printed: str, near: dt.date) -> dt.date | None:
    """The day among near-1, near, near+1 that printed names ('Nov 18, 2019 at 9:24 pm')."""
    for m in PRINTED_DAY.finditer(printed):
        month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
        day = int(m.group("d1") or m.group("d2"))
        for delta in (0, -1, 1):
            cand = near + dt.timedelta(days=delta)
            if (cand.month, cand.day) == (month, day):
                return cand
    return None
