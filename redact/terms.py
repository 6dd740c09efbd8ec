"""A request's term list: names, companies and codes the officer wants redacted everywhere.

The list is a JSON file: an array of objects, one per term, each with either ``term`` (plain
text) or ``pattern`` (a regular expression, Python ``regex`` syntax), its ``ground`` (a code of
``redact.grounds``) and, for every ground but 5.1.1e and 5.1.2e, a ``motivation``; ``entity``
(default ``OTHER``) says what kind of data it is::

    [{"term": "Bouwbedrijf Jansen BV", "ground": "5.1.2f",
      "motivation": "Offerteprijzen van een inschrijver."},
     {"pattern": "PRJ-\\d{4}", "ground": "5.1.2d", "motivation": "Codes van een toezicht."}]

JSON rather than CSV: a pattern holds backslashes, commas and quotes that CSV would make the
officer escape, and the configuration is JSON too. A plain term matches case-insensitively, as a
whole word, with any run of white space (a line break in extracted PDF text) between its words; a
pattern matches as written (``(?i)`` makes it case-insensitive), also as a whole word. Patterns
run under a time limit, and one that backtracks badly on a probe text is refused when the list is
loaded.

The terms travel to the scan workers inside the configuration (``with_terms``), so the
configuration hash in the trail covers them; the trail itself names terms by number, never by
their text (a term is often a person's or a company's name).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from redact.config import ENTITIES, Config, config_from_dict, thaw, thaw_object
from redact.errors import UsageError
from redact.grounds import GROUND_CODES, needs_motivation
from redact.models import Explanation, Finding

log = logging.getLogger(__name__)

RECOGNIZER = "term list"
CONFIG_KEY = "terms"  # where the list rides in the configuration sent to the workers
KEYS = frozenset({"term", "pattern", "ground", "motivation", "entity"})
MATCH_SECONDS = 2.0  # per term and page
PROBE_SECONDS = 0.25
# Texts on which a pattern prone to catastrophic backtracking runs away: long runs of one kind
# of character that end in one that breaks the match.
_PROBES = tuple(run * 40 + "!" for run in ("a", "1", " ", "a1", "a ", "-", ".", "aA"))


@dataclass(frozen=True)
class Term:
    """One entry of the list, compiled."""

    number: int  # 1-based position in the file: how the trail names it
    text: str  # the term or the pattern as written
    is_pattern: bool
    ground: str
    motivation: str
    entity: str
    compiled: regex.Pattern[str]

    @property
    def label(self) -> str:
        return f'{"pattern" if self.is_pattern else "term"} "{self.text}"'

    def as_json(self) -> dict[str, str]:
        out = {"pattern" if self.is_pattern else "term": self.text, "ground": self.ground}
        if self.motivation:
            out["motivation"] = self.motivation
        if self.entity != "OTHER":
            out["entity"] = self.entity
        return out


@dataclass(frozen=True)
class TermList:
    terms: tuple[Term, ...]

    @property
    def sha256(self) -> str:
        blob = json.dumps(self.as_json(), sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    def as_json(self) -> list[dict[str, str]]:
        return [t.as_json() for t in self.terms]

    def find(self, text: str) -> list[Finding]:
        """Every occurrence of every term in one page's text, as findings that explain
        themselves. A term that runs past its time limit on this text is left out and logged."""
        found: list[Finding] = []
        for term in self.terms:
            try:
                matches = [(m.start(), m.end()) for m in
                           term.compiled.finditer(text, timeout=MATCH_SECONDS)]
            except TimeoutError:
                log.warning("term %d (%s) ran past %.0f s on a page and was skipped there",
                            term.number, "pattern" if term.is_pattern else "term", MATCH_SECONDS)
                continue
            for start, end in matches:
                if end > start:
                    found.append(_finding(term, text, start, end))
        return found


def _finding(term: Term, text: str, start: int, end: int) -> Finding:
    explanation = Explanation(
        recognizer=RECOGNIZER, pattern=f"term {term.number}",
        text=f"On the term list: {term.label}, ground {term.ground}"
             + (f" ({term.motivation})" if term.motivation else ""))
    return Finding(start=start, end=end, entity=term.entity, text=text[start:end], score=1.0,
                   ground=term.ground, explanation=explanation, motivation=term.motivation)


def load_terms(path: Path) -> TermList:
    """The term list in the JSON file at ``path``, validated; a bad one is a UsageError."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"term list {path}: {exc}") from exc
    return terms_from_json(data, str(path))


def terms_from_json(data: Any, source: str = "term list") -> TermList:
    """A term list from its JSON data (the file's, or the configuration's copy)."""
    if not isinstance(data, list) or not data:
        raise UsageError(f"{source}: expected a non-empty JSON array of terms")
    return TermList(tuple(_term(n, entry, source) for n, entry in enumerate(data, start=1)))


def _term(number: int, entry: Any, source: str) -> Term:
    where = f"{source}: term {number}"
    if not isinstance(entry, Mapping):
        raise UsageError(f"{where}: expected an object")
    unknown = sorted(set(entry) - KEYS)
    if unknown:
        raise UsageError(f"{where}: unknown key {unknown[0]!r}")
    if ("term" in entry) == ("pattern" in entry):
        raise UsageError(f"{where}: give either 'term' or 'pattern'")
    is_pattern = "pattern" in entry
    text = entry["pattern" if is_pattern else "term"]
    if not isinstance(text, str) or len(text.strip()) < 2:
        raise UsageError(f"{where}: the term must be text of at least two characters")
    ground = entry.get("ground")
    if ground not in GROUND_CODES:
        raise UsageError(f"{where}: unknown legal ground {ground!r}")
    motivation = entry.get("motivation", "")
    if not isinstance(motivation, str):
        raise UsageError(f"{where}: the motivation must be text")
    motivation = " ".join(motivation.split())
    if needs_motivation(ground) and not motivation:
        raise UsageError(f"{where}: ground {ground} needs a motivation")
    entity = entry.get("entity", "OTHER")
    if entity not in ENTITIES + ("OTHER",):
        raise UsageError(f"{where}: unknown entity {entity!r}")
    compiled = _compile(text, is_pattern, where)
    return Term(number, text, is_pattern, str(ground), motivation, str(entity), compiled)


def _compile(text: str, is_pattern: bool, where: str) -> regex.Pattern[str]:
    if not is_pattern:
        words = text.split()
        return regex.compile(r"(?<!\w)" + r"\s+".join(regex.escape(w) for w in words) + r"(?!\w)",
                             regex.IGNORECASE)
    try:
        compiled = regex.compile(r"(?<!\w)(?:" + text + r")(?!\w)")
    except (regex.error, TypeError, ValueError) as exc:
        raise UsageError(f"{where}: bad pattern {text!r}: {exc}") from exc
    try:
        if compiled.search("", timeout=PROBE_SECONDS) is not None or regex.fullmatch(
                text, "", timeout=PROBE_SECONDS) is not None:
            raise UsageError(f"{where}: pattern {text!r} matches empty text")
        for probe in _PROBES:
            compiled.search(probe, timeout=PROBE_SECONDS)
    except TimeoutError as exc:
        raise UsageError(f"{where}: pattern {text!r} backtracks too much (it runs away on a "
                         "repeated character); simplify its nested repeats") from exc
    return compiled


def with_terms(config: Config, terms: TermList | None) -> Config:
    """The configuration with the term list inside, as the workers get it (and the trail's
    configuration hash covers it)."""
    if terms is None:
        return config
    return config_from_dict({**thaw_object(config.raw), CONFIG_KEY: terms.as_json()})


_CACHE: dict[str, TermList] = {}


def config_terms(config: Config) -> TermList | None:
    """The term list a configuration carries (``with_terms``), compiled once per process."""
    data = config.raw.get(CONFIG_KEY)
    if data is None:
        return None
    plain = thaw(data)
    key = json.dumps(plain, sort_keys=True)
    if key not in _CACHE:
        _CACHE[key] = terms_from_json(plain, "configuration terms")
    return _CACHE[key]


def merge_findings(found: Sequence[Finding], terms: Sequence[Finding]) -> list[Finding]:
    """A page's findings with the term list's: a term finding takes the place of a detector
    finding of exactly the same span (the officer named its ground), and comes once."""
    spans = {(f.start, f.end) for f in terms}
    kept = [f for f in found if (f.start, f.end) not in spans]
    seen: set[tuple[int, int]] = set()
    for f in terms:
        if (f.start, f.end) not in seen:
            seen.add((f.start, f.end))
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))
