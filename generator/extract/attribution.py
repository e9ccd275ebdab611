"""Who said a quoted passage: the speech cue near it in spaCy's parse, and that cue's subject."""
from __future__ import annotations

import bisect

# Lemmas of verbs that report speech or writing. Started from the cue lists of
# quotation-attribution work (Pareti's PARC cues, the verbs most often marked as
# Cue in PolNeAR's train split) and pruned by precision on that split.
SPEECH_VERBS = frozenset("""
say tell add warn state note explain claim argue insist declare announce write tweet post
ask answer reply respond conclude suggest predict acknowledge admit concede confirm deny
describe call recall complain boast joke quip shout yell scream exclaim urge vow pledge
promise charge accuse allege assert contend maintain stress emphasize emphasise observe
remark comment mention report reveal testify caution threaten proclaim lament muse wonder
agree disagree counter retort dismiss praise criticize criticise slam blast mock label dub
term brand characterize characterise hail thank apologize apologise recount opine reflect
summarize summarise instruct demand plead beg implore advise recommend propose hint assure
reassure inform interject concur pronounce chant whisper mutter declare decry lambast
continue begin put read quote cite tout scoff sneer snap grumble murmur reiterate repeat
speculate estimate acknowledge attest affirm recommend reason figure blame denounce
condemn email bemoan bark protest chide question confess echo shoot fire retort rail
""".split())
# Cue verbs that need a speech sense to count: "continue", "begin", "put", "read" report
# speech only when they introduce a quotation directly (the quote is their dependent).
WEAK_VERBS = frozenset({"continue", "begin", "put", "read", "add", "figure", "reason", "call"})
# "according to X", "in the words of X": the speaker is the object of the preposition.
ACCORDING = frozenset({"according"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
AGENT_DEPS = frozenset({"agent"})
# Dependencies through which a verb shares its head's subject ("He laughed and added ...",
# "she wanted to stress ...", "He went on, saying ...").
SHARED_SUBJECT_DEPS = frozenset({"conj", "xcomp", "advcl", "acl", "ccomp", "pcomp"})
# A participle modifying an object ("issued a statement warning that ...") reports the words
# of whoever governs the object.
OBJECT_DEPS = frozenset({"dobj", "pobj"})
# A place that "concluded" or "said" inside a person's own report stands for the government
# the person speaks for: the quotation is the person's words.
PLACE_TYPES = frozenset({"GPE", "LOC"})
# Entity types that cannot be a speaker standing next to a cue ("last week, writing ...").
NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
# A "“...” he said." split off by the parser is kept with its quote when at most this long.
SHORT_SENTENCE = 12
# How many tokens after a quotation the verb of its trailing "..., NAME VERB" clause may be.
TRAILING_CLAUSE = 8
# Longest apposition (in tokens) skipped between a name and its cue after a quotation.
MAX_APPOSITION = 16
# How many tokens before a colon a bare name can lead in to a quote ("Clinton: “...”").
COLON_NAME_REACH = 4
# How far (in tokens) a cue may sit before or after a quotation in its sentence window;
# tuned on PolNeAR train (wider windows picked up other clauses' verbs).
MAX_CUE_DISTANCE = 25
# How many heads up from a quotation's attachment point a cue verb is looked for.
MAX_CLIMB = 6


def token_starts(doc) -> list[int]:
    """Character offset of every token (read once: iterating a Doc builds Token objects)."""
    return doc.to_array("IDX").tolist()


def token_range(starts: list[int], span) -> tuple[int, int]:
    """First and one-past-last token overlapping the character span."""
    return bisect.bisect_right(starts, span[0]) - 1 if starts else 0, bisect.bisect_left(starts, span[1])


def token_owner(starts: list[int], spans) -> list[int]:
    """For every token, the index of the quoted span it starts in, or -1."""
    owner = [-1] * len(starts)
    for k, span in enumerate(spans):
        lo, hi = bisect.bisect_left(starts, span[0]), bisect.bisect_left(starts, span[1])
        owner[lo:hi] = [k] * (hi - lo)
    return owner


def is_cue(tok) -> bool:
    """Whether a token is a speech verb or the 'according' of 'according to'."""
    if tok.lower_ in ACCORDING:
        return True
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS


def climb_to_cue(doc, start: int, end: int, owner, para: tuple[int, int]) -> object | None:
    """The speech verb in the paragraph that governs the quotation (its content hangs off it)."""
    heads = {doc[i].head.i for i in range(start, end) if not start <= doc[i].head.i < end}
    for h in sorted(heads):
        tok = doc[h]
        for _ in range(MAX_CLIMB):
            if not para[0] <= tok.i < para[1]:
                break
            if owner[tok.i] < 0 and is_cue(tok):
                return tok
            if tok.head.i == tok.i or tok.dep_ in ("relcl",):
                break
            tok = tok.head
    return None


def window(doc, start: int, end: int, para: tuple[int, int]):
    """Token range of the sentences around a quotation, inside its paragraph, where its cue can be."""
    first, last = doc[start].sent, doc[end - 1].sent
    lo, hi = first.start, last.end
    # "“...” he said." split off as its own short sentence, or a lead-in ending in a colon
    if hi < len(doc) and hi - end <= 1 and doc[hi].sent.end - hi <= SHORT_SENTENCE:
        hi = doc[hi].sent.end
    if lo > 0 and doc[lo - 1].text == ":":
        lo = doc[lo - 1].sent.start
    return max(lo, para[0]), min(hi, para[1])


def trailing_clause_cue(doc, end: int, owner, para: tuple[int, int]):
    """The verb of a short clause right after a quotation ('“...,” an angry Hollande retaliated.')."""
    if end >= para[1] or doc[end - 1].i < 1:
        return None
    closing = doc[end - 1].text
    last = doc[end - 2].text if end >= 2 else ""
    if not (last in (",", "?", "!", "—", "--") or closing in (",", "?", "!") or doc[end].text == ","):
        return None
    i, budget = end, TRAILING_CLAUSE
    while i < para[1] and budget > 0:
        tok = doc[i]
        if owner[i] >= 0 or tok.is_sent_end and tok.is_punct:
            break
        if tok.pos_ == "VERB" and any(c.dep_ in SUBJECT_DEPS and owner[c.i] < 0 for c in tok.children):
            return tok
        close = apposition_close(doc, i, para)
        i, budget = (close + 1, budget) if close is not None else (i + 1, budget - 1)
    return None


def apposition_close(doc, i: int, para: tuple[int, int]) -> int | None:
    """The comma closing an apposition opened by the comma at i after a name ('“...?” He
    Jianxiong, the former executive director for China at the IMF, said'), or None."""
    if doc[i].text != "," or i == 0 or doc[i - 1].pos_ != "PROPN":
        return None
    for k in range(i + 1, min(i + 1 + MAX_APPOSITION, para[1])):
        if doc[k].text == ",":
            return k
        if doc[k].is_sent_end and doc[k].is_punct:
            return None
    return None


def colon_lead_subject(doc, start: int, owner, para: tuple[int, int]):
    """Who leads in to a quotation with a colon: the subject of the lead-in's verb, else the
    last name before the colon ('Clinton: “...”', 'More from Blumenthal and Cohen: “...”')."""
    if start <= para[0] or doc[start - 1].text != ":":
        return None
    head = doc[start - 1].head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    if head.pos_ in ("VERB", "AUX") and head.i < start:
        subj = subject_of(head, owner)
        if subj is not None:
            return subj
    for i in range(start - 2, max(para[0], start - 2 - COLON_NAME_REACH) - 1, -1):
        if owner[i] >= 0:
            break
        if doc[i].ent_type_ in ("PERSON", "ORG") or doc[i].pos_ == "PROPN":
            return doc[i]
    return None


def nearest_cue(doc, start: int, end: int, owner, lo: int, hi: int):
    """The speech verb closest to the quotation inside its window, outside any quotation."""
    best, best_d = None, MAX_CUE_DISTANCE + 1
    for i in range(lo, hi):
        if owner[i] >= 0 or start <= i < end:
            continue
        tok = doc[i]
        if not is_cue(tok) or tok.lemma_.lower() in WEAK_VERBS:
            continue
        d = start - i if i < start else i - end + 1
        if d < best_d:
            best, best_d = tok, d
    return best


def subject_child(tok, owner) -> object | None:
    """The verb's subject outside quotations; of two ("Wikileaks editor-in-chief Kristinn
    Lind said", parsed with two subjects) the one nearest the verb."""
    subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS and owner[c.i] < 0]
    if len(subjects) > 1:
        before = [c for c in subjects if c.i < tok.i]
        return before[-1] if before else subjects[0]
    return subjects[0] if subjects else None


def subject_of(verb, owner) -> object | None:
    """The token naming who did the speaking: the verb's subject, or its shared subject."""
    if verb.lower_ in ACCORDING:
        for child in verb.children:
            if child.dep_ == "prep":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        return None
    if verb.tag_ == "VBG" and verb.dep_ in SHARED_SUBJECT_DEPS:
        lead = participle_lead(verb, owner)  # "X said ..., saying “...”": X
        if lead is not None:
            return lead
    tok = verb
    for _ in range(MAX_CLIMB):
        subj = subject_child(tok, owner)
        if subj is not None and subj.dep_ == "nsubjpass":
            agent = next((c for c in tok.children if c.dep_ in AGENT_DEPS), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            subj = pobj or subj
        if subj is not None:
            return subj  # a relative "who" too: the resolver takes it to its antecedent
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ == "acl" and tok.head.dep_ in OBJECT_DEPS:
            tok = object_governor(tok.head)  # "issued a statement warning that": who issued it
            continue
        if tok.dep_ not in SHARED_SUBJECT_DEPS or tok.head.i == tok.i:
            break
        tok = tok.head
    return adjacent_subject(verb, owner)


def object_governor(obj):
    """The verb whose object (direct, or through a preposition) obj is."""
    return obj.head.head if obj.dep_ == "pobj" else obj.head


def participle_lead(verb, owner) -> object | None:
    """The subject of the speech verb a participial cue hangs under, if there is one."""
    tok = verb.head
    for _ in range(MAX_CLIMB):
        if is_cue(tok) and owner[tok.i] < 0:
            subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS and owner[c.i] < 0), None)
            if subj is not None:
                return subj
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def adjacent_subject(verb, owner) -> object | None:
    """A name or noun right before a subjectless cue ('..., Jake Sullivan, said:'), the parser
    having attached it elsewhere; punctuation between them is skipped."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].is_punct and doc[i].text in ",—-" and verb.i - i <= 2:
        i -= 1
    if i < 0 or owner[i] >= 0 or doc[i].sent.start != verb.sent.start:
        return inverted_subject(verb, owner)
    tok = doc[i]
    if tok.ent_type_ in NOT_SPEAKERS:
        return None
    return tok if tok.pos_ in ("PROPN", "NOUN") or tok.lower_ in SUBJECT_PRONOUNS else None


def inverted_subject(verb, owner) -> object | None:
    """The name right after a cue that follows a quotation ('“...,” wrote Fadem in a note'),
    when the parser did not make it the subject: the last word of the name."""
    doc = verb.doc
    i = verb.i + 1
    if i >= len(doc) or owner[i] >= 0 or not (doc[i].ent_type_ == "PERSON" or doc[i].pos_ == "PROPN"):
        return None
    if verb.i == 0 or not (owner[verb.i - 1] >= 0 or doc[verb.i - 1].is_punct):
        return None
    while i + 1 < len(doc) and owner[i + 1] < 0 and doc[i + 1].pos_ == "PROPN":
        i += 1
    return doc[i]


def own_subject(doc, start: int, end: int, owner, para: tuple[int, int]):
    """Who said it, by a cue of the quotation's own: one governing it or in the clause after it."""
    cue = climb_to_cue(doc, start, end, owner, para) or trailing_clause_cue(doc, end, owner, para)
    if cue is None:
        return None
    subj = subject_of(cue, owner)
    if subj is not None and subj.ent_type_ in PLACE_TYPES and cue.dep_ == "ccomp" and is_cue(cue.head):
        outer = subject_of(cue.head, owner)  # "Grant said Ottawa had concluded “...”"
        if outer is not None and (outer.ent_type_ == "PERSON" or outer.lower_ in SUBJECT_PRONOUNS):
            return outer
    return subj


def nearby_subject(doc, start: int, end: int, owner, para: tuple[int, int]):
    """Who said it, by a cue in the quotation's sentences or a lead-in ending in a colon."""
    lo, hi = window(doc, start, end, para)
    cue = nearest_cue(doc, start, end, owner, lo, hi)
    if cue is not None:
        return subject_of(cue, owner)
    return colon_lead_subject(doc, start, owner, para)


def governing_subject(doc, start: int, end: int, owner, para: tuple[int, int]):
    """The subject of the nearest verb the quotation hangs off ('The ad targets a “...”')."""
    heads = sorted({doc[i].head.i for i in range(start, end) if not start <= doc[i].head.i < end})
    for h in heads:
        tok = doc[h]
        for _ in range(MAX_CLIMB):
            if not para[0] <= tok.i < para[1] or owner[tok.i] >= 0:
                break
            if tok.pos_ in ("VERB", "AUX"):
                subj = subject_of(tok, owner)
                if subj is not None:
                    return subj
            if tok.head.i == tok.i:
                break
            tok = tok.head
    return None
