"""Golden files: the two seed briefings, page for page.

After an intended change, regenerate with `make golden` (or
`./run.sh test tests/test_golden.py --update-golden`) and review the diff.
"""
from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"

pytestmark = pytest.mark.slow


def generated_briefings(docs: Path) -> dict[str, str]:
    """{source file stem: page text} of every generated briefing."""
    out = {}
    for page in sorted((docs / "briefings").glob("*.md")):
        meta = frontmatter.load(page).metadata
        if "source_file" in meta:
            out[Path(meta["source_file"]).stem] = page.read_text(encoding="utf-8")
    return out


def test_seed_briefings_match_the_golden_files(seed_project: Path, request):
    pages = generated_briefings(seed_project / "docs")
    assert len(pages) == 2
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        for old in GOLDEN.glob("*.md"):
            old.unlink()
        for stem, text in pages.items():
            (GOLDEN / f"{stem}.md").write_text(text, encoding="utf-8")
    expected = {p.stem: p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.md"))}
    assert expected, "no golden files yet: run `make golden`"
    assert pages.keys() == expected.keys()
    for stem in pages:
        assert pages[stem] == expected[stem], f"{stem}: briefing differs from tests/golden/{stem}.md"
