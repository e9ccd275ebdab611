"""Plain page text -> article: a line classifier that keeps the article block.

Each non-empty line is a paragraph. Lines are scored: sentence-shaped lines
count for the article by their length, page chrome (comment forms, menus,
breadcrumbs, dates of the day, credits, lines repeated on the page) against
it. The article is the run of lines with the highest total score (the
maximum-sum segment, as in Finn et al.'s Body Text Extraction); inside it the
chrome is dropped. The headline, byline and date line are read from the block
over the run's first paragraph (clean_head); the heading just above the run is
the fallback when no such block is found.

The weights were tuned on the page-text half of shared/eval/data/aeb-dev
(61 pages; `score.py cleaning`), keeping each one at a round value where the
score is flat around it.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import chrome, metadata
from .clean_head import HEAD_WINDOW, read_head

# A line with at least this many words that ends like a sentence is article-shaped.
MIN_SENTENCE_WORDS = 7
# Longer lines are article-shaped even without end punctuation (run-on paragraphs).
MIN_PROSE_WORDS = 25
# What a chrome line and a short non-sentence line cost inside the article run.
CHROME_COST = 12
SHORT_COST = 3
# A run that starts at a repeat of the headline is taken unless the best run elsewhere
# scores this many times more.
ANCHOR_ODDS = 3.0
# Share of function words below which a long line is a list of names or links, not prose.
MIN_STOPWORD_SHARE = 0.1
# Headings are looked for this many lines above the article run.
HEADLINE_REACH = 8
MAX_HEADLINE_WORDS = 30
# A line seen this often across sources of one site (see `site_chrome`) is the site's chrome.
SITE_REPEAT = 2
SENTENCE_END = re.compile(r"[.!?…\"”’)»。！？」]\s*$")
STOPWORDS = frozenset("""a an the and or but of to in on at for with by from as is are was were be been
has have had it its this that these those he she they we you i his her their our not no will would
can could said says who which what when where than then also after before over into about more
le la les de des du et un une der die das und ein eine el los las y en del il di che
que o os da do em para com não uma um por con se lo es ist nicht mit von zu den im auf sich est pas
pour sur dans qui au het een van zijn yang dan di ini itu dengan untuk dari tidak akan ke""".split())
# Characters of scripts written without spaces; two of them count as one word.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")

TEASER = re.compile(r"^(?:[A-Z0-9][\w'’:,$-]*\s+){4,}[A-Z][\w'’-]*\s+(?:[A-Z]?[a-z]+\s+){2}")
WORD = re.compile(r"\w+")
# A list item of the article: "- Best new opera - ...", "• A ban on smoking ..." (4+ words).
LIST_ITEM = re.compile(r"^[-–•*·]\s+\S+(?:\s+\S+){3,}")


@dataclass(frozen=True)
class TextParts:
    """What the classifier found in page text."""

    body: tuple[str, ...]
    title: str | None = None
    title_at: int | None = None
    body_at: int = 0
    credit: str | None = None
    lines: tuple[str, ...] = ()
    published: dt.date | None = None
    authors: tuple[str, ...] = ()
    head_found: bool = False  # the headline was found with the block around it (clean_head)
    age_hours: int | None = None  # a relative stamp in the head block ("3 hours ago")


def page_lines(text: str) -> tuple[str, ...]:
    """The non-empty lines of a text, stripped."""
    return tuple(s for s in (ln.strip() for ln in text.split("\n")) if s)


def words(line: str) -> int:
    """Number of word tokens in a line (CJK characters count two to a word)."""
    cjk = len(CJK.findall(line))
    return len(WORD.findall(CJK.sub(" ", line))) + cjk // 2


def is_prose(line: str) -> bool:
    """Whether a line reads as a paragraph of article text."""
    n = words(line)
    if n < MIN_SENTENCE_WORDS:
        return False
    if n < MIN_PROSE_WORDS and not SENTENCE_END.search(line):
        return False
    toks = [t.lower() for t in WORD.findall(line)]
    if has_non_latin(line) or not toks:
        return True
    if sum(t in STOPWORDS for t in toks) / len(toks) < MIN_STOPWORD_SHARE:
        return False
    return not TEASER.match(line)


def has_non_latin(line: str) -> bool:
    """Whether a line is written in a script the stopword list does not cover."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(ord(c) > 0x24F for c in letters) > len(letters) / 2


NAME_WORD = re.compile(r"\w[\w-]*")  # a word as glued_nav compares them: "WorldCom's" -> "WorldCom"


def chrome_flags(lines: Sequence[str], extra: frozenset[str] = frozenset()) -> tuple[bool, ...]:
    """Per line: is it page chrome (by its shape, a date line, a byline, or a known site line)?"""
    seen = Counter(w for ln in lines for w in set(NAME_WORD.findall(ln)))
    own = tuple(
        chrome.is_chrome(ln) or metadata.is_date_line(ln) or metadata.BYLINE.match(ln) is not None
        or glued_nav(ln, seen) or ln in extra
        for ln in lines)
    return chrome.in_context(lines, own)


def glued_nav(line: str, seen: Counter) -> bool:
    """Menu words glued to the front of a line ("HomeBlogBiden and ..."), unless the glued word
    is one the page uses on other lines too: a name written in camel case ("WorldCom", "OutKast")."""
    if chrome.unglue_nav(line) == line.strip():
        return False
    first = NAME_WORD.match(line.strip())
    return first is None or seen[first.group()] < 2


def anchors(lines: Sequence[str]) -> frozenset[int]:
    """Lines that repeat the page title's headline part ('Headline - Site' at the top, then 'Headline')."""
    if len(lines) < 2:
        return frozenset()
    heads = {lines[0]} | {cut for sep in metadata.TITLE_SEPARATORS if sep in lines[0]
                          for cut in (lines[0].partition(sep)[0], lines[0].rpartition(sep)[0])}
    heads = {h for h in heads if words(h) >= 2}
    return frozenset(i for i in range(1, len(lines)) if any(is_same(lines[i], h) for h in heads))


def best_run(scores: Sequence[float]) -> tuple[float, tuple[int, int]]:
    """The highest total score of a run of lines and its [start, end) (empty when all negative)."""
    best, best_span, total, start = 0.0, (0, 0), 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_span = total, (start, i + 1)
    return best, best_span


def choose_run(scores: Sequence[float], heads: frozenset[int]) -> tuple[int, int]:
    """The article run: the best one from a repeat of the headline unless another is far better."""
    best, span = best_run(scores)
    anchored, a_span = anchored_run(scores, heads)
    return a_span if anchored > 0 and anchored * ANCHOR_ODDS >= best else span


def anchored_run(scores: Sequence[float], heads: frozenset[int]) -> tuple[float, tuple[int, int]]:
    """The best total of a run that starts soon after a repeat of the headline, and its span.

    The run may start up to HEAD_WINDOW lines below the headline: bylines, share
    bars and video players often stand between a headline and its first paragraph.
    """
    best, span = 0.0, (0, 0)
    for a in sorted(heads):
        total, low, low_at = 0.0, 0.0, a + 1  # total: sum of scores[a + 1:e + 1]; low: its least prefix
        for e in range(a + 1, len(scores)):
            total += scores[e]
            if total == -math.inf:
                break
            if total - low > best:
                best, span = total - low, (low_at, e + 1)
            if e < a + HEAD_WINDOW and total < low:
                low, low_at = total, e + 1
    return best, span


def run_scores(lines: Sequence[str], flags: Sequence[bool], prose: Sequence[bool]) -> list[float]:
    """Per line, how much it speaks for being inside the article.

    Prose counts its words; chrome costs CHROME_COST; other lines cost SHORT_COST, growing
    with each further one in a row (a gap of k such lines costs SHORT_COST * k * k), since
    articles have single subheadings between paragraphs and link lists have many lines.
    """
    seen: set[str] = set()
    scores, gap = [], 0
    for i, line in enumerate(lines):
        first = line not in seen
        seen.add(line)
        if chrome.is_barrier(line):
            scores.append(-math.inf)  # runs never cross a barrier
        elif flags[i]:
            scores.append(-CHROME_COST)
        elif prose[i] and first:
            gap = 0
            scores.append(float(words(line)))
            continue
        elif LIST_ITEM.match(line) and first:
            scores.append(0.0)  # neutral: neither a gap nor evidence
            continue
        else:
            gap += 1
            scores.append(-min(SHORT_COST * (2 * gap - 1), CHROME_COST))
            continue
        gap = 0
    return scores


def split_text(text: str, site_lines: frozenset[str] = frozenset()) -> TextParts:
    """Classify the lines of page text into headline, byline, date line, credit and article paragraphs."""
    lines = page_lines(text)
    flags = chrome_flags(lines, site_lines)
    prose = [is_prose(ln) and not f for ln, f in zip(lines, flags)]
    heads = anchors(lines)
    start, end = choose_run(run_scores(lines, flags, prose), heads)
    kept = [i for i in range(start, end) if not flags[i] and (
        prose[i] or LIST_ITEM.match(lines[i]) or (0 < i < len(lines) - 1 and prose[i - 1] and prose[i + 1]))]
    first = next((i for i in kept if i not in heads), start)
    head = read_head(lines, flags, first, heads)
    if head.title_at is not None:
        title_at, title = head.title_at, lines[head.title_at]
    else:
        title_at, title = (start, lines[start]) if start in heads else find_headline(lines, flags, start)
    body = tuple(lines[i] for i in kept if i != title_at and i not in head.meta and not is_same(lines[i], title))
    credit = find_credit(lines, title_at, start, end)
    return TextParts(body=body, title=title, title_at=title_at, body_at=first, credit=credit, lines=lines,
                     published=head.published, authors=head.authors, head_found=head.title_at is not None,
                     age_hours=next((h for i in sorted(head.meta) if (h := metadata.printed_age(lines[i])) is not None),
                                    None))


def find_headline(lines: Sequence[str], flags: Sequence[bool], start: int) -> tuple[int | None, str | None]:
    """The heading just above the article run, or a breadcrumb's last step; (None, None) when absent."""
    crumbs = [leaf for ln in lines[:start] if (leaf := chrome.breadcrumb_leaf(ln))]
    glued = {chrome.unglue_nav(ln) for ln in lines[:start]} - set(lines[:start])
    for i in range(start - 1, max(-1, start - HEADLINE_REACH - 1), -1):
        ln = lines[i]
        if is_headline(ln) and (not flags[i] or any(is_same(ln, c) for c in crumbs + list(glued))):
            return i, ln
        if is_prose(ln):
            break
    if start < len(lines) and is_headline(lines[start]) and not flags[start] and (
            not is_prose(lines[start]) or start == 0 and lines[start].rstrip().endswith("?") and len(lines) > 1):
        return start, lines[start]  # a question at the very top of the file is a headline ("Who will win?")
    if crumbs and is_headline(crumbs[-1]):
        return None, crumbs[-1]
    return None, None


def is_headline(line: str) -> bool:
    """Headline-shaped: a few words, not a sentence ending in a full stop, not a date or credit."""
    n = words(line)
    end = line.rstrip()
    return (3 <= n <= MAX_HEADLINE_WORDS and not end.endswith((",", ":", ";"))
            and (not end.endswith(".") or end.endswith("..."))  # a trailing ellipsis is no full stop
            and not re.match(r"(https?:|www\.)", line)
            and not chrome.is_credit(line) and not metadata.is_date_line(line)
            and not chrome.is_breadcrumb(line) and metadata.BYLINE.match(line) is None)


def is_same(a: str, b: str | None) -> bool:
    """Lines equal up to case, punctuation and spacing."""
    if not b:
        return False
    return WORD.findall(a.casefold()) == WORD.findall(b.casefold())


def find_credit(lines: Sequence[str], title_at: int | None, start: int, end: int) -> str | None:
    """The first photo credit line between the headline and the article's end."""
    lo = title_at + 1 if title_at is not None else max(0, start - HEADLINE_REACH)
    for ln in lines[lo:end]:
        if chrome.is_credit(ln) and not chrome.COPYRIGHT.search(ln):
            return ln
    return None


def site_chrome(sources_lines: Sequence[Sequence[str]]) -> frozenset[str]:
    """Lines that recur in several sources from one site: that site's chrome."""
    seen: Counter[str] = Counter()
    for lines in sources_lines:
        seen.update({ln.strip() for ln in lines if ln.strip()})
    return frozenset(ln for ln, n in seen.items() if n >= SITE_REPEAT)
