"""Settings' deliberate steps: choose another policy pack, and set the organisation's PIN.

Thin: each dialog collects a choice and a PIN and says what will change; SettingsWiring calls
app.org_guard, and a refusal (a wrong PIN, a pack that does not load) is shown here, with the
dialog left open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import LessonGuardError
from app.policy.loader import load_pack
from ui.pack_list import PackChoice
from ui.theme import fit_to_screen
from ui.translations import say_error


def _problem_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setAccessibleName(parent.tr("Problem"))
    label.hide()
    return label


class PolicyDialog(QDialog):
    """Another pack: nothing changes until "Change policy" is pressed and, where the
    organisation set one, its PIN is given."""

    confirmed = Signal(str, str)  # the pack chosen, the PIN typed ("" when none is asked)

    def __init__(self, current: str, current_name: str, pin_needed: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change the organisation's policy"))
        self.current = current
        intro = QLabel(self.tr(
            "LessonGuard now follows <b>{name}</b>. The policy decides what is checked before "
            "each lesson, whether lessons are recorded and who may watch them. Change it only "
            "when your organisation tells you to.").format(name=current_name), self)
        intro.setWordWrap(True)
        self.packs = PackChoice(self)
        self.packs.setAccessibleName(self.tr("Organisation's policy"))
        if not self.packs.select(current):
            try:
                self.packs.add(current, load_pack(current), current)
                self.packs.select(current)
            except LessonGuardError:
                pass  # the broken file stays out of the list; the strictest pack stands in
        self.file = QPushButton(self.tr("A policy &file from my organisation…"), self)
        self.file.clicked.connect(self._choose_file)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("Organisation's PIN"))
        form = QFormLayout()
        pin_label = QLabel(self.tr("Organisation's &PIN"), self)
        pin_label.setBuddy(self.pin)
        form.addRow(pin_label, self.pin)
        for widget in (pin_label, self.pin):
            widget.setVisible(pin_needed)
        self.pin_needed = pin_needed
        self.problem = _problem_label(self)
        buttons = QDialogButtonBox(self)
        self.change = buttons.addButton(self.tr("&Change policy"),
                                        QDialogButtonBox.ButtonRole.AcceptRole)
        self.change.setAccessibleName(self.tr("Change the policy to the one chosen"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.packs, 1)
        layout.addWidget(self.file, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.packs.changed.connect(self._changed)
        self._changed()
        self.resize(640, 560)
        fit_to_screen(self)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a policy pack"),
                                              str(Path.home()),
                                              self.tr("Policy packs (*.toml)"))
        if path:
            self.add_file(path)

    def add_file(self, path: str) -> bool:
        try:
            self.packs.add(path, load_pack(path), path)
        except LessonGuardError as exc:
            self.show_problem(say_error(exc))
            return False
        self.packs.select(path)
        return True

    def _changed(self) -> None:
        choice = self.packs.choice()
        self.change.setEnabled(choice is not None and choice != self.current)
        self.problem.hide()

    def _confirm(self) -> None:
        choice = self.packs.choice()
        if choice is None or choice == self.current:
            return
        self.confirmed.emit(choice, self.pin.text())

    def show_problem(self, text: str) -> None:
        self.problem.setText("⚠ " + text)
        self.problem.show()


class PinDialog(QDialog):
    """Set the organisation's PIN, or change it (the current one is asked first)."""

    confirmed = Signal(str, str)  # the new PIN, the current PIN ("" when none is set)

    def __init__(self, pin_set: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Organisation's PIN"))
        intro = QLabel(self.tr(
            "With a PIN, the policy and the role of this computer change only when it is "
            "typed. Keep it with your organisation's safeguarding lead, not with the person "
            "who uses this computer."), self)
        intro.setWordWrap(True)
        self.old = QLineEdit(self)
        self.new = QLineEdit(self)
        self.again = QLineEdit(self)
        form = QFormLayout()
        for field, words, name in (
                (self.old, self.tr("&Current PIN"), self.tr("Current PIN")),
                (self.new, self.tr("&New PIN"), self.tr("New PIN")),
                (self.again, self.tr("New PIN &again"), self.tr("New PIN again"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            label = QLabel(words, self)
            label.setBuddy(field)
            form.addRow(label, field)
            if field is self.old and not pin_set:
                label.hide()
                field.hide()
        self.problem = _problem_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        fit_to_screen(self)

    def _confirm(self) -> None:
        if self.new.text() != self.again.text():
            self.show_problem(self.tr("The two new PINs are not the same."))
            return
        self.confirmed.emit(self.new.text(), self.old.text())

    def show_problem(self, text: str) -> None:
        self.problem.setText("⚠ " + text)
        self.problem.show()
