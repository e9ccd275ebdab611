"""Site model -> Markdown pages via Jinja2 templates. Pure: returns {path: text}.

Everything that comes from a source is shown as text, never as markup: template
output is HTML-escaped and Markdown-escaped unless a value is built here as
Markup (paragraph HTML, links whose targets we made).
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
from urllib.parse import quote
from collections import defaultdict
from pathlib import Path

import frontmatter
import jinja2
from markupsafe import Markup, escape

from .model import Briefing
from .records import date_record, iso, quote_record
from .site import ActorView, Entry, Site, Story

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
GENERATED_MARK = "briefings"  # front matter `generator:` of every page the generator writes

# Python-Markdown's backslash-escapable characters (markdown.Markdown.ESCAPED_CHARS);
# `<`, `>` and `&` are HTML-escaped instead.
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:])")


def md_text(value: str) -> str:
    """Plain text safe to place inline in Markdown: specials escaped, one line."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return md_text(value)


def environment(templates: Path | None = None) -> jinja2.Environment:
    dirs = [str(p) for p in (templates, PACKAGE_TEMPLATES) if p is not None and p.is_dir()]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs), undefined=jinja2.StrictUndefined,
                             autoescape=True, finalize=finalize, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["day"] = format_day
    env.filters["external"] = external_link
    env.globals["para_link"] = lambda n: Markup(f"[¶](#p{int(n)})")
    env.filters["month"] = lambda d: d.strftime("%B %Y") if d else "Undated"
    return env


def format_day(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "undated"


def external_link(url: str) -> Markup:
    """A link to an http(s) address from a source; anything else is shown as text."""
    if not re.match(r"https?://[^\s]+$", url or "", re.I):
        return Markup(md_text(url or ""))
    target = quote(url, safe=":/?#@!$&'*+,;=%~")
    return Markup(f"[{md_text(url)}]({target})")


def link(text: str, target: str, here: str) -> Markup:
    """A Markdown link from page `here` to page `target` (both docs-relative paths)."""
    rel = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return Markup(f"[{md_text(text)}]({rel})")


def paragraphs_html(b: Briefing) -> Markup:
    """The article body as HTML paragraphs with anchors p1, p2, ... (escaped text)."""
    out = []
    for i, (s, e) in enumerate(b.paragraphs, 1):
        text = " ".join(b.article.body[s:e].split())
        out.append(f'<p id="p{i}" class="briefing-paragraph">{escape(text)} '
                   f'<a class="headerlink" href="#p{i}" title="Link to this paragraph">¶</a></p>')
    return Markup("\n\n".join(out))


def page(meta: dict, body: str) -> str:
    """Markdown with YAML front matter; meta keys that are None are left out."""
    post = frontmatter.Post(body, **{k: v for k, v in meta.items() if v is not None},
                            generator=GENERATED_MARK)
    return frontmatter.dumps(post, sort_keys=False, allow_unicode=True) + "\n"


class Renderer:
    def __init__(self, site: Site, templates: Path | None = None, home_items: int = 20):
        self.site = site
        self.env = environment(templates)
        self.home_items = home_items

    def render(self, name: str, here: str, **context: object) -> str:
        template = self.env.get_template(name)
        return template.render(site=self.site, here=here, link=lambda t, to: link(t, to, here),
                               **context)

    def pages(self) -> dict[str, str]:
        """Every generated page, keyed by its path under docs/."""
        out = {e.path: self.briefing(e) for e in self.site.entries}
        out.update({v.path: self.actor(v) for v in self.site.actors})
        out.update({s.path: self.story(s) for s in self.site.stories})
        out["briefings/index.md"] = self.index_page("briefings.md.j2", "briefings/index.md", "All briefings")
        out["actors/index.md"] = self.index_page("actors.md.j2", "actors/index.md", "Actors")
        out["stories/index.md"] = self.index_page("stories.md.j2", "stories/index.md", "Stories")
        out["timeline/index.md"] = self.timeline_page()
        out["index.md"] = self.index_page("home.md.j2", "index.md", "Briefings")
        return out

    def briefing(self, entry: Entry) -> str:
        b = entry.briefing
        para = b.paragraph_of
        actors = [(a, self.site.actor_of(entry, a.name), para(a.mentions[0][0]) + 1 if a.mentions else None)
                  for a in b.actors]
        speakers = {q.speaker: self.site.actor_of(entry, q.speaker) for q in b.quotes if q.speaker}
        body = self.render("briefing.md.j2", entry.path, entry=entry, b=b, actors=actors,
                           speakers=speakers, para=lambda span: para(span[0]) + 1,
                           story=self.site.story_of(entry), paragraphs=paragraphs_html(b))
        return page(briefing_meta(entry), body)

    def actor(self, view: ActorView) -> str:
        body = self.render("actor.md.j2", view.path, view=view)
        meta = {"title": view.actor.name, "kind": view.actor.kind, "aliases": list(view.actor.aliases),
                "briefings": [e.key for e in view.entries],
                "first_seen": iso(view.first_seen), "last_seen": iso(view.last_seen)}
        return page(meta, body)

    def story(self, story: Story) -> str:
        body = self.render("story.md.j2", story.path, story=story)
        return page({"title": story.title, "briefings": [e.key for e in story.entries]}, body)

    def timeline_page(self) -> str:
        days: dict[dt.date, list] = defaultdict(list)
        for ev in self.site.timeline:
            days[ev.start].append(ev)
        body = self.render("timeline.md.j2", "timeline/index.md", days=sorted(days.items()))
        return page({"title": "Timeline"}, body)

    def index_page(self, template: str, here: str, title: str) -> str:
        by_month: dict[str, list[Entry]] = defaultdict(list)
        for e in self.site.entries:
            by_month[e.published.strftime("%B %Y") if e.published else "Undated"].append(e)
        kinds = defaultdict(list)
        for v in self.site.actors:
            kinds[v.actor.kind].append(v)
        body = self.render(template, here, by_month=list(by_month.items()), kinds=kinds,
                           home_items=self.home_items)
        return page({"title": title}, body)


def briefing_meta(entry: Entry) -> dict:
    """The structured data of a briefing, for the page's front matter."""
    b, a = entry.briefing, entry.briefing.article
    return {
        "title": a.title or entry.title,
        "source_file": b.source.key,
        "published": iso(a.published),
        "published_basis": a.published_basis if a.published else None,
        "source": a.source_name,
        "url": a.url,
        "author": a.author,
        "credit": a.credit,
        "summary": b.summary,
        "actors": [{"name": x.name, "kind": x.kind, "role": x.role, "mentions": len(x.mentions)}
                   for x in b.actors],
        "dates": [date_record(x) for x in b.dates],
        "quotes": [quote_record(x) for x in b.quotes],
    }
