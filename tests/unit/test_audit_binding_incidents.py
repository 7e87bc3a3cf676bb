"""Incident and recording records bound to the keyed audit chain: each change made with the
sqlite3 tool behind LessonGuard's back is found by the real `lessonguard audit verify`
(exit 1, the table and the record named), and LessonGuard's own writes verify (exit 0).
Also: a key file is overwritten before it is removed."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.consent import Consents
from app.incidents import Incidents
from app.keystore import FileKeyStore
from app.people import People
from app.policy.loader import load_pack
from app.recordings import Recordings
from app.store import DB_NAME, Store
from tests.unit.test_audit_binding import lg, sql, verify_fails

EXE = Path(sys.executable).with_name("lessonguard")
NOW = datetime.now(UTC).replace(microsecond=0)


def verify_ok(data: Path) -> None:
    done = lg(data, "audit", "verify")
    assert done.returncode == 0, (done.stdout, done.stderr)




def one(data: Path, query: str) -> object:
    conn = sqlite3.connect(data / DB_NAME)
    try:
        return conn.execute(query).fetchone()[0]
    finally:
        conn.close()


def family(store: Store) -> int:
    """A pupil with her mother's consent: the chain is keyed from here on."""
    people = People(store)
    pupil = people.add("pupil", "Amy Lee", age_band="11-12")
    mum = people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
    Consents(store).grant(load_pack("tutorninjas"), pupil.id, mum.id, "Jo Lee")
    return pupil.id


def record(recs: Recordings, pupil: int, folder: Path, now: datetime) -> str:
    info, _key = recs.begin(load_pack("tutorninjas"), pupil, folder, now=now)
    recs.finish(info.id, state="complete", duration_s=1.0, chunks=1, chunk_hashes=["00"],
                size_bytes=10, now=now)
    return info.id


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """An incident taken through the wizard, with its held recording, a chat, ticked steps,
    a released hold and a purged recording: every write LessonGuard's own."""
    data = tmp_path / "lg"
    data.mkdir()
    store = Store(data)
    try:
        pupil = family(store)
        recs = Recordings(store, data)
        folder = data / "recordings"
        purged = record(recs, pupil, folder, NOW - timedelta(days=800))
        assert [r.id for r in recs.purge(NOW)] == [purged]
        held = record(recs, pupil, folder, NOW)
        released = recs.hold(held, "Safeguarding Lead", "review", now=NOW)
        recs.release(released.id, "Safeguarding Lead", "done", now=NOW)

        pack = load_pack("wsm")  # its procedure has follow-ups too
        incidents = Incidents(store, data)
        incident_id = incidents.open(pack, panic_at=NOW, now=NOW).id
        incidents.hold_recordings(incident_id, recs, [held], by="Sam", mark_s=3.0)
        incidents.set_reporter(incident_id, "tutor", "Sam")
        incidents.set_category(pack, incident_id, "disclosure_of_abuse", now=NOW)
        incident = incidents.get(incident_id)
        incidents.tick_step(incident.steps[0].id, by="Sam", now=NOW)
        # The category again: the steps not yet done are laid out anew (ids given again).
        incident = incidents.set_category(pack, incident_id, "disclosure_of_abuse", now=NOW)
        assert incident.steps and incident.follow_ups
        incidents.complete_follow_up(incident.follow_ups[0].id, "Sam")
        incidents.record_details(incident_id, "Sam", narrative="what happened")
        incidents.contacted(incident_id, "dsl", "phone", by="Sam")
        incidents.request(incident_id, "police", "keep the chat", by="Sam")
        incidents.add_chat(incident_id, "the chat", by="Sam")
        incidents.set_status(incident_id, "reported_to_dsl", by="Sam")
    finally:
        store.close()
    verify_ok(data)
    return data


def test_an_incident_status_changed_by_sql_is_found(data: Path) -> None:
    sql(data, "UPDATE incidents SET status = 'closed' WHERE id = 1")
    verify_fails(data, "incidents record 1 was changed outside LessonGuard")


def test_a_deleted_evidence_row_is_found(data: Path) -> None:
    chat = one(data, "SELECT id FROM incident_evidence WHERE kind = 'chat'")
    sql(data, f"DELETE FROM incident_evidence WHERE id = {chat}")
    verify_fails(data, f"incident_evidence record {chat} was deleted outside LessonGuard")


def test_an_active_hold_released_by_sql_is_found(data: Path) -> None:
    hold = one(data, "SELECT id FROM holds WHERE released_at IS NULL")
    sql(data, f"UPDATE holds SET released_at = '2026-01-01T00:00:00+00:00' WHERE id = {hold}")
    verify_fails(data, f"holds record {hold} was changed outside LessonGuard")


def test_a_released_hold_set_back_by_sql_is_found(data: Path) -> None:
    hold = one(data, "SELECT id FROM holds WHERE released_at IS NOT NULL")
    sql(data, f"UPDATE holds SET released_at = NULL WHERE id = {hold}")
    verify_fails(data, f"holds record {hold} was changed outside LessonGuard")


def test_a_recording_expiry_changed_by_sql_is_found(data: Path) -> None:
    rec = one(data, "SELECT id FROM recordings WHERE deleted_at IS NULL")
    sql(data, f"UPDATE recordings SET expires_at = '2020-01-01T00:00:00+00:00' "
              f"WHERE id = '{rec}'")
    verify_fails(data, f"recordings record {rec} was changed outside LessonGuard")


def test_a_purged_recording_brought_back_by_sql_is_found(data: Path) -> None:
    rec = one(data, "SELECT id FROM recordings WHERE deleted_at IS NOT NULL")
    sql(data, f"UPDATE recordings SET deleted_at = NULL WHERE id = '{rec}'")
    verify_fails(data, f"recordings record {rec} was changed outside LessonGuard")


def test_steps_and_follow_ups_changed_by_sql_are_found(data: Path) -> None:
    done = one(data, "SELECT id FROM incident_steps WHERE done_at IS NOT NULL")
    laid_out = one(data, "SELECT MAX(id) FROM incident_steps WHERE done_at IS NULL")
    follow = one(data, "SELECT id FROM incident_followups WHERE done_at IS NOT NULL")
    sql(data, f"UPDATE incident_steps SET done_by = 'Someone Else' WHERE id = {done}",
        f"UPDATE incident_steps SET done_at = '2026-01-01' WHERE id = {laid_out}",
        f"UPDATE incident_followups SET done_at = NULL WHERE id = {follow}")
    verify_fails(data, f"incident_steps record {done} was changed outside LessonGuard",
                 f"incident_steps record {laid_out} was changed outside LessonGuard",
                 f"incident_followups record {follow} was changed outside LessonGuard")


def test_an_evidence_row_added_by_sql_is_found(data: Path) -> None:
    sql(data, "INSERT INTO incident_evidence (incident_id, kind, note, added_at) "
              "VALUES (1, 'screenshot', 'planted', '2026-01-01')")
    new = one(data, "SELECT MAX(id) FROM incident_evidence")
    verify_fails(data, f"incident_evidence record {new} was added outside LessonGuard")


def test_plain_details_sealed_on_first_read_are_bound(tmp_path: Path) -> None:
    """An incident an older LessonGuard wrote (plain details, no binding): reading it seals
    the details, and that write binds the row, with every incident row then on file as the
    baseline; a later change by SQL is found."""
    data = tmp_path / "lg"
    data.mkdir()
    store = Store(data)
    try:
        family(store)
    finally:
        store.close()
    at = NOW.isoformat()
    sql(data, "INSERT INTO incidents (pack_id, status, child_in_danger, created_at, "
              "updated_at, details, requests, contacted) VALUES ('hms', 'open', 0, "
              f"'{at}', '{at}', '{json.dumps({'narrative': 'what happened'})}', '[]', '[]')")
    verify_ok(data)
    store = Store(data)
    try:
        assert Incidents(store, data).get(1).details == {"narrative": "what happened"}
    finally:
        store.close()
    assert not str(one(data, "SELECT details FROM incidents WHERE id = 1")).startswith("{")
    verify_ok(data)
    sql(data, "UPDATE incidents SET status = 'closed' WHERE id = 1")
    verify_fails(data, "incidents record 1 was changed outside LessonGuard")


def test_a_deleted_key_file_is_overwritten_with_zeros_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = FileKeyStore(tmp_path / "keys")
    keys.put("rec-1", os.urandom(32))
    path = tmp_path / "keys" / "rec-1.key"
    size = path.stat().st_size
    # A second name for the same file shows what is left in its blocks after the delete.
    other = tmp_path / "same-blocks"
    os.link(path, other)
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    keys.delete("rec-1")
    assert not path.exists()
    assert other.read_bytes() == bytes(size)
    assert synced
    keys.delete("rec-1")  # already gone: nothing to do


def test_a_key_name_that_is_a_symlink_is_removed_without_writing_its_target(
        tmp_path: Path) -> None:
    keys = FileKeyStore(tmp_path / "keys")
    target = tmp_path / "not-a-key"
    target.write_bytes(b"keep me")
    (tmp_path / "keys" / "rec-2.key").symlink_to(target)
    keys.delete("rec-2")
    assert not (tmp_path / "keys" / "rec-2.key").is_symlink()
    assert target.read_bytes() == b"keep me"
