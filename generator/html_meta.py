"""An HTML page's own metadata: headline, publisher, authors, canonical URL (issue 16).

One small fallback chain per field, in trafilatura's style, over what the page
says about itself: JSON-LD (schema.org `NewsArticle` and kin, also inside
`@graph`), OpenGraph and `<meta name=...>` tags, the article's `h1`, the
`<title>` and `<link rel=canonical>`. Dates are in html_dates.py, bylines in
bylines.py. Every function is total: malformed markup or JSON gives None.
"""
from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass

import lxml.html

# schema.org types that describe the article itself: NewsArticle, ReportageNewsArticle, BlogPosting...
ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Report)$")
# How page titles join the headline and the site name: "Headline | Site", "Site: Headline".
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
# A title segment longer than this is part of the headline, never a site or section name.
SITE_SEGMENT_WORDS = 5
# An h1 is the printed form of the metadata headline when it shares at least this share of
# the shorter one's words (tuned on nothing: half is the natural line between "reworded
# headline" and "another text"; the printed and social headlines on the articles-dev pages
# share 0.8-1.0, a site's promo h1 shares 0).
SAME_HEADLINE_SHARE = 0.5


@dataclass(frozen=True)
class PageMeta:
    """What a page's head and JSON-LD say, gathered once."""

    articles: tuple[dict, ...]  # JSON-LD objects of an article type, then WebPage ones
    meta: tuple[tuple[str, str], ...]  # (lower-cased name/property/itemprop, content) in page order
    title: str | None  # the <title>
    h1s: tuple[str, ...]
    canonical: str | None


def parse(html: str) -> lxml.html.HtmlElement | None:
    """The page as an lxml tree, or None when it cannot be parsed."""
    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises on empty documents and some broken encodings declarations
        return None
    return tree if isinstance(tree.tag, str) else None


def read(tree: lxml.html.HtmlElement) -> PageMeta:
    """Collect the page's metadata sources."""
    metas = tuple((key.lower(), text(m.get("content")))
                  for m in tree.iter("meta")
                  for key in (m.get("property") or m.get("name") or m.get("itemprop") or "",)
                  if key and m.get("content"))
    titles = [text(t.text_content()) for t in tree.iter("title")]
    h1s = tuple(t for t in (text(h.text_content()) for h in tree.iter("h1")) if t)
    canon = next((link.get("href") for link in tree.iter("link")
                  if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")), None)
    return PageMeta(articles=json_ld_articles(tree), meta=metas, title=titles[0] if titles else None,
                    h1s=h1s, canonical=canon)


def text(value: object) -> str:
    """A string with entities decoded and whitespace collapsed; '' for anything else."""
    if not isinstance(value, str):
        return ""
    return " ".join(htmllib.unescape(value).split())


def json_ld_articles(tree: lxml.html.HtmlElement) -> tuple[dict, ...]:
    """JSON-LD objects describing the article (article types first, then WebPage)."""
    found: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            walk(json.loads(script.text_content() or "null", strict=False), found)
        except (ValueError, RecursionError):  # a page's broken JSON-LD is skipped, not fatal
            continue
    articles = [o for o in found if any(ARTICLE_TYPE.search(t) for t in types(o))]
    pages = [o for o in found if "WebPage" in types(o)]
    return tuple(articles + pages)


def walk(node: object, out: list[dict], depth: int = 0) -> None:
    """Every typed object in a JSON-LD document, `@graph` and lists included."""
    if depth > 6:
        return
    if isinstance(node, list):
        for item in node:
            walk(item, out, depth + 1)
    elif isinstance(node, dict):
        if "@graph" in node:
            walk(node["@graph"], out, depth + 1)
        if node.get("@type"):
            out.append(node)


def types(obj: dict) -> tuple[str, ...]:
    """An object's @type as a tuple of names."""
    t = obj.get("@type")
    return tuple(x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str))


def ld_values(page: PageMeta, key: str) -> list[object]:
    """The values of key in the page's article objects, article types first."""
    return [o[key] for o in page.articles if o.get(key)]


def meta_values(page: PageMeta, *names: str) -> list[str]:
    """Contents of the page's meta tags with these names, in the order of names."""
    return [v for name in names for k, v in page.meta if k == name and v]


def name_of(value: object) -> str:
    """A JSON-LD name: a string, or an object's `name`."""
    if isinstance(value, list):
        return name_of(value[0]) if value else ""
    if isinstance(value, dict):
        return text(value.get("name"))
    return text(value)


# ---------------------------------------------------------------- headline
def headline(page: PageMeta) -> str | None:
    """The headline as the page prints it: its h1 when that is the metadata headline reworded,
    else the metadata headline without the site name."""
    sites = site_names(page)
    titles = [strip_site(t, sites) for t in metadata_titles(page)]
    titles = [t for t in titles if t]
    printed = next((h for h in page.h1s if any(same_headline(h, t) for t in titles)), None)
    if printed:
        return printed
    if titles:
        return titles[0]
    return page.h1s[0] if len(page.h1s) == 1 else None


def metadata_titles(page: PageMeta) -> list[str]:
    """Headline candidates from metadata, most trusted first."""
    ld = [text(v) for v in ld_values(page, "headline")] + [text(v) for v in ld_values(page, "name")]
    tags = meta_values(page, "og:title", "twitter:title", "dc.title", "title")
    return [t for t in ld + tags + ([page.title] if page.title else []) if t]


def same_headline(a: str, b: str) -> bool:
    """Two wordings of one headline: they share most of the shorter one's words."""
    wa, wb = set(words(a)), set(words(b))
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= SAME_HEADLINE_SHARE


def words(s: str) -> list[str]:
    """Lower-cased words, apostrophes folded."""
    return re.findall(r"\w+", s.replace("’", "'").casefold())


def fold(s: str) -> str:
    """Letters and digits only, lower case: 'Al-Bawaba' == 'Al Bawaba'."""
    return "".join(re.findall(r"[^\W_]+", s.casefold()))


def strip_site(title: str, sites: tuple[str, ...]) -> str:
    """'Headline | Section | Site' -> 'Headline'; 'Site: Headline' -> 'Headline'; other separators kept."""
    keys = {fold(s) for s in sites if fold(s)}
    cuts = list(TITLE_SEPARATORS.finditer(title))
    if cuts and is_site(title[cuts[-1].end():], keys):
        end = cuts.pop().start()
        while cuts and len(title[cuts[-1].end():end].split()) <= 2:  # sections before the site: "| World | News"
            end = cuts.pop().start()
        title = title[:end]
    elif cuts and is_site(title[:cuts[0].start()], keys):
        title = title[cuts[0].end():]
    head, sep, rest = title.partition(": ")
    return (rest if sep and is_site(head, keys) else title).strip()


def is_site(segment: str, keys: set[str]) -> bool:
    """A title segment that is the site's name ('CNN' also matches 'CNNPolitics')."""
    f = fold(segment)
    if not f or len(segment.split()) > SITE_SEGMENT_WORDS:
        return False
    return any(f == k or (f.startswith(k) and len(k) >= 3) for k in keys)


# ---------------------------------------------------------------- publisher
def site_names(page: PageMeta) -> tuple[str, ...]:
    """Every name the page gives its site, for telling the site name from the headline."""
    names = meta_values(page, "og:site_name", "application-name", "apple-mobile-web-app-title")
    names += [name_of(v) for v in ld_values(page, "publisher")]
    host = domain(page)
    if host:
        names += [host, host.split(".")[0]]
    return tuple(n for n in names if n)


def publisher(page: PageMeta) -> str | None:
    """The outlet readers know: og:site_name, the site named in the page title, JSON-LD publisher.

    og:site_name and the title's site are the brand printed to readers; JSON-LD
    publisher is sometimes the owning company, so it comes after them. A site
    name that is only the page's subdomain ("hosted" on hosted.example.org) is a
    hosting label, not an outlet, and is skipped.
    """
    hosting = hosting_label(page)
    for name in (*meta_values(page, "og:site_name"), title_site(page),
                 *(name_of(v) for v in ld_values(page, "publisher"))):
        if name and fold(name) != hosting and is_name(name):
            return name
    return None


def is_name(name: str) -> bool:
    """A site name, not a handle ('@site') or a menu ('News | Sport | Weather')."""
    return (len(name.split()) <= SITE_SEGMENT_WORDS + 1 and not name.startswith("@")
            and len(TITLE_SEPARATORS.split(name)) == 1)


def title_site(page: PageMeta) -> str | None:
    """'Headline - Site' as the <title>, when the head is the headline -> 'Site'."""
    if not page.title:
        return None
    parts = TITLE_SEPARATORS.split(page.title)
    if len(parts) < 2 or len(parts[-1].split()) > SITE_SEGMENT_WORDS:
        return None
    heads = [t for t in metadata_titles(page)[:-1] if t != page.title] + list(page.h1s)
    return parts[-1] if any(same_headline(parts[0], h) for h in heads) else None


def hosting_label(page: PageMeta) -> str | None:
    """The first label of the page's host when it is a subdomain: 'hosted' for hosted.example.org."""
    url = page_url(page)
    m = re.match(r"^[a-z][a-z0-9+.-]*://([^/:?#]+)", url or "", re.I)
    if not m:
        return None
    host = m.group(1).lower().removeprefix("www.")
    base = domain(page)
    return host.split(".")[0] if base and host != base and host.endswith("." + base) else None


def domain(page: PageMeta) -> str | None:
    """The registered domain of the page's canonical URL: 'bbc.co.uk'."""
    url = page_url(page)
    if not url:
        return None
    try:
        from courlan import extract_domain

        return extract_domain(url) or None
    except Exception:  # courlan raises on some malformed URLs; no domain then
        return None


def page_url(page: PageMeta) -> str | None:
    """The page's canonical URL: <link rel=canonical>, og:url, JSON-LD url."""
    for url in (page.canonical, *meta_values(page, "og:url"), *(text(v) for v in ld_values(page, "url"))):
        if url and re.match(r"^https?://", url.strip(), re.I):
            return url.strip()
    return None
