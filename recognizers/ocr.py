"""Reading past the letters and digits that OCR confuses: "l" and "I" for 1, "O" and "o" for 0 in
numbers ("l7-05-1991", "ll4 2O8 67O", "NL28 INGB 49l1 0213 43"), and 1 and 0 for "l" and "o" in
names ("Mar1oes", "Gr0ot", "S1ot").

The recognisers read :func:`ocr_read`'s copy of a page: the same length, so every offset holds
for the page as extracted; a finding shows the text as it stands and its explanation says what
was read otherwise (:func:`ocr_note`). Only unambiguous places are changed:

* in an IBAN, the two check digits after the country code ("NL7l ASNB");
* in a number: runs of digits and confusable letters (joined by dashes, dots or slashes), with at
  least one digit, that no other letter or digit touches ("2O8", "l7", "+3l", "l2-lO-l97l"; not
  "CO2", "Ol", "B1" or "lO" alone; a lone "O2" is read as "02", which no recogniser takes);
* in a code of six to twelve capitals and digits: a small "l" between two of them ("NPR7ClKL4");
* in a word: one or two of 1 and 0 between two letters of which one is lowercase, the word's only
  digits, in a word of four or more characters ("Mar1oes", "Gr00t"; not "H1N1", "9c1e" in an
  IPv6 address).
"""

from __future__ import annotations

import re

import regex

from recognizers.scanning import digit_runs

# A confusable letter next to a digit, or a 1 or 0 between letters (``[^\W\d_]``: every letter of
# ``\p{L}`` and a few more): the test for any work, written to start only at one of the six
# characters, in ``re`` (five times cheaper than the plain alternation in ``regex``).
_ANY = re.compile(r"[lIOo01](?:(?<=\d[lIOo])|(?=\d)(?<=[lIOo])|(?<=[^\W\d_][01])(?=[01]?[^\W\d_]))")
# A number: runs of digits and confusable letters, joined by dashes, dots or slashes ("l2-lO-l97l").
_NUMBER_RUN = regex.compile(
    r"(?<![\p{L}\p{N}_])(?=[lIOo.\-/]*\d)[\dlIOo]+(?:[-./][\dlIOo]+)*(?![\p{L}\p{N}_])"
)
# A confusable letter between two digits inside a code of capitals and digits ("EK4l73928"): read as
# the digit (a word never holds a digit on either side of an "l").
# More than one in a code ("NL44ABNA37l87l9032", an IBAN written without blanks): each one is.
_BETWEEN_DIGITS = regex.compile(  # (two together too: "NL06INGB3ll7079l01")
    r"(?<=(?<![\p{Ll}])[A-Z0-9lIO]*\d[lIO]?)[lIO](?=[lIO]?\d[A-Z0-9lIO]*(?![\p{L}\p{N}]))"
)
_IN_WORD = regex.compile(r"(?<=\p{Ll})[01]{1,2}(?=\p{L})|(?<=\p{L})[01]{1,2}(?=\p{Ll})")
# An IBAN's check digits, glued to its country code: "NL7l ASNB 0l43 ...".
_IBAN_CHECK = regex.compile(r"(?<![\w])[A-Z]{2}((?=[lIOo]?\d)[\dlIOo]{2})(?=[ ]?[A-Z]{4}[ ]?[\dlIOo])")
# A code's characters, and a code whose every small "l" stands between two capitals or digits.
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789l")
_L_AMONG_CAPITALS = re.compile(r"[A-Z0-9]l[A-Z0-9]")  # in every code _CODE_WITH_L takes
_CODE_WITH_L = re.compile(r"(?=.*[A-Z])(?:[A-Z\d]|(?<=[A-Z\d])l(?=[A-Z\d]))+")
_CONFUSABLE = frozenset("lIOo")  # letters that OCR reads for a 1 or a 0
_AS_DIGIT = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})
_AS_LETTER = {"1": "l", "0": "o"}
_WORD = regex.compile(r"[\p{L}\p{N}_]+")


def ocr_read(text: str) -> str:
    """``text`` with the confusions of OCR read as what they stand for (same length)."""
    codes = _codes_with_l(text)
    letters = _word_letters(text)
    if not codes and not letters and (not _may_be_misread(text) or _ANY.search(text) is None):
        return text
    chars: list[str] | None = None
    for at, letter in letters:  # "lngrid", "0ksana", "OUDSH00RN"
        chars = chars or list(text)
        chars[at] = letter
    for start, end in codes:  # "NPR7ClKL4": a document number's 1 read as a small l between capitals
        chars = chars or list(text)
        chars[start:end] = text[start:end].replace("l", "1")
    for m in _NUMBER_RUN.finditer(text):
        if not any(c in "lIOo" for c in m.group()):
            continue
        chars = chars or list(text)
        chars[m.start() : m.end()] = m.group().translate(_AS_DIGIT)
    checks = []  # where an IBAN's check digits stand: read as digits, never as letters below
    for m in _IBAN_CHECK.finditer(text):  # "NL7l ASNB ...": the check digits after the country
        chars = chars or list(text)
        chars[m.start(1) : m.end(1)] = m.group(1).translate(_AS_DIGIT)
        checks.append(m.start(1))
    for m in _BETWEEN_DIGITS.finditer(text):  # "EK4l73928", "Q7KX2l9N8": a document number's digits
        chars = chars or list(text)
        chars[m.start()] = m.group().translate(_AS_DIGIT)
    for m in _IN_WORD.finditer(text):
        if any(0 <= m.start() - at < 2 for at in checks):
            continue  # "NL1l": an IBAN's check digits, read as digits already
        if _only_digits_of_a_word(text, m.start(), len(m.group())) and not _in_hex_address(text, m.start()):
            chars = chars or list(text)
            chars[m.start() : m.end()] = [_AS_LETTER[c] for c in m.group()]
    return text if chars is None else "".join(chars)


# A name's capital I read as a small l, before a consonant no Dutch word opens with ("lngrid",
# "lbrahim"), and its O read as a 0 before small letters ("0ksana"): at a word's start.
_START_LETTER = re.compile(  # the letter first, then what stands around it: a fast scan
    r"[l0](?<![^\W_][l0])(?:(?<=l)(?=[bcdfghjkmnpqrstvwxz][a-zß-ÿ]{2})|(?<=0)(?=[a-zß-ÿ]{3}))")
# O read as 0 in a word of capitals, its only digits ("WIJNGAARDEN-OUDSH00RN"; not "CO2", "A0", "NL00").
_CAPITALS_ZERO = re.compile(r"[A-Z](?<![\w][A-Z])[A-Z]+(0{1,2})[A-Z]{2,}\b")


def _word_letters(text: str) -> list[tuple[int, str]]:
    """(offset, letter) for each letter that OCR read as a 0 or l in a word, by :data:`_START_LETTER`
    and :data:`_CAPITALS_ZERO`."""
    out = [(m.start(), "I" if m.group() == "l" else "O") for m in _START_LETTER.finditer(text)]
    if "0" in text:
        for m in _CAPITALS_ZERO.finditer(text):
            out += [(at, "O") for at in range(m.start(1), m.end(1))]
    return out


def _in_hex_address(text: str, at: int) -> bool:
    """``at`` lies in an IPv6 address ("2a02:...:fe0a:17c2"): hex digits and colons, its 0 no O."""
    start, end = at, at
    while start > 0 and text[start - 1] in _HEX_OR_COLON:
        start -= 1
    while end < len(text) and text[end] in _HEX_OR_COLON:
        end += 1
    return text.count(":", start, end) >= 2


_HEX_OR_COLON = frozenset("0123456789abcdefABCDEF:")


def _codes_with_l(text: str) -> list[tuple[int, int]]:
    """Codes of six to twelve capitals and digits with a small "l" among them, each "l" between two
    of them ("NPR7ClKL4"): OCR's reading of a 1 (no word or abbreviation is written so). Looked
    for around the page's runs of digits that touch a capital or an "l"."""
    out: list[tuple[int, int]] = []
    if _L_AMONG_CAPITALS.search(text) is None:
        return out  # (a look first: most pages hold no small "l" between capitals or digits)
    for start, end in digit_runs(text):
        if text[end : end + 1] not in _CODE_CHARS and (not start or text[start - 1] not in _CODE_CHARS):
            continue
        if out and out[-1][1] >= end:
            continue  # this run lies in the code found already
        a, b = start, end
        while a and text[a - 1] in _CODE_CHARS:
            a -= 1
        while b < len(text) and text[b] in _CODE_CHARS:
            b += 1
        code = text[a:b]
        if "l" in code and 6 <= len(code) <= 12 and _CODE_WITH_L.fullmatch(code) and not (
            a and text[a - 1].isalnum() or b < len(text) and text[b].isalnum()
        ):
            out.append((a, b))
    return out


def _may_be_misread(text: str) -> bool:
    """False only where ``_ANY`` cannot match: no confusable letter touches a run of digits, and
    no run of one or two digits that opens with a 1 or a 0 stands between two letters.

    Read from the page's runs of digits, which the recognisers use next, instead of a scan that
    stops at every "l" and "o" of the page. (The runs' digits are the regex module's: ``re``'s
    and a few newer ones that ``re`` takes for no word character at all.)
    """
    for start, end in digit_runs(text):
        if text[end : end + 1] in _CONFUSABLE or start and (
            text[start - 1] in _CONFUSABLE or end - start <= 2 and text[start] in "01" and (
                text[start - 1].isalnum() and text[end : end + 1].isalnum()  # ``re``'s \w, less "_"
            )
        ):
            return True
    return False


def _only_digits_of_a_word(text: str, at: int, count: int) -> bool:
    """The ``count`` digits at ``at`` are the only ones in their word, of four or more characters."""
    start = at
    while start > 0 and _WORD.match(text[start - 1]):
        start -= 1
    word = _WORD.match(text, start)
    return word is not None and len(word.group()) >= 4 and sum(c.isdigit() for c in word.group()) == count


def ocr_note(text: str, read: str, start: int, end: int) -> str:
    """What was read otherwise in ``start:end`` ("read 'l' as '1'"), or '' where nothing was."""
    if text is read:
        return ""
    pairs = sorted({(a, b) for a, b in zip(text[start:end], read[start:end], strict=True) if a != b})
    if not pairs:
        return ""
    return "OCR: read " + ", ".join(f"{a!r} as {b!r}" for a, b in pairs)
