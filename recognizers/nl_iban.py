"""IBAN: Dutch and other European account numbers, checked with mod-97."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum import iban

from recognizers.dutch_pattern import DutchPatternRecognizer
from recognizers.evidence import score_down
from recognizers.lexicons import lexicons
from recognizers.person_context import dutch_noun
from recognizers.scanning import digit_runs, page_lowered

# Total IBAN length per country (the SEPA area and more), from the SWIFT IBAN registry. NL has its own
# pattern.
_IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23, "GL": 18, "GR": 27,
    "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
    "MC": 27, "MT": 31, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "VA": 22,
    # and countries outside SEPA whose accounts Dutch files meet (migrants' family accounts, a transfer
    # abroad), same registry: Turkey, Morocco, Ukraine, the Balkans, the Middle East, Brazil, Pakistan
    "TR": 26, "MA": 28, "UA": 29, "RS": 22, "BA": 20, "AL": 28, "MK": 19, "ME": 22, "XK": 20,
    "MD": 24, "GE": 22, "AZ": 28, "TN": 24, "EG": 29, "SA": 24, "AE": 23, "IL": 23, "JO": 30,
    "LB": 28, "QA": 29, "KW": 30, "BR": 29, "PK": 24,
}

# Compact, or groups of four separated by blanks: a space, or what PDF extraction and OCR leave
# between groups (two spaces, a tab, a no-break space U+00A0 or U+202F, a line break). The
# mod-97 check keeps a match that runs across a line from being a false alarm.
_BLANK = r"[ \t\u00a0\u202f\u2007\u2009]"
_SEP = rf"(?:{_BLANK}{{1,3}}|{_BLANK}*\r?\n{_BLANK}*)?"
_BEFORE = r"\b"  # the IBAN starts with a letter: not glued to a word or a number
_AFTER = r"(?![A-Za-z0-9@])"  # nor followed by more characters or an "@" (an address)

# What every IBAN starts with: two letters (the country code, any case), two digits (the check
# digits). One scan for the digits with the letters behind them, cheap since digits are rare in
# prose, tells where the patterns can match; same ``regex`` flags, so the same digits.
_CHECK_DIGITS = regex.compile(r"\d\d(?<=[A-Za-z]{2}\d\d)", regex.UNICODE)
_VALID: dict[str, bool] = {}  # validate_result's memo


# An account the text says belongs to an organisation, not a person: "het rekeningnummer van de
# stichting is NL..", "IBAN van de gemeente:", or "NL.. t.n.v. Stichting Buurthuis De Mussen".
_ORGANISATION = (
    r"(?:stichting|vereniging|gemeente|provincie|ministerie|waterschap|coöperatie|cooperatie"
    r"|kerk|parochie|school|club|fonds|bedrijf|onderneming|organisatie|kantoor|corporatie"
    r"|b\.?v\.?|n\.v\.|nv|v\.?o\.?f\.?|kv|vv|sv|hv|zv|rkvv|rksv|cvv)"  # a club: "t.n.v. KV De Zwaluwen"
    r"(?!\w)"  # not "n.v.t." (not applicable), "stichtingen"
)
_ORGANISATION_BEFORE = regex.compile(
    r"(?i)\b(?:iban|(?:bank)?rekening(?:nummer)?|rekeningnr\.?)[ \t]+(?:van|t\.?n\.?v\.?)[ \t]+"
    rf"(?:de[ \t]+|het[ \t]+|onze[ \t]+|ons[ \t]+)?{_ORGANISATION}"
    r"(?:[ \t]+(?-i:[A-Z0-9])[\w'’&-]*){0,4}[ \t]*(?:is|luidt)?[ \t:]*$"  # its name, then "is" or ":"
)
_ORGANISATION_AFTER = regex.compile(
    rf"(?i)[ \t,]*\n?[ \t]*(?:t\.?n\.?v\.?|ten name van)[ \t:]*\n?[ \t]*(?:de[ \t]+)?(?:\w*{_ORGANISATION}"
    rf"|[^\n,;()]{{1,40}}\b{_ORGANISATION})"
)
# Or one capitalised word after "ten name van" and before the sentence goes on: "ten name van Woonbron,".
_HOLDER_WORD_AFTER = regex.compile(
    r"[ \t,]*\n?[ \t]*(?:t\.?n\.?v\.?|ten[ \t\n]+name[ \t\n]+van)[ \t:]*\n?[ \t]*(?P<word>\p{Lu}[\p{Ll}]{3,})"
    r"(?=[ \t]*[,.;\n]|[ \t]+(?:onder|o\.v\.v|met|te|in)\b)"
)
# A firm's letterhead line (its registration, its VAT number), on the account's line or, where a label
# opens the account's own line, on the line above (with the firm's website too).
_FIRM_LINE = regex.compile(r"(?i)\b(?:kvk|btw|btw-nr|btw-nummer|kamer van koophandel)\b")
_LABEL_OPENS_LINE = regex.compile(r"(?i)[ \t]*(?:iban|rekening(?:nummer)?|bank)[ \t:]*$")
_WEBSITE = regex.compile(r"(?i)\bwww\.")
# A club's account, and a notary's "kwaliteitsrekening": the office's account for its clients' money.
_CLUB_ACCOUNT = regex.compile(
    r"(?i)\b(?:club|verenigings|stichtings|kas|kwaliteits)rekening[ \t]*:?[ \t]*$"
)
# A receivership's or a trustee's account held for a person ("Stichting Beheerrekening X inz. J. Jansen",
# "Derdengelden ... inzake Bakker"): the account is that person's as much as a private one.
_ON_BEHALF = regex.compile(r"(?i)\b(?:inz\.|inzake|t\.b\.v\.|ten behoeve van)[ \t]+\S")
# BNG Bank ("BNGH"), the bank of the Dutch public sector, keeps accounts for municipalities, provinces,
# water boards, housing associations and other public bodies, not for private persons.
_PUBLIC_BANK = "BNGH"
_ORGANISATION_SCORE = 0.3  # below the threshold: not proposed, still explained
_WINDOW = 80


def _european_regex() -> str:
    """One alternative per IBAN length: country codes, check digits, then exactly that many characters."""
    by_length: dict[int, list[str]] = {}
    for country, length in sorted(_IBAN_LENGTHS.items()):
        by_length.setdefault(length, []).append(country)
    alternatives = []
    for length, countries in sorted(by_length.items(), reverse=True):
        groups, rest = divmod(length - 4, 4)
        body = rf"(?:{_SEP}[A-Za-z0-9]{{4}}){{{groups}}}"
        if rest:
            body += rf"{_SEP}[A-Za-z0-9]{{{rest}}}"
        alternatives.append(rf"(?i:{'|'.join(countries)})\d{{2}}{body}")
    # The lookahead rejects most positions before the alternatives are tried (3x faster).
    return _BEFORE + r"(?=[A-Za-z]{2}\d\d)(?:" + "|".join(alternatives) + ")" + _AFTER


# An organisation named right before the account on its line, a comma between them.
_ORGANISATION_NAMED_BEFORE = regex.compile(
    r"(?:^|(?<=[:;\t]))[ ]*(?:Stichting|Vereniging|Coöperatie|Gemeente|(?:Beheer[ ])?Derdengelden)[ ]"
    r"[^\n,;:\t]{1,60},[ \t]*$"
)
# A cell of the account's own table row that names an organisation as the holder (an owners'
# association too: "VvE Het Zwanenhof"): "Stichting
# Dorpshuis Nieuw-Beerta", "Installatiebedrijf Hoek B.V." (an eenmanszaak's row is a person's).
_ORGANISATION_ROW = regex.compile(
    r"(?:^|\t)[ ]*(?:Stichting|Vereniging|Coöperatie|Gemeente|VvE|VVE)[ ][^\t\n]+"
    r"|[^\t\n]*\b(?:B\.V\.|N\.V\.|BV|NV)(?=[ ]*\t)"
)


class NlIbanRecognizer(DutchPatternRecognizer):
    """Recognises bank account numbers (IBAN), Dutch ones first.

    A private person's account number is personal data: Woo article 5.1.2e (respect for private
    life). An account the text gives to an organisation ("het rekeningnummer van de stichting is
    ...", "... t.n.v. Stichting De Mussen", "t.n.v. Bouwbedrijf Jansen B.V.") is no person's and
    scores below the threshold; other accounts of organisations are left to the reviewer.

    Format (ISO 13616): country code, two check digits, then the national account number (BBAN),
    written compact or in groups of four, the groups apart by any blanks that PDF extraction or
    OCR leave (two spaces, a tab, a no-break space, a line break: ``NL91 ABNA\\n0417 1643 00``).
    Dutch: ``NLkk BBBB 0123 4567 89`` (18 characters: four letters for the bank, ten digits).
    Other SEPA countries are matched at their registered length (``BE71 0961 2345 6769``,
    ``DE89 3704 0044 0532 0130 00``). Every match is checked with
    ``stdnum.iban`` (mod-97 check digits, the country's BBAN format and, where stdnum knows
    them, national check digits); a match that fails is never reported, and one that passes
    scores 1.0. The country code may be lowercase.

    Examples (fictitious, checksum-valid): NL91 ABNA 0417 1643 00, NL91ABNA0417164300,
    BE71 0961 2345 6769, DE89 3704 0044 0532 0130 00.
    """

    ENTITY = "IBAN_CODE"

    PATTERNS = [
        Pattern(
            "IBAN (NL)",
            # the ten digits in any grouping ("3109 67 2996"), broken anywhere over a line, and a
            # blank the scan left after the country code ("NL 55 KNAB ...")
            _BEFORE + rf"(?i:NL)[ ]?\d{{2}}{_SEP}[A-Za-z]{{4}}(?:{_SEP}\d){{10}}" + _AFTER,
            0.5,
        ),
        Pattern("IBAN (SEPA country)", _european_regex(), 0.5),
    ]

    CONTEXT = [
        "iban",
        "rekening",  # also rekeningnummer, bankrekening
        "bank",
        "giro",
        "t.n.v",
    ]

    def match_starts(self, text: str) -> list[int]:
        """Where an IBAN can start: two letters (the country code) before two digits.

        What ``_CHECK_DIGITS`` finds in the page, read from its runs of digits: the check digits
        open a run, right after the letters."""
        runs = digit_runs(text)
        starts = [start - 2 for start, end in runs if end - start >= 2 and start >= 2 and (
            text[start - 2 : start].isalpha() and text[start - 2 : start].isascii()
        )]
        if "nl " in page_lowered(text):  # "NL 55 KNAB ...": a blank after the country code (in any case)
            starts.extend(start - 3 for start, end in runs if end - start >= 2 and start >= 3 and (
                text[start - 1] == " " and text[start - 3 : start - 1].upper() == "NL"
            ))
            starts.sort()
        return starts

    def validate_result(self, pattern_text: str) -> bool:
        """True when the check digits (mod-97) and the country's account format are right.

        Memoised (bounded): the same accounts recur on every page of a batch (a letterhead's),
        and the check of the country's format is slow (15 microseconds).
        """
        valid = _VALID.get(pattern_text)
        if valid is None:
            if len(_VALID) > 50_000:
                _VALID.clear()
            valid = _VALID[pattern_text] = bool(iban.is_valid("".join(pattern_text.split())))
        return valid

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Pattern matches, scored down where the text names an organisation as the holder."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            if "".join(text[result.start : result.end].split())[4:8].upper() == _PUBLIC_BANK:
                why = "an account at BNG Bank, which keeps accounts of public bodies only"
                score_down(result, _ORGANISATION_SCORE, why)
                continue
            holder = self._holder(text, result.start, result.end)
            if holder is not None:  # (the detector's context boost, "rekening", must not lift it again)
                why = f"an organisation's account: {holder.group().strip()!r}"
                score_down(result, _ORGANISATION_SCORE, why)
        return results

    @staticmethod
    def _holder(text: str, start: int, end: int) -> regex.Match[str] | None:
        """Words that give the account to an organisation, before or after it; the regexes run
        only where a cheap look for "rekening", "iban" or "t.n.v." says they can match."""
        before = text[max(0, start - _WINDOW) : start]
        low = before.lower()
        if "rekening" in low or "iban" in low:
            found = _ORGANISATION_BEFORE.search(before)
            if found is not None:
                return found
        after = text[end : end + 24].lower()
        if "t.n.v" in after or "tnv" in after or "ten name" in after:
            found = _ORGANISATION_AFTER.match(text, end)
            line_end = text.find("\n", found.end()) if found is not None else -1
            line_end = len(text) if line_end < 0 else line_end
            if found is not None and _ON_BEHALF.search(text, found.end(), line_end):
                return None  # "t.n.v. Stichting Beheerrekening Ouwerkerk inz. Ş. Aydoğan": a client's money
            if found is None:
                found = _HOLDER_WORD_AFTER.match(text, end)
                word = found.group("word") if found is not None else ""
                lex = lexicons()
                if found is not None and not (word in lex.first_names or lex.is_surname(word)) and (
                    dutch_noun(word.lower(), lex.dictionary)
                ):
                    return found  # "ten name van Woonbron": one word of Dutch words, no one's name
                return None
            return found
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        firm = _FIRM_LINE.search(text, line_start, len(text) if line_end < 0 else line_end)
        if firm is None and _LABEL_OPENS_LINE.match(text, line_start, start):
            # "IBAN NL58 ..." on its own line below a letterhead's line with "www." or KvK
            above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
            firm = _FIRM_LINE.search(text, above, line_start) or _WEBSITE.search(text, above, line_start)
        if firm is not None:
            return firm  # "KvK 3427l188   BTW NL...B01   IBAN NL98 ...": an invoice's letterhead
        club = _CLUB_ACCOUNT.search(text, line_start, start)
        if club is not None:
            return club  # "Clubrekening: NL04 INGB ..."
        named = _ORGANISATION_NAMED_BEFORE.search(text, line_start, start)
        if named is not None:  # "Derdengelden: Stichting Derdengelden Delacroix & Baas, NL18 ..."
            return named
        if "\t" in text[line_start:start]:  # a table row: the organisation's row names it
            row = _ORGANISATION_ROW.search(text, line_start, start)
            if row is not None:
                return row
        return None

