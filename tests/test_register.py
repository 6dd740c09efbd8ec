"""redact.register: the Algoritmeregister entry and impact answers, regenerated and checked."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from redact import evaluation, fairness, register
from redact.config import load_config
from redact.errors import UsageError
from tests.conftest import REPO, redact

STANDARD = REPO.parent / "shared" / "woo-standards" / "algoritmeregister-publicatiestandaard-velden.md"
EXAMPLE = REPO / "docs" / "register-settings.example.json"
PROSE = register.DEV_PROSE


def _standard_fields() -> list[tuple[str, str, str, str, int | None]]:
    """(section, heading, voorkeursterm, Altijd tonen, limit) as the standard's document lists them."""
    out: list[tuple[str, str, str, str, int | None]] = []
    section = ""
    for block in re.split(r"\n(?=##+ )", STANDARD.read_text("utf-8")):
        title, _, body = block.partition("\n")
        if title.startswith("## "):
            section = title[3:].strip()
        elif title.startswith("### "):
            term = re.search(r"<dfn>(.*?)</dfn>", body)
            shown = re.search(r"\*\*Altijd tonen\*\*\s*\|(.*)\|", body)
            kind = re.search(r"\*\*Invoertype\*\*\s*\|(.*)\|", body)
            assert term and shown and kind, title
            limit = re.search(r"<(\d+) tekens", kind.group(1))
            out.append((section, title[4:].strip(), term.group(1), shown.group(1).strip(),
                        int(limit.group(1)) if limit else None))
    return out


@pytest.mark.skipif(not STANDARD.is_file(), reason="the standard's text is not in ../shared")
def test_fields_are_the_standards() -> None:
    ours = [(s.lower(), h, t, shown, limit) for s, h, t, shown, limit in register.STANDARD_FIELDS]
    theirs = [(s.lower(), h, t, shown, limit) for s, h, t, shown, limit in _standard_fields()]
    assert ours == theirs


def _eval_json(gold: Path, out: Path) -> dict[str, Any]:
    run = redact("eval", str(gold), "--no-deduce", "--json", check=True)
    out.write_text(run.stdout, "utf-8")
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def _check_figures(entry: dict[str, Any], generated: dict[str, Any], fair: dict[str, Any],
                   prose: dict[str, Any] | None, texts: list[str]) -> None:
    """Every figure in the entry equals the evaluation it came from, and the texts quote it."""
    m = entry["metingen"]
    g = m["gegenereerde_set"]
    ours = generated["ours"]
    assert g["recall"] == ours["overall"]["recall"]
    assert g["precisie"] == ours["overall"]["precision"]
    assert g["recall_PERSON"] == ours["entities"]["PERSON"]["recall"]
    assert g["precisie_PERSON"] == ours["entities"]["PERSON"]["precision"]
    assert g["valse_meldingen_per_1000_woorden"] == ours["false_alarms_per_1k_words"]
    assert g["datum"] == generated["date"] and g["versie"] == generated["tool_version"]
    for name, e in ours["entities"].items():
        assert g["per_soort"][name] == {"gold": e["gold"], "recall": e["recall"], "precisie": e["precision"]}
    f = m["herkomst_namen"]
    assert f["verschil_recall"] == fair["gap"]["recall"]["value"]
    assert f["verschil_volledige_recall"] == fair["gap"]["full_span_recall"]["value"]
    assert f["datum"] == fair["date"] and f["versie"] == fair["tool_version"]
    assert f["dataset"] == fair["data_set"]
    for key, grp in fair["groups"].items():
        assert f["groepen"][key]["recall"] == grp["recall"]
        assert f["groepen"][key]["volledige_recall"] == grp["full_span_recall"]
        assert f["groepen"][key]["precisie"] == grp["precision"]
    if prose is not None:
        p = m["gemeentelijk_proza"]
        assert p["valse_meldingen_per_1000_woorden"] == prose["ours"]["false_alarms_per_1k_words"]
        assert p["recall_PERSON"] == prose["ours"]["entities"]["PERSON"]["recall"]
    quoted = [register.pct(g["recall"]), register.pct(g["recall_PERSON"]), register.pct(g["precisie"]),
              register.points(f["verschil_recall"]),
              *(register.pct(grp["recall"]) for grp in fair["groups"].values())]
    if prose is not None:
        quoted.append(register.per_1k(prose["ours"]["false_alarms_per_1k_words"]))
    for text in texts:
        for figure in quoted:
            assert figure in text, figure


def test_register_from_measurements(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    register.write_generated_gold(gold, 5, 5)
    generated = _eval_json(gold, tmp_path / "generated.json")
    assert generated["tool_version"] and generated["date"]
    prose = _eval_json(PROSE, tmp_path / "prose.json") if PROSE.is_dir() else None
    run = redact("eval", "--by-origin", "--count", "3", "--json", check=True)
    (tmp_path / "fair.json").write_text(run.stdout, "utf-8")
    fair = json.loads(run.stdout)
    files = ["--measurements", str(tmp_path / "generated.json"),
             "--measurements", str(tmp_path / "fair.json")]
    if prose is not None:
        files += ["--measurements", str(tmp_path / "prose.json")]
    out = tmp_path / "out"
    run = redact("register", "--out", str(out), "--settings", str(EXAMPLE), *files, check=True)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["algoritmeregister.html", "algoritmeregister.json", "algoritmeregister.md",
                     "impacttoets.html", "impacttoets.md"]
    entry = json.loads((out / "algoritmeregister.json").read_text("utf-8"))
    fields = entry["registratie"]
    settings = json.loads(EXAMPLE.read_text("utf-8"))
    for _section, _heading, key, shown, limit in register.STANDARD_FIELDS:
        assert key in fields
        if shown in register.REQUIRED_SHOWN:
            assert fields[key], key  # the example settings fill every required field
        if isinstance(fields[key], str) and limit:
            assert len(fields[key]) < limit, key
        if key in settings:
            assert fields[key] == settings[key]
    assert fields["Taal"] == "nld" and fields["Schema"] == "1.0.0"
    assert entry["ontbrekend"] == {}
    texts = [(out / n).read_text("utf-8") for n in ("algoritmeregister.md", "algoritmeregister.html",
                                                     "impacttoets.md", "impacttoets.html")]
    _check_figures(entry, generated, fair, prose, texts)
    for text in texts:
        assert register.MISSING not in text
        assert "Gemeente Voorbeeld" in text or "algoritmes@voorbeeld.example.nl" in text
    # regenerated from the same measurements: the same files
    again = tmp_path / "again"
    redact("register", "--out", str(again), "--settings", str(EXAMPLE), *files, check=True)
    for name in names:
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_register_runs_the_evaluations(tmp_path: Path) -> None:
    config = load_config()
    written = register.generate(tmp_path / "out", config, None, (), eval_count=5, fairness_count=2)
    assert {p.name for p in written.files} >= {"algoritmeregister.json", "impacttoets.md"}
    entry = json.loads((tmp_path / "out" / "algoritmeregister.json").read_text("utf-8"))
    gold = tmp_path / "gold"
    register.write_generated_gold(gold, register.EVAL_SEED, 5)
    generated = evaluation.as_dict(evaluation.evaluate(gold, config, with_deduce=False))
    fair = fairness.as_dict(fairness.evaluate_by_origin(count=2, config=config))
    prose = (evaluation.as_dict(evaluation.evaluate(PROSE, config, with_deduce=False))
             if PROSE.is_dir() else None)
    texts = [(tmp_path / "out" / n).read_text("utf-8") for n in ("algoritmeregister.md", "impacttoets.md")]
    _check_figures(entry, generated, fair, prose, texts)
    assert entry["metingen"]["gegenereerde_set"]["dataset"]["seed"] == register.EVAL_SEED
    # without settings the organisation's required fields are marked, not invented
    for key in ("Organisatie", "Contactgegevens", "Status"):
        assert entry["registratie"][key] is None and key in entry["ontbrekend"]
    assert entry["registratie"]["Publicatiecategorie"] == register.PROPOSED_CATEGORY
    assert "Publicatiecategorie" in entry["toelichting"]
    for _section, _heading, key, shown, _limit in register.STANDARD_FIELDS:
        if shown in register.REQUIRED_SHOWN:
            assert entry["registratie"][key] or key in entry["ontbrekend"], key
    md = (tmp_path / "out" / "algoritmeregister.md").read_text("utf-8")
    assert md.count(register.MISSING) >= 3
    html = (tmp_path / "out" / "algoritmeregister.html").read_text("utf-8")
    assert 'class="missing"' in html


def test_the_tool_as_it_is() -> None:
    config = load_config()
    events = register.audit_events()
    assert {"scan", "proposals", "decision", "apply", "verify"} <= set(events)
    undescribed = sorted(set(events) - set(register.AUDIT_EVENTS))
    assert not undescribed, f"describe these audit events in redact/register.py AUDIT_EVENTS: {undescribed}"
    assert set(config.entities) <= set(register.ENTITY_NL)
    technical = register._technical(config, {}, "x")
    for fact in register.recognisers(config):
        assert fact.name in technical
        assert all(ground in technical for ground in fact.grounds)
    assert "niet zelflerend" in technical
    assert "NlPersonLearned" in technical and "leert niet bij" in technical  # the trained part, said plainly


@pytest.mark.parametrize(("settings", "message"), [
    ({"Organisation": "x"}, "unknown field"),
    ({"Status": "Actief"}, "Status must be"),
    ({"Begindatum": "januari 2026"}, "yyyy-mm"),
    ({"Contactgegevens": "bel ons"}, "Contactgegevens"),
    ({"Publicatiecategorie": "Laag"}, "Publicatiecategorie"),
])
def test_settings_are_checked(tmp_path: Path, settings: dict[str, str], message: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(settings), "utf-8")
    with pytest.raises(UsageError, match=message):
        register.load_settings(path)


def test_measurement_files_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"something": 1}), "utf-8")
    with pytest.raises(UsageError, match="--json output"):
        register.read_measurements([path])


def test_the_entry_follows_the_configuration(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"box_style": "white", "email_local_part_only": True,
                                "ocr": {"enabled": False}, "grounds": {"NL_BSN": "5.1.2e"}}), "utf-8")
    entry = register.build_entry(load_config(path), {}, register.Measurements())
    fields = entry.fields
    assert "wit vlak" in fields["Impact"]
    assert "OCR staat uit" in fields["Technische werking"]
    assert "alleen het deel voor de @" in fields["Technische werking"]
    assert "NlBsnRecognizer (NL_BSN; grond 5.1.2e)" in fields["Technische werking"]
    assert "niet gemeten" in fields["Risicobeheer"]  # no measurements: said, not invented
