"""Key actors: names merged into one actor per real-world entity, with roles and salience.

find_actors reads the one spaCy parse of the body: mentions.py finds and types
the names, names.py merges them into entities, roles.py finds each person's
role, and this module adds the remaining mentions and ranks the cast.
"""
from __future__ import annotations

import re

from ..model import Actor
from .institutions import institution_mentions, office_mentions
from .mentions import Mention, entity_mentions
from .missed_names import extra_mentions
from .names import Group, display_name, fold, group_others, group_people, person_tokens, vote_kinds
from .roles import (QUALIFIED_HEADS, VAGUE_HEADS, Description, affiliation, apposition, descriptions,
                    fronted_apposition, pre_title, role_head, share_out)
from . import text_of

# Salience weights, tuned by eye on the seeds and 12 BBC articles so that the
# people a story is about come before its sources and its setting.
TITLE_BONUS = 3.0  # named in the headline
SUBJECT_BONUS = 0.5  # per mention as grammatical subject
LEAD_BONUS = 1.0  # named in the first paragraph
PLACE_FACTOR = 0.5  # places set the scene; people and organisations act
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def find_actors(doc, title: str | None = None) -> tuple[Actor, ...]:
    """People, organisations and places in the article, most salient first."""
    offices = office_mentions(doc)
    institutions = [m for m in institution_mentions(doc) if not overlaps(m, offices)] + offices
    mentions = [m for m in entity_mentions(doc) if not overlaps(m, institutions)] + institutions
    taken = {tok.idx for ent in doc.ents for tok in ent}
    taken |= {tok.idx for m in mentions for tok in doc.char_span(m.start, m.end, alignment_mode="expand") or ()}
    mentions = vote_kinds(mentions + extra_mentions(doc, taken))
    groups = group_people([m for m in mentions if m.kind == "person"])
    groups += group_others([m for m in mentions if m.kind != "person"])
    body = text_of(doc)
    add_repeats(body, groups)
    groups = [g for g in groups if not (g.kind == "person" and idle_word(doc, g))]
    roles = {id(g): role for g in groups if g.kind == "person" and (role := named_role(doc, g, groups))}
    resolve_descriptions(doc, groups, roles)
    lead_end = body.find("\n\n") if "\n\n" in body else len(body)
    actors = [make_actor(doc, g, roles.get(id(g)), title, lead_end) for g in groups if g.mentions]
    actors.sort(key=lambda a: (-a.salience, a.mentions[0] if a.mentions else (0, 0)))
    return tuple(actors)


def idle_word(doc, group: Group) -> bool:
    """A "person" the model found in one capitalised word that nothing marks as a person:
    no full name, no title before it, never the subject of a verb nor a possessor ("wrote
    on Twitter", "a Twitter message"). Such a word is more often a platform, an outlet or a thing."""
    if any(" " in m.text or m.cue for m in group.mentions):
        return False
    for m in group.mentions:
        rng = token_range(doc, m)
        if rng is None:
            return False
        tok = doc[rng[1] - 1]
        while tok.dep_ in ("appos", "conj") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in SUBJECT_DEPS or tok.dep_ == "poss":
            return False  # it does something, or has something: "the festival's top prize"
    return True


def overlaps(m: Mention, others: list[Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)


def add_repeats(body: str, groups: list[Group]) -> None:
    """Add the later uses of a known name that spaCy did not label ('Mr Balls', 'Titan')."""
    covered = [(m.start, m.end) for g in groups for m in g.mentions]
    surnames: dict[str, int] = {}
    for g in groups:
        if g.kind == "person":
            for toks in {tuple(person_tokens(f)) for f in g.forms if person_tokens(f)}:
                surnames[toks[-1]] = surnames.get(toks[-1], 0) + 1
    for g in groups:
        forms = set(g.forms)
        if g.kind == "person":
            forms |= {f.split()[-1] for f in g.forms if surnames.get(fold(f.split()[-1]), 0) <= 1}
        for form in sorted(forms, key=len, reverse=True):
            for start, end in whole_word_matches(form, body):
                if not any(s < end and start < e for s, e in covered):
                    g.mentions.append(Mention(start, end, form, g.kind))
                    covered.append((start, end))
        g.mentions.sort(key=lambda m: m.start)


WORDISH = re.compile(r"[\w-]")


def whole_word_matches(form: str, body: str) -> list[tuple[int, int]]:
    """The spans re.finditer(rf"(?<![\\w-]){re.escape(form)}(?![\\w-])", body) finds, found with str.find.

    Each actor's every form compiled its own pattern: some 3,500 compilations per 200
    BBC articles, more than Python's pattern cache holds.
    """
    if not form:
        return [m.span() for m in re.finditer(r"(?<![\w-])(?![\w-])", body)]
    found = []
    at = body.find(form)
    while at >= 0:
        end = at + len(form)
        if (at == 0 or not WORDISH.match(body, at - 1)) and (end == len(body) or not WORDISH.match(body, end)):
            found.append((at, end))
            at = body.find(form, end)
        else:
            at = body.find(form, at + 1)
    return found


def token_range(doc, mention: Mention) -> tuple[int, int] | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def named_role(doc, group: Group, groups: list[Group]) -> str | None:
    """The role a person's title or apposition gives, the fullest first-found; an
    organisation written after the name ("of the CDF") only when nothing else is said."""
    stop = person_tokens_of(doc, groups, exclude=group)
    found: list[str] = []
    affiliations: list[str] = []
    for m in group.mentions:
        rng = token_range(doc, m)
        if rng is None:
            continue
        after = affiliation(doc, rng[1] - 1)
        titled = pre_title(doc, rng[0], stop)
        if titled:
            role = coordinated(doc, titled[0], rng, groups, group)
            # "Capt. Ann Lee of the State Patrol": the title is held at the organisation after the name.
            found.append(f"{role} {after}" if after and role == titled[0] else role)
        for role in (fronted_apposition(doc, rng[0], rng[1] - 1, stop), apposition(doc, rng[1] - 1, stop)):
            if role:
                found.append(role[0])
        affiliations.append(after or "")
    return best_role(found) or best_role([a for a in affiliations if a])


def coordinated(doc, title: str, rng: tuple[int, int], groups: list[Group], group: Group) -> str:
    """This person's share of a plural title over coordinated names."""
    head = doc[rng[0] - 1]
    if not head.lower_.endswith("s") or role_head(head) == head.lower_:
        return title
    people = [group]
    i = rng[1]
    while i + 1 < len(doc) and doc[i].lower_ in ("and", ","):
        nxt = next((g for g in groups if g.kind == "person"
                    for m in g.mentions if m.start == doc[i + 1].idx), None)
        if nxt is None:
            break
        people.append(nxt)
        end = next(m.end for m in nxt.mentions if m.start == doc[i + 1].idx)
        i = doc.char_span(doc[i + 1].idx, end, alignment_mode="expand").end
    shares = share_out(title, head, len(people))
    for other, share in zip(people[1:], shares[1:]):
        other.shared_roles.append(share)
    return shares[0]


def person_tokens_of(doc, groups: list[Group], exclude: Group) -> set[int]:
    """Token indices of other people's mentions: a title never runs across them."""
    out: set[int] = set()
    for g in groups:
        if g is exclude or g.kind != "person":
            continue
        for m in g.mentions:
            rng = token_range(doc, m)
            if rng:
                out.update(range(*rng))
    return out


def best_role(found: list[str]) -> str | None:
    """The first role found, replaced by a later one that says the same and more."""
    best = None
    for role in found:
        if best is None or set(words(best)) < set(words(role)):
            best = role
    return best


def words(role: str) -> list[str]:
    return fold(role).replace("presidents", "president").split()


def resolve_descriptions(doc, groups: list[Group], roles: dict[int, str]) -> None:
    """Attach role phrases without a name to the person they describe."""
    for g in groups:
        if g.shared_roles:
            roles[id(g)] = best_role(([roles[id(g)]] if id(g) in roles else []) + g.shared_roles)
    people = [g for g in groups if g.kind == "person" and g.mentions]
    named = {i for g in groups for m in g.mentions if (r := token_range(doc, m)) for i in range(*r)}
    for d in descriptions(doc, named):
        target = None if holder(d, people, roles) else introduced_next(doc, d, people, roles)
        if target is not None:
            roles[id(target)] = d.role
            continue
        if d.det != "the":
            continue
        target = antecedent(d, people, roles)
        if target is not None:
            target.mentions.append(Mention(d.start, d.end, d.text, "person",
                                           nominal=True))
            target.mentions.sort(key=lambda m: m.start)
            if id(target) not in roles and d.head not in VAGUE_HEADS:
                roles[id(target)] = d.role


def introduced_next(doc, d: Description, people: list[Group], roles: dict[int, str]) -> Group | None:
    """A person first named, as a subject, just after a description and given no role."""
    sent = doc[d.token].sent
    if sent.end >= len(doc):
        return None
    window_end = doc[sent.end].sent.end
    if window_end < len(doc) and doc[sent.end].sent.text.strip().endswith(("”", '"', ",”", ',"')):
        window_end = doc[window_end].sent.end  # a quote split off the sentence that names its speaker
    lo, hi = doc[sent.end].idx, doc[window_end - 1].idx + len(doc[window_end - 1])
    body = text_of(doc)
    paragraph_end = body.find("\n", lo)
    if paragraph_end > hi:  # the rest of the description's paragraph: "The minister ... Lord Harrow said"
        hi = paragraph_end
    for g in people:
        first = g.mentions[0]
        if id(g) in roles or not lo <= first.start < hi:
            continue
        rng = token_range(doc, first)
        if rng and any(doc[i].dep_ in SUBJECT_DEPS for i in range(*rng)):
            return g
    return None


def holder(d: Description, people: list[Group], roles: dict[int, str]) -> bool:
    """Whether someone named before 'the <title>' already holds that title: the description
    is theirs, not a newcomer's ('the attorney general' after 'Lord Harrow, the attorney general')."""
    mods = set(words(d.role)[:-1])
    return any(d.head in (role := set(words(roles.get(id(g), "")))) and mods <= role
               and any(m.start < d.start for m in g.mentions) for g in people)


def antecedent(d: Description, people: list[Group], roles: dict[int, str]) -> Group | None:
    """The person named earlier whom 'the <title>' refers to; None when nobody fits."""
    mods = set(words(d.role)[:-1])
    best, best_key = None, (0, -1)
    for g in people:
        before = [m.start for m in g.mentions if m.start < d.start]
        if not before:
            continue
        role = set(words(roles.get(id(g), "")))
        if d.head in role and mods <= role:
            fit = 3
        elif id(g) not in roles and (d.head not in VAGUE_HEADS or mods and d.head in QUALIFIED_HEADS):
            fit = 2
        elif d.head in role and d.head not in VAGUE_HEADS:
            fit = 1
        else:
            continue
        key = (fit, max(before))
        if key > best_key:
            best, best_key = g, key
    return best


def make_actor(doc, group: Group, role: str | None, title: str | None, lead_end: int) -> Actor:
    """The Actor for a group, with its salience."""
    name = display_name(group)
    spans = tuple(sorted({(m.start, m.end) for m in group.mentions}))
    subjects = 0
    for m in group.mentions:
        rng = token_range(doc, m)
        subjects += bool(rng and any(doc[i].dep_ in SUBJECT_DEPS for i in range(*rng)))
    in_title = bool(title) and any(re.search(rf"\b{re.escape(f)}\b", title or "") for f in group.forms)
    salience = (len(spans) + SUBJECT_BONUS * subjects + TITLE_BONUS * in_title
                + LEAD_BONUS * (spans[0][0] < lead_end if spans else 0))
    if group.kind == "place":
        salience *= PLACE_FACTOR
    aliases = tuple(f for f in group.forms if f != name and not f.lower().startswith("the "))
    return Actor(name=name, kind=group.kind, role=role, mentions=spans,
                 salience=round(salience, 2), aliases=aliases)
