"""A short extractive summary: the article's lead, as news writing puts the essentials first."""
from __future__ import annotations

import re

# Lead-based summaries are the strong baseline for news (the "lead-3" of the
# summarisation literature); two to three sentences read as a briefing's abstract.
MAX_SENTENCES = 3
TARGET_WORDS = 45  # stop once the summary has this many words
MAX_WORDS = 90  # a single run-on lead sentence is cut at a word boundary
MIN_SENTENCE_WORDS = 5  # shorter "sentences" are headings, bylines or captions
BYLINE = re.compile(r"^(by|photo|image|credit|updated|published)\b", re.I)


def summarize(doc) -> str:
    """The lead sentences of the article, about TARGET_WORDS words."""
    out: list[str] = []
    words = 0
    for text in sentences(doc):
        n = len(text.split())
        if n < MIN_SENTENCE_WORDS or BYLINE.match(text):
            continue
        out.append(text)
        words += n
        if words >= TARGET_WORDS or len(out) >= MAX_SENTENCES:
            break
    summary = " ".join(out)
    tokens = summary.split()
    if len(tokens) > MAX_WORDS:
        summary = " ".join(tokens[:MAX_WORDS]).rstrip(",;:") + " …"
    return summary


def sentences(doc):
    """spaCy's sentences, split again at paragraph breaks (a byline can run into the lead)."""
    for sent in doc.sents:
        for piece in re.split(r"\n\s*\n", sent.text):
            text = " ".join(piece.split())
            if text:
                yield text
