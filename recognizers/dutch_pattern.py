"""The shared shape of our pattern recognisers: Dutch, case-sensitive, context-aware."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer


class DutchPatternRecognizer(PatternRecognizer):
    """A PatternRecognizer declared for ``nl`` with explicit regex flags.

    Subclasses set ``ENTITY``, ``PATTERNS`` and ``CONTEXT``. Presidio's default flags add
    IGNORECASE|DOTALL|MULTILINE, which breaks patterns that rely on capitals; ours are explicit.
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]]
    GLOBAL_REGEX_FLAGS: ClassVar[int] = regex.UNICODE

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
