"""Children's data at rest: the data folder is its owner's alone, and an incident's
narrative never lies in the database as plain text.

Real parts: the real `lessonguard` command in a subprocess started with the usual umask 022,
real permissions read back with stat(), the real SQLite file read byte for byte.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.audit import AuditLog
from app.errors import LessonGuardError
from app.incidents import Incidents
from app.policy.loader import load_pack
from app.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    def loose_umask() -> None:
        os.umask(0o022)  # what a login shell usually has: files 0644, folders 0755

    return subprocess.run([sys.executable, "-m", "cli", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=120, check=False,
                          preexec_fn=loose_umask,
                          env={**os.environ, "LESSONGUARD_KEYSTORE": "file"})


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def everything(data_dir: Path) -> list[Path]:
    return [data_dir, *sorted(data_dir.rglob("*"))]


def assert_private(data_dir: Path) -> None:
    loose = {str(p): oct(mode(p)) for p in everything(data_dir)
             if mode(p) != (0o700 if p.is_dir() else 0o600)}
    assert not loose, f"readable or writable by others: {loose}"


def test_a_fresh_data_folder_is_created_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "fresh" / "LessonGuard"
    done = run(data, "audit", "list")
    assert done.returncode == 0, done.stderr
    for expected in (data, data / "logs", data / "logs" / "lessonguard.log",
                     data / "lessonguard.db"):
        assert expected.exists(), expected
    assert_private(data)
    # The database's journal files take its mode while a connection holds them open.
    conn = sqlite3.connect(data / "lessonguard.db")
    try:
        conn.execute("PRAGMA journal_mode").fetchone()
        conn.execute("SELECT count(*) FROM audit_log").fetchone()
        journals = [p for p in data.iterdir() if p.name.endswith(("-wal", "-shm"))]
        assert journals, "the database is in WAL mode"
        assert all(mode(p) == 0o600 for p in journals), {p.name: oct(mode(p))
                                                          for p in journals}
    finally:
        conn.close()


def test_an_older_versions_open_folder_is_tightened_at_start_and_logged_once(
        tmp_path: Path) -> None:
    data = tmp_path / "LessonGuard"
    assert run(data, "audit", "list").returncode == 0
    (data / "keys").mkdir(mode=0o755, exist_ok=True)
    (data / "keys" / "old.key").write_text("a key an older version left")
    for path in everything(data):  # as an older LessonGuard left it
        path.chmod(0o755 if path.is_dir() else 0o644)
    done = run(data, "audit", "list")
    assert done.returncode == 0, done.stderr
    assert_private(data)
    log = (data / "logs" / "lessonguard.log").read_text()
    said = [line for line in log.splitlines() if "tightened" in line]
    assert len(said) == 1, said
    assert "keys/old.key" in said[0] and "lessonguard.db" in said[0]
    assert run(data, "audit", "list").returncode == 0
    log = (data / "logs" / "lessonguard.log").read_text()
    assert len([line for line in log.splitlines() if "tightened" in line]) == 1


def test_the_repair_never_follows_a_link_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "shared.txt"
    outside.write_text("someone else's file")
    outside.chmod(0o644)
    data = tmp_path / "LessonGuard"
    data.mkdir()
    (data / "elsewhere").symlink_to(outside)
    assert run(data, "audit", "list").returncode == 0
    assert mode(outside) == 0o644


NARRATIVE = {
    "narrative": "Zanzibar-narrative: the pupil was asked for a photograph",
    "child_words": "Quetzal-words: he said not to tell my mum",
    "people_involved": "Marmalade-person, the second tutor",
    "actions_taken": "Wolfram-action: ended the call at once",
}
CHAT = "Obsidian-chat: send me a picture"


def database_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.glob("lessonguard.db*")))


def new_incidents(data_dir: Path) -> tuple[Store, Incidents]:
    store = Store(data_dir)
    return store, Incidents(store, data_dir)


@pytest.fixture
def file_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LESSONGUARD_KEYSTORE", "file")


@pytest.mark.usefixtures("file_keys")
def test_an_incidents_narrative_and_chat_are_never_plain_in_the_database(
        tmp_path: Path) -> None:
    store, incidents = new_incidents(tmp_path)
    incident = incidents.open(load_pack("vto"))
    incidents.record_details(incident.id, "Sam Tutor", **NARRATIVE)
    incidents.add_chat(incident.id, CHAT, "Sam Tutor")
    for words in [*NARRATIVE.values(), CHAT]:  # while the database is open, WAL and all
        assert words.split(":")[0].encode() not in database_bytes(tmp_path), words
    store.close()

    for words in [*NARRATIVE.values(), CHAT]:
        marker = words.split(":")[0].encode()
        assert marker not in database_bytes(tmp_path), words
        for path in tmp_path.rglob("*"):
            if path.is_file() and path.suffix != ".log":
                assert marker not in path.read_bytes(), (words, path)
    store, incidents = new_incidents(tmp_path)  # read back as before
    again = incidents.get(incident.id)
    assert again.details == NARRATIVE
    chat = next(e for e in again.evidence if e.kind == "chat")
    assert incidents.read_evidence(chat).decode() == CHAT
    store.close()


@pytest.mark.usefixtures("file_keys")
def test_details_moved_to_another_incident_are_refused(tmp_path: Path) -> None:
    store, incidents = new_incidents(tmp_path)
    first = incidents.open(load_pack("vto"))
    second = incidents.open(load_pack("vto"))
    incidents.record_details(first.id, "Sam Tutor", **NARRATIVE)
    with store.write() as db:
        db.execute("UPDATE incidents SET details = (SELECT details FROM incidents "
                   "WHERE id = ?) WHERE id = ?", [first.id, second.id])
    with pytest.raises(LessonGuardError, match="cannot be read"):
        incidents.get(second.id)
    store.close()


@pytest.mark.usefixtures("file_keys")
def test_plain_details_an_older_version_wrote_are_sealed_when_first_read(
        tmp_path: Path) -> None:
    store, incidents = new_incidents(tmp_path)
    incident = incidents.open(load_pack("vto"))
    store.close()
    conn = sqlite3.connect(tmp_path / "lessonguard.db")  # as an older LessonGuard stored it
    conn.execute("UPDATE incidents SET details = ? WHERE id = ?",
                 [json.dumps(NARRATIVE), incident.id])
    conn.commit()
    conn.close()
    assert b"Zanzibar-narrative" in database_bytes(tmp_path)

    store, incidents = new_incidents(tmp_path)
    assert incidents.list()[0].details == NARRATIVE
    assert incidents.get(incident.id).details == NARRATIVE
    assert AuditLog(store).verify().ok
    store.close()
    for words in NARRATIVE.values():
        assert words.split(":")[0].encode() not in database_bytes(tmp_path), words
