"""Helpers shared by the recognisers' table tests."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from redact.models import Finding
from redact.stages.detect import Detector

THRESHOLD = 0.4  # the default configuration's threshold


def spans_of(text: str, expected: list[str]) -> list[tuple[int, int]]:
    """Positions of the expected substrings, each searched after the previous one."""
    out, at = [], 0
    for piece in expected:
        start = text.index(piece, at)
        out.append((start, start + len(piece)))
        at = start + 1
    return out


def found(recognizer: EntityRecognizer, text: str, entity: str) -> list[tuple[int, int]]:
    """The spans a recogniser reports for ``entity`` at or above the threshold."""
    results = recognizer.analyze(text, [entity], None)
    return sorted({(r.start, r.end) for r in results if r.entity_type == entity and r.score >= THRESHOLD})


def sole_finding(detector: Detector, text: str, planted: str, entity: str, ours: set[str]) -> Finding:
    """The detector reports ``planted`` as ``entity`` and as nothing else of ``ours``."""
    findings = detector.detect(text)
    start = text.index(planted)
    end = start + len(planted)
    overlapping = [(f.entity, f.text) for f in findings if f.start < end and start < f.end]
    assert overlapping == [(entity, planted)]
    assert {f.entity for f in findings} & ours == {entity}
    (finding,) = [f for f in findings if f.entity == entity]
    assert finding.score >= detector.config.threshold
    return finding
