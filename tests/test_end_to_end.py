"""End to end: gold laid out as PDFs, then scan, accept-all and apply through the command line, and
the outputs read back (``redact eval --end-to-end``).

Issue 12's target is at most 1% of the personal-data strings readable in the outputs and no BSN at
all. On the regression corpus every value readable afterwards must belong to a case the detector is
known to fail, or to a table written with tabs (which a PDF does not keep): locating, boxing and
burning in lose nothing that detection found.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from redact.end_to_end import check
from redact.regression import load_corpora, write_gold
from tests.conftest import REPO

CORPUS = Path(__file__).parent / "regression"
# Cases whose structure the PDF layout breaks: a football line-up on one long line, wrapped over
# three lines by the layout, is no line-up for the rule that reads one (README, "Still missed").
PDF_LAYOUT_LIMITS = frozenset({"tables__tables-025"})


@pytest.mark.slow
def test_only_known_failures_stay_readable_and_no_bsn(tmp_path: Path) -> None:
    corpora = load_corpora(CORPUS)
    assert write_gold(corpora, tmp_path / "gold") >= 300
    report = check(tmp_path / "gold", tmp_path / "run")
    assert sum(report.values.values()) >= 250
    assert report.readable["NL_BSN"] == 0, report.leaks
    known = {f"{c.kind}__{case_id}" for c in corpora for case_id in c.known_failures}
    # A table written with tabs loses them when it is laid out as a PDF and read back (the cells come
    # back separated by blanks): the column rules ("Naam", "Wie", "Kenteken", "Handelsnaam") read
    # tabs, so on the PDF path those cases are a known limitation (README, "Still missed"), measured
    # on text by test_regression.py.
    tabbed = {f"{c.kind}__{case.id}" for c in corpora for case in c.cases if "\t" in case.text}
    assert [leak for leak in report.leaks if leak[0] not in known | tabbed | PDF_LAYOUT_LIMITS] == []


@pytest.mark.slow
def test_generated_documents_at_most_one_percent_readable(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "fixtures/generate.py", "--out", str(tmp_path / "gold"), "--count",
                    "40", "--seed", "31"], check=True, cwd=REPO, capture_output=True)
    report = check(tmp_path / "gold", tmp_path / "run")
    assert sum(report.values.values()) >= 500
    assert report.readable["NL_BSN"] == 0, report.leaks
    assert report.rate <= 0.01, report.render()
