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


def test_full_span_recall_counts_a_name_with_a_readable_word_as_a_leak(tmp_path: Path) -> None:
    """Overlap finds "Jan de Vries" from "Vries" alone; full coverage does not."""
    from redact.evaluation import Span, _Doc, _score

    text = "Gesprek met Jan de Vries en Anna\nBakker over de aanvraag."
    gold = (Span("PERSON", 12, 24, "Jan de Vries", "d"), Span("PERSON", 28, 39, "Anna\nBakker", "d"))
    doc = _Doc("d", "letter", text, gold)
    predicted = [Span("PERSON", 19, 24, "Vries", "d"),  # the tail only
                 Span("PERSON", 28, 32, "Anna", "d"), Span("PERSON", 33, 39, "Bakker", "d")]
    score = _score("redact", [doc], [predicted], 1.0, 0)
    person = score.entity("PERSON")
    assert person is not None
    assert (person.found, person.full) == (2, 1)  # the line break inside a span needs no cover
    assert person.full_recall == 0.5
    assert [p.text for p in score.partial] == ["Jan de Vries"]
    assert "found only in part (1)" in render(
        __import__("redact.evaluation", fromlist=["EvalReport"]).EvalReport("g", 1, len(text), 0, score)
    )
