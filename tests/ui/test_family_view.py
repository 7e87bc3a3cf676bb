"""The family's (or school's) own lesson page, in the real window (pytest-qt, offscreen): a
parent's LessonGuard opens on it; "I'm here" and "I've stepped out" are kept with the
parent's name; consent is given and withdrawn through the same consent screen as
everywhere; the record shows once the lesson has ended. A tutor's LessonGuard has no such
page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from app.consent import Consents
from app.lesson_start import LessonStart, StartAnswers
from app.lessons import Lesson, Lessons
from app.policy.loader import load_pack
from app.profile import NewPupil, add_pupil, save_profile
from app.store import Store
from ui.consent_dialog import ConsentDialog
from ui.family_view import FamilyView
from ui.launch import build_window
from ui.main_window import MainWindow


def family_window(qtbot: QtBot, store: Store, pack_id: str = "hms",
                  role: str = "responsible_adult",
                  book: bool = True) -> tuple[MainWindow, Lesson | None]:
    """Jo Lee, Amy's mother, set up on her own computer; a lesson with Sam Taylor booked."""
    pack = load_pack(pack_id)
    save_profile(store, role, "Jo Lee", pack_id)
    pupil = add_pupil(store, pack, NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee",
                                            True), actor="Jo Lee")
    # In an hour, booked (and confirmed) three days ago.
    lesson = Lessons(store).book(pack, pupil.id, datetime.now(UTC) + timedelta(hours=1),
                                 duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                                 confirmed_by="Jo Lee",
                                 now=datetime.now(UTC) - timedelta(days=3)) if book else None
    window = build_window(store, "synthetic", "none")
    qtbot.addWidget(window)
    window.show()
    return window, lesson


def view_of(window: MainWindow) -> FamilyView:
    family = window.parts.family
    assert family is not None
    return family.view


def kinds(store: Store, lesson_id: int) -> list[tuple[str, str, str]]:
    return [(r["kind"], r["by_name"], r["role"]) for r in store.db.query(
        "SELECT kind, by_name, role FROM confirmations WHERE lesson_id = ? ORDER BY id",
        [lesson_id])]


def test_a_parents_lessonguard_opens_on_its_lesson_page_and_keeps_im_here(
        qtbot: QtBot, store: Store) -> None:
    window, lesson = family_window(qtbot, store)
    assert lesson is not None
    view = view_of(window)
    assert window.tabs.currentWidget() is view
    assert window.tabs.tabText(0) == "Your lesson"
    assert "Amy Lee's lessons" in view.title.text()
    assert "Sam Taylor" in view.teacher.text()
    assert "Not linked" in view.teacher.text()
    assert "Next lesson" in view.lesson.text() and "30 minutes" in view.lesson.text()
    assert "on Zoom" in view.lesson.text()
    # HMS's own words on why an adult is in the room for a pupil of 11.
    assert "For children aged 12 and under" in view.presence.text()
    # HMS does not record: said, with its clause, and no consent is offered.
    assert "not recorded" in view.recording.text()
    assert "Online lessons are not recorded by HMS staff" in view.recording.text()
    assert not view.give.isVisible() and not view.withdraw.isVisible()
    assert view.here.isEnabled() and not view.out.isEnabled()

    view.here.click()
    assert kinds(store, lesson.id) == [("adult_present", "Jo Lee", "responsible_adult")]
    assert "Jo Lee is here" in view.presence.text()
    assert "kept on this computer" in view.presence.text()
    assert not view.here.isEnabled() and view.out.isEnabled()

    view.out.click()
    assert kinds(store, lesson.id)[-1] == ("adult_left", "Jo Lee", "responsible_adult")
    assert "stepped out" in view.presence.text()
    assert view.here.isEnabled() and not view.out.isEnabled()
    window.close()


def test_im_here_is_offered_from_the_day_before_the_lesson(qtbot: QtBot,
                                                           store: Store) -> None:
    """Said two days ahead, "I'm here" would not count (the tutor's side refuses it): the
    page says when it can be said and offers it then."""
    window, lesson = family_window(qtbot, store)
    assert lesson is not None
    with store.write() as db:
        db.execute("UPDATE lessons SET starts_at = ? WHERE id = ?",
                   [(datetime.now(UTC) + timedelta(days=2)).isoformat(), lesson.id])
    family = window.parts.family
    assert family is not None
    family.refresh()
    view = family.view
    assert "From the day before the lesson" in view.presence.text()
    assert not view.here.isEnabled() and not view.out.isEnabled()
    window.close()


def test_school_staff_get_the_page_and_a_tutor_does_not(qtbot: QtBot, store: Store,
                                                        tmp_path: Path) -> None:
    window, _lesson = family_window(qtbot, store, "wsm", role="school_staff")
    assert window.tabs.currentWidget() is view_of(window)
    window.close()
    (tmp_path / "tutor").mkdir()
    tutor_store = Store(tmp_path / "tutor")
    try:
        save_profile(tutor_store, "tutor", "Sam Taylor", "hms")
        tutor = build_window(tutor_store, "synthetic", "none")
        qtbot.addWidget(tutor)
        assert tutor.parts.family is None
        assert not any(isinstance(tutor.tabs.widget(i), FamilyView)
                       for i in range(tutor.tabs.count()))
        tutor.close()
    finally:
        tutor_store.close()


def test_consent_is_given_and_withdrawn_from_the_page(qtbot: QtBot, store: Store) -> None:
    """TutorNinjas records every lesson, with the parent's consent: the page says so in the
    pack's words (no footnote marks), offers the consent screen, and withdraws it again."""
    window, _lesson = family_window(qtbot, store, "tutorninjas")
    view = view_of(window)
    assert "Every lesson is recorded" in view.recording.text()
    assert "All lessons will be recorded and normally available" in view.recording.text()
    assert "No consent on file: the lesson cannot start without it" in view.consent.text()
    assert view.give.isVisible() and not view.withdraw.isVisible()

    def agree() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, ConsentDialog) and w.isVisible())
        assert dialog.who.currentText() == "Jo Lee (responsible adult)"
        dialog.name.setText("Jo Lee")
        dialog.agree.click()

    QTimer.singleShot(200, agree)
    view.give.click()
    pupil = Lessons(store).people.list("pupil")[0]
    current = Consents(store).current(load_pack("tutorninjas"), pupil.id)
    assert [c.given_by_name for c in current] == ["Jo Lee"]
    assert "Consent on file: Jo Lee (responsible adult)" in view.consent.text()
    assert view.withdraw.isVisible() and not view.give.isVisible()

    def withdraw() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QInputDialog) and w.isVisible())
        assert box.textValue() == "Jo Lee"  # the parent's name, already there
        box.accept()

    QTimer.singleShot(200, withdraw)
    view.withdraw.click()
    assert Consents(store).current(load_pack("tutorninjas"), pupil.id) == []
    assert all(c.withdrawn_by == "Jo Lee" for c in Consents(store).list(pupil.id))
    assert view.give.isVisible() and not view.withdraw.isVisible()
    assert "Consent withdrawn" in view.message.text()
    window.close()


def test_the_record_shows_once_the_lesson_has_ended(qtbot: QtBot, store: Store) -> None:
    window, lesson = family_window(qtbot, store)
    assert lesson is not None
    view = view_of(window)
    assert not view.record.isVisible()
    assert "When the lesson ends" in view.record_note.text()
    lessons = Lessons(store)
    use_case = LessonStart(lessons, lambda: load_pack("hms"), NoRecorder(),
                           lambda: ("Jo Lee", "responsible_adult"))
    use_case.begin(lesson, StartAnswers(adult_name="Jo Lee", adult_present=True,
                                        room_living_area=True, conduct_name="Jo Lee"))
    family = window.parts.family
    assert family is not None
    family.refresh()
    assert "on now" in view.lesson.text()
    use_case.end(lesson, [])
    family.refresh()
    assert "ended" in view.lesson.text()
    assert view.record.isVisible()
    record = view.record.toPlainText()
    assert "Amy Lee" in record and "Jo Lee" in record
    assert "Kept on this computer" in view.record_note.text()
    window.close()


class NoRecorder:
    """HMS never records: the lesson start use case never asks this to start."""

    def start(self, pupil_id: int, lesson_id: int | None = None) -> str:
        raise AssertionError("HMS does not record")

    def running(self) -> None:
        return None

    def stop(self) -> None:
        return None
