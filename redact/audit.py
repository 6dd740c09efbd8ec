"""The hash-chained audit trail.

Every record holds the SHA-256 of the previous one. Records are written to the workspace
database in the same transaction as the state change they describe (so a crash never leaves
state and trail apart) and mirrored to ``audit.jsonl``, the append-only file an auditor reads.
``verify_chain`` recomputes the chain from the file and compares it with the database, so an
edited, deleted, inserted or reordered line is detected.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redact.errors import AuditChainBroken
from redact.jsontypes import JsonObject

GENESIS = "0" * 64


def canonical(record: Mapping[str, object]) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_hash(record: Mapping[str, object]) -> str:
    body = {k: v for k, v in record.items() if k != "hash"}
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()


def make_record(seq: int, prev: str, ts: str, event: str, data: JsonObject) -> JsonObject:
    record: JsonObject = {"seq": seq, "ts": ts, "event": event, "data": data, "prev": prev}
    record["hash"] = record_hash(record)
    return record


@dataclass(frozen=True)
class ChainReport:
    records: int
    head: str


def read_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    if not path.exists():
        return
    # A write cut short may end inside a character; that line then fails as JSON, not as UTF-8.
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line)
            except ValueError as exc:
                if not line.endswith("\n"):
                    raise AuditChainBroken(
                        f"audit.jsonl line {lineno} was cut short by an interrupted write (not "
                        "yet committed, the next redact command that writes the workspace drops "
                        "it; committed, only a repair can)"
                    ) from exc
                raise AuditChainBroken(f"audit.jsonl line {lineno} is not valid JSON") from exc


def check_records(records: Iterator[tuple[int, dict[str, Any]]]) -> ChainReport:
    """Recompute every hash and link; raise AuditChainBroken naming the first bad line."""
    prev = GENESIS
    count = 0
    for lineno, record in records:
        count += 1
        if record.get("seq") != count:
            raise AuditChainBroken(
                f"audit.jsonl line {lineno}: sequence {record.get('seq')} where {count} was "
                "expected (a record was deleted, inserted or reordered)"
            )
        if record.get("prev") != prev:
            raise AuditChainBroken(f"audit.jsonl line {lineno}: link to the previous record broken")
        if record.get("hash") != record_hash(record):
            raise AuditChainBroken(f"audit.jsonl line {lineno}: record was edited (hash mismatch)")
        prev = record["hash"]
    return ChainReport(records=count, head=prev)


def append_lines(path: Path, records: Sequence[Mapping[str, object]]) -> None:
    """Append records to the JSONL mirror and fsync, so the file is durable before we go on."""
    if not records:
        return
    torn = unterminated(path)  # left only by a repair or an upgrade (others drop it first)
    with path.open("a", encoding="utf-8") as fh:
        if torn:
            fh.write("\n")  # a new record never fuses with a line a crash cut short
        for record in records:
            fh.write(canonical(record) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def unterminated(path: Path) -> bool:
    """Whether the file ends in a line without its newline: a write a crash cut short."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) != b"\n"


def last_seq(path: Path) -> int:
    """Sequence number of the file's last complete record (0 for none), read from its end.

    A last line without its newline is left out: records are written whole and fsynced before
    their transaction commits, so such a line is a write a crash cut short, never committed.
    """
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        end = fh.tell()
        block = min(end, 65536)
        while True:
            fh.seek(end - block)
            # Everything after the last newline ("" or a torn write) is dropped.
            lines = fh.read(block).split(b"\n")[:-1]
            while lines and not lines[-1].strip():
                lines.pop()
            if len(lines) > 1 or block == end:
                if not lines:
                    return 0
                try:
                    return int(json.loads(lines[-1])["seq"])
                except (ValueError, KeyError, TypeError) as exc:
                    raise AuditChainBroken("audit.jsonl: the last line is not a record") from exc
            block = min(end, block * 4)
