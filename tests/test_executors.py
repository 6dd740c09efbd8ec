"""The same stage functions on every executor: serial, local processes and Dask."""

from __future__ import annotations

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
