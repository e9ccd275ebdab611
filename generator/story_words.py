"""Stories' words: tf-idf vectors over each briefing's headline and body, and the candidate pairs
that share enough of their most distinctive words or of their rare names (see stories)."""
from __future__ import annotations

import hashlib
import itertools
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, MutableMapping, Sequence

from .entry import Entry

TOP_TERMS = 15  # each briefing's most distinctive words, used to find candidate pairs
MIN_SHARED_TOP_TERMS = 2
MAX_TERM_DF = 200  # a candidate word used by more briefings than this says little
MAX_NAME_DF = 25  # names pair briefings up only when rare (small sites, where words are few)
# Function words and newsroom verbs (from the most frequent words of the BBC corpus).
STOPWORDS = frozenset("""a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my no nor not now of off on once only or other our ours out over own same she should
so some such than that the their theirs them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours
said says say told tell according added adding year years new one two three last first also mr mrs ms
would could may might must shall people time week day month being made make get got""".split())
WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{3,}")


def words(text: str) -> list[str]:
    """Content words of a text, lower case, possessives dropped."""
    found = [w[:-2] if w.endswith(("'s", "’s")) else w for w in WORD.findall(text.lower())]
    return [w for w in found if len(w) > 2 and w not in STOPWORDS]


def entry_text(entry: Entry) -> str:
    return f"{entry.title}\n{entry.briefing.article.body}"


def lead_text(entry: Entry) -> str:
    """The headline and first paragraph: what the news is."""
    b = entry.briefing
    return f"{entry.title}\n{b.article.body[slice(*b.paragraphs[0])] if b.paragraphs else ''}"


def word_counts(text: str) -> dict[str, int]:
    """How often each content word occurs in text, in the order of first use."""
    return dict(Counter(words(text)))


def text_key(text: str) -> str:
    """What word counts are kept under in a memo (see vectors)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def counts_of(entries: Sequence[Entry], memo: MutableMapping[str, dict[str, int]] | None = None
              ) -> dict[str, dict[str, int]]:
    """Each entry's word counts (headline and body), by entry key.

    memo keeps each text's word counts (by text_key) across builds: counting the words
    of 2,225 articles took 1.2 s of every rebuild, reading them from the JSON memo 0.16 s.
    """
    counts: dict[str, dict[str, int]] = {}
    for e in entries:
        text = entry_text(e)
        if memo is None:
            counts[e.key] = word_counts(text)
            continue
        key = text_key(text)
        found = memo.get(key)
        if found is None:
            found = memo[key] = word_counts(text)
        counts[e.key] = found
    return counts


def vectors(entries: Sequence[Entry], memo: MutableMapping[str, dict[str, int]] | None = None
            ) -> dict[str, dict[str, float]]:
    """Unit-length tf-idf vectors by entry key (smoothed idf, log tf); memo: see counts_of."""
    counts = counts_of(entries, memo)
    return weighted(counts, idf_of(counts.values()))


def idf_of(counts: Iterable[dict[str, int]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each word over texts' word counts."""
    counts = list(counts)
    df = Counter(w for c in counts for w in c)
    n = len(counts)
    return {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}


def weighted(counts: dict[str, dict[str, int]], idf: dict[str, float]) -> dict[str, dict[str, float]]:
    """Unit-length tf-idf vectors (log tf) of word counts; a word idf does not know weighs 1."""
    tf = [0.0] + [1 + math.log(k) for k in range(1, max((k for c in counts.values() for k in c.values()), default=0) + 1)]
    out = {}
    get = idf.get
    for key, c in counts.items():
        values = [tf[k] * get(w, 1.0) for w, k in c.items()]
        norm = math.sqrt(sum(map(operator.mul, values, values))) or 1.0  # squares summed in C, in order
        out[key] = dict(zip(c, [v / norm for v in values]))
    return out


def cosine(a: dict[str, float], b: dict[str, float], shared: Iterable[str] | None = None) -> float:
    """The dot product of two unit vectors; shared: their common words, when known (see story_links)."""
    # Over the shared words only (a set intersection; the products by map, in C: 20,000
    # candidate pairs at 2,225 articles); fsum rounds the same whatever order the set gives.
    shared = a.keys() & b.keys() if shared is None else shared
    return math.fsum(map(operator.mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))


def top_terms(vec: dict[str, float]) -> list[str]:
    """The TOP_TERMS heaviest words of a vector, ties in alphabetical order.

    Two sorts in C (by word, then stably by weight) instead of one by a Python key
    function: candidate_pairs sorted 1,000 vectors' 136,000 words that way.
    """
    return sorted(sorted(vec), key=vec.__getitem__, reverse=True)[:TOP_TERMS]


def candidate_pairs(vecs: dict[str, dict[str, float]],
                    names: dict[str, set[str]] | None = None) -> set[tuple[str, str]]:
    """Pairs of keys that share enough of their most distinctive words (or of their names)."""
    postings: dict[str, list[str]] = defaultdict(list)
    for key, vec in vecs.items():
        for w in top_terms(vec):
            postings[w].append(key)
    for key, keys in (names or {}).items():
        for name in keys:
            postings[f"name:{name}"].append(key)
    shared: Counter[tuple[str, str]] = Counter()
    for term, keys in postings.items():
        if len(keys) > (MAX_NAME_DF if term.startswith("name:") else MAX_TERM_DF):
            continue
        shared.update(itertools.combinations(sorted(keys), 2))  # counted in C
    return {pair for pair, k in shared.items() if k >= MIN_SHARED_TOP_TERMS}
