"""The HTML stage: docs/ -> a new site folder (MkDocs, htmlsite.py) -> search index (search.py) -> swapped in.

    mkdocs_build(config)    render what changed into a new folder, index it, swap it into site/
"""
from __future__ import annotations

import shutil
import time

from . import fs, htmlsite, search
from .config import Config
from .report import Report

TRASH = "trash"  # previous sites, being deleted in the background (in the cache folder)

# The hard-link copy of the live site a dirty build starts from, but for the search
# index, which search.update_index copies or makes anew.
COPY_SKIP = (search.BUNDLE, search.DELTA)


def mkdocs_build(config: Config, strict: bool = True, clean: bool = False, report: Report | None = None,
                 copy: fs.LinkCopy | None = None) -> str:
    """Bring site/ in line with docs/: render what changed into a new folder, then swap it in.

    Return what was done: "full", "dirty" (only the changed files rendered, the rest
    hard links to the live site's) or "unchanged" (nothing in docs/ changed: no work).
    copy: the hard-link copy of the live site, started early (htmlsite.start_copy);
    deleted if not used.
    """
    todo = htmlsite.plan(config, strict, clean)
    if copy is not None and todo.mode != "dirty":
        copy.cancel()
        fs.discard(copy.dest, config.cache / TRASH)
        copy = None
    if todo.mode == "unchanged":
        return todo.mode
    site = config.site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    fs.remove_stale_builds(site)
    fs.empty_trash(config.cache / TRASH)
    if todo.mode == "dirty" and copy is None:
        copy = fs.LinkCopy(site, fs.build_folder(site), COPY_SKIP)
    tmp, rendered, swapped = None, None, False
    try:
        started = time.perf_counter()
        rendered = htmlsite.render(config, todo)  # while cp makes the copy
        if copy is not None:
            copy.wait()
            tmp = copy.dest
            fs.remove_files(tmp, rendered.stale)  # the outputs of changed and removed docs/ files
            fs.move_in(rendered.folder, tmp)
        else:
            tmp, rendered = rendered.folder, None
        mkdocs_done = time.perf_counter()
        if todo.mode == "dirty":
            records, how = search.update_index(tmp, site, todo.changed, todo.removed,
                                               search.Records.from_json(todo.search))
        else:
            records, how = search.index_site(tmp), "full"
        if report is not None:
            report.timings.update(mkdocs=mkdocs_done - started, search=time.perf_counter() - mkdocs_done)
            report.search = how
        fs.swap_in(tmp, site)
        swapped = True
        htmlsite.save_state(config, todo, records.to_json())
    finally:
        if copy is not None:
            copy.cancel()  # still copying when the build stopped
            tmp = tmp or copy.dest
        if rendered is not None:
            shutil.rmtree(rendered.folder, ignore_errors=True)
        if tmp is not None and tmp.exists() and swapped:
            fs.discard(tmp, config.cache / TRASH)  # the previous site: deleted by a process of its own
        elif tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return todo.mode
