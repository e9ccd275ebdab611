"""Quotation marks -> quoted passages: pairing straight and curly marks in real news text.

Works on the raw characters only (no parse), one paragraph at a time. Handles
straight and curly marks, wrong-way marks (an opening mark used to close), quotes
that run over several paragraphs (each continued paragraph opens with a mark again
and the earlier ones are left open), and nested single quotes (only double marks
delimit a quotation, so single ones inside stay part of it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

# Marks that can only open or only close a quotation when used the right way round;
# „ is the German-style low opening mark some wires keep in translated quotes.
OPENING = "“„"
CLOSING = "”"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT
# Two single marks typed for a double one, as some wires and typesetters do
# ("“It was an attempt to mislead voters,’’ Will Moy said"): they only close or only open.
DOUBLED_CLOSING = ("’’", "''")
DOUBLED_OPENING = ("‘‘", "``")
MARK = re.compile("|".join(map(re.escape, DOUBLED_CLOSING + DOUBLED_OPENING)) + f"|[{MARKS}]")
# Characters after which a straight mark opens rather than closes ("(\"Yes\")", "—\"No\"").
OPEN_CONTEXT = set(" \t\n([{—–-/")
# Paragraphs are separated by a blank line (the body convention); a hard-wrapped
# line break inside a paragraph does not end a quotation.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Passage:
    """A quoted passage: span includes the marks; continues says the quote goes on in the next one."""

    span: Span
    continues: bool = False  # left open at the end of its paragraph, resumed in the next
    closed: bool = True  # ended by a closing mark (False: ran to the end of the paragraph)


def paragraphs(text: str) -> list[Span]:
    """Spans of the paragraphs of a text, surrounding whitespace excluded."""
    spans, start = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((s + lead, s + len(chunk.rstrip())))
    return out


def mark_role(text: str, i: int, end: int) -> str:
    """'open', 'close' or 'either' for the double mark at text[i] in a paragraph ending at end."""
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    spaced_before, spaced_after = before in OPEN_CONTEXT or before.isspace(), after.isspace()
    if c in OPENING:
        if not text[i + 1:end].strip():
            return "close"  # a wrong-way mark at the very end of a paragraph
        if spaced_after:
            return "close" if not spaced_before else "either"
        return "open"
    if c in CLOSING:
        if spaced_before and after.isalnum():
            return "open"  # a wrong-way mark: "said ”We ..."
        return "close"
    if spaced_before and not spaced_after:
        return "open"
    if not spaced_before and (spaced_after or not after.isalnum()):
        return "close"
    return "either"


def paragraph_passages(text: str, start: int, end: int) -> tuple[list[Span], int | None]:
    """Closed quotations in one paragraph, and where a quotation left open starts (or None)."""
    found: list[Span] = []
    opened: int | None = None
    for m in MARK.finditer(text, start, end):
        i = m.start()
        if m.group() in DOUBLED_CLOSING:
            role = "close"
        elif m.group() in DOUBLED_OPENING:
            role = "open"
        else:
            role = mark_role(text, i, end)
        if role == "either":
            role = "close" if opened is not None else "open"
        if role == "open":
            opened = i  # a second opening mark: the first one was stray
        elif opened is not None:
            found.append((opened, m.end()))
            opened = None
    return found, opened


def find_passages(text: str) -> tuple[Passage, ...]:
    """Every quoted passage in a text, in order; paragraph-continued quotes give one per paragraph."""
    paras = paragraphs(text)
    out: list[Passage] = []
    for k, (start, end) in enumerate(paras):
        found, opened = paragraph_passages(text, start, end)
        out.extend(Passage(span) for span in found)
        if opened is None or end - opened < 2:
            continue
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        continues = nxt is not None and text[nxt[0]] in OPENING + STRAIGHT
        if continues or opened == start:
            out.append(Passage((opened, end), continues=continues, closed=False))
    out.sort(key=lambda p: p.span)
    return tuple(out)
