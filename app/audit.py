"""The append-only, hash-chained audit log.

Why: consent, panic presses and incident steps may be read by a safeguarding lead or the
police; anyone reading them must be able to prove no entry was edited or removed.
Each row's hash covers its content and the previous row's hash; `verify` walks the chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from app.store import Store

GENESIS = "0" * 64


def _row_hash(row: dict[str, Any]) -> str:
    payload = json.dumps(
        [row["id"], row["ts"], row["actor"], row["action"], row["subject"], row["details"],
         row["prev_hash"]],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


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

    @property
    def ok(self) -> bool:
        return not self.problems


class AuditLog:
    def __init__(self, store: Store) -> None:
        self.store = store

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
    ) -> AuditEntry:
        """The entry for a record, inside the write transaction that writes the record
        (`with store.write() as db:`), so both are kept or neither is: a crash between the
        two can never leave a consent, a lesson change or an incident step unlogged.

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
        row: dict[str, Any] = {
            "id": entry_id,
            "ts": ts,
            "actor": actor,
            "action": action,
            "subject": subject,
            "details": json.dumps(details or {}, ensure_ascii=False, sort_keys=True),
            "prev_hash": prev,
        }
        entry_hash = row["hash"] = _row_hash(row)
        db.table("audit_log").insert(row)
        db.table("audit_head").upsert({"id": 1, "count": entry_id, "hash": entry_hash}, pk="id")
        return AuditEntry(entry_id, ts, actor, action, subject, details or {}, entry_hash)

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
        """Walk the chain; name the first entry that was edited, removed or inserted."""
        result = VerifyResult()
        prev = GENESIS
        expected_id = 1
        for row in self.store.db.query("SELECT * FROM audit_log ORDER BY id"):
            result.checked += 1
            if row["id"] != expected_id:
                result.problems.append(
                    f"entry {expected_id} is missing (the next one is {row['id']}): "
                    "entries were deleted"
                )
                return result
            if row["prev_hash"] != prev:
                result.problems.append(
                    f"entry {row['id']} does not follow entry {row['id'] - 1}: "
                    "an entry before it was changed or removed"
                )
                return result
            if _row_hash(row) != row["hash"]:
                result.problems.append(f"entry {row['id']} ({row['action']}) was edited")
                return result
            prev = row["hash"]
            expected_id += 1
        head = list(self.store.db.query("SELECT count, hash FROM audit_head WHERE id = 1"))
        count, head_hash = (head[0]["count"], head[0]["hash"]) if head else (0, GENESIS)
        if count != result.checked or head_hash != prev:
            result.problems.append(
                f"the log should hold {count} entries but holds {result.checked}: "
                "entries were removed from the end"
            )
        return result
