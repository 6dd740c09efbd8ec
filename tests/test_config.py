"""Configuration: packaged defaults, a user overlay, validation, a stable hash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redact.cli import expand_nargs
from redact.config import load_config, thaw
from redact.errors import UsageError
from redact.grounds import GROUND_CODES, GROUNDS, LABELS_EN


def test_defaults_map_bsn_to_its_own_ground() -> None:
    config = load_config()
    assert config.ground_for("NL_BSN") == "5.1.1e"
    assert config.ground_for("PERSON") == "5.1.2e"
    assert config.sha256 == load_config().sha256


def test_overlay_changes_the_hash(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"grounds": {"PERSON": "5.1.1d"}, "threshold": 0.6}))
    config = load_config(path)
    assert config.ground_for("PERSON") == "5.1.1d" and config.ground_for("NL_BSN") == "5.1.1e"
    assert config.threshold == 0.6 and config.sha256 != load_config().sha256
    with pytest.raises(TypeError):
        config.grounds["PERSON"] = "x"  # type: ignore[index]


def test_config_is_frozen_all_the_way_down() -> None:
    config = load_config()
    with pytest.raises(TypeError):
        config.raw["grounds"]["PERSON"] = "5.1.1d"
    with pytest.raises(TypeError):
        config.raw["limits"]["max_pages"] = 1
    with pytest.raises(AttributeError):
        config.raw["public_officials"]["names"].append("Jan Jansen")
    with pytest.raises(TypeError):
        config.raw["always_redact"][0:0] = ["x"]
    assert config.ground_for("PERSON") == "5.1.2e" and config.sha256 == load_config().sha256
    plain = thaw(config.raw)
    plain["public_officials"]["names"].append("Jan Jansen")  # a thawed copy is the caller's own
    assert "Jan Jansen" not in config.raw["public_officials"]["names"]


def test_every_woo_ground_is_defined_once_with_labels_and_a_motivation() -> None:
    expected = ([f"5.1.1{c}" for c in "abcde"] + [f"5.1.2{c}" for c in "abcdefghi"]
                + ["5.1.5", "5.2"])
    assert list(GROUNDS) == expected and GROUND_CODES == set(expected)
    for code, ground in GROUNDS.items():
        assert ground.code == code and ground.label_nl and LABELS_EN[code] == ground.label_en
        assert "artikel 5." in ground.motivation_nl and ground.motivation_nl.endswith("Woo).")
    assert LABELS_EN["5.1.2e"] == "respect for personal privacy"
    assert all(load_config().ground_for(e) in GROUND_CODES for e in load_config().entities)


@pytest.mark.parametrize(
    "overlay,message",
    [
        ({"treshold": 0.5}, "unknown key"),
        ({"threshold": 2}, "threshold"),
        ({"grounds": {"PERSON": "5.1.9z"}}, "unknown legal ground"),
        ({"grounds": {"NAAM": "5.1.2e"}}, "unknown entity"),
        ({"entities": ["PERSON", "SHOE_SIZE"]}, "unknown entities"),
    ],
)
def test_bad_configuration_is_refused(tmp_path: Path, overlay: dict, message: str) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(overlay))
    with pytest.raises(UsageError, match=message):
        load_config(path)


@pytest.mark.parametrize(
    "argv,expected",
    [
        (["decide", "ws", "--accept", "PERSON", "EMAIL_ADDRESS"],
         ["decide", "ws", "--accept", "PERSON", "--accept", "EMAIL_ADDRESS"]),
        (["decide", "--accept", "PERSON", "ws"], ["decide", "--accept", "PERSON", "ws"]),
        (["decide", "ws", "--reject", "URL", "IP_ADDRESS", "--accept-all"],
         ["decide", "ws", "--reject", "URL", "--reject", "IP_ADDRESS", "--accept-all"]),
        (["scan", "PERSON"], ["scan", "PERSON"]),
    ],
)
def test_entity_lists_after_accept_and_reject(argv: list[str], expected: list[str]) -> None:
    assert expand_nargs(argv) == expected
