"""The site at scale: build a 5,000-briefing site and time search in Chromium.

    .venv/bin/python bench/search_bench.py [--n 5000] [--keep DIR]   (or `make bench-search`)
    .venv/bin/python bench/search_bench.py --reuse DIR [--reindex]      (time search on a kept site)

Briefings are made from the BBC corpus (../shared/bench/bbc, 2,225 articles,
repeated with new keys to reach --n) cheaply, without spaCy: people are
capitalised name pairs, organisations capitalised words seen three times,
quotes what stands in quote marks, and each briefing gets a publication day
spread over two years with one dated event, so month pages and the timeline fill.
The site is then built as `briefings build` builds it (site model, pages, MkDocs,
Pagefind) and served over http on 127.0.0.1 under /briefings/; Chromium opens
the search page and, as soon as its box is there, types a query: the time from
the first keystroke to the first frame that shows a result is measured in the
page (see PROBE) for several queries, each on a fresh page with nothing cached
(so it includes whatever of the index is still loading). The http server runs in
a process of its own. Reports build time per stage, site size, and the search
times. Target: < 0.5 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import statistics
import sys
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.docs_writer import write_pages  # noqa: E402
from generator.report import Report  # noqa: E402
from generator.publish import mkdocs_build  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.export import data_files  # noqa: E402
from generator.model import Actor, Article, Briefing, DateRef, Quote, Source  # noqa: E402
from generator.render import Renderer  # noqa: E402
from generator.site import assemble  # noqa: E402

BBC = ROOT.parent / "shared" / "bench" / "bbc"
QUERIES = ("Blair", "Yukos", "Arsenal", "mobile phone", "Oscar", "Henman")
TARGET_SECONDS = 0.5
NAME = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b")
WORD = re.compile(r"\b([A-Z][A-Za-z]{2,})\b")
QUOTE = re.compile(r'"([^"]{10,300})"')
FIRST_DAY = dt.date(2020, 1, 1)


def read_bbc() -> list[tuple[str, str, str]]:
    """(key, title, body) of every BBC article; line 1 is the headline."""
    out = []
    for path in sorted(BBC.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
        title, _, rest = text.partition("\n")
        body = "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", rest) if p.strip())
        out.append((path.relative_to(BBC).as_posix(), title.strip(), body))
    return out


def cheap_briefing(i: int, key: str, title: str, body: str) -> Briefing:
    """A Briefing with rough actors, quotes and one dated event, made without spaCy."""
    published = FIRST_DAY + dt.timedelta(days=(i * 7) % 730)
    people = Counter(m.group(1) for m in NAME.finditer(body))
    words = Counter(m.group(1) for m in WORD.finditer(body))
    actors = [Actor(name=n, kind="person", mentions=tuple((m.start(), m.end()) for m in re.finditer(re.escape(n), body)))
              for n, _ in people.most_common(6)]
    taken = {w for n in people for w in n.split()}
    actors += [Actor(name=w, kind="organization", mentions=((body.index(w), body.index(w) + len(w)),))
               for w, k in words.most_common(12) if k >= 3 and w not in taken][:4]
    quotes = [Quote(text=m.group(0), span=(m.start(), m.end())) for m in QUOTE.finditer(body)][:6]
    first = body.split(". ")[0][:80]
    dates = [DateRef(text=first, span=(0, len(first)), type="DATE", value=published.isoformat(),
                     start=published, about=title)] if first else []
    source = Source(path=Path(key), key=key, kind="text", text=body)
    article = Article(body=body, title=title, title_basis="text", published=published, published_basis="metadata",
                      source_name="BBC News", source_basis="metadata")
    summary = " ".join(body.split(". ")[:2])[:400]
    return Briefing(source=source, article=article, summary=summary, actors=tuple(actors), dates=tuple(dates),
                    quotes=tuple(quotes))


def briefings(n: int) -> list[Briefing]:
    articles = read_bbc()
    out = []
    for i in range(n):
        key, title, body = articles[i % len(articles)]
        copy = i // len(articles)
        out.append(cheap_briefing(i, f"{key[:-4]}-{copy}.txt" if copy else key, title, body))
    return out


def project(dest: Path) -> Path:
    for name in ("mkdocs.yml", "templates", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    (dest / "docs").mkdir()
    for name in ("about.md", "search.md", "assets"):
        src = ROOT / "docs" / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / "docs" / name)
    (dest / "seeds").mkdir()
    return dest


def site_size(site: Path) -> tuple[int, int, int, str]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    biggest = max(pages, key=lambda p: p.stat().st_size)
    return sum(p.stat().st_size for p in files), len(files), biggest.stat().st_size, biggest.relative_to(site).as_posix()


def time_build(root: Path, items: list[Briefing]) -> dict[str, float]:
    config = load_config(root)
    times = {}
    t = time.perf_counter()
    site = assemble(items)
    times["assemble (stories, actors, timeline)"] = time.perf_counter() - t
    t = time.perf_counter()
    pages = Renderer(site, root / "templates", config.home_items).pages()
    pages.update(data_files(site))  # the home page links them, as a build writes them
    times["render pages"] = time.perf_counter() - t
    t = time.perf_counter()
    write_pages(config, pages, Report())
    times["write docs/"] = time.perf_counter() - t
    t = time.perf_counter()
    mkdocs_build(config)
    times["mkdocs + pagefind"] = time.perf_counter() - t
    times["stories"] = len(site.stories)
    times["pages"] = len(pages)
    return times


# Installed in every page before its scripts run: the time of the first keystroke of a query
# (the input event's own timestamp, so time the page was too busy to handle it counts) and of
# the first frame that shows a result of that query (its title, which Pagefind fills in once the
# result's fragment is loaded; "No results" counts for an empty answer). Measured in the page,
# so the driver's round trips, which a reader does not wait for, are not counted.
PROBE = """
window.__bench = {query: null, key: null, shown: null, painted: null};
document.addEventListener("keydown", e => {
  const b = window.__bench;
  if (b.query !== null && b.key === null) b.key = e.timeStamp;
}, true);
new MutationObserver(() => {
  const b = window.__bench;
  if (b.key === null || b.shown !== null) return;
  const message = document.querySelector(".pagefind-ui__message");
  const text = message ? message.textContent.trim() : "";
  if (!/^(\\d[\\d,]*|No) results? for /.test(text) || !text.endsWith(" for " + b.query)) return;
  const title = document.querySelector(".pagefind-ui__result-link");
  if (!/^No /.test(text) && !(title && title.textContent.trim())) return;
  b.shown = performance.now();
  requestAnimationFrame(() => setTimeout(() => { b.painted = performance.now(); }));
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


SERVE = """
import sys, threading
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests.test_site_browser import serve
server, url = serve(Path(sys.argv[2]))
print(url, flush=True)
threading.Event().wait()
"""


def serve_apart(site: Path) -> tuple[subprocess.Popen, str]:
    """The site's http server (tests.test_site_browser.serve) in a process of its own, as a
    reader's server is: in this one its threads would queue for Python's lock behind the driver."""
    proc = subprocess.Popen([sys.executable, "-c", SERVE, str(ROOT), str(site)], stdout=subprocess.PIPE, text=True)
    return proc, proc.stdout.readline().strip()


def time_search(site: Path) -> list[tuple[str, float, float, float]]:
    """(query, s to the first result on a fresh page, the same with the driver, s for a second query)."""
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from tests.test_site_browser import CHROMIUM, CHROMIUM_ARGS

    server, url = serve_apart(site)
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in QUERIES:
                page = browser.new_page()  # a new context each time: nothing cached
                page.add_init_script(PROBE)
                page.goto(f"{url}search/")
                box = page.locator(".pagefind-ui__search-input")
                box.wait_for()
                cold, driver = type_and_wait(page, box, query)
                box.fill("")
                warm, _ = type_and_wait(page, box, query.split()[0][:-1])
                out.append((query, cold, driver, warm))
                print(f"  search {query!r:<16} first result {cold:.3f} s on a fresh page "
                      f"({driver:.3f} s with the driver's round trips), {warm:.3f} s for a second query", flush=True)
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return out


def type_and_wait(page, box, query: str) -> tuple[float, float]:
    """Seconds from the first keystroke of query to the first frame showing a result (page; driver)."""
    page.evaluate("q => Object.assign(window.__bench, {query: q, key: null, shown: null, painted: null})", query)
    page.wait_for_function("true")  # the driver's own page script is compiled now, not while we time
    started = time.perf_counter()
    box.press_sequentially(query, delay=0)
    page.wait_for_function("window.__bench.painted !== null", timeout=30_000, polling=10)
    driver = time.perf_counter() - started
    key, painted = page.evaluate("[window.__bench.key, window.__bench.painted]")
    return (painted - key) / 1000, driver


def exact_identity() -> None:
    """Group actors by exact name (generator.identity's resolution is quadratic today)."""
    import generator.site as site_module
    from generator.identity import SiteActor
    from generator.slugs import unique_slugs

    def exact(per_article, overrides):
        groups: dict = {}
        for key, actors in per_article:
            for a in actors:
                groups.setdefault((a.kind, a.name), []).append(key)
        slugs = unique_slugs([(f"{k}:{n}", n) for k, n in groups], "actor")
        return tuple(SiteActor(id=slugs[f"{k}:{n}"], name=n, kind=k, articles=tuple(dict.fromkeys(keys)))
                     for (k, n), keys in groups.items())

    site_module.resolve_actors = exact
    print("search_bench: actors grouped by exact name (--exact-identity)")


def build(work: Path, n: int) -> float:
    """Build an n-briefing site in work/ (emptied first); print the stages; return the build seconds."""
    if work.exists() and any(work.iterdir()):
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    items = briefings(n)
    made = time.perf_counter() - t
    times = time_build(project(work), items)
    print(f"{n} briefings (made without spaCy in {made:.1f} s)")
    for stage, value in times.items():
        print(f"  {stage:<38} {value:8.1f}{' s' if isinstance(value, float) else ''}")
    build_s = sum(v for v in times.values() if isinstance(v, float))
    print(f"  {'build total':<38} {build_s:8.1f} s")
    return build_s


def reindex(site: Path) -> float:
    """Run Pagefind again over a kept site (after a change to generator/search.py); return seconds."""
    from generator.search import index_site

    t = time.perf_counter()
    index_site(site)
    seconds = time.perf_counter() - t
    print(f"  {'pagefind (again)':<38} {seconds:8.1f} s")
    return seconds


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000, help="briefings to build (default 5000)")
    ap.add_argument("--exact-identity", action="store_true",
                    help="group actors by exact name instead of generator.identity's resolution "
                         "(which is quadratic today: use this to measure the rest at 5,000)")
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    ap.add_argument("--reuse", type=Path, metavar="DIR",
                    help="no build: time search on the site an earlier --keep DIR left")
    ap.add_argument("--reindex", action="store_true", help="with --reuse: run Pagefind over that site again first")
    args = ap.parse_args(argv)
    if args.reuse and not (args.reuse / "site" / "search" / "index.html").is_file():
        print(f"search_bench: no built site in {args.reuse}/site (build one with --keep DIR)", file=sys.stderr)
        return 2
    if not args.reuse and not BBC.is_dir():
        print(f"search_bench: {BBC} not found (the BBC corpus)", file=sys.stderr)
        return 2
    if args.exact_identity:
        exact_identity()
    work = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        if args.reuse:
            build_s = reindex(work / "site") if args.reindex else 0.0
        else:
            build_s = build(work, args.n)
        site = work / "site"
        total, files, biggest, biggest_name = site_size(site)
        print(f"site: {total / 2**20:.1f} MiB in {files} files; largest page {biggest / 1024:.0f} KiB ({biggest_name});"
              f" search index {folder_mib(site / 'pagefind'):.1f} MiB"
              f" (word index {folder_mib(site / 'pagefind' / 'index'):.1f} MiB)")
        results = time_search(site)
        median = statistics.median(r[1] for r in results)
        worst = max(r[1] for r in results)
        driver = statistics.median(r[2] for r in results)
        warm = statistics.median(r[3] for r in results)
        verdict = "ok" if median < TARGET_SECONDS else "SLOW"
        print(f"search: first result on a fresh page median {median:.3f} s, worst {worst:.3f} s "
              f"({driver:.3f} s with the driver); later queries median {warm:.3f} s "
              f"(target < {TARGET_SECONDS} s): {verdict}")
        print(json.dumps({"briefings": None if args.reuse else args.n, "build_seconds": round(build_s, 1),
                          "site_mib": round(total / 2**20, 1), "files": files,
                          "index_mib": round(folder_mib(site / "pagefind"), 1),
                          "search_median_s": round(median, 3), "search_worst_s": round(worst, 3),
                          "search_driver_median_s": round(driver, 3), "search_warm_median_s": round(warm, 3)}))
        return 0 if median < TARGET_SECONDS else 1
    finally:
        if not (args.keep or args.reuse):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
