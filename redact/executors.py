"""One executor interface with a serial twin: stage functions run the same on both.

Heavy state (the analyzer and its lexicons) loads once per worker, in the initialiser. Workers
return immutable results; only the parent process writes the workspace, audit and outputs.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import islice
from multiprocessing.queues import Queue
from typing import TYPE_CHECKING, Any, TypeVar, cast

from redact import logs
from redact.config import Config, config_from_dict, thaw_object
from redact.errors import UsageError
from redact.jsontypes import JsonObject

if TYPE_CHECKING:
    from redact.stages.detect import Detector

T = TypeVar("T")
R = TypeVar("R")

_STATE: dict[str, object] = {}  # "config", "detector", "config_raw"


def init_worker(config_raw: JsonObject) -> None:
    """Per-process set-up: the configuration now, the detector on first use."""
    _STATE.clear()
    _STATE["config"] = config_from_dict(config_raw)


def init_process_worker(
    config_raw: JsonObject, parent_pid: int, log_queue: Queue[logging.LogRecord | None]
) -> None:
    """Set-up of a local worker process: it dies with its parent, sends its log records to the
    parent through ``log_queue`` (only the parent writes), then ``init_worker``.

    A worker whose parent was killed (``kill -9`` of a nightly run) would otherwise wait for
    work forever on the pool's pipe, holding memory and whatever the parent held when it forked.
    Linux delivers SIGKILL to the worker when the parent dies (``PR_SET_PDEATHSIG``; strictly,
    when the thread that forked it ends: the pool forks from the thread that submits, the main
    one); the parent-pid check catches a parent that died before that was set. Other systems
    get only that check."""
    _die_with_parent()
    if os.getppid() != parent_pid:
        os._exit(1)
    logs.send_to_parent(log_queue)
    init_worker(config_raw)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the parent-pid check still applies
        pass


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def worker_config() -> Config:
    return cast(Config, _STATE["config"])


def worker_detector() -> Detector:
    """The process's Detector, loaded once (imports Presidio and spaCy lazily)."""
    if "detector" not in _STATE:
        from redact.stages.detect import Detector  # here: Presidio and spaCy are slow to import

        _STATE["detector"] = Detector(worker_config())
        # What is loaded now (lexicons, Presidio, spaCy: about 100,000 objects) lives as long as
        # the worker: keep it out of the garbage collector's full collections, each of which would
        # otherwise walk it all again (30 to 65 ms, as long as detecting 80 pages).
        gc.collect()
        gc.freeze()
    return cast("Detector", _STATE["detector"])


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Executor:
    """Runs ``fn`` over items and yields ``(item, result)`` as results come in."""

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        for batch in self.map_batches(fn, items):
            yield from batch

    def map_batches(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[list[tuple[T, R]]]:
        """Like ``map_unordered``, in lists of the results that were in when the caller asked:
        the parent stores such a list in one transaction, so that with many workers it is not
        held up by a commit (two flushes to disk) per document."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SerialExecutor(Executor):
    """In this process, in order: for tests, debugging and one-document runs."""

    def __init__(self, config: Config) -> None:
        init_worker(thaw_object(config.raw))

    def map_batches(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[list[tuple[T, R]]]:
        for item in items:
            yield [(item, fn(item))]


class ProcessExecutor(Executor):
    """Local worker processes; at most ``2 * workers`` tasks in flight to bound memory."""

    def __init__(self, config: Config, workers: int) -> None:
        self.workers = max(1, workers)
        context = multiprocessing.get_context("fork")
        self.logs = logs.WorkerLogs(context.Queue())
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=init_process_worker,
            initargs=(thaw_object(config.raw), os.getpid(), self.logs.queue),
        )

    def map_batches(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[list[tuple[T, R]]]:
        pending: dict[Future[R], T] = {}
        iterator = iter(items)

        def refill() -> None:
            for item in islice(iterator, max(0, 2 * self.workers - len(pending))):
                pending[self.pool.submit(fn, item)] = item

        refill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            batch = [(pending.pop(future), future.result()) for future in done]
            refill()  # the workers go on while the caller stores this batch
            yield batch

    def close(self) -> None:
        try:
            self.pool.shutdown(wait=True, cancel_futures=True)
        finally:  # the workers are gone: their last records are queued, deliver them
            self.logs.close()


class DaskExecutor(Executor):
    """A Dask distributed cluster (the optional extra ``redact[dask]``) for more machines.

    Its workers log where they run (Dask's own worker logs); only local processes send their
    records to the parent.

    Each task carries the configuration; a worker process sets itself up on its first task,
    so any plain Dask worker can serve. Results come back to the parent, which alone writes.
    """

    def __init__(self, config: Config, scheduler: str | Any) -> None:
        try:  # here, not at the top: dask is an optional extra and slow to import
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - depends on the extra
            raise UsageError("--executor dask needs the extra: pip install 'redact[dask]'") from exc
        self.config_raw = thaw_object(config.raw)
        self.client = Client(scheduler)  # type: ignore[no-untyped-call]  # distributed: untyped

    def map_batches(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[list[tuple[T, R]]]:
        from distributed import as_completed  # the optional extra, imported by __init__ already

        items = list(items)
        if not items:
            return
        futures = {
            self.client.submit(run_configured, self.config_raw, fn, item, pure=False): item
            for item in items
        }
        completed = as_completed(list(futures))  # type: ignore[no-untyped-call]
        for done in completed.batches():  # type: ignore[no-untyped-call]
            yield [(futures[future], future.result()) for future in done]

    def close(self) -> None:
        self.client.close()  # type: ignore[no-untyped-call]


def run_configured(config_raw: JsonObject, fn: Callable[[T], R], item: T) -> R:
    """Run ``fn`` in a worker that is set up for ``config_raw`` (first use sets it up)."""
    if _STATE.get("config_raw") != config_raw:
        init_worker(config_raw)
        _STATE["config_raw"] = config_raw
    return fn(item)


EXECUTORS = ("serial", "processes", "dask")


def make_executor(
    config: Config, workers: int | None, kind: str = "processes", scheduler: str | None = None
) -> Executor:
    """``serial``; ``processes`` (default, ``workers`` = cores); ``dask`` at ``scheduler``."""
    if kind == "dask":
        if not scheduler:
            raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        return DaskExecutor(config, scheduler)
    if kind not in EXECUTORS:
        raise UsageError(f"unknown executor {kind!r}; one of {', '.join(EXECUTORS)}")
    n = default_workers() if workers is None else workers
    if kind == "serial" or n <= 1:
        return SerialExecutor(config)
    return ProcessExecutor(config, n)

