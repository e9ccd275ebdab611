"""Source -> Briefing: cleaning, one spaCy parse, then the extractors.

`analyse_many` is the one place that catches per-article failures: a source
that fails becomes a Briefing with `error` set, and the others go on.
"""
from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .clean import clean
from .extract.actors import find_actors
from .extract.dates import find_dates, infer_published
from .extract.quotes import find_quotes
from .extract.salience import key_actors
from .extract.summary import summarize
from .model import Article, Briefing, Meta, Source
from .sources import SourceError, read_source

log = logging.getLogger(__name__)

# Articles handed to spaCy at once; larger batches gain little and cost memory.
BATCH_SIZE = 32
# No pipeline component is disabled: each is read by some extractor. ner: doc.ents and
# ent_type_ (actors, mentions, speakers); parser: dep_, head, children and sents
# (attribution, speakers, summary); tagger + attribute_ruler: tag_ and pos_ (mentions,
# attribution); lemmatizer: lemma_ (speech verbs). tok2vec feeds tagger and parser.


class NoArticleText(ValueError):
    """No article text left after removing page chrome."""


def prepare(source: Source, raw: bool = False) -> Article:
    """The cleaned article; raise NoArticleText when nothing is left."""
    article = clean(source, raw=raw)
    if not raw and not article.body.strip():
        raise NoArticleText("no article text found (only page chrome or markup)")
    return with_fetch_day(article, source)


def with_fetch_day(article: Article, source: Source) -> Article:
    """The day `briefings add` fetched the page is the day it was seen, unless the page prints one
    or is dated: the reference for "3 hours ago" (issue 20). A page that prints only how long ago
    it was published ("Published 3 hours ago") is dated by it, counted back from the fetch time."""
    fetched = source.meta.fetched
    if fetched is None or article.published is not None:
        return article
    if article.age_hours is not None:
        day = (fetched - dt.timedelta(hours=article.age_hours)).date()
        return replace(article, published=day, published_basis="text")
    if article.viewed is not None:
        return article
    return replace(article, viewed=fetched.date())


def finish(source: Source, article: Article, doc) -> Briefing:
    """Run the extractors over a parsed article."""
    actors = find_actors(doc, article.title)
    if article.published is None:
        inferred = infer_published(doc, today=article.viewed)
        if inferred is not None:
            article = replace(article, published=inferred, published_basis="inferred")
    dates = find_dates(doc, article.published)
    quotes = find_quotes(doc, actors)
    actors = key_actors(doc, actors, quotes, article.title)  # speakers are key: decided after quotes
    return Briefing(source=source, article=article, summary=summarize(doc), actors=actors,
                    dates=dates, quotes=quotes)


def failed(path: Path, key: str, message: str) -> Briefing:
    source = Source(path=path, key=key, kind="text", text="", meta=Meta())
    return Briefing(source=source, article=Article(body=""), error=message)


def analyse_many(paths: Iterable[tuple[Path, str]], nlp, raw: bool = False,
                 max_bytes: int | None = None) -> Iterator[Briefing]:
    """Briefings for (path, key) pairs, in order; a failing source yields a Briefing with error."""
    pending: list[tuple[Source, Article]] = []
    ordered: list[Briefing | None] = []

    def flush() -> Iterator[Briefing]:
        docs = nlp.pipe([a.body for _, a in pending], batch_size=BATCH_SIZE)
        results = iter(safe_finish(s, a, d) for (s, a), d in zip(pending, docs))
        for slot in ordered:
            yield slot if slot is not None else next(results)
        pending.clear()
        ordered.clear()

    for path, key in paths:
        try:
            source = read_source(path, None, verbatim=raw, **({"max_bytes": max_bytes} if max_bytes else {}))
            source = replace(source, key=key)
            pending.append((source, prepare(source, raw)))
            ordered.append(None)
        except (SourceError, NoArticleText) as e:
            ordered.append(failed(path, key, str(e)))
        except Exception as e:  # a bug must not cost the other articles their briefings
            log.debug("reading %s failed", path, exc_info=True)
            ordered.append(failed(path, key, internal_error("reading", e)))
        if len(pending) >= BATCH_SIZE:
            yield from flush()
    yield from flush()


def safe_finish(source: Source, article: Article, doc) -> Briefing:
    try:
        return finish(source, article, doc)
    except Exception as e:  # see analyse_many
        log.debug("extracting %s failed", source.path, exc_info=True)
        return Briefing(source=source, article=article, error=internal_error("extracting", e))


def internal_error(doing: str, e: Exception) -> str:
    """A bug met on one article, in one line: the exception and where in the code it was raised."""
    frames = traceback.extract_tb(e.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return " ".join(f"internal error while {doing}: {type(e).__name__}: {e}{where}".split())
