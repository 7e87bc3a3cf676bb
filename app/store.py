"""The local SQLite store: one file, WAL mode, versioned migrations, one writer at a time.

Why: lessons, consents and the audit log must survive crashes and power cuts, and a newer
database must never be silently opened by an older LessonGuard.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils.db import Table

from app.errors import LessonGuardError
from app.texts import _

DB_NAME = "lessonguard.db"
log = logging.getLogger(__name__)

Migration = Callable[[sqlite_utils.Database], None]
BUSY_TIMEOUT_MS = 10_000
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT, _SQLITE_NOTADB = 5, 6, 11, 26
_GENESIS = "0" * 64
_HEAD_IS_LAST = ("NEW.id IS NOT 1 OR NEW.count IS NOT (SELECT MAX(id) FROM audit_log) "
                 "OR NEW.hash IS NOT (SELECT hash FROM audit_log WHERE id = NEW.count)")
# The guards of the audit log, exactly as created; `AuditLog.verify` finds one that is
# missing or was replaced by a weaker one.
AUDIT_TRIGGERS: dict[str, str] = {
    "audit_log_no_update":
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "audit_log_no_delete":
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "audit_log_appends_in_order":
        "CREATE TRIGGER audit_log_appends_in_order BEFORE INSERT ON audit_log "
        "WHEN NEW.id IS NOT (SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log) "
        "OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_log ORDER BY id DESC "
        f"LIMIT 1), '{_GENESIS}') "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: a new entry must follow "
        "the last one'); END",
    "audit_head_insert_names_last":
        f"CREATE TRIGGER audit_head_insert_names_last BEFORE INSERT ON audit_head "
        f"WHEN {_HEAD_IS_LAST} "
        "BEGIN SELECT RAISE(ABORT, 'the audit head must name the last entry'); END",
    "audit_head_update_names_last":
        f"CREATE TRIGGER audit_head_update_names_last BEFORE UPDATE ON audit_head "
        f"WHEN {_HEAD_IS_LAST} "
        "BEGIN SELECT RAISE(ABORT, 'the audit head must name the last entry'); END",
    "audit_head_no_delete":
        "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
        "BEGIN SELECT RAISE(ABORT, 'the audit head must name the last entry'); END",
}


def inserted_id(table: Table) -> int:
    """The integer id of the row `table` has just inserted (`db.table("x").insert(row)`).

    sqlite_utils types `last_pk` as Any or None: None only before anything was inserted.
    """
    if table.last_pk is None:
        raise RuntimeError(f"nothing was inserted into {table.name} to take an id from")
    return int(table.last_pk)


def _m1_settings_and_audit(db: sqlite_utils.Database) -> None:
    db.table("settings").create({"key": str, "value": str}, pk="key")
    db.table("audit_log").create(
        {
            "id": int,
            "ts": str,
            "actor": str,
            "action": str,
            "subject": str,
            "details": str,
            "prev_hash": str,
            "hash": str,
        },
        pk="id",
        not_null={"ts", "actor", "action", "prev_hash", "hash"},
    )
    # Append-only: the database itself refuses edits and deletions of audit rows.
    db.execute(AUDIT_TRIGGERS["audit_log_no_update"])
    db.execute(AUDIT_TRIGGERS["audit_log_no_delete"])
    # The chain's head, written in the same transaction as each entry, so that cutting
    # rows off the end of the log is noticed too.
    db.table("audit_head").create({"id": int, "count": int, "hash": str}, pk="id")


def _m2_check_runs_and_confirmations(db: sqlite_utils.Database) -> None:
    db.table("check_runs").create(
        {"id": int, "started_at": str, "pack_id": str, "lesson_id": int, "ready": int,
         "summary": str, "duration_s": float, "results": str},
        pk="id", not_null={"started_at", "pack_id", "ready", "results"},
    )
    db.table("check_runs").create_index(["lesson_id"])
    db.table("confirmations").create(
        {"id": int, "lesson_id": int, "kind": str, "by_name": str, "role": str, "at": str},
        pk="id", not_null={"kind", "by_name", "role", "at"},
    )
    db.table("confirmations").create_index(["lesson_id", "kind"])


def _m3_connection_episodes(db: sqlite_utils.Database) -> None:
    db.table("connection_episodes").create(
        {"id": int, "lesson_id": int, "kind": str, "started_at": str, "ended_at": str,
         "duration_s": float, "abort_raised": int, "detail": str},
        pk="id", not_null={"kind", "started_at"},
    )


def _m4_people_consents_recordings(db: sqlite_utils.Database) -> None:
    db.table("people").create(
        {"id": int, "role": str, "name": str, "date_of_birth": str, "age_band": str,
         "pupil_id": int, "email": str, "phone": str, "created_at": str, "archived_at": str},
        pk="id", not_null={"role", "name", "created_at"},
    )
    db.table("consents").create(
        {"id": int, "pupil_id": int, "given_by_id": int, "given_by_name": str, "role": str,
         "scope": str, "pack_id": str, "text": str, "text_version": str, "method": str,
         "form_name": str, "form_sha256": str, "given_at": str, "withdrawn_at": str,
         "withdrawn_by": str, "withdraw_reason": str},
        pk="id",
        not_null={"pupil_id", "given_by_name", "role", "scope", "pack_id", "text",
                  "text_version", "method", "given_at"},
    )
    db.table("consents").create_index(["pupil_id", "scope"])
    db.table("recordings").create(
        {"id": str, "pupil_id": int, "lesson_id": int, "pack_id": str, "kind": str,
         "path": str, "key_id": str, "keystore": str, "state": str, "pid": int,
         "started_at": str, "ended_at": str, "expires_at": str, "playback_until": str,
         "duration_s": float, "width": int, "height": int, "fps": float, "chunks": int,
         "size_bytes": int, "chunk_hashes": str, "consent_ids": str, "note": str,
         "deleted_at": str},
        pk="id", not_null={"pupil_id", "pack_id", "kind", "path", "key_id", "state",
                           "started_at", "expires_at"},
    )
    db.table("recordings").create_index(["state"])
    db.table("holds").create(
        {"id": int, "recording_id": str, "set_by": str, "reason": str, "incident_id": int,
         "set_at": str, "mark_s": float, "released_at": str, "released_by": str,
         "release_reason": str},
        pk="id", not_null={"recording_id", "set_by", "reason", "set_at"},
    )
    db.table("holds").create_index(["recording_id"])


def _m5_incidents(db: sqlite_utils.Database) -> None:
    db.table("incidents").create(
        {"id": int, "pack_id": str, "lesson_id": int, "category": str, "reporter_role": str,
         "reporter_name": str, "status": str, "child_in_danger": int, "panic_at": str,
         "created_at": str, "updated_at": str, "details": str, "requests": str,
         "contacted": str},
        pk="id", not_null={"pack_id", "status", "created_at", "updated_at"},
    )
    db.table("incident_steps").create(
        {"id": int, "incident_id": int, "position": int, "text": str, "done_at": str,
         "done_by": str},
        pk="id", not_null={"incident_id", "position", "text"},
    )
    db.table("incident_followups").create(
        {"id": int, "incident_id": int, "task": str, "due_at": str, "done_at": str,
         "done_by": str},
        pk="id", not_null={"incident_id", "task", "due_at"},
    )
    db.table("incident_evidence").create(
        {"id": int, "incident_id": int, "kind": str, "recording_id": str, "path": str,
         "sha256": str, "note": str, "added_at": str},
        pk="id", not_null={"incident_id", "kind", "added_at"},
    )
    for table in ("incident_steps", "incident_followups", "incident_evidence"):
        db.table(table).create_index(["incident_id"])


def _m6_lessons(db: sqlite_utils.Database) -> None:
    db.table("lessons").create(
        {"id": int, "pack_id": str, "pupil_id": int, "tutor_name": str, "platform": str,
         "starts_at": str, "duration_min": int, "confirmed_at": str, "confirmed_by": str,
         "first_lesson": int, "state": str, "started_at": str, "ended_at": str, "pid": int,
         "recording_id": str, "no_recording_reason": str, "end_reason": str,
         "summary": str, "created_at": str, "cancelled_reason": str},
        pk="id", not_null={"pack_id", "pupil_id", "starts_at", "duration_min", "confirmed_at",
                           "state", "created_at"},
    )
    db.table("lessons").create_index(["state"])
    db.table("lessons").create_index(["pupil_id"])


def _m7_audit_order(db: sqlite_utils.Database) -> None:
    # An entry may only follow the last one (INSERT OR REPLACE of an old entry, which
    # deletes without firing the delete trigger, is refused), and the head may only name
    # the last entry (so rows cannot be cut off the end by moving it).
    for name in ("audit_log_appends_in_order", "audit_head_insert_names_last",
                 "audit_head_update_names_last", "audit_head_no_delete"):
        db.execute(AUDIT_TRIGGERS[name])


def _m8_connection_moment(db: sqlite_utils.Database) -> None:
    # When connection trouble began ("start" of the lesson, or "midway"): the policies'
    # outcomes differ, so the lesson's record says which.
    db.execute("ALTER TABLE connection_episodes ADD COLUMN moment TEXT")


def _m9_linking(db: sqlite_utils.Database) -> None:
    # Two installations linked for a pupil (app/linking/): the peer's keys and the sequence
    # numbers each way, the sealed messages waiting to go out, and what came in. A
    # confirmation or consent says where it came from; a lesson copied from the tutor's
    # side keeps the tutor's id for it and what the tutor announced.
    db.table("links").create(
        {"id": str, "pupil_id": int, "my_side": str, "device_id": str, "peer_device_id": str,
         "peer_name": str, "peer_role": str, "peer_sign_pub": str, "peer_box_pub": str,
         "pack_id": str, "created_at": str, "removed_at": str, "send_seq": int,
         "recv_seq": int},
        pk="id", not_null={"pupil_id", "my_side", "device_id", "peer_device_id", "peer_name",
                           "peer_role", "peer_sign_pub", "peer_box_pub", "created_at",
                           "send_seq", "recv_seq"},
        defaults={"send_seq": 0, "recv_seq": 0},
    )
    db.table("links").create_index(["pupil_id"])
    db.table("link_outbox").create(
        {"id": int, "link_id": str, "seq": int, "kind": str, "topic": str, "payload": bytes,
         "queued_at": str, "sent_at": str, "acked_at": str},
        pk="id", not_null={"link_id", "seq", "kind", "topic", "payload", "queued_at"},
    )
    db.table("link_outbox").create_index(["link_id", "seq"], unique=True)
    db.table("link_outbox").create_index(["sent_at"])
    db.table("link_inbox").create(
        {"id": int, "link_id": str, "seq": int, "kind": str, "sent_at": str,
         "received_at": str, "body": str, "applied": str},
        pk="id", not_null={"link_id", "seq", "kind", "received_at", "body"},
    )
    db.table("link_inbox").create_index(["link_id", "seq"], unique=True)
    for sql in (
        "ALTER TABLE confirmations ADD COLUMN source TEXT",
        "ALTER TABLE confirmations ADD COLUMN link_id TEXT",
        "ALTER TABLE confirmations ADD COLUMN attested_by TEXT",
        "ALTER TABLE consents ADD COLUMN source TEXT",
        "ALTER TABLE consents ADD COLUMN link_id TEXT",
        "ALTER TABLE consents ADD COLUMN remote_id INTEGER",
        "ALTER TABLE consents ADD COLUMN signature TEXT",
        "ALTER TABLE lessons ADD COLUMN link_id TEXT",
        "ALTER TABLE lessons ADD COLUMN remote_id INTEGER",
        "ALTER TABLE lessons ADD COLUMN remote_details TEXT",
    ):
        db.execute(sql)
    db.table("consents").create_index(["link_id", "remote_id"])
    db.table("lessons").create_index(["link_id", "remote_id"])


MIGRATIONS: list[Migration] = [_m1_settings_and_audit, _m2_check_runs_and_confirmations,
                               _m3_connection_episodes, _m4_people_consents_recordings,
                               _m5_incidents, _m6_lessons, _m7_audit_order,
                               _m8_connection_moment, _m9_linking]
SCHEMA_VERSION = len(MIGRATIONS)


class Store:
    """The app's database. Reads are free; writes go through `write()` one at a time.

    Each thread gets its own connection to the same file (WAL lets them read while one
    writes): sharing one SQLite connection between threads lets a read on one thread slip
    into, or end, another thread's transaction.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / DB_NAME
        self._lock = threading.RLock()
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._closed = False
        conn = self._connect()
        try:
            self._refuse_newer()  # before anything that could write to the file
            self._enable_wal()
            self.migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise self._unreadable(exc) from exc
        except BaseException:
            conn.close()
            raise

    def _unreadable(self, exc: sqlite3.Error) -> LessonGuardError:
        """The words for a database that could not be used. Only a file that is not a
        database or is damaged is called that: a database another LessonGuard holds busy is
        healthy, and "move it aside" could make a person give up a good file."""
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in str(exc):
            return LessonGuardError(
                _("LessonGuard's database {path} is busy: another LessonGuard kept it locked "
                  "for more than {seconds} seconds.", path=str(self.path),
                  seconds=BUSY_TIMEOUT_MS // 1000),
                _("The file is fine. Wait for the other LessonGuard to finish, or close it, "
                  "and try again."))
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return LessonGuardError(
                f"LessonGuard's database {self.path} cannot be opened: {exc}.",
                "Move that file aside (keep it: it holds your records) and start again, "
                "or restore it from a backup.")
        return LessonGuardError(
            _("LessonGuard's database {path} cannot be used: {why}.", path=str(self.path),
              why=str(exc)),
            _("Check that the disk has room and that you can write to the data folder, "
              "then try again."))

    def _enable_wal(self) -> None:
        """WAL mode, once per file. Changing the journal mode needs the file to itself, so
        when several LessonGuards open a new folder at once it is retried while busy."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                mode = self.db.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
                busy = code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in str(exc)
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise LessonGuardError(
                f"LessonGuard's database {self.path} cannot be created or opened: {exc}.",
                "Check that the data folder exists and you can write to it (--data-dir).",
            ) from exc
        db = sqlite_utils.Database(conn)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise self._unreadable(exc) from exc
        self._local.db = db
        with self._lock:
            self._connections.append(conn)
        return conn

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection (opened on first use)."""
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            if self._closed:
                raise LessonGuardError("LessonGuard's database was already closed.")
            self._connect()
            db = self._local.db
        return db

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _refuse_newer(self) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise LessonGuardError(
                f"This database was written by a newer LessonGuard (schema {current}; "
                f"this version knows up to {SCHEMA_VERSION}).",
                "Install the newer LessonGuard again; this one will not change the file.",
            )

    def migrate(self) -> None:
        """Bring the file up to this version's schema, under the write lock: the version is
        read again inside the transaction, so of several LessonGuards opening a new folder
        at once one migrates and the others find it done."""
        self._refuse_newer()
        if self.version == SCHEMA_VERSION:
            return
        with self.write() as db:
            self._refuse_newer()
            start = self.version
            # Records the audit log vouches for, as they stand before the migration: a new
            # column changes every row's digest, so those rows are vouched for again, in
            # the same transaction (loaded here: the audit log is built on the store).
            from app.audit import MigrationBinding

            binding = MigrationBinding.before(db) if start else None
            for number in range(start + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[number - 1](db)
                db.execute(f"PRAGMA user_version = {number}")
            if binding is not None:
                binding.after(self, db, start, SCHEMA_VERSION)

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One transaction by one writer; rolled back whole if anything fails.

        A record and its audit entry are written in one of these (`AuditLog.append_in`).
        Nested on the same thread (a write inside a write, e.g. a use case that adds three
        people at once) it does not open a second transaction, which SQLite refuses: it joins
        the open one as a savepoint. Nothing it writes is kept unless the outermost write
        commits; if it fails, its own part is undone and the outer write decides whether to
        carry on. Other threads wait for the lock.
        """
        with self._lock:
            db = self.db
            depth: int = getattr(self._local, "write_depth", 0)
            if depth:
                yield from self._savepoint(db, depth)
                return
            db.execute("BEGIN IMMEDIATE")
            self._local.write_depth = 1
            self._local.after_commit = {}
            try:
                yield db
            except BaseException:
                self._local.after_commit = {}
                # An error such as a full disk can end the transaction itself; rolling back
                # then would hide the real error behind "no transaction is active".
                if db.conn.in_transaction:
                    db.execute("ROLLBACK")
                raise
            finally:
                self._local.write_depth = 0
            try:
                db.execute("COMMIT")
            except BaseException:
                self._local.after_commit = {}
                if db.conn.in_transaction:  # never leave this connection mid-transaction
                    db.execute("ROLLBACK")
                raise
            callbacks, self._local.after_commit = self._local.after_commit, {}
            for callback in callbacks.values():
                try:
                    callback()
                except Exception:  # what was committed stays committed
                    log.exception("after the commit to %s", self.path)

    def after_commit(self, name: str, callback: Callable[[], None]) -> None:
        """Run `callback` once the outermost write on this thread has committed (once per
        name, however many times it is asked for); at once when no write is open. Nothing
        runs if the write is rolled back."""
        if getattr(self._local, "write_depth", 0):
            self._local.after_commit[name] = callback
        else:
            callback()

    def _savepoint(self, db: sqlite_utils.Database, depth: int
                   ) -> Iterator[sqlite_utils.Database]:
        name = f"lessonguard_write_{depth}"
        db.execute(f"SAVEPOINT {name}")
        self._local.write_depth = depth + 1
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.execute(f"ROLLBACK TO SAVEPOINT {name}")
                db.execute(f"RELEASE SAVEPOINT {name}")
            raise
        finally:
            self._local.write_depth = depth
        db.execute(f"RELEASE SAVEPOINT {name}")

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        rows = list(self.db.query("SELECT value FROM settings WHERE key = ?", [key]))
        return rows[0]["value"] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def close(self) -> None:
        with self._lock:
            self._closed = True
            connections, self._connections = self._connections, []
        for conn in connections:
            conn.close()
