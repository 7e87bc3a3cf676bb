"""The panic button, always in view, and what it did once pressed.

Thin: one big button and, after the press, a calm panel with the next steps. The button asks
nothing; everything else is one more click.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

PANIC_STYLE = ("QPushButton { background: #b00020; color: white; font-weight: bold; "
               "font-size: 11pt; padding: 8px 16px; border-radius: 6px; } "
               "QPushButton:focus { border: 3px solid #1a3d7c; }")
LEAVE_FIRST_STYLE = ("QPushButton { background: #5f0010; color: white; font-weight: bold; "
                     "padding: 6px 12px; }")
# The panel keeps its light red in either theme, so its words keep their own dark colour
# (the dark theme's light text was unreadable on it).
PANEL_STYLE = ("QWidget#panicPanel { background: #fdecea; border: 2px solid #b00020; "
               "border-radius: 6px; } QWidget#panicPanel QLabel { color: #202124; }")


class PanicBar(QWidget):
    panic_clicked = Signal()
    report_clicked = Signal()
    leave_clicked = Signal()
    resume_clicked = Signal()

    def __init__(self, shortcut_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QPushButton(
            self.tr("■ Stop camera and mic now ({keys})").format(keys=shortcut_text), self)
        self.button.setAccessibleName(self.tr("Panic: stop camera and microphone now"))
        self.button.setStyleSheet(PANIC_STYLE)
        self.panel = QWidget(self)
        self.panel.setObjectName("panicPanel")
        self.panel.setStyleSheet(PANEL_STYLE)
        self.headline = QLabel(self.tr(
            "■ Camera and microphone are OFF for the lesson. The lesson sees a privacy card and "
            "hears nothing."), self.panel)
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("QLabel { font-size: 11pt; font-weight: bold; "
                                    "color: #5f0010; }")
        self.detail = QLabel(self.panel)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(self.tr("What the panic button did"))
        self.report = QPushButton(self.tr("&Report what happened…"), self.panel)
        self.report.setAccessibleName(self.tr("Report what happened"))
        self.leave = QPushButton(self.tr("&Leave the lesson platform"), self.panel)
        self.leave.setAccessibleName(self.tr("Close the lesson platform's window"))
        self.resume = QPushButton(self.tr("Resume camera and &mic"), self.panel)
        self.resume.setAccessibleName(self.tr("Resume camera and microphone"))
        buttons = QHBoxLayout()
        self.buttons = buttons
        buttons.addWidget(self.report)
        buttons.addWidget(self.leave)
        buttons.addStretch(1)
        buttons.addWidget(self.resume)
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.addWidget(self.headline)
        panel_layout.addWidget(self.detail)
        panel_layout.addLayout(buttons)
        self.panel.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.panel)
        self.button.clicked.connect(self.panic_clicked.emit)
        self.report.clicked.connect(self.report_clicked.emit)
        self.leave.clicked.connect(self.leave_clicked.emit)
        self.resume.clicked.connect(self.resume_clicked.emit)
        self._lines: list[str] = []

    def show_pressed(self, held: list[str], headline: str) -> None:
        self._lines = [self.tr("The recording goes on and is kept on hold as evidence.")
                       if held else self.tr("Nothing was being recorded.")]
        self.detail.setText("\n".join(self._lines))
        self.headline.setText(headline)
        self._order(leave_first=False)
        self.button.hide()
        self.panel.show()
        self.report.setFocus()

    def set_headline(self, text: str) -> None:
        """Only what was verified: which microphone is still live, who still sees you."""
        self.headline.setText(text)

    def show_direct_camera(self, programs: list[str]) -> None:
        """A platform reads the webcam itself: the card cannot cover the picture, so
        leaving the platform comes first."""
        if not programs:
            return
        self._order(leave_first=True)
        self.leave.setFocus()

    def _order(self, leave_first: bool) -> None:
        """Leave first (and the default) when it is the only way to cut the picture."""
        row = self.buttons
        for widget in (self.report, self.leave):
            row.removeWidget(widget)
        first, second = (self.leave, self.report) if leave_first else (self.report,
                                                                        self.leave)
        row.insertWidget(0, first)
        row.insertWidget(1, second)
        self.leave.setStyleSheet(LEAVE_FIRST_STYLE if leave_first else "")

    def add_line(self, text: str) -> None:
        if text:
            self._lines.append(text)
            self.detail.setText("\n".join(self._lines))

    def show_resumed(self) -> None:
        self.panel.hide()
        self.button.show()
