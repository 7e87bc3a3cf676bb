"""An incident in plain words in the lesson's record: no codes, and a panic resumed without
a report kept as such, with its time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.incidents import Incidents
from app.lessons import Lessons, record_lines
from app.policy.loader import load_pack
from app.profile import NewPupil, add_pupil, save_profile
from app.store import Store
from app.times import clock


def test_the_lesson_record_says_what_happened_in_words(tmp_path: Path) -> None:
    store = Store(tmp_path)
    try:
        pack = load_pack("hms")
        save_profile(store, "tutor", "Sam Taylor", "hms")
        pupil = add_pupil(store, pack, NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee",
                                                True), actor="Sam Taylor")
        lesson = Lessons(store).book(pack, pupil.id, datetime.now(UTC) + timedelta(days=2),
                                     duration_min=30, tutor_name="Sam Taylor",
                                     platform="zoom", confirmed_by="Sam Taylor")
        incidents = Incidents(store, tmp_path)
        pressed = datetime.now(UTC).replace(microsecond=0)
        cancelled = incidents.open(pack, panic_at=pressed, lesson_id=lesson.id)
        reported = incidents.open(pack, panic_at=pressed, lesson_id=lesson.id)
        incidents.set_reporter(reported.id, "tutor", "Sam Taylor")
        incidents.set_category(pack, reported.id, "inappropriate_language")
        incidents.set_status(reported.id, "reported_to_dsl", "Sam Taylor")
        lines = [str(line) for line in record_lines(Lessons(store).summary(lesson.id))]
    finally:
        store.close()
    said = [line for line in lines if line.startswith("Incident")]
    assert said[0] == (f"Incident {cancelled.id}: panic pressed at "
                       f"{clock(pressed.isoformat())} on "
                       f"{said[0].split(' on ', 1)[1].split(',')[0]}, no report made; "
                       "still open")
    assert said[1] == (f"Incident {reported.id}: inappropriate language; reported to the "
                       "safeguarding lead")
    assert not any("_" in line for line in said), said
