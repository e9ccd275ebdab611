"""HTML -> article: trafilatura's main text, cross-checked between its modes.

trafilatura in precision mode drops more chrome but sometimes loses most of
an article; its default mode keeps the article but more chrome. We take the
precision text unless it is much shorter than the default one, keep tables
(article tables are content), and drop the chrome lines that still slip
through (credits, share bars, "Related:" lines, the headline repeated).
Publication dates come from the page's metadata only (htmldate without its
search of the text), so a date in the page header is never taken.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import chrome

# Take the default-mode text when the precision-mode text is shorter than this share of it.
# Tuned on shared/eval/data/aeb-dev HTML: F1 is flat from 0.3 to 0.5 and falls above 0.6.
PRECISION_SHARE = 0.5


@dataclass(frozen=True)
class HtmlParts:
    body: tuple[str, ...]
    title: str | None = None
    published: dt.date | None = None
    sitename: str | None = None
    url: str | None = None
    author: str | None = None


def extract(html: str, favor_precision: bool) -> object | None:
    """trafilatura's document for a page, or None when it finds nothing."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=favor_precision,
            date_extraction_params={"original_date": True, "extensive_search": False,
                                    "max_date": dt.date.today().isoformat()})
    except Exception:  # trafilatura raises on some malformed markup; no text then
        return None


def split_html(html: str) -> HtmlParts:
    """Main text paragraphs and metadata of an HTML page."""
    precise, default = extract(html, True), extract(html, False)
    text_p = (getattr(precise, "text", None) or "") if precise is not None else ""
    text_d = (getattr(default, "text", None) or "") if default is not None else ""
    doc = precise if len(text_p) >= PRECISION_SHARE * len(text_d) and precise is not None else default
    if doc is None:
        return HtmlParts(body=())
    text = text_p if doc is precise else text_d
    title = clean_field(doc.title)
    body = tuple(p for p in (ln.strip() for ln in text.split("\n"))
                 if p and not chrome.is_chrome(p) and not same_words(p, title))
    return HtmlParts(body=body, title=title, published=to_date(doc.date),
                     sitename=clean_field(doc.sitename), url=clean_field(doc.url),
                     author=clean_field(doc.author))


def clean_field(value: object) -> str | None:
    """A metadata string with its whitespace collapsed, or None."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def same_words(a: str, b: str | None) -> bool:
    """Equal up to case and punctuation."""
    import re

    return bool(b) and re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())


def to_date(value: object) -> dt.date | None:
    """trafilatura's 'YYYY-MM-DD' date string -> date."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
