"""The same actor across articles: one SiteActor per real-world entity.

Articles name people differently ("Joe Biden", "Biden", "President Biden");
resolve_actors groups the per-article actors into site actors, and a small
overrides file (actors.yml at the project root) lets a user correct a merge,
a kind or a role. Pure: no I/O except load_overrides.
"""
from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import UserError
from .model import ACTOR_KINDS, Actor
from .normal import HONORIFICS, fold
from .slugs import unique_slugs

# Titles left out of a person's name when names are matched across articles.
TITLES = {"president"}
OVERRIDE_KEYS = ("merge", "split", "roles", "kind", "ignore")


class OverridesError(UserError):
    """The actor overrides file is not what resolve_actors can use."""


@dataclass(frozen=True)
class Overrides:
    """A user's corrections, read from actors.yml; names match case- and accent-insensitively."""

    merge: Mapping[str, str] = field(default_factory=dict)  # name -> the actor it is
    split: tuple[str, ...] = ()  # names never merged with another by the surname rule
    roles: Mapping[str, str] = field(default_factory=dict)  # actor name -> role everywhere
    kind: Mapping[str, str] = field(default_factory=dict)  # actor name -> person/organization/place
    ignore: tuple[str, ...] = ()  # names that are no actor


@dataclass(frozen=True)
class SiteActor:
    """One real-world actor across the site's articles."""

    id: str  # URL-safe, unique, stable slug
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (article key, role the article gives)
    articles: tuple[str, ...] = ()


@functools.lru_cache(maxsize=200_000)
def person_key(name: str) -> tuple[str, ...]:
    """A person's name tokens without honorifics: 'President Joe Biden' -> ('joe', 'biden')."""
    return tuple(t for t in re.findall(r"[\w'.-]+", fold(name)) if t not in HONORIFICS and t not in TITLES)


# ---------------------------------------------------------------- overrides file
def load_overrides(path: Path) -> Overrides:
    """Read actors.yml; raise OverridesError naming the file and the problem."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Overrides()
    except (OSError, UnicodeDecodeError) as e:
        raise OverridesError(f"{path}: cannot read: {e}") from e
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        raise OverridesError(f"{path}: not valid YAML{line}: {getattr(e, 'problem', e)}") from e
    if data is None:
        return Overrides()
    if not isinstance(data, dict):
        raise OverridesError(f"{path}: expected a mapping with keys {', '.join(OVERRIDE_KEYS)}, "
                             f"got {type(data).__name__}")
    unknown = sorted(set(map(str, data)) - set(OVERRIDE_KEYS))
    if unknown:
        raise OverridesError(f"{path}: unknown key {unknown[0]!r}; expected one of {', '.join(OVERRIDE_KEYS)}")
    kinds = names_map(path, "kind", data.get("kind"))
    bad = next((v for v in kinds.values() if v not in ACTOR_KINDS), None)
    if bad is not None:
        raise OverridesError(f"{path}: kind: expected one of {', '.join(ACTOR_KINDS)}, got {bad!r}")
    return Overrides(merge=names_map(path, "merge", data.get("merge")),
                     split=names_list(path, "split", data.get("split")),
                     roles=names_map(path, "roles", data.get("roles")), kind=kinds,
                     ignore=names_list(path, "ignore", data.get("ignore")))


def names_map(path: Path, key: str, value: object) -> dict[str, str]:
    """A mapping of names to strings, or an OverridesError that says what was found."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in value.items()):
        raise OverridesError(f"{path}: {key}: expected a mapping of names to text, got {value!r}"[:300])
    return dict(value)


def names_list(path: Path, key: str, value: object) -> tuple[str, ...]:
    """A list of names, or an OverridesError that says what was found."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OverridesError(f"{path}: {key}: expected a list of names, got {value!r}"[:300])
    return tuple(value)


# ---------------------------------------------------------------- resolving
@dataclass
class Cluster:
    """Per-article actors that are one real-world actor, while they are gathered."""

    kind: str
    items: list[tuple[str, Actor]] = field(default_factory=list)


def resolve_actors(per_article: Sequence[tuple[str, tuple[Actor, ...]]],
                   overrides: Overrides = Overrides()) -> tuple[SiteActor, ...]:
    """One SiteActor per real-world actor over all articles, most widely covered first."""
    items = list(prepared(per_article, overrides))
    clusters = cluster(items, {fold(n) for n in overrides.split})
    idents = distinct([identity(c) for c in clusters])
    ids = unique_slugs([(i, site_name(c)) for i, c in zip(idents, clusters)], "actor")
    actors = [site_actor(c, ids[i], overrides) for i, c in zip(idents, clusters)]
    weight = {a.id: sum(x.salience for _, x in c.items) for a, c in zip(actors, clusters)}
    actors.sort(key=lambda a: (-len(a.articles), -weight[a.id], a.name.casefold()))
    return tuple(actors)


def prepared(per_article, overrides: Overrides):
    """(article key, actor) pairs with the user's merges, kinds and ignores applied."""
    ignore = {fold(n) for n in overrides.ignore}
    merge = {fold(k): v for k, v in overrides.merge.items()}
    kinds = {fold(k): v for k, v in overrides.kind.items()}
    for key, actors in per_article:
        for a in actors:
            if fold(a.name) in ignore:
                continue
            name = merge.get(fold(a.name), a.name)
            aliases = a.aliases + ((a.name,) if name != a.name else ())
            kind = kinds.get(fold(name), a.kind)
            yield key, Actor(name=name, kind=kind, role=a.role, mentions=a.mentions,
                             salience=a.salience, aliases=aliases)


def cluster(items: list[tuple[str, Actor]], split: set[str]) -> list[Cluster]:
    """Group actors: same kind and a shared name; a lone surname joins its only full name.

    Near-linear in the number of actors: a merge re-points only the smaller
    cluster's names, and lone surnames are looked up in a surname index.
    """
    clusters: dict[int, Cluster] = {}
    keys_of: dict[int, list[tuple[str, str]]] = {}
    index: dict[tuple[str, str], int] = {}
    lone: list[tuple[str, Actor]] = []
    new_id = itertools.count()  # never reused: merged-away clusters leave gaps
    for key, a in items:
        if a.kind == "person" and len(person_key(a.name)) < 2 and fold(a.name) not in split:
            lone.append((key, a))
            continue
        names = [n for n in (a.name, *a.aliases) if fold(n) == fold(a.name) or fold(n) not in split]
        if a.kind == "person":
            names = [n for n in names if len(person_key(n)) >= 2]
        keys = [(a.kind, name_key(a.kind, n)) for n in names]
        found = list(dict.fromkeys(index[k] for k in keys if k in index))
        if not found:
            target = next(new_id)
            clusters[target], keys_of[target] = Cluster(a.kind), []
        else:
            target = max(found, key=lambda c: len(keys_of[c]))
        for other in found:
            if other != target:  # merge the smaller into the larger
                clusters[target].items.extend(clusters.pop(other).items)
                for k in keys_of.pop(other):
                    index[k] = target
                    keys_of[target].append(k)
        clusters[target].items.append((key, a))
        for k in keys:
            if index.get(k) != target:
                index[k] = target
                keys_of[target].append(k)
    homes = surname_index(clusters, split)
    for key, a in lone:
        token = (person_key(a.name) or (fold(a.name),))[-1]
        owners = homes.get(token, set())
        target = next(iter(owners)) if len(owners) == 1 else index.get((a.kind, name_key(a.kind, a.name)))
        if target is None:
            target = next(new_id)
            clusters[target] = Cluster(a.kind)
            index[(a.kind, name_key(a.kind, a.name))] = target
        clusters[target].items.append((key, a))
    return list(clusters.values())


def surname_index(clusters: dict[int, Cluster], split: set[str]) -> dict[str, set[int]]:
    """Surname -> the person clusters with a full name ending in it (names in split excluded)."""
    homes: dict[str, set[int]] = {}
    for cid, c in clusters.items():
        if c.kind != "person":
            continue
        for _, a in c.items:
            tokens = person_key(a.name)
            if tokens and fold(a.name) not in split:
                homes.setdefault(tokens[-1], set()).add(cid)
    return homes


def name_key(kind: str, name: str) -> str:
    """The form a name is matched in: a person's name without honorifics, else the folded name."""
    if kind == "person":
        return " ".join(person_key(name)) or fold(name)
    return fold(re.sub(r"^(the|The)\s+", "", name))


def site_name(c: Cluster) -> str:
    """The fullest name the articles use: longest for people, most used otherwise."""
    names = Counter(a.name for _, a in c.items)
    if c.kind == "person":
        return max(names, key=lambda n: (len(person_key(n)), names[n], -len(n)))
    return max(names, key=lambda n: (names[n], n.isupper(), len(n)))


def identity(c: Cluster) -> str:
    """What a site actor's slug hash rests on: its kind and name (stable across rebuilds)."""
    return f"{c.kind}:{site_name(c)}"


def distinct(idents: list[str]) -> list[str]:
    """Identities made unique: a second 'person:Brown' (kept apart by a split) becomes 'person:Brown#2'."""
    seen: Counter = Counter()
    out = []
    for i in idents:
        seen[i] += 1
        out.append(i if seen[i] == 1 else f"{i}#{seen[i]}")
    return out


def site_actor(c: Cluster, slug: str, overrides: Overrides) -> SiteActor:
    name = site_name(c)
    forced = {fold(k): v for k, v in overrides.roles.items()}.get(fold(name))
    articles = tuple(dict.fromkeys(key for key, _ in c.items))
    roles = tuple(dict.fromkeys((key, forced or a.role) for key, a in c.items if forced or a.role))
    if forced:
        roles = tuple((key, forced) for key in articles)
    aliases = tuple(dict.fromkeys(n for _, a in c.items for n in (a.name, *a.aliases) if n != name))
    return SiteActor(id=slug, name=name, kind=c.kind, aliases=aliases, roles=roles, articles=articles)
