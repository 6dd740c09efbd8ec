"""A kill -9 at any moment loses nothing: the next run continues without duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import LETTER, REPO, SECOND_PAGE, make_pdf, redact

DOCS = 24


@pytest.fixture
def big_inbox(tmp_path: Path) -> Path:
    box = tmp_path / "inbox"
    for i in range(DOCS):
        make_pdf(box / f"brief-{i:03d}.pdf", [LETTER, SECOND_PAGE] * 6)
    return box


def audit_events(ws: Path) -> list[dict]:
    path = ws / "audit.jsonl"
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def start_batch(inbox: Path, out: Path, ws: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "redact", "batch", str(inbox), str(out), "--workspace", str(ws),
         "--workers", "2"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def kill_when(proc: subprocess.Popen[bytes], ws: Path, event: str, count: int) -> bool:
    """SIGKILL the run (and its workers) once the trail holds ``count`` ``event`` records."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            seen = sum(1 for r in audit_events(ws) if r["event"] == event)
        except ValueError:  # a line being written
            seen = 0
        if seen >= count:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    raise AssertionError("the run did not get far enough to be killed")


def assert_no_duplicates(ws: Path) -> None:
    events = audit_events(ws)
    scans = Counter(r["data"]["sha256"] + r["data"]["name"] for r in events if r["event"] == "scan")
    assert max(scans.values()) == 1, "a document was scanned twice"
    applies = Counter((r["data"]["document"], r["data"]["fingerprint"])
                      for r in events if r["event"] == "apply")
    assert not applies or max(applies.values()) == 1, "a document was applied twice"
    assert [r["seq"] for r in events] == list(range(1, len(events) + 1))


@pytest.mark.slow
@pytest.mark.parametrize("scan_kill,apply_kill", [(1, 1), (5, 7), (12, 18)])
def test_kill_9_midway_then_resume(
    big_inbox: Path, tmp_path: Path, scan_kill: int, apply_kill: int
) -> None:
    ws, out = tmp_path / "ws", tmp_path / "out"
    # Killed during the scan.
    assert kill_when(start_batch(big_inbox, out, ws), ws, "scan", scan_kill)
    run = redact("batch", big_inbox, out, "--workspace", ws, "--workers", "2")
    assert run.returncode == 0, run.stderr
    assert sum(1 for r in audit_events(ws) if r["event"] == "scan") == DOCS
    assert_no_duplicates(ws)

    # Decided, then killed while applying.
    redact("decide", ws, "--accept-all", check=True)
    assert kill_when(start_batch(big_inbox, out, ws), ws, "apply", apply_kill)
    assert (ws / "apply.unfinished").exists()  # the next run writes every report again
    run = redact("batch", big_inbox, out, "--workspace", ws, "--workers", "2")
    assert run.returncode == 0, run.stderr
    assert not (ws / "apply.unfinished").exists()
    assert len(list(out.glob("*.pdf"))) == DOCS
    assert len(list((ws / "reports").glob("*.json"))) == DOCS
    assert not list(out.glob(".*.tmp")), "a half-written output was left behind"
    assert_no_duplicates(ws)
    run = redact("verify", out)
    assert run.returncode == 0, run.stderr


def test_second_run_on_a_locked_workspace_is_refused(big_inbox: Path, tmp_path: Path) -> None:
    ws, out = tmp_path / "ws", tmp_path / "out"
    proc = start_batch(big_inbox, out, ws)
    try:
        deadline = time.monotonic() + 60
        while not (ws / "run.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        run = redact("batch", big_inbox, out, "--workspace", ws)
        if proc.poll() is None:
            assert run.returncode == 6 and "in use" in run.stderr
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    # The dead run's lock is released by the OS: the next run goes ahead.
    run = redact("batch", big_inbox, out, "--workspace", ws)
    assert run.returncode == 0, run.stderr


def test_reports_of_a_run_that_stopped_before_its_end_are_written_again(
    inbox: Path, tmp_path: Path
) -> None:
    """Reports are flushed to disk once, at the end of apply. After a power cut before that,
    a report renamed into place may be empty or torn; the next apply rewrites them all."""
    ws, out = tmp_path / "ws", tmp_path / "out"
    redact("scan", inbox, "--workspace", ws, check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, check=True)
    reports = sorted(p for p in (ws / "reports").rglob("*") if p.is_file())
    whole = {p: p.read_bytes() for p in reports}
    for report in reports:
        report.write_bytes(whole[report][: len(whole[report]) // 3])
    (ws / "apply.unfinished").write_text("a run that lost power")  # what the cut left
    redact("apply", ws, "--out", out, check=True)
    assert {p: p.read_bytes() for p in reports} == whole
    assert not (ws / "apply.unfinished").exists()


def test_a_file_changed_after_a_run_stopped_is_scanned_once_in_its_new_version(
    tmp_path: Path,
) -> None:
    """A run that stopped early left a file queued; before the next run the file changed. The
    old version is superseded unscanned: one document per name, no clash of outputs."""
    from redact.stages.ingest import sha256_file
    from redact.workspace import Workspace

    inbox, ws_root = tmp_path / "inbox", tmp_path / "ws"
    path = make_pdf(inbox / "brief.pdf", [LETTER])
    redact("scan", inbox, "--workspace", ws_root, check=True)
    with Workspace.open(ws_root) as ws, ws.transaction():  # what the stopped run left
        ws.db.execute("DELETE FROM proposals")
        ws.db.execute("DELETE FROM pages")
        ws.db.execute("UPDATE documents SET status='queued', page_count=0")
    make_pdf(path, [LETTER, SECOND_PAGE])
    redact("scan", inbox, "--workspace", ws_root, check=True)
    with Workspace.open(ws_root) as ws:
        docs = [(d.name, d.status, d.sha256) for d in ws.documents()]
    assert docs[0][:2] == ("brief.pdf", "superseded")
    assert docs[1] == ("brief.pdf", "scanned", sha256_file(path))
    assert len(docs) == 2
