"""The one small object the use cases tell what they did, so a linked installation hears it.

Why: consent, lessons, confirmations and the panic keep their own rules; they only hand the
record they have just written to this notifier, inside their own transaction, and it seals
the message for each link of that pupil (the outbox row is kept or dropped with the record).
With no broker set there is no notifier (`for_broker` gives None) and nothing is queued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from app.audit import AuditLog
from app.errors import LessonGuardError
from app.linking.identity import Identity, identity
from app.linking.kinds import CREATOR, JOINER, as_line, may_send
from app.linking.links import Link, all_links, queue_in
from app.store import Store
from app.times import iso_utc

log = logging.getLogger(__name__)


class LinkNotifier:
    def __init__(self, store: Store, data_dir: Path, *,
                 on_queued: Callable[[], None] | None = None,
                 audit: AuditLog | None = None) -> None:
        self.store = store
        self.data_dir = data_dir
        self.audit = audit or AuditLog(store)
        self.on_queued = on_queued
        self._ident: Identity | None = None

    @classmethod
    def for_broker(cls, store: Store, data_dir: Path, broker: str | None,
                   on_queued: Callable[[], None] | None = None) -> LinkNotifier | None:
        """The notifier where a broker is set; None (nothing is ever queued) where not."""
        return cls(store, data_dir, on_queued=on_queued) if (broker or "").strip() else None

    @property
    def ident(self) -> Identity:
        if self._ident is None:
            self._ident = identity(self.data_dir)
        return self._ident

    # --- the general form ---

    def report(self, pupil_id: int, kind: str, body: Mapping[str, Any], *, actor: str,
               only: Callable[[Link], dict[str, Any] | None] | None = None,
               now: datetime | None = None) -> list[int]:
        """Queue `kind` to every active link of the pupil whose side may send it; `only` may
        drop a link (None) or adjust the body for it. A message that cannot be queued (a
        link the audit log no longer vouches for, a body its kind refuses) is logged and
        left out: the record it reports is kept all the same."""
        queued: list[int] = []
        with self.store.write() as db:
            for link in all_links(db, pupil_id):
                if not may_send(kind, link.my_side):
                    continue
                message = dict(body)
                if only is not None:
                    extra = only(link)
                    if extra is None:
                        continue
                    message.update(extra)
                try:
                    queued.append(queue_in(self.store, self.audit, self.ident, link, kind,
                                           message, actor=actor, now=now))
                except (LessonGuardError, ValueError) as exc:
                    log.error("%s was not queued for %s: %s", kind, link.peer_name, exc)
        if queued and self.on_queued is not None:
            self.store.after_commit("link-queued", self.on_queued)
        return queued

    def report_lesson(self, lesson_id: int, kind: str, body: Mapping[str, Any], *,
                      actor: str, now: datetime | None = None) -> list[int]:
        """A message about a lesson: the tutor's side reports its own lessons to each link of
        the pupil; the family's side reports on the copy of the tutor's lesson, to that link
        only, naming it by the tutor's id (every `lesson` in a message is the tutor's id)."""
        rows = list(self.store.db.query(
            "SELECT pupil_id, link_id, remote_id FROM lessons WHERE id = ?", [lesson_id]))
        if not rows:
            return []
        row = rows[0]

        def target(link: Link) -> dict[str, Any] | None:
            if link.my_side == CREATOR and row["link_id"] is None:
                return {"lesson": lesson_id}
            if link.my_side == JOINER and row["link_id"] == link.id:
                return {"lesson": int(row["remote_id"])}
            return None

        return self.report(int(row["pupil_id"]), kind, body, actor=actor, only=target,
                           now=now)

    # --- what each use case hands over ---

    def consent_granted(self, consent: Mapping[str, Any]) -> list[int]:
        """A consent given on this computer (never one received from a link: not sent back)."""
        if consent.get("source") == "linked":
            return []
        body = {"remote_id": int(consent["id"]), "given_by_name": consent["given_by_name"],
                "role": consent["role"], "scope": consent["scope"],
                "pack_id": consent["pack_id"], "text": consent["text"],
                "text_version": consent["text_version"], "method": consent["method"],
                "form_name": consent.get("form_name") or "",
                "form_sha256": consent.get("form_sha256") or "",
                "given_at": consent["given_at"]}
        if body["role"] not in ("responsible_adult", "pupil"):
            return []  # a tutor's own consent stays on the tutor's computer
        return self.report(int(consent["pupil_id"]), "consent.granted", body,
                           actor=str(consent["given_by_name"]))

    def consent_withdrawn(self, consent: Mapping[str, Any]) -> list[int]:
        if consent.get("source") == "linked":
            return []
        body = {"remote_id": int(consent["id"]), "at": consent["withdrawn_at"],
                "by": consent["withdrawn_by"],
                "reason": as_line(consent.get("withdraw_reason") or "")}
        return self.report(int(consent["pupil_id"]), "consent.withdrawn", body,
                           actor=str(consent["withdrawn_by"]))

    def lesson_announced(self, lesson: Mapping[str, Any], *, pack_name: str,
                         recording: Mapping[str, Any], practice: bool = False) -> list[int]:
        if lesson.get("link_id"):
            return []  # a copy of the tutor's lesson is not announced back
        body = {"starts_at": lesson["starts_at"], "duration_min": int(lesson["duration_min"]),
                "tutor_name": lesson.get("tutor_name") or "",
                "platform": lesson.get("platform") or "", "pack_id": lesson["pack_id"],
                "pack_name": pack_name, "recording": dict(recording), "practice": practice}
        return self.report_lesson(int(lesson["id"]), "lesson.announced", body,
                                  actor=str(lesson.get("confirmed_by") or "user"))

    def lesson_state(self, lesson_id: int, kind: str, *, by: str, at: datetime,
                     reason: str = "") -> list[int]:
        return self.report_lesson(lesson_id, kind, {"at": iso_utc(at), "by": by,
                                                    "reason": as_line(reason)}, actor=by)

    def lesson_record(self, lesson_id: int, summary: Mapping[str, Any]) -> list[int]:
        queued = self.report_lesson(lesson_id, "lesson.record",
                                    {"record": shared_record(summary)}, actor="LessonGuard")
        self.lesson_recordings(lesson_id)
        return queued

    def lesson_recordings(self, lesson_id: int) -> None:
        """After the lesson's end has committed: a copy of each of its finished recordings,
        to the linked side where the pack lets it play them (app/linking/recording_copy.py).
        Outside the end's transaction: reading a recording must not hold up the end."""
        def send() -> None:
            from app.linking.recording_copy import send_lesson_recordings

            send_lesson_recordings(self.store, self.data_dir, lesson_id,
                                   on_queued=self.on_queued)

        self.store.after_commit(f"link-recordings-{lesson_id}", send)

    def presence(self, lesson_id: int, name: str, *, present: bool, at: datetime) -> list[int]:
        return self.report_lesson(lesson_id, "presence", {"name": name, "at": iso_utc(at),
                                                          "present": present}, actor=name)

    def room(self, lesson_id: int, name: str, *, at: datetime) -> list[int]:
        return self.report_lesson(lesson_id, "room", {"name": name, "at": iso_utc(at)},
                                  actor=name)

    def checks_summary(self, lesson_id: int, *, ready: bool,
                       verdicts: list[tuple[str, str]], at: datetime) -> list[int]:
        """Verdicts only (check id, status): never a picture, never text a check read."""
        body = {"at": iso_utc(at), "ready": ready,
                "verdicts": [{"check": c, "status": s} for c, s in verdicts]}
        return self.report_lesson(lesson_id, "checks.summary", body, actor="LessonGuard")

    def panic(self, lesson_id: int | None, *, by: str, at: datetime,
              pupil_id: int | None = None) -> list[int]:
        """A panic, to the links of the lesson's pupil (or of `pupil_id` with no lesson)."""
        body = {"at": iso_utc(at), "by": by}
        if lesson_id is not None:
            return self.report_lesson(lesson_id, "panic", body, actor=by)
        if pupil_id is None:
            return []
        return self.report(pupil_id, "panic", {**body, "lesson": None}, actor=by)


def shared_record(summary: Mapping[str, Any]) -> dict[str, Any]:
    """What of a lesson's record goes back to the family: times, who confirmed what, the
    checks' verdicts (never what a check saw or read), recordings' dates, incidents' count."""
    lesson = summary.get("lesson", {})
    checks = summary.get("checks") or None
    return {
        "lesson": {k: lesson.get(k) for k in ("id", "state", "starts_at", "started_at",
                                               "ended_at", "duration_min", "end_reason",
                                               "tutor_name", "pack_id")},
        "checks": ({"ready": checks.get("ready"), "at": checks.get("at"),
                    "verdicts": [{"check": r.get("id"), "status": r.get("status")}
                                 for r in checks.get("results", [])]} if checks else None),
        "confirmations": [{k: c.get(k) for k in ("kind", "by_name", "role", "at", "from",
                                                  "attested_by")}
                          for c in summary.get("confirmations", [])],
        "recordings": [{k: r.get(k) for k in ("id", "state", "duration_s", "started_at",
                                               "expires_at", "deleted_at")}
                       for r in summary.get("recordings", [])],
        "no_recording_reason": summary.get("no_recording_reason") or "",
        "incidents": len(summary.get("incidents", [])),
    }
