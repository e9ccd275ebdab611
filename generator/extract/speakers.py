"""A speaker mention -> the fullest name it refers to: names, surnames, pronouns, descriptions."""
from __future__ import annotations

import bisect
import re

from ..model import Actor, Span
from . import text_of
from .roles import ROLE_NOUNS

# Words that precede a name without being part of it ("President Vladimir Putin", "Sen. Ted
# Cruz", "White House press secretary Jen Psaki" keeps only the name): honorifics and
# determiners here, role nouns from roles.py; is_title_word says which is which.
HONORIFIC_WORDS = frozenset("""
mr mrs ms miss dr prof sir dame lord lady rev gen col lt sgt capt sen rep gov former vice acting
presidential the a an
""".split())
# Suffixes that end a name: a title before them is part of the name ("Martin Luther King Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "i": None, "we": None}
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
# Honorifics that tell a person's gender, so that "she" skips a "Mr." (checked in the
# few characters before a name; "Ms." and "Mrs." before "Mr." so the longer wins).
GENDERED_ADDRESS = {"mrs.": "f", "ms.": "f", "mr.": "m", "sir ": "m", "dame ": "f"}
GROUP_PRONOUNS = frozenset({"it", "they"})
NAME_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "another", "one"})
# Descriptions that name a role a person holds: "the president" can be "President Biden".
# Other heads ("official", "source", "spokesman") stay anonymous unless an earlier
# description or an apposition with a name gives more.
DESCRIPTION_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "case", "nummod"})
# How many characters back a pronoun looks for its antecedent (about two paragraphs).
PRONOUN_REACH = 1500
# How many earlier names a pronoun may skip for one of its gender.
PRONOUN_CANDIDATES = 6
POSSESSIVE = re.compile(r"(['’]s|['’])$")


def role_words(role: str) -> frozenset[str]:
    """The words of a role, lowercase, possessives off: "China’s ambassador" -> {china, ambassador}."""
    return frozenset(POSSESSIVE.sub("", w) for w in role.lower().split())


def is_title_word(word: str) -> bool:
    """Whether a word is an honorific, a determiner or a role noun ("Sen.", "secretary")."""
    low = word.lower().strip(",").rstrip(".")
    return low in HONORIFIC_WORDS or low in ROLE_NOUNS or low.endswith("s") and low[:-1] in ROLE_NOUNS


def leads_to_title(words: list[str]) -> bool:
    """Whether words[0] starts a title rather than the name: a lowercase role noun follows
    within three words ("White House press secretary"), or a capitalised one right after
    it that a name still follows ("US President Biden", not "John King")."""
    ahead = words[1:4]
    if any(w.islower() and is_title_word(w) for w in ahead[:len(words) - 2]):
        return True
    rest = [w.lower().rstrip(".,") for w in words[2:]]
    return len(words) > 2 and is_title_word(words[1]) and not set(rest) <= NAME_SUFFIXES


def clean_name(text: str) -> str:
    """An entity's text without the title before it and a trailing possessive."""
    words = POSSESSIVE.sub("", text.strip()).split()
    while len(words) > 1 and (is_title_word(words[0]) or leads_to_title(words)):
        if len(words) == 2 and words[1].lower().rstrip(".,") in NAME_SUFFIXES:
            break
        title = is_title_word(words[0])
        words.pop(0)
        if title and len(words) > 2 and words[0].lower() in ("of", "to", "for"):
            del words[:2]  # "Secretary of State Anna Lind": the title's complement goes too
    return " ".join(words).strip(" ,")


class Resolver:
    """Names in one document, indexed for resolving speaker mentions in text order."""

    def __init__(self, doc, actors: tuple[Actor, ...] = (), text: str | None = None):
        self.doc = doc
        self.text = text_of(doc) if text is None else text
        self.people: list[tuple[int, str]] = []  # (char offset, clean full name), text order
        self.groups: list[tuple[int, str]] = []
        self.fullest: dict[str, str] = {}  # lowercase last name -> fullest name seen
        self.named: dict[str, list[tuple[int, str]]] = {}  # last name -> full names, text order
        self.ent_at: dict[int, object] = {}
        self.gender: dict[str, str] = {}  # lowercase name -> "m" | "f", from honorifics
        self.mentions = sorted((s, e, a.name) for a in actors if a.kind == "person" for s, e in a.mentions)
        self.mention_starts = [m[0] for m in self.mentions]
        self.roles = [(role_words(a.role), a.name) for a in actors if a.kind == "person" and a.role]
        not_people = {a.name.lower() for a in actors if a.kind != "person"}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent
            name = clean_name(ent.text)
            if not name:
                continue
            if ent.label_ in NAME_LABELS and name.lower() not in not_people:
                self.people.append((ent.start_char, name))
                honorific = self.text[max(0, ent.start_char - 5):ent.start_char + 4].lower()
                for word, gender in GENDERED_ADDRESS.items():
                    if word in honorific:
                        self.gender.setdefault(name.lower(), gender)
                last = name.split()[-1].lower()
                if len(name.split()) > len(self.fullest.get(last, "").split()):
                    self.fullest[last] = name
                if len(name.split()) > 1:
                    self.named.setdefault(last, []).append((ent.start_char, name))
            elif ent.label_ in GROUP_LABELS:
                self.groups.append((ent.start_char, name))
        for actor in actors:
            if actor.kind == "person" and actor.name.strip():
                last = actor.name.split()[-1].lower()
                if len(actor.name.split()) > len(self.fullest.get(last, "").split()):
                    self.fullest[last] = actor.name
        self.people_at = [p[0] for p in self.people]
        self.groups_at = [g[0] for g in self.groups]
        self.descriptions: list[tuple[int, str, str]] = []  # (offset, head lemma, text)

    def full(self, name: str, at: int | None = None) -> str:
        """The fullest name the document uses for the person called name (at: the latest
        full name before that offset, so "Clinton" after "Hillary Clinton" is not Bill)."""
        last = name.split()[-1].lower() if name.split() else ""
        best = self.fullest.get(last, name)
        if at is not None and len(name.split()) == 1 and self.named.get(last):
            earlier = [n for off, n in self.named[last] if off < at]
            best = earlier[-1] if earlier else self.named[last][0][1]
        if len(best.split()) > len(name.split()) and best.lower().endswith(name.lower()):
            return best  # "Lind" -> "Anna Lind"
        return name

    def mention(self, tok) -> Span:
        """The span of the mention headed by tok: its entity, else its noun phrase without clauses."""
        ent = self.ent_at.get(tok.i)
        if ent is not None:
            return ent.start_char, ent.end_char
        left = tok
        for child in tok.lefts:
            if child.dep_ in DESCRIPTION_DEPS:
                left = child.left_edge if child.left_edge.i < left.i else child
                break
        return left.idx, tok.idx + len(tok.text)

    def resolve(self, tok, previous: list[tuple[int, str]]) -> tuple[str | None, Span]:
        """(speaker name, speaker span) for the subject token of a cue."""
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            name, _ = self.resolve(tok.head.head, previous)  # "Weaver, who said": Weaver
            return name, (tok.idx, tok.idx + len(tok))
        span = self.mention(tok)
        low = tok.lower_
        known = self.actor_named_at(tok.idx) if tok.pos_ == "PROPN" else None
        if known:
            return known, span
        ent = self.ent_at.get(tok.i)
        if ent is not None and ent.label_ in NAME_LABELS:
            return self.full(clean_name(ent.text), tok.idx), span
        if ent is not None and ent.label_ in GROUP_LABELS:
            name = clean_name(ent.text)
            if tok.pos_ == "PROPN" and name.split() and name.split()[-1].lower() in self.fullest:
                return self.full(name, tok.idx), span  # a surname the tagger took for a place
            return name, span
        if tok.pos_ == "PROPN":
            name = clean_name(self.text[span[0]:span[1]])
            return (self.full(name, tok.idx) if name else None), span
        if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
            return self.pronoun(tok, previous), (tok.idx, tok.idx + len(tok))
        named = self.apposed_name(tok)
        if named:
            return named, span
        return self.description(tok, span), span

    def actor_named_at(self, at: int) -> str | None:
        """The person actor one of whose name mentions covers the character offset at."""
        k = bisect.bisect_right(self.mention_starts, at) - 1
        while k >= 0 and self.mentions[k][0] > at - 80:
            start, end, name = self.mentions[k]
            if start <= at < end:
                return name
            k -= 1
        return None

    def apposed_name(self, tok) -> str | None:
        """A name in apposition to a description: 'her adviser, Jake Sullivan,'."""
        for child in tok.children:
            if child.dep_ == "appos" and self.actor_named_at(child.idx):
                return self.actor_named_at(child.idx)
            if child.dep_ == "appos":
                ent = self.ent_at.get(child.i)
                if ent is not None and ent.label_ in NAME_LABELS:
                    return self.full(clean_name(ent.text))
        return None

    def pronoun(self, tok, previous: list[tuple[int, str]]) -> str | None:
        """The antecedent of a pronoun subject: the latest speaker or name before it."""
        at = tok.idx
        if tok.lower_ in GROUP_PRONOUNS:
            k = bisect.bisect_left(self.groups_at, at)
            if k and at - self.groups_at[k - 1] <= PRONOUN_REACH:
                return self.groups[k - 1][1]
            return None
        if tok.lower_ in ("i", "we"):
            return previous[-1][1] if previous else None
        gender = PERSON_PRONOUNS.get(tok.lower_)
        k = bisect.bisect_left(self.people_at, at)
        last_person = None
        for j in range(k - 1, max(k - 1 - PRONOUN_CANDIDATES, -1), -1):
            if at - self.people_at[j] > PRONOUN_REACH:
                break
            if self.fits(self.people[j][1], gender):
                last_person = self.people[j]
                break
        if previous and at - previous[-1][0] <= PRONOUN_REACH and self.fits(previous[-1][1], gender) and (
                last_person is None or self.full(last_person[1], last_person[0]) == previous[-1][1]
                or previous[-1][0] >= last_person[0] - 200):
            return previous[-1][1]
        return self.full(last_person[1], last_person[0]) if last_person else None

    def role_holder(self, words: list[str]) -> str | None:
        """The one person whose stated role says all a description does ("China's ambassador"
        -> the person introduced as "China's ambassador to Britain")."""
        said = role_words(" ".join(words))
        if len(said) < 2:
            return None  # "the spokesperson" alone says too little to pick one person
        holders = {name for role, name in self.roles if said and said <= role}
        return holders.pop() if len(holders) == 1 else None

    def fits(self, name: str, gender: str | None) -> bool:
        """Whether a pronoun of this gender can refer to the person called name."""
        known = self.gender.get(name.lower()) or self.gender.get(self.full(name).lower())
        return gender is None or known is None or known == gender

    def description(self, tok, span: Span) -> str:
        """A common-noun speaker: the fullest earlier description with the same head, else itself."""
        words = [w for w in self.text[span[0]:span[1]].split()]
        while words and words[0].lower() in DETERMINERS:
            words.pop(0)
        text = " ".join(words) or tok.text
        head = tok.lemma_.lower()
        mods = set(w.lower() for w in words[:-1])
        best = text
        for _, h, earlier in reversed(self.descriptions):
            if h == head and mods <= set(earlier.lower().split()[:-1]):
                best = earlier if len(earlier) > len(best) else best
                break
        holder = self.role_holder(words)
        if holder:
            return holder
        if is_title_word(tok.lemma_) and not mods:
            k = bisect.bisect_left(self.people_at, tok.idx)
            for at, name in reversed(self.people[max(0, k - 8):k]):
                before = self.text[max(0, at - 40):at].lower()
                if head in before.split() or head.capitalize() in self.text[max(0, at - 40):at]:
                    return self.full(name)
        self.descriptions.append((span[0], head, best))
        return best
