"""Propose: from what the recognisers found in a document to the findings proposed for redaction.

The detect stage finds spans page by page; the rules that need the whole document or the
configuration live here, per document:

* a person found once is found everywhere: later "Jan", "De Vries", "J. de Vries" mentions of
  "Jan de Vries", and the way minutes abbreviate him ("JdV"), become findings that name the mention
  they link to; bare initials ("AK") are linked only when the text declares them a person (an
  attendance line, "actiehouder: AK"), and no mention is linked inside a company's name
  ("Bakkerij Van Damme", "Nowak Transport B.V.", "Ter Haar Events"); a name that is also a word
  ("Koning", "Frans") only where it reads as a name, and a name that is also a place not where it
  stands as the place ("in Rijswijk");
* where a person lives, right after the name ("Jordy V. (23) uit Hoogeveen"), is a ``LOCATION``;
* public office holders (configured names, or a configured role word before the name) are still
  reported but not proposed, with the reason in ``note``; ``always_redact`` names are always
  proposed and always found;
* findings under the threshold are dropped, and so is a finding lying inside a longer one.

A ``Proposer`` is built once per worker from the configuration and the lexicons; ``propose`` is a
function of its arguments (the proposer only memoises name variants and role windows).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from recognizers.lexicons import Lexicons, own_list
from recognizers.nl_person import DECLARED_INITIALS, INITIALS, PART, names_an_organisation
from recognizers.nl_person_learned import NAME as LEARNED
from recognizers.nl_url import ANY_URL
from recognizers.ocr import ocr_read
from recognizers.scanning import matches_at, page_lowered, starts_of_openings
from redact.config import Config
from redact.models import Explanation, Finding

PROPAGATED_SCORE = 0.8
RESIDENCE_SCORE = 0.7
WEAK_NAME = 0.5  # under it, a name on little evidence ("first name in a sentence"): a place may win
PERSONAL_SITE_SCORE = 0.7
# After a name: an age in brackets, then where the person lives ("(27) uit Schiedam"; OCR may
# read the age's digits as letters: "(l9)", "(2O)").
_RESIDENCE_AFTER = re.compile(
    r"(?:[ ]?\((?=[lO]?\d)[\dlO]{1,3}\))?,?[ \n](?:[a-zë]{4,}[ ])?"  # "(54), melkveehouder uit Kalenberg"
    r"(?:(?<=\),[ \n])(?:[a-zë]+[ \n]){1,4})?"  # "Yavuz (38), vader van drie kinderen uit Sellingen"
    r"(?:uit|wonende?[ ](?:te|in)|woonachtig[ ](?:te|in))[ \n]"
    r"(?P<place>(?:'s-)?[A-ZÀ-Þ][\w'’]*(?:-[A-ZÀ-Þa-z][\w'’]*)*)"
)
# A table's heading line with blanks for its tabs: short capitalised labels, "Woonplaats" among them,
# no digit ("Nr Naam (achternaam, voornaam) Geb.datum BSN Woonplaats Telefoon Niveau").
# (Not with pipes or semicolons for borders: the postcode recogniser reads those tables' columns.)
_BLANK_HEADING = re.compile(r"(?m)^(?=[^\n\t\d|;]*\bWoonplaats\b)[^\n\t\d|;]{10,160}\n")
_ROW_OPENING = re.compile(r"(?m)^\d{1,3}[ ]")  # a numbered row's line
_ROW_WORD = re.compile(r"(?:'s-)?[A-ZÀ-ÖØ-Þ][\w'’-]+")
# A resident's place in brackets after the name, as an inventory's sender column writes it.
_HOME_IN_BRACKETS = re.compile(
    r"[ ]?\((?:bewoner|bewoonster|inwoner|inwoonster|buurtbewoner|omwonende|particulier)[ ]?,[ ]?"
    r"(?P<place>(?:'s-)?[A-ZÀ-Þ][\w'’]*(?:[- ][A-ZÀ-Þ][\w'’]*)?)\)"
)
# Where a migrant came to: the place before it is where someone came from, not their home.
_TO_THE_NETHERLANDS = re.compile(r"[ \n](?:[a-z]+[ \n]){0,3}?naar[ \n](?:Nederland|ons[ ]land)\b")
_CAME_FROM = re.compile(r"\b(?:komt|kwam|komen|kwamen|gevlucht|vluchtte|afkomstig|oorspronkelijk)\b")
# Or a comma and the place alone, ending the line or the list's item: "Mevr. Lotte Winter (39), Schagen",
# "Dhr. Dragan Petrović, Den Helder, geen vaste woonplaats" (a case list, a list of objectors).
_PLACE_AFTER_NAME = re.compile(
    r"(?:[ ]?\((?=[lO]?\d)[\dlO]{1,3}\))?,[ ]"
    r"(?P<place>(?:'s-)?[A-ZÀ-Þ][\w'’]*(?:[- ][A-ZÀ-Þ][\w'’]*)?)(?=[ ]*(?:[,;\n\t]|$)|\.(?:\s|$))"
)
# The words of a place's name of more words after its first: "Bergen op Zoom", "Alphen aan den Rijn".
# Or one more capitalised word: "Ter" + " Apel", "De" + " Bilt" (taken when the whole is listed).
_PLACE_TAIL = re.compile(r"[ ](?:(?:op|aan|en|bij|in|onder)(?:[ ](?:de|den|het))?[ ])?[A-ZÀ-Þ][\w'’-]+")
# Where someone lives, said in the sentence: "woont in Almere", "woonachtig te Ede", "die in
# Apeldoorn woont", "liever bij papa in Almere" woont", "een 34-jarige man uit Warnsveld".
_UPPER = "A-ZÀ-ÖØ-ÞİŁŚŹŻŽŠČĆŘĐŐŰ"  # a place's first letter: "İzmir", "Łódź", "Šibenik" too
_PLACE = rf"(?:'s-|Den[ ])?[{_UPPER}][\w'’]*(?:-[{_UPPER}a-z][\w'’]*)*"
# Each is looked for only where its fixed word is on the page (a regex scan of every "in " is slow).
# "woont in Almere", "woon met mijn vriendin nog bij mijn ouders in Stadshagen", "woont met zijn vrouw
# Agnieszka in Sneek": tried only where "woon" or "gewoon" stands (see _lives_in).
_LIVES_AT = re.compile(  # "op Texel" too, and "in" at a line's end
    r"\b(?:ge)?woon(?:t|de|den|d|achtig|end|ende)?\s"  # also "woont" + a line break + "zelf in"
    r"(?:(?:[\w'’,-]+|mw\.|mevr\.|dhr\.)\s+){0,9}?(?:in|te|op)\s"  # "woont volgens mw. inmiddels in"
    rf"(?P<place>{_PLACE})"
)
# A relative's home: "naar mijn zus in İzmir", "bij zijn neef in Hengelo", "haar ouders te Ede".
_KIN = ("zus|zussen|zuster|broer|broers|moeder|vader|ouders|zoon|zonen|dochter|dochters|neef|neven|nicht"
        "|nichten|oom|tante|opa|oma|grootouders|grootmoeder|grootvader|schoonmoeder|schoonvader|schoonouders"
        "|schoonzus|schoonzoon|schoondochter|zwager|kleinzoon|kleindochter|kleinkinderen|stiefvader"
        "|stiefmoeder|halfbroer|halfzus|familie|familieleden|ex-partner|ex-man|ex-vrouw|vriendin|vriend")
_KIN_IN = re.compile(  # (a line may break between any two of its words)
    r"\b(?i:mijn|zijn|haar|hun|onze|ons|uw|je|jouw|diens|bij|naar|door)[ \n](?:[a-zë]+[ \n])?"
    # "Mijn broer uit Leiden komt ook", "bij hun dochter Geartsje in Wergea"
    rf"(?:{_KIN})[ \n](?:[{_UPPER}]\w+[ \n])?(?:in|te|uit)[ \n](?P<place>{_PLACE})"
)
# A relative named, then their home, no possessive needed: "Broer Abdirahman Warsame uit Birmingham helpt
# met post", "oom Kemal Yılmaz in Ankara".
_NAMED_KIN_IN = re.compile(
    rf"\b(?i:{_KIN})[ \n](?:[{_UPPER}][\w'’-]+[ \n]|(?:van|de|der|den|ter|ten|el|al)[ ]){{1,4}}"
    rf"(?:in|te|uit)[ \n](?P<place>{_PLACE})"
)
# A place of birth: "Geboren: 04-11-1986 te Białystok", "geboren op 3 mei 1990 in Asmara", "geboren te Ede".
_BORN_IN = re.compile(
    r"\b[Gg]eboren[ \t]*:?[ \t\n]+(?:op[ \n])?"
    r"(?:[\dlO]{1,2}[-./ ](?:[\dlO]{1,2}|[a-z]+)[-./ ][\dlO]{2,4}(?:[ \t\n]+(?:te|in)[ \n]|,[ \t]*(?=\S+\n))"
    r"|(?:te|in)[ \n])"  # "Geboren: 14 februari 1994, Willemstad" + break: the date, a comma, the place
    rf"(?P<place>{_PLACE})"  # (ending its line: not "geboren 14/02/1997, Brits paspoort ...")
)
# Where someone comes from: "Ik kom uit Charkiv", "zij komt oorspronkelijk uit Asmara" (tried where
# "kom" stands only: see _kom_starts).
_COMES_FROM = re.compile(rf"(?:[Ii]k\skom|(?:[Hh]ij|[Zz]ij|[Zz]e)\skomt|(?:[Ww]ij|[Ww]e)\skomen|afkomstig)"
                         rf"\s(?:[a-zë]+\s)?uit\s(?P<place>{_PLACE})")
_LIVES_IN = (
    ("woon", _LIVES_AT),
    ("eboren", _BORN_IN),
    ("thuis", re.compile(rf"\bthuis[ \n](?:in|te)[ \n](?P<place>{_PLACE})")),  # "toen zij thuis in Grou was"
    (" ", _KIN_IN),
    (" ", _NAMED_KIN_IN),
    ("opgegroeid", re.compile(rf"\bopgegroeid[ \n](?:in|op|te)[ \n](?P<place>{_PLACE})")),  # "op Curaçao"
    # ("die in Nieuw-Vennep op een kamer woont": a few small words between the place and the verb)
    ("woon", re.compile(
        rf"\b(?:in|op)[ ](?P<place>{_PLACE})[\"”']?\s"
        r"(?:(?:op|bij|met|een|de|het|kamer|kamers|flat|etage|appartement|zolder|studio|vriendin|vriend)\s){0,4}?"
        r"(?:woont|woonde|woonden)\b"
    )),
    ("wonen", re.compile(  # "die in Apeldoorn wonen", "die in 2016 in Franeker kwam wonen"
        rf"\bin[ ](?P<place>{_PLACE})[\"”']?[ ](?:(?:kwam|kwamen|ging|gingen|gaat|gaan)[ ])?wonen\b"
    )),
    ("wonen", re.compile(  # "..., 0031 546 81 22 74, wonende te Wierden": anywhere, not only after a name
        rf"\bwon(?:en|end|ende)[ ](?:te|in|op)\s(?P<place>{_PLACE})"  # "Alle leden wonen in Den Haag"
    )),
    ("briefadres", re.compile(  # "briefadres bij zoon in Harderwijk": a postal address with family
        rf"\bbriefadres[ ](?:[\w'’-]+[ ]){{0,4}}?(?:in|te)[ ](?P<place>{_PLACE})"
    )),
    ("jarige", re.compile(rf"\b\d{{1,3}}-jarige\s(?:[a-zë]+\s){{0,2}}uit\s(?P<place>{_PLACE})")),
    # A move: "is sinds januari verhuisd naar Purmerend", "gezin verhuisd naar Drachten", "geëmigreerd
    # naar Canada" (a country is no residence here), "vertrokken naar Zwolle".
    ("verhuis", re.compile(
        rf"\bverhuis(?:d|de|den|t|en)?\s(?:[\w'’,-]+\s){{0,3}}?naar\s(?P<place>{_PLACE})"
    )),
    # "sinds de moeder naar Curaçao is vertrokken": the place, then the move.
    ("naar", re.compile(
        rf"\bnaar\s(?P<place>{_PLACE})\s(?:is|zijn|was|waren)\s(?:vertrokken|verhuisd|geëmigreerd)\b"
    )),
    ("migr", re.compile(rf"\b(?:ge)?[eë]migre(?:erd|erde|erden|ert|ren)\s(?:[\w'’,-]+\s){{0,3}}?naar\s"
                        rf"(?P<place>{_PLACE})")),
    # The population register: "hij staat sinds 2021 ingeschreven in Helmond", "ingeschreven te Ede".
    ("ingeschreven", re.compile(rf"\bingeschreven\s(?:(?:in|op)\s(?:de|het)\s(?:BRP|GBA)\s)?(?:in|te)\s"
                                rf"(?P<place>{_PLACE})")),
    ("inwon", re.compile(
        rf"\b(?:een|de|als)\s(?:[a-zë]+\s)?(?:inwoner|inwoonster)\svan\s(?P<place>{_PLACE})"
    )),
    # "Zij wonen volgens hem op een vakantiepark in Honselersdijk": a subject before "wonen" (or after
    # it: "Volgens hem wonen zij op een camping in Velsen-Noord"), up to
    # nine words before the place's preposition (as after "woont"), none of them "niet".
    ("wonen", re.compile(
        r"\b(?:(?:[Zz]ij|[Zz]e|[Ww]ij|[Ww]e|[Jj]ullie|[Ii]k|die)\swonen|wonen\s(?:zij|ze|wij|we|jullie))\s"
        r"(?:(?!niet\s|nooit\s)(?:[\w'’,-]+|mw\.|dhr\.)\s){0,9}?"  # ("wonen allebei niet in Amsterdam")
        rf"(?:in|te|op)\s(?P<place>{_PLACE})"
    )),
    # "reisde speciaal uit Lelystad, waar ze inmiddels woont": the place, then that someone lives there.
    (" waar ", re.compile(rf"\b(?:uit|in|naar)\s(?P<place>{_PLACE}),?\swaar\s(?:[\w'’-]+\s){{0,3}}?"
                        r"(?:woont|woonde|wonen|woonden)\b")),
    ("kom", _COMES_FROM),
    (" uit", re.compile(  # "een moeder uit Almere", "een vader uit Zeist" (a person the text can identify)
        # "een" first and the word boundary before it looked behind for (the same matches): the
        # scan then looks for that literal, instead of trying the boundary at every character
        r"(?:een|Een)(?<!\w[eE]en)\s(?:[A-Za-zë]+e?\s)?(?:man|vrouw|jongen|meisje|inwoner|inwoonster|moeder"
        r"|vader|bewoner|bewoonster|buurman|buurvrouw|jongeman|automobilist|fietser|scholier|student|studente"
        r"|echtpaar|gezin|familie|verhuurder|verhuurster|huurder|huurster|eigenaar|eigenares|stel|weduwe"
        # "een particuliere verhuurder uit Nijkerk", "een Nederlands gezin uit Tilburg", "een man van
        # 67 uit Wijchen"
        r"|weduwnaar)\s(?:van\s\d{1,3}\s)?uit\s"
        rf"(?P<place>{_PLACE})"
    )),
)
_BRACKETS_AT_END = re.compile(r"\([^()]*\)[\s,;]*$")
_ROLE_WORDS = re.compile(r"[\w'’.-]+")
_URL_OPENINGS = ("http", "www.")  # how every ANY_URL match opens, in lower case


def _kom_starts(text: str) -> list[int]:
    """Where a _COMES_FROM match can start (ascending): before each "kom", the word before it ("ik
    kom", "zij komt") or the "af" of "afkomstig"."""
    starts = []
    at = text.find("kom")
    while at >= 0:
        if text[at - 2 : at] == "af":
            starts.append(at - 2)
        elif at > 1 and text[at - 1] in " \n":
            word = at - 1
            while word > 0 and text[word - 1].isalpha():
                word -= 1
            starts.append(word)
        at = text.find("kom", at + 3)
    return starts


_KIN_WORDS = tuple(_KIN.split("|"))


def _kin_starts(text: str) -> list[int]:
    """Where a _NAMED_KIN_IN match can start: at each relation word that opens a word (ascending); the
    pattern's scan of every position is several times slower."""
    lowered = text.lower()
    starts = set()
    for word in _KIN_WORDS:
        at = lowered.find(word)
        while at >= 0:
            if at == 0 or not lowered[at - 1].isalnum():
                starts.add(at)
            at = lowered.find(word, at + 1)
    return sorted(starts)


def _woon_starts(text: str) -> list[int]:
    """Where a _LIVES_AT match can start: at each "woon", and at the "ge" of each "gewoon"
    (ascending). Trying the pattern there only finds what its scan finds, several times cheaper:
    the scan tries its opening word boundary and optional "ge" at every character."""
    starts = []
    at = text.find("woon")
    while at >= 0:
        if at >= 2 and text[at - 2 : at] == "ge":
            starts.append(at - 2)
        starts.append(at)
        at = text.find("woon", at + 4)
    return starts


@dataclass(frozen=True)
class _Seed:
    """A person found on some page, and how later mentions of it are written."""

    text: str
    page: int
    variants: frozenset[str]
    proposed: bool
    note: str
    words: frozenset[str] = frozenset()  # variants that are also Dutch words: linked with care


class Proposer:
    """The proposal rules of one configuration: office holders, ``always_redact``, mention linking
    and the threshold, applied to one document's findings at a time."""

    def __init__(self, config: Config, lex: Lexicons) -> None:
        self.config = config
        self.lex = lex
        self._link_persons = "PERSON" in config.entities
        self._residences_wanted = self._link_persons and "LOCATION" in config.entities
        self._lower_interfixes = frozenset(w for i in lex.interfixes for w in i.split())
        self._variant_memo: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._languages = own_list("language_words")
        self._countries = own_list("countries")
        self._role_memo: dict[str, str] = {}
        self._official_names = self._variant_map(config.public_official_names)
        self._always = self._variant_map(config.always_redact)
        self._roles = tuple(sorted(config.public_official_roles, key=len, reverse=True))
        self._role_openings = frozenset(role.split()[0] for role in self._roles if role.split())
        # One search for "does any opening occur" (once per Proposer, not per document).
        self._role_opening_re = re.compile(
            "|".join(re.escape(o) for o in sorted(self._role_openings, key=len, reverse=True))
        ) if self._role_openings else None

    def propose(self, texts: Sequence[str], found: Sequence[Sequence[Finding]]) -> list[list[Finding]]:
        """The findings per page of one document, from what the recognisers found on each page
        (``texts[i]`` is the text of page i + 1; offsets into each page's own text)."""
        pages = [
            [self._office(text, f) if f.entity == "PERSON" else f for f in page]
            for text, page in zip(texts, found, strict=True)
        ]
        if self._link_persons:
            capitals = any(":" in text and _CAPITAL_SPEAKER.search(text) for text in texts)
            mentions = self._mentions(self._seeds(pages, capitals))
            pages = [self._propagate(text, page, mentions) for text, page in zip(texts, pages, strict=True)]
        if self._residences_wanted:
            pages = [self._residences(text, page) for text, page in zip(texts, pages, strict=True)]
        if "URL" in self.config.entities and any("www." in text or "http" in text for text in texts):
            names = self._compact_names(pages)
            if names:
                pages = [self._personal_sites(t, page, names) for t, page in zip(texts, pages, strict=True)]
        threshold = self.config.threshold
        return [_without_contained(f for f in page if f.score >= threshold) for page in pages]

    # -- public office holders and the deny-list -------------------------------------------------

    def _office(self, text: str, finding: Finding) -> Finding:
        """Mark a public office holder as not proposed, unless the name is on ``always_redact``."""
        if self._always or self._official_names:  # no names configured: nothing to look up
            key = _normal(finding.text)
            if key in self._always:
                return finding
            if key in self._official_names:
                name = self._official_names[key]
                return replace(finding, proposed=False,
                               note=f"public office holder: {name!r} is on the allow-list")
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
        if ")" in window:  # "Ramdin (wethouder), M. van 't Hul": the role in brackets is the name before's
            window = _BRACKETS_AT_END.sub("", window)
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

    def _seeds(self, pages: Sequence[list[Finding]], capitals: bool = False) -> list[_Seed]:
        """The persons found, with how their later mentions are written; with ``capitals`` (a
        transcript's speakers in capitals on some page) also a surname of more words in capitals:
        "TEN BRINK:" of "mr. A.J. ten Brink"."""
        threshold = self.config.threshold
        seeds: dict[str, _Seed] = {}
        for page, found in enumerate(pages, 1):
            for f in found:
                if f.entity != "PERSON" or f.score < threshold or f.text in seeds:
                    continue
                if f.text.islower():
                    parts = f.text.split()
                    named = sum(w not in self.lex.interfixes and len(w) > 2 for w in parts)  # "joop", "meer"
                    if len(parts) > 1 and named >= 2:
                        # a chat's sender in lower case ("joop vd meer"): linked on as written, whole
                        seeds[f.text] = _Seed(f.text, page, frozenset({f.text}), f.proposed, f.note,
                                              frozenset())
                    continue  # a form's own tussenvoegsel field ("van"): part of a name, never linked on
                if _bare_initials(f.text) and f.explanation.pattern != DECLARED_INITIALS:
                    continue  # "AI kan helpen": initials found by a verb alone are not linked on
                variants, words = self._variants(f.text)
                read = ocr_read(f.text)
                if read != f.text:  # "dhr. Mu1der" as OCR read it: "Kopie aan Mulder" is a mention too
                    more, more_words = self._variants(read)
                    variants, words = variants | more, words | more_words
                if f.score < PROPAGATED_SCORE:  # on weak evidence a place is not linked on as a mention
                    # ("De Stad Amersfoort" reported, a newspaper: not "Amersfoort" wherever it stands)
                    variants = frozenset(v for v in variants if not self._place_not_name(v))
                    words = frozenset(w for w in words if not self._place_not_name(w))
                if capitals:
                    variants = variants | {v.upper() for v in variants if " " in v and not v[:1].isupper()}
                seeds[f.text] = _Seed(f.text, page, variants | words, f.proposed, f.note, words)
        for name in self.config.always_redact:
            if name not in seeds:
                # as listed (no lower-case mentions: those follow a name the page itself shows)
                listed = frozenset(v for v in self._variants(name)[0] if not v.islower())
                seeds[name] = _Seed(name, 0, listed, True, "")
        return list(seeds.values())

    def _place_not_name(self, word: str) -> bool:
        """``word`` is a known place that no name list holds ("Amersfoort"; not "Zwolle" if listed)."""
        last = word.split()[-1] if word.split() else word  # "De Boer": a surname, also a hamlet
        return word.lower() in self.lex.places and not (
            self.lex.is_surname(word) or self.lex.is_surname(last) or word in self.lex.first_names
        )

    def _variants(self, name: str) -> tuple[frozenset[str], frozenset[str]]:
        """How later mentions of ``name`` are written: "Jan", "De Vries", "J. de Vries", ...; and
        apart from those, the given name or surname alone where it is also a Dutch word ("Koning"
        of "Frans Koning", "Frans", "Zomer"), linked only where it reads as a name (see
        :func:`_reads_as_name`).

        Memoised per name (bounded): the same names recur on every page of a batch.
        """
        variants = self._variant_memo.get(name)
        if variants is None:
            if len(self._variant_memo) > 50_000:
                self._variant_memo.clear()
            variants = self._variant_memo[name] = self._name_variants(name)
        return variants

    def _name_variants(self, name: str) -> tuple[frozenset[str], frozenset[str]]:
        name = " ".join(name.split())
        parts: list[str] = PART.findall(name)
        lower_ifx = self._lower_interfixes
        if len(parts) < 2:
            return frozenset((name, *self._in_lower_case(name))), frozenset()
        surname_at = len(parts) - 1
        for i in range(1, len(parts)):
            if parts[i].split(" ", 1)[0].lower() in lower_ifx:  # "de", "van der", "in 't"
                surname_at = i
                break
        given = parts[:surname_at]
        surname = parts[surname_at:]
        cut = surname[0] if len(surname) == 1 else ""
        if len(cut) == 2 and cut[0].isupper() and cut[1] == "." and (
            "." not in given[-1] and "," not in name  # not "Kok, W.": surname first
        ):  # "Dennis V.", as court reports write a suspect: later "V." alone, or "Dennis"
            out_cut = {name, surname[0]}
            if len(given[0]) >= 3 and not self.lex.is_word(given[0]):
                out_cut.add(given[0])
            return frozenset(out_cut), frozenset()
        if all(word.lower() in lower_ifx for part in surname for word in part.split()):
            return frozenset((name,)), frozenset()  # "Ilse van 't" (of "Hof, Ilse van 't"): never "Van"
        out = {name}
        words = set()
        sur = " ".join(surname)
        sur_cap = sur[:1].upper() + sur[1:]
        for s in {sur, sur_cap}:
            if len(surname) > 1 or not self.lex.is_word(s):
                out.add(s)
            elif len(s) >= 3 and s[0].isupper():
                words.add(s)  # "Koning", "Zomer", "Storm": the person, where it reads as a name
        if "-" in sur and len(surname) == 1 and given[-1].lower() not in lower_ifx:
            # "Boersma-Dijkstra", later "Boersma" (a married name first); not the "Haar" of "Ter Haar-Winter"
            for piece in sur.split("-"):
                if len(piece) >= 3 and piece[0].isupper() and piece.lower() not in self.lex.dictionary:
                    out.add(piece)  # (not "Bakker": "ik heette al Bakker" speaks of the name)
        first = given[0]
        initials = [("." in p and INITIALS.match(p) is not None) for p in given]  # every initial has its dot
        if not initials[0]:
            if len(first) >= 3 and not self.lex.is_word(first):
                out.add(first)
            elif len(first) >= 3 and "-" not in first and first.lower() not in lower_ifx:
                words.add(first)  # "Frans", "Roos"; not the "Van" of "Van Dijk"
            out.add(f"{first[0]}. {sur}")
            out.add(f"{first} {sur}")
        if len(given) > 1 or initials[0]:
            inits = "".join([
                p if is_initials else p[0] + "." for p, is_initials in zip(given, initials, strict=True)
            ])
            out.add(f"{inits} {sur}")
        abbreviation = self._abbreviation(given, surname, initials)
        if abbreviation:
            out.add(abbreviation)
        kept = {v for v in out if len(v) >= 2 and not v.islower()}  # never "van het"
        # A chat or a hasty note writes a found name in lower case ("sanne 👍 murat kun je", "die mw
        # roelofs"): the given name and the surname, where no Dutch word is written so.
        for part in ((sur,) if len(surname) == 1 else ()) + ((first,) if not initials[0] else ()):
            kept.update(self._in_lower_case(part))
        return frozenset(kept), frozenset(words - out)

    def _in_lower_case(self, part: str) -> tuple[str, ...]:
        """``part`` of a name in lower case, where no Dutch word or tussenvoegsel is written so."""
        low = part.lower()
        if len(low) >= 4 and part[0].isupper() and low.isalpha() and low not in self.lex.dictionary \
                and not self.lex.is_word(part) and low not in self._lower_interfixes:
            return (low,)
        return ()

    def _abbreviation(self, given: list[str], surname: list[str], initials: list[bool]) -> str:
        """How minutes abbreviate a person: "Lot Heijmen" -> "LH", "E. Doğan" -> "ED", "Anna van der
        Sar" -> "AvdS", "J.P. de Vries" -> "JPdV", "Jan-Willem van Baal" -> "JWvB", "Suzanne van den
        Broek-Dekkers" -> "SvdBD"; never a known acronym ("Ilse Cornelis" is not "IC")."""
        letters = "".join([
            "".join(filter(str.isupper, p)) if is_initials else _first_letters(p)
            for p, is_initials in zip(given, initials, strict=True)
        ] + [_first_letters(p) for p in surname])
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
        strong_found = sorted((f for f in found if f.score >= threshold), key=lambda f: (f.start, f.end))
        starts = [f.start for f in strong_found]
        reach = list(accumulate((f.end for f in strong_found), max))  # the furthest end among the first i+1
        added: list[Finding] = []
        widened: list[Finding] = []  # found names that a mention holds whole ("joop" of "joop vd meer")
        for s, e, mention in _mention_spans(text, mentions):
            before = bisect_left(starts, e)  # the strong findings that start before the mention ends
            if before and reach[before - 1] > s:  # one of them ends after it starts: they overlap
                inside = [f for f in strong_found[:before] if f.end > s]
                if any(f.entity != "PERSON" or f.start < s or f.end > e or (f.start, f.end) == (s, e)
                       for f in inside):
                    continue
                widened.extend(inside)
            seed = mentions[mention]
            if mention.islower() and not _loose_word(text, s, e):
                continue  # "over-lisanne", "meulen-okafor.nl", "(concerncontrol)": an address's or a label's
            organisation = names_an_organisation(text, s, e) and not _speaker(text, s, e)
            if organisation or _bare_initials(mention) and (
                text[max(0, s - 2) : s].strip()[-1:].isdigit() or _REFERENCE_GOES_ON.match(text, e)
            ) or (mention in seed.words or mention.lower() in self._languages) and not (
                self._reads_as_name(text, s, e)  # "in het Frans", where Frans is on the attendance list
            ) or (
                self._as_a_place(text, s, mention)
            ) or " " not in mention and _named_after_article(text, s) or (
                (mention in self.lex.acronyms or _bare_initials(mention)) and _CAPITALISED_NEXT.match(text, e)
            ):  # "FC Houten", "DW Klussenbedrijf": initials that open a club's or a firm's name
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
        kept = [f for f in found if f.score >= threshold and not any(f is w for w in widened) or (
            f.score < threshold and not any(a.start < f.end and f.start < a.end for a in added)
        )]
        return kept + added

    def _residences(self, text: str, found: list[Finding]) -> list[Finding]:
        """Where a person lives, said right after the name: "Mohammed B. (27) uit Schiedam",
        "G.J. Nijhuis uit Glanerbrug", "J. Smit, wonend te Emmen": with the name it identifies
        the person, so the place is proposed as ``LOCATION`` (a known place only)."""
        if " uit" not in text and "woon" not in text and "wonen" not in text and (
            "briefadres" not in text and ", " not in text and "eboren" not in text and " in " not in text
            and "opgegroeid" not in text
        ):
            return found
        threshold = self.config.threshold
        added: list[Finding] = []
        lives_in = [m for word, pattern in _LIVES_IN if word in text for m in (
            matches_at(pattern, text, _woon_starts(text)) if pattern is _LIVES_AT
            else matches_at(pattern, text, _kom_starts(text)) if pattern is _COMES_FROM
            else matches_at(pattern, text, _kin_starts(text)) if pattern is _NAMED_KIN_IN
            else pattern.finditer(text)
        )]
        for m in lives_in:  # "woont in Almere", "die in Apeldoorn woont", "een 34-jarige man uit Ede"
            s, e = m.start("place"), self._whole_place(text, m.start("place"), m.end("place"))
            place = text[s:e]
            if not self._residence_place(place, may_be_a_name=m.re is not _LIVES_AT):
                continue
            guessed = [g for g in found if g.start < e and s < g.end and g.entity == "PERSON"
                       and (g.recognizer == LEARNED or g.score < WEAK_NAME)]
            if guessed and all(g.start >= s and g.end <= e for g in guessed):
                # "die in Asmara woont": the place, not a name guessed there (by the learned opinion,
                # or a given name alone in a sentence)
                found = [g for g in found if g not in guessed]
            if any(g.start < e and s < g.end for g in found + added):
                continue
            said = "where someone was born" if m.re is _BORN_IN else "where someone lives"
            explanation = Explanation(
                recognizer="NlAddressRecognizer", pattern="residence", context=(),
                text=f"{said}: {' '.join(m.group().split())!r}",
            )
            added.append(Finding(
                start=s, end=e, entity="LOCATION", text=place, score=RESIDENCE_SCORE,
                ground=self.config.ground_for("LOCATION"), explanation=explanation,
            ))
        if "oonplaats" in text:
            added.extend(self._places_in_blank_rows(text, found))
        for f in found:
            if f.entity != "PERSON" or f.score < threshold:
                continue
            after = _RESIDENCE_AFTER.match(text, f.end) or _PLACE_AFTER_NAME.match(text, f.end) or (
                _HOME_IN_BRACKETS.match(text, f.end)  # "Kuipers, D. (bewoner, Almere)"
            )
            if after is None:
                continue
            s, e = after.start("place"), self._whole_place(text, after.start("place"), after.end("place"))
            if not (self._known_place(text[s:e]) or after.re is _RESIDENCE_AFTER and " uit " in after.group()
                    and self._residence_place(text[s:e]) and not _TO_THE_NETHERLANDS.match(text, e)
                    and not _CAME_FROM.search(after.group())):
                continue  # "toerfietser uit Kleve", "(38) uit Presikhaaf"; not "uit Aleppo naar Nederland"
            if any(g.start < e and s < g.end for g in found + added):
                continue
            explanation = Explanation(
                recognizer="NlAddressRecognizer", pattern="residence after a name", context=(f.text,),
                text=f"residence of {f.text!r}: {after.group().strip(' ,')!r}",
            )
            added.append(Finding(
                start=s, end=e, entity="LOCATION", text=text[s:e], score=RESIDENCE_SCORE,
                ground=self.config.ground_for("LOCATION"), explanation=explanation,
                proposed=f.proposed, note=f.note,
            ))
        return found + added if added else found

    def _places_in_blank_rows(self, text: str, found: list[Finding]) -> list[Finding]:
        """A table under a heading line with "Woonplaats" whose tabs the PDF gave back as blanks ("Nr
        Naam ... BSN Woonplaats Telefoon", then "2 Tesfay, Mehret 1996-11-23 816.432.454 Amersfoort
        06 ..."): in each numbered row with a person's name, the first known place after the name.
        (With its tabs, the postcode recogniser reads the column itself.)"""
        out: list[Finding] = []
        for heading in _BLANK_HEADING.finditer(text):
            end = text.find("\n\n", heading.end())  # the table ends at a blank line
            end = len(text) if end < 0 else end
            starts = [m.start() for m in _ROW_OPENING.finditer(text, heading.end(), end)]
            if not starts:
                continue
            for row_start, row_end in zip(starts, [*starts[1:], end], strict=True):  # with its wrapped lines
                names = sorted((f for f in found if f.entity == "PERSON" and row_start <= f.start < row_end),
                               key=lambda f: f.start)
                if not names:
                    continue
                for word in _ROW_WORD.finditer(text, names[0].end, row_end):
                    place = word.group()
                    if place.lower() not in self.lex.places or place.lower() in self._countries:
                        continue
                    s, e = word.start(), word.end()
                    if not any(f.start < e and s < f.end for f in found + out):
                        out.append(Finding(
                            start=s, end=e, entity="LOCATION", text=place, score=RESIDENCE_SCORE,
                            ground=self.config.ground_for("LOCATION"), explanation=Explanation(
                                recognizer="NlAddressRecognizer", pattern="place in a table row",
                                context=(), text=f"a known place in the row of {names[0].text!r}, under a "
                                f"heading line with 'Woonplaats' (its tabs read as blanks)",
                            ), proposed=names[0].proposed, note=names[0].note,
                        ))
                    break
        return out

    def _whole_place(self, text: str, start: int, end: int) -> int:
        """The end of the place at ``start:end`` with the words of a longer known place after it:
        "Bergen" + " op Zoom", "Alphen" + " aan den Rijn", "Berkel" + " en Rodenrijs"."""
        m = _PLACE_TAIL.match(text, end)
        if m is not None and text[start : m.end()].lower() in self.lex.places:  # the whole name listed
            return m.end()
        return end

    def _compact_names(self, pages: Sequence[list[Finding]]) -> dict[str, str]:
        """The names of the people found in a document, written as a web address writes them
        ("bramvanoosten" for Bram van Oosten), at least eight letters long."""
        threshold = self.config.threshold
        out: dict[str, str] = {}
        for page in pages:
            for f in page:
                if f.entity == "PERSON" and f.score >= threshold and " " in f.text.strip():
                    compact = "".join(c for c in f.text.lower() if c.isalpha())
                    if len(compact) >= 8:
                        out.setdefault(compact, f.text)
        return out

    def _personal_sites(self, text: str, found: list[Finding], names: dict[str, str]) -> list[Finding]:
        """A web address whose site or page carries the name of a person in the document
        ("www.bramvanoosten.example.nl", "jorritkloosterhuisfotografie.example.nl/..."): that
        person's own site, proposed as URL."""
        added = []
        starts = starts_of_openings(text, page_lowered(text), _URL_OPENINGS)  # not every character
        for m in ANY_URL.finditer(text) if starts is None else matches_at(ANY_URL, text, starts):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:":
                end -= 1
            compact = "".join(c for c in text[m.start() : end].lower() if c.isalpha())
            owner = next((name for key, name in names.items() if key in compact), None)
            if owner is None or any(f.start < end and m.start() < f.end for f in found):
                continue
            explanation = Explanation(
                recognizer="NlUrlRecognizer", pattern="site named after a person", context=(owner,),
                text=f"web address that carries the name of {owner!r}",
            )
            added.append(Finding(
                start=m.start(), end=end, entity="URL", text=text[m.start() : end], score=PERSONAL_SITE_SCORE,
                ground=self.config.ground_for("URL"), explanation=explanation,
            ))
        return found + added if added else found

    def _known_place(self, place: str) -> bool:
        """A known place, or a district of one ("Rotterdam-IJsselmonde", "Amsterdam-Noord")."""
        low = place.lower()
        return low in self.lex.places or "-" in low and low.split("-", 1)[0] in self.lex.places and (
            place.split("-", 1)[1][:1].isupper()
        )

    def _residence_place(self, place: str, may_be_a_name: bool = False) -> bool:
        """A town someone lives in: a known Dutch place, or a capitalised name no list calls a word
        ("Calgary"); not a country ("woont in Nederland", "in Polen"). Not a first name either
        ("woont met Anna in Sneek"), unless ``may_be_a_name``: where only a place can stand ("die in
        Asmara woont", "geboren te Asmara"). The islands of the Caribbean Netherlands and the
        Kingdom's countries there are places ("beiden wonen op Curaçao")."""
        low = place.lower()
        if low in self._countries and low not in _ISLANDS:
            return False
        return low in self.lex.places or not self.lex.is_word(place) and (
            may_be_a_name or place not in self.lex.first_names
        )

    def _as_a_place(self, text: str, start: int, mention: str) -> bool:
        """A mention that is also a place ("Rijswijk" of "mevrouw Van Rijswijk") standing where a
        place stands: after a postcode ("2285 TM Rijswijk") or a place preposition ("in Rijswijk")."""
        if mention.lower() not in self.lex.places:
            return False
        before = text[max(0, start - 12) : start]
        if _POSTCODE_BEFORE.search(before):
            return True
        word = _WORD_BEFORE.search(before)
        return word is not None and word.group(1).lower() in _PLACE_PREPOSITIONS

    def _reads_as_name(self, text: str, start: int, end: int) -> bool:
        """A word that is also a name ("Koning", "Zomer", "Frans") reads as the person's name at
        ``start:end``: not after an article or a possessive ("van de Koning", "de Storm"), not a
        language after a lowercase word ("vloeiend Frans"), not inside a title-case phrase
        ("Buurtteams Noord"; a role or title before it is fine, and so is a sentence's first word:
        "Voorzitter Hoek", "Toen Frans en ik"), and not the first word of another capitalised name
        ("Koning Willem-Alexander", "Storm Ciarán")."""
        before = _WORD_BEFORE.search(text, max(0, start - 24), start)
        if before is not None and "\n" in text[before.end(1) : start]:
            before = None  # the mention opens a line: no word before it on its line
        if before is None and text[start:end].lower() in self._languages:
            listed = _LISTED_BEFORE.search(text, max(0, start - 30), start)  # "het Nederlands, Frans of"
            if listed is not None and listed.group(1).lower() in self._languages:
                return False
        if before is not None:
            word = before.group(1)
            low = word.lower()
            if low in _NOT_BEFORE_A_NAME or word[0].isupper() and not (
                low in self.lex.roles or low in self.lex.titles or _opens_a_sentence(text, before.start(1))
            ) or word[0].islower() and text[start:end].lower() in self._languages:
                return False  # "spreekt vloeiend Frans": the language
        return _NAME_GOES_ON.match(text, end) is None

    def _variant_map(self, names: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for name in names:
            for v in self._variants(name)[0]:
                out.setdefault(_normal(v), name)
        return out


def _first_letters(part: str) -> str:
    """The first letter of each word or hyphenated piece of a name part: "Jan-Willem" -> "JW",
    "van den" -> "vd"."""
    if " " not in part and "-" not in part:
        return part[:1]  # one word (the most common part): its first letter
    return "".join([piece[0] for piece in part.replace(" ", "-").split("-") if piece])


_ISLANDS = frozenset({"curaçao", "curacao", "aruba", "bonaire", "sint maarten", "sint eustatius", "saba"})
# A transcript's speaker in capitals, opening a line: "TEN BRINK: Goedemiddag."
_CAPITAL_SPEAKER = re.compile(r"(?m)^[A-Z][A-Z'’-]+(?:[ ][A-Z'’-]+){0,3}:")


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


_WORD_BEFORE = re.compile(r"(\w+)[ \n]+$")
_LISTED_BEFORE = re.compile(r"(\w+),[ ]$")
_POSTCODE_BEFORE = re.compile(r"\d{4}[ ]?[A-Z]{2}[ \t]+$")
_PLACE_PREPOSITIONS = frozenset("in te uit naar nabij richting bij via".split())
_NOT_BEFORE_A_NAME = frozenset("de het een der des den zijn haar hun onze mijn uw deze die dit dat".split())
_NAME_GOES_ON = re.compile(r"[ ]+(?:[A-ZÀ-ÖØ-Þ]|van |de |der |den )")  # a capital or a tussenvoegsel next




# A capitalised article right before a one-word mention: "zaal De Roos", "café Het Anker" name a
# room or an inn, not Roos Hoekstra (at a sentence's start "De" is only the article's capital).
_CAPITAL_ARTICLE_BEFORE = re.compile(r"(?:De|Het|'t)[ ]$")
_CAPITALISED_NEXT = re.compile(r"[ ][A-Z][a-z]")
_REFERENCE_GOES_ON = re.compile(r"[-/]\d")  # "PG-2025-031", "JWH/0461": a reference, not a person


_ROLE_OPENS_LINE = re.compile(r"[ \t]*[A-ZÀ-Þ][a-zß-ÿ]+[ ]\Z")


def _speaker(text: str, start: int, end: int) -> bool:
    """The mention names a speaker in a transcript: one word of its role opens the line, a colon
    follows ("Gemeente De Lange: Die brief is ..."), however much the role reads like an organisation."""
    line_start = text.rfind("\n", 0, start) + 1
    return text.startswith(":", end) and _ROLE_OPENS_LINE.match(text, line_start, start) is not None


def _loose_word(text: str, start: int, end: int) -> bool:
    """The word at ``start:end`` stands alone in running text: a blank or a colon before it, a blank,
    a punctuation mark that ends a clause or the text's end after it."""
    if start and text[start - 1] not in " \t\n:":
        return False
    after = text[end : end + 2]
    if not after or after[0] in " \t\n":
        return True
    return after[0] in ",;:!?." and (len(after) == 1 or after[1] in " \t\n")


def _named_after_article(text: str, at: int) -> bool:
    """A capitalised article inside a sentence right before ``at`` ("zaal De Roos")."""
    m = _CAPITAL_ARTICLE_BEFORE.search(text, max(0, at - 5), at)
    return m is not None and not _opens_a_sentence(text, m.start())


def _opens_a_sentence(text: str, at: int) -> bool:
    """The word at ``at`` opens a sentence or a line ("Toen Frans ...", "Met Frans bedoelt ze")."""
    before = text[max(0, at - 3) : at].rstrip(" \t")
    return not before or before[-1] in ".!?:\n\"“'‘("


def _word_char(char: str, also: str) -> bool:
    r"""``char`` matches ``[\w{also}]`` (re's ``\w`` on text: alphanumeric or the underscore)."""
    return char.isalnum() or char == "_" or char in also


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
