"""Live preview: `mkdocs serve` on docs/, with seeds/ watched and regenerated.

The generator writes a page only when its content changes, and it watches
seeds/ (and the overrides file) but not docs/, so a rebuild never triggers
another: MkDocs sees only the pages that really changed, re-renders only those
(`mkdocs serve --dirty`: a site of thousands of actor pages is not rendered
again for one new article) and reloads the browser.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from .build import build
from .config import Config

log = logging.getLogger(__name__)

# Editors save in bursts (temp file, rename, chmod); wait this long after the last event.
DEBOUNCE_SECONDS = 0.5


def regenerate(config: Config, quiet: bool = False) -> None:
    """Rebuild the Markdown (not the HTML: mkdocs serve renders it) and say what changed."""
    try:
        _, report = build(config, html=False, progress=False if quiet else None)
    except Exception as e:  # the preview must survive a bad edit
        print(f"briefings: rebuild failed: {e}", file=sys.stderr)
        return
    for failure in report.failures:
        print(f"briefings: {failure}", file=sys.stderr)
    print(f"briefings: {report.summary()}", flush=True)


class SeedWatcher:
    """Calls back once per burst of file events under the watched paths."""

    def __init__(self, paths: list[Path], callback):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.callback = callback
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()
        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in ("opened", "closed_no_write"):
                    return
                watcher.poke()

        self.observer = Observer()
        for path in paths:
            target = path if path.is_dir() else path.parent
            self.observer.schedule(Handler(), str(target), recursive=path.is_dir())

    def poke(self) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.callback)
            self.timer.daemon = True
            self.timer.start()

    def __enter__(self):
        self.observer.start()
        return self

    def __exit__(self, *exc):
        self.observer.stop()
        self.observer.join(timeout=5)


def serve(config: Config, dev_addr: str, quiet: bool = False) -> int:
    """Serve the site; regenerate the Markdown on every burst of changes in seeds/."""
    regenerate(config, quiet)
    watched = [config.seeds] + [p for p in (config.root / config.overrides_file,) if p.exists()]
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config.mkdocs_yml.resolve()),
           "--dev-addr", dev_addr, "--dirty"] + (["--quiet"] if quiet else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with SeedWatcher(watched, lambda: regenerate(config, quiet)):
        proc = subprocess.Popen(cmd, cwd=config.root, env=env)
        try:
            while proc.poll() is None:
                time.sleep(0.5)
        except KeyboardInterrupt:
            proc.terminate()
            proc.wait(timeout=10)
    return proc.returncode or 0
