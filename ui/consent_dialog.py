"""The consent screen: the pack's own words, who is agreeing, and their typed name.

Why a typed name: it is a deliberate act by a named person, recorded with the exact words
they saw; a tick box is too easy to click for someone else.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.people import Person
from ui.pack_list import shown


class ConsentDialog(QDialog):
    def __init__(self, wording: str, pupil: Person, givers: list[Person],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Consent to record {name}'s lessons").format(
            name=pupil.name))
        self.form_path: Path | None = None
        self.givers = givers
        intro = QLabel(self.tr("Please read this with the person giving consent. "
                               "Recording starts only after they agree."), self)
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(shown(wording).replace("\n", "\n\n"), self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Consent wording"))
        self.text.setMinimumSize(560, 300)
        self.who = QComboBox(self)
        self.who.setAccessibleName(self.tr("Who is giving consent"))
        for person in givers:
            self.who.addItem(f"{person.name} ({person.role.replace('_', ' ')})", person.id)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Type your full name to agree"))
        self.name.setPlaceholderText(self.tr("Your full name"))
        self.attach = QPushButton(self.tr("Attach a signed form (optional)…"), self)
        self.attach.setAccessibleName(self.tr("Attach a signed consent form"))
        self.attach.clicked.connect(self._choose_form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("Who is agreeing"), self.who)
        form.addRow(self.tr("Type your full name to agree"), self.name)
        form.addRow("", self.attach)
        buttons = QDialogButtonBox(self)
        self.agree = buttons.addButton(self.tr("I agree"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.agree.setAccessibleName(self.tr("I agree to recording"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.name.setFocus()

    @property
    def giver_id(self) -> int | None:
        return self.who.currentData()

    def _choose_form(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Signed consent form"), "",
                                              self.tr("Scans and documents (*.pdf *.png "
                                                      "*.jpg *.jpeg);;All files (*)"))
        if path:
            self.form_path = Path(path)
            self.attach.setText(self.tr("Signed form: {name}").format(name=self.form_path.name))

    def show_problem(self, text: str) -> None:
        self.problem.setText("⚠ " + text)
        self.problem.show()

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.show_problem(self.tr("Type the full name of the person agreeing."))
            return
        self.accept()


class RecordingNotice(QDialog):
    """Shown each time before recording starts: the pack's words and whose consent it rests
    on, so everyone in the room knows what is about to happen."""

    def __init__(self, wording: str, consented: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("This lesson will be recorded"))
        heading = QLabel(self.tr("Recording starts when you press Start. {who}").format(
            who=consented), self)
        heading.setWordWrap(True)
        text = QPlainTextEdit(shown(wording).replace("\n", "\n\n"), self)
        text.setReadOnly(True)
        text.setAccessibleName(self.tr("What the consent covers"))
        text.setMinimumSize(560, 260)
        buttons = QDialogButtonBox(self)
        self.start = buttons.addButton(self.tr("Start recording"),
                                       QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)
        self.start.setFocus()
