"""Organisations named by a common noun: 'the Chinese government', 'Hong Kong police'.

spaCy's small model tags names, not descriptions, so the bodies that act most in
news (governments, ministries, police, prosecutors) are missed when the article
names them by their country, city or leader and a lowercase noun. A noun phrase
is one when its head is an institution noun and a place, a nationality or a
person's name modifies it ('Russia's foreign ministry', 'the Trump administration').
"""
from __future__ import annotations

from .mentions import Mention

# Head nouns of institutions named by their place or leader; from the kinds of public
# bodies in the BBC politics set and PolNeAR (2016 US election news).
INSTITUTION_NOUNS = {"government", "administration", "police", "ministry", "prosecutors",
                     "commission", "military", "army", "navy", "parliament", "cabinet",
                     "authorities", "regulator", "regulators", "department", "embassy",
                     "court", "prosecutor", "junta", "legislature", "senate", "congress", "centre",
                     "center", "council"}
# Entity labels of the modifiers that make such a noun a particular institution (an
# organisation's name before a noun is that organisation: "the Reuters news agency").
OWNER_LABELS = {"GPE", "NORP", "PERSON", "LOC"}
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}


def institution_mentions(doc) -> list[Mention]:
    """'<place, nationality or leader> ... <institution noun>' phrases as organisation mentions."""
    out = []
    for tok in doc:
        if tok.lower_ not in INSTITUTION_NOUNS or not tok.is_lower or tok.pos_ not in ("NOUN", "PROPN") \
                or tok.dep_ == "compound":  # "Pittsburgh center Maurkice Pouncey" names a person
            continue
        owners = [c for c in tok.lefts if c.dep_ in MODIFIER_DEPS and c.ent_type_ in OWNER_LABELS]
        if not owners:
            continue
        first = owner_start(doc, owners[-1])
        while first < tok.i and (doc[first].is_punct or doc[first].pos_ == "DET"):
            first += 1
        text = doc[first: tok.i + 1].text
        out.append(Mention(doc[first].idx, tok.idx + len(tok), text, "organization", True))
    return out


def owner_start(doc, owner) -> int:
    """The first token of the entity the owner token belongs to ('Hong' of 'Hong Kong')."""
    i = owner.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return min(i, owner.left_edge.i if owner.left_edge.ent_type_ else i)
