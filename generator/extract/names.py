"""Mentions -> groups, one per real-world entity, each under its fullest name."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..normal import ADDRESS, HONORIFICS, fold
from .mention_words import ACRONYM
from .mentions import Mention
from .person_names import PersonName, given_compatible, parse_person, same_person

# Forms of the same place: "US" and "the United States" are one actor.
PLACE_ALIASES = {
    "us": "United States", "u.s": "United States", "u.s.": "United States",
    "usa": "United States", "united states": "United States", "america": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "united kingdom": "United Kingdom",
}
# US states as the AP Stylebook abbreviates them after a town ("Tulare, Calif."),
# less those that are also common words or another place ("Wash.", "Miss.", "La.").
STATE_ABBREVIATIONS = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California", "colo": "Colorado",
    "conn": "Connecticut", "del": "Delaware", "fla": "Florida", "ga": "Georgia", "ill": "Illinois",
    "ind": "Indiana", "kan": "Kansas", "ky": "Kentucky", "md": "Maryland", "mass": "Massachusetts",
    "mich": "Michigan", "minn": "Minnesota", "mo": "Missouri", "mont": "Montana", "neb": "Nebraska",
    "nev": "Nevada", "n.h": "New Hampshire", "n.j": "New Jersey", "n.m": "New Mexico", "n.y": "New York",
    "n.c": "North Carolina", "n.d": "North Dakota", "okla": "Oklahoma", "ore": "Oregon",
    "pa": "Pennsylvania", "r.i": "Rhode Island", "s.c": "South Carolina", "s.d": "South Dakota",
    "tenn": "Tennessee", "vt": "Vermont", "va": "Virginia", "w.va": "West Virginia", "wis": "Wisconsin",
    "wyo": "Wyoming",
}
PLACE_ALIASES.update(STATE_ABBREVIATIONS)
PLACE_ALIASES.update({k + ".": v for k, v in STATE_ABBREVIATIONS.items()})
# Bare capitalised words that stand for a fuller name given elsewhere ("the
# House" for the House of Lords); alone, with no fuller name, they are dropped.
GENERIC_ORG_WORDS = {"house", "alliance", "commission", "council", "committee", "union", "party",
                     "bank", "government", "group", "agency", "ministry", "department", "court",
                     "assembly", "company", "corporation", "board", "authority", "fund",
                     "bureau", "organisation", "organization", "institute", "association", "state"}
# Words that end a company's name and add nothing to it ("Boeing Co", "Acme Holdings Inc").
CORPORATE_SUFFIXES = {"co", "co.", "corp", "corp.", "corporation", "inc", "inc.", "ltd", "ltd.",
                      "plc", "group", "holdings", "llc", "ag", "sa", "company"}
STOP_INITIALS = {"of", "and", "the", "for", "&", "de", "du", "des", "la", "le", "on", "in"}


@dataclass
class Group:
    """Mentions of one entity while it is being assembled."""

    kind: str
    mentions: list[Mention] = field(default_factory=list)
    shared_roles: list[str] = field(default_factory=list)  # from a title shared with others

    @property
    def forms(self) -> list[str]:
        return list(dict.fromkeys(m.text for m in self.mentions if not m.nominal))


def person_tokens(text: str) -> list[str]:
    """A person's name tokens without honorifics: 'Mr Bez' -> ['bez']."""
    return [t for t in fold(text).split() if t not in HONORIFICS]


def initials(text: str) -> str:
    """Initial letters of a long name's words: 'North Atlantic Treaty Organization' -> 'NATO'."""
    words = [w for w in re.split(r"[\s-]+", text) if w and fold(w) not in STOP_INITIALS]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def vote_kinds(mentions: list[Mention]) -> list[Mention]:
    """One kind per surface name: textual cues first, then spaCy's majority label."""
    surnames = {parse_person(m.text).surname for m in mentions
                if m.kind == "person" and parse_person(m.text).full}
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        weight = 3.0 if m.cue else 1.0
        if m.kind == "person" and " " not in m.text and fold(m.text) not in surnames:
            weight = 0.5  # a lone capitalised word is a weak person
        votes[fold(m.text)][m.kind] += weight
    cued: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.cue:
            cued[fold(m.text)].add(m.kind)
    out = []
    for m in mentions:
        key = fold(m.text)
        kind = m.kind if m.cue else votes[key].most_common(1)[0][0]
        if not m.cue and len(cued[key]) == 1:
            kind = next(iter(cued[key]))  # what the text says of a name decides its other uses
        if not m.cue and key in surnames and " " not in m.text:
            kind = "person"
        out.append(Mention(m.start, m.end, m.text, kind, m.cue))
    return out


def group_people(mentions: list[Mention]) -> list[Group]:
    """People: full names that may be one person's; a lone name joins the nearest such full name.

    Full names join when person_names.same_person says they may be one person's
    ("Adam B. Schiff", "Adam Schiff"); "Jesse Jackson" and "Jesse Jackson Jr."
    in one article are two people.
    """
    groups: dict[PersonName, Group] = {}
    lone: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        name = parse_person(m.text)
        if not name.full:
            lone.append(m)
            continue
        same = name if name in groups else next((k for k in groups if same_person(k, name)), name)
        if same is not name and name.parts > same.parts:  # key the group by its fullest name
            groups[name] = groups.pop(same)
            same = name
        groups.setdefault(same, Group("person")).mentions.append(m)
    for m in lone:
        name = parse_person(m.text)
        target = nearest_full(groups, name, m.start) or PersonName("", (), name.surname or fold(m.text), name.suffix)
        groups.setdefault(target, Group("person")).mentions.append(m)
    return list(groups.values())


def compatible(first_a: str, first_b: str) -> bool:
    """Whether two first names may be one person's: equal, an initial, a nickname ('Dick', 'Richard')."""
    return given_compatible(fold(first_a), fold(first_b))


def nearest_full(groups: dict[PersonName, Group], lone: PersonName, at: int) -> PersonName | None:
    """The full-name group a lone name belongs to: same surname (and suffix), nearest before (else after).

    A lone word that is no full name's surname may be a first name ('Malia'); it
    joins the one full name that starts with it.
    """
    matches = [k for k in groups if k.full and k.surname == lone.surname
               and (not lone.suffix or k.suffix == lone.suffix)]
    if not matches:
        matches = [k for k in groups if k.full and k.given == lone.surname and not lone.suffix]
        if len(matches) != 1:
            return None
    def distance(k: PersonName) -> tuple[int, int]:
        starts = [m.start for m in groups[k].mentions]
        before = [at - s for s in starts if s <= at]
        return (0, min(before)) if before else (1, min(s - at for s in starts))
    return min(matches, key=distance)


def group_others(mentions: list[Mention]) -> list[Group]:
    """Organisations and places: one group per folded name, then acronyms and short forms merged."""
    groups: dict[str, Group] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        key = fold(m.text)
        if m.kind == "place":
            key = fold(PLACE_ALIASES.get(key, m.text))
        groups.setdefault(key, Group(m.kind)).mentions.append(m)
    merge_aliases(groups)
    return [g for k, g in groups.items() if keep_generic(k, g)]


def merge_aliases(groups: dict[str, Group]) -> None:
    """Fold long forms into acronyms, a bare head word into the one name it ends, short forms into full ones."""
    orgs = [k for k, g in groups.items() if g.kind == "organization"]
    for key in orgs:
        for form in groups[key].forms:
            short = fold(initials(form))
            if short and short != key and short in groups:
                move(groups, key, short)
                break
    for key in [k for k in groups if k in GENERIC_ORG_WORDS and groups[k].kind == "organization"]:
        named = [k for k, g in groups.items() if g.kind == "organization" and k != key
                 and any(head_word(f) == key for f in g.forms if " " in f)]
        if len(named) == 1:  # "the Agency": the one organisation the article names "... Agency"
            move(groups, key, named[0])
    for key in [k for k in groups if " " not in k]:
        full = next((k for k, g in groups.items() if g.kind == "organization" and " " in k
                     and k.split()[0] == key and extends(groups[key], k)), None)
        if full and key in groups and groups[key].kind == "organization":
            move(groups, key, full)


def head_word(name: str) -> str:
    """The word a name is headed by: 'Agency' in 'Harbour Space Agency', 'House' in 'House of Lords'."""
    words = fold(name).split(" of ")[0].split()
    return words[-1] if words else ""


def extends(short: Group, full: str) -> bool:
    """Whether a longer name is the short one's full form: not so for an acronym before a
    unit's name ('ESA' and 'ESA Topical Team'), unless only a company suffix follows."""
    if not any(ACRONYM.match(f) for f in short.forms):
        return True
    return all(w in CORPORATE_SUFFIXES for w in full.split()[1:])


def move(groups: dict[str, Group], source: str, target: str) -> None:
    """Put the source group's mentions into the target group."""
    if source in groups and target in groups and source != target:
        groups[target].mentions.extend(groups.pop(source).mentions)
        groups[target].mentions.sort(key=lambda m: m.start)


def keep_generic(key: str, group: Group) -> bool:
    """Drop a bare generic word ('House') that no fuller name in the article explains."""
    return not (group.kind == "organization" and key in GENERIC_ORG_WORDS)


def display_name(group: Group) -> str:
    """The fullest name: for an organisation with an acronym, the acronym; for a place, its canonical name."""
    forms = group.forms
    if group.kind == "place":
        canonical = PLACE_ALIASES.get(fold(forms[0]))
        return canonical or max(forms, key=lambda f: (len(f.split()), -forms.index(f)))
    if group.kind == "organization":
        acronyms = [f for f in forms if ACRONYM.match(f) and any(initials(o) == f for o in forms)]
        if acronyms:
            return acronyms[0]
        return max(forms, key=lambda f: (len(f.split()), -forms.index(f)))
    return max(forms, key=lambda f: (parse_person(f).parts, peerage(f), -len(f.split()), -forms.index(f)))


def peerage(form: str) -> bool:
    """Whether a person's form carries a title that is part of how they are named ('Lord Falconer')."""
    first = fold(form).split()[0] if form.strip() else ""
    return first in HONORIFICS and first not in ADDRESS
