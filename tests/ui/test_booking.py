"""Booking and practice, as issue 19 found them (item 6): the booking form's default time is
one the pack allows, its refusal goes once the choice changes, a practice lesson can be tried
on day one with the demo camera and is recorded as practice, and a lesson started on another
day than booked says so, with both dates in the history.

Real parts: the real window and booking dialog under pytest-qt; for the lesson itself the demo
camera through OpenCV and the PulseAudio null-sink microphone with speech in it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QTime, QTimer
from pytestqt.qtbot import QtBot

from app.lessons import Lessons, record_lines
from app.policy.loader import load_pack
from app.profile import NewPupil, add_pupil, save_profile
from app.settings import load_settings
from app.store import Store
from tests.helpers.media import moving_astronaut_frames, write_video
from tests.helpers.pulse import PulseServer
from tests.ui.test_lesson_flow import born, checks_done, companion, end
from ui.launch import build_window
from ui.lessons_page import NewLessonDialog
from ui.main_window import MainWindow
from ui.start_lesson import ConductStep, RecordingStep, SupervisionStep


def hms_window(qtbot: QtBot, store: Store) -> MainWindow:
    pack = load_pack("hms")
    save_profile(store, "tutor", "Sam Taylor", "hms")
    add_pupil(store, pack, NewPupil("Amy Lee", born(11), None, "Jo Lee", "Jo Lee", True),
              actor="Sam Taylor")
    window = build_window(store, "synthetic", "pulse", policy="hms")
    qtbot.addWidget(window)
    window.show()
    return window


def book_in_dialog(qtbot: QtBot, window: MainWindow, steps: list) -> NewLessonDialog:  # type: ignore[type-arg]
    """Open New lesson and act on it: each step runs once the dialog is showing (again)."""
    wiring = window.lessons
    todo = list(steps)

    def next_step() -> None:
        dialog = getattr(wiring, "booking", None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, next_step)
            return
        step = todo.pop(0)
        step(dialog)
        if todo:
            QTimer.singleShot(50, next_step)

    QTimer.singleShot(0, next_step)
    booked = wiring.new_lesson()
    assert booked is not None and not todo, f"{len(todo)} steps were never reached"
    return booked


def test_the_booking_form_offers_a_time_the_pack_allows_and_drops_a_stale_refusal(
        qtbot: QtBot, store: Store) -> None:
    window = hms_window(qtbot, store)
    seen: dict[str, object] = {}

    def default_is_allowed(dialog: NewLessonDialog) -> None:
        seen["default"] = dialog.starts_at()
        soon = datetime.now().astimezone() + timedelta(hours=1)
        dialog.date.setDate(QDate(soon.year, soon.month, soon.day))
        dialog.time.setTime(QTime(soon.hour, soon.minute))
        dialog.accept()  # refused: HMS wants a first lesson 24 hours ahead

    def refused_then_changed(dialog: NewLessonDialog) -> None:
        seen["refusal"] = dialog.problem.text() if dialog.problem.isVisible() else ""
        later = datetime.now().astimezone() + timedelta(days=2)
        dialog.date.setDate(QDate(later.year, later.month, later.day))
        seen["after_change"] = dialog.problem.isVisible()
        dialog.accept()

    book_in_dialog(qtbot, window, [default_is_allowed, refused_then_changed])
    default = seen["default"]
    assert isinstance(default, datetime)
    assert default - datetime.now(UTC) >= timedelta(hours=24), "the default time is refused"
    assert "24 hours" in str(seen["refusal"])
    assert seen["after_change"] is False, "the refusal stayed after the date changed"
    assert len(Lessons(store).upcoming()) == 1
    window.close()


def test_a_practice_lesson_on_day_one_started_on_another_day_than_booked(
        qtbot: QtBot, store: Store, pulse: PulseServer, talking: None, tmp_path: Path) -> None:
    """Day one under HMS: no real lesson can be booked for today, a practice one can. It is
    booked for tomorrow and tried now: the Ready screen says so, the demo camera is used, and
    the record and history keep both dates and say it was practice. Afterwards the camera the
    person had chosen (here a video file, standing in for a webcam) is back in use."""
    window = hms_window(qtbot, store)
    own = str(write_video(tmp_path / "webcam.mp4", moving_astronaut_frames(90)))
    window.device_bar.show_camera(own)
    window.device_bar.camera_chosen.emit(own)  # as choosing it in the list does
    qtbot.waitUntil(lambda: window.demo_label.isHidden(), timeout=5000)

    def practice_tomorrow(dialog: NewLessonDialog) -> None:
        dialog.practice.setChecked(True)
        tomorrow = datetime.now().astimezone() + timedelta(days=1)
        dialog.date.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        dialog.accept()

    book_in_dialog(qtbot, window, [practice_tomorrow])
    lessons = Lessons(store)
    (lesson,) = lessons.upcoming()
    assert lessons.is_practice(lesson.id) and not lesson.first_lesson
    wiring = window.lessons
    dialog = wiring.start_lesson(lesson.id)
    assert "Practice lesson" in dialog.heading.text()
    assert dialog.date_warning.isHidden(), "a practice lesson may be tried any day"
    assert window.lessons.checks.camera_spec == "synthetic"
    qtbot.waitUntil(lambda: not window.demo_label.isHidden(), timeout=5000)  # the demo camera
    assert window.device_bar.camera_box.currentData() == "synthetic"
    checks_done(qtbot, dialog)
    conduct, people = dialog.page("conduct"), dialog.page("supervision")
    assert isinstance(conduct, ConductStep) and isinstance(people, SupervisionStep)
    conduct.agree.setChecked(True)
    people.present.setChecked(True)
    people.room.setChecked(True)
    recording = dialog.page("recording")  # what the tutor vouches for (training, …)
    assert isinstance(recording, RecordingStep)
    for notice in dialog.plan.vouch(required=True):
        recording.vouches[notice.id].setChecked(True)
    assert dialog.blockers() == [] and dialog.next.isEnabled(), dialog.blockers()
    dialog.next.click()
    companion(qtbot, window)
    end(qtbot, window)
    done = lessons.get(lesson.id)
    assert done.started_at is not None
    assert done.started_at.date() != done.starts_at.date() or \
        done.starts_at.astimezone().date() != datetime.now().astimezone().date()
    lines = [str(line) for line in record_lines(lessons.summary(lesson.id))]
    assert any("practice lesson" in line for line in lines), lines
    assert window.lessons.checks.camera_spec == own, "the demo camera stayed after practice"
    assert window.device_bar.camera_box.currentData() == own
    qtbot.waitUntil(lambda: window.demo_label.isHidden(), timeout=5000)
    assert load_settings(store).camera == own  # the person's choice was never overwritten
    wiring.refresh()
    when = wiring.page.table.item(0, 0).text()
    assert "booked for" in when and "practice" in when, when
    window.close()


def test_a_real_lesson_started_on_another_day_warns_before_it_starts(
        qtbot: QtBot, store: Store) -> None:
    window = hms_window(qtbot, store)
    pack = load_pack("hms")
    pupil = Lessons(store).people.list("pupil")[0]
    lesson = Lessons(store).book(pack, pupil.id, datetime.now(UTC) + timedelta(days=1, hours=1),
                                 duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                                 confirmed_by="Sam Taylor",
                                 now=datetime.now(UTC) - timedelta(days=1))
    dialog = window.lessons.start_lesson(lesson.id)
    assert dialog.date_warning.isVisible()
    assert "not today" in dialog.date_warning.text()
    dialog.reject()
    window.close()
