"""Chrome in an HTML page that trafilatura leaves in the text (issue 16).

The page's structure first: elements a reader never sees (hidden), boxes
whose class or id names a newsletter, share bar, related list or the like,
paragraphs that are mostly links (teaser lists: "DON'T MISS" + headlines),
italic captions right under a picture, contact lines (a mailto link), and a closing pointer to more coverage (a short
last paragraph ending in a bare URL) are removed from the tree before
trafilatura reads it. A box is never removed when it holds article prose (two
or more long paragraphs). Then line shapes: the credit lines newsrooms put at
an article's end ("Reporting by ...; editing by ...", "Jane Doe contributed
to this report.", "Write to Jane Doe at ...") and bylines.
"""
from __future__ import annotations

import re

import lxml.html

# Class/id words that name page furniture (newsletter and subscription boxes, share bars,
# related/recirculation lists, comment threads, cookie banners), as written in the markup
# of news CMSs (WordPress, Arc, Brightspot) and checked against the aeb-dev HTML pages.
CHROME_TOKENS = frozenset("""newsletter newsletters subscribe subscription signup share sharing
sharebar social reprint reprints print recirc recirculation outbrain taboola trending popular
related comments disqus breadcrumb breadcrumbs cookie consent promo""".split())
HIDDEN_TOKENS = frozenset("hide hidden is-hidden visually-hidden visuallyhidden sr-only d-none".split())
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Elements that are never removed as a box: the page itself and its main text containers.
KEEP_TAGS = frozenset({"html", "body", "main", "article", "h1"})
# A paragraph of at least this many words is article prose; a box holding two is kept.
LONG_PARAGRAPH_WORDS = 25
# A paragraph whose text is at least this share link text is a teaser list, not prose
# (article paragraphs on the aeb-dev pages link 0-0.4 of their text).
TEASER_LINK_SHARE = 0.6
# A contact or "more coverage" line is short.
SHORT_LINE_WORDS = 25
# Elements that may be a teaser: paragraphs, list items and headings.
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
TEASER_TAGS = ("p", "li", *sorted(HEADINGS))
# A caption under a picture: at most this many words, all in these tags.
CAPTION_WORDS = 30
CAPTION_TAGS = frozenset({"em", "i", "small"})
# A teaser list's heading: a paragraph or heading of at most this many words, without links.
LABEL_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "strong", "b"})
LABEL_WORDS = 4
# A link of at most this many words standing as a line of its own is a menu or list item.
NAV_LINK_WORDS = 5
URL_TEXT = re.compile(r"^(?:https?://|www\.)\S+$", re.I)

# Credit lines at an article's end (case-insensitive starts), and contributor lines.
CREDIT_LINE = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|research|translated|produced)"
    r"(?:\s+and\s+\w+)?\s+(?-i:by\s+[A-Z])", re.I)
CONTRIBUTED = re.compile(r"\bcontributed\b(?:\s+(?:additional\s+)?(?:reporting|research|to\s+this))", re.I)
WRITE_TO = re.compile(r"^(?:write|e-?mail|contact)\s+(?:to\s+)?\S.{0,60}\s+at\s+\S+@\S+", re.I)
BYLINE = re.compile(r"^(?i:by)\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|,)){1,8}\s*$")


def preclean(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The tree without hidden elements, furniture boxes, teaser and contact paragraphs."""
    drop = [el for el in tree.iter() if isinstance(el.tag, str) and el.tag not in KEEP_TAGS
            and (is_hidden(el) or is_furniture(el)) and not holds_prose(el)]
    teasers = [el for el in tree.iter(*TEASER_TAGS) if is_teaser(el)]
    labels = [list_label(t) for t in teasers]
    drop += [card(t) for t in teasers] + [label for label in labels if label is not None]
    drop += [p for p in tree.iter("p") if is_contact(p) or is_pointer(p) or is_caption(p)]
    for el in drop:
        remove(el)
    return tree


def remove(el: lxml.html.HtmlElement) -> None:
    """Take an element out of the tree, keeping the text that follows it."""
    if el.getparent() is None:
        return
    try:
        el.drop_tree()
    except (AssertionError, ValueError):  # already detached with an ancestor
        return


def tokens(el: lxml.html.HtmlElement) -> set[str]:
    """Words of an element's class and id: 'Newsletter-container js-tools' -> newsletter, container, js, tools."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    raw = re.sub(r"([a-z])([A-Z])", r"\1 \2", raw)
    return set(re.findall(r"[a-z]+", raw.lower()))


def is_hidden(el: lxml.html.HtmlElement) -> bool:
    """An element the page does not show: hidden, aria-hidden, display:none, a hide class."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    classes = set((el.get("class") or "").lower().split())
    return bool(classes & HIDDEN_TOKENS) or bool(HIDDEN_STYLE.search(el.get("style") or ""))


def is_furniture(el: lxml.html.HtmlElement) -> bool:
    """A box named for page furniture by its class or id."""
    return bool(tokens(el) & CHROME_TOKENS)


def holds_prose(el: lxml.html.HtmlElement) -> bool:
    """Two or more long paragraphs inside: article text, whatever the box is called."""
    long_ones = 0
    for p in el.iter("p"):
        if len(p.text_content().split()) >= LONG_PARAGRAPH_WORDS:
            long_ones += 1
            if long_ones >= 2:
                return True
    return False


def link_text(el: lxml.html.HtmlElement) -> str:
    """The text of every link inside an element."""
    return " ".join(a.text_content() for a in el.iter("a"))


def is_teaser(p: lxml.html.HtmlElement) -> bool:
    """A paragraph, list item or heading that is mostly links: another story's headline."""
    if p.tag in HEADINGS and any(a.tag == "a" for a in p.iterancestors()):
        return len(p.text_content().split()) >= 3
    total = len(" ".join(p.text_content().split()))
    linked = len(" ".join(link_text(p).split()))
    return (total > 0 and len(link_text(p).split()) >= 3 and linked / total >= TEASER_LINK_SHARE
            and not in_sentence(p))


def in_sentence(p: lxml.html.HtmlElement) -> bool:
    """The paragraph's links sit inside a sentence: prose runs into the first or out of the last."""
    full = " ".join(p.text_content().split())
    links = [" ".join(a.text_content().split()) for a in p.iter("a")]
    links = [t for t in links if t]
    if not links:
        return False
    start = full.find(links[0])
    end = full.rfind(links[-1]) + len(links[-1])
    lead, tail = full[:max(start, 0)].rstrip(), full[end:].lstrip()
    return bool(re.search(r"[a-z][,:;]?$", lead) or re.match(r"^[a-z]", tail))


def card(teaser: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """What to remove with a teaser: the list item holding it (with its blurb), else itself."""
    return next((a for a in teaser.iterancestors("li")), teaser)


def list_label(teaser: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The short heading right before a teaser paragraph ("DON'T MISS", "Read more"), or None."""
    prev = teaser.getprevious()
    while prev is not None and prev.tag == "p" and not prev.text_content().strip():
        prev = prev.getprevious()
    if prev is None or prev.tag not in LABEL_TAGS or next(prev.iter("a"), None) is not None:
        return None
    return prev if 0 < len(prev.text_content().split()) <= LABEL_WORDS else None


def is_caption(p: lxml.html.HtmlElement) -> bool:
    """A short paragraph wholly in italics or small print right under a picture: its caption."""
    words = p.text_content().split()
    if not words or len(words) > CAPTION_WORDS:
        return False
    styled = " ".join(e.text_content() for e in p if e.tag in CAPTION_TAGS)
    if len(" ".join(styled.split())) != len(" ".join(words)):
        return False
    prev = p.getprevious()
    while prev is not None and prev.tag == "p" and not prev.text_content().strip() and not has_img(prev):
        prev = prev.getprevious()
    return prev is not None and (prev.tag in ("figure", "img", "picture")
                                 or has_img(prev) and not prev.text_content().strip())


def has_img(el: lxml.html.HtmlElement) -> bool:
    """An element holding a picture."""
    return next(el.iter("img"), None) is not None


def is_contact(p: lxml.html.HtmlElement) -> bool:
    """A short paragraph with a mailto link: 'Write to Jane Doe at jane@example.com'."""
    return (len(p.text_content().split()) <= SHORT_LINE_WORDS
            and any((a.get("href") or "").lower().startswith("mailto:") for a in p.iter("a")))


def is_pointer(p: lxml.html.HtmlElement) -> bool:
    """A short last paragraph ending in a bare URL: 'Follow our coverage at https://...'."""
    if len(p.text_content().split()) > SHORT_LINE_WORDS or p.getnext() is not None and p.getnext().tag == "p":
        return False
    links = list(p.iter("a"))
    last = links[-1] if links else None
    return (last is not None and bool(URL_TEXT.match(last.text_content().strip()))
            and not (last.tail or "").strip())


def link_lines(tree: lxml.html.HtmlElement) -> frozenset[str]:
    """The whole text of every short link: a short body line that is only a link is navigation.

    Longer link texts are left to is_teaser, which sees the element around them (a
    "Click to Tweet" pull quote is a whole link and is prose).
    """
    return frozenset(t for a in tree.iter("a") if a.get("href") is not None
                     for t in (" ".join(a.text_content().split()),) if 0 < len(t.split()) <= NAV_LINK_WORDS)


def is_credit_line(line: str) -> bool:
    """A newsroom credit or byline line: 'Reporting by ...', '... contributed to this report.'."""
    s = line.strip()
    if len(s.split()) > 60:
        return False
    if CREDIT_LINE.match(s) or WRITE_TO.match(s) or BYLINE.match(s):
        return True
    return len(s.split()) <= SHORT_LINE_WORDS and bool(CONTRIBUTED.search(s))
