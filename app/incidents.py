"""Incident records: what happened, who reported it, each step of the organisation's
procedure ticked off with its time, who was told, the evidence, and what follows up.

Why a record and not just a form: a safeguarding lead (and perhaps the police) will read it
later, so every change is time-stamped and logged, the held recording is linked, and the
package exported from it is sealed. For indecent images of a child nothing is copied: no
screenshot is accepted and the recording is sealed, never replayed (the seeds, 003 §2.3.1 and
§3.3.1).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from contextlib import nullcontext, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.audit import AuditLog, RowRef
from app.encrypted_file import (
    EncryptedFileError,
    EncryptedReader,
    EncryptedWriter,
    is_sealed_text,
    new_key,
    open_text,
    seal_text,
)
from app.errors import ConfigurationError, LessonGuardError
from app.keystore import KeyStore, MissingKeyError, open_keystore
from app.policy.engine import ROLE_WORDS, IncidentGuidance, incident_guidance, playback_allowed
from app.policy.schema import CATEGORY_IDS, ROLES, CategoryId, PolicyPack, Role
from app.recordings import RecordingInfo, Recordings
from app.store import Store, inserted_id
from app.texts import _

STATUSES = ("open", "reported_to_dsl", "police_informed", "closed")
STATUS_TEXT = {"open": _("Open"), "reported_to_dsl": _("Reported to the safeguarding lead"),
               "police_informed": _("Police informed"), "closed": _("Closed")}
DETAIL_FIELDS = ("narrative", "happened_at", "people_involved", "child_words",
                 "actions_taken")
# The key that seals every incident's details (the narrative, the child's own words, who was
# involved, what was done) in the database: kept in the key store like the recordings' keys.
TEXT_KEY_ID = "incident-text"
# Who may see incident records when the pack does not say: the people who handle them.
VISIBLE_TO = ("tutor", "school_staff", "organisation")


def _now(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).isoformat(timespec="seconds")


def _undone(details: dict[str, Any], done_at: str | None, done_by: str | None
            ) -> dict[str, Any]:
    """The one rule for anything ticked by mistake and unticked (a procedure step, "I have
    told them"): the entry keeps what it was, when it had been done and by whom."""
    return {**details, "had_been_done_at": done_at, "had_been_done_by": done_by}


def _category_id(category: str) -> CategoryId:
    """A stored category name as one of the pack's categories; a name that is not one is
    refused (a KeyError), as the pack's own lookup refuses it."""
    for known in CATEGORY_IDS:
        if known == category:
            return known
    raise KeyError(category)


def _role(role: str) -> Role:
    """A stored reporting role as one of the pack's roles (`set_reporter` takes no other)."""
    for known in ROLES:
        if known == role:
            return known
    raise ConfigurationError(_("'{role}' is not a reporting role.", role=role),
                             _("Use one of: {roles}.", roles=list(ROLES)))


@dataclass(frozen=True)
class Step:
    id: int
    position: int
    text: str
    done_at: str | None
    done_by: str | None


@dataclass(frozen=True)
class FollowUp:
    id: int
    task: str
    due_at: str
    done_at: str | None
    done_by: str | None


@dataclass(frozen=True)
class Evidence:
    id: int
    kind: str  # recording, screenshot, chat
    recording_id: str | None
    path: str | None
    sha256: str | None
    note: str
    added_at: str


@dataclass(frozen=True)
class Incident:
    id: int
    pack_id: str
    category: str | None
    reporter_role: str | None
    reporter_name: str | None
    status: str
    child_in_danger: bool
    panic_at: str | None
    created_at: str
    updated_at: str
    details: dict[str, str]
    requests: list[dict[str, str]]
    contacted: list[dict[str, str]]
    steps: tuple[Step, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def sealed(self) -> bool:
        """Indecent images of a child: no copies, no replay; the recording is sealed."""
        return self.category == "indecent_images_of_child"

    def to_json(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items()
               if k not in ("steps", "follow_ups", "evidence")}
        out["steps"] = [s.__dict__ for s in self.steps]
        out["follow_ups"] = [f.__dict__ for f in self.follow_ups]
        out["evidence"] = [e.__dict__ for e in self.evidence]
        return out


class Incidents:
    def __init__(self, store: Store, data_dir: Path, audit: AuditLog | None = None) -> None:
        self.store = store
        self.data_dir = data_dir
        self.audit = audit or AuditLog(store)
        self.folder = data_dir / "incidents"
        self._keys: KeyStore | None = None
        self._text_key: bytes | None = None

    @property
    def keys(self) -> KeyStore:
        if self._keys is None:
            self._keys = open_keystore(self.data_dir)
        return self._keys

    def text_key(self) -> bytes:
        """The key sealing the incidents' details, made the first time it is needed."""
        if self._text_key is None:
            try:
                self._text_key = self.keys.get(TEXT_KEY_ID)
            except MissingKeyError:
                # If another LessonGuard made it first, that one is used.
                with suppress(FileExistsError):
                    self.keys.put(TEXT_KEY_ID, new_key())
                self._text_key = self.keys.get(TEXT_KEY_ID)
        return self._text_key

    def _seal_details(self, incident_id: int, details: dict[str, str]) -> str:
        return seal_text(self.text_key(), json.dumps(details, ensure_ascii=False),
                         f"incident:{incident_id}:details")

    def _open_details(self, incident_id: int, stored: str | None) -> dict[str, str]:
        """The details as written; plain ones (from a LessonGuard before they were sealed)
        are sealed in the database the first time they are read."""
        if not stored:
            return {}
        if not is_sealed_text(stored):
            details: dict[str, str] = json.loads(stored)
            if details:
                self._seal_plain_details(incident_id, stored, details)
            return details
        try:
            opened: dict[str, str] = json.loads(
                open_text(self.text_key(), stored, f"incident:{incident_id}:details"))
        except EncryptedFileError as exc:
            raise LessonGuardError(
                _("The details of incident {id} cannot be read: they were changed or do not "
                  "belong to this incident.", id=incident_id),
                _("Restore the database from a backup.")) from exc
        return opened

    def _seal_plain_details(self, incident_id: int, stored: str,
                            details: dict[str, str]) -> None:
        # secure_delete: the plain text's old bytes are overwritten, not left in free space.
        self.store.db.execute("PRAGMA secure_delete = ON")
        with self.store.write() as db:
            db.execute("UPDATE incidents SET details = ? WHERE id = ? AND details = ?",
                       [self._seal_details(incident_id, details), incident_id, stored])
            self.audit.append_in(db, "incident.details_sealed", actor="system",
                                 subject=f"incident:{incident_id}",
                                 details={"fields": sorted(details)},
                                 bind=[("incidents", incident_id)])

    # --- opening ---

    def open(self, pack: PolicyPack, *, panic_at: datetime | None = None,
             actor: str = "user", now: datetime | None = None,
             lesson_id: int | None = None) -> Incident:
        at = _now(now)
        with self.store.write() as db:
            new_id = inserted_id(db.table("incidents").insert({
                "pack_id": pack.id, "lesson_id": lesson_id, "status": "open",
                "child_in_danger": 0,
                "panic_at": _now(panic_at) if panic_at else None, "created_at": at,
                "updated_at": at, "details": "{}", "requests": "[]",
                "contacted": "[]"}))
            self.audit.append_in(db, "incident.opened", actor=actor,
                                 subject=f"incident:{new_id}",
                                 details={"pack_id": pack.id, "panic_at": _now(panic_at)
                                          if panic_at else None}, now=now,
                                 bind=[("incidents", new_id)])
        return self.get(new_id)

    def hold_recordings(self, incident_id: int, recordings: Recordings, rec_ids: list[str],
                        *, by: str, mark_s: float | None = None) -> None:
        """Put the lesson's recordings on hold for this incident and link them."""
        for rec_id in rec_ids:
            info = recordings.get(rec_id)
            if info.deleted_at:
                continue
            # The hold and its link to the incident, in one transaction (a second Store on
            # the same file could not join it: it would wait on this one's lock).
            with self.store.write() if recordings.store is self.store else nullcontext():
                if not any(h.incident_id == incident_id
                           for h in recordings.active_holds(rec_id)):
                    recordings.hold(rec_id, by, f"incident {incident_id}",
                                    incident_id=incident_id, mark_s=mark_s)
                if not any(e.recording_id == rec_id for e in self.get(incident_id).evidence):
                    self._add_evidence(incident_id, "recording", recording_id=rec_id,
                                       note="held for the incident"
                                       + (f"; panic pressed at {mark_s:.1f} s"
                                          if mark_s else ""))

    # --- the wizard's answers ---

    def set_reporter(self, incident_id: int, role: str, name: str) -> Incident:
        if role not in ROLES:
            raise ConfigurationError(_("'{role}' is not a reporting role.", role=role),
                                     _("Use one of: {roles}.", roles=list(ROLES)))
        self._update(incident_id, {"reporter_role": role, "reporter_name": name.strip()},
                     "incident.reporter", actor=name or role, details={"role": role})
        return self.get(incident_id)

    def set_category(self, pack: PolicyPack, incident_id: int, category: str,
                     child_in_danger: bool = False, now: datetime | None = None) -> Incident:
        """Fix what happened, and lay out the procedure and follow-ups the pack prescribes
        for it and for the reporter's role."""
        if category not in CATEGORY_IDS:
            raise ConfigurationError(_("'{category}' is not an incident category.",
                                       category=category),
                                     _("Use one of: {categories}.",
                                       categories=list(CATEGORY_IDS)))
        incident = self.get(incident_id)
        role = incident.reporter_role or "tutor"
        guidance = self.guidance(pack, category, role, child_in_danger)
        if guidance.category == "indecent_images_of_child" and any(
                e.kind == "screenshot" for e in incident.evidence):
            self._drop_screenshots(incident_id)
        base = now or datetime.now(UTC)
        # The procedure's steps and follow-ups, the category and its entry: one transaction.
        with self.store.write() as db:
            # The steps and follow-ups not yet done are replaced: the old rows are named as
            # deleted on purpose in the entry, the new ones bound to it.
            dropped: set[RowRef] = set()
            added: list[RowRef] = []
            for table in ("incident_steps", "incident_followups"):
                dropped |= {(table, r["id"]) for r in db.query(
                    f"SELECT id FROM {table} WHERE incident_id = ? AND done_at IS NULL",
                    [incident_id])}
                db.execute(f"DELETE FROM {table} WHERE incident_id = ? AND done_at IS NULL",
                           [incident_id])
            for position, text in enumerate(guidance.steps, 1):
                added.append(("incident_steps", inserted_id(db.table("incident_steps").insert(
                    {"incident_id": incident_id, "position": position, "text": text}))))
            for task, days in guidance.follow_up:
                added.append(("incident_followups", inserted_id(
                    db.table("incident_followups").insert({
                        "incident_id": incident_id, "task": task,
                        "due_at": _now(base + timedelta(days=days))}))))
            self._update(incident_id, {"category": category,
                                       "child_in_danger": int(guidance.call_999_first)},
                         "incident.category", actor=incident.reporter_name or role,
                         details={"category": category, "child_in_danger": child_in_danger},
                         now=now, bind=added,
                         # an id SQLite gave again to a new row is bound, not gone
                         gone=sorted(dropped - set(added), key=str))
        return self.get(incident_id)

    @staticmethod
    def guidance(pack: PolicyPack, category: str, role: str,
                 child_in_danger: bool = False) -> IncidentGuidance:
        return incident_guidance(pack, _category_id(category), _role(role), child_in_danger)

    def tick_step(self, step_id: int, by: str, now: datetime | None = None) -> Step:
        rows = list(self.store.db.query("SELECT * FROM incident_steps WHERE id = ?", [step_id]))
        if not rows:
            raise ConfigurationError(_("There is no procedure step {id}.", id=step_id))
        with self.store.write() as db:
            db.execute("UPDATE incident_steps SET done_at = ?, done_by = ? WHERE id = ?",
                       [_now(now), by, step_id])
            self.audit.append_in(db, "incident.step_done", actor=by,
                                 subject=f"incident:{rows[0]['incident_id']}",
                                 details={"step": rows[0]["position"],
                                          "text": rows[0]["text"]}, now=now,
                                 bind=[("incident_steps", step_id)])
        return self._step(step_id)

    def untick_step(self, step_id: int, by: str, now: datetime | None = None) -> Step:
        """A step ticked by mistake: not done after all. The entry keeps when it had been
        ticked and by whom, so the record shows both."""
        rows = list(self.store.db.query("SELECT * FROM incident_steps WHERE id = ?", [step_id]))
        if not rows:
            raise ConfigurationError(_("There is no procedure step {id}.", id=step_id))
        with self.store.write() as db:
            db.execute("UPDATE incident_steps SET done_at = NULL, done_by = NULL WHERE id = ?",
                       [step_id])
            self.audit.append_in(db, "incident.step_undone", actor=by,
                                 subject=f"incident:{rows[0]['incident_id']}",
                                 details=_undone({"step": rows[0]["position"],
                                                  "text": rows[0]["text"]},
                                                 rows[0]["done_at"], rows[0]["done_by"]),
                                 now=now, bind=[("incident_steps", step_id)])
        return self._step(step_id)

    def record_details(self, incident_id: int, by: str, **fields: str) -> Incident:
        unknown = set(fields) - set(DETAIL_FIELDS)
        if unknown:
            raise ConfigurationError(_("Unknown incident details: {names}.",
                                       names=sorted(unknown)))
        details = {**self.get(incident_id).details,
                   **{k: v.strip() for k, v in fields.items()}}
        self._update(incident_id, {"details": self._seal_details(incident_id, details)},
                     "incident.details", actor=by, details={"fields": sorted(fields)})
        return self.get(incident_id)

    def add_screenshot(self, incident_id: int, png: bytes, by: str) -> Evidence:
        incident = self.get(incident_id)
        if incident.sealed:
            raise LessonGuardError(
                _("No screenshot is taken or kept for indecent images of a child."),
                _("The recording is sealed for the police instead; do not copy the images."))
        return self._add_sealed(incident, "screenshot", "screen", png, by,
                                "screenshot of the screen")

    def add_chat(self, incident_id: int, text: str, by: str) -> Evidence:
        incident = self.get(incident_id)
        return self._add_sealed(incident, "chat", "chat", text.encode("utf-8"), by,
                                "chat text pasted by the reporter")

    def _add_sealed(self, incident: Incident, kind: str, word: str, data: bytes, by: str,
                    note: str) -> Evidence:
        """The sealed file first, then its row and entry in one transaction. If that
        transaction fails, the file and its key are removed again: no copy is left that no
        record lists."""
        used = {Path(e.path).stem for e in incident.evidence if e.path}
        number = len(incident.evidence) + 1
        while ((stem := f"incident-{incident.id}-{word}-{number}") in used
               or (self.folder / f"{stem}.lgenc").exists()):
            number += 1  # a file a crash left unrecorded keeps its name; take the next
        path, digest = self._seal_file(stem, data)
        try:
            return self._add_evidence(incident.id, kind, path=path, digest=digest, by=by,
                                      note=note)
        except BaseException:
            path.unlink(missing_ok=True)
            self.keys.delete(stem)
            raise

    def _seal_file(self, stem: str, data: bytes) -> tuple[Path, str]:
        """Evidence is encrypted at rest like recordings: its own key, chunked AES-GCM."""
        self.folder.mkdir(parents=True, exist_ok=True)
        key = new_key()
        # No record and no file use this name, so a key under it is a leftover of a crash
        # before its file was written: it protects nothing and would block the new one.
        self.keys.delete(stem)
        self.keys.put(stem, key)
        path = self.folder / f"{stem}.lgenc"
        writer = EncryptedWriter(path, key)
        writer.write(data)
        writer.close()
        return path, hashlib.sha256(data).hexdigest()

    def read_evidence(self, evidence: Evidence) -> bytes:
        """The plain bytes of a screenshot or chat text (for the sealed package)."""
        assert evidence.path is not None
        path = Path(evidence.path)
        with EncryptedReader(path, self.keys.get(path.stem)) as reader:
            data = reader.read()
        if hashlib.sha256(data).hexdigest() != evidence.sha256:
            raise LessonGuardError(_("The evidence file {name} has been changed.",
                                     name=path.name))
        return data

    def request(self, incident_id: int, kind: str, description: str, by: str) -> Incident:
        requests = [*self.get(incident_id).requests,
                    {"kind": kind, "description": description, "by": by, "at": _now()}]
        self._update(incident_id, {"requests": json.dumps(requests, ensure_ascii=False)},
                     "incident.request", actor=by, details={"kind": kind})
        return self.get(incident_id)

    def contacted(self, incident_id: int, target: str, how: str, by: str) -> Incident:
        done = [*self.get(incident_id).contacted,
                {"target": target, "how": how, "by": by, "at": _now()}]
        self._update(incident_id, {"contacted": json.dumps(done, ensure_ascii=False)},
                     "incident.contacted", actor=by, details={"target": target, "how": how})
        return self.get(incident_id)

    def uncontacted(self, incident_id: int, target: str, how: str, by: str,
                    now: datetime | None = None) -> Incident:
        """An "I have told them" ticked by mistake: the latest such entry is taken off the
        incident, logged by the same rule as a step unticked (when and by whom it had been
        done)."""
        done = list(self.get(incident_id).contacted)
        last = next((i for i in range(len(done) - 1, -1, -1)
                     if done[i]["target"] == target and done[i]["how"] == how), None)
        if last is None:
            raise ConfigurationError(_("Incident {id} records no '{how}'.", id=incident_id,
                                       how=how))
        undone = done.pop(last)
        self._update(incident_id, {"contacted": json.dumps(done, ensure_ascii=False)},
                     "incident.contact_undone", actor=by, now=now,
                     details=_undone({"target": target, "how": how},
                                     undone.get("at"), undone.get("by")))
        return self.get(incident_id)

    def set_status(self, incident_id: int, status: str, by: str) -> Incident:
        if status not in STATUSES:
            raise ConfigurationError(_("'{status}' is not an incident status.", status=status),
                                     _("Use one of: {statuses}.", statuses=list(STATUSES)))
        self._update(incident_id, {"status": status}, "incident.status", actor=by,
                     details={"status": status})
        return self.get(incident_id)

    def complete_follow_up(self, follow_up_id: int, by: str) -> None:
        with self.store.write() as db:
            changed = db.execute("UPDATE incident_followups SET done_at = ?, done_by = ? "
                                 "WHERE id = ?", [_now(), by, follow_up_id]).rowcount
            self.audit.append_in(db, "incident.follow_up_done", actor=by,
                                 subject=f"follow_up:{follow_up_id}",
                                 bind=[("incident_followups", follow_up_id)] if changed else [])

    # --- reading ---

    def get(self, incident_id: int) -> Incident:
        rows = list(self.store.db.query("SELECT * FROM incidents WHERE id = ?", [incident_id]))
        if not rows:
            raise ConfigurationError(_("There is no incident {id}.", id=incident_id),
                                     _("See `lessonguard incident list`."))
        r = rows[0]
        steps = tuple(Step(s["id"], s["position"], s["text"], s["done_at"], s["done_by"])
                      for s in self.store.db.query(
                          "SELECT * FROM incident_steps WHERE incident_id = ? ORDER BY position",
                          [incident_id]))
        follow = tuple(FollowUp(f["id"], f["task"], f["due_at"], f["done_at"], f["done_by"])
                       for f in self.store.db.query(
                           "SELECT * FROM incident_followups WHERE incident_id = ? ORDER BY id",
                           [incident_id]))
        evidence = tuple(Evidence(e["id"], e["kind"], e["recording_id"], e["path"],
                                  e["sha256"], e["note"] or "", e["added_at"])
                         for e in self.store.db.query(
                             "SELECT * FROM incident_evidence WHERE incident_id = ? ORDER BY id",
                             [incident_id]))
        return Incident(
            id=r["id"], pack_id=r["pack_id"], category=r["category"],
            reporter_role=r["reporter_role"], reporter_name=r["reporter_name"],
            status=r["status"], child_in_danger=bool(r["child_in_danger"]),
            panic_at=r["panic_at"], created_at=r["created_at"], updated_at=r["updated_at"],
            details=self._open_details(incident_id, r["details"]),
            requests=json.loads(r["requests"]), contacted=json.loads(r["contacted"]),
            steps=steps, follow_ups=follow, evidence=evidence)

    def list(self, role: str | None = None) -> list[Incident]:
        if role is not None and role not in VISIBLE_TO:
            raise LessonGuardError(
                _("Incident records are not shown to the {role}.",
                  role=ROLE_WORDS.get(role, role.replace("_", " "))),
                _("Ask the organisation's safeguarding lead about an incident you reported."))
        return [self.get(r["id"]) for r in self.store.db.query(
            "SELECT id FROM incidents ORDER BY id")]

    def sealed_recordings(self) -> dict[str, int]:
        """Recordings held for an indecent-images incident: never replayed, only handed to
        the police sealed (recording id -> incident id)."""
        rows = self.store.db.query(
            "SELECT e.recording_id, i.id FROM incident_evidence e JOIN incidents i "
            "ON i.id = e.incident_id WHERE e.kind = 'recording' "
            "AND i.category = 'indecent_images_of_child'")
        return {r["recording_id"]: r["id"] for r in rows}

    def refuse_if_sealed(self, rec_id: str) -> None:
        incident = self.sealed_recordings().get(rec_id)
        if incident is not None:
            raise LessonGuardError(
                _("This recording is sealed for the police (incident {id}): it cannot be "
                  "played or copied.", id=incident),
                _("It is handed over only inside the incident's sealed package."))

    def check_access(self, info: RecordingInfo, pack: PolicyPack, role: str) -> None:
        """Who may play or export a recording: the pack's playback rule; the organisation
        may also take a held one (for the police) after the playback period; nobody plays
        one sealed for the police. Raises with the reason."""
        self.refuse_if_sealed(info.id)
        allowed, why = playback_allowed(pack, role, datetime.fromisoformat(info.started_at),
                                        datetime.now(UTC))
        if not allowed and not (role == "organisation" and info.held):
            raise LessonGuardError(why, _("Ask the organisation's safeguarding lead if you "
                                          "need to see it."))

    # --- internals ---

    def _step(self, step_id: int) -> Step:
        s = next(iter(self.store.db.query("SELECT * FROM incident_steps WHERE id = ?",
                                          [step_id])))
        return Step(s["id"], s["position"], s["text"], s["done_at"], s["done_by"])

    def _update(self, incident_id: int, values: dict[str, Any], action: str, *, actor: str,
                details: dict[str, Any] | None = None, now: datetime | None = None,
                bind: Sequence[RowRef] = (), gone: Sequence[RowRef] = ()) -> None:
        """The incident's row changed and its entry, binding the row as written (and any
        other rows of the same change: `bind`, `gone`)."""
        self.get(incident_id)
        with self.store.write() as db:
            db.table("incidents").update(incident_id, {**values, "updated_at": _now(now)})
            self.audit.append_in(db, action, actor=actor, subject=f"incident:{incident_id}",
                                 details=details or {}, now=now,
                                 bind=[("incidents", incident_id), *bind], gone=gone)

    def _add_evidence(self, incident_id: int, kind: str, *, recording_id: str | None = None,
                      path: Path | None = None, digest: str | None = None, by: str = "system",
                      note: str = "") -> Evidence:
        with self.store.write() as db:
            ev_id = inserted_id(db.table("incident_evidence").insert({
                "incident_id": incident_id, "kind": kind, "recording_id": recording_id,
                "path": str(path) if path else None, "sha256": digest, "note": note,
                "added_at": _now()}))
            self.audit.append_in(db, "incident.evidence", actor=by,
                                 subject=f"incident:{incident_id}",
                                 details={"kind": kind, "recording_id": recording_id,
                                          "sha256": digest},
                                 bind=[("incident_evidence", ev_id)])
        return next(e for e in self.get(incident_id).evidence if e.id == ev_id)

    def _drop_screenshots(self, incident_id: int) -> None:
        """The category became indecent images: screenshots already taken are destroyed.

        The file and its key go first, then the evidence row and its entry in one
        transaction. A crash in between leaves the row (and no entry) pointing at a file that
        no longer exists, and the category not yet set; choosing the category again finishes
        the job (deleting what is already gone is harmless). The other order could leave a
        screenshot of the images on disk with no row left to find it by.
        """
        for e in self.get(incident_id).evidence:
            if e.kind == "screenshot" and e.path:
                Path(e.path).unlink(missing_ok=True)
                self.keys.delete(Path(e.path).stem)
                with self.store.write() as db:
                    db.execute("DELETE FROM incident_evidence WHERE id = ?", [e.id])
                    self.audit.append_in(db, "incident.screenshot_destroyed", actor="system",
                                         subject=f"incident:{incident_id}",
                                         details={"sha256": e.sha256},
                                         gone=[("incident_evidence", e.id)])
