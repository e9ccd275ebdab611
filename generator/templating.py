"""The Jinja2 environment of the generated pages and the Markdown they are written in.

    environment(templates) -> jinja2.Environment    the templates' filters, autoescape, StrictUndefined
    page(meta, body) -> str                          Markdown with YAML front matter
    link(text, target, here), url_from(here, target) relative links between generated pages
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from urllib.parse import quote

import frontmatter
import jinja2
from markupsafe import Markup, escape

from .model import GENERATED_MARK
from .site import page_url_of

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Python-Markdown's backslash-escapable characters (markdown.Markdown.ESCAPED_CHARS, plus `|`
# from the tables extension); `<`, `>` and `&` are HTML-escaped instead. No others: Markdown
# leaves a backslash before any other character on the page ("https\\://").
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


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
    env.filters["month"] = lambda d: d.strftime("%B %Y") if d else "Undated"
    # Text inside raw HTML blocks, which Markdown leaves as they are: HTML-escaped, on one line
    # (a blank line would end the block).
    env.filters["html"] = lambda v: Markup(escape(" ".join(str(v).split())))
    return env


def format_day(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "undated"


def external_link(url: str) -> Markup:
    """A link (raw HTML) to an http(s) address from a source; anything else is shown as text."""
    text = escape(" ".join((url or "").split()))
    if not re.match(r"https?://[^\s]+$", url or "", re.I):
        return Markup(text)
    target = escape(quote(url, safe=":/?#@!$&'*+,;=%~"))
    return Markup(f'<a href="{target}">{text}</a>')


def relative(target: str, folder: str) -> str:
    """posixpath.relpath(target or ".", folder or ".") for relative paths without "." or ".." parts.

    A briefing links to some 30 pages: posixpath.relpath (which makes both paths
    absolute against the working folder first) took a seventh of all page rendering.
    """
    to = target.strip("/").split("/") if target.strip("/") else []
    start = folder.strip("/").split("/") if folder.strip("/") else []
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def link(text: str, target: str, here: str) -> Markup:
    """A Markdown link from page `here` to page `target` (both docs-relative paths)."""
    rel = relative(target, posixpath.dirname(here))
    return Markup(f"[{escape(md_text(text))}]({rel})")  # the text is a source's: HTML-escaped too


def url_from(here: str, target: str, fragment: str = "") -> str:
    """A relative URL from the built page of `here` to the built page of `target` (raw HTML)."""
    rel = relative(page_url_of(target), page_url_of(here))
    return ("./" if rel == "." else rel + "/") + (f"#{fragment}" if fragment else "")


# Front matter keys that MkDocs Material prints into the HTML as they are, without escaping
# (its Jinja environment has no autoescape): `title` in <title>, the header and the nav,
# `author` in <meta name="author" content="...">. Their values are stored HTML-escaped.
THEME_RAW_KEYS = ("title", "author", "description")


def page(meta: dict, body: str) -> str:
    """Markdown with YAML front matter; meta keys that are None are left out."""
    meta = {k: str(escape(v)) if k in THEME_RAW_KEYS and isinstance(v, str) else v
            for k, v in meta.items() if v is not None}
    post = frontmatter.Post(body, **meta, generator=GENERATED_MARK)
    return frontmatter.dumps(post, sort_keys=False, allow_unicode=True) + "\n"
