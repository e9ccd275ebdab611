"""The state a build leaves for the next: typed, and a damaged file is as good as none."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import state
from generator.state import Manifest, PagesState, Pending, SiteState, SourcesState, WordCountsState

VALUES = [
    Manifest({"briefings/a.md": "ab12"}),
    Pending({"briefings/a.md": ["ab12", "cd34"]}),
    PagesState("key", {"index.md": 1_700_000_000_000_000_000}, {"briefings/a.md": "f00"}),
    WordCountsState("code", {"text": {"word": 2}}),
    SourcesState("stamp", 1.5, 2, 3, [("seeds/x.txt", "no article text")]),
    SiteState("stamp", [1, 2], {"index.md": 3}, None),
    SiteState("stamp", [1, 2], {}, {"records": {"a": 1}}),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_what_is_saved_is_loaded(tmp_path: Path, value):
    state.save(tmp_path, value)
    assert state.load(tmp_path, type(value)) == value
    state.forget(tmp_path, type(value))
    assert state.load(tmp_path, type(value)) is None


@pytest.mark.parametrize("kind", sorted({type(v) for v in VALUES}, key=lambda k: k.__name__), ids=lambda k: k.__name__)
@pytest.mark.parametrize("damage", ["", "{not json", "[]", "null", "{}", '{"files": 1}', '{"stamp": 1}',
                                    '{"a.md": [1]}', "\udcff"])
def test_a_damaged_file_is_as_good_as_none(tmp_path: Path, kind, damage: str):
    (tmp_path / kind.FILE).write_text(damage, encoding="utf-8", errors="surrogateescape")
    if kind is Pending and damage == "{}":
        assert state.load(tmp_path, kind) == Pending({})  # an empty journal
    else:
        assert state.load(tmp_path, kind) is None


def test_a_wrong_type_deep_inside_is_seen(tmp_path: Path):
    good = {"stamp": "s", "at": 1.0, "newest": 2, "briefings": 3, "failures": [["seeds/x.txt", "why"]]}
    (tmp_path / SourcesState.FILE).write_text(json.dumps(good), encoding="utf-8")
    assert state.load(tmp_path, SourcesState).failures == [("seeds/x.txt", "why")]
    for bad in ([["seeds/x.txt"]], [["seeds/x.txt", 1]], [None]):
        (tmp_path / SourcesState.FILE).write_text(json.dumps({**good, "failures": bad}), encoding="utf-8")
        assert state.load(tmp_path, SourcesState) is None, bad
    (tmp_path / PagesState.FILE).write_text(json.dumps({"key": "k", "docs": {"a.md": "1"}, "fingerprints": {}}))
    assert state.load(tmp_path, PagesState) is None
