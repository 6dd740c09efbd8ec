"""The shared shape of our pattern recognisers: Dutch, case-sensitive, context-aware.

They run Presidio's pattern loop in a leaner form (:meth:`DutchPatternRecognizer.analyze`): the
same matches, scores, explanations and de-duplication, without the per-pattern timing and debug
logging, and with an optional cheap scan for where a match can start, so that a pattern is tried
at a few positions instead of at every character of the page.
"""

from __future__ import annotations

import logging
from typing import ClassVar

import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.pattern_recognizer import REGEX_TIMEOUT_SECONDS

from recognizers.scanning import matches_at

logger = logging.getLogger("presidio-analyzer")


class DutchPatternRecognizer(PatternRecognizer):
    """A PatternRecognizer declared for ``nl`` with explicit regex flags.

    Subclasses set ``ENTITY``, ``PATTERNS`` and ``CONTEXT``. Presidio's default flags add
    IGNORECASE|DOTALL|MULTILINE, which breaks patterns that rely on capitals; ours are explicit.
    A subclass may also say where its matches can start (:meth:`match_starts`).
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]]
    GLOBAL_REGEX_FLAGS: ClassVar[int] = regex.UNICODE
    # set by PatternRecognizer / EntityRecognizer
    name: str
    patterns: list[Pattern]
    global_regex_flags: int

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            patterns=patterns if patterns else self.PATTERNS,
            context=context if context else self.CONTEXT,
            supported_language=supported_language,
            name=name or type(self).__name__,
            global_regex_flags=self.GLOBAL_REGEX_FLAGS,
        )

    def match_starts(self, text: str) -> list[int] | None:
        """Ascending positions where a match of any of the patterns may start, or None (anywhere).

        Every position where one can start must be listed (more do no harm): the patterns are
        then tried there only, which finds exactly what a scan of the whole text finds. An empty
        list means the text has no match. Used with the recogniser's own flags only.
        """
        return None

    def pattern_starts(self, pattern: Pattern, text: str, starts: list[int]) -> list[int]:
        """The positions of ``starts`` (from :meth:`match_starts`) where ``pattern`` itself can
        start: all of them, unless a subclass whose patterns open differently says less (each
        pattern is then tried only where it can open; every place it can start must stay)."""
        return starts

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's ``PatternRecognizer.analyze``, with the same results and explanations.

        A match whose check (``validate_result``) fails, or that ``invalidate_result`` rejects,
        is dropped before any result object is built; one that passes the check scores 1.0.
        """
        flags = regex_flags if regex_flags else self.global_regex_flags
        starts = self.match_starts(text) if flags == self.GLOBAL_REGEX_FLAGS else None
        if starts is not None and not starts:
            return []
        results: list[RecognizerResult] = []
        for pattern in self.patterns:
            compiled = _compiled(pattern, flags)
            matches = (compiled.finditer(text, timeout=REGEX_TIMEOUT_SECONDS) if starts is None
                       else matches_at(compiled, text, self.pattern_starts(pattern, text, starts)))
            try:
                for match in matches:
                    result = self._result(pattern, flags, text, match.start(), match.end())
                    if result is not None:
                        results.append(result)
            except TimeoutError:
                logger.warning("Regex pattern '%s' timed out after %s seconds, skipping.",
                               pattern.name, REGEX_TIMEOUT_SECONDS, exc_info=True)
        return EntityRecognizer.remove_duplicates(results) if len(results) > 1 else results

    def _result(
        self, pattern: Pattern, flags: int, text: str, start: int, end: int
    ) -> RecognizerResult | None:
        """The result Presidio builds for one match, or None where Presidio would drop it."""
        matched = text[start:end]
        if not matched:
            return None
        validation = self.validate_result(matched)
        if validation is not None and not validation or self.invalidate_result(matched):
            return None  # Presidio scores it 0 and drops it
        score = EntityRecognizer.MAX_SCORE if validation else pattern.score
        if score <= EntityRecognizer.MIN_SCORE:
            return None
        explanation = self.build_regex_explanation(
            self.name, pattern.name, pattern.regex, pattern.score, validation, flags  # type: ignore[arg-type]
        )
        explanation.score = score
        return RecognizerResult(
            entity_type=self.supported_entities[0],
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def _compiled(pattern: Pattern, flags: int) -> regex.Pattern[str]:
    """The pattern compiled with ``flags``, kept on the Pattern as Presidio keeps it."""
    if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
        pattern.compiled_with_flags = flags  # type: ignore[assignment]  # Presidio declares None
        pattern.compiled_regex = regex.compile(pattern.regex, flags=flags)
    return pattern.compiled_regex
