"""Results with their evidence: how our recognisers build Presidio results and weigh context.

Our recognisers look at the text themselves (they need no spaCy tokens), so the detector can run
them without Presidio's NLP artifacts; context is scored here on the raw text, the same way for
every recogniser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, RecognizerResult

_WORD = re.compile(r"[^\W_][\w.'’-]*")
BEFORE_CHARS = 80  # how far words_before looks back
AFTER_CHARS = 40  # how far words_after looks ahead


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


def score_down(result: RecognizerResult, score: float, why: str) -> None:
    """Lower ``result`` to ``score`` (below the threshold: explained, not proposed) and say ``why``;
    the detector's context word must not lift it again."""
    result.score = score
    explanation = result.analysis_explanation
    if explanation is not None:
        explanation.score = score
        explanation.append_textual_explanation_line(why)
    result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True


@lru_cache(maxsize=1)
def lower_text(text: str) -> str:
    """``text.lower()``, once per page: several recognisers look for their key words in it.

    Always as long as ``text``, so that an offset in one is the same place in the other:
    ``"İ".lower()`` is two characters (i and a combining dot), which would shift every offset
    after a Turkish name with a capital İ; such a character stays as it is.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in text)


def words_before(text: str, start: int, count: int, chars: int = BEFORE_CHARS) -> list[str]:
    """Up to ``count`` lowercased words before ``start`` (within ``chars`` characters)."""
    window = text[max(0, start - chars) : start]
    return [w.lower().rstrip(".") for w in _WORD.findall(window)[-count:]]


def words_after(text: str, end: int, count: int, chars: int = AFTER_CHARS) -> list[str]:
    window = text[end : end + chars]
    return [w.lower().rstrip(".") for w in _WORD.findall(window)[:count]]


def supporting_word(context: Iterable[str], keywords: Iterable[str]) -> str:
    """The first keyword found inside any context word (Presidio's substring rule), or ''."""
    words = list(context)
    if not words:
        return ""
    joined = "\0".join(words)  # a keyword (never holding a NUL) found here lies inside one word
    for keyword in keywords:
        if keyword.lower() in joined:
            return keyword
    return ""


def context_word(text: str, start: int, end: int, keywords: Sequence[str], before: int, after: int) -> str:
    """The first keyword inside one of the ``before`` words before ``start`` or the ``after``
    words after ``end`` (:func:`supporting_word`), or ''.

    The words are read only when a keyword occurs in the lowercased text around the span at all:
    lowercasing maps each character on its own (bar the Greek final sigma, in no keyword), so a
    keyword inside a lowercased word is inside the lowercased text it came from.
    """
    near = text[max(0, start - BEFORE_CHARS) : start].lower() + "\0" + text[end : end + AFTER_CHARS].lower()
    if _any_keyword(tuple(keywords)).search(near) is None:
        return ""
    return supporting_word(words_before(text, start, before) + words_after(text, end, after), keywords)


@lru_cache(maxsize=256)
def _any_keyword(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """One search for "does any lowercased keyword occur" (a recogniser's context words are constant:
    compiled once per process, not per document)."""
    keys = sorted({k.lower() for k in keywords}, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys) if keys else r"(?!)")


def line_before(text: str, start: int, chars: int = 60) -> str:
    """The text on the same line before ``start`` (at most ``chars`` characters)."""
    window = text[max(0, start - chars) : start]
    cut = window.rfind("\n")
    return window[cut + 1 :] if cut >= 0 else window
