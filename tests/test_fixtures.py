"""The synthetic fixture generator (fixtures/generate.py): determinism, exact gold, extractable spans."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import phonenumbers
import pymupdf
import pytest
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "fixtures" / "generate.py"
ENTITIES = {
    "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "NL_BSN", "IBAN_CODE", "NL_ADDRESS", "NL_POSTCODE",
    "LOCATION", "NL_LICENSE_PLATE", "DATE_OF_BIRTH", "NL_ID_DOCUMENT",
}
KINDS = {"email", "letter", "form", "minutes"}
GENERIC_MAILBOXES = {"info", "woo", "postbus", "post", "gemeente", "woo-verzoeken"}
PLATE_LETTER = "[BDFGHJKLMNPRSTVXZ]"
SIDECODES = [  # sidecodes 4 to 11
    r"L{2}-\d{2}-L{2}", r"L{2}-L{2}-\d{2}", r"\d{2}-L{2}-L{2}", r"\d{2}-L{3}-\d", r"\d-L{3}-\d{2}",
    r"L{2}-\d{3}-L", r"L-\d{3}-L{2}", r"L{3}-\d{2}-L",
]
PLATE = re.compile("^(?:" + "|".join(s.replace("L", PLATE_LETTER) for s in SIDECODES) + ")$")


def generate(out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), *args],
        capture_output=True, text=True, timeout=300, check=True, cwd=REPO,
    )


def documents(out: Path, set_name: str = "woo") -> list[tuple[Path, dict, str]]:
    """(stem path, gold, txt) for every generated document of a set."""
    found = []
    for gold_path in sorted((out / set_name).glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        txt = gold_path.with_suffix(".txt").read_text("utf-8")
        found.append((gold_path.with_suffix(""), gold, txt))
    return found


def norm(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default run: 40 Woo documents and 20 prose documents."""
    out = tmp_path_factory.mktemp("fixtures40")
    generate(out, "--count", "40")
    return out


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    generate(a, "--count", "6", "--seed", "7")
    generate(b, "--count", "6", "--seed", "7")
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert len([f for f in files if f.suffix == ".pdf"]) == 6 + 3
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), f"{rel} differs between two runs"


def test_other_seed_gives_other_documents(tmp_path: Path) -> None:
    generate(tmp_path / "a", "--count", "2", "--seed", "1", "--set", "woo")
    generate(tmp_path / "b", "--count", "2", "--seed", "2", "--set", "woo")
    txt = "woo/email_0000.txt"
    assert (tmp_path / "a" / txt).read_text("utf-8") != (tmp_path / "b" / txt).read_text("utf-8")


def test_a_document_does_not_depend_on_count(tmp_path: Path, full: Path) -> None:
    generate(tmp_path, "--count", "3", "--set", "woo")
    for stem, _, txt in documents(tmp_path):
        assert (full / "woo" / f"{stem.name}.txt").read_text("utf-8") == txt


def test_gold_offsets_match_the_text(full: Path) -> None:
    for stem, gold, txt in documents(full) + documents(full, "prose"):
        assert gold["document"] == stem.name
        assert gold["pages"] == txt.count("\f") + 1
        last_end = -1
        for span in gold["spans"]:
            assert span["entity"] in ENTITIES
            assert txt[span["start"]:span["end"]] == span["text"], (stem, span)
            assert span["text"] == span["text"].strip() and "\n" not in span["text"]
            assert span["page"] == txt.count("\f", 0, span["start"]) + 1
            assert span["start"] >= last_end, f"overlapping or unsorted spans in {stem}"
            last_end = span["end"]
            assert isinstance(span["public_official"], bool)
            assert not span["public_official"] or span["entity"] == "PERSON"


def test_every_span_is_extractable_from_its_pdf_page(full: Path) -> None:
    for stem, gold, txt in documents(full) + documents(full, "prose"):
        with pymupdf.open(stem.with_suffix(".pdf")) as pdf:
            assert pdf.page_count == gold["pages"]
            pages = [norm(page.get_text()) for page in pdf]
        for page_text, placed in zip(pages, txt.split("\f"), strict=True):
            for line in placed.split("\n"):
                for part in line.split("\t"):
                    assert norm(part) in page_text, (stem, part)
        for span in gold["spans"]:
            assert norm(span["text"]) in pages[span["page"] - 1], (stem, span)


def test_numbers_are_formally_valid(full: Path) -> None:
    seen: dict[str, int] = {}
    for _, gold, _ in documents(full):
        for span in gold["spans"]:
            text, entity = span["text"], span["entity"]
            seen[entity] = seen.get(entity, 0) + 1
            if entity == "NL_BSN":
                assert re.fullmatch(r"\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}([ .-])\d{3}\1\d{3}", text), text
                assert std_bsn.is_valid(re.sub(r"\D", "", text)), text
            elif entity == "IBAN_CODE":
                assert text.startswith("NL") and std_iban.is_valid(text), text
            elif entity == "PHONE_NUMBER":
                assert phonenumbers.is_valid_number(phonenumbers.parse(text, "NL")), text
            elif entity == "NL_POSTCODE":
                assert re.fullmatch(r"[1-9]\d{3} ?[A-Z]{2}", text), text
                assert text[-2:] not in {"SA", "SD", "SS"}, text
            elif entity == "NL_LICENSE_PLATE":
                plate = text.upper().replace(" ", "-")  # also lower case, and blanks for dashes
                assert re.fullmatch(r"[0-9BDFGHJKLMNPRSTVXZ]{6}|[0-9BDFGHJKLMNPRSTVXZ-]{8}", plate), text
                assert "-" not in plate or PLATE.fullmatch(plate), text
            elif entity == "NL_ID_DOCUMENT":
                assert re.fullmatch(r"[A-NP-Z]{2}[A-NP-Z0-9]{6}\d", text), text
            elif entity == "EMAIL_ADDRESS":
                assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9-]+(\.[a-z0-9-]+)+", text), text
    assert seen.get("NL_BSN") and seen.get("IBAN_CODE")


def test_prose_set_has_no_spans(full: Path) -> None:
    prose = documents(full, "prose")
    assert len(prose) == 20
    for stem, gold, txt in prose:
        assert gold["spans"] == [], stem
        assert gold["kind"] == "prose"
        for address in re.findall(r"[\w.-]+@[\w.-]+\w", txt):  # only organisations' mailboxes
            assert address.split("@")[0] in GENERIC_MAILBOXES, (stem, address)


def test_every_entity_type_occurs_in_a_default_run(full: Path) -> None:
    index = json.loads((full / "index.json").read_text("utf-8"))
    counts = index["entity_counts_by_set"]["woo"]
    assert {e for e, n in counts.items() if n > 0} == ENTITIES
    assert index["public_officials"] > 0
    assert {d["kind"] for d in index["documents"] if d["set"] == "woo"} == KINDS
    assert len(index["documents"]) == 60
    assert all(n == 0 for n in index["entity_counts_by_set"]["prose"].values())


def test_index_matches_the_gold_files(full: Path) -> None:
    index = json.loads((full / "index.json").read_text("utf-8"))
    for entry in index["documents"]:
        gold = json.loads((full / f"{entry['name']}.json").read_text("utf-8"))
        assert entry["spans"] == len(gold["spans"])
        assert entry["pages"] == gold["pages"]
        for entity, n in entry["entities"].items():
            assert n == sum(1 for s in gold["spans"] if s["entity"] == entity)
    assert any(d["pages"] > 1 for d in index["documents"]), "no multi-page documents"


def test_set_option_writes_one_set(tmp_path: Path) -> None:
    generate(tmp_path, "--count", "4", "--set", "prose")
    assert not (tmp_path / "woo").exists()
    assert len(list((tmp_path / "prose").glob("*.pdf"))) == 2
    index = json.loads((tmp_path / "index.json").read_text("utf-8"))
    assert index["sets"] == ["prose"]


def test_generator_does_not_import_redact(tmp_path: Path) -> None:
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['generate.py', '--out', {str(tmp_path)!r}, '--count', '2']\n"
        "try:\n"
        f"    runpy.run_path({str(SCRIPT)!r}, run_name='__main__')\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "bad = sorted(m for m in sys.modules if m == 'redact' or m.startswith(('redact.', 'recognizers')))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300, cwd=tmp_path)


def load_generator():
    spec = importlib.util.spec_from_file_location("fixtures_generate", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_generator_fails_loudly_on_unextractable_or_unwrappable_spans() -> None:
    gen = load_generator()
    doc = gen.Doc("email", "123456")
    doc.p("Beste ", gen.per("Jan"), ", bel mij op ", gen.ent("PHONE_NUMBER", "06-12345678"), ".")
    rendered = gen.render(doc, "test")
    assert [s["text"] for s in rendered.spans] == ["Jan", "06-12345678"]
    placed = [page.split("\n") for page in rendered.txt.split("\f")]
    ghost = {**rendered.spans[0], "text": "Pieter"}
    with pytest.raises(AssertionError, match="not extractable"):
        gen.verify_pdf(rendered.pdf, placed, [ghost])
    too_long = gen.Doc("email", "123456")
    with pytest.raises(ValueError, match="does not fit"):
        too_long.p("Beste ", gen.per("-".join(["Jansen"] * 40)), ",")
