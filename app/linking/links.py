"""The links this installation keeps, and the sealed messages waiting to go out on them.

Why here: a link's row holds the peer's public keys and the sequence numbers each way, which
is what decides whose messages are accepted and in what order. Every change to it is written
with an audit entry that binds the row (app/audit.py), so a row edited behind LessonGuard's
back (a peer key swapped, a sequence number set back to let a replay in) is found, and the
link is not used until it is sorted out. A message is queued in the same transaction as the
record it reports, so both are kept or neither is.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from app.audit import AuditLog
from app.errors import LessonGuardError
from app.linking.envelope import message_key, seal
from app.linking.identity import Identity
from app.linking.kinds import KINDS, may_send
from app.store import Store, inserted_id
from app.texts import _
from app.times import iso_utc

log = logging.getLogger(__name__)


class LinkDoubted(LessonGuardError):
    """The audit log does not vouch for a link's row: it was changed outside LessonGuard."""


@dataclass(frozen=True)
class Link:
    id: str
    pupil_id: int
    my_side: str  # "creator" (the tutor's side) or "joiner" (the family's or school's)
    device_id: str
    peer_device_id: str
    peer_name: str
    peer_role: str
    peer_sign_pub: bytes
    peer_box_pub: bytes
    pack_id: str
    created_at: str
    removed_at: str | None
    send_seq: int
    recv_seq: int

    @property
    def active(self) -> bool:
        return self.removed_at is None

    @property
    def check_code(self) -> str:
        """Six digits both linked computers show for this link ("123 456"): the same on both
        only if they paired with each other. Comparing them (by phone, in the lesson chat)
        finds someone who typed the code before the family did. The link id comes from the
        pairing's secret key, so nobody else can work it out."""
        number = int(hashlib.sha256(f"lessonguard check:{self.id}".encode()).hexdigest(), 16)
        digits = f"{number % 1_000_000:06d}"
        return f"{digits[:3]} {digits[3:]}"

    def key(self, ident: Identity) -> bytes:
        return message_key(ident.box, self.peer_box_pub, self.id)

    def to_json(self) -> dict[str, Any]:
        return {"link_id": self.id, "pupil_id": self.pupil_id, "side": self.my_side,
                "peer_name": self.peer_name, "peer_role": self.peer_role,
                "peer_device": self.peer_device_id, "pack_id": self.pack_id,
                "created_at": self.created_at, "removed_at": self.removed_at,
                "sent": self.send_seq, "received": self.recv_seq,
                "check_code": self.check_code}


def _link(row: dict[str, Any]) -> Link:
    return Link(str(row["id"]), int(row["pupil_id"]), str(row["my_side"]),
                str(row["device_id"]), str(row["peer_device_id"]), str(row["peer_name"]),
                str(row["peer_role"]), bytes.fromhex(row["peer_sign_pub"]),
                bytes.fromhex(row["peer_box_pub"]), str(row["pack_id"] or ""),
                str(row["created_at"]), row["removed_at"],
                max(int(row["send_seq"]), int(row["out_seq"])), int(row["recv_seq"]))


# The last number sent on a link is the outbox's: queueing never rewrites the link's row
# (whose audit binding must keep catching a change made behind LessonGuard's back).
_SELECT = ("SELECT links.*, COALESCE((SELECT MAX(seq) FROM link_outbox o WHERE "
           "o.link_id = links.id), 0) AS out_seq FROM links")


def get_link(db: sqlite_utils.Database, link_id: str) -> Link | None:
    rows = list(db.query(f"{_SELECT} WHERE id = ?", [link_id]))
    return _link(rows[0]) if rows else None


def all_links(db: sqlite_utils.Database, pupil_id: int | None = None,
              *, active: bool = True) -> list[Link]:
    sql, params = f"{_SELECT} WHERE 1 = 1", []
    if pupil_id is not None:
        sql += " AND pupil_id = ?"
        params.append(pupil_id)
    if active:
        sql += " AND removed_at IS NULL"
    return [_link(r) for r in db.query(sql + " ORDER BY created_at, id", params)]


def check_trusted(audit: AuditLog, link: Link) -> None:
    """Raise `LinkDoubted` when the audit log does not vouch for the link's row as it stands
    (or the log itself was changed): its keys or sequence numbers cannot be believed."""
    doubts = audit.untrusted("links", [link.id])
    if doubts:
        raise LinkDoubted(str(_("The link with {peer} cannot be used: {why}",
                                peer=link.peer_name, why=doubts[link.id])),
                          str(_("Check the data folder (`lessonguard audit verify`), then "
                                "link again.")))


def add_link(store: Store, audit: AuditLog, *, link_id: str, pupil_id: int, my_side: str,
             ident: Identity, peer_device_id: str, peer_name: str, peer_role: str,
             peer_sign_pub: bytes, peer_box_pub: bytes, pack_id: str, actor: str,
             now: datetime | None = None) -> Link:
    at = iso_utc(now or datetime.now(UTC))
    with store.write() as db:
        db.table("links").insert(
            {"id": link_id, "pupil_id": pupil_id, "my_side": my_side,
             "device_id": ident.device_id, "peer_device_id": peer_device_id,
             "peer_name": peer_name, "peer_role": peer_role,
             "peer_sign_pub": peer_sign_pub.hex(), "peer_box_pub": peer_box_pub.hex(),
             "pack_id": pack_id, "created_at": at, "send_seq": 0, "recv_seq": 0})
        audit.append_in(db, "link.created", actor=actor, subject=f"link:{link_id}",
                        details={"pupil_id": pupil_id, "side": my_side, "peer": peer_name,
                                 "peer_role": peer_role, "peer_device": peer_device_id},
                        bind=[("links", link_id)])
        link = get_link(db, link_id)
    assert link is not None
    return link


def remove_link(store: Store, audit: AuditLog, link_id: str, by: str) -> None:
    """End a link. A consent that came over it stops counting at once: no withdrawal can
    reach this side any more, so none is waited for."""
    at = iso_utc(datetime.now(UTC))
    with store.write() as db:
        link = get_link(db, link_id)
        db.execute("UPDATE links SET removed_at = ? WHERE id = ?", [at, link_id])
        ended = [int(r["id"]) for r in db.query(
            "SELECT id FROM consents WHERE link_id = ? AND source = 'linked' AND "
            "withdrawn_at IS NULL", [link_id])]
        for consent in ended:
            db.execute("UPDATE consents SET withdrawn_at = ?, withdrawn_by = ?, "
                       "withdraw_reason = ? WHERE id = ?",
                       [at, by, f"the link with {link.peer_name if link else '?'} was "
                        "removed", consent])
        audit.append_in(db, "link.removed", actor=by, subject=f"link:{link_id}",
                        details={"consents_ended": ended},
                        bind=[("links", link_id), *(("consents", c) for c in ended)])


def queue_in(store: Store, audit: AuditLog, ident: Identity, link: Link, kind: str,
             body: dict[str, Any], *, actor: str, now: datetime | None = None) -> int:
    """Seal one message for `link` and put it in the outbox, inside the caller's transaction
    (or one of its own). Returns the outbox row's id. Raises ValueError for a kind this side
    may not send or a body its model refuses. Whether the audit log still vouches for the
    link's row is asked when it is sent (`Linking.flush`), not here: that walks the log,
    and this runs inside the use case's own transaction (a panic press)."""
    if not may_send(kind, link.my_side):
        raise ValueError(f"the {link.my_side}'s side does not send {kind}")
    model = KINDS[kind][0]
    body = model.model_validate(body).model_dump(mode="json")
    at = iso_utc(now or datetime.now(UTC))
    with store.write() as db:
        current = get_link(db, link.id)
        if current is None or not current.active:
            raise ValueError(f"link {link.id} was removed")
        seq = current.send_seq + 1
        topic, payload = seal(current.key(ident), ident.sign, link_id=current.id,
                              sender=ident.device_id, recipient=current.peer_device_id,
                              seq=seq, at=at, kind=kind, body=body)
        out_id = inserted_id(db.table("link_outbox").insert(
            {"link_id": current.id, "seq": seq, "kind": kind, "topic": topic,
             "payload": payload, "queued_at": at}))
        # (the entry binds the message, never the link's row: binding that here would vouch
        # for it again as it stands, even if it was changed outside LessonGuard)
        audit.append_in(db, "link.queued", actor=actor, subject=f"link:{current.id}",
                        details={"kind": kind, "seq": seq, "to": current.peer_name},
                        bind=[("link_outbox", out_id)])
    return out_id


def seal_ack(ident: Identity, link: Link, upto: int) -> tuple[str, bytes]:
    """An acknowledgement for the peer: everything up to `upto` was applied here. Not queued
    (it is sent again whenever wanted) and numbered 0 (replaying one changes nothing)."""
    return seal(link.key(ident), ident.sign, link_id=link.id, sender=ident.device_id,
                recipient=link.peer_device_id, seq=0, at=iso_utc(datetime.now(UTC)),
                kind="ack", body={"upto": upto})


def mark_acked(store: Store, link_id: str, upto: int) -> int:
    """The peer applied everything up to `upto`: those need not be sent again."""
    with store.write() as db:
        ids = [int(r["id"]) for r in db.query(
            "SELECT id FROM link_outbox WHERE link_id = ? AND seq <= ? AND acked_at IS NULL",
            [link_id, upto])]
        if ids:
            db.execute(f"UPDATE link_outbox SET acked_at = ? WHERE id IN "
                       f"({','.join('?' * len(ids))})", [iso_utc(datetime.now(UTC)), *ids])
            # A recording's copy (its key, its pieces) is never sent again once applied:
            # it is not kept here after the recording's own retention ends.
            db.execute(f"UPDATE link_outbox SET payload = x'' WHERE kind LIKE 'recording.%' "
                       f"AND id IN ({','.join('?' * len(ids))})", ids)
            # Bound, so a message marked delivered in the file when it never was is found.
            AuditLog(store).append_in(db, "link.acknowledged", subject=f"link:{link_id}",
                                      details={"upto": upto},
                                      bind=[("link_outbox", i) for i in ids])
    return len(ids)


@dataclass(frozen=True)
class Outgoing:
    id: int
    link_id: str
    seq: int
    kind: str
    topic: str
    payload: bytes


def pending(store: Store, *, unacked: bool = False) -> list[Outgoing]:
    """What is still to send, in the order it was queued (each link's in its seq order);
    with `unacked`, also what was sent but the peer has not yet said it applied (a broker
    that lost it in a crash, or an acknowledgement that did not come back)."""
    where = "o.acked_at IS NULL" if unacked else "o.sent_at IS NULL AND o.acked_at IS NULL"
    # (what was queued before a link was removed still goes: its last withdrawals)
    return [Outgoing(int(r["id"]), str(r["link_id"]), int(r["seq"]), str(r["kind"]),
                     str(r["topic"]), bytes(r["payload"]))
            for r in store.db.query(
                "SELECT o.* FROM link_outbox o JOIN links l ON l.id = o.link_id "
                f"WHERE {where} AND (l.removed_at IS NULL OR o.queued_at <= l.removed_at) "
                "ORDER BY o.id")]


def unsent(store: Store) -> int:
    """How many messages wait to be sent (not yet taken by the broker)."""
    return int(next(iter(store.db.query(
        "SELECT COUNT(*) AS n FROM link_outbox o JOIN links l ON l.id = o.link_id WHERE "
        "o.sent_at IS NULL AND o.acked_at IS NULL AND (l.removed_at IS NULL OR "
        "o.queued_at <= l.removed_at)")))["n"])


def mark_sent(store: Store, outbox_id: int, now: datetime | None = None) -> None:
    with store.write() as db:
        cursor = db.execute("UPDATE link_outbox SET sent_at = ? WHERE id = ? AND sent_at IS "
                            "NULL", [iso_utc(now or datetime.now(UTC)), outbox_id])
        if cursor.rowcount:  # the first time only (a copy sent again changes nothing)
            AuditLog(store).append_in(db, "link.sent", subject=f"link_outbox:{outbox_id}",
                                      bind=[("link_outbox", outbox_id)])
