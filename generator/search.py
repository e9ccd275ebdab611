"""The search index: Pagefind run over a built site, before the site is swapped in.

Pagefind reads the HTML (only what the theme marks `data-pagefind-body`, less what
the templates mark `data-pagefind-ignore` because it repeats text indexed elsewhere
or grows as articles are added, with the filters the templates put in
`data-pagefind-filter` spans: actor, source, story, year) and writes a static,
chunked index to <site>/pagefind/ together with its UI; a browser then loads only
the chunks a query needs. The search page loads the index as it opens
(overrides/main.html); bench/search_bench.py times the first result at 5,000
briefings. The binary ships inside the `pagefind_bin` wheel: no download at build time.

Pagefind has no incremental mode: it indexes every page on each run (10-17 s for
the 7,600 pages of 2,225 briefings). A rebuild that only adds indexed pages keeps
the full index as it is and indexes the new pages on their own into a second
bundle, <site>/pagefind-new/, which the search page merges (Pagefind UI's
`mergeIndex` option); <site>/search-bundles.json names it. What a page gives the
index is decided on our side, from the HTML: `record_key` hashes what Pagefind
reads of a page (the indexed text, headings and ids, the data-pagefind-* values,
the language), from the live page and from the rebuilt one. A page of the full
index whose record changed, or that is gone, sends the whole site to Pagefind
again; a page of the second bundle that changed, or is gone, only the second
bundle. So each page has one record, as it is now. The templates keep what an
added article changes on old pages out of their records (the story filter is on
story pages only; actor and story pages are indexed by their names); the actor
filters still change when the most-covered actors (render.FILTER_TOP_ACTORS) do,
for about 6% of the articles added last to the 2,225-article bench site. The second
bundle is folded into a full index once it outgrows DELTA_SHARE of the site.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from . import fs
from .errors import UserError
from .site import page_url_of

BUNDLE = "pagefind"  # the index folder inside the site
DELTA = "pagefind-new"  # the pages added since the full index was made (merged by the search page)
MERGE = "search-bundles.json"  # in the site: the bundles the search page merges
# The ¶ permalinks of headings and paragraphs, and the ¶ links from a briefing's lists to
# the paragraph they come from ([¶](#pN)): marks, not words, they would litter the excerpts.
EXCLUDE = '.headerlink, a[href^="#p"]'
PAGEFIND_TIMEOUT = 1800  # seconds; 5,000 briefings index in well under a minute
BODY_MARK = b"data-pagefind-body"  # pages without it stay out of the index (overrides/main.html)
# The second bundle is folded into a full index once it holds more pages than this share
# of the site's pages (or than DELTA_MIN_PAGES on a small site): a full index ranks all
# pages on the same statistics, and the second bundle is indexed anew on every rebuild
# that adds to it (364 pages, 5% of the 7,283 of the 2,225-article bench site: 0.9 s on
# the busy 2-core machine, against 0.16 s for 2 pages).
DELTA_SHARE = 0.05
DELTA_MIN_PAGES = 50
# Elements within a line of text: a word runs on across them, and a link or bold text reads
# as the same words (a briefing's actor becomes a link when it gets a page of its own).
INLINE = frozenset("a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup "
                   "time u var wbr".split())
# The attributes whose values are part of a record: ids (Pagefind's anchors), image alt text
# and source (indexed text, the image meta), and Pagefind's own data-pagefind-* settings.
RECORD_ATTRIBUTES = ("id", "alt", "src")


@dataclass
class Records:
    """What the search index of a site holds, beyond its full index of every indexed page."""

    version: str  # written to search-bundles.json too: the live site is the one these records describe
    pages: int = 0  # the site's HTML pages when the full index was made (DELTA_SHARE is a share of them)
    delta: list[str] = field(default_factory=list)  # the HTML files (under the site) in the second bundle

    def to_json(self) -> dict:
        return {"version": self.version, "pages": self.pages, "delta": self.delta}

    @classmethod
    def from_json(cls, data) -> Records | None:
        """The records a state file holds; None when damaged or written by another version."""
        if not isinstance(data, dict):
            return None
        version, pages, delta = data.get("version"), data.get("pages"), data.get("delta")
        if not isinstance(version, str) or not isinstance(pages, int) or not isinstance(delta, list) \
                or not all(isinstance(p, str) for p in delta):
            return None
        return cls(version, pages, list(delta))


def run_pagefind(pages: Path, output: Path) -> None:
    """Index the HTML under `pages` into the bundle folder `output`; raise UserError on failure."""
    # A fresh folder: the site may be a hard-link copy of the live one, never write through it.
    if output.exists():
        shutil.rmtree(output)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output),
           "--exclude-selectors", EXCLUDE, "--silent"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise UserError(f"search index failed: {e}; the previous site is kept") from None
    if proc.returncode != 0 or not (output / "pagefind.js").is_file():
        detail = " | ".join(ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip())[-600:]
        raise UserError(f"search index failed (pagefind exit {proc.returncode}): {detail or 'no output'}; "
                        "the previous site is kept (is `pagefind[bin]` installed?)")


def site_pages(site: Path) -> int:
    """How many HTML pages the site has outside its search bundles."""
    return sum(1 for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in (BUNDLE, DELTA))


def index_site(site: Path) -> Records:
    """Index every HTML page of the built site at `site` into site/pagefind/ (no second bundle)."""
    shutil.rmtree(site / DELTA, ignore_errors=True)
    run_pagefind(site, site / BUNDLE)
    return finish(site, Records(secrets.token_hex(8), site_pages(site)))


def finish(site: Path, records: Records) -> Records:
    """Tell the search page which bundles to merge. Always written: a missing file is a 404 in the console."""
    merge = [f"{DELTA}/"] if records.delta else []
    (site / MERGE).unlink(missing_ok=True)  # may be a hard link to the live site's file
    fs.write_atomic(site / MERGE, json.dumps({"merge": merge, "version": records.version}))
    return records


def live_version(site: Path) -> str | None:
    try:
        data = json.loads((site / MERGE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("version") if isinstance(data, dict) else None


def record_key(html: bytes) -> str | None:
    """A hash of what Pagefind indexes of a page; None if the page is kept out of the index.

    That is: the text inside the data-pagefind-body elements less the data-pagefind-ignore
    ones, with the block structure that separates words and weights headings, the ids
    (anchors), image alt text and sources; every data-pagefind-* element of the page (its
    filters, meta and sort values, with the text they read); the page's language. Links
    and other inline markup count as their text, white space at a block's edge not at all
    (an ignored part that appears leaves some). The ¶ marks Pagefind is told to leave out
    (EXCLUDE) count too: they follow the headings and paragraphs, so a page whose words
    did not change keeps them.
    """
    if BODY_MARK not in html:
        return None
    root = lxml.html.document_fromstring(html)
    bodies = root.xpath("//*[@data-pagefind-body]")
    if not bodies:
        return None
    parts = ["lang", root.get("lang") or ""]
    for el in root.xpath("//*[@*[starts-with(name(), 'data-pagefind-')]]"):
        if all(k in ("data-pagefind-body", "data-pagefind-ignore") for k in el.attrib if k.startswith("data-pagefind-")):
            continue  # a region marked in or out: its indexed words count below
        attrs = sorted((k, v) for k, v in el.attrib.items() if k.startswith("data-"))
        parts += [el.tag, *(f"{k}={v}" for k, v in attrs)]
        if any(k in ("data-pagefind-filter", "data-pagefind-meta", "data-pagefind-sort") for k, _ in attrs):
            parts.append(el.text_content())  # a value given as the element's text
        for name in filter(None, (n.strip() for n in (el.get("data-pagefind-index-attrs") or "").split(","))):
            parts.append(el.get(name) or "")
    for el in root.xpath("//*[@data-pagefind-ignore]"):
        el.drop_tree()  # its tail is the parent's text: kept
    for body in bodies:
        for el in body.iter():
            block = isinstance(el.tag, str) and el.tag not in INLINE  # a comment: only its tail counts
            if isinstance(el.tag, str):
                parts += ["" if el.tag in INLINE else el.tag, *(el.get(a) or "" for a in RECORD_ATTRIBUTES),
                          words(el.text, block)]
            if el is not body:
                parts.append(words(el.tail, block))
        parts.append("\x1e")
    text = "\x1f".join(parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def words(text: str | None, block: bool) -> str:
    """Text as it separates words: white space runs are one space, and none at a block's edge
    (a block boundary separates words already: the space a dropped part left there is no word)."""
    text = re.sub(r"\s+", " ", text or "")
    return text.strip() if block else text


def read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def key_of(path: Path) -> str | None:
    """record_key of an HTML file; None if it is missing or not indexed."""
    return key_of_bytes(read(path))


def key_of_bytes(html: bytes | None) -> str | None:
    try:
        return None if html is None else record_key(html)
    except etree.ParserError:  # an empty file: Pagefind indexes nothing of it either
        return None


def page_of(doc: str) -> str | None:
    """The HTML file MkDocs writes for a docs/ Markdown file (directory URLs); None if not a page."""
    return page_url_of(doc) + "index.html" if doc.endswith(".md") else None


def url_of(page: str) -> str:
    """The URL Pagefind gives an HTML file of the site: /a/b/ for a/b/index.html."""
    return "/" + (page[: -len("index.html")] if page == "index.html" or page.endswith("/index.html") else page)


@dataclass(frozen=True)
class Change:
    """What a rebuild did to the indexed pages: compared by record_key, live page against rebuilt page."""

    added: frozenset[str]  # indexed now, not before
    changed: frozenset[str]  # indexed before and now, with another record
    gone: frozenset[str]  # indexed before, not now (removed, or now kept out of the index)


def compare(live: Path, site: Path, pages: set[str]) -> Change:
    """How these pages' records differ between the live site and the rebuilt one."""
    added, changed, gone = set(), set(), set()
    for page in pages:
        old, new = read(live / page), read(site / page)
        if old == new:  # the same file (a page not written again), or the same bytes
            continue
        before, now = key_of_bytes(old), key_of_bytes(new)
        if before == now:
            continue
        (added if before is None else gone if now is None else changed).add(page)
    return Change(frozenset(added), frozenset(changed), frozenset(gone))


def plan_update(before: Records, change: Change) -> list[str] | None:
    """The pages of the second bundle after a rebuild, or None when the site must be indexed whole.

    A page of the full index (one not in the second bundle) whose record changed or
    that is gone needs the full index made again: it keeps its old record there.
    """
    delta = set(before.delta)
    if (change.changed | change.gone) - delta:
        return None
    delta = (delta - change.gone) | change.added
    if len(delta) > max(DELTA_MIN_PAGES, DELTA_SHARE * before.pages):
        return None
    return sorted(delta)


def link_pages(site: Path, pages: list[str], dest: Path) -> None:
    """Hard links to these pages of site under dest, at the same paths (Pagefind reads URLs from them)."""
    for page in pages:
        target = dest / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except OSError:
            shutil.copy2(site / page, target)


def update_index(site: Path, live: Path, changed_docs: list[str], removed_docs: list[str],
                 before: Records | None) -> tuple[Records, str]:
    """Bring the search index of a dirty-built site (a hard-link copy of live) up to date.

    Return the records and what was done: "full" (every page indexed again), "kept"
    (no indexed page changed) or "delta" (the second bundle made anew).
    """
    if before is None or not (live / BUNDLE / "pagefind.js").is_file() or live_version(live) != before.version \
            or (before.delta and not (live / DELTA / "pagefind.js").is_file()):
        return index_site(site), "full"
    pages = {p for p in map(page_of, [*changed_docs, *removed_docs]) if p}
    change = compare(live, site, pages)
    delta = plan_update(before, change)
    if delta is None:
        return index_site(site), "full"
    fs.link_copy(live / BUNDLE, site / BUNDLE)
    if not (change.added or change.changed or change.gone):
        if before.delta:
            fs.link_copy(live / DELTA, site / DELTA)
        return finish(site, before), "kept"
    after = Records(secrets.token_hex(8), before.pages, delta)
    if delta:
        with tempfile.TemporaryDirectory(prefix="briefings-search-", dir=site.parent) as work:
            link_pages(site, delta, Path(work) / "pages")
            run_pagefind(Path(work) / "pages", site / DELTA)
    else:
        shutil.rmtree(site / DELTA, ignore_errors=True)
    return finish(site, after), "delta"
