"""Which actors are key: the ones a story is about, not its reporters, sources or asides.

An actor the article lists is one that acts, speaks or is acted on. Left out:
names only in the dateline, the byline or a credit ("(Reporting by ...)",
"... contributed to this report"), news outlets only cited as sources ("told the
BBC", "according to CNN", "The Times reported"), and names in passing (one
mention that neither speaks nor acts: an example, a comparison, a title).
Every signal is read from the parse and the page's shape, none from a name list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Actor, Quote, Span
from ..normal import HONORIFICS
from . import text_of
from .mention_words import TITLE_WORDS
from .roles import REPORTING_VERBS, ROLE_NOUNS

# A dateline opens the body: "LONDON (AP) —", "ST. JOSEPH, Mich. (AP) —", "(Reuters) -",
# "(CNN)President ...", "VIENNA —". At most this many characters before its dash.
DATELINE = re.compile(r"\s*(?:[A-Z][A-Za-z.'’ -]{0,40}(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*)?"
                      r"(?:\((?P<outlet>[A-Z][^()\n]{0,30})\)\s*[—–-]?|[—–]\s)")
MAX_DATELINE = 80
# The dateline opens one of the first paragraphs (a caption or a kicker may come first).
DATELINE_PARAGRAPHS = 3
# A paragraph that credits the reporting rather than telling the story: the sign-off and
# contributor lines of wire services and newspapers, "Write to ... at ...".
CREDIT = re.compile(r"\b(?:reporting|editing|writing|compiled|produced|additional reporting) by\b"
                    r"|\bcontributed(?: reporting| to (?:this|the) (?:report|story|article))"
                    r"|^(?:write|e-?mail|contact) (?:to )?[A-Z]|^by [A-Z]", re.I | re.M)
# A paragraph that is one quotation and nothing else: a pull quote.
QUOTED_LINE = re.compile(r"\s*[“\"][^“”\"\n]+[”\"]\s*$")
# A byline paragraph: a short line naming a reporter with their beat.
BYLINE_NOUNS = re.compile(r"\b(?:correspondent|reporter|editor|columnist|writer|staff)\s*$", re.I)
MAX_BYLINE_WORDS = 10
# Nouns that make the name before them a news outlet ("CNN's chief medical
# correspondent", "Fox News' request for comment", "AP's full coverage").
PRESS_NOUNS = {"correspondent", "reporter", "editor", "columnist", "insider", "anchor", "host",
               "writer", "report", "reporting", "coverage", "interview", "request", "broadcast",
               "podcast", "newsroom", "investigation", "analysis"}
# Verbs whose subject is an outlet when it reports a clause ("NBC News reported that").
OUTLET_VERBS = {"report", "write", "publish", "broadcast"}
# Verbs whose agent ("... by Reuters") is the outlet that saw or printed something.
SEEN_BY_VERBS = {"report", "obtain", "review", "see", "publish", "contact", "interview", "air"}
# Words that carry a message to its hearer: "told the BBC", "a statement to Variety".
SPEECH_TO = {"say", "tell", "speak", "talk", "email", "e-mail", "write", "statement", "comment",
             "email", "letter", "interview", "remark", "confirm", "explain"}
# A journalist's name stands this close to the outlet's ("CBS Sports NFL Insider X",
# "X of the Harbour Post-Gazette").
NEAR_CHARS = 25
# A journalist who says or notes something is a source, not a credit.
SOURCE_VERBS = REPORTING_VERBS - {"write"}
# Family words: a person named only by a given name next to one ("his wife, Marjorie",
# "his daughter Tessa") or by the word itself ("Dad", "Mommy") is a relative, known
# to the reader through another actor; an analyst lists them under their full name.
KIN_WORDS = {"wife", "husband", "son", "daughter", "mother", "father", "brother", "sister",
             "child", "children", "sons", "daughters", "brothers", "sisters", "parents",
             "grandson", "granddaughter", "grandmother", "grandfather", "niece", "nephew",
             "fiancee", "fiancée", "fiance", "girlfriend", "boyfriend", "stepson", "stepdaughter",
             "mom", "mum", "mommy", "mummy", "momma", "mama", "dad", "daddy", "papa", "grandma",
             "grandpa", "granny", "sis"}
# Words whose object lists examples: "the likes of X and Y", "such as X", "stars like X".
EXAMPLE_WORDS = {"likes", "as", "like", "including"}
# Links a name's phrase takes up to "according" while it stays a noun phrase
# ("according to data from X", "according to X's fact checker").
NOMINAL_DEPS = {"pobj", "prep", "poss", "compound", "nmod", "appos", "conj"}
# Grammatical functions by which a name acts or is acted on.
ACTING_DEPS = {"nsubj", "nsubjpass", "dobj", "agent"}
# Links up from a name to the phrase whose function it shares.
SHARED_DEPS = {"appos", "conj", "compound", "flat"}


@dataclass(frozen=True)
class Page:
    """Where in the body the non-story parts and the quotations are."""

    dateline: Span
    credits: tuple[Span, ...]
    quotes: tuple[Span, ...]


@dataclass(frozen=True)
class Spoke:
    """Who the quotations were given to: names and the spans that name them."""

    names: frozenset[str]
    spans: tuple[Span, ...]

    def by(self, actor: Actor) -> bool:
        return actor.name in self.names or any(
            s < e2 and s2 < e for s, e in actor.mentions for s2, e2 in self.spans)


def key_actors(doc, actors: tuple[Actor, ...], quotes: tuple[Quote, ...] = (),
               title: str | None = None) -> tuple[Actor, ...]:
    """The actors an analyst would list: those that act, speak or are acted on."""
    page = read_page(text_of(doc), quotes)
    outlets = [a for a in actors if a.kind == "organization" and is_outlet(a, spans_of(doc, a.mentions), page)]
    spoke = Spoke(frozenset(q.speaker for q in quotes if q.speaker),
                  tuple(q.speaker_span for q in quotes if q.speaker_span))
    press = tuple(m for a in outlets for m in a.mentions)
    return tuple(a for a in actors if is_key(doc, a, page, spoke, title)
                 and not (a.kind == "person" and reporter(doc, a, press)))


def spans_of(doc, mentions) -> list:
    """The token spans of character spans (the ones that align with tokens)."""
    return [s for m in mentions if (s := doc.char_span(m[0], m[1], alignment_mode="expand")) is not None and len(s)]


def reporter(doc, person: Actor, press: tuple[Span, ...]) -> bool:
    """Whether every mention of a person is a journalist's: by an outlet's name or cited via it.

    "CBS Sports NFL Insider X has reported", "via X of the Post-Gazette"; one who says or
    notes something is a source and stays ("CNN's correspondent X noted").
    """
    spans = spans_of(doc, person.mentions)
    for span in spans:
        sent = span.sent
        text = text_of(doc)
        near = any(sent.start_char <= s and e <= sent.end_char and
                   (0 <= span.start_char - e <= NEAR_CHARS or 0 <= s - span.end_char <= NEAR_CHARS
                    and text[span.end_char:s].strip().startswith("of "))
                   for s, e in press)
        verb = governor(span).head
        if via(span) or near and not (governor(span).dep_ == "nsubj" and verb.lemma_ in SOURCE_VERBS):
            continue
        return False
    return bool(spans)


def read_page(body: str, quotes: tuple[Quote, ...]) -> Page:
    """The dateline, credit paragraphs and quotations of a body."""
    paragraphs = paragraph_spans(body)
    dateline = next(((s, m.end()) for s, e in paragraphs[:DATELINE_PARAGRAPHS]
                     if (m := DATELINE.match(body, s, e)) and m.end() - s < MAX_DATELINE), (0, 0))
    credits = tuple(span for span in paragraphs if is_credit(body[span[0]:span[1]]))
    pulled = tuple(span for span in paragraphs if QUOTED_LINE.match(body, span[0], span[1]))
    return Page(dateline, credits, tuple(q.span for q in quotes) + pulled)


def paragraph_spans(body: str) -> list[Span]:
    """Spans of the body's non-empty lines (a paragraph is a line or a blank-line block)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body) if m.group().strip()]


def is_credit(paragraph: str) -> bool:
    """Whether a paragraph credits reporters or photographers rather than telling the story."""
    text = paragraph.strip()
    if CREDIT.search(text):
        return True
    return len(text.split()) <= MAX_BYLINE_WORDS and bool(BYLINE_NOUNS.search(text))


def inside(span: Span, spans: tuple[Span, ...]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def is_key(doc, actor: Actor, page: Page, spoke: Spoke, title: str | None) -> bool:
    """Whether an actor acts in the story; places are kept (they set the scene, not the cast)."""
    live = [m for m in actor.mentions if not inside(m, page.credits) and not inside(m, (page.dateline,))]
    if not live:
        return False
    if actor.kind == "place":
        return True
    if actor.kind == "person" and given_name_only(doc, actor):
        return False
    if spoke.by(actor) or named_in(actor, title):
        return True
    spans = spans_of(doc, live)
    if actor.kind == "organization" and is_outlet(actor, spans, page) and all(map(cites, spans)):
        return False
    if actor.kind == "person" and all(inside(m, page.quotes) for m in live):
        return False  # a person named only in someone's words: an example, a comparison
    if actor.kind == "organization" and spans and all(hearer(s) or according_to(s) for s in spans):
        return False  # only the channel of a quotation or the source of a figure
    if len(live) == 1 and spans and (aside(text_of(doc), live[0]) and not source(spans[0]) or example(spans[0])):
        return False
    if len(live) > 1 or actor.kind == "organization":
        return True  # an organisation in passing is still one the story names (the seeds' convention)
    return any(acts(s) and not inside((s.start_char, s.end_char), page.quotes) for s in spans)



def aside(body: str, span: Span) -> bool:
    """Whether a mention sits inside brackets: "(Harrow, it is worth noting, ...)"."""
    start = body.rfind("\n", 0, span[0]) + 1
    end = body.find("\n", span[1])
    end = len(body) if end < 0 else end
    opened = body.rfind("(", start, span[0])
    closed = body.find(")", span[1], end)
    return opened >= 0 and ")" not in body[opened:span[0]] and closed >= 0 and "(" not in body[span[1]:closed] \
        and closed - opened > span[1] - span[0] + 2  # not an abbreviation's own brackets: "(HRW)"


def source(span) -> bool:
    """Whether a name is the subject of a reporting verb: "as Harrow noted"."""
    tok = governor(span)
    return tok.dep_ == "nsubj" and tok.head.lemma_ in REPORTING_VERBS


def example(span) -> bool:
    """A name given as an example: "the likes of X and Y", "such as X"."""
    tok = governor(span)
    if tok.dep_ != "pobj":
        return False
    word = tok.head if tok.head.lower_ in EXAMPLE_WORDS else tok.head.head
    # "the likes of X are warning": examples that act are actors
    return word.lower_ in EXAMPLE_WORDS and not {word.dep_, word.head.dep_} & {"nsubj", "nsubjpass"}


def according_to(span) -> bool:
    """'according to X', 'according to data from X': X is a source, not an actor."""
    tok = span.root
    while tok.dep_ in NOMINAL_DEPS and tok.head.i != tok.i:
        tok = tok.head
        if tok.lower_ == "according":
            return True
    return False


def hearer(span) -> bool:
    """Whether a name only hears a quotation: '..., Harrow told the Courier.', 'a statement to X',
    'said on X'. One told that something is so ('told X that ...') is the one the news was
    given to, and stays."""
    tok = governor(span)
    if tok.dep_ == "poss":
        tok = governor_of(tok.head)  # "said on X's morning show"
    if tok.dep_ in ("dobj", "dative") and tok.head.lemma_ == "tell":
        return not any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.head.children)
    prep = tok.head
    return (tok.dep_ == "pobj" and prep.lower_ in ("to", "with", "on")
            and prep.head.lemma_.lower() in SPEECH_TO)


def given_name_only(doc, actor: Actor) -> bool:
    """A person named by one word that is a family word or a relative's given name: "Dad",
    "his wife, Marjorie", "his daughter Tessa", "Tessa and Ruth Harrow"."""
    if any(" " in n for n in (actor.name, *actor.aliases)):
        return False
    if actor.name.lower() in KIN_WORDS:
        return True
    spans = spans_of(doc, actor.mentions)
    if any(titled(s) for s in spans):
        return False  # "President Harrow", "Mr. Hunt": a title goes before a surname
    return any(kin_next(s) or shares_surname(s) for s in spans)


def titled(span) -> bool:
    """Whether an honorific or a role word stands right before the name."""
    if span.start == 0:
        return False
    word = span.doc[span.start - 1].lower_.rstrip(".")
    return word in HONORIFICS or word in TITLE_WORDS or word in ROLE_NOUNS


def kin_next(span) -> bool:
    """'his wife, Marjorie' (apposition), 'his daughter Tessa' (compound), 'Tessa, his daughter'."""
    tok = span.root
    near = [tok.head] if tok.dep_ in ("appos", "compound", "npadvmod") else []
    near += [c for c in tok.children if c.dep_ in ("appos", "compound")]
    return any(t.lower_ in KIN_WORDS for t in near)


def shares_surname(span) -> bool:
    """'Tessa and Ruth Harrow': a given name coordinated before a full name."""
    doc = span.doc
    i = span.end
    if i + 2 >= len(doc) or doc[i].lower_ != "and":
        return False
    nxt = doc[i + 1]
    return nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B" and doc[i + 2].ent_iob_ == "I" \
        and doc[i + 2].ent_type_ == "PERSON"


def named_in(actor: Actor, title: str | None) -> bool:
    """Whether the headline names the actor."""
    if not title:
        return False
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", title) for n in (actor.name, *actor.aliases) if n)


def governor(span):
    """The token whose function the name shares: up through appositions, conjuncts, compounds."""
    return governor_of(span.root)


def governor_of(tok):
    while tok.dep_ in SHARED_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def acts(span) -> bool:
    """Whether a name acts or is acted on: subject, object or agent, or the possessor of one."""
    tok = governor(span)
    if tok.lower_.endswith("ing") and span.root.dep_ == "compound":
        return True  # "with Foreign Minister X warning of ...", parsed as a compound of "warning"
    if any(c.dep_ in ("acl", "relcl") for c in tok.children):
        return True  # "X, who said ...", "X acting on ..."
    if tok.dep_ == "poss" or tok.dep_ == "pobj" and tok.head.lower_ == "of":
        tok = tok.head if tok.dep_ == "poss" else tok.head.head  # "X's lawyers said", "the office of X"
        tok = governor_of(tok)
    if tok.dep_ == "pobj" and tok.head.lower_ == "by":
        return True
    return tok.dep_ in ACTING_DEPS


def is_outlet(actor: Actor, spans: list, page: Page) -> bool:
    """Whether an organisation is written of as a news outlet anywhere in the article."""
    if any(inside(m, (page.dateline,)) for m in actor.mentions):
        return True
    # Being told something is no evidence on its own: "told PAP" quotes a news agency,
    # "told the committee" a body that acts.
    return any(press_noun(s) or reports(s) or seen_by(s) or via(s) for s in spans)


def cites(span) -> bool:
    """Whether a mention only cites the name as a source of the news."""
    return (press_noun(span) or reports(span) or seen_by(span) or told(span) or via(span)
            or any(t.lower_ == "according" for t in governor(span).ancestors))


def via(span) -> bool:
    """'Richardson, via USA Today, said', 'via Brian Batko of the Post-Gazette'."""
    return any(t.lower_ == "via" for t in governor(span).ancestors)


def press_noun(span) -> bool:
    """'CNN's chief medical correspondent', 'Fox News' request', 'BBC diplomatic correspondent'."""
    tok = governor(span)
    if tok.dep_ in ("poss", "compound", "nmod") and tok.head.lemma_.lower() in PRESS_NOUNS:
        return True
    after = span.doc[span.end: span.end + 4]
    for t in after:
        if t.lemma_.lower() in PRESS_NOUNS and t.pos_ == "NOUN":
            return True
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "PART"):
            return False
    return False


def reports(span) -> bool:
    """'NBC News reported (that) ...': the subject of a reporting verb with no object of its own."""
    tok = governor(span)
    verb = tok.head
    return (tok.dep_ == "nsubj" and verb.lemma_ in OUTLET_VERBS
            and not any(c.dep_ == "dobj" for c in verb.children))


def seen_by(span) -> bool:
    """'obtained by Variety', 'reviewed by Reuters'."""
    tok = governor(span)
    return tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.head.lemma_ in SEEN_BY_VERBS


def told(span) -> bool:
    """'told the BBC', 'a statement to Rolling Stone', 'said on CNBC'."""
    tok = governor(span)
    if tok.dep_ in ("dobj", "dative") and tok.head.lemma_ == "tell":
        return True
    prep = tok.head
    return (tok.dep_ == "pobj" and prep.lower_ in ("to", "with", "on")
            and prep.head.lemma_.lower() in SPEECH_TO)
