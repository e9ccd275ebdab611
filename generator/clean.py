"""Source -> Article: the main text and its metadata, page chrome removed."""
from __future__ import annotations

import re

from .model import Article, Source

CREDIT = re.compile(r"^[A-Z][A-Z .'-]+(/[A-Z][A-Za-z .'-]+)+$|^(Photo|Image|Picture)( credit)?:", re.I)
SENTENCE_END = re.compile(r"[.!?…\"”’:)]\s*$")


def clean(source: Source, raw: bool = False) -> Article:
    """Main text and metadata of a source; with raw, the text is kept verbatim."""
    meta = source.meta
    if raw:
        article = Article(body=source.text)
    elif source.kind == "html":
        article = clean_html(source.text)
    else:
        article = clean_text(source.text)
    return with_meta(article, source)


def with_meta(article: Article, source: Source) -> Article:
    """Front matter overrides what was extracted."""
    from dataclasses import replace

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


def clean_text(text: str) -> Article:
    """Plain or Markdown text: keep sentence-shaped lines after the headline."""
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    title = next((ln for ln in lines if not SENTENCE_END.search(ln) and len(ln.split()) >= 4), None)
    credit = next((ln for ln in lines if CREDIT.match(ln)), None)
    kept = [ln for ln in lines if ln != title and ln != credit and SENTENCE_END.search(ln)
            and len(ln.split()) >= 6]
    return Article(body="\n\n".join(kept), title=title, title_basis="text" if title else None,
                   credit=credit)


def clean_html(html: str) -> Article:
    """HTML: trafilatura finds the main text and metadata."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=False)
    if doc is None:
        return Article(body="")
    body = "\n\n".join(p.strip() for p in (doc.text or "").split("\n") if p.strip())
    return Article(body=body, title=doc.title or None, title_basis="metadata" if doc.title else None,
                   source_name=doc.sitename or None, source_basis="metadata" if doc.sitename else None,
                   url=doc.url or None, author=doc.author or None)
