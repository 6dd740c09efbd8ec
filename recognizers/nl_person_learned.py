"""A learned second opinion on person names (PERSON): capitalised words that no rule explains.

The rules of ``nl_person`` find names by structure and lexicons; on text nobody here wrote they
plateaued near 0.95 recall (issue 12). This is a logistic regression over hashed features of one
word at a time: its shape ("Xxxx", "XX", "X."), its suffixes, which lexicons hold it (given
names, surnames, OpenTaal's words, places, streets, roles, organisation nouns ...), the words and
shapes around it, the characters beside it (a tab, a bracket, a line start) and whether the words
around it were found by the rules already, as a name ("P") or as other personal data ("O").

It is asked only about words that start with a capital and that no recogniser has claimed; a word
with a probability of at least ``THRESHOLD`` becomes a PERSON finding, neighbours joined by a blank
or a hyphen into one. Its explanation gives the probability and the features that weighed most,
so a reviewer sees why ("after a P-finding", "given-name list", "line start, before a bracket").

The model (``lexicons/person_model.npz``) is trained by ``redact/train_names.py`` (``make model``)
on the project's own hand-written gold sets (``fixtures/handwritten/``: invented people, written for
this project, under its licence), never on a set that judges it; no weights are downloaded.
"""

from __future__ import annotations

import io
import math
import re
import zlib
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
from presidio_analyzer import AnalysisExplanation, RecognizerResult

from recognizers.lexicons import Lexicons, lexicons, own_list
from recognizers.person_context import dutch_noun, ends_in_noun, firm_partner_after

ENTITY = "PERSON"
NAME = "NlPersonLearned"
THRESHOLD = 0.9  # chosen by leave-sets-out cross-validation on the read sets (README)
CONTINUE = 0.4  # a word next to a chosen one joins its name at this probability
SCORE = 0.6  # what a finding of it scores: proposed (threshold 0.4), below the rules' strong evidence
# The most the context features have added to a word on the gold sets is 5.6 (of 21,745 words the
# rules left): a word whose own and neighbours' weights stay more than 6 below the threshold's
# log-odds is not asked about its context (three words in four; the same findings on every set).
CONTEXT_MOST = 6.0
BUCKETS = 1 << 20  # hashed feature space; index BUCKETS is padding (weight 0)
MODEL_FILE = "person_model.npz"

# A word: letters, an apostrophe inside ("d'Ancona"), an optional final dot ("J."); a word glued to
# the next by PDF extraction ("AchternaamOBRADOVIĆ") is split where a lower-case letter meets a capital.
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*\.?")
# A capital after three small letters: not initials ("MSvL", "HvdB", "McDonald"); the capital first, a
# fast scan.
_CAMEL = re.compile(r"[A-ZÀ-Þ](?<=[a-zß-ÿ]{3}[A-ZÀ-Þ])")
_UPPER = re.compile(r"[A-ZÀ-Þ]")
_LOWER = re.compile(r"[a-zß-ÿ]")
_OTHER = re.compile(r"[^Xx.]")
_RUNS = re.compile(r"(.)\1{2,}")
_BLANKS = re.compile(r"\s+")
_LINE_DIGIT = re.compile(r"\s*\[?\d")
_OWN_LISTS = ("organisation_nouns", "business_tails", "named_after_nouns", "thing_nouns", "term_nouns",
              "street_prefixes", "countries", "language_words", "waters_and_abroad",
              "name_like_organisations", "context_before_name", "salutations")
# After a name: more capitalised words, then a hyphen and a lower-case word: the name of a thing
# ("de Anton Brouwer-cultuurprijs", "het Piet Hoeksma-veld").
_NAMED_THING = re.compile(r"(?:[ ]+[A-ZÀ-Þ][^\W\d_]*)*-[a-zß-ÿ]")
_ORGANISATION_TAILS = ("stichting", "bedrijf", "vereniging", "corporatie", "school", "kliniek", "praktijk",
                       "ziekenhuis", "centrum", "museum", "fonds", "bibliotheek", "prijs", "instituut",
                       "institute", "university", "foundation", "centre", "center")
_HALF = re.compile(r"-\n?")  # between the halves of a double name, maybe broken at a line end
_INITIALS = re.compile(r"(?:[^\W\d_]{1,2}\.[ ]?)+")
# Readable names of feature prefixes, for the explanation.
_SAY = {"w": "the word", "lx": "list", "sh": "shape", "pw": "word before", "nw": "word after",
        "plx": "list of the word before", "nlx": "list of the word after", "pmark": "word before found as",
        "nmark": "word after found as", "cb": "character before", "ca": "character after",
        "pgap": "between it and the word before", "ngap": "between it and the word after"}

Token = tuple[int, int, str]
# Tussenvoegsels in lower case that open a surname ("ter Horst", "van den Berg", "d'Ancona" is one word).
_LOWER_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "vd", "v", "d"})


# A chat export's message line up to its sender's colon: "12-03-24 13:50 - marek: ", "[09:12] Sam K: ".
_MESSAGE_OPENING = re.compile(r"[ \t]*[\[\d][^\n]{3,30}?(?:[ ][-–]|\])[ ][^:\n]{1,40}:[ ]*\Z")


def _compound_of_words(word: str) -> bool:
    """``word`` is made of Dutch words and no name list holds it: "Maasstad", "Jeugdformaat" (a
    hospital's, an organisation's name), not "Hoogstad" (a surname)."""
    return lexicon_flags(word) == ("none",) and dutch_noun(word.lower(), _lex().dictionary)


def _opens_a_message(text: str, toks: Sequence[Token], i: int) -> bool:
    """Word ``i`` opens a chat message and no name list holds it: "marek: Good 👍". A message's first
    word is capitalised whatever it is."""
    start = toks[i][0]
    return lexicon_flags(toks[i][2]) == ("none",) and _MESSAGE_OPENING.match(
        text, text.rfind("\n", 0, start) + 1, start) is not None


_CODE_GOES_ON = re.compile(r"[-/]?\d")  # digits right after the word: a code's letters ("WM-2017-08893")


def tokens(text: str) -> list[Token]:
    """(start, end, word) of every word in ``text``, glued words split at a lower-upper seam."""
    seams = [m.start() for m in _CAMEL.finditer(text)]
    if not seams:
        return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    out = []
    for m in TOKEN.finditer(text):
        start, end = m.span()
        k = bisect_right(seams, start)
        while k < len(seams) and seams[k] < end:  # the seams inside the word, in order
            out.append((start, seams[k], text[start : seams[k]]))
            start = seams[k]
            k += 1
        out.append((start, end, text[start:end]))
    return out


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """"Jansen" -> "Xxx", "AL" -> "XX", "J." -> "X.", "d'Ancona" -> "xoXxx"."""
    s = _LOWER.sub("x", _UPPER.sub("X", word))
    return _RUNS.sub(r"\1\1", _OTHER.sub("o", s))


@lru_cache(maxsize=65536)
def lexicon_flags(word: str) -> tuple[str, ...]:
    """Which word lists hold ``word`` (its final dot left off): the model's lexicon evidence."""
    core = word.rstrip(".")
    low = core.lower()
    suffixes = _lex().street_suffixes
    flags = [flag for flag, lowered, words in _lists()
             if (low if lowered else core) in words or flag == "street" and low.endswith(suffixes)]
    return tuple(flags) or ("none",)


@lru_cache(maxsize=1)
def _lex() -> Lexicons:
    return lexicons()


@lru_cache(maxsize=1)
def _lists() -> tuple[tuple[str, bool, frozenset[str]], ...]:
    """(flag, looked up in lower case, the list), in the order the model was trained with."""
    lex = _lex()
    return (
        ("fn", False, lex.first_names), ("afn", False, lex.ambiguous_first_names),
        ("sn", False, lex.surnames),
        ("isn", False, lex.interfix_surnames), ("ifx", True, lex.interfixes), ("voc", True, lex.vocabulary),
        ("dict", True, lex.dictionary), ("place", True, lex.places), ("street", True, lex.streets),
        ("nonname", True, lex.non_names), ("acr", False, lex.acronyms), ("role", True, lex.roles),
        ("title", True, lex.titles), ("stop", True, lex.stop_words),
        *((name, True, own_list(name)) for name in _OWN_LISTS),
    )


def features(text: str, toks: Sequence[Token], i: int, marks: Sequence[str]) -> list[str]:
    """The features of word ``i`` of ``toks`` in ``text``; ``marks[j]`` says what the rules found at
    word j: "P" (a name), "O" (other personal data) or "-". Three parts: the word's own, each
    neighbour's own (both the same wherever the word stands: the scorer caches their sums) and
    the context's."""
    f = list(word_features(toks[i][2]))
    for k, tag in _NEAR:
        j = i + k
        f += neighbour_features(tag, toks[j][2]) if 0 <= j < len(toks) else [f"{tag}=none"]
    return f + context_features(text, toks, i, marks)


_NEAR = ((-1, "p"), (-2, "pp"), (1, "n"), (2, "nn"))


@lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[str, ...]:
    """What the word itself says: the word, its shape, suffixes, length, lexicons, letters."""
    low = word.lower().rstrip(".")
    flags = lexicon_flags(word)
    f = ["b", "w=" + low, "sh=" + shape(word), "s3=" + low[-3:], "s2=" + low[-2:], "p2=" + low[:2],
         "len=" + str(min(len(low), 12))]
    f += ["lx=" + x for x in flags]
    f.append("lxs=" + "|".join(flags))
    if not word.isascii():
        f.append("nonascii")
    if word.isupper() and len(word) > 1:
        f.append("allcaps")
    if word.endswith("."):
        f.append("dot")
    return tuple(f)


@lru_cache(maxsize=65536)
def neighbour_features(tag: str, word: str) -> tuple[str, ...]:
    """What a neighbour ``word`` says (``tag``: "p" the word before, "pp" the one before that, "n",
    "nn" after): the word and its shape; the next ones also their lexicons."""
    f = [f"{tag}w=" + word.lower().rstrip("."), f"{tag}sh=" + shape(word)[:4]]
    if len(tag) == 1:
        f += [f"{tag}lx=" + x for x in lexicon_flags(word)]
    return tuple(f)


def context_features(text: str, toks: Sequence[Token], i: int, marks: Sequence[str]) -> list[str]:
    """What the place says: the characters beside the word, the line before it, what lies between
    it and its neighbours, the neighbour with its own shape, and what the rules found around it."""
    start, end, word = toks[i]
    sh4 = shape(word)[:4]
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    f = ["cb=" + (text[start - 1] if start else "^").replace(" ", "_"),
         "ca=" + (text[end] if end < len(text) else "$").replace(" ", "_")]
    if not before.strip():
        f.append("linestart")
    if ":" in before:
        f.append("aftercolon")
    if "\t" in before:
        f.append("aftertab")
    if _LINE_DIGIT.match(before):
        f.append("line_digit")
    tail = text[max(0, start - 3) : start].strip()
    if not tail or tail[-1] in ".!?:":
        f.append("sentstart")
    for j, tag in ((i - 1, "p"), (i + 1, "n")):
        if 0 <= j < len(toks):
            s2, e2, w2 = toks[j]
            gap = text[end:s2] if j > i else text[e2:start]
            f.append(f"{tag}gap=" + _BLANKS.sub("_", gap.strip())[:3] + ("NL" if "\n" in gap else ""))
            f.append(f"{tag}w_sh=" + w2.lower().rstrip(".") + "|" + sh4)
    for k, tag in ((-1, "p"), (1, "n"), (-2, "pp"), (2, "nn")):
        j = i + k
        f.append(f"{tag}mark=" + (marks[j] if 0 <= j < len(toks) else "edge"))
    return f


def hashed(names: Sequence[str]) -> list[int]:
    """Feature names to buckets (CRC-32: the same in every process, unlike ``hash``)."""
    return [zlib.crc32(n.encode("utf-8")) % BUCKETS for n in names]


def marks_of(toks: Sequence[Token], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """Per word: "P" inside a found name, "O" inside other found personal data, else "-"."""
    ordered = sorted(spans)
    out = []
    k = 0
    for start, end, _ in toks:
        while k < len(ordered) and ordered[k][1] <= start:
            k += 1
        mark = "-"
        j = k
        while j < len(ordered) and ordered[j][0] < end:
            if ordered[j][1] > start:
                mark = "P" if ordered[j][2] == ENTITY else "O"
                if mark == "P":
                    break
            j += 1
        out.append(mark)
    return out


def load_weights(data: bytes) -> np.ndarray:
    """The dense weight vector (float32, BUCKETS + 1) from the model file's bytes."""
    with np.load(io.BytesIO(data)) as z:
        weights = np.zeros(BUCKETS + 1, dtype=np.float32)
        weights[z["index"]] = z["weight"].astype(np.float32)
        return weights


@lru_cache(maxsize=1)
def _weights() -> np.ndarray | None:
    node = resources.files("recognizers").joinpath("lexicons", MODEL_FILE)
    return load_weights(node.read_bytes()) if node.is_file() else None


_Memo = tuple[dict[str, float], dict[tuple[str, str], float], dict[str, int]]
def _memo(weights: np.ndarray | None) -> _Memo:
    """A word's weight, a neighbour's weight, a feature name's bucket: kept per process for the
    packaged weights (a worker builds a detector per batch), fresh for any other."""
    return _packaged_memo() if weights is _weights() else ({}, {}, {})


@lru_cache(maxsize=1)
def _packaged_memo() -> _Memo:
    return ({}, {}, {})


class LearnedNames:
    """The second opinion: ``opinion(text, found)`` gives PERSON results for the capitalised words
    that the rules left unexplained and the model holds for part of a name."""

    def __init__(self, weights: np.ndarray | None = None, threshold: float = THRESHOLD) -> None:
        self.weights = _weights() if weights is None else weights
        self.threshold = threshold
        self._least = math.log(threshold / (1.0 - threshold)) - CONTEXT_MOST
        # A word's or a neighbour's features: their weight; a feature name's bucket. Shared by every
        # detector on the same weights in the process (a worker builds one per batch).
        self._own, self._near, self._buckets = _memo(self.weights)

    def probabilities(self, text: str, toks: Sequence[Token], marks: Sequence[str],
                      which: Sequence[int]) -> list[float]:
        """The model's probability that each word ``which`` of ``toks`` is part of a name: the sum
        of its features' weights, the word's and its neighbours' parts summed once per process."""
        z = []
        own, near = self._own, self._near
        last = len(toks) - 1
        for i in which:
            word = toks[i][2]
            total = own.get(word)
            if total is None:
                total = own[word] = self._sum(word_features(word))
            for k, tag in _NEAR:
                j = i + k
                key = (tag, toks[j][2] if 0 <= j <= last else "")
                part = near.get(key)
                if part is None:
                    part = near[key] = self._sum(neighbour_features(*key) if key[1] else (f"{tag}=none",))
                total += part
            if total >= self._least:  # else its context could not lift it to the threshold
                total += self._sum(context_features(text, toks, i, marks))
            z.append(total)
        return [1.0 / (1.0 + math.exp(-v)) for v in z]

    def _sum(self, names: Sequence[str]) -> float:
        assert self.weights is not None
        buckets = self._buckets
        total = 0.0
        for n in names:
            b = buckets.get(n)
            if b is None:
                b = buckets[n] = zlib.crc32(n.encode("utf-8")) % BUCKETS
            total += float(self.weights[b])
        return total

    def opinion(self, text: str, found: Sequence[tuple[int, int, str]]) -> list[RecognizerResult]:
        """PERSON results in ``text``; ``found`` holds (start, end, entity) of what the recognisers
        found there (those words are not asked about)."""
        if self.weights is None:
            return []
        toks = tokens(text)
        marks = marks_of(toks, found)
        which = [i for i, (_, _, w) in enumerate(toks) if w[0].isupper() and marks[i] == "-"]
        if not which:
            return []
        probs = self.probabilities(text, toks, marks, which)
        chosen = [(i, p) for i, p in zip(which, probs, strict=True) if p >= self.threshold]
        runs: list[list[tuple[int, float]]] = []
        for i, p in chosen:
            if runs and runs[-1][-1][0] == i - 1 and _joinable(text[toks[i - 1][1] : toks[i][0]]):
                runs[-1].append((i, p))
            else:
                runs.append([(i, p)])
        # A run's neighbour goes with it on less evidence: "Tekle Berhane", where "Tekle" is sure.
        weaker = dict(zip(which, probs, strict=True))
        for run in runs:
            while (q := weaker.get(run[-1][0] + 1, 0.0)) >= CONTINUE and q < self.threshold and \
                    _joinable(text[toks[run[-1][0]][1] : toks[run[-1][0] + 1][0]]):
                run.append((run[-1][0] + 1, q))
            while (q := weaker.get(run[0][0] - 1, 0.0)) >= CONTINUE and q < self.threshold:
                before = toks[run[0][0] - 1]
                if _particle(before[2]) or not _joinable(text[before[1] : toks[run[0][0]][0]]):
                    break
                run.insert(0, (run[0][0] - 1, q))
        out = []
        for run in runs:
            end = toks[run[-1][0]][1]
            if all(_particle(toks[i][2]) for i, _ in run):
                # "De" of "De Wit" where the rules found "Wit": one name with it, never "De" alone
                # (the proposal would mark every "De" on the page as a mention of it).
                after = run[-1][0] + 1
                if after >= len(toks) or marks[after] != "P" or not _joinable(text[end : toks[after][0]]):
                    continue
                end = toks[after][1]
            word = toks[run[0][0]][2]
            initials = _INITIALS.fullmatch(word) and not _before_a_name(text, toks, marks, run[0][0])
            lone = len(run) == 1 and (
                _acronym_like(word) or initials or _opens_a_message(text, toks, run[0][0])
                or _compound_of_words(word)
            ) and not _HALF.match(text, end)
            if self._a_thing(text, toks, run, end) or lone or _CODE_GOES_ON.match(text, end):
                continue  # "NVZ vraagt", "KaG", "E.": initials or an acronym need the rules' evidence;
                # "WM" of "WM-2017-08893" opens a registration number
            out.append(self._result(text, toks, marks, run, end))
        return out

    def _a_thing(self, text: str, toks: Sequence[Token], run: list[tuple[int, float]], end: int) -> bool:
        """The words name a thing or an organisation, as the rules' lists say: a prize or a field
        named after someone, a shop that reads like a name ("Bart Smit"), or a word right after an
        organisation noun ("Woonstichting 't Anker")."""
        if _NAMED_THING.match(text, end) or firm_partner_after(text, end):
            return True  # (or "El Idrissi" of "El Idrissi & Van Rossum Advocaten": a firm)
        first = run[0][0]
        opens = first
        while opens > 0 and toks[opens - 1][1] == toks[opens][0] - 1 and text[toks[opens][0] - 1] == "-":
            opens -= 1  # "Anna-" of "Anna-Lisa"
        if opens > 0 and text[toks[opens][0] - 1 : toks[opens][0]] in ('"', "“", "„") and (
            ends_in_noun(toks[opens - 1][2].lower(), own_list("thing_nouns"))
        ):
            return True  # 'de sloep "Anna-Lisa"': a boat's name in quotes
        words = [toks[i][2].rstrip(".") for i in range(first, min(len(toks), run[-1][0] + 2))]
        organisations = _lex().name_like_organisations
        if " ".join(words[:-1]).lower() in organisations or " ".join(words).lower() in organisations:
            return True
        k = run[-1][0] + 1
        while k < len(toks) and shape(toks[k][2]) in ("X.", "XX.") and toks[k][0] - toks[k - 1][1] <= 1:
            k += 1  # "Dr. J.H. Jansenkliniek": the initials of a clinic's name
        nouns = own_list("organisation_nouns")
        if k < len(toks) and toks[k][0] - toks[k - 1][1] <= 1 and _organisation_word(toks[k][2], nouns):
            return True
        j = first - 1
        while j >= 0 and (_particle(toks[j][2]) and toks[j][2].islower() or toks[j][2] in ("t", "s")):
            j -= 1
        if j < 0 or "\n" in text[toks[j][1] : toks[first][0]]:
            return False
        h = first - 1  # "naar het Maria Montessori": the capitalised phrase after "het" (no person takes it)
        while h >= 0 and toks[h][2][:1].isupper() and text[toks[h][1] : toks[h + 1][0]] == " ":
            h -= 1
        if h >= 0 and toks[h][2] == "het" and text[toks[h][1] : toks[h + 1][0]] == " ":
            return True
        return _organisation_word(toks[j][2], nouns)

    def _result(self, text: str, toks: Sequence[Token], marks: Sequence[str],
                run: list[tuple[int, float]], end: int) -> RecognizerResult:
        start = toks[run[0][0]][0]
        first, last = run[0][0], run[-1][0]
        # A double name is one: "Lina AL-HAMWI", "Gerrit-Jan", "Brouwer-Talsma" (the other half capitalised).
        while last + 1 < len(toks) and toks[last][1] == end and toks[last + 1][2][0].isupper() \
                and _HALF.fullmatch(text, end, toks[last + 1][0]):
            last += 1
            end = toks[last][1]
        while first > 0 and toks[first - 1][2][0].isupper() \
                and _HALF.fullmatch(text, toks[first - 1][1], start):
            first -= 1
            start = toks[first][0]
        while first > 0 and toks[first - 1][2] in _LOWER_PARTICLES and (
            _joinable(text[toks[first - 1][1] : start]) or text[toks[first - 1][1] : start] == "\n"
        ):
            first -= 1  # "fam." + break + "ter Horst": the name with its tussenvoegsel
            start = toks[first][0]
        if text[end - 1] == "." and end - start > 2 and not _INITIALS.fullmatch(text, start, end):
            end -= 1  # "Haverkamp." at a sentence's end: the name without the full stop
        p = min(q for _, q in run)
        why = f"learned second opinion, p={p:.2f}: " + "; ".join(self.reasons(text, toks, marks, run[0][0]))
        explanation = AnalysisExplanation(recognizer=NAME, original_score=SCORE, pattern_name="learned",
                                          textual_explanation=why)
        return RecognizerResult(ENTITY, start, end, SCORE, explanation,
                                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: NAME})

    def reasons(self, text: str, toks: Sequence[Token], marks: Sequence[str], i: int,
                most: int = 3) -> list[str]:
        """The features of word ``i`` that weighed most for a name, in words."""
        weights = self.weights
        assert weights is not None
        names = features(text, toks, i, marks)
        weighed = sorted(zip(names, hashed(names), strict=True), key=lambda nb: -float(weights[nb[1]]))
        out = []
        for name, bucket in weighed[:most]:
            if float(weights[bucket]) <= 0:
                break
            key, _, value = name.partition("=")
            out.append(f"{_SAY.get(key, key)} {value}".strip() if value else _SAY.get(key, key))
        return out


def _before_a_name(text: str, toks: Sequence[Token], marks: Sequence[str], i: int) -> bool:
    """Word ``i`` (initials) stands right before a name the rules found, past more initials: "R." of
    "R.S." + break + "Ramdin"."""
    k, at = i + 1, toks[i][1]
    while k < len(toks) and _INITIALS.fullmatch(toks[k][2]) and text[at : toks[k][0]] in ("", " "):
        at, k = toks[k][1], k + 1
    return k < len(toks) and marks[k] == "P" and text[at : toks[k][0]] in (" ", "\n")


def _organisation_word(word: str, nouns: frozenset[str]) -> bool:
    """"Stichting", "Woonstichting", "Jansenkliniek": an organisation noun or a compound ending in one."""
    low = word.lower().rstrip(".")
    return low in nouns or low.endswith(_ORGANISATION_TAILS)


def _acronym_like(word: str) -> bool:
    """"NVZ", "KaG", "HvdL": two to five letters, two or more of them capitals and no dot: an acronym
    or a person's initials, which only the rules' evidence makes a name ("DARWISH" is a surname)."""
    upper = sum(c.isupper() for c in word)
    return 2 <= len(word) <= 5 and upper >= 2 and word.isalpha() and len(word) - upper <= 2


def _particle(word: str) -> bool:
    """A tussenvoegsel or a function word ("De", "Van", "Het"): part of a name, never one alone."""
    low = word.lower().rstrip(".")
    lex = _lex()
    return low in lex.interfixes or low in lex.stop_words


def _joinable(gap: str) -> bool:
    """Two chosen words are one name across a blank, a hyphen or a hyphen at a line end."""
    return gap in (" ", "-", "- ") or gap.startswith("-\n") and not gap[2:].strip()
