"""The same stage functions on every executor: serial, local processes and Dask."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from redact import pipeline
from redact.config import load_config
from redact.executors import make_executor, worker_config


def _whoami(item: int) -> tuple[int, int, float]:
    return item, os.getpid(), worker_config().threshold


@pytest.mark.parametrize("kind,workers", [("serial", 1), ("processes", 2)])
def test_local_executors_run_every_item_once(kind: str, workers: int) -> None:
    config = load_config()
    with make_executor(config, workers, kind) as executor:
        results = dict(executor.map_unordered(_whoami, range(20)))
    assert sorted(results) == list(range(20))
    assert all(r[2] == config.threshold for r in results.values())
    pids = {r[1] for r in results.values()}
    assert (pids == {os.getpid()}) if kind == "serial" else (os.getpid() not in pids)


@pytest.mark.parametrize("kind,workers", [("serial", 1), ("processes", 2)])
def test_batches_hold_every_item_once_and_wait_for_no_more_than_one(
    kind: str, workers: int
) -> None:
    """The parent stores what came in together in one transaction; a batch is never empty and
    never waits for a slow item: here the first item is slow, and others come before it."""
    with make_executor(load_config(), workers, kind) as executor:
        batches = list(executor.map_batches(_slow_first, range(12)))
    assert all(batches)
    items = [item for batch in batches for item, _ in batch]
    assert sorted(items) == list(range(12))
    if kind == "processes":
        assert items[-1] == 0 and len(batches) > 1


def _log_item(item: int) -> int:
    logging.getLogger("redact.test").warning("item %d of %s", item, "twelve")
    return item


@pytest.mark.parametrize("kind,workers", [("serial", 1), ("processes", 2)])
def test_worker_records_reach_the_parents_handlers_once_each(
    kind: str, workers: int, caplog: pytest.LogCaptureFixture
) -> None:
    """Local workers send their records through a queue; the parent's loggers write them, each
    once, with the message formatted and the worker's process id kept, before close returns."""
    with make_executor(load_config(), workers, kind) as executor:
        assert sorted(item for item, _ in executor.map_unordered(_log_item, range(12))) == list(
            range(12))
    records = [r for r in caplog.records if r.name == "redact.test"]
    assert sorted(r.getMessage() for r in records) == sorted(f"item {i} of twelve" for i in range(12))
    assert all(r.levelno == logging.WARNING for r in records)
    pids = {r.process for r in records}
    assert (pids == {os.getpid()}) if kind == "serial" else (os.getpid() not in pids)


def _slow_first(item: int) -> int:
    if item == 0:
        time.sleep(2.0)
    return item


def scan_summary(inbox: Path, ws: Path, run: pipeline.RunOptions) -> list[tuple[str, str, str]]:
    pipeline.scan(inbox, ws, load_config(), run)
    from redact.workspace import Workspace

    with Workspace.open(ws) as w:
        names = {d.id: d.name for d in w.documents()}
        return sorted((names[p.document_id], p.entity, p.text) for p in w.proposals())


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_proposals(inbox: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    serial = scan_summary(inbox, tmp_path / "serial", pipeline.RunOptions(executor="serial"))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        dask = scan_summary(
            inbox, tmp_path / "dask",
            pipeline.RunOptions(executor="dask", scheduler=cluster.scheduler_address),
        )
    assert serial and dask == serial
