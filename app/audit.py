"""The append-only, hash-chained audit log, keyed, mirrored, and bound to the records.

Why: consent, panic presses and incident steps may be read by a safeguarding lead or the
police; anyone reading them must be able to prove no entry was edited or removed, and that
no record (a consent, a lesson, a person) was changed behind the log's back.

- Each row's hash covers its content and the previous row's hash; `verify` walks the chain.
  Entries written before the chain had a key stay plain SHA-256; from the first keyed entry
  on (its details name the key: `chain_key`) each is an HMAC-SHA256 under a key kept in the
  OS keyring (or, without one, an owner-only folder), so the chain cannot be recomputed by
  someone holding only the database.
- The head (count and hash, HMAC'd) is mirrored outside the database, in the data folder
  (`audit-head.json`), so cutting entries off the end, or putting back an older copy of the
  whole database, is found.
- An entry that writes a record binds it: its details keep the SHA-256 of the row as written
  (`bound`). `verify` reads each bound table again and names any row whose content no entry
  accounts for; the consent gate trusts only consents the chain vouches for.
- The SQLite triggers that refuse edits are checked too (app/store.py `AUDIT_TRIGGERS`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from app.errors import LessonGuardError
from app.keystore import FileKeyStore, KeyStore, open_keystore
from app.store import AUDIT_TRIGGERS, Store
from app.texts import _

log = logging.getLogger(__name__)
GENESIS = "0" * 64
MIRROR_NAME = "audit-head.json"  # the head, outside the database, in the data folder
KEY_FOLDER = "audit-key"  # the chain key when there is no OS keyring (owner-only)
CHAIN_KEY = "chain_key"  # in the first keyed entry's details: which key seals the chain
BOUND = "bound"  # in an entry's details: the rows it wrote, with their digests
BASELINE = "baseline"  # rows already there when a table was first bound
# Tables whose every row must be accounted for by an entry from the moment the chain is
# keyed (their rows then are taken as the baseline).
BOUND_TABLES = ("people", "consents", "lessons", "confirmations", "check_runs")
RowId = int | str
RowRef = tuple[str, RowId]

_KEYS: dict[tuple[str, str], bytes] = {}
_VERIFIED: dict[tuple[str, int], tuple[tuple[Any, ...], VerifyResult]] = {}
_CACHE_LOCK = threading.Lock()


def _payload(row: Mapping[str, Any]) -> bytes:
    return json.dumps(
        [row["id"], row["ts"], row["actor"], row["action"], row["subject"], row["details"],
         row["prev_hash"]],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def _row_hash(row: Mapping[str, Any]) -> str:
    """An entry's seal before the chain had a key."""
    return hashlib.sha256(_payload(row)).hexdigest()


def _row_mac(key: bytes, row: Mapping[str, Any]) -> str:
    """An entry's seal once the chain has a key."""
    return hmac.new(key, _payload(row), hashlib.sha256).hexdigest()


def row_digest(row: Mapping[str, Any]) -> str:
    """The SHA-256 of a record's row: canonical JSON of every column, as written."""
    text = json.dumps(dict(row), sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _head_mac(key: bytes, key_id: str, count: int, head_hash: str) -> str:
    message = f"lessonguard-audit-head\n{key_id}\n{count}\n{head_hash}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _table_name(db: sqlite_utils.Database, table: str) -> str:
    if not table.isidentifier() or not db[table].exists():
        raise ValueError(f"no table {table!r} to bind")
    return table


def _read_row(db: sqlite_utils.Database, table: str, row_id: RowId) -> dict[str, Any] | None:
    rows = list(db.query(f'SELECT * FROM "{_table_name(db, table)}" WHERE id = ?', [row_id]))
    return dict(rows[0]) if rows else None


def _all_rows(db: sqlite_utils.Database, table: str) -> list[dict[str, Any]]:
    if not table.isidentifier() or not db[table].exists():
        return []
    return [dict(r) for r in db.query(f'SELECT * FROM "{table}"')]


@dataclass
class MigrationBinding:
    """What a schema migration must not break: a migration that adds a column to a bound
    table changes the digest of every row, so `verify` would call each one changed. The rows
    the log vouched for just before the migration are vouched for again just after it, in one
    `store.migrated` entry in the migration's own transaction. A row that was already changed
    outside LessonGuard before the migration is not: it stays reported."""

    latest: dict[tuple[str, str], str | None]
    rows: dict[tuple[str, str], tuple[RowId, str]]  # (table, str(id)) -> (id, digest before)

    @classmethod
    def before(cls, db: sqlite_utils.Database) -> MigrationBinding:
        latest: dict[tuple[str, str], str | None] = {}
        covered: set[str] = set()
        if db["audit_log"].exists():
            for r in db.query("SELECT details FROM audit_log ORDER BY id"):
                try:
                    details = json.loads(r["details"])
                except (ValueError, TypeError):
                    continue
                if isinstance(details, dict):
                    AuditLog._note_bindings(details, latest, covered)
        rows: dict[tuple[str, str], tuple[RowId, str]] = {}
        for table in sorted(covered | {t for t, _id in latest}):
            for row in _all_rows(db, table):
                rows[(table, str(row["id"]))] = (row["id"], row_digest(row))
        return cls(latest, rows)

    def after(self, store: Store, db: sqlite_utils.Database, start: int, end: int) -> None:
        rebind: list[RowRef] = []
        for (table, key), (row_id, old) in sorted(self.rows.items()):
            if self.latest.get((table, key)) != old:
                continue  # not vouched for before the migration: left for verify to report
            row = _read_row(db, table, row_id)
            if row is not None and row_digest(row) != old:
                rebind.append((table, row_id))
        if rebind:
            AuditLog(store).append_in(
                db, "store.migrated", subject="database",
                details={"from_version": start, "to_version": end,
                         "records_vouched_for_again": len(rebind)}, bind=rebind)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts: str
    actor: str
    action: str
    subject: str
    details: dict[str, Any]
    hash: str


@dataclass
class VerifyResult:
    checked: int = 0
    problems: list[str] = field(default_factory=list)
    # what is wrong with single records: (table, str(id)) -> why
    rows: dict[tuple[str, str], str] = field(default_factory=dict)
    # the problems with the log itself (its entries, head, mirror, guards), not counting a
    # lost key (below)
    chain_problems: list[str] = field(default_factory=list)
    keyed: bool = False
    # A lost key: entries before this one cannot be proved unchanged (0: none lost). The
    # records last vouched for before it count again only once a person confirms them
    # (`Consents.reseal`).
    unproven_before: int = 0
    key_loss: list[str] = field(default_factory=list)
    # which entry last vouched for each bound record: (table, str(id)) -> entry id
    vouched_at: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _ChainKey:
    entry_id: int
    key_id: str
    replaces: str | None = None  # the key that was missing when this one took over


class AuditLog:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def data_dir(self) -> Path:
        return self.store.path.parent

    @property
    def mirror_path(self) -> Path:
        return self.data_dir / MIRROR_NAME

    # --- writing ---

    def append(
        self,
        action: str,
        *,
        actor: str = "system",
        subject: str = "",
        details: dict[str, Any] | None = None,
        now: datetime | None = None,
    ) -> AuditEntry:
        """A standalone entry, in a transaction of its own: for something that happened
        without a record changing (a panic press, a playback, an export). When a record is
        written, write its entry with `append_in` inside the same transaction instead."""
        with self.store.write() as db:
            return self.append_in(db, action, actor=actor, subject=subject, details=details,
                                  now=now)

    def append_in(
        self,
        db: sqlite_utils.Database,
        action: str,
        *,
        actor: str = "system",
        subject: str = "",
        details: dict[str, Any] | None = None,
        now: datetime | None = None,
        bind: Sequence[RowRef] = (),
        gone: Sequence[RowRef] = (),
    ) -> AuditEntry:
        """The entry for a record, inside the write transaction that writes the record
        (`with store.write() as db:`), so both are kept or neither is: a crash between the
        two can never leave a consent, a lesson change or an incident step unlogged.

        `bind`: the rows this write left, as (table, id), read now and kept as digests, so
        `verify` finds any later change to them made outside LessonGuard. Pass it after the
        row is written, once per row, in the entry for that write. `gone`: rows this write
        deleted on purpose.

        The chain continues from the head read inside that same transaction, which holds
        the one write lock, so no other entry can slip in between.
        """
        if not db.conn.in_transaction:
            raise RuntimeError("AuditLog.append_in needs the open transaction of "
                               "`with store.write() as db:`")
        ts = (now or datetime.now(UTC)).isoformat(timespec="milliseconds")
        head = list(db.query("SELECT count, hash FROM audit_head WHERE id = 1"))
        count, prev = (int(head[0]["count"]), str(head[0]["hash"])) if head else (0, GENESIS)
        entry_id = count + 1
        full: dict[str, Any] = dict(details or {})
        keys = self._chain_keys(db)
        covered = self._covered_tables(db)
        baseline: dict[str, dict[str, str]] = {}
        key: bytes | None = None
        if keys:
            try:
                key = self._key(keys[-1].key_id)
            except LessonGuardError:
                # The key was lost (a reset keyring). Writing must go on (a panic, a
                # withdrawn consent), so a new key seals from here, and verify says so.
                log.error("the audit log's key %s is missing; sealing on with a new key",
                          keys[-1].key_id)
        if key is None:  # the first keyed entry: it makes the key and records the switch
            key_id = f"audit-chain-{secrets.token_hex(8)}"
            key = self._new_key(key_id)
            full[CHAIN_KEY] = {"key_id": key_id, "mac": "hmac-sha256",
                               "unkeyed_entries": count}
            if keys:
                full[CHAIN_KEY]["replaces_missing"] = keys[-1].key_id
            else:
                for table in BOUND_TABLES:
                    baseline[table] = {str(r["id"]): row_digest(r)
                                       for r in _all_rows(db, table)}
        bound: list[dict[str, Any]] = []
        for table, row_id in bind:
            if table not in covered and table not in baseline:
                baseline[table] = {str(r["id"]): row_digest(r) for r in _all_rows(db, table)}
            bound.append(self.binding(db, table, row_id))
        bound += [{"table": table, "id": row_id, "sha256": None} for table, row_id in gone]
        if baseline:
            full[BASELINE] = baseline
        if bound:
            full[BOUND] = bound
        row: dict[str, Any] = {
            "id": entry_id,
            "ts": ts,
            "actor": actor,
            "action": action,
            "subject": subject,
            "details": json.dumps(full, ensure_ascii=False, sort_keys=True),
            "prev_hash": prev,
        }
        entry_hash = row["hash"] = _row_mac(key, row)
        db.table("audit_log").insert(row)
        db.execute("INSERT INTO audit_head (id, count, hash) VALUES (1, ?, ?) "
                   "ON CONFLICT(id) DO UPDATE SET count = excluded.count, hash = excluded.hash",
                   [entry_id, entry_hash])
        self.store.after_commit(f"audit-mirror:{self.store.path}", self._refresh_mirror)
        return AuditEntry(entry_id, ts, actor, action, subject, full, entry_hash)

    @staticmethod
    def binding(db: sqlite_utils.Database, table: str, row_id: RowId) -> dict[str, Any]:
        """What an entry keeps of a record it wrote: its table, id and digest, as it stands
        in this transaction now. Most callers pass `bind=[(table, id)]` to `append_in`."""
        row = _read_row(db, table, row_id)
        if row is None:
            raise ValueError(f"there is no row {row_id!r} in {table} to bind")
        return {"table": table, "id": row_id, "sha256": row_digest(row)}

    # --- the key ---

    def _stores(self, create: bool) -> list[KeyStore]:
        """Where the chain key is: the OS keyring when LessonGuard uses one, else (or where
        it was kept before a keyring appeared) its own owner-only folder."""
        stores: list[KeyStore] = []
        try:
            chosen: KeyStore | None = open_keystore(self.data_dir)
        except LessonGuardError:
            if create:
                raise
            chosen = None
        if chosen is not None and not isinstance(chosen, FileKeyStore):
            stores.append(chosen)
        folder = self.data_dir / KEY_FOLDER
        if (create and not stores) or folder.is_dir():
            stores.append(FileKeyStore(folder))
        return stores

    def _new_key(self, key_id: str) -> bytes:
        key = secrets.token_bytes(32)
        self._stores(create=True)[0].put(key_id, key)
        with _CACHE_LOCK:
            _KEYS[(str(self.data_dir), key_id)] = key
        return key

    def _key(self, key_id: str) -> bytes:
        cache = (str(self.data_dir), key_id)
        with _CACHE_LOCK:
            if cache in _KEYS:
                return _KEYS[cache]
        stores = self._stores(create=False)
        for store in stores:
            try:
                key = store.get(key_id)
            except LessonGuardError:
                continue
            with _CACHE_LOCK:
                _KEYS[cache] = key
            return key
        where = ", ".join(s.name for s in stores) or _("any key store")
        raise LessonGuardError(
            _("The audit log's key ({key_id}) is not in {where}, so the log cannot be "
              "proved intact.", key_id=key_id, where=where),
            _("Restore this computer's keyring (or the folder {folder}) from a backup.",
              folder=str(self.data_dir / KEY_FOLDER)))

    @staticmethod
    def _chain_keys(db: sqlite_utils.Database) -> list[_ChainKey]:
        """The entries that start sealing with a key, in order (normally one)."""
        out: list[_ChainKey] = []
        for r in db.query("SELECT id, details FROM audit_log WHERE details LIKE ? "
                          "ORDER BY id", ['%"' + CHAIN_KEY + '": %']):
            try:
                found = json.loads(r["details"]).get(CHAIN_KEY)
            except (ValueError, AttributeError):
                continue
            if isinstance(found, dict) and isinstance(found.get("key_id"), str):
                replaces = found.get("replaces_missing")
                out.append(_ChainKey(int(r["id"]), found["key_id"],
                                     replaces if isinstance(replaces, str) else None))
        return out

    @staticmethod
    def _covered_tables(db: sqlite_utils.Database) -> set[str]:
        covered: set[str] = set()
        for r in db.query("SELECT details FROM audit_log WHERE details LIKE ?",
                          ['%"' + BASELINE + '": %']):
            try:
                found = json.loads(r["details"]).get(BASELINE)
            except (ValueError, AttributeError):
                continue
            if isinstance(found, dict):
                covered |= set(found)
        return covered

    # --- the head mirror ---

    def _read_mirror(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.mirror_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _mirror_valid(self, data: Mapping[str, Any], key_id: str, key: bytes) -> bool:
        try:
            count, head_hash = int(data["count"]), str(data["hash"])
            return data.get("key_id") == key_id and hmac.compare_digest(
                str(data["mac"]), _head_mac(key, key_id, count, head_hash))
        except (KeyError, TypeError, ValueError):
            return False

    def _refresh_mirror(self) -> None:
        """After a commit: move the mirror on to the head just written. A mirror that does
        not match this database is left as it is, for `verify` to report."""
        db = self.store.db
        keys = self._chain_keys(db)
        if not keys:
            return
        chain = keys[-1]
        key = self._key(chain.key_id)
        head = list(db.query("SELECT count, hash FROM audit_head WHERE id = 1"))
        if not head:
            return
        count, head_hash = int(head[0]["count"]), str(head[0]["hash"])
        current = self._read_mirror()
        if current is not None and not (chain.replaces is not None
                                        and current.get("key_id") == chain.replaces):
            # (a mirror sealed with a key that was lost cannot be checked: it is replaced)
            if not self._mirror_valid(current, chain.key_id, key):
                log.warning("the audit head mirror %s does not match this log; left as it is",
                            self.mirror_path)
                return
            if int(current["count"]) >= count:
                return
            at = list(db.query("SELECT hash FROM audit_log WHERE id = ?", [current["count"]]))
            if not at or at[0]["hash"] != current["hash"]:
                log.warning("the audit head mirror %s names an entry this log does not hold;"
                            " left as it is", self.mirror_path)
                return
        data = {"key_id": chain.key_id, "count": count, "hash": head_hash,
                "mac": _head_mac(key, chain.key_id, count, head_hash)}
        tmp = self.mirror_path.with_name(
            f".{MIRROR_NAME}.{os.getpid()}.{threading.get_ident()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(self.mirror_path)

    # --- reading ---

    def entries(self, action: str | None = None) -> list[AuditEntry]:
        sql = "SELECT * FROM audit_log"
        params: list[Any] = []
        if action:
            sql += " WHERE action = ?"
            params.append(action)
        return [
            AuditEntry(r["id"], r["ts"], r["actor"], r["action"], r["subject"],
                       json.loads(r["details"]), r["hash"])
            for r in self.store.db.query(sql + " ORDER BY id", params)
        ]

    def verify(self) -> VerifyResult:
        """Walk the chain and name what was edited, removed or inserted: entries, the head
        (against its mirror outside the database), the guards, and the bound records."""
        result = VerifyResult()
        db = self.store.db
        latest: dict[tuple[str, str], str | None] = {}
        covered: set[str] = set()
        keys = self._chain_keys(db)
        sealing: dict[int, bytes | None] = {}  # entry id where a key starts -> the key
        head_count = int(next(iter(db.query(
            "SELECT COALESCE(MAX(id), 0) AS n FROM audit_log")))["n"])
        for n, chain_key in enumerate(keys):
            try:
                sealing[chain_key.entry_id] = self._key(chain_key.key_id)
            except LessonGuardError as exc:
                # A lost key (a reset keyring) is not tampering, but nothing it sealed can
                # be proved: up to the key that took over, or to the end if none has yet.
                sealing[chain_key.entry_id] = None
                result.key_loss.append(str(exc))
                result.unproven_before = (keys[n + 1].entry_id if n + 1 < len(keys)
                                          else head_count + 1)
            if n:
                result.key_loss.append(str(_(
                    "entry {id} seals the log with a new key ({key_id}) because the one "
                    "before was missing: what came before cannot be proved unchanged",
                    id=chain_key.entry_id, key_id=chain_key.key_id)))
                result.unproven_before = max(result.unproven_before, chain_key.entry_id)
        result.keyed = bool(keys)
        key: bytes | None = None
        prev = GENESIS
        expected_id = 1
        broken = False
        for row in db.query("SELECT * FROM audit_log ORDER BY id"):
            if broken:
                break
            result.checked += 1
            if row["id"] != expected_id:
                result.problems.append(
                    f"entry {expected_id} is missing (the next one is {row['id']}): "
                    "entries were deleted"
                )
                broken = True
                continue
            if row["prev_hash"] != prev:
                result.problems.append(
                    f"entry {row['id']} does not follow entry {row['id'] - 1}: "
                    "an entry before it was changed or removed"
                )
                broken = True
                continue
            if row["id"] in sealing:
                key = sealing[row["id"]]
            keyed_entry = bool(keys) and row["id"] >= keys[0].entry_id
            if keyed_entry:
                if key is not None and not hmac.compare_digest(_row_mac(key, row),
                                                               str(row["hash"])):
                    result.problems.append(str(_(
                        "entry {id} ({action}) was edited: its seal does not match "
                        "LessonGuard's key", id=row["id"], action=row["action"])))
                    broken = True
                    continue
            elif _row_hash(row) != row["hash"]:
                result.problems.append(f"entry {row['id']} ({row['action']}) was edited")
                broken = True
                continue
            try:
                details = json.loads(row["details"])
            except ValueError:
                details = {}
            if isinstance(details, dict):
                self._note_bindings(details, latest, covered, result.vouched_at,
                                    int(row["id"]))
            prev = row["hash"]
            expected_id += 1
        if not broken:
            self._check_head(db, result, prev)
        last_key = keys[-1] if keys else None
        self._check_mirror(db, result, last_key,
                           sealing.get(last_key.entry_id) if last_key else None)
        self._check_triggers(db, result)
        result.chain_problems = list(result.problems)
        result.problems = result.key_loss + result.problems
        self._check_rows(db, result, latest, covered)
        return result

    @staticmethod
    def _note_bindings(details: Mapping[str, Any], latest: dict[tuple[str, str], str | None],
                       covered: set[str], vouched_at: dict[tuple[str, str], int] | None = None,
                       entry_id: int = 0) -> None:
        baseline = details.get(BASELINE)
        refs: list[tuple[str, str]] = []
        if isinstance(baseline, dict):
            for table, rows in baseline.items():
                covered.add(str(table))
                if isinstance(rows, dict):
                    for row_id, digest in rows.items():
                        latest[(str(table), str(row_id))] = digest
                        refs.append((str(table), str(row_id)))
        bound = details.get(BOUND)
        if isinstance(bound, list):
            for b in bound:
                if isinstance(b, dict) and "table" in b and "id" in b:
                    latest[(str(b["table"]), str(b["id"]))] = b.get("sha256")
                    refs.append((str(b["table"]), str(b["id"])))
        if vouched_at is not None:
            for ref in refs:
                vouched_at[ref] = entry_id

    @staticmethod
    def _check_head(db: sqlite_utils.Database, result: VerifyResult, prev: str) -> None:
        head = list(db.query("SELECT count, hash FROM audit_head WHERE id = 1"))
        count, head_hash = (head[0]["count"], head[0]["hash"]) if head else (0, GENESIS)
        if count != result.checked or head_hash != prev:
            result.problems.append(
                f"the log should hold {count} entries but holds {result.checked}: "
                "entries were removed from the end"
            )

    def _check_mirror(self, db: sqlite_utils.Database, result: VerifyResult,
                      chain: _ChainKey | None, key: bytes | None) -> None:
        mirror = self._read_mirror()
        if chain is None:
            if mirror is not None:
                result.problems.append(str(_(
                    "the log has no key, but the head kept outside the database ({path}) "
                    "says it had one: the database was replaced or rewritten",
                    path=str(self.mirror_path))))
            return
        if mirror is None:
            result.problems.append(str(_(
                "the head kept outside the database ({path}) is missing, so entries cut "
                "off the end could not be found", path=str(self.mirror_path))))
            return
        if key is None:
            return
        if not self._mirror_valid(mirror, chain.key_id, key):
            result.problems.append(str(_(
                "the head kept outside the database ({path}) was changed or belongs to "
                "another log", path=str(self.mirror_path))))
            return
        count = int(mirror["count"])
        at = list(db.query("SELECT hash FROM audit_log WHERE id = ?", [count]))
        if not at:
            result.problems.append(str(_(
                "the log holds {held} entries, but {count} were recorded outside the "
                "database: entries were cut off the end, or the database was replaced with "
                "an older copy", held=result.checked, count=count)))
        elif at[0]["hash"] != mirror["hash"]:
            result.problems.append(str(_(
                "entry {count} is not the one recorded outside the database: the database "
                "was replaced or rewritten", count=count)))

    @staticmethod
    def _check_triggers(db: sqlite_utils.Database, result: VerifyResult) -> None:
        present = {str(r["name"]): " ".join(str(r["sql"] or "").split())
                   for r in db.query("SELECT name, sql FROM sqlite_master "
                                     "WHERE type = 'trigger'")}
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        expected = dict(AUDIT_TRIGGERS)
        if version < 7:  # written by a version before these guards (and not yet migrated)
            for name in ("audit_log_appends_in_order", "audit_head_insert_names_last",
                         "audit_head_update_names_last", "audit_head_no_delete"):
                expected.pop(name)
        for name, sql in expected.items():
            if name not in present:
                result.problems.append(str(_(
                    "the guard {name}, which keeps the audit log append-only, was removed",
                    name=name)))
            elif present[name] != " ".join(sql.split()):
                result.problems.append(str(_(
                    "the guard {name}, which keeps the audit log append-only, was changed",
                    name=name)))

    @staticmethod
    def _check_rows(db: sqlite_utils.Database, result: VerifyResult,
                    latest: Mapping[tuple[str, str], str | None], covered: set[str]) -> None:
        tables = covered | {table for table, _id in latest}
        for table in sorted(tables):
            seen: set[str] = set()
            for row in _all_rows(db, table):
                row_id = str(row["id"])
                seen.add(row_id)
                ref = (table, row_id)
                if ref not in latest or latest[ref] is None:
                    if table in covered or ref in latest:
                        why = _("{table} record {id} was added outside LessonGuard: no audit "
                                "entry accounts for it", table=table, id=row_id)
                        result.rows[ref] = str(why)
                elif latest[ref] != row_digest(row):
                    why = _("{table} record {id} was changed outside LessonGuard: its content "
                            "matches no audit entry", table=table, id=row_id)
                    result.rows[ref] = str(why)
            for (t, row_id), digest in latest.items():
                if t == table and digest is not None and row_id not in seen:
                    why = _("{table} record {id} was deleted outside LessonGuard",
                            table=table, id=row_id)
                    result.rows[(t, row_id)] = str(why)
        result.problems += list(result.rows.values())

    # --- trust, for the consent gate ---

    def untrusted(self, table: str, ids: Iterable[RowId]) -> dict[RowId, str]:
        """The rows among `ids` that the chain does not vouch for, each with why: all of
        them when the log itself was tampered with. Asked once a second while recording, so
        the verification is kept until the database, its journal or the mirror changes."""
        result = self._verified()
        chain = result.chain_problems
        out: dict[RowId, str] = {}
        for row_id in ids:
            ref = (table, str(row_id))
            if chain:
                out[row_id] = str(_("the audit log was changed outside LessonGuard ({why})",
                                    why=chain[0]))
            elif ref in result.rows:
                out[row_id] = result.rows[ref]
            elif result.unproven_before and result.vouched_at.get(ref, 0) < \
                    result.unproven_before:
                out[row_id] = str(_(
                    "the audit log's key was lost, so its record cannot be proved unchanged "
                    "until a person confirms it again (`lessonguard consent reseal`)"))
        return out

    def _verified(self) -> VerifyResult:
        db = self.store.db
        files: list[tuple[int, int, int] | None] = []
        for path in (self.store.path, self.store.path.with_name(self.store.path.name + "-wal"),
                     self.mirror_path):
            try:
                st = path.stat()
                files.append((st.st_ino, st.st_size, st.st_mtime_ns))
            except OSError:
                files.append(None)
        fingerprint = (int(db.execute("PRAGMA data_version").fetchone()[0]),
                       db.conn.total_changes, tuple(files))
        cache = (str(self.store.path), id(db.conn))
        with _CACHE_LOCK:
            known = _VERIFIED.get(cache)
        if known is not None and known[0] == fingerprint:
            return known[1]
        result = self.verify()
        with _CACHE_LOCK:
            _VERIFIED[cache] = (fingerprint, result)
        return result
