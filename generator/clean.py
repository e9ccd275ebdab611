"""Source -> Article: the main text and its metadata, page chrome removed.

HTML goes through trafilatura (clean_html), text and Markdown through the line
classifier (clean_text) and the article-head reader (clean_head: headline,
byline, date line); metadata.py reads dates and publishers; front matter
overrides whatever was extracted.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from . import metadata
from .clean_html import split_html
from .clean_text import TextParts, page_lines, split_text
from .model import Article, Source

# Markdown headings and emphasis markers around a headline: "# Title", "**Title**".
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
MD_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(.+)\1$")
# A block of lines is hard-wrapped prose when its lines (but the last) are about this long.
WRAP_MIN_CHARS = 30
WRAP_SPREAD = 0.45


def clean(source: Source, raw: bool = False) -> Article:
    """Main text and metadata of a source; with raw, the text is kept verbatim."""
    if raw:
        article = Article(body=source.text)
    elif source.kind == "html":
        article = clean_html(source.text)
    else:
        article = clean_text(source.text, markdown=source.kind == "markdown")
    article = with_meta(article, source)
    return article if raw else without_title(article)


def with_meta(article: Article, source: Source) -> Article:
    """Front matter overrides what was extracted."""
    meta = source.meta
    changes: dict[str, object] = {}
    if meta.title:
        changes.update(title=meta.title, title_basis="metadata")
    if meta.published:
        changes.update(published=meta.published, published_basis="metadata")
    if meta.source:
        changes.update(source_name=meta.source, source_basis="metadata")
    if meta.url:
        changes["url"] = meta.url
    if meta.author:
        changes["author"] = meta.author
    return replace(article, **changes) if changes else article


def without_title(article: Article) -> Article:
    """The body without paragraphs that only repeat the headline."""
    if not article.title:
        return article
    kept = tuple(p for p in article.body.split("\n\n") if not same_words(p, article.title))
    return replace(article, body="\n\n".join(kept))


def clean_text(text: str, markdown: bool = False) -> Article:
    """Plain or Markdown text: the article lines, headline, dateline, byline, credit and publisher."""
    parts = split_text(unwrap(demarkdown(text) if markdown else text))
    lines, body = parts.lines, parts.body
    published = text_date(parts)
    source = text_source(parts)
    return Article(body="\n\n".join(body), title=parts.title, title_basis="text" if parts.title else None,
                   published=published, published_basis="text" if published else None,
                   source_name=source, source_basis="text" if source else None, credit=parts.credit,
                   author=", ".join(parts.authors) or None,
                   viewed=None if published else metadata.page_date(lines, parts.body_at),
                   age_hours=None if published else parts.age_hours)


def text_source(parts: TextParts) -> str | None:
    """The publisher page text names: its title line's site part, an agency dateline, or the
    copyright holder (as the outlet the page names, not its owner)."""
    lines = parts.lines
    site = metadata.site_from_page_title(lines[0], parts.title) if lines else None
    holder = metadata.copyright_source(lines[parts.body_at:])
    return site or metadata.agency_source(parts.body) or (holder and metadata.outlet_name(holder, lines))


def text_date(parts: TextParts) -> dt.date | None:
    """The date printed with the headline; else an agency dateline's; else (no headline block) any dateline."""
    if parts.published is not None:
        return parts.published
    if parts.head_found:
        return next((d for line in parts.lines[parts.body_at:parts.body_at + 2]
                     if (d := metadata.agency_date(line, parts.lines)) is not None), None)
    return metadata.dateline(parts.lines, parts.title_at, parts.body_at)


def clean_html(html: str) -> Article:
    """HTML: trafilatura's main text and the page's metadata."""
    parts = split_html(html)
    body = parts.body
    published, basis = parts.published, parts.published_basis if parts.published else None
    if published is None:
        published = metadata.dateline(body, None, 0)
        basis = "text" if published else None
    source = parts.sitename or metadata.agency_source(body)
    return Article(body="\n\n".join(body), title=parts.title, title_basis="metadata" if parts.title else None,
                   published=published, published_basis=basis,
                   source_name=source, source_basis="metadata" if parts.sitename else ("text" if source else None),
                   url=parts.url, author=parts.author, age_hours=None if published else parts.age_hours)


def demarkdown(text: str) -> str:
    """Markdown headings and emphasis lines -> plain lines, so the classifier sees the words."""
    out = []
    for line in text.split("\n"):
        m = MD_HEADING.match(line)
        line = m.group(1) if m else line
        e = MD_EMPHASIS.match(line.strip())
        out.append(e.group(2) if e else line)
    return "\n".join(out)


def unwrap(text: str) -> str:
    """Join hard-wrapped paragraphs (blank-line separated blocks of even-length lines) into one line."""
    blocks = re.split(r"\n[ \t]*\n", text)
    return "\n\n".join(" ".join(ln.strip() for ln in b.split("\n") if ln.strip()) if is_wrapped(b) else b
                       for b in blocks)


def is_wrapped(block: str) -> bool:
    """Lines of one paragraph broken at a fixed width: even lengths, and some break mid-sentence."""
    lines = page_lines(block)
    if len(lines) < 2:
        return False
    widths = [len(ln) for ln in lines[:-1]]
    if min(widths) < WRAP_MIN_CHARS or (max(widths) - min(widths)) > WRAP_SPREAD * max(widths):
        return False
    return any(not ends_sentence(a) or b[:1].islower() for a, b in zip(lines, lines[1:]))


def ends_sentence(line: str) -> bool:
    """A line that ends a sentence."""
    return line.rstrip().endswith((".", "!", "?", "\"", "”", ":"))


def same_words(a: str, b: str | None) -> bool:
    """Equal up to case and punctuation."""
    return bool(b) and re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())
