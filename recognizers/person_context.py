"""Second look at PERSON candidates: is the span really a place, an organisation, a term or a thing?

The name rules in :mod:`recognizers.nl_person` find names from lexicons, structure and context; on
prose nobody tuned on they also propose capitalised words that are no person at all. This module
judges each candidate once more, with the words around it, and drops four kinds of false alarm:

A. places: towns, rivers and streets ("langs de Lek", "de haven van Antwerpen", "Den Bosch",
   "Kloosterstr 4", "Laan van Borgele 88");
B. organisations: a name after or inside an organisation noun ("Installatiebedrijf Hesselink",
   "Schoolbestuur Prisma", "Stichting Dorpshuis ..."), before "B.V."/"& Zn." or followed by an
   apposition ("Meta, het moederbedrijf");
C. headings, form labels and terms: every word a Dutch noun, a compound of nouns, a role word or a
   place ("Zonnepark Middenmeer", "Klantcontact", "Verkeersveiligheid Kerkdijk", "Vergunningen");
D. named things: a name right after a ship, church, animal or race noun ("motorvrachtschip Johanna
   Maria", "parochie Maria Vlucht", "bordercollie Fleur", "molen De Hoop").

Strong person evidence is never overruled: a title or salutation before the name, a sign-off, a chat
sender, an attendance list, initials, "surname, initials". A name part from the first-name or
surname lexicons keeps a candidate unless the context itself says place/organisation/thing, and a
word that no Dutch list knows (Tesfay, Melnyk, Yılmaz, Kowalczyk) is never judged a term: the filter
only removes what it can show to be something else, so names of any origin keep their recall.
Names of the recogniser's rules are read from the result's explanation (``pattern_name``).
All examples are invented.
"""

from __future__ import annotations

from collections.abc import Collection

import regex as re
from presidio_analyzer import RecognizerResult

from recognizers.lexicons import Lexicons, own_list

# Rules whose evidence is about the person itself: never dropped here.
# Capitalised words and abbreviations before a club's or a team's name ("WC De Dollard", "Team Kok").
_CLUB_BEFORE = frozenset({"vv", "sv", "fc", "sc", "hc", "ac", "rksv", "vvv", "wv", "wc", "twc", "rtc", "mhc",
                          "kv", "zv", "ksv", "rkvv", "team", "ploeg"})
_PLACE_SURNAME_TAILS = ("kerk",)  # a named-after tail that surnames from places end in too (Ridderkerk)
_INITIALS_WORD = re.compile(r"(?:\p{Lu}\.?){1,4}")  # "P", "H.J", "JPM": initials (their last dot stripped)
_STREET_NAME_TAILS = ("straat", "laan", "plein", "gracht", "kade", "singel", "dreef", "steeg")
# Capitalised words that open a firm's name before the family's ("Gebroeders Van Ginkel", "Taxi Van der
# Linden"; "Gebr." and "Fa." are looked for with their dot).
_FIRM_BEFORE = frozenset({"gebroeders", "firma", "taxi", "taxibedrijf", "autobedrijf",
                          "loonbedrijf", "bouwbedrijf", "aannemersbedrijf", "transportbedrijf",
                          "installatiebedrijf", "schildersbedrijf", "hoveniersbedrijf", "boomverzorging"})
# The rule of a surname said again in lower case, the whole name found on the page ("van houten").
SURNAME_AGAIN = "surname again in lower case"
_PROTECTED = frozenset({
    "title", "salutation", "sign-off", "chat sender", "attendance list", "initials + surname",
    "initial + surname", "surname first", "form field", "declared initials", "initials as a name",
    "title + OCR-damaged name", "name before a party in brackets", "name before an age in brackets",
    "context phrase", "same person", "chat: title + name", "name column", "line-up", "chat participant",
    "nickname", "photo credit", "draft comment", "mailbox user name", "minutes action",
})
# Rules that rest on one capitalised word with weak context: the context decides.
_WEAK_SINGLE = frozenset({
    "first name in a sentence", "first name before a verb", "first name", "speaker",
    "surname after a preposition", "surname as the subject of a verb", "role word",
})
# Reasons that tell what a name on the page is, whatever other mentions of it suggest.
# (not "named after a person")
# "Storm Ciarán", "storm Eunice"; not "Wouter Storm Bakker" (a surname Storm)
_STORM_NAME = re.compile(r"(?<!\p{Lu}\p{Ll}+[ ])\b[Ss]torm[ ](\p{Lu}\p{Ll}+)\b")
_SHOWN_ELSEWHERE = frozenset({"organisation", "named thing", "place", "character"})
# A role in a play or a film: "Hendrik Storm, gespeeld door ...", "Sem, wordt gespeeld door ...",
# "... speelt dochter Lotte".
_PLAYED_BY_AFTER = re.compile(r"[ ]?(?:,[ ]|\([ ]?)(?:wordt[ ])?(?:gespeeld|vertolkt)[ ]door\b")
_PLAYS_BEFORE = re.compile(
    r"\bspee(?:lt|lde|len)[ ](?:de[ ]rol[ ]van[ ])?(?:(?:zijn|haar|de)[ ])?(?:\p{Ll}+[ ])?$"
)
_CHRISTENED = re.compile(r"\b(?:gedoopt|doopten|doopte|vernoemd)[ ](?:tot|als)[ ][‘'\"“]$")
# A colour or a make right before a name: a vehicle ("een zwarte Mercedes", "Skoda Octavia").
_VEHICLE_BEFORE = frozenset({
    "zwarte", "witte", "grijze", "zilveren", "zilvergrijze", "blauwe", "rode", "groene", "gele", "donkere",
    "lichte", "skoda", "volkswagen", "vw", "toyota", "opel", "renault", "peugeot", "citroën", "citroen",
    "ford", "kia", "hyundai", "bmw", "audi", "fiat", "seat", "volvo", "nissan", "mazda", "tesla", "dacia",
    "mercedes", "mercedes-benz", "suzuki", "mitsubishi", "honda", "škoda",
})
# Makes that open a car's name and are no person's name ("Volkswagen Touran", "Mercedes-Benz
# Sprinter" in a vehicle table; not "Ford", "Mercedes", "Seat": names or words too).
_MAKES = frozenset({
    "volkswagen", "toyota", "renault", "peugeot", "citroën", "citroen", "skoda", "škoda", "hyundai",
    "mitsubishi", "volvo", "nissan", "mazda", "tesla", "dacia", "suzuki", "honda", "opel", "kia",
    "mercedes-benz", "bmw", "audi", "fiat", "iveco", "daf", "scania",
})
_COLOURS = frozenset({"zwarte", "witte", "grijze", "zilveren", "zilvergrijze", "blauwe", "rode", "groene",
                      "gele", "donkere", "lichte"})
# A work's title in quotes that holds the name: "'De Vrouw van Storm'".
_TITLE_OPENS = re.compile(r"[‘'\"“](?:De|Het|Een)[ ][^‘'\"“”’\n]{0,40}$")
_TUSSENVOEGSEL = frozenset({"tussenvoegsel + surname", "tussenvoegsel + capitalised word"})
_TOKEN = re.compile(r"[\p{L}][\p{L}'’.-]*")
_PUNCTUATION = ".,;:!?()[]{}\"“”‘’«»&/*"
_ARTICLE_BEFORE = re.compile(r"(?:^|[\s(])(?:de|het|een|the)[ \t]+$")
_COMPANY_AFTER = re.compile(
    r"[ \t]*(?:&[ \t]*(?:Zn|Zonen|Co|Partners)\b|B\.?V\.?(?!\w)|N\.?V\.?(?!\w)|V\.?O\.?F\.?(?!\w)"
    r"|Holding\b|Groep\b)"
)
_MUNICIPALITY_BEFORE = re.compile(
    r"(?i)(?:\bwethouders[ \t]+van|\bgemeenteraad[ \t]+van|\binwoners[ \t]+van|\bgemeente)[ \t]+$"
)
_COMPASS = frozenset({"Noord", "Zuid", "Oost", "West", "Centrum", "Midden", "Noordoost", "Noordwest",
                      "Zuidoost", "Zuidwest"})
_ORGANISATION_AND = re.compile(r"(\p{L}+)[ ]\p{Lu}[\p{L}-]+[ ]en[ ]$")  # "Waterschap Linge en "
# How a text ends where _ORGANISATION_AND matches ("$" matches before a last line break too).
_AND_BEFORE = (" en ", " en \n")
_WEATHER = frozenset({"storm", "orkaan", "hurricane"})  # "Storm Ciarán": a storm's name
_NEXT_LANGUAGE = re.compile(r"(?:,|[ \t]+en|[ \t]+of)[ \t]+(\p{Lu}\p{Ll}+)")  # "Frans en Turks"
_NEXT_WORD = re.compile(r"[ \t]+(\p{Lu}[\p{L}-]+)")
# Adjectives that open the name of an inn, a shop or a house ("De Gouden Leeuw", "Het Witte Paard").
_SIGN_ADJECTIVES = frozenset(
    "gouden zilveren witte rode zwarte groene blauwe gele grote kleine oude nieuwe vergulde drie twee".split()
)
_MONARCH_BEFORE = re.compile(r"(?i)(?:\bvan|majesteit|\bzijne|\bhare)[ \t]+$")
_AMPERSAND_AFTER = re.compile(r"[ \t]*&[ \t]*\p{Lu}")
_AMPERSAND_BEFORE = re.compile(r"\p{Lu}[\p{L}.'’-]*[ \t]*&[ \t]*$")
_APPOSITION = re.compile(r",[ \t]+(?:het|de|een)[ \t]+([\p{Ll}][\p{L}-]*)")
_HOUSE_NUMBER = re.compile(
    r"[ \t]+[1-9]\d{0,4}(?:[ -]?[A-Za-z]{1,2}\b|-\d{1,4})?(?=[ \t]*(?:[,;)\n]|$|\d{4}[ \t]?[A-Z]{2}\b))"
)
_CELL_GAP = re.compile(r"\t| {3,}")
_STREET_TAILS = ("straat", "str", "laan", "weg", "dijk", "plein", "gracht", "singel", "kade", "steeg",
                 "dreef", "pad", "hof", "markt", "wal", "erf", "park")
_STREET_HEADS = frozenset({"laan", "plein", "kade", "weg", "dijk", "singel", "gracht", "straatweg"})
# A place right after a postcode ("Postbus 18, 4849 ZG Dorst") or before a date ("Dorst, 3 februari").
_POSTCODE_BEFORE = re.compile(r"\b[1-9]\d{3}[ ]?[A-Z]{2}[ \t]+$")
_DATE_AFTER = re.compile(
    r",[ ]\d{1,2}[ ](?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    r"|december)\b"
)
_TEACHING = ("leraar", "lerares", "docent", "docente", "juf", "meester", "leerkracht", "les", "vak",
             "bijles", "cursus")
# Offices whose name ends like a teacher's and who teach nothing: "penningmeester Frans" is a person.
_NOT_TEACHING = ("penningmeester", "burgemeester", "wachtmeester", "havenmeester", "bouwmeester",
                 "ceremoniemeester", "kwartiermeester", "rentmeester", "dijkmeester")
# The rest of a firm's name after a trade that a hyphen leaves open, up to its legal form on the line:
# "-, Weg- en Waterbouw B.V.", "- en Installatietechniek BV".
_FIRM_ENUMERATION = re.compile(
    r"-,?(?:[ ]\p{Lu}[\p{L}]*-?,?){0,4}[ ](?:en|&)[ ]\p{L}+(?:[ ]\p{L}+)?"
    r"[ ](?:B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?)"
)
# The endings of street names that no surname has (a span ending so is a street named after someone).
_STREET_ENDS = (*_STREET_NAME_TAILS, "weg", "plantsoen", "boulevard", "strjitte")
_ROYAL = frozenset({"prinses", "koningin", "prins", "koning", "hertog", "hertogin", "sint"})
_LINKS = ("", "s", "e", "en", "n")  # the linking letters of a Dutch compound's head: "verkeer|s"


class _Lists:
    """Our own word lists, loaded once."""

    def __init__(self) -> None:
        self.organisations = own_list("organisation_nouns")
        self.things = own_list("thing_nouns")
        self.abroad = own_list("waters_and_abroad")
        self.languages = own_list("language_words")
        self.nouns = own_list("term_nouns")
        self.business_tails = own_list("business_tails")
        named_after = own_list("named_after_nouns")
        self.named_after = frozenset(w.split()[0] for w in named_after)
        self.named_after_tails = tuple(sorted(w.split()[0] for w in named_after if w.endswith("*")))
        self.appositions = self.organisations | {"concern", "organisatie"}
        self.terms: dict[str, bool] = {}  # memo of _is_term, bounded
        self._chains: tuple[str, ...] | None = None
        self._pairs: tuple[str, ...] | None = None

    def pairs(self, lex: Lexicons) -> tuple[str, ...]:
        """The listed names that join two names with "en" ("ot en sien")."""
        if self._pairs is None:
            self._pairs = tuple(o for o in lex.name_like_organisations if " en " in o)
        return self._pairs

    def chains_and_brands(self, lex: Lexicons) -> tuple[str, ...]:
        """The organisations of more than one word that read like a name ("albert heijn")."""
        if self._chains is None:
            self._chains = tuple(sorted(o for o in lex.name_like_organisations if " " in o))
        return self._chains


_LISTS: _Lists | None = None


def _lists() -> _Lists:
    global _LISTS
    if _LISTS is None:
        _LISTS = _Lists()
    return _LISTS


def drop_non_persons(text: str, results: list[RecognizerResult], lex: Lexicons) -> list[RecognizerResult]:
    """``results`` less the PERSON candidates that the words around them show to be no person;
    a candidate ending in "van het" + a term ("Harry Tupan-Zwaan van het Drents") is cut short."""
    if not results:
        return results
    lists = _lists()
    whys = [not_a_person(text, r, lex, lists) if r.entity_type == "PERSON" else "" for r in results]
    # What the page shows to be something else elsewhere ("VV Rood-Wit '62") is that on weak
    # evidence too ("Rood-Wit is meer dan een club": no person as the subject of a verb).
    pairs = list(zip(results, whys, strict=True))
    shown = {text[r.start : r.end] for r, why in pairs if why in _SHOWN_ELSEWHERE and (
        why != "organisation" or not any(_in_name_lexicon(w, lex) for w in text[r.start : r.end].split())
    )}  # not "Bakkerij Visser": Visser may be the baker too
    storms = {m.group(1) for m in _STORM_NAME.finditer(text)} if "torm " in text else set()
    kept = []
    for r, why in pairs:
        if storms and not why and r.entity_type == "PERSON" and text[r.start : r.end] in storms:
            why = "a storm's name on this page"  # "ROT Storm Ciarán" above "KNMI schrijft Ciarán"
        if why == "term before a name" and _cut_leading_term(text, r, lex):
            why = ""  # "wethouder Economie Priscilla Doornbosch": the portfolio, then her name
        if why == "organisation" and r.entity_type == "PERSON" and " van " in text[r.start : r.end]:
            cut = text.find(" van ", r.start, r.end)
            end, r.end = r.end, cut
            why = not_a_person(text, r, lex, lists)  # "dhr. Kok van Kok Events": the man, then his firm
            if why:
                r.end = end
            elif r.analysis_explanation is not None:
                r.analysis_explanation.append_textual_explanation_line(
                    f"cut before {text[cut + 1 : end]!r}: the firm the person is of"
                )
        if r.entity_type == "PERSON" and not why and shown and text[r.start : r.end] in shown:
            exp = r.analysis_explanation
            rule = (exp.pattern_name if exp is not None else None) or ""
            why = "thing named so on this page" if rule not in _PROTECTED else ""
        if r.entity_type == "PERSON" and not why and " " in text[r.start : r.end] and _organisation_elsewhere(
            text, r, lists
        ):
            why = "organisation named so on this page"  # "VV Kolping Boys" above "Kolping Boys kwam"
        if not why:
            if r.entity_type == "PERSON":
                _trim_term_tail(text, r, lex, lists)
            kept.append(r)
    return kept


def business_after(text: str, end: int) -> bool:
    """A firm's word right after ``end`` ("Advies", "Events", "Schoonmaakdiensten"): the name before
    it is a business's ("Van Rijswijk Advies"), not a person's."""
    tail = _NEXT_WORD.match(text, end)
    return tail is not None and _ends_with(tail.group(1), _lists().business_tails, True)


# Public bodies and legal forms that open an organisation's name, capitalised: never a person's name.
_PUBLIC_BODIES = frozenset({"Gemeente", "Provincie", "Waterschap", "Ministerie", "Stichting", "Vereniging"})


def _tail_of_listed_organisation(text: str, start: int, low_span: str, lex: Lexicons) -> bool:
    """The span ends an organisation's name that reads like a name, its first words before it
    ("Leger des" + "Heils")."""
    before = text[max(0, start - 30) : start].lower().split()
    if not before or text[start - 1 : start] != " ":
        return False
    return any(" ".join([*before[-k:], low_span]) in lex.name_like_organisations for k in range(1, 4))


def _region(word: str, lex: Lexicons) -> bool:
    """``word`` is a place or a region ("Drenthe", "Borger-Odoorn"), also with a point of the
    compass before it ("Midden-Nederland", "Zuid-Limburg")."""
    low = word.lower()
    for point in ("noord-", "zuid-", "oost-", "west-", "midden-", "noordoost-", "zuidoost-", "noordwest-",
                  "zuidwest-"):
        if low.startswith(point):
            low = low[len(point) :]
            break
    return low in lex.places or low in _PROVINCES


_PROVINCES = frozenset({
    "groningen", "friesland", "fryslân", "drenthe", "overijssel", "flevoland", "gelderland", "utrecht",
    "noord-holland", "zuid-holland", "zeeland", "noord-brabant", "brabant", "limburg", "nederland",
    "holland", "twente", "veluwe", "achterhoek"})


def not_a_person(text: str, r: RecognizerResult, lex: Lexicons, lists: _Lists | None = None) -> str:
    """Why the PERSON candidate ``r`` is no person ("" when nothing says so)."""
    lists = lists or _lists()
    exp = r.analysis_explanation
    rule = (exp.pattern_name if exp is not None else None) or ""
    if rule == SURNAME_AGAIN:
        return ""  # "van houten" where "jolanda van houten" is found: that name, not the town Houten
    span = text[r.start : r.end]
    low_span = span.lower()
    words = [w for w in (t.strip(_PUNCTUATION) for t in span.split()) if w]
    if _tail_of_listed_organisation(text, r.start, low_span, lex):
        return "organisation"  # "Karin Vos (KV), Leger des Heils": the end of an organisation's name
    if _inside_a_pair(text, r.start, r.end, lists.pairs(lex)):
        return "named thing"  # "Ot en Sien", "Aap Noot Mies": a name of two, listed as one thing
    if words and words[0].replace(".", "").upper() in ("VOF", "BV", "NV", "CV", "UA") and "." in span[:4]:
        return "organisation"  # "V.O.F. De Gouden Leeuw": a legal form opens the firm's name
    if len(words) > 1 and words[0].lower().endswith(("stichting", "vereniging", "corporatie", "coöperatie")):
        return "organisation"  # "Woonstichting Lingezegen" signing a letter, "Buurtvereniging De Berg"
    if len(words) > 1 and not rule.startswith(("sign-off", "declared")) and any(
        len(w) >= 5 and w[0].isupper() and w.isalpha() and not _in_name_lexicon(w, lex)
        and _ends_with(w.lower(), lists.organisations, True) for w in words[:-1]
    ):
        return "organisation"  # "gemachtigde Bouwkundig Adviesbureau Zijlstra": a firm's noun inside
    if len(words) > 1 and len(words[0]) >= 5 and words[0][0].isupper() and words[0].isalpha() and (
        words[0].lower() in lex.dictionary and words[0].lower() not in lex.interfixes
        and not _in_name_lexicon(words[0], lex) and _region(words[-1], lex)
        and not any(w.endswith(".") for w in words)  # not "Klacht J. de Boer": initials make it a name
        and (not _in_name_lexicon(words[-1], lex) or words[-1].lower() in _PROVINCES)
    ) and not rule.startswith(("sign-off", "declared")):
        return "organisation"  # "Vluchtelingenwerk Midden-Nederland", "Agrarisch Collectief Drenthe"
    if len(words) > 1 and words[0] in _PUBLIC_BODIES and not rule.startswith(("sign-off", "declared")):
        return "organisation"  # "Team Jeugd & Gezin" + break + "Gemeente Voorne aan Zee": not "gezin X"
    if len(words) >= 3 and words[0] in ("De", "Het", "'t") and words[1].lower() in _SIGN_ADJECTIVES:
        return "named thing"  # "De Gouden Leeuw", "Het Witte Paard": an inn, a shop, a house
    if len(words) == 2 and words[0] in ("De", "Het") and words[1].lower() in lex.roles:
        return "role"  # "Hoogachtend, De Staatssecretaris van Justitie": the office signs
    last = words[-1].lower() if words else ""
    if len(words) > 1 and len(last) > 7 and last.endswith(lists.named_after_tails) and not _in_name_lexicon(
        words[-1], lex
    ) and not (last.endswith(_PLACE_SURNAME_TAILS) and _INITIALS_WORD.fullmatch(words[0])):
        # (not "P. Ridderkerk": initials before a surname taken from a place, "-kerk")
        return "named after a person"  # "Dr. H.J. Kuiperskliniek", "Dr. Joast Halbertsmapriis"
    if firm_partner_after(text, r.end):
        return "organisation"  # "El Idrissi & Van Rossum Advocaten": a firm named after its partners
    street_after = _STREET_AFTER.match(text, r.end) if words else None
    if street_after is not None and _street_word(street_after.group(1), lex) and (
        # (the whole a known street, or no house number after it: not a row's name, then its street)
        not text.startswith(" ", street_after.end()) or not text[street_after.end() + 1 :][:1].isdigit()
        or text[r.start : street_after.end(1)].lower() in lex.streets
    ):
        return "street"  # "speelveld Jan Pieterszoon" + " Coenstraat": the street's last word after it
    if rule == "role word" and len(words) > 1 and all(
        w[:1].isupper() and not _in_name_lexicon(w, lex) and _dictionary_word(w.lower(), lex) for w in words
    ):
        return "term"  # "Beleidsadviseur Gebiedsprocessen Stikstof": a team's or a vacancy's field of work
    if rule == "initial + surname" and len(words) == 2 and len(words[0]) == 1 and (
        words[1].lower() in lex.dictionary and not _in_name_lexicon(words[1], lex)
    ):
        return "word"  # "domein I Openbare Ruimte": a numeral and an adjective, no initial without its dot
    if len(words) == 1 and rule in ("role word", "context phrase") and words[0].lower() in lex.streets and (
        not _in_name_lexicon(words[0], lex) and words[0].lower() not in lex.dictionary
    ):
        return "place"  # "gebiedsregisseur Stadshagen": a district that is also a street's whole name
    if len(words) == 1 and text.startswith("/", r.end) and text[r.end + 1 : r.end + 2].isupper() and (
        text[max(0, r.start - 12) : r.start].rstrip().lower().endswith(("wijkagent", "wijkmanager",
                                                                         "wijkregisseur", "wijkcoach"))
    ):
        return "place"  # "wijkagent Poelenburg/Peldersveld": the districts of a neighbourhood's officer
    if words and not words[0].isupper() and _MUNICIPALITY_BEFORE.search(
        text[max(0, r.start - 40) : r.start]
    ):
        return "place"  # "namens burgemeester en wethouders van Lindewaard," in a sign-off too
    joined = _ORGANISATION_AND.search(text, max(0, r.start - 50), r.start) if len(words) == 1 and (
        text.endswith(_AND_BEFORE, 0, r.start)  # what the pattern's end needs: a look first, most have none
    ) else None
    if joined is not None and _ends_with(joined.group(1).lower(), (lists or _lists()).organisations, True):
        return "organisation"  # "Waterschap Linge en Lek", also in a sign-off
    if rule == "context phrase" and len(words) > 1 and not _in_name_lexicon(words[0], lex) and _ends_with(
        words[0], (lists or _lists()).organisations, True
    ):
        return "organisation"  # "ten name van Belastingkantoor Maas en Linge", "t.a.v. Stichting De Brug"
    if rule.startswith("initials") and text[r.start - 1 : r.start] == " ":
        word_before, lower_before = _word_before(text[max(0, r.start - 40) : r.start])
        if lower_before and _ends_with(word_before, lists.things, lower_before):
            return "named thing"  # "in spreekkamer Annie M.G. Schmidt", "de veerboot J.H. Ebbens"
    if len(words) > 2 and (words[-2] == "in" or words[-3:-1] == ["in", "het"]) and (
        words[-1].lower() in lists.languages
    ):
        return "language"  # "het Juridisch Loket in het Tigrinya": a leaflet's language, not "in het Veld"
    if len(words) > 1 and words[-1].lower() in lists.business_tails and not (
        _in_name_lexicon(words[-1], lex) or rule.startswith("declared")
        or rule.startswith("sign-off") and words[-1].lower() not in _FIRMS_OF_PARTNERS
    ):  # (signing a letter too: "Ten Have & Brouwer Advocaten" under "Met vriendelijke groet,")
        return "organisation"  # "namens Van Dijk Advocaten", "Sprenger Juristen": a firm, whatever opens it
    if len(words) > 1 and _street_word(words[-1], lex) and not (
        words[-2] in ("van", "aan", "op", "uit", "in", "bij") and words[-1].islower()
    ):  # (not "mevr gerritsen van reigerstraat": a name, then where she lives; not "Brouwer-Ammerlaan")
        return "street"  # "aan de Frans Halsweg", "aan de Vincent van Goghweg": named after a person
    if text.startswith("-", r.end) and _FIRM_ENUMERATION.match(text, r.end):
        return "organisation"  # "Kok Grond-, Weg- en Waterbouw B.V.": a firm's trades, its legal form
    joined = span.replace("-\n", "") if "-\n" in span else ""
    compound = joined and dutch_noun(joined.lower(), lex.dictionary, shortest=4, linking_s=False)
    if compound and not (
        _in_name_lexicon(joined[:1].upper() + joined[1:].lower(), lex)  # "Hoek-" + break + "stra"
    ):
        return "Dutch word"  # "teamleider Informatiebe-" + break + "heer": a word hyphenated at a line end
    if rule in _PROTECTED or rule.startswith(("sign-off", "initials", "declared")):
        return ""
    if not words:
        return ""
    names = [w for w in words if w.lower() not in lex.interfixes]
    if not names or any(w.isupper() and len(w) > 1 for w in names) or len(names[0]) == 1:
        return ""  # initials ("ER", "GJV", "J Jansen") are judged elsewhere; not "Tjon A Fong"
    if lex.dictionary and all(
        w.lower() in lex.dictionary and not _in_name_lexicon(w[:1].upper() + w[1:], lex) for w in names
    ):
        return "Dutch word"  # "Wagenpark", "Facilitair", "Particulier": a word that no name list holds
    before = text[max(0, r.start - 40) : r.start]
    after = text[r.end : r.end + 40]
    word_before, lower_before = _word_before(before)
    make = 1 if len(names) > 2 and names[1].lower() in _MAKES and names[0].lower() in lex.dictionary else 0
    if (1 < len(names) - make <= 3 or len(names) == 1 and not _in_name_lexicon(names[0], lex)) and (
        len(names) == len(words) and names[make].lower() in _MAKES
    ):  # (alone too: "bestuurder Toyota (G. Brouwer)")
        return "named thing"  # "Volkswagen Touran", "Personenauto<tab>Mercedes-Benz Sprinter": a car
    if word_before == "het" and lower_before and len(names) > 1 and words[0][:1].isupper():
        return "named thing"  # "gaat nu naar het Helen Parkhurst": a school, a hall; a person takes no "het"
    if word_before == "wet" and not lower_before and len(names) == 1:
        return "named thing"  # "de Wet Victoria", "Wet Bibob": a law's name
    if len(names) > 1 and word_before in lists.named_after and not lower_before and (
        before.rstrip(" \t")[-1:].isalpha()
    ):
        return "named after a person"  # "Sportpark Gerrit Mulder", "Stadion Abe Lenstra"
    if word_before in _FIRM_BEFORE and not lower_before or before.endswith(("Gebr. ", "Fa. ")):
        return "organisation"  # "Boomverzorging Gebr. Van Ginkel", "(Taxi Van der Linden)": a family's firm
    if word_before == "te" and lower_before and len(names) == 1:
        return "place"  # "geboren op 10-03-1991 te Asmara", "wonende te Dongeveld": a place, no person
    if word_before in ("storm", "orkaan", "hurricane") and len(names) == 1:
        return "named thing"  # "ROT Storm Ciarán": a storm's name, and so wherever it recurs on the page
    if word_before in _VEHICLE_BEFORE and len(words) == len(names) <= 2 and lower_before == (
        word_before in _COLOURS
    ):
        return "named thing"  # "(zwarte Mercedes, 72-KDB-3)", "Skoda Octavia Combi": a car
    if words[0] in ("al", "el") and lower_before and span[:2] in ("al", "el"):
        return "Dutch word"  # "ik heette al Bakker": "al" is "already" here, no Arabic particle
    if _PLAYED_BY_AFTER.match(after) or _PLAYS_BEFORE.search(before):
        return "character"  # "Hendrik Storm, gespeeld door Joris van 't Zelfde": a role, not a person
    if after[:1] in ("'", "’", '"', "”") and (_TITLE_OPENS.search(before) or _CHRISTENED.search(before)):
        return "named thing"  # "'De Vrouw van Storm'": the title of a work; a boat "gedoopt tot '...'"
    if word_before in _CLUB_BEFORE and not lower_before and before.rstrip(" \t")[-1:].isalpha():
        return "organisation"  # "WC De Dollard", "Team Kok Fietsen", "RTC Veenkoloniën": a club or team
    if len(names) > 1 and not _CELL_GAP.search(span) and (
        names[0].lower() in _WEATHER or not _in_name_lexicon(names[0], lex) and (
        names[0].lower() in lists.things or names[0].lower() in lists.organisations
        or len(names[0]) >= 10 and _ends_with(names[0], lists.organisations, True)  # "Belastingkantoor Maas"
    )
    ):
        # "Hofje van Bakker", "Storm Ciarán"; "Koor Looft den Heer", "Aannemerscombinatie Waalkracht"
        thing = names[0].lower() in lists.things or names[0].lower() in _WEATHER
        return "named thing" if thing else "organisation"
    if (rule in _WEAK_SINGLE or len(names) == 1) and word_before in ("en", "of") and lower_before:
        # "de groepen Uk en Puk", "Waterschap Linge en Lek"
        first = before.rstrip(" \t")[: -len(word_before)]
        other, lower_other = _word_before(first)
        if other and not lower_other:
            earlier, lower_earlier = _word_before(first.rstrip(" \t")[: -len(other)])
            if _ends_with(earlier, lists.things, lower_earlier) or _ends_with(
                earlier, lists.organisations, lower_earlier
            ):
                return "named thing"
    if len(words) == 2 and words[0] in ("te", "uit") and _is_place(words[1], lex, lists):
        return "place"  # "advocaat te Haarlem": where the office is
    if len(names) == 1 and "-" in names[0] and names[0].rsplit("-", 1)[1] in _COMPASS:
        return "place"  # "Spoorzone-Noord", "Kanaleneiland-Zuid": an area, a project
    if span == "Jan" and after.startswith(" en alleman"):
        return "idiom"  # "voor Jan en alleman"
    if len(names) == 1 and (_POSTCODE_BEFORE.search(before) or _DATE_AFTER.match(after)):
        return "place"  # "4849 ZG Dorst", "Dorst, 3 februari 2025": where, not who
    if _named_after(text, r.end, names, lex, lists):
        return "named after a person"  # "Abe Lenstra Stadion", "Willem Dreeszaal", "Koolen-prijs"
    if rule in _WEAK_SINGLE and word_before and not lower_before:  # "de band Kapitein Storm", "Dikke Dirk"
        earlier, lower_earlier = _word_before(before[: len(before.rstrip(" \t")) - len(word_before)])
        if _ends_with(earlier, lists.organisations, lower_earlier) or _ends_with(
            earlier, lists.things, lower_earlier
        ):
            return "named thing"

    if _is_street(span, names, after) or _street_name(names[-1], lex) or len(names) >= 2 and (
        " te " in span and _street_name(names[0], lex)  # "op de Zwolseweg te Apeldoorn"
    ) or len(words) >= 2 and (
        words[0].lower() in _STREET_HEADS and words[1] in ("van", "der", "de") or len(names) == 2
        and names[-1].lower() in _STREET_TAILS and names[0] not in lex.first_names
    ):  # "Laan van Meerdervoort", "Gedempte Gracht"
        return "street"  # A: "Kloosterstr 4", "Vasco da Gamalaan   Boom", "aan de Thorbeckegracht"
    if _ends_with(word_before, lists.organisations, lower_before) or _COMPANY_AFTER.match(after) or (
        len(names) > 1 and not _in_name_lexicon(names[0], lex)
        and _ends_with(names[0], lists.organisations, True) and (
            _is_term(names[0], lex, lists) or len(names[0]) >= 8  # "Expertisebureau Crawford"
        )
    ) or len(names) > 1 and words[-2].lower() not in lex.interfixes and (
        names[-1].lower() in lists.organisations or _ends_with(
        names[-1], lists.organisations, True) and not _in_name_lexicon(names[-1], lex)
    ):  # "Van Helvoirt Groep", "Sophia Revalidatie"
        return "organisation"  # B
    if business_after(text, r.end) or len(names) > 1 and (
        _ends_with(names[-1], lists.business_tails, True) and not _in_name_lexicon(names[-1], lex)
    ):
        return "organisation"  # "Van Rijswijk Advies", "Ter Haar Events", "Femke Huijbregts Interim"
    if (names[0] not in lex.first_names or rule in _TUSSENVOEGSEL or rule in _WEAK_SINGLE) and (
        _AMPERSAND_AFTER.match(after) or _AMPERSAND_BEFORE.search(before)
    ):
        return "organisation"  # "Van Kempen & Ligtvoet", "Stam & De Graaf": a firm's partners
    if low_span.startswith(lists.chains_and_brands(lex)) and any(
        low_span == chain or low_span.startswith(chain) and _brand_goes_on(low_span[len(chain) :], lex)
        for chain in lists.chains_and_brands(lex)
    ):
        return "organisation"  # "Albert Heijn Culemborg"; not "Bart Smit-van Leeuwen" (the toy shop)
    m = _APPOSITION.match(after)
    if m and _ends_with(m.group(1), lists.appositions, True):
        return "organisation"
    quoted = before.endswith(_OPENING_QUOTES)  # 'Zeilboot "Maria Hendrika"': a thing's name in quotes
    comma = before.rstrip(" \t").endswith(",")
    if _ends_with(word_before, lists.things, lower_before or quoted) or comma and (
        _lowercase_thing_before_comma(before, lists)
    ):  # D: "motorvrachtschip Johanna Maria", "uw hond, Bobbie," (not "Storm, Van der Wal")
        return "named thing"
    if low_span.endswith(("de koning", "de koningin")) and _MONARCH_BEFORE.search(before):
        return "the monarch"  # "namens Zijne Majesteit de Koning", "Commissaris van de Koning"
    if word_before in _ROYAL and not lower_before:  # "de coaster Prinses Margriet"
        earlier, lower_earlier = _word_before(before[: before.lower().rfind(word_before)])
        if _ends_with(earlier, lists.things, lower_earlier):
            return "named thing"
    low = [w.lower() for w in names]
    next_language = _NEXT_LANGUAGE.match(after)
    if len(names) == 1 and low[0] in lists.languages and (
        _ends_with(word_before, _TEACHING, lower_before) and not word_before.endswith(_NOT_TEACHING)
        or rule.startswith("listed with")
        or word_before in lists.languages
        or next_language is not None and next_language.group(1).lower() in lists.languages
    ):
        return "language"  # "lerares Frans"; "Elena Ivanova, Bulgaars paspoort ..."
    if names[0] in ("Aan", "Naar") and len(words) > 1 and words[1] in ("de", "het"):
        return "address line"  # "Aan de Burgemeester van ..."
    if len(names) == 1 and lower_before and (word_before in ("van", "gemeente")) and (
        _MUNICIPALITY_BEFORE.search(before) is not None
    ):
        return "place"  # "burgemeester en wethouders van Westmaasland", "gemeente Dijkerland"
    if _of_a_place(words, lex, lists):
        return "thing of a place"  # "Ronde van Italië", "Cultuurgoederen van de Nationale"
    if rule == "e-mail header":  # a mailbox's name: "Aan: Klantcontact", only when every word is a term
        return "term" if all(_is_term(w, lex, lists) and not _in_name_lexicon(w, lex) for w in names) else ""
    if len(names) == 1 and rule in _WEAK_SINGLE - {"role word"} and _ARTICLE_BEFORE.search(before):
        return "noun after an article"  # "de Maas", "het Drents"
    if len(names) == 1 and rule in _WEAK_SINGLE and low[0] in lists.abroad:
        return "water or place abroad"  # "Stand Maas bij Venlo", "waterschap Aa en Maas"
    if rule in _TUSSENVOEGSEL:
        tail = " ".join(low)
        particle = span.split(None, 1)[0]
        # "de Lek", "Den Bosch", "haven van Antwerpen"; not "Van Beek" (a capital "Van" is a surname's)
        # nor "met van der Sluis"
        of_place = particle in ("de", "den", "te") or particle == "van" and lower_before and (
            word_before not in lex.stop_words  # "de haven van Antwerpen", not "met van Geffen"
        )
        if of_place and len(words) == 2 and (tail in lex.places or tail in lists.abroad) or (
            span.lower() in lists.abroad
        ):
            return "place"
        if all(_is_term(w, lex, lists) and w not in lex.surnames and w not in lex.interfix_surnames
               for w in names):
            return "term"  # "van De Regenboog"
        return ""
    surname_shaped = words[0].lower() in lex.interfixes and words[0][:1].isupper()  # "Van der Kraan"
    if not surname_shaped and all(
        (_is_place(w, lex, lists) or _is_term(w, lex, lists)) and not _in_name_lexicon(w, lex) for w in names
    ):
        return "place or term"  # "Zonnepark Middenmeer", "Woonstad Rotterdam", "Vergunningen"
    if len(names) > 1 and not _in_name_lexicon(names[0], lex) and low[0] not in lex.stop_words and (
        _is_term(names[0], lex, lists) or _is_place(names[0], lex, lists)
    ) and rule not in ("first name + surname",):
        return "term before a name"  # "Verkeersveiligheid Kerkdijk", "Ronde van Italië"
    last = names[-1]
    if len(names) > 1 and last.lower().endswith(_STREET_NAME_TAILS) and not _in_name_lexicon(last, lex):
        return "street"  # "Vasco da Gamalaan", "Anna Paulownaplein": a street named after a person
    return ""


def _cut_leading_term(text: str, r: RecognizerResult, lex: Lexicons) -> bool:
    """Start ``r`` at its second word where the first is a term and a known first name follows it
    with at least one more word ("Economie Priscilla Doornbosch"); False when it does not read so."""
    span = text[r.start : r.end]
    words = span.split(" ")
    if len(words) < 3 or words[1] not in lex.first_names or "\t" in span or "\n" in span:
        return False
    r.start += len(words[0]) + 1
    return True


def _named_after(text: str, end: int, names: list[str], lex: Lexicons, lists: _Lists) -> bool:
    """A name that names a building, room, prize or fund: the next word ("Abe Lenstra Stadion"), the
    name's last word ("Johan Cruijff Court") or its tail ("Willem Drees|zaal", "Wim
    Koolen-vrijwilligersprijs", "het Leen Bakker-pand", and "Koolen" before "-prijs")."""
    last = names[-1]
    low = last.lower()
    head, dash, written = last.rpartition("-")
    if not dash and text.startswith("-", end):  # the span stops before "-prijs"
        m = _TOKEN.match(text, end + 1)
        head, dash, written = last, "-", (m.group() if m else "")
    tail = written.lower()  # in lower case as written: "Koolen-prijs", not "Achterhoek-Veld"
    if dash and head and tail and written[:1].islower() and tail not in lex.interfixes and (
        tail in lists.named_after or tail.endswith(lists.named_after_tails)
    ):
        return True
    if len(names) > 1 and not _in_name_lexicon(last, lex) and (
        low in lists.named_after
        or any(low.endswith(t) and len(low) >= len(t) + 3 for t in lists.named_after_tails)
        and not (low.endswith(_PLACE_SURNAME_TAILS) and _INITIALS_WORD.fullmatch(names[0].rstrip(".")))
    ):
        return True
    if len(names) > 1 and text[:end].rstrip().rsplit(None, 2)[-2:-1] in (["van"], ["het"], ["de"]):
        return False  # "Harry Tupan-Zwaan van het Drents" Museum: the name is cut there later
    after = _NEXT_WORD.match(text, end)
    if after is None:
        return False
    following = after.group(1).lower()  # "Abe Lenstra Stadion", "Jan Ligthart|prijs"
    return following in lists.named_after or following.endswith(lists.named_after_tails)


def _organisation_elsewhere(text: str, r: RecognizerResult, lists: _Lists) -> bool:
    """Another mention of the same words on the page stands after an organisation noun ("VV Kolping
    Boys", "stichting De Brug"); only for candidates on weak evidence."""
    exp = r.analysis_explanation
    rule = (exp.pattern_name if exp is not None else None) or ""
    if rule in _PROTECTED or rule.startswith("sign-off"):
        return False
    span = text[r.start : r.end]
    if text.count(span) < 2:
        return False  # no other mention (most candidates): nothing to look at
    at = text.find(span)
    while at >= 0:
        if at != r.start:
            word, lower = _word_before(text[max(0, at - 40) : at])
            if word and _ends_with(word, lists.organisations, lower):
                return True
        at = text.find(span, at + 1)
    return False


def _lowercase_thing_before_comma(before: str, lists: _Lists) -> bool:
    """ "uw hond, " before the name: a thing noun in lower case, then a comma."""
    word, lower = _word_before(before.rstrip(" \t")[:-1] + " ")
    return lower and _ends_with(word, lists.things, True)


def _of_a_place(words: list[str], lex: Lexicons, lists: _Lists) -> bool:
    """ "<term> van (de|het) <place>": "Ronde van Italië", "Burgemeester van Kerkrade"."""
    if len(words) < 3 or words[1] != "van" or words[0] in lex.first_names:
        return False
    last = words[-1]
    return _is_term(words[0], lex, lists) and _is_place(last, lex, lists) and all(
        w in ("de", "het") for w in words[2:-1]
    ) and last not in lex.first_names and last not in lex.surnames  # "van Spanje" may be a surname's tail


def _trim_term_tail(text: str, r: RecognizerResult, lex: Lexicons, lists: _Lists) -> None:
    """Cut "Harry Tupan-Zwaan van het Drents" (Museum) and "Koç, M. (Sneek)" back to the name."""
    span = text[r.start : r.end]
    if span.endswith(")"):
        at = span.rfind(" (")
        inside = span[at + 2 : -1]  # "(Sneek)", not a given name "(Linde)"
        if at > 0 and inside not in lex.first_names and (
            inside.lower() in lex.places or inside.lower() in lists.abroad
        ):
            r.end = r.start + at
            return
    for sep in (" van het ", " van de "):
        at = span.find(sep)
        if at <= 0:
            continue
        head = [w for w in _TOKEN.findall(span[:at]) if len(w.rstrip(".")) > 2]
        tail = [w.rstrip(".") for w in _TOKEN.findall(span[at + len(sep) :])]
        if len(head) >= 2 and tail and all(
            _is_term(w, lex, lists) and not _in_name_lexicon(w, lex) for w in tail
        ):
            r.end = r.start + at
            return


def _inside_a_pair(text: str, start: int, end: int, pairs: tuple[str, ...]) -> bool:
    """``start:end`` lies inside one of ``pairs`` as the text writes it ("Met Ot en Sien")."""
    for pair in pairs:
        window_start = max(0, start - len(pair))
        at = text[window_start : end + len(pair)].lower().find(pair)
        if at >= 0 and window_start + at <= start and end <= window_start + at + len(pair):
            return True
    return False


def _brand_goes_on(rest: str, lex: Lexicons) -> bool:
    """What follows a brand's name in a candidate continues the brand ("Albert Heijn| Culemborg",
    "Douwe Egberts|-automaat"), not a person's double surname ("Bart Smit|-van Leeuwen")."""
    if rest[:1] in (" ", "\t", "\n"):
        return True
    word = rest[1:].split(" ", 1)[0].split("-", 1)[0]
    return rest[:1] == "-" and bool(word) and word not in lex.interfixes and not word[:1].isupper()


_OPENING_QUOTES = ('"', "“", "„", "‘", "'")


def _word_before(before: str) -> tuple[str, bool]:
    """The word right before a candidate (lowercased), and whether it was written in lower case; an
    opening quote between them is passed over (the sloep "Anna-Lisa": a name in quotes)."""
    if before.endswith(_OPENING_QUOTES):
        before = before[:-1] + " "
    end = len(before.rstrip(" \t"))
    if end == len(before):
        return "", False
    at = end
    while at > 0 and (before[at - 1].isalpha() or before[at - 1] == "-"):
        at -= 1
    while at < end and not before[at].isalpha():  # a word starts with a letter
        at += 1
    word = before[at:end]
    return (word.lower(), word[:1].islower()) if word else ("", False)


_ENDINGS: dict[tuple[str, int, bool], bool] = {}  # memo of _ends_with (the lists live as long)


def ends_in_noun(word: str, nouns: Collection[str]) -> bool:
    """``word`` is one of ``nouns`` or a compound ending in one ("zeil|boot", "Vast|goed"), memoised."""
    return _ends_with(word, nouns, True)


def _ends_with(word: str, nouns: Collection[str], compound: bool) -> bool:
    """``word`` is one of ``nouns`` or, with ``compound``, a compound ending in one
    ("installatie|bedrijf"); a capitalised word before a name may be a name ("Koenraad")."""
    if not word:
        return False
    key = (word, id(nouns), compound)
    known = _ENDINGS.get(key)
    if known is None:
        if len(_ENDINGS) > 50_000:
            _ENDINGS.clear()
        known = _ENDINGS[key] = _judge_ending(word.lower(), nouns, compound)
    return known


def _judge_ending(word: str, nouns: Collection[str], compound: bool) -> bool:
    if word in nouns:
        return True
    if not compound:
        return False
    for i in range(3, len(word) - 2):
        if word[i:] in nouns:
            return True
    return False


def dutch_noun(low: str, dictionary: Collection[str], shortest: int = 3, linking_s: bool = True) -> bool:
    """A Dutch word, or a compound of two ("trapliften": "trap" + "liften"), in ``dictionary``; the
    first part ``shortest`` letters or more, with the linking s of a compound where ``linking_s``
    ("omgevings" + "loket")."""
    return low in dictionary or any(
        (low[:i] in dictionary or linking_s and low[i - 1] == "s" and low[: i - 1] in dictionary)
        and low[i:] in dictionary
        for i in range(shortest, len(low) - 3)
    )


_FIRMS_OF_PARTNERS = frozenset({"advocaten", "notarissen", "accountants", "makelaars", "architecten",
                                "adviseurs", "partners", "advocatuur"})
_STREET_AFTER = re.compile(r"[ ](\p{Lu}\p{Ll}+)\b")
_FIRM_PARTNER_AFTER = re.compile(
    r"[ ]?&[ ](?:Zn\.?|Zonen"
    r"|(?:(?:[Vv]an|[Dd]e|[Tt]er|[Dd]en)[ ])*\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+)?[ ]"
    r"(?:Advocaten|Advocatuur|Notarissen|Accountants|Partners|Advies|Adviseurs|Makelaars|Architecten|Zonen"
    r"|Zn\.?|B\.V\.|BV|V\.O\.F\.|VOF)\b)"
)


def firm_partner_after(text: str, end: int) -> bool:
    """A partner and a firm's noun after a name that ends at ``end``: "El Idrissi" + " & Van Rossum
    Advocaten", "Jansen" + " & Zn." (a firm named after its partners, not a person)."""
    return "&" in text[end : end + 3] and _FIRM_PARTNER_AFTER.match(text, end) is not None


def _street_word(word: str, lex: Lexicons) -> bool:
    """A street's last word ("Halsweg", "Goghweg", "Coenstraat"): a word ending as streets do, longer
    than the ending, no double name's half ("Brouwer-Ammerlaan") and no one's name."""
    low = word.lower()
    return "-" not in word and any(low.endswith(e) and len(low) >= len(e) + 4 for e in _STREET_ENDS) and (
        not _in_name_lexicon(word, lex)
    )


def _dictionary_word(low: str, lex: Lexicons) -> bool:
    """``low`` is in the Dutch word list, or two of its words joined, with or without a linking s
    ("gebiedsprocessen": gebied + s + processen)."""
    if low in lex.dictionary:
        return True
    for i in range(4, len(low) - 3):
        if low[i:] in lex.dictionary and (
            low[:i] in lex.dictionary or low[i - 1] == "s" and low[: i - 1] in lex.dictionary
        ):
            return True
    return False


def _in_name_lexicon(word: str, lex: Lexicons) -> bool:
    return word in lex.first_names or word in lex.surnames or word in lex.interfix_surnames


def _is_place(word: str, lex: Lexicons, lists: _Lists) -> bool:
    low = word.lower()
    return low in lists.abroad or low in lex.places


def _is_term(word: str, lex: Lexicons, lists: _Lists) -> bool:
    """A Dutch noun, a plural of one, a compound of two, a role or language word: "Klantcontact"."""
    known = lists.terms.get(word)
    if known is None:
        if len(lists.terms) > 50_000:
            lists.terms.clear()
        known = lists.terms[word] = _judge_term(word, lex, lists)
    return known


def _judge_term(word: str, lex: Lexicons, lists: _Lists) -> bool:
    low = word.lower()
    if low in lex.stop_words or low in lex.non_names or low in lex.roles or low in lists.languages:
        return True
    if _noun(low, lex, lists):
        return True
    for i in range(3, len(low) - 3):
        if _noun(low[i:], lex, lists) and any(
            low[:i].endswith(link) and _noun(low[: i - len(link)], lex, lists, head=True) for link in _LINKS
        ):
            return True
    return False


def _noun(low: str, lex: Lexicons, lists: _Lists, head: bool = False) -> bool:
    if len(low) < (3 if head else 4) or low in lex.stop_words:
        return False
    if low in lists.nouns or low in lex.roles or (low in lex.vocabulary and not head):
        return True
    if head:
        return False
    for plural in ("en", "s"):  # "vergunningen", "projecten"
        stem = low[: -len(plural)]
        if low.endswith(plural) and (stem in lists.nouns or stem in lex.vocabulary):
            return True
    return False


_ALWAYS_STREET = (
    "straat", "gracht", "plein", "singel", "kade", "steeg", "dreef", "brug", "tunnel", "viaduct",
)


def _street_name(word: str, lex: Lexicons) -> bool:
    """A word that names a street on its own: a compound ending in a street word that no surname
    ends in ("Thorbeckegracht", "Albert Cuypstraat", "Kanaaldijk" when the BAG knows it)."""
    low = word.lower()
    if word in lex.surnames or word in lex.interfix_surnames:
        return False
    if low.endswith(_ALWAYS_STREET) and len(low) > 8:
        return True
    return low in lex.streets and low.endswith(_STREET_TAILS) and len(low) > 7


def _is_street(span: str, names: list[str], after: str) -> bool:
    """A street with its house number after it, or a table row that runs a street into the next cell."""
    streetish = [w for w in names if w.lower().endswith(_STREET_TAILS)]
    if not streetish:
        return False
    return bool(_CELL_GAP.search(span)) or bool(_HOUSE_NUMBER.match(after))
