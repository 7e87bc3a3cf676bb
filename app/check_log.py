"""Storing check runs and people's confirmations, tied to the lesson.

Why: a parent or a safeguarding lead must be able to see later that the checks were done,
what they found, and who confirmed what and when.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from app.audit import AuditLog
from app.store import Store


def save_check_run(store: Store, *, started_at: datetime, pack_id: str, ready: bool,
                   summary: str, duration_s: float, results: list[dict[str, Any]],
                   lesson_id: int | None = None) -> int:
    with store.write() as db:
        cursor = db.execute(
            "INSERT INTO check_runs (started_at, pack_id, lesson_id, ready, summary, duration_s,"
            " results) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [started_at.isoformat(), pack_id, lesson_id, int(ready), summary, duration_s,
             json.dumps(results, ensure_ascii=False, default=str)],
        )
        run_id = int(cursor.lastrowid or 0)
        AuditLog(store).append_in(db, "checks.run", subject=f"check_run:{run_id}",
                                  details={"pack": pack_id, "ready": ready,
                                           "summary": summary, "lesson_id": lesson_id},
                                  bind=[("check_runs", run_id)])
    return run_id


def check_runs(store: Store, lesson_id: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM check_runs"
    params: list[Any] = []
    if lesson_id is not None:
        sql += " WHERE lesson_id = ?"
        params.append(lesson_id)
    rows = list(store.db.query(sql + " ORDER BY id", params))
    for row in rows:
        row["results"] = json.loads(row["results"])
        row["ready"] = bool(row["ready"])
    return rows


def record_confirmation(store: Store, *, kind: str, by_name: str, role: str, at: datetime,
                        lesson_id: int | None = None, attested_by: str | None = None) -> int:
    """A person vouches for something (an adult is present, the room is a living area).
    `attested_by`: the person at this computer who ticked it for `by_name` (the tutor for
    the adult at home): kept as their attestation, never as the adult's own confirmation."""
    with store.write() as db:
        cursor = db.execute(
            "INSERT INTO confirmations (lesson_id, kind, by_name, role, at, source, "
            "attested_by) VALUES (?,?,?,?,?,?,?)",
            [lesson_id, kind, by_name, role, at.isoformat(), "this_computer", attested_by],
        )
        conf_id = int(cursor.lastrowid or 0)
        AuditLog(store).append_in(db, f"confirmation.{kind}", actor=attested_by or by_name,
                                  subject=f"lesson:{lesson_id}" if lesson_id else "",
                                  details={"role": role, "at": at.isoformat(),
                                           **({"attested_by": attested_by} if attested_by
                                              else {})},
                                  bind=[("confirmations", conf_id)])
    return conf_id
