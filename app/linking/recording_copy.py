"""A copy of a recording for the linked family, where the pack lets the family play it back,
still encrypted from end to end.

Why: TutorNinjas makes lessons "available for play back to the parents and students for up to
28 days", and the family's computer is where they play. The tutor's side sends the encrypted
file exactly as it is on disk, in pieces that each fit one message, through the outbox
(ordered, acknowledged, sent again), and its key only inside the sealed message that offers
it. It asks the one rule for who may play a recording (`RecordingAccess.check`, with the
linked side's role), so a recording sealed for the police, or one the pack keeps from the
family, never leaves. The family's side writes the pieces to a partial file, checks the whole
against the SHA-256 offered and then decrypts every chunk once to check it (discarding what it
reads), and only then catalogues it as a recording to play until its playback date; the
retention upkeep deletes it, and its key, after that. Nothing is ever decrypted into a file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from app.audit import AuditLog, RowRef
from app.encrypted_file import verify
from app.errors import LessonGuardError
from app.linking.envelope import Refused
from app.linking.identity import Identity, identity
from app.linking.kinds import (
    COPY_CHUNK,
    CREATOR,
    MAX_COPY_BYTES,
    RecordingChunk,
    RecordingOffered,
)
from app.linking.links import Link, all_links, queue_in
from app.paths import private_dir
from app.policy.engine import recording_policy
from app.policy.loader import load_pack
from app.policy.schema import PolicyPack
from app.recording_access import RecordingAccess
from app.recordings import FINISHED, SUFFIX, RecordingInfo, Recordings, default_folder
from app.store import Store
from app.texts import _

log = logging.getLogger(__name__)
FAMILY_ROLES = ("responsible_adult", "pupil", "school_staff")  # who a copy may go to
OFFERED, CHUNK = "recording.offered", "recording.chunk"


# --- the tutor's side ---------------------------------------------------------------------


@dataclass
class CopySent:
    """What `send_recording` queued: to whom (peer names) and, for each link left out, why."""

    recording: str
    size: int = 0
    chunks: int = 0
    sent_to: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # peer name -> why

    def to_json(self) -> dict[str, Any]:
        return {"recording": self.recording, "size": self.size, "chunks": self.chunks,
                "sent_to": self.sent_to, "refused": self.refused}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _sendable(recordings: Recordings, info: RecordingInfo) -> Path:
    """The recording's file, if it can be offered at all; else raises saying why."""
    if info.deleted_at:
        raise LessonGuardError(_("Recording {id} was deleted on {when}; there is nothing to "
                                 "send.", id=info.id, when=info.deleted_at))
    if info.state not in FINISHED or info.state == "failed":
        raise LessonGuardError(_("Recording {id} is {state}: only a finished recording is "
                                 "sent.", id=info.id, state=info.state))
    path = Path(info.path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LessonGuardError(_("The file of recording {id} cannot be read: {why}.",
                                 id=info.id, why=exc.strerror or str(exc))) from exc
    if size == 0:
        raise LessonGuardError(_("Recording {id} has nothing in it to send.", id=info.id))
    if size > MAX_COPY_BYTES:
        raise LessonGuardError(
            _("Recording {id} is {size} MB; a copy larger than {most} MB is not sent through "
              "the link broker.", id=info.id, size=round(size / 2**20, 1),
              most=MAX_COPY_BYTES // 2**20),
            _("Export it instead (`lessonguard recordings export`) and hand the package "
              "over another way."))
    return path


def _refusal(access: RecordingAccess, info: RecordingInfo, link: Link) -> str:
    """Why the linked side may not have a copy ("" when it may): the one playback rule."""
    if link.peer_role not in FAMILY_ROLES:
        return _("a copy goes only to a family's or a school's computer")
    policy = recording_policy(access.pack_for(info), info.kind)
    if not policy.allowed:  # (a recording that should never have been made is not spread)
        return policy.reason
    try:
        access.check(info.id, link.peer_role)
    except LessonGuardError as exc:
        return exc.message
    return ""


def send_recording(store: Store, data_dir: Path, rec_id: str, *,
                   ident: Identity | None = None, audit: AuditLog | None = None,
                   pack_loader: Callable[[str], PolicyPack] = load_pack,
                   on_queued: Callable[[], None] | None = None,
                   actor: str = "LessonGuard") -> CopySent:
    """Queue a copy of recording `rec_id` (the encrypted file as it is, and its key) to each
    link of its pupil whose side may play it under the recording's pack. Raises with the
    reason when it cannot go to anyone (too large, not finished, no link, not allowed)."""
    audit = audit or AuditLog(store)
    recordings = Recordings(store, data_dir, audit=audit)
    info = recordings.get(rec_id)
    path = _sendable(recordings, info)
    try:
        pack = pack_loader(info.pack_id)
    except LessonGuardError as exc:
        raise LessonGuardError(_("Recording {id} was made under {pack}, which cannot be "
                                 "loaded: {why}", id=rec_id, pack=info.pack_id,
                                 why=exc.message)) from exc
    access = RecordingAccess(recordings, lambda: pack, pack_loader)
    links = [link for link in all_links(store.db, info.pupil_id) if link.my_side == CREATOR]
    if not links:
        raise LessonGuardError(_("The pupil of recording {id} is linked to no other "
                                 "computer.", id=rec_id),
                               _("Link the family's computer first (`lessonguard link "
                                 "create`)."))
    sent = CopySent(rec_id)
    allowed: list[Link] = []
    for link in links:
        why = _refusal(access, info, link)
        if why:
            sent.refused[link.peer_name] = why
        else:
            allowed.append(link)
    if not allowed:
        raise LessonGuardError(
            _("No copy of recording {id} is sent: {why}", id=rec_id,
              why="; ".join(f"{name}: {why}" for name, why in sent.refused.items())))
    ident = ident or identity(data_dir)
    key = recordings.key(info)
    size = path.stat().st_size
    chunks = -(-size // COPY_CHUNK)
    lesson = _own_lesson(store, info.lesson_id)
    offer = {"recording": info.id, "lesson": lesson, "pack_id": info.pack_id,
             "kind": info.kind, "state": info.state, "started_at": info.started_at,
             "ended_at": info.ended_at, "duration_s": info.duration_s, "size": size,
             "sha256": _sha256(path), "chunk_size": COPY_CHUNK, "chunks": chunks,
             "key": base64.b64encode(key).decode(),
             "playback_until": info.playback_until or info.expires_at}
    # The offer and every piece, for every link, are queued together or not at all: a
    # family never waits for pieces that were never queued.
    with store.write(), path.open("rb") as f:
        for link in allowed:
            queue_in(store, audit, ident, link, OFFERED, offer, actor=actor)
            f.seek(0)
            for index in range(chunks):
                data = f.read(COPY_CHUNK)
                queue_in(store, audit, ident, link, CHUNK,
                         {"recording": info.id, "index": index,
                          "data": base64.b64encode(data).decode()}, actor=actor)
            sent.sent_to.append(link.peer_name)
        if on_queued is not None:
            store.after_commit("link-queued", on_queued)
    sent.size, sent.chunks = size, chunks
    return sent


def _own_lesson(store: Store, lesson_id: int | None) -> int | None:
    """The lesson as the family's side knows it (the tutor's id), if the recording has one."""
    if lesson_id is None:
        return None
    rows = list(store.db.query("SELECT id FROM lessons WHERE id = ? AND link_id IS NULL",
                               [lesson_id]))
    return lesson_id if rows else None


def send_lesson_recordings(store: Store, data_dir: Path, lesson_id: int, *,
                           on_queued: Callable[[], None] | None = None) -> list[CopySent]:
    """After a lesson ends: a copy of each of its finished recordings, to each linked side
    that may play it. Never raises: the lesson's end does not depend on it (what could not
    be sent is logged, and `lessonguard link send-recording ID` sends it later)."""
    sent: list[CopySent] = []
    for row in store.db.query("SELECT id, state FROM recordings WHERE lesson_id = ? AND "
                              "deleted_at IS NULL", [lesson_id]):
        if row["state"] not in FINISHED:
            log.info("recording %s is still %s at the lesson's end: not sent", row["id"],
                     row["state"])
            continue
        try:
            sent.append(send_recording(store, data_dir, str(row["id"]), on_queued=on_queued))
        except (LessonGuardError, OSError, ValueError) as exc:
            log.info("no copy of recording %s was sent: %s", row["id"], exc)
    return sent


# --- the family's side --------------------------------------------------------------------


def kept_body(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    """What the inbox keeps of a message: for a copy, never its key nor its pieces (the file
    itself is the copy; the inbox row says only how large each piece was)."""
    if kind == OFFERED:
        return {k: v for k, v in body.items() if k != "key"}
    if kind == CHUNK:
        data = body.get("data")
        return {**{k: v for k, v in body.items() if k != "data"},
                "data_chars": len(data) if isinstance(data, str) else None}
    return body


def incoming(data_dir: Path) -> Path:
    return default_folder(data_dir) / "incoming"


def _paths(data_dir: Path, rec_id: str) -> tuple[Path, Path]:
    folder = incoming(data_dir)
    return folder / f"{rec_id}.part", folder / f"{rec_id}.json"


Applied = tuple[str, list[RowRef], int | None, str, dict[str, Any]]


class CopyReceiver:
    """Takes in an offer and its pieces (called by the inbox inside its transaction)."""

    def __init__(self, recordings: Recordings, link: Link) -> None:
        self.recordings = recordings
        self.link = link
        self.data_dir = recordings.data_dir

    def _discard(self, rec_id: str, why: str) -> Refused:
        """Throw away a copy that cannot be kept (the pieces, the key), and say why."""
        part, state = _paths(self.data_dir, rec_id)
        part.unlink(missing_ok=True)
        state.unlink(missing_ok=True)
        self.recordings.keys.delete(rec_id)
        message = f"the copy of recording {rec_id} was discarded: {why}"
        log.warning("%s (from %s)", message, self.link.peer_name)
        return Refused(message, link_id=self.link.id)

    def offered(self, db: sqlite_utils.Database, body: RecordingOffered) -> Applied:
        rec_id, lesson = body.recording, body.lesson
        if list(db.query("SELECT id FROM recordings WHERE id = ?", [rec_id])):
            raise Refused(f"recording {rec_id} is already here", link_id=self.link.id)
        if datetime.fromisoformat(body.playback_until) <= datetime.now(UTC):
            raise Refused(f"recording {rec_id}'s playback period ended on "
                          f"{body.playback_until}", link_id=self.link.id)
        if body.chunks != -(-body.size // body.chunk_size):
            raise Refused(f"recording {rec_id}'s offer does not add up ({body.chunks} "
                          f"pieces of {body.chunk_size} bytes for {body.size})",
                          link_id=self.link.id)
        part, state = _paths(self.data_dir, rec_id)
        try:
            private_dir(part.parent)
            part.write_bytes(b"")  # an offer made again starts the copy again
            offer = body.model_dump(mode="json", exclude={"key"})
            state.write_text(json.dumps({"offer": offer, "link": self.link.id,
                                         "lesson": lesson, "got": 0}))
        except OSError as exc:
            raise self._discard(rec_id, f"it cannot be written here: {exc}") from exc
        self.recordings.keys.put(rec_id, base64.b64decode(body.key))
        self.sweep(datetime.now(UTC), keep=rec_id)
        return (f"recording {rec_id} offered", [], self._local(db, lesson, self.link.id),
                self.link.peer_name, {})

    def sweep(self, now: datetime, keep: str = "") -> list[str]:
        """Copies whose last piece never came, past their playback date: their partial file
        and key go (a copy never completed is never kept longer than a complete one)."""
        swept = []
        for state in sorted(incoming(self.data_dir).glob("*.json")):
            rec_id = state.stem
            try:
                until = datetime.fromisoformat(json.loads(state.read_text())["offer"]
                                               ["playback_until"])
            except (OSError, ValueError, KeyError, TypeError):
                until = datetime.min.replace(tzinfo=UTC)  # unreadable: nothing completes it
            if rec_id != keep and until < now:
                self._discard(rec_id, "its last piece never came before its playback date")
                swept.append(rec_id)
        return swept

    @staticmethod
    def _local(db: sqlite_utils.Database, lesson: int | None, link_id: str = "") -> int | None:
        if lesson is None:
            return None
        rows = list(db.query("SELECT id FROM lessons WHERE link_id = ? AND remote_id = ?",
                             [link_id, lesson]))
        return int(rows[0]["id"]) if rows else None

    def chunk(self, db: sqlite_utils.Database, body: RecordingChunk) -> Applied:
        rec_id = body.recording
        part, state = _paths(self.data_dir, rec_id)
        try:
            kept = json.loads(state.read_text())
        except (OSError, ValueError):
            raise Refused(f"a piece of recording {rec_id}, which was never offered (or was "
                          "discarded)", link_id=self.link.id) from None
        if kept.get("link") != self.link.id:
            raise Refused(f"a piece of recording {rec_id}, offered on another link",
                          link_id=self.link.id)
        offer = RecordingOffered.model_validate({**kept["offer"], "key": "A" * 43 + "="})
        got = int(kept["got"])
        if body.index > got:
            raise self._discard(rec_id, f"piece {body.index + 1} arrived where piece "
                                        f"{got + 1} of {offer.chunks} was due (one is missing)")
        if body.index >= offer.chunks:
            raise self._discard(rec_id, f"piece {body.index + 1} of only {offer.chunks}")
        try:
            data = base64.b64decode(body.data, validate=True)
        except (binascii.Error, ValueError):
            raise self._discard(rec_id, f"piece {body.index + 1} is not base64") from None
        last = body.index == offer.chunks - 1
        expected = offer.size - offer.chunk_size * (offer.chunks - 1) if last \
            else offer.chunk_size
        if len(data) != expected:
            raise self._discard(rec_id, f"piece {body.index + 1} is {len(data)} bytes, not "
                                        f"{expected}")
        try:
            with part.open("r+b") as f:  # a piece sent again is written again in its place
                f.truncate(offer.chunk_size * body.index)
                f.seek(offer.chunk_size * body.index)
                f.write(data)
            kept["got"] = body.index + 1
            state.write_text(json.dumps(kept))
        except OSError as exc:
            raise self._discard(rec_id, f"it cannot be written here: {exc}") from exc
        if not last:
            return (f"recording {rec_id} piece {body.index + 1}/{offer.chunks}", [],
                    None, self.link.peer_name, {})
        return self._complete(db, offer, kept.get("lesson"))

    def _complete(self, db: sqlite_utils.Database, offer: RecordingOffered,
                  lesson: int | None) -> Applied:
        rec_id = offer.recording
        part, state = _paths(self.data_dir, rec_id)
        size = part.stat().st_size
        if size != offer.size:
            raise self._discard(rec_id, f"it is {size} bytes, not the {offer.size} offered")
        if _sha256(part) != offer.sha256:
            raise self._discard(rec_id, "it does not match the SHA-256 it was offered with "
                                        "(changed on the way)")
        key = self.recordings.keys.get(rec_id)
        report = verify(part, key)  # every chunk decrypted once, in memory, and discarded
        if not report.ok:
            raise self._discard(rec_id, f"it cannot be decrypted with its key: "
                                        f"{report.problem}")
        local_lesson = self._local(db, lesson, self.link.id)
        final = default_folder(self.data_dir) / f"{rec_id}{SUFFIX}"
        part.replace(final)
        state.unlink(missing_ok=True)
        db.table("recordings").insert({
            "id": rec_id, "pupil_id": self.link.pupil_id, "lesson_id": local_lesson,
            "pack_id": offer.pack_id, "kind": offer.kind, "path": str(final),
            "key_id": rec_id, "keystore": self.recordings.keys.name, "state": offer.state,
            "pid": None, "started_at": offer.started_at, "ended_at": offer.ended_at,
            "expires_at": offer.playback_until, "playback_until": offer.playback_until,
            "duration_s": offer.duration_s, "chunks": report.chunks,
            "chunk_hashes": json.dumps(report.chunk_hashes), "size_bytes": size,
            "consent_ids": "[]",
            "note": f"A copy from {self.link.peer_name}'s computer, to play until "
                    f"{offer.playback_until[:10]}; deleted then.",
        })
        return (f"recordings:{rec_id}", [("recordings", rec_id)], local_lesson,
                self.link.peer_name, {})
