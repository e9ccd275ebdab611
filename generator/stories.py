"""Stories: articles that report the same event, grouped from what was extracted.

Two briefings are linked when their words are alike (tf-idf cosine over the
headline and body) and something extracted corroborates it: the same people or
organisations and a calendar day near both publications, a quoted phrase, or
publication within a day or two. Near-identical texts (one wire story run
twice) need no corroboration. Links join groups most alike first, and only
while the group stays one event (a few days from first report to last, most
pairs across two groups linked), so a campaign's weeks never chain into one
story. Candidate pairs come from each briefing's most distinctive words, so
grouping stays near-linear in the number of briefings.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, replace

from .entry import Entry, newest_first
from .model import Actor
from .story_words import candidate_pairs, cosine, counts_of, idf_of, lead_text, weighted, word_counts

# Thresholds, tuned on the BBC corpus (../shared/bench/bbc, 2,225 articles, 12,790
# candidate pairs): pairs at cosine >= 0.6 are one report run twice or the same
# event retold (180 groups, none over 4 articles); below that, pairs follow one
# topic but not one event ("UKIP candidate suspended" / "New UKIP defection", 0.61),
# so they need the extracted data to agree. The two seeds, one event told by two
# outlets in different words, score 0.19-0.28 and share names, a day and a quote.
STRONG_SIMILARITY = 0.6  # alike enough on words alone
SIMILARITY = 0.15  # alike enough when names and a day or a quote are shared too
MIN_SHARED_NAMES = 2  # people/organisations both name (surname or organisation name)
# With one shared name, a pair needs both a day near both publications and publication within
# NEAR_DAYS (see same_story): on stories-dev that joined two reports whose other names were
# left out as not key; on PolNeAR (924 articles) it added one pair, two reactions to one
# agreement, and nothing else.
MAX_DAYS_APART = 7  # articles published further apart report different events
MAX_EVENT_DAYS = 3  # a shared date counts as evidence only when it is this precise
MIN_QUOTE_WORDS = 2  # shorter quotes ("yes") are not the same words quoted (see compare)
# A quote is evidence of the same event from this many words: shorter quoted phrases are
# slogans, names of things and stock phrases that reports of different events share ("at this
# stage", "britain is working", "vote now pay later"). Set on the BBC corpus: of its 95 pairs
# linked by a shared quote, the 23 whose longest shared quote had 2-4 words held different events
# in all but three (read by hand); on stories-dev it changes nothing (dated) and undated costs
# one link (B-cubed recall 0.941 -> 0.936 with the publication days removed).
MIN_EVIDENCE_QUOTE_WORDS = 5
# Reports of one event by different outlets appear within a day or two of each other and
# need not cite a date or share a quote. Set on stories-dev (261 BASIL articles): among
# pairs with cosine >= SIMILARITY_NEAR and two shared names not otherwise joined, those
# published <= 2 days apart were 16 same-event pairs and no other; at 3 days apart
# different events begin to qualify.
NEAR_DAYS = 2
# A story's reports span at most this many days, first to last (see merge_linked). In
# stories-dev 86 of 87 events' reports span 0-3 days (one spans 4).
STORY_SPAN_DAYS = 3
# Two groups join when at least this share of the pairs across them are linked: a third
# report linked to one of a pair's two joins it (stories-dev has many such; 0.67 lost 13
# of them), while a chain of different events, each linked to its neighbour only, stops.
MIN_LINKED_SHARE = 0.5
EVENT_REACH = 3
SIMILARITY_NEAR = 0.2
# One outlet's reports of different events share its own wording: background paragraphs carried
# from report to report, so the whole texts are alike while the news differs (a ban, then the ban
# lifted; nominations, then the awards). The lead (headline and first paragraph) says what the
# news is. When no publication days tell the events apart and the pair is not known to come from
# two outlets, a link needs the leads to be alike too (tf-idf cosine, the corpus' idf). Set on the
# BBC corpus (undated, one outlet): of its 154 linked pairs below WIRE_SIMILARITY, those whose
# leads score below 0.3 were different events but for a handful (read by hand); above it, mostly
# retellings. Reports from different outlets frame their leads differently: on stories-dev with
# its days removed, a lead rule for every pair would lose a third of the same-event links
# (B-cubed recall 0.94 -> 0.70), so a pair from two named outlets is not held to it.
LEAD_SIMILARITY = 0.3
# One outlet's follow-ups also share their leads' words when the news is an act first announced,
# then done ("the bridge will open on Tuesday" / "the bridge has opened"): a lead whose first
# sentence speaks of the act as still to come (a future or modal verb in its main clause) and one
# that does not report different events. Only pairs held to the leads (see needs_lead) are held to
# it. Read by hand on the BBC corpus (undated, one outlet), where it cuts 16 of 230 links: 10
# announcement or speculation / outcome pairs (a product to be shown / shown, talks set / held, a
# programme to start / started, a hearing set / attended), 4 a decision / a denial of a split over
# it, and 2 where the verb sat in a claim ("the plan will cut costs"), one of them one event. Not
# for two outlets: on stories-dev (three outlets per event) it would cut 30 of 248 same-event
# links. Words that are also nouns ("the council's plans to villages", "title hopes"), "would"
# (reported speech) and "may have" (a guess about the past) are no markers; lower case only ("May").
# A contest's outcome foreseen ("is favourite to win", "has been tipped to") and a deal still in
# talks ("is in final negotiations to buy") are still to come too: on the BBC set each cuts one
# more link and no other (a book prize tipped / won; a fashion label in talks / bought).
PROSPECTIVE = re.compile(r"\b(will|shall|(is|are|was|were) (due |set |poised |expected |likely |about )?to|"
                         r"(planning|intends|expects) to|(could|may|might)(?! have)|"
                         r"(favourite|favorite|tipped|in line|on course) to|"
                         r"in (final |exclusive |advanced )?(talks|negotiations))\b")
# An act undone ("has lifted the ban", "reversed its decision", "withdrew the bid") is another act
# than the one it undoes, told in leads of the same words: held like PROSPECTIVE, to pairs held to
# their leads. On the BBC set it cuts one link and no other: a runner's ban / the ban reversed.
REVERSAL = re.compile(r"\b(lift(s|ed)?|revers(e|es|ed)|overturn(s|ed)?|revok(e|es|ed)|quash(es|ed)?|"
                      r"rescind(s|ed)?|scrap(s|ped)?|u-turn|back(s|ed)? down|withdr(aw|aws|awn|ew))\b", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s")
# A relative or conditional clause says what may follow the news, not what the news is: "has made
# an offer, which could end the strike" reports the offer (BBC: one such link, kept by this).
SUBORDINATE = re.compile(r",?\s+(which|who|if|unless)\s")
WIRE_SIMILARITY = 0.9  # one report run twice (BBC: every pair at >= 0.9 is a copy, minor edits apart)


@dataclass(frozen=True)
class Evidence:
    """Why two briefings may report the same event."""

    similarity: float
    names: frozenset[str]
    days: frozenset[dt.date]
    quotes: frozenset[str]
    lead: float | None = None  # the leads' similarity, when the pair needs it (see needs_lead)


# ------------------------------------------------------------ extracted evidence
def actor_key(a: Actor) -> str:
    """A person by surname, anyone else by name: robust to 'Biden' vs 'Joe Biden'."""
    return a.name.split()[-1].lower() if a.kind == "person" else re.sub(r"^the\s+", "", a.name.lower())


def name_keys(entry: Entry) -> set[str]:
    """The people and organisations a briefing names (see actor_key)."""
    return {actor_key(a) for a in entry.briefing.actors if a.kind in ("person", "organization")}


def event_days(entry: Entry) -> set[dt.date]:
    """Calendar days (or short ranges, by their start) the briefing dates."""
    return {d.start for d in entry.briefing.dates
            if d.start and (d.end or d.start) - d.start <= dt.timedelta(days=MAX_EVENT_DAYS)}


def quote_keys(entry: Entry) -> set[str]:
    """Quoted words, normalised: case, quote marks and punctuation dropped."""
    out = set()
    for q in entry.briefing.quotes:
        ws = re.findall(r"\w+", q.text.lower())
        if len(ws) >= MIN_EVIDENCE_QUOTE_WORDS:
            out.add(" ".join(ws))
    return out


def shared_quotes(a: set[str], b: set[str]) -> set[str]:
    """Quotes of a that b also has, whole or as part of a longer quote."""
    padded = [f" {r} " for r in b]  # " q " in " r ": q is r, or a run of r's words
    return {q for q in a if (pq := f" {q} ") and any(pq in r or r in pq for r in padded)}


@dataclass(frozen=True)
class Facts:
    """What one briefing names, dates and quotes, in comparable form."""

    names: frozenset[str]
    days: frozenset[dt.date]
    quotes: frozenset[str]


def facts(entry: Entry) -> Facts:
    return Facts(frozenset(name_keys(entry)), frozenset(event_days(entry)), frozenset(quote_keys(entry)))


def evidence(a: Entry, b: Entry, similarity: float, fa: Facts | None = None, fb: Facts | None = None,
             lead: float | None = None) -> Evidence:
    fa, fb = fa or facts(a), fb or facts(b)
    days = frozenset(d for d in fa.days & fb.days if near_publication(d, a) and near_publication(d, b))
    return Evidence(similarity=similarity, names=fa.names & fb.names, days=days,
                    quotes=frozenset(shared_quotes(set(fa.quotes), set(fb.quotes))), lead=lead)


def needs_lead(a: Entry, b: Entry) -> bool:
    """Whether a pair's leads must be alike (see LEAD_SIMILARITY): a publication day missing,
    and the outlets not known to differ."""
    sa, sb = a.briefing.article.source_name, b.briefing.article.source_name
    return (a.published is None or b.published is None) and not (sa and sb and sa != sb)


def different_acts(a: Entry, b: Entry) -> bool:
    """Whether one lead speaks of an act still to come, or of an act undone, and the other does
    not (see PROSPECTIVE, REVERSAL)."""
    sa, sb = lead_sentence(a), lead_sentence(b)
    return prospective(sa) != prospective(sb) or bool(REVERSAL.search(sa)) != bool(REVERSAL.search(sb))


def prospective(sentence: str) -> bool:
    """Whether a sentence speaks of its act as still to come (see PROSPECTIVE, SUBORDINATE)."""
    return PROSPECTIVE.search(SUBORDINATE.split(sentence, maxsplit=1)[0]) is not None


def lead_sentence(entry: Entry) -> str:
    """The first sentence of the first paragraph (the headline when there is no body)."""
    b = entry.briefing
    first = b.article.body[slice(*b.paragraphs[0])] if b.paragraphs else entry.title
    return SENTENCE_END.split(first.strip(), maxsplit=1)[0]


def near_publication(day: dt.date, entry: Entry) -> bool:
    """Whether a day can be the event an article reports: at most EVENT_REACH days from its
    publication (an undated article: any day). Two reports that both look back at an older
    event (a report released last week) do not report the same event for that."""
    return entry.published is None or abs((entry.published - day).days) <= EVENT_REACH


def too_far_apart(a: Entry, b: Entry) -> bool:
    if a.published is None or b.published is None:
        return False
    return abs((a.published - b.published).days) > MAX_DAYS_APART


def same_story(a: Entry, b: Entry, ev: Evidence, lead_checked: bool = True) -> bool:
    """Whether two briefings report the same event (lead_checked=False: leaving the leads aside)."""
    if too_far_apart(a, b):
        return False
    if ev.similarity >= WIRE_SIMILARITY:
        return True
    if lead_checked and needs_lead(a, b) and ((ev.lead or 0.0) < LEAD_SIMILARITY or different_acts(a, b)):
        return False
    if ev.similarity >= STRONG_SIMILARITY:
        return True
    if not ev.names or ev.similarity < SIMILARITY:
        return False
    near = ev.similarity >= SIMILARITY_NEAR and published_near(a, b)
    if len(ev.names) < MIN_SHARED_NAMES:  # one name: a day near both and publication near too
        return near and bool(ev.days)
    return bool(ev.days or ev.quotes) or near


def published_near(a: Entry, b: Entry) -> bool:
    """Both dated, at most NEAR_DAYS apart."""
    return (a.published is not None and b.published is not None
            and abs((a.published - b.published).days) <= NEAR_DAYS)


# ------------------------------------------------------------ grouping
def group_stories(entries: Sequence[Entry], memo: MutableMapping[str, dict[str, int]] | None = None
                  ) -> tuple[tuple[Entry, ...], ...]:
    """Groups of two or more entries that report the same event, each newest first.

    memo: word counts kept across builds (see vectors).
    """
    by_key = {e.key: e for e in entries}
    counts = counts_of(entries, memo)
    idf = idf_of(counts.values())
    root = merge_linked(by_key, story_links(by_key, weighted(counts, idf), idf))
    clusters: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        clusters[root[e.key]].append(e)
    return tuple(newest_first(members) for members in clusters.values() if len(members) >= 2)


def story_links(by_key: dict[str, Entry], vecs: dict[str, dict[str, float]],
                idf: dict[str, float] | None = None) -> list[tuple[float, str, str]]:
    """The pairs that report the same event (see same_story), most alike first.

    idf: the corpus' word weights, for the leads' vectors (None: each lead's own words weigh 1).
    """
    known = {k: facts(e) for k, e in by_key.items()}
    leads: dict[str, dict[str, float]] = {}

    def lead(key: str) -> dict[str, float]:
        if key not in leads:
            leads[key] = weighted({key: word_counts(lead_text(by_key[key]))}, idf or {})[key]
        return leads[key]

    # each vector's words as a set made once: intersecting two sets costs the smaller one,
    # intersecting two dicts' keys copies one first (20,000 candidate pairs at 2,225 articles)
    words_of = {k: frozenset(v) for k, v in vecs.items()}
    links = []
    for ka, kb in candidate_pairs(vecs, {k: set(f.names) for k, f in known.items()}):
        a, b = by_key[ka], by_key[kb]
        if too_far_apart(a, b):  # same_story's first test, and one that needs no words
            continue
        similarity = cosine(vecs[ka], vecs[kb], words_of[ka] & words_of[kb])
        if similarity < SIMILARITY:  # too unlike whatever else agrees: skip the evidence
            continue
        ev = evidence(a, b, similarity, known[ka], known[kb])
        if not same_story(a, b, ev, lead_checked=False):
            continue
        if similarity < WIRE_SIMILARITY and needs_lead(a, b):  # only for a pair that else is linked
            ev = replace(ev, lead=cosine(lead(ka), lead(kb)))
        if same_story(a, b, ev):
            links.append((similarity, ka, kb))
    return sorted(links, key=lambda link: (-link[0], link[1], link[2]))


def merge_linked(by_key: dict[str, Entry], links: list[tuple[float, str, str]]) -> dict[str, str]:
    """Each key's group: links joined most alike first, into groups that stay one event.

    A link only joins two groups when the whole would still be one event: published
    within STORY_SPAN_DAYS, and at least MIN_LINKED_SHARE of the pairs across the two
    groups linked themselves. Chaining every link (single linkage) drew a campaign's
    weeks into one 28-article story on a dense corpus (PolNeAR, 2016 election news).
    """
    root = {k: k for k in by_key}
    members = {k: [k] for k in by_key}
    linked = {(ka, kb) for _, ka, kb in links} | {(kb, ka) for _, ka, kb in links}
    for _, ka, kb in links:
        ra, rb = root[ka], root[kb]
        if ra == rb or not one_event(members[ra], members[rb], by_key, linked):
            continue
        for k in members[rb]:
            root[k] = ra
        members[ra] += members.pop(rb)
    return root


def one_event(a: list[str], b: list[str], by_key: dict[str, Entry], linked: set[tuple[str, str]]) -> bool:
    """Whether two groups together still hold one event (see merge_linked)."""
    days = [d for k in a + b if (d := by_key[k].published) is not None]
    if days and (max(days) - min(days)).days > STORY_SPAN_DAYS:
        return False
    across = sum((x, y) in linked for x in a for y in b)
    return across >= MIN_LINKED_SHARE * len(a) * len(b)
