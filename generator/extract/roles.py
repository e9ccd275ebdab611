"""Roles of people: titles before a name, appositions after it, descriptions around it.

Works on spaCy tokens of the body. A role is quoted from the text as written
("Polish deputy foreign minister", "chairman of Eurasia Group"); coordinated
titles are shared out ("US and Russian Presidents Joe Biden and Vladimir
Putin" -> "US President", "Russian President").
"""
from __future__ import annotations

from dataclasses import dataclass

# Head nouns of roles; collected from the seeds, BBC politics/business and
# PolNeAR attributions ("said X, chief economist at ...").
ROLE_NOUNS = {
    "president", "minister", "secretary", "aide", "chairman", "chairwoman", "chair",
    "spokesman", "spokeswoman", "spokesperson", "chief", "director", "leader", "governor",
    "senator", "ambassador", "official", "chancellor", "premier", "head", "executive",
    "analyst", "economist", "professor", "adviser", "advisor", "envoy", "commissioner",
    "mayor", "king", "queen", "prince", "princess", "general", "commander", "ceo", "founder",
    "manager", "coach", "captain", "editor", "correspondent", "lawyer", "attorney", "judge",
    "representative", "congressman", "congresswoman", "mp", "msp", "mep", "speaker",
    "deputy", "officer", "strategist", "prosecutor", "inspector", "diplomat", "negotiator",
    "candidate", "researcher", "scientist", "expert", "consultant", "campaigner", "activist",
    "boss", "chairperson", "president-elect", "vice-president", "secretary-general",
    "treasurer", "whip", "pollster", "dean", "rector", "bishop", "archbishop", "pope",
    "emir", "sheikh", "sultan", "monarch", "governor-general", "magnate", "tycoon",
}
# Heads too vague to stand as a role on their own ("the Russian leader" names
# someone but says less than "President" does).
VAGUE_HEADS = {"leader", "official", "head", "chief", "expert", "deputy"}
# Vague heads that still pick out a named person when qualified ("the Russian leader").
QUALIFIED_HEADS = {"leader"}
REPORTING_VERBS = {"say", "tell", "add", "warn", "confirm", "announce", "state", "claim", "deny",
                   "insist", "argue", "explain", "note", "write", "predict", "accuse", "urge",
                   "opine", "describe", "hint", "reveal"}
DESCRIPTION_DETERMINERS = {"a", "an", "the", "his", "her", "its", "their"}
MAX_TITLE_TOKENS = 7
MAX_APPOSITION_TOKENS = 10
TITLE_POS = {"NOUN", "PROPN", "ADJ", "NUM"}


@dataclass(frozen=True)
class Description:
    """A role phrase not attached to a name: 'a Polish deputy foreign minister'."""

    start: int  # character span of the whole phrase, determiner included
    end: int
    text: str  # the whole phrase as written
    role: str  # the phrase without its determiner
    head: str  # the role noun, singular, lowercase
    det: str
    sent: int  # index of the token that starts its sentence
    token: int


def role_head(tok) -> str | None:
    """The singular role noun a token is, if it is one: 'Presidents' -> 'president'."""
    low = tok.lower_
    if low in ROLE_NOUNS:
        return low
    if low.endswith("s") and low[:-1] in ROLE_NOUNS:
        return low[:-1]
    return None


def title_start(doc, end: int, stop: set[int]) -> int:
    """Index where a run of title words ending just before token `end` begins."""
    i = end - 1
    while i >= 0 and end - i <= MAX_TITLE_TOKENS and i not in stop:
        tok = doc[i]
        if tok.pos_ in TITLE_POS or tok.text in ("-", "–") or tok.tag_ in ("VBG", "VBN") and tok.dep_ in ("amod", "compound"):
            pass
        elif tok.lower_ == "and" and i > 0 and doc[i - 1].pos_ in ("PROPN", "ADJ"):
            pass
        elif tok.tag_ == "POS" and i > 0 and doc[i - 1].pos_ == "PROPN":
            pass
        else:
            break
        if tok.lower_ in ("mr", "mrs", "ms", "dr") or tok.is_space:
            break
        if (not tok.text[:1].isupper() and tok.pos_ == "NOUN" and i + 1 < end
                and doc[i + 1].text[:1].isupper() and role_head(doc[i + 1])):
            break  # "the chamber Speaker Michael Martin": the title starts at "Speaker"
        i -= 1
    start = i + 1
    while start < end and (doc[start].lower_ == "and" or doc[start].tag_ == "POS"):
        start += 1
    return start


def pre_title(doc, first: int, stop: set[int]) -> tuple[str, str] | None:
    """The title written before a name ('White House press secretary Jen Psaki'), with its head."""
    if first == 0 or not role_head(doc[first - 1]):
        return None
    start = title_start(doc, first, stop)
    if start >= first:
        return None
    return doc[start:first].text, role_head(doc[first - 1])


def share_out(title: str, head_token, people: int) -> list[str]:
    """Split a plural coordinated title among the people it introduces."""
    words = title.split()
    head = head_token.text[:-1] if head_token.lower_.endswith("s") else head_token.text
    mods = " ".join(words[:-1])
    parts = [p.strip() for p in mods.split(" and ")] if " and " in f" {mods} " else [mods]
    if len(parts) == people:
        return [f"{p} {head}".strip() for p in parts]
    return [f"{mods} {head}".strip()] * people


def apposition(doc, last: int) -> tuple[str, str] | None:
    """The role after a name: 'Ian Bremmer, chairman of Eurasia Group,' or ', who was the ...'."""
    i = last + 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i + 1 < len(doc) and doc[i].lower_ == "who" and doc[i + 1].lemma_ == "be":
        i += 2
    if i < len(doc) and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    start, heads = i, []
    while i < len(doc) and i - start < MAX_APPOSITION_TOKENS:
        tok = doc[i]
        if tok.is_punct and tok.text not in ("-", "–") or tok.is_space or tok.pos_ in ("VERB", "AUX") \
                and tok.tag_ not in ("VBN", "VBG") or tok.lower_ in ("who", "which", "that"):
            break
        if role_head(tok) and i - start < 4:
            heads.append(role_head(tok))
        i += 1
    if not heads or i == start or doc[start].pos_ not in TITLE_POS | {"VERB"}:
        return None
    return doc[start:i].text, heads[0]


def descriptions(doc, named: set[int]) -> list[Description]:
    """Role phrases with a determiner and no name after them: 'a Polish deputy foreign minister'."""
    out = []
    for tok in doc:
        head = role_head(tok)
        if not head or tok.pos_ != "NOUN" or tok.i in named or tok.ent_type_:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (nxt.i in named or nxt.pos_ in TITLE_POS):
            continue  # a name follows (a title), or the noun phrase goes on
        start = title_start(doc, tok.i + 1, named)
        det = doc[start - 1] if start > 0 else None
        if det is None or det.lower_ not in DESCRIPTION_DETERMINERS:
            continue
        if head != tok.lower_:
            continue  # plural: "the two leaders", "officials"
        out.append(Description(det.idx, tok.idx + len(tok.text), doc[det.i: tok.i + 1].text,
                               doc[start: tok.i + 1].text, head,
                               det.lower_, tok.sent.start, tok.i))
    return out
