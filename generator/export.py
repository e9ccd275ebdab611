"""The site's data as files for other tools: site model -> {path under docs/: text}. Pure.

    data/briefings.jsonl   one `briefings extract` record per briefing (plus its page)
    data/quotes.csv        quote, speaker, role, briefing, publisher, date, link
    data/actors.csv        every actor with a page: kind, roles, briefings, quotes, first and last seen
    data/timeline.ics      every dated event as an all-day (or multi-day) calendar event

The build writes them among the generated pages (so they are rewritten only when
they change, and never over a file someone else put there); MkDocs copies them
to site/data/. Links point at the paragraph an item came from: absolute when the
site's address is known (`site_url`, `$BRIEFINGS_SITE_URL`), else relative to the
site's root.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from .feed import EPOCH
from .model import Article, Briefing, Quote, Source
from .records import contract_record, iso
from .site import Entry, Event, Site, page_url_of
from .slugs import short_hash

FOLDER = "data"
FILES = ("briefings.jsonl", "quotes.csv", "actors.csv", "timeline.ics")
QUOTE_COLUMNS = ("quote", "speaker", "role", "briefing", "publisher", "date", "link")
ACTOR_COLUMNS = ("name", "kind", "roles", "briefings", "quotes", "first_seen", "last_seen", "page")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# injection"); a leading apostrophe makes it text, and spreadsheets do not show it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ICS_LINE_OCTETS = 75  # RFC 5545 3.1: content lines are folded after 75 octets
PRODID = "-//briefings//briefings data export//EN"


def data_files(site: Site, base_url: str | None = None) -> dict[str, str]:
    """Every data file, keyed by its path under docs/."""
    link = Linker(base_url)
    return {f"{FOLDER}/briefings.jsonl": briefings_jsonl(site, link),
            f"{FOLDER}/quotes.csv": quotes_csv(site, link),
            f"{FOLDER}/actors.csv": actors_csv(site, link),
            f"{FOLDER}/timeline.ics": timeline_ics(site, link)}


class Linker:
    """Addresses of pages and paragraphs: on the site at base_url, or relative to its root."""

    def __init__(self, base_url: str | None):
        self.base = (base_url.rstrip("/") + "/") if base_url else ""

    def page(self, path: str) -> str:
        return self.base + page_url_of(path)

    def paragraph(self, entry: Entry, offset: int) -> str:
        return f"{self.page(entry.path)}#p{entry.briefing.paragraph_of(offset) + 1}"


# ---------------------------------------------------------------- JSON Lines
def briefings_jsonl(site: Site, link: Linker) -> str:
    """One line per briefing: the extract contract's record, `file` being its path in seeds/."""
    lines = []
    for entry in site.entries:
        record = contract_record(entry.briefing, entry.key)
        record["page"] = link.page(entry.path)
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)


# ---------------------------------------------------------------- CSV
def cell(value: object) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return "'" + text if text.startswith(FORMULA_START) else text


def table(columns: tuple[str, ...], rows: list[tuple]) -> str:
    """CSV as spreadsheets read it (RFC 4180: quoted where needed, CRLF line ends), with a header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue()


def speaker_role(site: Site, entry: Entry, quote: Quote) -> str | None:
    """The role this briefing gives the speaker: as the site's actor has it, else as the article's."""
    view = site.actor_of(entry, quote.speaker) if quote.speaker else None
    role = next((r for key, r in view.actor.roles if key == entry.key and r), None) if view else None
    return role or next((a.role for a in entry.briefing.actors if a.name == quote.speaker and a.role), None)


def quotes_csv(site: Site, link: Linker) -> str:
    rows = [(q.text, q.speaker, speaker_role(site, e, q), e.title, e.briefing.article.source_name,
             iso(e.published), link.paragraph(e, q.span[0]))
            for e in site.entries for q in e.briefing.quotes]
    return table(QUOTE_COLUMNS, rows)


def actors_csv(site: Site, link: Linker) -> str:
    rows = [(v.actor.name, v.actor.kind, "; ".join(dict.fromkeys(role for _, role in v.actor.roles if role)),
             len(v.entries), len(v.said), iso(v.first_seen), iso(v.last_seen), link.page(v.path))
            for v in site.actors]
    return table(ACTOR_COLUMNS, rows)


# ---------------------------------------------------------------- iCalendar
def ics_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    kept = "".join(ch if ch >= " " or ch == "\n" else " " for ch in value)
    return (kept.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets, never inside a character."""
    if len(line) * 4 <= ICS_LINE_OCTETS or len(line.encode("utf-8")) <= ICS_LINE_OCTETS:
        return line + "\r\n"
    parts, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > ICS_LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += ch
        size += n
    parts.append(current)
    return "\r\n".join(parts) + "\r\n"


def ics_day(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def vevent(event: Event, link: Linker) -> str:
    entry, date = event.entry, event.date
    where = link.paragraph(entry, date.span[0])
    about = date.about or date.text
    publisher = entry.briefing.article.source_name
    description = f"\u201c{date.text}\u201d in {entry.title}" + (f" ({publisher})" if publisher else "") + f"\n{where}"
    lines = ["BEGIN:VEVENT",
             f"UID:{short_hash(f'{entry.key}|{date.span[0]}|{date.span[1]}', 16)}@briefings",
             f"DTSTAMP:{ics_day(entry.published or EPOCH)}T000000Z",  # fixed: an unchanged site, an unchanged file
             f"DTSTART;VALUE=DATE:{ics_day(event.start)}",
             f"DTEND;VALUE=DATE:{ics_day(max(event.end, event.start) + dt.timedelta(days=1))}",  # exclusive
             f"SUMMARY:{ics_text(about)}",
             f"DESCRIPTION:{ics_text(description)}"]
    if link.base:
        lines.append(f"URL;VALUE=URI:{where}")
    lines.append("END:VEVENT")
    return "".join(fold(line) for line in lines)


def timeline_ics(site: Site, link: Linker) -> str:
    """An iCalendar file (RFC 5545) of every dated event on the timeline."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:Briefings timeline"]
    return ("".join(fold(line) for line in head) + "".join(vevent(ev, link) for ev in site.timeline)
            + fold("END:VCALENDAR"))


def is_export(rel: str, text: str) -> bool:
    """Whether text at docs/rel is a data file as this module writes it (its first line says so)."""
    first = text.split("\n", 1)[0].rstrip("\r")
    if rel == f"{FOLDER}/quotes.csv":
        return first == ",".join(QUOTE_COLUMNS)
    if rel == f"{FOLDER}/actors.csv":
        return first == ",".join(ACTOR_COLUMNS)
    if rel == f"{FOLDER}/timeline.ics":
        return text.startswith("BEGIN:VCALENDAR\r\n") and f"\r\nPRODID:{PRODID}\r\n" in text[:200]
    if rel == f"{FOLDER}/briefings.jsonl":
        try:
            return text == "" or set(json.loads(first)) == RECORD_KEYS
        except (ValueError, TypeError):
            return False
    return False


# The keys of a briefings.jsonl record: the extract contract's, and the page.
RECORD_KEYS = frozenset(contract_record(Briefing(Source(Path("x"), "x", "text", ""), Article(body="")), "x")) | {"page"}
