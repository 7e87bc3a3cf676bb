"""What LessonGuard already knows when a report is written: who uses this computer, and the
lesson the panic was pressed in (the pupil, the tutor, the platform, the time).

Why: a person who has just pressed panic should not have to type what the computer knows;
the report wizard starts from these facts, and the person corrects them if they are wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import LessonGuardError
from app.lessons import Lessons
from app.settings import load_settings
from app.store import Store
from app.texts import Text, _
from app.times import clock, day

PLATFORM_WORDS = {"zoom": "Zoom", "teams": "Microsoft Teams", "meet": "Google Meet",
                  "skype": "Skype", "facetime": "FaceTime", "webex": "Webex"}


@dataclass(frozen=True)
class ReportFacts:
    role: str | None = None  # the reporter's role, as set up on this computer
    name: str = ""
    pupil: str = ""
    tutor: str = ""
    platform: str = ""
    lesson_id: int | None = None
    panic_at: str | None = None

    def people_involved(self) -> Text | str:
        if self.pupil and self.tutor:
            return _("{pupil} (pupil), {tutor} (tutor)", pupil=self.pupil, tutor=self.tutor)
        return _("{pupil} (pupil)", pupil=self.pupil) if self.pupil else ""

    def when(self) -> Text | str:
        if not self.panic_at:
            return ""
        at = {"day": day(self.panic_at), "time": clock(self.panic_at)}
        if self.pupil:
            return _("{day}, around {time}, in the lesson with {pupil} on {platform}", **at,
                     pupil=self.pupil, platform=self.platform or _("the lesson platform"))
        return _("{day}, around {time}", **at)


def report_facts(store: Store, incident_id: int) -> ReportFacts:
    """The facts for this incident's report: the person set up here, and its lesson."""
    settings = load_settings(store)
    rows = list(store.db.query("SELECT lesson_id, panic_at, created_at FROM incidents "
                               "WHERE id = ?", [incident_id]))
    base = ReportFacts(settings.role, settings.user_name.strip())
    if not rows:
        return base
    row = rows[0]
    panic_at = row["panic_at"] or row["created_at"]
    lesson_id = row["lesson_id"]
    if lesson_id is None:
        return ReportFacts(base.role, base.name, panic_at=panic_at)
    lessons = Lessons(store)
    try:
        lesson = lessons.get(lesson_id)
        pupil = lessons.pupil(lesson).name
    except (LessonGuardError, KeyError, StopIteration):
        return ReportFacts(base.role, base.name, panic_at=panic_at)
    return ReportFacts(base.role, base.name, pupil, lesson.tutor_name,
                       PLATFORM_WORDS.get(lesson.platform, lesson.platform), lesson_id,
                       panic_at)
