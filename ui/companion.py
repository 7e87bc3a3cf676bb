"""The companion window: small, beside the lesson platform, on top if wanted. It shows what
the lesson sees (and whether the background is blurred), the REC banner, the time, the
connection, supervision prompts, the panic button and End lesson.

Thin: it only shows what the controllers say and forwards two clicks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.panic_bar import PANIC_STYLE
from ui.preview import PreviewWidget

STATE_STYLE = {
    "good": ("✔", "#1b5e20", "#e8f5e9"),
    "trouble": ("⚠", "#5f3b00", "#fff4e5"),
    "abort": ("✖", "#8e1b10", "#fdecea"),
    "info": ("ℹ", "#1a3d7c", "#e8f0fe"),
}


def _clock(seconds: int) -> str:
    seconds = max(0, seconds)
    return f"{seconds // 60:d}:{seconds % 60:02d}"


class StatusLine(QLabel):
    """A line that is an icon and words, with a colour as a third cue only."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(name)

    def show_state(self, state: str, text: str) -> None:
        icon, colour, background = STATE_STYLE[state]
        self.setText(f"{icon} {text}")
        self.setStyleSheet(f"QLabel {{ color: {colour}; background: {background}; "
                           "padding: 4px; border-radius: 4px; }")
        self.setAccessibleDescription(text)
        self.show()


class CompanionWindow(QWidget):
    panic_clicked = Signal()
    resume_clicked = Signal()
    end_clicked = Signal()
    show_main = Signal()
    on_top_toggled = Signal(bool)

    def __init__(self, title: str, on_top: bool, shortcut: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(title)
        self.setAccessibleName(self.tr("Lesson companion"))
        self.preview = PreviewWidget(self)
        self.preview.setMinimumSize(240, 135)
        self.look = StatusLine(self.tr("What the lesson sees"), self)
        self.rec = QLabel(self)
        self.rec.setWordWrap(True)
        self.rec.setAccessibleName(self.tr("Recording banner"))
        self.rec.setStyleSheet("QLabel { background: #b00020; color: white; font-weight: bold; "
                               "padding: 6px; border-radius: 4px; }")
        self.rec.hide()
        self.elapsed = QLabel(self)
        self.elapsed.setAccessibleName(self.tr("Lesson time"))
        self.elapsed.setStyleSheet("QLabel { font-size: 16pt; font-weight: bold; }")
        self.connection = StatusLine(self.tr("Connection"), self)
        self.connection.show_state("good", self.tr("Connection: being watched"))
        self.prompt = StatusLine(self.tr("Reminder"), self)
        self.prompt.hide()
        self.panic = QPushButton(self.tr("■ Stop camera and mic now ({keys})").format(
            keys=shortcut), self)
        self.panic.setAccessibleName(self.tr("Panic: stop camera and microphone now"))
        self.panic.setStyleSheet(PANIC_STYLE)
        # After a panic: what it did, and the way back (the main window has the same).
        self.panic_state = StatusLine(self.tr("What the panic button did"), self)
        self.panic_state.hide()
        self.resume = QPushButton(self.tr("&Resume camera and mic"), self)
        self.resume.setAccessibleName(self.tr("Resume camera and microphone"))
        self.resume.hide()
        self.end = QPushButton(self.tr("&End lesson…"), self)
        self.end.setAccessibleName(self.tr("End the lesson"))
        self.main = QPushButton(self.tr("Show &LessonGuard"), self)
        self.main.setAccessibleName(self.tr("Show the main LessonGuard window"))
        self.on_top = QCheckBox(self.tr("Keep on &top"), self)
        self.on_top.setAccessibleName(self.tr("Keep this window above the lesson platform"))
        self.on_top.setChecked(on_top)
        buttons = QHBoxLayout()
        buttons.addWidget(self.end)
        buttons.addWidget(self.main)
        buttons.addWidget(self.on_top)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panic)
        layout.addWidget(self.panic_state)
        layout.addWidget(self.resume)
        layout.addWidget(self.rec)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.look)
        layout.addWidget(self.elapsed)
        layout.addWidget(self.connection)
        layout.addWidget(self.prompt)
        layout.addLayout(buttons)
        self.panic.clicked.connect(self.panic_clicked.emit)
        self.resume.clicked.connect(self.resume_clicked.emit)
        self.end.clicked.connect(self.end_clicked.emit)
        self.main.clicked.connect(self.show_main.emit)
        self.on_top.toggled.connect(self._on_top)
        self._on_top(on_top)
        self.resize(380, 520)

    def _on_top(self, on: bool) -> None:
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if self.isVisible() or on:
            self.show()
        self.on_top_toggled.emit(on)

    def set_time(self, elapsed: int, planned: int) -> None:
        over = elapsed - planned
        text = self.tr("{elapsed} of {planned}").format(elapsed=_clock(elapsed),
                                                        planned=_clock(planned))
        if over > 0:
            text += self.tr(" · {over} over time").format(over=_clock(over))
        self.elapsed.setText(self.tr("Time: ") + text)

    def set_look(self, mode: str, shutter: bool) -> None:
        if shutter:
            self.look.show_state("abort", self.tr("Camera and microphone are OFF for the "
                                                  "lesson"))
        elif mode in ("blur", "colour", "image"):
            words = {"blur": self.tr("blurred"), "colour": self.tr("a plain colour"),
                     "image": self.tr("a picture")}[mode]
            self.look.show_state("good", self.tr("Background: {words}").format(words=words))
        else:
            self.look.show_state("trouble", self.tr("Background: not blurred — the lesson "
                                                    "sees the room as it is"))

    def show_panic(self, on: bool, text: str = "") -> None:
        """Panic on: say what it did, offer Resume in place of the panic button."""
        self.panic.setVisible(not on)
        self.resume.setVisible(on)
        if on:
            self.panic_state.show_state("abort", text.removeprefix("■ ") or self.tr(
                "Camera and microphone are OFF for the lesson"))
        else:
            self.panic_state.hide()

    def set_recording(self, banner: str) -> None:
        self.rec.setText(banner)
        self.rec.setVisible(bool(banner))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing it does not end the lesson: it hides, and the main window has it back."""
        event.ignore()
        self.hide()
        self.show_main.emit()
