"""Actor precision, recall and role accuracy on 12 hand-annotated BBC News articles.

The reference casts are in tests/fixtures/bbc_cast.yaml; the articles are read
from ../shared/bench/bbc (never copied into the repository). Names match as in
shared/eval/score.py: equal after folding, or one name's tokens a suffix of the
other's.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.extract.actors import find_actors

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "bbc"
FIXTURE = Path(__file__).parent / "fixtures" / "bbc_cast.yaml"
COUNTED = ("person", "organization")

# The bar the issue sets for this fixture.
MIN_RECALL = 0.9
MIN_PRECISION = 0.85
# Not set by the issue: measured 0.875 (14 of 16 gold roles) on 2026-12-07; the bar allows one
# more miss, so a change that loses roles on these articles fails.
MIN_ROLE_ACCURACY = 0.8

TITLES = {"president", "mr", "mrs", "ms", "dr", "sen", "senator", "gov", "rep", "the", "a", "an"}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip().casefold()


def name_tokens(s: str) -> list[str]:
    return [t for t in re.findall(r"[\w'-]+", fold(s)) if t not in TITLES]


def names_match(name: str, gold_names: list[str]) -> bool:
    """Equal after folding, or one name's tokens are a suffix of the other's."""
    a = name_tokens(name)
    for g in gold_names:
        b = name_tokens(g)
        n = min(len(a), len(b))
        if a and b and (a == b or a[-n:] == b[-n:]):
            return True
    return False


def role_ok(gold: str, got: str | None) -> bool:
    """At least half of the gold role's content words are in the system's role."""
    stop = {"of", "and", "the", "a", "an", "for", "to", "in"}
    gw = set(re.findall(r"[\w'-]+", fold(gold))) - stop
    sw = set(re.findall(r"[\w'-]+", fold(got or ""))) - stop
    return bool(gw) and len(gw & sw) / len(gw) >= 0.5


def read_article(path: Path) -> tuple[str, str]:
    """Headline and body of a BBC file (line 1 is the headline; one file is Latin-1)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    title, _, body = text.partition("\n")
    return title.strip(), body.strip()


def score(articles, nlp) -> dict[str, float]:
    """Counts over all articles: gold found per kind, system actors right, roles right."""
    c = dict.fromkeys(("gold_person", "found_person", "gold_organization", "found_organization",
                       "sys", "sys_ok", "roles", "roles_ok"), 0)
    misses: list[str] = []
    for art in articles:
        title, body = read_article(BENCH / art["file"])
        system = [a for a in find_actors(nlp(body), title) if a.kind in COUNTED]
        for g in art["actors"]:
            hit = [a for a in system if names_match(a.name, [g["name"], *g.get("aliases", [])])]
            c[f"gold_{g['kind']}"] += 1
            c[f"found_{g['kind']}"] += bool(hit)
            if not hit:
                misses.append(f"{art['file']}: missed {g['name']}")
            elif g.get("role"):
                c["roles"] += 1
                c["roles_ok"] += role_ok(g["role"], hit[0].role)
                if not role_ok(g["role"], hit[0].role):
                    misses.append(f"{art['file']}: role of {g['name']}: {hit[0].role!r}")
        known = ([[g["name"], *g.get("aliases", [])] for g in art["actors"]]
                 + [[p] for p in art.get("places", []) + art.get("also_ok", [])])
        for a in system:
            c["sys"] += 1
            ok = any(names_match(a.name, names) for names in known)
            c["sys_ok"] += ok
            if not ok:
                misses.append(f"{art['file']}: extra {a.name!r} ({a.kind})")
    return {
        "person_recall": c["found_person"] / max(c["gold_person"], 1),
        "organization_recall": c["found_organization"] / max(c["gold_organization"], 1),
        "precision": c["sys_ok"] / max(c["sys"], 1),
        "role_accuracy": c["roles_ok"] / max(c["roles"], 1),
        "misses": misses,
    }


@pytest.fixture(scope="module")
def bbc_scores(nlp):
    if not BENCH.is_dir():
        pytest.skip("../shared/bench/bbc not present: the BBC cast test reads the articles from there")
    articles = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["articles"]
    result = score(articles, nlp)
    print("\nBBC cast:", {k: round(v, 3) for k, v in result.items() if k != "misses"})
    for m in result["misses"]:
        print("  ", m)
    return result


def test_fixture_names_existing_files():
    articles = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["articles"]
    files = [a["file"] for a in articles]
    assert len(files) == 12 and len(set(files)) == 12, files
    assert all(not Path(f).is_absolute() and ".." not in Path(f).parts for f in files), files
    if not BENCH.is_dir():
        pytest.skip("../shared/bench/bbc not present: cannot check that the fixture's files exist")
    assert [f for f in files if not (BENCH / f).is_file()] == [], "the fixture names files the corpus lacks"


def test_fixture_casts_are_well_formed():
    for art in yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["articles"]:
        assert art["actors"], f"{art['file']}: no actors"
        for g in art["actors"]:
            assert g["kind"] in COUNTED and g["name"].strip(), f"{art['file']}: {g}"


@pytest.mark.parametrize("kind", COUNTED)
def test_bbc_recall(bbc_scores, kind):
    assert bbc_scores[f"{kind}_recall"] >= MIN_RECALL, bbc_scores["misses"]


def test_bbc_precision(bbc_scores):
    assert bbc_scores["precision"] >= MIN_PRECISION, bbc_scores["misses"]


def test_bbc_role_accuracy(bbc_scores):
    assert bbc_scores["role_accuracy"] >= MIN_ROLE_ACCURACY, bbc_scores["misses"]
