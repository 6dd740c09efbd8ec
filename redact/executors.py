"""One executor interface with a serial twin: stage functions run the same on both.

Heavy state (the analyzer and its lexicons) loads once per worker, in the initialiser. Workers
return immutable results; only the parent process writes the workspace, audit and outputs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, TypeVar

from redact.config import Config, config_from_dict, thaw

T = TypeVar("T")
R = TypeVar("R")

_STATE: dict[str, Any] = {}


def init_worker(config_raw: dict[str, Any]) -> None:
    """Per-process set-up: the configuration now, the detector on first use."""
    _STATE.clear()
    _STATE["config"] = config_from_dict(config_raw)


def worker_config() -> Config:
    config: Config = _STATE["config"]
    return config


def worker_detector() -> Any:
    """The process's Detector, loaded once (imports Presidio and spaCy lazily)."""
    if "detector" not in _STATE:
        from redact.stages.detect import Detector

        _STATE["detector"] = Detector(worker_config())
    return _STATE["detector"]


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Executor:
    """Runs ``fn`` over items and yields ``(item, result)`` as results come in."""

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
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
        init_worker(dict(thaw(config.raw)))

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        for item in items:
            yield item, fn(item)


class ProcessExecutor(Executor):
    """Local worker processes; at most ``2 * workers`` tasks in flight to bound memory."""

    def __init__(self, config: Config, workers: int) -> None:
        self.workers = max(1, workers)
        context = multiprocessing.get_context("fork")
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=init_worker,
            initargs=(dict(thaw(config.raw)),),
        )

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        pending: dict[Future[R], T] = {}
        iterator = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * self.workers:
                try:
                    item = next(iterator)
                except StopIteration:
                    exhausted = True
                    break
                pending[self.pool.submit(fn, item)] = item
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                item = pending.pop(future)
                yield item, future.result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def make_executor(config: Config, workers: int | None) -> Executor:
    n = default_workers() if workers is None else workers
    if n <= 1:
        return SerialExecutor(config)
    return ProcessExecutor(config, n)

