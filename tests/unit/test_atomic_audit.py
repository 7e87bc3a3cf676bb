"""A record and its audit entry are kept together or not at all.

Each test makes the audit entry fail at the very moment it is written (a trigger on the
audit log, so the record's own write has already happened in the same transaction), and
checks that neither the record nor the entry is left and the chain still verifies. The last
test kills a real process at that moment and opens the store afterwards.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.audit import AuditLog
from app.check_log import check_runs, save_check_run
from app.consent import Consents
from app.encrypted_file import EncryptedWriter
from app.incidents import Incidents
from app.keystore import FileKeyStore
from app.lessons import Lessons
from app.people import People
from app.policy.loader import load_pack
from app.profile import NewPupil, add_pupil, save_profile
from app.recordings import Recordings
from app.settings import load_settings
from app.store import Store

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
INJECTED = "injected failure: the audit entry could not be written"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def keys_in_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Incident evidence keys in the data folder, where the tests can look for them."""
    monkeypatch.setenv("LESSONGUARD_KEYSTORE", "file")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path)
    yield s
    s.close()


@contextmanager
def audit_fails(store: Store) -> Iterator[None]:
    """Every audit entry written on this thread's connection fails, after whatever the
    transaction wrote before it (a temporary trigger: the file itself is not changed)."""
    store.db.execute("CREATE TEMP TRIGGER test_audit_fails BEFORE INSERT ON main.audit_log "
                     f"BEGIN SELECT RAISE(ABORT, '{INJECTED}'); END")
    try:
        with pytest.raises(sqlite3.IntegrityError, match=INJECTED):
            yield
    finally:
        store.db.execute("DROP TRIGGER temp.test_audit_fails")


def snapshot(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, so a test can say "nothing changed at all"."""
    tables = [t for t in store.db.table_names() if not t.startswith("sqlite_")]
    return {t: [dict(r) for r in store.db.query(f"SELECT * FROM [{t}] ORDER BY rowid")]
            for t in tables}


def assert_untouched(store: Store, before: dict[str, list[dict[str, Any]]]) -> None:
    after = snapshot(store)
    changed = sorted(t for t in before if before[t] != after[t])
    assert not changed, f"left behind by the failed write: {changed}"
    assert AuditLog(store).verify().ok


def assert_next_entry_chains(store: Store, count: int) -> None:
    """After a failed attempt the log carries on from where it was, and verifies."""
    result = AuditLog(store).verify()
    assert result.ok, result.problems
    assert result.checked == count


def family(store: Store) -> tuple[int, int]:
    people = People(store)
    pupil = people.add("pupil", "Amy Lee", date_of_birth="2015-03-02", today=NOW.date())
    mum = people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
    return pupil.id, mum.id


def entries(store: Store) -> int:
    return len(AuditLog(store).entries())


# --- the store: a write inside a write -------------------------------------------------


def test_a_nested_write_joins_the_open_transaction(store: Store) -> None:
    with store.write() as outer:
        outer.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        with store.write() as inner:
            assert inner is outer
            inner.execute("INSERT INTO settings (key, value) VALUES ('b', '2')")
        # A nested write that fails undoes only its own part; the outer one carries on.
        with pytest.raises(RuntimeError), store.write() as inner:
            inner.execute("INSERT INTO settings (key, value) VALUES ('c', '3')")
            raise RuntimeError("inner part fails")
        AuditLog(store).append("test.joined")  # a standalone entry joins it too
    assert [store.get_setting(k) for k in "abc"] == ["1", "2", None]
    assert [e.action for e in AuditLog(store).entries()] == ["test.joined"]
    # When the outer write fails, what the nested ones did goes with it.
    with pytest.raises(RuntimeError), store.write():
        store.set_setting("d", "4")
        AuditLog(store).append("test.lost")
        raise RuntimeError("outer fails")
    assert store.get_setting("d") is None
    assert entries(store) == 1 and AuditLog(store).verify().ok
    # And the connection is usable afterwards: no transaction was left open.
    assert not store.db.conn.in_transaction
    store.set_setting("e", "5")
    assert store.get_setting("e") == "5"


def test_append_in_refuses_to_write_outside_a_transaction(store: Store) -> None:
    with pytest.raises(RuntimeError, match=r"store\.write"):
        AuditLog(store).append_in(store.db, "test.loose")
    assert entries(store) == 0


def test_append_in_writes_the_entry_with_the_record(store: Store) -> None:
    audit = AuditLog(store)
    audit.append("test.first")
    with store.write() as db:
        db.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')")
        entry = audit.append_in(db, "test.second", actor="Sam", subject="setting:k")
    assert entry.id == 2
    assert [e.action for e in audit.entries()] == ["test.first", "test.second"]
    assert audit.verify().ok and store.get_setting("k") == "v"


# --- consent and people --------------------------------------------------------------


def test_consent_granted_and_withdrawn_with_their_entries_or_not_at_all(store: Store) -> None:
    pack = load_pack("tutorninjas")
    pupil, mum = family(store)
    consents = Consents(store)
    before = snapshot(store)
    with audit_fails(store):
        consents.grant(pack, pupil, mum, "Jo Lee", now=NOW)
    assert_untouched(store, before)
    assert consents.list() == []

    given = consents.grant(pack, pupil, mum, "Jo Lee", now=NOW)
    before = snapshot(store)
    with audit_fails(store):
        consents.withdraw(given.id, by="Jo Lee", reason="changed my mind", now=NOW)
    assert_untouched(store, before)
    assert consents.get(given.id).active  # still on file: its withdrawal was not logged

    consents.withdraw(given.id, by="Jo Lee", reason="changed my mind", now=NOW)
    assert not consents.get(given.id).active
    assert [e.action for e in AuditLog(store).entries()][-2:] == ["consent.granted",
                                                                  "consent.withdrawn"]
    assert_next_entry_chains(store, entries(store))


def test_a_person_is_added_with_their_entry_or_not_at_all(store: Store) -> None:
    before = snapshot(store)
    with audit_fails(store):
        People(store).add("tutor", "Chris Tutor")
    assert_untouched(store, before)
    assert People(store).list() == []


def test_first_run_adds_a_pupil_whole_or_not_at_all(store: Store) -> None:
    """The pupil, their adult and sponsor are one transaction: a refused sponsor (here, one
    not shown to be 18) leaves no pupil without them, and no entries for them either."""
    pack = load_pack("hms")
    before = snapshot(store)
    from app.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="18 or over"):
        add_pupil(store, pack, NewPupil("Amy Lee", "2015-03-02", None, "Jo Lee",
                                        sponsor_name="Kid Sponsor"), actor="Sam")
    assert_untouched(store, before)
    add_pupil(store, pack, NewPupil("Amy Lee", "2015-03-02", None, "Jo Lee",
                                    sponsor_name="Jo Lee", sponsor_is_adult=True), actor="Sam")
    assert [p.role for p in People(store).list()] == ["pupil", "responsible_adult", "sponsor"]
    assert_next_entry_chains(store, 3)


def test_the_profile_is_saved_with_its_entry_or_not_at_all(store: Store) -> None:
    before = snapshot(store)
    with audit_fails(store):
        save_profile(store, "tutor", "Sam Tutor", "hms")
    assert_untouched(store, before)
    assert load_settings(store).user_name != "Sam Tutor"
    save_profile(store, "tutor", "Sam Tutor", "hms")
    assert load_settings(store).user_name == "Sam Tutor"
    assert [e.action for e in AuditLog(store).entries()] == ["profile.saved"]


def test_a_check_run_is_kept_with_its_entry_or_not_at_all(store: Store) -> None:
    before = snapshot(store)
    with audit_fails(store):
        save_check_run(store, started_at=NOW, pack_id="hms", ready=True, summary="ready",
                       duration_s=1.0, results=[])
    assert_untouched(store, before)
    assert check_runs(store) == []


# --- lessons -------------------------------------------------------------------------


def test_every_lesson_change_comes_with_its_entry_or_not_at_all(store: Store) -> None:
    pack = load_pack("vto")
    pupil, _ = family(store)
    lessons = Lessons(store)
    when = NOW + timedelta(hours=1)

    def book() -> int:
        return lessons.book(pack, pupil, when, duration_min=30, tutor_name="Sam",
                            platform="zoom", confirmed_by="Sam", now=NOW).id

    before = snapshot(store)
    with audit_fails(store):
        book()
    assert_untouched(store, before)
    assert lessons.list() == []

    lesson_id = book()
    steps = [
        lambda: lessons.confirm(lesson_id, "adult_present", "Jo Lee", "responsible_adult",
                                now=NOW),
        lambda: lessons.start(lesson_id, by="Sam", no_recording_reason="not recorded",
                              now=NOW),
        lambda: lessons.resume(lesson_id, by="Sam", now=NOW),
        lambda: lessons.end(lesson_id, by="Sam", now=NOW + timedelta(minutes=30)),
    ]
    for step in steps:
        before = snapshot(store)
        with audit_fails(store):
            step()
        assert_untouched(store, before)
        step()  # and with the log working, it goes through
    assert lessons.get(lesson_id).state == "ended"
    assert lessons.saved_summary(lesson_id)["lesson"]["state"] == "ended"

    other = book()
    before = snapshot(store)
    with audit_fails(store):
        lessons.cancel(other, by="Sam", reason="ill")
    assert_untouched(store, before)
    assert lessons.get(other).state == "booked"
    assert_next_entry_chains(store, entries(store))


# --- incidents -----------------------------------------------------------------------


def test_every_incident_change_comes_with_its_entry_or_not_at_all(store: Store,
                                                                    tmp_path: Path) -> None:
    pack = load_pack("hms")
    incidents = Incidents(store, tmp_path)
    before = snapshot(store)
    with audit_fails(store):
        incidents.open(pack, panic_at=NOW, now=NOW)
    assert_untouched(store, before)
    assert incidents.list() == []

    incident_id = incidents.open(pack, panic_at=NOW, now=NOW).id
    incidents.set_reporter(incident_id, "tutor", "Sam")
    before = snapshot(store)
    with audit_fails(store):
        incidents.set_category(pack, incident_id, "disclosure_of_abuse", now=NOW)
    assert_untouched(store, before)  # no steps laid out without the category and its entry
    incident = incidents.set_category(pack, incident_id, "disclosure_of_abuse", now=NOW)
    assert incident.steps

    changes = [
        lambda: incidents.tick_step(incident.steps[0].id, by="Sam", now=NOW),
        lambda: incidents.record_details(incident_id, "Sam", narrative="what happened"),
        lambda: incidents.contacted(incident_id, "dsl", "phone", by="Sam"),
        lambda: incidents.set_status(incident_id, "reported_to_dsl", by="Sam"),
        lambda: incidents.add_chat(incident_id, "the chat", by="Sam"),
    ]
    if incident.follow_ups:
        changes.append(lambda: incidents.complete_follow_up(incident.follow_ups[0].id, "Sam"))
    for change in changes:
        before = snapshot(store)
        with audit_fails(store):
            change()
        assert_untouched(store, before)
        change()
    assert incidents.get(incident_id).steps[0].done_at
    # The chat whose entry failed left no sealed copy or key that no record lists.
    chat = [e for e in incidents.get(incident_id).evidence if e.kind == "chat"]
    assert len(chat) == 1 and chat[0].path
    assert sorted(p.name for p in (tmp_path / "incidents").iterdir()) == [Path(chat[0].path).name]
    # The chat's key and the one that seals every incident's details; no key left over.
    assert sorted(p.stem for p in (tmp_path / "keys").iterdir()) == sorted(
        [Path(chat[0].path).stem, "incident-text"])
    assert_next_entry_chains(store, entries(store))


def test_destroyed_screenshots_are_logged_as_their_rows_go(store: Store,
                                                           tmp_path: Path) -> None:
    """For indecent images a screenshot already taken is destroyed: the file and key first
    (they cannot share the database's transaction), then the row with its entry. If the
    entry fails, the row stays (unlogged, never gone unlogged) and choosing the category
    again finishes the job."""
    pack = load_pack("hms")
    incidents = Incidents(store, tmp_path)
    incident_id = incidents.open(pack, now=NOW).id
    shot = incidents.add_screenshot(incident_id, b"png bytes", by="Sam")
    assert shot.path and Path(shot.path).exists()
    before = snapshot(store)
    with audit_fails(store):
        incidents.set_category(pack, incident_id, "indecent_images_of_child", now=NOW)
    assert_untouched(store, before)
    assert not Path(shot.path).exists()  # the copy itself is gone at once

    incident = incidents.set_category(pack, incident_id, "indecent_images_of_child", now=NOW)
    assert incident.evidence == () and incident.category == "indecent_images_of_child"
    actions = [e.action for e in AuditLog(store).entries()]
    assert actions[-2:] == ["incident.screenshot_destroyed", "incident.category"]
    assert_next_entry_chains(store, entries(store))


# --- recordings ----------------------------------------------------------------------


def _recordings(store: Store, tmp_path: Path) -> Recordings:
    return Recordings(store, tmp_path, FileKeyStore(tmp_path / "keys"))


def _write(path: Path, key: bytes) -> EncryptedWriter:
    writer = EncryptedWriter(path, key, sync=False)
    writer.write(b"fragment" * 100)
    writer.close()
    return writer


def _finish(recs: Recordings, rec_id: str, writer: EncryptedWriter, path: Path) -> None:
    recs.finish(rec_id, state="complete", duration_s=1.0, chunks=writer.index,
                chunk_hashes=writer.chunk_hashes, size_bytes=path.stat().st_size, now=NOW)


def test_every_recording_change_comes_with_its_entry_or_not_at_all(store: Store,
                                                                     tmp_path: Path) -> None:
    pack = load_pack("tutorninjas")
    pupil, _ = family(store)
    recs = _recordings(store, tmp_path)
    folder = tmp_path / "recordings"
    before = snapshot(store)
    with audit_fails(store):
        recs.begin(pack, pupil, folder, now=NOW)
    assert_untouched(store, before)
    assert recs.list(include_deleted=True) == []

    info, key = recs.begin(pack, pupil, folder, now=NOW)
    writer = _write(Path(info.path), key)
    before = snapshot(store)
    with audit_fails(store):
        _finish(recs, info.id, writer, Path(info.path))
    assert_untouched(store, before)
    assert recs.get(info.id).state == "recording"
    _finish(recs, info.id, writer, Path(info.path))

    before = snapshot(store)
    with audit_fails(store):
        recs.hold(info.id, "Safeguarding Lead", "review", now=NOW)
    assert_untouched(store, before)
    assert not recs.get(info.id).held
    hold = recs.hold(info.id, "Safeguarding Lead", "review", now=NOW)

    before = snapshot(store)
    with audit_fails(store):
        recs.release(hold.id, "Safeguarding Lead", "done", now=NOW)
    assert_untouched(store, before)
    assert recs.get(info.id).held
    recs.release(hold.id, "Safeguarding Lead", "done", now=NOW)
    assert_next_entry_chains(store, entries(store))


def test_a_purge_that_fails_to_log_is_finished_by_the_next_purge(store: Store,
                                                                  tmp_path: Path) -> None:
    """The file and key cannot share the database's transaction, so they go first; the
    row is marked deleted only together with its entry. A failure in between leaves the row
    unmarked and unlogged (never marked and unlogged), and the next purge completes it."""
    pack = load_pack("tutorninjas")
    pupil, _ = family(store)
    recs = _recordings(store, tmp_path)
    info, key = recs.begin(pack, pupil, tmp_path / "recordings", now=NOW)
    _finish(recs, info.id, _write(Path(info.path), key), Path(info.path))
    later = NOW + timedelta(days=400)
    before = snapshot(store)
    with audit_fails(store):
        recs.purge(later)
    assert_untouched(store, before)
    assert recs.get(info.id).deleted_at is None
    assert not Path(info.path).exists()
    assert not (tmp_path / "keys" / f"{info.key_id}.key").exists()

    assert [r.id for r in recs.purge(later)] == [info.id]
    assert recs.get(info.id).deleted_at
    assert [e.action for e in AuditLog(store).entries()][-1] == "recording.deleted"
    assert_next_entry_chains(store, entries(store))


def test_holding_recordings_for_an_incident_links_them_in_the_same_transaction(
        store: Store, tmp_path: Path) -> None:
    pupil, _ = family(store)
    recs = _recordings(store, tmp_path)
    info, key = recs.begin(load_pack("tutorninjas"), pupil, tmp_path / "recordings", now=NOW)
    _finish(recs, info.id, _write(Path(info.path), key), Path(info.path))
    incidents = Incidents(store, tmp_path)
    incident_id = incidents.open(load_pack("hms"), now=NOW).id
    before = snapshot(store)
    with audit_fails(store):
        incidents.hold_recordings(incident_id, recs, [info.id], by="Sam", mark_s=3.0)
    assert_untouched(store, before)
    incidents.hold_recordings(incident_id, recs, [info.id], by="Sam", mark_s=3.0)
    assert recs.get(info.id).held
    assert [e.recording_id for e in incidents.get(incident_id).evidence] == [info.id]


# --- a real crash --------------------------------------------------------------------

CRASH_EXIT = 77

# Runs in a child process: the audit log insert calls os._exit() (no clean-up, no
# rollback, no Python finally blocks: what kill -9 or a power cut leaves) after the record
# has been written.
CHILD = textwrap.dedent("""
    import os, sys
    from datetime import UTC, datetime, timedelta
    from pathlib import Path

    from app.keystore import FileKeyStore
    from app.policy.loader import load_pack
    from app.store import Store

    data, kind, pupil, adult = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    store = Store(data)
    store.db.conn.create_function("crash_now", 0, lambda: os._exit({exit}))
    store.db.execute("CREATE TEMP TRIGGER crash BEFORE INSERT ON main.audit_log "
                     "BEGIN SELECT crash_now(); END")
    if kind == "consent":
        from app.consent import Consents
        Consents(store).grant(load_pack("tutorninjas"), pupil, adult, "Jo Lee", now=now)
    elif kind == "lesson":
        from app.lessons import Lessons
        Lessons(store).book(load_pack("vto"), pupil, now + timedelta(hours=1),
                            duration_min=30, tutor_name="Sam", platform="zoom",
                            confirmed_by="Sam", now=now)
    elif kind == "incident":
        from app.incidents import Incidents
        Incidents(store, data).open(load_pack("hms"), panic_at=now, now=now)
    elif kind == "recording":
        from app.recordings import Recordings
        Recordings(store, data, FileKeyStore(data / "keys")).begin(
            load_pack("tutorninjas"), pupil, data / "recordings", now=now)
    print("the audit entry was never attempted")
    sys.exit(1)
""").replace("{exit}", str(CRASH_EXIT))

TABLE = {"consent": "consents", "lesson": "lessons", "incident": "incidents",
         "recording": "recordings"}


@pytest.mark.parametrize("kind", sorted(TABLE))
def test_a_process_killed_as_the_entry_is_written_leaves_both_or_neither(
        tmp_path: Path, kind: str) -> None:
    store = Store(tmp_path)
    pupil, adult = family(store)
    AuditLog(store).append("test.before")
    count = entries(store)
    store.close()

    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path), kind, str(pupil), str(adult)],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert child.returncode == CRASH_EXIT, child.stdout + child.stderr

    store = Store(tmp_path)
    try:
        records = list(store.db.query(f"SELECT id FROM {TABLE[kind]}"))
        logged = [e for e in AuditLog(store).entries() if e.action.startswith(kind)]
        assert (records, logged) == ([], []), "a record was kept without its audit entry"
        assert_next_entry_chains(store, count)
        # The store is usable after the crash, and the chain carries on.
        AuditLog(store).append("test.after")
        assert_next_entry_chains(store, count + 1)
    finally:
        store.close()

