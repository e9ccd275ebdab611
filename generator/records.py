"""Briefing <-> plain dicts: the `extract` JSON contract and the front matter of pages."""
from __future__ import annotations

import datetime as dt

from .model import Actor, Briefing, DateRef, Quote


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def actor_record(a: Actor) -> dict:
    return {"name": a.name, "kind": a.kind, "role": a.role, "mentions": [list(m) for m in a.mentions]}


def date_record(d: DateRef) -> dict:
    return {"text": d.text, "span": list(d.span), "type": d.type, "value": d.value,
            "start": iso(d.start), "end": iso(d.end), "about": d.about}


def quote_record(q: Quote) -> dict:
    return {"text": q.text, "span": list(q.span), "speaker": q.speaker,
            "speaker_span": list(q.speaker_span) if q.speaker_span else None}


def contract_record(b: Briefing, file: str) -> dict:
    """One JSON Lines record of `briefings extract` (shared/eval/CONTRACT.md)."""
    a = b.article
    return {
        "file": file,
        "title": a.title,
        "published": iso(a.published),
        "published_basis": a.published_basis if a.published else None,
        "source": a.source_name,
        "url": a.url,
        "author": a.author,
        "body": a.body,
        "summary": b.summary,
        "actors": [actor_record(x) for x in b.actors],
        "dates": [date_record(x) for x in b.dates],
        "quotes": [quote_record(x) for x in b.quotes],
        "error": b.error,
    }
