"""The parts of a briefing page made only when the page is rendered (render.Renderer.briefing).

Each is a frozen dataclass whose fields are all it reads: a page's fingerprint
(views.digest) hashes the fields, and the value (the article's HTML, the dates
picture, the front matter) is made only for a page that is rendered, not for
one kept from the last build.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from .describe import briefing_description
from .model import Briefing
from .picture import Mark, timeline_svg
from .records import date_record, iso, quote_record
from .site import Entry


@dataclass(frozen=True)
class ArticleHTML:
    """The article's paragraphs as HTML (paragraphs_html)."""

    briefing: Briefing

    def __html__(self) -> str:
        return paragraphs_html(self.briefing)


@dataclass(frozen=True)
class DatesPicture:
    """The briefing's dated references drawn on a line (timeline_svg); false when fewer than two."""

    entry: Entry

    def marks(self) -> list[Mark]:
        b = self.entry.briefing
        return [Mark(d.start, d.end or d.start, d.about or d.text, f"{d.text}: {d.about or ''}",
                     f"#p{b.paragraph_of(d.span[0]) + 1}") for d in dated_refs(b)]

    def __bool__(self) -> bool:
        return sum(1 for d in self.entry.briefing.dates if d.start) > 1

    def __html__(self) -> str:
        return timeline_svg(self.marks(), f"Dates in {self.entry.title}") if self else ""


@dataclass(frozen=True)
class BriefingMeta:
    """The briefing page's front matter (briefing_meta)."""

    entry: Entry

    def __call__(self) -> dict:
        return briefing_meta(self.entry)


def paragraphs_html(b: Briefing) -> Markup:
    """The article body as HTML paragraphs with anchors p1, p2, ... (escaped text)."""
    out = []
    for i, (s, e) in enumerate(b.paragraphs, 1):
        text = " ".join(b.article.body[s:e].split())
        out.append(f'<p id="p{i}" class="briefing-paragraph">{escape(text)} '
                   f'<a class="headerlink" href="#p{i}" aria-label="Paragraph {i}" '
                   f'title="Link to paragraph {i}">¶</a></p>')
    return Markup("\n\n".join(out))


def dated_refs(b: Briefing) -> list:
    """The briefing's references placed on the calendar, in calendar order."""
    return sorted((d for d in b.dates if d.start), key=lambda d: (d.start, d.end or d.start, d.span))


def briefing_meta(entry: Entry) -> dict:
    """The structured data of a briefing, for the page's front matter."""
    b, a = entry.briefing, entry.briefing.article
    return {
        "title": a.title or entry.title,
        "description": briefing_description(entry),
        "source_file": b.source.key,
        "published": iso(a.published),
        "published_basis": a.published_basis if a.published else None,
        "source": a.source_name,
        "url": a.url,
        "author": a.author,
        "credit": a.credit,
        "summary": b.summary,
        "actors": [{"name": x.name, "kind": x.kind, "role": x.role, "mentions": len(x.mentions)}
                   for x in b.actors],
        "dates": [date_record(x) for x in b.dates],
        "quotes": [quote_record(x) for x in b.quotes],
    }
