"""The recordings page: what is kept, until when, on hold or not, and playback for the
people the pack allows, decrypted on the fly with pause and seek."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import LessonGuardError
from app.lesson_plan import USER_ROLES
from app.recordings import RecordingInfo
from app.times import day_time
from capture.player import Player
from ui.capture_controller import to_qimage
from ui.preview import PreviewWidget
from ui.recording_controller import RecordingController, _day
from ui.translations import QT_TRANSLATE_NOOP, say_error

log = logging.getLogger(__name__)
ROLE_NAMES = {
    "responsible_adult": QT_TRANSLATE_NOOP("RecordingsPage", "Parent or responsible adult"),
    "pupil": QT_TRANSLATE_NOOP("RecordingsPage", "Pupil"),
    "tutor": QT_TRANSLATE_NOOP("RecordingsPage", "Tutor"),
    "school_staff": QT_TRANSLATE_NOOP("RecordingsPage", "School staff"),
    "organisation": QT_TRANSLATE_NOOP("RecordingsPage",
                                      "The organisation's safeguarding staff"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("RecordingsPage", "Date"), QT_TRANSLATE_NOOP("RecordingsPage", "Pupil"),
    QT_TRANSLATE_NOOP("RecordingsPage", "Length"), QT_TRANSLATE_NOOP("RecordingsPage", "State"),
    QT_TRANSLATE_NOOP("RecordingsPage", "Kept until"), QT_TRANSLATE_NOOP("RecordingsPage", "Hold"),
)


class RecordingsPage(QWidget):
    def __init__(self, controller: RecordingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.player: Player | None = None
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Recordings kept on this computer"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Who is watching is the role this computer was set up for, never picked here: a
        # list let anyone choose "the organisation's safeguarding staff". It changes only
        # through Set up again, behind the organisation's PIN where one is set.
        self.viewer: str | None = None
        self.role = QLabel(self)
        self.role.setAccessibleName(self.tr("Watching as"))
        self.role.setToolTip(self.tr("The role this computer was set up for; Settings, "
                                     "Set up again changes it."))
        self._show_viewer()
        self.play = QPushButton(self.tr("▶ &Play"), self)
        self.verify = QPushButton(self.tr("&Check it is intact"), self)
        self.hold = QPushButton(self.tr("Put on &hold…"), self)
        self.release = QPushButton(self.tr("&Release hold…"), self)
        self.export = QPushButton(self.tr("&Export…"), self)
        self.play.setAccessibleName(self.tr("Play the selected recording"))
        self.verify.setAccessibleName(self.tr("Check the selected recording is intact"))
        self.hold.setAccessibleName(self.tr("Put the selected recording on legal hold"))
        self.release.setAccessibleName(self.tr("Release the hold on the selected recording"))
        self.export.setAccessibleName(self.tr("Export the selected recording, encrypted"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Recordings message"))
        self.playback_view = PreviewWidget(self)
        self.playback_view.setMinimumHeight(150)
        self.playback_view.clear(self.tr("Choose a recording and press Play."))
        self.pause = QPushButton(self.tr("Pause"), self)
        self.pause.setAccessibleName(self.tr("Pause or resume playback"))
        self.pause.setEnabled(False)
        self.seek = QSlider(Qt.Orientation.Horizontal, self)
        self.seek.setAccessibleName(self.tr("Position in the recording"))
        self.seek.setEnabled(False)
        self.time = QLabel("0:00 / 0:00", self)
        actions = QHBoxLayout()
        actions.addWidget(self.role)
        actions.addWidget(self.play)
        actions.addStretch(1)
        actions.addWidget(self.verify)
        actions.addWidget(self.hold)
        actions.addWidget(self.release)
        actions.addWidget(self.export)
        transport = QHBoxLayout()
        transport.addWidget(self.pause)
        transport.addWidget(self.seek, 1)
        transport.addWidget(self.time)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.playback_view, 2)
        layout.addLayout(transport)
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._tick)
        self._dragging = False
        self.play.clicked.connect(self.play_selected)
        self.verify.clicked.connect(self.verify_selected)
        self.hold.clicked.connect(self.hold_selected)
        self.release.clicked.connect(self.release_selected)
        self.export.clicked.connect(lambda: self.export_selected())
        self.pause.clicked.connect(self._toggle_pause)
        self.seek.sliderPressed.connect(self._seek_pressed)
        self.seek.sliderReleased.connect(self._seek_released)
        controller.catalogue_changed.connect(self.refresh)
        self.rows: list[RecordingInfo] = []
        self.refresh()

    def set_role(self, role: str | None) -> None:
        """The role chosen at first run (or Set up again): playback and export act as it."""
        self.viewer = role if role in USER_ROLES else None  # never 'organisation'
        self._show_viewer()

    def _show_viewer(self) -> None:
        name = ROLE_NAMES.get(self.viewer or "")
        self.role.setText(self.tr("Watching as: {role}").format(role=self.tr(name)) if name
                          else self.tr("Watching as: not set up yet"))

    def _viewer(self) -> str | None:
        if self.viewer is None:
            self.message.setText("⊘ " + self.tr(
                "LessonGuard does not know who uses this computer yet, so it cannot say what "
                "they may see. Use Settings, Set up again."))
        return self.viewer

    def refresh(self) -> None:
        names = {p.id: p.name for p in self.controller.people.list("pupil")}
        self.rows = list(reversed(self.controller.recordings.list()))
        self.table.setRowCount(len(self.rows))
        for r, info in enumerate(self.rows):
            started = datetime.fromisoformat(info.started_at).astimezone()
            values = (day_time(started), names.get(info.pupil_id, "?"),
                      f"{(info.duration_s or 0) / 60:.1f} min", info.state.replace("_", " "),
                      _day(info.expires_at), self.tr("on hold") if info.held else "")
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message.setText("" if self.rows
                             else self.tr("No recordings are kept on this computer."))

    def selected(self) -> RecordingInfo | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            return self.rows[row]
        self.message.setText(self.tr("Choose a recording in the list first."))
        return None

    def play_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        role = self._viewer()
        if role is None or not self._may_see(info, role):
            return
        self.stop_playback()
        recs = self.controller.recordings
        try:  # refused at once if the key or the file is gone; the playing is audited
            self.controller.access.open_for_playback(info.id, role).close()
        except LessonGuardError as exc:
            self.message.setText("⚠ " + say_error(exc))
            return
        self.player = Player(lambda: recs.open_reader(info.id))
        self.player.start()
        self.pause.setEnabled(True)
        self.seek.setEnabled(True)
        self.message.setText(self.tr("Playing {id}.").format(id=info.id))
        self._timer.start()

    def _may_see(self, info: RecordingInfo, role: str) -> bool:
        try:
            self.controller.access.check(info.id, role)
        except LessonGuardError as exc:
            self.message.setText("⊘ " + say_error(exc))
            return False
        return True

    def _tick(self) -> None:
        player = self.player
        if player is None:
            return
        if player.error:
            self.message.setText("⚠ " + player.error)
            self.stop_playback()
            return
        latest = player.latest()
        if latest is not None:
            self.playback_view.set_image(to_qimage(latest[1]))
        duration = max(player.duration, 0.001)
        position = min(player.position, duration)
        self.seek.setMaximum(int(duration * 10))
        if not self._dragging:
            self.seek.setValue(int(position * 10))
        self.time.setText(f"{_clock(position)} / {_clock(duration)}")
        self.pause.setText(self.tr("Resume") if player.paused else self.tr("Pause"))

    def _toggle_pause(self) -> None:
        if self.player is not None:
            self.player.pause(not self.player.paused)

    def _seek_pressed(self) -> None:
        self._dragging = True  # the position follows the hand, not the player, until released

    def _seek_released(self) -> None:
        self._dragging = False
        if self.player is not None:
            self.player.seek(self.seek.value() / 10)

    def stop_playback(self) -> None:
        self._timer.stop()
        player, self.player = self.player, None
        if player is not None:
            player.stop()
        self.pause.setEnabled(False)
        self.seek.setEnabled(False)

    def verify_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        report = self.controller.recordings.verify(info.id)
        self.message.setText(
            self.tr("✔ Intact: all {n} parts check out.").format(n=report.chunks) if report.ok
            else self.tr("✖ Damaged: {problem}").format(problem=report.problem))

    def export_selected(self, folder: str = "") -> None:
        """An encrypted, hash-listed package; the passphrase is told to the recipient by
        phone. Only for the roles that may see the recording."""
        info = self.selected()
        if info is None:
            return
        role = self._viewer()
        if role is None or not self._may_see(info, role):
            return
        folder = folder or QFileDialog.getExistingDirectory(self,
                                                            self.tr("Export to which folder?"))
        if not folder:
            return
        phrase, ok = QInputDialog.getText(
            self, self.tr("Export"), self.tr("A passphrase of at least 12 characters, to tell "
                                             "the recipient by phone:"),
            QLineEdit.EchoMode.Password)
        if not ok:
            return
        try:
            package = self.controller.access.export([info.id], Path(folder), phrase, role)
        except LessonGuardError as exc:
            self.message.setText("⚠ " + say_error(exc))
            return
        self.message.setText(self.tr("✔ Exported, still encrypted, to {path}.").format(
            path=package))

    def _name_and_reason(self, title: str) -> tuple[str, str] | None:
        """Holds and releases are by a named person, for a reason; both are logged."""
        name, ok = QInputDialog.getText(self, title, self.tr("Your name:"))
        if not ok:
            return None
        reason, ok = QInputDialog.getText(self, title, self.tr("Why:"))
        return (name, reason) if ok else None

    def hold_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        answer = self._name_and_reason(self.tr("Put on hold"))
        if answer is None:
            return
        try:
            self.controller.recordings.hold(info.id, *answer)
        except LessonGuardError as exc:
            self.message.setText("⚠ " + say_error(exc))
            return
        self.message.setText(self.tr("On hold: it will not be deleted until released."))
        self.refresh()

    def release_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        holds = self.controller.recordings.active_holds(info.id)
        if not holds:
            self.message.setText(self.tr("That recording is not on hold."))
            return
        answer = self._name_and_reason(self.tr("Release hold"))
        if answer is None:
            return
        try:
            for hold in holds:
                self.controller.recordings.release(hold.id, *answer)
        except LessonGuardError as exc:
            self.message.setText("⚠ " + say_error(exc))
            return
        self.message.setText(self.tr("Hold released."))
        self.refresh()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}"
