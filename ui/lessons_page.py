"""The Lessons page: the next lesson with one Start lesson button, booking, and the history
with each lesson's record (checks, confirmations, recordings, incidents and follow-ups).

Thin: it lists what app.lessons holds and forwards clicks; the lesson's record is the same
text `lessonguard lesson show` prints.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.lessons import PLATFORMS, Lesson
from app.people import Person
from app.times import sortable, weekday_time
from ui.end_lesson import summary_html
from ui.theme import guard_combo
from ui.translations import QT_TRANSLATE_NOOP

STATE_WORDS = {"booked": QT_TRANSLATE_NOOP("LessonsPage", "Booked"),
               "in_progress": QT_TRANSLATE_NOOP("LessonsPage", "● In progress"),
               "ended": QT_TRANSLATE_NOOP("LessonsPage", "✔ Ended"),
               "cancelled": QT_TRANSLATE_NOOP("LessonsPage", "– Cancelled")}


class NewLessonDialog(QDialog):
    """Date, time, length, pupil, tutor and platform; a refusal (lead time) shown inline."""

    def __init__(self, pupils: list[Person], tutor: str, parent: QWidget | None = None,
                 earliest: Callable[[int | None], datetime] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New lesson"))
        # The first time the pack allows for a pupil (the lesson use case's answer).
        self.earliest = earliest or (lambda _pupil: datetime.now() + timedelta(minutes=10))
        self.pupil = guard_combo(QComboBox(self))
        self.pupil.setAccessibleName(self.tr("Pupil"))
        for person in pupils:
            self.pupil.addItem(person.name, person.id)
        soon = self.earliest(self.pupil.currentData()).astimezone()
        self.date = QDateEdit(QDate(soon.year, soon.month, soon.day), self)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(self.tr("Lesson date"))
        self.time = QTimeEdit(QTime(soon.hour, soon.minute), self)
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(self.tr("Lesson start time"))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(10, 240)
        self.minutes.setValue(30)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Lesson length in minutes"))
        self.tutor = QLineEdit(tutor, self)
        self.tutor.setAccessibleName(self.tr("Tutor's name"))
        self.platform = guard_combo(QComboBox(self))
        self.platform.setAccessibleName(self.tr("Lesson platform"))
        for name in PLATFORMS:
            self.platform.addItem(name.replace("_", " ").title(), name)
        self.practice = QCheckBox(self.tr("Practice less&on: try every step with the demo "
                                          "camera, no notice needed"), self)
        self.practice.setAccessibleName(self.tr("Practice lesson"))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Why the lesson cannot be booked"))
        self.problem.hide()
        # A refusal is about what was chosen: it goes once the choice changes.
        for changed in (self.date.dateChanged, self.time.timeChanged,
                        self.minutes.valueChanged, self.pupil.currentIndexChanged,
                        self.practice.toggled):
            changed.connect(self.problem.hide)
        self.pupil.currentIndexChanged.connect(self._pupil_changed)
        self.practice.toggled.connect(self._pupil_changed)
        form = QFormLayout()
        form.addRow(self.tr("&Pupil"), self.pupil)
        form.addRow(self.tr("&Date"), self.date)
        form.addRow(self.tr("&Time"), self.time)
        form.addRow(self.tr("&Length"), self.minutes)
        form.addRow(self.tr("T&utor"), self.tutor)
        form.addRow(self.tr("Pl&atform"), self.platform)
        form.addRow(self.practice)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(self.tr("&Book and confirm"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setAccessibleName(self.tr("Book and confirm the lesson"))
        ok.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _pupil_changed(self) -> None:
        """Another pupil (a first lesson or not) or a practice lesson: the default time
        moves to the first the pack allows, if the one shown is earlier."""
        earliest = (datetime.now().astimezone() + timedelta(minutes=10)
                    if self.practice.isChecked() else
                    self.earliest(self.pupil.currentData()).astimezone())
        if self.starts_at() < earliest or self.practice.isChecked():
            self.date.setDate(QDate(earliest.year, earliest.month, earliest.day))
            self.time.setTime(QTime(earliest.hour, earliest.minute))
        self.problem.hide()

    def starts_at(self) -> datetime:
        day, at = self.date.date(), self.time.time()
        return datetime(day.year(), day.month(), day.day(), at.hour(), at.minute()).astimezone()

    def show_problem(self, text: str) -> None:
        self.problem.setText("⚠ " + text)
        self.problem.show()


class LessonsPage(QWidget):
    new_lesson = Signal()
    start_lesson = Signal(int)
    add_pupil = Signal()
    cancel_lesson = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.next_label = QLabel(self)
        self.next_label.setWordWrap(True)
        self.next_label.setAccessibleName(self.tr("Next lesson"))
        self.next_label.setStyleSheet("QLabel { font-size: 13pt; }")
        self.start = QPushButton(self.tr("▶ &Start lesson"), self)
        self.start.setAccessibleName(self.tr("Start lesson"))
        self.start.setStyleSheet("QPushButton { font-size: 14pt; font-weight: bold; "
                                 "padding: 8px 18px; }")
        self.book = QPushButton(self.tr("&New lesson…"), self)
        self.book.setAccessibleName(self.tr("Book a new lesson"))
        self.add = QPushButton(self.tr("Add &pupil…"), self)
        self.add.setAccessibleName(self.tr("Add a pupil"))
        self.cancel = QPushButton(self.tr("Cancel lesson…"), self)
        self.cancel.setAccessibleName(self.tr("Cancel the chosen booked lesson"))
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Pupil"),
                                              self.tr("Length"), self.tr("Platform"),
                                              self.tr("State")])
        self.table.setAccessibleName(self.tr("Lessons, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        history = QLabel(self.tr("&History: choose a lesson to see its record"), self)
        history.setBuddy(self.table)
        self.record = QTextBrowser(self)
        self.record.setAccessibleName(self.tr("The chosen lesson's record"))
        top = QHBoxLayout()
        top.addWidget(self.next_label, 1)
        top.addWidget(self.start)
        actions = QHBoxLayout()
        actions.addWidget(self.book)
        actions.addWidget(self.add)
        actions.addWidget(self.cancel)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(history)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.record, 3)
        self.lessons: list[Lesson] = []
        self.next_lesson: Lesson | None = None
        self.book.clicked.connect(self.new_lesson.emit)
        self.add.clicked.connect(self.add_pupil.emit)
        self.start.clicked.connect(self._start)
        self.cancel.clicked.connect(self._cancel)
        self.table.itemSelectionChanged.connect(self.selection_changed)
        # The lesson's record for the person looking (set by the lesson wiring).
        self.summary_for: Callable[[int], dict[str, Any]] = lambda _lesson_id: {}

    def when(self, lesson: Lesson, practice: bool = False) -> str:
        """When it happened: the day it really started, with the booked time beside it when
        they differ (the record keeps both)."""
        text = sortable(lesson.starts_at)
        if lesson.started_at is not None and \
                lesson.started_at.astimezone().date() != lesson.starts_at.astimezone().date():
            text = self.tr("{started} (booked for {booked})").format(
                started=sortable(lesson.started_at), booked=sortable(lesson.starts_at))
        return text + (" · " + self.tr("practice") if practice else "")

    def show_lessons(self, lessons: list[Lesson], upcoming: list[Lesson],
                     names: dict[int, str], running: Lesson | None,
                     practice: set[int] | None = None) -> None:
        practice = practice or set()
        self.lessons = lessons
        self.next_lesson = upcoming[0] if upcoming else None
        if running is not None:
            self.next_label.setText(self.tr("● The lesson with {name} is in progress.").format(
                name=names.get(running.pupil_id, "?")))
            self.start.setEnabled(False)
        elif self.next_lesson is not None:
            lesson = self.next_lesson
            self.next_label.setText(self.tr("Next: <b>{name}</b>, {when} ({minutes} min on "
                                            "{platform})").format(
                name=names.get(lesson.pupil_id, "?"),
                when=weekday_time(lesson.starts_at),
                minutes=lesson.duration_min, platform=lesson.platform or "—"))
            self.start.setEnabled(True)
        else:
            self.next_label.setText(self.tr("No lesson is booked. Press New lesson to book "
                                            "one."))
            self.start.setEnabled(False)
        self.table.setRowCount(len(lessons))
        for row, lesson in enumerate(lessons):
            cells = [self.when(lesson, lesson.id in practice),
                     names.get(lesson.pupil_id, "?"), f"{lesson.duration_min} min",
                     lesson.platform, self.tr(STATE_WORDS.get(lesson.state, lesson.state))]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.selection_changed()

    def selected(self) -> Lesson | None:
        rows = self.table.selectionModel().selectedRows()
        return self.lessons[rows[0].row()] if rows else None

    def selection_changed(self) -> None:
        lesson = self.selected()
        self.cancel.setEnabled(lesson is not None and lesson.state == "booked")
        self.record.setHtml(summary_html(self.summary_for(lesson.id)) if lesson else
                            self.tr("<p>Choose a lesson above to see its record: the checks, "
                                    "who confirmed what and when, recordings and "
                                    "incidents.</p>"))

    def _start(self) -> None:
        chosen = self.selected()
        lesson = chosen if chosen is not None and chosen.state == "booked" else self.next_lesson
        if lesson is not None:
            self.start_lesson.emit(lesson.id)

    def _cancel(self) -> None:
        lesson = self.selected()
        if lesson is not None:
            self.cancel_lesson.emit(lesson.id)
