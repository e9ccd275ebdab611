"""The search index: Pagefind run over a built site, before the site is swapped in.

Pagefind reads the HTML (only what the theme marks `data-pagefind-body`, with the
filters the templates put in `data-pagefind-filter` spans: actor, source, story,
year, type) and writes a static, chunked index to <site>/pagefind/ together with
its UI; a browser then loads only the chunks a query needs, so the first results
come in well under a second on thousands of briefings. The binary ships inside
the `pagefind_bin` wheel: no download at build time.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .errors import UserError

BUNDLE = "pagefind"  # the index folder inside the site
EXCLUDE = ".headerlink"  # the ¶ permalinks of headings and paragraphs
PAGEFIND_TIMEOUT = 1800  # seconds; 5,000 briefings index in well under a minute


def index_site(site: Path) -> None:
    """Index every HTML page of the built site at `site` into site/pagefind/."""
    bundle = site / BUNDLE
    # A fresh folder: the site may be a hard-link copy of the live one, never write through it.
    if bundle.exists():
        shutil.rmtree(bundle)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE,
           "--exclude-selectors", EXCLUDE, "--silent"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise UserError(f"search index failed: {e}; the previous site is kept") from None
    if proc.returncode != 0 or not (bundle / "pagefind.js").is_file():
        detail = " | ".join(ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip())[-600:]
        raise UserError(f"search index failed (pagefind exit {proc.returncode}): {detail or 'no output'}; "
                        "the previous site is kept (is `pagefind[bin]` installed?)")
