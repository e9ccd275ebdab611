"""A briefing as placed on the site (Entry), the unit that stories, comparisons and pages share."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Briefing
from .slugs import short_hash, slugify


@dataclass(frozen=True)
class Entry:
    """A briefing as placed on the site."""

    briefing: Briefing
    slug: str

    @property
    def key(self) -> str:
        return self.briefing.source.key

    @property
    def title(self) -> str:
        return self.briefing.article.title or self.briefing.source.path.stem

    @property
    def published(self) -> dt.date | None:
        return self.briefing.article.published

    @property
    def path(self) -> str:
        return f"briefings/{self.slug}.md"

    @property
    def source_label(self) -> str:
        """The outlet's name, or the headline when the source is unknown."""
        return self.briefing.article.source_name or self.title

    @property
    def month(self) -> str:
        return month_key(self.published)


def month_key(day: dt.date | None) -> str:
    """'2021-12' for a day in December 2021; 'undated' for None."""
    return f"{day:%Y-%m}" if day else "undated"


def newest_first(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.published or dt.date.min, e.title), reverse=True))


def entry_slug(b: Briefing) -> str:
    """Headline words plus a hash of the source's path: unique and stable across rebuilds."""
    return f"{slugify(b.article.title or b.source.path.stem, 'briefing')}-{short_hash(b.source.key)}"
