"""Adding a pupil and their responsible adult from the window, in one small form.

Why here: consent is given by a named adult for a named pupil, so both must exist before a
lesson can be recorded; a tutor should not need the command line for that.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.people import AGE_BANDS  # one list of the bands the window offers


class AddPupilDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a pupil"))
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Pupil's name"))
        self.use_band = QCheckBox(self.tr("Give an age band instead of the date of birth"), self)
        self.dob = QDateEdit(QDate.currentDate().addYears(-11), self)
        self.dob.setCalendarPopup(True)
        self.dob.setDisplayFormat("d MMM yyyy")
        self.dob.setAccessibleName(self.tr("Pupil's date of birth"))
        self.band = QComboBox(self)
        self.band.addItems(AGE_BANDS)
        self.band.setAccessibleName(self.tr("Pupil's age band"))
        self.band.setEnabled(False)
        self.adult = QLineEdit(self)
        self.adult.setAccessibleName(self.tr("Parent or responsible adult's name"))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.use_band.toggled.connect(self.band.setEnabled)
        self.use_band.toggled.connect(lambda on: self.dob.setEnabled(not on))
        form = QFormLayout()
        form.addRow(self.tr("Pupil's &name"), self.name)
        form.addRow(self.tr("&Date of birth"), self.dob)
        form.addRow("", self.use_band)
        form.addRow(self.tr("Age &band"), self.band)
        form.addRow(self.tr("Parent or responsible &adult"), self.adult)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    @property
    def date_of_birth(self) -> str | None:
        return None if self.use_band.isChecked() else self.dob.date().toString("yyyy-MM-dd")

    @property
    def age_band(self) -> str | None:
        return self.band.currentText() if self.use_band.isChecked() else None

    def show_problem(self, text: str) -> None:
        self.problem.setText("⚠ " + text)
        self.problem.show()

    def _accept(self) -> None:
        if not self.name.text().strip() or not self.adult.text().strip():
            self.show_problem(self.tr("Give the pupil's name and their parent's or "
                                      "responsible adult's name."))
            return
        self.accept()
