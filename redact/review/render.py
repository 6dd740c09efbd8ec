"""Page images and character boxes of the workspace's read-only originals, looked up by id.

Images are rendered lazily, one page on request (~20 ms at 100 dpi), and a few are kept in
memory. A file is only ever opened through its document row, and only when it lies inside the
workspace's ``originals/`` folder: no path from a request ever reaches the file system.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import pymupdf

from redact.models import Rect
from redact.stages.extract import CharBox, page_chars
from redact.workspace import DocumentRow

DPI = 100
MAX_PAGE_POINTS = 14_400  # the largest page side the PDF standard allows (200 inches)
MAX_PIXELS = 25_000_000  # a larger page is drawn at a lower resolution (~75 MB of RGB at most)


class PageNotFound(LookupError):
    """No such page, or the document has no readable original in the workspace."""


class PageUnrenderable(ValueError):
    """A page that exists but cannot be drawn (too large, damaged): the request is refused
    (HTTP 422) and the export goes on without its image."""


class PageSource:
    """Renders pages and re-extracts their character boxes; MuPDF calls are serialised."""

    def __init__(self, originals: Path, dpi: int = DPI, cache_size: int = 48) -> None:
        self.originals = originals.resolve()
        self.dpi = dpi
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def path(self, doc: DocumentRow) -> Path:
        if doc.pdf_path is None:
            raise PageNotFound(f"document {doc.id} has no stored original")
        path = Path(doc.pdf_path).resolve()
        if not path.is_relative_to(self.originals) or not path.is_file():
            raise PageNotFound(f"document {doc.id}: original is not in the workspace")
        return path

    def _page(self, pdf: pymupdf.Document, doc: DocumentRow, number: int) -> pymupdf.Page:
        if not 1 <= number <= pdf.page_count:
            raise PageNotFound(f"document {doc.id} has no page {number}")
        return pdf[number - 1]

    def png(self, doc: DocumentRow, number: int, blacken: Sequence[Rect] = ()) -> bytes:
        """The page at ``self.dpi``; ``blacken``: boxes painted black into the pixels."""
        key = (doc.id, doc.sha256, number, tuple(blacken))
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            with pymupdf.open(self.path(doc)) as pdf:
                page = self._page(pdf, doc, number)
                width, height = page.rect.width, page.rect.height
                if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
                    raise PageUnrenderable(
                        f"document {doc.id} page {number} is {width:.0f} x {height:.0f} points, "
                        f"beyond the {MAX_PAGE_POINTS} the PDF standard allows")
                pixels = width * height * (self.dpi / 72) ** 2
                dpi = self.dpi if pixels <= MAX_PIXELS else int(
                    self.dpi * (MAX_PIXELS / pixels) ** 0.5)
                try:
                    for rect in blacken:  # drawn on the in-memory copy only; it is never saved
                        page.draw_rect(pymupdf.Rect(rect), color=None, fill=(0, 0, 0),
                                       overlay=True)
                    data: bytes = page.get_pixmap(dpi=max(dpi, 1)).tobytes("png")
                except Exception as exc:  # MuPDF raises several types for damaged content
                    raise PageUnrenderable(
                        f"document {doc.id} page {number} cannot be drawn: "
                        f"{type(exc).__name__}") from exc
            self._cache[key] = data
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
            return data

    def chars(self, doc: DocumentRow, number: int) -> tuple[str, list[CharBox]]:
        """The page text as the scan built it, with each character's glyph box."""
        with self._lock, pymupdf.open(self.path(doc)) as pdf:
            return page_chars(self._page(pdf, doc, number))


def text_under(text: str, boxes: Sequence[CharBox], rect: Rect) -> tuple[int, int, str]:
    """The characters whose centre lies inside ``rect``: (first, end, their text by line)."""
    x0, y0, x1, y1 = rect
    picked: list[tuple[int, int]] = []  # (index, line)
    for i, item in enumerate(boxes):
        if item is None:
            continue
        (a, b, c, d), line = item
        cx, cy = (a + c) / 2, (b + d) / 2
        if x0 <= cx <= x1 and y0 <= cy <= y1:
            picked.append((i, line))
    if not picked:
        return 0, 0, ""
    parts: list[str] = []
    last_line = picked[0][1]
    for i, line in picked:
        if line != last_line:
            parts.append("\n")
            last_line = line
        parts.append(text[i])
    return picked[0][0], picked[-1][0] + 1, "".join(parts).strip()
