"""E-mail addresses, matched by our own pattern (Presidio's EmailRecognizer goes to the network)."""

from __future__ import annotations

from functools import lru_cache

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.dutch_pattern import DutchPatternRecognizer
from recognizers.evidence import make_result, score_down
from recognizers.lexicons import Lexicons, lexicons
from recognizers.person_context import dutch_noun
from recognizers.scanning import matches_at

# Local part: atoms of letters, digits, _ % + - joined by single dots (or an apostrophe, d'Hondt).
_LOCAL = r"[\w%+-]+(?:[.'][\w%+-]+)*"
# Domain: labels of letters, digits and inner hyphens, then an alphabetic (or punycode) top level.
# A narrow column may break the line in a domain: after a hyphen or a dot, or after a top level's
# first letter ("gemeente-" + break + "utrecht.nl", "minvws.n" + break + "l"), the next line in lower case.
_BREAK = r"(?:[ \t]*\n[ \t]*(?=[a-z]))"
_LABEL = rf"[^\W_](?:(?:[^\W_]|-{_BREAK}?){{0,61}}[^\W_])?"
_TLD = (  # (OCR reads "nl" as "n1")
    rf"(?:[^\W\d_]{{2,63}}|[a-z]{_BREAK}[a-z]{{1,62}}(?![\w])|xn--(?:[^\W_]|-){{2,59}}|n1(?![\w]))"
)
_EMAIL = (
    r"(?<![\w.%+@-])"  # not the tail of a longer local part ("mailto:", "<" and quotes are fine)
    + _LOCAL
    + "@"
    + r"(?:[ \t]*\n[ \t]*)?"  # a narrow column breaks the line right after the "@"
    + rf"(?:{_LABEL}\.{_BREAK}?)+{_TLD}"
    + r"(?![\w@-])"  # a trailing full stop, comma, ">" or ")" is not part of the address
)

# An address whose provider's domain OCR broke with one blank: "ziggo .nl", "gmai l.com", "hotmail. com".
_BLANK_DOMAIN = regex.compile(
    r"(?<![\w.%+@-])(?P<local>[\w%+-]+(?:\.[\w%+-]+)*)(?P<at>@)(?P<domain>(?P<provider>[a-z0-9]{1,15}"
    r"(?:[ ][a-z0-9]{1,15})?)[ ]?\.[ ]?(?:nl|com|net|pl|de|be|org|eu|uk|fr))(?![\w@-])"
)
# The characters of a local part, read backwards from an "@" (``(?r)``: the regex module's
# reverse matching), with the pattern's flags.
_LOCAL_BACK = regex.compile(r"(?r)[\w%+.'-]*", regex.UNICODE)

_MAX_ADDRESS = 254  # RFC 5321 path limit
# A desk's mailbox ("kwijtschelding@gemeente.example", "Team Ruimte <ruimte@...>") is no person's: its
# local part is made of Dutch words that no name list holds (and short acronyms: "kamerstukken-dgmo"),
# at a domain of an organisation. Not at a mail provider's, where words may name a private person.
_DESK_SCORE = 0.3  # below the threshold: not proposed, still explained
_LOCAL_PARTS = regex.compile(r"[._-]")
_PARTICLES = ("van", "ter", "ten", "den", "der", "de")
_MAIL_PROVIDERS = frozenset(
    "gmail googlemail hotmail outlook live msn yahoo icloud me mac ziggo kpnmail kpnplanet planet xs4all "
    "home hetnet chello zeelandnet telfort tele2 online upcmail caiway solcon quicknet protonmail proton pm "
    "gmx web mail example voorbeeld".split()
)
_MAX_LOCAL = 64


class NlEmailRecognizer(DutchPatternRecognizer):
    """Recognises e-mail addresses: the whole address, local part and domain.

    An e-mail address of a person (and of a civil servant below the rank of public office holder)
    is personal data: Woo article 5.1.2e (respect for private life).

    Format: ``local@domain.tld``. The local part may contain dots, ``+``, ``-``, ``_`` and ``%``;
    the domain may have subdomains and hyphens; case does not matter. Around the address, angle
    brackets (``<jan.devries@minvws.nl>``), ``mailto:`` and trailing punctuation stay outside the
    span. A line break right after the "@" (a narrow column in a PDF) stays inside the span. The
    check in ``validate_result`` enforces the RFC 5321 lengths; a match that passes scores
    1.0. Built on our own pattern because Presidio's EmailRecognizer calls tldextract, which tries to
    download the public suffix list.

    Examples (fictitious): jan.devries@minvws.nl, p.fictief+woo@gemeente-voorbeeld.nl,
    J.TESTPERSOON@MAIL.EXAMPLE.ORG.
    """

    ENTITY = "EMAIL_ADDRESS"

    PATTERNS = [Pattern("E-mail address", _EMAIL, 0.5)]

    CONTEXT = ["e-mail", "email", "mail", "mailadres", "mailto"]

    def match_starts(self, text: str) -> list[int]:
        """Where an address can start: the start of the local part before each "@".

        That is the first of the characters an address's local part is made of, going back from
        the "@", or right after an apostrophe among them (the pattern's lookbehind rejects every
        other position there). A text without an "@" has no address at all.
        """
        starts: list[int] = []
        at = text.find("@")
        while at >= 0:
            first = _LOCAL_BACK.match(text, 0, at).start()  # always matches (``*``)
            if first < at:
                starts.append(first)
                starts.extend(i + 1 for i in range(first, at) if text[i] == "'")
            at = text.find("@", at + 1)
        return starts

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Pattern matches, scored down where the address is a desk's mailbox."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        if "@" in text and (not entities or self.supported_entities[0] in entities):
            results += self._blank_in_domain(text, results)
        for result in results:
            address = text[result.start : result.end]
            if _desk_mailbox(address):
                local = address.partition("@")[0]
                score_down(result, _DESK_SCORE, f"a desk's mailbox: {local!r} is Dutch words, no name, "
                           "at an organisation's domain")
        return results

    def _blank_in_domain(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """An address with one stray blank in a mail provider's domain, as OCR reads a scan
        ("s.hakobyan@ziggo .nl", "piet@gmai l.com"): the provider's name with the blank taken out."""
        out = []
        for m in matches_at(_BLANK_DOMAIN, text, self.match_starts(text)):  # tried at each "@"'s local part
            start = m.start("local")
            if any(r.start <= m.start("at") < r.end for r in found) or m.group().count(" ") != 1:
                continue
            if m.group("provider").replace(" ", "") not in _MAIL_PROVIDERS:
                continue
            why = f"e-mail address with a blank that OCR put in its provider's domain: {m.group('domain')!r}"
            out.append(make_result(self.name, self.id, "EMAIL_ADDRESS", start, m.end(), 0.85,
                                   "e-mail address, blank in the domain", why))
        return out

    def validate_result(self, pattern_text: str) -> bool:
        """True when the address and its local part are within the RFC 5321 lengths."""
        local, _, domain = pattern_text.rpartition("@")
        return 0 < len(local) <= _MAX_LOCAL and len(pattern_text) <= _MAX_ADDRESS and "." in domain


def _desk_mailbox(address: str) -> bool:
    """``address`` is an organisation's desk: Dutch words (and short acronyms) before the "@", no
    given name or surname among them, and a domain that is no mail provider's. Memoised (bounded):
    a batch's pages repeat their addresses."""
    desk = _DESKS.get(address)
    if desk is None:
        if len(_DESKS) > 50_000:
            _DESKS.clear()
        desk = _DESKS[address] = _judge_desk(address)
    return desk


_DESKS: dict[str, bool] = {}


def _word_and_acronym(part: str, lex: Lexicons) -> bool:
    """``part`` is a Dutch word glued to a known acronym, either way round: "toezichtwmo",
    "wmoloket", "jeugdggd"."""
    acronyms = _lower_acronyms()
    for i in range(2, len(part) - 1):
        head, tail = part[:i], part[i:]
        if head in acronyms and len(tail) >= 4 and tail in lex.dictionary or (
            tail in acronyms and len(head) >= 4 and head in lex.dictionary
        ):
            return True
    return False


@lru_cache(maxsize=1)
def _lower_acronyms() -> frozenset[str]:
    """The short acronyms in lower case (built once per process)."""
    return frozenset(a.lower() for a in lexicons().acronyms if 2 <= len(a) <= 5)


def _judge_desk(address: str) -> bool:
    local, _, domain = address.lower().rpartition("@")
    labels = domain.split()[-1].split(".")[:-1] if domain.strip() else []
    if not labels or all(label in _MAIL_PROVIDERS for label in labels):
        return False
    lex = lexicons()
    if len(local) >= 3 and local in _lower_acronyms() and not lex.is_surname(local.capitalize()):
        return True  # "oov@schiedam.nl", "kcc@...": a department's acronym
    words = 0
    for part in (p for p in _LOCAL_PARTS.split(local) if p):
        name = part.capitalize()
        if len(part) == 1 or lex.is_first_name(name) or lex.is_surname(name) or (
            any(c.isdigit() for c in part)
        ):
            return False  # an initial ("r.terhaar"), a name, a number: a person's
        if len(part) >= 7 and part not in lex.dictionary and any(
            lex.is_surname(part[k:].capitalize()) for k in (1, 2)
        ):
            return False  # "averstappen", "jpdekker": initials glued to a surname (a compound's look)
        if part in lex.roles or part.startswith(_PARTICLES):
            return False  # "secretaris@", "voorzitter@": an officer's own; "vanzanten", "terhaar": a surname
        if len(part) >= 4 and (
            part in lex.dictionary or dutch_noun(part, lex.dictionary) and len(part) >= 10
            or _word_and_acronym(part, lex)
        ):
            words += 1  # "kwijtschelding", "omgevingsloket" (a compound: long, or it may be a surname)
        elif len(part) > 5:
            return False  # "windparkhogeveld": a project or a place, not a word
    return words > 0
