"""The family's (or the school's) own lesson page: who is teaching, when the lesson is, what
is recorded and why, consent, "I'm here", what to do if something worries them, and the
lesson's record afterwards, each in one short card.

Why a page of its own: a parent who is not technical must see at a glance what the lesson
needs from them and press one button for it; the tutor's pages (checks, bookings) are there
too, one tab along, for those who want them. Thin: FamilyWiring fills it from the use cases
(app.family_lesson) and does what its buttons ask.
"""

from __future__ import annotations

from html import escape as _escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.theme import status_colour


def escape(text: str) -> str:
    return _escape(text, quote=False)  # an apostrophe reads as one in the label's text


BIG_BUTTON = "QPushButton { font-size: 12pt; font-weight: bold; padding: 10px 18px; }"


def _words(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


class FamilyView(QWidget):
    """One column of cards, read top to bottom in the order the lesson happens."""

    here_clicked = Signal()
    out_clicked = Signal()
    room_clicked = Signal()
    consent_clicked = Signal()
    withdraw_clicked = Signal()
    link_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _words(self, self.tr("Whose lessons these are"))
        # Who is teaching, and whether this LessonGuard is linked with theirs.
        self.teacher = _words(self, self.tr("Who is teaching"))
        self.link_button = QPushButton(self.tr("&Link with the tutor…"), self)
        self.link_button.setAccessibleName(self.tr("Link this LessonGuard with the tutor's"))
        self.link_button.clicked.connect(self.link_clicked)
        teacher_box, teacher_layout = self._card(self.tr("Who is teaching"), self.teacher)
        teacher_layout.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignLeft)
        # The next lesson, or the one on now.
        self.lesson = _words(self, self.tr("The lesson"))
        lesson_box, _lesson_layout = self._card(self.tr("The lesson"), self.lesson)
        # The adult with the pupil: the two buttons a parent presses most.
        self.presence = _words(self, self.tr("Whether you said you are with the pupil"))
        self.here = QPushButton(self.tr("✔ I'm &here"), self)
        self.here.setAccessibleName(self.tr("I'm here with the pupil"))
        self.here.setStyleSheet(BIG_BUTTON)
        self.out = QPushButton(self.tr("I've &stepped out"), self)
        self.out.setAccessibleName(self.tr("I've stepped out of the room"))
        self.out.setStyleSheet(BIG_BUTTON)
        self.room = QPushButton(self.tr("This is a li&ving area"), self)
        self.room.setAccessibleName(
            self.tr("Confirm the room is a living area, not a bedroom or bathroom"))
        self.here.clicked.connect(self.here_clicked)
        self.out.clicked.connect(self.out_clicked)
        self.room.clicked.connect(self.room_clicked)
        presence_box, presence_layout = self._card(self.tr("You and the room"), self.presence)
        row = QHBoxLayout()
        row.addWidget(self.here)
        row.addWidget(self.out)
        row.addWidget(self.room)
        row.addStretch(1)
        presence_layout.addLayout(row)
        # Recording: what and why in the pack's words, then consent.
        self.recording = _words(self, self.tr("What is recorded and why"))
        self.consent = _words(self, self.tr("Consent to record"))
        self.give = QPushButton(self.tr("&Give consent…"), self)
        self.give.setAccessibleName(self.tr("Give consent to record the lessons"))
        self.withdraw = QPushButton(self.tr("&Withdraw consent…"), self)
        self.withdraw.setAccessibleName(self.tr("Withdraw consent to record"))
        self.give.clicked.connect(self.consent_clicked)
        self.withdraw.clicked.connect(self.withdraw_clicked)
        recording_box, recording_layout = self._card(self.tr("Recording"), self.recording)
        recording_layout.addWidget(self.consent)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.give)
        consent_row.addWidget(self.withdraw)
        consent_row.addStretch(1)
        recording_layout.addLayout(consent_row)
        # What to do if something worries them: the red button above every page.
        self.worry = _words(self, self.tr("If something worries you"))
        worry_box, _worry_layout = self._card(self.tr("If something worries you"), self.worry)
        # What happened in the lesson, as the tutor's LessonGuard (or this one) kept it.
        self.record_note = _words(self, self.tr("About the lesson's record"))
        self.record = QTextBrowser(self)
        self.record.setAccessibleName(self.tr("The lesson's record"))
        self.record.setMinimumHeight(160)
        self.record.hide()
        record_box, record_layout = self._card(self.tr("After the lesson"), self.record_note)
        record_layout.addWidget(self.record)
        self.message = _words(self, self.tr("What was just done"))
        self.message.hide()

        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.addWidget(self.title)
        column.addWidget(self.message)
        for box in (teacher_box, lesson_box, presence_box, recording_box, worry_box,
                    record_box):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what it holds
        scroll.setAccessibleName(self.tr("Your lesson"))
        scroll.setWidget(inner)
        self.scroller = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.boxes = {"teacher": teacher_box, "lesson": lesson_box, "presence": presence_box,
                      "recording": recording_box, "worry": worry_box, "record": record_box}

    def _card(self, title: str, first: QWidget) -> tuple[QGroupBox, QVBoxLayout]:
        box = QGroupBox(title, self)
        layout = QVBoxLayout(box)
        first.setParent(box)
        layout.addWidget(first)
        return box, layout

    # --- what the wiring shows ---

    def show_title(self, pupil: str) -> None:
        self.title.setText(self.tr("<h2>{pupil}'s lessons</h2>").format(pupil=escape(pupil))
                           if pupil else self.tr("<h2>Your lessons</h2>"))

    def show_teacher(self, words: str, linked: bool, can_link: bool = True) -> None:
        """Who teaches and how this LessonGuard hears from theirs; the link button until
        there is a link."""
        self.teacher.setText(words)
        self.link_button.setVisible(can_link and not linked)

    def show_lesson(self, words: str) -> None:
        self.lesson.setText(words)

    def show_presence(self, words: str, *, lesson: bool, present: bool | None,
                      room_asked: bool, room_done: bool) -> None:
        """The adult's state in words; "I'm here" and "I've stepped out" offer what would
        change it (both only while there is a lesson to say it for)."""
        self.presence.setText(words)
        self.here.setEnabled(lesson and present is not True)
        self.out.setEnabled(lesson and present is True)
        self.room.setVisible(room_asked)
        self.room.setEnabled(lesson and not room_done)

    def show_recording(self, words: str, consent: str, *, allowed: bool, given: bool) -> None:
        """What is recorded and why, then consent: give it where the pack records and none is
        on file; withdraw it while one is."""
        self.recording.setText(words)
        self.consent.setText(consent)
        self.consent.setVisible(bool(consent))
        self.give.setVisible(allowed and not given)
        self.withdraw.setVisible(given)

    def show_worry(self, tutor: str, linked: bool) -> None:
        muted = status_colour("muted")
        told = (self.tr("{tutor} is told at once, on their computer.").format(
            tutor=escape(tutor)) if linked and tutor else
            self.tr("Then tell the tutor and the organisation what happened."))
        self.worry.setText(self.tr(
            "<p>Press the red <b>■ Stop camera and mic now</b> button at the top of this window "
            "(or Ctrl+Shift+X). Camera and microphone stop at once for the lesson. {told}</p>"
            "<p style='color:{muted}'>LessonGuard then shows who to contact and helps you "
            "write down what happened.</p>").format(told=told, muted=muted))

    def show_record(self, note: str, record_html: str) -> None:
        """The lesson's record once there is one; until then, when it will come."""
        self.record_note.setText(note)
        self.record.setHtml(record_html)
        self.record.setVisible(bool(record_html))

    def say(self, text: str, problem: bool = False) -> None:
        colour = status_colour("fail" if problem else "good")
        self.message.setText(f"<b style='color:{colour}'>{escape(text)}</b>")
        self.message.show()
