"""An accessibility audit of the window and the lesson's dialogs, the way a screen reader and
a keyboard user meet them:

- every control reachable by Tab has a name a screen reader can say (its accessible name, its
  own text, or the label that points at it);
- every one of them looks different when it has the keyboard focus (so a keyboard user can
  see where they are): the control is drawn unfocused and focused, and the pictures differ;
- fonts are set in points, never pixels, so text follows the computer's scaling.

The window runs offscreen with the demo camera (real OpenCV frames).
"""

from __future__ import annotations

import re
from itertools import chain
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.incidents import Incidents
from app.lesson_plan import end_needs
from app.lessons import Lessons
from app.policy.loader import load_pack
from app.recordings import Recordings
from app.settings import load_settings
from app.store import Store
from tests.ui.conftest import hms_lesson_window
from tests.ui.test_incident_wizard import held_recording
from ui.companion import CompanionWindow
from ui.end_lesson import EndLessonDialog
from ui.first_run import FirstRunWizard
from ui.incident_wizard import IncidentWizard
from ui.lessons_page import NewLessonDialog
from ui.people_dialog import AddPupilDialog

ROOT = Path(__file__).resolve().parents[2]


def tab_reachable(root: QWidget) -> list[QWidget]:
    """Controls a keyboard user can Tab to in `root` as it is shown now."""
    found = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget.parentWidget(), QTabBar):
            continue  # the tab bar's scroll arrows: Qt's own, reached with Ctrl+Tab instead
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisibleTo(root) \
                and widget.isEnabled() and widget.focusProxy() is None:
            found.append(widget)
    return found


def spoken_name(widget: QWidget, root: QWidget) -> str:
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    for label in root.findChildren(QLabel):
        if label.buddy() is widget and label.text().strip():
            return label.text()
    return ""


def unnamed(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
            for w in tab_reachable(root) if not spoken_name(w, root)]


def focus_invisible(qtbot: QtBot, root: QWidget) -> list[str]:
    """Walk the focus chain with the Tab key, as a keyboard user does; each control must look
    different while it has the focus from just after the focus has left it."""
    root.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is root, timeout=3000)
    controls = tab_reachable(root)
    if not controls:
        return []
    controls[0].setFocus()  # not by keyboard: its picture is not compared until Tab comes back
    problems: list[str] = []
    current = QApplication.focusWidget()
    focused = None
    for _step in range(len(controls) * 3):
        assert current is not None
        QTest.keyClick(current, Qt.Key.Key_Tab)
        QApplication.processEvents()
        following = QApplication.focusWidget()
        if following is current:
            continue  # Tab moved inside the control (a table's cells)
        if current in controls and focused is not None and current.grab().toImage() == focused:
            problems.append(f"{type(current).__name__} {spoken_name(current, root)[:50]!r}")
        if following is None:
            break
        current, focused = following, following.grab().toImage()
    return problems


def dialogs(qtbot: QtBot, store: Store):  # type: ignore[no-untyped-def]
    """The window's pages one by one, then each dialog of a lesson, each as it is shown."""
    window, lesson, pack = hms_lesson_window(qtbot, store)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        yield f"page {window.tabs.tabText(index)}", window
    start = window.lessons.start_lesson(lesson.id)  # type: ignore[attr-defined]
    qtbot.waitUntil(start.isVisible, timeout=5000)
    for index, (step_id, _page) in enumerate(start.pages):
        start.stack.setCurrentIndex(index)
        yield f"start lesson: {step_id}", start
    start.reject()
    wizard = FirstRunWizard(store, load_settings(store), window)
    qtbot.addWidget(wizard)
    wizard.show()
    for page in range(4):
        yield f"first run page {page}", wizard
        wizard.next()
    wizard.reject()
    plan = window.lessons.controller.plan(lesson)  # type: ignore[attr-defined]
    others = [
        ("new lesson", NewLessonDialog(Lessons(store).people.list("pupil"), "Sam", window)),
        ("end lesson", EndLessonDialog("Amy Lee", end_needs(pack, plan.supervision,
                                                            "school_staff"),
                                       "Sam Taylor", "school_staff", window)),
        ("companion", CompanionWindow("Lesson with Amy Lee", True, "Ctrl+Shift+P")),
        ("add pupil", AddPupilDialog(window)),
    ]
    for name, dialog in others:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.isVisible, timeout=3000)
        yield name, dialog
        dialog.close()
    window.close()


def incident_pages(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The report wizard after a panic press, page by page, answered as a tutor would."""
    data_dir = tmp_path / "incident-data"
    data_dir.mkdir()
    store = Store(data_dir)
    pack = load_pack("hms")
    incidents, recs = Incidents(store, data_dir), Recordings(store, data_dir)
    incident = incidents.open(pack, actor="panic button")
    incidents.hold_recordings(incident.id, recs, [held_recording(store, data_dir)],
                              by="panic button", mark_s=1.0)
    wizard = IncidentWizard(pack, incidents, recs, incident.id, open_url=lambda _url: None)
    qtbot.addWidget(wizard)
    wizard.show()
    answers = [
        lambda: wizard.danger_page.no.setChecked(True),
        lambda: (wizard.who_page.buttons["tutor"].setChecked(True),
                 wizard.who_page.name.setText("Chris Reporter")),
        lambda: wizard.what_page.buttons["inappropriate_language"].setChecked(True),
        lambda: [c.setChecked(True) for c in wizard.steps_page.checks],
        lambda: wizard.details_page.narrative.setPlainText("Something happened."),
        lambda: None,  # the evidence page
        lambda: [c.setChecked(True) for c in wizard.tell_page.checks[:2]],
    ]
    for answer in answers:
        yield f"report page {wizard.currentId()}", wizard
        answer()
        wizard.next()
    wizard.close()
    store.close()


def test_every_control_reachable_by_tab_has_a_name(qtbot: QtBot, store: Store,
                                                    tmp_path: Path) -> None:
    problems = []
    seen = 0
    for where, root in chain(dialogs(qtbot, store), incident_pages(qtbot, tmp_path)):
        seen += len(tab_reachable(root))
        problems += [f"{where}: {p}" for p in unnamed(root)]
    assert seen > 80, "the audit reached too few controls to mean anything"
    assert not problems, "controls a screen reader cannot name:\n" + "\n".join(problems)


def test_every_control_shows_where_the_keyboard_focus_is(qtbot: QtBot, store: Store,
                                                          tmp_path: Path) -> None:
    problems = []
    for where, root in chain(dialogs(qtbot, store), incident_pages(qtbot, tmp_path)):
        problems += [f"{where}: {p}" for p in focus_invisible(qtbot, root)]
    assert not problems, "no visible focus on:\n" + "\n".join(sorted(set(problems)))


def test_fonts_are_sized_in_points_so_text_scales() -> None:
    pixel_fonts = [f"{path.name}:{n}" for path in sorted((ROOT / "ui").glob("*.py"))
                   for n, line in enumerate(path.read_text().splitlines(), 1)
                   if re.search(r"font-size:\s*\d+px", line) or "setPixelSize" in line]
    assert not pixel_fonts, f"font sizes in pixels do not follow scaling: {pixel_fonts}"
