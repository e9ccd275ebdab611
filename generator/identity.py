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
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .errors import UserError
from .extract.mentions import ORG_NAME_WORDS
from .extract.names import GENERIC_ORG_WORDS, STOP_INITIALS
from .extract.person_names import TITLE_WORDS, PersonName, leading_titles, parse_person
from .model import ACTOR_KINDS, Actor
from .normal import HONORIFICS, fold
from .people import cluster_people
from .slugs import unique_slugs

# Last words that make a name an organisation's ("National Rifle Association"), whatever one article says.
ORG_WORDS = ORG_NAME_WORDS | GENERIC_ORG_WORDS
KIND_ORDER = ("place", "organization", "person")  # a tie goes to the later: people and organisations act
# Words before a name that only a person carries ("Sheriff", "Sen.", "Mr"); role nouns
# are left out, as organisations' names can start with them ("General Motors").
ADDRESS_TITLES = {h.rstrip(".") for h in HONORIFICS} | TITLE_WORDS
DEPARTMENT = re.compile(r"^(\w+) (department|ministry)$")  # "justice department"
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# Last words of organisations' names that say their legal form or reach, not which
# they are (the designators company-name matchers drop).
DESIGNATORS = {"inc", "incorporated", "corp", "co", "ltd", "limited", "llc", "plc", "international"}
THE = re.compile(r"^(the|The)\s+")
DOTTED = re.compile(r"^(?:[a-z]\.){2,}[a-z]?\.?$")  # "f.b.i." and "f.b.i" are "fbi"
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
    name: str = ""  # the site actor's title, once chosen


def resolve_actors(per_article: Sequence[tuple[str, tuple[Actor, ...]]],
                   overrides: Overrides = Overrides()) -> tuple[SiteActor, ...]:
    """One SiteActor per real-world actor over all articles, most widely covered first."""
    items = settled_kinds(list(prepared(per_article, overrides)), {fold(k) for k in overrides.kind})
    split = {fold(n) for n in overrides.split}
    people = [(k, a) for k, a in items if a.kind == "person" and fold(a.name) not in split]
    clusters = [Cluster("person", c) for c in cluster_people(people)]
    clusters += with_acronyms(cluster([(k, a) for k, a in items if a.kind != "person" or fold(a.name) in split],
                                      split))
    titled(clusters)
    idents = distinct([identity(c) for c in clusters])
    ids = unique_slugs([(i, c.name) for i, c in zip(idents, clusters)], "actor")
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
            if not (ignore or merge or kinds):
                yield key, a
                continue
            if fold(a.name) in ignore:
                continue
            name = merge.get(fold(a.name), a.name)
            aliases = a.aliases + ((a.name,) if name != a.name else ())
            kind = kinds.get(fold(name), a.kind)
            yield key, Actor(name=name, kind=kind, role=a.role, mentions=a.mentions,
                             salience=a.salience, aliases=aliases)


def settled_kinds(items: list[tuple[str, Actor]], fixed: set[str]) -> list[tuple[str, Actor]]:
    """One kind per name across the site, by the articles' majority ("FBI" is not a place in one).

    A name that one article gives two kinds ("Jordan" the country and the
    person) keeps its kinds; so does a name whose kind the user fixed.
    """
    evident = people_by_evidence(items)
    votes: dict[str, dict[str, int]] = defaultdict(dict)
    seen: dict[tuple[str, str], str] = {}
    mixed: set[str] = set()
    for i, (key, a) in enumerate(items):
        kind = "person" if i in evident else a.kind
        k = name_key(a.name)
        votes[k][kind] = votes[k].get(kind, 0) + 1
        if seen.setdefault((key, fold(a.name)), kind) != kind:  # the very same words, two kinds
            mixed.add(k)
    out = []
    for i, (key, a) in enumerate(items):
        kind = a.kind
        if i in evident:
            kind = "person"
        elif len(votes[k := name_key(a.name)]) > 1 and k not in mixed and fold(a.name) not in fixed:
            kind = voted_kind(k, votes[k])
        out.append((key, a if kind == a.kind else replace(a, kind=kind)))
    return out


def people_by_evidence(items: list[tuple[str, Actor]]) -> set[int]:
    """Items not typed person that their own article shows to be people.

    A title of address before a name ("Sheriff Arpaio"), or one word that is the
    surname or given name of a person the article names in full ("Obama",
    "Malia" beside "Malia Obama"), or the given name of a person the site names
    in full whose family the article names ("Malia" beside "Obama").
    """
    titled = {i for i, (_, a) in enumerate(items) if a.kind != "person" and addressed(a.name)}
    full: dict[str, list[PersonName]] = defaultdict(list)
    families: dict[str, set[str]] = defaultdict(set)
    given: dict[str, set[str]] = defaultdict(set)
    named: set[tuple[str, str]] = set()  # (article, name) typed person: the same words typed otherwise stay so
    for i, (key, a) in enumerate(items):
        if a.kind == "person":
            named.add((key, fold(a.name)))
        if a.kind == "person" or i in titled:
            p = parse_person(a.name)
            families[key].add(p.surname)
            if p.full:
                full[key].append(p)
                given[p.given].add(p.surname)
    out = set(titled)
    for i, (key, a) in enumerate(items):
        if a.kind == "person" or " " in a.name.strip():
            continue
        word = fold(a.name)
        if (key, word) not in named and (word in families[key] or any(word == p.given for p in full[key])
                                         or given.get(word, set()) & families[key]):
            out.add(i)
    return out


@functools.lru_cache(maxsize=100_000)
def addressed(name: str) -> bool:
    """Whether a name starts with a title only a person carries: 'Sheriff Arpaio', 'Sen. Ted Cruz'."""
    words = fold(name).split()
    return 2 <= len(words) <= 4 and words[0].rstrip(".") in ADDRESS_TITLES and words[-1] not in ORG_WORDS


def voted_kind(key: str, votes: Mapping[str, int]) -> str:
    """The kind most articles give a name; an organisation's name shape ('... Association') wins for it."""
    if votes.get("organization") and key.rsplit(" ", 1)[-1] in ORG_WORDS:
        return "organization"
    return max(votes, key=lambda kind: (votes[kind], KIND_ORDER.index(kind)))


def cluster(items: list[tuple[str, Actor]], split: set[str]) -> list[Cluster]:
    """Organisations and places (and the user's split names): same kind and any shared name.

    Near-linear in the number of actors: a merge re-points only the smaller
    cluster's names.
    """
    clusters: dict[int, Cluster] = {}
    keys_of: dict[int, list[tuple[str, str]]] = {}
    index: dict[tuple[str, str], int] = {}
    new_id = itertools.count()  # never reused: merged-away clusters leave gaps
    for key, a in items:
        names = [n for n in (a.name, *a.aliases) if fold(n) == fold(a.name) or fold(n) not in split
                 and not fold(n).startswith(fold(a.name) + " ")]  # 'Senate' is no 'Senate Judiciary Committee'
        keys = [(a.kind, name_key(n)) for n in (names if a.kind != "person" else [a.name])]
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
    return list(clusters.values())


def with_acronyms(clusters: list[Cluster]) -> list[Cluster]:
    """Organisations known by an acronym joined to the one long name it abbreviates ('DOJ', 'Department of Justice')."""
    longs: dict[str, set[int]] = defaultdict(set)
    for i, c in enumerate(clusters):
        if c.kind == "organization":
            for name in {a.name for _, a in c.items}:
                for short in {initials(name), initials(name, stops=True)} - {""}:
                    longs[short].add(i)
    for i, c in enumerate(clusters):
        shorts = {a.name.replace(".", "") for _, a in c.items if ACRONYM.match(a.name.replace(".", ""))}
        if c.kind != "organization" or len(shorts) != 1:
            continue
        target = longs.get(shorts.pop(), set()) - {i}
        if len(target) == 1 and clusters[(j := target.pop())].items:
            clusters[j].items.extend(c.items)
            c.items = []
    return [c for c in clusters if c.items]


def initials(name: str, stops: bool = False) -> str:
    """A long name's initials: 'Department of Justice' -> 'DJ', or with stops 'DOJ'."""
    words = [w for w in re.split(r"[\s-]+", THE.sub("", name)) if w]
    if len(words) < 2 or not all(w[0].isupper() or fold(w) in STOP_INITIALS for w in words):
        return ""
    return "".join(w[0] for w in words if stops or fold(w) not in STOP_INITIALS).upper()


@functools.lru_cache(maxsize=200_000)  # names repeat across articles
def name_key(name: str) -> str:
    """The form a name is matched in: folded, without a leading 'the', an acronym without its dots.

    'Justice Department' is matched as 'department of justice', its other English form;
    'Safari Club International' and 'Acme Inc.' as 'safari club' and 'acme'.
    """
    key = fold(THE.sub("", name))
    if DOTTED.match(key):
        return key.replace(".", "")
    words = key.split()
    while len(words) > 1 and words[-1].rstrip(".,") in DESIGNATORS:
        words.pop()
    key = " ".join(words)
    m = DEPARTMENT.match(key)
    return f"{m[2]} of {m[1]}" if m else key.replace(" of the ", " of ")


def site_name(c: Cluster) -> str:
    """The name the articles use most; for a person, the fullest name without a title.

    A form only one article uses ("James N. Mattis", "Robert] Mueller") gives way
    to the fullest that two or more use.
    """
    names = Counter(a.name for _, a in c.items)
    if c.kind == "person":
        def rank(n: str) -> tuple:  # the fullest name two articles agree on, as they write it most
            p = parse_person(n)
            return (p.full, not leading_titles(n.split()), names[n] > 1, p.parts, names[n], -len(n))
        return max(names, key=rank)
    cased = {fold(n) for n in names if not n.isupper()}
    def shouted(n: str) -> bool:  # 'WASHINGTON' from a dateline, where articles also write 'Washington'
        return n.isupper() and (len(n) >= 6 or " " in n) and fold(n) in cased
    return max(names, key=lambda n: (not shouted(n), names[n], n.isupper(), len(n)))


def titled(clusters: list[Cluster]) -> None:
    """Give each cluster its title; a title two clusters share gets the kind (or a number) added.

    Two pages titled "White House" would leave a reader to guess; the more widely
    covered keeps the plain title, and the plain name stays an alias of the other.
    """
    for c in clusters:
        c.name = site_name(c)
    taken: dict[str, list[Cluster]] = {}
    for c in sorted(clusters, key=lambda c: (-len({k for k, _ in c.items}), KIND_ORDER.index(c.kind))):
        same = taken.setdefault(fold(c.name), [])
        if same:
            plain = c.name
            c.name = f"{plain} ({c.kind})" if all(o.kind != c.kind for o in same) else f"{plain} ({len(same) + 1})"
            c.items = [(k, replace(a, aliases=a.aliases + (plain,))) for k, a in c.items]
        same.append(c)


def identity(c: Cluster) -> str:
    """What a site actor's slug hash rests on: its kind and title (stable across rebuilds)."""
    return f"{c.kind}:{c.name}"


def distinct(idents: list[str]) -> list[str]:
    """Identities made unique: a second 'person:Brown' (kept apart by a split) becomes 'person:Brown#2'."""
    seen: Counter = Counter()
    out = []
    for i in idents:
        seen[i] += 1
        out.append(i if seen[i] == 1 else f"{i}#{seen[i]}")
    return out


def site_actor(c: Cluster, slug: str, overrides: Overrides) -> SiteActor:
    name = c.name
    forced = {fold(k): v for k, v in overrides.roles.items()}.get(fold(name))
    articles = tuple(dict.fromkeys(key for key, _ in c.items))
    roles = tuple(dict.fromkeys((key, forced or a.role) for key, a in c.items if forced or a.role))
    if forced:
        roles = tuple((key, forced) for key in articles)
    aliases = tuple(dict.fromkeys(n for _, a in c.items for n in (a.name, *a.aliases) if n != name))
    return SiteActor(id=slug, name=name, kind=c.kind, aliases=aliases, roles=roles, articles=articles)
