"""The tutor's Ready screen with the family's own LessonGuard linked (through the in-process
bus; the real broker is the end-to-end test's): the family's "I'm here" shows as theirs, with
when and on whose computer, and ticks the adult; "I've stepped out" unticks it, is flagged
with the waiting room's changes and blocks again; a tick the tutor makes is said to be the
tutor's own word; the family's checks' verdicts show."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.lessons import Lesson, Lessons
from app.linking.confirm import confirm_presence
from app.linking.memory_bus import MemoryBus
from app.linking.notify import LinkNotifier
from app.linking.received import latest_checks, linked_confirmations
from app.policy.loader import load_pack
from app.profile import NewPupil, add_pupil, save_profile
from app.times import clock
from tests.helpers.linked import Side, make_side, pair
from ui.launch import build_window
from ui.linked_ready import family_says
from ui.main_window import MainWindow
from ui.start_lesson import ChecksStep, StartLessonDialog, SupervisionStep


@dataclass
class Linked:
    tutor: Side
    family: Side
    lesson: Lesson
    copy: int  # the family's id for the lesson


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[Linked]:
    """Sam Taylor (HMS tutor) and Jo Lee (Amy's mother) linked; Sam books a lesson and Jo's
    LessonGuard has its copy."""
    bus = MemoryBus()
    tutor = make_side(tmp_path, "Sam Taylor", bus, role="tutor")
    family = make_side(tmp_path, "Jo Lee", bus, role="responsible_adult")
    hms = load_pack("hms")
    save_profile(tutor.store, "tutor", "Sam Taylor", "hms")
    save_profile(family.store, "responsible_adult", "Jo Lee", "hms")
    pupil = add_pupil(tutor.store, hms, NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee",
                                                 True), actor="Sam Taylor")
    pair(tutor, family, pupil.id, pack_id="hms")
    lesson = Lessons(tutor.store, notifier=LinkNotifier(tutor.store, tutor.data)).book(
        hms, pupil.id, datetime.now(UTC) + timedelta(hours=1), duration_min=30,
        tutor_name="Sam Taylor", platform="zoom",
        confirmed_by="Sam Taylor", now=datetime.now(UTC) - timedelta(days=3))
    tutor.sync()
    copy = family.sync()[0].lesson_id
    assert copy is not None
    try:
        yield Linked(tutor, family, lesson, copy)
    finally:
        tutor.store.close()
        family.store.close()


def family_says_now(linked: Linked, at: datetime, present: bool = True) -> None:
    """Jo presses "I'm here" (or "I've stepped out") on her computer; it reaches Sam's."""
    confirm_presence(linked.family.store, linked.copy, "Jo Lee", present=present,
                     notifier=LinkNotifier(linked.family.store, linked.family.data), now=at)
    linked.family.sync()
    linked.tutor.sync()


def ready(qtbot: QtBot, linked: Linked) -> tuple[MainWindow, StartLessonDialog]:
    window = build_window(linked.tutor.store, "synthetic", "none")
    qtbot.addWidget(window)
    window.show()
    return window, window.lessons.start_lesson(linked.lesson.id)


def news(linked: Linked, dialog: StartLessonDialog) -> None:
    """What LinkWiring does when a message arrives: the screen shown what the family said."""
    store = linked.tutor.store
    dialog.show_family(family_says("Jo Lee", linked_confirmations(store, linked.lesson.id),
                                   latest_checks(store, linked.lesson.id)))


def blocker_keys(dialog: StartLessonDialog) -> set[str]:
    return {b.key for b in dialog.blockers()}


def test_the_familys_word_ticks_the_adult_and_leaving_is_flagged(qtbot: QtBot,
                                                                 linked: Linked) -> None:
    window, dialog = ready(qtbot, linked)
    people = dialog.page("supervision")
    assert isinstance(people, SupervisionStep)
    assert not dialog.family_box.isVisible()
    assert "adult" in blocker_keys(dialog)  # HMS: an adult in the room for an 11-year-old

    at = datetime.now(UTC).replace(microsecond=0)
    family_says_now(linked, at)
    news(linked, dialog)
    assert dialog.family_box.isVisible()
    assert dialog.family_box.title() == "From Jo Lee's computer"
    shown = dialog.family_box.lines.text()
    assert f"Jo Lee confirmed being in the room · {clock(at.isoformat())} · on Jo Lee's " \
           "computer" in shown
    assert people.present.isChecked() and people.name.text() == "Jo Lee"
    assert "Ticked from Jo Lee's computer (the adult is here): their own word" \
        in people.ticks.note.text()
    assert "adult" not in blocker_keys(dialog)

    later = at + timedelta(minutes=3)
    family_says_now(linked, later, present=False)
    news(linked, dialog)
    assert "The adult left: Jo Lee said so" in dialog.family_box.lines.text()
    assert not people.present.isChecked()
    assert "adult" in blocker_keys(dialog)  # the start waits for the adult again
    checks = dialog.page("checks")
    assert isinstance(checks, ChecksStep)
    assert "the adult left (Jo Lee said so at" in checks.changed.text()

    people.present.setChecked(True)  # Sam ticks it himself: his word, not Jo's
    assert "You tick this for Jo Lee: it is kept as your word (Sam Taylor, on this " \
           "computer), not as theirs" in people.ticks.note.text()
    dialog.reject()
    window.close()


def test_the_familys_checks_verdicts_show_on_the_ready_screen(qtbot: QtBot,
                                                              linked: Linked) -> None:
    notifier = LinkNotifier(linked.family.store, linked.family.data)
    notifier.checks_summary(linked.copy, ready=False, at=datetime.now(UTC),
                            verdicts=[("camera", "pass"), ("bandwidth", "fail")])
    linked.family.sync()
    linked.tutor.sync()
    window, dialog = ready(qtbot, linked)
    news(linked, dialog)
    text = dialog.family_box.lines.text()
    assert "Their checks: something to fix on their side" in text
    assert "camera ✔" in text and "bandwidth ✖" in text
    assert "Nobody has said on Jo Lee's computer yet" in text
    dialog.reject()
    window.close()
