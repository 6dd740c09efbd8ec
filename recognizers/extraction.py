"""Damage that PDF extraction and OCR do to a page's words, read past.

A form's labels glued to their values, the blank lost: "NaamJan de Vries", "TelefoonnummerO6-12345678",
"WoonplaatsENSCHEDE", "Geboortedatum12-03-1980", and in a table's row a code run into a name
("BB-24-00194Haddou, N."). :func:`glued_labels` finds where the blank is missing; :func:`widen` puts a
tab back there (the recognisers read the widened page) and :func:`narrow` takes a widened offset back
to the page as extracted, so a finding still points at the text as it stands. Only a known label at a
word's start counts, followed by a capital or a digit: "Naamloze", "Adresboek" and "Telefoonnummers"
stay whole.

A word broken by a stray blank or a line break: "mw. Veld huis", "Amersf oort", "Kova-" + break +
"lenko"; :func:`broken_tail` finds the rest of a name's or a place's last word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from recognizers.lexicons import Lexicons

# Labels of a form's personal fields (lower case), longest first so that "telefoonnummer" wins over
# "telefoon". Their values start with a capital or a digit; "+" and "(" open a phone number.
LABELS = sorted((
    "naam", "voornaam", "voornamen", "achternaam", "roepnaam", "geslachtsnaam", "volledige naam",
    "naam aanvrager", "naam melder", "naam klant", "naam cliënt", "naam client", "aanvrager", "melder",
    "verzoeker", "contactpersoon", "cliënt", "client", "betrokkene", "partner", "echtgenoot",
    "echtgenote", "adres", "woonadres", "straat", "straatnaam", "postcode", "woonplaats", "plaats",
    "geboortedatum", "geboorteplaats", "geboren", "telefoon", "telefoonnummer", "mobiel", "mobiele nummer",
    "tel", "gsm", "e-mail", "email", "e-mailadres", "iban", "rekeningnummer", "bankrekeningnummer",
    "bsn", "burgerservicenummer", "sofinummer", "kenteken", "documentnummer", "paspoortnummer",
    "rijbewijsnummer", "handtekening", "ondertekend door", "voorletters", "tussenvoegsel",
    "straat en huisnummer", "rekening",
), key=len, reverse=True)
# A web form's export glues the next label to the last value as well ("VoorlettersA.M.VoornaamAgnieszka",
# "Vlietstraat 8aPostcode3372BK"): a capitalised label right after a value's small letter, digit or dot, its
# own value right after it.
_LABEL_AFTER_VALUE = re.compile(  # (the character before it is checked by hand: a look behind is slow)
    r"(?:Voorletters|Voornamen|Voornaam|Tussenvoegsel|Achternaam|Postcode|Woonplaats"
    r"|Telefoonnummer|E-mailadres|Geboortedatum|Huisnummer|Burgerservicenummer)(?=[A-ZÀ-Þ0-9+(:]|[ ]\d[ ]\()"
)
# A letter, then a value's first character; or a digit, then a name: a cheap test first.
_SEAM = re.compile(r"[^\W\d_][A-ZÀ-Þ0-9+(]|\d[A-ZÀ-Þ][a-zß-ÿ]")
_DIGIT_LIKE = "0123456789+("
# Where a value may start right after a label's last letter: a letter, then a capital, a digit, "+" or
# "("; after a capital only a digit, "+", "(" or an IBAN's country code ("BSN123...", "IBANNL91"). Rare
# in running text, so the labels are looked for only there.
_VALUE_AFTER_LETTER = re.compile(  # the value's first character first: the scan is a fast one
    r"[0-9+(A-ZÀ-Þ](?:(?<=[^\W\d_][0-9+(]|[a-zß-ÿ][A-ZÀ-Þ])|(?<=[A-ZÀ-Þ][A-Z])(?=[A-Z]\d\d))")
_WORD_CHAR = re.compile(r"[^\W_]")
_LABEL_LENGTHS = sorted({len(label) for label in LABELS}, reverse=True)
_LABEL_SET = frozenset(LABELS)
_IBAN = re.compile(r"[A-Z]{2}\d\d")  # "IBANNL91 ABNA ...": a country code and check digits


# In a table's row (a line with tabs): a code's digits, then a name, their tab lost
# ("BB-24-00194Haddou, N.<tab>08-07-2001").
_CODE_THEN_NAME = re.compile(r"[A-ZÀ-Þ](?<=\d[A-ZÀ-Þ])(?=[a-zß-ÿ]{2,}[,\t ])")


# A postcode run into its place ("8601CVSneek", "2161 EPLisse").
_POSTCODE_THEN_PLACE = re.compile(r"[1-9](?<![\w][1-9])\d{3}[ ]{0,2}[A-Z]{2}(?=[A-ZÀ-Þ][a-zß-ÿ]{2,})")
# An e-mail address glued to its label ("E-mailadresa.wisniewska@wp.pl") or to the next word
# ("a.wisniewska@wp.plHoe wilt u ...": a web form's next question).
_MAIL_LABEL_GLUED = re.compile(r"\bE-?mailadres(?=[a-z0-9][\w.%+-]*@)")
_MAIL_THEN_WORD = re.compile(
    r"@[\w-]+(?:\.[\w-]+)*?\.(?:nl|com|net|org|eu|be|de|pl|uk|fr|ua|tr)(?=[A-Z][a-z])"
)
# A house number, a comma and the postcode with no blank between: "Groene Kruisweg 108,3084  HJ".
_COMMA_POSTCODE = re.compile(r",(?=[1-9]\d{3}[ ]{0,2}[A-Z]{2}(?![a-z]))")  # then the house number, by hand
_HOUSE_NUMBER_BEFORE = re.compile(r"[A-Za-z][ ]\d[\dOl]{0,3}[a-z]?\Z")
# A label with a note in brackets, its value glued to the bracket: "Voornamen (voluit)Ruthmila Esperanza".
_NOTE_THEN_VALUE = re.compile(r"\([a-z ]{2,30}\)(?=[A-ZÀ-Þ0-9+])")  # then the label before it, by hand


def glued_labels(text: str) -> list[int]:
    """The offsets in ``text`` where a label ends and its value starts with no blank between. A label
    in capitals counts only before a digit ("BSN123456782"): "ADRESSEN" is one word. And, in a
    table's row, where a code's digits run into a name; and where a postcode runs into its place."""
    seams: list[int] = []
    if ")" in text:  # "Voornamen (voluit)Ruthmila": a label, a note in brackets, the value glued to it
        for m in _NOTE_THEN_VALUE.finditer(text):
            head = text[max(0, m.start() - 26) : m.start()].rstrip(" ").lower()
            if any(head.endswith(label) and not head[-len(label) - 1 : -len(label)].isalpha()
                   for label in LABELS):
                seams.append(m.end())
    if "," in text:  # "Groene Kruisweg 108,3084 HJ": a house number, a comma, the postcode
        seams += [m.end() for m in _COMMA_POSTCODE.finditer(text)
                  if _HOUSE_NUMBER_BEFORE.search(text, max(0, m.start() - 12), m.start())]
    if "mailadres" in text:
        seams += [m.end() for m in _MAIL_LABEL_GLUED.finditer(text)]  # "E-mailadresa.wisniewska@wp.pl"
    if _SEAM.search(text) is None:
        return sorted(set(seams))
    seams += [at for at in (m.start() for m in _VALUE_AFTER_LETTER.finditer(text))
              if (label := _label_before(text, at)) is not None
              and (not label.isupper() or text[at] in _DIGIT_LIKE or _IBAN.match(text, at))
              and not text.startswith(("(s)", "(en)"), at)]  # "Tussenvoegsel(s):": the label's plural
    seams += [m.end() for m in _POSTCODE_THEN_PLACE.finditer(text)]  # "8601CVSneek"
    for m in _LABEL_AFTER_VALUE.finditer(text):  # "A.M.VoornaamAgnieszka", "3372BKWoonplaatsHARDINXVELD"
        before = text[m.start() - 1 : m.start()]
        if not before or not (before.isalnum() or before == "."):
            continue  # (a label opening a word is the other pattern's)
        seams.append(m.start())
        if text[m.end() : m.end() + 1] in _DIGIT_LIKE or text[m.end() : m.end() + 1].isupper():
            seams.append(m.end())  # (the label itself glued to a value: no word's start before it)
    if "@" in text:
        seams += [m.end() for m in _MAIL_THEN_WORD.finditer(text)]  # "...@wp.plHoe wilt u"
    if "\t" in text:
        for m in _CODE_THEN_NAME.finditer(text):
            line_start, line_end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.start())
            if "\t" in text[line_start : line_end if line_end >= 0 else len(text)]:
                seams.append(m.start())
    return sorted(set(seams))


def _label_before(text: str, at: int) -> str | None:
    """The longest label ending at ``at`` that opens a word, as written, or None."""
    for n in _LABEL_LENGTHS:
        start = at - n
        if start < 0:
            continue
        written = text[start:at]
        if written.lower() in _LABEL_SET and (start == 0 or not _WORD_CHAR.match(text, start - 1)):
            return written
    return None


def widen(text: str, seams: Sequence[int]) -> str:
    """``text`` with a tab put in at each of ``seams`` (sorted offsets): what stands between a form's
    label and its value ("Geboorteplaats<tab>Paramaribo")."""
    parts = []
    last = 0
    for at in seams:
        parts += [text[last:at], "\t"]
        last = at
    return "".join([*parts, text[last:]])


def narrow(offset: int, seams: Sequence[int]) -> int:
    """The offset in the page as extracted of ``offset`` in the page :func:`widen` made: less the
    blanks put in before it (seam k's blank stands at ``seams[k] + k``). A start on a put-in blank
    goes to the value after it; an end just after one stays at the label's end."""
    return offset - bisect_left([at + k for k, at in enumerate(seams)], offset)


# After a name or a place: a stray blank, a line break, or a hyphen at a line's end, then the rest of
# its last word in lower case ("mw. Veld huis", "Amersf oort", "Wijngaarden-Oudsh<br>oorn",
# "Kova-<br>lenko", "Al-Kha tib"), up to the word's end.
_BROKEN_TAIL = re.compile(r"(?P<gap>[ ]|-?\n[ \t]*)(?P<rest>[a-zß-ÿ]{2,})(?![^\W\d_])")
_LAST_WORD = re.compile(r"[^\W\d_]+$")


def broken_tail(text: str, end: int, lex: Lexicons, place: bool = False) -> int | None:
    """The end of a name (or, with ``place``, a place) ending at ``end`` with the rest of its last word
    after a break, or None: when the joined word is a listed surname, first name or place ("Veldhuis",
    "Oudshoorn", "Amersfoort") or a word the page writes whole elsewhere; or, after a blank, when the
    rest is no word of any list and what
    stands before it is no name of its own ("Al-Kha" + "tib"; not "Noordam" + "gaf")."""
    m = _BROKEN_TAIL.match(text, end)
    last = _LAST_WORD.search(text, max(0, end - 40), end)
    if m is None or last is None:
        return None
    word = last.group() + m.group("rest")
    if place:
        return m.end() if word.lower() in lex.places else None
    if m.group("gap") == " " and m.group("rest") in lex.stop_words:
        return None  # "Wytse de Boer en oud-PC-winnaar": the next word, not "Boeren"
    if word in lex.surnames or word in lex.first_names or word.capitalize() in lex.surnames:
        return m.end()
    rest = m.group("rest")
    if "\n" in m.group("gap") and word in text and not (
        lex.is_word(word) or lex.is_word(rest) or rest in lex.stop_words  # not "Boer" + break + "en"
    ) and re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text):
        return m.end()  # "Sara Alh" + break + "amwi": the page writes "Alhamwi" whole elsewhere
    part = last.group()
    if part in lex.surnames or part in lex.first_names or part.lower() in lex.places:
        return None  # "Noordam gaf": a whole name, then a word no list may hold
    if m.group("gap") == " " and len(rest) <= 4 and not lex.is_word(rest) and rest not in _SHORT_WORDS:
        return m.end()
    return None


# Lower-case words a name is often followed by that no word list may hold.
_SHORT_WORDS = frozenset({"bv", "nv", "vof", "cs", "sr", "jr", "mbt", "ivm", "obv", "tav", "ipv", "zn",
                          "wnd",
                          # a speaker's fillers in a transcript ("mijn naam is sandra eh bouwmeester"), and
                          # English words after a name ("warsame at gmail")
                          "eh", "ehm", "euh", "uh", "uhm", "at", "dot"})
