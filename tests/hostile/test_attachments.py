"""Everything received is accounted for: an attachment nested deeper than the limit, or beyond
the number allowed per message, is skipped with its reason in the summary, the audit trail and
the inventory list, never dropped without a trace."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import redact
from tests.hostile.builders import email_with, letter_bytes, nested_email


def test_attachments_beyond_the_limits_are_skipped_with_their_reason(tmp_path: Path) -> None:
    inbox, ws, out = tmp_path / "inbox", tmp_path / "ws", tmp_path / "out"
    nested_email(inbox / "doorgestuurd.eml", 4)  # 3 messages deep below it, then a PDF
    email_with(inbox / "veel.eml", [(f"stuk-{i}.pdf", letter_bytes()) for i in range(1, 4)])
    config = tmp_path / "limits.json"
    config.write_text(json.dumps({"limits": {"max_attachment_depth": 2, "max_attachments": 2}}))

    run = redact("scan", inbox, "--workspace", ws, "--workers", "1", "--config", config)
    assert run.returncode == 3, run.stderr
    deep = ("doorgestuurd.bijlage-1-niveau-2.bijlage-1-niveau-3.bijlage-1-niveau-4.eml")
    assert f"skipped {deep}: attachment nested 3 levels deep" in run.stderr
    assert "skipped veel.bijlage-3-stuk-3.pdf: attachment 3 of 3" in run.stderr
    assert "2 skipped" in run.stdout

    records = [json.loads(x) for x in (ws / "audit.jsonl").read_text().splitlines()]
    skipped = {r["data"]["name"] for r in records
               if r["event"] == "attachment" and r["data"]["status"] == "skipped"}
    assert skipped == {deep, "veel.bijlage-3-stuk-3.pdf"}

    redact("decide", ws, "--accept-all", check=True)
    redact("apply", ws, "--out", out, "--workers", "1", "--config", config, check=True)
    rows = list(csv.DictReader(io.StringIO((out / "inventarislijst.csv").read_text("utf-8-sig"))))
    listed = {row["Bestandsnaam"]: row for row in rows}
    assert listed[deep]["Beoordeling"] == "niet beoordeeld"
    assert "nested 3 levels deep" in listed[deep]["Toelichting"]
    assert listed["veel.bijlage-3-stuk-3.pdf"]["Beoordeling"] == "niet beoordeeld"
    assert len(rows) == 4 + 4  # each message with what it holds, skipped ones too
