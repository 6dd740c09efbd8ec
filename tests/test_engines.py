"""Presidio's AnalyzerEngine on spacy.blank("nl") and the direct path find the same data."""

from __future__ import annotations

import json

import pytest

from redact.config import load_config
from redact.stages.detect import Detector
from tests.conftest import LETTER, REPO, SECOND_PAGE


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> tuple[Detector, Detector]:
    path = tmp_path_factory.mktemp("cfg") / "presidio.json"
    path.write_text(json.dumps({"engine": "presidio"}))
    return Detector(load_config()), Detector(load_config(path))


def spans(detector: Detector, text: str) -> set[tuple[int, int, str]]:
    return {(f.start, f.end, f.entity) for f in detector.detect(text)}


@pytest.mark.parametrize("text", [LETTER, SECOND_PAGE,
                                  "Geachte mevrouw De Vries,\nMijn BSN is 111222333, bel 06 12 34 56 78."])
def test_presidio_engine_finds_what_the_direct_path_finds(
    engines: tuple[Detector, Detector], text: str
) -> None:
    direct, presidio = engines
    assert presidio.analyzer is not None and direct.analyzer is None
    assert spans(presidio, text) == spans(direct, text)


def test_presidio_engine_uses_context_words_on_a_blank_pipeline(
    engines: tuple[Detector, Detector]
) -> None:
    _, presidio = engines
    bare = next(f for f in presidio.detect("Het nummer 111222333 staat hier.") if f.entity == "NL_BSN")
    boosted = next(f for f in presidio.detect("Het BSN 111222333 staat hier.") if f.entity == "NL_BSN")
    assert boosted.score > bare.score and boosted.explanation.context == ("bsn",)


def test_fixture_corpus_agrees(engines: tuple[Detector, Detector]) -> None:
    direct, presidio = engines
    texts = [p.read_text("utf-8") for p in sorted((REPO / "fixtures/generated/woo").glob("*.txt"))[:10]]
    assert texts, "run `make fixtures` first (make test does)"
    for text in texts:
        assert spans(presidio, text) == spans(direct, text)
