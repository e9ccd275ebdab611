"""The command line: every command and option documented, and `extract` keeps its contract."""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def commands() -> dict[str, list[str]]:
    """{command: [its long options]} from the argument parser."""
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return {name: [o for a in p._actions if a.help != argparse.SUPPRESS
                   for o in a.option_strings if o.startswith("--") and o != "--help"]
            for name, p in sub.choices.items()}


def test_every_command_and_option_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, options in commands().items():
        assert f"briefings {name}" in readme, f"`briefings {name}` is not in the README"
        for option in options:
            assert option in readme, f"`briefings {name} {option}` is not in the README"


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_help(name):
    proc = subprocess.run([sys.executable, "-m", "generator.cli", name, "--help"], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 0
    assert f"usage: briefings {name}" in proc.stdout


def test_extract_writes_one_json_line_per_file_and_flags_the_bad_one(tmp_path: Path):
    good = ROOT / "seeds" / "000_34803b59c0fdaac2.txt"
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "extract", str(good), str(bad)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    first, second = map(json.loads, lines)
    assert first["file"] == str(good) and first["error"] is None and first["body"]
    assert second == {**second, "file": str(bad), "error": "file is empty"}
    assert re.search(r"empty\.txt: file is empty", proc.stderr)
    for q in first["quotes"]:
        assert first["body"][q["span"][0]:q["span"][1]] == q["text"]


def test_extract_raw_keeps_the_text_verbatim(tmp_path: Path):
    text = "You are here\n\nHome > News\n\n“It is fine,” she said.\n"
    f = tmp_path / "a.txt"
    f.write_text("---\ntitle: A title\npublished: 2021-12-30\n---\n" + text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "extract", "--raw", str(f)],
                          capture_output=True, text=True, cwd=ROOT)
    record = json.loads(proc.stdout)
    assert record["body"] == text
    assert (record["title"], record["published"], record["published_basis"]) == ("A title", "2021-12-30", "metadata")


def test_extract_raw_does_not_repair_or_normalise(tmp_path: Path):
    text = "Guant\u00c3\u00a1namo detainees, he said.\r\nA second line.\r\n"
    f = tmp_path / "m.txt"
    f.write_bytes(text.encode("utf-8"))
    raw = subprocess.run([sys.executable, "-m", "generator.cli", "extract", "--raw", str(f)],
                         capture_output=True, text=True, cwd=ROOT)
    assert json.loads(raw.stdout)["body"] == text
