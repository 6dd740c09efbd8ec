"""Builders of hostile inputs: each makes its file(s) under a folder it is given, the same bytes
every time (no clock, no randomness), from the small letters of ``tests.conftest``."""

from __future__ import annotations

import os
import zlib
from email.message import EmailMessage
from pathlib import Path

import pymupdf

from tests.conftest import LETTER, SECOND_PAGE, make_pdf


def letters(inbox: Path, count: int, pages: int = 6) -> list[Path]:
    """``count`` ordinary letters of ``pages`` pages: work enough for two workers to be busy."""
    return [make_pdf(inbox / f"brief-{i:02d}.pdf", ([LETTER, SECOND_PAGE] * pages)[:pages])
            for i in range(count)]


def letter_bytes() -> bytes:
    """An ordinary one-page letter as bytes."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 72), LETTER.split("\n")[0] + " - Pieter Fictief", fontsize=11)
    data = doc.tobytes()
    doc.close()
    return data


def raw_name(folder: Path, name: bytes, data: bytes) -> Path:
    """A file whose name is the bytes ``name`` as they are (not UTF-8, a newline, ...)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = os.path.join(os.fsencode(folder), name)
    with open(path, "wb") as fh:
        fh.write(data)
    return Path(os.fsdecode(path))


def truncated_pdf(path: Path) -> Path:
    """A letter cut off in the middle of its page stream: no xref, no trailer."""
    data = letter_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[: len(data) // 2])
    return path


def _write_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF of ``objects`` (numbered from 1, object 1 the catalog) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))
    return path


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def recursive_xobject_pdf(path: Path) -> Path:
    """One page that draws form XObject /X, which draws itself: a cycle."""
    page_content = b"BT /F1 11 Tf 72 770 Td (Geachte heer Fictief) Tj ET q /X Do Q"
    return _write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /X 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        _stream(b"", page_content),
        _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]"
                b" /Resources << /XObject << /X 5 0 R >> >>", b"q /X Do Q"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def huge_image_pdf(path: Path, side: int = 30000) -> Path:
    """A small PDF whose one image declares ``side`` x ``side`` pixels (a JPEG header that says
    so, a few hundred bytes of data): whole, it decodes to ``3 * side**2`` bytes."""
    jpeg = _jpeg_header(side, side)
    content = b"q 500 0 0 500 50 300 cm /Im0 Do Q BT /F1 11 Tf 72 770 Td (Pieter Fictief) Tj ET"
    return _write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /Im0 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        _stream(b"", content),
        _stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB"
                b" /BitsPerComponent 8 /Filter /DCTDecode" % (side, side), jpeg),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def _jpeg_header(width: int, height: int) -> bytes:
    """SOI, a baseline SOF0 frame of ``width`` x ``height`` RGB, and EOI: no scan data at all."""
    sof = b"\xff\xc0" + (17).to_bytes(2, "big") + b"\x08" + height.to_bytes(2, "big") \
        + width.to_bytes(2, "big") + b"\x03" + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00"
    return b"\xff\xd8" + sof + b"\xff\xd9"


def flate_bomb_pdf(path: Path, size: int = 64 << 20) -> Path:
    """A page whose content stream inflates from a few KB to ``size`` bytes of spaces."""
    data = zlib.compress(b"BT /F1 11 Tf 72 770 Td (Pieter Fictief) Tj ET\n" + b" " * size, 9)
    return _write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(b"/Filter /FlateDecode", data),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def email_with(path: Path, attachments: list[tuple[str, bytes]], subject: str = "Aanvraag") -> Path:
    """An e-mail from Pieter Fictief with ``attachments`` (name, bytes)."""
    msg = EmailMessage()
    msg["From"] = "Pieter Fictief <pieter.fictief@example.nl>"
    msg["To"] = "Team Vergunningen <vergunningen@gemeente.example>"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 12 Mar 2024 10:00:00 +0100"
    msg["Message-ID"] = f"<{zlib.crc32(subject.encode())}@example.nl>"
    msg.set_content("Geachte heer, mijn telefoonnummer is 06-12345678.\nMet groet, Pieter Fictief")
    for name, data in attachments:
        maintype, subtype = ("application", "pdf") if name.endswith(".pdf") else (
            ("message", "rfc822") if name.endswith(".eml") else ("application", "octet-stream"))
        if maintype == "message":
            msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
        else:
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(msg))
    return path


def nested_email(path: Path, depth: int) -> Path:
    """An e-mail holding an e-mail holding ... ``depth`` levels deep; the innermost holds a PDF."""
    inner: tuple[str, bytes] = ("diepste.pdf", letter_bytes())
    for level in range(depth, 0, -1):
        tmp = path.with_name(f".level-{level}.eml")
        email_with(tmp, [inner], subject=f"Doorgestuurd niveau {level}")
        inner = (f"niveau-{level}.eml", tmp.read_bytes())
        tmp.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(inner[1])
    return path
