"""The Detector per document: one person, every mention; office holders; the e-mail local part."""

from __future__ import annotations

import json
from pathlib import Path

from redact.config import load_config
from redact.stages.detect import Detector


def _config(tmp_path: Path, **overrides: object) -> Path:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(overrides), "utf-8")
    return path


def persons(pages: list[list]) -> list[tuple[int, str, bool]]:
    return [(i, f.text, f.proposed) for i, page in enumerate(pages, 1) for f in page if f.entity == "PERSON"]


def test_later_mentions_are_linked_across_pages(detector: Detector) -> None:
    pages = [
        "Gesprek met Jan de Vries en Piet Bakker over de aanvraag.",
        "Later zei Bakker dat het klopt, en ook de Vries.\nDaarna stuurde P. Bakker het stuk.",
    ]
    found = detector.detect_pages(pages)
    assert persons(found) == [
        (1, "Jan de Vries", True), (1, "Piet Bakker", True), (2, "Bakker", True), (2, "de Vries", True),
        (2, "P. Bakker", True),
    ]
    linked = {f.text: f for f in found[1] if f.explanation.pattern == "same person"}
    assert set(linked) == {"Bakker", "de Vries"}  # "P. Bakker" is found on its own evidence
    assert linked["Bakker"].explanation.context == ("Piet Bakker",)
    assert linked["de Vries"].explanation.context == ("Jan de Vries",)
    assert all("page 1" in f.explanation.text for f in linked.values())


def test_no_linking_without_a_first_finding(detector: Detector) -> None:
    # a surname alone is not enough on its own
    assert persons(detector.detect_pages(["Later zei Bakker dat het klopt."])) == []


def test_role_word_marks_an_office_holder_not_proposed(detector: Detector) -> None:
    (page,) = detector.detect_pages(["Wethouder De Wit opende de vergadering. De Wit sloot af."])
    people = [f for f in page if f.entity == "PERSON"]
    assert [f.text for f in people] == ["De Wit", "De Wit"]
    assert not any(f.proposed for f in people)
    assert all("public office holder" in f.note and "wethouder" in f.note for f in people)


def test_allow_list_and_deny_list(tmp_path: Path) -> None:
    config = load_config(_config(
        tmp_path,
        public_officials={"names": ["Hugo de Jonge"], "roles": []},
        always_redact=["Pieter Fictief"],
    ))
    detector = Detector(config)
    (page,) = detector.detect_pages(
        ["Hugo de Jonge sprak met Anna Bakker. Later zei De Jonge iets. Pieter Fictief belde."]
    )
    people = {f.text: f for f in page if f.entity == "PERSON"}
    assert people["Hugo de Jonge"].proposed is False
    assert "allow-list" in people["Hugo de Jonge"].note
    assert people["De Jonge"].proposed is False
    assert people["Anna Bakker"].proposed is True
    assert people["Pieter Fictief"].proposed is True


def test_deny_list_names_are_always_found(tmp_path: Path) -> None:
    detector = Detector(load_config(_config(tmp_path, always_redact=["Zorro Qwerty"])))
    (page,) = detector.detect_pages(["het stuk van zorro en Zorro Qwerty"])
    assert [(f.text, f.proposed) for f in page if f.entity == "PERSON"] == [("Zorro Qwerty", True)]


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
