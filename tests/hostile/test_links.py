"""A symbolic link in the inbox to a file outside it is not followed (unless
``inbox.follow_links_out`` says so); links to folders, dangling links and FIFOs are skipped
with their reason, not read and not left out silently."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import LETTER, make_pdf, redact
from tests.hostile.builders import letters


def test_links_out_of_the_inbox_are_not_followed(tmp_path: Path) -> None:
    inbox, ws = tmp_path / "inbox", tmp_path / "ws"
    letters(inbox, 1, pages=1)
    secret = make_pdf(tmp_path / "elders" / "personeelsdossier.pdf", [LETTER])
    (inbox / "dossier.pdf").symlink_to(secret)
    (inbox / "kopie.pdf").symlink_to(inbox / "brief-00.pdf")  # inside: taken as it is
    (inbox / "map").symlink_to(tmp_path / "elders", target_is_directory=True)
    (inbox / "weg.pdf").symlink_to(tmp_path / "bestaat-niet.pdf")
    os.mkfifo(inbox / "pijp.pdf")  # reading it would block the run forever

    run = redact("scan", inbox, "--workspace", ws, "--workers", "1")
    assert run.returncode == 3, run.stderr
    assert "skipped dossier.pdf: symbolic link to a file outside the inbox" in run.stderr
    assert "skipped map: symbolic link to a folder (not followed)" in run.stderr
    assert "skipped weg.pdf: symbolic link to nothing" in run.stderr
    assert "skipped pijp.pdf: not a regular file" in run.stderr
    assert "2 new" in run.stdout and "4 skipped" in run.stdout
    records = [json.loads(x) for x in (ws / "audit.jsonl").read_text().splitlines()]
    assert not [r for r in records if r["event"] == "scan"
                and r["data"]["name"] in ("dossier.pdf", "map/personeelsdossier.pdf")]

    # An operator who wants them says so; the link is then taken like a file.
    config = tmp_path / "links.json"
    config.write_text(json.dumps({"inbox": {"follow_links_out": True}}))
    run = redact("scan", inbox, "--workspace", ws, "--workers", "1", "--config", config)
    assert "skipped dossier.pdf" not in run.stderr
    assert "1 new" in run.stdout
