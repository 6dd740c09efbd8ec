"""The convert stage on real files: images, Word/RTF through LibreOffice, .eml and .msg e-mails."""

from __future__ import annotations

import base64
import email
import os
import shutil
import stat
from datetime import datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

import docx
import msgforge
import pymupdf
import pytest
from PIL import Image

from redact.errors import BadDocument
from redact.stages.convert import Attachment, Converted, convert, input_kind

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """The folder of the originals; converted output goes to tmp_path / "out", never next to them."""
    folder = tmp_path / "in"
    folder.mkdir()
    return folder


def make_pdf_bytes(text: str) -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text)
    return bytes(doc.tobytes())


def converted(path: Path, tmp_path: Path) -> tuple[Converted, pymupdf.Document]:
    """Convert a read-only input into tmp_path/out and check that the original was only read."""
    path.chmod(0o444)
    before = (path.read_bytes(), stat.S_IMODE(path.stat().st_mode), sorted(path.parent.iterdir()))
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    result = convert(path, out / "result.pdf")
    assert (path.read_bytes(), stat.S_IMODE(path.stat().st_mode), sorted(path.parent.iterdir())) == before
    assert sorted(p.name for p in out.iterdir()) == ["result.pdf"]  # no temporary file left behind
    assert result.pdf == out / "result.pdf"
    return result, pymupdf.open(result.pdf)


def text_of(doc: pymupdf.Document) -> str:
    return "".join(page.get_text() for page in doc)


def lines_of(doc: pymupdf.Document) -> list[str]:
    return text_of(doc).splitlines()


# --- kinds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.pdf", b"%PDF-1.7\n", "pdf"),
        ("A.PDF", b"%PDF-1.4\n", "pdf"),
        ("scan.PNG", b"\x89PNG\r\n\x1a\n", "image"),
        ("scan.jpeg", b"\xff\xd8\xff\xe0", "image"),
        ("scan.tif", b"II*\x00", "image"),
        ("scan.bmp", b"BM", "image"),
        ("scan.pdf", b"\x89PNG\r\n\x1a\n", "image"),  # the bytes win where they are unambiguous
        ("brief.doc", b"%PDF-1.7\n", "pdf"),
        ("brief.docx", b"PK\x03\x04", "office"),
        ("brief.DOC", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office"),
        ("brief.odt", b"PK\x03\x04", "office"),
        ("brief.txt", b"{\\rtf1\\ansi", "office"),
        ("mail.eml", b"From: a@example.nl\n", "email"),
        ("mail.Msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "email"),
        ("leeg.eml", b"", "email"),
    ],
)
def test_input_kind(tmp_path: Path, name: str, head: bytes, kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(head)
    assert input_kind(path) == kind


@pytest.mark.parametrize("name", ["data.xyz", "notities.txt", "zonder-suffix", "sheet.xlsx"])
def test_unsupported_kind(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"gewoon wat tekst")
    with pytest.raises(BadDocument) as info:
        convert(path, tmp_path / "out.pdf")
    assert info.value.kind == "unsupported"
    assert not (tmp_path / "out.pdf").exists()


def test_pdf_is_passed_through_unwritten(tmp_path: Path) -> None:
    path = tmp_path / "in.pdf"
    path.write_bytes(make_pdf_bytes("Jan de Vries"))
    assert convert(path, tmp_path / "out.pdf") == Converted(path, "pdf")
    assert not (tmp_path / "out.pdf").exists()


# --- images ------------------------------------------------------------------------------------


def a4_scan(dpi: int, text: str) -> Image.Image:
    page = pymupdf.open().new_page()
    page.insert_text((72, 72), text, fontsize=14)
    pix = page.get_pixmap(dpi=dpi)
    return Image.frombytes("RGB", (pix.width, pix.height), pix.samples)


def test_png_becomes_one_a4_image_page(tmp_path: Path, inbox: Path) -> None:
    path = inbox / "scan.png"
    a4_scan(150, "Jan de Vries").save(path, dpi=(150, 150))
    result, doc = converted(path, tmp_path)
    assert (result.kind, result.attachments, result.meta) == ("image", (), {})
    assert doc.page_count == 1
    assert doc[0].rect.width == pytest.approx(595, abs=2) and doc[0].rect.height == pytest.approx(842, abs=2)
    assert doc[0].get_text().strip() == "" and len(doc[0].get_images()) == 1  # OCR is a later stage's work


def test_every_tiff_frame_becomes_a_page(tmp_path: Path, inbox: Path) -> None:
    path = inbox / "scan.tiff"
    first, second = a4_scan(200, "pagina 1"), a4_scan(200, "pagina 2")
    first.save(path, save_all=True, append_images=[second], dpi=(200, 200), compression="tiff_deflate")
    _, doc = converted(path, tmp_path)
    assert doc.page_count == 2
    assert all(page.rect.width == pytest.approx(595, abs=2) for page in doc)
    image = doc[1].get_images()[0][0]
    assert pymupdf.Pixmap(doc, image).width == second.width  # the scan's pixels, not a resampled copy


def test_image_without_resolution_is_fitted_on_a4(tmp_path: Path, inbox: Path) -> None:
    path = inbox / "foto.jpg"
    a4_scan(300, "Jan de Vries").save(path)  # no dpi: MuPDF would assume 96 and make it 65 cm high
    _, doc = converted(path, tmp_path)
    page = doc[0]
    assert page.rect.height == pytest.approx(842, abs=2)
    assert tuple(page.get_image_rects(page.get_images()[0][0])[0]) == pytest.approx(tuple(page.rect), abs=1)


# --- office documents (LibreOffice: at most three runs) ----------------------------------------


@needs_soffice
def test_docx_through_libreoffice(tmp_path: Path, inbox: Path) -> None:
    path = inbox / "Brief aan Jan (concept).docx"
    document = docx.Document()
    document.add_paragraph("Beste Jan de Vries,")
    document.add_paragraph("Kerkstraat 12, 3511 AB Utrecht. Groet, Zoë Łukasiewicz")
    document.save(str(path))
    result, doc = converted(path, tmp_path)
    assert result.kind == "office"
    text = text_of(doc)
    assert "Beste Jan de Vries," in text and "Zoë Łukasiewicz" in text


@needs_soffice
def test_rtf_through_libreoffice(tmp_path: Path, inbox: Path) -> None:
    path = inbox / "notitie.rtf"
    path.write_text(r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\f0 Gesprek met Piet Jansen\par Tel. 06-12345678\par}")
    _, doc = converted(path, tmp_path)
    assert "Gesprek met Piet Jansen" in lines_of(doc)


@needs_soffice
def test_garbage_docx_is_a_failed_conversion(tmp_path: Path) -> None:
    path = tmp_path / "kapot.docx"
    path.write_bytes(b"dit is geen Word-document \x00\x01\x02" * 20)
    with pytest.raises(BadDocument) as info:
        convert(path, tmp_path / "out.pdf")
    assert info.value.kind == "conversion_failed"
    assert "could not be loaded" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kapot.docx"]


@needs_soffice
def test_libreoffice_timeout_is_a_failed_conversion(tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    docx.Document().save(str(path))
    with pytest.raises(BadDocument) as info:
        convert(path, tmp_path / "out.pdf", timeout=0.05)
    assert info.value.kind == "conversion_failed" and "did not finish" in str(info.value)


def test_missing_libreoffice_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "brief.rtf"
    path.write_text(r"{\rtf1 Hallo\par}")
    with pytest.raises(BadDocument) as info:
        convert(path, tmp_path / "out.pdf")
    assert info.value.kind == "conversion_failed" and "LibreOffice is not installed" in str(info.value)


# --- e-mail ------------------------------------------------------------------------------------

SENDER = "Ayşe Yılmaz <ayse.yilmaz@example.nl>"
TO = "Jan de Vries <jan.devries@gemeente.example.nl>, Zoë Łukasiewicz <zoe@example.pl>"
CC = "Γιώργος Παπαδόπουλος <giorgos@example.gr>"


def text_part(text: str) -> EmailMessage:
    part = EmailMessage()
    part.set_content(text)
    return part


def test_eml_with_attachments(tmp_path: Path, inbox: Path) -> None:
    nested = EmailMessage()
    nested["From"] = "Piet Jansen <piet@example.nl>"
    nested["Subject"] = "Eerder bericht"
    nested.set_content("Hallo Kees Bakker")
    pdf = make_pdf_bytes("bijlage van Jan")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Cc"] = SENDER, TO, CC
    msg["Date"] = "Fri, 01 Mar 2024 10:00:00 +0100"
    msg["Subject"] = "Overleg met Jan de Vries"
    msg["Message-ID"] = "<abc.123@example.nl>"
    msg["In-Reply-To"] = "<xyz@example.nl>"
    msg.set_content("Beste Jan,\n\nIk bel Piet Jansen morgen.\nGroet,\nAyşe Yılmaz\n" + "lange tekst " * 1500)
    msg.add_alternative("<p>Beste Jan, HTML-versie</p>", subtype="html")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="../../verslag Jan.pdf")
    msg.add_attachment(nested)
    path = inbox / "bericht.eml"
    path.write_bytes(msg.as_bytes())

    result, doc = converted(path, tmp_path)
    assert result.kind == "email"
    assert result.meta == {
        "from": SENDER, "to": TO, "cc": CC, "date": "Fri, 01 Mar 2024 10:00:00 +0100",
        "subject": "Overleg met Jan de Vries", "message_id": "<abc.123@example.nl>",
        "in_reply_to": "<xyz@example.nl>",
    }
    lines = lines_of(doc)
    assert lines[:6] == [
        f"Van: {SENDER}", f"Aan: {TO}", f"CC: {CC}", "Datum: Fri, 01 Mar 2024 10:00:00 +0100",
        "Onderwerp: Overleg met Jan de Vries", "Bijlagen: verslag Jan.pdf, bijlage-2.eml",
    ]
    assert lines[6:10] == ["Beste Jan,", "Ik bel Piet Jansen morgen.", "Groet,", "Ayşe Yılmaz"]
    assert "HTML-versie" not in text_of(doc)  # the plain alternative is printed, not both
    assert doc.page_count > 1 and all(page.rect == pymupdf.paper_rect("a4") for page in doc)

    assert [a.name for a in result.attachments] == ["verslag Jan.pdf", "bijlage-2.eml"]
    assert result.attachments[0].data == pdf
    inner = email.message_from_bytes(result.attachments[1].data, policy=policy.default)
    assert inner["From"] == "Piet Jansen <piet@example.nl>" and "Kees Bakker" in inner.get_content()


def test_html_only_eml(tmp_path: Path, inbox: Path) -> None:
    path = inbox / "html.eml"
    path.write_bytes(
        b"From: Gemeente <info@gemeente.example.nl>\r\nTo: kees@example.nl\r\nSubject: Uw aanvraag\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><head><style>p {color: red}</style><script>var x = 1;</script></head><body>"
        b"<p>Geachte heer Bakker,</p><div>Kerkstraat&nbsp;1<br>Utrecht</div>"
        b"<table><tr><td>BSN</td><td>111222333</td></tr></table></body></html>"
    )
    result, doc = converted(path, tmp_path)
    assert "cc" not in result.meta and "date" not in result.meta and result.attachments == ()
    lines = lines_of(doc)
    assert lines[3:] == ["Geachte heer Bakker,", "Kerkstraat 1", "Utrecht", "BSN 111222333"]
    assert "color" not in text_of(doc) and "var x" not in text_of(doc)


@pytest.mark.parametrize(
    ("header", "line"),
    [
        (b"From: jan@example.nl (Jan de Vries)", "Van: jan@example.nl (Jan de Vries)"),
        (b"From: Zo\xeb Bakker <zoe@example.nl>", "Van: Zoë Bakker <zoe@example.nl>"),  # raw Latin-1
        (b"From: =?utf-8?q?Zo=C3=AB?= Bakker <zoe@example.nl>", "Van: Zoë Bakker <zoe@example.nl>"),
        (b'From: "Vries, Jan de" <jan@example.nl>', 'Van: "Vries, Jan de" <jan@example.nl>'),
        (b"From: a@example.nl\nSubject: =?x-onbekend?q?Hallo?=", "Onderwerp: =?x-onbekend?q?Hallo?="),
    ],
)
def test_eml_headers_are_printed_as_written(tmp_path: Path, inbox: Path, header: bytes, line: str) -> None:
    path = inbox / "kop.eml"
    path.write_bytes(header + b"\nContent-Type: text/plain; charset=x-onbekend\n\nBeste Kees Bakker\n")
    _, doc = converted(path, tmp_path)
    assert line in lines_of(doc) and "Beste Kees Bakker" in lines_of(doc)


def test_eml_second_inline_text_part_is_printed(tmp_path: Path, inbox: Path) -> None:
    """Some mailers put an inline image between two text parts: both texts are printed."""
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "a@example.nl", "foto"
    msg.make_mixed()
    image = EmailMessage()
    image.set_content(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", disposition="inline")
    for part in (text_part("deel een"), image, text_part("deel twee van Piet Jansen")):
        msg.attach(part)
    path = inbox / "foto.eml"
    path.write_bytes(msg.as_bytes())
    result, doc = converted(path, tmp_path)
    assert lines_of(doc)[-2:] == ["deel een", "deel twee van Piet Jansen"]
    assert result.attachments == (Attachment("bijlage-1.png", b"\x89PNG\r\n\x1a\n"),)


def test_base64_encoded_nested_message_is_decoded(tmp_path: Path, inbox: Path) -> None:
    inner = b"From: piet@example.nl\nSubject: binnen\n\nHallo Kees\n"
    path = inbox / "doorgestuurd.eml"
    path.write_bytes(
        b"From: a@example.nl\nSubject: fwd\nContent-Type: multipart/mixed; boundary=X\n\n--X\n"
        b"Content-Type: text/plain\n\nzie bijlage\n--X\nContent-Type: message/rfc822\n"
        b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(inner) + b"--X--\n"
    )
    result, _ = converted(path, tmp_path)
    assert result.attachments == (Attachment("bijlage-1.eml", inner),)


def test_mail_text_stays_on_the_page(tmp_path: Path, inbox: Path) -> None:
    """Non-Latin-1 names render; a run without spaces wider than the page is broken, not cut off."""
    msg = EmailMessage()
    msg["From"] = "Łukasz Wiśniewski <lukasz@example.pl>"
    msg["Subject"] = "Çağrı Öztürk, Ιωάννης, Иван Петров, 王小明 😀"
    link = "https://example.nl/" + "W" * 150
    msg.set_content(f"Zie {link}\n\tingesprongen regel\x0c met form feed")
    path = inbox / "wereld.eml"
    path.write_bytes(msg.as_bytes())
    _, doc = converted(path, tmp_path)
    text = text_of(doc)
    assert "Onderwerp: Çağrı Öztürk, Ιωάννης, Иван Петров, 王小明" in text
    assert text.replace("\n", "").count("W" * 150) == 1
    for page in doc:
        for x0, _, x1, _, *_ in page.get_text("words"):
            assert 0 <= x0 and x1 <= page.rect.width


def test_outlook_msg(tmp_path: Path, inbox: Path) -> None:
    pdf = make_pdf_bytes("bijlage")
    msg = msgforge.Message(
        subject="Besluit over Kees Bakker",
        text_body="Beste Jan,\nKees Bakker woont op Kerkstraat 1.\nGroet, Ayşe",
        sender=("ayse.yilmaz@example.nl", "Ayşe Yılmaz"),
        to=[("jan.devries@example.nl", "Jan de Vries")],
        cc=[("zoe@example.pl", "Zoë Łukasiewicz")],
        sent=datetime(2024, 3, 1, 10, 0),
    )
    msg.attach_bytes("besluit.pdf", pdf)
    msg.attach_bytes("..\\..\\.verborgen.txt", b"geheim")
    path = inbox / "bericht.msg"
    path.write_bytes(msg.as_bytes())

    result, doc = converted(path, tmp_path)
    assert result.kind == "email"
    assert result.meta["from"] == SENDER
    assert result.meta["to"] == "Jan de Vries <jan.devries@example.nl>"
    assert result.meta["subject"] == "Besluit over Kees Bakker"
    assert result.meta["date"].startswith("Fri, 01 Mar 2024")
    lines = lines_of(doc)
    assert f"Van: {SENDER}" in lines and "CC: Zoë Łukasiewicz <zoe@example.pl>" in lines
    assert "Bijlagen: besluit.pdf, verborgen.txt" in lines
    assert "Kees Bakker woont op Kerkstraat 1." in lines
    assert result.attachments == (Attachment("besluit.pdf", pdf), Attachment("verborgen.txt", b"geheim"))


# --- bad input: always BadDocument, never anything else, never a file left behind -------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("leeg.eml", b"", "empty"),
        ("leeg.msg", b"", "empty"),
        ("leeg.png", b"", "empty"),
        ("leeg.docx", b"", "empty"),
        ("rommel.eml", b"\x00\x01\x02 geen e-mail \xff\xfe" * 50, "corrupt"),
        ("rommel.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "corrupt"),
        ("tekst.msg", b"geen Outlook-bericht " * 50, "corrupt"),
        ("afgebroken.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "corrupt"),
        ("rommel.gif", b"GIF89a" + b"\x00" * 10, "corrupt"),
    ],
)
def test_bad_input(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(BadDocument) as info:
        convert(path, tmp_path / "out.pdf")
    assert info.value.kind == kind, str(info.value)
    assert os.listdir(tmp_path) == [name]
