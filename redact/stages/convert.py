"""Convert: turn a non-PDF input of a Woo batch into a PDF to scan (the original is only read).

A Woo batch holds more than PDFs: scans as images, Word and OpenDocument files, and e-mails
(``.eml`` and Outlook ``.msg``). Each is turned into a PDF so that the rest of the pipeline only
ever sees PDFs, and the conversion is as plain as possible:

- **image**: MuPDF wraps every frame (every page of a multi-page TIFF) in a page sized from the
  image's resolution; an image without a believable resolution is fitted onto A4. The result is
  image-only: OCR is a later stage's work.
- **office**: LibreOffice, headless, on a copy in a fresh temporary folder with a profile of its
  own, so that parallel conversions share nothing and the original is never opened by it.
- **email**: the message is parsed here (the standard library for ``.eml``, extract-msg for
  ``.msg``) and printed with MuPDF's Story as a header block with Dutch labels and the body as
  plain text, so that every name and address comes out of ``page.get_text()`` as it was written.
  Attachments (nested messages included) are returned as bytes for the caller to process.

The PDF is written next to ``target`` under a hidden temporary name and moved into place, so a
crash never leaves a half-written PDF. Bad input of any kind ends in ``BadDocument``; a failure
to write ``target`` (a full disk, say) is not the document's fault and stays an ``OSError``.
"""

from __future__ import annotations

import base64
import email
import email.errors
import email.header
import email.utils
import html
import logging
import mimetypes
import os
import quopri
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import Message, MIMEPart
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import Any

import pymupdf

from redact.errors import BadDocument, short_message
from redact.files import write_atomic

KINDS = ("pdf", "image", "office", "email")

_SUFFIX_KINDS = {
    ".pdf": "pdf",
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif"), "image"),
    **dict.fromkeys((".docx", ".doc", ".odt", ".rtf"), "office"),
    **dict.fromkeys((".eml", ".msg"), "email"),
}
# Signatures that say what a file is whatever its name: a scan saved as ".pdf", a PDF called ".doc".
# Containers that several kinds share (ZIP, OLE) are left to the suffix.
_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"{\\rtf", "office"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Outlook .msg (and old .doc)

_A4 = pymupdf.paper_rect("a4")
_MAX_IMAGE_SIDE = 1224.0  # points (17 in): a longer page came from a missing or bogus resolution
_MAX_EMAIL_PAGES = 5000
_MARGIN = 56.0  # points: 2 cm around an e-mail page
_FONT_SIZE = 10.0
_FONT = pymupdf.Font("helv")  # the metrics of Story's sans-serif font (Nimbus Sans)
_LINE_WIDTH = (_A4.width - 2 * _MARGIN) * 0.97
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Attachment:
    name: str  # sanitised: no path separators, no leading dots, never empty; keeps its suffix
    data: bytes


@dataclass(frozen=True)
class Converted:
    pdf: Path  # the PDF to scan: the input itself for kind "pdf", else the target
    kind: str  # one of KINDS
    attachments: tuple[Attachment, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)  # e-mail headers, see _EMAIL_HEADERS


def input_kind(path: Path) -> str:
    """The kind of an input, by its first bytes where they are unambiguous, else by its suffix."""
    head = _head(path)
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    suffix = path.suffix.lower()
    if suffix in _SUFFIX_KINDS:
        return _SUFFIX_KINDS[suffix]
    raise BadDocument(
        f"unsupported file type {suffix or '(no suffix)'}: not a PDF, image, Word/ODT/RTF or e-mail",
        "unsupported")


def convert(path: Path, target: Path, *, timeout: float = 180.0) -> Converted:
    """A PDF to scan for ``path``: the input itself if it is a PDF, else one written at ``target``.

    ``timeout`` bounds a LibreOffice conversion, in seconds.
    """
    kind = input_kind(path)
    if kind == "pdf":
        return Converted(path, kind)
    if path.stat().st_size == 0:
        raise BadDocument("empty file (0 bytes)", "empty")
    attachments: tuple[Attachment, ...] = ()
    meta: dict[str, str] = {}
    if kind == "image":
        data = _image_to_pdf(path)
    elif kind == "office":
        data = _office_to_pdf(path, timeout)
    else:
        mail = _read_msg(path) if _head(path).startswith(_OLE_MAGIC) else _read_eml(path)
        data = _render_email(mail)
        attachments, meta = mail.attachments, mail.meta
    write_atomic(target, data, durable=False)
    return Converted(target, kind, attachments, meta)


def _head(path: Path, size: int = 16) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


# --- images ------------------------------------------------------------------------------------


def _image_to_pdf(path: Path) -> bytes:
    """An image-only PDF, one page per frame, at the image's resolution (or fitted onto A4)."""
    try:
        with pymupdf.open(path) as image:
            if image.page_count == 0:
                raise BadDocument("corrupt image: no frame could be read", "corrupt")
            with pymupdf.open("pdf", image.convert_to_pdf()) as pdf:
                for page in pdf:
                    _fit_on_a4(pdf, page)
                return bytes(pdf.tobytes(garbage=3, deflate=True))
    except BadDocument:
        raise
    except Exception as exc:  # MuPDF raises several types for broken images
        raise BadDocument(f"corrupt image: {short_message(exc)}", "corrupt") from exc


def _fit_on_a4(pdf: pymupdf.Document, page: pymupdf.Page) -> None:
    """Scale a page that is implausibly large (MuPDF assumes 96 dpi without one) to fit on A4."""
    width, height = page.rect.width, page.rect.height
    if max(width, height) <= _MAX_IMAGE_SIDE:
        return
    scale = min(_A4.width / min(width, height), _A4.height / max(width, height))
    xref = page.get_contents()[0]
    pdf.update_stream(xref, b"q %.6f 0 0 %.6f 0 0 cm\n%s\nQ" % (scale, scale, page.read_contents()))
    page.set_contents(xref)
    page.set_mediabox(pymupdf.Rect(0, 0, width * scale, height * scale))


# --- office documents --------------------------------------------------------------------------


def _office_to_pdf(path: Path, timeout: float) -> bytes:
    """Convert with LibreOffice in a fresh folder: its own copy, its own profile, its own output."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise BadDocument("LibreOffice is not installed (make system installs it)", "conversion_failed")
    # Name the copy by what it is, so that LibreOffice picks the right import filter.
    suffix = ".rtf" if _head(path).startswith(b"{\\rtf") else path.suffix.lower()
    with tempfile.TemporaryDirectory(prefix="redact-convert-") as tmp:
        work = Path(tmp)
        copy, out = work / f"input{suffix}", work / "out"
        shutil.copyfile(path, copy)
        command = [
            soffice, "--headless", "--norestore", "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to", "pdf", "--outdir", str(out), str(copy),
        ]
        # A session of its own, so that a timeout ends soffice.bin too, not only its launcher.
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise BadDocument(
                f"LibreOffice did not finish within {timeout:g} s", "conversion_failed"
            ) from None
        result = out / "input.pdf"
        data = result.read_bytes() if result.is_file() else b""
    if proc.returncode != 0 or not data.startswith(b"%PDF-"):
        lines = output.decode("utf-8", "replace").splitlines()
        errors = [line.strip() for line in lines if line.startswith("Error")]
        reason = errors[-1] if errors else f"exit code {proc.returncode}, no PDF produced"
        raise BadDocument(f"LibreOffice could not convert it: {reason}"[:300], "conversion_failed")
    return data


# --- e-mail ------------------------------------------------------------------------------------

_EMAIL_HEADERS = {
    "from": "From", "to": "To", "cc": "Cc", "date": "Date", "subject": "Subject",
    "message_id": "Message-ID", "in_reply_to": "In-Reply-To", "references": "References",
}
_LABELS = (("from", "Van"), ("to", "Aan"), ("cc", "CC"), ("date", "Datum"), ("subject", "Onderwerp"))
_CSS = f"""
body {{ font-family: sans-serif; font-size: {_FONT_SIZE:g}pt; }}
p {{ margin: 0 0 2pt 0; }}
.body {{ white-space: pre-wrap; margin-top: 12pt; }}
"""


@dataclass(frozen=True)
class _Mail:
    meta: dict[str, str]
    body: str
    attachments: tuple[Attachment, ...]


def _read_eml(path: Path) -> _Mail:
    try:
        with path.open("rb") as fh:
            msg = email.message_from_binary_file(fh, policy=policy.default)
        if not {key.lower() for key in msg.keys()} & {"from", "to", "subject", "date", "message-id"}:
            raise BadDocument("not an e-mail message (no From, To, Subject or Date header)", "corrupt")
        meta = {key: _header(msg, name) for key, name in _EMAIL_HEADERS.items()}
        body = msg.get_body(preferencelist=("plain", "html")) if isinstance(msg, MIMEPart) else None
        texts: list[str] = [_part_text(body)] if body is not None else []
        attachments: list[Attachment] = []
        _collect_parts(msg, body, texts, attachments)
    except BadDocument:
        raise
    except Exception as exc:  # the email package is lenient, but not everywhere
        raise BadDocument(f"corrupt e-mail: {short_message(exc)}", "corrupt") from exc
    return _Mail({k: v for k, v in meta.items() if v}, "\n\n".join(texts), tuple(attachments))


def _header(msg: Message, name: str) -> str:
    """A header as written, on one line, with encoded words decoded.

    Not the parsed form: that drops what it does not understand, such as the name in
    ``jan@example.nl (Jan de Vries)``, and the printout must show all of it.
    """
    raw = next((value for key, value in msg.raw_items() if key.lower() == name.lower()), "")
    if any("\udc80" <= char <= "\udcff" for char in raw):  # 8-bit bytes in a header (Latin-1, UTF-8)
        raw = _decode(raw.encode("utf-8", "surrogateescape"))
    try:
        value = str(email.header.make_header(email.header.decode_header(raw)))
    except (email.errors.HeaderParseError, LookupError, UnicodeError):
        value = raw
    return " ".join((value.strip() or raw).split())


def _collect_parts(part: Message, body: Message | None, texts: list[str], out: list[Attachment]) -> None:
    """Attachments below ``part`` in order, and inline text that is not the body nor its alternative."""
    ctype = part.get_content_type()
    if ctype == "message/rfc822":
        out.append(Attachment(_attachment_name(part.get_filename(), len(out) + 1, ".eml", force=True),
                              _nested_message(part)))
    elif part.is_multipart():
        children = list(part.get_payload())
        if ctype == "multipart/alternative":  # one rendering of one content: keep only one of them
            holding_body = [c for c in children if body is not None and any(p is body for p in c.walk())]
            plain = [c for c in children if c.get_content_type() == "text/plain"]
            children = (holding_body or plain or children[-1:])[:1]
        for child in children:
            _collect_parts(child, body, texts, out)
    elif part is body:
        pass
    elif (
        part.get_content_disposition() == "attachment"
        or part.get_filename()
        or part.get_content_maintype() != "text"
    ):
        data = part.get_payload(decode=True)
        suffix = mimetypes.guess_extension(ctype) or ".bin"
        name = _attachment_name(part.get_filename(), len(out) + 1, suffix)
        out.append(Attachment(name, data if isinstance(data, bytes) else b""))
    else:  # a second inline text part, as some mailers write around an inline image
        texts.append(_part_text(part))


def _nested_message(part: Message) -> bytes:
    """The bytes of an attached message, undoing a transfer encoding that RFC 2046 forbids there."""
    nested = part.get_payload(0) if part.is_multipart() else None
    raw = nested.as_bytes() if isinstance(nested, Message) else b""
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    try:
        if encoding == "base64":
            return base64.b64decode(raw)
        if encoding == "quoted-printable":
            return quopri.decodestring(raw)
    except ValueError:  # not what it says it is: keep it as it came
        pass
    return raw


def _part_text(part: Message) -> str:
    try:
        text = part.get_content() if isinstance(part, MIMEPart) else None
    except (LookupError, UnicodeError, ValueError):  # an unknown or lying charset
        text = None
    if not isinstance(text, str):
        payload = part.get_payload(decode=True)
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return _html_to_text(text) if part.get_content_subtype() == "html" else text


def _read_msg(path: Path) -> _Mail:
    # Imported here: it is heavy and only .msg files need it. Licence: extract-msg is GPL-3.0 (RTFDE
    # below it LGPL-3.0, pcodedmp GPL-3.0), which binds a distribution of redact that bundles it.
    import extract_msg

    # It logs every property stream a writer left out as a warning: noise in a nightly log.
    logging.getLogger("extract_msg").setLevel(logging.ERROR)
    try:
        with extract_msg.openMsg(str(path), strict=False) as msg:
            header = getattr(msg, "header", None)
            date = getattr(msg, "date", None)
            raw = {
                "from": getattr(msg, "sender", None),
                "to": getattr(msg, "to", None),
                "cc": getattr(msg, "cc", None),
                "date": header.get("Date") if header is not None else None,
                "subject": getattr(msg, "subject", None),
                "message_id": getattr(msg, "messageId", None),
                "in_reply_to": getattr(msg, "inReplyTo", None),
                "references": header.get("References") if header is not None else None,
            }
            if not raw["date"] and isinstance(date, datetime):
                raw["date"] = email.utils.format_datetime(date)
            meta = {key: " ".join(str(value).split()) for key, value in raw.items() if value}
            body = getattr(msg, "body", None) or ""
            html_body = getattr(msg, "htmlBody", None) if not body.strip() else None
            if html_body:
                body = _html_to_text(_decode(html_body))
            attachments = tuple(_msg_attachments(msg))
    except Exception as exc:  # extract-msg and olefile raise many types for broken files
        raise BadDocument(f"corrupt Outlook message: {short_message(exc)}", "corrupt") from exc
    return _Mail(meta, body, attachments)


def _msg_attachments(msg: Any) -> list[Attachment]:
    """Attachments with their bytes; an embedded message comes out as a .msg file of its own."""
    out: list[Attachment] = []
    for att in getattr(msg, "attachments", ()):
        data = att.data
        if isinstance(data, bytes):
            name = _attachment_name(att.name, len(out) + 1, ".bin")
        elif hasattr(data, "exportBytes"):  # an embedded MSGFile
            name = _attachment_name(att.name, len(out) + 1, ".msg", force=True)
            data = data.exportBytes()
        else:  # web links, broken or unsupported attachments carry no bytes
            continue
        out.append(Attachment(name, data))
    return out


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _attachment_name(raw: str | None, index: int, suffix: str, *, force: bool = False) -> str:
    """A safe file name: the last path component, printable, no leading dots, at most ~200 bytes."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".").strip()
    if force and not name.lower().endswith(suffix):
        name = f"{name}{suffix}" if name else ""
    if not name:
        name = f"bijlage-{index}{suffix}"
    stem, ext = os.path.splitext(name)
    while len(name.encode()) > 200 and stem:
        stem = stem[:-1]
        name = stem + ext
    return name


class _HtmlText(HTMLParser):
    """Plain text of an HTML body: scripts and styles dropped, a line break per block element."""

    _BREAKS = frozenset("br p div tr li table blockquote hr h1 h2 h3 h4 h5 h6".split())
    _HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def _html_to_text(source: str) -> str:
    parser = _HtmlText()
    parser.feed(source)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _render_email(mail: _Mail) -> bytes:
    """An A4 PDF: the header block with Dutch labels, then the body; long bodies flow over pages."""
    rows = [(label, mail.meta[key]) for key, label in _LABELS if mail.meta.get(key)]
    if mail.attachments:
        rows.append(("Bijlagen", ", ".join(att.name for att in mail.attachments)))
    header = "".join(f"<p><b>{label}:</b> {_html_text(value)}</p>" for label, value in rows)
    body = f'<div class="body">{_html_text(mail.body.strip())}</div>' if mail.body.strip() else ""
    buffer = BytesIO()
    try:
        story = pymupdf.Story(html=f"<body>{header}{body}</body>", user_css=_CSS)
        writer = pymupdf.DocumentWriter(buffer)
        where = _A4 + (_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        more = True
        for _ in range(_MAX_EMAIL_PAGES):
            device = writer.begin_page(_A4)
            more, _filled = story.place(where)
            story.draw(device)
            writer.end_page()
            if not more:
                break
        writer.close()
    except Exception as exc:  # MuPDF's layout failed on this content
        raise BadDocument(f"could not print the e-mail: {short_message(exc)}", "conversion_failed") from exc
    if more:
        raise BadDocument(f"e-mail longer than {_MAX_EMAIL_PAGES} pages", "conversion_failed")
    return buffer.getvalue()


def _html_text(text: str) -> str:
    """Plain text escaped for Story, with words wider than a line broken (MuPDF lets them run off)."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return html.escape(re.sub(r"\S{40,}", _fold_word, text))


def _fold_word(match: re.Match[str]) -> str:
    lines, line, width = [], "", 0.0
    for char in match.group(0):
        advance = _FONT.text_length(char, fontsize=_FONT_SIZE)
        if line and width + advance > _LINE_WIDTH:
            lines.append(line)
            line, width = "", 0.0
        line, width = line + char, width + advance
    return "\n".join([*lines, line])
