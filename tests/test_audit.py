"""The audit trail is hash-chained: editing, deleting or reordering a record is detected."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import redact


@pytest.fixture
def applied(inbox: Path, tmp_path: Path) -> tuple[Path, Path]:
    ws, out = tmp_path / "ws", tmp_path / "out"
    redact("scan", inbox, "--workspace", ws, check=True)
    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, check=True)
    return ws, out


def _edit(lines: list[str]) -> list[str]:
    record = json.loads(lines[3])
    record["data"]["reviewer"] = "someone else"
    record["data"]["pages"] = 99
    return lines[:3] + [json.dumps(record, sort_keys=True, separators=(",", ":"))] + lines[4:]


def _rehash_edit(lines: list[str]) -> list[str]:
    """An edit that even recomputes the record's own hash: the next link breaks."""
    import hashlib

    record = json.loads(lines[2])
    record["ts"] = "2020-01-01T00:00:00.000000Z"
    body = {k: v for k, v in record.items() if k != "hash"}
    blob = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    record["hash"] = hashlib.sha256(blob.encode()).hexdigest()
    return lines[:2] + [json.dumps(record, sort_keys=True, separators=(",", ":"))] + lines[3:]


TAMPERS: dict[str, Callable[[list[str]], list[str]]] = {
    "edit": _edit,
    "rehash-edit": _rehash_edit,
    "delete-middle": lambda lines: lines[:2] + lines[3:],
    "delete-last": lambda lines: lines[:-1],
    "reorder": lambda lines: [lines[1], lines[0], *lines[2:]],
    "truncate-all": lambda lines: [],
}


def test_intact_chain_verifies(applied: tuple[Path, Path]) -> None:
    _, out = applied
    run = redact("verify", out)
    assert run.returncode == 0 and "audit chain" in run.stdout


@pytest.mark.parametrize("tamper", sorted(TAMPERS))
def test_tampering_is_detected(applied: tuple[Path, Path], tamper: str) -> None:
    ws, out = applied
    path = ws / "audit.jsonl"
    lines = path.read_text().splitlines()
    new = TAMPERS[tamper](lines)
    path.write_text("".join(line + "\n" for line in new))
    run = redact("verify", out)
    assert run.returncode == 5, (tamper, run.stdout, run.stderr)
    assert "audit" in run.stderr


def _cut_short(path: Path, record: dict[str, object]) -> None:
    """Append the first part of a record, ending inside a two-byte character, as kill -9 can."""
    line = (json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            + "\n").encode()
    cut = line.index("ë".encode()) + 1
    with path.open("ab") as fh:
        fh.write(line[:cut])


def test_a_record_cut_short_by_a_crash_is_dropped_by_the_next_writer(
    applied: tuple[Path, Path],
) -> None:
    ws, out = applied
    path = ws / "audit.jsonl"
    last = json.loads(path.read_text().splitlines()[-1])
    # The record a killed process was writing: never committed, so never part of the chain.
    _cut_short(path, {"seq": last["seq"] + 1, "prev": last["hash"], "event": "decide",
                      "data": {"reviewer": "Zoë"}, "ts": last["ts"], "hash": "0" * 64})
    run = redact("verify", out)
    assert run.returncode == 5 and "cut short" in run.stderr, run.stderr
    redact("decide", ws, "--accept-all", check=True)
    assert path.read_bytes().endswith(b"\n")
    run = redact("verify", out)
    assert run.returncode == 0, run.stderr


def test_a_committed_record_cut_short_is_still_detected(applied: tuple[Path, Path]) -> None:
    ws, out = applied
    path = ws / "audit.jsonl"
    lines = path.read_text().splitlines()
    last = json.loads(lines[-1])
    last["data"] = {**last["data"], "note": "Zoë"}
    path.write_text("".join(line + "\n" for line in lines[:-1]))
    _cut_short(path, last)
    before = path.read_bytes()
    # A committed record cut short is a broken trail: no command writes on until it is repaired.
    run = redact("decide", ws, "--accept-all")
    assert run.returncode == 5 and f"line {len(lines)}" in run.stderr, run.stderr
    assert path.read_bytes() == before  # the evidence is left as it was
    run = redact("verify", out)
    assert run.returncode == 5 and "audit" in run.stderr, run.stderr
    redact("audit", ws, "--repair", "--reason", "restored after a disk fault", check=True)
    redact("verify", out, check=True)
