"""redact.fairness: the same documents with names of one origin at a time, scored per group."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from redact import fairness
from redact.errors import UsageError
from tests.conftest import redact

COUNT = 5  # documents per group: one of each kind and a second e-mail


def _stable(report: fairness.FairnessReport) -> dict[str, Any]:
    data = fairness.as_dict(report)
    del data["date"], data["seconds"]
    return data


def _frame(doc: fairness.GoldDoc) -> str:
    """The text with every gold span cut out, pages joined, whitespace folded: what surrounds names."""
    text, at, out = doc.text, 0, []
    for span in sorted(doc.spans, key=lambda s: s["start"]):
        out += [text[at:span["start"]], f"<{span['entity']}>"]
        at = span["end"]
    out.append(text[at:])
    framed = re.sub(r"\nPagina \d+ van \d+(?=\f|$)", " ", "".join(out))  # the page footer
    framed = re.sub(r"(^|\f)\d+\n", " ", framed)  # the document number heading each page
    return " ".join(framed.split())


def test_layout_is_what_the_generator_renders() -> None:
    gen = fairness.load_generator()
    for idx, doc in enumerate(fairness.build_documents(11, 3, None)):
        _, stem, built = gen.build("woo", idx, 11)
        rendered = gen.render(built, stem)
        assert doc.name == stem
        assert doc.text == rendered.txt
        assert list(doc.spans) == rendered.spans


def test_the_same_documents_with_other_names() -> None:
    by_group = {g.key: fairness.build_documents(3, COUNT, g) for g in fairness.GROUPS}
    nl = by_group["nl"]
    for key, docs in by_group.items():
        assert [d.name for d in docs] == [d.name for d in nl], key
        for doc, ref in zip(docs, nl, strict=True):
            assert _frame(doc) == _frame(ref), (key, doc.name)
            assert [s["entity"] for s in doc.spans] == [s["entity"] for s in ref.spans]
            for s in doc.spans:
                assert doc.text[s["start"]:s["end"]] == s["text"]
    # the names did change: no Turkish document shares a name with its Dutch twin
    for tr, ref in zip(by_group["tr"], nl, strict=True):
        persons = {s["text"] for s in tr.spans if s["entity"] == "PERSON" and len(s["text"]) > 3}
        assert not persons & {s["text"] for s in ref.spans if s["entity"] == "PERSON"}


def test_email_local_parts_follow_the_new_names() -> None:
    gen = fairness.load_generator()
    pool = json.loads(fairness.NAMES_FILE.read_text("utf-8"))["hi"]
    slugs = {gen.slug(n) for k in ("m", "f", "s") for n in pool[k]}
    docs = fairness.build_documents(5, COUNT, next(g for g in fairness.GROUPS if g.key == "hi"))
    mails = [s["text"] for d in docs for s in d.spans if s["entity"] == "EMAIL_ADDRESS"]
    assert mails
    for mail in mails:
        local = mail.split("@")[0]
        assert any(s and s in local for s in slugs), mail


def test_deterministic_and_per_group() -> None:
    first = fairness.evaluate_by_origin(seed=3, count=COUNT, groups=["nl", "tr", "hi"])
    second = fairness.evaluate_by_origin(seed=3, count=COUNT, groups=["hi", "tr", "nl"])
    assert _stable(first) == _stable(second)
    assert [g.key for g in first.groups] == ["nl", "tr", "hi"]
    golds = {g.gold for g in first.groups}
    assert len(golds) == 1 and golds.pop() > 20  # the same names to find in every group
    for g in first.groups:
        assert g.recall is not None and g.full_span_recall is not None
        assert 0.5 <= g.full_span_recall <= g.recall <= 1.0
        assert g.full <= g.found <= g.gold
    gap = first.gap()
    assert gap is not None
    recalls = [g.recall for g in first.groups if g.recall is not None]
    assert gap == pytest.approx(max(recalls) - min(recalls))
    table = fairness.render(first)
    for g in first.groups:
        assert g.label in table and g.source in table
    data = fairness.as_dict(first)
    assert data["data_set"] == {"generator": "fixtures/generate.py", "set": "woo", "seed": 3,
                                "documents_per_group": COUNT}
    assert set(data["groups"]) == {"nl", "tr", "hi"}
    assert data["gap"]["recall"]["value"] == gap


@pytest.mark.parametrize(("text", "found", "covered"), [
    ("Van: Jan Jansen", [(5, 15)], True),
    ("Van: Jan Jansen", [(5, 8), (9, 15)], True),  # the blank between is no letter
    ("Van: Jansen, J. (Jan)", [(5, 11), (13, 14), (17, 20)], True),  # punctuation may stay
    ("Van: Jansen, J. (Jan)", [(5, 11), (17, 20)], False),  # the initial is left readable
])
def test_full_span(text: str, found: list[tuple[int, int]], covered: bool) -> None:
    assert fairness._covered(5, len(text), text, found) is covered


def test_unknown_group_and_gold_dir_without_index(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown origin group"):
        fairness.evaluate_by_origin(count=1, groups=["xx"])
    with pytest.raises(UsageError, match="index.json"):
        fairness.settings_from_gold_dir(tmp_path)
    (tmp_path / "index.json").write_text(json.dumps(
        {"generator": "fixtures/generate.py", "seed": 9, "count": 12}), "utf-8")
    assert fairness.settings_from_gold_dir(tmp_path) == (9, 12)


def test_missing_faker_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "redact_fixtures_generate", raising=False)
    monkeypatch.setitem(sys.modules, "faker", None)  # import faker -> ImportError
    with pytest.raises(UsageError, match="needs Faker"):
        fairness.load_generator()


def test_cli_json_and_table() -> None:
    run = redact("eval", "--by-origin", "--count", "2", "--origins", "pl,ma", "--json", check=True)
    data = json.loads(run.stdout)
    assert list(data["groups"]) == ["pl", "ma"]
    assert data["groups"]["pl"]["source"].startswith("Faker ") and "pl_PL" in data["groups"]["pl"]["source"]
    run = redact("eval", "--by-origin", "--count", "2", "--origins", "nl", check=True)
    assert re.search(r"^Nederlands\s+\d+\s+\d\.\d{3}", run.stdout, re.M)
    bad = redact("eval")
    assert bad.returncode == 2 and "GOLD_DIR" in bad.stderr
