"""Rules that recognise page chrome: lines a web page carries around its article.

Rules are data. The phrase lists were collected from the boilerplate of news
and blog pages (comment forms of WordPress/Disqus, cookie banners, newsletter
boxes, share bars, breadcrumbs, "Most Popular" lists) and checked against the
page-text half of the article-extraction-benchmark sample in
shared/eval/data/aeb-dev: none of them matches a line of a true article body
there.
"""
from __future__ import annotations

import re

# Lines that are chrome when they are exactly one of these (case-insensitive, end punctuation aside).
CHROME_LINES = frozenset("""comments|comment|tweet|pin it|email|print|share|trending|recommended|sponsored
|advertisement|advertise|loading|close|menu|search|home|top|popular|related|more|next|previous|reply
|photos|video|watch|listen|follow|like|copyright
|don't miss|don’t miss|see also|view all|see all""".replace("\n", "").split("|"))
# Phrases that start a chrome line: comment forms, share bars, newsletter and cookie boxes,
# "Most Popular" lists, tag lines (case-insensitive, at a word boundary, line of <= 25 words).
CHROME_STARTS = (
    "leave a reply", "leave a comment", "post a comment", "add a comment", "your email address will not",
    "required fields are marked", "save my name, email",
    "this site uses akismet", "notify me of", "you must be logged in", "log in to comment",
    "sign in to comment", "view comments", "show comments", "load comments", "join the conversation",
    "most popular", "most read", "most viewed", "recent posts", "related posts", "related articles",
    "related stories", "related:", "related post", "related content", "you may also like",
    "you might also like", "more from", "more stories", "read more", "read next", "popular posts",
    "latest news", "top stories", "editor's picks", "editors' picks", "share this", "share on",
    "share via", "email this", "print this", "follow us", "like us on", "subscribe", "sign up for",
    "sign up to", "sign up now", "newsletter", "get the latest", "advertise with", "skip to", "jump to",
    "back to top", "you are here", "filed under", "tags:", "tagged:", "tagged with", "categories:",
    "posted in", "this material may not be published", "all rights reserved", "privacy policy",
    "cookie policy", "terms of use", "terms of service", "we use cookies", "this website uses cookies",
    "this site uses cookies", "by continuing to use", "accept cookies", "manage cookies",
    "cookie settings", "click here to", "next article", "previous article", "next post",
    "previous post", "about us", "contact us", "powered by", "view all", "see all",
)
# Lines that open what follows an article (comments, related lists, author boxes, forms):
# an article run never crosses them. Case-insensitive line starts, at a word boundary.
BARRIER_STARTS = (
    "leave a reply", "leave a comment", "post a comment", "add a comment", "comments", "top rated comments",
    "join the conversation", "join the discussion", "show comments", "view comments",
    "load comments", "discussion", "share your thoughts", "what do you think", "more from", "more articles",
    "more stories", "more by", "about the author", "elsewhere on", "you may also like", "you might also like",
    "around the web", "from the web", "most popular", "most read", "most viewed",
    "your email address will not", "required fields", "name *", "email *", "keep up to date",
)
# Comment and sign-up forms ask the reader to fill fields in: "Please enter your comment!", "Enter your email".
FORM_PROMPT = re.compile(r"^(?:please\s+)?(?:enter|type|provide|add)\s+your\s+(?:comment|name|e-?mail|password"
                         r"|username|message|website|reply)\b", re.I)
# Sidebar widget headings: "Recent Comments", "Latest Posts", "Popular Stories" (and nothing after).
WIDGET_HEADING = re.compile(r"^(?:recent|latest|newest|popular|top)\s+(?:comments|posts|articles|stories|videos)\W*$",
                            re.I)
BARRIER_COUNT = re.compile(r"^\W*\d+\s+(comments?|responses?|replies)\b", re.I)
# Lines made of these words only are navigation ("Home", "News", "Sign In").
NAV_WORDS = frozenset("""home news blog world politics business sport sports tech technology science
health entertainment opinion video videos photos menu search login log sign in up out register
subscribe contact about us more top latest live weather travel culture lifestyle style arts
""".split())
COPYRIGHT = re.compile(r"^(©|\(c\)|copyright\b)|\ball rights reserved\b|\bsubject to copyright\b", re.I)
# "Home > News > Headline", "Home / Blog / Headline", "Home » World".
BREADCRUMB = re.compile(r"^(?:[^>»/|]{1,40}\s*(?:>|»|›|/|\|)\s*){1,5}[^>»/|]+$")
BREADCRUMB_ROOT = re.compile(r"^(home|start|startseite|accueil|inicio)\b", re.I)
# Words run together by a scraper that dropped the spaces between menu items ("HomeBlogNews",
# "TopTuesday"): the glued prefixes that are nav words, e.g. "HomeBlog" + the headline.
GLUED_NAV = re.compile(r"^((?:%s)(?=[A-Z]))+" % "|".join(w.capitalize() for w in sorted(NAV_WORDS, key=len, reverse=True)))
# Photo credits: "MICHAEL REYNOLDS/PAP/EPA", "Photo: Gene J. Puskar", "(Getty Images)".
AGENCIES = ("AP", "AFP", "EPA", "PAP", "Reuters", "REUTERS", "Getty Images", "Getty", "Shutterstock",
            "Xinhua", "ANSA", "DPA", "dpa", "Bloomberg", "Alamy", "iStock", "TASS", "Sputnik", "WireImage",
            "Kyodo", "Yonhap", "Anadolu", "ANP", "AAP", "EFE", "NurPhoto", "SIPA", "ZUMA", "Pool", "PA")
CREDIT = re.compile(
    r"^(?:(?i:photo|image|picture|pictured|illustration|graphic|video)(?i:\s+credit)?\s*[:|]\s*.{2,80}"
    r"|\(?(?i:photo|image)\s+(?i:by|courtesy(?:\s+of)?)\s+.{2,60}\)?"
    r"|[A-Z][A-Z.'\- ]{2,40}(?:/[A-Z][A-Za-z.'\- ]{1,30}){1,3}"
    r"|\(?(?:%s)(?:\s*/\s*[\w .'-]{2,30})?\)?"
    r"|(?:[A-Z][\w.'-]+\s){1,3}(?:for|via)\s+(?:%s))$" % ("|".join(AGENCIES), "|".join(AGENCIES)))
CREDIT_TAIL = re.compile(r"\((?:photo|image|credit)[^)]*\)\s*$|\b(?:Getty Images|Shutterstock|AFP via Getty Images)\)?\s*$", re.I)
# A credit naming a photographer and an agency: "Jane Doe / AFP", "J. Doe / AP file",
# "Jane Doe | Bloomberg | Getty Images".
AGENCY_CREDIT = re.compile(r"(?:^|\s)(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s*[/|]\s*(?:%s)(?:\s*[/|]\s*(?:%s))*"
                           r"(?:\s+(?:file|photo|pool))?\)?$" % ("|".join(AGENCIES), "|".join(AGENCIES)))
# The end of a caption that names its source: "... equivalent. Credit: ESA", "(Photo by Jane Doe)".
CREDIT_END = re.compile(r"\b(?:credit|photo|image|picture)s?\s*(?::|by)\s*[\w .&/'’-]{1,40}\)?$", re.I)
# A caption's own credit at its end, however long the caption: "... deep space travel. Credit: 20th Century Studio".
CAPTION_CREDIT = re.compile(r"[.!?”\"]\s+(?:image|photo|picture)?\s*credits?:\s*[\w .&/'’-]{1,40}$", re.I)
# Captions that say where the picture is: "Above: A coworking space in San Francisco."
CAPTION_START = re.compile(r"^(?:above|below|top|bottom|pictured|left|right|inset|main image|main picture)\s*:\s",
                           re.I)
# Sign-offs and reporter notes after an article: "(Reporting by ...; editing by ...)",
# "Jane Doe contributed reporting.", "Jane Doe is a reporter for the Gazette."
SIGN_OFF = re.compile(r"^(?:\(\s*|(?=\S+(?:\s+\S+)?\s+by\s+(?-i:[A-Z])))(?:additional\s+)?"
                      r"(?:reporting|writing|editing|compiled|translated|research)\s+by\b", re.I)
CONTRIBUTED = re.compile(r"\bcontributed\s+(?:reporting|research|to\s+(?:this|the)\s+(?:report|story|article))\b",
                         re.I)
REPORTER_BIO = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){1,3}is\s+an?\s+(?:[\w-]+\s+){0,4}(?:reporter|correspondent|editor"
                          r"|writer|journalist|producer|columnist|contributor)\b", re.I)
# Newsletter and subscription boxes: a heading ("Pick Of The Day Newsletter", "Breaking News Emails")
# and a pitch that speaks to the reader about subscribing.
PROMO_HEADING = re.compile(r"^(?:\S+\s+){0,4}(?:newsletters?|emails|alerts)$", re.I)
PROMO_WORD = re.compile(r"\b(?:subscribe|subscription|newsletters?|opt-in|inbox|sign(?:ing)?\s+up)\b", re.I)
READER_CUE = re.compile(r"\b(?:you|your|me|my|click|please|get)\b", re.I)
# Affiliate disclosures: "... may earn an affiliate commission if you buy through links ...".
AFFILIATE = re.compile(r"\b(?:earns?|receives?)\s+(?:an?\s+)?(?:small\s+)?(?:affiliate\s+)?commission\b", re.I)
# A teaser's label at its end: "... protest jibe [ INSIGHT]|", "[VIDEO]".
TEASER_TAG = re.compile(r"\[\s*[A-Z]{3,}\s*\]\W*$")
# Headings of teaser lists: the short lines after them are links, not article.
LIST_HEADINGS = ("related", "don't miss", "don’t miss", "see also", "read more", "more on this", "recommended",
                 "more from", "most popular", "most read", "trending", "you may also like", "you might also like")
SHARE_COUNT = re.compile(r"^[\d,.]+[km]?\s+(shares?|comments?|views?|likes?)$", re.I)
TIME_AGO = re.compile(r"^\d+\s+(minutes?|hours?|days?|weeks?)\s+ago$", re.I)


def is_chrome(line: str) -> bool:
    """Whether a single line is page chrome by its own shape."""
    s = line.strip()
    low = s.lower().rstrip(" .:!»›>")
    if not s:
        return True
    if low in CHROME_LINES:
        return True
    if any(low.startswith(p) and _phrase_end(low, p) for p in CHROME_STARTS):
        return len(s.split()) <= 25
    if (COPYRIGHT.search(s) or CREDIT_TAIL.search(s)) and len(s.split()) <= 40:
        return True
    if FORM_PROMPT.match(s) or WIDGET_HEADING.match(s):
        return True
    if is_breadcrumb(s) or SHARE_COUNT.match(s) or TIME_AGO.match(s) or is_credit(s) or is_note(s):
        return True
    words = re.findall(r"[a-z]+", low)
    return bool(words) and len(words) <= 4 and all(w in NAV_WORDS for w in words)


def is_barrier(line: str) -> bool:
    """A line that opens what comes after an article (comments, related links, forms)."""
    low = line.strip().lower().lstrip("[( ")
    if len(low.split()) > 12:
        return False
    return bool(BARRIER_COUNT.match(low) or FORM_PROMPT.match(low) or WIDGET_HEADING.match(low)) or any(
        low.startswith(p) and _phrase_end(low, p) for p in BARRIER_STARTS)


def _phrase_end(low: str, phrase: str) -> bool:
    """The phrase ends at a word boundary (or is a prefix ending in punctuation)."""
    nxt = low[len(phrase):len(phrase) + 1]
    return not nxt or not nxt.isalnum() or not phrase[-1].isalnum()


def is_breadcrumb(line: str) -> bool:
    """'Home > News > Headline' and the like."""
    s = line.strip()
    if not BREADCRUMB.match(s):
        return False
    parts = re.split(r"\s*(?:>|»|›|/|\|)\s*", s)
    return any(c in s for c in ">»›") or bool(BREADCRUMB_ROOT.match(parts[0]))


def breadcrumb_leaf(line: str) -> str | None:
    """The last segment of a breadcrumb (often the headline), or None."""
    if not is_breadcrumb(line):
        return None
    leaf = re.split(r"\s*(?:>|»|›|/|\|)\s*", line.strip())[-1].strip()
    return leaf or None


def unglue_nav(line: str) -> str:
    """Strip menu words glued to the front of a line: 'HomeBlogBiden and…' -> 'Biden and…'."""
    m = GLUED_NAV.match(line.strip())
    return line.strip()[m.end():] if m else line.strip()


def is_credit(line: str) -> bool:
    """A photo credit line: 'MICHAEL REYNOLDS/PAP/EPA', 'Photo: Jane Doe', '(AP Photo/John Smith)'."""
    s = line.strip()
    if len(s) > 120 or len(s.split()) > 12:
        return False
    if re.match(r"^\(?(AP|AFP|Reuters|EPA)\s+Photo(/[^)]+)?\)?$", s) or AGENCY_CREDIT.match(s):
        return True
    return bool(CREDIT.match(s))


def is_note(line: str) -> bool:
    """A caption, sign-off, reporter note, subscription prompt or disclosure, by its shape."""
    n = len(line.split())
    if SIGN_OFF.match(line) and n <= 60:
        return True
    if (AGENCY_CREDIT.search(line) or CAPTION_CREDIT.search(line)) and n <= 80:  # a caption ending in its credit
        return True
    if n > 30:
        return False
    return bool(CAPTION_START.match(line) or CONTRIBUTED.search(line) or REPORTER_BIO.match(line)
                or AFFILIATE.search(line) or TEASER_TAG.search(line) or CREDIT_END.search(line) or is_promo(line))


def is_photo_credit(line: str) -> bool:
    """A credit that names a photographer or says it is one, not a lone agency name ('Reuters')."""
    return is_credit(line) and not re.fullmatch(r"\(?(?:%s)\)?" % "|".join(AGENCIES), line.strip())


def is_list_heading(low: str) -> bool:
    """'Related', 'Related articles', "Don't miss": the heading of a teaser list (lower-cased line)."""
    return any(low == h or (low.startswith(h + " ") and len(low.split()) <= 3) for h in LIST_HEADINGS)


def is_promo(line: str) -> bool:
    """A newsletter or subscription box line: its heading, or a pitch to the reader."""
    return bool(PROMO_HEADING.match(line.strip())) or (
        bool(PROMO_WORD.search(line)) and bool(READER_CUE.search(line)) and len(line.split()) <= 30)


def in_context(lines: list[str] | tuple[str, ...], flags: tuple[bool, ...]) -> tuple[bool, ...]:
    """Chrome known from its neighbours: a caption over its credit, a newsletter box's pitch, a teaser list.

    A line over a photo credit is the photo's caption; a short line between a
    subscription prompt and other chrome is the box's pitch; the short lines
    after a list heading ("Related", "Don't miss") are its links, up to the
    next paragraph of prose.
    """
    out = list(flags)
    in_list = False
    for i, line in enumerate(lines):
        n = len(line.split())
        prev_c, next_c = i > 0 and flags[i - 1], i + 1 < len(lines) and flags[i + 1]
        promo_near = (i > 0 and is_promo(lines[i - 1])) or (i + 1 < len(lines) and is_promo(lines[i + 1]))
        if i + 1 < len(lines) and is_photo_credit(lines[i + 1]) and n <= 40:
            out[i] = True
        elif prev_c and next_c and promo_near and n <= 30:
            out[i] = True
        elif in_list and not line.rstrip().endswith((".", "!", "?", "\"", "”")):
            out[i] = True
        low = line.strip().lower().rstrip(" .:!»›>")
        in_list = is_list_heading(low) or (in_list and out[i])
    return tuple(out)
