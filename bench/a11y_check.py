"""axe-core on a site built from BBC articles: every kind of page, at 1280 and 375 px (issue 19).

    .venv/bin/python bench/a11y_check.py [--n 100] [--keep DIR]   (--keep: build there once, then reuse)

Takes the first n/5 articles of each of the five BBC categories (../shared/bench/bbc),
builds them as `briefings build` does (spaCy, MkDocs, Pagefind) in a temporary project,
serves the site under /briefings/ and runs axe-core (axe-playwright-python) in Debian's
Chromium on each kind of page the browser tests check on the seeds, plus a few more
briefings, actors and stories. Prints the violations per page and their total; exit 1 if any.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import copy_project  # noqa: E402
from tests.test_site_browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from tests.test_site_a11y import DESKTOP, PHONE, axe_violations, open_page, page_kinds  # noqa: E402

BBC = ROOT.parent / "shared" / "bench" / "bbc"
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
EXTRA_PAGES = 4  # more briefings, actors and stories than the one of each kind


def seeds(dest: Path, n: int) -> None:
    dest.mkdir(parents=True)
    for category in CATEGORIES:
        for path in sorted((BBC / category).glob("*.txt"))[: n // len(CATEGORIES)]:
            shutil.copy2(path, dest / f"{category}-{path.name}")


def pages(site: Path) -> dict[str, str]:
    found = page_kinds(site, actor="", query="government")
    for folder in ("briefings", "actors", "stories"):
        names = sorted(p.name for p in (site / folder).iterdir() if p.is_dir() and p.name not in ("months", "letters"))
        for name in names[1:1 + EXTRA_PAGES]:
            found[f"{folder} {name}"] = f"{folder}/{name}/"
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="build here and keep it; a site already there is checked as it is")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"no BBC articles at {BBC}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from generator.build import build
    from generator.config import load_config

    work = args.keep or Path(tempfile.mkdtemp(prefix="briefings-a11y-"))
    project = work / "project"
    if not (project / "site").is_dir():  # a kept site is checked again as it is
        seeds(work / "bbc-seeds", args.n)
        project.mkdir()
        copy_project(project, seeds=work / "bbc-seeds")
        _, report = build(load_config(project), progress=False)
        print(f"built {args.n} BBC articles: {len(report.failures)} failures")
    server, url = serve(project / "site")
    total = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for viewport in (DESKTOP, PHONE):
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                for kind, rel in pages(project / "site").items():
                    open_page(page, url + rel)
                    found = axe_violations(page)
                    total += len(found)
                    print(f"{viewport['width']:>5} px  {kind:<40} {len(found)} violations")
                    for line in found:
                        print("        ", line)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"axe-core violations in all: {total}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
