"""Reading what came over a link, for the lesson record, `consent status`, the tutor's Ready
screen and the family's view: where each confirmation and consent came from.

Why: a confirmation made on the family's own computer and one the tutor ticked for the family
weigh differently; every place that shows one says which it is, from the same words here.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import sqlite_utils

from app.audit import AuditLog
from app.linking.envelope import verify_kept
from app.linking.links import get_link
from app.store import Store

THIS_COMPUTER, LINKED_COMPUTER = "this computer", "linked computer"


def origin(db: sqlite_utils.Database, source: str | None, link_id: str | None,
           attested_by: str | None = None) -> dict[str, Any]:
    """{"from", "device", "attested_by"} for a confirmation's or consent's row."""
    if source == "linked" and link_id:
        link = get_link(db, link_id)
        return {"from": LINKED_COMPUTER, "device": link.peer_name if link else None,
                "attested_by": attested_by}
    return {"from": THIS_COMPUTER, "device": None, "attested_by": attested_by}


def linked_confirmations(store: Store, lesson_id: int) -> list[dict[str, Any]]:
    """Every confirmation of a lesson with where it came from, in the order they were made."""
    db = store.db
    rows = list(db.query("SELECT * FROM confirmations WHERE lesson_id = ? ORDER BY at, id",
                         [lesson_id]))
    doubted = doubted_ids(store, "confirmations",
                          [int(r["id"]) for r in rows if r["source"] == "linked"])
    out = []
    for r in rows:
        item = {"id": r["id"], "kind": r["kind"], "by_name": r["by_name"], "role": r["role"],
                "at": r["at"], "source": r["source"] or "this_computer",
                "link_id": r["link_id"],
                **origin(db, r["source"], r["link_id"], r["attested_by"])}
        if int(r["id"]) in doubted:  # never shown as the family's word
            item.update({"from": CHANGED, "device": None, "source": "changed"})
        out.append(item)
    return out


CHANGED = "changed outside LessonGuard"


def doubted_ids(store: Store, table: str, ids: list[int]) -> set[int]:
    """Of these rows, those the audit log does not vouch for as they stand."""
    return {int(i) for i in AuditLog(store).untrusted(table, ids)} if ids else set()


def latest_checks(store: Store, lesson_id: int) -> dict[str, Any] | None:
    """The last check summary the family's side sent for this (the tutor's) lesson: verdicts
    only, with when it arrived and from which computer."""
    rows = list(store.db.query(
        "SELECT i.id, i.body, i.received_at, l.peer_name FROM link_inbox i JOIN links l ON "
        "l.id = i.link_id WHERE i.kind = 'checks.summary' AND i.applied NOT LIKE "
        "'refused%' ORDER BY i.id DESC"))
    for row in rows:
        body = json.loads(row["body"])
        if body.get("lesson") != lesson_id:
            continue
        # Only as it arrived: a row edited in the file afterwards is not shown.
        if AuditLog(store).untrusted("link_inbox", [int(row["id"])]):
            return None
        return {**body, "received_at": row["received_at"], "device": row["peer_name"]}
    return None


def consent_is_signed(store: Store, consent: Any) -> bool:
    """A linked consent's kept message still verifies under the peer's key from the pairing
    (True for a consent given on this computer: there is nothing to verify)."""
    if getattr(consent, "source", None) != "linked":
        return True
    link = get_link(store.db, str(consent.link_id or ""))
    try:
        kept = json.loads(consent.signature or "{}")
        signed = base64.b64decode(kept["signed"])
        signature = base64.b64decode(kept["signature"])
        body = json.loads(signed)["body"]
    except (ValueError, KeyError, TypeError):
        return False
    if link is None or body.get("remote_id") != consent.remote_id:
        return False
    if any(body.get(k) != getattr(consent, k) for k in ("given_by_name", "role", "scope",
                                                        "pack_id", "text_version")):
        return False  # the row no longer says what was signed
    return verify_kept(link.peer_sign_pub, signed, signature)
