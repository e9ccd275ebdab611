"""What a page is about, in a reader's words: its meta description and where its facts came from.

Pure functions of the site model. Search engines and link previews show a page's
meta description (Material prints `description` from the front matter); before
these, every page had the site's one description.
"""
from __future__ import annotations

from .model import Briefing
from .site import ActorView, Entry, Story

# Where a briefing's publisher and date came from (Article.*_basis). "metadata" is the file's
# front matter when the writer gave the field there, else an HTML page's metadata.
SOURCE_BASIS = {"text": "named in the article", "metadata": "named in the page's metadata"}
PUBLISHED_BASIS = {"text": "printed on the page", "metadata": "from the page's metadata",
                   "inferred": "worked out from the dates the article gives"}
FRONT_MATTER = "given in the file's front matter"
# The descriptions of the list pages.
LISTS = {
    "home": "The newest briefings: each article's summary, people, dates and quotes, and the stories they tell.",
    "briefings": "Every briefing, the newest first and then month by month.",
    "actors": "The people, organisations and places the briefings name, by kind.",
    "stories": "Articles that report the same event, grouped and compared side by side.",
    "timeline": "Every dated event across all briefings, drawn and listed by day.",
    "timeline-month": "The dated events of {month}, across all briefings.",
    "build-report": "The sources the last build could not read, and why.",
}
# Search engines show about 155-160 characters of a description; longer ones are cut at a word.
DESCRIPTION_CHARS = 160


def basis_words(basis: str | None, words: dict[str, str], given: bool) -> str:
    """How the page says where a value came from: `given` when the source's front matter set it."""
    if basis == "metadata" and given:
        return FRONT_MATTER
    return words.get(basis or "", "found in the article")


def provenance(b: Briefing) -> dict[str, str]:
    """The basis of the briefing's publisher and publication date, in plain words."""
    a, meta = b.article, b.source.meta
    return {"source": basis_words(a.source_basis, SOURCE_BASIS, bool(meta.source)),
            "published": basis_words(a.published_basis, PUBLISHED_BASIS, bool(meta.published))}


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis when longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def series(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def described(text: str, fallback: str) -> str:
    """The description of a page: `text`, shortened, or `fallback` when text is empty."""
    return shorten(text) or shorten(fallback)


def briefing_description(entry: Entry) -> str:
    """A briefing's summary, or its headline and publisher when no summary could be made."""
    who = entry.briefing.article.source_name
    return described(entry.briefing.summary or "", f"{entry.title}{f' ({who})' if who else ''}")


def distinct(phrases) -> list[str]:
    """The phrases in order, less any that another one already holds ("President" after "US President")."""
    kept: list[str] = []
    for phrase in phrases:
        low = " ".join(phrase.split()).lower()
        if any(low in k.lower() for k in kept):
            continue
        kept = [k for k in kept if k.lower() not in low] + [" ".join(phrase.split())]
    return kept


def actor_description(view: ActorView) -> str:
    """An actor's roles as the briefings give them, or what kind of actor it is and where it is named."""
    roles = distinct(role for _, role in view.actor.roles if role)
    n = len(view.entries)
    seen = f"named in {n} briefing{'s' if n != 1 else ''}"
    head = f"{view.actor.name}, {series(roles[:3])}" if roles else f"{view.actor.name} ({view.actor.kind})"
    return shorten(f"{head}: {seen}.")


def story_description(story: Story) -> str:
    """A story's headline and the sources that report it."""
    named = list(dict.fromkeys(e.briefing.article.source_name for e in story.entries if e.briefing.article.source_name))
    if named:
        return shorten(f"{story.title}, as reported by {series(named)}.")
    return shorten(f"{story.title}: {len(story.entries)} articles on the same event, side by side.")


def month_description(key: str, label: str) -> str:
    """A month's list of briefings ("undated" holds those with no known date)."""
    if key == "undated":
        return "The briefings on articles with no known date."
    return f"The briefings on articles published in {label}."


def letter_description(letter: str) -> str:
    """An actors' letter page ("other": names that begin with no letter)."""
    start = "a digit or a sign" if letter == "other" else letter.upper()
    return f"The people, organisations and places whose names begin with {start}."
