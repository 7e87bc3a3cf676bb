"""`lessonguard policy list | show | validate` as a technician would run them."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import tomli_w

from app.policy.loader import policies_dir
from tests.unit.test_cli import run


def test_policy_list_names_the_six_packs(tmp_path: Path) -> None:
    result = run("policy", "list", "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    ids = [p["id"] for p in json.loads(result.stdout)]
    assert ids == ["freemusictutors", "hms", "strict", "tutorninjas", "vto", "wsm"]


def test_policy_show_prints_each_rule_with_its_source(tmp_path: Path) -> None:
    result = run("policy", "show", "hms", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "recording.mode = \"forbidden\"" in out
    assert "source: 004_d11158dd60f46529.txt Conduct during online lessons: " \
           "“Online lessons are not recorded by HMS staff.”" in out
    assert "recording.retention_days = \"unspecified\"" in out
    assert "applies LessonGuard default: a recording is kept 30 days at most" in out
    shown = json.loads(run("policy", "show", "wsm", "--json", data_dir=tmp_path).stdout)
    keys = {r["key"] for r in shown["rules"]}
    assert "environment.background" in keys and "organisation.contacts[0]" in keys
    blur = next(r for r in shown["rules"] if r["key"] == "environment.background")
    assert blur["value"] == "blur" and "blurred backgrounds" in blur["source"]["quote"]


def test_policy_show_gives_each_rules_strength_role_and_lessonguards_defaults(
        tmp_path: Path) -> None:
    out = run("policy", "show", "hms", data_dir=tmp_path).stdout
    speed = out.split("network.min_upload_mbps = 2.0", 1)[1].split("\n")[1:3]
    assert "strength: recommended; for: everyone" in speed[1]  # "It is recommended that…"
    room = out.split("environment.room = ", 1)[1].split("\n")[1:4]
    assert any("for: tutor, pupil, responsible adult" in line for line in room)
    defaults = out.split("LessonGuard's own defaults in force under Hertfordshire Music Service",
                         1)[1]
    assert "supervision.sponsor_required: LessonGuard default" in defaults
    assert "environment.room" not in defaults  # HMS's own rule, not a default
    shown = json.loads(run("policy", "show", "wsm", "--json", data_dir=tmp_path).stdout)
    room_rule = next(r for r in shown["rules"] if r["key"] == "environment.room")
    assert room_rule["lessonguard_default"] is True
    assert "LessonGuard's; strength: required; for: tutor, pupil, responsible adult" in \
        room_rule["applied"]
    earshot = next(r for r in shown["rules"] if r["key"] == "supervision.bands")
    assert earshot["strength"] == "required" and earshot["applies_to"] == "everyone"


def test_policy_show_of_an_unknown_pack_is_a_usage_error(tmp_path: Path) -> None:
    result = run("policy", "show", "acme", data_dir=tmp_path)
    assert result.returncode == 2
    assert "no policy pack called 'acme'" in result.stderr and "hms" in result.stderr


def test_policy_validate_exits_0_or_2_listing_every_error(tmp_path: Path) -> None:
    good = policies_dir() / "tutorninjas.toml"
    ok = run("policy", "validate", str(good), data_dir=tmp_path)
    assert ok.returncode == 0 and "valid policy pack 'TutorNinjas'" in ok.stdout

    data = tomllib.loads(good.read_text())
    data["recording"]["retention_days"]["value"] = -1
    data["environment"]["backgrond"] = {"value": "blur"}
    del data["scheduling"]
    bad = tmp_path / "bad.toml"
    bad.write_text(tomli_w.dumps(data))
    result = run("policy", "validate", str(bad), data_dir=tmp_path)
    assert result.returncode == 2
    assert f"{bad}: NOT VALID" in result.stderr
    assert "recording.retention_days.value" in result.stderr
    assert "environment.backgrond: unknown key" in result.stderr
    assert "scheduling: missing" in result.stderr
    as_json = json.loads(run("policy", "validate", str(bad), "--json", data_dir=tmp_path).stdout)
    assert as_json["valid"] is False and len(as_json["problems"]) == 3


def test_the_app_refuses_a_bad_policy_before_opening(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text("id = 'x'\n")
    result = run("--policy", str(bad), data_dir=tmp_path)
    assert result.returncode == 2
    assert "is not valid" in result.stderr and "schema_version: missing" in result.stderr
