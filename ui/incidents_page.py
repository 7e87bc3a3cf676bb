"""The incidents page: every report with its status and follow-ups, for the people who handle
them; open a report again, move its status on, tick a follow-up, save the sealed package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import LessonGuardError
from app.incident_access import IncidentAccess
from app.incident_words import what_happened
from app.incidents import STATUS_TEXT, STATUSES, VISIBLE_TO, Incident, Incidents
from app.policy.schema import PolicyPack
from app.settings import load_settings
from app.times import day_time
from ui.passphrase_dialog import ask_passphrase
from ui.translations import QT_TRANSLATE_NOOP, say, say_error

COLUMNS = (QT_TRANSLATE_NOOP("IncidentsPage", "Opened"),
           QT_TRANSLATE_NOOP("IncidentsPage", "What happened"),
           QT_TRANSLATE_NOOP("IncidentsPage", "Reported by"),
           QT_TRANSLATE_NOOP("IncidentsPage", "Status"),
           QT_TRANSLATE_NOOP("IncidentsPage", "Follow-up due"))
VIEWERS = {
    "tutor": QT_TRANSLATE_NOOP("IncidentsPage", "Tutor"),
    "school_staff": QT_TRANSLATE_NOOP("IncidentsPage", "School staff"),
    "organisation": QT_TRANSLATE_NOOP("IncidentsPage", "The organisation's safeguarding staff"),
    "responsible_adult": QT_TRANSLATE_NOOP("IncidentsPage", "Parent or responsible adult"),
    "pupil": QT_TRANSLATE_NOOP("IncidentsPage", "Pupil"),
}


class IncidentsPage(QWidget):
    def __init__(self, incidents: Incidents, pack: Callable[[], PolicyPack],
                 open_report: Callable[[int], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.incidents = incidents
        self.access = IncidentAccess(incidents)  # the same rule as `lessonguard incident`
        self.pack = pack
        self.open_report = open_report
        self.viewer = QComboBox(self)
        self.viewer.setAccessibleName(self.tr("Viewing as"))
        for key, name in VIEWERS.items():
            self.viewer.addItem(self.tr(name), key)
        self.viewer.setEnabled(False)  # shown, not chosen: see refresh
        viewer_label = QLabel(self.tr("&Viewing as"), self)
        viewer_label.setBuddy(self.viewer)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Incident records"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status of the selected incident"))
        for status in STATUSES:
            self.status.addItem(say(STATUS_TEXT[status]), status)
        self.set_status = QPushButton(self.tr("Set &status"), self)
        self.report = QPushButton(self.tr("&Open the report"), self)
        self.export = QPushButton(self.tr("Save the sealed &package…"), self)
        self.follow = QListWidget(self)
        self.follow.setAccessibleName(self.tr("Follow-up tasks: tick when done"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(viewer_label)
        top.addWidget(self.viewer)
        top.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.report)
        actions.addWidget(self.status)
        actions.addWidget(self.set_status)
        actions.addStretch(1)
        actions.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addLayout(actions)
        layout.addWidget(QLabel(self.tr("Follow-up (tick when done)"), self))
        layout.addWidget(self.follow, 1)
        layout.addWidget(self.message)
        self.rows: list[Incident] = []
        self.viewer.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.currentCellChanged.connect(lambda *_: self._selected())
        self.set_status.clicked.connect(self._set_status)
        self.report.clicked.connect(self._open)
        self.export.clicked.connect(lambda: self.save_package())
        self.follow.itemChanged.connect(self._follow_ticked)
        self.refresh()

    def refresh(self) -> None:
        # Who is looking is the person this computer was set up for, never a choice.
        self.viewer.blockSignals(True)
        self.viewer.setCurrentIndex(max(0, self.viewer.findData(
            load_settings(self.incidents.store).role or "")))
        self.viewer.blockSignals(False)
        viewer = self.viewer.currentData()
        allowed = viewer in VISIBLE_TO
        self.table.setEnabled(allowed)
        try:
            self.rows = list(reversed(self.access.list(viewer)))
        except LessonGuardError as exc:
            self.rows = []
            self.message.setText("⊘ " + say_error(exc))
        else:
            self.message.setText("" if self.rows else self.tr("No incidents are recorded."))
        self.table.setRowCount(len(self.rows))
        for r, incident in enumerate(self.rows):
            due = [f.due_at for f in incident.follow_ups if not f.done_at]
            # In words: the pack's title, or a panic resumed without a report and when.
            title = say(what_happened(incident.category, incident.panic_at,
                                      incident.created_at,
                                      self.pack().incidents.get(incident.category).title
                                      if incident.category else ""))
            values = (_day(incident.created_at), title,
                      f"{incident.reporter_name or ''} "
                      f"({(incident.reporter_role or '').replace('_', ' ')})"
                      if incident.reporter_role else self.tr("no report made"),
                      say(STATUS_TEXT[incident.status]),
                      _day(min(due)) if due else "")
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self._selected()

    def selected(self) -> Incident | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _selected(self) -> None:
        incident = self.selected()
        self.follow.blockSignals(True)
        self.follow.clear()
        if incident is not None:
            self.status.setCurrentIndex(self.status.findData(incident.status))
            for f in incident.follow_ups:
                item = QListWidgetItem(f"{f.task} (due {_day(f.due_at)})")
                item.setData(Qt.ItemDataRole.UserRole, f.id)
                item.setCheckState(_checked(bool(f.done_at)))
                self.follow.addItem(item)
        self.follow.blockSignals(False)

    def _set_status(self) -> None:
        incident = self.selected()
        if incident is None:
            self.message.setText(self.tr("Choose an incident first."))
            return
        self.incidents.set_status(incident.id, self.status.currentData(),
                                  VIEWERS[self.viewer.currentData()])
        self.refresh()

    def _follow_ticked(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.CheckState.Checked:
            self.incidents.complete_follow_up(int(item.data(Qt.ItemDataRole.UserRole)),
                                              VIEWERS[self.viewer.currentData()])

    def _open(self) -> None:
        incident = self.selected()
        if incident is not None:
            self.open_report(incident.id)

    def save_package(self, folder: str = "") -> Path | None:
        incident = self.selected()
        if incident is None:
            self.message.setText(self.tr("Choose an incident first."))
            return None
        try:  # who may take it first: nobody is asked for a passphrase only to be refused
            self.access.role(self.viewer.currentData())
        except LessonGuardError as exc:
            self.message.setText("⚠ " + say_error(exc))
            return None
        folder = folder or QFileDialog.getExistingDirectory(
            self, self.tr("Where should the sealed package be saved?"))
        if not folder:
            return None
        phrase = ask_passphrase(self)  # sealed as `lessonguard incident export` seals
        if phrase is None:
            self.message.setText(self.tr("Not saved: the package is saved only sealed with a "
                                         "passphrase."))
            return None
        try:
            package = self.access.export(incident.id, Path(folder), passphrase=phrase,
                                         claimed=self.viewer.currentData(),
                                         how="the incidents page")
        except LessonGuardError as exc:
            self.message.setText("⚠ " + say_error(exc))
            return None
        self.message.setText(self.tr(
            "✔ Sealed package saved in {path}. Tell the passphrase to the person who "
            "receives it by phone; they open it with `lessonguard incident open`.").format(
            path=package))
        return package


def _day(iso: str) -> str:
    return day_time(iso)


def _checked(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
