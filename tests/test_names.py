"""Names from sources are safe: every page lands inside the site with a unique, stable URL."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.config import load_config
from generator.identity import Overrides, resolve_actors
from generator.model import Actor
from generator.slugs import slugify, unique_slugs

from .conftest import copy_project

pytestmark = pytest.mark.slow

ARTICLE = ("---\ntitle: {title}\npublished: 2022-01-0{day}\n---\n"
           "The mayor of the town said on Monday that the bridge would reopen in March after repairs. "
           "Residents welcomed the news at a meeting in the town hall on Monday evening.\n\n"
           "“We have waited long enough,” said Anna Kowalska, who runs a bakery near the river.\n")

AWKWARD_FILES = {
    "with spaces in the name.txt": "Bridge to reopen in March",
    "Ünïcödé ñåmé 東京.md": "Bridge to reopen in March",  # the same title: the same slug words
    "dots..in..the..name...txt": "../../etc/passwd",
    ("x" * 200) + ".txt": "index",
    "sub/folder/deep.txt": "<script>alert(1)</script>",
}


@pytest.mark.parametrize("text", ["index", "../../etc", "..", "a/b", "", "   ", "東京", "search", "404",
                                  "x" * 500, "CON", "\x00\x01", "-.-"])
def test_slugs_are_plain_names(text):
    slug = slugify(text, "page")
    assert slug and "/" not in slug and ".." not in slug and slug not in {"index", "search", "404"}
    assert len(slug) <= 80 and slug == slug.strip("-")
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)


def test_clashing_names_get_distinct_stable_slugs():
    first = unique_slugs([("a", "Same name"), ("b", "Same name")])
    again = unique_slugs([("b", "Same name"), ("a", "Same name")])
    assert first["a"] != first["b"] and first == again


def test_actors_with_path_like_names_get_safe_distinct_ids():
    actors = [Actor(name=n, kind="person", mentions=((0, 1),)) for n in ("index", "../../etc", "Index")]
    ids = [a.id for a in resolve_actors([("k.txt", tuple(actors))], Overrides())]
    assert len(ids) == len(set(ids))
    assert all(i and "/" not in i and ".." not in i and i != "index" for i in ids)


@pytest.fixture(scope="module")
def awkward_project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("names"))
    for i, (name, title) in enumerate(AWKWARD_FILES.items(), 1):
        path = root / "seeds" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE.format(title=repr(title), day=i), encoding="utf-8")
    _, report = build(load_config(root))
    assert not report.failures, report.failures
    return root


def test_every_source_gets_its_own_page_inside_the_site(awkward_project: Path):
    docs = awkward_project / "docs"
    pages = sorted((docs / "briefings").glob("*.md"))
    assert len(pages) == len(AWKWARD_FILES) + 2 + 1  # the seeds and the index
    site = awkward_project / "site"
    for page in pages:
        if page.stem != "index":
            assert (site / "briefings" / page.stem / "index.html").is_file()
    for path in site.rglob("*"):
        assert path.resolve().is_relative_to(site.resolve())
    for path in docs.rglob("*"):
        assert path.resolve().is_relative_to(docs.resolve())


def test_urls_stay_the_same_when_another_source_arrives(awkward_project: Path):
    before = sorted(p.name for p in (awkward_project / "docs" / "briefings").glob("*.md"))
    extra = awkward_project / "seeds" / "one more.txt"
    extra.write_text(ARTICLE.format(title="'Bridge to reopen in March'", day=9), encoding="utf-8")
    try:
        build(load_config(awkward_project), html=False)
        after = sorted(p.name for p in (awkward_project / "docs" / "briefings").glob("*.md"))
        assert set(before) < set(after) and len(after) == len(before) + 1
    finally:
        extra.unlink()
        build(load_config(awkward_project), html=False)
