"""Lessons: booked with the pack's lead time, started, ended, and their log.

Why: a parent or a safeguarding lead must be able to see, lesson by lesson, that the checks
were done, who confirmed what and when, whether it was recorded and until when, and any
incident. A lesson left running by a crash is found at the next start and resumed or closed,
with nothing that was saved lost.
"""

from __future__ import annotations

import builtins
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, get_args

from app.audit import AuditLog
from app.check_log import check_runs, record_confirmation
from app.errors import ConfigurationError
from app.incident_words import incident_line
from app.inputs import check_booking_time, check_id, check_name, check_reason, printable
from app.linking.received import origin
from app.liveness import still_running
from app.people import People, Person
from app.policy.engine import (
    ROLE_WORDS,
    lesson_confirmation,
    playback_allowed,
    recording_policy,
    rule,
)
from app.policy.schema import Platform, PolicyPack
from app.store import Store, inserted_id
from app.texts import _
from app.times import clock, day, iso_utc

if TYPE_CHECKING:
    from app.linking.notify import LinkNotifier

PLATFORMS: tuple[str, ...] = get_args(Platform)
STATES = ("booked", "in_progress", "ended", "cancelled")
ENDED_NORMALLY = "ended normally"
CONFIRMATION_WORDS = {
    "conduct_acknowledged": _("acknowledged the code of conduct"),
    "adult_present": _("confirmed being present at the start"),
    "room_living_area": _("confirmed the lesson is in a living area"),
    "recording_notice": _("was told the lesson is recorded"),
    "adult_present_at_end": _("confirmed being present at the end"),
    "adult_left": _("left the room"),
    "pupil_returned_to_class": _("saw the pupil back to class"),
    "lesson_resumed": _("resumed the lesson after LessonGuard closed unexpectedly"),
    "practice_lesson": _("booked this as a practice lesson (the demo camera, no pupil "
                         "taught)"),
    "speakers_heard": _("heard the speakers in the sound test"),
    "recording_decided_yes": _("decided that the lessons are recorded"),
    "recording_decided_no": _("decided that the lessons are not recorded"),
    # What a person vouched for at Start lesson (app/lesson_start.VOUCH_PREFIX + notice id).
    "vouched_nothing_inappropriate_visible": _("confirmed that nothing inappropriate can be "
                                               "seen"),
    "vouched_pupil_comfortable_at_start": _("confirmed that the pupil feels comfortable"),
    "vouched_training": _("confirmed the safeguarding training the policy asks for"),
    "vouched_training_current": _("confirmed that their safeguarding training is up to "
                                  "date"),
    "vouched_observer": _("confirmed that an experienced tutor observes this first session"),
}
PRACTICE = "practice_lesson"  # the confirmation that marks a lesson as practice
SLOT_MINUTES = 15  # default times fall on the quarter hour
# A practice lesson never counts as the pupil's first lesson, nor as an earlier one.
NOT_PRACTICE = ("id NOT IN (SELECT lesson_id FROM confirmations WHERE kind = "
                "'practice_lesson' AND lesson_id IS NOT NULL)")
EPISODE_WORDS = {"outage": _("outage"), "degraded": _("very slow")}
MOMENT_WORDS = {"start": _("as the lesson started"), "midway": _("midway through the lesson")}
STATE_WORDS = {"booked": _("booked"), "in_progress": _("in progress"), "ended": _("ended"),
               "cancelled": _("cancelled")}


@dataclass(frozen=True)
class Lesson:
    id: int
    pack_id: str
    pupil_id: int
    tutor_name: str
    platform: str
    starts_at: datetime
    duration_min: int
    confirmed_at: datetime
    confirmed_by: str
    first_lesson: bool
    state: str
    started_at: datetime | None
    ended_at: datetime | None
    pid: int | None
    recording_id: str | None
    no_recording_reason: str
    end_reason: str

    @property
    def ends_at(self) -> datetime:
        return (self.started_at or self.starts_at) + timedelta(minutes=self.duration_min)

    def to_json(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        for key in ("starts_at", "confirmed_at", "started_at", "ended_at"):
            out[key] = iso_utc(out[key]) if out[key] else None
        return out


def _when(value: object) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def _row(row: dict[str, Any]) -> Lesson:
    return Lesson(int(row["id"]), row["pack_id"], int(row["pupil_id"]), row["tutor_name"] or "",
                  row["platform"] or "", datetime.fromisoformat(row["starts_at"]),
                  int(row["duration_min"]), datetime.fromisoformat(row["confirmed_at"]),
                  row["confirmed_by"] or "", bool(row["first_lesson"]), row["state"],
                  _when(row["started_at"]), _when(row["ended_at"]), row["pid"],
                  row["recording_id"], row["no_recording_reason"] or "",
                  row["end_reason"] or "")


# Confirmations the family's side reports to the tutor's over a link (app/linking).
LINKED_CONFIRMATIONS = ("adult_present", "adult_left", "room_living_area")


class Lessons:
    """`notifier`: where a broker is set, what happens to a lesson (booked, started, ended,
    its record; the family's presence and room) is also sent to the pupil's linked
    installations, queued in the same transaction."""

    def __init__(self, store: Store, audit: AuditLog | None = None,
                 notifier: LinkNotifier | None = None) -> None:
        self.store = store
        self.audit = audit or AuditLog(store)
        self.people = People(store, self.audit)
        self.notifier = notifier

    # --- booking ---

    def is_first_for(self, pupil_id: int) -> bool:
        rows = list(self.store.db.query(
            "SELECT COUNT(*) AS n FROM lessons WHERE pupil_id = ? AND state != 'cancelled' "
            f"AND {NOT_PRACTICE}", [pupil_id]))
        return int(rows[0]["n"]) == 0

    def earliest_start(self, pack: PolicyPack, pupil_id: int | None,
                       now: datetime | None = None) -> datetime:
        """The first quarter hour at least ten minutes away that the pack allows for this
        pupil (HMS: a first lesson 24 hours ahead): the booking form's default time."""
        now = now or datetime.now(UTC)
        first = pupil_id is None or self.is_first_for(pupil_id)
        hours = int(rule(pack, "scheduling.min_lead_hours").value) if first else 0
        soon = now + max(timedelta(minutes=10), timedelta(hours=hours))
        spare = (-soon.minute) % SLOT_MINUTES
        return (soon + timedelta(minutes=spare)).replace(second=0, microsecond=0)

    def is_practice(self, lesson_id: int) -> bool:
        rows = list(self.store.db.query(
            "SELECT COUNT(*) AS n FROM confirmations WHERE lesson_id = ? AND kind = ?",
            [lesson_id, PRACTICE]))
        return int(rows[0]["n"]) > 0

    def book(self, pack: PolicyPack, pupil_id: int, starts_at: datetime, *, duration_min: int,
             tutor_name: str, platform: str, confirmed_by: str, now: datetime | None = None,
             practice: bool = False) -> Lesson:
        """Create and confirm a lesson. Refused, with the pack's reason, when it is confirmed
        too late (HMS: the first lesson at least 24 hours ahead). A practice lesson (to try
        every step on day one, with the demo camera) needs no notice, does not count as the
        pupil's first lesson, and its record says it was practice."""
        now = now or datetime.now(UTC)
        check_booking_time(starts_at, _("The lesson date"), today=now.date())
        tutor_name = check_name(tutor_name, _("The tutor's name")) if tutor_name.strip() else ""
        pupil = self.people.get(pupil_id, role="pupil")
        if starts_at.tzinfo is None:
            raise ConfigurationError(_("A lesson time needs its time zone."))
        if not 10 <= duration_min <= 240:
            raise ConfigurationError(_("A lesson of {minutes} minutes cannot be right.",
                                       minutes=duration_min),
                                     _("Give the length in minutes, 10 to 240."))
        if platform and platform not in PLATFORMS:
            raise ConfigurationError(_("'{platform}' is not a lesson platform LessonGuard "
                                       "knows.", platform=platform),
                                     _("Use one of: {platforms}.", platforms=list(PLATFORMS)))
        if not confirmed_by.strip():
            raise ConfigurationError(_("Say who confirms the lesson (their name)."))
        if starts_at + timedelta(minutes=duration_min) < now:
            raise ConfigurationError(_("That lesson would already be over."),
                                     _("Check the date and time."))
        first = self.is_first_for(pupil_id) and not practice
        ok, why, _rule = lesson_confirmation(pack, now, starts_at, first)
        if not ok and not practice:
            raise ConfigurationError(_("{pupil}'s first lesson under {pack}: {why}",
                                       pupil=pupil.name, pack=pack.name, why=why))
        with self.store.write() as db:
            table = db.table("lessons")
            table.insert({"pack_id": pack.id, "pupil_id": pupil_id,
                          "tutor_name": tutor_name.strip(), "platform": platform,
                          "starts_at": iso_utc(starts_at), "duration_min": duration_min,
                          "confirmed_at": iso_utc(now), "confirmed_by": confirmed_by.strip(),
                          "first_lesson": int(first), "state": "booked",
                          "created_at": iso_utc(now)})
            new_id = inserted_id(table)
            self.audit.append_in(db, "lesson.booked", actor=confirmed_by.strip(),
                                 subject=f"lesson:{new_id}",
                                 details={"pupil_id": pupil_id,
                                          "starts_at": iso_utc(starts_at),
                                          "first_lesson": first, "pack_id": pack.id},
                                 now=now, bind=[("lessons", new_id)])
            if practice:
                record_confirmation(self.store, kind=PRACTICE, by_name=confirmed_by.strip(),
                                    role="user", at=now, lesson_id=new_id)
            if self.notifier is not None:
                policy = recording_policy(pack)
                row = dict(next(iter(db.query("SELECT * FROM lessons WHERE id = ?",
                                              [new_id]))))
                self.notifier.lesson_announced(
                    row, pack_name=pack.name, practice=practice,
                    recording={"allowed": policy.allowed, "why": str(policy.reason),
                               "consent_from": list(policy.consent_from)})
        return self.get(new_id)

    def cancel(self, lesson_id: int, by: str, reason: str) -> Lesson:
        reason = check_reason(reason, _("The reason for cancelling"))
        lesson = self.get(lesson_id)
        if lesson.state != "booked":
            raise ConfigurationError(_("Lesson {id} is {state}; only a booked lesson can be "
                                       "cancelled.", id=lesson_id,
                                       state=STATE_WORDS[lesson.state]))
        self._update(lesson_id, {"state": "cancelled", "cancelled_reason": reason},
                     "lesson.cancelled", by, {"reason": reason})
        return self.get(lesson_id)

    # --- reading ---

    def get(self, lesson_id: int) -> Lesson:
        check_id(lesson_id, _("The lesson id"))
        rows = list(self.store.db.query("SELECT * FROM lessons WHERE id = ?", [lesson_id]))
        if not rows:
            raise ConfigurationError(_("There is no lesson {id}.", id=lesson_id),
                                     _("See `lessonguard lesson list` for the lessons."))
        return _row(rows[0])

    def list(self, pupil_id: int | None = None) -> list[Lesson]:
        sql, params = "SELECT * FROM lessons", []
        if pupil_id is not None:
            sql += " WHERE pupil_id = ?"
            params.append(pupil_id)
        return [_row(r) for r in self.store.db.query(sql + " ORDER BY starts_at DESC", params)]

    def upcoming(self, now: datetime | None = None) -> builtins.list[Lesson]:
        """Booked lessons not yet over, soonest first."""
        now = now or datetime.now(UTC)
        return sorted((lesson for lesson in self.list()
                       if lesson.state == "booked" and lesson.ends_at > now),
                      key=lambda lesson: lesson.starts_at)

    def conduct_acknowledged_before(self, pupil_id: int) -> bool:
        rows = list(self.store.db.query(
            "SELECT COUNT(*) AS n FROM confirmations c JOIN lessons l ON c.lesson_id = l.id "
            "WHERE l.pupil_id = ? AND c.kind = 'conduct_acknowledged' AND "
            f"{NOT_PRACTICE.replace('id NOT IN', 'l.id NOT IN')}", [pupil_id]))
        return int(rows[0]["n"]) > 0

    def recording_decision(self, pupil_id: int) -> tuple[str, str] | None:
        """Whether this pupil's lessons are recorded, as the person the pack names decided it
        (VTO: the LCC, before the first session): (kind, their name), the latest on file."""
        rows = list(self.store.db.query(
            "SELECT c.kind, c.by_name FROM confirmations c JOIN lessons l ON c.lesson_id = l.id "
            "WHERE l.pupil_id = ? AND c.kind IN ('recording_decided_yes', "
            "'recording_decided_no') ORDER BY c.at DESC, c.id DESC LIMIT 1", [pupil_id]))
        return (str(rows[0]["kind"]), str(rows[0]["by_name"])) if rows else None

    def pupil(self, lesson: Lesson) -> Person:
        return self.people.get(lesson.pupil_id)

    def pupil_age(self, lesson: Lesson) -> int | None:
        return self.pupil(lesson).age_on(lesson.starts_at.astimezone().date())

    def adult_name(self, lesson: Lesson) -> str:
        """The pupil's responsible adult as set up (the first, if there are several)."""
        adults = self.people.adults_for(lesson.pupil_id)
        return adults[0].name if adults else ""

    # --- running ---

    def confirm(self, lesson_id: int, kind: str, by_name: str, role: str,
                now: datetime | None = None, *, attested_by: str | None = None) -> None:
        """`attested_by`: the person at this computer ticking it for `by_name` (see
        `record_confirmation`). On the family's side, presence and the room are also sent
        to the tutor's linked installation."""
        if len(by_name.strip()) < 2:
            raise ConfigurationError(_("Type the person's full name to confirm."))
        at = now or datetime.now(UTC)
        with self.store.write():
            record_confirmation(self.store, kind=kind, by_name=by_name.strip(), role=role,
                                at=at, lesson_id=lesson_id, attested_by=attested_by)
            if self.notifier is not None and kind in LINKED_CONFIRMATIONS \
                    and attested_by is None:
                if kind == "room_living_area":
                    self.notifier.room(lesson_id, by_name.strip(), at=at)
                else:
                    self.notifier.presence(lesson_id, by_name.strip(),
                                           present=kind == "adult_present", at=at)

    def linked_confirmation(self, lesson_id: int, kind: str) -> dict[str, Any] | None:
        """The latest confirmation of this kind that came from a linked computer (the
        family confirming on their own), if any."""
        rows = list(self.store.db.query(
            "SELECT * FROM confirmations WHERE lesson_id = ? AND kind = ? AND source = "
            "'linked' ORDER BY at DESC, id DESC", [lesson_id, kind]))
        # one changed outside LessonGuard (a tutor's tick made to look like the family's)
        # is not the family's word
        doubted = self.audit.untrusted("confirmations", [int(r["id"]) for r in rows]) \
            if rows else {}
        return next((dict(r) for r in rows if r["id"] not in doubted), None)

    def start(self, lesson_id: int, *, by: str, recording_id: str | None = None,
              no_recording_reason: str = "", now: datetime | None = None) -> Lesson:
        self.check_startable(lesson_id)
        now = now or datetime.now(UTC)
        with self.store.write():
            self._update(lesson_id, {"state": "in_progress", "started_at": iso_utc(now),
                                     "pid": os.getpid(), "recording_id": recording_id,
                                     "no_recording_reason": no_recording_reason},
                         "lesson.started", by, {"recording_id": recording_id}, now=now)
            if self.notifier is not None:
                self.notifier.lesson_state(lesson_id, "lesson.started", by=by or "user",
                                           at=now)
        return self.get(lesson_id)

    def check_startable(self, lesson_id: int) -> None:
        """Raise, with the reason, if the lesson cannot start now (asked before its required
        recording starts, so a refused start leaves no stray recording)."""
        lesson = self.get(lesson_id)
        if lesson.state not in ("booked",):
            raise ConfigurationError(_("Lesson {id} is {state} and cannot be started again.",
                                       id=lesson_id, state=STATE_WORDS[lesson.state]))
        running = self.running()
        if running is not None:
            raise ConfigurationError(_("Lesson {id} is still in progress.", id=running.id),
                                     _("End it before starting another."))

    def running(self) -> Lesson | None:
        """The lesson in progress in this LessonGuard, if any."""
        for row in self.store.db.query("SELECT * FROM lessons WHERE state = 'in_progress'"):
            lesson = _row(row)
            if lesson.pid == os.getpid():
                return lesson
            if lesson.pid and lesson.started_at and still_running(lesson.pid,
                                                                  iso_utc(lesson.started_at)):
                return lesson
        return None

    def interrupted(self) -> builtins.list[Lesson]:
        """Lessons left in progress by a LessonGuard that is no longer running (a crash, a
        power cut): offered to resume or close at the next start."""
        out = []
        for row in self.store.db.query("SELECT * FROM lessons WHERE state = 'in_progress'"):
            lesson = _row(row)
            if lesson.pid == os.getpid():
                continue
            if lesson.started_at and still_running(lesson.pid, iso_utc(lesson.started_at)):
                continue
            out.append(lesson)
        return out

    def resume(self, lesson_id: int, by: str, now: datetime | None = None) -> Lesson:
        """Carry on an interrupted lesson in this LessonGuard."""
        now = now or datetime.now(UTC)
        with self.store.write():  # the resume and its confirmation, kept together
            self._update(lesson_id, {"pid": os.getpid()}, "lesson.resumed", by, {}, now=now)
            self.confirm(lesson_id, "lesson_resumed", by, "user", now)
        return self.get(lesson_id)

    def end(self, lesson_id: int, *, by: str, reason: str = ENDED_NORMALLY,
            now: datetime | None = None) -> dict[str, Any]:
        """Close the lesson and save its summary to the lesson log."""
        lesson = self.get(lesson_id)
        if lesson.state != "in_progress":
            raise ConfigurationError(_("Lesson {id} is not in progress.", id=lesson_id))
        now = now or datetime.now(UTC)
        if reason == ENDED_NORMALLY:  # not after connection trouble past the policy's limit
            reason = self._after_trouble(lesson_id) or reason
        # The end, its entry and the saved summary (read inside this transaction, so it
        # shows the lesson ended) are kept together or not at all.
        with self.store.write() as db:
            db.execute("UPDATE lessons SET state = 'ended', ended_at = ?, pid = NULL, "
                       "end_reason = ? WHERE id = ?", [iso_utc(now), reason, lesson_id])
            summary = self.summary(lesson_id)
            db.execute("UPDATE lessons SET summary = ? WHERE id = ?",
                       [json.dumps(summary, ensure_ascii=False, default=str), lesson_id])
            # The entry binds the row as it is left: ended, with its summary.
            self.audit.append_in(db, "lesson.ended", actor=by or "user",
                                 subject=f"lesson:{lesson_id}", details={"reason": reason},
                                 now=now, bind=[("lessons", lesson_id)])
            if self.notifier is not None:
                self.notifier.lesson_state(lesson_id, "lesson.ended", by=by or "user", at=now,
                                           reason=reason)
                self.notifier.lesson_record(lesson_id, summary)
        return summary

    def _after_trouble(self, lesson_id: int) -> str:
        """The end reason when connection trouble lasted longer than the policy allows."""
        rows = list(self.store.db.query(
            "SELECT MAX(duration_s) AS longest FROM connection_episodes WHERE lesson_id = ? "
            "AND abort_raised = 1", [lesson_id]))
        longest = rows[0]["longest"] if rows else None
        if longest is None:
            return ""
        return f"ended after {float(longest) / 60:.0f} min of connection trouble"

    def saved_summary(self, lesson_id: int) -> dict[str, Any] | None:
        rows = list(self.store.db.query("SELECT summary FROM lessons WHERE id = ?", [lesson_id]))
        return json.loads(rows[0]["summary"]) if rows and rows[0]["summary"] else None

    # --- the lesson's record ---

    def summary(self, lesson_id: int) -> dict[str, Any]:
        """Everything kept about the lesson, as it stands now."""
        lesson = self.get(lesson_id)
        pupil = self.pupil(lesson)
        db = self.store.db
        runs = check_runs(self.store, lesson_id)
        checks = None
        if runs:
            last = runs[-1]
            checks = {"ready": last["ready"], "summary": last["summary"],
                      "at": last["started_at"],
                      "results": [{"id": r.get("id"), "title": r.get("title"),
                                   "status": r.get("status"), "summary": r.get("summary")}
                                  for r in last["results"]]}
        rows = list(db.query("SELECT * FROM confirmations WHERE lesson_id = ? "
                             "ORDER BY at, id", [lesson_id]))
        # A row said to be from the linked computer that the audit log does not vouch for
        # (a tick of the tutor's edited to look like the family's) is never shown as theirs.
        linked = [int(c["id"]) for c in rows if c["source"] == "linked"]
        doubted = self.audit.untrusted("confirmations", linked) if linked else {}
        confirmations = [
            {"kind": c["kind"], "by_name": c["by_name"], "role": c["role"], "at": c["at"],
             "words": confirmation_words(c["kind"]),
             # where it was confirmed: this computer or the family's linked one (its
             # name), and who ticked it here for the person named, if not they
             **origin(db, c["source"], c["link_id"], c["attested_by"]),
             **({"from": "changed outside LessonGuard", "device": None}
                if c["id"] in doubted else {})}
            for c in rows]
        recordings = [dict(r) for r in db.query(
            "SELECT id, state, duration_s, started_at, expires_at, deleted_at FROM recordings "
            "WHERE lesson_id = ? ORDER BY started_at", [lesson_id])]
        incidents = []
        for inc in db.query("SELECT id, category, status, created_at, panic_at FROM incidents "
                            "WHERE lesson_id = ? ORDER BY id", [lesson_id]):
            follow = [dict(f) for f in db.query(
                "SELECT task, due_at, done_at FROM incident_followups WHERE incident_id = ?",
                [inc["id"]])]
            incidents.append({**inc, "follow_ups": follow})
        connection = [dict(e) for e in db.query(
            "SELECT kind, moment, started_at, ended_at, duration_s, abort_raised, detail "
            "FROM connection_episodes WHERE lesson_id = ? ORDER BY started_at, id",
            [lesson_id])]
        return {"lesson": lesson.to_json(), "pupil": {"id": pupil.id, "name": pupil.name,
                                                       "age": self.pupil_age(lesson)},
                "checks": checks, "confirmations": confirmations, "recordings": recordings,
                "no_recording_reason": lesson.no_recording_reason, "incidents": incidents,
                "connection": connection}

    def _update(self, lesson_id: int, values: dict[str, Any], action: str, actor: str,
                details: dict[str, Any], now: datetime | None = None) -> None:
        self.get(lesson_id)
        sets = ", ".join(f"{k} = ?" for k in values)
        with self.store.write() as db:
            db.execute(f"UPDATE lessons SET {sets} WHERE id = ?", [*values.values(), lesson_id])
            self.audit.append_in(db, action, actor=actor or "user",
                                 subject=f"lesson:{lesson_id}", details=details, now=now,
                                 bind=[("lessons", lesson_id)])


def parse_when(day: str, time_of_day: str) -> datetime:
    """A local date and time as typed (YYYY-MM-DD, HH:MM), in this computer's time zone."""
    try:
        moment = datetime.combine(date.fromisoformat(day),
                                  datetime.strptime(time_of_day, "%H:%M").time())
    except ValueError:
        raise ConfigurationError(_("'{day} {time}' is not a date and time.",
                                   day=printable(day[:40]), time=printable(time_of_day[:40])),
                                 _("Write the date as YYYY-MM-DD and the time as HH:MM.")
                                 ) from None
    check_booking_time(moment, _("The lesson date"))
    return moment.astimezone()


def _local(iso: str | None) -> str:
    return f"{clock(iso)} {day(iso, year=False)}" if iso else "—"


def note_playback(summary: dict[str, Any], pack: PolicyPack, role: str,
                  sealed: Mapping[str, int], now: datetime | None = None) -> dict[str, Any]:
    """Say, on each kept recording of the lesson, whether the person looking (their role
    from first run) may play it and, if not, why: the parent and school views of the record."""
    now = now or datetime.now(UTC)
    for rec in summary.get("recordings", []):
        if rec.get("deleted_at"):
            continue
        if rec["id"] in sealed:
            rec["playback"] = _("sealed for the police (incident {id}): nobody plays it",
                                id=sealed[rec["id"]])
            continue
        started = datetime.fromisoformat(rec["started_at"]) if rec.get("started_at") else now
        allowed, why = playback_allowed(pack, role, started, now)
        rec["playback"] = (_("you ({role}) may play it on the Recordings page",
                             role=ROLE_WORDS.get(role, role)) if allowed else why)
    return summary


def confirmation_words(kind: str) -> str:
    """What a kept confirmation says in the record: its words, never its stored code (the
    second, third… training a pack lists reads as the first does)."""
    if kind in CONFIRMATION_WORDS:
        return CONFIRMATION_WORDS[kind]
    if kind.startswith("vouched_training_"):
        return CONFIRMATION_WORDS["vouched_training"]
    if kind.startswith("vouched_"):
        return _("confirmed: {what}", what=kind.removeprefix("vouched_").replace("_", " "))
    return kind.replace("_", " ")


def checks_mark(checks: dict[str, Any]) -> str:
    """✖ when something blocks, ? when nothing blocks but a check could not say, ✔ when
    every check passed or only warned: a 'not sure' run is never shown with a tick."""
    if not checks["ready"]:
        return "✖"
    unsure = any(r.get("status") == "inconclusive" for r in checks.get("results", []))
    return "?" if unsure else "✔"


def record_lines(summary: dict[str, Any]) -> list[str]:
    """The lesson's record in plain words, for the terminal and the window alike (each line a
    translatable template; what was stored stays as it was written)."""
    lesson, pupil = summary["lesson"], summary["pupil"]
    state = STATE_WORDS.get(lesson["state"], lesson["state"])
    times = {"booked": _local(lesson["starts_at"]), "minutes": lesson["duration_min"],
             "started": _local(lesson["started_at"]), "ended": _local(lesson["ended_at"])}
    lines: list[str] = [
        _("Lesson {id} with {pupil} (age {age}), {state}", id=lesson["id"],
          pupil=pupil["name"], age=pupil["age"], state=state)
        if pupil.get("age") is not None else
        _("Lesson {id} with {pupil}, {state}", id=lesson["id"], pupil=pupil["name"],
          state=state),
        _("Booked for {booked}, {minutes} min; started {started}, ended {ended} ({reason})",
          reason=lesson["end_reason"], **times) if lesson.get("end_reason") else
        _("Booked for {booked}, {minutes} min; started {started}, ended {ended}", **times)]
    checks = summary.get("checks")
    lines.append(_("Checks: {mark} {summary}", mark=checks_mark(checks),
                   summary=checks["summary"]) if checks else
                 _("Checks: not run for this lesson"))
    for c in summary.get("confirmations", []):
        role = ROLE_WORDS.get(c["role"], c["role"].replace("_", " "))
        if c.get("attested_by"):
            # The tutor's word for the adult, never the adult's own confirmation.
            lines.append(_("  ✔ {by} ticked for {name} ({role}): {words}, at {time} on this "
                           "computer", by=c["attested_by"], name=c["by_name"], role=role,
                           words=c["words"], time=_local(c["at"])))
        elif c.get("from") == "changed outside LessonGuard":
            lines.append(_("  ? {name} ({role}) {words} at {time}: this record was changed "
                           "outside LessonGuard", name=c["by_name"], role=role,
                           words=c["words"], time=_local(c["at"])))
        elif c.get("from") == "linked computer":
            lines.append(_("  ✔ {name} ({role}) {words} at {time}, on {device}'s computer",
                           name=c["by_name"], role=role, words=c["words"],
                           time=_local(c["at"]), device=c.get("device") or "?"))
        else:
            lines.append(_("  ✔ {name} ({role}) {words} at {time}", name=c["by_name"],
                           role=role, words=c["words"], time=_local(c["at"])))
    for rec in summary.get("recordings", []):
        minutes = f"{(rec.get('duration_s') or 0) / 60:.1f}"
        kept = (_("deleted {time}", time=_local(rec["deleted_at"])) if rec.get("deleted_at")
                else _("kept until {time}", time=_local(rec.get("expires_at"))))
        line = _("Recording {id}: {state}, {minutes} min, {kept}", id=rec["id"],
                 state=rec["state"], minutes=minutes, kept=kept)
        lines.append(_("{line}; {playback}", line=line, playback=rec["playback"])
                     if rec.get("playback") else line)
    if not summary.get("recordings"):
        lines.append(_("Recording: none. {why}", why=summary.get("no_recording_reason") or ""))
    for inc in summary.get("incidents", []):
        lines.append(incident_line(inc))  # in words, not codes
    for ep in summary.get("connection", []):
        kind = EPISODE_WORDS.get(ep["kind"], ep["kind"])
        line = (_("Connection {kind} at {time} for {seconds} s", kind=kind,
                  time=_local(ep["started_at"]), seconds=f"{ep['duration_s'] or 0:.0f}")
                if ep.get("ended_at") or ep.get("moment") is None else
                _("Connection {kind} at {time}, still going after {seconds} s", kind=kind,
                  time=_local(ep["started_at"]), seconds=f"{ep['duration_s'] or 0:.0f}"))
        if ep.get("moment"):
            line = _("{line}, {when}", line=line, when=MOMENT_WORDS.get(ep["moment"], ""))
        if ep.get("abort_raised"):
            line = _("{line}: longer than the policy allows", line=line)
        lines.append(line)
    return lines
