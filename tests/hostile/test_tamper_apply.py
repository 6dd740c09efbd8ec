"""Apply after an upgrade, and apply into a second outbox (issue 13).

Before: the fingerprint that decides whether an output is made again left out the tool and
burn-in version, so a release that fixes a leak kept the old outputs; and an apply into a second
OUTBOX deleted the PDFs of the first one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redact import outputs, pipeline
from redact.config import load_config
from redact.workspace import Workspace
from tests.conftest import LETTER, SECOND_PAGE, make_pdf, redact

SERIAL = pipeline.RunOptions(executor="serial")


@pytest.fixture
def decided(tmp_path: Path) -> Path:
    make_pdf(tmp_path / "inbox" / "brief.pdf", [LETTER, SECOND_PAGE])
    make_pdf(tmp_path / "inbox" / "sub" / "notitie.pdf", [SECOND_PAGE])
    redact("scan", tmp_path / "inbox", "--workspace", tmp_path / "ws", "--executor", "serial",
           check=True)
    redact("decide", tmp_path / "ws", "--accept-all", check=True)
    return tmp_path


def _apply_records(ws: Path) -> list[dict[str, object]]:
    with Workspace.open(ws) as w:
        return [r["data"] for r in w.audit_records() if r["event"] == "apply"]


def test_a_new_tool_or_burn_in_version_makes_every_output_again(
    decided: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, out, config = decided / "ws", decided / "out", load_config()
    assert pipeline.apply(ws, out, config, SERIAL).applied == 2
    assert pipeline.apply(ws, out, config, SERIAL).unchanged == 2
    first = _apply_records(ws)[-1]
    assert first["burn_in_version"] == outputs.BURN_IN_VERSION
    assert first["tool_version"] == outputs.__version__

    monkeypatch.setattr(outputs, "BURN_IN_VERSION", outputs.BURN_IN_VERSION + 1)
    again = pipeline.apply(ws, out, config, SERIAL)
    assert (again.applied, again.unchanged) == (2, 0)
    assert _apply_records(ws)[-1]["burn_in_version"] == outputs.BURN_IN_VERSION

    monkeypatch.setattr(outputs, "__version__", "99.0.0")
    assert pipeline.apply(ws, out, config, SERIAL).applied == 2
    assert _apply_records(ws)[-1]["tool_version"] == "99.0.0"
    assert pipeline.verify(out).audit_error is None


def _manifest(out: Path) -> list[str]:
    data = json.loads((out / "redact-manifest.json").read_text())
    return sorted(d["output"] for d in data["documents"])


def test_apply_writes_only_into_the_outbox_it_is_given(decided: Path) -> None:
    ws = decided / "ws"
    first, second, third = decided / "out1", decided / "out2", decided / "out3"
    redact("apply", ws, "--out", first, "--executor", "serial", check=True)
    redact("apply", ws, "--out", second, "--executor", "serial", check=True)
    outputs = ["brief.pdf", "sub/notitie.pdf"]
    for out in (first, second):
        assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == outputs
        assert _manifest(out) == outputs
        redact("verify", out, check=True)

    # Moving is an explicit choice: the outputs leave the outbox they were in, and its
    # manifest no longer lists them; the outbox before that is left alone.
    redact("apply", ws, "--out", third, "--move", "--executor", "serial", check=True)
    assert not list(second.rglob("*.pdf")) and _manifest(second) == []
    assert _manifest(third) == outputs and _manifest(first) == outputs
    for out in (first, second, third):
        redact("verify", out, check=True)
