"""Real runs of the CLI in their own session, killed for real, and the processes they leave."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO


def start(*args: str | Path) -> subprocess.Popen[bytes]:
    """``redact ARGS`` in a session of its own (its pid is the session id of its workers)."""
    return subprocess.Popen(
        [sys.executable, "-m", "redact", *map(str, args)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def events(ws: Path, event: str) -> int:
    path = ws / "audit.jsonl"
    if not path.exists():
        return 0
    count = 0
    for line in path.read_text("utf-8", "replace").splitlines():
        try:
            count += json.loads(line)["event"] == event
        except ValueError:  # a line being written
            pass
    return count


def kill_parent_when(proc: subprocess.Popen[bytes], ws: Path, event: str, count: int) -> None:
    """SIGKILL the run's own process only (not its workers) once the trail holds ``count``
    records of ``event``: what an OOM killer or ``kill -9 PID`` does."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the run ended ({proc.returncode}) before it could be killed")
        if events(ws, event) >= count:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return
        time.sleep(0.01)
    kill_session(proc.pid)
    raise AssertionError("the run did not get far enough to be killed")


def session_members(sid: int) -> list[int]:
    """The live processes of session ``sid`` (zombies are dead already)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == sid and fields[0] != "Z":  # state, ppid, pgrp, session
            found.append(int(entry.name))
    return found


def wait_until_gone(sid: int, timeout: float = 10.0) -> list[int]:
    """Poll until no process of session ``sid`` is left; the ones still there at the end."""
    deadline = time.monotonic() + timeout
    while (left := session_members(sid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def kill_session(sid: int) -> None:
    for pid in session_members(sid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
