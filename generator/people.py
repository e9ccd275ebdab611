"""The same person across articles: per-article people grouped into one list per real person.

Full names join when they may be one person's (extract/person_names.same_person:
"Chuck Schumer" and "Charles E. Schumer", "Robert Mueller" and "Robert S.
Mueller III") and no article names them as two. A bare surname ("Obama") joins
the full name its own article gives, else the one person the site knows by it,
else the bearer named far more often than all others with it. A first name
alone ("Malia") joins a full name only where its article names the family too;
otherwise it is no actor of the site. Pure; near-linear (names are compared
only with names that share their surname).
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable

from .extract.person_names import TOKEN, PersonName, leading_titles, nicknames, parse_person, same_person
from .model import Actor

Item = tuple[str, Actor]  # (article key, the article's actor)
# A bare surname, or a full name that fits several people, goes to the person
# named in at least this many times as many briefings as all the others together
# (checked on the stories-dev site: "Obama", "Trump", "Clinton" in 2010-2019
# US politics; "Bush" stays apart, its bearers being about as common).
DOMINANCE = 2.0


class People:
    """Person clusters while they are gathered: full names first, then lone names."""

    def __init__(self, items: list[Item]):
        self.items = items
        self.members: dict[int, list[Item]] = {}
        self.keys: dict[int, set[str]] = {}  # the articles each cluster is in
        self.names: dict[int, list[PersonName]] = {}
        self.by_surname: dict[str, list[int]] = defaultdict(list)
        self.ids = itertools.count()
        self.apart = cannot_link(items)
        self.suffix_matters = suffix_distinct(items)

    def index_articles(self) -> None:
        """Once the full names are clustered: what each article names, and who bears each given name."""
        self.in_article: dict[str, list[int]] = defaultdict(list)
        self.families: dict[str, set[str]] = defaultdict(set)
        self.by_given: dict[str, set[tuple[int, str]]] = defaultdict(set)
        self.bearers: dict[str, dict[int, set[str]]] = defaultdict(dict)  # surname -> cluster -> suffixes
        for cid, members in self.members.items():
            for key in self.keys[cid]:
                self.in_article[key].append(cid)
            for n in self.names[cid]:
                self.by_given[n.given].add((cid, n.surname))
                self.bearers[n.surname].setdefault(cid, set()).add(n.suffix)
        for key, a in self.items:
            self.families[key].add(parse_person(a.name).surname)

    def articles(self, cid: int) -> int:
        return len(self.keys[cid])

    def add(self, cid: int | None, name: PersonName, items: list[Item]) -> int:
        if cid is None:
            cid = next(self.ids)
            self.members[cid], self.names[cid], self.keys[cid] = [], [], set()
            self.by_surname[name.surname].append(cid)
        self.members[cid].extend(items)
        self.keys[cid].update(key for key, _ in items)
        self.names[cid].append(name)
        return cid

    def fits(self, name: PersonName, cid: int) -> bool:
        """Whether a full name may be the same person as every name of a cluster."""
        matters = name.surname in self.suffix_matters
        return all(same_person(name, other, matters) and (name, other) not in self.apart
                   for other in self.names[cid])

    def dominant(self, cids: Iterable[int]) -> int | None:
        """The only cluster, or the one named in DOMINANCE times as many briefings as the rest."""
        ranked = sorted(set(cids), key=lambda c: -self.articles(c))
        if len(ranked) <= 1:
            return ranked[0] if ranked else None
        rest = sum(self.articles(c) for c in ranked[1:])
        return ranked[0] if self.articles(ranked[0]) >= DOMINANCE * rest else None


def cluster_people(items: list[Item]) -> list[list[Item]]:
    """People grouped into one list of (article, actor) per real-world person; lone first names left out."""
    people = People(items)
    full: dict[PersonName, list[Item]] = defaultdict(list)
    lone: list[tuple[Item, PersonName]] = []
    for item in items:
        name = parse_person(item[1].name)
        if name.full:
            full[name].append(item)
        else:
            lone.append((item, name))
    for name in sorted(full, key=lambda n: (-n.parts, -len({k for k, _ in full[n]}), n.given, n.middles)):
        fitting = [c for c in people.by_surname[name.surname] if people.fits(name, c)]
        people.add(people.dominant(fitting) if fitting else None, name, full[name])
    people.index_articles()
    surnames = {n.surname for n in full}
    given = {n.given for n in full} - surnames
    lone_ids: dict[tuple[str, str], int] = {}
    for item, name in lone:
        cid = home_of_lone(people, item[0], name)
        if cid is None and first_name_alone(item[1].name, name, surnames, given):
            continue  # a first name alone whose person the site cannot tell: no actor
        cid = people.add(cid if cid is not None else lone_ids.get((name.surname, name.suffix)), name, [item])
        lone_ids.setdefault((name.surname, name.suffix), cid)
    return list(people.members.values())


def first_name_alone(text: str, name: PersonName, surnames: set[str], given: set[str]) -> bool:
    """Whether a lone word is a given name ('Malia'), not a surname nor a titled name ('Princess Diana')."""
    if name.surname in surnames or leading_titles(TOKEN.findall(text)):
        return False
    return name.surname in given or name.surname in nicknames()


def home_of_lone(people: People, key: str, name: PersonName) -> int | None:
    """The cluster a bare surname or first name belongs to, or None."""
    bearers = people.bearers.get(name.surname, {})
    owners = [c for c, suffixes in bearers.items() if not name.suffix or name.suffix in suffixes]
    local = [c for c in people.in_article.get(key, ()) if c in owners]
    if local:
        return people.dominant(local)
    if owners:
        return people.dominant(owners)
    families = people.families.get(key, set())
    given = {c for c, surname in people.by_given.get(name.surname, ()) if surname in families}
    return given.pop() if len(given) == 1 else None


def cannot_link(items: list[Item]) -> set[tuple[PersonName, PersonName]]:
    """Pairs of full names one article gives to two different people."""
    by_article: dict[str, set[PersonName]] = defaultdict(set)
    for key, a in items:
        name = parse_person(a.name)
        if name.full:
            by_article[key].add(name)
    apart = set()
    for names in by_article.values():
        for a, b in itertools.permutations(names, 2):
            if a.surname == b.surname:
                apart.add((a, b))
    return apart


def suffix_distinct(items: list[Item]) -> set[str]:
    """Surnames for which some article names 'X Y' and 'X Y Jr.' as two people: there the suffix tells them apart."""
    by_article: dict[tuple[str, str], list[PersonName]] = defaultdict(list)
    for key, a in items:
        name = parse_person(a.name)
        if name.full:
            by_article[(key, name.surname)].append(name)
    out = set()
    for (_, surname), names in by_article.items():
        if any(a.suffix != b.suffix and same_person(a, b, suffix_matters=False)
               for a, b in itertools.combinations(names, 2)):
            out.add(surname)
    return out
