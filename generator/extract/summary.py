"""A short extractive summary: the article's leading sentences."""
from __future__ import annotations

SUMMARY_SENTENCES = 2
SUMMARY_MAX_CHARS = 600


def summarize(doc) -> str:
    """The first sentences of the article, up to SUMMARY_SENTENCES."""
    out: list[str] = []
    for sent in doc.sents:
        text = " ".join(sent.text.split())
        if len(text.split()) < 5:
            continue
        out.append(text)
        if len(out) >= SUMMARY_SENTENCES or sum(map(len, out)) > SUMMARY_MAX_CHARS:
            break
    return " ".join(out)
