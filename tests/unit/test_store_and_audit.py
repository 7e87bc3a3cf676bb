"""The store's migrations and WAL mode, and the audit log's tamper evidence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.audit import AuditLog
from app.errors import LessonGuardError
from app.store import DB_NAME, SCHEMA_VERSION, Store


def test_new_store_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert store.version == SCHEMA_VERSION >= 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"settings", "audit_log", "audit_head"} <= set(store.db.table_names())
    store.close()
    # Opening again runs no migration twice and keeps what was there.
    store = Store(tmp_path)
    store.set_setting("k", "v")
    store.close()
    assert Store(tmp_path).get_setting("k") == "v"


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(LessonGuardError, match="newer LessonGuard"):
        Store(tmp_path)
    assert (tmp_path / DB_NAME).read_bytes() == before


def test_a_file_that_is_not_a_database_gives_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LessonGuardError, match="cannot be opened") as info:
        Store(tmp_path)
    assert "Move that file aside" in info.value.fix


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with pytest.raises(RuntimeError), store.write() as db:
        db.execute("INSERT INTO settings (key, value) VALUES ('half', 'done')")
        raise RuntimeError("crash in the middle")
    assert store.get_setting("half") is None


def _log_with(tmp_path: Path, n: int) -> tuple[Store, AuditLog]:
    store = Store(tmp_path)
    audit = AuditLog(store)
    for i in range(n):
        audit.append("consent.granted", actor=f"adult{i}", subject=f"pupil{i}",
                     details={"scope": "record", "i": i})
    return store, audit


def test_an_untouched_log_verifies(tmp_path: Path) -> None:
    _, audit = _log_with(tmp_path, 5)
    result = audit.verify()
    assert result.ok and result.checked == 5
    assert [e.details["i"] for e in audit.entries()] == list(range(5))


def test_the_database_refuses_edits_and_deletions(tmp_path: Path) -> None:
    store, _ = _log_with(tmp_path, 2)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE audit_log SET actor = 'x' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM audit_log WHERE id = 1")


def _bypass_triggers(path: Path, sql: str) -> None:
    """What someone with the sqlite3 tool could do: drop the guards, then tamper."""
    conn = sqlite3.connect(path / DB_NAME)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("UPDATE audit_log SET actor = 'someone else' WHERE id = 3",
         "entry 3 (consent.granted) was edited"),
        ("UPDATE audit_log SET details = '{\"scope\": \"all\"}' WHERE id = 1", "entry 1"),
        ("DELETE FROM audit_log WHERE id = 2", "entry 2 is missing"),
        ("DELETE FROM audit_log WHERE id = 5", "removed from the end"),
    ],
)
def test_tampering_is_detected_and_named(tmp_path: Path, sql: str, expected: str) -> None:
    store, _ = _log_with(tmp_path, 5)
    store.close()
    _bypass_triggers(tmp_path, sql)
    result = AuditLog(Store(tmp_path)).verify()
    assert not result.ok
    assert expected in result.problems[0]


def test_rewriting_an_entry_with_a_fresh_hash_still_breaks_the_chain(tmp_path: Path) -> None:
    store, _ = _log_with(tmp_path, 4)
    store.close()
    # A careful forger recomputes entry 2's own hash; without the chain's key the new seal
    # is wrong (and entry 3 still points at the old one).
    import app.audit as audit_mod

    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.row_factory = sqlite3.Row
    conn.execute("DROP TRIGGER audit_log_no_update")
    row = dict(conn.execute("SELECT * FROM audit_log WHERE id = 2").fetchone())
    row["actor"] = "forger"
    conn.execute("UPDATE audit_log SET actor = ?, hash = ? WHERE id = 2",
                 [row["actor"], audit_mod._row_hash(row)])
    conn.commit()
    conn.close()
    result = AuditLog(Store(tmp_path)).verify()
    assert not result.ok and "entry 2 (consent.granted) was edited" in result.problems[0]


def test_threads_write_and_read_at_once_without_tangling_transactions(tmp_path: Path) -> None:
    """The window, the recording's consent watcher and the checks all use one Store from
    their own threads: every write lands whole and the hash chain stays intact."""
    import threading

    store = Store(tmp_path)
    audit = AuditLog(store)
    errors: list[BaseException] = []
    stop = threading.Event()

    def writer(n: int) -> None:
        try:
            for i in range(60):
                audit.append("test.write", actor=f"writer {n}", subject=str(i))
        except BaseException as exc:
            errors.append(exc)

    def reader() -> None:
        try:
            while not stop.is_set():
                list(store.db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT 5"))
        except BaseException as exc:
            errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(2)]
    writers = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join(60)
    stop.set()
    for t in readers:
        t.join(10)
    assert errors == []
    assert len(audit.entries("test.write")) == 240
    assert audit.verify().ok
    store.close()


def test_a_busy_database_is_waited_for_and_never_called_damaged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program holding the new file longer than LessonGuard waits: the message says
    it is busy and the file is fine, never "move that file aside"."""
    import app.store as store_mod

    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_MS", 300, raising=False)
    holder = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(LessonGuardError) as info:
            Store(tmp_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "busy" in info.value.message, info.value
    assert "Move that file aside" not in str(info.value)
    assert "The file is fine" in info.value.fix
    store = Store(tmp_path)  # and once it is free, it opens
    assert store.version == SCHEMA_VERSION
    store.close()


def test_a_chain_from_before_the_key_stays_verifiable_and_the_switch_is_recorded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import app.audit as audit_mod

    monkeypatch.setenv("LESSONGUARD_KEYSTORE", "file")
    store = Store(tmp_path)
    prev = audit_mod.GENESIS
    with store.write() as db:  # three entries as an older LessonGuard wrote them
        for i in range(1, 4):
            row = {"id": i, "ts": "2026-01-01T00:00:00.000+00:00", "actor": "tutor",
                   "action": "app.started", "subject": "", "details": "{}", "prev_hash": prev}
            row["hash"] = prev = audit_mod._row_hash(row)
            db.table("audit_log").insert(row)
            db.execute("INSERT INTO audit_head (id, count, hash) VALUES (1, ?, ?) ON CONFLICT"
                       "(id) DO UPDATE SET count = excluded.count, hash = excluded.hash",
                       [i, prev])
    audit = AuditLog(store)
    assert audit.verify().ok and not audit.verify().keyed
    entry = audit.append("app.started", actor="tutor")
    assert entry.details["chain_key"]["unkeyed_entries"] == 3
    result = audit.verify()
    assert result.ok and result.keyed and result.checked == 4
    assert (tmp_path / audit_mod.MIRROR_NAME).exists()
    mirror = json.loads((tmp_path / audit_mod.MIRROR_NAME).read_text())
    assert mirror["count"] == 4 and mirror["hash"] == entry.hash
    store.close()
