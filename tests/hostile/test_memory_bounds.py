"""Every stage's memory is bounded by the configured limits: a small PDF that declares a
30000 x 30000 JPEG (2.7 GB decoded) costs verify megabytes, and is reported as not checked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from redact.config import load_config
from redact.errors import UsageError
from tests.conftest import REPO
from tests.hostile.builders import huge_image_pdf

PROBE = """
import json, sys
from pathlib import Path
from redact.stages.verify import Secret, verify_pdf
problems = verify_pdf(Path(sys.argv[1]), "x.pdf", [Secret("PERSON", "Pieter Fictief")])
# This process's own peak (VmHWM, kB): ru_maxrss would also hold the parent's resident size at the
# fork, which Linux keeps across exec (a test process that had read many documents: hundreds of MB).
status = Path("/proc/self/status").read_text()
peak = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) * 1024
print(json.dumps({"peak": peak, "problems": [[p.channel, p.detail] for p in problems]}))
"""


def test_verify_does_not_decode_a_huge_image_whole(tmp_path: Path) -> None:
    pdf = huge_image_pdf(tmp_path / "reuzenfoto.pdf")
    assert pdf.stat().st_size < 2000
    # An address-space cap of 1.5 GB keeps a regression from taking the machine down.
    proc = subprocess.run(
        [sys.executable, "-c", "import resource; resource.setrlimit(resource.RLIMIT_AS, "
         "(3 << 29, 3 << 29)); exec(open(0).read())", str(pdf)],
        input=PROBE, capture_output=True, text=True, cwd=REPO, timeout=120, check=True,
    )
    result = json.loads(proc.stdout)
    assert result["peak"] < 400 << 20
    assert ["limits", "object 5: an image of 900000000 pixels (more than "
             "limits.max_image_pixels 200000000): not checked"] in result["problems"]


@pytest.mark.parametrize("limits", [
    {"max_stream_bytes": 0}, {"max_image_pixels": -1}, {"max_attachment_depth": "4"},
    {"max_pages": True}, {"max_unknown": 5},
])
def test_limits_are_validated(tmp_path: Path, limits: dict[str, object]) -> None:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"limits": limits}))
    with pytest.raises(UsageError, match="limits|max_unknown"):
        load_config(path)
