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
    assert window.recordings_page.viewer == "tutor"  # type: ignore[union-attr]

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
    assert window.recordings_page.viewer == "responsible_adult"  # type: ignore[union-attr]
    assert "Jo Lee" in page.who.text() and load_pack("vto").name in page.who.text()
    assert load_pack("vto").name in page.message.text()
    window.close()


def test_cancelled_set_up_again_changes_nothing(qtbot: QtBot, store: Store) -> None:
    window = window_for(qtbot, store, "school_staff", "wsm")
    assert window.recordings_page.viewer == "school_staff"  # type: ignore[union-attr]
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


# ---- Issue 19 (5): a guarded policy ---------------------------------------------------------


def test_a_pin_guards_the_policy_in_settings_and_set_up_again(qtbot: QtBot,
                                                              store: Store) -> None:
    from app.org_guard import PIN_KEY

    window = window_for(qtbot, store, "tutor", "hms")
    settings = wiring(window)
    assert "No PIN is set" in settings.page.pin_state.text()
    pin = settings.change_pin()
    pin.new.setText("2468")
    pin.again.setText("2468")
    pin.confirmed.emit(pin.new.text(), "")
    assert not pin.isVisible() and "guards the policy" in settings.page.pin_state.text()
    stored = store.get_setting(PIN_KEY) or ""
    assert "2468" not in stored and '"kdf": "scrypt"' in stored, "a salted hash, not the PIN"

    dialog = settings.change_policy()
    assert dialog is not None and dialog.pin.isVisible()
    dialog.packs.select("vto")
    dialog.pin.setText("1111")
    dialog.change.click()
    assert dialog.isVisible() and "PIN given is not right" in dialog.problem.text()
    assert load_settings(store).policy == "hms" and window.policy.provider.choice == "hms"
    dialog.pin.setText("2468")
    dialog.change.click()
    assert not dialog.isVisible()
    assert load_settings(store).policy == "vto" and window.policy.provider.choice == "vto"

    # The role changes only through Set up again, and that asks for the PIN too.
    settings.page.again.click()
    wizard = settings.wizard
    assert wizard is not None
    answers = iter(["0000", "2468"])
    wizard.ask_pin = lambda: next(answers)  # type: ignore[method-assign]
    wizard.role_page.buttons["school_staff"].setChecked(True)
    wizard.next()
    wizard.next()
    wizard.next()
    wizard.accept()
    assert load_settings(store).role == "tutor", "a wrong PIN changed the role"
    assert "not your organisation's PIN" in wizard.ready_page.problem.text()
    wizard.accept()
    qtbot.waitUntil(lambda: wizard.result() == QDialog.DialogCode.Accepted, timeout=3000)
    assert load_settings(store).role == "school_staff"
    assert window.recordings_page.viewer == "school_staff"  # type: ignore[union-attr]
    window.close()


def test_watching_as_is_the_set_up_role_not_a_choice(qtbot: QtBot, store: Store) -> None:
    """Nobody picks "the organisation's safeguarding staff" (or any other role) for
    themselves on the Recordings page: it shows the role this computer was set up for."""
    from PySide6.QtWidgets import QComboBox

    window = window_for(qtbot, store, "responsible_adult", "tutorninjas")
    page = window.recordings_page
    assert page is not None
    assert not page.findChildren(QComboBox), "a role can still be picked on the page"
    assert page.role.text() == "Watching as: Parent or responsible adult"
    page.set_role("organisation")  # not a role a computer can be set up as
    assert page.viewer is None and "not set up" in page.role.text()
    window.close()


def test_the_theme_list_ignores_a_stray_wheel(qtbot: QtBot, store: Store) -> None:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent

    window = window_for(qtbot, store, "tutor", "hms")
    box = wiring(window).page.theme
    before = box.currentIndex()
    window.setFocus()
    wheel = QWheelEvent(QPointF(5, 5), QPointF(box.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(box, wheel)
    assert box.currentIndex() == before, "a wheel over an unfocused list changed it"
    window.activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=3000)
    QApplication.sendEvent(box, wheel)
    assert box.currentIndex() != before, "with the focus, the wheel still works"
    window.close()


# ---- Issue 19 (7): setup --------------------------------------------------------------------


def test_first_run_tab_order_pupils_on_ready_wrapped_packs_and_no_footnotes(
        qtbot: QtBot, store: Store) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLabel

    from ui.first_run import FirstRunWizard

    wizard = FirstRunWizard(store, load_settings(store))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.role_page.name.setText("Sam Taylor")
    wizard.next()
    wizard.pack_page.select("tutorninjas")
    shown = " ".join(label.text() for label in wizard.findChildren(QLabel))
    assert "[1]" not in shown, "a footnote marker is shown"
    packs = wizard.pack_page.list
    assert packs.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    summaries = [w for w in packs.inner.findChildren(QLabel) if w.isVisible()]
    assert summaries and all(s.wordWrap() and s.width() <= packs.viewport().width()
                             for s in summaries), "a policy description is wider than the list"
    wizard.next()
    page = wizard.pupils_page
    wizard.activateWindow()
    page.name.setFocus()
    qtbot.waitUntil(page.name.hasFocus, timeout=3000)
    QTest.keyClick(page.name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.dob, "Tab skips the date of birth"
    page.name.setText("Amy Lee")
    page.adult.setText("Jo Lee")
    page.sponsor_adult.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.ready_page, "a tutor is not asked for consent"
    assert "Amy Lee" in wizard.ready_page.text.text(), "the Ready page lists the pupils"
    ready = wizard.ready_page.text.text()  # TutorNinjas' clause: "…normally[1] available…"
    assert "normally available" in ready and "[1]" not in ready, ready
    wizard.reject()


def test_a_parent_gives_consent_during_first_run(qtbot: QtBot, store: Store) -> None:
    from app.consent import Consents
    from app.people import People
    from ui.first_run import FirstRunWizard

    add_pupil(store, load_pack("tutorninjas"), NewPupil("Ben Ray", None, "11-12", "Kim Ray",
                                                        "Kim Ray", True), actor="Kim Ray")
    wizard = FirstRunWizard(store, load_settings(store))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.role_page.buttons["responsible_adult"].setChecked(True)
    wizard.role_page.name.setText("Jo Lee")
    wizard.next()
    wizard.pack_page.select("tutorninjas")
    wizard.next()
    page = wizard.pupils_page
    page.name.setText("Amy Lee")
    assert page.adult.text() == "Jo Lee", "a parent is their child's adult"
    page.sponsor_adult.setChecked(True)
    wizard.next()
    consent = wizard.consent_page
    assert wizard.currentPage() is consent, "the parent is not offered consent"
    assert "Amy Lee" in consent.subTitle() and "kept for" in consent.words.text()
    assert "Ben Ray" not in consent.subTitle(), "another family's child is named"
    consent.name.setText("Someone Else")
    wizard.next()
    assert wizard.currentPage() is consent, "consent in another person's name was taken"
    consent.name.setText("Jo Lee")
    wizard.next()
    wizard.accept()
    qtbot.waitUntil(lambda: wizard.result() == QDialog.DialogCode.Accepted, timeout=3000)
    amy, ben = sorted(People(store).list("pupil"), key=lambda p: p.name)
    given = Consents(store).current(load_pack("tutorninjas"), amy.id)
    assert [c.given_by_name for c in given] == ["Jo Lee"]
    assert not Consents(store).current(load_pack("tutorninjas"), ben.id)
