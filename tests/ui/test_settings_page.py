"""The Settings page: first run's answers changed later, the theme and "keep on top", applied
at once and remembered. The window runs offscreen with the demo camera (real OpenCV frames)."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.policy.loader import load_pack
from app.profile import NewPupil, add_pupil, save_profile
from app.settings import load_settings
from app.store import Store
from ui.launch import build_window
from ui.main_window import MainWindow
from ui.settings_wiring import SettingsWiring


def window_for(qtbot: QtBot, store: Store, role: str, pack_id: str) -> MainWindow:
    save_profile(store, role, "Sam Taylor", pack_id)
    add_pupil(store, load_pack(pack_id), NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee",
                                                  True), actor="Sam Taylor")
    window = build_window(store, "synthetic", "default")
    qtbot.addWidget(window)
    window.show()
    window.show_page("settings")
    return window


def wiring(window: MainWindow) -> SettingsWiring:
    settings = window.settings  # type: ignore[attr-defined]
    assert isinstance(settings, SettingsWiring)
    return settings


def test_set_up_again_changes_role_name_and_policy_at_once(qtbot: QtBot, store: Store) -> None:
    window = window_for(qtbot, store, "tutor", "hms")
    page = wiring(window).page
    assert window.tabs.currentWidget() is page
    shown = page.who.text()
    assert "Sam Taylor" in shown and "tutor" in shown and "Amy Lee" in shown
    assert load_pack("hms").name in shown
    assert window.recordings_page.role.currentData() == "tutor"  # type: ignore[union-attr]

    page.again.click()
    wizard = wiring(window).wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.role_page.name.text() == "Sam Taylor", "today's answers are filled in"
    assert wizard.role_page.role() == "tutor"
    wizard.role_page.buttons["responsible_adult"].setChecked(True)
    wizard.role_page.name.setText("Jo Lee")
    wizard.next()
    wizard.pack_page.select("vto")
    wizard.next()
    assert "Amy Lee" in wizard.pupils_page.existing.text(), "pupils already added are listed"
    wizard.next()
    wizard.accept()
    qtbot.waitUntil(lambda: wizard.result() == QDialog.DialogCode.Accepted, timeout=3000)

    saved = load_settings(store)
    assert (saved.role, saved.user_name, saved.policy) == ("responsible_adult", "Jo Lee", "vto")
    assert window.policy.provider.choice == "vto", "the new policy applies without a restart"
    assert window.recordings_page.role.currentData() == "responsible_adult"  # type: ignore[union-attr]
    assert "Jo Lee" in page.who.text() and load_pack("vto").name in page.who.text()
    assert load_pack("vto").name in page.message.text()
    window.close()


def test_cancelled_set_up_again_changes_nothing(qtbot: QtBot, store: Store) -> None:
    window = window_for(qtbot, store, "school_staff", "wsm")
    assert window.recordings_page.role.currentData() == "school_staff"  # type: ignore[union-attr]
    page = wiring(window).page
    page.again.click()
    wizard = wiring(window).wizard
    assert wizard is not None
    wizard.role_page.name.setText("Someone Else")
    wizard.reject()
    saved = load_settings(store)
    assert (saved.role, saved.user_name, saved.policy) == ("school_staff", "Sam Taylor", "wsm")
    assert "Sam Taylor" in page.who.text()
    window.close()


def test_theme_and_keep_on_top_apply_and_are_remembered(qtbot: QtBot, store: Store) -> None:
    window = window_for(qtbot, store, "tutor", "freemusictutors")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    native = app.style().name()
    page = wiring(window).page
    light = app.palette().color(QPalette.ColorRole.Window).lightness()
    try:
        page.theme.setCurrentIndex(page.theme.findData("dark"))
        page.theme.activated.emit(page.theme.currentIndex())
        assert load_settings(store).theme == "dark"
        dark = app.palette().color(QPalette.ColorRole.Window).lightness()
        assert dark < 80 < light, (dark, light)
        page.theme.setCurrentIndex(page.theme.findData("system"))
        page.theme.activated.emit(page.theme.currentIndex())
        assert load_settings(store).theme == "system"
        assert app.style().name() == native
        assert app.palette().color(QPalette.ColorRole.Window).lightness() == light
    finally:
        wiring(window).choose_theme("system")

    assert page.on_top.isChecked(), "on top is the default"
    page.on_top.click()
    assert load_settings(store).companion_on_top is False
    assert "Saved" in page.message.text()
    window.close()


def test_set_up_again_waits_for_the_lesson_to_end(qtbot: QtBot, store: Store) -> None:
    """A lesson keeps the policy and supervision it started with: no set-up mid-lesson."""
    from datetime import UTC, datetime, timedelta

    from app.lessons import Lessons

    window = window_for(qtbot, store, "tutor", "vto")
    lessons = Lessons(store)
    pupil = lessons.people.list("pupil")[0]
    lesson = lessons.book(load_pack("vto"), pupil.id, datetime.now(UTC) + timedelta(minutes=5),
                          duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                          confirmed_by="Sam Taylor")
    controller = window.lessons.controller  # type: ignore[attr-defined]
    controller.current = lessons.start(lesson.id, by="Sam Taylor")  # as Start lesson leaves it
    page = wiring(window).page
    page.again.click()
    assert wiring(window).wizard is None, "the set-up opened during a lesson"
    assert "End the lesson first" in page.message.text()
    controller.current = None
    page.again.click()
    wizard = wiring(window).wizard
    assert wizard is not None and wizard.isVisible()
    wizard.reject()
    window.close()
