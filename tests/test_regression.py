"""The regression corpus (``tests/regression/*.json``): one file per kind of text.

Each file records its ``known_failures``; the test fails when a case that passed starts failing (a
regression) and when a known failure starts passing (a silent improvement: record it). See
``redact/regression.py`` for the format and what counts as a pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redact.regression import Predicted, load_corpora, load_corpus, run_corpus
from redact.stages.detect import Detector

CORPUS = Path(__file__).parent / "regression"
FILES = sorted(CORPUS.glob("*.json"))


@pytest.fixture(scope="module")
def detect(detector_module: Detector):
    def run(text: str) -> list[Predicted]:
        return [Predicted(f.entity, f.start, f.end) for f in detector_module.detect(text)]

    return run


@pytest.fixture(scope="module")
def detector_module() -> Detector:
    from redact.config import load_config

    return Detector(load_config())


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_failing_cases_are_the_known_failures(path: Path, detect) -> None:
    corpus = load_corpus(path)
    results = run_corpus(corpus, detect)
    failing = {r.id for r in results if not r.passed}
    detail = {r.id: (r.missed, r.false_alarms) for r in results if r.id in failing ^ corpus.known_failures}
    assert sorted(failing - corpus.known_failures) == [], f"new failures: {detail}"
    assert sorted(corpus.known_failures - failing) == [], "known failures that now pass: record them"


def test_the_corpus_covers_every_kind_with_enough_cases() -> None:
    """At least the eight kinds of issue 12, each with ten cases or more."""
    corpora = load_corpora(CORPUS)
    assert len(corpora) >= 8
    for corpus in corpora:
        assert len(corpus.cases) >= 10, corpus.kind


def test_a_case_passes_only_on_full_cover_and_no_false_alarm() -> None:
    from redact.regression import Annotation, Case, judge

    text = "Mevrouw Smit-\nvan Leeuwen belde over kenteken 12-ABC-3."
    name = Annotation("PERSON", 8, 25, "Smit-\nvan Leeuwen")
    case = Case("c", text, (name,))
    assert judge(case, [Predicted("PERSON", 8, 25)]).passed
    assert judge(case, [Predicted("PERSON", 8, 13), Predicted("PERSON", 14, 25)]).passed  # the break
    tail = judge(case, [Predicted("PERSON", 14, 25)])
    assert not tail.passed and tail.missed == ("Smit-\nvan Leeuwen",)
    wrong_entity = judge(case, [Predicted("LOCATION", 8, 25)])
    assert not wrong_entity.passed
    alarm = judge(case, [Predicted("PERSON", 8, 25), Predicted("PERSON", 0, 7)])
    assert not alarm.passed and alarm.false_alarms == ("Mevrouw",)
    address = Case("a", "Molenstr. 8, 1234 AB Ede",
                   (Annotation("NL_ADDRESS", 0, 24, "Molenstr. 8, 1234 AB Ede"),))
    assert judge(address, [Predicted("NL_ADDRESS", 0, 11), Predicted("NL_POSTCODE", 13, 20),
                           Predicted("LOCATION", 21, 24)]).passed  # a readable comma leaks nothing


def test_annotations_must_match_their_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"cases": [{"id": "x", "text": "Jan", "annotations": '
                   '[{"entity": "PERSON", "text": "Piet"}]}]}')
    with pytest.raises(ValueError, match="not in the text"):
        load_corpus(bad)
