"""Detect: Presidio on a blank Dutch spaCy pipeline with our recognisers, returning Findings."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from recognizers.registry import build_recognizers
from redact.config import Config
from redact.models import Explanation, Finding

LANGUAGE = "nl"

# Presidio logs a warning per unknown language/recogniser; keep the console for our messages.
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)


class BlankDutchNlpEngine(SpacyNlpEngine):
    """spaCy's blank Dutch pipeline (no model download) with lowercased tokens as lemmas.

    A blank pipeline has empty lemmas, which silently disables Presidio's lemma-based context
    enhancer; lowercased token text makes context words ("bsn", "iban", "tel") count again.
    """

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:nl"}])

    def load(self) -> None:
        self.nlp = {LANGUAGE: spacy.blank(LANGUAGE)}

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc],
            nlp_engine=self,
            language=language,
            scores=[],
        )


def build_analyzer() -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in build_recognizers():
        registry.add_recognizer(recognizer)
    nlp_engine = BlankDutchNlpEngine()
    nlp_engine.load()
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
        context_aware_enhancer=LemmaContextAwareEnhancer(
            context_similarity_factor=0.35,
            min_score_with_context_similarity=0.4,
            context_prefix_count=6,
            context_suffix_count=2,
        ),
    )


class Detector:
    """Loads the analyzer once (per worker) and turns text into Findings."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.analyzer = build_analyzer()

    def detect(self, text: str) -> list[Finding]:
        if not text.strip():
            return []
        results = self.analyzer.analyze(
            text=text,
            language=LANGUAGE,
            entities=list(self.config.entities),
            score_threshold=self.config.threshold,
            return_decision_process=True,
        )
        return [self._finding(text, r) for r in _without_contained(results)]

    def detect_pages(self, texts: list[str]) -> list[list[Finding]]:
        """Findings per page of one document (offsets into each page's own text)."""
        return [self.detect(text) for text in texts]

    def _finding(self, text: str, result: RecognizerResult) -> Finding:
        exp = result.analysis_explanation
        context = ()
        if exp is not None and exp.supportive_context_word:
            context = (exp.supportive_context_word,)
        recognizer = (exp.recognizer if exp else None) or str(
            result.recognition_metadata.get("recognizer_name", "unknown")
        )
        validation = None
        if exp is not None and exp.validation_result is not None:
            validation = "valid" if exp.validation_result else "invalid"
        explanation = Explanation(
            recognizer=recognizer,
            pattern=(exp.pattern_name if exp else None),
            context=context,
            validation=validation,
            text=(exp.textual_explanation or "") if exp else "",
        )
        return Finding(
            start=result.start,
            end=result.end,
            entity=result.entity_type,
            text=text[result.start : result.end],
            score=round(float(result.score), 4),
            ground=self.config.ground_for(result.entity_type),
            explanation=explanation,
        )


def _without_contained(results: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    """Drop results lying wholly inside a longer (or equal, higher-scored) result; sort by start."""
    ordered = sorted(results, key=lambda r: (r.start, -(r.end - r.start), -r.score))
    kept: list[RecognizerResult] = []
    for result in ordered:
        if any(k.start <= result.start and result.end <= k.end for k in kept):
            continue
        kept.append(result)
    return kept
