"""Connects the panic button, the keyboard shortcut, the tray icon and the global hotkey to
the PanicController, and opens the report wizard after a press."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from app.incidents import Incidents
from app.panic import MuteOutcome, Muter, PanicState
from ui.background import Background
from ui.incident_wizard import IncidentWizard
from ui.incidents_page import IncidentsPage
from ui.main_window import MainWindow
from ui.panic_bar import PanicBar
from ui.panic_controller import SHORTCUT, PanicController
from ui.recording_controller import RecordingController
from ui.translations import Translatable, say

log = logging.getLogger(__name__)
NO_HOTKEY_ENV = "LESSONGUARD_NO_GLOBAL_HOTKEY"


class PanicWiring(Translatable):
    """Owns the panic parts of one window (`window.parts.panic`)."""

    def __init__(self, window: MainWindow, recording: RecordingController,
                 muter: Muter | None = None, background: Background | None = None) -> None:
        self.window = window
        self.recording = recording
        store = recording.store
        self.incidents = Incidents(store, recording.data_dir)
        self.lesson_id: Callable[[], int | None] = lambda: None  # the lesson running, if any
        self.controller = PanicController(window.controller, recording, muter=muter,
                                          lesson_id=lambda: self.lesson_id(),
                                          background=background, parent=window)
        self.bar = PanicBar(SHORTCUT, window)
        window.set_panic_bar(self.bar)
        self.incident_id: int | None = None
        self.wizard: IncidentWizard | None = None
        self.shortcut = QShortcut(QKeySequence(SHORTCUT), window)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(lambda: self.controller.press("keyboard shortcut"))
        self.bar.panic_clicked.connect(lambda: self.controller.press("panic button"))
        self.bar.resume_clicked.connect(self.controller.undo)
        self.bar.leave_clicked.connect(self.controller.leave_platform)
        self.bar.report_clicked.connect(self.open_wizard)
        self.controller.pressed.connect(self._pressed)
        self.controller.mic_result.connect(lambda r: self.bar.add_line(say(r.message)))
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

    def _pressed(self, state: PanicState) -> None:
        self.bar.show_pressed(state.held)
        effects = self.window.effects_bar
        if effects is not None:
            effects.show_shutter(True, locked=True)
        self.window.showNormal()
        self.window.raise_()
        self.incident_id = state.incident_id
        self.page.refresh()
        self.open_wizard()

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
                                     self.incident_id, self.window)
        self.wizard.finished.connect(self._wizard_closed)
        self.wizard.show()
        return self.wizard

    def _wizard_closed(self, _result: int) -> None:
        self.recording.catalogue_changed.emit()  # holds may have changed
        self.page.refresh()

    def _undone(self, result: MuteOutcome | None) -> None:
        self.bar.show_resumed()
        effects = self.window.effects_bar
        if effects is not None:
            effects.show_shutter(False)
        message = result.message if result is not None else ""
        self.window.rec_notice.show_info(self.tr(
            "Camera and microphone are on again. {mic}").format(mic=say(message)))
        self.incident_id = None

    def close(self) -> None:
        self.controller.stop()
        if self.tray is not None:
            self.tray.hide()
        if self.wizard is not None:
            self.wizard.close()
