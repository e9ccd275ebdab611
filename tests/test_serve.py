"""`briefings serve`: a new file in seeds/ becomes a served page, without rebuild loops."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import copy_project

pytestmark = pytest.mark.slow

NEW = ("Flood barrier tested in Hull\n\nEngineers tested the new flood barrier in Hull on Wednesday, "
       "the Environment Agency said. Site manager Priya Shah said the barrier closed in four minutes.\n")
# Seconds to wait for each step; generous, as the machine may be busy.
PATIENCE = 180


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, OSError):
        return 0


def wait_for(condition, what: str, log: Path) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}; serve said:\n{log.read_text(errors='replace')[-3000:]}")


def new_briefing(docs: Path) -> str | None:
    for page in (docs / "briefings").glob("*.md"):
        if "source_file: zz_flood.txt" in page.read_text(encoding="utf-8"):
            return page.stem
    return None


def test_serve_shows_a_new_briefing_without_rebuild_loops(tmp_path: Path):
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "BRIEFINGS_PROGRESS": "0", "PYTHONUNBUFFERED": "1"}
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--root", str(root),
                                 "--dev-addr", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT,
                                env=env, cwd=root, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: get(base) == 200, "the first page", log)
        (root / "seeds" / "zz_flood.txt").write_text(NEW, encoding="utf-8")
        wait_for(lambda: new_briefing(root / "docs") is not None, "the new briefing's Markdown", log)
        slug = new_briefing(root / "docs")
        wait_for(lambda: get(f"{base}briefings/{slug}/") == 200, "the new briefing page", log)
        time.sleep(3)  # a rebuild loop would show up as more regenerations meanwhile
        regenerations = log.read_text(errors="replace").count(" briefings (")
        assert 2 <= regenerations <= 3, log.read_text(errors="replace")[-3000:]
        assert proc.poll() is None, "serve stopped"
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
