"""Linking this LessonGuard with the other side's, once per pupil: the tutor creates a short
code and reads it out (or pastes it in the lesson chat), the family or school types it.

Thin: these widgets show the code and ask for it; LinkWiring runs the pairing (app.linking)
off the window's thread and tells them how it went. Why a code and not an address: a code
that is spoken once, used once and valid for ten minutes is something a parent can do, and
the pairing behind it is authenticated, so nobody who sees the code later can join.
"""

from __future__ import annotations

from html import escape as _escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.theme import guard_combo, status_colour


def escape(text: str) -> str:
    return _escape(text, quote=False)  # an apostrophe reads as one in the label's text


def _words(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if name:
        label.setAccessibleName(name)
    return label


def _status(label: QLabel, text: str, kind: str) -> None:
    """Status words with their symbol, in a colour readable on either theme."""
    label.setText(f"<span style='color:{status_colour(kind)}'>{escape(text)}</span>")
    label.show()



def _offer_close(busy: QWidget, cancel: QPushButton, close_button: QPushButton) -> None:
    """A pairing has ended, either way: nothing to wait for or cancel, Close is the way on."""
    busy.hide()
    cancel.hide()
    close_button.show()
    close_button.setDefault(True)
    close_button.setFocus()

class _Busy(QProgressBar):
    """A bar that says "working" while the other side is awaited (no percentage to give)."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setMaximumHeight(8)
        self.setAccessibleName(name)
        self.hide()


class CreateLinkDialog(QDialog):
    """The tutor's side: choose the pupil, create the code, show it large, wait."""

    create_requested = Signal(int)  # the pupil's id
    cancel_requested = Signal()

    def __init__(self, pupils: list[tuple[int, str, str]], parent: QWidget | None = None) -> None:
        """`pupils`: (id, pupil's name, their adult's name) for each pupil on this computer."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link with a family or school"))
        self.adults = {pid: adult for pid, _name, adult in pupils}
        intro = _words(self.tr(
            "Link your LessonGuard with the one the pupil's family (or school) uses, once per "
            "pupil. Then what they confirm on their computer (they are in the room, consent, "
            "their checks) shows on your Ready screen, and a panic on either side reaches the "
            "other at once."), self)
        self.pupil = guard_combo(QComboBox(self))
        self.pupil.setAccessibleName(self.tr("Pupil to link"))
        for pid, name, _adult in pupils:
            self.pupil.addItem(name, pid)
        pupil_label = QLabel(self.tr("&Pupil:"), self)
        pupil_label.setBuddy(self.pupil)
        self.make_code = QPushButton(self.tr("&Create a code"), self)
        self.make_code.setAccessibleName(self.tr("Create a linking code"))
        self.make_code.setEnabled(bool(pupils))
        self.make_code.clicked.connect(self._create)
        self.code = QLabel(self)
        self.code.setAccessibleName(self.tr("The linking code"))
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(26)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 3)
        self.code.setFont(font)
        self.code.hide()
        self.copy = QPushButton(self.tr("C&opy the code"), self)
        self.copy.setAccessibleName(self.tr("Copy the code, to paste it in the lesson chat"))
        self.copy.clicked.connect(self._copy)
        self.copy.hide()
        self.waiting = _words("", self, self.tr("What LessonGuard is waiting for"))
        self.waiting.hide()
        self.busy = _Busy(self.tr("Waiting for the other side"), self)
        self.outcome = _words("", self, self.tr("How the linking went"))
        self.outcome.hide()
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.setAccessibleName(self.tr("Cancel the linking"))
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self._cancel)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        form = QFormLayout()
        form.addRow(pupil_label, self.pupil)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.make_code, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.code)
        layout.addWidget(self.copy, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.waiting)
        layout.addWidget(self.busy)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(560, 420)
        self.working = False

    def _create(self) -> None:
        pupil = self.pupil.currentData()
        if pupil is None:
            return
        self.working = True
        self.make_code.setEnabled(False)
        self.pupil.setEnabled(False)
        self.outcome.hide()
        _status(self.waiting, "… " + self.tr("Creating a code…"), "muted")
        self.busy.show()
        self.create_requested.emit(int(pupil))

    def show_code(self, code: str, valid_until: str) -> None:
        """The code, large, and who must type it where."""
        adult = self.adults.get(self.pupil.currentData(), "")
        self.code.setText(code)
        self.code.show()
        self.copy.show()
        self.copy.setFocus()
        who = adult or self.tr("the family or school")
        self.waiting.setText(self.tr(
            "Waiting for <b>{who}</b> to type it in their LessonGuard (Settings → Link with the "
            "tutor). Read it out, or copy it into the lesson chat. It works once, until "
            "{time}.").format(who=escape(who), time=escape(valid_until)))
        self.waiting.show()

    def _copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.code.text())
        _status(self.outcome, "✔ " + self.tr("Copied: paste it in the lesson chat."), "good")

    def show_linked(self, words: str) -> None:
        self._done()
        self.code.hide()
        self.copy.hide()
        self.waiting.hide()
        _status(self.outcome, "✔ " + words, "good")

    def show_problem(self, words: str) -> None:
        self._done()
        self.code.hide()
        self.copy.hide()
        self.waiting.hide()
        _status(self.outcome, "⚠ " + words, "fail")
        self.make_code.setEnabled(True)
        self.pupil.setEnabled(True)
        self.make_code.setText(self.tr("&Create a new code"))

    def _done(self) -> None:
        self.working = False
        _offer_close(self.busy, self.cancel, self.close_button)

    def _cancel(self) -> None:
        if self.working:
            self.cancel_requested.emit()
        self.reject()

    def reject(self) -> None:  # Escape and the window's close button too
        if self.working:
            self.working = False
            self.cancel_requested.emit()
        super().reject()


class JoinLinkDialog(QDialog):
    """The family's or school's side: type the tutor's code."""

    join_requested = Signal(str)
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link with the tutor"))
        intro = _words(self.tr(
            "The tutor creates a code in their LessonGuard and reads it out, or puts it in the "
            "lesson chat. Type it here. Then the tutor sees on their computer when you say you "
            "are in the room, your consent, and a panic pressed here."), self)
        self.code = QLineEdit(self)
        self.code.setAccessibleName(self.tr("The tutor's code"))
        self.code.setPlaceholderText("ABCD-EFGH-JKMN")
        self.code.setMaxLength(40)
        font = self.code.font()
        font.setPointSize(max(font.pointSize(), 9) + 6)
        self.code.setFont(font)
        code_label = QLabel(self.tr("The tutor's &code:"), self)
        code_label.setBuddy(self.code)
        self.link = QPushButton(self.tr("&Link"), self)
        self.link.setAccessibleName(self.tr("Link with the tutor's LessonGuard"))
        self.link.setDefault(True)
        self.link.clicked.connect(self._join)
        self.code.returnPressed.connect(self._join)
        self.busy = _Busy(self.tr("Linking"), self)
        self.outcome = _words("", self, self.tr("How the linking went"))
        self.outcome.hide()
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        row = QHBoxLayout()
        row.addWidget(code_label)
        row.addWidget(self.code, 1)
        row.addWidget(self.link)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(560, 300)
        self.working = False
        self.code.setFocus()

    def _join(self) -> None:
        code = self.code.text().strip()
        if self.working:
            return
        if not code:
            _status(self.outcome, "⚠ " + self.tr("Type the code the tutor gave you."), "fail")
            self.code.setFocus()
            return
        self.working = True
        self.link.setEnabled(False)
        self.code.setEnabled(False)
        self.busy.show()
        _status(self.outcome, "… " + self.tr("Linking with the tutor's LessonGuard…"), "muted")
        self.join_requested.emit(code)

    def show_linked(self, words: str) -> None:
        self.working = False
        _offer_close(self.busy, self.cancel, self.close_button)
        _status(self.outcome, "✔ " + words, "good")

    def show_problem(self, words: str) -> None:
        self.working = False
        self.busy.hide()
        self.link.setEnabled(True)
        self.code.setEnabled(True)
        self.code.selectAll()
        self.code.setFocus()
        _status(self.outcome, "⚠ " + words, "fail")

    def reject(self) -> None:
        if self.working:
            self.working = False
            self.cancel_requested.emit()
        super().reject()


class LinksBox(QGroupBox):
    """Settings → Linked computers: the broker, the links, and the button that makes one."""

    link_requested = Signal()
    remove_requested = Signal(str)  # the link's id
    broker_saved = Signal(str)

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Linked computers"), parent)
        self.setAccessibleName(self.tr("Linked computers"))
        self.about = _words(self.tr(
            "Linked, the tutor's LessonGuard and the family's (or school's) exchange small "
            "messages: the adult is in the room, consent, the checks' verdicts, a panic, the "
            "lesson's record. They are encrypted end to end; the broker your organisation "
            "runs passes them on without being able to read them. Never pictures or sound."),
            self)
        self.broker = QLineEdit(self)
        self.broker.setAccessibleName(self.tr("Broker address"))
        self.broker.setPlaceholderText("mqtts://broker.example.org:8883")
        self.broker.setMaxLength(2048)
        broker_label = QLabel(self.tr("&Broker:"), self)
        broker_label.setBuddy(self.broker)
        self.save_broker = QPushButton(self.tr("Sa&ve"), self)
        self.save_broker.setAccessibleName(self.tr("Save the broker address"))
        self.save_broker.clicked.connect(lambda: self.broker_saved.emit(self.broker.text()))
        self.broker.returnPressed.connect(lambda: self.broker_saved.emit(self.broker.text()))
        self.state = _words("", self, self.tr("Whether the linked computers can be reached"))
        self.links = QListWidget(self)
        self.links.setAccessibleName(self.tr("Linked computers"))
        self.links.setMaximumHeight(120)
        self.links.hide()
        self.none = _words("", self, self.tr("No linked computers"))
        tutor = role == "tutor"
        self.link = QPushButton(self.tr("&Link with a family or school…") if tutor
                                else self.tr("&Link with the tutor…"), self)
        self.link.setAccessibleName(self.link.text().replace("&", "").rstrip("…"))
        self.link.clicked.connect(self.link_requested)
        self.remove = QPushButton(self.tr("&Remove the link"), self)
        self.remove.setAccessibleName(self.tr("Remove the chosen link"))
        self.remove.clicked.connect(self._remove)
        self.remove.hide()
        self.message = _words("", self, self.tr("Linking message"))
        self.message.hide()
        broker_row = QHBoxLayout()
        broker_row.addWidget(broker_label)
        broker_row.addWidget(self.broker, 1)
        broker_row.addWidget(self.save_broker)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(broker_row)
        layout.addWidget(self.state)
        layout.addWidget(self.none)
        layout.addWidget(self.links)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def show_broker(self, url: str, state: str, kind: str) -> None:
        if not self.broker.hasFocus():
            self.broker.setText(url)
        _status(self.state, state, kind)
        self.link.setEnabled(bool(url))
        self.link.setToolTip("" if url else self.tr("Set the broker first."))

    def show_links(self, links: list[tuple[str, str]]) -> None:
        """(link id, its words) for each link kept here."""
        self.links.clear()
        for link_id, words in links:
            item = QListWidgetItem(words, self.links)
            item.setData(Qt.ItemDataRole.UserRole, link_id)
        self.links.setVisible(bool(links))
        self.remove.setVisible(bool(links))
        self.none.setVisible(not links)
        self.none.setText(self.tr("Not linked yet: this LessonGuard works on its own, and "
                                  "whatever is confirmed here counts as confirmed here."))
        if links:
            self.links.setCurrentRow(0)

    def _remove(self) -> None:
        item = self.links.currentItem()
        if item is not None:
            self.remove_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def say(self, text: str, problem: bool = False) -> None:
        _status(self.message, ("⚠ " if problem else "✔ ") + text, "fail" if problem else "good")
