"""A page's glyphs and which of them lie in a box.

A glyph is selected by its centre: a box takes exactly the glyphs centred in it, and MuPDF is
made to remove them through each glyph's core, so that a neighbouring line survives however
tight the leading.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import pymupdf

from redact.models import Rect

GLYPH_INSET = 0.2  # share of a glyph box left out on each side when its text is removed

Glyph = tuple[str, float, float, float, float]  # character and box, as plain floats (fast)


def char_set(page: pymupdf.Page, flags: int) -> list[tuple[str, Rect]]:
    """Every character of the page with its box, as text extraction with ``flags`` sees it."""
    chars: list[tuple[str, Rect]] = []
    for block in page.get_text("rawdict", flags=flags)["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                for ch in span["chars"]:
                    chars.append((ch["c"], ch["bbox"]))
    return chars


def page_glyphs(page: pymupdf.Page) -> list[Glyph]:
    """The page's glyphs that have a box (clipped text included)."""
    return [(c, x0, y0, x1, y1) for c, (x0, y0, x1, y1)
            in char_set(page, pymupdf.TEXT_PRESERVE_WHITESPACE) if x1 > x0 and y1 > y0]


def glyph_core(glyph: Glyph) -> Rect:
    """The middle of a glyph box: MuPDF removes a glyph when its box shrunk by a tenth on every
    side meets a redaction, so this core (a fifth in from every side) always hits it, and never
    reaches into the glyph boxes of a neighbouring line, even at solid leading."""
    _, x0, y0, x1, y1 = glyph
    dx, dy = (x1 - x0) * GLYPH_INSET, (y1 - y0) * GLYPH_INSET
    return (x0 + dx, y0 + dy, x1 - dx, y1 - dy)


class GlyphIndex:
    """Glyphs sorted by the height of their centre, for fast "which glyphs are in this box"."""

    def __init__(self, glyphs: Sequence[Glyph]) -> None:
        self.glyphs = glyphs
        self.order = sorted(range(len(glyphs)), key=lambda i: glyphs[i][2] + glyphs[i][4])
        self.mid = [(glyphs[i][2] + glyphs[i][4]) / 2 for i in self.order]
        self.tallest = max((g[4] - g[2] for g in glyphs), default=0.0)

    def centred_in(self, area: Rect) -> list[int]:
        """Indices (into ``glyphs``) of the glyphs whose centre lies in ``area``."""
        lo, hi = bisect_left(self.mid, area[1]), bisect_right(self.mid, area[3])
        out = []
        for i in self.order[lo:hi]:
            g = self.glyphs[i]
            if area[0] <= (g[1] + g[3]) / 2 <= area[2]:
                out.append(i)
        return out

    def near(self, area: Rect) -> list[Glyph]:
        """Glyphs whose box may reach into ``area`` vertically."""
        lo = bisect_left(self.mid, area[1] - self.tallest)
        hi = bisect_right(self.mid, area[3] + self.tallest)
        return [self.glyphs[i] for i in self.order[lo:hi]]


def runs_under(glyphs: Sequence[Glyph], selected: set[int]) -> list[pymupdf.Rect]:
    """The cores of the selected glyphs (those centred in a box), joined into one rectangle per
    run of them on a line: one redaction per run instead of one per glyph (MuPDF's cost is
    per annotation), touching exactly the same glyphs."""
    runs: list[list[float]] = []
    run: list[float] | None = None
    run_mid = 0.0
    for index, glyph in enumerate(glyphs):
        if index not in selected:
            run = None
            continue
        x0, y0, x1, y1 = glyph_core(glyph)
        mid, height = (glyph[2] + glyph[4]) / 2, glyph[4] - glyph[2]
        if run is not None and abs(mid - run_mid) < height * 0.3 and x0 >= run[0]:
            run[0], run[1] = min(run[0], x0), min(run[1], y0)
            run[2], run[3] = max(run[2], x1), max(run[3], y1)
        else:
            run, run_mid = [x0, y0, x1, y1], mid
            runs.append(run)
    return [pymupdf.Rect(r) for r in runs]
