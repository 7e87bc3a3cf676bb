"""What the family's (or the school's) lesson page shows, read from what this LessonGuard
holds: the pupil, who teaches, the next or current lesson, what is recorded and why in the
pack's words, the consent on file, whether the adult said they are here, and the lesson's
record once it has one.

Why here and not in the window: the same answers serve the page and the command line, and
the rules (which lesson is "the" lesson, what counts as the adult being here) are tested
without a display. It only reads; saying "I'm here" is app.lessons / app.linking's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app.consent import Consent, decide
from app.lesson_plan import StartPlan, start_plan
from app.lessons import Lesson, Lessons, confirmation_words, record_lines
from app.people import Person
from app.policy.schema import PolicyPack
from app.store import Store
from app.texts import _

PRESENT, LEFT, ROOM = "adult_present", "adult_left", "room_living_area"
RECENT = timedelta(hours=2)  # a presence said longer ago than this is not "now"
SHOWN_AFTER = timedelta(hours=12)  # an ended lesson stays "the" lesson this long
RECORD_SHOWN = timedelta(days=7)  # the last lesson's record stays on the page this long
# "I'm here" counts from a day before the lesson: the tutor's side refuses a presence said
# earlier than that (app/linking/inbox.py), so the page does not offer it sooner.
SAY_HERE_FROM = timedelta(days=1)


def can_say_here(lesson: Lesson | None, now: datetime | None = None) -> bool:
    """Whether the adult can say now that they are (or are no longer) there for it."""
    if lesson is None:
        return False
    if lesson.state == "in_progress":
        return True
    now = now or datetime.now(UTC)
    return lesson.state == "booked" and lesson.starts_at - SAY_HERE_FROM <= now


@dataclass(frozen=True)
class Said:
    """One thing the adult said for the lesson: who, when, and where it was said."""

    kind: str
    name: str
    at: datetime
    source: str = "this_computer"  # or 'linked' (said on the other side's computer)

    @property
    def present(self) -> bool:
        return self.kind != LEFT


@dataclass(frozen=True)
class FamilyLesson:
    pupil: Person | None
    lesson: Lesson | None
    tutor: str
    linked_with: str  # the linked computer's person, "" when not linked
    plan: StartPlan | None
    consents: tuple[Consent, ...] = ()
    missing_consent: tuple[str, ...] = ()
    presence: Said | None = None
    room: Said | None = None
    record: dict[str, Any] | None = None  # the last ended lesson's record
    announced: dict[str, Any] = field(default_factory=dict)
    record_shared: bool = False  # the record came from the tutor's LessonGuard

    @property
    def recording_allowed(self) -> bool:
        return self.plan is not None and self.plan.recording_allowed

    @property
    def here(self) -> bool | None:
        """True: the adult said they are here; False: they said they stepped out; None:
        nothing said yet for this lesson."""
        return None if self.presence is None else self.presence.present


def the_lesson(lessons: Lessons, now: datetime | None = None) -> Lesson | None:
    """The lesson the page is about: the one on now, else the next booked one, else the one
    that ended in the last hours (its record is what the family looks for)."""
    now = now or datetime.now(UTC)
    every = lessons.list()
    running = [x for x in every if x.state == "in_progress"]
    if running:
        return max(running, key=lambda x: x.started_at or x.starts_at)
    upcoming = lessons.upcoming(now)
    if upcoming:
        return upcoming[0]
    ended = [x for x in every if x.state == "ended" and x.ended_at is not None
             and now - x.ended_at <= SHOWN_AFTER]
    return max(ended, key=lambda x: x.ended_at or x.starts_at) if ended else None


def last_ended(lessons: Lessons, now: datetime | None = None) -> Lesson | None:
    """The lesson that ended last, in the last days: its record stays on the page even once
    the next lesson is booked."""
    now = now or datetime.now(UTC)
    ended = [x for x in lessons.list() if x.state == "ended" and x.ended_at is not None
             and now - x.ended_at <= RECORD_SHOWN]
    return max(ended, key=lambda x: x.ended_at or x.starts_at) if ended else None


def last_said(store: Store, lesson_id: int, kinds: tuple[str, ...],
              now: datetime | None = None) -> Said | None:
    """The latest of these confirmations for the lesson, said in the last hours."""
    now = now or datetime.now(UTC)
    marks = ",".join("?" * len(kinds))
    rows = list(store.db.query(
        f"SELECT * FROM confirmations WHERE lesson_id = ? AND kind IN ({marks}) "
        "ORDER BY at DESC, id DESC LIMIT 1", [lesson_id, *kinds]))
    if not rows:
        return None
    row = rows[0]
    at = datetime.fromisoformat(row["at"])
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    if now - at > RECENT:
        return None
    return Said(row["kind"], row["by_name"], at, row.get("source") or "this_computer")


def announced(store: Store, lesson_id: int) -> dict[str, Any]:
    """What the tutor's LessonGuard announced for a lesson copied from it ({} for a lesson
    booked on this computer)."""
    rows = list(store.db.query("SELECT * FROM lessons WHERE id = ?", [lesson_id]))
    raw = rows[0].get("remote_details") if rows else None
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def family_lesson(store: Store, pack: PolicyPack, role: str, linked_with: str = "",
                  now: datetime | None = None) -> FamilyLesson:
    """Everything the family page shows, as it stands now."""
    now = now or datetime.now(UTC)
    lessons = Lessons(store)
    lesson = the_lesson(lessons, now)
    pupils = lessons.people.list("pupil")
    pupil = (lessons.pupil(lesson) if lesson is not None
             else pupils[0] if pupils else None)
    if pupil is None:
        return FamilyLesson(None, None, "", linked_with, None)
    details = announced(store, lesson.id) if lesson is not None else {}
    age = (lessons.pupil_age(lesson) if lesson is not None
           else pupil.age_on(now.astimezone().date()))
    plan = start_plan(pack, age, conduct_acknowledged_before=True, role=role,
                      first_lesson=lesson.first_lesson if lesson is not None else False)
    decision = decide(store, pack, pupil.id)
    tutor = (str(details.get("tutor_name") or "") or (lesson.tutor_name if lesson else "")
             or linked_with)
    presence = room = None
    if lesson is not None:
        presence = last_said(store, lesson.id, (PRESENT, LEFT), now)
        room = last_said(store, lesson.id, (ROOM,), now)
    record, shared_here = None, False
    ended = last_ended(lessons, now)
    if ended is not None:
        shared = announced(store, ended.id).get("record")
        shared_here = isinstance(shared, dict)
        record = (as_summary(shared, lessons.pupil(ended).name) if isinstance(shared, dict)
                  else lessons.saved_summary(ended.id))
    return FamilyLesson(pupil, lesson, tutor, linked_with, plan, tuple(decision.consents),
                        tuple(str(w) for w in decision.missing_who), presence, room, record,
                        details, shared_here)


VERDICT_WORDS = {"pass": _("passed"), "warn": _("passed with a warning"), "fail": _("failed"),
                 "inconclusive": _("could not say"), "skipped": _("not run")}


def as_summary(shared: dict[str, Any], pupil: str) -> dict[str, Any]:
    """The record the tutor's LessonGuard shared (app.linking.notify.shared_record) in the
    shape app.lessons.record_lines reads, so the family reads it in the same words as the
    tutor: where a confirmation was made, and who vouched for whom, said in it."""
    lesson = dict(shared.get("lesson") or {})
    for key in ("id", "state", "starts_at", "started_at", "ended_at", "duration_min",
                "end_reason"):
        lesson.setdefault(key, None)
    checks = shared.get("checks")
    summary_checks = None
    if isinstance(checks, dict):
        verdicts = [v for v in checks.get("verdicts") or [] if isinstance(v, dict)]
        said = "; ".join(f"{str(v.get('check', '')).replace('_', ' ')} "
                         f"{VERDICT_WORDS.get(str(v.get('status')), v.get('status'))}"
                         for v in verdicts)
        summary_checks = {"ready": bool(checks.get("ready")), "at": checks.get("at"),
                          "summary": said,
                          "results": [{"id": v.get("check"), "status": v.get("status")}
                                      for v in verdicts]}
    confirmations = []
    for c in shared.get("confirmations") or []:
        if not isinstance(c, dict):
            continue
        words = confirmation_words(str(c.get("kind") or ""))
        if c.get("from") == "linked computer":
            words = _("{words} (on the family's computer)", words=words)
        elif c.get("attested_by"):
            words = _("{words} (confirmed for them by {who} on the tutor's computer)",
                      words=words, who=c["attested_by"])
        confirmations.append({"by_name": c.get("by_name") or "", "role": c.get("role") or "",
                              "at": c.get("at"), "words": words})
    recordings = [dict(r) for r in shared.get("recordings") or [] if isinstance(r, dict)]
    return {"lesson": lesson, "pupil": {"name": pupil, "age": None},
            "checks": summary_checks, "confirmations": confirmations,
            "recordings": recordings,
            "no_recording_reason": shared.get("no_recording_reason") or "",
            "incidents": [], "connection": [],
            "incidents_reported": int(shared.get("incidents") or 0)}


def family_record_lines(summary: dict[str, Any]) -> list[str]:
    """The record's lines, with the number of incidents a shared record gives (it carries
    no more than the number)."""
    lines = record_lines(summary)
    reported = int(summary.get("incidents_reported") or 0)
    if reported:
        lines.append(_("Incidents reported: {n} (the tutor's organisation holds the "
                       "report)", n=reported))
    return lines
