"""Connects the panic button, the keyboard shortcut, the tray icon and the global hotkey to
the PanicController, and opens the report wizard after a press."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QSystemTrayIcon, QWidget

from app.incidents import Incidents
from app.panic import CameraUse, MuteOutcome, Muter, PanicState, headline
from app.report_facts import report_facts
from ui.background import Background
from ui.companion import CompanionWindow
from ui.incident_wizard import IncidentWizard
from ui.incidents_page import IncidentsPage
from ui.main_window import MainWindow
from ui.panic_bar import PanicBar
from ui.panic_controller import SHORTCUT, PanicController
from ui.recording_controller import RecordingController
from ui.translations import Translatable, say

log = logging.getLogger(__name__)
NO_HOTKEY_ENV = "LESSONGUARD_NO_GLOBAL_HOTKEY"
WIZARD_AT_LATEST_MS = 1500  # the report opens when the mute is done, or after this


class PanicWiring(Translatable):
    """Owns the panic parts of one window (`window.parts.panic`)."""

    def __init__(self, window: MainWindow, recording: RecordingController,
                 muter: Muter | None = None, background: Background | None = None,
                 camera_probe: Callable[[], CameraUse] | None = None) -> None:
        self.window = window
        self.recording = recording
        store = recording.store
        self.incidents = Incidents(store, recording.data_dir)
        self.lesson_id: Callable[[], int | None] = lambda: None  # the lesson running, if any
        self.controller = PanicController(window.controller, recording, muter=muter,
                                          lesson_id=lambda: self.lesson_id(),
                                          background=background, parent=window,
                                          camera_probe=camera_probe)
        # The sound server's connection made now and kept, so the press only mutes (a
        # connection made at the press costs 100 ms and more while the camera is busy).
        self.controller.prepare()
        self.bar = PanicBar(SHORTCUT, window)
        window.set_panic_bar(self.bar)
        self.incident_id: int | None = None
        self.wizard: IncidentWizard | None = None
        self.companion: CompanionWindow | None = None
        self.end_question: QMessageBox | None = None
        self._wizard_due = False
        self.shortcut = QShortcut(QKeySequence(SHORTCUT), window)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(lambda: self.controller.press("keyboard shortcut"))
        self.bar.panic_clicked.connect(lambda: self.controller.press("panic button"))
        self.bar.resume_clicked.connect(self.controller.undo)
        self.bar.leave_clicked.connect(self.controller.leave_platform)
        self.bar.report_clicked.connect(self.open_wizard)
        self.controller.pressed.connect(self._pressed)
        self.controller.mic_result.connect(self._muted)
        self.controller.camera_result.connect(self._camera)
        self.controller.new_sources.connect(lambda names: self.bar.add_line(self.tr(
            "Plugged in during the panic, and muted too: {names}.").format(
            names=", ".join(names))))
        self.controller.left_platform.connect(self.bar.add_line)
        self.controller.undone.connect(self._undone)
        self.page = IncidentsPage(self.incidents, lambda: recording.policy.state.pack,
                                  self.open_report_for, window)
        window.tabs.addTab(self.page, self.tr("Incidents"))
        self.tray = self._tray()
        if os.environ.get(NO_HOTKEY_ENV) or QApplication.platformName() == "offscreen":
            log.info("global panic hotkey off (%s)", QApplication.platformName())
        else:
            self.controller.start_global_hotkey()
        window.on_close.insert(0, self.close)

    def _tray(self) -> QSystemTrayIcon | None:
        """The panic action in the tray, for when the window is hidden behind the lesson."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            log.info("no system tray: the panic button stays in the window")
            return None
        tray = QSystemTrayIcon(self.window.windowIcon(), self.window)
        menu = QMenu(self.window)
        panic = QAction(self.tr("■ Stop camera and mic now"), menu)
        panic.triggered.connect(lambda: self.controller.press("tray icon"))
        show = QAction(self.tr("Show LessonGuard"), menu)
        show.triggered.connect(self.window.showNormal)
        menu.addAction(panic)
        menu.addAction(show)
        tray.setContextMenu(menu)
        tray.setToolTip("LessonGuard")
        tray.show()
        self.tray_menu = menu
        return tray

    def attach_companion(self, companion: CompanionWindow) -> None:
        """The lesson's small window: its panic button and its Resume do what the bar's do."""
        self.companion = companion
        self.controller.prepare()  # the lesson starts: the mute's connection checked ready
        companion.resume_clicked.connect(self.controller.undo)
        companion.show_panic(self.controller.active)
        companion.destroyed.connect(lambda *_: setattr(self, "companion", None))

    def _headline(self) -> None:
        state = self.controller.action.state
        if state is not None:
            self.bar.set_headline(say(headline(state)))
            if self.companion is not None:
                self.companion.show_panic(True, say(headline(state)))

    def _muted(self, result: MuteOutcome) -> None:
        self.bar.add_line(say(result.message))
        self._headline()
        self._open_after_press()

    def _open_after_press(self) -> None:
        """The report opens once the microphones are cut (or after a moment at most): the
        window stays quiet while the mute needs the processor."""
        if self._wizard_due and self.controller.active:
            self._wizard_due = False
            self.page.refresh()
            self.open_wizard()

    def _camera(self, use: CameraUse) -> None:
        direct = list(use.direct)
        if direct:
            self.bar.show_direct_camera(direct)
        self._headline()

    def _pressed(self, state: PanicState) -> None:
        self.window.rec_notice.hide()  # an earlier "on again" must not sit under the banner
        self.bar.show_pressed(state.held, say(headline(state)))
        if self.companion is not None:
            self.companion.show_panic(True, say(headline(state)))
        effects = self.window.effects_bar
        if effects is not None:
            effects.show_shutter(True, locked=True)
        self.window.showNormal()
        self.window.raise_()
        self.incident_id = state.incident_id
        self._wizard_due = True
        QTimer.singleShot(WIZARD_AT_LATEST_MS, self.window, self._open_after_press)

    def open_report_for(self, incident_id: int) -> IncidentWizard:
        """Open an earlier report again (to continue it, or tick more steps)."""
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.close()
        self.incident_id = incident_id
        return self.open_wizard()

    def open_wizard(self) -> IncidentWizard:
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            return self.wizard
        pack = self.recording.policy.state.pack
        if self.incident_id is None:
            self.incident_id = self.incidents.open(pack, actor="user",
                                                   lesson_id=self.lesson_id()).id
        self.wizard = IncidentWizard(pack, self.incidents, self.recording.recordings,
                                     self.incident_id, self.window,
                                     facts=report_facts(self.recording.store,
                                                        self.incident_id))
        self.wizard.finished.connect(self._wizard_closed)
        self.wizard.show()
        return self.wizard

    def _wizard_closed(self, _result: int) -> None:
        self.recording.catalogue_changed.emit()  # holds may have changed
        self.page.refresh()

    def _undone(self, result: MuteOutcome | None) -> None:
        self.bar.show_resumed()
        if self.companion is not None:
            self.companion.show_panic(False)
        effects = self.window.effects_bar
        if effects is not None:
            effects.show_shutter(False)
        if result is None:
            self.window.rec_notice.show_info(self.tr(
                "Camera on again. The microphones stay muted, as you chose: unmute them in "
                "the sound settings when you need them."))
        elif result.ok:
            self.window.rec_notice.show_info(self.tr(
                "Camera and microphone are on again. {mic}").format(mic=say(result.message)))
        else:
            self.window.rec_notice.show_problem(say(result.message))
        self.incident_id = None

    def confirm_end(self, parent: QWidget | None = None) -> bool:
        """Before End lesson: with the panic still on, ask whether to put the microphones
        and the camera back as they were, and do it. False: keep the lesson going."""
        if not self.controller.active:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("The panic is still on"),
                          self.tr("The panic is still on: the camera shows the privacy card "
                                  "and LessonGuard muted every microphone.\n\nPut each "
                                  "microphone back as it was before the panic, then end the "
                                  "lesson?"), parent=parent or self.window)
        back = box.addButton(self.tr("&Put them back and end"),
                             QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("End, and &leave the microphones muted"),
                             QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("&Keep the lesson going"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        self.end_question = box
        box.exec()
        self.end_question = None
        clicked = box.clickedButton()
        if clicked is back:
            self.controller.undo(restore=True)
            return True
        if clicked is keep:
            self.controller.undo(restore=False)
            return True
        return False

    def close(self) -> None:
        self.controller.stop()
        if self.tray is not None:
            self.tray.hide()
        if self.wizard is not None:
            self.wizard.close()
