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
  dash or blank lines after the title, "ElKhatib" for "El Khatib";
* in running text, where no header or salutation helps: a role noun, also as a compound
  ("hoofdredacteur", "Gemeente-woordvoerder", "duurzaamheidscoördinator"), a verb of saying
  ("volgens", "zegt", "aldus", "Zoals X al aangaf"), an age, a party or a date of birth in
  brackets ("(27)", "(D66)", "(geboren ...)"), a list with a name found by its title ("de heren
  Kuipers en Lamberink"), the subject of a verb ("Marieluise Steckel geeft aan");
* structure that does not depend on a Dutch lexicon, so that names of every origin are found
  alike: letters no Dutch word has (ş, ğ, ı, ł, ä, ö after a consonant), particles inside the name
  ("Smit-van Leeuwen", "Al-Khatib", "d'Ancona", "v.d. Berg", "P de Boer"), surname first
  ("Vries, J. de", "Ouali, S. (Salma)"), a name broken over a line ("Jan" + break + "Jansen",
  "Jansen-" + break + "Bakker");
* initials stand for a person only with name evidence: an attendance line, a label
  ("actiehouder: EK"), brackets after a full name ("Jan de Vlieger (JdV)"), a sign-off, an action
  line of minutes, or a minutes verb ("AN geeft aan"); an upper-case token the text uses as a term
  ("de AI", "AI-toepassingen", "Artificiële Intelligentie (AI)") or a known acronym never is;
* Woo documents outside prose: the sender of a chat export ("[12-03 14:02] Fatima:"), a text
  message signed "Gr Kemal", a form's own "Tussenvoegsel: van der" field, "Öztürk,  Ayten" alone in
  a table cell, initials in a form's office box ("Ontvangen door: KvdL", "HvB / LK"), initials
  declared after a function ("Olga Kramer – privacy officer (OK)", even when they spell a word),
  informal minutes ("aanw: Mieke, Arjen"), a surname speaking at the start of a line of minutes
  ("Lammers: ..."), a surname as the subject of a verb or after "door"/"met";
* organisations, places and works are kept out by the words around them ("industrieterrein De
  Vaart", "Bakkerij Van Damme", "Etty Hillesum Lyceum", "over Het Achterhuis", "CBS De Wegwijzer",
  "Van Wijnen Bouw B.V.", "Woonstichting 't Heem", "GGD Hollands Midden"), a short list of
  companies and newspapers named like a person ("Albert Heijn", "De Gelderlander"), and a team
  after a named person's function ("beleidsmedewerker Subsidies", "consulent Wmo").

Fictitious examples: "dhr. J.P.M. van der Berg", "Beste Fatma,", "Met vriendelijke groet,\\nEmre
Yilmaz", "Van: Bos, Anna <a.bos@example.nl>", "wethouder De Wit".
"""

from __future__ import annotations

import re as stdre
import unicodedata
from bisect import bisect_right
from typing import NamedTuple

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import line_before, make_result
from recognizers.lexicons import Lexicons, lexicons, own_list
from recognizers.person_context import (
    SURNAME_AGAIN,
    business_after,
    drop_non_persons,
    dutch_noun,
    ends_in_noun,
)
from recognizers.scanning import (
    ONE_THREAD,
    matches_at,
    page_lowered,
    prefix_alternation,
    starts_of_lines_holding,
    starts_of_openings,
)
from recognizers.table_columns import column_cells, may_hold_table

_UP = r"\p{Lu}"
_LOW = r"\p{Ll}"
# Tussenvoegsels, in the order a pattern prefers them where several match ("van der" before "van").
_INTERFIX_WORDS = (
    "van der", "van den", "van de", "van het", "van 't", "in 't", "in het", "in den", "op de", "op den",
    "op het", "op 't", "uit de", "uit den", "aan de", "aan den", "bij de", "de la", "de los", "van",
    "von", "vom", "de", "den", "der", "ter", "ten", "te", "het", "'t", "la", "le", "du", "da", "dos",
    "del", "della", "di", "el", "al", "bin", "ben", "zu", "zur", "v.d.", "v. d.", "v/d", "v d", "vd", "v.",
)
_INTERFIXES = prefix_alternation(_INTERFIX_WORDS)  # one of them, as a prefix tree (a fast scan)
# What can follow a gap inside a chain: a piece (a capital, "d'", "l'") or a tussenvoegsel.
_AFTER_GAP = rf"(?=[{_UP}{''.join(sorted({re.escape(w[0]) for w in _INTERFIX_WORDS}))}])"
# A name word: "Jansen", "O'Brien", "d'Ancona", "Smit-van", "Jansen-" + line break + "Bakker"
# (a double name hyphenated at a line end, found whole).
_NAME_WORD = (  # "al-Hassan", "el-Amrani": an Arabic particle in lower case, hyphenated
    rf"(?:[{_UP}]['’]|[dl]['’]|[ae]l-)?[{_UP}][{_LOW}]+(?:['’][{_LOW}]+)?"
    rf"(?:-(?:[ \t]{{0,2}}\n[ \t]*)?[{_UP}{_LOW}][{_LOW}]*)*"  # (blanks around the break: a table's cell,
)  # an indented line: "Hoogendijk-<tab>" + break + "<tab><tab>van Rossum", "Habte-" + break + "    Weldu")
# The ASCII characters a _NAME_WORD can open with (a capital, or the "d", "l", "a", "e" of "d'",
# "l'", "al-", "el-"); other ASCII characters rule it out.
_NAME_WORD_OPENERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZdlae")
# The hyphenated tail of a desk's name in a mail header ("Woo-loket", "Wmo-team", "ICT-servicedesk").
_DESK_TAILS = ("-loket", "-balie", "-team", "-desk", "-servicedesk", "-helpdesk", "-secretariaat",
               "-servicepunt", "-informatiepunt", "-meldpunt")
_INITIAL = rf"(?:Th|Ch|Chr|Ph|Joh|Jac|Wm|Tj|Sj|IJ|[{_UP}])\."  # "Tj. Bergsma", "Sj. de Vries": Frisian
_INITIALS = rf"{_INITIAL}(?:[ ]?-?{_INITIAL})*"
# A bare initial without its dot ("P de Boer", "A Visser"): one capital, then a name.
_BARE_INITIAL = rf"[{_UP}](?=[ \u00a0]+(?:(?:{_INTERFIXES})[ \u00a0]+)*[{_UP}][{_LOW}])"
_PIECE = rf"(?:{_INITIALS}|{_NAME_WORD}|{_BARE_INITIAL})"
# Pieces are joined by spaces, no-break spaces (U+00A0) or one tab ("Naam:<tab>Fatma<tab>Yilmaz").
_GAP = r"(?:[ \u00a0]+|\t)"
CHAIN = re.compile(  # the lookaheads restate how a piece (or a gap's next part) starts: others fail at once
    # after an opening quote too, and after a chat's "@" ("@Mehmet Kaya"), not inside an e-mail address
    rf"(?=[{_UP}]|[dl]['’])(?<![\w./\\-])(?:(?<!@)|(?<=(?<![\w.])@)(?=[{_UP}][{_LOW}]))(?<![\w]['’]){_PIECE}"
    rf"(?:{_GAP}{_AFTER_GAP}(?:(?:{_INTERFIXES}){_GAP})*{_PIECE})*(?![\w@])"
)
PART = re.compile(rf"{_INITIALS}|{_NAME_WORD}|(?:{_INTERFIXES})(?=[ \u00a0\t])|{_BARE_INITIAL}")
INITIALS = re.compile(rf"{_INITIALS}$")
# Surname first, as in lists and address books: "Vries, J. de", "Veen, R. van der (Rik)",
# "Bourgondië, van, J. (Jonas)", "Aarts, M.J.", "Kalsbeek, mr. R.J.". COMMA_INITIALS finds the comma and
# what follows it; SURNAME_BEFORE_COMMA the surname on the same line before it.
# A form's next label after a value, as a PDF's text gives it ("Naam Ouwerkerk, D. Telefoon 026 ...").
_NEXT_LABEL = (
    r"(?:Telefoon|Tel|E-mail|Email|Adres|Handtekening|Geboortedatum|Datum|Woonplaats|Postcode|Mobiel)\b"
)
_LABEL_NEXT = re.compile(rf"[ ]+{_NEXT_LABEL}")
COMMA_INITIALS = re.compile(
    rf",[ ]+(?:(?P<ifx1>{_INTERFIXES}),[ ]+)?(?:(?:mr|dr|drs|ir|ing|prof|mevr|dhr)\.[ ]+)?"
    rf"(?P<init>{_INITIALS}(?:[ ]&[ ]{_INITIALS})?)"  # (or a couple's: "Hoogland, P. & M.")
    rf"(?:[ ]+(?P<ifx2>{_INTERFIXES})(?=[ ]*(?:[(<\[\n,;)\t|–]|$)|[ ]+[{_UP}][{_LOW}]+[ ]\d|[ ]+\d))?"
    rf"(?:[ \t]*\((?P<first>{_NAME_WORD}(?:[ ]{_NAME_WORD})?)\))?"
    # the cell ends: a tab, a street, the next field's label
    rf"(?![ ]*(?:(?!{_NEXT_LABEL})[{_UP}][{_LOW}]++(?![ ]\d)|(?:{_INTERFIXES})[ ]+[{_UP}]))"
)
SURNAME_BEFORE_COMMA = re.compile(  # one or two spaces between words: OCR of forms doubles them
    rf"(?:^|(?<=[\s(\[;:•*'‘\"“-]))(?P<sur>(?:(?:{_INTERFIXES})[ ]{{1,2}})?{_NAME_WORD}"
    rf"(?:[ ]{{1,2}}(?:(?:{_INTERFIXES})[ ]{{1,2}})*{_NAME_WORD}){{0,2}}"
    rf"(?:[ ]{{1,2}}(?:{_INTERFIXES}))?)$"
)
# What follows a given name in a person's record (a list's item, a table row whose tabs a PDF gave back
# as blanks): ", geb. 02-09-1967", ", Troelstrakade 17", a date of birth (OCR's O for 0: "O2-O6-1998"),
# a street and number ("6 Lamers, Joop Perzikstraat 5 bis"), a street, number and postcode ("Tjalsma,
# Gerda Skâns 3 8701 KP").
_STREET_WORD = r"(?:straat|laan|weg|kade|plein|gracht|singel|dijk|pad)"
_PERSON_DATA_AFTER = (
    rf",[ ](?:geb\.|geboren|\p{{Lu}}\p{{L}}+{_STREET_WORD}[ ]\d)"
    r"|,?[ ][\dOl]{1,2}[-./][\dOl]{1,2}[-./][\dOl]{2,4}\b"  # "Kovalenko, Oleksandr, 30-10-1994"
    r"|[ ](?:19|20)\d\d-[01]\d-[0-3]\d\b"  # a row's date written year first: "Tesfay, Mehret 1996-11-23"
    rf"|[ ]\p{{Lu}}\p{{L}}+{_STREET_WORD}[ ]\d"
    r"|[ ]\p{Lu}\p{L}+[ ]\d{1,4}[a-z]?[ ]\d{4}[ ]?[A-Z]{2}\b"
)
# A date (of birth) after a name in a record, perhaps after a bracket: "(roepnaam Gea), 02-09-1957".
_BIRTH_DATE_AFTER = re.compile(r"(?:[ ]\([^()\n]{1,30}\))?,?[ ][\dOl]{1,2}[-./][\dOl]{1,2}[-./][\dOl]{2,4}\b")
# Surname, comma, given name in a cell of a table or a form: "17<tab>Öztürk, Ayten<tab>...".
CELL_SURNAME_FIRST = re.compile(  # also an item of a list ("- Ionescu, Gabriela - onbekend"), a Teams sender
    # after a cell's tab or blanks, a label, a bullet, a chat's "] ", a "| ", a row's number ("12 Kok-Eleveld,
    # Roos"), and its date ("05 10-01 Çakır, Emre") as a PDF gives a table row back
    rf"(?m)(?:^|(?<=\t|[ ]{{2}}|:[ ]|^[-•*][ ]|\][ ]|;[ ]|\|[ ]|^\d{{1,3}}[ ](?:\d\d?-\d\d?[ ])?))"
    rf"(?P<sur>(?:(?:{_INTERFIXES})[ ])?{_NAME_WORD}(?:[ ]{{1,2}}{_NAME_WORD})?|[{_UP}]{{3,}}),[ ]{{1,2}}"
    # "<": a header's address; or the person's data goes on
    # the tussenvoegsel after the given name ("Vries, Kim de") goes with the surname, inside the span
    rf"(?P<given>{_NAME_WORD})(?:[ ](?:{_INTERFIXES})(?<![.]))?"
    rf"(?=[ ]*(?:\t|\n|$|;)|[ ]{{2}}|[ ][-–(|<]|{_PERSON_DATA_AFTER})"
)
# The next cell of a person's row: a street and number or a postcode ("Okafor, Ngozi | Kade 7 | 3011 TA").
_RECORD_CELL_AFTER = re.compile(
    r"[ ]*(?:\t|\|)[ \t|]*(?:\p{Lu}[\p{L}'’.-]*(?:[ ][\p{L}'’.-]+){0,3}[ ]\d{1,4}\b|\d{4}[ ]?[A-Z]{2}\b)"
    r"|" + _PERSON_DATA_AFTER  # or a list's item goes on with the person's data
)
# A nickname between a given name and the surname: "Cornelis (Cor) van 't Hul", "Johanna 'Jo'
# Brouwer-Zwart"; found at the nickname (rare), then the words around it are read.
# A holder's name in capitals, as a bank or a card prints it: "t.n.v. L H ZWANIKKEN".
CAPS_HOLDER = re.compile(
    r"(?i:(?P<label>t\.n\.v\.|ten[ ]name[ ]van|kaarthouder))[:\t ]+"
    r"(?P<name>(?:[A-Z]\.?[ ]){1,3}(?:(?:VAN|DE|DER|DEN|TER)[ ])*[A-Z]{3,}(?:[ -][A-Z]{3,})?)(?!\w)"
)
_CAPS_HOLDER_OPENINGS = ("t.n.v.", "ten name van", "kaarthouder")  # its labels, where it is tried
# A nickname in quotes after "bekend als", "alias", "bijnaam": "bekend als 'Kev'", "alias "de Beer"".
KNOWN_AS = re.compile(
    r"(?P<label>bekend[ ]als|alias|bijnaam|hostnaam|gebruikersnaam|accountnaam|profielnaam)[ :]+[\"'“‘]"
    r"(?P<nick>(?:(?:de|het|van)[ ])?\p{Lu}[\p{L}-]{1,20}(?:[ ]\p{Lu}[\p{L}-]{1,20})?)[\"'”’]"
)
_WORKS = frozenset("boek roman film serie album lied nummer voorstelling musical programma tijdschrift krant "
                   "blad gedicht toneelstuk".split())  # 'het boek "Pluk" (Annie M.G. Schmidt)': a title
NICK_BEFORE_NAME = re.compile(r"[\"“'‘](?P<nick>\p{Lu}[\p{L}-]{1,15})[\"”'’][ ]\(")  # ends at the name
_GIVEN_IN_BRACKETS = r"[ ]\((?P<given>\p{Lu}\p{Ll}+)(?:\)|,[ ])"
ROLE_THEN_GIVEN = re.compile(r"\b(?P<role>\p{Ll}[\p{Ll}-]{3,30})" + _GIVEN_IN_BRACKETS)
_HAS_GIVEN_IN_BRACKETS = re.compile(_GIVEN_IN_BRACKETS)  # in every ROLE_THEN_GIVEN match: a look first
GIVEN_AFTER = re.compile(  # also on the next line, and in quotes: 'K. van Gorp ("Kees")'
    r"(?:[ ]|\n[ \t]*)\([\"“'‘]?(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[\"”'’]?\)"
)
NICKNAME = stdre.compile(r"[ ](?:\(([^\W\d_]+)\)|['‘’\"“]([^\W\d_]+)['’\"”])[ ]")
_SURNAME_AFTER_NICKNAME = re.compile(rf"(?:(?:{_INTERFIXES})[ ]+)*{_NAME_WORD}")
BRACKETED_GIVEN = re.compile(
    rf"(?<![\w.]){_INITIALS}[ ]\((?P<given>{_NAME_WORD})\)[ ]"
    rf"(?:(?i:{_INTERFIXES})[ ])*(?P<surname>{_NAME_WORD})"  # "L. (Lieke) Ter Haar-Winter" too
)
# "Rami Al-Khatib (41)", "Kalkman (D66)": an age or a party in brackets right after a name.
AGE_OR_PARTY = re.compile(
    r"(?:,[ ](?P<age2>\d{1,2})\)"  # "(Jayden Lamers, 17)"
    r"|[ ]?\((?:(?P<age>\d{1,3})(?:[ ]?(?:jaar|jr\.?))?\)|(?P<party>[\p{L}\d-]{2,16})\)"
    r"|(?P<born>geboren|geb\.|geboortedatum|°)))"
)
# A role in brackets right after a name: "Hüseyin Arslan (voorzitter)", "(projectleider renovatie)".
ROLE_IN_BRACKETS = re.compile(r"[ ]{0,2}\((?P<role>\p{Ll}[\p{Ll}-]{2,40})(?=[),; ])")
# Roles that an organisation plays as well: "Woonstad (verhuurder)", "Heijmans (aannemer)".
_ORGANISATION_ROLES = frozenset(
    "aannemer aanvrager adviseur eigenaar financier initiatiefnemer leverancier opdrachtgever "
    "opdrachtnemer partner penvoerder uitvoerder verhuurder vergunninghouder werkgever".split()
)
# A surname (its tussenvoegsel too) and a party in brackets after it: "Van Dam (VVD)", "Heemskerk (CDA)".
_PARTY_AFTER = re.compile(
    r"(?<![\w.'’-])"
    r"(?P<name>(?:(?:[Vv]an|[Dd]e|[Dd]en|[Dd]er|[Tt]er|[Tt]en|[Ee]l|[Aa]l|[Ii]n ['’]t|[Vv]an ['’]t)[ ])*"
    r"\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?)[ ]\((?P<party>[\p{L}\d][\p{L}\d –-]{1,30})\)"
)
PARTIES = frozenset(
    "vvd cda d66 sp gl pvda gl-pvda groenlinks groenlinks-pvda bbb ja21 sgp cu christenunie pvv fvd "
    "denk volt pvdd 50plus nsc bij1 lokaal".split()
)
# Verbs and phrases after which a capitalised word is the speaker: "zegt Yilmaz", "aldus Kowalski".
SPEECH_BEFORE = frozenset(
    "volgens zegt zei vertelt vertelde aldus vindt vond legt legde reageert reageerde stelt stelde "
    "benadrukt benadrukte erkent erkende verklaart verklaarde schrijft schreef weet vraagt vroeg "
    "meent meende denkt dacht hoopt hoopte verwacht verwachtte waarschuwt waarschuwde zucht "
    "lacht lachte getuigde getuigt".split()
)
BARE_INITIAL = re.compile(rf"[{_UP}]$")
TRAILING_INTERFIX = re.compile(rf"(?:^|[ \t])((?:{_INTERFIXES}))[ \t]+$")
# The words a tussenvoegsel can end with: TRAILING_INTERFIX is tried only after one of them.
_INTERFIX_LAST_WORDS = frozenset(i.rsplit(" ", 1)[-1] for i in _INTERFIX_WORDS)

# E-mail header lines (the value is a person unless it is an organisation or an address), also in
# a reply's quoted message ("> Van: Sandra <...>").
HEADER = re.compile(
    r"(?im)^[ \t]*(?:>[ \t]*)*(?:van|aan|cc|bcc|kopie(?: aan)?|from|to|afzender|geadresseerde|verzonden door)"
    r"[ \t]*:[ \t]*(?P<value>[^\n]*)"
)
# Words in lower case in a header's display name that make it an organisation's.
_ORGANISATION_IN_HEADER = frozenset({"gemeente", "provincie", "waterschap", "ministerie", "afdeling", "team"})
# A mailbox's user name as a header's value, without a domain: "Aan: m.groen", "> Van: j.de.vries".
HEADER_LOGIN = re.compile(
    r"(?im)^[ \t]*(?:>[ \t]*)*(?:van|aan|cc|bcc|from|to)[ \t]*:[ \t]*"
    r"(?P<login>[a-z]{1,3}(?:\.[a-z]{1,3})?\.[a-z][a-z'-]{2,})[ \t]*$"
)
# A sign-off, then the name on the same line ("Groet, RF") or the next non-empty line.
SIGN_OFF = re.compile(
    r"(?im)(?:groet(?:en|jes)?|regards|groeten|dank(?:je| je| u)?(?: wel)?|bedankt|mvg|mvgr|gr|grt|"
    r"hoogachtend)[ \t]*[,!.]?[ \t]*(?:\n[ \t]*)+(?P<value>[^\n]{1,60})"
    r"|\b(?:groet(?:en|jes)?|regards|gr|grt|mvg)[ \t]*,[ \t]*(?P<inline>[^\n,]{1,40})$"
    # a text message signed without a comma: "... gaan kijken. Gr Kemal", "Groet Sanne de Wit"
    r"|(?-i:\b(?:Gr|Grt|Groet|Groetjes|Mvg)\.?[ ]+(?P<inline>\p{Lu}[\p{L}'’-]+(?:[ ]\p{L}[\p{L}.'’-]*){0,3}))"
    r"[ \t]*$"
    # a note signed with initials after a greeting in lower case, on a line of its own: "groetjes JvO"
    r"|(?<=^[ \t]*)(?-i:(?:groetjes|groeten|groet|gr|grt|mvg)\.?[ \t]+"
    r"(?P<inline>\p{Lu}(?:[a-z]{1,3})?\p{Lu}{1,2}))"
    r"[ \t]*$"
)
# A given name, then "en" or "&", right before a found name ("Gerard en Ans Prins").
_GIVEN_BEFORE_EN = re.compile(r"(?<![\w.-])(\p{Lu}\p{Ll}+)[ ](?:en|&)[ ]\Z")
# A note's last line, initials alone with a small letter among them ("MdB", "JvO", "HvdL"): who wrote it.
# (the small letters a tussenvoegsel's: "v", "d", "vd", "vdr", "t"; not "RoomEN", OCR of a letterhead)
# A given name after a found name and "en" (then perhaps its surname in brackets): "... en Jan (Tuinstra)".
_GIVEN_AFTER_EN = re.compile(r"[ ](?:en|&)[ ](\p{Lu}\p{Ll}+)(?![\w-])([ ]\(\p{Lu}\p{Ll}+\))?(?![ ]\p{Lu})")
# A name, then its initials in brackets: "Frank Tol (FT)", "Nadia El Idrissi (NEI)", "Eva de Wit (EdW)".
_NAME_BRACKET_INITIALS = re.compile(
    r"(?<![\w-])(?P<name>\p{Lu}\p{Ll}+(?:[ ](?:(?:van|de|der|den|ter|ten|te|el|al|El|Al|De|Van)[ ])*"
    r"\p{Lu}[\p{Ll}'’-]+){1,2})[ ]\((?P<initials>\p{Lu}{2,4}|\p{Lu}[a-z]{1,3}\p{Lu}{1,2})\)"
)
# A surname alone in brackets, or after a number's noun in them: "(Dijkstra)", "(piketnummer Kuijpers)".
_BRACKETED_SURNAME = re.compile(r"\((?:[a-z]+nummer[ ])?(?P<name>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)\)")
# A surname after a relative's noun and "van": "de dochter van Kuipers", "de zoon van De Haan".
_KIN_OF = re.compile(
    r"\b(?P<kin>dochter|zoon|vrouw|echtgenote|echtgenoot|moeder|vader|broer|zus|schoonzoon|schoondochter"
    r"|kleinzoon|kleindochter|weduwe|ex-vrouw|ex-man|vriendin|vriend|buurman|buurvrouw|neef|nicht)"
    r"[ ]van[ ](?P<name>(?:(?:[Dd]e|[Vv]an(?:[ ]de[nr]?)?|[Tt]er|[Tt]en)[ ])?"
    r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)"
    r"(?![\w-]|[ ]\p{Lu})"  # (not "de broer van Wouterse Installatietechniek": a firm)
)
_KIN_WORDS = ("dochter van", "zoon van", "vrouw van", "echtgeno", "moeder van", "vader van", "broer van",
              "zus van", "weduwe van", "ex-man van", "vriend", "buurman van", "neef van", "nicht van")
# A name after an acronym (a role's, see _after_role_acronyms): "met BOA Siebring;".
_AFTER_ACRONYM = re.compile(r"(?<![\w-])(\p{Lu}{2,5})[ ](\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?)(?![\w-])")
# A letter's typist mark, the author's initials in capitals and the typist's in small letters:
# "Opgesteld: team Juridische Zaken, ST /mk, 6 maart 2024", "JvdB/ak".
_TYPIST_MARK = re.compile(
    r"(?<![\w/.@-])(\p{Lu}{2,3}|\p{Lu}[dehjlrtv]{1,3}\p{Lu})[ ]?/[ ]?(\p{Ll}{2,3})(?![\w/.@-])"
)
# Dotted initials alone in a paraaf box, after its label (and a role): "Paraaf teamleider OOV: L.H."
_DOTTED_AFTER_LABEL = re.compile(
    r"(?i:paraaf|geparafeerd|gecontroleerd|gecontr\.|opgesteld|akkoord|verslag|notulist|notulen)"
    r"(?:[ ](?:door|[\w-]+)){0,3}"
    r"[ \t]*:[ \t]*((?:\p{Lu}\.){2,4})(?![\w.])"
)
# (its labels, looked for first)
# Nouns that open a line as its label, also surnames ("Bron: regionale nieuwssite", "Doel: ...").
_LINE_LABELS = frozenset({
    "bron", "doel", "titel", "status", "locatie", "aanleiding", "besluit", "conclusie", "toelichting",
    "reactie", "advies", "vraag", "antwoord", "noot", "opmerking", "voorstel", "resultaat", "planning",
    "kosten", "type", "soort", "onderwerp", "kenmerk", "plaats", "stand", "fase", "prioriteit", "actie",
    "afspraak", "bijlage", "versie", "koers"})
_DOTTED_LABEL_WORDS = ("paraaf", "geparafeerd", "gecontr", "opgesteld", "akkoord", "verslag", "notul")
_LAST_LINE_INITIALS = re.compile(r"(?:^|\n)[ \t]*(\p{Lu}(?:[vdt]|vd|vdr|de|te)\p{Lu}{1,2})[ \t]*\s*\Z")
# What a SIGN_OFF match starts with, lowercase ("gr" also opens groet, groeten, groetjes, grt).
_SIGN_OFF_OPENINGS = ("gr", "regards", "dank", "bedankt", "mvg", "hoogachtend")
_SIGN_OFF_WORDS = frozenset({"gr", "grt", "groet", "groetjes", "mvg"})  # a greeting written before the name
SIGN_OFF_INITIALS = re.compile(r"\p{Lu}(?:[a-z]{1,3})?\p{Lu}{1,2}|\p{Lu}{2,4}")
# Initials used as a name in minutes: "AN geeft aan", "actiehouder: EK", "KvL", "MK/RS"; not the
# opening of a reference ("LB/WO/2024-0893").
NAME_INITIALS = re.compile(  # (and "PRa": two initials and the surname's second letter, told apart from
    # a colleague's "PR"; not a plural's "s": "BVs")
    r"(?<![\w@./-])(?:\p{Lu}{1,2}[dehjlrtv]{1,3}\p{Lu}{1,2}|\p{Lu}{2,3}|\p{Lu}{2}[a-rt-z])(?![\w@-]|/[\w-]*[/\d])"
)  # the small letters a tussenvoegsel's ("vdr", "t", "el") or a given name's ("Th", "Tj"): not "PostNL"
# Initials with a tussenvoegsel's small letters ("LvdB", "JdV", "IFdB"): no acronym is written so.
_PARTICLE_INITIALS = re.compile(r"\p{Lu}{1,2}[dehjlrtv]{1,3}\p{Lu}{1,2}")
DECLARED_INITIALS = "declared initials"  # the rule name of initials the text says are a person
INITIALS_LABELS = ("actiehouder", "actie", "initialen", "eigenaar", "trekker", "behandelaar",
                   "contactpersoon", "paraaf", "akkoord", "behandeld door", "afgesproken wordt dat",
                   # office boxes of forms and minutes: "Ontvangen door: KvdL", "Vastgesteld door: GJS"
                   "ontvangen door", "gecontroleerd door", "vastgesteld door", "opgesteld door",
                   "goedgekeurd door", "gezien door", "ingevoerd door", "verwerkt door", "geparafeerd door",
                   # and without "door": "Gecontroleerd: JdG", "Gecontr.:PvdW 02/05", "Opgesteld: LB"
                   "gecontroleerd", "gecontr.", "opgesteld", "geparafeerd", "goedgekeurd")
# Verbs after which initials stand for a person in minutes ("AN geeft aan", "EK neemt dit mee"):
# speech and action verbs only, not "is", "kan", "wordt" ("AI kan helpen" is about a technology).
MINUTES_VERBS = frozenset(
    "geeft gaf meldt meldde stelt stelde vraagt vroeg licht lichtte zegt zei merkt benadrukt deelt "
    "neemt nam zorgt pakt stuurt belt mailt bevestigt antwoordt reageert informeert schrijft "
    "adviseert concludeert agendeert verstuurt koppelt checkt regelt brengt heeft had doet "
    "spreekt sprak belde stuurde schreef antwoordde informeerde zoekt legt past wordt werd zal "
    "gaat komt maakt houdt volgt levert plant rapporteert coördineert verzorgt organiseert "
    "onderzoekt bespreekt leest bereidt neemt stemt werkt".split()
)
# Lines that list people by their initials: "Aanwezig: WvD (voorzitter), AK, RS", "Notulist: JP".
ATTENDANCE = re.compile(
    r"(?im)^[ \t]*(?:aanwezig(?:en)?|afwezig(?: met(?: bericht)?)?|aanw|afw|deelnemers|notulist(?:e)?|"
    r"notulen|verslag|voorzitter|secretaris|afmeldingen|gasten?|agendalid|leden)[ \t]*:[^\n]*"
)
_MINUTES_WORDS = ("aanwezig", "afwezig", "notulen", "aanw:", "afw:", "rondvraag", "actiepunt")
_ATTENDANCE_WORDS = ("aanw", "afw", "deelnemer", "notul", "verslag", "voorzit", "secretaris",
                     "afmelding", "gast", "agendalid", "leden")
# An attendance list of minutes, with the lines it wraps onto (up to a blank line or a label).
ATTENDEES = re.compile(
    # ("Aanw:", "afw:"; not "AFW:", a speaker's initials in a transcript)
    r"(?im)^[ \t]*(?:aanwezig(?:en)?|afwezig(?: met(?: bericht)?)?|(?-i:[Aa]anw|[Aa]fw)|deelnemers|afgemeld)"
    r"[ \t]*:"
    r"(?P<value>[^\n]*)"
)
# What may follow a chat sender's name before the colon and is no part of it: an emoji the phone's
# address book added ("ingrid 🌻"), a note in brackets ("henk (nr 23)", "Sanne (buurvrouw)").
_SENDER_TAIL = r"(?:[ ]*\([^()\n:]{1,25}\)|[ ]*[^\w\s:()\[\],.'’+-]{1,4})?"
# The sender of a chat message in an export: "[12-03 14:02] Fatima: ...", "[09-01-24, 21:04:02] Sam K:".
CHAT_SENDER = stdre.compile(
    r"(?m)^[ \t]*\[[0-9][0-9:/.,\- ]{3,22}\][ \t]*(?P<value>[^:\n\[\]]{1,40}?)" + _SENDER_TAIL + ":"
)
# The headings of a table's column of names (lower case), and what such a cell may hold.
NAME_COLUMNS = frozenset({
    "naam", "namen", "naam afzender", "naam ontvanger", "afzender", "ontvanger", "naam deelnemer",
    "deelnemer", "naam bewoner", "bewoner", "naam aanvrager", "aanvrager", "naam medewerker",
    "medewerker", "contactpersoon", "naam indiener", "indiener", "naam melder", "melder", "getuige",
    "huurder", "naam + voorletters", "achternaam", "voornaam", "voornamen", "roepnaam",
    "naam betrokkene", "betrokkene", "naam ondertekenaar", "ondertekenaar",
    "wie", "actiehouder", "verantwoordelijke", "uitvoerder", "behandelaar", "behandeld door", "spreker",
    "sprekers", "inspreker", "insprekers", "aanwezigen", "gesproken met", "contact", "vergunninghouder",
    "houder", "eigenaar", "bewoners", "huurders", "cliënt", "client",
})
# The headings of a table's column of businesses: a name in such a cell is the firm's ("Kleinjan Kip").
FIRM_COLUMNS = frozenset({"handelsnaam", "bedrijfsnaam", "bedrijf", "organisatie", "firma", "onderneming",
                          "naam bedrijf", "naam organisatie", "naam onderneming", "leverancier",
                          # where someone goes to school or works: "School/werk<tab>De Meergronden"
                          "school", "school/werk", "school / werk", "werkgever", "opleiding",
                          "zorgaanbieder"})
# The columns of an action list whose cells hold who does it, often as initials ("JE/RS", "GtB").
_INITIALS_COLUMNS = frozenset({"wie", "actiehouder", "verantwoordelijke", "uitvoerder"})  # of NAME_COLUMNS
_INITIALS_TOKEN = re.compile(r"\p{Lu}[a-z]{0,3}\p{Lu}{1,2}|\p{Lu}{2,3}")
_INITIALS_CELL = re.compile(rf"(?:{_INITIALS_TOKEN.pattern})(?:[ ]?[/,&+][ ]?(?:{_INITIALS_TOKEN.pattern}))*")
# A name field's label inside a chain (a PDF's form), and the cells (between tabs) or words of a chain.
_FIELD_LABEL_INSIDE = re.compile(
    r"[ ](?:Roepnaam|Voornamen|Voornaam|Achternaam|Voorletters|Geslachtsnaam|Voorvoegsel|Tussenvoegsel)"
    r"(?:[ ]|$)"
)
_CELL = re.compile(r"[^\t]+")
# Syllables of Chinese names (lexicons/chinese_names.txt), and the runs of two or three capitalised
# short words where such a name may stand.
_CHINESE = own_list("chinese_names")
_JOINED_SYLLABLES = re.compile(r"[ ](?:en|and|&)[ ](\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,2})(?![\w-])")
_DUTCH_SYLLABLES = frozenset({"na", "man", "lo", "ho", "long", "fan", "bo", "han", "hong", "lan", "ye", "he"})
# A name right before a date of birth in brackets: "Kinderen: Ravi (14-02-2012), Anjali (30-09-2015)".
_NAME_BEFORE_BIRTH_DATE = re.compile(
    r"(?<![\w.-])(?P<name>\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?)[ ]"
    r"\((?:geb\.?[ ])?[0-3]?\d[-./][01]?\d[-./](?:19|20)\d\d\)"
)
# A name written in another script beside its Latin spelling, as interpreters and registers give
# it: "Serhii Tkachuk / Сергій Ткачук", "Олена Коваленко | Olena Kovalenko", "Yonas Tekle Haile /
# ዮናስ ተኽለ ሃይለ" (one to four words of letters that are not Latin: Cyrillic, Greek, Arabic, Ge'ez, ...).
_OTHER_SCRIPT = re.compile(r"[^\P{L}\p{Latin}]")
_OTHER_WORD = r"[^\P{L}\p{Latin}][^\P{L}\p{Latin}\p{M}'’-]*"
_OTHER_WORDS = rf"{_OTHER_WORD}(?:[ ]{_OTHER_WORD}){{0,3}}"
_LATIN_WORDS = r"\p{Lu}[\p{Ll}'’-]+(?:[ ](?:(?:van|de|der|den|el|al|bin|ben)[ ])*\p{Lu}[\p{Ll}'’-]+){0,3}"
_BESIDE_OTHER_SCRIPT = re.compile(
    rf"(?<![\w-])(?:(?P<latin>{_LATIN_WORDS})[ ]?[/|][ ]?(?P<other>{_OTHER_WORDS})"
    rf"|(?P<other2>{_OTHER_WORDS})[ ]?[/|][ ]?(?P<latin2>{_LATIN_WORDS}))(?![\w-])"
)
_SYLLABLES = re.compile(r"(?<![\w.-])\p{Lu}[a-z]{1,5}(?:[ ]\p{Lu}[a-z]{1,5}){1,3}(?![\w-])")
_WORD_AT = re.compile(r"\S+")
# "meneer wouterse", "mevrouw van gool": a surname in lower case after the form of address.
# (what a _TITLE_THEN_LOWER match opens with)
_TITLE_OPENINGS = ("meneer", "mevrouw", "mevr", "dhr", "mw.", "de heer")
_TITLE_THEN_LOWER = re.compile(
    r"(?i:\b(?P<title>meneer|mevrouw|mevr\.?|dhr\.?|mw\.|de[ ]heer))[ ]+"  # "de heer de cock" in a transcript
    r"(?P<name>(?P<particle>(?:(?:van|de|der|den|ter|ten|el|al|vd|v\.d\.)[ ]+){0,2})"
    r"(?P<last>[a-zà-ÿ][a-zà-ÿ'’-]{2,}))\b(?!\.)"  # not "mevrouw drs. A. Verbeek": a title
)
_KIN_BEFORE_LOWER = ("buurvrouw", "buurman", "overbuurman", "overbuurvrouw", "zoon", "dochter", "broer",
                     "zus", "neef", "nicht", "oom", "tante", "opa", "oma", "vriend", "vriendin", "heet",
                     "genaamd")
_LOWER_AFTER_KIN = re.compile(
    rf"\b(?P<kin>{'|'.join(_KIN_BEFORE_LOWER)})[ ](?P<name>[a-zà-ÿ][a-zà-ÿ'-]{{2,}})\b(?![-@.]\w)"
)
# A user name in brackets after a name: "Ingrid Kwakman (ingrid.k)", "(bertje1961)".
_USERNAME_AFTER = re.compile(r"[ ]\((?P<user>(?!www\.)[a-z][a-z0-9]*(?:[._][a-z0-9]+)+|[a-z]+\d+)\)")
_LOWER_WORD_AFTER = re.compile(r"[ ]([a-zà-ÿ][a-zà-ÿ'’-]{2,})\b")
# (a tussenvoegsel first: "de Jong" in a column "achternaam")
_CELL_NAME = re.compile(r"(?:(?:van|de|der|den|ter|ten|te|el|al)[ ])*\p{Lu}[\p{L}.'’ ,()-]{1,60}")
# Who does what in minutes and drafts: "(actie Reitsma)", "(actie: MW/KB)", "[Opmerking FM]: ...",
# "opmerkingen FM en KB verwerkt"; a speaker with an age: "- Storm, 17 jaar, vraagt"; a surname and
# a department's abbreviation: "met Olthof (OOV) afgesproken".
_NAME_IN = r"\p{Lu}[\p{L}'’.-]*(?:[ ](?:van|de|der|den|ter|ten|\p{Lu}[\p{L}'’.-]*))*"
MINUTES_ACTION = re.compile(
    rf"(?i:\((?:actie|actiehouder|wie|door)[: ]+)"
    rf"(?P<names>{_NAME_IN}(?:(?:[ ]?[/,&][ ]?|[ ]en[ ]){_NAME_IN})*)\)"
)
_ACTION_SPLIT = re.compile(r"[ ]?[/,&][ ]?|[ ]en[ ]")
DRAFT_COMMENT = re.compile(
    r"\[(?i:opmerking|comment|opm\.?)[ ](?P<a>\p{Lu}{2,4})\d*[\]:]"
    r"|(?i:\bopmerkingen)[ ](?:van[ ])?(?P<b>\p{Lu}{2,4})(?:(?:,[ ]|[ ]en[ ])(?P<c>\p{Lu}{2,4}))?\b"
)
AGED_SPEAKER = re.compile(
    r"(?<![\w'’-])(?P<name>\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+)?),[ ]\d{1,3}[ ]jaar,"
)
# The abbreviation is looked for first ("(OOV)"), then the name before it.
DEPARTMENT = re.compile(r"[ ]\((?P<dept>\p{Lu}{2,5})\)")
_SURNAME_BEFORE_DEPARTMENT = re.compile(r"(?:^|[ (])\p{Ll}+[ ](?P<name>\p{Lu}[\p{Ll}'’-]{2,})$")
_ORGANISATION_FIRST_WORDS = frozenset({"gemeente", "provincie", "ministerie", "college", "stichting",
                                       "vereniging", "waterschap", "politie", "brandweer", "raad", "vve"})
_ORGANISATION_LAST_WORDS = ("raad", "coöperatie", "comité", "organisatie", "overleg", "team", "u.a.")
# A line-up: the team, a colon, then surnames split by commas and semicolons, substitutes in
# brackets with their minute ("Bouzid (71. Dam)").
LINE_UP = re.compile(r"(?m)^[^:\n]{2,40}:[ ](?P<list>[^\n]{20,400})$")
LINE_UP_ITEM = re.compile(
    r"(?:(?<=^)|(?<=[,;:][ ]))(?P<name>(?:(?:[Vv]an|[Dd]e[rn]?|[Tt]e[rn]?|[Ee]l|[Aa]l)[ ])*\p{Lu}[\p{L}'’-]+)"
    r"(?:[ ]\(\d{1,3}\.[ ](?P<sub>(?:(?:[Vv]an|[Dd]e[rn]?|[Ee]l)[ ])*\p{Lu}[\p{L}'’-]+)\))?(?=[,;.]|$)"
)
# A person named by initials alone, as court reports do, with an age after them: "R.M. (27)".
_INITIALS_WITH_AGE = re.compile(r"(?<![\w.])(?:\p{Lu}\.){1,4}(?=[ ]\(\d{1,3}\))")
# A child or relative written as an initial, its relation in brackets after it: "- R. (zoon, 14), 2e klas",
# "A. (dochter, 9)"; the text then writes "R." for that person ("gesprek met R. en moeder").
_INITIAL_WITH_RELATION = re.compile(
    r"(?<![\w.])(?:\p{Lu}\.){1,2}(?=[ ]\((?:zoon|dochter|kind|pleegzoon|pleegdochter|stiefzoon|stiefdochter"
    r"|broer|zus|broertje|zusje|neef|nicht|kleinzoon|kleindochter)\b)"
)
# A chat sender's name with the surname cut to its initial: "Henk de V", "Sanne B", "Mo v.d. B."
_SURNAME_CUT = re.compile(
    r"\p{Lu}[\p{Ll}-]+(?:[ ](?:de|van|der|den|vd|v\.d\.|van de|van der|ter|ten))?[ ]\p{Lu}\.?"
)
# Teams as copied out: "[09:12] Demi Schouten" alone on its line, the message on the next.
CHAT_SENDER_LINE = stdre.compile(  # also "Surname, Given" as Teams writes it ("Wirjosoemarto, Kartika")
    r"(?m)^[ \t]*\[[0-9][0-9:/.,\- ]{3,22}\][ \t]*"
    r"(?P<value>(?:(?:van|de|der|den|ter|ten)[ ])*[A-ZÀ-Þ][a-zà-ÿ'’-]+"
    r"(?:,?[ ](?:van|de|der|den|ter|ten|el|al|[A-ZÀ-Þ][a-zà-ÿ'’-]+)){1,3})"
    r"(?:[ ]\([^()\n]{2,40}\))?[ \t]*$"  # "Tjoelker, Sietske (ICT Servicedesk)": the sender's department
)
# Teams copied out with the time after the sender: "Kuipers, Sanne (Communicatie)   00:41",
# "Mulder, Jeroen (Waterkeringen)   11-01-2025 23:48", alone on its line (surname first, a comma).
CHAT_SENDER_TIME_AFTER = stdre.compile(
    r"(?m)^[ \t]*(?P<value>(?:(?:van|de|der|den|ter|ten|Van|De|Ter|Ten)[ ])*[A-ZÀ-Þ][a-zà-ÿ'’-]+"
    r"(?:[ ][A-ZÀ-Þ][a-zà-ÿ'’-]+)?,[ ][A-ZÀ-Þ][a-zà-ÿ'’-]+(?:[ ](?:van|de|der|den|ter|ten|el|al)){0,2})"
    r"(?:[ ]\([^()\n]{2,40}\))?[ \t]{2,}(?:[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}[ ]+)?"
    r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[ \t]*$"
)
_TIME_ENDS_LINE = stdre.compile(r"(?m)[ \t][0-9]{1,2}:[0-9]{2}[ \t]*$")
# The same in a phone's export: "14-08-23, 22:46 - Gert-Jan: ...", "3/9/2024, 08:12 - ilse: ...".
CHAT_SENDER_DASH = stdre.compile(
    r"(?m)^[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4},?[ ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[ ]?[-–][ ]"
    r"(?P<value>[^:\n\[\]]{1,40}?)" + _SENDER_TAIL + ":"
)
# "oké" as chats spell it, also a given name ("Oke"); "enzo" ("en zo"), also "Enzo"
_CHAT_WORDS = frozenset({"oke", "okee", "oki", "okido", "enzo"})
# Words that tell a message written in English ("hi yes good afternoon, do you speak english"): two of
# them in a message, and its English words are no given names ("fine", "nine", "can").
_ENGLISH_MARKERS = frozenset({"the", "you", "your", "is", "are", "my", "it's", "i'm", "what", "yes", "please",
                              "thank", "thanks", "okay", "have", "that", "this", "with", "for", "we", "and",
                              "will", "to", "of", "it", "be", "not", "can", "get", "zero", "one", "two",
                              "three", "four", "five", "six", "seven", "eight", "nine"})
# A chat's or a transcript's speaker label that names no person ("BELLER:", "SYSTEEM:"), besides the
# role words of the lexicon ("MEDEWERKER:", "Voorzitter:").
_SPEAKER_LABELS = frozenset({"beller", "systeem", "spreker", "interviewer", "operator", "moderator", "system",
                             "caller", "chatbot", "bot", "medewerker", "klant", "inbeller", "agent"})
_PARAAF_BEFORE = re.compile(r"(?i)\bparaaf[ \t]+\Z")  # "paraaf  NB" at a note's end
# Acronyms of departments, never someone's initials after a label ("eigenaar: HR, Anke Bos").
_DEPARTMENTS = frozenset({"HR", "ICT", "IT", "KCC", "DIV", "VTH", "OR", "FZ", "JZ", "BOA", "Wmo", "WMO"})
_PHONE_IN_BRACKETS = re.compile(r"[ ]\((?:\+|0)[\d -]{8,16}\)")
_NOT_INITIALS = frozenset({"P.S.", "N.B.", "PS.", "NB.", "T.a.v.", "I.v.m.", "O.a.", "Z.s.m."})
_FORMS_OF_ADDRESS = frozenset({"meneer", "mevrouw", "heer", "dhr", "mevr", "mw", "mr", "dr"})
_LOWER_DETERMINERS = frozenset("de het een die deze dat onze ons mijn je jouw zijn haar hun uw".split())
# An informal greeting or sign-off with a given name in lower case: "hoi marloes,", "groetjes sandra".
_LOWER_GREETING = re.compile(
    r"(?m)(?:^|(?<=[>\n]))[ \t>]*(?:hoi|hallo|hey|hee|hi|beste|lieve|dag|groetjes|groet|gr|liefs|doei|xx|"
    r"dank je|bedankt)[ ,]+(?P<name>[a-zà-ÿ][a-zà-ÿ'’-]{2,})\b(?![ ][a-zà-ÿ]+[ ])"
)
_LOWER_SURNAME_AFTER = re.compile(r"[ ](?P<word>[a-zà-ÿ][a-zà-ÿ'’-]+)\b(?![@.]\w)")
_LOWER_WORD = re.compile(r"(?<![\w./'’-])[a-zà-ÿ][a-zà-ÿ'’-]{2,}(?![\w@'’-]|\.[a-z])")
# English words that are given names too ("I can come but only till 12", "who has the number"): chats
# mix languages; in lower case they are the words.
_ENGLISH_WORDS = frozenset(
    "can will may till has have had was are the and but only who what when with from this that they them "
    "then than here there just also very much more most some any all not yes sure thanks please sorry".split()
)
_SALUTATION_BEFORE = re.compile(r"(?i)\b(?:geachte|beste|dag|hoi|hallo|lieve)[ ]+\Z")
# Subjects after which a word in lower case is a verb, not a given name ("I can send", "ik kan").
_SUBJECTS = frozenset("i you we they he she ik jij wij hij".split())
# A given name in lower case joined by "en" to another: "tim en lotte", "lotte en tim".
_LOWER_JOINED_BEFORE = re.compile(r"(?<![\w'’-])(?P<name>[a-zà-ÿ][a-zà-ÿ'’-]{1,})[ ]en[ ]+\Z")
_LOWER_JOINED_AFTER = re.compile(r"[ ]en[ ]+(?P<name>[a-zà-ÿ][a-zà-ÿ'’-]{1,})(?![\w@'’-])")
_MAIL_PREFIXES = frozenset({"RE", "FW", "FWD", "AW", "WG", "TR", "DOORST", "VS"})
_BEFORE_A_PLACE_OR_THING = frozenset({"de", "het", "een", "in", "uit", "naar", "op", "aan", "te", "richting"})
# Given names that are words or abbreviations too in lower case ("mark", "max", "jan" for januari).
_LOWER_NAME_WORDS = frozenset({
    "mark", "max", "mees", "roos", "bas", "jade", "iris", "sem", "jan", "mei", "lot", "ben", "hoop",
    "fleur", "storm", "zomer", "winter", "june", "april", "dean", "gaby", "rob", "dirk", "pim", "tim",
    "noor", "lente", "sterre", "lieve", "dag", "hanna", "ad", "eva", "anna", "tom", "teun", "bo",
    "sam", "don", "luc", "kai", "ali", "joy", "faith", "hope", "rose", "mare", "ivy", "will", "ken",
    "kees", "dina", "sil", "jet", "lara", "vince", "wim", "fem", "merel", "linde", "esther", "nova",
})
_LOWER_WORD_AFTER = re.compile(r"[ ]+(\p{Ll}[\p{Ll}'’]*)\b")  # "Deels| openbaar": a word in lower case after
# Abbreviated forms of address: never a word of a name, wherever a chain holds one ("B&B. Dhr. De Vries").
_TITLE_ABBREVIATIONS = frozenset({"dhr", "mevr", "mw", "mr", "drs", "ir", "ing", "prof", "fam"})
_TITLE_LOWER = re.compile(r"\b(?:meneer|mevrouw|mevr\.|dhr\.|mw\.)[ ]([a-zà-ÿ][a-zà-ÿ'’-]{2,})\b")
_LABEL_OPENING = re.compile(r"[ \t]*[\w -]{1,30}:")  # "Afwezig met kennisgeving: ...": the next label
_LIST_LEAD = re.compile(r"[ \t]*(?:[-•*–][ \t]+|\d{1,2}[.)][ \t]+)?")
_CELL_END = re.compile(r"\t|[ ]{2}|[ ]\(|[ ][-–][ ]|,[ ]")
# No digits: not a number; an initial's dot ("j. hendriks").
_LETTERS_NAME = re.compile(r"\p{L}[\p{L}'’-]*\.?(?:[ ]\p{L}[\p{L}'’-]*\.?){0,3}")

# A form's own field for the tussenvoegsel: "Tussenvoegsel:  van der" (part of the name).
# A form label and the blanks that PDF extraction writes for its tab, opening a chain.
_LABEL_GAP = re.compile(r"(\w+)[ \u00a0]{2,}")
# A name with the person's address in brackets: "Ama Owusu-Mensah (Spreeuwenhof 22)".
_BRACKETED_ADDRESS = r"[ ]\((?P<street>\p{Lu}[\p{L}'’ .-]{2,40}?)[ ][1-9]\d{0,3}(?:[ -]?[A-Za-z0-9]{1,3})?\)"
NAME_WITH_ADDRESS = re.compile(
    r"(?<![\w'’-])(?P<name>\p{Lu}[\p{L}'’-]+(?:[ ](?:van|de|der|den|in|'t|ter|ten|\p{Lu}[\p{L}'’-]+)){0,4})"
    + _BRACKETED_ADDRESS
)
# The address in brackets alone: a page without one holds no NAME_WITH_ADDRESS, and this scan (for
# the literal " (") costs a fraction of that pattern's, which stops at every capital.
_HAS_BRACKETED_ADDRESS = re.compile(_BRACKETED_ADDRESS)
# A given name and the country someone comes from: "Rama uit Syrië".
FROM_COUNTRY = re.compile(r"(?<![\w'’-])(?P<name>\p{Lu}\p{Ll}{2,})[ ]uit[ ](?P<country>\p{Lu}[\p{L}-]+)")
# In every FROM_COUNTRY match: a look first, for the literal (the letter before it looked behind for).
_HAS_FROM_COUNTRY = re.compile(r"[ ]uit[ ](?<=\p{Ll}[ ]uit[ ])\p{Lu}")
_COUNTRIES = own_list("countries")
# A form's field of initials alone: "Voorletters:<tab>J.P.".
INITIALS_FIELD = re.compile(
    rf"(?im)^[ \t]*voorletters?(?:[ \t]*[:\t]|[ ]{{2,}})[ \t]*(?P<value>{_INITIALS})[ \t]*$"
)
# A nickname in quotes that the text says someone is called: "alleen 'De Koning' werd genoemd",
# "die in het dorp 'Joe' wordt genoemd".
_NICK = r"(?P<nick>(?:(?:de|De|het|Het)[ ])?\p{Lu}[\p{L}-]{1,20}(?:[ ]\p{Lu}[\p{L}-]{1,20})?)"
CALLED = re.compile(
    rf"[\"'“‘]{_NICK}[\"'”’]"
    r"[ ](?:werd|wordt|werden|worden)[ ](?:hij[ ]|zij[ ]|ze[ ])?(?:ook[ ]|alleen[ ]|altijd[ ]|nog[ ])?"
    r"genoemd\b"
    rf"|\b(?:werd|wordt|werden|worden)[ ][^.\n'\"‘“]{{0,40}}[\"'“‘]{_NICK}[\"'”’][ ]genoemd\b"
    # without quotes: "een jongen, door de groep Kleine Ray genoemd", "Yassin, beter bekend als Yazz"
    rf"|\bdoor[ ](?:de|het|zijn|haar|hun)[ ]\p{{Ll}}+[ ]{_NICK}[ ]genoemd\b"
    rf"|\bbeter[ ]bekend[ ]als[ ]{_NICK}(?=[,.;)\n]|[ ]\p{{Ll}})"
)
# A social-media handle in a text that names the platform: "Instagram @yazz.op.zuid", "post als
# @shaniceevibes".
_HANDLE = re.compile(r"(?<![\w.@])@(?=[\w.]*[a-z])[A-Za-z0-9_][A-Za-z0-9_.]{1,29}[A-Za-z0-9_](?![\w@-])")
_OWN_ACCOUNT_BEFORE = re.compile(
    r"(?i)(?:account[ ]van[ ](?:het|de|ons|onze)[ ][\w-]+|(?:ons|onze|eigen)[ ][\w-]*account)[ (:]*\Z"
)
_PLATFORMS = ("instagram", "insta ", "tiktok", "snapchat", "twitter", "threads", "facebook")
# A news photo's credit: "FOTO JEROEN OOSTERWIJK", "Foto: Anouk de Wit", "(foto Sem Bakker)".
PHOTO_CREDIT = re.compile(
    r"(?:\bFOTO|(?<![\w])[Ff]oto)(?:[ ]?:)?[ ]"
    r"(?P<name>(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.)"
    r"(?:[ ](?:van|de|der|den|VAN|DE|DER|DEN|\p{Lu}[\p{L}'’-]+|\p{Lu}\.)){1,4})"
    r"(?=[ ]*(?:\n|$|\)|[.,;|/]))"
)
INTERFIX_FIELD = re.compile(
    rf"(?im)^[ \t]*tussenvoegsel(?:s|\(s\))?(?:[ \t]*[:\t]|[ ]{{2,}})[ \t]*(?P<value>{_INTERFIXES})[ \t]*$"
)
# A form's name field, its value alone in the field: "Achternaam<tab>MARTINA", "Voorletters<tab>S.R.",
# "Voornamen (voluit)<tab>Shurandy Ricardo" (a value in capitals, initials, or words with a capital).
# A PDF's text gives the tabs back as blanks ("Voornamen (voluit) Wilhelmina Johanna Roepnaam Mien"):
# after a blank the value must end the line or stand before the next field's label.
_FIELD_LABELS = r"(?i:achternaam|geslachtsnaam|voornamen|voornaam|voorletters|roepnaam)"
_NEXT_FIELD = (
    r"(?i:achternaam|voornamen|voornaam|voorletters|roepnaam|geslacht|geboortedatum|bsn|adres|telefoon)\b"
)
_FIELD_WORD = rf"(?!{_NEXT_FIELD})\p{{Lu}}[\p{{L}}'’-]+"
NAME_FIELD = re.compile(
    rf"(?m)(?:^|(?<=\t)|(?<=[^\W\d][ ]))[ ]*(?P<label>{_FIELD_LABELS})"
    r"(?:[ ]\((?i:voluit|volledig|zoals in paspoort|meisjesnaam)\))?"
    r"(?:[ ]*:[ \t]*|[ ]*\t[ \t]*|(?P<blank>[ ]{1,3}))"
    rf"(?P<name>(?:\p{{Lu}}\.){{1,5}}|{_FIELD_WORD}(?:[ ]{_FIELD_WORD}){{0,3}})"
    rf"(?=[ ]*(?:\t|\n|$)|[ ]+{_NEXT_FIELD})"
)
# "Jan de Vlieger (JdV, voorzitter)": initials in brackets right after a name declare them.
# "(JdV)", "(voorzitter, WB)", "(bewonersplatform De Hoven, PR)": initials in brackets after a name
# A list's line: initials, a dash, a name ("BD – Bas Dekkers, onderzoeker"); or a name, maybe its role in
# brackets, a dash and the initials at the line's end ("Pieter Stol (wijkmanager) - PS").
_INITIALS_THEN_NAME = re.compile(r"(?m)^[ \t]*(?P<initials>\p{Lu}[\p{L}]{0,4})[ \t]+[-–—][ \t]+(?=\p{Lu})")
_NAME_THEN_INITIALS = re.compile(r"(?m)(?<=\S)[ \t]+[-–—][ \t]+(?P<initials>\p{Lu}[\p{L}]{0,4})[ \t]*$")
DECLARED = re.compile(r"[(\[](?:[^()\[\]\n,]{2,40},[ ])*(\p{Lu}[\p{L}]{0,3})(?=[,)\]])")  # also "[NB]"
# Words before an upper-case token that make it a term, not a person: "de AI", "zoals ICT".
_TERM_BEFORE = frozenset(
    "de het een zoals generatieve generatief nieuwe via welke onze hun inzet gebruik toepassing".split()
)
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
_STREET_LAST = frozenset("tTnNgGeElLdDfF")  # the last letters of _STREET's words, in either case
# Endings of Dutch nouns that are never surnames (checked only for words in no name list).
NOUN_ENDINGS = (
    "heid", "ing", "tie", "schap", "zaken", "isme", "iteit", "ment", "beleid", "raad", "dienst",
    "instituut", "centrum", "regio", "relaties", "zorg", "ziekenhuis", "landen", "iën", "wet",
    "ijk", "sector", "kamer", "bureau", "fonds", "school", "college", "overleg", "plan", "onderwijs",
)
# Endings of adjectives from places and languages ("Vlaamse", "Duitse", "Brabantse"), checked
# only for words in no name list.
ADJECTIVE_ENDINGS = (
    "aamse", "amse", "eeuwse", "ntse", "ndse", "itse", "iaanse", "aanse", "ische", "ees", "oolse", "eense",
    "oekse", "sche", "dige", "elijke",
)
# Letters of other alphabets that no Dutch word has (Turkish, Polish, Czech, Romanian, ...); é, ë,
# ï, ö, ü are Dutch too ("coördinator", "reünie") and are not among them.
_FOREIGN_LETTER = re.compile(
    r"[çğışİŞĞÇłŁńŃśŚżŻźŹćĆąęőűřŘžŽšŠčČěůţșțȘȚñãõøØæÆåÅßœäÄ]|(?<=[^aeiouAEIOU])[öü]|^[ÖÜ]"
)
# Endings of surnames from other languages: Polish, Turkish, Slavic, Greek, Romanian.
FOREIGN_SURNAME_ENDINGS = (
    "ski", "ska", "cki", "cka", "wicz", "czyk", "czak", "owski", "ewski", "oğlu", "oglu", "ović",
    "ovic", "evič", "escu", "opoulos", "idis", "enko", "shvili", "yan", "ian", "ová", "ov", "ova",
)
_WORDS = re.compile(r"[\w.'’-]+")
_LAST_WORD = re.compile(r"(?r)[\w.'’-]+")  # the last of the _WORDS (the regex module reads backwards)
# no house number opens with 0 (a phone number does); a letter may follow ("Strandweg 88A")
_HOUSE_NUMBER = re.compile(r"[ \t]+[1-9]\d{0,4}(?:[a-zA-Z]{1,2})?\b")
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
    rf"(?:(?i:{'|'.join(re.escape(w) for w in _INTERFIX_WORDS)})[ ]+)?"  # flat: a tree assumes case
    rf"(?P<surname>{_OCR_WORD}(?:-{_OCR_WORD})*))"
    r"(?![\w@-])"
)
_OCR_TITLE_OPENINGS = ("dhr", "mw", "mevr", "heer")
_CLEAN_INITIALS = re.compile(rf"(?:[{_UP}]\.)+")
_MERGED = re.compile(rf"[{_LOW}][{_UP}]")  # "ElKhatib": a capital right after a lowercase letter
# Words before "De X" that make it a place, a building or a work, not a person.
_PLACE_PREPOSITIONS = frozenset(
    "in op naar uit over tegenover richting rond nabij langs via vanuit bij de het een".split()
)
# Compound endings of words naming what "De X" is: "industrieterrein De Vaart", "zorginstelling".
# Before a club's or a party's name: "VV Kolping Boys", "Lijst Smit".
_CLUB_PREFIXES = frozenset({"vv", "sv", "fc", "sc", "hc", "ac", "rksv", "vvv", "wv", "lijst", "fractie",
                            "toko", "gebr", "firma", "studio", "wc", "twc", "rtc", "mhc", "kv", "zv",
                            "ksv", "rkvv", "team", "ploeg"})
_ORGANISATION_HEADS = (
    "terrein", "instelling", "hal", "park", "school", "huis", "centrum", "zaal", "kerk", "krant",
    "blad", "wijk", "buurt", "straat", "plein", "bedrijf", "winkel", "restaurant", "café", "hotel",
    "theater", "museum", "stichting", "vereniging", "club", "groep", "bureau", "boek", "roman",
    "film", "serie", "programma", "boerderij", "molen", "haven", "bakkerij", "kwekerij",
    "zwembad", "garage", "kinderopvang", "opvang", "kliniek", "praktijk", "maatschap", "kantoor",
    "firma", "handel", "centrale", "lunchroom", "brasserie", "eetcafé", "pizzeria", "kapsalon",
    "bloemisterij", "drogisterij", "apotheek", "slagerij", "snackbar", "cafetaria",
)
# School types written before a school's name: "CBS De Wegwijzer", "obs Het Kompas".
# (and "SO De Twirre", a school for special needs)
_SCHOOL_TYPES = frozenset("cbs obs pcbs rkbs kbs sbo so vso ikc kc bso kdv basisschool".split())
_SPEAKER_GOES_ON = re.compile(r"[ ]*(?:[.,;:!?)]|[ ]\p{Ll}|$)")
# Tussenvoegsels that open a surname even before a word or a place ("van der Sluis"), unlike
# "van de", "aan de", "op de" that as often open a place ("van de Waal", "aan de Brink").
_NAME_PARTICLES = frozenset({"van der", "van den", "ter", "ten", "v/d", "v.d.", "vd", "van 't"})
_PARTICLE_INSIDE = re.compile(r"\p{L}-(?:van|de|den|der|ter|ten|te|op|in|uit)(?:$|-)")
_ARABIC_OPENERS = frozenset({"El", "Abu", "Abou", "Ait", "Aït", "Ibn", "Ould", "Al"})
# Words after a person's name that make it the name of a school, a prize, a fund: "Etty Hillesum
# Lyceum", "Jan Pieterszoon Coen Fonds".
# A cell that holds a street of more words and its number: "Jan Hendrikstraat 4".
_STREET_CELL = re.compile(
    r"[\p{Lu}][\p{L}'’.-]*(?:[ ][\p{L}'’.-]+){0,3}?(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad)"
    r"[ ]\d"
)
_STREET_SUFFIXES_CUT = ("straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "hof", "pad")
# The heads of a table's columns: after "Naam" in a header row they are the next column's label.
_COLUMN_HEADS = frozenset(
    "straat adres woonplaats plaats postcode functie rol taak organisatie telefoon tel e-mail email "
    "geboortedatum datum handtekening paraaf afdeling team direct mobiel doorkiesnummer "
    "plaatsvervanger".split()
)
_NAMED_AFTER_HEADS = frozenset(
    "lyceum college school fonds prijs stichting museum ziekenhuis zaal instituut academie gymnasium "
    "centrum huis theater lezing leerstoel award trofee beker bokaal park plein brug toren kazerne "
    "kliniek bibliotheek foundation institute gasthuis".split()
)
_INNER_CAPITAL = re.compile(r"\p{Ll}\p{Lu}")  # "ProRail", "DigiD": brands, not names
_VERB_AFTER = re.compile(
    r"[ \n]+(?:geeft|gaf|meldt|meldde|stelt|vraagt|vroeg|licht|zegt|zei|merkt|benadrukt|deelt|neemt|zal|wil|"
    r"wijst|past|presenteert|werkt|heeft|had|is|was|belt|mailt|schrijft|reageert|vertelt|vertelde|"
    r"bevestigt|antwoordt|zorgt|stuurt|informeert|woont|overleed|kreeg|krijgt|wordt|werd|antwoordde|"
    r"wees|hield|houdt|liet|nam|bracht|brengt|opende|maakte|maakt|kopte|scoorde|toonde|toont|noemde|"
    r"noemt|leidde|leidt|begon|begint|speelde|speelt|won|wint|verkocht|verkoopt|kwam|komt|ging|gaat)\b"
)
# After a name: the person spoken to ("Bas, jij ..."), a role in apposition ("..., een schilderes"),
# where the person comes from ("... uit Eritrea").
_VOCATIVE = re.compile(r",[ ](?:jij|je|u|kun|kan|wil|heb|zou|mag|weet|ga|zie)\b")
_APPOSITION_ROLE = re.compile(r",[ ](?:een|de)[ ](?:[\p{L}-]+[ ]){0,2}?(\p{Ll}[\p{Ll}-]{3,30})\b")
_BORN_AFTER = re.compile(r",?[ ](?:geb\.|geboren)[ ]?\d")
_FROM_PLACE = re.compile(r"[ ]uit[ ]((?:'s-)?\p{Lu}[\p{L}'’-]+)")
_SAID = re.compile(
    r"[ ]+(?:al[ ]+|eerder[ ]+|ook[ ]+)?(?:aangaf|aangeeft|zei|zegt|schreef|schrijft|meldde|meldt|"
    r"opmerkte|vertelde|vertelt|liet weten|mailde)\b"
)
_NAME_SUFFIX = re.compile(
    rf"[ ](?:II|III|IV|[Jj]r\.?|[Ss]r\.?|(?:{_INTERFIXES})(?=[ ]*(?:[,;)\n]|[ ]\(|$)))(?![\w])"
    rf"|,[ ](?:{_INTERFIXES})(?=[ ]*(?:[.,;)\n\[<]|$))"
)
# What can follow the blank of a _NAME_SUFFIX: "II", "Jr", "Sr" or a tussenvoegsel (all ASCII).
_SUFFIX_OPENERS = frozenset("IJjSs" + "".join(w[0] for w in _INTERFIX_WORDS))
# The ASCII characters that can follow the blanks after a name in a match of _COMPANY_AFTER (a
# capital) and of _HOUSE_NUMBER (a digit): another ASCII character rules the pattern out without
# trying it. Characters outside ASCII are left to the pattern (its Unicode tables may be newer).
_ASCII_CAPITAL_OR_BLANK = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ ")
_ASCII_DIGIT_OR_BLANK = frozenset("0123456789 \t")
_WITH_A_PERSON = frozenset({"met", "door", "namens"})  # "oppakken met Konstanty Doruch?"
_DETERMINERS = frozenset("de het een zijn haar mijn uw die deze onze hun welke".split())
_NAME_BEFORE = frozenset({"initials", "capitalised", "first", "surname"})
_BEFORE_HYPHENATED = frozenset({"first", "initials", "Interfix", "interfix", "title"})
_HYPHENATION = re.compile(r"-\n(?=\p{Ll})")
_ELIDED = re.compile(r"[dl]['’]\p{Lu}")  # "d'Ancona"
_ARABIC_PARTICLES = frozenset({"al", "el", "ben", "bin", "ibn", "abu", "abou", "ait", "aït", "ould"})
_LOWERCASE_GOES_ON = re.compile(r"[ ,]+\p{Ll}")  # "wethouder Groen, die ...": a role word, then a clause
_LOWERCASE_NEXT = re.compile(r" \p{Ll}")
_REMARK_NEXT = re.compile(r" \((?!art\.)\p{Ll}")  # a remark in brackets: "Gerben (wijkverpleging)"
# Words after which a first name ending a sentence is a person: "de opmerkingen van Fiene."
_BEFORE_A_PERSON = frozenset({"van", "met", "aan", "door", "bij", "voor", "en", "namens", "ene"})

# Part kinds.
TITLE, INIT, IFX, CIFX, FIRST, SUR, AMBIG, CAP, WORD = (
    "title", "initials", "interfix", "Interfix", "first", "surname", "ambiguous", "capitalised",
    "word",
)
_NAMEY = {INIT, CIFX, FIRST, SUR, AMBIG, CAP, IFX}
_NEVER_ALONE = frozenset({IFX, INIT, CIFX})  # a run of these only is no name
_GIVEN = frozenset({INIT, FIRST})
_LEXICON = frozenset({INIT, FIRST, SUR, CIFX})
# Sets of kinds that a run's kinds are compared with (built once, not per run).
_NAME_KINDS = frozenset({CAP, AMBIG, SUR, FIRST})
_NAME_OR_PARTICLE_KINDS = frozenset({CAP, AMBIG, SUR, FIRST, CIFX, IFX, INIT})
_COMPOUND_KINDS = frozenset({CAP, CIFX, AMBIG, FIRST, SUR})
_FIRST_OR_SURNAME = frozenset({FIRST, SUR})
_CAP_AMBIG_SUR = frozenset({CAP, AMBIG, SUR})
_CAP_ONLY = frozenset({CAP})
_CAP_OR_SURNAME = frozenset({CAP, SUR})
_CAP_SURNAME_OR_GIVEN = frozenset({CAP, SUR, FIRST, AMBIG})
_NOT_BEFORE_SUBJECT = _DETERMINERS | _PLACE_PREPOSITIONS  # "de Vries heeft" is no subject's name
_NOT_BEFORE_FOREIGN_NAME = _PLACE_PREPOSITIONS | {"te", "van"}


class _Part(NamedTuple):
    start: int
    end: int
    text: str
    kind: str


# ``_NEW(_Part, (start, end, text, kind))`` builds a _Part without the Python-level ``__new__`` that
# NamedTuple generates (half the cost; thousands are built per page, in the chains' loops).
_NEW = tuple.__new__


class _Shape(NamedTuple):
    """A chain's parts (offsets relative to the chain) and what they allow, memoised per chain."""

    parts: tuple[_Part, ...]
    has_name_part: bool  # a part of a kind in _NAMEY
    title_may_name_first: bool  # the first part is a word that a title before it makes a name
    # (an ordinary word or an unknown title, not one of the words that never name a person)
    has_word: bool  # a part of kind WORD


class _Words(NamedTuple):
    """The sets of words the person recogniser derives from the lexicons."""

    interfix_words: frozenset[str]  # the words of the tussenvoegsels ("van", "der", "'t")
    skip: frozenset[str]  # capitalised ordinary words that are never a name alone ("De", "Datum")
    name_labels: frozenset[str]  # titles and labels after which even an ordinary word is a name:
    # "heer Arts", "Naam<tab>Dan"
    role_tails: frozenset[str]  # role words that also end compounds ("hoofd" + "redacteur"); short
    # ones only as a whole word
    title_like: frozenset[str]  # titles, salutations, roles and openers
    title_ends: frozenset[str]  # the words those end with: no other word ends one


_WORDS_OF: tuple[Lexicons, _Words] | None = None  # the lexicons, and the sets derived from them


def _words_of(lex: Lexicons) -> _Words:
    """The sets derived from ``lex``, built once per process (the lexicons are loaded once), not
    again for every recogniser a detector builds."""
    global _WORDS_OF
    if _WORDS_OF is not None and _WORDS_OF[0] is lex:
        return _WORDS_OF[1]
    never = lex.stop_words | lex.non_names
    title_like = lex.titles | lex.salutations | lex.roles | lex.name_openers
    words = _Words(
        interfix_words=frozenset(w for i in lex.interfixes for w in i.split()),
        skip=frozenset(w[:1].upper() + w[1:] for w in never) - lex.first_names,
        name_labels=lex.titles | {"naam", "voornaam", "voornamen", "achternaam", "roepnaam", "actiehouder",
                                  "voorvoegsel", "tussenvoegsel", "voorletters", "geslachtsnaam"},
        role_tails=frozenset(r for r in lex.roles if len(r) >= 5 and " " not in r),
        title_like=title_like,
        title_ends=frozenset(phrase.rsplit(" ", 1)[-1] for phrase in title_like),
    )
    _WORDS_OF = (lex, words)
    return words


class NlPersonRecognizer(EntityRecognizer):
    """PERSON from lexicons, name structure and context; see the module docstring."""

    ENTITIES = ["PERSON"]
    name: str  # set by EntityRecognizer

    def __init__(self, supported_language: str = "nl") -> None:
        self.lex: Lexicons = lexicons()
        words = _words_of(self.lex)
        self._interfix_words = words.interfix_words
        # An organisation's word that also ends a compound ("Klachtencommissie", "Woningstichting").
        self._long_non_names = tuple(sorted(w for w in self.lex.non_names if len(w) >= 7 and w.isalpha()))
        self._languages = own_list("language_words")  # "Oekraïens": "Oekraïense" before a name
        self._abroad = own_list("waters_and_abroad") | own_list("countries")  # "uit Eritrea"
        self._kinds: dict[str, str] = {}
        # Memos (bounded): a chain's parts by its text, the title before a line fragment.
        self._chains: dict[str, _Shape] = {}
        self._titles: dict[str, str] = {}
        self._skip = words.skip
        self._named: list[tuple[int, int, str]] = []  # names found so far in the text analysed now
        self._senders: list[stdre.Match[str]] = []  # the chat export's message lines in that text
        self._minutes = False  # the text analysed now reads as minutes (an attendance list, "notulen")
        # where the e-mail header lines (HEADER matches) of that text start: a HEADER_LOGIN match can
        # start only there (its words and layout are a header's), so it is tried there only
        self._header_starts: list[int] = []
        self._name_labels = words.name_labels
        # Roles written as their acronym before a name: "met BOA Siebring" (the chains read "BOA" as
        # no word of the chain, so its role is looked for apart).
        self._role_acronyms = tuple(sorted(
            r.upper() for r in self.lex.roles if r.upper() in self.lex.acronyms
        ))
        self._role_tails = words.role_tails
        self._roles_memo: dict[str, bool] = {}
        self._title_like = words.title_like
        self._title_ends = words.title_ends
        # _find_title by the last word before a name, where that word alone decides it (most do)
        self._last_word_titles: dict[str, str] = {}
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
        lowered = page_lowered(text)
        sign_offs = _sign_offs(text, lowered) if (
            "groet" in lowered or "regards" in lowered or "dank" in lowered or "hoogachtend" in lowered
            or "gr," in lowered or "gr " in lowered or "gr." in lowered or "mvg" in lowered
        ) else []
        self._senders = _chat_senders(text)  # the chat export's message lines, if it is one
        strong = self._strong_regions(text, sign_offs)
        results: list[RecognizerResult] = []
        skip = self._skip
        view = _unwrapped(text)  # "met Jan" + line break + "Jansen": one chain (same offsets)
        if sign_offs:
            view, strong = self._join_signature(view, sign_offs, strong)
        self._named = []  # (start, end, rule) of the names found so far
        self._minutes = any(w in lowered for w in _MINUTES_WORDS)
        for match in CHAIN.finditer(view, concurrent=ONE_THREAD):
            word = match.group()
            if word in skip:  # "De", "Het", "Wij", "Datum": one ordinary word, never a name
                continue
            start = match.start()
            gap = _LABEL_GAP.match(view, start, match.end()) if "  " in word or "\u00a0" in word else None
            if gap is not None and gap.group(1).lower() in self._name_labels:
                start = gap.end()  # "Achternaam  Heuvel": a form's label, blanks for its tab
            chain = word if start == match.start() else ""  # the chain's text, unless a label was cut off
            pieces = self._form_fields(view, start, match.end()) if "\t" in word or (
                _FIELD_LABEL_INSIDE.search(word) is not None
            ) else [(start, match.end())]
            for piece_start, piece_end in pieces:
                whole = chain if piece_end - piece_start == len(chain) else ""
                found = self._analyze_chain(view, piece_start, piece_end, strong, whole)
                if found:
                    results.extend(found)
                    self._named.extend(
                        (r.start, r.end, r.analysis_explanation.pattern_name or "")
                        for r in found if r.score >= 0.4 and r.analysis_explanation is not None
                    )
        if "," in text:
            results = self._surname_first(text, results)
        if ") " in text:
            results = self._bracketed_given_name(text, results)
        if ":" in text:
            for m in matches_at(HEADER_LOGIN, text, self._header_starts):  # (set by _strong_regions)
                if not m.group("login").startswith(("info.", "www.")):
                    why = f"e-mail header: the user name {m.group('login')!r} of a mailbox"
                    rule = "mailbox user name"
                    results.append(self._result(m.start("login"), m.end("login"), 0.7, rule, why))
        if " uit " in text:
            results.extend(self._from_abroad(text, results))
        if "(" in text or "[" in text or " jaar," in text or "opmerking" in lowered:  # (each looks first)
            results.extend(self._minutes_names(text, lowered))
        if ") " in text or "' " in text or "’ " in text or '" ' in text or "” " in text:
            results = self._nicknamed(text, results)
        if "(" in text:
            results = self._party_members(text, results)
            results.extend(  # "Geplaatst door: Ingrid Kwakman (ingrid.k)": her user name on the platform
                self._result(m.start("user"), m.end("user"), 0.7, "user name",
                             f"a user name in brackets after the name {text[r.start : r.end]!r}")
                for r in list(results) if r.score >= 0.5
                for m in [_USERNAME_AFTER.match(text, r.end)] if m is not None
            )
        if "," in text and (
            "\t" in text or "  " in text or ": " in text or "\n- " in text or "\n• " in text or "] " in text
            or "| " in text or ";" in text  # a CSV export's row: "Çelik, Mehmet;03-11-1978;..."
            or _NUMBERED_ROW.search(text) is not None  # "6 Lamers, Joop Perzikstraat 5"
        ):
            results = self._cell_surname_first(text, results)
        if strong:
            results = _merge_in_regions(text, results, strong)
        if ", " in text:
            results = _particles_last(text, results)
        if sign_offs:
            results.extend(self._sign_off_initials(sign_offs))
        last = _LAST_LINE_INITIALS.search(text, max(0, len(text) - 40))
        if last is not None and last.group(1) not in self.lex.acronyms and not any(
            r.start <= last.start(1) < r.end for r in results
        ):
            results.append(self._result(last.start(1), last.end(1), 0.7, "initials signing a note",
                                        f"initials alone on the last line: {last.group(1)!r}"))
        if ":" in text and any(w in lowered for w in _DOTTED_LABEL_WORDS):
            for m in _DOTTED_AFTER_LABEL.finditer(text):
                if not any(r.start < m.end(1) and m.start(1) < r.end for r in results):
                    results.append(self._result(m.start(1), m.end(1), 0.7, "initials in a paraaf box",
                                                f"initials after the label {m.group().split(':')[0]!r}"))
        if len(self._senders) > 1:
            shortened = [  # "Henk de V": a sender's surname cut to its initial, without a dot
                self._result(m.start("value"), m.end("value"), 0.8, "chat sender",
                             f"chat sender with the surname's initial: {m.group('value')!r}")
                for m in self._senders if _SURNAME_CUT.fullmatch(m.group("value"))
            ]
            if shortened:
                results = _replacing(results, shortened)
            results.extend(self._chat_names(text, results))
            results = _replacing(results, self._chat_message_names(text, results))
        if _may_greet_in_lower_case(lowered):
            results.extend(self._lower_case_names(text, results))
        if any(word + " " in lowered for word in _KIN_BEFORE_LOWER):  # (a look first: most pages have none)
            results.extend(self._lower_case_after_kin(text, results))
        if "meneer " in lowered or "mevrouw " in lowered or "mevr" in lowered or "dhr" in lowered or (
            "mw." in lowered or "de heer " in lowered
        ):
            results.extend(self._lower_case_after_title(text, results))
        results = _replacing(results, self._chinese_names(text))
        if "-19" in text or "-20" in text:
            results.extend(self._before_birth_dates(text, results))
        if ("/" in text or "|" in text) and _OTHER_SCRIPT.search(text) is not None:
            results.extend(self._other_script_names(text, results))
        if ". (" in text:  # "- R. (zoon, 14)": a child written as an initial, and "R." for the child after
            results = _replacing(results, self._initials_with_relation(text))
        if ". (" in text:  # "medeverdachte R.M. (27) uit Oss": initials alone, an age after them
            aged = [
                self._result(m.start(), m.end(), 0.8, DECLARED_INITIALS,
                             f"initials with an age: {m.group()!r}")
                for m in _INITIALS_WITH_AGE.finditer(text)
            ]
            if aged:
                results = _replacing(results, aged)
        if "(" in text:
            results = _replacing(results, self._named_with_initials(text, results))
        results.extend(self._name_initials(text, results))
        if " en " in text or " & " in text:
            results = _replacing(results, self._given_name_joined(text, results))
        if may_hold_table(text):
            results = _replacing(results, self._name_column(text))
            if "naam" in lowered or "bedrijf" in lowered or "organisatie" in lowered or (
                "school" in lowered or "werkgever" in lowered or "opleiding" in lowered
                or "zorgaanbieder" in lowered
            ):
                firms = [(c.start, c.end) for c in column_cells(text, FIRM_COLUMNS)]
                results = [r for r in results if not any(s <= r.start and r.end <= e for s, e in firms)]
        if ";" in text and ":" in text:
            players, teams = self._line_ups(text)
            if players:  # and the teams are no players, wherever the page names them
                results = [r for r in _replacing(results, players) if text[r.start : r.end] not in teams]
        if "voorletter" in lowered:
            for m in INITIALS_FIELD.finditer(text):
                why = f"form field: voorletters {m.group('value')!r}"
                results.append(self._result(m.start("value"), m.end("value"), 0.75, "form field", why))
        if "@" in text and any(p in lowered for p in _PLATFORMS):
            for m in _HANDLE.finditer(text):
                if _OWN_ACCOUNT_BEFORE.search(text, max(0, m.start() - 50), m.start()):
                    continue  # "een Instagram-account van het project (@podiumzuid010)": the project's own
                why = f"a social-media handle where the text names the platform: {m.group()!r}"
                results.append(self._result(m.start(), m.end(), 0.7, "social-media handle", why))
        if "genoemd" in lowered or "bekend als" in lowered:
            for m in CALLED.finditer(text):
                why = f"what someone is called: {m.group('nick')!r}"
                results.append(self._result(m.start("nick"), m.end("nick"), 0.8, "nickname", why))
        if "foto" in lowered:
            for m in PHOTO_CREDIT.finditer(text):
                name = m.group("name")
                words = name.split()
                if name.lower() in self.lex.name_like_organisations or self.lex.is_word(words[0]) and (
                    not name.isupper()
                ) or words[0].lower() in self.lex.places or words[0].upper() == words[0] and (
                    words[0] in self.lex.acronyms
                ):
                    continue  # "Foto Gemeente Utrecht", "foto ANP", "Foto: Shutterstock"
                why = f"photo credit: {name!r}"
                results.append(self._result(m.start("name"), m.end("name"), 0.8, "photo credit", why))
        if "naam" in lowered or "voorletters" in lowered:
            fields = [
                self._result(m.start("name"), m.end("name"), 0.8, "form field",
                             f"form field {m.group('label')!r}")
                for m in NAME_FIELD.finditer(text) if self._field_value(m.group("name"), _set_apart(text, m))
            ]
            if fields:
                results = _replacing(results, fields)
        if "tussenv" in lowered:
            for m in INTERFIX_FIELD.finditer(text):
                why = f"form field: tussenvoegsel {m.group('value')!r}"
                results.append(self._result(m.start("value"), m.end("value"), 0.8, "form field", why))
        if " (" in text or "\n(" in text:
            self._given_in_brackets(text, results)
        if "t.n.v" in lowered or "kaarthouder" in lowered or "ten name van" in lowered:
            starts = None if "İ" in text else starts_of_openings(text, lowered, _CAPS_HOLDER_OPENINGS)
            holders = CAPS_HOLDER.finditer(text) if starts is None else matches_at(CAPS_HOLDER, text, starts)
            for m in holders:  # "t.n.v. L H ZWANIKKEN", "kaarthouder L ZWANIKKEN"
                why = f"name in capitals after {m.group('label')!r}: {m.group('name')!r}"
                results.append(self._result(m.start("name"), m.end("name"), 0.8, "context phrase", why))
        if "bekend als" in lowered or "alias" in lowered or "bijnaam" in lowered or "naam \"" in lowered:
            for m in KNOWN_AS.finditer(text):  # 'in de buurt bekend als "Boggie"'
                why = f"nickname after {m.group('label')!r}: {m.group('nick')!r}"
                results.append(self._result(m.start("nick"), m.end("nick"), 0.8, "nickname", why))
        if '" (' in text or "” (" in text or "' (" in text or "’ (" in text:
            named = [(r.start, r.end) for r in results if r.score >= 0.4]
            for m in NICK_BEFORE_NAME.finditer(text):  # '"Jay-Jay" (Jayden Lamers, 17)': a nickname
                if any(s == m.end() for s, _ in named) and _word_before(text, m.start()) not in _WORKS:
                    why = f"nickname in quotes before the name in brackets: {m.group('nick')!r}"
                    results.append(self._result(m.start("nick"), m.end("nick"), 0.8, "nickname", why))
        damaged = self._ocr_titled(text, lowered)
        if damaged:  # "mw. Fl. Mulder": the chains found "Fl" alone
            results = [r for r in results if not any(
                d.start <= r.start and r.end <= d.end for d in damaged)] + damaged
        results = drop_non_persons(text, results, self.lex)  # places, organisations, terms, things
        if "(" in text:
            results = _replacing(results, self._bracketed_surnames(text, results))
        if " van " in text and any(w in lowered for w in _KIN_WORDS):
            results = _replacing(results, self._kin_of(text, results))
        if any(a in text for a in self._role_acronyms):
            results = _replacing(results, self._after_role_acronyms(text))
        if "/" in text:  # (after the filter, which takes small letters for no name)
            results.extend(self._typist_marks(text, results))
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

    def _named_with_initials(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A name followed by its own initials in brackets, as minutes introduce people: "Frank Tol
        (FT), wijkagent" (the initials confirm the capitalised words, even when they are words)."""
        out = []
        for m in _NAME_BRACKET_INITIALS.finditer(text):
            s, e = m.span("name")
            if any(r.start <= s and e <= r.end and r.score >= 0.5 for r in found):
                continue
            words = [w for w in m.group("name").split() if w[0].isupper()]
            if not _abbreviates(m.group("initials"), m.group("name")) or any(
                w.lower() in self.lex.stop_words or w in self.lex.acronyms or self._names_a_team(w.lower())
                for w in words
            ) or m.group("initials") in self.lex.acronyms or not (
                words[0] in self.lex.first_names or any(
                    self.lex.is_surname(w) and not self._plain_word(w) and w.lower() not in self.lex.places
                    for w in words[1:]
                )
            ):
                continue  # not "Veilig Thuis (VT)", "Openbaar Ministerie (OM)": no name in it
            name, initials = m.group("name"), m.group("initials")
            why = f"a name with its initials in brackets after it: {name!r} ({initials})"
            out.append(self._result(s, e, 0.8, "name with its initials", why))
        return out

    def _bracketed_surnames(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A listed surname alone in brackets, no word and no place: who does it in an action list
        ("Piketrooster aanpassen (Dijkstra)"), whose number it is ("(piketnummer Kuijpers)")."""
        out = []
        for m in _BRACKETED_SURNAME.finditer(text):
            s, e = m.span("name")
            name = m.group("name")
            if not self.lex.is_surname(name) or self._plain_word(name) or name.lower() in self.lex.places or (
                name in self.lex.first_names or self._is_role(name.lower()) or self.lex.is_street(name)
                or any(r.start < e and s < r.end and r.score >= 0.5 for r in found)
            ):  # (not "(Burgemeester)", "(Dijkgraaf)": an office; not "(Kerkdijk)": a street)
                continue
            why = f"a surname alone in brackets: {name!r}"
            out.append(self._result(s, e, 0.6, "surname in brackets", why))
        return out

    def _kin_of(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A surname after a relative's or a neighbour's noun and "van": "de dochter van Kuipers",
        "de zoon van De Haan". A listed surname, capitalised mid-sentence (a word too: "Kuipers",
        "Bakker"), that is no place."""
        out = []
        for m in _KIN_OF.finditer(text):
            s, e = m.span("name")
            last = m.group("name").split()[-1]
            if not self.lex.is_surname(last) or last.lower() in self.lex.places or any(
                r.start < e and s < r.end and r.score >= 0.5 for r in found
            ):
                continue
            why = f"surname after {m.group('kin')!r} + 'van': {m.group('name')!r}"
            out.append(self._result(s, e, 0.7, "surname after a relative", why))
        return out

    def _after_role_acronyms(self, text: str) -> list[RecognizerResult]:
        """A surname (or a given name and a surname) right after a role's acronym: "met BOA Siebring";
        not a Dutch word or a place ("BOA Handhaving")."""
        out = []
        for m in _AFTER_ACRONYM.finditer(text):
            if m.group(1) not in self._role_acronyms:
                continue
            words = m.group(2).split()
            if any(
                self._plain_word(w) or w.lower() in self.lex.places or w in self.lex.acronyms for w in words
            ):
                continue
            why = f"role word: {m.group(2)!r} after {m.group(1)!r}"
            out.append(self._result(m.start(2), m.end(2), 0.8, "role word", why))
        return out

    def _typist_marks(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A typist mark's two sets of initials ("ST /mk"): the author's in capitals (no known
        acronym), the typist's in small letters (no word)."""
        out = []
        for m in _TYPIST_MARK.finditer(text):
            author, typist = m.group(1), m.group(2)
            if author in self.lex.acronyms or typist in self.lex.stop_words or self.lex.is_word(typist) or (
                any(r.start < m.end() and m.start() < r.end for r in found)
            ):
                continue
            why = f"typist mark {m.group()!r}: the author's and the typist's initials"
            out.append(self._result(m.start(1), m.end(1), 0.7, "typist mark", why))
            out.append(self._result(m.start(2), m.end(2), 0.7, "typist mark", why))
        return out

    def _name_initials(self, text: str, names: list[RecognizerResult]) -> list[RecognizerResult]:
        """Initials standing for a person in minutes: after "actiehouder:", in an attendance
        line, declared in brackets after a name, opening an action line, or before a minutes verb.

        An upper-case token the text also uses as a term ("de AI", "AI-toepassingen",
        "Artificiële Intelligentie (AI)") or that is a known acronym is never a person.
        """
        matches = list(NAME_INITIALS.finditer(text, concurrent=ONE_THREAD))
        if not matches:
            return []
        name_ends = {r.end for r in names if r.score >= 0.4}
        name_starts = {r.start for r in names if r.score >= 0.4}
        declared = self._declared_initials(text, name_ends, names, matches)
        labels: dict[int, str] = {}
        lowered = page_lowered(text)
        for m in matches:
            at = m.start()
            if m.group() in self.lex.acronyms and (
                not (text[max(0, at - 3) : at].rstrip(" \t").endswith(":")
                     or _PARAAF_BEFORE.search(text, max(0, at - 12), at))
                or m.group() in _DEPARTMENTS
            ):  # an acronym is a person only by "actiehouder: PR", "paraaf NB"; "eigenaar: HR": a team
                continue
            window = lowered[max(0, at - 40) : at].rstrip(" \t:(")  # "behandelaar (LvO, 25-03-2024)" too
            label = ""
            if window and window.endswith(INITIALS_LABELS):  # one test first: most windows end in none
                label = next(w for w in INITIALS_LABELS if window.endswith(w))
            elif " " in window:  # "Paraaf afdelingshoofd: RvdL": a label, then whose initials
                head, _, role = window.rpartition(" ")
                if head.endswith(INITIALS_LABELS) and self._is_role(role):
                    label = next(w for w in INITIALS_LABELS if head.endswith(w)) + " " + role
            if not label and window.endswith(("/", ",", "&", " en")) and labels and "\n" not in text[
                max(labels) : at
            ]:
                label = labels[max(labels)]  # "Gecontroleerd door: HvB / LK": both initials
            if label and "\n" not in window[-len(label) :]:
                labels[at] = label
                declared.setdefault(m.group(), f"named after {label!r} in this text")
        terms: dict[str, bool] = {}
        out = []
        for m in matches:
            token = m.group()
            if (token in self.lex.acronyms or token.lower() in self.lex.non_names) and (
                token not in declared or _CAPITALISED_NEXT.match(text, m.end()) is not None
            ):
                continue  # "FC Houten" where F. Çelik's "FC" is declared too: the club
            if token in _MAIL_PREFIXES and text[m.end() : m.end() + 1] == ":":
                continue  # "Onderwerp: RE: ...", "FW:": a reply's or a forward's prefix
            if len(token) == 2 and token.isupper() and text[m.start() - 5 : m.start() - 1].isdigit() and (
                text[m.start() - 1 : m.start()] in (" ", "\t", "\u00a0")
            ):
                continue  # "8711 AB": a postcode's letters, also where "behandelaar (AB)" declares them
            if token.lower() in self.lex.stop_words and not any(
                c.islower() for c in text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            ):
                continue  # "CONTACTPERSOON OP DE DAG": a word of a heading in capitals
            if token not in terms:
                terms[token] = token not in declared and _used_as_term(text, token)
            if terms[token]:
                continue
            before = line_before(text, m.start(), 40).lower().rstrip(" \t:")
            label = labels.get(m.start(), "")
            after = text[m.end() : m.end() + 20]
            words = after.split()
            verb = words[0].lower().strip(",.") if words else ""
            prev = before.split()[-1] if before.split() else ""
            rule = "initials as a name"
            opener = "" if label else self._title_before(line_before(text, m.start(), 40))
            if label:
                score, why, rule = 0.8, f"initials after {label!r}", DECLARED_INITIALS
            elif opener and opener.lower() in self.lex.name_openers:
                score, why = 0.7, f"initials after {opener!r}"  # "opgesteld door LB"
            elif token in declared:
                score, why, rule = 0.8, f"initials {declared[token]}", DECLARED_INITIALS
            elif not before.strip(" -•*\t") and after.startswith(":") and len(token) <= 4 and (
                declared or "actie" in page_lowered(text)
            ):
                score, why = 0.7, "initials opening an action line of minutes"
            elif text[m.start() - 4 : m.start()] == " en " and m.start() - 4 in name_ends or (
                text[m.end() : m.end() + 4] == " en " and m.end() + 4 in name_starts
            ):
                score, why = 0.7, "initials listed with a name"  # "V. Zengin en BT stemmen af"
            elif verb in MINUTES_VERBS and len(set(token)) > 1 and (
                len(token) == 2 or not token.isupper() or declared
            ) and (
                prev not in ("het", "de", "een", "the", "van", "bij", "naar")
            ):
                score, why = 0.6, f"initials before the verb {verb!r}"
            elif (verb[-1:] == "t" or declared and verb in ("zal", "wil", "kan", "moet")) and (
                verb.isalpha() and verb.islower()
            ) and (
                before.strip() in ("-", "•", "*", "–") or declared and _at_sentence_start(text, m.start())
            ):
                score, why = 0.6, f"initials opening a point of the minutes before {verb!r}"
            else:
                continue
            out.append(self._result(m.start(), m.end(), score, rule, why))
        return out

    def _names_a_team(self, low: str) -> bool:
        """A word that opens an organisation's or a team's name: "gemeente", "wijkteam", "bakkerij"."""
        return low in self.lex.non_names and low not in self.lex.stop_words or len(low) > 4 and any(
            low.endswith(w) for w in (*_ORGANISATION_HEADS, "team", "afdeling", "dienst")
        )

    def _chat_names(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """In a chat export: senders written in lower case ("ilse:"), which no chain finds, and
        the given names of the senders where the messages use them, in any case and after an "@"
        ("dank marieke", "op de foto van gert-jan", "@Daan"). A given name that is also a Dutch
        word ("roos", "mark") is left to the other rules."""
        senders = [m for m in self._senders if _LETTERS_NAME.fullmatch(m.group("value").strip())]
        if len(senders) < 2:
            return []
        out = []
        given: dict[str, str] = {}  # lowercased given name -> the sender it comes from
        for m in senders:
            name = m.group("value").strip()
            start = m.start("value") + m.group("value").index(name)
            if name.islower() and not (name in _SPEAKER_LABELS or name in self.lex.roles):
                # (not a call transcript's "medewerker:" and "beller:": roles, not names)
                out.append(self._result(start, start + len(name), 0.8, "chat sender",
                                        f"chat sender: {name!r} writes a message"))
            parts = (name.split(",", 1)[1] if "," in name else name).split()  # "Blom, Jeroen": Jeroen
            while len(parts) > 1 and parts[0].lower().rstrip(".") in self.lex.titles:
                parts = parts[1:]  # "Juf Marloes": Marloes
            first = parts[0]
            low = first.lower()
            if len(first) >= 3 and not self.lex.is_word(low) and low not in self._interfix_words and (
                low not in _SPEAKER_LABELS and low not in self.lex.roles
            ):  # (not "MEDEWERKER:", "Voorzitter (Van Dijk-Kramer):" of a transcript: a role)
                given.setdefault(low, name)
        lowered = page_lowered(text)
        for m in _TITLE_LOWER.finditer(text):  # "meneer achterberg", "mevrouw nowak": chats write so
            word = m.group(1)
            name = word[0].upper() + word[1:]
            if not self.lex.is_word(word) and word not in self.lex.stop_words and (
                self.lex.is_surname(name) or f" {name}" in text  # "mevrouw Nowak" elsewhere on the page
            ):
                out.append(self._result(m.start(1), m.end(1), 0.75, "chat: title + name",
                                        f"name after {m.group().split()[0]!r} in a chat, in lower case"))
        lower_only = set()
        for r in found:  # "pijnacker riep nog": a surname found capitalised, in lower case in a message
            word = text[r.start : r.end].split()[-1] if r.score >= 0.4 else ""
            low = word.lower()
            if len(word) >= 4 and word[:1].isupper() and not (self.lex.is_word(word) or word.isupper()) and (
                low not in given and not (low in self.lex.streets and not self.lex.is_surname(word))
            ):  # not "Buurtapp Berkenlaan" read as a name: "berkenlaan 17" is the street
                given[low] = text[r.start : r.end]
                lower_only.add(low)
        if not given:
            return out
        taken = [(r.start, r.end) for r in found] + [(m.start("value"), m.end("value")) for m in senders]
        for low, sender in given.items():
            at = lowered.find(low)
            while at >= 0:
                end = at + len(low)
                if (at == 0 or not (lowered[at - 1].isalnum() or lowered[at - 1] in "./_-")) and (
                    end == len(text) or not (lowered[end].isalnum() or lowered[end] in "-'’_@")
                ) and lowered[end : end + 2] not in _DOMAIN_DOTS and not any(
                    s <= at and end <= e for s, e in taken
                ) and (low not in lower_only or text[at:end].islower()):
                    if text[at:end].islower():  # "jeroen van leeuwen = ...": the surname in lower case too
                        line_end = text.find("\n", end)
                        end = self._lower_surname_end(text, end, len(text) if line_end < 0 else line_end)
                    why = f"chat participant: {text[at:end]!r}, the given name of sender {sender!r}"
                    out.append(self._result(at, end, 0.75, "chat participant", why))
                at = lowered.find(low, end)
        return out

    def _chat_message_names(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """In a chat export's messages a name stands alone, without a title or a salutation: "Die
        zat achterin bij Karim", "ik laat Olthof een memo maken". A word found as a given name (not
        a Dutch word) anywhere in a message, or as a surname after a word in lower case (not where a
        sentence opens: "Zaal bleef rustig"), is proposed; so is a given name written in lower case
        ("ik app marloes morgen")."""
        out = []
        for body_start, body_end in _chat_bodies(text, self._senders):
            english = _english(text, body_start, body_end)
            for r in found:
                if not (body_start <= r.start and r.end <= body_end) or r.score >= 0.4:
                    continue
                name = text[r.start : r.end]
                word = name.split()[0]
                if english and _english_word(word.lower()):
                    continue  # "Can you give me", "Done.": an English message's words
                before = text[body_start : r.start].rstrip(" ")
                given = self.lex.is_first_name(word) and not self._common_given_name(word)
                mid_sentence = bool(before) and (before[-1].islower() or before[-1] == ",") and (
                    before.rsplit(" ", 1)[-1] not in _BEFORE_A_PLACE_OR_THING  # "in Zuidwijk", "de Koolmees"
                )
                surname = self.lex.is_surname(name.split()[-1]) and mid_sentence and not (
                    self.lex.is_word(word) or name.lower() in self.lex.places
                )
                if given or surname:
                    why = f"chat message: {name!r}, a {'given name' if given else 'surname'} in a message"
                    out.append(self._result(r.start, r.end, 0.5, "chat message", why))
            out.extend(self._lower_names_in(text, body_start, body_end, found, "chat message"))
        return out + self._lower_surnames_again(text, [*found, *out])

    def _lower_surnames_again(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """The surname of a name found in lower case with its tussenvoegsel ("jolanda van houten"),
        where a chat says it again without the given name: "die heet van houten nu"."""
        out: list[RecognizerResult] = []
        for r in found:
            name = text[r.start : r.end]
            words = name.split()
            k = next((i for i, w in enumerate(words[1:], 1) if w in self._interfix_words), 0)
            if not name.islower() or not k or k == len(words) - 1:
                continue
            surname = " ".join(words[k:])  # "van houten"
            for m in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w'’-])", text):
                if not any(f.start <= m.start() < f.end for f in (*found, *out)):
                    why = f"{surname!r} again, the surname of {name!r} in lower case"
                    out.append(self._result(m.start(), m.end(), 0.6, SURNAME_AGAIN, why))
        return out

    def _chinese_names(self, text: str) -> list[RecognizerResult]:
        """Two or three capitalised syllables of Chinese names, at least two of them no Dutch word:
        "Li Mei Chen", "Mei Ling Chan", "Zhao Lei" (no other list holds them). Looked for only where
        a syllable that is no Dutch word stands (most pages have none)."""
        out = []
        for m in _SYLLABLES.finditer(text):
            words = list(_WORD_AT.finditer(text, m.start(), m.end()))
            while words and (
                words[0].group().lower() not in _CHINESE or words[0].group().lower() in _DUTCH_SYLLABLES
            ):
                words.pop(0)  # "Ook Mei Ling Chan": the name after the word that opens the sentence
            run = []
            for w in words:
                if w.group().lower() not in _CHINESE:
                    break
                run.append(w)
            run = run[:3]
            if len(run) >= 2 and sum(not self.lex.is_word(w.group()) for w in run) >= 2:
                name = text[run[0].start() : run[-1].end()]
                why = f"syllables of a Chinese name: {name!r}"
                out.append(self._result(run[0].start(), run[-1].end(), 0.7, "Chinese name", why))
                joined = _JOINED_SYLLABLES.match(text, run[-1].end())
                if joined is not None and all(w.lower() in _CHINESE for w in joined.group(1).split()):
                    # "Zhang Jun en Li Mei": the second name may spell Dutch words ("mei")
                    why = f"syllables of a Chinese name joined to {name!r}: {joined.group(1)!r}"
                    out.append(self._result(joined.start(1), joined.end(1), 0.7, "Chinese name", why))
        return out

    def _before_birth_dates(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A name that no list knows right before a date of birth in brackets ("Anjali (30-09-2015)"),
        not a Dutch word or a place ("Kamerbrief (12-03-2020)")."""
        named = [(r.start, r.end) for r in found if r.score >= 0.4]
        out = []
        for m in _NAME_BEFORE_BIRTH_DATE.finditer(text):
            s, e = m.span("name")
            words = m.group("name").replace("-", " ").split()
            article = _word_before(text, s) in ("de", "het", "een")
            if article or any(a < e and s < b for a, b in named) or any(
                self._plain_word(w) or w.lower() in self.lex.places
                or dutch_noun(w.lower(), self.lex.dictionary) for w in words
            ):
                continue  # not "de Raadsinformatiebrief (12-03-2021)": a document and its date
            why = f"a name before a date of birth in brackets: {m.group('name')!r}"
            out.append(self._result(s, e, 0.7, "name before a birth date", why))
        return out

    def _other_script_names(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A name in another script beside its Latin spelling ("Serhii Tkachuk / Сергій Ткачук"): the
        other spelling is the same person's name. Where the Latin side is no name found yet, both count
        only if it has two words or more, none a Dutch word or a place ("Kyiv / Київ" is no person)."""
        named = [(r.start, r.end) for r in found if r.score >= 0.4]
        out = []
        for m in _BESIDE_OTHER_SCRIPT.finditer(text):
            latin = "latin" if m.group("latin") is not None else "latin2"
            other = "other" if latin == "latin" else "other2"
            ls, le = m.span(latin)
            if not any(s < le and ls < e for s, e in named):
                words = m.group(latin).split()
                if len(words) < 2 or any(
                    self.lex.is_word(w) or w.lower() in self.lex.places for w in words if w[0].isupper()
                ):
                    continue
                why = f"a name in Latin letters beside its spelling in another script: {m.group(latin)!r}"
                out.append(self._result(ls, le, 0.7, "name in another script", why))
            why = f"the name in another script beside its Latin spelling: {m.group(other)!r}"
            out.append(self._result(m.start(other), m.end(other), 0.8, "name in another script", why))
        return out

    def _lower_case_after_title(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A surname in lower case after "meneer" or "mevrouw", as chats and hasty notes write it
        ("meneer wouterse weer aan de lijn", "mevrouw van gool van nr 408"): no Dutch word."""
        out = []
        starts = starts_of_openings(text, page_lowered(text), _TITLE_OPENINGS)  # not every character
        pattern = _TITLE_THEN_LOWER
        for m in pattern.finditer(text) if starts is None else matches_at(pattern, text, starts):
            last = m.group("last")
            word = last in self.lex.dictionary or self.lex.is_word(last)
            if word and m.group("particle") and (
                m.group("title").lower() not in ("meneer", "mevrouw") or len(self._senders) > 1
                or "[00:" in text
            ) and (  # (a chat or a call's transcript writes "mevrouw de haan"; a letter's "mevrouw de post"
                # is the mail)
                self.lex.is_surname(last.capitalize())
            ) and (
                last not in self.lex.titles and last not in self.lex.salutations
            ):
                word = False  # "mevr de haan was thuis": a tussenvoegsel, then a surname that is also a word
            lex = self.lex
            polite = m.group("title").lower() in ("meneer", "mevrouw") and (
                _SALUTATION_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None
                or text[m.end() : m.end() + 1] in (",", "\n", "")
            )  # "Geachte mevrouw kuipers": not "mevrouw belt hem zelf", a verb
            if word and polite and lex.is_surname(last.capitalize()) and (
                last not in lex.stop_words and last not in lex.titles and last not in lex.salutations
            ):
                word = False  # "Geachte mevrouw kuipers": no article, so a surname, not the trade
            if word or self._is_role(last) or any(r.start <= m.start("name") < r.end for r in found):
                continue
            end = m.end("name")
            second = _LOWER_WORD_AFTER.match(text, end) if not m.group("particle") else None
            if second is not None and not (lex.is_word(second.group(1)) or second.group(1) in lex.dictionary
                                           or self._is_role(second.group(1))):
                end = second.end()  # "mevrouw nasreen karimie": her given name, then her surname
            why = f"a name in lower case after {m.group('title')!r}: {text[m.start('name') : end]!r}"
            out.append(self._result(m.start("name"), end, 0.7, "title", why))
        return out

    def _lower_case_names(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """Informal mail greets in lower case ("hoi marloes,", "groetjes sandra"): in the block of
        such a greeting (up to a blank line that follows a sign-off, or the page's end), given
        names in lower case are names ("noah was helemaal overstuur")."""
        out: list[RecognizerResult] = []
        lowered = page_lowered(text)
        for m in matches_at(_LOWER_GREETING, lowered, _greeting_line_starts(lowered)):
            name = text[m.start("name") : m.end("name")]
            if not name.islower() or not self._lower_given_name(name):
                continue
            block_start = text.rfind("\n\n", 0, m.start()) + 1
            block_end = text.find("\n\n", m.end())
            out.extend(self._lower_names_in(text, block_start, len(text) if block_end < 0 else block_end,
                                            found + out, "informal mail"))
        return out

    def _lower_names_in(self, text: str, start: int, end: int, found: list[RecognizerResult],
                        rule: str) -> list[RecognizerResult]:
        """The given names in lower case in ``text[start:end]`` not inside a finding yet."""
        out: list[RecognizerResult] = []
        stop = end
        english = _english(text, start, end)
        for m in _LOWER_WORD.finditer(text, start, end):
            word = m.group()
            if not self._lower_given_name(word) or any(r.start <= m.start() < r.end for r in (*found, *out)):
                continue
            if english and _english_word(word):
                continue  # "I got a fine", "zero six, four four, one nine": English words
            if text[max(0, m.start() - 2) : m.start()].strip()[-1:].isdigit():
                continue  # "3 jan"
            before = _word_before(text, m.start())
            if word in self.lex.dictionary and before in _LOWER_DETERMINERS or before in _SUBJECTS:
                continue  # "de kas van zaterdag tellen": a noun after its article; "I can send": a verb
            end = self._lower_surname_end(text, m.end(), stop)
            why = f"{rule}: {text[m.start() : end]!r}, a given name in lower case"
            out.append(self._result(m.start(), end, 0.6, rule, why))
        for r in list(out):  # "fietsen van tim en lotte": a given name that is a word too, joined by "en"
            for m in (_LOWER_JOINED_BEFORE.search(text, max(start, r.start - 20), r.start),
                      _LOWER_JOINED_AFTER.match(text, r.end, stop)):
                word = m.group("name") if m is not None else ""
                lex = self.lex
                if word and lex.is_first_name(word.capitalize()) and word not in lex.dictionary and (
                    word not in lex.stop_words
                    and not any(f.start <= m.start("name") < f.end for f in (*found, *out))
                ):
                    joined = text[r.start : r.end]
                    why = f"{rule}: {word!r}, a given name in lower case joined by 'en' to {joined!r}"
                    out.append(self._result(m.start("name"), m.end("name"), 0.6, rule, why))
        return out

    def _lower_surname_end(self, text: str, end: int, stop: int) -> int:
        """Where a name in lower case ends that opens with a given name ending at ``end``: after the
        surname in lower case that follows it ("jurgen isenia", "ingrid de haan"), before ``stop``."""
        reach = end
        surname = _LOWER_SURNAME_AFTER.match(text, reach)
        particle = False  # the word before was a tussenvoegsel: a known surname may be a word too
        while surname is not None and reach < stop and self._lower_surname(surname["word"], particle):
            reach = surname.end()
            particle = surname.group("word") in self._interfix_words
            if not particle:
                end = reach
            surname = _LOWER_SURNAME_AFTER.match(text, reach)
        return end

    def _lower_surname(self, word: str, after_particle: bool) -> bool:
        """``word`` (lower case, after a given name in lower case) reads as a surname: a known one
        (also a word after a tussenvoegsel: "de haan"), or a word in no dictionary ("isenia"); a
        tussenvoegsel goes with the word after it."""
        if word in self._interfix_words:
            return not after_particle or word in ("der", "den", "de", "'t")
        name = word[:1].upper() + word[1:]
        return self.lex.is_surname(name) and (after_particle or not self.lex.is_word(word)) or (
            word not in self.lex.dictionary and word not in self.lex.stop_words and len(word) >= 3
        )

    def _lower_case_after_kin(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A given name in lower case after a neighbour, a relative or "heet", as a hasty report
        writes it ("buurvrouw ria van nummer 208", "hij heet kees geloof ik"): no Dutch word."""
        out = []
        for m in _LOWER_AFTER_KIN.finditer(text):
            name = m.group("name")
            if self._lower_given_name(name) and not any(r.start <= m.start("name") < r.end for r in found):
                why = f"a given name in lower case after {m.group('kin')!r}: {name!r}"
                out.append(self._result(m.start("name"), m.end("name"), 0.6, "given name after a relation",
                                        why))
        return out

    def _lower_given_name(self, word: str) -> bool:
        """``word`` (lower case) is a given name that is no Dutch word: "marloes", not "roos"."""
        name = word[:1].upper() + word[1:]
        return len(word) >= 3 and self.lex.is_first_name(name) and not self._common_given_name(name) and (
            word not in self.lex.stop_words and word not in self._interfix_words and word not in _CHAT_WORDS
            and word not in _ENGLISH_WORDS
        )

    def _plain_word(self, name: str) -> bool:
        """``name`` is a Dutch word and in no name list ("Communicatie", "Wagenpark")."""
        return self.lex.is_word(name) or name.lower() in self.lex.dictionary and not (
            self.lex.is_first_name(name) or self.lex.is_surname(name)
        )

    def _common_given_name(self, name: str) -> bool:
        """A given name that is also a Dutch word ("Roos", "Storm", "Frans", "Mark")."""
        lex = self.lex
        return name in lex.ambiguous_first_names or lex.is_word(name) or name.lower() in _LOWER_NAME_WORDS

    def _from_abroad(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A given name and the country someone comes from: "Rama uit Syrië, Semhar uit Eritrea";
        not a word, a place or an organisation ("Hulp uit Polen", "Damascus uit Syrië")."""
        out: list[RecognizerResult] = []
        if _HAS_FROM_COUNTRY.search(text) is None:
            return out
        for m in FROM_COUNTRY.finditer(text):
            name = m.group("name")
            low = name.lower()
            if m.group("country").lower() not in _COUNTRIES or self._plain_word(name) or (
                low in self.lex.places or low in _COUNTRIES or self._organisation_named(name)
            ) or any(r.start <= m.start("name") < r.end for r in found):
                continue
            why = f"a name before where the person comes from: {m.group()!r}"
            out.append(self._result(m.start("name"), m.end("name"), 0.6, "name from abroad", why))
        return out

    def _party_members(self, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """A surname with a political party in brackets after it: "Heemskerk (CDA)", "Bakker (Lokaal
        Belang)", "El Khatib (GroenLinks-PvdA)": a council member, even when the name is also a place."""
        found = []
        at = text.find(" (")
        while at >= 0:  # only at a bracket whose first word is a party (few are): then the name before it
            close = text.find(")", at + 2, at + 34)
            party = text[at + 2 : close].lower().replace("–", "-") if close > 0 else ""
            at = text.find(" (", at + 2)
            if not party or party.split(" ", 1)[0] not in PARTIES and party.split("-", 1)[0] not in PARTIES:
                continue
            m = next((m for m in _PARTY_AFTER.finditer(text, max(0, close - len(party) - 60), close + 1)
                      if m.end() == close + 1), None)
            if m is None:
                continue
            start, end = m.span("name")
            if any(r.start <= start and end <= r.end and r.score >= 0.5 for r in results):
                continue
            if self._word_kind(m.group("name").split()[-1]) == WORD and not self.lex.is_surname(
                m.group("name").split()[-1]
            ):
                continue  # "Fractie (VVD)"
            why = f"a name before its party: {m.group()!r}"
            found.append(self._result(start, end, 0.8, "party member", why))
        return _replacing(results, found)

    def _initials_with_relation(self, text: str) -> list[RecognizerResult]:
        """Initials with a relation in brackets ("R. (zoon, 14)"), and the same initials standing alone
        elsewhere on the page: not before a capitalised word (another name's: "R. Jansen") nor after
        another initial ("J.R.")."""
        declared = {m.group(): m for m in _INITIAL_WITH_RELATION.finditer(text)}
        out = []
        for initials, first in declared.items():
            relation = text[first.end() + 2 : text.find(")", first.end())].split(",")[0]
            for m in re.finditer(re.escape(initials), text):
                if m.start() == first.start():
                    why = f"initials with their relation in brackets: {initials} ({relation})"
                elif text[m.start() - 1 : m.start()].isalnum() or (
                    text[m.start() - 2 : m.start()].endswith(".")
                ) or (
                    _CAPITALISED_NEXT.match(text, m.end()) is not None and not text.startswith(" (", m.end())
                ):
                    continue
                else:
                    why = f"the initials of the {relation} declared as {initials} ({relation})"
                out.append(self._result(m.start(), m.end(), 0.75, DECLARED_INITIALS, why))
        return out

    def _minutes_names(self, text: str, lowered: str) -> list[RecognizerResult]:
        """Names that minutes and drafts write without a title: an action's owner ("(actie
        Reitsma)", "(actie MW/KB)"), a reviewer's comment ("[Opmerking FM]:"), a speaker with an
        age ("Storm, 17 jaar, vraagt"), a known surname with a department ("Olthof (OOV)")."""
        out = []
        if "(" in text and ("actie" in lowered or "wie" in lowered or "door" in lowered):
            for m in MINUTES_ACTION.finditer(text):
                at = m.start("names")
                for piece in _ACTION_SPLIT.split(m.group("names")):
                    start = text.find(piece, at)
                    at = start + len(piece)
                    if piece.isupper() and (len(piece) > 4 or piece in self.lex.acronyms) or (
                        not piece.isupper() and (self._organisation_named(piece) or self._plain_word(piece))
                    ):
                        continue  # "(actie COA)", "(actie Communicatie)": an organisation or a team
                    why = f"owner of an action in minutes: {piece!r}"
                    out.append(self._result(start, at, 0.7, "minutes action", why))
        if "opmerking" in lowered:
            for m in DRAFT_COMMENT.finditer(text):
                for group in ("a", "b", "c"):
                    if m.group(group) and m.group(group) not in self.lex.acronyms:
                        why = f"initials of a reviewer's comment: {m.group(group)!r}"
                        out.append(self._result(m.start(group), m.end(group), 0.7, "draft comment", why))
        if " (" in text and _HAS_BRACKETED_ADDRESS.search(text) is not None:
            for m in NAME_WITH_ADDRESS.finditer(text):
                name = m.group("name")
                if not self.lex.is_street(m.group("street")) or self._organisation_named(name) or (
                    name.lower() in self.lex.places or self.lex.is_word(name.split()[0])
                ):
                    continue
                why = f"a name with an address in brackets: {name!r}"
                out.append(self._result(m.start("name"), m.end("name"), 0.7, "name (address)", why))
        if " jaar," in text:
            for m in AGED_SPEAKER.finditer(text):
                name = m.group("name")
                if name.lower() in self.lex.places or self._organisation_named(name) or (
                    name.lower() in self.lex.stop_words
                ):
                    continue
                why = f"a person's age after {name!r}"
                out.append(self._result(m.start("name"), m.end("name"), 0.7, "name, age", why))
        if "(" in text:
            for d in DEPARTMENT.finditer(text):
                m = _SURNAME_BEFORE_DEPARTMENT.search(text, max(0, d.start() - 40), d.start())
                if m is None:
                    continue
                name, dept = m.group("name"), d.group("dept")
                known = self.lex.is_surname(name) and not self.lex.is_word(name)
                if known and name.lower() not in self.lex.places and (
                    name[0] not in dept  # "Pieter Roodenburg (PR)": the name's own initials, found so
                ):
                    why = f"surname {name!r} with a department's abbreviation ({dept})"
                    out.append(self._result(m.start("name"), m.end("name"), 0.6, "surname (department)", why))
        return out

    def _bracketed_given_name(self, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """"dhr. R.A. (Ricardo) Sabajo": initials, the given name in brackets, the surname."""
        if ". (" not in text:
            return results  # every match holds the dot of the initials, a blank and the bracket
        found = []
        for m in BRACKETED_GIVEN.finditer(text):
            spelled = m.group()[:1] == m.group("given")[:1]  # "H. (Hiwet)": the initial is the given name's
            if self._word_kind(m.group("surname")) == WORD or self._word_kind(m.group("given")) == WORD and (
                not spelled
            ):
                continue
            why = f"initials + given name in brackets + surname: {m.group()!r}"
            found.append(self._result(m.start(), m.end(), 0.85, "initials + surname", why))
        return _replacing(results, found)

    def _name_column(self, text: str) -> list[RecognizerResult]:
        """Every cell of a table's name column ("Naam", "Naam afzender", "Deelnemer"): a person,
        whatever else its words are ("Frans Koning", "Roos van Dam"), unless it names an
        organisation ("Gemeente Utrecht", "college B&W", "Installatiebedrijf Hoek B.V."); a cell
        may hold more than one, split by semicolons ("J. Veenstra; A. Boukhari")."""
        out = []
        for cell in column_cells(text, NAME_COLUMNS, self._a_name_not_a_heading):
            if cell.heading in _INITIALS_COLUMNS and _INITIALS_CELL.fullmatch(text, cell.start, cell.end):
                for m in _INITIALS_TOKEN.finditer(text, cell.start, cell.end):  # "JE/RS", "GtB"
                    if m.group() not in self.lex.acronyms:
                        why = f"initials in the table's column {cell.heading!r}: {m.group()!r}"
                        out.append(self._result(m.start(), m.end(), 0.75, DECLARED_INITIALS, why))
                continue
            at = cell.start
            for piece in text[cell.start : cell.end].split(";"):
                name = piece.strip(" ")
                start = at + piece.index(name) if name else at
                at += len(piece) + 1
                if name.endswith(")") and " (" in name:  # "Hylke Dijkstra (beheerder)": the name before it
                    name = name[: name.index(" (")].rstrip(" ")
                # (a double surname may break at the line's end inside its cell: "Jansen-" + "Mulder, E.")
                if not _CELL_NAME.fullmatch(name.replace("-\n", "-")) or self._organisation_named(name):
                    continue
                why = f"in the table's column {cell.heading!r}: {name!r}"
                out.append(self._result(start, start + len(name), 0.8, "name column", why))
        return out

    def _field_value(self, value: str, labelled: bool) -> bool:
        """A name field's value is a name: no Dutch word ("Datum": a table's header), unless a name list
        holds it and a colon or a tab set it apart ("Achternaam: Hoek")."""
        return not self.lex.is_word(value) or labelled and (
            value in self.lex.surnames or value in self.lex.first_names
        )

    def _form_fields(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """A chain cut at a form's label between tabs: "Aydoğan<tab>Voornamen<tab>Şükrü" is two
        fields' values ("Achternaam<tab>Aydoğan<tab>Voornamen<tab>Şükrü"), not one name; so is
        "Grietje Anna Roepnaam Griet", a PDF's text of a form (its tabs read back as blanks)."""
        pieces: list[tuple[int, int]] = []
        opened = start  # where the field being read began
        splitter = _CELL if "\t" in text[start:end] else _WORD_AT
        for cell in splitter.finditer(text, start, end):  # the cells, or a PDF's words
            if cell.group().strip().lower().rstrip(":") in self._name_labels:
                pieces.append((opened, cell.start() - 1))  # the field before the label ends at its blank
                opened = cell.end() + 1
        pieces.append((opened, end))
        return [(a, b) for a, b in pieces if b > a]

    def _a_name_not_a_heading(self, cell: str) -> bool:
        """A cell no table's heading is: a known given name or surname that is no word ("Aydoğan")."""
        if INITIALS.match(cell):
            return True  # "S.R."
        if cell.isupper() and len(cell) > 3:
            cell = cell.title()  # "MARTINA": a form's surname in capitals
        lex = self.lex
        return bool(cell) and all(  # "Aydoğan", "Ricardo Luis"
            (w in lex.first_names or w in lex.surnames) and not lex.is_word(w) for w in cell.split()
        )

    def _organisation_named(self, name: str) -> bool:
        """ "Gemeente Utrecht", "Stichting De Linde", "Installatiebedrijf Hoek B.V.", "GGD", "COA
        (regio Midden)", "Bestuurlijk overleg", "Minister, Staatssecretaris": no person's name."""
        words = name.replace(",", " ").split()
        first = words[0].rstrip(".").lower()
        if len(words[0]) > 1 and words[0].isupper() and not words[0].endswith(".") or (  # "GGD"; not "P."
            _COMPANY_SUFFIX.search(name) or "&" in name
        ):
            return True
        if "(" in name:
            return True
        if self._is_role(first) or any(  # a role, or a word in lower case that is no tussenvoegsel
            w[:1].islower() and w not in self._interfix_words and w != "en" for w in words
        ):
            return True
        if words[0] in self.lex.first_names and len(words) > 1:
            return False  # "Frans Koning": a given name first
        return first in self.lex.non_names and first not in self.lex.stop_words or len(first) > 5 and any(
            first.endswith(w) for w in (*_ORGANISATION_HEADS, *_ORGANISATION_LAST_WORDS)
        ) or first in _ORGANISATION_FIRST_WORDS

    def _line_ups(self, text: str) -> tuple[list[RecognizerResult], set[str]]:
        """A sports report's line-up: "Jan van Arckel: Nowak; Visser, Winter, Yılmaz; Vos, Kok (71.
        Dam), De Jong": after the team and a colon, surnames in groups split by semicolons, with the
        substitutes in brackets. Each is a player, whatever word the name also is; the team before
        the colon is a club (named after someone, perhaps), not a person."""
        out = []
        teams = set()
        for line in LINE_UP.finditer(text):
            if line.group("list").count(";") < 2:
                continue
            items = list(LINE_UP_ITEM.finditer(text, line.start("list"), line.end("list")))
            if len(items) < 6:
                continue
            teams.add(text[line.start() : line.start("list") - 2].strip())
            for item in items:
                for group in ("name", "sub"):
                    if item.group(group):
                        why = f"player in a line-up: {item.group(group)!r}"
                        out.append(self._result(item.start(group), item.end(group), 0.8, "line-up", why))
        return out, teams

    def _given_in_brackets(self, text: str, results: list[RecognizerResult]) -> None:
        """A found name followed by the person's given name in brackets ("mevr. H.M. Wouda (Hiske)",
        "Y. El Idrissi-Hendriks (Yasmina)"): the brackets join the name, else the given name stays
        readable. A role followed by a given name in brackets names its holder ("de beheerder
        (Henk)", "onze buurvrouw (Fatma)")."""
        for m in ROLE_THEN_GIVEN.finditer(text) if _HAS_GIVEN_IN_BRACKETS.search(text) else ():
            given = m.group("given")
            if given in self.lex.first_names and not self.lex.is_word(given) and self._is_role(
                m.group("role").lower()
            ) and not any(r.start <= m.start("given") < r.end for r in results):
                why = f"given name in brackets after the role {m.group('role')!r}"
                results.append(self._result(m.start("given"), m.end("given"), 0.8, "role word", why))
        for r in results:
            m = GIVEN_AFTER.match(text, r.end, None, ONE_THREAD)
            if m is not None and r.score >= 0.4 and r.entity_type == "PERSON" and (
                m.group(1) in self.lex.first_names  # not "(Halt)", "(Ajax)": where the person works
            ) and m.group(1).lower() not in self.lex.places:
                r.end = m.end()
                if r.analysis_explanation is not None:
                    r.analysis_explanation.textual_explanation = (
                        f"{r.analysis_explanation.textual_explanation}, with the given name in brackets"
                    )

    def _nicknamed(self, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """A given name, a nickname in brackets or quotes, the surname: "Cornelis (Cor) van 't Hul",
        "Johanna 'Jo' Brouwer-Zwart", found whole; the given name must be a known one and the
        surname no ordinary word."""
        found = []
        for m in NICKNAME.finditer(text):
            if not (m.group(1) or m.group(2)).istitle():
                continue  # "Jo", "Cor": a capital, then lower case
            first = _LAST_WORD.search(text, max(0, m.start() - 30), m.start())
            rest = _SURNAME_AFTER_NICKNAME.match(text, m.end())
            if first is None or first.end() != m.start() or rest is None:
                continue
            given, surname = first.group(), rest.group().rsplit(" ", 1)[-1]
            if given not in self.lex.first_names or self._word_kind(surname) == WORD:
                continue
            why = f"given name + nickname + surname: {text[first.start() : rest.end()]!r}"
            found.append(self._result(first.start(), rest.end(), 0.85, "name with a nickname", why))
        return _replacing(results, found)

    def _cell_surname_first(self, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """"Öztürk,  Ayten" alone in a table cell or a form field: a surname, a comma, a known
        first name (or any name, where the next cell holds a street and number or a postcode), and
        nothing else up to the next tab, a " |" or the line end."""
        found = []
        for m in matches_at(CELL_SURNAME_FIRST, text, _cell_name_starts(text)):
            given, surname = m.group("given"), m.group("sur")
            if text[m.end() : m.end() + 2] in (" (", " -", " –") and (
                text[max(0, m.start() - 2) : m.start()] not in ("- ", "• ", "* ", "] ", "| ")
            ) and not _BIRTH_DATE_AFTER.match(text, m.end()):  # (a record: "Hofstede, Gea (x), 02-09-1957")
                continue  # "Sietske, Bram (vz)": given names in a row; " (" ends a list item or a sender
            if surname.isupper() and (surname in self.lex.acronyms or not given[:1].isupper()):
                continue  # "HADDAD, Rasha" is a form's surname in capitals; "GGD, Jan" is not
            kind = self._word_kind(given)
            known = given in self.lex.first_names or any(  # "Marius-Cătălin": one part known
                piece in self.lex.first_names for piece in given.split("-")
            )
            particle = any(  # "Mensah-de Vries", "Smit-van Dam": a surname, even where a place is in it
                piece in self._interfix_words for piece in surname.replace("-", " ").split()
            )
            # "Ter Haar, Bernadette": a capitalised tussenvoegsel and a known first name make a word a surname
            opened = " " in surname and surname.split(" ", 1)[0].lower() in self._interfix_words and known
            record = _RECORD_CELL_AFTER.match(text, m.end()) is not None or (  # a person's row, or
                self._title_before(line_before(text, m.start())).lower() in self._name_labels  # "Naam: X, Y"
            )
            if m.end() > m.end("given") or _BIRTH_DATE_AFTER.match(text, m.end()):
                record = True  # "Berg, Jan van den" (its tussenvoegsel last), "Hofstede, Gea, 02-09-1957"
            if not known and record and given.lower() not in self.lex.places and kind != WORD:
                known = True  # "Tesfamariam, Yonas<tab>Dijkweg 241<tab>1231 ND"
            if not known or kind == WORD or any(
                # "- Tuinman, Gerard, geb.": a surname that is also a word, in a person's record
                self._word_kind(w) == WORD and not opened and not (
                    record and self.lex.is_surname(w.capitalize() if w.isupper() else w)  # "WANG, Fang"
                )
                or w.lower() in self.lex.places and kind != FIRST and not particle
                and not (record and self.lex.is_surname(w))  # "Achterberg, Tsegay<tab>Vismarkt 3"
                for w in surname.split() if w not in self._interfix_words  # "ter Haar, Rutger"
            ):
                continue  # "Berkhout, Sander" is a name; "Breda, Roos" may be a place and a flower
            why = f"surname first in a table cell or field: {m.group()!r} (surname, comma, first name)"
            found.append(self._result(m.start(), m.end(), 0.8, "surname first", why))
        return _replacing(results, found)

    def _surname_first(self, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """Names written surname first: "Vries, J. de", "Ouali, S. (Salma)", "Bourgondië, van, J."."""
        found = []
        for m in COMMA_INITIALS.finditer(text):
            line = line_before(text, m.start(), 60)
            sm = SURNAME_BEFORE_COMMA.search(line)
            if sm is None:
                continue
            sur_start = m.start() - (len(line) - sm.start("sur"))
            words = [w for w in PART.finditer(sm.group("sur")) if w.group()[:1].isupper()]
            opens_with_particle = len(words) > 1 and words[0].group().lower() in _OPENING_PARTICLES
            while len(words) > 1 and self._word_kind(words[0].group()) == WORD and not opens_with_particle:
                sur_start += words[1].start() - words[0].start()  # "Aan Jansen, J.": not "Aan"
                words = words[1:]
            if not words:
                continue
            surname = text[sur_start : m.start()]
            last = words[-1].group()
            kind = WORD if last.lower().rstrip(".") in self.lex.titles else self._word_kind(last)
            end = m.end()
            first = m.group("first")
            if first and any(self._word_kind(w) == WORD for w in first.split()):
                first, end = None, m.end("ifx2") if m.group("ifx2") else m.end("init")  # "(Water Natuurlijk)"
            more = first or m.group("ifx1") or m.group("ifx2")
            cell_ends = text[end : end + 1] in ("\t", "\n", ";", "") or _CELL_ENDS.match(text, end) or (
                _LABEL_NEXT.match(text, end)  # "Naam Ouwerkerk, D. Telefoon ...": a PDF's form
            )
            if last in self.lex.acronyms or kind == WORD and not more or (
                surname.lower() in self.lex.places and not more and not cell_ends
            ) or self._word_kind(words[0].group()) == WORD and len(words) > 1 and not opens_with_particle:
                continue
            why = f"surname first: {text[sur_start:end]!r} (surname, comma, initials)"
            found.append(self._result(sur_start, end, 0.85, "surname first", why))
        return _replacing(results, found)

    @staticmethod
    def _affiliation(text: str, at: int, token: str, names: list[RecognizerResult]) -> bool:
        """The capitals at ``at`` name whom someone works for, not a person: after a role in lower
        case ("(informatiemanager GBT)"), or in brackets right after a name they do not abbreviate
        ("K. Boekhoudt (RCN, Kralendijk)")."""
        window = text[max(0, at - 40) : at]
        before = window.rstrip(" ")
        if before[-1:].islower():
            return True
        if before.endswith("("):
            paren = at - (len(window) - len(before)) - 1  # where the "(" stands
            name_end = len(text[:paren].rstrip(" "))
            owner = next((r for r in names if r.end == name_end and r.score >= 0.4), None)
            return owner is not None and not _abbreviates(token, text[owner.start : owner.end])
        return False

    def _declared_initials(
        self, text: str, name_ends: set[int], names: list[RecognizerResult], matches: list[re.Match[str]]
    ) -> dict[str, str]:
        """Initials the text itself says stand for people: attendance lines, "(JdV, voorzitter)",
        "Olga Kravchenko – privacy officer (OK)" (the initials of the name before them on the line,
        even when they also spell a word or an acronym), and a paraaf table's initials in the cell
        right after the name they abbreviate (``matches``: the NAME_INITIALS matches in ``text``,
        found once)."""
        declared: dict[str, str] = {}
        lowered = page_lowered(text)
        if ":" in text and any(w in lowered for w in _ATTENDANCE_WORDS):
            present: list[str] = []  # the names in the attendance lines
            for line in matches_at(ATTENDANCE, text, starts_of_lines_holding(text, ":")):
                for m in NAME_INITIALS.finditer(line.group()):
                    if m.group() not in self.lex.acronyms and m.start() > line.group().find(":") and not (
                        self._affiliation(text, line.start() + m.start(), m.group(), names)
                    ):
                        declared.setdefault(m.group(), "listed in an attendance line")
                end = _wrapped_end(text, line.end())  # the list's lines wrapped below it
                present.extend(text[r.start : r.end] for r in names
                               if r.score >= 0.4 and line.start() <= r.start and r.end <= end)
            if present:  # "Aanwezig: R.S. Ramdin (wethouder), ..." and later "RR stelt voor ...":
                for m in matches:  # the initials of someone present
                    token = m.group()
                    if token not in declared and token not in self.lex.acronyms and len(token) <= 5:
                        owner = next((n for n in present if _abbreviates(token, n)), None)
                        if owner is not None:
                            declared[token] = f"the initials of {owner!r}, listed as present"
        if " - " in text or "–" in text or "—" in text:
            declared.update(self._initials_beside_names(text, names, declared))
        if "(" in text or "[" in text:
            spans = sorted((r.end, r.start) for r in names if r.score >= 0.4)
            ends = [e for e, _ in spans]
            for m in DECLARED.finditer(text):
                token = m.group(1)
                if not NAME_INITIALS.fullmatch(token) or token.lower() in PARTIES:
                    continue
                name = _LAST_WORD.search(text, max(0, m.start() - 30), m.start())
                if token not in self.lex.acronyms and name is not None and name.end() in name_ends and (
                    not text[name.end() : m.start()].strip()
                ) and (not token.isupper() or _abbreviates(token, _name_ending(text, name.end(), spans))):
                    declared.setdefault(token, f"declared after the name {name.group()!r}")
                    continue  # "Jan de Vlieger (JdV)"; not "M. Ter Beek (DGM)", a unit
                owner = _name_on_line_before(text, m.start(), spans, ends)
                if owner and _abbreviates(token, owner):
                    declared.setdefault(token, f"declared after the name {owner!r}, whose initials they are")
        # "Antwoord LvdB: ..." after "Namens het ingenieursbureau: Lodewijk van den Brink"
        tokens = [t for t in (m.group() for m in matches if not m.group().isupper())  # "LvdB", not "GGD"
                  if t not in declared and _PARTICLE_INITIALS.fullmatch(t)]
        if tokens:
            named = [text[r.start : r.end] for r in names if r.score >= 0.4 and " " in text[r.start : r.end]]
            for token in tokens:
                if token in declared or token.lower() in PARTIES:
                    continue
                owner = next((n for n in named if _abbreviates(token, n) and any(
                    w in self._interfix_words for w in n.lower().split()
                )), None)
                if owner is not None:
                    declared[token] = f"the initials of {owner!r}, named on the page"
        if "|" in text or "\t" in text:  # a paraaf table: "| drs. W. Oudejans | WO | 16-05 |"
            spans = sorted((r.end, r.start) for r in names if r.score >= 0.4)
            ends = [e for e, _ in spans]
            for m in matches:
                token = m.group()
                i = bisect_right(ends, m.start()) - 1
                if token in declared or i < 0 or text[ends[i] : m.start()].strip(" \t|") or (
                    text[m.end() : m.end() + 2].strip(" ")[:1] not in ("", "\t", "\n", "|")
                ):
                    continue  # only a name in the cell right before it, the initials alone in theirs
                owner = text[spans[i][1] : ends[i]]
                if _abbreviates(token, owner):
                    why = f"in the cell after the name {owner!r}, whose initials they are"
                    declared.setdefault(token, why)
        return declared

    @staticmethod
    def _initials_beside_names(
        text: str, names: list[RecognizerResult], declared: dict[str, str]
    ) -> dict[str, str]:
        """A list's line that gives a name and its initials with a dash between, the initials first
        or last: "BD – Bas Dekkers, onderzoeker", "Pieter Stol (wijkmanager) - PS". They stand for
        the name even when they spell an acronym ("PS", "BD")."""
        out: dict[str, str] = {}
        found = [r for r in names if r.score >= 0.4]
        for pattern in (_INITIALS_THEN_NAME, _NAME_THEN_INITIALS):
            for m in pattern.finditer(text):
                token = m.group("initials")
                if token in declared or token in out:
                    continue
                line_start, line_end = text.rfind("\n", 0, m.end()) + 1, text.find("\n", m.start() + 1)
                line_end = len(text) if line_end < 0 else line_end
                owners = [text[r.start : r.end] for r in found if line_start <= r.start and r.end <= line_end
                          and (pattern is _NAME_THEN_INITIALS or r.start == m.end())]
                owner = next((n for n in owners if _abbreviates(token, n)), None)
                if owner is not None:
                    out[token] = f"beside the name {owner!r} on its line, whose initials they are"
        return out

    # -- structure ---------------------------------------------------------------------------

    def _strong_regions(self, text: str, sign_offs: list[re.Match[str]]) -> list[tuple[int, int, str]]:
        """Spans whose names need no lexicon: header values, the line after a sign-off.

        ``sign_offs``: the SIGN_OFF matches, found once per text (empty when the text has none
        of its words).
        """
        regions: list[tuple[int, int, str]] = []
        self._header_starts = []
        if ":" in text:
            for m in matches_at(HEADER, text, starts_of_lines_holding(text, ":")):
                self._header_starts.append(m.start())
                at = m.start("value")
                for segment in m.group("value").split(";"):  # "Bos, Anna <a@b.nl>; Kok, O. (Olivier)"
                    start, end = at, at + len(segment.split("<", 1)[0].split("[", 1)[0])
                    at += len(segment) + 1
                    first = segment.split(maxsplit=1)[0] if segment.strip() else ""
                    if not first or first in self.lex.acronyms or (
                        first.lower() in self.lex.non_names and first not in self.lex.first_names
                    ) or first.lower().endswith(self._long_non_names) and not (
                        first in self.lex.first_names or self.lex.is_surname(first)
                    ):
                        continue  # "Aan: Ministerie van ...", "Van: GGD Zeeland", "Aan: Klachtencommissie X"
                    words = segment[: end - start].split()
                    if any(w in _ORGANISATION_IN_HEADER for w in words[1:]):
                        continue  # "Van: Webformulier gemeente Vechtzijl <noreply@...>"
                    if len(words) > 1 and words[-1].lower() in self.lex.places and (
                        first not in self.lex.first_names and not self.lex.is_surname(first)
                    ):
                        continue  # "Van: Parkeren Haarlem <...>": a service of a municipality
                    regions.append((start, end, "e-mail header"))
            lowered = page_lowered(text)
            if "aanw" in lowered or "afw" in lowered or "deelnemers" in lowered:
                for m in matches_at(ATTENDEES, text, starts_of_lines_holding(text, ":")):
                    if m.group("value").strip():
                        regions.append((m.start("value"), _list_end(text, m.end("value")), "attendance list"))
                    else:  # "Aanwezig:" alone on its line: one attendee a line, the name first
                        regions.extend((s, e, "attendance list") for s, e in _listed_lines(text, m.end()))
        for m in self._senders:
            first = m.group("value").split(maxsplit=1)[:1]
            if first and (self._names_a_team(first[0].lower()) or first[0].lower() in _SPEAKER_LABELS):
                continue  # "Wijkteam Noord:", "Gemeente Ede:": an organisation writes; "Spreker 1:" a speaker
            regions.append((m.start("value"), m.end("value"), "chat sender"))
        for m in sign_offs:
            group = "value" if m.group("value") is not None else "inline"
            if _HEADER_LIKE.match(m.group(group)):
                continue  # "Groet,\n\nSent: donderdag ...": the next message's header, not a name
            if group == "inline" and m.group().startswith(("Gr.", "Grt.", "Mvg.")) and (
                m.group(group).split()[0] not in self.lex.first_names
            ):
                continue  # "Gr. Anouk", but "Gr. Brittannië" is a country ("Gr." abbreviates "Groot")
            # inline ("Gr Sanne"): the region holds the greeting, which a chain may start with
            regions.append((m.start(group) if group == "value" else m.start(), m.end(group), "sign-off"))
        return regions

    def _join_signature(
        self, view: str, sign_offs: list[re.Match[str]], strong: list[tuple[int, int, str]]
    ) -> tuple[str, list[tuple[int, int, str]]]:
        """"Met vriendelijke groet," then "Jan" and "Jansen" on two lines: one name (same offsets)."""
        for m in sign_offs:
            if m.group("value") is None:
                continue
            value, end = m.group("value"), m.end("value")
            nxt = _NEXT_LINE_WORD.match(view, end)
            if nxt is None or not _ONE_WORD.fullmatch(value.strip()):
                continue
            word = nxt.group(1)
            low = word.lower()
            if self._word_kind(word) == WORD or self._is_role(low) or low in self.lex.titles:
                continue
            view = view[:end] + " " + view[end + 1 :]
            strong = [*strong, (m.start("value"), nxt.end(1), "sign-off")]
        return view, strong

    def _given_name_joined(self, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """"Gerard en Ans Prins", "Kees & Ria Bakker": a given name joined by "en" to a found given
        name and surname (a couple, siblings) is a person too."""
        out: list[RecognizerResult] = []
        for r in results:
            words = text[r.start : r.end].split()
            if r.score < 0.5 or len(words) < 2 or words[0] not in self.lex.first_names:
                continue
            m = _GIVEN_BEFORE_EN.search(text, max(0, r.start - 30), r.start)
            if m is None or m.group(1) not in self.lex.first_names or (
                m.group(1) in self.lex.ambiguous_first_names
            ) or any(q.start <= m.start(1) < q.end and q.score >= 0.5 for q in results):
                continue
            out.append(self._result(m.start(1), m.end(1), 0.75, "given name joined by 'en'",
                                    f"given name before {text[m.end(1) : r.end]!r}"))
        for r in results:  # "E. van 't Klooster en Jan (Tuinstra)", "P. Jansen en Karel": after it
            if r.score < 0.5 or " " not in text[r.start : r.end].strip():
                continue
            m = _GIVEN_AFTER_EN.match(text, r.end)
            if m is None or m.group(1) not in self.lex.first_names or (
                m.group(1) in self.lex.ambiguous_first_names and not m.group(2)
            ) or any(q.start <= m.start(1) < q.end and q.score >= 0.5 for q in results):
                continue
            out.append(self._result(m.start(1), m.end(1), 0.75, "given name joined by 'en'",
                                    f"given name after {text[r.start : m.start(1)]!r}"))
        return out

    def _sign_off_initials(self, sign_offs: list[re.Match[str]]) -> list[RecognizerResult]:
        """'Groet, RF' or a sign-off followed by initials only: the initials are a person."""
        out: list[RecognizerResult] = []
        for m in sign_offs:
            group = "value" if m.group("value") is not None else "inline"
            value = m.group(group).strip()
            if SIGN_OFF_INITIALS.fullmatch(value) and len(value) <= 4 and (
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
                )) and first.text.lower() not in self.lex.non_names,
                any(p.kind == WORD for p in parts),
            )
        return shape

    def _classify_chain(self, chain: str) -> list[_Part]:
        lex = self.lex
        parts: list[_Part] = []
        found = list(PART.finditer(chain, concurrent=ONE_THREAD))
        for i, m in enumerate(found):
            word = m.group()
            low = word.lower().replace("’", "'")
            bare = low.rstrip(".")
            if word[0].islower() and not _ELIDED.match(word) and word[2:3] != "-":
                kind = IFX
            elif (not parts or parts[-1].kind == TITLE) and (
                bare in self._title_like
            ) or parts and bare in _TITLE_ABBREVIATIONS or i == 0 and i + 1 < len(found) and (
                bare in SPEECH_BEFORE or self._is_role(bare) and not lex.is_surname(word)
            ):
                kind = TITLE  # "Hoofdredacteur Anton ...", "Gemeente-woordvoerder Kim ..."
            elif (len(word) == 1 or word[1:] == "\n") and BARE_INITIAL.match(word):  # a capital (and a break)
                kind = INIT  # "P de Boer"
            elif "." in word and INITIALS.match(word):  # every initial has its dot
                kind = INIT
            elif low in self._interfix_words:
                kind = CIFX
            else:
                kind = self._word_kind(word)
            if kind == WORD and parts and parts[-1].kind == TITLE and (
                parts[-1].text.lower().rstrip(".") in self._name_labels
            ) and len(parts) == 1 and low not in lex.non_names or (
                kind == WORD and parts and parts[-1].kind == TITLE
            ) and (
                parts[-1].text.lower().rstrip(".") in lex.titles
            ):
                kind = AMBIG  # "Geachte heer Arts", "Mevrouw Koning": a title makes it a name
            elif kind == WORD and "-\n" in word and parts and parts[-1].kind in _BEFORE_HYPHENATED:
                kind = CAP  # "de heer Pieter Fic-" + line break + "tief": a name, even if also a word
            elif kind == WORD and parts and parts[-1].kind in _NAME_BEFORE and not lex.is_word(word):
                kind = CAP  # "E. Haering", "Kata Söding": after a name, "-ing" ends a surname
            elif kind == WORD and parts and (parts[-1].kind == FIRST or parts[-1].kind == AMBIG and (
                parts[-1].text in lex.first_names
            ) or (
                parts[-1].kind == IFX and len(parts) > 1 and parts[-2].kind in (INIT, FIRST)
            )) and low not in lex.non_names:
                kind = AMBIG  # "S. Arts", "Fleur Moet", "Pien de Grote": a word as a surname
            elif kind == WORD and i == 0 and i + 1 < len(found) and not lex.is_word(word) and (
                not low.endswith(ADJECTIVE_ENDINGS)
            ) and (
                self._word_kind(found[i + 1].group()) in (SUR, CAP)
            ):
                kind = CAP  # "Kalawatie Ramkhelawan": "-tie" ends first names too
            parts.append(_NEW(_Part, (m.start(), m.end(), word, kind)))
        return parts

    def _is_role(self, low: str) -> bool:
        """A role or function word, also as a compound: "woordvoerder", "hoofdredacteur",
        "gemeente-woordvoerder", "duurzaamheidscoördinator" (lowercase, without a final dot)."""
        if low in self.lex.roles:
            return True
        if len(low) < 8 or low in self.lex.stop_words:
            return False
        known = self._roles_memo.get(low)
        if known is None:
            if len(self._roles_memo) > 100_000:
                self._roles_memo.clear()
            tails = self._role_tails
            known = self._roles_memo[low] = low.rsplit("-", 1)[-1] in self.lex.roles or any(
                low[-k:] in tails for k in range(5, len(low) - 2)
            )
        return known

    def _is_role_plural(self, word: str) -> bool:
        """"Bewoners", "Omwonenden", "Ouders": a role word in the plural (or singular)."""
        low = word.lower()
        return self._is_role(low) or low.endswith("s") and self._is_role(low[:-1]) or low.endswith("en") and (
            self._is_role(low[:-2]) or self._is_role(low[:-1])
        )

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
        if word[1:2] in ("'", "’") and _ELIDED.match(word):  # "d'Ancona", "l'Estrange": an elided particle
            rest = self._word_kind(word[2:])
            return SUR if rest in (CAP, SUR, AMBIG) else rest
        if "-\n" in word:  # "Fic-" + line break + "tief": one word hyphenated at the line end
            joined = _HYPHENATION.sub("", word)
            if joined != word:
                return self._word_kind(joined)
        if "-" in word:  # Jansen-de Vries, Smit-Bakker, Jan-Willem, Al-Khatib, Smit-van
            pieces = [p.strip() for p in word.split("-")]
            if any(p[:1].islower() and p not in self._interfix_words for p in pieces[1:]):
                return WORD  # "Philips-kantine", "Corona-maatregelen": a compound noun
            particle = any(p.lower() in self._interfix_words or p.lower() in _ARABIC_PARTICLES
                           for p in pieces[:-1] if p) or any(
                p and p[0].islower() and p in self._interfix_words for p in pieces[1:])
            kinds = {self._word_kind(p[:1].upper() + p[1:]) for p in pieces if p and not (
                p.lower() in self._interfix_words or p.lower() in _ARABIC_PARTICLES)}
            if particle and kinds <= _NAME_KINDS:
                return SUR  # a tussenvoegsel or "Al-", "El-" inside the word: a double surname
            if kinds & {SUR, FIRST}:
                return SUR if SUR in kinds else FIRST
            return CAP if kinds <= _COMPOUND_KINDS else WORD
        is_word = lex.is_word(word)
        if word in lex.first_names and word not in lex.ambiguous_first_names and not is_word and (
            word.lower() not in lex.places
        ):
            return FIRST
        if lex.is_surname(word) or word in lex.first_names:
            return AMBIG if is_word or word.lower() in lex.places else SUR
        low = word.lower()
        noun = low.endswith(NOUN_ENDINGS) and _compound_noun(low)
        if is_word or noun or low.endswith(ADJECTIVE_ENDINGS) or (
            low[-1:] == "e" and low[:-1] in self._languages  # "Oekraïense", "Poolse": an adjective
        ):
            return WORD
        if low in lex.places:
            return AMBIG  # "Van Doorn", "D. Lutterveld": places are surnames too
        if low.endswith(FOREIGN_SURNAME_ENDINGS) and len(low) > 5 or _FOREIGN_LETTER.search(word):
            return SUR  # "Kowalski", "İhsanoğlu", "Şafak": letters and endings no Dutch word has
        return CAP

    # -- scoring -----------------------------------------------------------------------------

    def _analyze_chain(
        self, text: str, start: int, end: int, strong: list[tuple[int, int, str]], chain: str = ""
    ) -> list[RecognizerResult]:
        """The names in the chain at ``start:end`` of ``text`` (``chain``: that text, when at hand)."""
        shape = self._shape(chain or text[start:end])
        titled = shape.title_may_name_first and (
            self._title_before(line_before(text, start)).lower() in self._name_labels
        )
        if not shape.has_name_part and not titled:
            return []  # ordinary words and titles only: no run of name parts to score
        parts = [_NEW(_Part, (start + s, start + e, word, kind)) for s, e, word, kind in shape.parts]
        if titled:
            parts[0] = _Part(parts[0].start, parts[0].end, parts[0].text, AMBIG)  # "heer Arts"
        region = ""  # the strong region holding the chain (a loop, not a generator: most chains)
        for s, e, why in strong:
            if s <= start and end <= e:
                region = why
                break
        if region == "sign-off" and len(parts) > 1 and parts[0].text.lower() in _SIGN_OFF_WORDS:
            parts = parts[1:]  # "Gr Sanne": the greeting opens the chain, the name follows
        if len(parts) >= 2 and parts[-1].kind == WORD and parts[-2].kind == INIT:
            parts[-1] = self._word_after_initials(text, parts[-1], region)
        out = []
        run: list[_Part] = []
        title: _Part | None = None
        has_word = shape.has_word  # the shape's, unless the title or the greeting changed the first part
        if has_word and (titled or len(parts) < len(shape.parts)):
            has_word = any(p.kind == WORD for p in parts)
        for part in [*parts, None]:
            if part is not None and part.kind in _NAMEY:
                if not run or not self._new_cell(text, run, part):
                    run.append(part)
                    continue
                result = self._score_run(text, self._cut_organisation_tail(run, region), title, region,
                                         start, has_word and title is None)
                if result is not None:
                    out.append(result)
                run, title = [part], None
                continue
            if run:
                followed_by_word = part is not None and part.kind == WORD
                works_for = followed_by_word and len(run) > 1 and run[-1].kind == IFX and (
                    run[-1].text in ("van", "bij")
                )  # "de heer Noordam van Architectenbureau ...": a name, then whom he works for
                phrase = has_word and (followed_by_word or title is None) and not works_for
                if followed_by_word and part is not None and region == "" and not title and (
                    part.text.lower() in _NAMED_AFTER_HEADS and run[-1].kind != IFX or run[0].kind == CIFX
                ):
                    cut = self._cut_organisation_tail(run, region)
                    if len(cut) == len(run):
                        run = []  # "Etty Hillesum Lyceum", "Jan Pieterszoon Coen Fonds": named after
                        title = None
                        continue
                    run = cut  # "A. van Heerden van het Deventer Ziekenhuis": she works there
                if len(run) >= 3:  # a name, "van" and more: perhaps what the person works for
                    run = self._cut_organisation_tail(run, region)
                result = self._score_run(text, run, title, region, start, phrase)
                if result is not None:
                    out.append(result)
                run = []
            title = part if part is not None and part.kind == TITLE and not (
                # "Buurtteam Jeugd en Gezin Lombok", "Team Jeugd & Gezin": a team's name ends there
                part.text in ("Gezin", "Familie")
                and text[max(0, part.start - 4) : part.start].rstrip(" ").endswith((" en", "&"))
            ) else None
        return out

    def _word_after_initials(self, text: str, part: _Part, region: str) -> _Part:
        """A capitalised Dutch word right after initials, ending the chain, as a surname ("P. Rood",
        "A. Zwart"): where a header, a signature or an attendance list holds it, or a role follows in
        brackets ("Aan: P. Rood (architect)"). Elsewhere "type A. Onderzoek" stays a word."""
        word = part.text
        low = word.lower()
        if not (len(word) >= 3 and word[0].isupper() and word[1:].islower() and word.isalpha()) or (
            low in self.lex.stop_words or low in self.lex.titles or self._is_role(low)
        ):
            return part
        role = ROLE_IN_BRACKETS.match(text, part.end, None, ONE_THREAD)
        if region or role is not None and self._is_role(role.group("role")):
            return _Part(part.start, part.end, part.text, AMBIG)
        return part

    def _new_cell(self, text: str, run: list[_Part], part: _Part) -> bool:
        """``part`` opens the next cell of a table row, not the rest of the name in ``run``: a tab
        (or three blanks) stands between them, and the part is a function or a street before its
        house number, or the run ends with an
        initial ("Brandsma, G.<tab>Medewerker Post") or is a whole name that the part opens another
        one after ("L. Brinkhorst<tab>G. Achterberg")."""
        last = run[-1]
        gap = text[last.end : part.start]
        if "\t" not in gap and "   " not in gap:  # a tab, or three blanks from PDF extraction
            return False
        if self._is_role(part.text.lower()) or _HOUSE_NUMBER.match(text, part.end) or _STREET_CELL.match(
            text, part.start
        ):
            return True  # "D.J. Spoelstra<tab>Beleidsadviseur", "N. Ahmadi<tab>Kastanjelaan 9"
        if part.text == last.text or len(run) == 1 and self._plain_word(last.text) or (
            "\t" in gap and self._names_a_team(part.text.lower())  # "Ruben Zomer<tab>Autobedrijf Snoeijer"
        ):
            return True  # "Zienswijze<tab>Zienswijze van A. Wubs": a type's cell, then the description's
        after = _LOWER_WORD_AFTER.match(text, part.end)
        if after is not None and after.group(1) not in self._interfix_words:
            return True  # "E-mail R. Boelens<tab>Deels openbaar": the next cell opens with a word
        if last.kind == INIT:  # "Naam:<tab>J.<tab>Visser" stays one name
            if len(run) == 1 and text[max(0, run[0].start - 2) : run[0].start] == ", ":
                return True  # "Ramsaran-Kalloe, D.<tab>Roti Shop": the initials end a surname-first name
            return len(run) > 1 or part.kind not in (SUR, CAP, AMBIG, CIFX, IFX)  # "D.   van Leeuwen"
        if len(run) >= 2 and run[0].kind == INIT:
            return True  # "M. Hoek<tab>Installatiebedrijf Hoek B.V.": the name is whole, a firm follows
        if part.kind == INIT and "\t" in gap and all(p.kind in (CAP, AMBIG, IFX, CIFX) for p in run):
            return True  # "Het Energieloket Groningen<tab>P.  Sluiter": an organisation's cell, then a name
        return part.kind in _GIVEN and last.kind in (SUR, CAP, AMBIG) and not _GIVEN.isdisjoint(
            p.kind for p in run
        )

    def _after_or_beside(self, text: str, run: list[_Part], kinds: list[str], before: str) -> str:
        """Evidence that needs no lexicon: an age, a party or a role in brackets after the name
        ("Iryna Sjevtsjenko (27)", "Kalkman (D66)", "Hüseyin Arslan (voorzitter)"), or a list with a
        name found by its title ("de heren Kuipers en Lamberink")."""
        end = run[-1].end
        opens = "(" in text[end : end + 2] or text[end : end + 3] == ", " + text[end + 2 : end + 3] and (
            text[end + 2 : end + 3].isdigit()
        )
        m = AGE_OR_PARTY.match(text, end) if opens else None  # "(" or " (", or ", 17)" inside brackets
        if m is not None and set(kinds) <= _NAME_OR_PARTICLE_KINDS:
            party = m.group("party")
            if m.group("born"):
                return "name before a date of birth in brackets"
            if len(run) == 1 and kinds[0] not in (SUR, FIRST) and _at_sentence_start(text, run[0].start) and (
                not text[: run[0].start].rstrip(" \t").endswith(":")  # "Kinderen: Yonas (7)" is a list
            ):
                return ""  # "Fietser (17) zwaargewond": a headline's first word
            inside = m.group("age2") is None or text[run[0].start - 1 : run[0].start] == "("
            if party is None and inside:
                age = int(m.group("age") or m.group("age2") or 0)  # "(27)", "(8 jaar)", "(Jayden Lamers, 17)"
                if 0 < age < 111:
                    return "name before an age in brackets"
            elif party.lower() in PARTIES:
                return "name before a party in brackets"
        m = ROLE_IN_BRACKETS.match(text, end, None, ONE_THREAD)
        if m is not None and set(kinds) <= _NAME_OR_PARTICLE_KINDS and len(run) <= 4 and (
            len(run) > 1 or kinds[0] in (SUR, FIRST) or not _at_sentence_start(text, run[0].start)
        ):
            role = m.group("role")
            if role not in _ORGANISATION_ROLES and self._is_role(role):
                return "name before a role in brackets"
        if 2 <= len(run) <= 3 and set(kinds) <= _NAME_KINDS and _VERB_AFTER.match(
            text, end
        ) and (
            not self._is_role_plural(run[0].text) and all(len(p.text) > 2 for p in run)
        ) and _word_before(text, run[0].start) not in _NOT_BEFORE_SUBJECT and (
            not self._after_acronym(text, run[0].start)
        ):
            return "subject of a verb"  # "Marieluise Steckel geeft aan", "Walli Gotthard zal dit"
        if len(run) <= 2 and text[end : end + 1] == " " and _SAID.match(text, end) and (
            _word_before(text, run[0].start) == "zoals"
        ):
            return "subject of a verb of saying"  # "Zoals Hürmet al aangaf"
        if len(run) == 1 and kinds[0] in (FIRST, CAP, AMBIG) and _VOCATIVE.match(text, end) and (
            _at_sentence_start(text, run[0].start) and not self.lex.is_word(run[0].text)
        ):
            return "name addressed"  # "Bas, jij had contact met ...", "Yas, wil jij ..."
        if 2 <= len(run) <= 4 and set(kinds) <= _NAME_OR_PARTICLE_KINDS and _BORN_AFTER.match(text, end):
            return "name before a date of birth"  # "Getachew Alemu, geb. 14-06-1990"
        apposition = _APPOSITION_ROLE.match(text, end) if len(run) == 1 and kinds[0] in (FIRST, CAP) else None
        if apposition is not None and self._is_role(apposition.group(1).lower()):
            return "name before its role"  # "Samira, een buurtbewoonster van de Kruiskamp"
        if 2 <= len(run) <= 4 and set(kinds) <= _NAME_OR_PARTICLE_KINDS:
            m = _APPOSITION_ROLE.match(text, end)
            if m is not None and self._is_role(m.group(1).lower()):
                return "name before its role"  # "Aigerim Seitkali, een schilderes uit Kazachstan"
            m = _FROM_PLACE.match(text, end)
            origin = m.group(1).lower() if m is not None else ""
            if origin and (origin in self.lex.places or origin in self._abroad):
                return "name before where the person is from"  # "Yohannes Tesfay uit Eritrea"
            adjective = _LAST_WORD.search(text, max(0, run[0].start - 30), run[0].start)
            if adjective is not None and adjective.end() == run[0].start - 1 and (
                adjective.group()[:1].isupper() and adjective.group().lower()[:-1] in self._languages
            ):
                return "name after a nationality"  # "Oekraïense Kateryna Melnyk"
        if set(kinds) <= _NAME_OR_PARTICLE_KINDS and len(run) <= 3 and self._named:
            s, e, rule = self._named[-1]
            between = text[e : run[0].start]
            if between in (" en ", ", ") and (
                rule in ("title", "role word", "speaker", "context phrase") or rule.startswith("listed with")
            ):
                return f"listed with {text[s:e]!r}"
        return ""

    def _after_acronym(self, text: str, start: int) -> bool:
        """An organisation's acronym right before ``start``: "GGD Hollands Midden heeft" (a region
        of the GGD), not "BOA Kemal" (a role)."""
        m = _LAST_WORD.search(text, max(0, start - 12), start, ONE_THREAD)
        if m is None or text[m.end() : start].strip():
            return False
        word = m.group()
        return word in self.lex.acronyms and not self._is_role(word.lower())

    def _may_open_surname(self, text: str, first: _Part) -> bool:
        """A capitalised tussenvoegsel opens a surname ("met De Vries"), not a place, a building, a
        newspaper or a title ("in De Adelaarshorst", "sporthal De Slagen", "over Het Achterhuis")."""
        if first.text.lower() in ("het", "'t"):
            return False
        prev = _word_before(text, first.start)
        if prev in _PLACE_PREPOSITIONS or prev in _SCHOOL_TYPES or (
            prev in self.lex.non_names and prev not in self.lex.stop_words
        ):
            return False
        return not (len(prev) > 5 and any(prev.endswith(w) for w in _ORGANISATION_HEADS))

    def _cut_organisation_tail(self, run: list[_Part], region: str) -> list[_Part]:
        """"Youssef Bennani van het Baudartius": a whole name, then "van (het)" and what the person
        works for; keep the name. A surname from the lexicon after the tussenvoegsel stays."""
        for i in range(1, len(run) - 1):
            part = run[i]
            words = part.text.split()
            if i == 1 and part.kind == IFX and run[0].kind == FIRST and words[1:2] == ["het"] and (
                not self.lex.is_surname(run[-1].text)  # not "Van het Reve"; "van 't" is a tussenvoegsel
            ):
                return run[:1]  # "onze collega Bas van het Klantcontactcentrum"
            if i >= 2 and part.kind == IFX and words[0] in ("van", "bij", "uit") and (
                run[i - 1].kind in (SUR, CAP, AMBIG) and run[0].kind in (FIRST, INIT)
                # "Dewkoemar Mahabier van Van Gelder Civiel"
                or i == 2 and run[0].kind == CAP and run[1].kind == SUR
            ):
                rest = run[i + 1 :]
                if len(words) > 1 and words[1] in ("het", "'t"):
                    return run[:i]  # "van het Baudartius": a school, a company, a club
                if rest and rest[-1].kind in (CAP, AMBIG) and not region and (
                    rest[-1].text not in self.lex.interfix_surnames
                ):
                    return run[:i]  # "Pieter de Vries van Wonen"; in a header or signature the name is whole
            last = run[-1].text
            if part.kind == IFX and words[0] in ("op", "aan", "in", "bij") and len(words) > 1 and (
                run[0].text.lower() not in self.lex.dictionary  # not "Bouwen op Vertrouwen": a title
            ) and all(
                p.kind == CAP and p.text.lower() in self.lex.dictionary and not self.lex.is_surname(p.text)
                for p in run[i + 1 :]
            ):  # "dochter Sofiya op de Spoedeisende Hulp": the name, then where she was
                return run[:i]
            if part.kind == IFX and words[0] in ("van", "aan", "op") and i + 1 == len(run) - 1 and (
                len(last) > 7 and last.lower().endswith(_STREET_SUFFIXES_CUT) and "-" not in last
                and not self.lex.is_surname(last)
            ):  # not "van der Meulen-Hof": a double surname
                return run[:i]  # "de heer Hamstra van Polderweg 8", "Annemiek Brinkhuis aan de Esweg"
        return run

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
        for i in range(len(run) - 2, 1, -1):  # (not the last: "Bram van den H." is his surname's initial)
            if run[i].kind == INIT and run[i - 1].kind == IFX and run[0].kind != INIT:
                run = run[i:]  # "Zienswijze van A. Wubs": initials open the name, after "van"
                chain_start = run[0].start
                break
        if len(run) >= 3 and run[0].kind in (CAP, AMBIG) and title is None and (
            run[1].kind == FIRST or run[1].kind == SUR and _PARTICLE_INSIDE.search(run[1].text)
        ) and (
            _at_sentence_start(text, run[0].start)
        ):
            run = run[1:]  # "Schrijfster Priya Mahabier": the sentence's first word is no name
            chain_start = run[0].start
        kinds = [p.kind for p in run]
        if not run or _NEVER_ALONE.issuperset(kinds) or run[0].text in _NOT_INITIALS:
            return None  # "P.S. Wist u dat ...": a postscript, not P.S. Wist
        if len(run) == 2 and kinds[0] == INIT and len(run[0].text) == 2 and self._section_heading(
            text, run
        ):
            return None  # "A. Aanvrager", "E. Uitbetaling": a form's section, not "A. Bakker"
        start, end = run[0].start, run[-1].end
        follower = text[end : end + 1]  # every pattern tried at the end opens with a blank or a comma
        nxt = text[end + 1 : end + 2]  # and the character after it
        suffix = _NAME_SUFFIX.match(text, end, None, ONE_THREAD) if (
            follower == " " and nxt in _SUFFIX_OPENERS or follower == "," and nxt == " "
        ) else None
        if suffix is not None:
            end = suffix.end()  # "Paulo Koch II", "Rosalinde Dussen van," (a tussenvoegsel written after)
            follower = text[end : end + 1]
            nxt = text[end + 1 : end + 2]
        name = text[start:end]
        low = name.lower()
        if len(run) == 1 and name[-1] in _STREET_LAST and _STREET.search(name, None, None, ONE_THREAD):
            return None
        window = text[max(0, start - 20) : start]
        if ("'t" in window or "’t" in window) and _ARTICLE_T_BEFORE.search(
            text, max(0, start - 20), start
        ) and not particle_before(text, start):
            return None  # "Woonstichting ’t Heem", "café 't Hoekje": "'t" alone opens no surname
        suffixed = name[-1:] in "VF.\n" and _COMPANY_SUFFIX.search(name) is not None  # (every suffix ends so)
        if low in self.lex.name_like_organisations or suffixed or follower == " " and (
            nxt in _ASCII_CAPITAL_OR_BLANK or not nxt.isascii()
        ) and _COMPANY_AFTER.match(text, end):
            works_at = next((i for i, p in enumerate(run) if i >= 2 and p.kind == IFX and p.text == "van"), 0)
            if suffixed and works_at:  # "de heer Ruud Stoffelen van Stoffelen Vastgoed B.V.": he works there
                return self._score_run(text, run[:works_at], title, region, chain_start, phrase)
            return None  # "bij Albert Heijn", "namens Van Wijnen Bouw B.V.": a company, not a person
        if follower in (" ", "\t") and (nxt in _ASCII_DIGIT_OR_BLANK or not nxt.isascii()) and (
            _HOUSE_NUMBER.match(text, end)
        ) and self.lex.is_street(run[-1].text) and not (
            follower == "\t" and run[0].kind == INIT and self.lex.is_surname(run[-1].text)
        ):  # not "J. Bakker<tab>123": initials and a surname, the number in the next cell
            before_street = run[:-1]
            while before_street and before_street[-1].kind == IFX:
                before_street = before_street[:-1]
            titled_one = len(before_street) == 1 and (  # "fam. Ramdin Meidoornstraat 18"
                title is not None
                or self._title_before(line_before(text, run[0].start)).lower() in self.lex.titles
            )
            named = len(before_street) >= 2 or titled_one
            if named and not _NEVER_ALONE.issuperset(p.kind for p in before_street):
                # "H. Tran Dijkweg 4": a table row read from a PDF, the name's cell then the street's
                return self._score_run(text, before_street, title, region, chain_start, phrase)
            return None  # "Jan van Galenstraat 12", "Markt 3": an address, not a person
        before = line_before(text, start)
        if not before.strip() and start > 0:  # "t.n.v.\nA.J. Vos": look at the line before
            before = line_before(text, text.rfind("\n", 0, start))
        # A lowercase tussenvoegsel before a titled surname: "mevrouw van Dijk".
        particle = ""
        titled_particle = False  # "wethouder de Vries": a title or role, a tussenvoegsel, the surname
        if run[0].start == chain_start:
            m = _trailing_interfix(before)
            titled_by = self._title_before(before[: m.start(1)]).lower() if m else ""
            if m and (titled_by in self.lex.titles or titled_by and self._is_role(titled_by) and not (
                m.group(1).startswith("van")  # "burgemeester van Heerhugowaard", "bewoner van de Parkweg"
            )):
                titled_particle = True
                start -= len(before) - m.start(1)
                before = before[: m.start(1)]
                name = text[start:end]
            elif m and len(run) == 1 and kinds[0] in (SUR, AMBIG, CAP) and (
                run[0].text in self.lex.interfix_surnames
            ) and "het" not in m.group(1) and "'t" not in m.group(1) and not self._title_before(
                before[: m.start(1)]
            ) and (m.group(1) in _NAME_PARTICLES or " " not in m.group(1) and (kinds[0] != AMBIG and (
                not self.lex.is_word(run[0].text)
            ) or _SAID.match(text, end) is not None)):  # "de Haan zei": a word, but it speaks
                # "met van der Sluis", "v/d Sluis", "van Dijk": a surname that needs its tussenvoegsel
                particle = m.group(1)
                start -= len(before) - m.start(1)
                before = before[: m.start(1)]
                name = text[start:end]
        if low in self.lex.places and not (particle and " " in particle) and not titled_particle and not (
            title is None and self._title_before(before).lower() in self._name_labels
        ) and not (title is not None and len(run) == 1 and (
            self._is_role(title.text.lower()) or title.text.lower().rstrip(".") in _FORMS_OF_ADDRESS
        ) and (
            kinds[0] in (SUR, AMBIG) and self.lex.is_word(low)  # "Hoek" is a word, "Groningen" not
        )):  # "Voorzitter Hoek", "Meneer Hoek (Winterdijk 3a)"
            return None  # "Utrecht", "Den Bosch"; not "van der Sluis", "Voornamen: Horst", "Voorzitter Hoek"
        if region == "attendance list" and (before.rfind("(") > before.rfind(")") or before.endswith(
            (" van de ", " van het ", " van ", " en ")
        ) or text[max(0, start - 300) : start].count("(") > text[max(0, start - 300) : start].count(")")):
            region = ""  # "(Afdeling Werk en Inkomen)", "commissaris van de Koning": not a listed name
        context = self._context(before, title, run, chain_start)
        if phrase:
            region = ""
            if context and _GIVEN.isdisjoint(kinds):
                context = ""  # "Directeur Publieke Gezondheid", "Team Vergunningen"
        score, rule = self._evidence(kinds, context, region, run, text, chain_start)
        if particle and score < 0.6:
            score, rule = 0.6, "tussenvoegsel + surname"
        if score < 0.4 and len(run) <= 2 and set(kinds) <= _FIRST_OR_SURNAME and (
            _alone_on_line(text, start, end) and (
                len(run) == 2 or not text.strip(" \t\n,") != name
                or text.rstrip()[:start].rstrip().endswith(",")
            ) or _first_cell_before_street(text, start, end)
        ):
            score, rule = 0.45, "name alone on its line"  # a signature, a table cell: "Kees", "Zoutenbier"
        if score < 0.4 and WORD not in kinds and low not in self.lex.places:
            extra = self._after_or_beside(text, run, kinds, before)
            if extra:
                score, rule, context = 0.75, extra, ""
        if score < 0.4 and len(run) == 2 and self._named and run[0].text in self.lex.first_names and (
            self.lex.is_surname(run[1].text)
        ):  # "Olivia Nowak en Frans Kok": a given name and a surname that are words too, listed with a name
            s, e, _ = self._named[-1]
            if text[e : run[0].start] in (" en ", ", ") and " " in text[s:e]:
                score, rule, context = 0.7, f"listed with {text[s:e]!r}", ""
        if score < 0.4 and len(run) <= 2 and run[0].text in self.lex.first_names and (
            _PHONE_IN_BRACKETS.match(text, end)
        ):  # "bij Frans (06 19 73 58 42)"
            score, rule, context = 0.7, "name before a phone number in brackets", ""
        if score < 0.25:
            return None
        why = f"{rule}: {name!r}"
        if context:
            why += f" after {context!r}"
        elif region:
            why += f" in {region}"
        return self._result(start, end, score, rule, why)

    def _section_heading(self, text: str, run: list[_Part]) -> bool:
        """"C. Inwonende kinderen" opening its line: a letter numbering a form's section and a word
        that no name list knows and Dutch does (a noun, a role, an adjective), then the line ends or
        goes on in lower case."""
        word = run[1].text
        if word in self.lex.first_names or self.lex.is_surname(word):
            return False
        if line_before(text, run[0].start).strip():
            return False
        low = word.lower()
        after = text[run[1].end : run[1].end + 2]
        dutch = self.lex.is_word(low) or low.endswith((*NOUN_ENDINGS, "ende", "ige")) or self._is_role(low)
        return dutch and (after[:1] in ("\n", "") or _LOWERCASE_NEXT.match(after) is not None)

    def _team_after_function(self, text: str, run: list[_Part]) -> bool:
        """The run ends a function line of a named person: "Lisa de Boer" + break + "beleidsmedewerker
        Subsidies", "Jan Kok, adviseur Maatschappelijke Opvang", "Lan Vu | consulent Wmo |". The
        capitalised words after the function name a team or a domain, not a second person."""
        end = run[-1].end
        after = text[end : end + 3].lstrip(" ")
        if after[:1] not in ("", "\n", "|", ",", "\t", "\f"):
            return False
        if len(run) > 1 and not any(len(p.text) <= 4 or self.lex.is_word(p.text.lower()) for p in run):
            return False  # "secretaris Jan Bos, penningmeester Tesfay Ghebremedhin": no Dutch word, a name
        start = run[0].start
        before = line_before(text, start, 80)
        role = _LAST_WORD.search(before)
        if role is None or not role.group()[:1].islower():
            return False
        line_start = start - len(before)
        head = before[: role.start()].rstrip(" \t,|–-")
        if head:  # the name before the function, on the same line
            head_end = line_start + len(head)
            return any(e == head_end for _, e, _ in self._named[-3:])
        prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1  # the name on the line above
        return any(prev_start <= s and e < line_start for s, e, _ in self._named[-3:])

    def _word_used_in_lower_case(self, text: str, word: str) -> bool:
        """``word`` is a Dutch word that the page also writes in lower case after an article ("de
        woning"): at a sentence's start its capital is the sentence's."""
        low = word.lower()
        if low not in self.lex.dictionary:
            return False  # (after an article: "die visser" in a chat may be the man's name in lower case)
        article = r"(?i:\b(?:de|het|een|deze|onze|uw|mijn))[ ](?:[a-z]+e[ ])?"  # "een gelijkvloerse woning"
        return re.search(rf"{article}{re.escape(low)}(?![\w-])", text) is not None

    def _single_surname(self, text: str, part: _Part, sentence_start: bool) -> str:
        """A surname from the lexicon (not a word, not a place) alone, where the sentence shows
        it is a person: the subject of a verb ("Wouters heeft daar al over gebeld"), after "door"
        or "met" ("bijgepraat door Groeneveld,"), or a speaker opening a line of minutes
        ("Lammers: sporthal staat klaar"). The rule's name, or ''."""
        end = part.end
        prev = _word_before(text, part.start)
        if prev in self.lex.non_names and prev not in self.lex.stop_words:
            return ""  # "gemeente Oosterveen is", "Stichting Jansen heeft": an organisation
        if _VERB_AFTER.match(text, end) and prev not in _NOT_BEFORE_SUBJECT and (
            not self._after_acronym(text, part.start)
        ) and not (sentence_start and self._word_used_in_lower_case(text, part.text)):
            return "surname as the subject of a verb"  # not "Woning was opgeruimd" where "de woning" stands
        if not sentence_start and _word_before(text, part.start) in _WITH_A_PERSON and (
            _SPEAKER_GOES_ON.match(text, end)
        ):
            return "surname after a preposition"
        opens_line = not line_before(text, part.start).strip(" \t-•*")
        if self._minutes and opens_line and text[end : end + 1] == ":" and (
            text[end + 1 : end + 3].strip(" \t")[:1].isalpha()
        ) and part.text.lower() not in _LINE_LABELS:  # not "Bron: regionale nieuwssite"
            return "surname opening a line of minutes"
        return ""

    def _title_before(self, before: str) -> str:
        """The title, role or opener phrase ending ``before`` (as written), or ''; memoised."""
        title = self._titles.get(before)
        if title is None:
            if len(self._titles) > 100_000:
                self._titles.clear()
            # "Kees Vrolijk (weth): Goeiemorgen"; "afspr. mw. (Maasstad, poli ...)": a bracket opened after it
            closed = before.rstrip(" \t").endswith(("):", ")", "("))
            title = self._titles[before] = "" if closed else self._find_title(before)
        return title

    def _find_title(self, before: str) -> str:
        if before.endswith("    "):
            return ""  # "Burgerlijke staat:  weduwe        Tolk nodig": the form's next field
        before = before.replace("’", "'")
        last = _LAST_WORD.search(before, None, None, ONE_THREAD)
        if last is None:
            return ""
        if last.group() in ("Gezin", "Familie") and before[: last.start()].rstrip(" ").endswith((" en", "&")):
            return ""  # "Buurtteam Jeugd en Gezin Lombok": the end of a team's name, not "gezin X"
        known = self._last_word_titles.get(last.group())
        if known is not None:
            return known
        last_low = last.group().lower().rstrip(".:")
        if last.group().endswith(".") and len(last_low) > 4 and (
            last_low not in self.lex.titles or len(last_low) > 5
        ):  # (an abbreviated title has at most four letters: "mevr.", "prof."; "meester." ends a sentence)
            return ""  # "... een nieuwe hoofdtrainer. De Poolse ...": the sentence ended
        if last_low in ("verslag", "notulen", "notulist", "notuliste"):
            # "Verslag: Beriye Tarhan" names the minute-taker; "Verslag Stuurgroep ..." does not
            labelled = last.group().endswith(":") or before.rstrip().endswith(":")
            return last.group().rstrip(":") if labelled else ""
        if last_low not in self._title_ends:
            if len(self._last_word_titles) > 100_000:  # bounded: a worker lives for a whole batch
                self._last_word_titles.clear()
            title = ""  # the phrase below would end with this word
            if last_low in SPEECH_BEFORE or last.group()[:1].islower() and (
                self._is_role(last_low) or last_low.endswith("en") and self._is_role(last_low[:-1])
            ):  # (and a role in the plural: "de getuigen Mehari Tsegay en Selam Ghebremariam")
                title = str(last.group()).rstrip(".:")  # "zegt Yilmaz", "jeugdvriendin Riek v.d. Berg"
            self._last_word_titles[last.group()] = title
            return title
        words = _WORDS.findall(before)[-4:]
        if words and words[-1].isupper() and len(words[-1].rstrip(".")) > 1:
            return ""  # "(DS)", "MA": abbreviations, not titles
        lows = [w.lower() for w in words]
        for n in (4, 3, 2, 1):
            if len(words) < n:
                continue
            phrase = " ".join(lows[-n:]).rstrip(".:")

            if n == 1 and phrase in self.lex.name_openers and len(lows) > 1 and lows[-2] in _DETERMINERS and (
                not before.rstrip().endswith(":") and phrase not in self.lex.roles  # "haar partner Dmytro"
            ):
                return ""  # "dat de naam Gebiedsprogramma Vitaal Platteland draagt": not a label
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
        ctx = context.lower().rstrip(".")
        after_run = text[run[-1].end : run[-1].end + 2]
        if ctx and (after_run[:1] == "." and after_run[1:].islower() or after_run[:1] == ":" and n == 1 and (
            not line_before(text, run[0].start).strip()
        )):
            return 0.0, ""  # "Naam<tab>Inschr.nr": an abbreviation; "Terugbelnummer:" opening a line: a label
        if ctx:
            if ctx in lex.salutations:
                after = text[run[-1].end : run[-1].end + 2]
                at_line_start = not line_before(text, chain_start).strip()
                if at_line_start and (after[:1] in (",", "!", "\n", "") or after.strip() == ""):
                    return 0.85, "salutation"
                return (0.5, "salutation") if has_lexicon else (0.0, "")
            if ctx in SPEECH_BEFORE:
                if has_lexicon and kinds[0] != IFX:
                    return 0.85, "speaker"
                if n <= 3 and set(kinds) <= _CAP_AMBIG_SUR and run[0].text.lower() not in lex.places and (
                    _SPEAKER_GOES_ON.match(text, run[-1].end)
                ):
                    return 0.5, "speaker"  # "Volgens Oldenkamp is", not "Volgens Kamerstukken II"
                return 0.0, ""
            if (ctx in lex.roles or self._is_role(ctx)) and ctx not in lex.titles:
                if kinds[0] == IFX:
                    return 0.0, ""  # "Minister van Volksgezondheid"
                if n <= 3 and set(kinds) <= _CAP_ONLY and self._team_after_function(text, run):
                    return 0.0, ""  # "Lisa de Boer" + break + "beleidsmedewerker Subsidies"
                if has_lexicon:
                    return 0.85, "role word"
                continues = _LOWERCASE_GOES_ON.match(text[run[-1].end : run[-1].end + 4])
                if continues and _opens_cell(text, run[0].start) and not context[:1].islower():
                    return 0.0, ""  # "Medewerker<tab>Huidige functie": a table's header row
                if n == 1 and kinds[0] in (CAP, AMBIG) and (
                    context[:1].islower() or continues or len(context) > 1 and context.isupper()
                ):
                    return 0.8, "role word"  # "met BOA Siebring;": a role written as its acronym
                if 2 <= n <= 3 and set(kinds) <= _CAP_AMBIG_SUR:
                    return 0.75, "role word"  # "Behandelaar<tab>Birsan Eraslan"
                return 0.3, "role word"
            if ctx not in lex.titles and (run[0].text.lower() in _COLUMN_HEADS or n == 1 and _opens_cell(
                text, run[0].start
            ) and _LOWERCASE_GOES_ON.match(text[run[-1].end : run[-1].end + 4])):
                return 0.0, ""  # "Naam<tab>Straat<tab>Rol", "Naam | Huidige functie |": a header row
            if ctx not in lex.titles and n == 1 and kinds[0] == CAP and (
                dutch_noun(run[0].text.lower(), lex.dictionary)
            ):
                return 0.0, ""  # "contact op met Woonstad": one word made of Dutch words, an organisation's
            return 0.85, "title" if ctx in lex.titles else "context phrase"
        if region:
            if n > 4 and all(k in (CAP, AMBIG) for k in kinds):
                return 0.3, region
            if n == 1 and kinds[0] == CAP and len(run[0].text) > 8 and (
                dutch_noun(run[0].text.lower(), lex.dictionary)
            ):
                return 0.0, ""  # "Aan: Omgevingsloket", "Van: Klantcontactcentrum": a desk, not a person
            if run[0].text.lower().endswith(_DESK_TAILS):
                return 0.0, ""  # "Van: Woo-loket Oostervelde", "CC: WMO-team": a desk's mailbox
            return 0.8, region
        sentence_start = _at_sentence_start(text, run[0].start)
        if INIT in kinds and kinds[-1] not in (INIT, IFX):
            first_init = kinds.index(INIT)
            if first_init == 0 or kinds[0] in (FIRST, CAP, SUR):
                if any(p.kind == INIT and "." not in p.text for p in run):  # "P de Boer", "A Visser"
                    if kinds[-1] == SUR or IFX in kinds or CIFX in kinds:
                        return 0.7, "initial + surname"
                    return (0.45, "initial + surname") if not sentence_start else (0.0, "")
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
        if kinds[0] == CIFX and n > 1 and not sentence_start and run[0].start == chain_start and (
            self._may_open_surname(text, run[0])
        ):
            if kinds[-1] in (SUR, AMBIG) or run[-1].text in lex.interfix_surnames:
                return 0.6, "tussenvoegsel + surname"
            return 0.45, "tussenvoegsel + capitalised word"
        if kinds[0] in (CAP, SUR, AMBIG) and IFX in kinds and (
            kinds[-1] in (SUR, CAP) or run[-1].text in lex.interfix_surnames
        ) and run[0].text.lower() not in lex.places and not _STREET.search(run[-1].text) and (
            kinds[0] == SUR or not sentence_start or kinds[-1] == SUR and (
                not self._is_role_plural(run[0].text)
            )
        ):
            if kinds[-1] == SUR or run[-1].text in lex.interfix_surnames:
                return 0.6, "name + tussenvoegsel + surname"
            return 0.45, "name + tussenvoegsel + capitalised word"
        if n == 2 and kinds[0] in (CAP, FIRST) and kinds[1] == SUR and (
            not sentence_start or run[0].text.lower() not in lex.places and kinds[0] == CAP and (
                not self._is_role_plural(run[0].text)
            )
        ):
            first = run[0].text.lower()
            if kinds[0] == CAP and len(first) >= 6 and dutch_noun(first, lex.dictionary) and (
                not self._is_role(first)
            ):
                return 0.3, "a Dutch noun + surname: a firm named after its owner?"  # "Trapliften Hoekstra"
            return (0.6 if kinds[0] == CAP else 0.45), "capitalised word + surname"
        foreign = 2 <= n <= 3 and any(_FOREIGN_LETTER.search(p.text) for p in run)
        shape_ok = set(kinds) <= _CAP_OR_SURNAME or foreign and set(kinds) <= _CAP_SURNAME_OR_GIVEN
        if 2 <= n <= 3 and shape_ok and (
            not any(
                p.text.lower() in lex.places or _INNER_CAPITAL.search(p.text) for p in run
            )
        ):  # "Gökhan Arslan": a given name with a letter of another language, then a known name
            if any(_FOREIGN_LETTER.search(p.text) for p in run) and not self._is_role_plural(run[0].text):
                return 0.7, "capitalised words with letters of another language"
            if n == 2 and not sentence_start and _word_before(text, run[0].start) in _WITH_A_PERSON and (
                _SPEAKER_GOES_ON.match(text, run[-1].end)
            ):
                return 0.5, "two capitalised words after a preposition"  # "met Konstanty Doruch?"
        if n == 1 and kinds[0] == FIRST:
            following = text[run[0].end : run[0].end + 20].split()
            verb = following[0].lower().strip(",.") if following else ""
            if verb in ACTION_VERBS:
                return 0.6, "first name before a verb"
            nxt = text[run[0].end : run[0].end + 2]
            if not sentence_start and (nxt[:1] in ",?!)" or _LOWERCASE_NEXT.match(nxt) or (
                _REMARK_NEXT.match(text, run[0].end)
            ) or (
                nxt[:1] == "." and _word_before(text, run[0].start) in _BEFORE_A_PERSON
            )):
                return 0.45, "first name in a sentence"  # "... de opmerkingen van Fiene."
            return 0.3, "first name"
        if kinds[0] == SUR and _PARTICLE_INSIDE.search(run[0].text):
            return 0.7, "double surname with tussenvoegsel"  # "Visser-de Jong", "Smit-van Leeuwen"
        if n >= 2 and run[0].text in _ARABIC_OPENERS and kinds[-1] in (CAP, SUR, AMBIG) and (
            WORD not in kinds
        ):
            return 0.6, "particle + surname"  # "El Ahmadi", "Abu Ghazaleh", "Ait Taleb"
        if n >= 3 and kinds[0] == CIFX and kinds[1] in (CIFX, IFX) and kinds[-1] in (SUR, AMBIG) and (
            self._may_open_surname(text, run[0])
        ):
            return 0.6, "tussenvoegsel + surname"  # "Van Der Sluis" at the start of a line
        if n == 1 and kinds[0] == SUR and not sentence_start and _FOREIGN_LETTER.search(run[0].text) and (
            _word_before(text, run[0].start) not in _NOT_BEFORE_FOREIGN_NAME
        ):
            return 0.5, "name with letters of another language"  # "Zoals Şerafeddin al aangaf"
        if n == 1 and kinds[0] == SUR and run[0].text.lower() not in lex.places:
            single = self._single_surname(text, run[0], sentence_start)
            if single:
                return 0.5, single
        if kinds[-1] == SUR and sum(k not in (IFX, INIT) for k in kinds) == 1:
            return 0.25, "surname"
        return 0.0, ""

    def _result(self, start: int, end: int, score: float, rule: str, why: str) -> RecognizerResult:
        return make_result(self.name, self.id, "PERSON", start, end, score, rule, why)


def _name_on_line_before(text: str, at: int, spans: list[tuple[int, int]], ends: list[int]) -> str:
    """The text of the last name that ends before ``at`` on the same line (within 60 characters),
    or ''; ``spans``: the (end, start) of the names found, sorted; ``ends``: their ends."""
    i = bisect_right(ends, at) - 1
    if i < 0:
        return ""
    end, start = spans[i]
    if start < max(text.rfind("\n", 0, at) + 1, at - 60):
        return ""
    return text[start:end]


def _name_ending(text: str, end: int, spans: list[tuple[int, int]]) -> str:
    """The text of the name that ends at ``end`` (``spans``: the (end, start) of the names found)."""
    return next((text[start:e] for e, start in spans if e == end), "")


def _set_apart(text: str, field: re.Match[str]) -> bool:
    """A NAME_FIELD's value set apart from its label: by a colon or a tab, or the label opening its
    line and the value ending it ("Achternaam (meisjesnaam) Hoek", a PDF's text of a form)."""
    return field.group("blank") is None or not line_before(text, field.start("label")).strip() and (
        text[field.end() : field.end() + 1] in ("\n", "")
    )


def _wrapped_end(text: str, end: int, most: int = 5) -> int:
    """The end of the lines that go on from a list's line ending at ``end``: up to ``most`` lines
    without a label's colon, before a blank line ("Leden: S. Aydın, R. Mooij," + break + "K. Owusu")."""
    for _ in range(most):
        if text[end : end + 1] != "\n":
            return end
        nxt = text.find("\n", end + 1)
        nxt = len(text) if nxt < 0 else nxt
        line = text[end + 1 : nxt]
        if not line.strip() or ":" in line:
            return end
        end = nxt
    return end


def _abbreviates(token: str, name: str) -> bool:
    """``token``'s capitals are the initials of ``name``: "OK" for "Olga Kravchenko", "FvH" for
    "Freek van 't Hof", "HW" for "H. (Harm) Wolters", "CR" for "Rozendal, C." (surname first)."""
    if "," in name:
        surname, _, given = name.partition(",")
        if len(given.split()) == 1 and _abbreviates(token, f"{given} {surname}"):  # "C." or "Carla"
            return True
    caps = "".join(c for c in token if c.isupper())
    words = [w.strip("().,") for w in name.split()]
    capitals = [_base_letter(w[0]) for w in words if w[:1].isupper()]  # "FC" for "F. Çelik"
    if len(capitals) < 2:
        return False
    # "MH" for "Marloes Hartgers-Tjon A Fat": the given name and the first part of the surname
    return caps in ("".join(capitals), capitals[0] + capitals[-1], capitals[0] + capitals[1])


def _base_letter(letter: str) -> str:
    """The letter without its accent: "Ç" -> "C", "Ö" -> "O" (initials are written without)."""
    return unicodedata.normalize("NFD", letter)[0]


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


def _opens_cell(text: str, start: int) -> bool:
    """``start`` opens a table's cell: after a tab or a "| "."""
    return text[start - 1 : start] == "\t" or text[start - 2 : start] == "| "


def _compound_noun(low: str) -> bool:
    """``low`` is one of the NOUN_ENDINGS ("zaken") or ends in one after at least three letters:
    "jeugdwet", not the given name "hiwet"."""
    return any(low.endswith(e) and (len(low) == len(e) or len(low) - len(e) >= 3) for e in NOUN_ENDINGS)


def _word_before(text: str, start: int) -> str:
    """The lowercased word ending just before ``start`` (across spaces), or ''."""
    m = _LAST_WORD.search(text, max(0, start - 20), start, ONE_THREAD)
    return m.group().lower() if m is not None and not text[m.end() : start].strip() else ""


def _at_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in ".!?:\n\f\"'(•-–*„“‘«" or text[i] == "," and text[i - 1 : i] == ","


def _used_as_term(text: str, token: str) -> bool:
    """``token`` is used as a term somewhere in ``text``: in a compound ("AI-toepassingen"), after
    an article or a word such as "zoals" ("de AI"), or defined in brackets after the words it
    abbreviates ("Artificiële Intelligentie (AI)")."""
    at = text.find(token)
    n = len(token)
    while at >= 0:
        end = at + n
        whole = (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
        if whole:
            if text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha() or (
                at > 1 and text[at - 1] == "-" and text[at - 2].isalpha()
            ):
                return True
            prev = _word_before(text, at)
            if prev in _TERM_BEFORE:
                return True
            if text[at - 1 : at] == "(" and text[end : end + 1] == ")":
                words = _WORDS.findall(text[max(0, at - 80) : at - 1])[-n:]
                if len(words) == n and "".join(w[0] for w in words).upper() == token.upper():
                    return True
        at = text.find(token, at + 1)
    return False


def _particles_last(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Surname first and tussenvoegsel last: "Hof, Ilse van 't" (the chains found "Ilse van 't") and
    "Groot, M.A. (Marieke) te" at the end of its cell (found without its "te")."""
    out = []
    extended = False
    for r in results:
        if r.entity_type != "PERSON":
            out.append(r)
            continue
        tail = _PARTICLES_AFTER.match(text, r.end)
        if ", " in text[r.start : r.end]:
            if tail is not None:  # "Groot, M.A. (Marieke) te" at the end of its cell: her tussenvoegsel
                r.end = tail.end()
        elif tail is not None or _PARTICLES_AT_END.search(text, r.start, r.end):
            surname = _SURNAME_COMMA_BEFORE.search(text, max(0, r.start - 40), r.start)
            if surname is not None:  # "Hof, Ilse van 't", "Meer, Ruud van der": the surname is hers
                end = tail.end() if tail is not None else r.end
                exp = r.analysis_explanation
                rule = (exp.pattern_name if exp is not None else None) or "surname first"
                meta = r.recognition_metadata or {}
                r = make_result(
                    str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")),
                    str(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, "")), "PERSON",
                    surname.start(1), end, r.score, rule,
                    f"{rule}: {text[surname.start(1):end]!r} (surname, first name, tussenvoegsel)",
                )
                extended = True
        out.append(r)
    if not extended:
        return out
    return [r for r in out if not any(  # not "Berg" of "Berg, Anouk van den" beside it
        o is not r and o.start <= r.start and r.end <= o.end and (o.end - o.start) > (r.end - r.start)
        and o.entity_type == r.entity_type == "PERSON" for o in out
    )]


def _merge_in_regions(
    text: str, results: list[RecognizerResult], regions: list[tuple[int, int, str]]
) -> list[RecognizerResult]:
    """One finding for "Bakker, Rutger" in an e-mail header, not two: names in the same header or
    sign-off value separated by a comma or a space only."""
    for s, e, why in regions:
        if why != "attendance list" or text[e : e + 1] not in ("\t", " "):
            continue
        for r in results:  # "Fatima Zahra Belkadi<tab>Buurtteam Kanaleneiland": the name is the cell
            if s <= r.start < e < r.end and text[s:e].strip():
                r.end = s + len(text[s:e].rstrip())
    ordered = sorted(results, key=lambda r: (r.start, -r.end))
    out: list[RecognizerResult] = []
    for r in ordered:
        prev = out[-1] if out else None
        if prev is not None and prev.score >= 0.4 and r.score >= 0.4 and prev.end <= r.start and (
            text[prev.end : r.start].strip(" ,") == "" and "\n" not in text[prev.end : r.start]
        ) and text[prev.end : r.start].count(",") == 1:
            region = next((why for s, e, why in regions if s <= prev.start and r.end <= e), "")
            if region == "e-mail header":
                exp = prev.analysis_explanation
                rule = (exp.pattern_name if exp is not None else None) or region
                why = f"{rule}: {text[prev.start:r.end]!r} in {region} (surname, first name)"
                meta = prev.recognition_metadata or {}
                out[-1] = make_result(
                    str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")),
                    str(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, "")),
                    "PERSON", prev.start, r.end, max(prev.score, r.score), rule, why,
                )
                continue
        out.append(r)
    return out


# A name that ends in its tussenvoegsel ("Ilse van 't") after "Hof, " at the start of a line, cell
# or list item: surname first, tussenvoegsel last.
_PARTICLES_AT_END = re.compile(
    r"[ ](?:van|de|der|den|het|'t|’t|ter|ten|te|in|op|von|la|le|du|da|dos|el|al)"
    r"(?:[ ](?:de|der|den|het|'t|’t))?$"
)
_CAPITALISED_NEXT = re.compile(r"[ ]\p{Lu}\p{Ll}")
_PARTICLES_AFTER = re.compile(
    r"[ ](?:van|de|der|den|'t|’t|ter|ten|te|in|op|von|la|le|du|da|dos|el|al)(?:[ ](?:de|der|den|het|'t|’t))?"
    # the end of a cell, or before the address: "Wit, Sanne de <s.dewit@..."
    r"(?=[ \t]*(?:[\t;|\n]|$)|[ ]<|[ ]{2})"
    # (two blanks: a cell's end as extraction writes it, "Vos, R. de  consulent Inkomen")
)
_SURNAME_COMMA_BEFORE = re.compile(r"(?:^|(?<=[\t;:|>\n])[ \t]*)(\p{Lu}[\p{L}'’-]+),[ ]$", re.M)
_NEXT_LINE_WORD = re.compile(r"\n([\p{Lu}][\p{L}'’-]+)[ \t]*(?=\n|$)")
_ONE_WORD = re.compile(r"[\p{Lu}][\p{L}'’-]+")
_HEADER_LIKE = re.compile(r"[ \t]*[\w -]{1,20}:")
# A title's dot glued to the initials after it, its blank lost: "dhr.L.J.M. Vankan", "mw.A. de Boer".
_TITLE_GLUED = re.compile(r"(?<![\w.])(?i:dhr|mw|mevr|mr|dr|drs|ir|ing|prof)\.(?=\p{Lu}\.)")
_RANK_GLUED = re.compile(r"(?<![\w.,])[1-9]\d?\.(?=\p{Lu}\p{Ll}+[ ](?:\p{Lu}|(?:van|de|ter|ten|el|al)[ ]))")
_WRAP = re.compile(  # the break first, so that the scan looks for line breaks only
    # (an indented list item's next line too)
    r"\n(?:(?<=[\p{L}.]\n)(?=[ ]{0,3}\p{Lu})|(?<=\p{Lu}\.\n)(?=[ ]{0,3}\p{Ll})"
    r"|(?<=\p{Lu}\p{Ll}+\n)(?=(?:van|de|der|den|ter|ten|te|von|el|al|v\.d\.|v/d)[ ]\p{Lu})"
    r"|(?<=[ ]\p{Lu}\p{Ll}{2,}\n)(?=\p{Ll}{2,}[ ]))"  # "... voor zijn cliënt. Hulshof" + break + "wees erop"
)
# Initials and a tussenvoegsel alone on a line, the surname alone on the next: a signature wrapped
# (looked for only where a line ends in a tussenvoegsel).
_PARTICLE_AT_LINE_END = (" van\n", " de\n", " den\n", " der\n", " te\n", " ter\n", " ten\n", " 't\n")
_SPLIT_SIGNATURE = re.compile(
    r"[ \t]*(?:\p{Lu}\.){1,4}[ ]?(?:van[ ]de[nr]?|van|de[nr]?|te[nr]?|in[ ]'t)\n"
    r"(?=\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?[ \t]*(?:\n|$))"
)
# "Brink 30-I", "Jan Steenstraat 24": an address block (a capital before the number: not "Schuurman om
# ontslag per 1 augustus")
_ADDRESS_LINE = re.compile(r"(?:[\p{L}.'’-]+[ ]){0,4}\p{Lu}[\p{L}.'’-]*[ ]\d")
_LABEL_LINE = re.compile(r"[\w .-]{1,30}(?::|\t|[ ]{2})")  # "Pagina 1", "Datum:", "Naam\t..."
# A line that ends with an address and its place ("..., Spoorstraat 61, Den Helder"): the next line's
# capital opens a new sentence, not the rest of a name.
_ENDS_WITH_PLACE = re.compile(r"\d[\p{L}]?,[ ]+\p{Lu}[\p{L}'’-]*(?:[ ]\p{L}[\p{L}'’-]*){0,2}$")
# A list of people, one a line, each with the initials that stand for them in the minutes: "Jelle Hiemstra
# (JH), verkeerskundige" or "Fatma Yıldırım (FY), bewoner". A line of it is no wrapped prose, and neither
# is the line before such a line (its last word, "gebiedsregisseur Stadshagen", is no name's start).
_DECLARED_LIST_LINE = re.compile(
    r"\p{Lu}[\p{L}'’-]+(?:[ ]\S+){0,4}[ ]\(\p{Lu}[\p{L}]{0,4}\p{Lu}\)(?:,|$)", re.M
)


# The comma of a CELL_SURNAME_FIRST match: after a letter, before blanks and a name's opening
# (a capital, "d'", "l'", "al-", "el-").
_CELL_COMMA = re.compile(r",(?<=\p{L},)[ ]{1,2}(?:\p{Lu}|[dl]['’]|[ae]l-)")


def _cell_starts(text: str) -> list[int]:
    """Where a CELL_SURNAME_FIRST match can start: the text's start, or right after a line break,
    a tab, two blanks, ": " or a chat's "] ", with a comma within the next 120 characters (a
    surname pair longer than that is not looked for). Trying only there finds what a scan of the
    whole text finds, without the lookbehind at every position.

    A surname holds no comma, so the comma of a match is the first one after its start, and it
    is a _CELL_COMMA: only the openings between such a comma and the comma before it (within
    120 characters) are looked at, not every line break and double blank of the page.
    """
    starts = {0}
    for comma in _CELL_COMMA.finditer(text):
        end = comma.start()
        low = max(text.rfind(",", 0, end) + 1, end - 119)  # the openings whose first comma this is
        for opening in ("\n", "\t", "  ", ": ", "\n- ", "\n• ", "\n* ", "] ", "; ", "| "):
            at = text.find(opening, max(0, low - len(opening)), end)
            while at >= 0:
                starts.add(at + len(opening))
                at = text.find(opening, at + 1, end)
    return sorted(starts)


def _cell_name_starts(text: str) -> list[int]:
    """The starts of :func:`_cell_starts` where a name word can open (a match opens with one):
    not at an ASCII character that opens none, such as a lowercase word, a digit or a bracket."""
    starts = []
    for at in _cell_starts(text):
        if text[at : at + 1].isdigit():  # a row's number: "12 Kok-Eleveld, Roos ..."
            row = _ROW_NUMBER.match(text, at)
            if row is None:
                continue
            at = row.end()
        if text[at : at + 1] in _NAME_WORD_OPENERS or not text[at : at + 1].isascii() or text.startswith(
            ("van ", "ter ", "ten ", "te ", "in ", "op "), at  # "ter Haar, Rutger"
        ):
            starts.append(at)
    return starts


_NUMBERED_ROW = re.compile(r"(?m)^\d{1,3}[ ](?:\d\d?-\d\d?[ ])?\p{Lu}[\p{L}'’-]*,[ ]")
_ROW_NUMBER = re.compile(r"\d{1,3}[ ](?:\d\d?-\d\d?[ ])?(?=\S)")  # "05 10-01 Çakır, Emre": a number, a date


def _noun_opens(text: str, at: int) -> bool:
    """The line at ``at`` opens with a capitalised Dutch noun that no name list holds ("Rookmelder
    aanwezig" below "Kamer 1 - Fenna Hoekstra"): a new line, not the rest of a name."""
    m = _WORD_AT.match(text, at)
    if m is None or not m.group()[:1].isupper() or not _LOWER_WORD_AFTER.match(text, m.end()):
        return False  # (a sentence goes on in lower case after it; "Directoraat-generaal Woningmarkt" not)
    lex = lexicons()
    word = m.group()
    low = word.lower()
    if lex.is_surname(word) or word in lex.first_names or not dutch_noun(low, lex.dictionary):
        return False
    return not ends_in_noun(low, own_list("business_tails"))  # not "Van der Meulen" + break +
    # "Vastgoed": a firm's name goes on


def _declared_list_line(text: str, start: int) -> bool:
    """Whether the line at ``start`` names a person with their initials in brackets ("Jelle
    Hiemstra (JH),")."""
    end = text.find("\n", start)
    return _DECLARED_LIST_LINE.match(text, start, len(text) if end < 0 else end) is not None


def _unwrapped(text: str) -> str:
    """``text`` with the line breaks of wrapped prose read as spaces (same length, same offsets),
    and the dot of a rank glued to a name ("1.Stijn Hoogland") or of a title glued to initials
    ("dhr.L.J.M. Vankan") as a blank:
    a break inside a long line of running text (no tab, no label) before a capital ("met" + break +
    "Jan Jansen", "Jan" + break + "Jansen") or after initials ("J." + break + "de Boer"), and a
    signature's name wrapped after its tussenvoegsel ("G.J. van den" + break + "Broek")."""
    chars = None
    if "." in text:
        for m in _RANK_GLUED.finditer(text):  # "1.Stijn Hoogland": a results list's rank, its blank lost
            if chars is None:
                chars = list(text)
            chars[m.end() - 1] = " "
        for m in _TITLE_GLUED.finditer(text):  # "dhr.L.J.M. Vankan": read as "dhr L.J.M. Vankan"
            if chars is None:
                chars = list(text)
            chars[m.end() - 1] = " "
    if "\n" not in text:
        return text if chars is None else "".join(chars)
    for m in _WRAP.finditer(text, concurrent=ONE_THREAD):
        at = m.start()
        line_start = text.rfind("\n", 0, at) + 1
        if at - line_start < 30:
            continue  # a short line: a label, a name or an address line, not wrapped prose
        line = text[line_start:at]
        opens = at + 1  # the next line's first letter, past an indentation ("dhr. Abdelkader" + "   Benali")
        while text[opens : opens + 1] == " ":
            opens += 1
        if ":" not in line[:20] and "\t" not in line and "|" not in line and line.count(" ") >= 3 and (
            not _LABEL_LINE.match(text, opens, None, ONE_THREAD)
            and not _ADDRESS_LINE.match(text, opens, None, ONE_THREAD)
            and not (", " in line and _ENDS_WITH_PLACE.search(line))
            and not _noun_opens(text, opens)
            and not ("(" in text and _declared_list_line(text, opens))
        ):
            if chars is None:
                chars = list(text)
            chars[at] = " "
            indent = at + 1
            while text[indent : indent + 1] == " ":  # an indented line: no-break blanks, not a gap
                chars[indent] = "\u00a0"  # between a table's cells (see _new_cell)
                indent += 1
    brk = text.find(".\n")
    while brk >= 0:  # "opgesteld door mr. W." + break + "Terpstra (Juridische Zaken)<tab>...": in a table
        m = _TITLE_INITIALS_BREAK.search(text, max(0, brk - 24), brk + 40)  # its lookahead reads on
        if m is not None and m.end() == brk + 2:
            if chars is None:
                chars = list(text)
            chars[brk + 1] = " "
        brk = text.find(".\n", brk + 2)
    for particle in _PARTICLE_AT_LINE_END:  # "G.J. van den" + break + "Broek": one name
        at = text.find(particle)
        while at >= 0:
            brk = at + len(particle) - 1
            line_start = text.rfind("\n", 0, at) + 1
            if brk - line_start < 25 and _SPLIT_SIGNATURE.match(text, line_start) is not None:
                if chars is None:
                    chars = list(text)
                chars[brk] = " "
            at = text.find(particle, brk)
    return text if chars is None else "".join(chars)


_TITLE_INITIALS_BREAK = re.compile(
    r"(?<![\w])(?:mr|dhr|mevr|mw|dr|drs|ir|ing|prof)\.?[ ](?:\p{Lu}\.){1,4}\n"
    r"(?=\p{Lu}\p{Ll}+(?:[ \t,.;)(]|$))"
)
_ARTICLE_T_BEFORE = re.compile(r"(?<![\w'’])['’]t[ ]+$")
_PARTICLE_T_BEFORE = re.compile(r"(?i)\b(?:van|in|op|uit|aan)[ ]+['’]t[ ]+$")


def particle_before(text: str, start: int) -> bool:
    """"van 't Hof", "in ’t Veld": a tussenvoegsel with "'t" right before ``start``."""
    return _PARTICLE_T_BEFORE.search(text, max(0, start - 20), start) is not None


_COMPANY_SUFFIX = re.compile(r"(?<![\w.])(?:B\.V\.?|N\.V\.?|V\.O\.F\.?|U\.A\.?|C\.V\.?|BV|NV|VOF)$")
_COMPANY_AFTER = re.compile(
    r"[ ]+(?:\p{Lu}[\p{L}&-]+[ ]+){0,2}(?:B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?|U\.A\.|C\.V\.|Holding|Groep)(?!\w)"
)


_FIRM_CELLS: list[tuple[str, list[tuple[int, int]]]] = []  # the last page asked about, and its cells


def _firm_cells(text: str) -> list[tuple[int, int]]:
    """The cells of ``text``'s columns of businesses (FIRM_COLUMNS), for the last page asked about."""
    if not _FIRM_CELLS or _FIRM_CELLS[0][0] is not text:
        _FIRM_CELLS[:] = [(text, [(c.start, c.end) for c in column_cells(text, FIRM_COLUMNS)])]
    return _FIRM_CELLS[0][1]


_BRANDS: dict[int, tuple[str, ...]] = {}  # id of the lexicons -> their brands of two or more words


def _brands_of_two_words(lex: Lexicons) -> tuple[str, ...]:
    """The organisations of more than one word that read like a person's name ("bart smit")."""
    brands = _BRANDS.get(id(lex))
    if brands is None:
        brands = _BRANDS[id(lex)] = tuple(o for o in lex.name_like_organisations if " " in o)
    return brands


def names_an_organisation(text: str, start: int, end: int) -> bool:
    """The name at ``start:end`` is part of an organisation's name: after a word such as "Bakkerij"
    or "Zorginstelling", before "Transport B.V." or a firm's word ("Ter Haar Events"), or joined to
    another name by "&" ("Van Beek & Noordam"). Used to keep later mentions of a person from
    being linked into a company that bears the name."""
    lex = lexicons()
    ahead = text[start : start + 40].lower()
    brands = _brands_of_two_words(lex)
    if any(ahead.startswith(o) and not ahead[len(o) : len(o) + 1].isalnum() for o in brands):
        return True  # "bij Bart Smit": the toy shop, not Bart Smit-van Leeuwen named above
    if "\t" in text and any(s <= start and end <= e for s, e in _firm_cells(text)):
        return True  # "Zielinski Textiel" in the column "Handelsnaam"
    opens_line = text[max(0, start - 8) : start].rstrip(" \t").endswith("\n")
    prev = "" if opens_line else _word_before(text, start)  # a word on the line above names nothing
    if prev and (prev in lex.non_names and prev not in lex.stop_words or len(prev) > 5 and any(
        prev.endswith(w) for w in _ORGANISATION_HEADS
    ) or prev in _CLUB_PREFIXES):
        return True
    return _COMPANY_AFTER.match(text, end) is not None or business_after(text, end) or _FIRM_PARTNER.search(
        text, max(0, start - 30), start
    ) is not None or _FIRM_PARTNER_AFTER.match(text, end) is not None


# The end of a table cell after "Achterberg, G." (a name there, not a place): a tab or a line
# break, or as PDF extraction writes a row: two blanks, or a blank and a number (the next column).
_OPENING_PARTICLES = frozenset("van de den der ter ten te von du da la le el al".split())  # "Ter Horst, E.J."
# "| Vries, J. |", "Ter Horst, E.J. – afdelingshoofd"
_CELL_ENDS = re.compile(r"[ ]{2}|[ ]\d|[ ]?[|–]|[ ]-[ ]")
_FIRM_PARTNER = re.compile(r"\p{Lu}[\p{L}.'’-]*[ ]?&[ ]?$")  # "Van Beek & Noordam": a firm's name
_FIRM_PARTNER_AFTER = re.compile(r"[ ]?&\s?\p{Lu}")  # "Lunchroom Bakker &" + break + "Zn"


def _replacing(results: list[RecognizerResult], found: list[RecognizerResult]) -> list[RecognizerResult]:
    """``results`` with ``found`` added and the results lying inside one of them dropped."""
    if not found:
        return results
    return [r for r in results if not any(f.start <= r.start and r.end <= f.end for f in found)] + found


_GREETING_WORDS = ("hoi", "hallo", "hey", "hee", "hi ", "beste", "lieve", "dag ", "groet", "gr ", "liefs",
                   "doei", "xx", "dank je", "bedankt")


# A line that opens with a word of _LOWER_GREETING and its blank or comma (after the line's blanks
# and quote marks), found after the line break before it: ``re`` looks for the breaks alone, and
# tries the rest there only.
_GREETING_LINE = stdre.compile(
    r"\n[ \t>]*(?:hoi|hallo|hey|hee|hi|beste|lieve|dag|groetjes|groet|gr|liefs|doei|xx|dank je|bedankt)[ ,]"
)


def _greeting_line_starts(lowered: str) -> list[int]:
    """The starts of the lines of ``lowered`` where a _LOWER_GREETING can match (ascending): those
    that open with one of its words. Trying the pattern there only finds what trying it at every
    line's start finds, without a try of the regex module at each line of the page."""
    return _line_starts_before(_GREETING_LINE, lowered)


def _may_greet_in_lower_case(lowered: str) -> bool:
    """Whether a page holds a _LOWER_GREETING and one of its words as written here (the lines that
    open with a greeting first: fewer pages have one than hold one of the words somewhere)."""
    return any(
        _LOWER_GREETING.match(lowered, at) is not None for at in _greeting_line_starts(lowered)
    ) and any(w in lowered for w in _GREETING_WORDS)


# A dot and a letter after a word: an address's or a domain's next part ("vechtzijl.nl"), no name.
_DOMAIN_DOTS = frozenset(f".{c}" for c in "abcdefghijklmnopqrstuvwxyz")


def _chat_bodies(text: str, senders: list[stdre.Match[str]]) -> list[tuple[int, int]]:
    """Where the messages of a chat export's lines stand: after the sender's colon up to the line's
    end, or the line below a sender's own line ("[09:12] Demi Schouten" + break + the message); and
    the lines a long message wraps onto (a PDF's text), up to the next sender's line or a blank line."""
    bodies = []
    openings = {text.rfind("\n", 0, m.start()) + 1 for m in senders}  # where a sender's line opens
    for m in senders:
        start = m.end() if text[m.end() - 1 : m.end()] == ":" else text.find("\n", m.end()) + 1
        if start <= 0:
            continue
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        for _ in range(8):  # a message wrapped onto the next lines
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            if end >= len(text) or end + 1 in openings or not text[end + 1 : nxt].strip():
                break
            end = nxt
        bodies.append((start, end))
    return bodies


def _english(text: str, start: int, end: int) -> bool:
    """The message at ``start:end`` is written in English: two of _ENGLISH_MARKERS in it."""
    words = {w.lower() for w in _ENGLISH_WORD.findall(text, start, end)}
    return len(words & _ENGLISH_MARKERS) >= 2


def _english_word(word: str) -> bool:
    """``word`` (lower case) is a common English word, or its plural ("cars")."""
    words = own_list("english_words")
    return word in words or word.endswith("s") and word[:-1] in words


_ENGLISH_WORD = re.compile(r"[A-Za-z']+")


def _chat_senders(text: str) -> list[stdre.Match[str]]:
    """The senders' names of a chat export's message lines, in either export format.

    Each pattern is tried only at the starts of the lines that open as its matches do (a bracket
    and a digit after the blanks, or a digit): the same matches as its scan of the page, which
    tries its line start at every character."""
    found: list[stdre.Match[str]] = []
    if "[" in text and "]" in text:
        starts = _line_starts_before(_BRACKETED_TIME_LINE, text)
        found = list(matches_at(CHAT_SENDER, text, starts))
        lines = list(matches_at(CHAT_SENDER_LINE, text, starts))
        if len(lines) > 1:  # "[09:12] Demi Schouten" + break + the message, more than once
            found += lines
    if " - " in text:
        found += matches_at(CHAT_SENDER_DASH, text, _line_starts_before(_DIGIT_LINE, text))
    if _TIME_ENDS_LINE.search(text) is not None:
        after = list(CHAT_SENDER_TIME_AFTER.finditer(text))
        if len(after) > 1:  # "Kuipers, Sanne (Communicatie)   00:41" + break + the message, more than once
            found += after
    return found


# How the lines of a chat export open (after the line break before them): "[" and a digit after
# the line's blanks (CHAT_SENDER, CHAT_SENDER_LINE), or a digit (CHAT_SENDER_DASH).
_BRACKETED_TIME_LINE = stdre.compile(r"\n[ \t]*\[[0-9]")
_DIGIT_LINE = stdre.compile(r"\n[0-9]")


def _line_starts_before(opening: stdre.Pattern[str], text: str) -> list[int]:
    """The starts of the lines of ``text`` that open with ``opening`` (a pattern that begins with
    the line break before the line), ascending: ``re`` looks for the line breaks only."""
    return [m.start() for m in opening.finditer("\n" + text)]  # the break before line 1 added


def _first_cell_before_street(text: str, start: int, end: int) -> bool:
    """``start:end`` is the first cell of a table row and a street and number the next one
    ("Noor<tab>Jan Hendrikstraat 4<tab>planning"): a member list's given name."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" 0123456789.") or text[end : end + 1] != "\t":
        return False
    return _STREET_CELL.match(text, end + 1) is not None


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Nothing but blanks (or a closing comma) around ``start:end`` on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return end - start >= 4 and not text[line_start:start].strip() and not text[end:line_end].strip()


def _listed_lines(text: str, end: int) -> list[tuple[int, int]]:
    """The first cell of each line under a label alone on its line ("Aanwezig:" and then
    "Wiktor Nowak<tab>bewoner<tab>(WN)", "- Jan Smit (voorzitter)"), up to a blank line or the next
    label, at most 30 lines: where each attendee's name stands."""
    out = []
    at = end + 1
    for _ in range(30):
        if at >= len(text):
            break
        nxt = text.find("\n", at)
        stop = len(text) if nxt < 0 else nxt
        line = text[at:stop]
        if not line.strip() or _LABEL_OPENING.match(line):
            break
        lead = _LIST_LEAD.match(line)
        start = at + (lead.end() if lead else 0)
        cell = _CELL_END.search(text, start, stop)
        out.append((start, cell.start() if cell else stop))
        at = stop + 1
    return out


def _list_end(text: str, end: int) -> int:
    """The end of a list that wraps onto the next lines while a line ends with a comma or leaves a
    bracket open ("Aanwezig: A. Bos (senior" + break + "adviseur), K. Kaya"), at most six lines."""
    start = text.rfind("\n", 0, end) + 1
    for _ in range(6):
        line = text[start:end].rstrip()
        if not (line.endswith(",") or line.count("(") > line.count(")")) or end >= len(text):
            break
        start = end + 1
        nxt = text.find("\n", start)
        end = len(text) if nxt < 0 else nxt
    return end
