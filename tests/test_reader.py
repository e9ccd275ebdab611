"""The reader: one process that loads the model while the build reads its cache, then reads new articles."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import nlp as nlp_mod
from generator.parallel import Reader
from generator.pipeline import analyse_many

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OPTIONS = {"raw": False, "max_bytes": None}


@pytest.fixture
def items() -> list[tuple[Path, str]]:
    return [(p, p.name) for p in sorted(SEEDS.glob("*.txt"))]


def test_the_reader_reads_as_this_process_does_and_stays_up(items):
    model = nlp_mod.default_model()
    reader = Reader(model, OPTIONS)
    try:
        done: list[int] = []
        got = list(reader.analyse(items, done.append))
        again = list(reader.analyse(items[:1], None))  # the same process, the model loaded once
    finally:
        reader.close()
    want = list(analyse_many(items, nlp_mod.load(model)))
    assert got == want and again == want[:1]
    assert done == [1] * len(items) and not any(b.error for b in got)


def test_a_reader_that_dies_costs_only_its_articles(items):
    reader = Reader(nlp_mod.default_model(), OPTIONS)
    assert reader.conn.recv() is None  # the model is loaded
    reader.ready = True
    reader.process.kill()
    reader.process.join()
    got = list(reader.analyse(items, None))
    assert [b.source.key for b in got] == [key for _, key in items]
    assert all(b.error.startswith("internal error: the extraction worker died") for b in got)
    assert not reader.alive()


def test_a_model_that_is_not_installed_is_a_model_error(items):
    reader = Reader("no_such_model_package", OPTIONS)
    with pytest.raises(nlp_mod.ModelError, match="no_such_model_package"):
        list(reader.analyse(items, None))
    reader.close()
    assert not reader.alive()


def test_a_build_reads_new_articles_in_the_reader_and_closes_it_when_none_is_new(tmp_path, monkeypatch):
    from generator import parallel
    from generator.build import build
    from generator.config import load_config

    from .conftest import copy_project

    monkeypatch.setattr("generator.extraction.extractor_version", lambda model: "pinned-for-tests")
    monkeypatch.setattr(nlp_mod, "loaded", lambda model: False)  # as in a fresh `briefings build`
    project = copy_project(tmp_path)
    config = load_config(project)
    try:
        report = build(config, html=False, progress=False)[1]
        assert report.extracted == 2 and not report.failures
        assert parallel._reader is not None and parallel._reader.alive()  # kept for the next build
        (project / "seeds" / "000_34803b59c0fdaac2.txt").unlink()
        assert build(config, html=False, progress=False)[1].extracted == 0
        assert parallel._reader is None
    finally:
        if parallel._reader is not None:
            parallel._reader.close()
