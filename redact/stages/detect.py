"""Detect: our Dutch recognisers over a page's text, returning what they found as Findings.

The recognisers are Presidio ``EntityRecognizer``s, but none of them needs spaCy tokens, so the
detector calls them directly on the text and scores context words itself (the way Presidio's
lemma context enhancer does: a context word in the words around a match raises its score by 0.35,
to at least 0.4). That skips tokenisation, NLP artifacts and Presidio's per-result deep copies,
which were four fifths of the time spent (see the README's benchmarks).

With ``engine: presidio`` the same recognisers run inside Presidio's ``AnalyzerEngine`` on
``spacy.blank("nl")`` through our NLP engine (lowercased tokens as lemmas, so context words work
on a blank pipeline); the findings are the same, at about half the speed (see the benchmarks).

What is found is what the recogniser says, except that generic mailboxes (info@,
secretariaat@) and their display names are not personal, and with ``email_local_part_only`` an
e-mail finding covers the local part only, so the organisation's domain stays readable. The rules
that need the whole document or the configuration (mention linking, office holders,
``always_redact``, the threshold) are the propose stage's (``stages/propose.py``); ``Detector.detect``
and ``detect_pages`` run both.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from recognizers.evidence import context_word
from recognizers.extraction import broken_tail, glued_labels, narrow, widen
from recognizers.lexicons import lexicons
from recognizers.nl_person_learned import LearnedNames
from recognizers.ocr import ocr_note, ocr_read
from recognizers.registry import build_recognizers
from recognizers.table_columns import Cell, column_cells, may_hold_table
from redact.config import Config
from redact.models import Explanation, Finding
from redact.stages.propose import Proposer

LANGUAGE = "nl"
CONTEXT_FACTOR = 0.35  # what a context word adds (Presidio's default)
CONTEXT_MIN_SCORE = 0.4
CONTEXT_BEFORE = 8  # words; Presidio counts 6 words that are not stop words
CONTEXT_AFTER = 2
GENERIC_MAILBOXES = frozenset(
    "info contact post postbus secretariaat servicedesk helpdesk noreply no-reply donotreply "
    "klantenservice communicatie pers persvoorlichting woo wob webmaster admin support balie "
    "receptie gemeente office mail privacy fg functionarisgegevensbescherming "
    # a department's or a project's mailbox ("parkeren@", "handhaving@", "jeugd-en-gezin@")
    "jeugd wmo zorg afval loket inkoop facturen crediteuren debiteuren administratie hr "
    "personeelszaken juridischezaken planning redactie nieuwsbrief team afdeling reacties "
    "wonen werk inkomen welzijn sport cultuur economie "
    # an association's officers' mailboxes, handed on with the office ("secretaris@stichting...")
    "secretaris voorzitter penningmeester bestuur ledenadministratie".split()
)
# Parts of a department's or project's mailbox name that are never part of a person's name.
_MAILBOX_STEMS = ("verzoek", "secretariaat", "servicedesk", "helpdesk", "klantcontact", "vergunning",
                  "subsidie", "handhaving", "parkeer", "parkeren", "belasting", "burgerzaken",
                  "bezwaar", "klacht", "melding", "griffie", "inspraak", "participatie", "project",
                  "zienswijze", "evenement", "plein", "jeugd", "assistent", "praktijk", "integriteit",
                  "woz", "griffie", "team", "juristen", "petitie", "zaken", "vervoer", "opvang",
                  "veiligheid", "onderwijs", "leerplicht", "meldpunt", "meldingen", "wijkteam", "wijkbureau",
                  "wijkcentrum", "wijkraad", "wijkoverleg", "wijkplatform", "wijkbeheer")

_GENERAL_BEFORE = re.compile(  # "(algemeen: oov@...)", "via de algemene mailbox" + break + "team@..."
    r"(?i)\b(?:algemeen|algemene[ ]mailbox|centrale[ ]mailbox)[ \t]*:?[ \t]*\n?[ \t]*$"
)
# Any stem inside the local part; a short one ("woz", "team") not followed by a letter ("wozniak").
_MAILBOX_STEM = re.compile("|".join(s if len(s) >= 5 else rf"{s}(?![a-z])" for s in _MAILBOX_STEMS))
_MAILBOX_SEPARATOR = re.compile(r"[._+-]")
_ADDRESS_AFTER_NAME = re.compile(r"[ \t]*[<(\[][ \t]*(?:mailto:)?([\w%+.'-]+)@")  # "Naam <local@"
_BEFORE_ADDRESS = frozenset(" \t<([")  # what _ADDRESS_AFTER_NAME can open with

logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)


class BlankDutchNlpEngine(SpacyNlpEngine):
    """spaCy's blank Dutch pipeline (no model download) with lowercased tokens as lemmas.

    A blank pipeline has empty lemmas, which silently disables Presidio's lemma-based context
    enhancer; lowercased token text makes context words ("bsn", "iban") count again.
    """

    def __init__(self) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:nl"}])

    def load(self) -> None:
        import spacy

        self.nlp = {LANGUAGE: spacy.blank(LANGUAGE)}  # type: ignore[assignment]

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        return NlpArtifacts(
            entities=[], tokens=doc, tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc], nlp_engine=self, language=language, scores=[],
        )


def build_analyzer(recognizers: Iterable[EntityRecognizer]) -> AnalyzerEngine:
    """Presidio's AnalyzerEngine on the blank Dutch pipeline with our recognisers only."""
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    nlp_engine = BlankDutchNlpEngine()
    nlp_engine.load()
    return AnalyzerEngine(
        registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE],
        context_aware_enhancer=LemmaContextAwareEnhancer(
            context_similarity_factor=CONTEXT_FACTOR, min_score_with_context_similarity=CONTEXT_MIN_SCORE,
            context_prefix_count=CONTEXT_BEFORE, context_suffix_count=CONTEXT_AFTER,
        ),
    )


# Entities whose recogniser's context words may stand as a table's column heading over them ("Telefoon"
# over "+44 7700 918 432"). Not addresses or accounts: their recognisers score an organisation's own
# under the threshold on purpose, and a heading "Adres" does not make it a person's.
_HEADED = frozenset({"PHONE_NUMBER"})


class Detector:
    """Loads the recognisers and lexicons once (per worker) and turns text into Findings: what the
    recognisers find on each page (``recognise``), then the proposal rules over the document."""

    def __init__(self, config: Config, second_opinion: bool = True) -> None:
        self.config = config
        self.entities = list(config.entities)
        self.recognizers: list[EntityRecognizer] = [
            r for r in build_recognizers() if set(r.supported_entities) & set(self.entities)
        ]
        self.lex = lexicons()
        self._entity_set = frozenset(self.entities)
        self._grounds = {entity: config.ground_for(entity) for entity in self.entities}
        self.analyzer = build_analyzer(self.recognizers) if config.engine == "presidio" else None
        self.proposer = Proposer(config, self.lex)
        # Each recogniser with its context words (a tuple, empty for none): read once, not per result.
        self._runs = [(r, tuple(r.context or ())) for r in self.recognizers]
        # The learned second opinion on capitalised words the rules left (recognizers/nl_person_learned.py).
        self.learned = LearnedNames() if second_opinion and "PERSON" in self._entity_set else None

    # -- public interface ----------------------------------------------------------------------

    def detect(self, text: str) -> list[Finding]:
        """Findings in one text (a one-page document)."""
        return self.detect_pages([text])[0]

    def detect_pages(self, texts: list[str]) -> list[list[Finding]]:
        """Findings per page of one document (offsets into each page's own text)."""
        found = [self.recognise(text) if text.strip() else [] for text in texts]
        return self.proposer.propose(texts, found)

    # -- recognisers ---------------------------------------------------------------------------

    def recognise(self, text: str) -> list[Finding]:
        """What the recognisers find in one page's text, before the proposal rules. Results under
        the threshold may be left out: the proposal drops them anyway (the direct engine skips
        them early, which saves building them). A label glued to its value ("NaamJan de Vries")
        is read with its blank put back; the findings point at the page as it stands."""
        seams = glued_labels(text)
        if not seams:
            return self._recognise(text)
        out = []
        for found in self._recognise(widen(text, seams)):
            start, end = narrow(found.start, seams), narrow(found.end, seams)
            if start < end:
                out.append(dataclasses.replace(found, start=start, end=end, text=text[start:end]))
        return out

    def _recognise(self, text: str) -> list[Finding]:
        read = ocr_read(text)  # "l7-05-1991" read as "17-05-1991", "Mar1oes" as "Marloes"
        if self.analyzer is not None:
            return self._second_opinion(text, read, self._presidio_findings(text, read))
        out = []
        threshold = self.config.threshold
        entities, wanted = self.entities, self._entity_set
        cells: list[Cell] | None = None  # a table's cells with their headings, read when first needed
        for recognizer, keywords in self._runs:
            for result in recognizer.analyze(read, entities, None):  # type: ignore[arg-type]
                if result.entity_type not in wanted or result.end <= result.start:
                    continue
                context = self._context(read, result, keywords) if keywords else ""
                if result.entity_type in _HEADED and not context and result.score < threshold and (
                    may_hold_table(read)
                ):
                    if cells is None:
                        cells = list(column_cells(read, None))
                    context = self._heading(cells, result, keywords)
                score = round(float(result.score), 4)
                if score < threshold:
                    continue  # the proposal drops it anyway, and only scores at the threshold seed mentions
                finding = self._finding(text, result, context, score, read)
                if finding is not None:
                    out.append(finding)
        return self._second_opinion(text, read, self._mend_broken(text, read, out))

    def _mend_broken(self, text: str, read: str, found: list[Finding]) -> list[Finding]:
        """Names and places with the rest of their last word after a stray blank or a line break
        ("mw. Veld huis", "Amersf oort", "Kova-" + break + "lenko"): the whole word is proposed."""
        out = []
        for f in found:
            end = broken_tail(read, f.end, self.lex, place=f.entity == "LOCATION") \
                if f.entity in ("PERSON", "LOCATION") else None
            if end is not None and not any(g.start < end and f.end < g.end for g in found if g is not f):
                note = f"the rest of a word after a break: {text[f.start : end]!r}"
                why = f"{f.explanation.text}; {note}" if f.explanation.text else note
                f = dataclasses.replace(f, end=end, text=text[f.start : end],
                                        explanation=dataclasses.replace(f.explanation, text=why))
            out.append(f)
        return out

    def _second_opinion(self, text: str, read: str, found: list[Finding]) -> list[Finding]:
        """``found`` and what the learned second opinion adds: names among the capitalised words
        that no recogniser claimed."""
        if self.learned is None:
            return found
        spans = [(f.start, f.end, f.entity) for f in found]
        for result in self.learned.opinion(read, spans):
            finding = self._finding(text, result, "", round(float(result.score), 4), read)
            if finding is not None:
                found.append(finding)
        return found

    def _presidio_findings(self, text: str, read: str) -> list[Finding]:
        assert self.analyzer is not None
        results = self.analyzer.analyze(
            text=read, language=LANGUAGE, entities=self.entities, return_decision_process=True
        )
        out = []
        for result in results:
            exp = result.analysis_explanation
            word = exp.supportive_context_word if exp is not None else ""
            finding = self._finding(text, result, word or "", round(float(result.score), 4), read)
            if finding is not None:
                out.append(finding)
        return out

    @staticmethod
    def _context(text: str, result: RecognizerResult, keywords: tuple[str, ...]) -> str:
        """Raise a pattern result's score by a context word (one of ``keywords``, its recogniser's)
        near it, once; return the word."""
        meta = result.recognition_metadata
        if meta and meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
            return ""
        word = context_word(text, result.start, result.end, keywords, CONTEXT_BEFORE, CONTEXT_AFTER)
        if word:
            result.score = min(1.0, max(result.score + CONTEXT_FACTOR, CONTEXT_MIN_SCORE))
        return word

    @staticmethod
    def _heading(cells: list[Cell], result: RecognizerResult, keywords: tuple[str, ...]) -> str:
        """A table's column heading over ``result`` that opens with one of its recogniser's context
        words ("Telefoon" over "+44 7700 918 432"): the context, as a word before it would be."""
        for cell in cells:
            if cell.start <= result.start and result.end <= cell.end:
                if any(cell.heading.startswith(k) for k in keywords):
                    result.score = min(1.0, max(result.score + CONTEXT_FACTOR, CONTEXT_MIN_SCORE))
                    return cell.heading
                return ""
        return ""

    def _finding(
        self, text: str, result: RecognizerResult, context_word: str, score: float, read: str
    ) -> Finding | None:
        """The Finding for one recogniser result (``score`` rounded) on ``read``, the page as the
        recognisers read it (``text`` with OCR confusions read past, same offsets), or None for a
        generic mailbox or its display name."""
        exp = result.analysis_explanation
        entity = result.entity_type
        start, end = result.start, result.end
        if exp is not None:
            note_text = exp.textual_explanation or ""
            pattern = exp.pattern_name
            validation = None if exp.validation_result is None else (
                "valid" if exp.validation_result else "invalid"
            )
            recognizer = exp.recognizer
        else:
            note_text, pattern, validation, recognizer = "", None, None, None
        if entity == "EMAIL_ADDRESS":
            local, _, domain = text[start:end].partition("@")
            if _generic_mailbox(local) or _GENERAL_BEFORE.search(text, max(0, start - 30), start):
                return None  # "info@...", or a mailbox the text calls general: "(algemeen: oov@...)"
            if self.config.email_local_part_only and local and domain:
                end = start + len(local)
                note_text = (note_text + "; " if note_text else "") + (
                    f"local part only: the domain @{domain} stays readable"
                )
        ocr = ocr_note(text, read, start, end) if read is not text else ""  # most pages: read as they are
        if ocr:
            note_text = f"{note_text}; {ocr}" if note_text else ocr
        if not recognizer:
            recognizer = str((result.recognition_metadata or {}).get("recognizer_name", "unknown"))
        ground = self._grounds.get(entity) or self.config.ground_for(entity)
        if entity == "PERSON" and text[end : end + 1] in _BEFORE_ADDRESS and _mailbox_name(
            text, end, text[start:end]
        ):
            return None  # (no blank or bracket after the name: no address follows it)
        explanation = Explanation(
            recognizer=recognizer,
            pattern=pattern,
            context=(context_word,) if context_word else (),
            validation=validation,
            text=note_text,
        )
        return Finding(
            start=start, end=end, entity=entity, text=text[start:end], score=score, ground=ground,
            explanation=explanation,
        )


def _mailbox_name(text: str, end: int, name: str) -> bool:
    """"Parkeerbeheer <parkeerbeheer@...>": the display name of a generic mailbox, whose first word
    is its local part; not "Jan Jansen <info@...>", a person writing from one (``name`` ends at
    ``end``)."""
    if text[end : end + 1] not in _BEFORE_ADDRESS:
        return False  # no blank or bracket after the name: no address follows it
    m = _ADDRESS_AFTER_NAME.match(text, end)
    if m is None:
        return False
    local = m.group(1).lower()
    first = name.split()[0].lower() if name.split() else ""
    return _generic_mailbox(local) and first in (local, _MAILBOX_SEPARATOR.split(local, maxsplit=1)[0])


def _generic_mailbox(local: str) -> bool:
    """info@, secretariaat@, woo-verzoeken@, parkeren@, vergunningen@: an organisation's mailbox
    (a desk, department or project), not a person's."""
    low = local.lower()
    first = _MAILBOX_SEPARATOR.split(low, maxsplit=1)[0]
    if low.startswith("wijk") and len(low) > 7:  # "wijkstadshagen@": a district's mailbox, not "wijkstra@"
        lex = lexicons()
        if low[4:] in lex.places or (low[4:] in lex.streets and low[4:].capitalize() not in lex.surnames):
            return True
    return low in GENERIC_MAILBOXES or first in GENERIC_MAILBOXES or _MAILBOX_STEM.search(low) is not None
