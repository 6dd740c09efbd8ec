"""Page images and character boxes of the workspace's read-only originals, looked up by id.

Images are rendered lazily, one page on request, in three sizes: a thumbnail for the page strip,
the page as the reviewer reads it (sharp at the width of a screen) and a large one for zooming
in. Recent images are kept in memory within a byte budget, and the last few originals stay open,
so that paging through a document of 500 pages does not parse the file again for every page. A
file is only ever opened through its document row, and only when it lies inside the workspace's
``originals/`` folder: no path from a request ever reaches the file system.
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

DPI = 100  # the export's page images (and the default of a PageSource)
SIZES = {"thumb": 24, "page": 150, "large": 300}  # the review page's images, in dots per inch
MAX_PAGE_POINTS = 14_400  # the largest page side the PDF standard allows (200 inches)
MAX_PIXELS = 25_000_000  # a larger page is drawn at a lower resolution (~75 MB of RGB at most)
CACHE_BYTES = 96 * 2**20  # rendered images kept in memory
OPEN_FILES = 4  # originals kept open


class PageNotFound(LookupError):
    """No such page, or the document has no readable original in the workspace."""


class PageUnrenderable(ValueError):
    """A page that exists but cannot be drawn (too large, damaged): the request is refused
    (HTTP 422) and the export goes on without its image."""


class PageSource:
    """Renders pages and re-extracts their character boxes; MuPDF calls are serialised."""

    def __init__(self, originals: Path, dpi: int = DPI, cache_size: int = 4_096,
                 cache_bytes: int = CACHE_BYTES) -> None:
        self.originals = originals.resolve()
        self.dpi = dpi
        self.cache_size = cache_size  # images at most (0: none kept)
        self.cache_bytes = cache_bytes
        self._cache: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self._cached_bytes = 0
        self._open: OrderedDict[tuple[int, str], pymupdf.Document] = OrderedDict()
        self._lock = threading.Lock()

    def path(self, doc: DocumentRow) -> Path:
        if doc.pdf_path is None:
            raise PageNotFound(f"document {doc.id} has no stored original")
        path = Path(doc.pdf_path).resolve()
        if not path.is_relative_to(self.originals) or not path.is_file():
            raise PageNotFound(f"document {doc.id}: original is not in the workspace")
        return path

    def _pdf(self, doc: DocumentRow) -> pymupdf.Document:
        """The original, opened once and kept among the last few (call under the lock)."""
        key = (doc.id, doc.sha256)
        pdf = self._open.get(key)
        if pdf is None:
            pdf = pymupdf.open(self.path(doc))
            self._open[key] = pdf
            while len(self._open) > OPEN_FILES:
                self._open.popitem(last=False)[1].close()
        self._open.move_to_end(key)
        return pdf

    def close(self) -> None:
        with self._lock:
            while self._open:
                self._open.popitem()[1].close()
            self._cache.clear()
            self._cached_bytes = 0

    def _page(self, pdf: pymupdf.Document, doc: DocumentRow, number: int) -> pymupdf.Page:
        if not 1 <= number <= pdf.page_count:
            raise PageNotFound(f"document {doc.id} has no page {number}")
        return pdf[number - 1]

    def png(self, doc: DocumentRow, number: int, blacken: Sequence[Rect] = (),
            dpi: int | None = None) -> bytes:
        """The page at ``dpi`` (default ``self.dpi``); ``blacken``: boxes painted black into
        the pixels (of an in-memory copy: the original is never changed)."""
        dpi = dpi or self.dpi
        key = (doc.id, doc.sha256, number, dpi, tuple(blacken))
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            if blacken:  # drawing changes the page: a copy of its own, closed after
                with pymupdf.open(self.path(doc)) as pdf:
                    data = self._render(pdf, doc, number, dpi, blacken)
            else:
                data = self._render(self._pdf(doc), doc, number, dpi, ())
            if self.cache_size:
                self._cache[key] = data
                self._cached_bytes += len(data)
                while self._cache and (len(self._cache) > self.cache_size
                                       or self._cached_bytes > self.cache_bytes):
                    self._cached_bytes -= len(self._cache.popitem(last=False)[1])
            return data

    def _render(self, pdf: pymupdf.Document, doc: DocumentRow, number: int, dpi: int,
                blacken: Sequence[Rect]) -> bytes:
        page = self._page(pdf, doc, number)
        width, height = page.rect.width, page.rect.height
        if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
            raise PageUnrenderable(
                f"document {doc.id} page {number} is {width:.0f} x {height:.0f} points, "
                f"beyond the {MAX_PAGE_POINTS} the PDF standard allows")
        pixels = width * height * (dpi / 72) ** 2
        if pixels > MAX_PIXELS:
            dpi = int(dpi * (MAX_PIXELS / pixels) ** 0.5)
        try:
            for rect in blacken:
                page.draw_rect(pymupdf.Rect(rect), color=None, fill=(0, 0, 0), overlay=True)
            data: bytes = page.get_pixmap(dpi=max(dpi, 1)).tobytes("png")
        except Exception as exc:  # MuPDF raises several types for damaged content
            raise PageUnrenderable(
                f"document {doc.id} page {number} cannot be drawn: "
                f"{type(exc).__name__}") from exc
        return data

    def chars(self, doc: DocumentRow, number: int) -> tuple[str, list[CharBox]]:
        """The page text as the scan built it, with each character's glyph box."""
        with self._lock:
            return page_chars(self._page(self._pdf(doc), doc, number))


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
