"""Dutch postcodes (NL_POSTCODE) and the place that follows one in an address block (LOCATION).

Legal basis: a postcode with a house number identifies a home (AVG art. 4(1)); withheld under
art. 5.1.2e Woo. Format: four digits (first not 0), optional space, two capitals; the letter pairs
SA, SD and SS are never issued. Text from PDFs and OCR may hold up to three blanks of any kind
between the digits and the letters (two spaces, a tab, a no-break space U+00A0 or U+202F). The
place after the postcode ("1234 AB  Utrecht", or on the next line) is reported as LOCATION when it
is a known Dutch place or an upper-case place name.

Fictitious examples: "1234 AB Utrecht", "9999ZZ", "2511 VX\\nDen Haag", "1234  AB", "1234\\tAB";
not "1234 SS", "2020 EN", "Postbus 20018, 2500 EA Den Haag" (an organisation's PO box).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import make_result, words_before
from recognizers.lexicons import lexicons, own_list
from recognizers.scanning import (
    WORD_CHARS,
    digit_runs,
    matches_at,
    may_hold,
    page_lowered,
    starts_of_openings,
)
from recognizers.table_columns import column_cells, may_hold_table

# Blanks between the digits and the letters: a space, or what PDF extraction and OCR leave there.
BLANK = "[ \t\u00a0\u202f\u2007\u2009]"
# The leading lookahead restates the shape (four digits, two capitals) to reject positions cheaply;
# the regex module does that twice as fast as re (with re's \w spelled out: see scanning).
# (also glued to its label by PDF extraction: "Postcode5021EX")
POSTCODE = regex.compile(
    rf"(?=[1-9]\d{{3}}{BLANK}{{0,3}}[A-Z]{{2}})(?:(?<![{WORD_CHARS}.,/-])|(?<=(?i:postcode)))"
    rf"([1-9]\d{{3}})({BLANK}{{0,3}})(?!SA|SD|SS)([A-Z]{{2}})(?![{WORD_CHARS}-])"
)
# The same in lower or mixed case ("7411  hv  Deventer", "3062  Nv" from OCR): taken only below or
# after a street and number and before a known place; never a two-letter word ("2020 en Utrecht").
POSTCODE_LOWER = regex.compile(  # the shape first (a cheap scan), as POSTCODE does
    rf"(?=[1-9]\d{{3}}{BLANK}{{0,3}}[a-zA-Z]{{2}})"
    rf"(?<![{WORD_CHARS}.,/-])([1-9]\d{{3}})({BLANK}{{0,3}})(?![A-Z]{{2}})([a-zA-Z]{{2}})(?![{WORD_CHARS}-])"
)
# How the two largest cities are shortened in handwriting and notes.
_PLACE_ABBREVIATIONS = {"r'dam": "rotterdam", "a'dam": "amsterdam"}
_COUNTRY_IN_BRACKETS = regex.compile(r"[ ]\((\p{Lu}[\p{L} -]{2,30})\)")
_COUNTRIES = own_list("countries")
# "Postcode en woonplaats:", "Postcode / woonplaats:", "Postcode + plaats"
_POSTCODE_LABEL_BEFORE = regex.compile(
    r"(?i)\bpostcode(?:[ ]*(?:en|/|\+|&)[ ]*(?:woon)?plaats)?[ \t]*[:\t][ \t]*$"
)
_LOWER_WORDS = frozenset("en in op te of om de na al ik je we ze zo nu ja is er uw ad id".split())
_STREET_LINE = regex.compile(  # (in a chat in lower case too: "ze woont nu op dr. schaepmanstraat 14b,")
    r"(?:[A-ZÀ-Þ][\w'’.-]*(?:[ ][\w'’.-]+){0,3}|(?<![\w.])(?:[a-z]{1,5}\.[ ])?[a-z][a-zà-ÿ'’-]*"
    r"(?:straat|laan|weg|plein|gracht|kade|singel|steeg|hof|dreef|dijk|pad))[ \t]+[1-9]\d{0,4}"
    r"(?:[ \t]?[a-zA-Z]{0,2}|[ \t]bis|-\w{1,3})[ \t]*,?[ \t]*$"
)
# The headings of a table's column of places where people live, and what such a cell may hold.
PLACE_COLUMNS = frozenset({"woonplaats", "plaats", "wijk", "woonwijk", "buurt", "wijk/buurt", "dorp",
                           "kern", "woonkern"})
_COLUMN_PLACE = regex.compile(r"(?:['‘’]s-)?\p{Lu}[\p{L}'’ -]{1,40}")
# What can follow a postcode's four digits: a blank, or the first of its two capitals.
_AFTER_DIGITS = frozenset(" \t\u00a0\u202f\u2007\u2009ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_AFTER_DIGITS_LOWER = frozenset(  # (in lower or mixed case)
    " \t\u00a0\u202f\u2007\u2009abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)
# Between a postcode and its place: blanks, a line break, a form's "|" or "/" ("3572 BJ / Utrecht"), or a
# CSV export's ";" ("3531 CK;Utrecht").
_PLACE_SEPARATOR = rf"(?:{BLANK}{{1,4}}|{BLANK}*\n{BLANK}*|{BLANK}*[|/;]{BLANK}*)"
_PLACE = (
    r"((?:['‘’][sStT][ -]|(?P<article>de |den |het )|[12]e[ ])?"  # ("2e Exloërmond": an ordinal)
    r"[A-ZÀ-Þ][\w'’-]*(?:(?:[ ]{1,2}|-)(?:[a-z]{2,3}[ -]){0,2}[A-ZÀ-Þ][\w'’-]*){0,3})"  # "Den  Haag": OCR
)
PLACE_AFTER = re.compile(
    _PLACE_SEPARATOR + _PLACE + r"(?=[ \t]*(?:[,.;)]|\n|$))"
)
# A place that prose goes on after ("2023 CG Haarlem en heb ..."): taken when it is a known place.
PLACE_IN_PROSE = re.compile(_PLACE_SEPARATOR + _PLACE)
PO_BOX = re.compile(r"(?i)(?:postbus|antwoordnummer|p\.?o\.? box)[ \t]*\d{1,6}[ \t,|]*\n?[ \t|]*$")
# A labelled place in a form, at the start of a line or after a wide gap ("Postcode: 7521 RW
# Plaats: Enschede"): "Woonplaats: Utrecht", "Geboorteplaats\tIJsselstein"; or, where a
# PDF's table or a scan puts it on a line of its own, below the label, past OCR specks on the lines
# between ("Woonplaats:\n-\nAmsterdam"): then only a known place.
PLACE_LABEL = re.compile(
    r"(?im)(?:^|(?<=[ \t][ \t])|(?<=\t))[ \t]*"
    r"(?:woonplaats|plaats|geboorteplaats|vestigingsplaats|place of residence)"
    # a colon or tab, or (a form as OCR or a PDF reads it) blanks: one before a known place only
    r"(?:[ \t]*[:\t]|(?P<gap>[ ]{2,}|[ ](?=['‘’A-ZÀ-Þ])))[ \t]*"
    r"(?P<below>\n(?:[ \t]*\S{0,2}[ \t]*\n){0,6}[ \t]*)?"
    r"(?P<place>(?:['‘’][sStT][ -])?[A-ZÀ-ÞŁŚŹŻŽŠČĆŘĐ][\w'’-]*"
    r"(?:[ -](?:[a-z]{2,3}[ -])?[A-ZÀ-Þ][\w'’-]*){0,3})"
    r"(?:[ ]\([^()\n]{2,30}\))?"  # its country in brackets: "Łódź (Polen)"
    r"(?:[ \t]*$|(?=\t))"  # the line's end, or the next field's tab ("Woonplaats<tab>Rotterdam<tab>Telefoon")
)
_SIGNED_AT = re.compile(r"(?i)[ \t]*plaats\b")  # "Plaats", not "Woonplaats"
# The date's label below the place, or in the next field on its line.
# Or the date's field before it on its line: "Datum:06-02-2024            Plaats:Wirdum".
_DATE_LABEL_BEFORE = re.compile(
    r"(?i)\b(?:datum|date)[ \t]*:?[ \t]*[\dlO]{1,2}[-./ ][\w]{1,9}[-./ ][\dlO]{2,4}[ \t]+$"
)
_DATE_LABEL_NEXT = re.compile(r"(?i)[ \t]*(?:\n|\t)[ \t]*(?:datum|date)(?:[ \t]*[:\t]|[ ][\dlO])")
# What a PLACE_LABEL match holds, looked for in the lowercased page: scanned only when it is there.
_PLACE_LABEL_WORD = re.compile(r"(?:plaats|place of residence)(?:[ \t]*[:\t]|[ ]{2}|[ ]['‘’a-zà-þ])")
# The words a PLACE_LABEL match can open with after its blanks, lowercase.
_PLACE_LABEL_OPENINGS = ("woonplaats", "plaats", "geboorteplaats", "vestigingsplaats", "place of residence")
# A street and house number right before the postcode on its line ("Kerkplein 1 a\t\t4182 CL",
# "Kleverparkweg 88 a, 2023 CG"): an address, whatever follows the postcode.
ADDRESS_BEFORE = re.compile(
    r"[A-ZÀ-Þ][\w'’-]+\.?[ \t\u00a0]+[1-9]\d{0,4}(?:[ \t\u00a0]?(?:[a-zA-Z]{1,3}|-[\w]{1,3}))?"
    rf"[ \t\u00a0]*,?{BLANK}*$"
)
_DIGIT_AFTER = re.compile(r"[ \t\u00a0]+\d")  # a postcode is followed by its place, not a number
CONTEXT = ("postcode", "adres", "woonachtig", "wonende", "woonplaats", "postadres", "bezoekadres")


ORGANISATION_MARKERS = ("bezoekadres", "retouradres", "vestigingsadres", "ministerie", "directie",
                        "directoraat", "instituut", "institute", "hoofdkantoor", "vestiging",
                        "universiteit", "university", "vereniging", "postbus", "rijksoverheid",
                        "praktijkadres", "adres praktijk", "adres voorziening", "adres locatie")
# The markers inside a word too ("Huurdersvereniging", "Rijksinstituut"), but not "vestiging" in
# "bevestiging" ("ophalen bij Pastorielaan 9, ..., alleen na bevestiging": a confirmation, no branch).
_ORGANISATION_MARKER = re.compile("|".join(
    "(?<!be)vestiging" if marker == "vestiging" else re.escape(marker) for marker in ORGANISATION_MARKERS
))


def _organisation_marker(low: str) -> bool:
    """Whether the lower-case ``low`` holds one of ORGANISATION_MARKERS."""
    return _ORGANISATION_MARKER.search(low) is not None


# A public building named before the address on the address's own line: "Stadskantoor, Mallegatsplein
# 10", "Locatie: Stadhuis, Stadhuisplein 1" (further up, "Plaats: Raadhuis ..." names a meeting's room).
_BUILDINGS = ("stadskantoor", "gemeentehuis", "stadhuis", "raadhuis", "provinciehuis")
# A firm's letterhead: its registration, its mailbox, its legal form, on the address's own short
# line or the line right above it ("Kerkstraat 41 - 5141 GH Waalwijk - KvK 6612 0934"; "Bouwfonds
# Rivierzone B.V." above its street); not in a paragraph ("wonende Kerkweg 14 bis, 4005 LK Tiel.
# De heer Van Gent is tevens bestuurder van ... B.V."), nor further up a form.
_LAW_FIRMS = ("advocaten", "advocatuur", "advocatenkantoor", "notariaat", "notarissen")
LETTERHEAD_MARKERS = ("kvk", "info@", "b.v.", "v.o.f.", "advocaten", "advocatuur", "advocatenkantoor",
                      "notariaat", "notarissen")
_LEGAL_FORM = re.compile(r"(?i)(?:\bB\.?V\.?|\bN\.?V\.?|\bV\.?O\.?F\.?|\bKvK)(?:$|[\s,])")  # "Wetterwille BV"
_PIPE_ROW = re.compile(r"[ ]*(?:\||\d{1,3}[ ]*\|).*\|")  # "3 | Vries, K. de | Molenweg 12 |", "| 1 | ..."
# A letter's or a mail's subject line: what it is about, never a line of an address block above it.
_SUBJECT_LINE = regex.compile(r"(?i)[ \t]*(?:betreft|onderwerp|inzake|subject)[ \t]*:")
# An item of a numbered or bulleted list, and a person's name opening it before a comma ("J. de Boer,",
# "Sevda Arslan,", "R.F. Kamphuis,").
_LIST_ITEM = regex.compile(r"[ \t]*(?:\d{1,3}[.)]|[-•*])[ \t]+")
_NAME_OPENS_ITEM = regex.compile(
    r"(?:(?:mevr\.|mw\.|dhr\.|de heer|mevrouw)[ ])?(?:(?:\p{Lu}\.)+[ ]?|\p{Lu}[\p{Ll}'’-]+[ ])"
    r"(?:(?:van|de|der|den|ter|ten|el|al)[ ])*\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}'’-]+)?,"
)
_NUMBERED_ROW = regex.compile(r"[ ]*\d{1,3}[ ](?:\d{1,2}-\d{1,2}[ ])?\p{Lu}\p{L}")
_CARE_OF = re.compile(r"(?i)(?:^|(?<=[\s|]))[ ]*(?:p/a|p\.a\.)[ ]")  # "per adres": care of a person
_BRACKETED = re.compile(r"\([^()\n]*\)")  # a person's function in brackets in a table row
_LETTERHEAD_LINE = 120  # characters: longer is a paragraph, and so is a line with a sentence's end
_SHORT_LINE = 60  # a letterhead's line that names the organisation, not a sentence about one
_SENTENCE_END = re.compile(r"\w[.!?][ \t]+[A-Z]")
# An e-mail header line ("Aan: info@woningstichting.example.nl" above "Onderwerp: ... Stokelaan 14"):
# the mailbox written to, not the letterhead of the address.
_MAIL_HEADER = re.compile(r"[ \t>]*(?:aan|van|cc|bcc|to|from|onderwerp|subject|verzonden|datum|date)[ \t]*:")


# How an organisation's name line in a letterhead opens ("Stichting Schuldhulpmaatje Leiden"); not
# anywhere in a line, as prose names foundations too ("gemaild aan Stichting Voedselbank").
ORGANISATION_OPENINGS = ("stichting ",)
# In a table row (its own block) a cell that opens with one of these names an organisation too.
_ROW_OPENINGS = (*ORGANISATION_OPENINGS, "gemeente ", "dorpsraad ", "waterschap ", "provincie ")

# A line that names the person an address block belongs to: the block above it is another one.
PERSON_MARKERS = ("afzender", "afz.", "contactpersoon", "de heer ", "mevrouw ", "dhr.", "dhr ", "mevr.",
                  "mw.", "t.a.v.", "familie ", "fam.")


def _firm_line(line: str) -> bool:
    """A line that names a firm or an organisation: its legal form, or an organisation's noun first."""
    low = line.lower()
    return any(marker in low for marker in LETTERHEAD_MARKERS) or _organisation_cell(line.strip(" |"))


def _organisation_cell(cell: str) -> bool:
    """A row's first cell that names an organisation: a first word that is an organisation noun or
    ends in one ("Huisartsenpraktijk De Linde", "Bakkerij Visser"), or a chain's name ("Albert Heijn
    Loosdrecht")."""
    words = cell.split(None, 1)
    if not words:
        return False
    first = words[0].strip(",;:").lower()
    nouns, long_nouns, chains = _organisation_words()
    low = cell.lower()
    last = low.split()[-1].strip(",;:.")
    return first in nouns or first.endswith(long_nouns) or low.startswith((*chains, *_ROW_OPENINGS)) or (
        # "Van Heeswijk Notariaat", "Het Baken College": capitalised words, a firm's or an
        # organisation's word last; not "Ilse Mooij Fotografie" (a given name first: her own business)
        len(words) > 1 and (last in nouns or last in _business_tails()) and cell.istitle()
        and words[0] not in lexicons().first_names
    )


@lru_cache(maxsize=1)
def _business_tails() -> frozenset[str]:
    return own_list("business_tails")


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return own_list("countries")


@lru_cache(maxsize=1)
def _organisation_words() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Organisation nouns, those long enough to end a compound, and chains' names of two words."""
    nouns = own_list("organisation_nouns")
    chains = tuple(sorted(o + " " for o in lexicons().name_like_organisations if " " in o))
    return nouns, tuple(sorted(n for n in nouns if len(n) >= 5)), chains


# Job titles that open a signature's line above an address: the address is the employer's.
_JOB_TITLES = ("directeur", "partner", "coördinator", "coordinator", "adviseur", "medewerker", "consulent",
               "teamleider", "manager", "jurist", "projectleider", "vergunningverlener", "inspecteur",
               "woordvoerder", "huisarts", "secretaris", "beheerder", "officer", "advisor", "director",
               "afdelingshoofd", "griffier", "notaris", "advocaat")  # not "Burgemeester ...straat"


def _job_title_line(line: str) -> bool:
    """A signature's line of a job title and an employer, right above an address: "directeur OBS De
    Boomgaard", "Woo-coördinator | Provincie Flevoland" (no digit, comma or colon: no address)."""
    if len(line) >= _SHORT_LINE or any(c.isdigit() or c in "\t,:(" for c in line):
        return False
    pieces = [piece.split() for piece in line.split("|")]
    return any(words[0].lower().endswith(_JOB_TITLES) for words in pieces if words)


def _care_of_above_street(head: str) -> bool:
    """A care-of line ("p/a S.J. Wijbenga") two lines above, the street's own line between: not a
    care-of an organisation ("p/a Advocatenkantoor ...", or a firm's line between)."""
    lines = head.rsplit("\n", 2)
    if len(lines) < 3:
        return False
    care, street = lines[1], lines[2]
    low = care.lower()
    return _CARE_OF.match(care) is not None and not (
        _firm_line(street) or _organisation_cell(street) or "advocat" in low or "kantoor" in low
        or any(marker in street.lower() for marker in LETTERHEAD_MARKERS)
    )


_FIRM_FIELD = re.compile(
    r"(?i)[ \t]*(?:bedrijfsnaam|handelsnaam|kvk(?:-?nummer)?|kamer van koophandel|naam organisatie"
    r"|naam instelling|naam zorgaanbieder)[ \t:]+(?P<value>.*)"
)


_PERSONAL_FIELDS = ("geboortedatum", "geboren", "bsn", "burgerservicenummer", "legitimatie", "paspoort")


def _firm_form_section(head: str) -> bool:
    """A form's section that opens with a firm's fields ("Bedrijfsnaam<tab>Studio Veldkamp B.V.",
    "KvK-nummer<tab>71234590") above the field in hand, no blank line between: the firm's address
    fields follow (a form's "gemachtigde"), not a person's home."""
    for above in head.split("\n")[::-1][:8]:
        if not above.strip(" \t") or any(word in above.lower() for word in _PERSONAL_FIELDS):
            return False  # the section ends at a blank line; a person's own fields say whose it is
        m = _FIRM_FIELD.match(above)
        if m is not None and m.group("value").strip(" -.").lower() not in ("", "nvt", "n.v.t", "geen"):
            return True
    return False


# A firm's seat, right before its address: "Golden Lotus B.V. (KvK ...), gevestigd aan de Wagenstraat 88".
# (its street and number too, before the postcode: "gevestigd aan de Wagenstraat 88, 2512 AZ")
_SEATED_AT = regex.compile(
    r"\bgevestigd(?:[ ](?:aan|op|te|in)(?:[ ](?:de|het))?)?[ ,:]*"
    r"(?:\p{Lu}[\w'’.-]*(?:[ ][\w'’.-]+){0,3}[ ]\d+[a-zA-Z]?(?:-\d+)?,?[ ]*)?$"
)


def organisation_block(text: str, start: int) -> bool:
    """True when ``start`` lies in an organisation's address block: its own line, the three
    non-blank lines above it or the next non-blank line names an organisation or a PO box
    ("Ministerie van ...", "Bezoekadres:", "Vrije Universiteit", "Postbus 20350") or opens with
    "Stichting". Two blank lines
    end a block (a letterhead above the addressee's address is another block), and so does a line
    that names a person ("Afzender: J. Jansen" between the ministry and the sender's address), as
    does a person named before the address on its own line. A table row (a tab before the
    address) is a block of its own."""
    head, _, line = text[max(0, start - 240) : start].rpartition("\n")
    if "gevestigd" in line and _SEATED_AT.search(line) or "t.a.v." in line.lower() and _organisation_cell(
        line.split(",")[0].rpartition(":")[2].strip()  # (after a label: "Afschrift: Stichting X, t.a.v. ...")
    ):
        return True  # "..., gevestigd aan de Wagenstraat 88", "Stichting X, t.a.v. mevrouw J. Chen, <street>"
    if any(marker in line.lower() for marker in PERSON_MARKERS):
        return False  # "gezonden aan de heer Ouwerkerk, Molendijk 114, ...": his address
    above = head.rpartition("\n")[2]
    if _CARE_OF.search(line) or _CARE_OF.match(above) or _care_of_above_street(head):
        return False  # "Huurdersvereniging Het Zonnehof" + "p/a Vlierboomstraat 56": a member's home
    prefix = line.rstrip(" ,-–|\t").split(" - ")[0].split(", ")[0]
    if prefix[:1].isupper() and (" - " in line or ", " in line) and len(line) < _SHORT_LINE and not (
        _SENTENCE_END.search(line)
    ) and _organisation_cell(prefix):  # (a letterhead-like line, not wrapped prose: "school, spreekt ...")
        return True  # "Hotel Mercure Den Haag Centraal - Spui 180 - 2511 BW": the hotel's address on its line
    # a table row: its own block, whatever the rows around it hold (with pipes, or numbered as a PDF
    # gives a table's row back: "02 07-01 Tjalsma-Zijlstra, G. Skâns 3 8701 KP € 5.000")
    if any(building in line.lower() for building in _BUILDINGS):
        return True  # "Stadskantoor, Mallegatsplein 10, 1811 KA Alkmaar": the office's address
    if _SUBJECT_LINE.match(line):
        return False  # "Betreft: overlast door de hond van de buren op Berkenlaan 29": the letter's subject
    item = _LIST_ITEM.match(line)
    if item is not None:  # "4. Sevda Arslan, Hambroekweg 21-b, ...": each item of a list is its own block
        line_end = text.find("\n", start)
        own_item = line + text[start : len(text) if line_end < 0 else line_end]
        opening = own_item[item.end() :]
        if _NAME_OPENS_ITEM.match(opening) and not _organisation_cell(opening):
            return False  # a person first: "5. R.F. Kamphuis, mede namens buurtvereniging ..., <street>"
        low = own_item.lower()
        return _organisation_marker(low) or (
            opening.lower().startswith(_ROW_OPENINGS) or _organisation_cell(opening.split(",", 1)[0])
        )
    if "\t" in line or _PIPE_ROW.match(line) or _NUMBERED_ROW.match(line) or line.count(";") >= 2:
        end = text.find("\n", start)
        row = (line + text[start : len(text) if end < 0 else end]).lower()
        if "\t" not in line:
            row = row.replace("|", "\t")  # "3 | Vries, K. de | Molenweg 12 | 7461 AB |": a table with pipes
            if "|" not in line and line.count(";") >= 2:
                row = row.replace(";", "\t")  # "004;Meulen-Brouwer, J. van der;Lijsterhof 10;...": a CSV row
        cells = [c for c in (cell.strip(" |0123456789.-") for cell in row.split("\t")) if c]
        # the row's first cell names whose row it is: "Huisartsenpraktijk De Linde", "Agrarisch bedrijf
        # Gebr. Schouten V.O.F."; not a firm named in a later cell (the one complained about)
        # (a reference before it is no one's: "OLO-9918301<tab>Bouwbedrijf Van Gils B.V.<tab>...")
        first = next((c.strip(" |.-") for c in row.split("\t") if c.strip(" |.-") and not any(
            ch.isdigit() for ch in c
        )), "")
        firm = bool(first) and (_organisation_cell(first) or _LEGAL_FORM.search(first) is not None)
        own_cell = line.rpartition("\t")[2]  # "Bouwbedrijf Van Rijn B.V., Industrieweg 14": the firm's own
        firm = firm or _LEGAL_FORM.search(own_cell) is not None or any(
            word in line.lower() for word in _LAW_FIRMS  # "mr. E.F. Tuinstra, Van Zanten Advocaten<tab>..."
        )
        bare = _BRACKETED.sub("", row) if "(" in row else row  # "Kamphuis, Bert (voorzitter buurtvereniging)"
        opens = any(cell.lower().startswith(_ROW_OPENINGS) for cell in cells)
        return firm or opens or _organisation_marker(bare) or _firm_form_section(head)
    end = text.find("\n", start)
    own = line + text[start : len(text) if end < 0 else end]
    above = head.rpartition("\n")[2]
    if any(
        len(one) < _LETTERHEAD_LINE and not _MAIL_HEADER.match(one.lower()) and not _SENTENCE_END.search(one)
        and any(marker in one.lower() for marker in LETTERHEAD_MARKERS)
        for one in (own, above)
    ) or "|" in own and len(own) < _LETTERHEAD_LINE and _organisation_cell(
        own.split("|", 1)[0].strip(" >\t")
    ):
        return True  # a letterhead or signature line: "Gemeente Zaanstad | Stadhuis, Stadhuisplein 100"
    lines = [line]
    block = _block_lines(reversed(head.split("\n")), 3)
    for i, above in enumerate(block):
        low = above.lower()
        if _RECEIVED_STAMP.match(low):
            break  # "reg.nr. 2024-0l9337" under "Gemeente Zaanstad - DIV": the receiving office's stamp, not
            # the sender's letterhead (the sender's own address below it)
        if any(marker in low for marker in PERSON_MARKERS):
            firm_above = i + 1 < len(block) and _firm_line(block[i + 1]) and not (
                block[i + 1].lower().lstrip().startswith("maatschap")  # a family's farm: their home
            )
            if low.lstrip().startswith(("t.a.v.", "tav ")) and firm_above:
                return True  # "Grand Café Bakker V.O.F." + "t.a.v. de heer R. Öztürk": the firm's address
            break  # "Afzender: J. Jansen", "De heer P. Fictief": whose address this is
        if len(above) < _SHORT_LINE and "\t" not in above and len(above.split()) <= 5 and (
            not _SENTENCE_END.search(above) and _organisation_cell(above.strip(" |"))
        ):
            return True  # "Huisartsenpraktijk Tuinstra", "Afdeling Wonen & Leefbaarheid" above the street
        if i == 0 and head.rpartition("\n")[2] == above and _job_title_line(above):  # right above
            return True  # "directeur OBS De Boomgaard" right above the street: a work address
        lines.append(above)
    end = text.find("\n", start)
    if end < 0:
        lines.append(text[start : start + 160])
    else:
        lines.append(text[start:end])
        lines.extend(_block_lines(text[end + 1 : end + 160].split("\n"), 1))
    lowered = [line.lower() for line in lines]
    return any(_organisation_marker(low) for low in lowered) or any(
        low.lstrip(" \t|").startswith(ORGANISATION_OPENINGS) for low in lowered
    )


_RECEIVED_STAMP = re.compile(r"[ \t]*(?:reg\.?[ ]?nr\.?|registratienummer|ontvangen|ingekomen)[ \t:]*[\dlO]")


def _block_lines(lines: Iterable[str], count: int) -> list[str]:
    """Up to ``count`` non-blank lines of ``lines``, up to the first two blank lines in a row."""
    out: list[str] = []
    blanks = 0
    for line in lines:
        if not line.strip(" \t|"):
            blanks += 1
            if blanks == 2:
                break
            continue
        blanks = 0
        out.append(line)
        if len(out) == count:
            break
    return out


def place_labels(text: str, lowered: str) -> list[re.Match[str]]:
    """``PLACE_LABEL.finditer(text)``, tried only where a match can start (``lowered``: the text in
    lowercase): before a label word, at the first of the blanks before it where that opens a line,
    else two blanks into them, and after any tab among them. The whole text is scanned where an
    "İ" stands (the pattern reads it as an "i", lowercasing leaves it) or lowercasing moves the
    offsets."""
    words = None if "İ" in text else starts_of_openings(text, lowered, _PLACE_LABEL_OPENINGS)
    if words is None:
        return list(PLACE_LABEL.finditer(text))
    starts = set()
    for at in words:
        blank = at  # the first of the blanks before the word
        while blank > 0 and text[blank - 1] in " \t":
            blank -= 1
        if blank == 0 or text[blank - 1] == "\n":
            starts.add(blank)  # "^": tried there, it goes on as from any later blank
        elif blank + 2 <= at:
            starts.add(blank + 2)  # after two blanks
        starts.update(p + 1 for p in range(blank, at) if text[p] == "\t")  # after a tab: a table's cell
    return list(matches_at(PLACE_LABEL, text, sorted(starts)))


def postcodes(text: str) -> Iterator[regex.Match[str]]:
    """What ``POSTCODE.finditer(text)`` yields, tried only at the runs of exactly four digits that
    open with another digit than 0, before a blank or a capital (a postcode's digits are such a
    run)."""
    return matches_at(POSTCODE, text, [
        start for start, end in digit_runs(text)
        if end - start == 4 and text[start] != "0" and text[end : end + 1] in _AFTER_DIGITS
    ])


def postcodes_in_lower_case(text: str) -> Iterator[regex.Match[str]]:
    """What ``POSTCODE_LOWER.finditer(text)`` yields, tried only at the runs of exactly four digits
    that open with another digit than 0, before a blank or a lowercase letter (as :func:`postcodes`)."""
    return matches_at(POSTCODE_LOWER, text, [
        start for start, end in digit_runs(text)
        if end - start == 4 and text[start] != "0" and text[end : end + 1] in _AFTER_DIGITS_LOWER
    ])


class NlPostcodeRecognizer(EntityRecognizer):
    """NL_POSTCODE, and LOCATION for the place right after it; see the module docstring."""

    ENTITIES = ["NL_POSTCODE", "LOCATION"]
    name: str  # set by EntityRecognizer
    CONTEXT = list(CONTEXT)

    def __init__(self, supported_language: str = "nl") -> None:
        self.places = lexicons().places
        super().__init__(
            supported_entities=self.ENTITIES,
            supported_language=supported_language,
            name="NlPostcodeRecognizer",
            context=self.CONTEXT,
        )

    def load(self) -> None:
        """Nothing to load beyond the shared lexicons."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        if not entities or "LOCATION" in entities:
            labels = _PLACE_LABEL_WORD.search(page_lowered(text)) is not None or may_hold(text, "", ())
            for m in place_labels(text, page_lowered(text)) if labels else ():
                known = self._is_place(m.group("place"))
                below = m.group("below") is not None
                in_row = text[m.start() - 1 : m.start()] == "\t"  # "Postcode<tab>4101AJ<tab>Woonplaats"
                abroad = self._abroad(text, m.end("place"))  # "Geboorteplaats:<tab>Łódź (Polen)"
                if (below or m.group("gap") or in_row) and not known and not abroad:
                    continue  # "Woonplaats:\nTelefoon": an empty field, then the next label
                line_start = text.rfind("\n", 0, m.start()) + 1
                if _SIGNED_AT.match(m.group()) and (
                    _DATE_LABEL_NEXT.match(text, m.end())
                    or _DATE_LABEL_BEFORE.search(text, line_start, m.start())
                ):  # "Plaats: Vinkeveen" + "Datum: 2 mei 2024" (or after it): where a form was signed
                    continue
                head = text[max(0, line_start - 240) : max(0, line_start - 1)]
                if "\t" in text[line_start : m.start("place")] and _firm_form_section(head):
                    continue  # "Plaats<tab>Haarlem" in a form's section for a firm (its "gemachtigde")
                out.append(make_result(
                    self.name, self.id, "LOCATION", m.start("place"), m.end("place"),
                    0.85 if known else 0.6, "labelled place",
                    f"place {m.group('place')!r} {'below' if below else 'after'} a place label"
                    + (" (known place)" if known else ""),
                ))
        for m in postcodes(text):
            if PO_BOX.search(text, max(0, m.start() - 30), m.start()):
                continue  # an organisation's PO box, not where someone lives
            place = PLACE_AFTER.match(text, m.end())
            if place is None:
                prose = PLACE_IN_PROSE.match(text, m.end())
                if prose is not None:
                    place = self._known_prefix(text, prose.start(1), prose.group(1), whole=True)
            known = place is not None and self._is_place(place.group(1))
            if place is not None and not known:
                shorter = self._known_prefix(text, place.start(1), place.group(1))
                if shorter is not None:
                    place, known = shorter, True
                elif place.group("article"):
                    place = None  # "de Wijk" is a place; "de gemeente" is not
            context = any(c in w for w in words_before(text, m.start(), 6) for c in CONTEXT)
            line_start = text.rfind("\n", max(0, m.start() - 80), m.start()) + 1
            street = ADDRESS_BEFORE.search(text, max(line_start, m.start() - 60), m.start()) is not None
            year_like = 1900 <= int(m.group(1)) <= 2099 and not m.group(2) == ""
            if organisation_block(text, m.start()):
                score = 0.3  # a ministry's or firm's visiting address
            elif known or context or street:
                score = 0.85
            elif place is not None:
                score = 0.6
            elif year_like or _DIGIT_AFTER.match(text, m.end()):
                score = 0.3  # "In 2020 EN", or OCR debris: "9120 MS 2e (e="
            else:
                score = 0.55 if m.group(2) == "" else 0.5
            why = "postcode" + (" before a known place" if known else "") + (
                " with address context" if context else ""
            ) + (" after a street and house number" if street else "")
            if not entities or "NL_POSTCODE" in entities:
                out.append(make_result(self.name, self.id, "NL_POSTCODE", m.start(), m.end(), score,
                                       "postcode", why))
            if place is not None and score > 0.3 and (not entities or "LOCATION" in entities):
                loc_score = 0.85 if known else 0.45
                out.append(make_result(
                    self.name, self.id, "LOCATION", place.start(1), place.end(1), loc_score,
                    "place after postcode",
                    f"place {place.group(1)!r} after postcode {m.group()!r}"
                    + (" (known place)" if known else ""),
                ))
        if may_hold_table(text) and (not entities or "LOCATION" in entities):
            for cell in column_cells(text, PLACE_COLUMNS):
                name = text[cell.start : cell.end]
                if _COLUMN_PLACE.fullmatch(name) and not self._is_country(name) and not organisation_block(
                    text, cell.start
                ):
                    out.append(make_result(
                        self.name, self.id, "LOCATION", cell.start, cell.end,
                        0.85 if self._is_place(name) else 0.7, "place column",
                        f"in the table's column {cell.heading!r}: {name!r}",
                    ))
        lower_case = list(postcodes_in_lower_case(text))
        if lower_case:
            out.extend(self._lower_case(text, entities, lower_case))
        return out

    @staticmethod
    def _abroad(text: str, end: int) -> bool:
        """A country in brackets right after a place: "Geboorteplaats:<tab>Łódź (Polen)"."""
        m = _COUNTRY_IN_BRACKETS.match(text, end)
        return m is not None and m.group(1).lower() in _COUNTRIES

    def _lower_case(
        self, text: str, entities: list[str], matches: list[regex.Match[str]]
    ) -> list[RecognizerResult]:
        """Postcodes written in lower case after a street and number (on their line or the line above)
        and before a known place: "Schoolstr. 3" + break + "7411  hv  Deventer" (``matches``: the
        POSTCODE_LOWER matches in ``text``)."""
        out = []
        for m in matches:
            if m.group(3).lower() in _LOWER_WORDS:
                continue
            if _POSTCODE_LABEL_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                if not entities or "NL_POSTCODE" in entities:  # "Postcode: 5421 bt": a form's field
                    why = f"postcode in lower case {m.group()!r} after its label"
                    out.append(make_result(self.name, self.id, "NL_POSTCODE", m.start(), m.end(), 0.85,
                                           "postcode", why))
                place = PLACE_AFTER.match(text, m.end())  # "Postcode en woonplaats: 7206  bz  Zutphen"
                wanted = not entities or "LOCATION" in entities
                if place is not None and wanted and self._is_place(place.group(1)):
                    why = f"place {place.group(1)!r} after postcode"
                    out.append(make_result(self.name, self.id, "LOCATION", place.start(1), place.end(1), 0.85,
                                           "place after postcode", why))
                continue
            place = PLACE_AFTER.match(text, m.end())
            known = place is not None and self._is_place(place.group(1))
            line_start = text.rfind("\n", 0, m.start()) + 1
            above_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
            same_line = text[line_start : m.start()]
            above = text[above_start : max(above_start, line_start - 1)]
            street = _STREET_LINE.search(same_line) or not same_line.strip() and _STREET_LINE.search(above)
            if not street or not known and not same_line.rstrip(" \t").endswith(",") or (
                organisation_block(text, m.start())
            ):
                continue  # without a known place: only right after "street number," on its line
            why = f"postcode in lower case {m.group()!r} after a street and number" + (
                ", before a known place" if known else ""
            )
            if not entities or "NL_POSTCODE" in entities:
                out.append(make_result(self.name, self.id, "NL_POSTCODE", m.start(), m.end(), 0.85,
                                       "postcode", why))
            if known and place is not None and (not entities or "LOCATION" in entities):
                out.append(make_result(
                    self.name, self.id, "LOCATION", place.start(1), place.end(1), 0.85,
                    "place after postcode",
                    f"place {place.group(1)!r} after postcode {m.group()!r} (known place)",
                ))
        return out

    def _known_prefix(
        self, text: str, start: int, name: str, whole: bool = False
    ) -> re.Match[str] | None:
        """'Utrecht Tel' -> a match of 'Utrecht' when only the first words are a known place
        (with ``whole``, all of ``name`` may be that place)."""
        words = name.split(" ")
        for n in range(len(words) - (0 if whole else 1), 0, -1):
            prefix = " ".join(words[:n])
            if self._is_place(prefix):
                return re.compile(f"({re.escape(prefix)})").match(text, start)
        return None

    def _is_country(self, name: str) -> bool:
        return name.lower() in _countries()

    def _is_place(self, name: str) -> bool:
        low = name.lower().replace("‘", "'").replace("’", "'")  # OCR reads 's-Hertogenbosch with ‘
        if "  " in low:
            low = " ".join(low.split())  # "Den  Haag": OCR's doubled blank
        low = _PLACE_ABBREVIATIONS.get(low, low)  # "R'dam" on a scanned form: Rotterdam
        return low in self.places or low.replace("-", " ") in self.places
