"""The search index: Pagefind run over a built site, before the site is swapped in.

Pagefind reads the HTML (only what the theme marks `data-pagefind-body`, less what
the templates mark `data-pagefind-ignore` because it repeats text indexed elsewhere,
with the filters the templates put in `data-pagefind-filter` spans: actor, source,
story, year) and writes a static, chunked index to <site>/pagefind/ together with
its UI; a browser then loads only the chunks a query needs. The search page loads
the index as it opens (overrides/main.html); bench/search_bench.py times the first
result at 5,000 briefings. The binary ships inside the `pagefind_bin` wheel: no
download at build time.

Pagefind has no incremental mode: it indexes every page on each run (10-17 s for
the 7,600 pages of 2,225 briefings). So a rebuild keeps the full index as it is
and indexes the pages it changed into a small second bundle, <site>/pagefind-new/,
which the search page merges in the browser (Pagefind's mergeIndex).
What a rebuild changes is decided on Pagefind's own records: each page's record
(its indexed text, filters and metadata) is a fragment named by a hash of its
content, the same whichever pages are indexed with it. The changed pages are
indexed on their own first. A page of the full index that now has another record
(an older article that a new one joined in a story), or is gone, keeps its old
record there: the search page hides that record. <site>/search-bundles.json names
the bundles to merge and the records to hide, with their filter values, so the
filter counts leave them out too (docs/assets/pagefind/pagefind.js). The whole
site is indexed again once the second bundle and the hidden records outgrow
DELTA_SHARE of the full index: a reader never sees a stale or doubled page.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import fs
from .errors import UserError

BUNDLE = "pagefind"  # the index folder inside the site
DELTA = "pagefind-new"  # the pages added since the full index was made (merged by the search page)
MERGE = "search-bundles.json"  # in the site: the bundles the search page merges, the records it hides
FRAGMENT = ".pf_fragment"  # a page's record in a bundle: fragment/<page id>.pf_fragment
# The ¶ permalinks of headings and paragraphs, and the ¶ links from a briefing's lists to
# the paragraph they come from ([¶](#pN)): marks, not words, they would litter the excerpts.
EXCLUDE = '.headerlink, a[href^="#p"]'
PAGEFIND_TIMEOUT = 1800  # seconds; 5,000 briefings index in well under a minute
BODY_MARK = b"data-pagefind-body"  # pages without it stay out of the index (overrides/main.html)
# The second bundle is folded into a full index once it and the hidden records of the full
# one count more pages than this share of the full one (or than DELTA_MIN_PAGES on a small
# site): a full index ranks all pages on the same statistics, and the search page then
# has nothing to hide.
DELTA_SHARE = 0.05
DELTA_MIN_PAGES = 50


@dataclass
class Records:
    """What the search index of a site holds: page URL -> Pagefind fragment (its record's hash)."""

    full: dict[str, str] = field(default_factory=dict)
    delta: dict[str, str] = field(default_factory=dict)
    # Pages whose record in the full index is out of date (the page changed or is gone):
    # URL -> that record's filter values, which the search page takes off the filter counts.
    stale: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"full": self.full, "delta": self.delta, "stale": self.stale}

    @classmethod
    def from_json(cls, data) -> Records | None:
        if not isinstance(data, dict):
            return None
        full, delta, stale = data.get("full"), data.get("delta"), data.get("stale", {})
        if not all(isinstance(part, dict) for part in (full, delta, stale)) or not stale.keys() <= full.keys():
            return None
        return cls(dict(full), dict(delta), dict(stale))

    def hidden(self) -> dict[str, dict[str, list[str]]]:
        """Pagefind page id (its fragment's name) -> filter values, for each stale record of the full index."""
        return {self.full[url].removesuffix(FRAGMENT): filters for url, filters in self.stale.items()}


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


def index_site(site: Path) -> Records:
    """Index every HTML page of the built site at `site` into site/pagefind/ (no second bundle)."""
    shutil.rmtree(site / DELTA, ignore_errors=True)
    run_pagefind(site, site / BUNDLE)
    return finish(site, Records(full=fragments(site / BUNDLE)))


def finish(site: Path, records: Records) -> Records:
    """Tell the search page which bundles to merge and which records to hide.

    Always written: a missing file is a 404 in the console.
    """
    merge = [f"{DELTA}/"] if records.delta else []
    (site / MERGE).unlink(missing_ok=True)  # may be a hard link to the live site's file
    fs.write_atomic(site / MERGE, json.dumps({"merge": merge, "hide": records.hidden()}))
    return records


def read_record(path: Path) -> dict:
    """A Pagefind fragment: the record of one page (url, content, filters, meta, ...)."""
    data = gzip.decompress(path.read_bytes())
    return json.loads(data[data.index(b"{"):])  # after Pagefind's "pagefind_dcd" signature


def fragments(bundle: Path) -> dict[str, str]:
    """Page URL -> fragment name for every page a Pagefind bundle holds."""
    return {read_record(path)["url"]: path.name for path in (bundle / "fragment").glob(f"*{FRAGMENT}")}


def shown(site: Path) -> dict[str, str]:
    """Page URL -> fragment name of every record the site's search page shows: the full index
    less the records search-bundles.json hides, and the second bundle."""
    try:
        hide = json.loads((site / MERGE).read_text(encoding="utf-8")).get("hide", {})
    except (OSError, ValueError, AttributeError):
        hide = {}
    full = {url: name for url, name in fragments(site / BUNDLE).items() if name.removesuffix(FRAGMENT) not in hide}
    return {**full, **fragments(site / DELTA)}


def page_of(doc: str) -> str | None:
    """The HTML file MkDocs writes for a docs/ Markdown file (directory URLs); None if not a page."""
    if not doc.endswith(".md"):
        return None
    stem = doc[:-3]
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def url_of(page: str) -> str:
    """The URL Pagefind gives an HTML file of the site: /a/b/ for a/b/index.html."""
    return "/" + (page[: -len("index.html")] if page == "index.html" or page.endswith("/index.html") else page)


def page_for(url: str) -> str:
    """The HTML file of a site URL (the inverse of url_of)."""
    rel = url.lstrip("/")
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def plan_update(before: Records, changed: set[str], removed: set[str],
                now: dict[str, str]) -> tuple[dict[str, str], set[str]] | None:
    """The second bundle and the stale pages of the full index after a rebuild, or None
    when the site must be indexed whole.

    changed and removed are the URLs of the pages the rebuild wrote and deleted;
    now holds the record of each of those pages that is indexed (a page marked out
    of the index has none). A page of the full index whose record changed goes to
    the second bundle and its full record goes stale; one that is back to its full
    record is not stale any more.
    """
    stale = set(before.stale)
    for url in (changed | removed) & before.full.keys():
        if now.get(url) == before.full[url]:
            stale.discard(url)
        else:
            stale.add(url)
    delta = {url: h for url, h in before.delta.items() if url not in removed and url not in changed}
    delta.update((url, h) for url, h in now.items() if before.full.get(url) != h)
    if len(delta.keys() | stale) > max(DELTA_MIN_PAGES, DELTA_SHARE * len(before.full)):
        return None
    return delta, stale


def link_pages(site: Path, pages: list[str], dest: Path) -> None:
    """Hard links to these pages of site under dest, at the same paths (Pagefind reads URLs from them)."""
    for page in pages:
        target = dest / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except OSError:
            shutil.copy2(site / page, target)


def indexed(site: Path, page: str) -> bool:
    try:
        return BODY_MARK in (site / page).read_bytes()
    except OSError:
        return False


def update_index(site: Path, live: Path, changed_docs: list[str], removed_docs: list[str],
                 before: Records | None) -> tuple[Records, str]:
    """Bring the search index of a dirty-built site (a hard-link copy of live) up to date.

    Return the records and what was done: "full" (every page indexed again), "kept"
    (no indexed page changed) or "delta" (the second bundle made anew, or other
    records of the full index hidden).
    """
    if before is None or not (live / BUNDLE / "pagefind.js").is_file():
        return index_site(site), "full"
    changed = [p for p in map(page_of, changed_docs) if p and indexed(site, p)]
    dropped = {url_of(p) for p in map(page_of, changed_docs) if p and not indexed(site, p)}
    removed = {url_of(p) for p in map(page_of, removed_docs) if p} | dropped
    with tempfile.TemporaryDirectory(prefix="briefings-search-", dir=site.parent) as work:
        now: dict[str, str] = {}
        if changed:
            link_pages(site, changed, Path(work) / "pages")
            run_pagefind(Path(work) / "pages", Path(work) / "probe")
            now = fragments(Path(work) / "probe")
        plan = plan_update(before, {url_of(p) for p in changed}, removed, now)
        if plan is None:
            return index_site(site), "full"
        delta, stale = plan
        try:  # the filter values of the records newly hidden, from the live full index
            stale_filters = {url: before.stale[url] if url in before.stale
                             else read_record(live / BUNDLE / "fragment" / before.full[url])["filters"]
                             for url in sorted(stale)}
        except (OSError, ValueError, KeyError):  # the live index is not what the state says
            return index_site(site), "full"
        fs.link_copy(live / BUNDLE, site / BUNDLE)
        after = Records(full=before.full, delta=delta, stale=stale_filters)
        if delta == before.delta:
            if delta:
                fs.link_copy(live / DELTA, site / DELTA)
            return finish(site, after), "kept" if after.stale == before.stale else "delta"
        if not delta:  # the pages it held are gone
            pass
        elif delta.keys() == now.keys():  # the pages just indexed are the whole second bundle
            shutil.move(Path(work) / "probe", site / DELTA)
        else:
            by_url = {url_of(p): p for p in changed}
            pages = [by_url.get(url) or page_for(url) for url in delta]
            link_pages(site, pages, Path(work) / "delta")
            run_pagefind(Path(work) / "delta", site / DELTA)
        return finish(site, after), "delta"
