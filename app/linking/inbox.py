"""Taking in a message from a linked installation: checked, then applied in one transaction.

Why: the tutor's gate must be able to rely on a consent that came from the family's computer
exactly as on one given here, and never on one that was forged, replayed or withdrawn. So a
message is applied only if it opens under its link's key, is signed by the peer's key from
the pairing, comes after the last one taken in, is a kind the peer's side may send, and its
body is what that kind allows; then the record it makes, the inbox row, the link's new
sequence number and the audit entry binding all three are written together.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, get_args

import sqlite_utils
from pydantic import ValidationError

from app.audit import AuditLog, RowRef
from app.linking.envelope import Inner, Refused, open_sealed, topic_for
from app.linking.events import PIECE, LinkEvent, words_for
from app.linking.identity import Identity
from app.linking.kinds import (
    ACK,
    CREATOR,
    JOINER,
    KINDS,
    Ack,
    ConsentGranted,
    ConsentWithdrawn,
    LessonAnnounced,
    LessonRecord,
    LessonState,
    Panic,
    Presence,
    RecordingChunk,
    RecordingOffered,
    Room,
    may_send,
)
from app.linking.links import (
    Link,
    LinkDoubted,
    all_links,
    check_trusted,
    get_link,
    mark_acked,
)
from app.linking.recording_copy import CopyReceiver, kept_body
from app.policy.schema import Platform
from app.recordings import Recordings
from app.store import Store, inserted_id
from app.times import iso_utc

log = logging.getLogger(__name__)
PLATFORMS: tuple[str, ...] = get_args(Platform)


@dataclass(frozen=True)
class Received:
    link: Link
    inner: Inner
    applied: str
    event: LinkEvent


def _when(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Refused(f"its time {text[:40]!r} is not a time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def keep_signed(inner: Inner) -> str:
    """What a linked consent keeps of the message it came in: enough to verify it again."""
    return json.dumps({"signed": base64.b64encode(inner.signed).decode(),
                       "signature": base64.b64encode(inner.signature).decode()})


@dataclass
class Inbox:
    """Receives for every link of this installation."""

    store: Store
    data_dir: Path
    ident: Identity
    audit: AuditLog
    refused: dict[str, int] = field(default_factory=dict)  # why -> how many
    # link id -> the number to acknowledge to its peer (sent by the session or sync, never
    # from inside the transport's callback)
    to_ack: dict[str, int] = field(default_factory=dict)
    acks: int = 0  # acknowledgements taken in
    _topics: dict[str, str] = field(default_factory=dict)
    _said: set[tuple[str | None, str]] = field(default_factory=set)

    def topics(self) -> dict[str, str]:
        """topic -> link id, for every active link: what this installation subscribes to."""
        self._topics = {topic_for(link.key(self.ident), self.ident.device_id): link.id
                        for link in all_links(self.store.db)}
        return dict(self._topics)

    def refuse(self, why: str, link_id: str | None) -> None:
        self.refused[why] = self.refused.get(why, 0) + 1
        if (link_id, why) not in self._said:  # logged once, counted always
            self._said.add((link_id, why))
            log.warning("a link message was refused (link %s): %s", link_id or "?", why)

    def receive(self, topic: str, payload: bytes) -> Received | None:
        """Apply one message, or raise `Refused` (already counted and logged). None for an
        acknowledgement (the peer applied what we sent, up to a number)."""
        try:
            return self._receive(topic, payload)
        except Refused as exc:
            self.refuse(exc.why, exc.link_id)
            raise

    def _receive(self, topic: str, payload: bytes) -> Received | None:
        link_id = self._topics.get(topic) or self.topics().get(topic)
        if link_id is None:
            raise Refused("it came on a topic of no active link")
        link = get_link(self.store.db, link_id)
        if link is None or not link.active:
            raise Refused("its link was removed", link_id=link_id)
        try:
            check_trusted(self.audit, link)
        except LinkDoubted as exc:
            raise Refused(exc.message, link_id=link_id) from None
        inner = open_sealed(link.key(self.ident), topic, payload,
                            peer_sign_pub=link.peer_sign_pub, link_id=link.id,
                            sender=link.peer_device_id, recipient=self.ident.device_id)
        if inner.kind == ACK:
            if inner.seq != 0:
                raise Refused("an acknowledgement with a number", link_id=link_id)
            try:
                upto = Ack.model_validate(inner.body).upto
            except ValidationError:
                raise Refused("its ack body is not valid", link_id=link_id) from None
            mark_acked(self.store, link.id, min(upto, link.send_seq))
            self.acks += 1
            return None
        if inner.seq <= link.recv_seq:
            self.to_ack[link.id] = link.recv_seq  # it may not have had our ack: again
            raise Refused("a replay or a duplicate (its number was taken in before)",
                          link_id=link_id)
        if inner.seq > link.recv_seq + 1:
            # One before it has not arrived (a broker that held it back or lost it): nothing
            # is skipped, a withdrawal least of all. The sender sends again what we have not
            # acknowledged, in order.
            self.to_ack[link.id] = link.recv_seq
            raise Refused("out of order (an earlier message has not arrived yet)",
                          link_id=link_id)
        # From here the message is the next one, authentic: whether or not what it says can
        # be applied, it is taken in (its number used), so one bad message cannot stop the
        # link; what could not be applied is kept in the inbox with why.
        why = self._content_problem(link, inner)
        body = None if why else KINDS[inner.kind][0].model_validate(inner.body)
        now = datetime.now(UTC)
        applied, lesson_id, by = "", None, link.peer_name
        refs: list[RowRef] = []
        extra: dict[str, Any] = {}
        with self.store.write() as db:
            fresh = get_link(db, link.id)  # another thread may have taken it in meanwhile
            if fresh is None or inner.seq != fresh.recv_seq + 1:
                raise Refused("a replay or a duplicate (its number was taken in before)",
                              link_id=link_id)
            if body is not None:
                try:
                    with self.store.write():  # a savepoint: undone alone if refused
                        applied, refs, lesson_id, by, extra = self._apply(db, fresh, inner,
                                                                          body)
                except Refused as exc:
                    why = exc.why
            if why:
                applied, refs = f"refused: {why}", []
            inbox_id = inserted_id(db.table("link_inbox").insert(
                {"link_id": link.id, "seq": inner.seq, "kind": inner.kind[:40],
                 "sent_at": inner.at, "received_at": iso_utc(now),
                 "body": json.dumps(kept_body(inner.kind, inner.body), ensure_ascii=False,
                                    sort_keys=True),
                 "applied": applied}))
            db.execute("UPDATE links SET recv_seq = ? WHERE id = ?", [inner.seq, link.id])
            details: dict[str, Any] = {"kind": inner.kind[:40], "seq": inner.seq,
                                       "from": link.peer_name, "applied": applied}
            self.audit.append_in(db, f"link.received.{inner.kind[:40]}",
                                 actor=link.peer_name, subject=f"link:{link.id}",
                                 details=details,
                                 bind=[("links", link.id), ("link_inbox", inbox_id), *refs])
        self.to_ack[link.id] = inner.seq
        if why:
            raise Refused(why, link_id=link_id)
        at = _when(inner.at)
        kind = inner.kind
        if kind == "recording.chunk" and not applied.startswith("recordings:"):
            kind = PIECE  # one piece of many: nothing to tell a person until the copy is whole
        event = LinkEvent(kind, link.id, link.peer_name, link.peer_role, lesson_id, at,
                          by, words_for(kind, peer=link.peer_name, by=by, at=at,
                                        present=bool(extra.get("present", True))))
        return Received(fresh, inner, applied, event)

    @staticmethod
    def _content_problem(link: Link, inner: Inner) -> str:
        """Why an authentic message cannot be applied as it stands ("" when it can)."""
        peer_side = JOINER if link.my_side == CREATOR else CREATOR
        if inner.kind not in KINDS:
            return "an unknown kind of message"
        if not may_send(inner.kind, peer_side):
            return f"the {peer_side}'s side may not send {inner.kind}"
        try:
            KINDS[inner.kind][0].model_validate(inner.body)
        except ValidationError as exc:
            return f"its {inner.kind} body is not valid ({exc.error_count()} problem(s))"
        return ""

    # --- each kind ---

    def _own_lesson(self, db: sqlite_utils.Database, link: Link, lesson: int) -> int:
        """The tutor's side: a lesson the family names must be one of this pupil's own."""
        rows = list(db.query("SELECT id FROM lessons WHERE id = ? AND pupil_id = ? AND "
                             "link_id IS NULL", [lesson, link.pupil_id]))
        if not rows:
            raise Refused(f"it names lesson {lesson}, which is not a lesson of the linked "
                          "pupil here", link_id=link.id)
        return lesson

    @staticmethod
    def _during(db: sqlite_utils.Database, link: Link, lesson_id: int, at: str) -> None:
        """A confirmation counts for a lesson not yet over, made around its time (from a
        day before it is booked to its end): never for an ended lesson or another year."""
        row = next(iter(db.query("SELECT state, starts_at, started_at, duration_min FROM "
                                 "lessons WHERE id = ?", [lesson_id])))
        if row["state"] in ("ended", "cancelled"):
            raise Refused(f"it confirms lesson {lesson_id}, which is {row['state']}",
                          link_id=link.id)
        moment = _when(at)
        start = datetime.fromisoformat(row["started_at"] or row["starts_at"])
        if not (start - timedelta(days=1) <= moment
                <= start + timedelta(minutes=int(row["duration_min"]) + 60)):
            raise Refused(f"its time is not around lesson {lesson_id}'s", link_id=link.id)

    @staticmethod
    def _copy(db: sqlite_utils.Database, link: Link, lesson: int) -> int | None:
        rows = list(db.query("SELECT id FROM lessons WHERE link_id = ? AND remote_id = ?",
                             [link.id, lesson]))
        return int(rows[0]["id"]) if rows else None

    def _local_lesson(self, db: sqlite_utils.Database, link: Link, lesson: int) -> int | None:
        if link.my_side == CREATOR:
            return self._own_lesson(db, link, lesson)
        return self._copy(db, link, lesson)

    def _apply(self, db: sqlite_utils.Database, link: Link, inner: Inner, body: Any
               ) -> tuple[str, list[RowRef], int | None, str, dict[str, Any]]:
        """Write what the message says: (what was done, rows written, local lesson, who)."""
        kind = inner.kind
        if isinstance(body, LessonAnnounced):
            return self._announced(db, link, body)
        if isinstance(body, LessonState):
            local = self._local_lesson(db, link, body.lesson)
            if link.my_side == JOINER and local is not None:
                started = kind == "lesson.started"
                column = "started_at" if started else "ended_at"
                db.execute(f"UPDATE lessons SET state = ?, {column} = ?, end_reason = ? "
                           "WHERE id = ?", ["in_progress" if started else "ended", body.at,
                                            "" if started else body.reason, local])
                return f"lessons:{local}", [("lessons", local)], local, body.by, {}
            return "noted", [], local, body.by, {}
        if isinstance(body, Presence | Room):
            local = self._own_lesson(db, link, body.lesson)
            self._during(db, link, local, body.at)
            kind_here = ("room_living_area" if isinstance(body, Room)
                         else "adult_present" if body.present else "adult_left")
            role = "school_staff" if link.peer_role == "school_staff" else "responsible_adult"
            conf = inserted_id(db.table("confirmations").insert(
                {"lesson_id": local, "kind": kind_here, "by_name": body.name, "role": role,
                 "at": body.at, "source": "linked", "link_id": link.id}))
            extra = {"present": body.present} if isinstance(body, Presence) else {}
            return (f"confirmations:{conf}", [("confirmations", conf)], local, body.name,
                    extra)
        if isinstance(body, ConsentGranted):
            return self._consent_granted(db, link, inner, body)
        if isinstance(body, ConsentWithdrawn):
            rows = list(db.query("SELECT id, withdrawn_at FROM consents WHERE link_id = ? AND "
                                 "remote_id = ?", [link.id, body.remote_id]))
            if not rows:
                raise Refused(f"it withdraws consent {body.remote_id}, never received",
                              link_id=link.id)
            consent = int(rows[0]["id"])
            if rows[0]["withdrawn_at"]:
                return f"consents:{consent} (already withdrawn)", [], None, body.by, {}
            db.execute("UPDATE consents SET withdrawn_at = ?, withdrawn_by = ?, "
                       "withdraw_reason = ? WHERE id = ?",
                       [body.at, body.by, body.reason, consent])
            return f"consents:{consent}", [("consents", consent)], None, body.by, {}
        if isinstance(body, Panic):
            local = (self._local_lesson(db, link, body.lesson) if body.lesson is not None
                     else None)
            held = self._hold_running(link, body.by)
            return (f"held:{','.join(held)}" if held else "told", [], local, body.by,
                    {"held": held})
        if isinstance(body, LessonRecord):
            local = self._copy(db, link, body.lesson)
            if local is None:
                raise Refused(f"a record for lesson {body.lesson}, never announced",
                              link_id=link.id)
            self._merge_details(db, local, {"record": body.record})
            return f"lessons:{local}", [("lessons", local)], local, link.peer_name, {}
        if isinstance(body, RecordingOffered | RecordingChunk):
            receiver = CopyReceiver(Recordings(self.store, self.data_dir, audit=self.audit),
                                    link)
            if isinstance(body, RecordingOffered):
                return receiver.offered(db, body)
            return receiver.chunk(db, body)
        # checks.summary: kept in the inbox for the Ready screen (verdicts only)
        local = self._local_lesson(db, link, int(inner.body["lesson"]))
        return "kept", [], local, link.peer_name, {}

    @staticmethod
    def _merge_details(db: sqlite_utils.Database, lesson_id: int,
                       values: dict[str, Any]) -> None:
        row = next(iter(db.query("SELECT remote_details FROM lessons WHERE id = ?",
                                 [lesson_id])))
        details = json.loads(row["remote_details"] or "{}")
        details.update(values)
        db.execute("UPDATE lessons SET remote_details = ? WHERE id = ?",
                   [json.dumps(details, ensure_ascii=False, sort_keys=True), lesson_id])

    def _announced(self, db: sqlite_utils.Database, link: Link, body: LessonAnnounced
                   ) -> tuple[str, list[RowRef], int | None, str, dict[str, Any]]:
        starts = iso_utc(_when(body.starts_at))
        platform = body.platform if body.platform in PLATFORMS else ""
        details = json.dumps(body.model_dump(mode="json"), ensure_ascii=False,
                             sort_keys=True)
        local = self._copy(db, link, body.lesson)
        if local is None:
            now = iso_utc(datetime.now(UTC))
            local = inserted_id(db.table("lessons").insert(
                {"pack_id": body.pack_id, "pupil_id": link.pupil_id,
                 "tutor_name": body.tutor_name, "platform": platform, "starts_at": starts,
                 "duration_min": body.duration_min, "confirmed_at": now,
                 "confirmed_by": body.tutor_name or link.peer_name, "first_lesson": 0,
                 "state": "booked", "created_at": now, "link_id": link.id,
                 "remote_id": body.lesson, "remote_details": details}))
        else:
            db.execute("UPDATE lessons SET starts_at = ?, duration_min = ?, tutor_name = ?, "
                       "platform = ? WHERE id = ?",
                       [starts, body.duration_min, body.tutor_name, platform, local])
            self._merge_details(db, local, body.model_dump(mode="json"))
        return f"lessons:{local}", [("lessons", local)], local, body.tutor_name, {}

    def _consent_granted(self, db: sqlite_utils.Database, link: Link, inner: Inner,
                         body: ConsentGranted
                         ) -> tuple[str, list[RowRef], int | None, str, dict[str, Any]]:
        known = list(db.query("SELECT id, withdrawn_at FROM consents WHERE link_id = ? AND "
                              "remote_id = ?", [link.id, body.remote_id]))
        if known:
            raise Refused(f"consent {body.remote_id} was received before"
                          + (" and withdrawn: a withdrawn consent never comes back"
                             if known[0]["withdrawn_at"] else ""), link_id=link.id)
        given_by = next((int(r["id"]) for r in db.query(
            "SELECT id, name FROM people WHERE role = ? AND (pupil_id = ? OR id = ?)",
            [body.role, link.pupil_id, link.pupil_id])
            if str(r["name"]).strip().casefold() == body.given_by_name.strip().casefold()),
            None)
        consent = inserted_id(db.table("consents").insert(
            {"pupil_id": link.pupil_id, "given_by_id": given_by,
             "given_by_name": body.given_by_name, "role": body.role, "scope": body.scope,
             "pack_id": body.pack_id, "text": body.text, "text_version": body.text_version,
             "method": body.method, "form_name": body.form_name,
             "form_sha256": body.form_sha256, "given_at": body.given_at, "source": "linked",
             "link_id": link.id, "remote_id": body.remote_id,
             "signature": keep_signed(inner)}))
        return f"consents:{consent}", [("consents", consent)], None, body.given_by_name, {}

    def _hold_running(self, link: Link, by: str) -> list[str]:
        """Hold every recording of the linked pupil running here: a panic on the other side
        keeps the evidence on this one."""
        running = [str(r["id"]) for r in self.store.db.query(
            "SELECT id FROM recordings WHERE state = 'recording' AND pupil_id = ?",
            [link.pupil_id])]
        if not running:
            return []
        recordings = Recordings(self.store, self.data_dir, audit=self.audit)
        for rec_id in running:
            recordings.hold(rec_id, by=link.peer_name,
                            reason=f"panic pressed on {link.peer_name}'s computer ({by})")
        return running
