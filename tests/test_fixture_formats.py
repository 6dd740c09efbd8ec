"""The generated gold documents in other formats (fixtures/formats.py): scans, Word/RTF, e-mail."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import docx
import extract_msg
import pymupdf
import pytest
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
GENERATE = REPO / "fixtures" / "generate.py"
FORMATS = REPO / "fixtures" / "formats.py"
FOLDERS = ("scans", "office", "mail")
IMAGE_FORMATS = {"scan-pdf", "scan-mixed-pdf", "scan-tiff", "scan-png"}
# 6 Woo documents (email, letter, form, minutes, email, email) and 3 prose; 2 of each format.
ARGS = ("--count", "6", "--seed", "2026", "--formats", "--format-count", "2")


def generate(out: Path, *args: str) -> None:
    subprocess.run([sys.executable, str(GENERATE), "--out", str(out), *args],
                   capture_output=True, text=True, timeout=300, check=True, cwd=REPO)


def generate_without_redact(out: Path) -> None:
    """The same run in a process that then checks that neither script imported ``redact``."""
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['generate.py', '--out', {str(out)!r}, *{ARGS!r}]\n"
        "try:\n"
        f"    runpy.run_path({str(GENERATE)!r}, run_name='__main__')\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "bad = sorted(m for m in sys.modules if m == 'redact' or m.startswith(('redact.', 'recognizers')))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300, cwd=out.parent)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    a, b = tmp_path_factory.mktemp("formats_a"), tmp_path_factory.mktemp("formats_b")
    generate_without_redact(a)
    generate(b, *ARGS)
    return a, b


@pytest.fixture(scope="module")
def out(runs: tuple[Path, Path]) -> Path:
    return runs[0]


@pytest.fixture(scope="module")
def manifest(out: Path) -> dict:
    return json.loads((out / "formats.json").read_text("utf-8"))


def entries(manifest: dict, *formats: str) -> list[dict]:
    found = [e for e in manifest["files"] if e["format"] in formats]
    assert found, f"no {formats} in the manifest"
    return found


def load(out: Path, rel: str) -> dict:
    return json.loads((out / rel).read_text("utf-8"))


def source_gold(out: Path, entry: dict) -> dict:
    return load(out, f"{entry['source']}.json")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def norm(s: str) -> str:
    return " ".join(s.split())


def pixels(path: Path) -> list[bytes]:
    """The decoded pixels of every page or frame of an image file or an image-only PDF page."""
    if path.suffix == ".pdf":
        with pymupdf.open(path) as pdf:
            return [pymupdf.Pixmap(pdf, img[0]).samples for page in pdf for img in page.get_images()]
    with Image.open(path) as img:
        frames = []
        for n in range(getattr(img, "n_frames", 1)):
            img.seek(n)
            frames.append(img.tobytes())
        return frames


def read_eml(path: Path) -> EmailMessage:
    with path.open("rb") as f:
        msg = BytesParser(policy=policy.default).parse(f)
    assert isinstance(msg, EmailMessage)
    return msg


def people(msg: EmailMessage) -> list[tuple[str, str]]:
    return [(a.display_name, a.addr_spec) for key in ("From", "To", "Cc") if msg[key]
            for a in msg[key].addresses]


def eml_text(msg: EmailMessage) -> str:
    body = msg.get_body(("plain",))
    assert body is not None
    names = "\n".join(f"{n} <{a}>" for n, a in people(msg))
    return f"{names}\n{msg['Subject']}\n{body.get_content()}"


# --------------------------------------------------------------------------------------------------
# All formats
# --------------------------------------------------------------------------------------------------


def test_same_seed_gives_the_same_files(runs: tuple[Path, Path], manifest: dict) -> None:
    a, b = runs
    files = sorted(p.relative_to(a) for d in FOLDERS for p in (a / d).iterdir())
    assert files == sorted(p.relative_to(b) for d in FOLDERS for p in (b / d).iterdir())
    images = {e["file"] for e in manifest["files"] if e["format"] in IMAGE_FORMATS}
    for rel in files:
        if str(rel) in images:  # an image encoder may differ in bytes, never in pixels
            assert pixels(a / rel) == pixels(b / rel), f"{rel}: pixels differ between two runs"
        else:
            assert (a / rel).read_bytes() == (b / rel).read_bytes(), f"{rel} differs between two runs"


def test_every_format_is_written(manifest: dict) -> None:
    formats = {e["format"] for e in manifest["files"]}
    assert formats == {"scan-pdf", "scan-mixed-pdf", "scan-tiff", "scan-png", "docx", "rtf", "eml", "msg",
                       "pdf"}
    assert len(entries(manifest, "scan-pdf")) == 2 + 1  # two Woo documents and one prose document
    assert len(entries(manifest, "docx")) == 2
    originals = [e for e in entries(manifest, "eml") if not e.get("duplicate_of") and not e.get("quotes")]
    assert len(originals) == 2


def test_manifest_matches_the_files(out: Path, manifest: dict) -> None:
    listed = set()
    for e in manifest["files"]:
        data = (out / e["file"]).read_bytes()
        assert sha256(data) == e["sha256"], e["file"]
        assert (out / f"{e['source']}.pdf").is_file()
        gold = load(out, e["gold"])
        assert e["file"] in gold["files"] and gold["source"] == e["source"] and gold["offsets"] is False
        assert gold["document"] == Path(e["gold"]).stem
        listed |= {e["file"], e["gold"]}
    on_disk = {str(p.relative_to(out)) for d in FOLDERS for p in (out / d).iterdir()}
    assert on_disk == listed
    assert not [f for f in on_disk if f.endswith(".txt")], "a NAME.txt would make redact eval read offsets"


def test_duplicates_are_exact_copies_under_other_names(out: Path, manifest: dict) -> None:
    groups = manifest["duplicates"]
    assert {Path(g[0]).suffix for g in groups} == {".eml", ".pdf"}
    for group in groups:
        assert len(group) == len({Path(f).name for f in group}) >= 2
        assert len({sha256((out / f).read_bytes()) for f in group}) == 1, group
    for e in manifest["files"]:
        if e.get("duplicate_of"):
            assert any(e["file"] in g and e["duplicate_of"] == g[0] for g in groups)


def test_rerun_removes_only_its_own_earlier_output(out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    (copy / "mail" / "notes.txt").write_text("not ours", encoding="utf-8")
    subprocess.run([sys.executable, str(FORMATS), "--out", str(copy), "--count", "0"],
                   capture_output=True, timeout=120, check=True, cwd=REPO)
    assert [p.name for d in FOLDERS for p in (copy / d).iterdir()] == ["notes.txt"]
    assert json.loads((copy / "formats.json").read_text("utf-8"))["files"] == []
    assert (copy / "woo" / "email_0000.pdf").is_file()


def test_formats_are_only_written_by_default_for_the_default_folder(tmp_path: Path) -> None:
    generate(tmp_path, "--count", "1", "--set", "prose")
    assert not (tmp_path / "formats.json").exists()
    assert not any((tmp_path / d).exists() for d in FOLDERS)


# --------------------------------------------------------------------------------------------------
# Scans
# --------------------------------------------------------------------------------------------------


def test_scanned_pages_have_no_text_and_one_image_covering_the_page(out: Path, manifest: dict) -> None:
    for e in entries(manifest, "scan-pdf", "scan-mixed-pdf"):
        gold = load(out, e["gold"])
        with pymupdf.open(out / e["file"]) as pdf, pymupdf.open(out / f"{e['source']}.pdf") as src:
            assert len(pdf) == len(src) == gold["pages"]
            for pno, (page, original) in enumerate(zip(pdf, src, strict=True), start=1):
                assert page.rect == original.rect
                if pno not in gold["scanned_pages"]:
                    assert norm(page.get_text()) == norm(original.get_text())
                    continue
                assert page.get_text().strip() == "", f"{e['file']} page {pno} has a text layer"
                images = page.get_images(full=True)
                assert len(images) == 1
                (rect,) = page.get_image_rects(images[0][0])
                assert abs(rect - page.rect) < 0.01
                assert images[0][2] < page.rect.width * 3  # rendered at 150 dpi, not at the PDF's own size


def test_mixed_document_has_text_and_scanned_pages(out: Path, manifest: dict) -> None:
    (e,) = entries(manifest, "scan-mixed-pdf")
    assert e["scanned_pages"] == load(out, e["gold"])["scanned_pages"] == [2]
    with pymupdf.open(out / e["file"]) as pdf:
        assert pdf[0].get_text().strip() and not pdf[1].get_text().strip()


def test_tiff_and_png_are_page_images(out: Path, manifest: dict) -> None:
    (tif,) = entries(manifest, "scan-tiff")
    with Image.open(out / tif["file"]) as img:
        assert img.n_frames == tif["pages"] == load(out, tif["gold"])["pages"] >= 2
        assert img.mode == "1" and round(img.info["dpi"][0]) == 200
    (png,) = entries(manifest, "scan-png")
    with Image.open(out / png["file"]) as img:
        assert img.mode == "L" and round(img.info["dpi"][0]) == 150


def test_scan_skew_is_small_and_seeded(manifest: dict) -> None:
    skews = [s for e in entries(manifest, *IMAGE_FORMATS) for s in e["skew_degrees"]]
    assert all(0.3 <= abs(s) <= 1.5 for s in skews) and len(set(skews)) > 1


def test_scan_gold_is_the_source_gold(out: Path, manifest: dict) -> None:
    for e in entries(manifest, *IMAGE_FORMATS):
        gold, src = load(out, e["gold"]), source_gold(out, e)
        assert gold["scan_of"] == f"{e['source']}.pdf"
        assert gold["spans"] == [s for s in src["spans"] if s["page"] <= gold["pages"]]
    assert any(load(out, e["gold"])["spans"] for e in entries(manifest, "scan-pdf"))


# --------------------------------------------------------------------------------------------------
# Word and RTF
# --------------------------------------------------------------------------------------------------


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in document.sections for p in section.header.paragraphs]
    return "\n".join(parts)


def rtf_text(data: bytes) -> str:
    """Enough of RTF for our own files: \\uN? escapes, \\par, \\tab and escaped braces."""
    s = data.decode("ascii")
    s = re.sub(r"\\u(-?\d+)\?", lambda m: chr(int(m.group(1)) % 65536), s)
    s = s.replace("\\par", "\n").replace("\\tab ", "\t")
    s = re.sub(r"\\([{}\\])", r"\1", s)
    return s.encode("utf-16", "surrogatepass").decode("utf-16")


def test_docx_contains_every_gold_string(out: Path, manifest: dict) -> None:
    for e in entries(manifest, "docx"):
        text = docx_text(out / e["file"])
        gold = load(out, e["gold"])
        assert gold["spans"] == source_gold(out, e)["spans"]
        missing = [s["text"] for s in gold["spans"] if s["text"] not in text]
        assert not missing, f"{e['file']}: {missing}"


def test_docx_joins_wrapped_lines_and_holds_label_rows_in_tables(out: Path, manifest: dict) -> None:
    joined = False
    for e in entries(manifest, "docx"):
        document = docx.Document(str(out / e["file"]))
        lines = [ln for ln in (out / f"{e['source']}.txt").read_text("utf-8").splitlines() if ln.strip()]
        rows = [row for table in document.tables for row in table.rows]
        assert len(rows) == sum("\t" in ln for ln in lines)
        assert all(len(row.cells) == 2 for row in rows)
        paragraphs = [p for p in document.paragraphs if p.text]
        assert len(paragraphs) <= len(lines) - len(rows)
        joined |= len(paragraphs) < len(lines) - len(rows) - 2 * load(out, e["gold"])["pages"]
        with zipfile.ZipFile(out / e["file"]) as z:  # no clock in the bytes
            assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert document.core_properties.created == datetime(2026, 1, 1, tzinfo=UTC)
    assert joined, "no wrapped line was joined into a paragraph"


def test_rtf_contains_every_gold_string(out: Path, manifest: dict) -> None:
    (e,) = entries(manifest, "rtf")
    data = (out / e["file"]).read_bytes()
    assert data.startswith(b"{\\rtf1")
    text = rtf_text(data)
    missing = [s["text"] for s in load(out, e["gold"])["spans"] if s["text"] not in text]
    assert not missing


# --------------------------------------------------------------------------------------------------
# E-mail
# --------------------------------------------------------------------------------------------------


def test_eml_parses_and_carries_the_people_in_its_headers(out: Path, manifest: dict) -> None:
    for e in entries(manifest, "eml"):
        msg = read_eml(out / e["file"])
        for header in ("From", "To", "Date", "Subject", "Message-ID"):
            assert msg[header], f"{e['file']}: no {header}"
        assert msg["Date"].datetime.tzinfo is not None
        gold, src = load(out, e["gold"]), source_gold(out, e)
        texts = {s["text"] for s in gold["spans"]}
        personal = {s["text"] for s in src["spans"] if s["entity"] == "EMAIL_ADDRESS"}
        for name, addr in people(msg):
            if addr in personal:
                assert addr in texts and (not name or name in texts), (e["file"], name, addr)
            else:  # a general mailbox such as info@gemeente-utrecht.nl: not personal data
                assert addr not in texts
        text = eml_text(msg)
        missing = [s["text"] for s in gold["spans"] if s["text"] not in text]
        assert not missing, f"{e['file']}: {missing}"
        assert set(gold["not_in_file"]) == {s["text"] for s in src["spans"]} - texts


def test_attachments_are_known_documents(out: Path, manifest: dict) -> None:
    kinds = set()
    for e in entries(manifest, "eml", "msg"):
        if e["format"] != "eml":
            continue
        msg = read_eml(out / e["file"])
        got = {part.get_filename(): part.get_content() for part in msg.iter_attachments()}
        assert set(got) == {a["filename"] for a in e["attachments"]}
        for a in e["attachments"]:
            assert got[a["filename"]] == (out / a["same_as"]).read_bytes()
            assert load(out, a["gold"])["spans"], "an attachment with gold"
            kinds.add(Path(a["filename"]).suffix)
        gold = load(out, e["gold"])
        want = [a["filename"] for a in e["attachments"]]
        assert [x["filename"] for x in gold.get("attachments", [])] == want
    assert kinds == {".pdf", ".docx"}


def test_reply_quotes_the_original_in_full(out: Path, manifest: dict) -> None:
    (thread,) = [t for t in manifest["threads"] if t["file"].endswith(".eml")]
    reply, original = read_eml(out / thread["file"]), read_eml(out / thread["quotes"])
    assert reply["In-Reply-To"] == original["Message-ID"] and reply["Subject"].startswith("RE: ")
    assert reply["From"].addresses[0].addr_spec == original["To"].addresses[0].addr_spec
    body = reply.get_body(("plain",))
    quoted = original.get_body(("plain",))
    assert body is not None and quoted is not None
    text = body.get_content()
    sender = original["From"].addresses[0]
    assert re.search(rf"^Op \d+ \w+ \d{{4}} om \d\d:\d\d schreef {re.escape(sender.display_name)} "
                     rf"<{re.escape(sender.addr_spec)}>:$", text, re.M)
    for line in quoted.get_content().rstrip("\n").split("\n"):
        assert (f"> {line}" if line else ">") in text.split("\n")


def test_msg_reads_back_like_the_eml(out: Path, manifest: dict) -> None:
    for e in entries(manifest, "msg"):
        msg = read_eml(out / e["file"].replace(".msg", ".eml"))
        m = extract_msg.openMsg(str(out / e["file"]))
        try:
            assert m.subject == msg["Subject"]
            assert msg["From"].addresses[0].addr_spec in m.sender
            for key, got in (("To", m.to), ("Cc", m.cc)):
                want = [a.addr_spec for a in msg[key].addresses] if msg[key] else []
                assert re.findall(r"<([^<>]+)>", got or "") == want
            body = msg.get_body(("plain",))
            assert body is not None
            assert norm(m.body) == norm(body.get_content())
            assert m.date == msg["Date"].datetime
            got = {a.longFilename: a.data for a in m.attachments}
            assert got == {p.get_filename(): p.get_content() for p in msg.iter_attachments()}
        finally:
            m.close()
    assert any(e["attachments"] for e in entries(manifest, "msg"))
