"""A run whose own process is killed (``kill -9 PID``, the OOM killer) leaves no worker behind
and no lock: the next run starts at once, finishes, and its outbox verifies."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import redact
from tests.hostile.builders import letters
from tests.hostile.processes import kill_parent_when, kill_session, start, wait_until_gone

DOCS = 6


def _killed(proc_args: tuple[str | Path, ...], ws: Path, event: str, count: int) -> None:
    proc = start(*proc_args)
    try:
        kill_parent_when(proc, ws, event, count)
        left = wait_until_gone(proc.pid)
        assert not left, f"worker processes {left} outlived their killed parent"
    finally:
        kill_session(proc.pid)


@pytest.mark.slow
def test_killing_the_parent_during_scan_and_apply_leaves_no_orphan_and_no_lock(
    tmp_path: Path,
) -> None:
    inbox, ws, out = tmp_path / "inbox", tmp_path / "ws", tmp_path / "out"
    letters(inbox, DOCS)
    workers = ("--workers", "2")

    # During scan, once a worker has sent its first result; then at once a scan that finishes.
    _killed(("scan", inbox, "--workspace", ws, *workers), ws, "scan", 1)
    run = redact("scan", inbox, "--workspace", ws, *workers)
    assert run.returncode == 0, run.stderr  # not 6: no worker holds run.lock
    counts = re.search(r"scanned (\d+) new .*; (\d+) unchanged", run.stdout)
    assert counts, run.stdout
    new, unchanged = int(counts[1]), int(counts[2])
    records = [json.loads(x) for x in (ws / "audit.jsonl").read_text().splitlines()]
    scanned = sum(1 for r in records if r["event"] == "scan")
    assert scanned == DOCS
    # Each file is counted once: those of the killed run as unchanged, the rest as new.
    assert new + unchanged == DOCS and new > 0, run.stdout

    # During a batch, right after it queued a new file and while its workers load.
    letters(tmp_path / "more", 1)
    (tmp_path / "more" / "brief-00.pdf").rename(inbox / "later.pdf")
    _killed(("batch", inbox, out, "--workspace", ws, *workers), ws, "ingest", 2)

    # During apply, after the first output; then at once an apply that finishes.
    redact("decide", ws, "--accept-all", check=True)
    _killed(("apply", ws, "--out", out, *workers), ws, "apply", 1)
    run = redact("batch", inbox, out, "--workspace", ws, *workers)
    assert run.returncode == 0, run.stderr
    assert "1 new, 6 unchanged" in run.stdout  # the queued file: new, and not unchanged too
    run = redact("decide", ws, "--accept-all", check=True)
    run = redact("apply", ws, "--out", out, *workers)
    assert run.returncode == 0, run.stderr
    assert len(list(out.glob("*.pdf"))) == DOCS + 1
    run = redact("verify", out)
    assert run.returncode == 0, run.stderr
