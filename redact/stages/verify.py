"""Verify: prove, for one output, that no accepted string survives and no hidden channel is left.

Independent of apply: the output is read back as a file. Its text is extracted again (also text
that is clipped away); every object and every decompressed stream is searched for each accepted
string, in UTF-8, Windows-1252 and UTF-16BE, as hex, and inside decoded PDF strings; the hidden
channels must be empty; and the words of the original outside any box must still be there.
A problem names the document and the channel, never the personal data itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from redact.config import Limits
from redact.errors import BadDocument
from redact.models import Rect
from redact.pdf.layers import remove_hidden_content
from redact.pdf.withheld import notice
from redact.stages.ingest import check_stream
from redact.stages.ocr import strip_invisible_text

WORD = r"0-9A-Za-zÀ-ÖØ-öø-ÿ"
MAX_LOST_WORDS = 0.05  # share of the words outside the boxes that may go missing
DEFAULT_LIMITS = Limits()  # verify takes no --config: the packaged limits
MIN_BINARY_NEEDLE = 6  # shorter strings are not searched inside images and fonts

# A key in any object that means a hidden channel is still there, and the channel it is.
CHANNEL_KEYS = {
    "JS": "javascript", "JavaScript": "javascript", "OpenAction": "javascript",
    "AA": "javascript", "EmbeddedFile": "attachments", "EmbeddedFiles": "attachments",
    "EF": "attachments", "AF": "attachments", "Metadata": "xmp", "OC": "hidden_layers",
    "OCProperties": "hidden_layers", "OCGs": "hidden_layers", "PieceInfo": "piece_info",
    "Thumb": "thumbnails", "Dests": "named_destinations", "Names": "named_destinations",
    "Outlines": "bookmarks", "AcroForm": "forms", "FT": "forms", "Annots": "annotations",
    "Annot": "annotations",
}
_KEYS = re.compile(
    rb"/(" + b"|".join(k.encode() for k in sorted(CHANNEL_KEYS, key=len, reverse=True))
    + rb")(?![A-Za-z0-9#._-])(?!\s*null\b)"
)
_OC_MARK = re.compile(rb"/OC\s*/[^\s/\[\]<>()]+\s*BDC")
_HEX = re.compile(rb"<([0-9A-Fa-f\s]{4,})>")
_LITERAL = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.S)


@dataclass(frozen=True)
class Secret:
    entity: str
    text: str


@dataclass(frozen=True)
class Problem:
    document: str
    # text | objects | metadata | xmp | annotations | forms | bookmarks | named_destinations |
    # attachments | javascript | thumbnails | hidden_layers | piece_info | revisions | words | file
    channel: str
    detail: str  # never the personal data itself


# -- text -------------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"-\n", "", text)  # a word hyphenated across a line break
    return re.sub(r"\s+", " ", text).strip().casefold()


def _pattern(secret: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in normalise(secret).split(" ") if p]
    body = r"\s*".join(parts)
    return re.compile(rf"(?<![{WORD}]){body}(?![{WORD}])")


def survivors(text: str, secrets: list[Secret]) -> list[Secret]:
    """Secrets still present in ``text`` as whole words (spacing-insensitive)."""
    norm = normalise(text)
    compact = re.sub(r"\s+", "", norm)
    found = []
    for secret in secrets:
        needle = normalise(secret.text)
        if not needle:
            continue
        if _pattern(secret.text).search(norm):
            found.append(secret)
            continue
        squeezed = re.sub(r"\s+", "", needle)
        if len(squeezed) >= 8 and squeezed in compact:
            found.append(secret)
    return found


# -- bytes ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Needle:
    """The byte forms in which one secret could sit inside a PDF object or stream."""

    secret: Secret
    plain: tuple[tuple[bytes, int], ...]  # lowercased encodings, with the bytes per character
    hexed: tuple[tuple[bytes, int], ...]  # lowercase hex of those, with the hex digits per char

    @classmethod
    def of(cls, secret: Secret) -> Needle:
        text = normalise(secret.text.replace("-\n", ""))
        plain: set[tuple[bytes, int]] = set()
        hexed: set[tuple[bytes, int]] = set()
        for variant in {text, text.replace(" ", "")}:
            for encoding, width in (("utf-8", 1), ("cp1252", 1), ("utf-16-be", 2)):
                try:
                    raw = variant.encode(encoding).lower()
                except UnicodeEncodeError:
                    continue
                plain.add((raw, width))
                hexed.add((raw.hex().encode(), 2 * width))
        return cls(secret, tuple(sorted(plain)), tuple(sorted(hexed)))

    def found_in(self, blob: bytes, binary: bool = False) -> bool:
        if binary and len(self.secret.text) < MIN_BINARY_NEEDLE:
            return False
        for form, width in self.plain:
            if _whole(blob, form, width, _alnum):
                return True
        for form, width in self.hexed:
            if _whole(blob, form, width, _hex_alnum):
                return True
        return False


def _alnum(raw: bytes) -> bool:
    """Whether one encoded character (1 or 2 bytes) is a letter or digit."""
    return raw.decode("utf-16-be" if len(raw) == 2 else "cp1252", "replace").isalnum()


def _hex_alnum(digits: bytes) -> bool:
    """Whether hex digits (one character: 2 or 4 of them) spell a letter or digit."""
    try:
        return _alnum(bytes.fromhex(digits.decode()))
    except ValueError:
        return False


def _whole(blob: bytes, form: bytes, width: int, is_word: Callable[[bytes], bool]) -> bool:
    """Whether ``form`` occurs in ``blob`` with no letter or digit right before or after it."""
    start = blob.find(form)
    while start >= 0:
        before = blob[max(0, start - width):start]
        after = blob[start + len(form):start + len(form) + width]
        if not (len(before) == width and is_word(before)) and not (
            len(after) == width and is_word(after)
        ):
            return True
        start = blob.find(form, start + 1)
    return False


def decoded_strings(blob: bytes) -> str:
    """The PDF strings in ``blob`` (hex and literal, UTF-16 with a byte order mark) as text."""
    out: list[str] = []
    for match in _HEX.finditer(blob):
        digits = re.sub(rb"\s", b"", match.group(1))
        raw = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
        out.append(_decode(raw))
    for match in _LITERAL.finditer(blob):
        body = match.group(0)[1:-1]
        body = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8) & 0xFF]), body)
        body = re.sub(rb"\\(.)", lambda m: {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(
            m.group(1), m.group(1)), body, flags=re.S)
        out.append(_decode(body))
    return "\n".join(out)


def _decode(raw: bytes) -> str:
    """A PDF string as text: UTF-16BE with a byte order mark, two-byte codes that look like
    UTF-16BE (as Identity-H fonts often use), else Windows-1252."""
    if raw[:2] == b"\xfe\xff":
        return raw[2:].decode("utf-16-be", "replace")
    if raw and len(raw) % 2 == 0 and raw[0::2].count(0) >= 0.8 * (len(raw) // 2):
        return raw.decode("utf-16-be", "replace")
    return raw.decode("cp1252", "replace")


def _objects(
    doc: pymupdf.Document, limits: Limits = DEFAULT_LIMITS, too_large: list[str] | None = None,
) -> Iterable[tuple[int, str, bytes | None]]:
    """Every object's source and, for streams, its decompressed data (xref 0: the trailer).

    A stream is decoded only when it is known to fit ``limits`` (an image by its declared
    pixels, a Flate stream by inflating it in counted steps): a small file that declares a
    30000 x 30000 JPEG must not take gigabytes. One beyond them is searched raw, and named in
    ``too_large`` so that the caller reports it as not checked."""
    yield 0, doc.pdf_trailer(compressed=True), None
    for xref in range(1, doc.xref_length()):
        try:
            source = doc.xref_object(xref, compressed=True)
        except Exception:
            continue
        data = None
        if doc.xref_is_stream(xref):
            try:
                check_stream(doc, xref, limits)
                data = doc.xref_stream(xref)
            except BadDocument as exc:
                if too_large is not None:
                    too_large.append(f"object {xref}: {exc}")
                data = doc.xref_stream_raw(xref)
            except Exception:
                data = doc.xref_stream_raw(xref)
        yield xref, source, data


def _is_binary(source: str) -> bool:
    return bool(re.search(r"/Subtype\s*/Image|/Length[123]\b|/FontFile|/Type\s*/XObject\s*"
                          r"/Subtype\s*/Image", source))


# -- checks -----------------------------------------------------------------------------------------


MIN_OBJECT_NEEDLE = 4


def check_objects(doc: pymupdf.Document, name: str, secrets: Sequence[Secret],
                  limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    """Every accepted string, in every object and decompressed stream (within ``limits``: a
    stream beyond them is a problem of its own, for it cannot be checked)."""
    # Strings of two or three characters (initials such as "NB") turn up by chance in font
    # programs and glyph-id strings; they are checked in the text layer and by position only.
    needles = [Needle.of(s) for s in secrets if len(re.sub(r"\W", "", s.text)) >= MIN_OBJECT_NEEDLE]
    if not needles:
        return []
    hits: dict[str, set[int]] = {}
    too_large: list[str] = []
    for xref, source, data in _objects(doc, limits, too_large):
        src = source.encode("latin-1", "replace")
        blobs = [(src.lower(), False), (decoded_strings(src).encode("utf-8").lower(), False)]
        if data is not None:
            binary = _is_binary(source)
            blobs.append((data.lower(), binary))
            if not binary:
                blobs.append((decoded_strings(data).encode("utf-8").lower(), False))
        for needle in needles:
            if any(needle.found_in(blob, binary) for blob, binary in blobs):
                hits.setdefault(needle.secret.entity, set()).add(xref)
    return [Problem(name, "objects", f"an accepted {entity} survives in object(s) "
                                     f"{', '.join(map(str, sorted(xrefs)))}")
            for entity, xrefs in sorted(hits.items())] + [
        Problem(name, "limits", f"{reason}: not checked") for reason in too_large]


def check_channels(doc: pymupdf.Document, name: str, data: bytes) -> list[Problem]:
    """The hidden channels must be empty, and there must be exactly one revision."""
    problems: list[Problem] = []
    revisions = max(doc.version_count, data.count(b"startxref"))
    if revisions > 1:
        problems.append(Problem(name, "revisions", f"{revisions} revisions kept"))
    meta = {k: v for k, v in (doc.metadata or {}).items()
            if v and k not in ("format", "encryption")}
    if meta:
        problems.append(Problem(name, "metadata", f"fields left: {sorted(meta)}"))
    if doc.xref_get_key(-1, "Info")[0] != "null":
        problems.append(Problem(name, "metadata", "document information dictionary left"))
    if doc.get_xml_metadata():
        problems.append(Problem(name, "xmp", "XMP metadata left"))
    if doc.get_toc():
        problems.append(Problem(name, "bookmarks", "outline entries left"))
    if doc.embfile_count():
        problems.append(Problem(name, "attachments", "embedded files left"))
    found: dict[str, set[int]] = {}
    for xref, source, stream in _objects(doc):
        for key in _KEYS.findall(source.encode("latin-1", "replace")):
            found.setdefault(CHANNEL_KEYS[key.decode()], set()).add(xref)
        if stream is not None and b"BDC" in stream and _OC_MARK.search(stream):
            found.setdefault("hidden_layers", set()).add(xref)
    for channel, xrefs in sorted(found.items()):
        problems.append(Problem(name, channel,
                                f"left in object(s) {', '.join(map(str, sorted(xrefs)))}"))
    for page in doc:
        if next(iter(page.annots() or []), None) is not None:
            problems.append(Problem(name, "annotations", f"page {page.number + 1}"))
        if next(iter(page.widgets() or []), None) is not None:
            problems.append(Problem(name, "forms", f"page {page.number + 1}"))
    return problems


def _words(page: pymupdf.Page) -> list[tuple[str, pymupdf.Rect]]:
    return [(w[4], pymupdf.Rect(w[:4])) for w in page.get_text("words")]


def _visible_words(page: pymupdf.Page) -> list[tuple[str, pymupdf.Rect]]:
    """The words of a page that are drawn: invisible text (render mode 3, a scanner's OCR
    layer, which apply replaces by its own OCR on scanned pages) is taken off the page first."""
    if any(kind == "ignore-text" for kind, _ in page.get_bboxlog()):
        strip_invisible_text(page)
    return _words(page)


def check_words(
    doc: pymupdf.Document,
    original: pymupdf.Document,
    name: str,
    boxes: Sequence[tuple[int, Rect]],
    max_lost: float = MAX_LOST_WORDS,
    withheld: Mapping[int, str] | None = None,
) -> list[Problem]:
    """The original's visible words outside every box must still be in the output; a withheld
    page (``withheld``: page -> ground) must hold the words of its notice and nothing else.

    ``original`` is changed: its invisible text is removed page by page before its words are
    counted.
    """
    if original.page_count != doc.page_count:
        return [Problem(name, "words", f"{doc.page_count} pages where the original has "
                                       f"{original.page_count}")]
    per_page: dict[int, list[pymupdf.Rect]] = {}
    for page_no, rect in boxes:
        per_page.setdefault(page_no, []).append(pymupdf.Rect(rect))
    total = lost = 0
    pages: list[int] = []
    for before, after in zip(original, doc, strict=True):
        if withheld and before.number + 1 in withheld:
            allowed = set(notice(withheld[before.number + 1]).split())
            if any(text not in allowed for text, _ in _words(after)):
                return [Problem(name, "words", f"withheld page {before.number + 1} holds more "
                                               "than its notice")]
            continue
        covered = per_page.get(before.number + 1, [])
        expected = Counter(
            text for text, rect in _visible_words(before)
            if not any(rect.intersects(box) for box in covered)
        )
        present = Counter(text for text, _ in _words(after))
        missing = sum((expected - present).values())
        total += sum(expected.values())
        if missing:
            lost += missing
            pages.append(before.number + 1)
    if total and lost / total > max_lost:
        return [Problem(name, "words", f"{lost} of {total} words outside the boxes were lost "
                                       f"(pages {', '.join(map(str, pages))})")]
    return []


# One ground code, or several run together (the labels of boxes that touch read as one word).
LABEL = re.compile(r"^(?:\[?5\.(?:1\.[125][a-i]?|2)\]?)+$")


def occurrences(text: str, secret: str) -> int:
    """How often ``secret`` occurs in ``text`` as whole words (spacing-insensitive)."""
    if not normalise(secret):
        return 0
    return len(_pattern(secret).findall(normalise(text)))


def check_under_boxes(
    doc: pymupdf.Document, name: str, boxes: Sequence[tuple[int, Rect]]
) -> list[Problem]:
    """No extractable word may lie inside a box, except the ground code printed in it."""
    per_page: dict[int, list[pymupdf.Rect]] = {}
    for page_no, rect in boxes:
        per_page.setdefault(page_no, []).append(pymupdf.Rect(rect))
    problems = []
    for page in doc:
        covered = per_page.get(page.number + 1)
        if not covered:
            continue
        for text, rect in _words(page):
            centre = pymupdf.Point((rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2)
            if not LABEL.match(text) and any(box.contains(centre) for box in covered):
                problems.append(Problem(name, "text", f"text remains under a box on page "
                                                      f"{page.number + 1}"))
                break
    return problems


def verify_pdf(
    path: Path,
    name: str,
    secrets: list[Secret],
    original: Path | None = None,
    boxes: Sequence[tuple[int, Rect]] = (),
    limits: Limits = DEFAULT_LIMITS,
    withheld: Mapping[int, str] | None = None,
) -> list[Problem]:
    """Check one output file: its text, objects and streams, hidden channels and kept words.
    ``limits`` bound what is decoded (see ``_objects``); ``withheld``: page -> ground of the
    pages replaced by a notice."""
    problems: list[Problem] = []
    try:
        data = path.read_bytes()
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        return [Problem(name, "file", f"cannot be opened: {exc}")]
    with doc:
        if doc.needs_pass or doc.is_encrypted:
            return [Problem(name, "file", "encrypted: cannot be checked")]
        flags = pymupdf.TEXT_PRESERVE_WHITESPACE  # without the clip: clipped text counts too
        text = "\n".join(page.get_text("text", flags=flags) for page in doc)
        for secret in survivors(text, secrets):
            problems.append(Problem(name, "text", f"an accepted {secret.entity} survives"))
        problems.extend(check_objects(doc, name, secrets, limits))
        problems.extend(check_channels(doc, name, data))
        problems.extend(check_under_boxes(doc, name, boxes))
        if original is not None and original.exists():
            with pymupdf.open(original, filetype="pdf") as before:
                # Hidden layers and annotations go from every output, with their words.
                remove_hidden_content(before)
                for page_xref in [page.xref for page in before]:
                    before.xref_set_key(page_xref, "Annots", "null")
                problems.extend(check_words(doc, before, name, boxes, withheld=withheld))
    return problems
