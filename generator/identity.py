"""The same actor across articles: one SiteActor per real-world entity."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .model import Actor
from .slugs import unique_slugs


@dataclass(frozen=True)
class Overrides:
    merge: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteActor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (article key, role)
    articles: tuple[str, ...] = ()


def load_overrides(path: Path) -> Overrides:
    return Overrides()


def resolve_actors(per_article: Sequence[tuple[str, tuple[Actor, ...]]], overrides: Overrides) -> tuple[SiteActor, ...]:
    """Group actors by kind and exact name."""
    groups: dict[tuple[str, str], list[tuple[str, Actor]]] = {}
    for key, actors in per_article:
        for a in actors:
            groups.setdefault((a.kind, a.name), []).append((key, a))
    slugs = unique_slugs([(f"{k}:{n}", n) for k, n in groups], "actor")
    return tuple(SiteActor(id=slugs[f"{k}:{n}"], name=n, kind=k,
                           roles=tuple((key, a.role) for key, a in items if a.role),
                           articles=tuple(dict.fromkeys(key for key, _ in items)))
                 for (k, n), items in groups.items())
