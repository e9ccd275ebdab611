"""Spans spaCy labels as names that are no names, told by their shape and their parse.

Clitics and possessives ("’s aide", "n’t"), words glued before a name ("Also X"),
interjections, labels ("EDITED 4:10 p.m."), shouting capitals, headline-shaped
lines, adjectives and plural common nouns written with a capital, families ("the
Harrows"), titles in quotation marks and swapped-letter weekdays.
"""
from __future__ import annotations

import re

# Word classes that never open a name: "Also Harrow", "Well", "Then Smith".
LEAD_POS = {"CCONJ", "SCONJ", "INTJ", "ADV", "PRON", "AUX", "PART", "ADP", "DET", "PUNCT"}
CALENDAR_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                  "january", "february", "march", "april", "june", "july", "august",
                  "september", "october", "november", "december"}
# Institutions written in lowercase are still names: "the supreme court", "the defence department".
INSTITUTION_HEADS = {"court", "department", "ministry", "government", "police", "council",
                     "commission", "committee", "parliament", "senate", "congress", "army",
                     "navy", "party"}
# Adjective endings: a capitalised adjective alone ("Congressional", "Biblical", "Draconian")
# is no name; "UK" or "Labour" tagged as an adjective before a noun are names.
ADJECTIVE_ENDINGS = ("al", "ic", "ian", "ive", "ous", "ary", "ful", "less", "able", "ible")
# A title in quotation marks is at most this many tokens on either side of a name in it.
QUOTED_TITLE_WORDS = 5
# A headline-shaped line has this many words (a related story's link: "Driver Hurt in
# Harbour Road Crash Dies", "Daily Alert Emails"); set on the BBC and seed pages, whose
# prose lines are longer and whose name-only lines are shorter.
HEADING_WORDS = (3, 14)


def in_heading_line(body: str, start: int) -> bool:
    """Whether a name sits on a headline-shaped line (a related story's link, a section
    kicker): a few words, every long one capitalised, no closing punctuation."""
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", start)
    line = body[line_start: line_end if line_end >= 0 else len(body)].strip()
    words = [w for w in line.split() if w[:1].isalpha()]
    if not HEADING_WORDS[0] <= len(words) <= HEADING_WORDS[1] or line[-1:] in ".?!\"”:;,":
        return False
    return all(w[0].isupper() for w in words if len(w) > 3)


def shouted(text: str) -> bool:
    """Capitals that shout rather than abbreviate: 'KILLER STORM', 'MEGA-FLOODS'."""
    words = re.findall(r"[A-Za-z]+", text)
    long_caps = [w for w in words if len(w) >= 4 and w.isupper()]
    return len(long_caps) >= 2 or len(long_caps) == 1 and "-" in text and text.isupper()


def strip_lead(span):
    """The span without words glued before the name: a clitic, a possessive, a conjunction
    or a sentence adverb ("’s aide", "Also Harrow", "Then Smith")."""
    doc, start = span.doc, span.start
    while start < span.end and (possessive(doc[start]) or doc[start].pos_ in LEAD_POS):
        start += 1
    return doc[start:span.end]


def possessive(tok) -> bool:
    """A possessive ending, however tagged (the small model sometimes tags "’s" a proper noun)."""
    return tok.tag_ == "POS" or tok.dep_ == "case" and tok.lower_ in ("’s", "'s", "’", "'")


def before_possessive(span):
    """A person's name ends at a possessive: "Harrow’s Facebook" names Harrow (and a page)."""
    for tok in span:
        if possessive(tok) and tok.i > span.start:
            return span.doc[span.start:tok.i]
    return span


def qualified_org(span, orgs: set[str]) -> bool:
    """A 'person' that is an organisation named after its leader: "the Harrow White House"."""
    doc = span.doc
    return len(span) >= 3 and span[1:].text in orgs and span[0].dep_ == "compound" and any(
        e.label_ == "PERSON" and e[-1].text == span[0].text and e.start != span.start for e in doc.ents)


def not_a_name(span) -> bool:
    """No capital letter ("n’t", "piggy"), a verb inside ("Harrow hit Grant"), an interjection ("Well", a misspelt "Thrusday"),
    or an all-caps label opening a paragraph ("EDITED 4:10 p.m. --", "EDITED - June 2")."""
    if not any(c.isupper() for c in span.text) and span[-1].lower_ not in INSTITUTION_HEADS \
            or shouted(span.text):
        return True
    if len(span) == 1 and (span[0].dep_ == "intj" or calendar_typo(span.text) or common_word(span[0])):
        return True
    if any(t.is_lower and t.pos_ in ("VERB", "AUX") for t in span[1:-1]):
        return True  # a clause, not a name: "Harrow hit Grant"
    return is_label(span) or in_quoted_title(span)


def common_word(tok) -> bool:
    """An adjective or a plural common noun written with a capital ("Parliamentary
    questions", "the Elders"), a family ("the Harrows") or a dropped-g word ("Crookin' Dale")."""
    doc = tok.doc
    after = doc[tok.i + 1].text if tok.i + 1 < len(doc) and not tok.whitespace_ else ""
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    family = tok.text.endswith("s") and before == "the" and any(  # "the Harrows", not a team
        t.text == tok.text[:-1] and t.ent_type_ == "PERSON" for t in doc)
    adjective = tok.pos_ == "ADJ" and tok.lower_.endswith(ADJECTIVE_ENDINGS)  # not "UK", "Labour"
    plural = tok.tag_ == "NNS" and tok.text[1:].islower() and tok.lemma_.lower() + "s" == tok.lower_
    return (adjective or plural or family
            or tok.text.endswith("in") and after in ("'", "’"))  # "Lyin'", not "Berlin's"


def in_quoted_title(span) -> bool:
    """A name inside a short title or slogan in quotation marks: “Cats and Dogs”, “No HOME, No Vote”."""
    doc = span.doc
    left = next((t for t in reversed(doc[max(span.start - QUOTED_TITLE_WORDS, 0):span.start])
                 if t.is_quote or t.is_sent_start), None)
    right = next((t for t in doc[span.end: span.end + QUOTED_TITLE_WORDS] if t.is_quote), None)
    if left is None or right is None or not left.is_quote or not left.is_left_punct:
        return False
    inner = doc[left.i + 1: right.i]
    while len(inner) and inner[-1].is_punct:
        inner = inner[:-1]  # “Cats and Dogs.”
    words = [t for t in inner if t.is_alpha]
    return len(inner) > len(span) and all(t.is_title or t.is_upper or t.is_stop for t in words) \
        and not any(t.is_punct and t.text not in ("&", "-", "'", "’", ",") for t in inner)


def calendar_typo(word: str) -> bool:
    """A weekday or month with its letters swapped: "Thrusday", "Fridya"."""
    low = word.lower()
    return low not in CALENDAR_WORDS and any(
        low[0] == w[0] and sorted(low) == sorted(w) for w in CALENDAR_WORDS)


def is_label(span) -> bool:
    """An all-caps word in brackets, or opening a line before a dash, a colon or a number."""
    doc = span.doc
    if len(span) != 1 or not span.text.isupper() or len(span.text) < 4:
        return False
    if span.start > 0 and doc[span.start - 1].text == "[":
        return True  # "[ PHOTOS]"
    at_line_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    after = [t for t in doc[span.end: span.end + 3] if not t.is_space]
    if not at_line_start or not after:
        return False
    if after[0].text in ("-", "--", "—", "–", ":") and len(after) > 1:
        after = after[1:]
    return after[0].like_num or after[0].ent_type_ in ("DATE", "TIME")
