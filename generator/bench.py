"""`briefings bench`: cold, no-change and add-one builds on the BBC articles, timed.

Each build runs as `briefings build` in a child process on a temporary copy of
this project's site files (mkdocs.yml, hand-written docs/, templates/), so wall
time and memory are those a user sees. Memory is the peak of the summed resident
size of the build's whole process tree (build, extraction workers, MkDocs),
sampled every SAMPLE_SECONDS, next to getrusage's largest single process.
Bare spaCy (nlp.pipe, same model, same components, same cleaned texts, as many
processes as the build's workers) is measured in the same run, on the pipeline as
the build loads it (generator/nlp.py: its attribute ruler matches through
generator/ruler.py, which sets the same annotations in about a tenth less time).
"""
from __future__ import annotations

import html
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "bbc"
PROJECT_FILES = ("mkdocs.yml", "docs", "templates", "overrides")  # what a site needs besides seeds
GENERATED_DOCS = ("briefings", "actors", "stories", "timeline")  # folders the generator owns
SAMPLE_SECONDS = 0.5
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Step:
    name: str
    wall: float
    peak_mb: float
    report: dict


def articles(data: Path, limit: int | None) -> list[Path]:
    """The article files, topics interleaved (so any prefix has every topic)."""
    topics = sorted(p for p in data.iterdir() if p.is_dir())
    lists = [sorted(t.glob("*.txt")) for t in topics]
    mixed = [f for i in range(max(map(len, lists), default=0)) for files in lists if i < len(files)
             for f in [files[i]]]
    return mixed[:limit] if limit else mixed


def make_project(dest: Path, files: list[Path], data: Path) -> None:
    """A copy of this project's site files with files (but not the generated pages) as seeds."""
    for name in PROJECT_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(*GENERATED_DOCS)
                            if name == "docs" else None)
        elif src.exists():
            shutil.copy2(src, dest / name)
    home = dest / "docs" / "index.md"
    if home.exists() and "generator: briefings" in home.read_text(encoding="utf-8"):
        home.unlink()
    try:  # other pages this project's own build generated (feed.xml, ...): not hand-written
        generated = json.loads((REPO / ".briefings-cache" / "manifest.json").read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError):
        generated = {}
    for rel in generated:
        (dest / "docs" / rel).unlink(missing_ok=True)
    for f in files:
        add_seed(dest, f, data)


def add_seed(project: Path, file: Path, data: Path) -> str:
    target = project / "seeds" / file.relative_to(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(file, target)
    return file.relative_to(data).as_posix()


def tree_rss(root_pid: int) -> int:
    """Resident bytes of a process and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(statm[1]) * PAGE
    total, stack = 0, [root_pid]
    seen = set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def run_build(name: str, project: Path, model: str | None) -> Step:
    """Run `briefings build` on project; time it and sample its memory."""
    report_file = project / ".bench-report.json"
    cmd = [sys.executable, "-m", "generator.cli", "build", "--root", str(project), "-q",
           "--report-json", str(report_file)] + (["--model", model] if model else [])
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.wait(SAMPLE_SECONDS):
            peak = max(peak, tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 1) or not report_file.exists():  # 1: some sources failed, listed
        raise SystemExit(f"bench: `{' '.join(cmd)}` failed ({proc.returncode}):\n{err[-2000:]}")
    report = json.loads(report_file.read_text(encoding="utf-8"))
    return Step(name, wall, peak / 2**20, report)


def bare_pipe(project: Path, model: str | None, processes: int) -> tuple[float, int]:
    """Seconds nlp.pipe takes over the cleaned bodies of the seeds; and how many."""
    from . import nlp as nlp_mod
    from .pipeline import BATCH_SIZE, NoArticleText, prepare
    from .sources import SourceError, find_sources, read_source

    bodies = []
    for path in find_sources(project / "seeds"):
        try:
            bodies.append(prepare(read_source(path, project / "seeds")).body)
        except (SourceError, NoArticleText):
            continue
    nlp = nlp_mod.load(model)
    started = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=BATCH_SIZE, n_process=processes):
        pass
    return time.perf_counter() - started, len(bodies)


def new_article_checks(project: Path, key: str) -> tuple[bool, bool | None]:
    """Whether the added article has a page, listed under briefings/, and a search for its headline
    finds it (None: no browser to ask, see search_probe.py)."""
    slug = title = None
    for page in (project / "docs" / "briefings").glob("*.md"):
        head = page.read_text(encoding="utf-8").split("\n---", 1)[0]
        if re.search(rf"^source_file: ['\"]?{re.escape(key)}['\"]?$", head, re.M):
            slug = page.stem
            title = yaml.safe_load(head.lstrip("-\n")).get("title")
    if slug is None:
        return False, False
    site = project / "site"
    own = site / "briefings" / slug / "index.html"
    listings = [p for p in (site / "briefings").rglob("index.html")
                if p != own and not p.is_relative_to(site / "briefings" / slug)]
    listed = own.is_file() and any(f"{slug}/" in p.read_text(encoding="utf-8") for p in listings)
    return listed, searchable(site, slug, html.unescape(str(title or slug)))


def searchable(site: Path, slug: str, query: str) -> bool | None:
    """Whether the site's search (Pagefind's JS API, in Chromium) finds the briefing for a query."""
    from .search_probe import search_urls

    found = search_urls(site, query)
    return None if found is None else f"/briefings/{slug}/" in found


def run_bench(data: Path, limit: int | None = None, model: str | None = None, keep: bool = False,
              bare: bool = True) -> int:
    """Print the figures of the three builds and of bare nlp.pipe; 0 unless something broke."""
    if not data.is_dir():
        print(f"briefings bench: {data} is not present; nothing to measure (skipped)")
        return 0
    from .parallel import worker_count

    files = articles(data, limit)
    if len(files) < 2:
        print(f"briefings bench: fewer than 2 articles in {data}; nothing to measure (skipped)")
        return 0
    held, files = files[-1], files[:-1]
    project = Path(tempfile.mkdtemp(prefix="briefings-bench-"))
    try:
        make_project(project, files, data)
        steps = [run_build("cold", project, model), run_build("no change", project, model)]
        key = add_seed(project, held, data)
        steps.append(run_build("add one", project, model))
        listed, found = new_article_checks(project, key)
        workers = worker_count(len(files))
        bare_result = bare_pipe(project, model, workers) if bare else None
        print_figures(len(files), steps, workers, bare_result, listed, found, project)
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  largest single build process (getrusage RUSAGE_CHILDREN maxrss): {children:,.0f} MB")
        if keep:
            print(f"  project kept in {project}")
        return 0 if listed and found is not False else 1
    finally:
        if not keep:
            shutil.rmtree(project, ignore_errors=True)


def print_figures(n: int, steps: list[Step], workers: int, bare, listed: bool, found: bool,
                  project: Path) -> None:
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    print(f"briefings bench: {n:,} articles (+1 added), {pages:,} Markdown pages, {workers} worker(s)")
    print(f"  {'step':<10} {'wall s':>8} {'peak MB':>8} {'articles/s':>11}  stages (s)   html")
    for s in steps:
        r = s.report
        rate = r["briefings"] / s.wall if s.wall else 0.0
        stages = " ".join(f"{k} {v:.1f}" for k, v in r.get("timings", {}).items())
        index = f", search index {r['search']}" if r.get("search") else ""
        print(f"  {s.name:<10} {s.wall:8.1f} {s.peak_mb:8.0f} {rate:11.1f}  {stages}   {r.get('html', '')}{index}"
              f" ({r['extracted']} extracted, {r['cached']} cached, {len(r['written'])} pages written,"
              f" {len(r['failures'])} failed)")
    cold = steps[0].report
    extract_rate = cold["extracted"] / cold["timings"]["extract"] if cold["timings"].get("extract") else 0.0
    print(f"  extraction in the cold build: {extract_rate:.1f} articles/s (read, clean, parse, extract, cache;"
          f" worker start-up included)")
    if bare:
        seconds, count = bare
        bare_rate = count / seconds
        print(f"  bare nlp.pipe ({workers} process(es), same model and texts): {bare_rate:.1f} articles/s"
              f" -> extraction = {extract_rate / bare_rate:.2f} x bare")
    searched = "not checked (no Chromium/Playwright)" if found is None else "yes" if found else "NO"
    print(f"  added article listed: {'yes' if listed else 'NO'}; found by a search for its headline: {searched}")
