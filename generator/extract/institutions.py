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
                or tok.dep_ == "compound":  # "Harbour center Dale Okafor" names a person
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


# Heads of offices written as a title with a remit ("the Harbour Nations High Commissioner
# for Refugees"): an office that speaks, not a person, when an organisation's name leads it.
OFFICE_PREPOSITIONS = {"for", "of"}
# Function words a capitalised name runs across: "Attorney’s Office for the Western District".
NAME_GLUE = {"of", "for", "the", "and", "’s", "'s", "&"}
# Fewest capitalised words of a subject phrase taken as a name spaCy missed.
MIN_NAME_WORDS = 3


def office_mentions(doc) -> list[Mention]:
    """Capitalised noun phrases that speak or act though spaCy tagged no (or only part of a)
    name: "the U.S. Attorney’s Office for the Western District of Harbour said", "The
    Harbour Nations High Commissioner for Human Rights said"."""
    from .mention_words import ORG_NAME_WORDS, ORG_OF_HEADS
    from .roles import ROLE_NOUNS

    out = []
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.pos_ not in ("VERB", "AUX") \
                or not tok.text[:1].isupper() or tok.pos_ != "PROPN":
            continue
        start, end = name_start(doc, tok), name_end(doc, tok)
        span = doc[start:end]
        words = [t for t in span if t.text[:1].isupper()]
        if len(words) < MIN_NAME_WORDS or any(t.ent_type_ == "PERSON" for t in span) \
                or any(t.is_space or "\n" in t.text for t in span):
            continue
        if tok.lower_ not in ORG_NAME_WORDS | ORG_OF_HEADS | ROLE_NOUNS:
            continue
        if tok.lower_ in ROLE_NOUNS and not (named_org(span[:tok.i - start]) and end > tok.i + 1):
            continue  # "Home Secretary": a person's title, unless an organisation's office
        if not any(t.lower_ in OFFICE_PREPOSITIONS for t in span) and all(t.ent_type_ for t in words):
            continue  # spaCy's own name, whole: nothing to add
        out.append(Mention(span.start_char, span.end_char, span.text, "organization", True))
    return out


def named_org(span) -> bool:
    """Whether the words hold an organisation's whole name of two words or more ("Harbour Nations")."""
    return any(e.label_ == "ORG" and len([t for t in e if t.pos_ != "DET"]) > 1
               and span.start <= e.end - 1 and e.end <= span.end for e in span.doc.ents)


def name_start(doc, tok) -> int:
    """The first capitalised word of the phrase before tok ('U.S.' of 'U.S. Attorney’s Office')."""
    i = tok.i
    while i > 0 and (doc[i - 1].text[:1].isupper() and doc[i - 1].pos_ in ("PROPN", "NOUN", "ADJ")
                     or doc[i - 1].lower_ in ("’s", "'s") and i > 1 and doc[i - 2].text[:1].isupper()):
        i -= 1
    return i


def name_end(doc, tok) -> int:
    """The end of '<name> for/of the <Capitalised words>' after tok."""
    end, i = tok.i + 1, tok.i + 1
    while i < len(doc) and doc[i].lower_ in OFFICE_PREPOSITIONS:
        j = i + 1
        while j < len(doc) and doc[j].lower_ in NAME_GLUE - {"’s", "'s"}:
            j += 1
        k = j
        while k < len(doc) and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN":
            k += 1
        if k == j:
            break
        end = i = k
    return end
