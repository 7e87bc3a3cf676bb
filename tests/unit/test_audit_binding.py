"""Records bound to the keyed audit chain, and tampering as someone with the user's files
would try it: each case through the real `lessonguard audit verify` (exit 1, the problem
named) and the consent gate (`lessonguard consent status`)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import app.audit as audit_mod
from app.consent import Consents
from app.lessons import Lessons
from app.people import People
from app.policy.loader import load_pack
from app.store import DB_NAME, Store

EXE = Path(sys.executable).with_name("lessonguard")
MIRROR_NAME = "audit-head.json"  # the head kept outside the database (app/audit.py)
PACK = "tutorninjas"  # records lessons only with the responsible adult's consent


@pytest.fixture(autouse=True)
def keys_in_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chain key in the data folder's key folder: the same for this process and the
    `lessonguard` processes the tests start (no keyring on a test machine)."""
    monkeypatch.setenv("LESSONGUARD_KEYSTORE", "file")


def lg(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LESSONGUARD_DATA_DIR": str(data)}
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env,
                          timeout=120)


def ok(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = lg(data, *args)
    assert done.returncode == 0, done.stderr
    return done


def family(data: Path) -> None:
    """A pupil, her mother and the mother's consent (consent 1), written by LessonGuard's
    own code into a real database file."""
    store = Store(data)
    try:
        people = People(store)
        pupil = people.add("pupil", "Amy Lee", age_band="11-12")
        mum = people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
        Consents(store).grant(load_pack(PACK), pupil.id, mum.id, "Jo Lee")
    finally:
        store.close()


def withdraw(data: Path) -> None:
    store = Store(data)
    try:
        Consents(store).withdraw(1, "Jo Lee", "changed our minds")
    finally:
        store.close()


def may_record(data: Path) -> dict[str, object]:
    done = lg(data, "consent", "status", "--pupil", "1", "--policy", PACK, "--json")
    assert done.returncode in (0, 1), done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def verify_fails(data: Path, *expected: str) -> str:
    done = lg(data, "audit", "verify")
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "tampered" in done.stdout and "Traceback" not in done.stderr
    for words in expected:
        assert words in done.stdout, done.stdout
    return done.stdout


def sql(data: Path, *statements: str) -> None:
    """What someone with the sqlite3 tool and the user's files could do."""
    conn = sqlite3.connect(data / DB_NAME)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def withdrawn(data: Path) -> Path:
    data.mkdir()
    family(data)
    assert may_record(data)["may_record"] is True
    withdraw(data)
    ok(data, "audit", "verify")
    return data


def test_a_withdrawn_consent_set_back_by_sql_is_found_and_does_not_count(
        tmp_path: Path) -> None:
    data = withdrawn(tmp_path / "lg")
    sql(data, "UPDATE consents SET withdrawn_at = NULL, withdrawn_by = NULL, "
              "withdraw_reason = NULL WHERE id = 1")
    verify_fails(data, "consents record 1 was changed outside LessonGuard")
    status = may_record(data)
    assert status["may_record"] is False and status["consent_ids"] == []
    assert "Consent record 1 was changed outside LessonGuard" in str(status["message"])


def test_a_consent_inserted_by_sql_is_found_and_does_not_count(tmp_path: Path) -> None:
    data = withdrawn(tmp_path / "lg")
    conn = sqlite3.connect(data / DB_NAME)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM consents WHERE id = 1").fetchone())
    row.update(id=2, withdrawn_at=None, withdrawn_by=None, withdraw_reason=None)
    conn.execute(f"INSERT INTO consents ({', '.join(row)}) VALUES "
                 f"({', '.join('?' * len(row))})", list(row.values()))
    conn.commit()
    conn.close()
    verify_fails(data, "consents record 2 was added outside LessonGuard")
    assert may_record(data)["may_record"] is False


def test_cutting_entries_off_the_end_and_moving_the_head_is_found(tmp_path: Path) -> None:
    data = withdrawn(tmp_path / "lg")
    conn = sqlite3.connect(data / DB_NAME)
    last = conn.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
    conn.close()
    # Drop every guard, take the withdrawal's entry away, restore the consent, move the
    # head back, and put the guards back exactly as they were.
    guards = dict(sqlite3.connect(data / DB_NAME).execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
    sql(data, *[f"DROP TRIGGER {name}" for name in guards],
        f"DELETE FROM audit_log WHERE id = {last}",
        "UPDATE consents SET withdrawn_at = NULL, withdrawn_by = NULL, "
        "withdraw_reason = NULL WHERE id = 1",
        f"UPDATE audit_head SET count = {last - 1}, hash = (SELECT hash FROM audit_log "
        f"WHERE id = {last - 1})", *guards.values())
    verify_fails(data, f"but {last} were recorded outside the database")
    assert may_record(data)["may_record"] is False


def test_insert_or_replace_cannot_rewrite_an_entry(tmp_path: Path) -> None:
    data = withdrawn(tmp_path / "lg")
    conn = sqlite3.connect(data / DB_NAME)
    conn.row_factory = sqlite3.Row
    last = dict(conn.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1").fetchone())
    forged = {**last, "action": "nothing.happened"}
    forged["hash"] = audit_mod._row_hash(forged)
    columns = ", ".join(forged)
    marks = ", ".join("?" * len(forged))
    # The guards are in place: the database refuses it (it would delete without firing
    # the delete guard).
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(f"INSERT OR REPLACE INTO audit_log ({columns}) VALUES ({marks})",
                     list(forged.values()))
    conn.rollback()
    # Someone who lifts that guard first and moves the head along is still found: without
    # the chain's key the replaced entry's seal is wrong.
    guard = conn.execute("SELECT sql FROM sqlite_master WHERE name = "
                         "'audit_log_appends_in_order'").fetchone()[0]
    conn.execute("DROP TRIGGER audit_log_appends_in_order")
    conn.execute("DROP TRIGGER audit_head_update_names_last")
    conn.execute(f"INSERT OR REPLACE INTO audit_log ({columns}) VALUES ({marks})",
                 list(forged.values()))
    conn.execute("UPDATE audit_head SET hash = ?", [forged["hash"]])
    conn.execute(guard)
    conn.commit()
    conn.close()
    verify_fails(data, f"entry {last['id']} (nothing.happened) was edited",
                 "the guard audit_head_update_names_last")


def test_a_dropped_guard_is_found(tmp_path: Path) -> None:
    data = withdrawn(tmp_path / "lg")
    sql(data, "DROP TRIGGER audit_log_no_update")
    verify_fails(data, "the guard audit_log_no_update, which keeps the audit log "
                       "append-only, was removed")
    assert may_record(data)["may_record"] is False  # nothing on file is vouched for now


def test_a_chain_recomputed_without_the_key_is_found(tmp_path: Path) -> None:
    data = withdrawn(tmp_path / "lg")
    conn = sqlite3.connect(data / DB_NAME)
    conn.row_factory = sqlite3.Row
    guards = dict(conn.execute("SELECT name, sql FROM sqlite_master "
                               "WHERE type = 'trigger'").fetchall())
    for name in guards:
        conn.execute(f"DROP TRIGGER {name}")
    # Restore the consent, rewrite the withdrawal's entry to agree with it, and recompute
    # every seal from the first entry on, as the chain used to be computed.
    conn.execute("UPDATE consents SET withdrawn_at = NULL, withdrawn_by = NULL, "
                 "withdraw_reason = NULL WHERE id = 1")
    consent = dict(conn.execute("SELECT * FROM consents WHERE id = 1").fetchone())
    prev = audit_mod.GENESIS
    for row in [dict(r) for r in conn.execute("SELECT * FROM audit_log ORDER BY id")]:
        details = json.loads(row["details"])
        for b in details.get("bound", []):
            if b["table"] == "consents":
                b["sha256"] = audit_mod.row_digest(consent)
        row["details"] = json.dumps(details, ensure_ascii=False, sort_keys=True)
        row["prev_hash"] = prev
        row["hash"] = prev = audit_mod._row_hash(row)
        conn.execute("UPDATE audit_log SET details = ?, prev_hash = ?, hash = ? WHERE id = ?",
                     [row["details"], row["prev_hash"], row["hash"], row["id"]])
    conn.execute("UPDATE audit_head SET hash = ?", [prev])
    for statement in guards.values():
        conn.execute(statement)
    conn.commit()
    conn.close()
    verify_fails(data, "entry 1 (person.added) was edited: its seal does not match "
                       "LessonGuard's key")
    assert may_record(data)["may_record"] is False


def test_an_older_copy_of_the_whole_database_is_found(tmp_path: Path) -> None:
    data = tmp_path / "lg"
    data.mkdir()
    family(data)
    saved = tmp_path / "saved"
    saved.mkdir()
    conn = sqlite3.connect(data / DB_NAME)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy2(data / DB_NAME, saved / DB_NAME)
    withdraw(data)
    ok(data, "audit", "verify")
    for extra in ("-wal", "-shm"):
        (data / (DB_NAME + extra)).unlink(missing_ok=True)
    shutil.copy2(saved / DB_NAME, data / DB_NAME)  # the copy from before the withdrawal
    assert (data / MIRROR_NAME).exists()
    verify_fails(data, "or the database was replaced with an older copy")
    assert may_record(data)["may_record"] is False


def test_lessons_people_and_confirmations_are_bound_too(tmp_path: Path) -> None:
    data = tmp_path / "lg"
    data.mkdir()
    family(data)
    store = Store(data)
    try:
        lessons = Lessons(store)
        lesson = lessons.book(load_pack(PACK), 1, datetime.now(UTC) + timedelta(days=30),
                              duration_min=30, tutor_name="Ann Tutor", platform="zoom",
                              confirmed_by="Ann Tutor")
        lessons.confirm(lesson.id, "adult_present", "Jo Lee", "responsible_adult")
        lessons.cancel(lesson.id, "Ann Tutor", "the pupil is ill")
    finally:
        store.close()
    ok(data, "audit", "verify")
    sql(data, "UPDATE lessons SET state = 'booked' WHERE id = 1",
        "UPDATE people SET name = 'Someone Else' WHERE id = 2")
    verify_fails(data, "lessons record 1 was changed outside LessonGuard",
                 "people record 2 was changed outside LessonGuard")
    sql(data, "DELETE FROM confirmations WHERE id = 1")
    verify_fails(data, "confirmations record 1 was deleted outside LessonGuard")
