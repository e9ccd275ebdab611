"""What the parse says about a time expression: the tense of its verb and what it is about."""
from __future__ import annotations

from .lexicon import FUTURE_CUES, INTENT_LEMMAS

# Auxiliaries that put a clause in the future or the past.
FUTURE_AUX = frozenset("will 'll shall wo".split())
PAST_AUX = frozenset("did was were had has have 've 'd".split())
# "would" in reported speech ("said it would meet on Friday") points forward from the report.
CONDITIONAL_AUX = frozenset(("would",))
CONDITIONAL_DIRECTION = 1
# Other modals with a date mostly look ahead ("the Senate could vote Friday"), unless
# perfect ("could have voted").
MODAL_AUX = frozenset("could may might must should can ca".split())
MODAL_DIRECTION = 1
# Cues that point ahead only with "for" or "to" ("set for Friday"), not alone ("a record set on Aug. 6").
AMBIGUOUS_CUES = frozenset(("set",))
# The past perfect ("had filed by Wednesday") outranks a forward-looking preposition.
PAST_PERFECT = -2
# Simple present with a date is mostly a schedule in news ("they meet Monday"), except
# for reporting verbs ("says"); tuned on TimeBank.
PRESENT_DIRECTION = 1
REPORTING_VERBS = frozenset("say tell report announce state claim add note be have".split())
STATIVE_VERBS = frozenset("be have".split())
# Verbs that tell of something: the tense is the telling's, not the date's when the date sits in
# what was told ("Saudi Arabia told oil companies of a cutback in September", in an August
# article: TimeBank gives the coming September). Lemmas.
TELLING_LEMMAS = frozenset("tell inform notify warn predict forecast".split())
# Dependency labels by which a date modifies a noun ("Thursday's conversation"): no tense.
NOUN_MODIFIER_DEPS = frozenset("poss compound amod nmod nummod".split())
# How far up the tree to look for the governing verb (tokens).
MAX_CLIMB = 6
# Longest "about" phrase, in words.
ABOUT_WORDS = 8
PLACE_PREPS = frozenset("in at between".split())
PHRASE_DEPS = frozenset("compound amod poss nmod nummod".split())
COORDINATION_DEPS = frozenset(("cc", "conj"))


def span_root(doc, start: int, end: int):
    """The syntactic root of the tokens covering [start, end), or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def governing_verb(tok, through_nouns: bool = True):
    """The verb a token hangs from (itself when a verb), or None past a noun it modifies;
    through_nouns: climb from "talks on Jan. 9" to the verb above the noun."""
    stop = NOUN_MODIFIER_DEPS if through_nouns else NOUN_MODIFIER_DEPS | {"prep"}
    for _ in range(MAX_CLIMB):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.dep_ in stop and tok.head.pos_ in ("NOUN", "PROPN"):
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def to_infinitive(verb) -> bool:
    """Whether a verb is a to-infinitive ("to admit")."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def gerund_act(verb) -> bool:
    """Whether a verb is a gerund after a preposition ("admitted to plotting to ..."):
    an act the governing clause places, not a plan."""
    return verb.tag_ == "VBG" and verb.dep_ == "pcomp" and not any(c.dep_ == "aux" for c in verb.children)


def clause_chain(verb):
    """The verb, the verb it completes, and, for a gerund after a preposition, the verb above that
    ("to rob" -> "plotting" -> "admitted"): where the tense of an untensed verb is found."""
    yield verb
    v = verb
    for _ in range(2):
        if v.dep_ in ("xcomp", "ccomp", "advcl") and v.head.i != v.i:
            v = v.head
        elif gerund_act(v) and v.head.dep_ == "prep" and (above := verb_above(v.head)) is not None:
            v = above
        else:
            return
        yield v
        if v.tag_ not in ("VB", "VBG"):
            return


def verb_above(prep):
    """The verb a preposition hangs from, directly or through an adjective ("was guilty of")."""
    head = prep.head
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "oprd") and head.head.i != head.i:
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def verb_direction(verb) -> int:
    """-1 when the verb's clause is past, +1 when future, 0 when the tense does not say."""
    for v in clause_chain(verb):
        aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        if v is verb and "to" in aux and v.dep_ == "xcomp" and v.head.lemma_ == "be" and v.head.tag_ != "VBD":
            return 1  # "is to resume trading Tuesday": a plan
        if "had" in aux:
            return PAST_PERFECT
        if aux & FUTURE_AUX or v.lower_ in FUTURE_CUES and v is not verb:
            return 1
        if v is not verb and v.lemma_ in INTENT_LEMMAS and verb.dep_ == "xcomp" and to_infinitive(verb) \
                and not gerund_act(v):
            return 0  # the decision's past does not place what was decided: the nearest reading
        if v is verb and v.lower_ in FUTURE_CUES and v.tag_ in ("VBN", "VBG", "JJ") and (
                v.lower_ not in AMBIGUOUS_CUES or any(c.lower_ in ("for", "to") for c in v.children)):
            return 1
        if aux & CONDITIONAL_AUX:
            return CONDITIONAL_DIRECTION
        if aux & MODAL_AUX and "have" not in aux:
            return MODAL_DIRECTION
        if "going" in aux or ({"is", "are", "'s", "'re"} & aux and v.tag_ == "VBG"):
            return 1
        if v.tag_ == "VBD" or aux & PAST_AUX or v.tag_ == "VBN" and not aux:
            return -1
        if v.tag_ in ("VBZ", "VBP") and not aux and (v.lemma_ not in REPORTING_VERBS or reports_a_thing(v)):
            return PRESENT_DIRECTION
        if v.tag_ not in ("VB", "VBG"):  # an infinitive or a participle ("found sleeping"): its head says
            break
    return 0


def reports_a_thing(verb) -> bool:
    """Whether a reporting verb takes a thing as its object, not what was said ("posts profits",
    "announces results"): an act on a schedule, like any other present-tense verb."""
    return verb.lemma_ not in STATIVE_VERBS and not any(c.dep_ == "ccomp" for c in verb.children) \
        and any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)


def direction(doc, start: int, end: int, through_nouns: bool = True) -> int:
    """The tense direction of the clause a time expression belongs to."""
    root = span_root(doc, start, end)
    if root is None:
        return 0
    verb = governing_verb(root, through_nouns)
    if verb is None or verb.lemma_ in TELLING_LEMMAS and via_noun(root, verb):
        return 0
    if simple_present(verb) and via_noun(root, verb):
        return 0  # "readers ask about the trip on Saturday": the present is the asking's, not the trip's
    return verb_direction(verb)


def simple_present(verb) -> bool:
    """Whether a verb is in the simple present, with no auxiliary ("meets", "know")."""
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def noun_event_direction(doc, start: int, end: int) -> int:
    """The tense of the verb above the noun a date modifies ("detained in June over the February 9
    raid": past), or 0; for a date with no clause of its own, which the event noun's clause places."""
    root = span_root(doc, start, end)
    if root is None or root.dep_ not in NOUN_MODIFIER_DEPS or root.head.pos_ not in ("NOUN", "PROPN"):
        return 0
    verb = governing_verb(root.head)
    if verb is None or to_infinitive(verb):
        return 0  # "to start trading for November contracts": a purpose, not placed by its head
    return max(verb_direction(verb), -1)


def clause_verb(doc, start: int, end: int):
    """The verb of the clause a span belongs to (climbing through nouns), or None."""
    root = span_root(doc, start, end)
    tok = root
    for _ in range(2 * MAX_CLIMB):
        if tok is None or tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def dominates(doc, outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    """Whether the clause of span outer (or the verb it completes) is the clause of span inner or
    one above it ("tried to make it a theme in 2012, after he fell at a June parade")."""
    a, b = clause_verb(doc, *outer), clause_verb(doc, *inner)
    if a is None or b is None:
        return False
    outers = {a.i}
    while a.dep_ == "xcomp" and a.head.i != a.i:  # "tried to make it a theme in 2012": tried's clause
        a = a.head
        outers.add(a.i)
    return b.i in outers or any(t.i in outers for t in b.ancestors)


def via_noun(tok, verb) -> bool:
    """Whether a token hangs from the verb through a noun ("told them of a cutback in September")."""
    while tok.i != verb.i and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN") and tok.i != verb.i:
            return True
    return False


def phrase(tok, skip: tuple[int, int]) -> str:
    """A short noun phrase around a head: its compounds, adjectives and possessors, with the
    words coordinated to them ("US and Russian presidents", not "US presidents")."""
    i = tok.i
    kept: set[int] = set()
    for t in tok.subtree:  # text order: a coordinated word comes after the word it joins
        if t.i == i or t.dep_ in PHRASE_DEPS and t.head.i == i or \
                t.dep_ in PHRASE_DEPS and t.head.head.i == i and t.head.dep_ in PHRASE_DEPS or \
                t.dep_ in COORDINATION_DEPS and t.head.i in kept and t.head.i != i:
            kept.add(t.i)
    words = [t for t in tok.subtree if t.i in kept and not skip[0] <= t.idx < skip[1] and not t.is_punct]
    return " ".join(t.text for t in words[-ABOUT_WORDS:])


def noun_phrase(noun, skip: tuple[int, int]) -> str:
    """The noun's head phrase and the place it is in ("security talks in Geneva")."""
    text = phrase(noun, skip)
    place = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS), None)
    obj = next((c for c in place.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None) if place else None
    return f"{text} {place.text} {phrase(obj, skip)}" if obj is not None else text


def about(doc, start: int, end: int) -> str | None:
    """The event a time expression belongs to: verb + object, or the noun it modifies."""
    root = span_root(doc, start, end)
    if root is None:
        return None
    tok = root
    for _ in range(MAX_CLIMB):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ in NOUN_MODIFIER_DEPS | {"prep", "npadvmod", "appos"} and head.pos_ in ("NOUN", "PROPN") \
                and not start <= head.idx < end:
            return noun_phrase(head, (start, end)) or None
        if head.pos_ in ("VERB", "AUX"):
            return verb_phrase(head, (start, end))
        tok = head
    return None


def verb_phrase(verb, skip: tuple[int, int]) -> str:
    """Subject, verb and object of a clause, each trimmed to its head phrase."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        subj = verb.head
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")), None)
    if subj is not None and subj.tag_ in ("WDT", "WP"):
        subj = verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None
    parts = [phrase(subj, skip) if subj is not None and subj.pos_ != "PRON" else "",
             verb.text, phrase(obj, skip) if obj is not None and obj.pos_ != "PRON" else ""]
    text = " ".join(p for p in parts if p)
    return " ".join(text.split()[:ABOUT_WORDS])
