"""Results with their evidence: how our recognisers build Presidio results and weigh context.

Our recognisers look at the text themselves (they need no spaCy tokens), so the detector can run
them without Presidio's NLP artifacts; context is scored here on the raw text, the same way for
every recogniser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import AnalysisExplanation, RecognizerResult

_WORD = re.compile(r"[^\W_][\w.'’-]*")


def make_result(
    recognizer_name: str,
    recognizer_id: str,
    entity: str,
    start: int,
    end: int,
    score: float,
    rule: str,
    explanation: str,
    validation: bool | None = None,
    context_scored: bool = True,
) -> RecognizerResult:
    """A result that explains itself; ``context_scored`` stops a second context boost."""
    exp = AnalysisExplanation(
        recognizer=recognizer_name,
        original_score=score,
        pattern_name=rule,
        pattern="",
        validation_result=validation,  # type: ignore[arg-type]  # Presidio allows None
        textual_explanation=explanation,
    )
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=exp,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer_name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer_id,
            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: context_scored,
        },
    )


def words_before(text: str, start: int, count: int, chars: int = 80) -> list[str]:
    """Up to ``count`` lowercased words before ``start`` (within ``chars`` characters)."""
    window = text[max(0, start - chars) : start]
    return [w.lower().rstrip(".") for w in _WORD.findall(window)[-count:]]


def words_after(text: str, end: int, count: int, chars: int = 40) -> list[str]:
    window = text[end : end + chars]
    return [w.lower().rstrip(".") for w in _WORD.findall(window)[:count]]


def supporting_word(context: Iterable[str], keywords: Iterable[str]) -> str:
    """The first keyword found inside any context word (Presidio's substring rule), or ''."""
    words = list(context)
    for keyword in keywords:
        key = keyword.lower()
        if any(key in w for w in words):
            return keyword
    return ""


def line_before(text: str, start: int, chars: int = 60) -> str:
    """The text on the same line before ``start`` (at most ``chars`` characters)."""
    window = text[max(0, start - chars) : start]
    cut = window.rfind("\n")
    return window[cut + 1 :] if cut >= 0 else window
