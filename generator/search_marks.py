"""The hidden marks a page carries for Pagefind: its filter, meta and sort values (data-pagefind-*)."""
from __future__ import annotations

from markupsafe import Markup, escape

# The filters written to the pages (others a caller passes are left out). Pagefind counts the
# results under every filter value on each search, comparing each page a value holds with each
# result: the cost is (pages under all values) x (results). A "type" filter (briefing, actor,
# story) put every page under a value, 42% of the site's filter entries at 5,000 briefings; the
# first search for a common name spent most of its time there (bench/search_bench.py).
FILTER_KEYS = ("actor", "source", "story", "year")



def html_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def filter_text(value: str) -> str:
    """A filter value as the data-value attribute must hold it (before attribute escaping).

    Pagefind UI shows filter values as HTML, so the value it indexes must be HTML
    text (& < > escaped); and Pagefind decodes entities in what it reads once more
    after the HTML parser has (pagefind 1.x): "&amp;lt;" is indexed as "<". So the
    name is escaped twice here, and once more as an attribute.
    """
    return html_text(html_text(value))


def search_data(filters: dict[str, list[str]], meta: dict[str, str | None] | None = None) -> Markup:
    """Hidden Pagefind filter/meta/sort attributes for a page (values escaped; FILTER_KEYS filters only)."""
    spans = []
    for key, values in filters.items():
        if key not in FILTER_KEYS:
            continue
        for v in dict.fromkeys(" ".join(str(x).split()) for x in values if x):
            # Pagefind UI shows a filter value as HTML ({@html}): the value it indexes is the
            # name as HTML text, so "<img onerror=...>" from a source is shown, never run.
            # assets/search.js escapes ?source=... once, as indexed, before it presets a filter.
            spans.append(f'<span data-pagefind-filter="{key}[data-value]" data-value="{escape(filter_text(v))}"></span>')
    for key, v in (meta or {}).items():
        if v:
            spans.append(f'<span data-pagefind-meta="{key}[data-value]" data-value="{escape(v)}"></span>')
            if key == "date":
                spans.append(f'<span data-pagefind-sort="date[data-value]" data-value="{escape(v)}"></span>')
    return Markup(f'<div class="pagefind-data" hidden>{"".join(spans)}</div>')
