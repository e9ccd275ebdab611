"""Name mentions in a parsed article: spaCy entities, cleaned, filtered and typed.

A mention is a span of the body that names a person, an organisation or a
place. spaCy's small model finds most names but mislabels many (a surname as
ORG, a company as GPE) and cuts some badly ("the Bank of England's"); the rules
here repair what the text itself gives evidence for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from ..normal import HONORIFICS
from . import text_of
from .mention_words import (LABEL_KINDS, ORG_NOUNS, ORG_NAME_WORDS, NON_ACTOR_HEADS, STAFF_NOUNS,
                            AFFILIATE_NOUNS, DOCUMENT_HEADS, ORG_CAPABLE_HEADS, ORG_OF_HEADS, PLACE_NOUNS,
                            TITLE_WORDS, VAGUE_PLACES, NON_ORG_ABBREVIATIONS, ACRONYM, IDEOLOGY, HAS_DIGIT,
                            STATE_ABBREVIATION, CREDIT_LINE, LEADING, TRAILING)
from .not_names import before_possessive, in_heading_line, not_a_name, qualified_org, strip_lead


@dataclass(frozen=True)
class Mention:
    """A name in the body: its span, cleaned text and kind."""

    start: int
    end: int
    text: str
    kind: str
    cue: bool = False  # the kind rests on evidence in the text, not on spaCy's label
    nominal: bool = False  # a description ("the minister"), not a name


def trim(text: str, start: int) -> tuple[str, int]:
    """Drop a leading article and trailing possessive or punctuation; return (text, start)."""
    stripped = text.lstrip("-'\"‘“’ ")
    text, start = stripped or text, start + (len(text) - len(stripped) if stripped else 0)
    for lead in LEADING:
        if text.startswith(lead) and len(text) > len(lead):
            text, start = text[len(lead):], start + len(lead)
    changed = True
    while changed and text:
        changed = False
        for tail in TRAILING:
            if text.endswith(tail) and len(text) > len(tail):
                text, changed = text[: -len(tail)], True
        stripped = text.rstrip(" .,;:(\"“”-")
        if stripped != text:
            text, changed = stripped, True
    return text, start


def split_acronym(text: str, start: int) -> list[tuple[str, int]]:
    """'Transport and General Workers Union (TGWU' -> the long form and the acronym."""
    m = re.match(r"^(.+?)\s*\(([A-Z][A-Za-z&]{1,7})\)?$", text)
    if not m:
        return [(text, start)]
    return [(m.group(1), start), (m.group(2), start + m.start(2))]


def in_credit_line(body: str, start: int) -> bool:
    """Whether the character at start sits on a photo-credit line."""
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", start)
    line = body[line_start: line_end if line_end >= 0 else len(body)]
    return bool(CREDIT_LINE.match(line.strip())) and len(line) < 120


def is_vague(text: str, kind: str, first_token) -> bool:
    """Names that are no actor: compass points, a capitalised common word opening a sentence."""
    if kind == "place" and text.lower() in VAGUE_PLACES:
        return True
    if " " in text or first_token is None:
        return False
    return first_token.is_sent_start and first_token.tag_ not in ("NNP", "NNPS")


def is_non_actor(text: str) -> bool:
    """Events, laws, products, ideologies and terms that spaCy labels as names."""
    words = text.split()
    if not words:
        return True
    if words[-1].lower() in NON_ACTOR_HEADS or IDEOLOGY.search(words[-1]):
        return True
    if any(HAS_DIGIT.search(w) for w in words):
        return True
    return text in NON_ORG_ABBREVIATIONS - {"UK", "US", "USA", "EU"}


def kind_cue(doc, tok_start: int, tok_end: int, kind: str) -> tuple[str, bool]:
    """The kind the neighbouring words give evidence for, and whether there was any."""
    after = doc[tok_end: tok_end + 2]
    before = doc[max(tok_start - 1, 0): tok_start] if tok_start > 0 else doc[0:0]
    # "the Titan corporation", "beauty company Titan"; before a person's name the noun
    # is their occupation ("broadcaster Tom Harrow")
    for side in (after, before) if kind != "person" else (after,):
        for tok in side:
            if tok.lower_ in ORG_NOUNS and tok.pos_ == "NOUN":
                return "organization", True
            if tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
                break
    if (addressed(doc, tok_start) or occupied(doc, tok_start, tok_end)) and doc[tok_end - 1].lower_ not in ORG_NAME_WORDS:
        return "person", True  # "President Harrow", "Sen. Harrow", "quarterback Dale Reyes"
    if kind == "place" and tok_end + 1 < len(doc) and doc[tok_end].lower_ in STAFF_NOUNS \
            and doc[tok_end + 1].ent_type_ == "PERSON":
        return "organization", True  # "Harbour analyst Tom Grant": a firm, not a town
    head = doc[tok_end - 1]
    for other in (head.head, *head.conjuncts):  # "AT&T, Harbour Mobile and others"
        if other.i != head.i and other.ent_type_ == "ORG" and (
                kind == "place" or not kind and other in head.conjuncts):
            return "organization", True
    if kind == "person" and head.lower_ in ORG_NAME_WORDS:
        return "organization", True
    return kind, False


def addressed(doc, start: int) -> bool:
    """Whether a person's title in capitals stands right before a name: "President Harrow"."""
    from .roles import ROLE_NOUNS

    if start == 0:
        return False
    word = doc[start - 1]
    low = word.lower_.rstrip(".")
    return word.text[:1].isupper() and (low in HONORIFICS or low in TITLE_WORDS
                                        or low in ROLE_NOUNS and word.is_title and word.pos_ == "PROPN")


def occupied(doc, start: int, end: int) -> bool:
    """Whether a role noun in lower case stands before a name it qualifies: "quarterback Dale Reyes"."""
    from .roles import ROLE_NOUNS

    word = doc[start - 1] if start > 0 else None
    return word is not None and word.is_lower and word.lower_ in ROLE_NOUNS and word.dep_ == "compound" \
        and start <= word.head.i < end and end - start >= 2


def entity_mentions(doc) -> list[Mention]:
    """Cleaned, filtered and typed mentions from spaCy's entities."""
    body = text_of(doc)
    out: list[Mention] = []
    rejected: set[str] = set()
    orgs = {trim(e.text, 0)[0] for e in doc.ents if e.label_ == "ORG"}
    # only where a bracket opens: a span made at every token was 2% of extraction time
    tickers = {doc[i - 2].text + doc[i - 1].text for i in (t.i for t in doc if t.text == "(")
               if 2 <= i < len(doc) - 2 and ticker_after(doc[i - 2:i])}
    for ent in doc.ents:
        kind = LABEL_KINDS.get(ent.label_)
        if kind is None or in_credit_line(body, ent.start_char) or in_heading_line(body, ent.start_char):
            continue
        if with_possessive(strip_lead(ent)).text in tickers:  # the possessive is part of the company's name
            span = with_possessive(strip_lead(ent))
            out.append(Mention(span.start_char, span.end_char, span.text, "organization", True))
            continue
        span = clip(widen(doc, ent, kind))
        span = after_title(after_abbreviation(before_possessive(strip_lead(span)))) if kind == "person" \
            else strip_lead(span)
        if kind != "place" and qualified_org(span, orgs):
            span, kind = span[1:], "organization"
        if not len(span) or kind == "person" and only_titles(span.text) or not_a_name(span) \
                or numbered(span) or names_document(span):
            continue
        kind, cue = kind_cue(doc, span.start, span.end, kind)
        if before_place_noun(doc, span.end) or before_region(doc, span.start, span.end):
            kind, cue = "place", True
        text, start = trim(span.text, span.start_char)
        for part, s in split_acronym(text, start):
            part, s = trim(part, s)
            if defined_term(body, s, part) or part in rejected_before(body, s, rejected):
                rejected.add(part)
                continue
            if part and is_non_actor(part) and part == text and org_like(span):
                out.append(Mention(s, s + len(part), part, "organization", True))
                continue
            if not part or is_non_actor(part) or is_vague(part, kind, doc[span.start]):
                out.extend(inner_acronyms(part, s))
                rejected.add(part)
                continue
            k = "organization" if part != text and ACRONYM.match(part) else kind
            out.append(Mention(s, s + len(part), part, k, cue))
    out = joined_by_acronym(out, body)
    return [m for m in out if not any(r.endswith(" " + m.text) for r in rejected)]


def joined_by_acronym(mentions: list[Mention], body: str) -> list[Mention]:
    """Two organisations around 'and' that the article abbreviates as one are one name:
    'Harbour and Border Protection' where the text also writes 'HBP'."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        prev = out[-1] if out else None
        if prev is not None and prev.kind == m.kind == "organization" and body[prev.end:m.start] == " and ":
            text = body[prev.start:m.end]
            short = "".join(w[0] for w in text.split() if w[0].isupper())
            if len(short) > 2 and re.search(rf"\b{short}\b", body):
                out[-1] = Mention(prev.start, m.end, text, "organization", prev.cue or m.cue)
                continue
        out.append(m)
    joined = {m.text for m in out if " and " in m.text}
    for i, m in enumerate(out):  # the same name again, the model tagging only its first part
        full = next((j for j in joined if j.startswith(m.text + " and ") and body.startswith(j, m.start)), None)
        if full:
            out[i] = Mention(m.start, m.start + len(full), full, "organization", m.cue)
    return out


def names_document(span) -> bool:
    """A name that only qualifies a plan, a bill or an ad: "the Harrow-Grant Medicare plan"."""
    last = span[-1]
    return span.end < len(span.doc) and last.dep_ == "compound" and last.head.i == span.end \
        and last.head.lower_ in DOCUMENT_HEADS | {"ad", "ads"} and len(span) > 1


def numbered(span) -> bool:
    """A model or an index, named with a number: "the 737 Max jet", "the S&P 500"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and HAS_DIGIT.search(before.text) and before.head.i in (span[-1].head.i, span[-1].i):
        return True
    return any(c.dep_ == "nummod" and c.i == span.end for c in span[-1].children)


def ticker_after(span) -> bool:
    """A name with its possessive before a bracketed stock symbol: "Harrow’s (HRW)"."""
    doc, end = span.doc, span.end
    return end + 2 < len(doc) and doc[end].text == "(" and ACRONYM.match(doc[end + 1].text) is not None \
        and doc[end + 2].text == ")" and span[-1].lower_ in ("’s", "'s")


def with_possessive(span):
    """The span with the possessive that follows it: "Tallow" -> "Tallow’s"."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ("’s", "'s") and not doc[span.end - 1].whitespace_:
        return doc[span.start:span.end + 1]
    return span


def clip(span):
    """The span cut at a line break and at dangling lowercase words: 'Associated Press that'."""
    doc, end = span.doc, span.start
    while end < span.end and not doc[end].is_space and "\n" not in doc[end].text:
        end += 1
    while end > span.start and doc[end - 1].is_lower and doc[end - 1].pos_ not in ("PROPN", "NOUN"):
        end -= 1
    return doc[span.start:end]


def before_region(doc, start: int, end: int) -> bool:
    """A one-word name before ", <place>" and the end of the phrase is a town: "Harbour, Ohio.",
    "Harbour, Ark." (a state as news style abbreviates it)."""
    if end - start != 1 or end + 1 >= len(doc) or doc[end].text != ",":
        return False
    nxt = doc[end + 1]
    if STATE_ABBREVIATION.match(nxt.text) and nxt.lower_ not in HONORIFICS \
            and nxt.lower_.rstrip(".") not in TITLE_WORDS:  # "Harrow, Mr. Grant and ..." lists people
        return True
    if doc[end + 1].ent_type_ != "GPE":
        return False
    i = end + 1
    while i < len(doc) and doc[i].ent_type_ == "GPE":
        i += 1
    return i >= len(doc) or doc[i].is_punct or doc[i].is_space or doc[i].is_sent_start


def only_titles(text: str) -> bool:
    """A 'person' that is only a title: 'Lt Col', 'Gen.'."""
    words = [w.strip(".").lower() for w in text.split()]
    return bool(words) and all(w in TITLE_WORDS or w in HONORIFICS for w in words)


def before_place_noun(doc, end: int) -> bool:
    """Whether a name, or the list of names it opens, comes before 'County' or 'counties'."""
    i = end
    while i < len(doc) and (doc[i].pos_ == "PROPN" and doc[i].lower_ not in PLACE_NOUNS
                            or doc[i].lower_ in (",", "and", "or")):
        i += 1
    return i < len(doc) and doc[i].lower_ in PLACE_NOUNS and doc[i - 1].lower_ not in (",", "and", "or")


def defined_term(body: str, start: int, text: str) -> bool:
    """An abbreviation the article defines by lowercase words: 'hypersensitivity pneumonitis, or HP'.

    Any of its uses in the body may be the definition; start is this use's offset."""
    if not ACRONYM.match(text) or "&" in text:
        return False
    return any(defined_at(body, m.start(), text) for m in re.finditer(rf"\b{re.escape(text)}\b", body))


def defined_at(body: str, start: int, text: str) -> bool:
    before = re.findall(r"[A-Za-z][\w-]*", body[max(0, start - 120):start])
    words = [w for w in before if w.lower() not in ("or", "and", "of", "the")][-len(text):]
    return len(words) == len(text) and all(w.islower() for w in words) \
        and "".join(w[0] for w in words).upper() == text


def rejected_before(body: str, start: int, rejected: set[str]) -> set[str]:
    """The abbreviation in brackets after a rejected name is rejected too: 'Kospi Index (KOSPI)'."""
    head = body[max(0, start - 60):start]
    if not head.endswith("("):
        return set()
    return {body[start:].split(")", 1)[0]} if any(head[:-1].rstrip().endswith(r) for r in rejected) else set()


def widen(doc, ent, kind: str):
    """The entity grown over words spaCy cut off: 'Government of' + 'Liberia', 'HI' + 'Europe'."""
    start, end = ent.start, ent.end
    if end < len(doc) and doc[end - 1].lower_ in ("of", "for", "and", "&"):
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
    elif kind == "organization" and doc[end - 1].lower_ in ORG_OF_HEADS:
        end = of_place_end(doc, end)
    if kind != "person" and start > 0 and ACRONYM.match(doc[start - 1].text) \
            and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
        start -= 1
    return doc[start:end]


def of_place_end(doc, end: int) -> int:
    """The end of '<organisation> of <Place>' when a whole place follows: 'Reserve Bank of Ohio'."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of" or doc[end + 1].ent_iob_ != "B" \
            or doc[end + 1].ent_type_ != "GPE":
        return end
    i = end + 2
    while i < len(doc) and doc[i].ent_iob_ == "I":
        i += 1
    return i


def org_like(span) -> bool:
    """A 'forum' or 'conference' that speaks or is described as an organisation:
    'the Harbour Policy Forum, a think tank', 'the Harbour Forum said'."""
    head = span[-1]
    if head.lower_ not in ORG_CAPABLE_HEADS:
        return False
    if head.dep_ == "nsubj" and head.head.pos_ == "VERB" or affiliation_of(head):
        return True
    near = [head.head] if head.dep_ == "appos" else []
    near += [c for c in head.children if c.dep_ == "appos"]
    return any(t.lower_ in ORG_NOUNS or t.lower_ in ("tank", "organization", "organisation")
               for t in near)


def affiliation_of(tok) -> bool:
    """Whether a name is where someone works: "a senior fellow at the Harbour Forum"."""
    from .roles import ROLE_NOUNS

    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ in ("at", "of") \
        and prep.head.lemma_.lower() in ROLE_NOUNS | AFFILIATE_NOUNS


def inner_acronyms(text: str, start: int) -> list[Mention]:
    """Organisation acronyms inside a rejected name: 'OSCE' in 'OSCE Forum'; not in a law's
    or a plan's name, which the capitals spell out themselves ('the HOPE Act')."""
    out = []
    if text.split() and text.split()[-1].lower() in DOCUMENT_HEADS:
        return out
    for m in re.finditer(r"\b[A-Z][A-Z&]{1,6}\b", text):
        if m.group(0) not in NON_ORG_ABBREVIATIONS:
            out.append(Mention(start + m.start(), start + m.end(), m.group(0), "organization", True))
    return out


def after_title(span):
    """A person's name starts after a title the model took into it: "Historian Dana Reyes"
    (two words at least stay: "Prince Harry" and "Judge Reinhold" are names as written)."""
    from .roles import ROLE_NOUNS

    if len(span) >= 3 and span[0].is_title and span[0].lower_ in ROLE_NOUNS and span[1].is_title:
        return span[1:]
    return span


def after_abbreviation(span):
    """A person's name starts after a team or a position in capitals: "Harbour FW Tom Grant"."""
    for tok in reversed(span[:-2]):
        if ACRONYM.match(tok.text):
            return span.doc[tok.i + 1:span.end]
    return span