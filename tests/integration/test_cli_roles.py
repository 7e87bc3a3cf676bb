"""`recordings export` and `incident list` act as the person this computer is set up for
(`lessonguard setup --role`), never as a role typed with --as, as real `lessonguard` processes.
"""

from __future__ import annotations

from pathlib import Path

from app.store import Store
from tests.integration.test_incident_cli import make_incident
from tests.integration.test_record_cli import lg, lg_json
from tests.ui.test_incident_wizard import held_recording

PHRASE = "violet harbour 1947 quietly\n"  # a passphrase the export accepts


def recording(data_dir: Path) -> str:
    """A TutorNinjas recording made now: parents and pupils may play it, the tutor may not."""
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(data_dir)
    try:
        return held_recording(store, data_dir)
    finally:
        store.close()


def export(rec_id: str, out: Path, *extra: str) -> tuple[int, str]:
    phrase = out.parent / "phrase.txt"
    phrase.write_text(PHRASE)
    out.mkdir(exist_ok=True)
    done = lg("recordings", "export", rec_id, "--to", str(out), "--passphrase-file",
              str(phrase), *extra)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stderr


def test_a_tutor_computer_cannot_export_as_a_parent(isolated_dirs: Path,
                                                    tmp_path: Path) -> None:
    rec_id = recording(isolated_dirs)
    assert lg("setup", "--role", "tutor", "--name", "Pat Green").returncode == 0
    out = tmp_path / "out"
    code, err = export(rec_id, out, "--as", "responsible_adult")
    assert code == 2, err
    assert "set up for Pat Green (tutor)" in err and "not as responsible adult" in err
    assert not any(out.iterdir())  # nothing was written
    code, err = export(rec_id, out)  # as the tutor, whom TutorNinjas does not let play
    assert code == 1 and "does not let the tutor" in err
    assert not any(out.iterdir())
    code, err = export(rec_id, out, "--as", "organisation")
    assert code == 2 and "not as organisation" in err
    assert "No computer is set up as the organisation" in err and "incident export" in err
    assert not any(out.iterdir())


def test_a_parent_computer_exports_what_the_pack_lets_a_parent_play(
        isolated_dirs: Path, tmp_path: Path) -> None:
    rec_id = recording(isolated_dirs)
    assert lg("setup", "--role", "responsible_adult", "--name", "Jo Lee").returncode == 0
    out = tmp_path / "out"
    code, err = export(rec_id, out)  # no --as: the person set up here
    assert code == 0, err
    code, err = export(rec_id, tmp_path / "again", "--as", "responsible_adult")
    assert code == 0, err
    packages = [p for p in out.iterdir() if p.is_dir()]
    assert len(packages) == 1
    checked = lg("recordings", "verify-package", str(packages[0]), "--passphrase-file",
                 str(tmp_path / "phrase.txt"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    code, err = export(rec_id, tmp_path / "claimed", "--as", "tutor")
    assert code == 2 and "set up for Jo Lee (responsible adult)" in err


def test_a_computer_not_set_up_is_refused_in_the_words_play_uses(
        isolated_dirs: Path, tmp_path: Path) -> None:
    rec_id = recording(isolated_dirs)
    played = lg("recordings", "play", rec_id, "--as", "responsible_adult")
    assert played.returncode == 2 and "does not know who uses this computer" in played.stderr
    code, err = export(rec_id, tmp_path / "out", "--as", "responsible_adult")
    assert (code, err) == (2, played.stderr)
    assert not any((tmp_path / "out").iterdir())
    code, err = export(rec_id, tmp_path / "out")
    assert (code, err) == (2, played.stderr)
    listed = lg("incident", "list")
    assert (listed.returncode, listed.stderr) == (2, played.stderr)
    listed = lg("incident", "list", "--as", "tutor")
    assert (listed.returncode, listed.stderr) == (2, played.stderr)


def test_incident_list_shows_records_only_to_the_person_set_up_here(
        isolated_dirs: Path) -> None:
    incident_id, _ = make_incident(isolated_dirs, "inappropriate_language", set_up_as=None)
    assert lg("setup", "--role", "responsible_adult", "--name", "Jo Lee").returncode == 0
    refused = lg("incident", "list")  # once shown, as if a tutor were looking
    assert refused.returncode == 1 and "not shown to the responsible adult" in refused.stderr
    claimed = lg("incident", "list", "--as", "tutor")
    assert claimed.returncode == 2
    assert "set up for Jo Lee (responsible adult)" in claimed.stderr
    assert lg("setup", "--role", "school_staff", "--name", "Sam Hill").returncode == 0
    listed = lg("incident", "list", "--as", "school_staff")
    assert listed.returncode == 0 and f"{incident_id:>4}" in listed.stdout
    claimed = lg("incident", "list", "--as", "organisation")
    assert claimed.returncode == 2 and "not as organisation" in claimed.stderr


def test_incident_show_and_export_follow_the_same_rule(isolated_dirs: Path,
                                                       tmp_path: Path) -> None:
    """`incident show` and `incident export` asked nothing: anyone could read a child's
    words or take the package by typing the command (issue 18, item 10)."""
    incident_id, _ = make_incident(isolated_dirs, "inappropriate_language", set_up_as=None)
    out = tmp_path / "out"
    phrase = tmp_path / "phrase.txt"
    phrase.write_text(PHRASE)
    show = ("incident", "show", str(incident_id))
    take = ("incident", "export", str(incident_id), str(out), "--passphrase-file", str(phrase))
    not_set_up = lg("recordings", "play", "x")
    for args in (show, take):
        done = lg(*args)
        assert (done.returncode, done.stderr) == (2, not_set_up.stderr), args
    assert lg("setup", "--role", "responsible_adult", "--name", "Jo Lee").returncode == 0
    for args in (show, take):
        done = lg(*args)
        assert done.returncode == 1, args
        assert "not shown to the responsible adult" in done.stderr
        claimed = lg(*args, "--as", "tutor")
        assert claimed.returncode == 2 and "set up for Jo Lee (responsible adult)" in \
            claimed.stderr
    assert not out.exists() or not any(out.iterdir())  # nothing was written
    assert lg("setup", "--role", "school_staff", "--name", "Sam Hill").returncode == 0
    shown = lg(*show, "--as", "school_staff")
    assert shown.returncode == 0 and f"Incident {incident_id}" in shown.stdout
    claimed = lg(*take, "--as", "organisation")
    assert claimed.returncode == 2 and "not as organisation" in claimed.stderr
    done = lg(*take)
    assert done.returncode == 0, done.stderr
    exported = [e for e in lg_json("audit", "list") if e["action"] == "incident.exported"]
    assert [e["actor"] for e in exported] == ["Sam Hill (school staff), lessonguard incident "
                                              "export"]
