"""Direct quotations and who said them.

Quotation marks are paired on the raw text (quote_marks), each passage is attributed
over spaCy's parse (attribution: the speech verb that governs it or stands next to it,
and that verb's subject), and the subject is resolved to the fullest name (speakers).
A quotation with no cue of its own takes the speaker of the quote before it in the same
paragraph; failing that, a cue nearby, the verb it hangs off, or the quote in the
paragraph before. A quote run over several paragraphs is attributed as one.
"""
from __future__ import annotations

import bisect

from ..model import Actor, Quote
from .attribution import (governing_subject, nearby_subject, own_subject, subject_of, token_owner,
                          token_range, token_starts)
from .quote_marks import Passage, find_passages, paragraphs
from .speakers import Resolver
from . import text_of

# Quoted passages of fewer words are scare quotes, titles and coinages far more often
# than quotations (PolNeAR counts only 3+ word quotes; measured on its train split).
MIN_WORDS = 3
# A passage with no speech cue inherits the previous quote's speaker when it is at most
# this many paragraphs later (the "paragraph of quote, then more quote" convention).
INHERIT_PARAGRAPHS = 1
# Verbs of indirect speech whose subject a following cue-less quotation is credited to
# ("Erekat said it was only the latest move. ¶ “They wanted us on our knees ...”"): the
# commonest PolNeAR cues, kept to those that report a person's words.
REPORTED_VERBS = ("say", "tell", "add", "write", "explain", "insist", "argue", "warn", "claim")
# Subject tokens that can stand for a person who spoke (a name or a personal pronoun).
REPORTER_PRONOUNS = frozenset({"he", "she"})
# Characters that end a quoted sentence or a quoted clause ('“We will,”', '“Go!”').
SENTENCE_END = frozenset(".,!?…—-–;:")
# Longest quoted phrase (in words) that is_term may take for a name rather than a quotation.
TERM_MAX_WORDS = 5
# Verbs that give something a name rather than report words: a short verbless quote they
# govern is the name ('it has been dubbed “attic dust cough.”').
# ("brand" and "label" stay cues: PolNeAR counts 'Japan branded North Korea an "outlaw nation"'.)
NAMING_VERBS = frozenset({"dub", "nickname", "christen"})
# Quoted Title Case phrases of up to this many words are titles of shows, books, songs and
# headlines ("Saturday Night Live", "How the Grinch Stole Christmas"); tuned on PolNeAR train.
TITLE_MAX_WORDS = 8
# Lowercase words a title keeps ("Guardians of the Galaxy").
TITLE_SMALL_WORDS = frozenset("a an the and or of to in on at for with by from as vs".split())


def is_title(text: str) -> bool:
    """Whether a quoted passage reads as a title: every word capitalised but the small ones."""
    words = [w.strip("“”„\"‘’',.:;!?()") for w in text.split()]
    words = [w for w in words if w]
    if not words or len(words) > TITLE_MAX_WORDS or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in words)


def word_count(text: str) -> int:
    """Words in a passage, marks and punctuation aside."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def find_quotes(doc, actors: tuple[Actor, ...] = ()) -> tuple[Quote, ...]:
    """Every direct quotation in the body, in text order, with its resolved speaker."""
    text = text_of(doc)
    passages = list(find_passages(text))  # short ones too: they carry cues for the next
    if not passages or len(doc) == 0:
        return ()
    starts = token_starts(doc)
    owner = token_owner(starts, [p.span for p in passages])
    paras = paragraphs(text)
    para_starts = [s for s, _ in paras]
    places = [Place(starts, p, paras, para_starts) for p in passages]
    resolver = Resolver(doc, actors, text)
    speakers: list[Speaker] = [NOBODY] * len(passages)
    previous: list[tuple[int, str]] = []
    units = chains(passages)
    last: int | None = None  # the latest passage with a speaker
    reported = reported_cues(doc, owner)
    told = 0  # reported speech verbs already added to the speakers a pronoun may take
    for unit in units:
        told = add_reported(reported, told, passages[unit[0]].span[0], owner, resolver, previous)
        found = speaker_of(doc, unit, places, owner, resolver, previous, passages, speakers, last)
        if found is None or found == speakers[last if last is not None else 0] and last is not None \
                and places[unit[0]].para != places[last].para:
            found = reported_speaker(doc, reported, passages, unit, last, paras, places, owner, resolver,
                                     previous) or found
        for k in unit:
            speakers[k] = found or NOBODY
        if found:
            last = unit[-1]
    return tuple(Quote(text=text[p.span[0]:p.span[1]], span=p.span, speaker=s, speaker_span=ss)
                 for k, (p, (s, ss)) in enumerate(zip(passages, speakers))
                 if reportable(text[p.span[0]:p.span[1]])
                 and not is_heading(text, p, paras[places[k].para])
                 and not is_term(doc, places[k], owner))


def reported_cues(doc, owner) -> list:
    """Speech verbs outside quotations, in text order, found on the lemma array (building a
    Token for every word costs more than the rest of attribution)."""
    wanted = {doc.vocab.strings[w] for w in REPORTED_VERBS}
    lemmas = doc.to_array("LEMMA").tolist()
    return [doc[i] for i, lemma in enumerate(lemmas) if lemma in wanted and owner[i] < 0
            and doc[i].pos_ == "VERB"]


def add_reported(reported, told: int, before: int, owner, resolver, previous) -> int:
    """Add the named speakers of indirect speech before offset `before` to the speakers a
    pronoun may take ("Williams said the call was unusual. “...,” she said.")."""
    while told < len(reported) and reported[told].idx < before:
        subj = subject_of(reported[told], owner)
        if subj is not None and subj.ent_type_ == "PERSON":
            name, span = resolver.resolve(subj, previous)
            if name:
                previous.append((span[0], name))
        told += 1
    return told


def reported_speaker(doc, reported, passages, unit, last, paras, places, owner, resolver, previous):
    """The person whose indirect speech leads in to a cue-less quotation: the latest speech
    verb with a named or pronoun subject after the previous quotation, in this paragraph or
    the one before."""
    start = passages[unit[0]].span[0]
    para = places[unit[0]].para
    since = max(paras[para - 1][0] if para else 0, passages[last].span[1] if last is not None else 0)
    for verb in reversed(reported):
        if verb.idx >= start:
            continue
        if verb.idx < since:
            return None
        subj = subject_of(verb, owner)
        if subj is not None and (subj.ent_type_ == "PERSON" or subj.lower_ in REPORTER_PRONOUNS):
            name, span = resolver.resolve(subj, previous)
            return (name, span) if name else None
    return None


def is_heading(text: str, passage: Passage, para) -> bool:
    """A quoted line standing as a paragraph of its own with no sentence punctuation: a
    crosshead taken from a quote ('"We write with urgency"'), not a quotation."""
    if passage.span != tuple(para) or not passage.closed:
        return False
    inner = text[passage.span[0] + 1:passage.span[1] - 1].rstrip()
    return bool(inner) and inner[-1] not in SENTENCE_END


def is_term(doc, place, owner) -> bool:
    """A short verbless quoted phrase that names something: the modifier of the noun right
    after it ('the “one country, two systems” formula') or what a naming verb governs ('it
    has been dubbed “attic dust cough.”'). A short phrase with no cue at all is still kept:
    on PolNeAR dev most such are partial quotes of someone ("thousands of shootings")."""
    if place.end <= place.start or word_count(doc[place.start:place.end].text) > TERM_MAX_WORDS:
        return False
    inside = doc[place.start:place.end]
    if any(tok.pos_ in ("VERB", "AUX") for tok in inside) or not any(tok.pos_ in ("NOUN", "PROPN") for tok in inside):
        return False  # a verb, or only adjectives ('North Korea's "reckless, dangerous" actions')
    heads = {doc[i].head.i for i in range(place.start, place.end)} - set(range(place.start, place.end))
    return any(doc[h].lemma_.lower() in NAMING_VERBS or h == place.end and doc[h].pos_ == "NOUN"
               for h in heads)


def reportable(passage: str) -> bool:
    """Whether a quoted passage is a quotation worth reporting rather than a title or scare quote."""
    return word_count(passage) >= MIN_WORDS and not is_title(passage)


def speaker_of(doc, unit, places, owner, resolver, previous, passages, speakers, last):
    """The speaker of one quotation: its own cue, else the quote before it in the paragraph,
    else a cue nearby, else the verb governing it, else the quote in the paragraph before."""
    found = attribute_unit(doc, unit, places, owner, resolver, previous, own_subject)
    if found is not None:
        return found
    gap = places[unit[0]].para - places[last].para if last is not None else None
    if gap is not None and (gap == 0 or passages[last].continues):
        return speakers[last]
    for finder in (nearby_subject, governing_subject):
        found = attribute_unit(doc, unit, places, owner, resolver, previous, finder)
        if found is not None:
            return found
    if gap is not None and gap <= INHERIT_PARAGRAPHS:
        return speakers[last]
    return None


Speaker = tuple  # (name or None, span or None)
NOBODY: Speaker = (None, None)


class Place:
    """Where a passage sits: its tokens and its paragraph (as a token range and an index)."""

    def __init__(self, starts: list[int], passage: Passage, paras, para_starts):
        self.start, self.end = token_range(starts, passage.span)
        self.para = max(bisect.bisect_right(para_starts, passage.span[0]) - 1, 0)
        self.tokens = token_range(starts, paras[self.para])


def chains(passages: list[Passage]) -> list[list[int]]:
    """Passages grouped into quotations: a paragraph-continued quote is one group."""
    units: list[list[int]] = []
    for k, p in enumerate(passages):
        if units and passages[units[-1][-1]].continues:
            units[-1].append(k)
        else:
            units.append([k])
    return units


def attribute_unit(doc, unit, places, owner, resolver, previous, finder):
    """The resolved speaker of a quotation whose subject the finder finds, or None."""
    for k in unit:
        pl = places[k]
        if pl.end <= pl.start:
            continue
        subj = finder(doc, pl.start, pl.end, owner, pl.tokens)
        if subj is not None:
            name, span = resolver.resolve(subj, previous)
            if name:
                previous.append((span[0], name))
            return name, span
    return None
