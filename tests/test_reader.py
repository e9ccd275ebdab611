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
