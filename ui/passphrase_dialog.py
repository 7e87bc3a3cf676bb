"""Asking for the passphrase that seals an incident package, typed twice.

Why here and not in each page: the report wizard and the incidents page both save sealed
packages, and both must ask the same way, with the same rule as `lessonguard incident export
--passphrase-file` (app.export.check_passphrase, reused, never copied). The dialog only asks
and shows the rule's own words; the sealing is the use case's (app.incident_package).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import LessonGuardError
from app.export import MIN_PASSPHRASE, check_passphrase
from ui.translations import say_error


class PassphraseDialog(QDialog):
    """Two password fields; OK only with the same passphrase twice that the rule accepts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Seal the package with a passphrase"))
        self.setModal(True)
        self.setMinimumWidth(460)  # the explanation reads in a few lines, not a column
        intro = QLabel(self.tr(
            "The report, with the child's words, is encrypted with this passphrase. Tell it "
            "to the person who receives the package by phone, never in the same email. "
            "At least {count} characters: a few unrelated words are best."
        ).format(count=MIN_PASSPHRASE), self)
        intro.setWordWrap(True)
        self.first = QLineEdit(self)
        self.second = QLineEdit(self)
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("Passphrase"))
        self.second.setAccessibleName(self.tr("The passphrase again"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Seal and save"))
        form = QFormLayout()
        first_label = QLabel(self.tr("&Passphrase"), self)
        first_label.setBuddy(self.first)
        second_label = QLabel(self.tr("Type it &again"), self)
        second_label.setBuddy(self.second)
        form.addRow(first_label, self.first)
        form.addRow(second_label, self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def passphrase(self) -> str:
        return self.first.text()

    def accept(self) -> None:
        """Refused with the reason (not the same twice; the rule's own words)."""
        if self.first.text() != self.second.text():
            self.message.setText("⚠ " + self.tr("The two passphrases are not the same: type "
                                                 "it again."))
            self.second.clear()
            self.second.setFocus()
            return
        try:
            check_passphrase(self.first.text())
        except LessonGuardError as exc:
            self.message.setText("⚠ " + say_error(exc))
            self.first.setFocus()
            return
        super().accept()


def ask_passphrase(parent: QWidget | None) -> str | None:
    """The passphrase, or None when the person cancelled (then nothing is saved)."""
    dialog = PassphraseDialog(parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase()
    finally:
        dialog.deleteLater()
