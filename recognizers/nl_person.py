"""Names of people in Dutch (Woo) documents, from lexicons, structure and context.

Legal basis: names are personal data (AVG art. 4(1)); in Woo decisions they are withheld under
art. 5.1.2e Woo (respect for personal privacy) unless the person acts as a public office holder.

How a name is found, without a statistical model:

* one regex finds *chains* of capitalised words and initials joined by spaces and lowercase
  tussenvoegsels ("J.P. de Vries", "Jan van Dijk", "Mevrouw Van Dijk", "Jansen-de Vries");
* every part of a chain is looked up in sets (deduce's first names, surnames and tussenvoegsels;
  Dutch vocabulary; our titles, salutations, role words and never-a-name words);
* a chain is cut at ordinary words and scored by its evidence: initials or a known first name
  before a surname, a capitalised tussenvoegsel mid-sentence, a title or salutation ("dhr.",
  "mevrouw", "Beste"), a role word ("wethouder", "behandelaar"), an e-mail header line (Van:,
  Aan:, CC:), a sign-off ("Met vriendelijke groet," then a name) or a label ("Naam:");
* surnames that are also words (Bos, de Wit, Koning, Groen) and names not in any lexicon (many
  Turkish, Moroccan and other names) need such structure or context;
* on scanned pages, a name right after "dhr.", "mw.", "mevrouw" or "de heer" is found also
  where OCR damaged it: initials read as "Fl." or "LE." (F.I., L.E.) or without dots, a stray
  dash or blank lines after the title, "ElKhatib" for "El Khatib".

Fictitious examples: "dhr. J.P.M. van der Berg", "Beste Fatma,", "Met vriendelijke groet,\\nEmre
Yilmaz", "Van: Bos, Anna <a.bos@example.nl>", "wethouder De Wit".
"""

from __future__ import annotations

from typing import NamedTuple

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import line_before, lower_text, make_result
from recognizers.lexicons import Lexicons, lexicons
from recognizers.scanning import matches_at, starts_of_lines_holding, starts_of_openings

_UP = r"\p{Lu}"
_LOW = r"\p{Ll}"
_INTERFIXES = (
    "van der|van den|van de|van het|van 't|in 't|in het|in den|op de|op den|op het|op 't|uit de|"
    "uit den|aan de|aan den|bij de|de la|de los|van|von|vom|de|den|der|ter|ten|te|het|'t|la|le|"
    "du|da|dos|del|della|di|el|al|bin|ben|zu|zur"
)
_NAME_WORD = rf"(?:[{_UP}]['’])?[{_UP}][{_LOW}]+(?:['’][{_LOW}]+)?(?:-[{_UP}{_LOW}][{_LOW}]*)*"
_INITIAL = rf"(?:Th|Ch|Chr|Ph|Joh|Jac|Wm|[{_UP}])\."
_INITIALS = rf"{_INITIAL}(?:[ ]?-?{_INITIAL})*"
_PIECE = rf"(?:{_INITIALS}|{_NAME_WORD})"
CHAIN = re.compile(
    rf"(?<![\w@./\\-]){_PIECE}(?:[ ]+(?:(?:{_INTERFIXES})[ ]+)*{_PIECE})*(?![\w@])"
)
PART = re.compile(rf"{_INITIALS}|{_NAME_WORD}|(?:{_INTERFIXES})(?=[ ])")
INITIALS = re.compile(rf"{_INITIALS}$")
TRAILING_INTERFIX = re.compile(rf"(?:^|[ \t])((?:{_INTERFIXES}))[ \t]+$")
# The words a tussenvoegsel can end with: TRAILING_INTERFIX is tried only after one of them.
_INTERFIX_LAST_WORDS = frozenset(i.rsplit(" ", 1)[-1] for i in _INTERFIXES.split("|"))

# E-mail header lines (the value is a person unless it is an organisation or an address).
HEADER = re.compile(
    r"(?im)^[ \t]*(?:van|aan|cc|bcc|kopie(?: aan)?|from|to|afzender|geadresseerde|verzonden door)"
    r"[ \t]*:[ \t]*(?P<value>[^\n]*)"
)
# A sign-off, then the name on the same line ("Groet, RF") or the next non-empty line.
SIGN_OFF = re.compile(
    r"(?im)(?:groet(?:en|jes)?|regards|groeten|dank(?:je| je| u)?(?: wel)?|bedankt|mvg|mvgr|gr|grt|"
    r"hoogachtend)[ \t]*[,!.]?[ \t]*(?:\n[ \t]*)+(?P<value>[^\n]{1,60})"
    r"|\b(?:groet(?:en|jes)?|regards|gr|grt|mvg)[ \t]*,[ \t]*(?P<inline>[^\n,]{1,40})$"
)
# What a SIGN_OFF match starts with, lowercase ("gr" also opens groet, groeten, groetjes, grt).
_SIGN_OFF_OPENINGS = ("gr", "regards", "dank", "bedankt", "mvg", "hoogachtend")
SIGN_OFF_INITIALS = re.compile(r"[A-Z](?:[a-z]{1,3})?[A-Z]{1,2}|[A-Z]{2,4}")
# Initials used as a name in minutes: "AN geeft aan", "actiehouder: EK", "KvL".
NAME_INITIALS = re.compile(r"(?<![\w@./-])(?:\p{Lu}[a-z]{1,3}\p{Lu}{1,2}|\p{Lu}{2,3})(?![\w@-])")
INITIALS_LABELS = ("actiehouder", "actie", "initialen", "eigenaar", "trekker", "behandelaar",
                   "contactpersoon", "paraaf", "behandeld door", "afgesproken wordt dat")
ACTION_VERBS = frozenset(
    "is was wil wilde geeft gaf meldt meldde stelt stelde vraagt vroeg licht lichtte zegt zei merkt "
    "benadrukt deelt heeft had neemt nam zal zorgt pakt stemt stuurt belt mailt werkt gaat komt kan "
    "bevestigt antwoordt reageert onderzoekt bespreekt informeert doet schrijft leest legt vindt "
    "denkt ziet verwacht adviseert concludeert wordt krijgt maakt houdt volgt brengt zoekt levert "
    "past coördineert regelt verzorgt organiseert plant rapporteert agendeert verstuurt koppelt "
    "checkt neemt informeerde bracht sprak spreekt belde antwoordde schreef stuurde".split()
)
_STREET = re.compile(
    r"\B(?:straat|laan|weg|plein|gracht|kade|singel|steeg|plantsoen|boulevard|dreef)$", re.IGNORECASE
)
# Endings of Dutch nouns that are never surnames (checked only for words in no name list).
NOUN_ENDINGS = (
    "heid", "ing", "tie", "schap", "zaken", "isme", "iteit", "ment", "beleid", "raad", "dienst",
    "instituut", "centrum", "regio", "relaties", "zorg", "ziekenhuis", "landen", "iën", "wet",
    "ijk", "sector", "kamer", "bureau", "fonds", "school", "college", "overleg", "plan", "onderwijs",
)
# Endings of surnames from other languages: Polish, Turkish, Slavic, Greek, Romanian.
FOREIGN_SURNAME_ENDINGS = (
    "ski", "ska", "cki", "cka", "wicz", "czyk", "czak", "owski", "ewski", "oğlu", "oglu", "ović",
    "ovic", "evič", "escu", "opoulos", "idis", "enko", "shvili", "yan", "ian", "ová", "ov", "ova",
)
_WORDS = re.compile(r"[\w.'’-]+")
_LAST_WORD = re.compile(r"(?r)[\w.'’-]+")  # the last of the _WORDS (the regex module reads backwards)
_HOUSE_NUMBER = re.compile(r"[ \t]+\d{1,5}\b")
# A name right after a form of address (and any academic titles) that OCR damaged on a scanned
# page: initials read as "Fl." (F.I.) or "LE." (L.E.) or without their dots, a stray dash or blank
# lines after the title, a name run together ("ElKhatib" for El Khatib). The chains miss these;
# this pattern is tried only where a form of address opens (_OCR_TITLE_OPENINGS: four scans of the
# page, about 1% of the detection time) and reports a name only when it shows such damage.
_OCR_WORD = rf"[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]{{2,}})?"  # "Mulder", "ElKhatib"
OCR_TITLED = re.compile(
    r"(?<![\w.])(?i:dhr|mw|mevr|mevrouw|heer)\.?(?:[ \t]+(?i:dr|drs|ir|ing|mr|prof)\.)*"
    # damage or give up early: a dash or a blank line, initials that are not capitals with dots
    # each ("LE.", "Fl.", "JP", "F"), or a capital inside a word ("ElKhatib"); _ocr_titled checks it
    rf"(?=[ \t\n]*[-–]|[ \t]*\n[ \t]*\n|[ \t]+[{_UP}](?:\.?[{_UP}li]|[ \t])"
    rf"|[ \t][^\n]{{0,12}}[{_LOW}][{_UP}])"
    r"(?P<gap>[ \t\n–-]{1,12})"
    rf"(?P<name>(?:(?P<initials>[{_UP}](?:\.?[{_UP}li]){{0,2}}\.?)[ \t]{{1,3}})?"
    rf"(?:(?i:{_INTERFIXES})[ ]+)?"
    rf"(?P<surname>{_OCR_WORD}(?:-{_OCR_WORD})*))"
    r"(?![\w@-])"
)
_OCR_TITLE_OPENINGS = ("dhr", "mw", "mevr", "heer")
_CLEAN_INITIALS = re.compile(rf"(?:[{_UP}]\.)+")
_MERGED = re.compile(rf"[{_LOW}][{_UP}]")  # "ElKhatib": a capital right after a lowercase letter
_LOWERCASE_GOES_ON = re.compile(r"[ ,]+\p{Ll}")  # "wethouder Groen, die ...": a role word, then a clause
_LOWERCASE_NEXT = re.compile(r" \p{Ll}")
# Words after which a first name ending a sentence is a person: "de opmerkingen van Fiene."
_BEFORE_A_PERSON = frozenset({"van", "met", "aan", "door", "bij", "voor", "en", "namens"})

# Part kinds.
TITLE, INIT, IFX, CIFX, FIRST, SUR, AMBIG, CAP, WORD = (
    "title", "initials", "interfix", "Interfix", "first", "surname", "ambiguous", "capitalised",
    "word",
)
_NAMEY = {INIT, CIFX, FIRST, SUR, AMBIG, CAP, IFX}
_NEVER_ALONE = frozenset({IFX, INIT, CIFX})  # a run of these only is no name
_GIVEN = frozenset({INIT, FIRST})
_LEXICON = frozenset({INIT, FIRST, SUR, CIFX})


class _Part(NamedTuple):
    start: int
    end: int
    text: str
    kind: str


class _Shape(NamedTuple):
    """A chain's parts (offsets relative to the chain) and what they allow, memoised per chain."""

    parts: tuple[_Part, ...]
    has_name_part: bool  # a part of a kind in _NAMEY
    title_may_name_first: bool  # the first part is a word that a title before it makes a name


class NlPersonRecognizer(EntityRecognizer):
    """PERSON from lexicons, name structure and context; see the module docstring."""

    ENTITIES = ["PERSON"]
    name: str  # set by EntityRecognizer

    def __init__(self, supported_language: str = "nl") -> None:
        self.lex: Lexicons = lexicons()
        self._interfix_words = frozenset(w for i in self.lex.interfixes for w in i.split())
        never = self.lex.stop_words | self.lex.non_names
        self._kinds: dict[str, str] = {}
        # Memos (bounded): a chain's parts by its text, the title before a line fragment.
        self._chains: dict[str, _Shape] = {}
        self._titles: dict[str, str] = {}
        self._skip = frozenset(w[:1].upper() + w[1:] for w in never) - self.lex.first_names
        # The words a title, opener, role or salutation ends with: no other word ends one.
        self._title_ends = frozenset(
            phrase.rsplit(" ", 1)[-1]
            for phrase in self.lex.titles | self.lex.name_openers | self.lex.roles | self.lex.salutations
        )
        super().__init__(
            supported_entities=self.ENTITIES,
            supported_language=supported_language,
            name="NlPersonRecognizer",
        )

    def load(self) -> None:
        """Lexicons are loaded once per process by :func:`lexicons`."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        lowered = lower_text(text)
        sign_offs = _sign_offs(text, lowered) if (
            "groet" in lowered or "regards" in lowered or "dank" in lowered or "hoogachtend" in lowered
        ) else []
        strong = self._strong_regions(text, sign_offs)
        results: list[RecognizerResult] = []
        skip = self._skip
        for match in CHAIN.finditer(text):
            word = match.group()
            if word in skip:  # "De", "Het", "Wij", "Datum": one ordinary word, never a name
                continue
            results.extend(self._analyze_chain(text, match.start(), match.end(), strong))
        if "groet" in lowered or "regards" in lowered:
            results.extend(self._sign_off_initials(sign_offs))
        results.extend(self._name_initials(text))
        damaged = self._ocr_titled(text, lowered)
        if damaged:  # "mw. Fl. Mulder": the chains found "Fl" alone
            results = [r for r in results if not any(
                d.start <= r.start and r.end <= d.end for d in damaged)] + damaged
        return results

    def _ocr_titled(self, text: str, lowered: str) -> list[RecognizerResult]:
        """Names after a title that OCR damaged: "mw. Fl. Mulder-Hendriks", "mevrouw - Muider"."""
        starts = starts_of_openings(text, lowered, _OCR_TITLE_OPENINGS)
        if starts is not None and not starts:
            return []
        lex = self.lex
        out = []
        for m in OCR_TITLED.finditer(text) if starts is None else matches_at(OCR_TITLED, text, starts):
            initials, surname, gap = m.group("initials"), m.group("surname"), m.group("gap")
            dashes, lines = gap.count("-") + gap.count("–"), gap.count("\n")
            if dashes > 1 or lines > 3 or not gap.strip("–-"):
                continue  # "dhr.-Jansen", "heer --": no gap of spaces and lines with one stray dash
            damage = []
            if initials is not None and not _CLEAN_INITIALS.fullmatch(initials):
                letters = initials.replace(".", "")
                if letters.lower() in lex.titles or letters in lex.acronyms or (
                    letters == initials and len(letters) > 2
                ):
                    continue  # "dhr. Ir. Jansen" (a second title), "dhr. ABC Consultancy"
                damage.append(f"initials {initials!r}")
            if dashes:
                damage.append("a stray dash after the title")
            elif lines > 1:
                damage.append("blank lines after the title")
            if _MERGED.search(surname):
                damage.append(f"merged name {surname!r}")
            if not damage or self._word_kind(surname) == WORD or (
                surname.lower() in lex.places and not lex.is_surname(surname)
            ):
                continue  # undamaged (the chain rules score it), or an ordinary word or a place
            title = m.group()[: m.start("name") - m.start()].rstrip(" \t\n-–.")
            rule = "title + OCR-damaged name"
            why = f"{rule}: {m.group('name')!r} after {title!r} ({', '.join(damage)})"
            out.append(self._result(m.start("name"), m.end("name"), 0.85, rule, why))
        return out

    def _name_initials(self, text: str) -> list[RecognizerResult]:
        """Initials standing for a person in minutes: after "actiehouder:" or before a verb."""
        out = []
        for m in NAME_INITIALS.finditer(text):
            token = m.group()
            if token in self.lex.acronyms:
                continue
            before = line_before(text, m.start(), 40).lower().rstrip(" \t:")
            label = next((w for w in INITIALS_LABELS if before.endswith(w)), "")
            after = text[m.end() : m.end() + 20].split()
            verb = after[0].lower().strip(",.") if after else ""
            prev = before.split()[-1] if before.split() else ""
            if label:
                score, why = 0.8, f"initials after {label!r}"
            elif verb in ACTION_VERBS and token not in self.lex.acronyms and len(set(token)) > 1 and (
                len(token) == 2 or not token.isupper()
            ) and (
                token.lower() not in self.lex.non_names
            ) and prev not in ("het", "de", "een", "the", "van", "bij", "naar"):
                score, why = 0.6, f"initials before the verb {verb!r}"
            else:
                continue
            out.append(self._result(m.start(), m.end(), score, "initials as a name", why))
        return out

    # -- structure ---------------------------------------------------------------------------

    def _strong_regions(self, text: str, sign_offs: list[re.Match[str]]) -> list[tuple[int, int, str]]:
        """Spans whose names need no lexicon: header values, the line after a sign-off.

        ``sign_offs``: the SIGN_OFF matches, found once per text (empty when the text has none
        of its words).
        """
        regions: list[tuple[int, int, str]] = []
        if ":" in text:
            for m in matches_at(HEADER, text, starts_of_lines_holding(text, ":")):
                at = m.start("value")
                for segment in m.group("value").split(";"):  # "Bos, Anna <a@b.nl>; Kok, O. (Olivier)"
                    start, end = at, at + len(segment.split("<", 1)[0].split("[", 1)[0])
                    at += len(segment) + 1
                    first = segment.split(maxsplit=1)[0] if segment.strip() else ""
                    if not first or first.lower() in self.lex.non_names or first in self.lex.acronyms:
                        continue  # "Aan: Ministerie van ...", "Van: GGD Zeeland": an organisation
                    regions.append((start, end, "e-mail header"))
        for m in sign_offs:
            group = "value" if m.group("value") is not None else "inline"
            regions.append((m.start(group), m.end(group), "sign-off"))
        return regions

    def _sign_off_initials(self, sign_offs: list[re.Match[str]]) -> list[RecognizerResult]:
        """'Groet, RF' or a sign-off followed by initials only: the initials are a person."""
        out: list[RecognizerResult] = []
        for m in sign_offs:
            group = "value" if m.group("value") is not None else "inline"
            value = m.group(group).strip()
            if SIGN_OFF_INITIALS.fullmatch(value) and len(set(value.upper())) > 1 and len(value) <= 4 and (
                not (value.isupper() and len(value) == 4)
            ):
                start = m.start(group) + m.group(group).index(value)
                out.append(self._result(start, start + len(value), 0.7, "sign-off initials",
                                        "initials after a sign-off"))
        return out

    def _shape(self, chain: str) -> _Shape:
        """The chain's parts with their kinds; memoised by the chain's text (offsets relative)."""
        shape = self._chains.get(chain)
        if shape is None:
            if len(self._chains) > 100_000:  # bounded: a worker lives for a whole batch
                self._chains.clear()
            parts = tuple(self._classify_chain(chain))
            first = parts[0] if parts else None
            shape = self._chains[chain] = _Shape(
                parts,
                any(p.kind in _NAMEY for p in parts),
                first is not None and (first.kind == WORD or first.kind == TITLE and (
                    first.text.lower().rstrip(".") not in self.lex.titles
                )),
            )
        return shape

    def _classify_chain(self, chain: str) -> list[_Part]:
        lex = self.lex
        parts: list[_Part] = []
        for m in PART.finditer(chain):
            word = m.group()
            low = word.lower().replace("’", "'")
            bare = low.rstrip(".")
            if word[0].islower():
                kind = IFX
            elif bare in lex.titles or bare in lex.salutations or bare in lex.roles or (
                bare in lex.name_openers
            ):
                kind = TITLE
            elif INITIALS.match(word):
                kind = INIT
            elif low in self._interfix_words:
                kind = CIFX
            else:
                kind = self._word_kind(word)
            if kind == WORD and parts and parts[-1].kind == TITLE and (
                parts[-1].text.lower().rstrip(".") in lex.titles
            ):
                kind = AMBIG  # "Geachte heer Arts", "Mevrouw Koning": a title makes it a name
            parts.append(_Part(m.start(), m.end(), word, kind))
        return parts

    def _word_kind(self, word: str) -> str:
        """What a capitalised word is (first name, surname, ordinary word, ...), memoised."""
        kind = self._kinds.get(word)
        if kind is None:
            if len(self._kinds) > 200_000:  # bounded: a worker lives for a whole batch
                self._kinds.clear()
            kind = self._kinds[word] = self._classify_word(word)
        return kind

    def _classify_word(self, word: str) -> str:
        lex = self.lex
        pieces = word.split("-")
        if len(pieces) > 1:  # Jansen-de Vries, Smit-Bakker, Jan-Willem
            kinds = {self._word_kind(p[:1].upper() + p[1:]) for p in pieces if p}
            if kinds & {SUR, FIRST}:
                return SUR if SUR in kinds else FIRST
            return CAP if kinds <= {CAP, CIFX, AMBIG, FIRST, SUR} else WORD
        is_word = lex.is_word(word)
        if word in lex.first_names and word not in lex.ambiguous_first_names and not is_word and (
            word.lower() not in lex.places
        ):
            return FIRST
        if lex.is_surname(word) or word in lex.first_names:
            return AMBIG if is_word or word.lower() in lex.places else SUR
        low = word.lower()
        if is_word or low.endswith(NOUN_ENDINGS):
            return WORD
        if low in lex.places:
            return AMBIG  # "Van Doorn", "D. Lutterveld": places are surnames too
        if low.endswith(FOREIGN_SURNAME_ENDINGS) and len(low) > 5:
            return SUR
        return CAP

    # -- scoring -----------------------------------------------------------------------------

    def _analyze_chain(
        self, text: str, start: int, end: int, strong: list[tuple[int, int, str]]
    ) -> list[RecognizerResult]:
        shape = self._shape(text[start:end])
        titled = shape.title_may_name_first and (
            self._title_before(line_before(text, start)).lower() in self.lex.titles
        )
        if not shape.has_name_part and not titled:
            return []  # ordinary words and titles only: no run of name parts to score
        parts = [_Part(start + s, start + e, word, kind) for s, e, word, kind in shape.parts]
        if titled:
            parts[0] = _Part(parts[0].start, parts[0].end, parts[0].text, AMBIG)  # "heer Arts"
        region = next((why for s, e, why in strong if s <= start and end <= e), "")
        out = []
        run: list[_Part] = []
        title: _Part | None = None
        has_word = any(p.kind == WORD for p in parts)
        for part in [*parts, None]:
            if part is not None and part.kind in _NAMEY:
                run.append(part)
                continue
            if run:
                followed_by_word = part is not None and part.kind == WORD
                phrase = has_word and (followed_by_word or title is None)
                result = self._score_run(text, run, title, region, start, phrase)
                if result is not None:
                    out.append(result)
                run = []
            title = part if part is not None and part.kind == TITLE else None
        return out

    def _score_run(
        self,
        text: str,
        run: list[_Part],
        title: _Part | None,
        region: str,
        chain_start: int,
        phrase: bool,
    ) -> RecognizerResult | None:
        """Score one run of name-like parts; ``phrase``: it stands inside a title-case phrase."""
        while run and run[-1].kind == IFX:
            run = run[:-1]
        kinds = [p.kind for p in run]
        if not run or _NEVER_ALONE.issuperset(kinds):
            return None
        start, end = run[0].start, run[-1].end
        name = text[start:end]
        low = name.lower()
        if low in self.lex.places or len(run) == 1 and _STREET.search(name):
            return None
        if _HOUSE_NUMBER.match(text, end) and self.lex.is_street(run[-1].text):
            return None  # "Jan van Galenstraat 12", "Markt 3": an address, not a person
        before = line_before(text, start)
        if not before.strip() and start > 0:  # "t.n.v.\nA.J. Vos": look at the line before
            before = line_before(text, text.rfind("\n", 0, start))
        # A lowercase tussenvoegsel before a titled surname: "mevrouw van Dijk".
        if run[0].start == chain_start:
            m = _trailing_interfix(before)
            if m and self._title_before(before[: m.start(1)]).lower() in self.lex.titles:
                start -= len(before) - m.start(1)
                before = before[: m.start(1)]
                name = text[start:end]
        context = self._context(before, title, run, chain_start)
        if phrase:
            region = ""
            if context and _GIVEN.isdisjoint(kinds):
                context = ""  # "Directeur Publieke Gezondheid", "Team Vergunningen"
        score, rule = self._evidence(kinds, context, region, run, text, chain_start)
        if score < 0.25:
            return None
        why = f"{rule}: {name!r}"
        if context:
            why += f" after {context!r}"
        elif region:
            why += f" in {region}"
        return self._result(start, end, score, rule, why)

    def _title_before(self, before: str) -> str:
        """The title, role or opener phrase ending ``before`` (as written), or ''; memoised."""
        title = self._titles.get(before)
        if title is None:
            if len(self._titles) > 100_000:
                self._titles.clear()
            title = self._titles[before] = self._find_title(before)
        return title

    def _find_title(self, before: str) -> str:
        before = before.replace("’", "'")
        last = _LAST_WORD.search(before)
        if last is None or last.group().lower().rstrip(".:") not in self._title_ends:
            return ""  # the phrase below would end with this word
        words = _WORDS.findall(before)[-4:]
        if words and words[-1].isupper() and len(words[-1].rstrip(".")) > 1:
            return ""  # "(DS)", "MA": abbreviations, not titles
        lows = [w.lower() for w in words]
        for n in (4, 3, 2, 1):
            if len(words) < n:
                continue
            phrase = " ".join(lows[-n:]).rstrip(".:")
            if phrase in self.lex.titles or phrase in self.lex.name_openers or n == 1 and (
                phrase in self.lex.roles or phrase in self.lex.salutations
            ):
                return " ".join(words[-n:]).rstrip(".:")
        return ""

    def _context(self, before: str, title: _Part | None, run: list[_Part], chain_start: int) -> str:
        if title is not None:
            return title.text
        if run[0].start == chain_start:
            return self._title_before(before)
        return ""

    def _evidence(
        self,
        kinds: list[str],
        context: str,
        region: str,
        run: list[_Part],
        text: str,
        chain_start: int,
    ) -> tuple[float, str]:
        lex = self.lex
        n = len(kinds)
        has_lexicon = not _LEXICON.isdisjoint(kinds)
        caps = [k for k in kinds if k not in (IFX, INIT)]
        ctx = context.lower().rstrip(".")
        if ctx:
            if ctx in lex.salutations:
                after = text[run[-1].end : run[-1].end + 2]
                at_line_start = not line_before(text, chain_start).strip()
                if at_line_start and (after[:1] in (",", "!", "\n", "") or after.strip() == ""):
                    return 0.85, "salutation"
                return (0.5, "salutation") if has_lexicon else (0.0, "")
            if ctx in lex.roles and ctx not in lex.titles:
                if kinds[0] == IFX:
                    return 0.0, ""  # "Minister van Volksgezondheid"
                if has_lexicon:
                    return 0.85, "role word"
                continues = _LOWERCASE_GOES_ON.match(text[run[-1].end : run[-1].end + 4])
                if n == 1 and kinds[0] in (CAP, AMBIG) and (context[:1].islower() or continues):
                    return 0.8, "role word"
                return 0.3, "role word"
            return 0.85, "title" if ctx in lex.titles else "context phrase"
        if region:
            if all(k in (CAP, AMBIG) for k in kinds) and n > 4:
                return 0.3, region
            return 0.8, region
        sentence_start = _at_sentence_start(text, run[0].start)
        if INIT in kinds and kinds[-1] not in (INIT, IFX):
            first_init = kinds.index(INIT)
            if first_init == 0 or kinds[0] in (FIRST, CAP, SUR):
                return 0.85, "initials + surname"
        if kinds[0] == FIRST and n > 1:
            last = kinds[-1]
            if IFX in kinds or CIFX in kinds or last in (SUR, FIRST):
                return 0.85, "first name + surname"
            if last == AMBIG:
                return 0.75, "first name + surname"
            return 0.7, "first name + capitalised word"
        if kinds[0] == AMBIG and n > 1 and run[0].text in lex.first_names:
            if kinds[-1] in (SUR, CAP) or IFX in kinds:
                return 0.75, "first name + surname"
        if kinds[0] == CIFX and n > 1 and not sentence_start and run[0].start == chain_start:
            if kinds[-1] in (SUR, AMBIG) or run[-1].text in lex.interfix_surnames:
                return 0.6, "tussenvoegsel + surname"
            return 0.45, "tussenvoegsel + capitalised word"
        if kinds[0] in (CAP, SUR, AMBIG) and IFX in kinds and (
            kinds[-1] in (SUR, CAP) or run[-1].text in lex.interfix_surnames
        ):
            if kinds[-1] == SUR or run[-1].text in lex.interfix_surnames:
                return 0.6, "name + tussenvoegsel + surname"
            return 0.45, "name + tussenvoegsel + capitalised word"
        if n == 2 and kinds[0] in (CAP, FIRST) and kinds[1] == SUR and not sentence_start:
            return 0.45, "capitalised word + surname"
        if n == 1 and kinds[0] == FIRST:
            following = text[run[0].end : run[0].end + 20].split()
            verb = following[0].lower().strip(",.") if following else ""
            if verb in ACTION_VERBS:
                return 0.6, "first name before a verb"
            nxt = text[run[0].end : run[0].end + 2]
            if not sentence_start and (nxt[:1] in ",?!)" or _LOWERCASE_NEXT.match(nxt) or (
                nxt[:1] == "." and _word_before(text, run[0].start) in _BEFORE_A_PERSON
            )):
                return 0.45, "first name in a sentence"  # "... de opmerkingen van Fiene."
            return 0.3, "first name"
        if len(caps) == 1 and kinds[-1] == SUR:
            return 0.25, "surname"
        return 0.0, ""

    def _result(self, start: int, end: int, score: float, rule: str, why: str) -> RecognizerResult:
        return make_result(self.name, self.id, "PERSON", start, end, score, rule, why)


def _sign_offs(text: str, lowered: str) -> list[re.Match[str]]:
    """``SIGN_OFF.finditer(text)``, tried only at the opening words (``lowered``: the text in lowercase)."""
    starts = starts_of_openings(text, lowered, _SIGN_OFF_OPENINGS)
    return list(SIGN_OFF.finditer(text) if starts is None else matches_at(SIGN_OFF, text, starts))


def _trailing_interfix(before: str) -> re.Match[str] | None:
    """``TRAILING_INTERFIX.search(before)``, tried only when the last word can end a tussenvoegsel."""
    last = before.rsplit(None, 1)[-1:]
    if not last or last[0] not in _INTERFIX_LAST_WORDS or not before.endswith((" ", "\t")):
        return None
    return TRAILING_INTERFIX.search(before)


def _word_before(text: str, start: int) -> str:
    """The lowercased word ending just before ``start`` (across spaces), or ''."""
    m = _LAST_WORD.search(text, max(0, start - 20), start)
    return m.group().lower() if m is not None and not text[m.end() : start].strip() else ""


def _at_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in ".!?:\n\f\"'(•-–*"
