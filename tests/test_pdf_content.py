"""Content streams (``redact.pdf.content``): hidden optional content is cut out, exactly."""

from __future__ import annotations

from redact.pdf.content import filter_hidden


def test_hidden_optional_content_is_cut_out_of_a_content_stream() -> None:
    content = (
        b"q BT /F1 9 Tf (zichtbaar \\) en \\(haakjes) Tj ET Q\n"
        b"/OC /Off BDC q BT /F1 9 Tf (geheim) Tj (nog) ' ET Q\n"
        b"/Span <</MCID 3>> BDC BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EMC\xff EI EMC EMC\n"
        b"/OC /On BDC BT (laag) Tj ET EMC /Im1 Do /Im2 Do\n"
    )
    out = filter_hidden(content, {b"/Off"}, {b"/Im2"})
    assert b"(zichtbaar \\) en \\(haakjes) Tj" in out
    assert b"geheim" not in out and b"nog" not in out and b"\x00EMC\xff" not in out
    assert b"(laag) Tj" in out and b"/OC" not in out
    assert b"/Im1 Do" in out and b"/Im2" not in out
    assert out.count(b"q") == out.count(b"Q") and out.count(b"BT") == out.count(b"ET")
    assert out.count(b"BDC") + out.count(b"BMC") == out.count(b"EMC")
