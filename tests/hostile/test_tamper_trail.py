"""A broken or cut-short trail stops every writing command (issue 13) until an explicit repair.

Before, ``scan``, ``decide`` and ``apply`` went on appending to a trail that ``verify`` reported
broken. Now each exits 5 with the line at fault and leaves file and database as they were (the
evidence); ``redact audit WS --repair --reason TEXT`` keeps the broken file, makes the chain whole
from the copy that is intact and records who repaired it and why.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import LETTER, SECOND_PAGE, make_pdf, redact


@pytest.fixture(scope="module")
def applied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("trail")
    make_pdf(base / "inbox" / "brief.pdf", [LETTER, SECOND_PAGE])
    redact("scan", base / "inbox", "--workspace", base / "ws", "--executor", "serial", check=True)
    redact("decide", base / "ws", "--accept-all", check=True)
    redact("apply", base / "ws", "--out", base / "out", "--executor", "serial", check=True)
    return base


@pytest.fixture
def copy(applied: Path, tmp_path: Path) -> Path:
    for name in ("ws", "out", "inbox"):
        shutil.copytree(applied / name, tmp_path / name)
    manifest = json.loads((tmp_path / "out" / "redact-manifest.json").read_text())
    manifest["workspace"] = str((tmp_path / "ws").resolve())
    (tmp_path / "out" / "redact-manifest.json").write_text(json.dumps(manifest))
    return tmp_path


def _edit_line(ws: Path) -> int:
    path = ws / "audit.jsonl"
    lines = path.read_text().splitlines()
    record = json.loads(lines[1])
    record["data"]["note"] = "edited"
    lines[1] = json.dumps(record, sort_keys=True, separators=(",", ":"))
    path.write_text("".join(line + "\n" for line in lines))
    return 2


def _delete_last(ws: Path) -> int:
    path = ws / "audit.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("".join(line + "\n" for line in lines[:-1]))
    return len(lines)  # the line that is missing


def _edit_database_copy(ws: Path) -> int:
    db = sqlite3.connect(ws / "workspace.sqlite")
    record = json.loads(db.execute("SELECT record FROM audit WHERE seq=2").fetchone()[0])
    record["data"]["note"] = "edited"
    db.execute("UPDATE audit SET record=? WHERE seq=2", (json.dumps(record),))
    db.commit()
    db.close()
    return 2  # the file is intact; the database's copy of its line 2 differs


BREAKS: dict[str, Callable[[Path], int]] = {
    "file-line-edited": _edit_line,
    "file-cut-short": _delete_last,
    "database-copy-edited": _edit_database_copy,
}


def _audit_rows(ws: Path) -> int:
    db = sqlite3.connect(ws / "workspace.sqlite")
    try:
        return int(db.execute("SELECT COUNT(*) FROM audit").fetchone()[0])
    finally:
        db.close()


@pytest.mark.parametrize("how", sorted(BREAKS))
def test_no_command_writes_on_a_broken_trail_until_it_is_repaired(copy: Path, how: str) -> None:
    ws, out, inbox = copy / "ws", copy / "out", copy / "inbox"
    line = BREAKS[how](ws)
    before, rows = (ws / "audit.jsonl").read_bytes(), _audit_rows(ws)
    make_pdf(inbox / "nieuw.pdf", [SECOND_PAGE])  # work for scan to do
    commands = [("scan", inbox, "--workspace", ws, "--executor", "serial"),
                ("decide", ws, "--accept-all", "--redecide"),
                ("apply", ws, "--out", out, "--executor", "serial"),
                ("batch", inbox, out, "--workspace", ws, "--executor", "serial")]
    if how != "file-line-edited":  # every writing command once is enough; the others: apply
        commands = commands[2:3]
    for command in commands:
        run = redact(*command)
        assert run.returncode == 5, (how, command[0], run.stdout, run.stderr)
        assert "--repair" in run.stderr and run.stderr.count("\n") == 1, run.stderr
        if line:
            assert f"line {line}" in run.stderr, run.stderr
    assert (ws / "audit.jsonl").read_bytes() == before and _audit_rows(ws) == rows
    assert redact("verify", out).returncode == 5

    fixed = redact("audit", ws, "--repair", "--reason", "restored from backup after disk fault")
    assert fixed.returncode == 0, fixed.stderr
    evidence = list(ws.glob("audit.broken-*.jsonl"))
    assert len(evidence) == 1 and evidence[0].read_bytes() == before
    last = json.loads((ws / "audit.jsonl").read_text().splitlines()[-1])
    assert last["event"] == "repair" and last["data"]["fault"]
    assert last["data"]["evidence"] == evidence[0].name
    history = redact("audit", ws)
    assert history.returncode == 0 and "repair" in history.stdout
    redact("scan", inbox, "--workspace", ws, "--executor", "serial", check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, "--executor", "serial", check=True)
    redact("verify", out, check=True)
