"""Two LessonGuard windows (two data folders) linked through a real Mosquitto on loopback:
the tutor creates the code in Settings, the parent types it, both say who they are linked
with; a lesson the tutor books shows on the parent's page; the parent's "I'm here" shows on
the tutor's Ready screen as from the parent's computer; a panic pressed on the parent's side
is shown on the tutor's at once. Real parts: the broker, the pairing, the sealed messages,
the windows (pytest-qt); the demo camera."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.lessons import Lessons
from app.policy.loader import load_pack
from app.profile import NewPupil, add_pupil, save_profile
from app.settings import load_settings, save_settings
from app.store import Store
from tests.helpers.mosquitto import Mosquitto, mosquitto
from ui.family_wiring import FamilyWiring
from ui.launch import build_window
from ui.link_dialog import CreateLinkDialog, JoinLinkDialog
from ui.link_wiring import LinkWiring
from ui.main_window import MainWindow

WAIT_MS = 20000  # a pairing and a message each take well under a second on loopback


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Mosquitto]:
    with mosquitto(tmp_path / "broker") as running:
        yield running


def computer(root: Path, role: str, name: str, url: str) -> Store:
    (root / name).mkdir()
    store = Store(root / name)
    save_profile(store, role, name, "hms")
    save_settings(store, load_settings(store).model_copy(update={"broker": url}))
    return store


def open_window(qtbot: QtBot, store: Store) -> tuple[MainWindow, LinkWiring]:
    window = build_window(store, "synthetic", "none")
    qtbot.addWidget(window)
    window.show()
    links = window.parts.links
    assert links is not None
    return window, links


def test_two_windows_link_and_hear_each_other(qtbot: QtBot, tmp_path: Path,
                                              broker: Mosquitto) -> None:
    hms = load_pack("hms")
    tutor_store = computer(tmp_path, "tutor", "Sam Taylor", broker.url)
    family_store = computer(tmp_path, "responsible_adult", "Jo Lee", broker.url)
    pupil = add_pupil(tutor_store, hms, NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee",
                                                 True), actor="Sam Taylor")
    tutor, tutor_links = open_window(qtbot, tutor_store)
    family, family_links = open_window(qtbot, family_store)
    assert tutor_links.state == family_links.state == "none"  # nothing linked: no connection
    assert "Not linked yet" in tutor_links.box.none.text()

    # The tutor makes a code; the parent types it.
    create = tutor_links.open_dialog()
    assert isinstance(create, CreateLinkDialog)
    assert create.windowTitle() == "Link with a family or school"
    create.make_code.click()
    qtbot.waitUntil(lambda: create.code.isVisible(), timeout=WAIT_MS)
    code = create.code.text()
    assert len(code) == 14 and code.count("-") == 2
    assert "Waiting for <b>Jo Lee</b>" in create.waiting.text()
    join = family_links.open_dialog()
    assert isinstance(join, JoinLinkDialog) and join.windowTitle() == "Link with the tutor"
    join.code.setText(code.lower().replace("-", " "))  # as a parent might type it
    join.link.click()
    qtbot.waitUntil(lambda: "Linked with" in create.outcome.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Linked with" in join.outcome.text(), timeout=WAIT_MS)
    assert "Linked with Jo Lee's LessonGuard (parent or responsible adult)" \
        in create.outcome.text()
    assert "Linked with Sam Taylor's LessonGuard (tutor)" in join.outcome.text()
    # Both show the same six-digit check code, the one to compare aloud; it names this link.
    checks = [re.findall(r"Check code (\d{3} \d{3})", box.outcome.text())
              for box in (create, join)]
    assert checks[0] and checks[0] == checks[1]
    assert checks[0][0] in tutor_links.box.links.item(0).text()
    assert [link.peer_name for link in tutor_links.links()] == ["Jo Lee"]
    assert tutor_links.box.links.count() == 1
    assert "Jo Lee (parent or responsible adult) · for Amy Lee" \
        in tutor_links.box.links.item(0).text()
    qtbot.waitUntil(lambda: tutor_links.state == family_links.state == "connected",
                    timeout=WAIT_MS)
    page = family.parts.family
    assert isinstance(page, FamilyWiring)
    qtbot.waitUntil(lambda: "Linked with Sam Taylor's LessonGuard" in page.view.teacher.text(),
                    timeout=WAIT_MS)

    # The tutor books (through the window's own lessons, so the booking is announced).
    lesson = tutor.lessons.controller.lessons.book(
        hms, pupil.id, datetime.now(UTC) + timedelta(hours=1), duration_min=30,
        tutor_name="Sam Taylor", platform="zoom", confirmed_by="Sam Taylor",
        now=datetime.now(UTC) - timedelta(days=3))  # confirmed long enough ahead for HMS
    qtbot.waitUntil(lambda: "Next lesson" in page.view.lesson.text(), timeout=WAIT_MS)
    assert "Sam Taylor" in page.view.teacher.text()

    # Jo says she is here; Sam opens the Ready screen: Jo's word, from her computer.
    page.view.here.click()
    assert "goes to Sam Taylor's computer" in page.view.presence.text()
    tutor.lessons.page.start_lesson.emit(lesson.id)
    dialog = tutor.lessons.start_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "confirmed being in the room" in dialog.family_box.lines.text(),
                    timeout=WAIT_MS)
    assert "on Jo Lee's computer" in dialog.family_box.lines.text()
    assert "adult" not in {b.key for b in dialog.blockers()}

    # Jo steps out: Sam's screen says so and the start waits for the adult again.
    page.view.out.click()
    qtbot.waitUntil(lambda: "The adult left" in dialog.family_box.lines.text(),
                    timeout=WAIT_MS)
    assert "adult" in {b.key for b in dialog.blockers()}

    # A panic on Jo's side reaches Sam's window at once.
    family.panic.controller.press("panic button")
    qtbot.waitUntil(lambda: tutor_links.notice is not None and tutor_links.notice.isVisible(),
                    timeout=WAIT_MS)
    notice = tutor_links.notice
    assert notice is not None and "Panic pressed on Jo Lee's computer" in notice.text()
    assert "Panic pressed on Jo Lee's computer" in tutor.rec_notice.text()
    family.panic.controller.undo()
    dialog.reject()
    tutor.close()
    family.close()
    assert Lessons(tutor_store).get(lesson.id).state == "booked"
    tutor_store.close()
    family_store.close()
