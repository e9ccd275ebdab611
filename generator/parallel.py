"""Extraction over every core: worker processes that each load the spaCy model once.

    analyse(items, model, workers=None, progress=None) -> Briefings, in the order of items

Each worker runs the whole of pipeline.analyse_many (read, clean, one parse, the
extractors) on a chunk of articles and sends back the finished Briefings, which
are small next to a parsed Doc; so the extractors run in parallel too, which
`nlp.pipe(n_process=...)` would not give (it sends Docs back to one process).
Per-article failures are caught inside analyse_many as before; a worker that
dies (killed, out of memory) costs only the articles of its chunk, which come
back as Briefings with `error` set. Few articles are analysed by one process of
their own, the reader (see Reader), which starts loading the model while the
build reads its sources and cache; or in this process when it has the model.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from . import nlp as nlp_mod
from .cores import available_cores
from .model import Briefing
from .pipeline import BATCH_SIZE, analyse_many, failed

log = logging.getLogger(__name__)

Item = tuple[Path, str]  # (path, key), as analyse_many takes them

# Articles per task: one nlp.pipe batch, so a worker parses a full batch at a time,
# and the progress bar moves every few seconds even on a slow machine.
CHUNK = BATCH_SIZE
# The last workers x CHUNK articles go in tasks this small: a worker that takes the last
# full task would otherwise work on alone for a whole task (4-5 s) while the others wait.
TAIL_CHUNK = 8
# Below this many articles one process does the work: starting a worker (import
# spaCy, load the model: ~2-3 s on the 2-core reference machine) costs more than
# the ~0.1 s per article that a second core saves.
MIN_PARALLEL = 48
# Each worker holds a model (~400 MB resident with en_core_web_sm and a batch of
# BBC-sized articles); more workers than this would break the 1.5 GB budget.
MAX_WORKERS = 3
WORKERS_ENV = "BRIEFINGS_WORKERS"
# A progress bar appears only once extraction has taken this long (seconds).
PROGRESS_DELAY = 2.0
PROGRESS_ENV = "BRIEFINGS_PROGRESS"  # 1: always show the bar, 0: never

_worker_nlp = None
_worker_options: dict = {}


def worker_count(n_items: int, workers: int | None = None) -> int:
    """How many processes to use for n_items articles: 1 means this one."""
    if workers is None:
        env = os.environ.get(WORKERS_ENV, "")
        workers = int(env) if env.isdigit() and int(env) > 0 else min(available_cores(), MAX_WORKERS)
    if n_items < MIN_PARALLEL:
        return 1
    return max(1, min(workers, -(-n_items // CHUNK)))


def _init_worker(model: str, options: dict) -> None:
    """Load the model once per worker process."""
    global _worker_nlp, _worker_options
    logging.basicConfig(level=options.pop("log_level", logging.WARNING), format="briefings: %(message)s")
    _worker_nlp = nlp_mod.load(model)
    _worker_options = options


def _work(chunk: list[Item]) -> list[Briefing]:
    return list(analyse_many(chunk, _worker_nlp, **_worker_options))


def analyse(items: list[Item], model: str, workers: int | None = None,
            progress: Callable[[int], None] | None = None, raw: bool = False,
            max_bytes: int | None = None, reader: Reader | None = None) -> Iterator[Briefing]:
    """Briefings for items, in order, using worker processes when there are enough articles.

    reader: a Reader started for this model and options, which reads a few articles.
    """
    options = {"raw": raw, "max_bytes": max_bytes}
    n = worker_count(len(items), workers)
    if n <= 1 and reader is not None and reader.alive():
        yield from reader.analyse(items, progress)
        return
    if reader is not None:
        reader.close()  # the pool's workers need the core and the memory
    if n <= 1:
        nlp = nlp_mod.load(model)
        for briefing in analyse_many(items, nlp, **options):
            if progress:
                progress(1)
            yield briefing
        return
    yield from _analyse_in_pool(items, model, n, options, progress)


class Reader:
    """One process that loads the model as it starts, then reads the articles it is sent.

    Loading spaCy and the model takes about 2 s; a rebuild that adds an article
    spends about as long reading its sources and cache entries before it knows
    what is new. Started first, the reader loads the model meanwhile on another
    core. It stays up for later builds of the same process (the live preview,
    tests): reader() gives the running one.
    """

    def __init__(self, model: str, options: dict):
        context = multiprocessing.get_context("spawn")  # the caller may run threads
        self.key = reader_key(model, options)
        self.conn, theirs = context.Pipe()
        init_options = {**options, "log_level": logging.getLogger().getEffectiveLevel()}
        self.process = context.Process(target=_read, args=(theirs, model, init_options), daemon=True,
                                       name="briefings-reader")
        self.process.start()
        theirs.close()
        self.ready = False

    def alive(self) -> bool:
        return self.process.is_alive() and not self.conn.closed

    def analyse(self, items: list[Item], progress: Callable[[int], None] | None) -> Iterator[Briefing]:
        """Briefings for items, in order; a reader that dies costs the articles it had not sent."""
        done = 0
        try:
            if not self.ready:
                status = self.conn.recv()  # the model loaded, or why not
                if status is not None:
                    raise nlp_mod.ModelError(status)
                self.ready = True
            self.conn.send(items)
            for _ in items:
                briefing = self.conn.recv()
                done += 1
                if progress:
                    progress(1)
                yield briefing
        except (EOFError, OSError) as e:
            log.debug("extraction reader died", exc_info=True)
            self.close()
            for path, key in items[done:]:
                yield failed(path, key, f"internal error: the extraction worker died ({e!r})")
        finally:
            if done < len(items):  # stopped early: what it still sends would answer the next call
                self.close()

    def close(self) -> None:
        global _reader
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.conn.close()
        if _reader is self:
            _reader = None


_reader: Reader | None = None


def reader_key(model: str, options: dict) -> tuple:
    """What a running reader must have been started with to serve a build."""
    return model, tuple(sorted(options.items()))


def reader(model: str, raw: bool = False, max_bytes: int | None = None) -> Reader:
    """This process's reader for the model and options, started unless it is running."""
    global _reader
    options = {"raw": raw, "max_bytes": max_bytes}
    if _reader is not None and (_reader.key != reader_key(model, options) or not _reader.alive()):
        _reader.close()
    if _reader is None:
        _reader = Reader(model, options)
    return _reader


def _read(conn, model: str, options: dict) -> None:
    """The reader's body: load the model, say so, then read each list of articles sent."""
    logging.basicConfig(level=options.pop("log_level", logging.WARNING), format="briefings: %(message)s")
    try:
        nlp = nlp_mod.load(model)
    except Exception as e:  # noqa: BLE001 - said to the build, which reports it
        conn.send(str(e) or type(e).__name__)
        return
    conn.send(None)
    while True:
        try:
            items = conn.recv()
        except EOFError:
            return
        for briefing in analyse_many(items, nlp, **options):
            conn.send(briefing)


def split(items: list[Item], workers: int) -> list[list[Item]]:
    """Tasks of CHUNK articles, the last few smaller (TAIL_CHUNK) so the workers finish together."""
    tail = min(len(items), workers * CHUNK)
    head = len(items) - tail
    return [items[i:min(i + CHUNK, head)] for i in range(0, head, CHUNK)] + \
        [items[i:i + TAIL_CHUNK] for i in range(head, len(items), TAIL_CHUNK)]


def _analyse_in_pool(items: list[Item], model: str, n: int, options: dict,
                     progress: Callable[[int], None] | None) -> Iterator[Briefing]:
    chunks = split(items, n)
    # spawn, not fork: the caller may run threads (the live preview's file watcher),
    # and a forked child of a threaded process can deadlock on a lock it copied.
    context = multiprocessing.get_context("spawn")
    init_options = {**options, "log_level": logging.getLogger().getEffectiveLevel()}
    with ProcessPoolExecutor(n, mp_context=context, initializer=_init_worker,
                             initargs=(model, init_options)) as pool:
        futures = [pool.submit(_work, chunk) for chunk in chunks]
        try:
            for chunk, future in zip(chunks, futures):
                try:
                    results = future.result()
                except BrokenProcessPool as e:
                    log.debug("extraction worker died", exc_info=True)
                    results = [failed(path, key, f"internal error: the extraction worker died ({e})")
                               for path, key in chunk]
                if progress:
                    progress(len(results))
                yield from results
        finally:
            for future in futures:
                future.cancel()


@contextlib.contextmanager
def progress_bar(total: int, enabled: bool | None):
    """A callback that advances a tqdm bar on stderr (articles, rate, time left), or does nothing.

    enabled None: only when stderr is a terminal or $BRIEFINGS_PROGRESS=1, and only
    once the work has taken PROGRESS_DELAY seconds (quick rebuilds stay silent).
    """
    if enabled is None:
        forced = os.environ.get(PROGRESS_ENV, "")
        enabled = forced == "1" or (forced != "0" and sys.stderr.isatty())
    if not enabled:
        yield lambda n=1: None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="article", desc="briefings: extracting", file=sys.stderr,
              delay=PROGRESS_DELAY, dynamic_ncols=True, smoothing=0.1) as bar:
        yield bar.update
