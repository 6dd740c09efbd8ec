"""Property tests for the span-to-box mapping: a finding's rects cover exactly its glyphs.

Random lines of text are placed with PyMuPDF; for a random character span of the page text the
rectangles from ``span_rects`` must cover every glyph of the span and no centre of a glyph outside
it, and burning them in must remove exactly the span's glyphs, leaving its neighbours.
"""

from __future__ import annotations

import pymupdf
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from redact.stages.apply import Box, redact_pdf
from redact.stages.extract import page_chars, page_text, span_rects

ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;-@/()"
WORDS = st.text(alphabet=ALPHABET, min_size=1, max_size=12)
LINE = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)

PROFILE = settings(max_examples=60, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def pages(draw: st.DrawFn) -> tuple[bytes, int]:
    """A one-page PDF with random lines at random sizes and (non-overlapping) positions."""
    lines = draw(st.lists(LINE, min_size=1, max_size=5))
    size = draw(st.floats(min_value=7.0, max_value=16.0))
    spacing = draw(st.floats(min_value=1.2, max_value=2.5))
    x = draw(st.floats(min_value=20.0, max_value=150.0))
    rotation = draw(st.sampled_from([0, 90, 180, 270]))
    for line in lines:  # lines that fit on the page (text beyond the edge is removed)
        assume(x + pymupdf.get_text_length(line, fontname="helv", fontsize=size) < 575)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = 60.0
    for line in lines:
        page.insert_text((x, y), line, fontname="helv", fontsize=size)
        y += size * spacing
    page.set_rotation(rotation)
    return doc.tobytes(), rotation


def _span(draw: st.DrawFn, text: str) -> tuple[int, int]:
    glyphs = [i for i, c in enumerate(text) if not c.isspace()]
    start = draw(st.sampled_from(glyphs))
    end = draw(st.integers(min_value=start + 1, max_value=min(len(text), start + 40)))
    return start, end


def _centre(box: tuple[float, float, float, float]) -> pymupdf.Point:
    return pymupdf.Point((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


@PROFILE
@given(pages(), st.data())
def test_rects_cover_the_span_and_no_neighbouring_glyph(made: tuple[bytes, int],
                                                        data: st.DataObject) -> None:
    pdf, _ = made
    with pymupdf.open("pdf", pdf) as doc:
        text, boxes = page_chars(doc[0])
        assert text == page_text(doc[0]), "scan offsets must address the same characters"
        start, end = _span(data.draw, text)
        rects = [pymupdf.Rect(r) for r in span_rects(boxes, start, end)]
        assert rects
        for index in range(start, end):
            item = boxes[index]
            if item is None or text[index].isspace():
                continue
            glyph = pymupdf.Rect(item[0])
            assert any(r.contains(glyph) for r in rects), "a glyph of the span is not covered"
        for index, item in enumerate(boxes):
            if item is None or start <= index < end or text[index].isspace():
                continue
            centre = _centre(item[0])
            assert not any(r.contains(centre) for r in rects), (
                f"the glyph {text[index]!r} at {index} outside {start}:{end} is covered"
            )


@PROFILE
@given(pages(), st.data())
def test_burning_in_a_span_removes_exactly_its_glyphs(made: tuple[bytes, int],
                                                       data: st.DataObject) -> None:
    pdf, _ = made
    with pymupdf.open("pdf", pdf) as doc:
        text, boxes = page_chars(doc[0])
        start, end = _span(data.draw, text)
        rects = span_rects(boxes, start, end)
        redacted, _, _ = redact_pdf(doc, [Box(1, r, "5.1.2e") for r in rects], label=False)
    expected = "".join(c for i, c in enumerate(text)
                       if not c.isspace() and not start <= i < end)
    with pymupdf.open("pdf", redacted) as out:
        left = "".join(c for c in page_chars(out[0])[0] if not c.isspace())
    assert left == expected


@PROFILE
@given(pages(), st.data())
def test_boxes_of_wanted_characters_only_are_the_same_boxes(made: tuple[bytes, int],
                                                           data: st.DataObject) -> None:
    """``page_chars`` with ``wanted`` (as locate calls it, spans without a wanted offset taken
    whole) gives the same text, and the same box for every wanted character."""
    pdf, _ = made
    with pymupdf.open("pdf", pdf) as doc:
        page = doc[0]
        text, full = page_chars(page)
        wanted = data.draw(st.sets(st.integers(min_value=0, max_value=max(0, len(text) - 1)),
                                   max_size=40))
        some_text, some = page_chars(page, wanted)
    assert some_text == text and len(some) == len(full)
    for i, item in enumerate(some):
        assert item == full[i] if i in wanted else item in (None, full[i])
