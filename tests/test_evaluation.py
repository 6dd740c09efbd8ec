"""redact.evaluation: scores per entity against gold, misses, false alarms, the text table."""

from __future__ import annotations

import json
from pathlib import Path

from redact.evaluation import evaluate, render


def _write(directory: Path, name: str, kind: str, pages: list[str], spans: list[tuple[str, str]]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    text = "\f".join(pages)
    gold = []
    for entity, piece in spans:
        start = text.index(piece)
        gold.append({"entity": entity, "text": piece, "start": start, "end": start + len(piece),
                     "page": text[:start].count("\f") + 1, "public_official": False})
    (directory / f"{name}.txt").write_text(text, "utf-8")
    (directory / f"{name}.json").write_text(
        json.dumps({"document": name, "kind": kind, "pages": len(pages), "spans": gold}), "utf-8"
    )


def test_evaluate_and_render(tmp_path: Path) -> None:
    _write(tmp_path / "woo", "email_0000", "email",
           ["Van: Jan de Vries\nBeste Anna,\nBel 06-12345678.", "Groet,\nKees Bakker"],
           [("PERSON", "Jan de Vries"), ("PERSON", "Anna"), ("PERSON", "Kees Bakker"),
            ("PHONE_NUMBER", "06-12345678"),
            ("NL_BSN", "06-12345678")])  # a gold span nobody can find: a miss
    _write(tmp_path / "prose", "prose_0000", "prose",
           ["Het college van Utrecht besloot op 3 maart 2024 tot de regeling. Geachte heer Arts,"], [])
    report = evaluate(tmp_path, with_deduce=False)
    assert report.documents == 2
    person = report.ours.entity("PERSON")
    assert person is not None and person.gold == 3 and person.found == 3
    assert [m.entity for m in report.ours.misses] == ["NL_BSN"]
    assert [a.text for a in report.ours.false_alarms] == ["Arts"]
    assert report.ours.false_alarms_per_1k_words > 0
    table = render(report)
    assert "PERSON" in table and "overall" in table and "misses (1)" in table
    assert "deduce: not run" in table
