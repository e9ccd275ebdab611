"""Briefing <-> plain dicts: the `extract` JSON contract and the front matter of pages."""
from __future__ import annotations

import datetime as dt
from dataclasses import fields

from .model import Actor, Article, Briefing, DateRef, Quote, Source


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


# ------------------------------------------------------------ the extraction cache's form
def briefing_to_cache(b: Briefing) -> dict:
    """Everything extraction produced, as JSON-able data (the source's identity excluded)."""
    a = b.article
    article = {k: getattr(a, k) for k in ARTICLE_FIELDS}
    article.update({k: iso(v) for k, v in article.items() if isinstance(v, dt.date)})
    return {"article": article, "summary": b.summary,
            "actors": [{**actor_record(x), "salience": x.salience, "aliases": list(x.aliases)}
                       for x in b.actors],
            "dates": [date_record(x) for x in b.dates], "quotes": [quote_record(x) for x in b.quotes]}


def briefing_from_cache(data: dict, source: Source) -> Briefing:
    """The inverse of briefing_to_cache, for a source read now."""
    art = dict(data["article"])
    art.update({k: day_or_none(art.get(k)) for k in ARTICLE_DATES})
    return Briefing(
        source=source, article=Article(**art), summary=data["summary"],
        actors=tuple(Actor(name=x["name"], kind=x["kind"], role=x["role"],
                           mentions=tuple(tuple(m) for m in x["mentions"]), salience=x["salience"],
                           aliases=tuple(x["aliases"])) for x in data["actors"]),
        dates=tuple(DateRef(text=x["text"], span=tuple(x["span"]), type=x["type"], value=x["value"],
                            start=day_or_none(x["start"]), end=day_or_none(x["end"]), about=x["about"])
                    for x in data["dates"]),
        quotes=tuple(Quote(text=x["text"], span=tuple(x["span"]), speaker=x["speaker"],
                           speaker_span=tuple(x["speaker_span"]) if x["speaker_span"] else None)
                     for x in data["quotes"]))


def day_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
ARTICLE_DATES = ("published", "viewed")
