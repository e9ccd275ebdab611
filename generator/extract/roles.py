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
    # positions in team sports, which sports pages write as titles ("Harbour quarterback X")
    "quarterback", "linebacker", "receiver", "rusher", "center", "striker", "midfielder",
    "defender", "goalkeeper", "pitcher", "catcher", "winger", "playmaker",
    # ranks and offices of the police, the forces and the courts (AP style's titles before names)
    "lieutenant", "sergeant", "colonel", "admiral", "detective", "sheriff", "justice",
    # callings written as titles before a name ("historian Dana Reyes", "Pastor Tom Hale")
    "historian", "author", "novelist", "actor", "actress", "singer", "comedian", "pastor", "rabbi",
    "imam", "priest",
}
# Abbreviated titles written with a full stop before a name ("U.S. Rep. Dale Hunt"), as
# news style guides (AP) abbreviate them: offices and the ranks of the forces and police.
ROLE_ABBREVIATIONS = {"rep": "representative", "sen": "senator", "gov": "governor",
                      "gen": "general", "amb": "ambassador", "atty": "attorney", "supt": "superintendent",
                      "capt": "captain", "lt": "lieutenant", "sgt": "sergeant", "col": "colonel",
                      "cmdr": "commander", "adm": "admiral", "det": "detective"}
# Heads too vague to stand as a role on their own ("the Russian leader" names
# someone but says less than "President" does).
VAGUE_HEADS = {"leader", "official", "head", "chief", "expert", "deputy"}
# Vague heads that still pick out a named person when qualified: they name the top post of
# whatever qualifies them ("the Russian leader", "the agency head", "the company chief"),
# where "a senior official" or "the expert" stays anonymous.
QUALIFIED_HEADS = {"leader", "head", "chief"}
REPORTING_VERBS = {"say", "tell", "add", "warn", "confirm", "announce", "state", "claim", "deny",
                   "insist", "argue", "explain", "note", "write", "predict", "accuse", "urge",
                   "opine", "describe", "hint", "reveal"}
DESCRIPTION_DETERMINERS = {"a", "an", "the", "his", "her", "its", "their"}
# Longest title before a name and longest apposition after one, in tokens: long enough
# for "Sweden's deputy director of public prosecutions" (7) and "chief executive of the
# London-based fact-checking website Full Fact" (12 with its hyphens), short enough not
# to run on into the rest of a sentence (checked on the BBC set and PolNeAR train).
MAX_TITLE_TOKENS = 9
MAX_APPOSITION_TOKENS = 16
TITLE_POS = {"NOUN", "PROPN", "ADJ", "NUM"}
# Tags of plural nouns: a plural head ("the two competing formats, Blu-ray") is no one person's role.
PLURAL_TAGS = {"NNS", "NNPS"}
# Prepositions a title runs across when a role noun stands before them ("Secretary of
# State", "ambassador to Britain", "director for China").
TITLE_PREPOSITIONS = {"of", "to", "for"}
# Honorifics between a title and a name ("his physician Dr. Harold Bornstein").
HONORIFIC_WORDS = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "rev"}
# Adverbs that may open an apposition before its noun phrase: ", who was then serving as
# the President's physician,", ", who is also an executive at SoftBank,".
APPOSITION_ADVERBS = {"also", "then", "now", "currently", "still", "once", "formerly"}
# Determiners left off the front of an apposition's role ("Tim Morrison, another top NSC aide").
APPOSITION_DETERMINERS = {"the", "a", "an", "another"}
# Words that leave a title unchanged in meaning: "the then Home Secretary".
TITLE_ADVERBS = {"then", "now", "formerly"}
# Prepositions that tie a person to an organisation right after the name ("Dr. Anna
# Lind of the State Department of Health", "Tom Grant of the CDF").
AFFILIATION_PREPOSITIONS = {"of", "at"}


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
    """The singular role noun a token is, if it is one: 'Presidents' -> 'president', 'Rep.'
    -> 'representative'."""
    low = tok.lower_
    if low.endswith(".") and low[:-1] in ROLE_ABBREVIATIONS:
        return ROLE_ABBREVIATIONS[low[:-1]]
    if low in ROLE_NOUNS:
        return low
    if low.endswith("s") and low[:-1] in ROLE_NOUNS:
        return low[:-1]
    return None


def abbreviation_stop(doc, i: int) -> bool:
    """Whether token i is the full stop of an abbreviated title the tokenizer split off ("Capt" ".")."""
    return doc[i].text == "." and i > 0 and doc[i - 1].whitespace_ == "" \
        and doc[i - 1].lower_ in ROLE_ABBREVIATIONS


def title_word(doc, i: int, end: int, cross: bool = False) -> bool:
    """Whether token i can belong to a title that ends just before token end (cross: the
    title may run back over a preposition after a role noun, "Secretary of State")."""
    tok = doc[i]
    if tok.pos_ in TITLE_POS or tok.text in ("-", "–") or abbreviation_stop(doc, i):
        return True
    if tok.tag_ in ("VBG", "VBN") and tok.dep_ in ("amod", "compound"):
        return True
    if i > 0 and doc[i - 1].whitespace_ == "" and tok.whitespace_ == "" and i + 1 < end:
        return True  # inside a hyphenated word: the "in" of "editor-in-chief"
    if tok.lower_ == "and":
        return i > 0 and doc[i - 1].pos_ in ("PROPN", "ADJ", "NOUN")
    if tok.tag_ == "POS":
        return i > 0 and doc[i - 1].pos_ == "PROPN"
    if tok.lower_ in TITLE_PREPOSITIONS:
        return cross and i > 0 and i + 1 < end and role_head(doc[i - 1]) is not None
    return tok.lower_ in TITLE_ADVERBS and i + 1 < end


def title_start(doc, end: int, stop: set[int], cross: bool = False) -> int:
    """Index where a run of title words ending just before token `end` begins."""
    i = end - 1
    while i >= 0 and end - i <= MAX_TITLE_TOKENS and i not in stop:
        tok = doc[i]
        if not title_word(doc, i, end, cross):
            break
        if tok.lower_.rstrip(".") in HONORIFIC_WORDS or tok.is_space:
            break
        if (not tok.text[:1].isupper() and tok.pos_ == "NOUN" and i + 1 < end
                and doc[i + 1].text[:1].isupper() and role_head(doc[i + 1])):
            break  # "the chamber Speaker Michael Martin": the title starts at "Speaker"
        i -= 1
    start = i + 1
    while start < end and (doc[start].lower_ in TITLE_PREPOSITIONS | TITLE_ADVERBS | {"and"}
                           and doc[start].lower_ != "then" or doc[start].tag_ == "POS"):
        start += 1
    return start


def title_head(doc, end: int) -> str | None:
    """The role noun of a title ending just before token end, if one ends there.

    Either the last word is a role noun ("press secretary"), or a common noun the parser
    ties to the name ("quarterback Mason Rudolph"), or the title ends in its complement
    ("Secretary of State", "ambassador to Britain").
    """
    tok = doc[end - 1]
    if role_head(tok):
        return role_head(tok)
    if abbreviation_stop(doc, end - 1):
        return ROLE_ABBREVIATIONS[doc[end - 2].lower_]
    if tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.is_alpha and tok.text.islower() and not tok.ent_type_ and (
            tok.head.i >= end and tok.dep_ in ("compound", "nmod")
            or any(c.i >= end and c.dep_ in ("appos", "compound") for c in tok.children)):
        return tok.lemma_.lower()
    j = end - 1
    while j > 0 and end - j <= 4 and (doc[j].text[:1].isupper() or doc[j].lower_ in ("and", "the")):
        j -= 1
    if j < end - 1 and doc[j].lower_ in TITLE_PREPOSITIONS and j > 0:
        return role_head(doc[j - 1])
    return None


def name_start(doc, first: int) -> int:
    """The first token of a name whose mention starts after a hyphenated first part
    ("Anna-Maria Lind" found as "Lind")."""
    if first > 2 and doc[first - 2].text in ("-", "–") and doc[first - 2].whitespace_ == "" \
            and doc[first - 3].whitespace_ == "" and doc[first - 1].pos_ == doc[first - 3].pos_ == "PROPN":
        first -= 3
    return first


def pre_title(doc, first: int, stop: set[int]) -> tuple[str, str] | None:
    """The title written before a name ('White House press secretary Jen Psaki'), with its head."""
    end = name_start(doc, first)
    if end > 1 and doc[end - 1].lower_.rstrip(".") in HONORIFIC_WORDS:
        end -= 1  # "his longtime physician Dr. Harold Bornstein"
    if end == 0:
        return None
    head = title_head(doc, end)
    if head is None:
        return None
    last = doc[end - 1]  # a title runs over "of" only to a capitalised complement ("of State")
    start = title_start(doc, end, stop, cross=last.text[:1].isupper() and not role_head(last))
    if start >= end:
        return None
    return doc[start:end].text, head


def fronted_apposition(doc, first: int, last: int, stop: set[int]) -> tuple[str, str] | None:
    """A title set off before a name by a comma, the parser agreeing they are in apposition:
    "Norway's deputy director of public prosecutions, Anna-Maria Lind, said"."""
    first = name_start(doc, first)
    if first < 2 or doc[first - 1].text != ",":
        return None
    head = doc[first - 2]
    if not (head.pos_ == "NOUN" or role_head(head)) or head.ent_type_ or head.i in stop:
        return None
    start = title_start(doc, first - 1, stop, cross=True)
    if start >= first - 1:
        return None
    run = range(start, first - 1)
    noun = next((doc[k - 1] for k in run if doc[k].lower_ in TITLE_PREPOSITIONS and k > start), head)
    if noun.tag_ in PLURAL_TAGS:
        return None  # "the two competing formats, Blu-ray and HD-DVD"
    linked = any(doc[k].dep_ == "appos" and doc[k].head.i in run for k in range(first, last + 1)) or any(
        doc[k].dep_ == "appos" and first <= doc[k].head.i <= last for k in run)
    if not linked:
        return None
    return doc[start:first - 1].text, role_head(head) or head.lemma_.lower()


def share_out(title: str, head_token, people: int) -> list[str]:
    """Split a plural coordinated title among the people it introduces."""
    words = title.split()
    head = head_token.text[:-1] if head_token.lower_.endswith("s") else head_token.text
    mods = " ".join(words[:-1])
    parts = [p.strip() for p in mods.split(" and ")] if " and " in f" {mods} " else [mods]
    if len(parts) == people:
        return [f"{p} {head}".strip() for p in parts]
    return [f"{mods} {head}".strip()] * people


def apposition_start(doc, i: int) -> int:
    """Where the noun phrase of an apposition begins, past ', who was then serving as the'."""
    if i + 1 < len(doc) and doc[i].lower_ == "who" and doc[i + 1].lemma_ == "be":
        i += 2
    while i < len(doc) and doc[i].lower_ in APPOSITION_ADVERBS:
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ in ("serving", "acting") and doc[i + 1].lower_ == "as":
        i += 2
    if i < len(doc) and doc[i].lower_ in APPOSITION_DETERMINERS:
        i += 1
    return i


def ends_apposition(tok) -> bool:
    """Whether a token cannot be part of an apposition's noun phrase."""
    if tok.is_punct and tok.text not in ("-", "–", "&") or tok.is_space:
        return True
    if tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBG"):
        return True
    return tok.lower_ in ("who", "which", "that", "whose") or tok.ent_type_ in ("DATE", "TIME")


def apposition_end(doc, start: int, stop: set[int]) -> int:
    """One past the last token of an apposition starting at start; another person's name
    ends it, kept when the role is relative to them ("aide to Vice President Pence")."""
    i = start
    while i < len(doc) and i - start < MAX_APPOSITION_TOKENS and not ends_apposition(doc[i]):
        if i in stop:
            if doc[i - 1].lower_ in ("and", "or") or i == start:
                return i - 1 if i > start else start
            while i < len(doc) and i in stop:
                i += 1
            if i < len(doc) and doc[i].tag_ == "POS":  # "a member of Cherie Blair's chambers" goes on
                i += 1
                continue
            return i
        i += 1
    while i > start and doc[i - 1].lower_ in ("and", "or", "of", "the", "a", "at", "to", "in", "for"):
        i -= 1
    return i


def apposition(doc, last: int, stop: set[int] = frozenset()) -> tuple[str, str] | None:
    """The role after a name: 'Ian Bremmer, chairman of Eurasia Group,' or ', who was the ...'.

    The phrase must open like a noun phrase and hold a common noun before its first
    preposition: "Owen Dempsey, a chest doctor at ...", not "Trump, however," or "Smith, 55,".
    """
    i = last + 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    start = apposition_start(doc, i + 1)
    if start >= len(doc) or start in stop:
        return None
    first = doc[start]
    if first.pos_ not in TITLE_POS and first.tag_ not in ("PRP$", "VBG", "VBN") or first.pos_ == "NUM":
        return None
    end = apposition_end(doc, start, stop)
    if any(tok.dep_ in ("nsubj", "nsubjpass") for tok in doc[start:end]):
        return None  # the next clause's subject: "..., says Mr Cox, the Mac mini is ..."
    head = None
    for tok in doc[start:end]:
        if tok.pos_ == "ADP" and tok.lower_ not in ("-",):
            break
        if role_head(tok) or tok.pos_ == "NOUN" and not tok.ent_type_:
            head = role_head(tok) or tok.lemma_.lower()
    if head is None or end <= start:
        return None
    return doc[start:end].text, head


def affiliation(doc, last: int) -> str | None:
    """An organisation written right after a name: 'Robin Biesbroek of the CDF' -> 'of the CDF'."""
    i = last + 1
    if i + 1 >= len(doc) or doc[i].lower_ not in AFFILIATION_PREPOSITIONS:
        return None
    k = i + 1
    if doc[k].ent_type_ != "ORG" and doc[k].lower_ == "the" and k + 1 < len(doc):
        k += 1
    if doc[k].ent_type_ != "ORG":
        return None
    k += 1
    while k < len(doc) and doc[k].ent_iob_ == "I":
        k += 1
    return doc[i:k].text


def descriptions(doc, named: set[int]) -> list[Description]:
    """Role phrases with a determiner and no name after them: 'a Polish deputy foreign minister'."""
    out = []
    for tok in doc:
        head = role_head(tok)
        if not head or tok.pos_ != "NOUN" or tok.i in named or tok.ent_type_:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (nxt.i in named or nxt.pos_ in TITLE_POS or nxt.tag_ == "POS"):
            continue  # a name follows (a title), the noun phrase goes on, or a possessive
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
