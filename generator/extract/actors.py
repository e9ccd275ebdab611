"""Key actors: spaCy entities merged into one actor per real-world entity."""
from __future__ import annotations

from collections import defaultdict

from ..model import Actor

KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "NORP": None, "LOC": "place"}


def find_actors(doc, title: str | None = None) -> tuple[Actor, ...]:
    """People, organisations and places named in the article, most mentioned first."""
    groups: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for ent in doc.ents:
        kind = KINDS.get(ent.label_)
        if kind is None:
            continue
        text = ent.text.strip()
        key = (kind, text.split()[-1].lower() if kind == "person" else text.lower())
        groups[key].append((ent.start_char, ent.end_char))
        if len(text) > len(names.get(key, "")):
            names[key] = text
    actors = [Actor(name=names[k], kind=k[0], mentions=tuple(v), salience=float(len(v)))
              for k, v in groups.items()]
    actors.sort(key=lambda a: (-a.salience, a.mentions[0]))
    return tuple(actors)
