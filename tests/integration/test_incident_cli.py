"""`lessonguard incident list | show | export | verify` as real processes."""

from __future__ import annotations

import json
from pathlib import Path

from app.incidents import Incidents
from app.policy.loader import load_pack
from app.recordings import Recordings
from app.store import Store
from tests.integration.test_record_cli import lg, lg_json
from tests.ui.test_incident_wizard import held_recording


def make_incident(data_dir: Path, category: str) -> tuple[int, str]:
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(data_dir)
    try:
        pack = load_pack("tutorninjas")
        incidents = Incidents(store, data_dir)
        rec_id = held_recording(store, data_dir)
        incident = incidents.open(pack, actor="panic button")
        incidents.hold_recordings(incident.id, Recordings(store, data_dir), [rec_id],
                                  by="panic button", mark_s=3.0)
        incidents.set_reporter(incident.id, "responsible_adult", "Jo Lee")
        incidents.set_category(pack, incident.id, category)
        for step in incidents.get(incident.id).steps:
            incidents.tick_step(step.id, "Jo Lee")
        incidents.record_details(incident.id, "Jo Lee", narrative="What Jo saw.")
        return incident.id, rec_id
    finally:
        store.close()


def test_export_and_verify_name_what_changed(isolated_dirs: Path, tmp_path: Path) -> None:
    incident_id, _ = make_incident(isolated_dirs, "inappropriate_language")
    listed = lg_json("incident", "list")
    assert [i["id"] for i in listed] == [incident_id]
    assert listed[0]["category"] == "inappropriate_language"
    refused = lg("incident", "list", "--as", "pupil")
    assert refused.returncode == 1 and "not shown to the pupil" in refused.stderr
    shown = lg("incident", "show", str(incident_id))
    assert shown.returncode == 0 and "not done" not in shown.stdout
    package = Path(lg_json("incident", "export", str(incident_id), str(tmp_path))["package"])
    ok = lg("incident", "verify", str(package))
    assert ok.returncode == 0 and "signed by this installation" in ok.stdout
    report = json.loads((package / "report.json").read_text())
    assert report["incident"]["reporter"] == {"role": "responsible_adult", "name": "Jo Lee"}
    (package / "evidence" / "extra.txt").write_text("slipped in later")
    added = lg("incident", "verify", str(package), "--json")
    assert added.returncode == 1
    assert "evidence/extra.txt was added" in json.loads(added.stdout)["problems"][0]
    (package / "evidence" / "extra.txt").unlink()
    data = (package / "report.json").read_bytes()
    (package / "report.json").write_bytes(data.replace(b"Jo Lee", b"Jo Lea", 1))
    changed = lg("incident", "verify", str(package))
    assert changed.returncode == 1 and "report.json was changed" in changed.stdout
    manifest = package / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"incident_id": 1', '"incident_id": 2'))
    forged = lg("incident", "verify", str(package))
    assert forged.returncode == 1 and "does not match its signature" in forged.stdout


def test_a_sealed_recording_is_never_played(isolated_dirs: Path) -> None:
    _, rec_id = make_incident(isolated_dirs, "indecent_images_of_child")
    assert lg("setup", "--role", "responsible_adult", "--name", "Jo Lee").returncode == 0
    played = lg("recordings", "play", rec_id, "--as", "responsible_adult")
    assert played.returncode == 1 and "sealed for the police" in played.stderr
    exported = lg("recordings", "export", rec_id, "--to", str(isolated_dirs / "out"),
                  "--passphrase-file", "/dev/null", "--as", "organisation")
    assert exported.returncode == 1 and "sealed for the police" in exported.stderr


def test_a_folder_that_is_not_a_package_is_named(tmp_path: Path) -> None:
    for args in (("incident", "verify"), ("recordings", "verify-package")):
        done = lg(*args, str(tmp_path))
        assert done.returncode == 1
        assert f"{tmp_path} is not a LessonGuard package: it has no manifest.json" in done.stdout
