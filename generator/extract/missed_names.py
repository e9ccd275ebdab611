"""Names spaCy missed: proper-noun runs the parse or the words around them show to be names.

The small model leaves many names untagged or cut; a run of capitalised proper
nouns becomes a mention when the text gives evidence of what it is: a company
noun beside it, an organisation it is coordinated with, a role or a word for a
person it stands beside, a reporting verb it is the subject of, or the shape
of an abbreviation.
"""
from __future__ import annotations

from ..normal import HONORIFICS
from . import text_of
from .mention_words import ACRONYM, HAS_DIGIT
from .mentions import (Mention, defined_term, in_credit_line, inner_acronyms,
                       is_non_actor, kind_cue, names_document, numbered, rejected_before)
from .not_names import in_heading_line, not_a_name

# Words for a person, besides roles, that a name may stand beside in apposition.
PERSON_NOUNS = {"one", "member", "resident", "neighbour", "neighbor", "friend", "student", "worker",
                "voter", "man", "woman", "mother", "father", "son", "daughter", "victim", "owner"}


def extra_mentions(doc, taken: set[int]) -> list[Mention]:
    """Names spaCy missed: acronyms and proper-noun runs with an organisation cue."""
    out = []
    rejected = {e.text for e in doc.ents if is_non_actor(e.text)}
    body = text_of(doc)
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.idx in taken or tok.ent_type_ or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < n and (name_word(doc[j + 1], taken) or hyphen_joined(doc, j + 1, taken)):
            j += 1 if name_word(doc[j + 1], taken) else 2
        span = doc[i: j + 1]
        kind, cue = kind_cue(doc, i, j + 1, "")
        text = span.text
        if in_credit_line(body, span.start_char) or in_heading_line(body, span.start_char) \
                or starts_with_title(span) or not_a_name(span) or numbered(span) or before_name(span):
            pass
        elif is_non_actor(text):
            out.extend(inner_acronyms(text, span.start_char))
            rejected.add(text)
        elif defined_term(body, span.start_char, text) or text in rejected_before(body, span.start_char, rejected):
            pass
        elif person_apposition(span) or titled_name(span):
            out.append(Mention(span.start_char, span.end_char, text, "person", True))
        elif cue or (len(span) == 1 and ACRONYM.match(text) and not labels(span)) or speaks(span):
            kind = kind or ("place" if len(span) == 1 and defines_place(span) else "organization")
            out.append(Mention(span.start_char, span.end_char, text, kind, True))
        i = j + 1
    return out


def person_apposition(span) -> bool:
    """A given name and a surname set beside a word for a person: "one of its members, Dale
    Okafor, said", "the group's spokesman, Dale Okafor"."""
    from .roles import ROLE_NOUNS

    head = span[-1]
    return 2 <= len(span) <= 3 and all(t.is_title for t in span) and head.dep_ == "appos" \
        and head.head.lemma_.lower() in ROLE_NOUNS | PERSON_NOUNS


def titled_name(span) -> bool:
    """A given name and a surname after a role noun in lower case: "Harbour center Dale Okafor"."""
    from .roles import ROLE_NOUNS

    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    return 2 <= len(span) <= 3 and all(t.is_title for t in span) and before is not None \
        and before.is_lower and before.lower_ in ROLE_NOUNS and before.head.i == span[-1].i


def labels(span) -> bool:
    """An abbreviation that labels a reference or a share: "DOI: 10.1000/182", "Tallow’s (TLW)"."""
    doc, end = span.doc, span.end
    if span.start >= 2 and doc[span.start - 1].text == "(" and doc[span.start - 2].lower_ in ("’s", "'s"):
        return True  # a stock symbol: "Tallow’s (TLW)"
    nxt = doc[end + 1] if end + 1 < len(doc) and doc[end].text == ":" else doc[end] if end < len(doc) else None
    return nxt is not None and bool(HAS_DIGIT.search(nxt.text))


def defines_place(span) -> bool:
    """An abbreviation in brackets after a place's name: "the Republic of Harbour (RH)"."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].text == "(" and doc[i - 2].ent_type_ in ("GPE", "LOC", "FAC")


def name_word(tok, taken: set[int]) -> bool:
    """A capitalised proper noun that no entity or mention has taken."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.ent_type_ and tok.idx not in taken


def hyphen_joined(doc, i: int, taken: set[int]) -> bool:
    """A hyphen inside a name, written without spaces: "T-Harbour", "Harbour-Mobile"."""
    return i + 1 < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_ \
        and not doc[i].whitespace_ and name_word(doc[i + 1], taken)


def before_name(span) -> bool:
    """An abbreviation right before a person's name is their title or position: "FW Tom Harrow"."""
    doc = span.doc
    if len(span) != 1 or span.end >= len(doc) or doc[span.end].ent_iob_ != "B" \
            or doc[span.end].ent_type_ != "PERSON" or span[0].dep_ != "compound":
        return False
    name = next(e for e in doc.ents if e.start == span.end)
    return name[-1].tag_ == "NNP"  # not "BMJ Case Reports", a plural mistaken for a name


def starts_with_title(span) -> bool:
    """Whether the run starts with an honorific or a role word (handled as a person's title)."""
    from .roles import ROLE_NOUNS

    first = span[0].lower_
    return first in HONORIFICS or first in ROLE_NOUNS or first.rstrip("s") in ROLE_NOUNS


def speaks(span) -> bool:
    """A multi-word proper name that is the subject of a reporting verb: 'Downing Street has confirmed'."""
    from .roles import REPORTING_VERBS

    head = span[-1]
    return len(span) > 1 and head.dep_ == "nsubj" and head.head.lemma_ in REPORTING_VERBS
