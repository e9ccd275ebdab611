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


def subparsers() -> dict[str, argparse.ArgumentParser]:
    return next(a for a in build_parser()._actions if a.dest == "command").choices


def documented(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The options a user is meant to see (not --help, not the hidden ones)."""
    return [a for a in parser._actions
            if a.option_strings and a.help != argparse.SUPPRESS and not isinstance(a, argparse._HelpAction)]


def long_options(parser: argparse.ArgumentParser) -> list[str]:
    return [o for a in documented(parser) for o in a.option_strings if o.startswith("--")]


def commands() -> dict[str, list[str]]:
    """{command: [its long options]} from the argument parser."""
    return {name: long_options(p) for name, p in subparsers().items()}


def readme_sections(readme: str) -> tuple[dict[str, str], dict[str, str], str]:
    """What the README says of each command: ({command: its table row}, {command: its options
    bullets}, the bullets that name no command (options given before the command))."""
    names = set(commands())
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `briefings (\w+)[^|]*\|.*$", readme, re.M)}
    assert "\nOptions:\n" in readme, "the README has no `Options:` list after its command table"
    options = readme.split("\nOptions:\n", 1)[1].split("\n## ", 1)[0]
    bullets: dict[str, str] = dict.fromkeys(names, "")
    general = ""
    for bullet in re.split(r"\n(?=- )", options):
        lead = bullet.split(":", 1)[0]  # "- `briefings build`, `serve`, `publish`" or "- `briefings extract --raw`"
        about = set(re.findall(r"`(?:briefings )?(\w+)", lead)) & names
        for name in about:
            bullets[name] += bullet + "\n"
        if not about:
            general += bullet + "\n"
    return rows, bullets, general


def code_spans(text: str) -> str:
    return " ".join(re.findall(r"`([^`]+)`", text))


def test_every_command_has_a_row_in_the_readme_table():
    rows, _, _ = readme_sections((ROOT / "README.md").read_text(encoding="utf-8"))
    assert sorted(rows) == sorted(commands()), "the README's command table and the parser disagree"


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_option_is_in_its_commands_readme_row_or_options(name):
    rows, bullets, _ = readme_sections((ROOT / "README.md").read_text(encoding="utf-8"))
    said = code_spans(rows.get(name, "") + bullets[name])
    missing = [o for o in commands()[name] if not re.search(rf"{re.escape(o)}(?![\w-])", said)]
    assert not missing, f"the README does not give `briefings {name}` {missing} in its row or options list"


def test_every_option_before_the_command_is_in_the_readme():
    _, _, general = readme_sections((ROOT / "README.md").read_text(encoding="utf-8"))
    said = code_spans(general)
    missing = [o for o in long_options(build_parser()) if o not in said]
    assert not missing, f"the README does not give {missing} (options before the command)"


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_help(name):
    proc = subprocess.run([sys.executable, "-m", "generator.cli", name, "--help"], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 0
    assert f"usage: briefings {name}" in proc.stdout
    listed = proc.stdout.split("options:", 1)[-1]
    for action in documented(subparsers()[name]):
        assert action.help, f"`briefings {name} {action.option_strings[0]}` has no help text"
        for option in action.option_strings:
            assert re.search(rf"(^|[ ,]){re.escape(option)}\b", listed, re.M), \
                f"`briefings {name} --help` does not list {option}"


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
