"""HTML -> article: trafilatura's main text, cross-checked between its modes.

trafilatura in precision mode drops more chrome but sometimes loses most of
an article; its default mode keeps the article but more chrome. We take the
precision text unless it is much shorter than the default one, keep tables
(article tables are content), and drop the chrome that still slips through:
first by the page's structure (html_chrome.preclean, before trafilatura reads
the page), then by line shape (credits, share bars, "Related:" lines, the
headline repeated). Metadata comes from the page itself (html_meta,
html_dates, bylines), with trafilatura's reading as the last fallback for the
headline and author; the publication date is never guessed from the text.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass

from . import bylines, chrome, html_chrome, html_dates, html_meta, metadata

# Take the default-mode text when the precision-mode text is shorter than this share of it.
# Tuned on shared/eval/data/aeb-dev HTML: F1 is flat from 0.3 to 0.5 and falls above 0.6.
PRECISION_SHARE = 0.5
# Meta tags that carry a byline, most specific first (a URL content is a profile page, skipped;
# twitter:creator is a handle, not a name).
AUTHOR_META = ("author", "byl", "dc.creator", "article:author", "parsely-author", "sailthru.author",
               "author.name")


@dataclass(frozen=True)
class HtmlParts:
    body: tuple[str, ...]
    title: str | None = None
    published: dt.date | None = None
    published_basis: str | None = None  # "metadata", or "text" for a date line printed under the headline
    sitename: str | None = None
    url: str | None = None
    author: str | None = None
    age_hours: int | None = None  # a relative stamp printed under the headline ("3 hours ago")


def load(html: str) -> object | None:
    """The page as trafilatura parses it, or None."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception:  # trafilatura raises on some malformed markup; no page then
        return None


def extract(tree: object, favor_precision: bool) -> object | None:
    """trafilatura's document for a page (a copy of tree is read), or None when it finds nothing."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            copy.deepcopy(tree), with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=favor_precision,
            date_extraction_params={"original_date": True, "extensive_search": False,
                                    "max_date": dt.date.today().isoformat()})
    except Exception:  # trafilatura raises on some malformed markup; no text then
        return None


def split_html(html: str) -> HtmlParts:
    """Main text paragraphs and metadata of an HTML page."""
    tree = load(html)
    if tree is None:
        return HtmlParts(body=())
    page = html_meta.read(tree)
    published = safe(lambda: html_dates.published(tree, page))
    printed = None if published else safe(lambda: html_dates.printed_date(tree, page))
    cleaned = html_chrome.preclean(copy.deepcopy(tree))
    links = html_chrome.link_lines(cleaned)
    text, doc = main_text(cleaned)
    title = html_meta.headline(page) or clean_field(getattr(doc, "title", None))
    body = tuple(p for p in (ln.strip() for ln in text.split("\n"))
                 if p and not chrome.is_chrome(p) and not html_chrome.is_credit_line(p)
                 and p not in links and not same_words(p, title))
    site = html_meta.publisher(page) or metadata.agency_source(body) or html_meta.domain(page)
    return HtmlParts(body=body, title=title, published=published or printed, sitename=site,
                     published_basis="metadata" if published else "text" if printed else None,
                     url=html_meta.page_url(page) or clean_field(getattr(doc, "url", None)),
                     author=byline(page, doc, site),
                     age_hours=None if published or printed else safe(lambda: html_dates.printed_age(tree, page)))


def main_text(tree: object) -> tuple[str, object | None]:
    """trafilatura's text of the page and its document: precision mode unless it lost the article."""
    precise, default = extract(tree, True), extract(tree, False)
    text_p = (getattr(precise, "text", None) or "") if precise is not None else ""
    text_d = (getattr(default, "text", None) or "") if default is not None else ""
    if precise is not None and len(text_p) >= PRECISION_SHARE * len(text_d):
        return text_p, precise
    return text_d, default


def byline(page: html_meta.PageMeta, doc: object | None, site: str | None) -> str | None:
    """The article's authors as 'Jane Doe, John Roe': JSON-LD, then meta tags, then trafilatura;
    a source that names people wins over one that names an organisation only."""
    outlets = tuple(n for n in (site, *html_meta.site_names(page)) if n)
    ld = [v for value in html_meta.ld_values(page, "author") for v in (value if isinstance(value, list) else [value])]
    people = [n for v in ld if not is_organisation(v) for n in (html_meta.name_of(v),) if n]
    orgs = [n for v in ld if is_organisation(v) for n in (html_meta.name_of(v),) if n]
    others = [v for v in html_meta.meta_values(page, *AUTHOR_META) if not re.match(r"^(https?:|@|/)", v)]
    others.append(clean_field(getattr(doc, "author", None)) or "")
    names = next((n for n in (bylines.people(c, outlets) for c in [", ".join(people), *others]) if n), ())
    names = names or next((n for n in map(bylines.organisation, [", ".join(orgs + people), *others]) if n), ())
    return ", ".join(names) or None


def is_organisation(value: object) -> bool:
    """A JSON-LD author that is an organisation (Organization, NewsMediaOrganization...)."""
    return isinstance(value, dict) and any("Organization" in t for t in html_meta.types(value))


def safe(read: object) -> object:
    """A metadata reader's answer, None when the page's markup defeats it."""
    try:
        return read()
    except (ValueError, TypeError, OverflowError, AttributeError):  # odd stamps and markup: no answer
        return None


def clean_field(value: object) -> str | None:
    """A metadata string with its whitespace collapsed, or None."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def same_words(a: str, b: str | None) -> bool:
    """Equal up to case and punctuation."""
    return bool(b) and re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())
