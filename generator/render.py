"""Site model -> Markdown pages via Jinja2 templates. Pure: returns {path: text}.

Everything that comes from a source is shown as text, never as markup: template
output is HTML-escaped and Markdown-escaped unless a value is built here as
Markup (paragraph HTML, links whose targets we made).
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from markupsafe import Markup, escape

from . import feed
from .describe import LISTS, actor_description, letter_description, month_description, provenance, story_description
from .model import Failure
from .picture import Mark, month_bars, timeline_svg
from .records import iso
from .site import ActorView, Entry, Event, Site, Story
from .search_marks import search_data
from .templating import environment, format_day, link, page, url_from
from .briefing_parts import ArticleHTML, BriefingMeta, DatesPicture, dated_refs
from .views import Link, PageView, ParagraphOf, StoryLink, digest

# Page sizes: no generated page grows with the whole site.
BRIEFINGS_PER_PAGE = 200  # a month's list is split into pages of this many
NEWEST_ON_INDEX = 50  # the briefings index lists this many newest before the months
ACTORS_PER_KIND = 60  # the actors index lists the most-covered; letter pages list all
STORIES_PER_PAGE = 100
TIMELINE_INLINE_MAX = 150  # up to this many events, the timeline index draws and lists them all
FILTER_ACTORS = 10  # people and organisations per briefing offered as search filters
# Pagefind's UI loads every filter value (and its counts) before the first results: on a
# 5,000-briefing site with a value per actor that took 15-28 s to the first result in
# Chromium (bench/search_bench.py). Filters are offered for the most-covered actors only;
# every other name is still found by the search itself. The story filter is on story pages
# only, every story's, one page a value (a few hundred values at 5,000 briefings): on a
# briefing it would change an older briefing's search record whenever an added article
# joins its story, and a limit to the newest stories would change the record of the story
# pushed out; either way the whole site is indexed again instead of the new pages alone
# (generator/search.py).
FILTER_TOP_ACTORS = 100
def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def numbered(base: str, n: int) -> str:
    """'briefings/months/2021-12.md', then '...-2.md', '...-3.md' for later pages."""
    return base if n == 1 else f"{base[:-3]}-{n}.md"


def first_letter(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"^the\s+", "", folded)
    ch = next((c for c in folded if c.isalnum()), "")
    return ch if ch.isalpha() else "other"


# Below this many briefing, actor and story pages one process renders them all: forking
# and sending the pages back cost more than the second core saves.
PARALLEL_MIN_PAGES = 1000
MAX_PROCESSES = 4
_forked: tuple | None = None  # (renderer, items, processes) for the forked processes of render_items


def _render_share(k: int) -> tuple[dict[str, str | None], dict[str, str]]:
    """Share k of the items of Renderer.render_items (every n-th): pages (None: kept) and fingerprints."""
    renderer, items, n = _forked
    kept, renderer.fingerprints = renderer.fingerprints, {}
    pages = {}
    try:
        for path, view_of, item in items[k::n]:
            text = renderer.memo(path, view_of, item)
            pages[path] = None if text is KEEP else text  # KEEP is compared by identity: not sent as is
        return pages, renderer.fingerprints
    finally:
        renderer.fingerprints = kept


class Kept(str):
    """A page whose view did not change since it was written: docs/ keeps it as it is."""


KEEP = Kept()


class Renderer:
    """Pages from the site model.

    reuse(path, fingerprint) says whether the page written for path by the last
    build, from a view with this fingerprint (views.digest), is still in docs/
    untouched: such a briefing, actor or story page is not rendered again (pages()
    gives KEEP for it). After pages(), `fingerprints` holds every such page's
    fingerprint, for next time.
    """

    def __init__(self, site: Site, templates: Path | None = None, home_items: int = 20,
                 reuse: Callable[[str, str], bool] | None = None, code: str = ""):
        self.site = site
        self.env = environment(templates)
        self.home_items = home_items
        self.reuse = reuse
        self.code = code  # a hash of the code, templates and settings: part of every fingerprint
        self.fingerprints: dict[str, str] = {}
        named = [v for v in site.actors if v.actor.kind in ("person", "organization")]  # most-covered first
        self.filter_actors = {v.actor.id for v in named[:FILTER_TOP_ACTORS]}

    def render(self, name: str, here: str, **context: object) -> str:
        """A list page: its template is given the whole site."""
        return self.render_template(name, here, site=self.site, **context)

    def render_template(self, name: str, here: str, **context: object) -> str:
        template = self.env.get_template(name)
        return template.render(here=here, link=lambda t, to: link(t, to, here),
                               url=lambda to, frag="": Markup(escape(url_from(here, to, frag))), **context)

    def pages(self, failures: Sequence[Failure] = (), processes: int = 1) -> dict[str, str]:
        """Every generated page, keyed by its path under docs/; failures go on the build report.

        processes > 1 renders the briefing, actor and story pages in that many processes
        (forked: they share the site model), when there are enough of them to pay for it.
        """
        items = [(e.path, self.briefing, e) for e in self.site.entries]
        items += [(v.path, self.actor, v) for v in self.site.actors]
        items += [(s.path, self.story, s) for s in self.site.stories]
        out = self.render_items(items, processes)
        out.update(self.briefing_lists())
        out.update(self.actor_lists())
        out.update(self.story_lists())
        out.update(self.timeline_pages())
        out["index.md"] = page({"title": "Briefings", "pagefind": False, "description": LISTS["home"]},
                               self.render("home.md.j2", "index.md", home_items=self.home_items))
        out["feed.xml"] = feed.atom(self.site)
        out["build-report.md"] = self.failures_page(failures)
        return out

    def render_items(self, items: list[tuple], processes: int) -> dict[str, str]:
        """{path: page or KEEP} for (path, view of, item) tuples, in this process or split."""
        if processes < 2 or len(items) < PARALLEL_MIN_PAGES or threading.active_count() > 1 \
                or "fork" not in multiprocessing.get_all_start_methods():
            return {path: self.memo(path, view_of, item) for path, view_of, item in items}
        global _forked
        processes = min(processes, MAX_PROCESSES)
        _forked = (self, items, processes)
        try:
            with ProcessPoolExecutor(processes - 1, mp_context=multiprocessing.get_context("fork")) as pool:
                shares = [pool.submit(_render_share, k) for k in range(1, processes)]
                out, fingerprints = _render_share(0)
                for share in shares:
                    pages, prints = share.result()
                    out.update(pages)
                    fingerprints.update(prints)
        finally:
            _forked = None
        self.fingerprints.update(fingerprints)
        return {path: KEEP if out[path] is None else out[path] for path, *_ in items}

    def failures_page(self, failures: Sequence[Failure]) -> str:
        """The sources the last build could not read, and why (the build report's own list)."""
        rows = [{"file": Path(f.path).as_posix(), "reason": f.message} for f in failures]
        body = self.render("failures.md.j2", "build-report.md", failures=rows)
        return page({"title": "Build report", "failures": rows, "pagefind": False,
                     "description": LISTS["build-report"]}, body)

    # -------------------------------------------------------- one page per item, kept when its view is
    def memo(self, path: str, view_of: Callable[[object], PageView], item) -> str:
        """The page for item, or KEEP when the last build wrote it from a view with the same digest."""
        view = view_of(item)
        fingerprint = digest(self.code, view)
        self.fingerprints[path] = fingerprint
        if self.reuse is not None and self.reuse(path, fingerprint):
            return KEEP
        meta = view.meta() if callable(view.meta) else view.meta
        return page(meta, self.render_template(view.template, view.here, **view.context))

    def actor_link(self, view: ActorView | None) -> Link | None:
        return Link(view.path, view.actor.name) if view is not None else None

    def story_link(self, story: Story | None) -> StoryLink | None:
        return StoryLink(story.path, story.title, len(story.entries)) if story is not None else None

    def briefing(self, entry: Entry) -> PageView:
        b = entry.briefing
        para = b.paragraph_of
        views = [self.site.actor_of(entry, a.name) for a in b.actors]
        actors = [(a, self.actor_link(view), para(a.mentions[0][0]) + 1 if a.mentions else None)
                  for a, view in zip(b.actors, views)]
        speakers = {q.speaker: self.actor_link(self.site.actor_of(entry, q.speaker)) for q in b.quotes if q.speaker}
        story = self.site.story_of(entry)
        named = [view.actor.name for view in views if view and view.actor.id in self.filter_actors]
        data = search_data({"type": ["Briefing"], "actor": named[:FILTER_ACTORS],
                            "source": [b.article.source_name],
                            "year": [str(entry.published.year) if entry.published else None]},
                           {"date": iso(entry.published), "source": b.article.source_name})
        context = dict(entry=entry, b=b, actors=actors, dated=dated_refs(b), speakers=speakers,
                       para=ParagraphOf(b), story=self.story_link(story), basis=provenance(b),
                       paragraphs=ArticleHTML(b), search_data=data, picture=DatesPicture(entry))
        return PageView("briefing.md.j2", entry.path, context, BriefingMeta(entry))

    def actor(self, view: ActorView) -> PageView:
        stories = tuple(self.story_link(s) for s in self.site.stories_of(view))
        data = search_data({"type": ["Actor"],
                            "actor": [view.actor.name if view.actor.id in self.filter_actors else None]})
        meta = {"title": view.actor.name, "description": actor_description(view),
                "kind": view.actor.kind, "aliases": list(view.actor.aliases),
                "briefings": [e.key for e in view.entries],
                "first_seen": iso(view.first_seen), "last_seen": iso(view.last_seen)}
        return PageView("actor.md.j2", view.path, dict(view=view, stories=stories, search_data=data), meta)

    def story(self, story: Story) -> PageView:
        # Indexed by its title and story filter only (story.md.j2): the rest grows as reports join.
        data = search_data({"type": ["Story"], "story": [story.title]})
        cmp = story.comparison
        speakers = {(e.key, name): self.actor_link(self.site.actor_of(e, name)) for e, names in cmp.speakers
                    for name, _ in names}
        context = dict(story=story, cmp=cmp, speaker_links=speakers, search_data=data)
        return PageView("story.md.j2", story.path, context,
                        {"title": story.title, "description": story_description(story),
                         "briefings": [e.key for e in story.entries], "pagefind": "marked"})

    # -------------------------------------------------------- lists, split so none grows with the site
    def months(self) -> list[tuple[str, list[Entry]]]:
        by_month: dict[str, list[Entry]] = defaultdict(list)
        for e in self.site.entries:  # newest first, undated last
            by_month[e.month].append(e)
        return list(by_month.items())

    def briefing_lists(self) -> dict[str, str]:
        out, months = {}, []
        for key, entries in self.months():
            parts = chunks(entries, BRIEFINGS_PER_PAGE)
            paths = [numbered(f"briefings/months/{key}.md", n) for n in range(1, len(parts) + 1)]
            label = month_label(key)
            for n, (path, part) in enumerate(zip(paths, parts), 1):
                body = self.render("month.md.j2", path, label=label, entries=part, pages=paths, number=n)
                out[path] = page({"title": f"Briefings: {label}", "pagefind": False,
                                  "description": month_description(key, label)}, body)
            months.append((label, len(entries), paths[0]))
        body = self.render("briefings.md.j2", "briefings/index.md", newest=self.site.entries[:NEWEST_ON_INDEX],
                           months=months)
        out["briefings/index.md"] = page({"title": "All briefings", "pagefind": False,
                                          "description": LISTS["briefings"]}, body)
        return out

    def actor_lists(self) -> dict[str, str]:
        kinds: dict[str, list[ActorView]] = defaultdict(list)
        letters: dict[str, list[ActorView]] = defaultdict(list)
        for v in self.site.actors:
            kinds[v.actor.kind].append(v)
            letters[first_letter(v.actor.name)].append(v)
        out = {}
        letter_pages = []
        for letter in sorted(letters, key=lambda x: (x == "other", x)):
            path = f"actors/letters/{letter}.md"
            views = sorted(letters[letter], key=lambda v: (v.actor.name.lower(), v.actor.id))
            body = self.render("letter.md.j2", path, letter=letter, views=views)
            out[path] = page({"title": f"Actors: {letter.upper()}", "pagefind": False,
                              "description": letter_description(letter)}, body)
            letter_pages.append((letter, path))
        body = self.render("actors.md.j2", "actors/index.md", kinds=kinds, top=ACTORS_PER_KIND, letters=letter_pages)
        out["actors/index.md"] = page({"title": "Actors", "pagefind": False, "description": LISTS["actors"]}, body)
        return out

    def story_lists(self) -> dict[str, str]:
        parts = chunks(list(self.site.stories), STORIES_PER_PAGE)
        paths = [numbered("stories/index.md", n).replace("index-", "page-") for n in range(1, len(parts) + 1)]
        out = {}
        for n, (path, part) in enumerate(zip(paths, parts), 1):
            body = self.render("stories.md.j2", path, stories=part, pages=paths, number=n)
            out[path] = page({"title": "Stories", "pagefind": False, "description": LISTS["stories"]}, body)
        return out

    def timeline_pages(self) -> dict[str, str]:
        by_month: dict[str, list[Event]] = defaultdict(list)
        for ev in self.site.timeline:
            by_month[ev.start.strftime("%Y-%m")].append(ev)
        out, months = {}, []
        for key, events in sorted(by_month.items(), reverse=True):
            path = f"timeline/{key}.md"
            body = self.render("timeline.md.j2", path, title=f"Timeline: {month_label(key)}",
                               picture=self.picture(events, path, month_label(key)), days=days_of(events),
                               months=[], overview=False)
            out[path] = page({"title": f"Timeline: {month_label(key)}", "pagefind": False,
                              "description": LISTS["timeline-month"].format(month=month_label(key))}, body)
            months.append((month_label(key), len(events), path, dt.date(int(key[:4]), int(key[5:]), 1)))
        everything = len(self.site.timeline) <= TIMELINE_INLINE_MAX
        if everything:
            picture = self.picture(self.site.timeline, "timeline/index.md", "all briefings")
        else:
            bars = [(first, n, url_from("timeline/index.md", path)) for _, n, path, first in sorted(months, key=lambda m: m[3])]
            picture = month_bars(bars, "Dated events per month")
        body = self.render("timeline.md.j2", "timeline/index.md", title="Timeline", picture=picture,
                           days=days_of(self.site.timeline) if everything else [], months=months, overview=True)
        out["timeline/index.md"] = page({"title": "Timeline", "pagefind": False, "description": LISTS["timeline"]},
                                        body)
        return out

    def picture(self, events, here: str, label: str) -> Markup:
        marks = [Mark(ev.start, ev.end, ev.date.about or ev.date.text,
                      f"{format_day(ev.start)}: {ev.date.about or ev.date.text} ({ev.entry.title})",
                      url_from(here, ev.entry.path, f"p{ev.paragraph + 1}")) for ev in events]
        return timeline_svg(marks, f"Timeline of {label}")


def days_of(events) -> list[tuple[dt.date, list[Event]]]:
    days: dict[dt.date, list[Event]] = defaultdict(list)
    for ev in events:
        days[ev.start].append(ev)
    return sorted(days.items())


def month_label(key: str) -> str:
    if key == "undated":
        return "Undated"
    return dt.date(int(key[:4]), int(key[5:7]), 1).strftime("%B %Y")
