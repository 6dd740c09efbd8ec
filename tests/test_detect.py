"""The detect stage: what the recognisers find on a page, before the proposal rules; a generic
mailbox is not personal, and the e-mail local part alone when so configured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redact.config import load_config
from redact.stages.detect import Detector


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(load_config())


def _config(tmp_path: Path, **overrides: object) -> Path:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(overrides), "utf-8")
    return path


def test_email_local_part_only(tmp_path: Path) -> None:
    text = "Mail j.devries@minvws.nl of info@minvws.nl."
    whole = Detector(load_config()).detect(text)
    assert [f.text for f in whole if f.entity == "EMAIL_ADDRESS"] == ["j.devries@minvws.nl"]
    local = Detector(load_config(_config(tmp_path, email_local_part_only=True))).detect(text)
    (finding,) = [f for f in local if f.entity == "EMAIL_ADDRESS"]
    assert finding.text == "j.devries"
    assert finding.start == text.index("j.devries")
    assert "@minvws.nl stays readable" in finding.explanation.text


def test_detect_is_one_page_of_detect_pages(detector: Detector) -> None:
    text = "Beste Fatma,\nDank. Groet, RF"
    assert detector.detect(text) == detector.detect_pages([text])[0]
    assert detector.detect("   ") == []


def test_recognise_is_the_page_before_the_proposal(detector: Detector) -> None:
    pages = ["Gesprek met Piet Bakker over de aanvraag.", "Later belde Bakker dat het klopt."]
    raw = [detector.recognise(text) for text in pages]
    assert [f.text for f in raw[1] if f.entity == "PERSON"] == []  # linking is the proposal's
    assert detector.proposer.propose(pages, raw) == detector.detect_pages(pages)
    assert [f.text for f in detector.detect_pages(pages)[1] if f.entity == "PERSON"] == ["Bakker"]
