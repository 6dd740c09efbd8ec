"""Detect: our Dutch recognisers over page text, returning Findings.

The recognisers are Presidio ``EntityRecognizer``s, but none of them needs spaCy tokens, so the
detector calls them directly on the text and scores context words itself (the way Presidio's
lemma context enhancer does: a context word in the words around a match raises its score by 0.35,
to at least 0.4). That skips tokenisation, NLP artifacts and Presidio's per-result deep copies,
which were four fifths of the time spent (see DEPENDENCIES.md).

With ``engine: presidio`` the same recognisers run inside Presidio's ``AnalyzerEngine`` on
``spacy.blank("nl")`` through our NLP engine (lowercased tokens as lemmas, so context words work
on a blank pipeline); the findings are the same, at about half the speed (see the benchmarks).

On top of the recognisers, per document:

* a person found once is found everywhere: later "Jan", "De Vries", "J. de Vries" mentions of
  "Jan de Vries" become findings that name the mention they link to; bare initials ("AK") are
  linked only when the text declares them a person (an attendance line, "actiehouder: AK"), and
  no mention is linked inside a company's name ("Bakkerij Van Damme", "Nowak Transport B.V.");
* public office holders (configured names, or a configured role word before the name) are still
  reported but not proposed, with the reason in ``note``; ``always_redact`` names are always
  proposed and always found;
* with ``email_local_part_only`` an e-mail finding covers the local part only, so the
  organisation's domain stays readable; generic mailboxes (info@, secretariaat@) are not personal.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from recognizers.evidence import context_word
from recognizers.lexicons import lexicons
from recognizers.nl_person import DECLARED_INITIALS, INITIALS, PART, names_an_organisation
from recognizers.registry import build_recognizers
from redact.config import Config
from redact.models import Explanation, Finding

LANGUAGE = "nl"
CONTEXT_FACTOR = 0.35  # what a context word adds (Presidio's default)
CONTEXT_MIN_SCORE = 0.4
CONTEXT_BEFORE = 8  # words; Presidio counts 6 words that are not stop words
CONTEXT_AFTER = 2
PROPAGATED_SCORE = 0.8
GENERIC_MAILBOXES = frozenset(
    "info contact post postbus secretariaat servicedesk helpdesk noreply no-reply donotreply "
    "klantenservice communicatie pers persvoorlichting woo wob webmaster admin support balie "
    "receptie gemeente office mail privacy fg functionarisgegevensbescherming "
    # a department's or a project's mailbox ("parkeren@", "handhaving@", "jeugd-en-gezin@")
    "jeugd wmo zorg afval loket inkoop facturen crediteuren debiteuren administratie hr "
    "personeelszaken juridischezaken planning redactie nieuwsbrief team afdeling reacties".split()
)
# Parts of a department's or project's mailbox name that are never part of a person's name.
_MAILBOX_STEMS = ("verzoek", "secretariaat", "servicedesk", "helpdesk", "klantcontact", "vergunning",
                  "subsidie", "handhaving", "parkeer", "parkeren", "belasting", "burgerzaken",
                  "bezwaar", "klacht", "melding", "griffie", "inspraak", "participatie", "project",
                  "zienswijze", "evenement", "plein", "jeugd")

_MAILBOX_STEM = re.compile("|".join(_MAILBOX_STEMS))  # any stem inside the local part
_ROLE_WORDS = re.compile(r"[\w'’.-]+")
_MAILBOX_SEPARATOR = re.compile(r"[._+-]")
_ADDRESS_AFTER_NAME = re.compile(r"[ \t]*[<(\[][ \t]*(?:mailto:)?([\w%+.'-]+)@")  # "Naam <local@"

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


@dataclass(frozen=True)
class _Seed:
    """A person found on some page, and how later mentions of it are written."""

    text: str
    page: int
    variants: frozenset[str]
    proposed: bool
    note: str


class Detector:
    """Loads the recognisers and lexicons once (per worker) and turns text into Findings."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.entities = list(config.entities)
        self.recognizers: list[EntityRecognizer] = [
            r for r in build_recognizers() if set(r.supported_entities) & set(self.entities)
        ]
        self.lex = lexicons()
        self._entity_set = frozenset(self.entities)
        self.analyzer = build_analyzer(self.recognizers) if config.engine == "presidio" else None
        self._lower_interfixes = frozenset(w for i in self.lex.interfixes for w in i.split())
        self._variant_memo: dict[str, frozenset[str]] = {}
        self._role_memo: dict[str, str] = {}
        self._official_names = self._variant_map(config.public_official_names)
        self._always = self._variant_map(config.always_redact)
        self._roles = tuple(sorted(config.public_official_roles, key=len, reverse=True))
        self._role_openings = frozenset(role.split()[0] for role in self._roles if role.split())
        # One search for "does any opening occur" (once per Detector, not per document).
        self._role_opening_re = re.compile(
            "|".join(re.escape(o) for o in sorted(self._role_openings, key=len, reverse=True))
        ) if self._role_openings else None

    # -- public interface ----------------------------------------------------------------------

    def detect(self, text: str) -> list[Finding]:
        """Findings in one text (a one-page document)."""
        return self.detect_pages([text])[0]

    def detect_pages(self, texts: list[str]) -> list[list[Finding]]:
        """Findings per page of one document (offsets into each page's own text)."""
        pages = [self._findings(text) if text.strip() else [] for text in texts]
        if "PERSON" in self.entities:
            mentions = self._mentions(self._seeds(pages))
            pages = [self._propagate(text, found, mentions)
                     for text, found in zip(texts, pages, strict=True)]
        threshold = self.config.threshold
        return [_without_contained(f for f in found if f.score >= threshold) for found in pages]

    # -- recognisers ---------------------------------------------------------------------------

    def _findings(self, text: str) -> list[Finding]:
        if self.analyzer is not None:
            return self._presidio_findings(text)
        out = []
        threshold = self.config.threshold
        for recognizer in self.recognizers:
            for result in recognizer.analyze(text, self.entities, None):  # type: ignore[arg-type]
                if result.entity_type not in self._entity_set or result.end <= result.start:
                    continue
                context = self._context(text, result, recognizer)
                if round(float(result.score), 4) < threshold:
                    continue  # detect_pages drops it anyway, and only scores at the threshold seed mentions
                finding = self._finding(text, result, context)
                if finding is not None:
                    out.append(finding)
        return out

    def _presidio_findings(self, text: str) -> list[Finding]:
        assert self.analyzer is not None
        results = self.analyzer.analyze(
            text=text, language=LANGUAGE, entities=self.entities, return_decision_process=True
        )
        out = []
        for result in results:
            exp = result.analysis_explanation
            word = exp.supportive_context_word if exp is not None else ""
            finding = self._finding(text, result, word or "")
            if finding is not None:
                out.append(finding)
        return out

    def _context(self, text: str, result: RecognizerResult, recognizer: EntityRecognizer) -> str:
        """Raise a pattern result's score by a context word near it (once); return the word."""
        meta = result.recognition_metadata or {}
        if not recognizer.context or meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
            return ""
        word = context_word(text, result.start, result.end, recognizer.context, CONTEXT_BEFORE, CONTEXT_AFTER)
        if word:
            result.score = min(1.0, max(result.score + CONTEXT_FACTOR, CONTEXT_MIN_SCORE))
        return word

    def _finding(self, text: str, result: RecognizerResult, context_word: str) -> Finding | None:
        exp = result.analysis_explanation
        start, end = result.start, result.end
        note_text = (exp.textual_explanation or "") if exp else ""
        if result.entity_type == "EMAIL_ADDRESS":
            local, _, domain = text[start:end].partition("@")
            if _generic_mailbox(local):
                return None
            if self.config.email_local_part_only and local and domain:
                end = start + len(local)
                note_text = (note_text + "; " if note_text else "") + (
                    f"local part only: the domain @{domain} stays readable"
                )
        validation = None
        if exp is not None and exp.validation_result is not None:
            validation = "valid" if exp.validation_result else "invalid"
        recognizer = (exp.recognizer if exp else None) or str(
            (result.recognition_metadata or {}).get("recognizer_name", "unknown")
        )
        explanation = Explanation(
            recognizer=recognizer,
            pattern=(exp.pattern_name if exp else None),
            context=(context_word,) if context_word else (),
            validation=validation,
            text=note_text,
        )
        finding = Finding(
            start=start,
            end=end,
            entity=result.entity_type,
            text=text[start:end],
            score=round(float(result.score), 4),
            ground=self.config.ground_for(result.entity_type),
            explanation=explanation,
        )
        if finding.entity == "PERSON":
            if _mailbox_name(text, finding):
                return None
            finding = self._office(text, finding)
        return finding

    # -- public office holders and the deny-list -------------------------------------------------

    def _office(self, text: str, finding: Finding) -> Finding:
        """Mark a public office holder as not proposed, unless the name is on ``always_redact``."""
        key = _normal(finding.text)
        if key in self._always:
            return finding
        if key in self._official_names:
            return replace(finding, proposed=False,
                           note=f"public office holder: {self._official_names[key]!r} is on the allow-list")
        role = self._role_before(text, finding.start)
        if role:
            return replace(finding, proposed=False,
                           note=f"public office holder: {role!r} before the name")
        return finding

    def _role_before(self, text: str, start: int) -> str:
        if not self._roles:
            return ""
        window = text[max(0, start - 60) : start]
        window = window[window.rfind("\n") + 1 :].lower()
        if self._role_opening_re is None or self._role_opening_re.search(window) is None:
            return ""  # no role starts in the window, so none ends it
        role = self._role_memo.get(window)
        if role is None:
            if len(self._role_memo) > 50_000:  # bounded: a worker lives for a whole batch
                self._role_memo.clear()
            role = self._role_memo[window] = self._role_ending(window)
        return role

    def _role_ending(self, window: str) -> str:
        """The configured role ending the lowercased ``window`` (bar titles, tussenvoegsels), or ''."""
        words = _ROLE_WORDS.findall(window)[-6:]
        tail = " ".join(w.rstrip(".,:") for w in words)
        # the role must end right before the name, allowing a title or tussenvoegsel in between
        for role in self._roles:
            idx = tail.rfind(role)
            if idx < 0 or (idx > 0 and tail[idx - 1] != " "):
                continue
            rest = tail[idx + len(role) :].split()
            if len(rest) <= 2 and all(w in self.lex.titles or w in self.lex.interfixes for w in rest):
                return role
        return ""

    # -- one person, every mention ---------------------------------------------------------------

    def _seeds(self, pages: Sequence[list[Finding]]) -> list[_Seed]:
        threshold = self.config.threshold
        seeds: dict[str, _Seed] = {}
        for page, found in enumerate(pages, 1):
            for f in found:
                if f.entity != "PERSON" or f.score < threshold or f.text in seeds:
                    continue
                if f.text.islower():
                    continue  # a form's own tussenvoegsel field ("van"): part of a name, never linked on
                if _bare_initials(f.text) and f.explanation.pattern != DECLARED_INITIALS:
                    continue  # "AI kan helpen": initials found by a verb alone are not linked on
                variants = self._variants(f.text)
                seeds[f.text] = _Seed(f.text, page, variants, f.proposed, f.note)
        for name in self.config.always_redact:
            if name not in seeds:
                seeds[name] = _Seed(name, 0, self._variants(name), True, "")
        return list(seeds.values())

    def _variants(self, name: str) -> frozenset[str]:
        """How later mentions of ``name`` are written: "Jan", "De Vries", "J. de Vries", ...

        Memoised per name (bounded): the same names recur on every page of a batch.
        """
        variants = self._variant_memo.get(name)
        if variants is None:
            if len(self._variant_memo) > 50_000:
                self._variant_memo.clear()
            variants = self._variant_memo[name] = self._name_variants(name)
        return variants

    def _name_variants(self, name: str) -> frozenset[str]:
        name = " ".join(name.split())
        parts: list[str] = PART.findall(name)
        out = {name}
        if len(parts) < 2:
            return frozenset(out)
        lower_ifx = self._lower_interfixes
        surname_at = len(parts) - 1
        for i in range(1, len(parts)):
            if parts[i].lower() in lower_ifx:
                surname_at = i
                break
        given = parts[:surname_at]
        surname = parts[surname_at:]
        if not given:
            return frozenset(out)
        sur = " ".join(surname)
        sur_cap = sur[:1].upper() + sur[1:]
        for s in {sur, sur_cap}:
            if len(surname) > 1 or not self.lex.is_word(s):
                out.add(s)
        first = given[0]
        initials = [("." in p and INITIALS.match(p) is not None) for p in given]  # every initial has its dot
        if not initials[0]:
            if len(first) >= 3 and not self.lex.is_word(first):
                out.add(first)
            out.add(f"{first[0]}. {sur}")
            out.add(f"{first} {sur}")
        if len(given) > 1 or initials[0]:
            inits = "".join(
                p if is_initials else p[0] + "." for p, is_initials in zip(given, initials, strict=True)
            )
            out.add(f"{inits} {sur}")
        abbreviation = self._abbreviation(given, surname, initials)
        if abbreviation:
            out.add(abbreviation)
        return frozenset(v for v in out if len(v) >= 2 and not v.islower())  # never "van het"

    def _abbreviation(self, given: list[str], surname: list[str], initials: list[bool]) -> str:
        """How minutes abbreviate a person: "Lot Heijmen" -> "LH", "E. Doğan" -> "ED", "Anna van der
        Sar" -> "AvdS", "J.P. de Vries" -> "JPdV", "Jan-Willem van Baal" -> "JWvB", "Suzanne van den
        Broek-Dekkers" -> "SvdBD"; never a known acronym ("Ilse Cornelis" is not "IC")."""
        letters = "".join(
            "".join(c for c in p if c.isupper()) if is_initials else _first_letters(p)
            for p, is_initials in zip(given, initials, strict=True)
        ) + "".join(_first_letters(p) for p in surname)
        if not 2 <= len(letters) <= 5 or not letters[0].isupper() or not letters[-1].isupper():
            return ""
        return "" if letters in self.lex.acronyms or letters.upper() in self.lex.acronyms else letters

    @staticmethod
    def _mentions(seeds: list[_Seed]) -> dict[str, _Seed] | None:
        """Every way the document's persons are written, and whose it is (once per document)."""
        if not seeds:
            return None
        owner: dict[str, _Seed] = {}
        for seed in seeds:
            for v in seed.variants:
                owner.setdefault(v, seed)
        return owner

    def _propagate(
        self, text: str, found: list[Finding], mentions: dict[str, _Seed] | None
    ) -> list[Finding]:
        if mentions is None or not text.strip():
            return found
        threshold = self.config.threshold
        strong = sorted((f.start, f.end) for f in found if f.score >= threshold)
        starts = [s for s, _ in strong]
        reach = list(accumulate((e for _, e in strong), max))  # the furthest end among the first i+1
        added: list[Finding] = []
        for s, e, mention in _mention_spans(text, mentions):
            before = bisect_left(starts, e)  # the strong findings that start before the mention ends
            if before and reach[before - 1] > s:
                continue  # one of them ends after it starts: they overlap
            seed = mentions[mention]
            if names_an_organisation(text, s, e) or _bare_initials(mention) and (
                text[max(0, s - 2) : s].strip()[-1:].isdigit()
            ):
                continue  # "Bakkerij Van Damme", "Nowak Transport B.V.", the "LH" of "5000 LH Tilburg"
            where = f"page {seed.page}" if seed.page else "the always-redact list"
            explanation = Explanation(
                recognizer="NlPersonRecognizer",
                pattern="same person",
                context=(seed.text,),
                text=f"mention of {seed.text!r} ({where})",
            )
            finding = Finding(
                start=s, end=e, entity="PERSON", text=mention, score=PROPAGATED_SCORE,
                ground=self.config.ground_for("PERSON"), explanation=explanation,
                proposed=seed.proposed, note=seed.note,
            )
            added.append(self._office(text, finding) if seed.proposed else finding)
        if not added:
            return found
        kept = [f for f in found if f.score >= threshold or not any(
            a.start < f.end and f.start < a.end for a in added)]
        return kept + added

    def _variant_map(self, names: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for name in names:
            for v in self._variants(name):
                out.setdefault(_normal(v), name)
        return out


def _first_letters(part: str) -> str:
    """The first letter of each word or hyphenated piece of a name part: "Jan-Willem" -> "JW",
    "van den" -> "vd"."""
    return "".join(piece[:1] for piece in part.replace(" ", "-").split("-") if piece)


def _mention_spans(text: str, mentions: Iterable[str]) -> list[tuple[int, int, str]]:
    r"""Where ``mentions`` occur in ``text`` as whole words, left to right, longest first, not
    overlapping: what one regex of them all (``(?<![\w@.])(?:longest|...|shortest)(?![\w@])``)
    finds, without compiling a new regex for every document (that cost more than the search).
    """
    longest: dict[int, str] = {}  # start -> the longest mention there
    for mention in sorted(mentions, key=len, reverse=True):
        at = text.find(mention)
        while at >= 0:
            end = at + len(mention)
            if at not in longest and (at == 0 or not _word_char(text[at - 1], "@.")) and (
                end == len(text) or not _word_char(text[end], "@")
            ):
                longest[at] = mention
            at = text.find(mention, at + 1)
    spans = []
    reach = 0
    for at in sorted(longest):
        if at >= reach:
            reach = at + len(longest[at])
            spans.append((at, reach, longest[at]))
    return spans


def _word_char(char: str, also: str) -> bool:
    r"""``char`` matches ``[\w{also}]`` (re's ``\w`` on text: alphanumeric or the underscore)."""
    return char.isalnum() or char == "_" or char in also


def _mailbox_name(text: str, finding: Finding) -> bool:
    """"Parkeerbeheer <parkeerbeheer@...>": the display name of a generic mailbox, whose first word
    is its local part; not "Jan Jansen <info@...>", a person writing from one."""
    m = _ADDRESS_AFTER_NAME.match(text, finding.end)
    if m is None:
        return False
    local = m.group(1).lower()
    first = finding.text.split()[0].lower() if finding.text.split() else ""
    return _generic_mailbox(local) and first in (local, _MAILBOX_SEPARATOR.split(local, maxsplit=1)[0])


def _generic_mailbox(local: str) -> bool:
    """info@, secretariaat@, woo-verzoeken@, parkeren@, vergunningen@: an organisation's mailbox
    (a desk, department or project), not a person's."""
    low = local.lower()
    first = _MAILBOX_SEPARATOR.split(low, maxsplit=1)[0]
    return low in GENERIC_MAILBOXES or first in GENERIC_MAILBOXES or _MAILBOX_STEM.search(low) is not None


def _bare_initials(name: str) -> bool:
    """Initials written without dots or a surname ("AK", "WvD"): linked to other mentions only when
    the text declares them a person (an attendance line, "actiehouder: AK", "Jan de Vlieger (JdV)"),
    since the same letters elsewhere are as often an acronym ("AI", "HR")."""
    return len(name) <= 4 and name.isalpha() and name.isupper()  # "TvL", "EvdB" are no acronyms


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _without_contained(findings: Iterable[Finding]) -> list[Finding]:
    """Drop findings lying wholly inside a longer (or equal, higher-scored) one; sort by start."""
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end - f.start), -f.score))
    kept: list[Finding] = []
    reach = -1  # every kept finding starts at or before the current one: compare ends only
    for f in ordered:
        if f.end <= reach:
            continue
        kept.append(f)
        reach = f.end
    return kept
