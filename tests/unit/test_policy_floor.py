"""No pack can weaken LessonGuard's safety floor, take a shipped pack's identity, or pass off an
edited shipped pack as the real one; `lessonguard policy validate` shows each refusal."""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import os
import runpy
import shutil
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import tomli_w

from app.policy.loader import PolicyError, parse_pack, policies_dir
from tests.conftest import REPO
from tests.unit.test_cli import lessonguard_script

PACKS = REPO / "resources" / "policies"


def pack_data(pack_id: str) -> dict[str, Any]:
    return tomllib.loads((PACKS / f"{pack_id}.toml").read_text(encoding="utf-8"))


def own(data: dict[str, Any]) -> dict[str, Any]:
    """The same rules under an id and a name of the user's own."""
    data = copy.deepcopy(data)
    data["id"], data["name"] = "our-service", "Our music service"
    data["organisation"]["name"] = "Our music service"
    return data


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(PolicyError) as info:
        parse_pack(tomli_w.dumps(data).encode(), "ours.toml")
    return info.value.problems


def sourced(value: Any) -> dict[str, Any]:
    return {"value": value, "source": {"quote": "our own policy says so"}}


def lessonguard(*args: str, tmp_path: Path, resources: Path | None = None
                ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LESSONGUARD_DATA_DIR": str(tmp_path / "data")}
    env.pop("LESSONGUARD_RESOURCES", None)
    if resources is not None:
        env["LESSONGUARD_RESOURCES"] = str(resources)
    return subprocess.run([lessonguard_script(), *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)


# --- the floor ------------------------------------------------------------------------------

def test_a_required_recording_needs_a_consenter_and_always_the_responsible_adult() -> None:
    data = own(pack_data("tutorninjas"))
    assert data["recording"]["mode"]["value"] == "required"
    data["recording"]["consent_from"]["value"] = []
    problems = problems_of(data)
    assert len(problems) == 1 and problems[0].startswith("recording.consent_from.value: ")
    assert "at least one person whose consent is asked" in problems[0]

    data["recording"]["consent_from"]["value"] = ["tutor"]
    assert any(p.startswith("recording.consent_from.value: must include 'responsible_adult'")
               for p in problems_of(data))
    # Optional recording, or a forbidden one with an exception, is held to the same floor.
    hms = own(pack_data("hms"))
    hms["recording"]["consent_from"] = sourced([])
    assert any("recording.consent_from.value" in p for p in problems_of(hms))


def test_indecent_images_always_go_to_the_police_with_the_recording_kept() -> None:
    data = own(pack_data("tutorninjas"))
    indecent = data["incidents"]["indecent_images_of_child"]
    indecent["call_police"]["value"] = "never"
    indecent["preserve_recording"]["value"] = False
    problems = problems_of(data)
    assert any(p.startswith("incidents.indecent_images_of_child.call_police.value: ")
               and "'never'" in p for p in problems)
    assert any(p.startswith("incidents.indecent_images_of_child.preserve_recording.value: "
                            "must be true") for p in problems)
    indecent["call_police"]["value"] = "at_adult_discretion"
    indecent["preserve_recording"]["value"] = True
    assert [p.split(":")[0] for p in problems_of(data)] == [
        "incidents.indecent_images_of_child.call_police.value"]
    data["incidents"]["indecent_images_of_child"] = pack_data("tutorninjas")["incidents"][
        "indecent_images_of_child"]
    data["incidents"]["disclosure_of_abuse"]["call_police"]["value"] = "never"
    assert [p.split(":")[0] for p in problems_of(data)] == [
        "incidents.disclosure_of_abuse.call_police.value"]


@pytest.mark.parametrize(("bands", "refused_index"), [
    ([(0, 17, "none")], 0),
    ([(0, 12, "none"), (13, 17, "in_room_throughout")], 0),
    ([(0, 9, "in_room_throughout"), (10, 17, "none")], 1),
    ([(0, 12, "present_and_available"), (13, 17, "none")], None),  # the floor is under 13
])
def test_supervision_of_under_13s_is_never_below_the_floor(
        bands: list[tuple[int, int, str]], refused_index: int | None) -> None:
    data = own(pack_data("hms"))
    data["supervision"]["bands"]["value"] = [
        {"min_age": lo, "max_age": hi, "presence": presence,
         "source": {"quote": "our own policy says so"}} for lo, hi, presence in bands]
    if refused_index is None:
        parse_pack(tomli_w.dumps(data).encode(), "ours.toml")
        return
    problems = problems_of(data)
    assert problems == [
        f"supervision.bands.value[{refused_index}]: ages {bands[refused_index][0]} to "
        f"{bands[refused_index][1]} include children under 13, who need at least "
        "'present_and_available' (found 'none')"]


def test_recordings_are_not_kept_for_years_nor_played_back_by_the_tutor() -> None:
    data = own(pack_data("vto"))
    data["recording"]["retention_days"]["value"] = 3650
    data["recording"]["playback_days"]["value"] = 366
    data["recording"]["playback_roles"]["value"] = ["tutor", "pupil", "responsible_adult",
                                                    "school_staff", "organisation"]
    keys = [p.split(":")[0] for p in problems_of(data)]
    assert keys == ["recording.retention_days.value", "recording.playback_days.value",
                    "recording.playback_roles.value"]
    data["recording"]["retention_days"]["value"] = 365
    data["recording"]["playback_days"]["value"] = 365
    data["recording"]["playback_roles"]["value"] = ["pupil", "responsible_adult"]
    parse_pack(tomli_w.dumps(data).encode(), "ours.toml")


# --- a shipped pack's identity ---------------------------------------------------------------

def test_the_issues_forged_hms_is_refused_by_the_command_line(tmp_path: Path) -> None:
    forged = pack_data("hms")
    forged["recording"]["mode"] = sourced("required")
    forged["recording"]["consent_from"] = sourced([])
    path = tmp_path / "hms.toml"
    path.write_text(tomli_w.dumps(forged), encoding="utf-8")
    result = lessonguard("policy", "validate", str(path), tmp_path=tmp_path)
    assert result.returncode == 2, result.stdout
    assert f"{path}: NOT VALID" in result.stderr
    assert "recording.consent_from.value: a pack that lets lessons be recorded" in result.stderr

    forged["recording"]["consent_from"] = sourced(["responsible_adult"])
    path.write_text(tomli_w.dumps(forged), encoding="utf-8")
    result = lessonguard("policy", "validate", str(path), tmp_path=tmp_path)
    assert result.returncode == 2
    assert ("id: 'hms' is the id of LessonGuard's shipped pack 'Hertfordshire Music Service'"
            in result.stderr)
    assert ("name: 'Hertfordshire Music Service' is the name of LessonGuard's shipped pack "
            "'hms'" in result.stderr)
    assert "organisation.name: 'Hertfordshire Music Service'" in result.stderr
    # `--policy hms` is the shipped pack even with a file called hms in the current folder.
    (tmp_path / "hms").write_text(tomli_w.dumps(forged), encoding="utf-8")
    shown = lessonguard("policy", "show", "hms", tmp_path=tmp_path)
    assert shown.returncode == 0 and 'recording.mode = "forbidden"' in shown.stdout


def test_a_users_pack_may_not_take_a_shipped_name_but_may_copy_one_unchanged(
        tmp_path: Path) -> None:
    data = own(pack_data("wsm"))
    data["name"] = "  west sussex   MUSIC "
    path = tmp_path / "ours.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    result = lessonguard("policy", "validate", str(path), tmp_path=tmp_path)
    assert result.returncode == 2
    assert "is the name of LessonGuard's shipped pack 'wsm'" in result.stderr

    data["name"] = "Our music service"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    assert lessonguard("policy", "validate", str(path), tmp_path=tmp_path).returncode == 0

    copied = tmp_path / "copy-of-wsm.toml"
    shutil.copy(PACKS / "wsm.toml", copied)  # byte for byte the shipped pack: it is that pack
    result = lessonguard("policy", "validate", str(copied), tmp_path=tmp_path)
    assert result.returncode == 0 and "(wsm)" in result.stdout


# --- shipped packs as built ----------------------------------------------------------------

def resources_copy(tmp_path: Path) -> Path:
    """LessonGuard's resources with a policies folder of their own (the rest linked)."""
    copy_dir = tmp_path / "resources"
    copy_dir.mkdir()
    for item in (REPO / "resources").iterdir():
        if item.name != "policies":
            (copy_dir / item.name).symlink_to(item)
    shutil.copytree(PACKS, copy_dir / "policies")
    return copy_dir


def test_an_edited_shipped_pack_is_refused(tmp_path: Path) -> None:
    resources = resources_copy(tmp_path)
    shown = lessonguard("policy", "show", "hms", tmp_path=tmp_path, resources=resources)
    assert shown.returncode == 0, shown.stderr  # an unchanged copy is the shipped pack

    hms = resources / "policies" / "hms.toml"
    hms.write_text(hms.read_text(encoding="utf-8").replace(
        'value = "forbidden"', 'value = "optional"'), encoding="utf-8")
    for args in (("policy", "show", "hms"), ("policy", "list"),
                 ("policy", "validate", str(hms))):
        result = lessonguard(*args, tmp_path=tmp_path, resources=resources)
        assert result.returncode == 2, (args, result.stdout)
        assert "this is LessonGuard's shipped pack 'hms', and it was changed after " \
               "LessonGuard was built" in result.stderr, args
        assert "Traceback" not in result.stderr

    # A pack dropped into the folder is not a shipped pack.
    (resources / "policies" / "extra.toml").write_bytes((PACKS / "wsm.toml").read_bytes())
    hms.write_bytes((PACKS / "hms.toml").read_bytes())
    listed = lessonguard("policy", "list", "--json", tmp_path=tmp_path, resources=resources)
    assert listed.returncode == 0, listed.stderr
    assert '"extra"' not in listed.stdout and '"hms"' in listed.stdout


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_strict_pack",
                                                  REPO / "scripts" / "make_strict_pack.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_built_in_list_is_what_the_strict_pack_script_writes(tmp_path: Path) -> None:
    from app.policy import shipped_packs

    script = _script()
    assert (REPO / "app" / "policy" / "shipped_packs.py").read_text(encoding="utf-8") == \
        script.digest_module(PACKS), "run scripts/make_strict_pack.py"
    assert policies_dir() == PACKS
    for pack_id, digest in shipped_packs.SHA256.items():
        assert hashlib.sha256((PACKS / f"{pack_id}.toml").read_bytes()).hexdigest() == digest

    # Regenerating strict after a seed pack changed updates the list with it.
    folder = tmp_path / "policies"
    shutil.copytree(PACKS, folder)
    ninjas = folder / "tutorninjas.toml"
    ninjas.write_text(ninjas.read_text(encoding="utf-8").replace("value = 28", "value = 14"),
                      encoding="utf-8")
    digests = tmp_path / "shipped_packs.py"
    script.main(folder, digests)
    written = runpy.run_path(str(digests))
    assert load_strict_days(folder) == 14
    for pack_id in ("strict", "tutorninjas"):
        assert written["SHA256"][pack_id] == hashlib.sha256(
            (folder / f"{pack_id}.toml").read_bytes()).hexdigest()
        assert written["SHA256"][pack_id] != shipped_packs.SHA256[pack_id]
    assert written["SHA256"]["hms"] == shipped_packs.SHA256["hms"]
    assert written["NAMES"] == shipped_packs.NAMES


def load_strict_days(folder: Path) -> int:
    data = tomllib.loads((folder / "strict.toml").read_text(encoding="utf-8"))
    days = data["recording"]["retention_days"]["value"]
    assert isinstance(days, int)
    return days
