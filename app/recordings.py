"""The recordings catalogue: every recording's row, its key, its expiry, holds, and recovery.

Why here and not in the recorder: the rules about a recording outlive the process that made
it. A recording interrupted by a crash is found and finished on the next start; expiry and
holds decide when it may be deleted; deleting destroys the key as well as the file.
"""

from __future__ import annotations

import builtins
import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.audit import AuditLog
from app.encrypted_file import (
    EncryptedFileError,
    EncryptedReader,
    VerifyReport,
    finish_interrupted,
    new_key,
    verify,
)
from app.errors import ConfigurationError, LessonGuardError
from app.keystore import KeyStore, MissingKeyError, open_keystore
from app.liveness import still_running
from app.paths import private_dir
from app.policy.engine import recording_policy
from app.policy.schema import PolicyPack
from app.store import Store, inserted_id
from app.texts import _
from app.times import iso_utc

log = logging.getLogger(__name__)
SUFFIX = ".lgrec"
FINISHED = ("complete", "interrupted", "disk_full", "failed")


def now_utc() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Hold:
    id: int
    recording_id: str
    set_by: str
    reason: str
    incident_id: int | None
    set_at: str
    mark_s: float | None
    released_at: str | None
    released_by: str | None
    release_reason: str | None

    @property
    def active(self) -> bool:
        return self.released_at is None


@dataclass(frozen=True)
class RecordingInfo:
    id: str
    pupil_id: int
    lesson_id: int | None
    pack_id: str
    kind: str
    path: str
    key_id: str
    keystore: str
    state: str
    pid: int | None
    started_at: str
    ended_at: str | None
    expires_at: str
    playback_until: str | None
    duration_s: float | None
    width: int | None
    height: int | None
    fps: float | None
    chunks: int | None
    size_bytes: int | None
    chunk_hashes: str | None
    consent_ids: str | None
    note: str | None
    deleted_at: str | None
    held: bool = False

    @property
    def hashes(self) -> list[str]:
        return json.loads(self.chunk_hashes) if self.chunk_hashes else []

    def to_json(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k not in ("chunk_hashes", "key_id")}
        out["consent_ids"] = json.loads(self.consent_ids) if self.consent_ids else []
        return out


def default_folder(data_dir: Path) -> Path:
    return data_dir / "recordings"


class Recordings:
    def __init__(self, store: Store, data_dir: Path, keystore: KeyStore | None = None,
                 audit: AuditLog | None = None) -> None:
        self.store = store
        self.data_dir = data_dir
        self.keys = keystore or open_keystore(data_dir)
        self.audit = audit or AuditLog(store)

    # --- creating ---

    def begin(self, pack: PolicyPack, pupil_id: int, folder: Path, *, kind: str = "lesson",
              consent_ids: list[int] | None = None, lesson_id: int | None = None,
              actor: str = "user", now: datetime | None = None) -> tuple[RecordingInfo, bytes]:
        """A new row (state "recording") and a fresh key. The caller has passed the gate."""
        now = now or now_utc()
        try:
            private_dir(folder)  # 0700: the recordings folder is LessonGuard's alone
        except OSError as exc:
            raise ConfigurationError(
                _("The recordings folder {folder} cannot be created: {why}.",
                  folder=str(folder), why=exc.strerror or str(exc)),
                _("Choose a folder you can write to.")) from exc
        rec_id = now.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
        key = new_key()
        self.keys.put(rec_id, key)
        policy = recording_policy(pack, kind)
        row = {
            "id": rec_id, "pupil_id": pupil_id, "lesson_id": lesson_id, "pack_id": pack.id,
            "kind": kind, "path": str(folder / f"{rec_id}{SUFFIX}"), "key_id": rec_id,
            "keystore": self.keys.name, "state": "recording", "pid": os.getpid(),
            "started_at": iso_utc(now),
            "expires_at": iso_utc(now + timedelta(days=policy.retention_days)),
            "playback_until": iso_utc(now + timedelta(days=policy.playback_days)),
            "consent_ids": json.dumps(consent_ids or []),
        }
        with self.store.write() as db:  # the row and its entry: both or neither
            db.table("recordings").insert(row)
            self.audit.append_in(db, "recording.started", actor=actor,
                                 subject=f"recording:{rec_id}",
                                 details={"pupil_id": pupil_id, "pack_id": pack.id,
                                          "kind": kind, "consent_ids": consent_ids or [],
                                          "expires_at": row["expires_at"]}, now=now,
                                 bind=[("recordings", rec_id)])
        return self.get(rec_id), key

    def finish(self, rec_id: str, *, state: str, duration_s: float, chunks: int,
               chunk_hashes: list[str], size_bytes: int, width: int | None = None,
               height: int | None = None, fps: float | None = None, note: str = "",
               actor: str = "user", now: datetime | None = None) -> RecordingInfo:
        with self.store.write() as db:
            db.table("recordings").update(rec_id, {
                "state": state, "ended_at": iso_utc(now or now_utc()), "duration_s": duration_s,
                "chunks": chunks, "chunk_hashes": json.dumps(chunk_hashes),
                "size_bytes": size_bytes, "width": width, "height": height, "fps": fps,
                "note": note, "pid": None})
            self.audit.append_in(db, "recording.stopped", actor=actor,
                                 subject=f"recording:{rec_id}",
                                 details={"state": state, "duration_s": round(duration_s, 2),
                                          "chunks": chunks, "note": note}, now=now,
                                 bind=[("recordings", rec_id)])
        return self.get(rec_id)

    # --- reading ---

    def get(self, rec_id: str) -> RecordingInfo:
        rows = list(self.store.db.query("SELECT * FROM recordings WHERE id = ?", [rec_id]))
        if not rows:
            raise ConfigurationError(_("There is no recording {id}.", id=rec_id),
                                     _("See `lessonguard recordings list`."))
        return RecordingInfo(**rows[0], held=bool(self.active_holds(rec_id)))

    def list(self, include_deleted: bool = False) -> list[RecordingInfo]:
        sql = "SELECT * FROM recordings"
        if not include_deleted:
            sql += " WHERE deleted_at IS NULL"
        held = {h.recording_id for h in self._holds("released_at IS NULL")}
        return [RecordingInfo(**r, held=r["id"] in held)
                for r in self.store.db.query(sql + " ORDER BY started_at, id")]

    def key(self, info: RecordingInfo) -> bytes:
        return self.keys.get(info.key_id)

    def open_reader(self, rec_id: str) -> EncryptedReader:
        info = self.get(rec_id)
        if info.deleted_at:
            raise LessonGuardError(_("Recording {id} was deleted on {when}.", id=rec_id,
                                     when=info.deleted_at))
        try:
            return EncryptedReader(Path(info.path), self.key(info))
        except FileNotFoundError:
            raise LessonGuardError(_("The file of recording {id} is missing: {path}.",
                                     id=rec_id, path=info.path),
                                   _("Restore it from a backup, if there is one.")) from None
        except EncryptedFileError as exc:
            raise LessonGuardError(_("Recording {id} cannot be read: {why}.", id=rec_id,
                                     why=str(exc))) from exc

    def verify(self, rec_id: str) -> VerifyReport:
        info = self.get(rec_id)
        if info.deleted_at:
            return VerifyReport(problem=f"it was deleted on {info.deleted_at}")
        if info.state == "recording":
            return VerifyReport(problem="it is still being recorded")
        try:
            key = self.key(info)
        except MissingKeyError as exc:
            return VerifyReport(problem=exc.message)
        report = verify(Path(info.path), key, info.hashes)
        if report.ok and info.chunks is not None and report.chunks != info.chunks:
            report.problem = (f"the catalogue lists {info.chunks} chunks, the file has "
                              f"{report.chunks}")
        return report

    # --- recovery after a crash ---

    def recover(self, duration_of: Any = None) -> builtins.list[RecordingInfo]:
        """Finish recordings whose process died mid-recording (kill -9, power cut): keep
        every whole chunk, close the file properly, mark it "interrupted"."""
        recovered = []
        for row in self.store.db.query("SELECT * FROM recordings WHERE state = 'recording'"):
            pid = row["pid"]
            if pid == os.getpid() or (pid and still_running(pid, row["started_at"])):
                continue  # this process, or another LessonGuard, is recording it now
            path = Path(row["path"])
            note = "Interrupted (LessonGuard stopped unexpectedly); kept up to that moment."
            try:
                key = self.keys.get(row["key_id"])
                if path.exists():
                    finish_interrupted(path, key)
                    report = verify(path, key)
                    hashes, chunks = report.chunk_hashes, report.chunks
                    size = path.stat().st_size
                else:
                    hashes, chunks, size = [], 0, 0
                    note = "Interrupted before anything was written."
                duration = _duration(duration_of, path, key) if chunks > 1 else 0.0
            except (OSError, LessonGuardError, EncryptedFileError) as exc:
                log.error("recording %s could not be recovered: %s", row["id"], exc)
                hashes, chunks, size, duration = [], 0, 0, 0.0
                note = f"Interrupted and could not be recovered: {exc}"
            recovered.append(self.finish(
                row["id"], state="interrupted", duration_s=duration, chunks=chunks,
                chunk_hashes=hashes, size_bytes=size, note=note, actor="system"))
        return recovered

    # --- holds ---

    def _holds(self, where: str, params: builtins.list[Any] | None = None) -> builtins.list[Hold]:
        return [Hold(**r) for r in self.store.db.query(
            f"SELECT * FROM holds WHERE {where} ORDER BY id", params or [])]

    def holds(self, rec_id: str) -> builtins.list[Hold]:
        return self._holds("recording_id = ?", [rec_id])

    def active_holds(self, rec_id: str) -> builtins.list[Hold]:
        return self._holds("recording_id = ? AND released_at IS NULL", [rec_id])

    def hold(self, rec_id: str, by: str, reason: str, *, incident_id: int | None = None,
             mark_s: float | None = None, now: datetime | None = None) -> Hold:
        """A legal hold: the recording cannot be deleted until every hold is released."""
        info = self.get(rec_id)
        if info.deleted_at:
            raise LessonGuardError(_("Recording {id} was already deleted on {when}; it cannot "
                                     "be held.", id=rec_id, when=info.deleted_at))
        if not by.strip() or not reason.strip():
            raise ConfigurationError(_("A hold needs the name of the person setting it and a "
                                       "reason (--by NAME --reason TEXT)."))
        with self.store.write() as db:
            hold_id = inserted_id(db.table("holds").insert(
                {"recording_id": rec_id, "set_by": by, "reason": reason,
                 "incident_id": incident_id, "mark_s": mark_s,
                 "set_at": iso_utc(now or now_utc())}))
            self.audit.append_in(db, "recording.held", actor=by,
                                 subject=f"recording:{rec_id}",
                                 details={"hold_id": hold_id, "reason": reason,
                                          "incident_id": incident_id, "mark_s": mark_s},
                                 now=now, bind=[("holds", hold_id)])
        return self._holds("id = ?", [hold_id])[0]

    def release(self, hold_id: int, by: str, reason: str,
                now: datetime | None = None) -> Hold:
        found = self._holds("id = ?", [hold_id])
        if not found:
            raise ConfigurationError(_("There is no hold {id}.", id=hold_id))
        if not found[0].active:
            raise LessonGuardError(_("Hold {id} was already released on {when}.", id=hold_id,
                                     when=found[0].released_at))
        if not by.strip() or not reason.strip():
            raise ConfigurationError(_("Releasing a hold needs a name and a reason."))
        with self.store.write() as db:
            db.execute("UPDATE holds SET released_at = ?, released_by = ?, release_reason = ? "
                       "WHERE id = ?", [iso_utc(now or now_utc()), by, reason, hold_id])
            self.audit.append_in(db, "recording.hold_released", actor=by,
                                 subject=f"recording:{found[0].recording_id}",
                                 details={"hold_id": hold_id, "reason": reason}, now=now,
                                 bind=[("holds", hold_id)])
        return self._holds("id = ?", [hold_id])[0]

    # --- retention ---

    def purge(self, now: datetime | None = None) -> builtins.list[RecordingInfo]:
        """Delete exactly the recordings past their expiry and not on hold: the file, then
        the key (without the key no copy of the file can ever be read), logging each.

        The file and the key live outside the database, so they cannot share its
        transaction. They go first; then the row is marked deleted and its entry written in
        one transaction. A crash between the two leaves a row not yet marked deleted, with
        no entry, whose file and key are already gone: the next purge (at start-up, daily,
        `lessonguard recordings purge`) finds it still expired, deletes nothing more (both
        deletions accept what is already gone) and then marks and logs it. The other order
        could leave a row marked deleted, never looked at again, over a file and key still
        on disk past their retention date.
        """
        now = now or now_utc()
        deleted = []
        for info in self.list():
            if info.state == "recording" or info.held:
                continue
            if datetime.fromisoformat(info.expires_at) > now:
                continue
            try:
                Path(info.path).unlink(missing_ok=True)
            except OSError as exc:
                log.error("recording %s could not be deleted: %s", info.id, exc)
                continue
            self.keys.delete(info.key_id)
            with self.store.write() as db:
                db.table("recordings").update(info.id, {"deleted_at": iso_utc(now)})
                self.audit.append_in(db, "recording.deleted", actor="system",
                                     subject=f"recording:{info.id}",
                                     details={"reason": "retention period ended",
                                              "expires_at": info.expires_at}, now=now,
                                     bind=[("recordings", info.id)])
            deleted.append(self.get(info.id))
        return deleted


def _duration(duration_of: Any, path: Path, key: bytes) -> float:
    """How much of an interrupted recording survived; 0 when nothing decodable was written
    (the file is still kept and verifiable)."""
    if duration_of is None:
        return 0.0
    try:
        return float(duration_of(path, key))
    except (LessonGuardError, EncryptedFileError, OSError) as exc:
        log.info("interrupted recording %s has no decodable picture: %s", path.name, exc)
        return 0.0
