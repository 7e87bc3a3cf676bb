"""End of lesson: the responsible adult confirms the end by name, school staff confirm the
pupil is back in class, and the saved summary is shown.

Thin: the pack's needs come from app.lesson_plan, the summary from app.lessons.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.lesson_plan import EndNeeds
from app.lessons import record_lines
from ui.theme import fit_to_screen, paint_status
from ui.translations import say


class EndLessonDialog(QDialog):
    def __init__(self, pupil: str, needs: EndNeeds, user_name: str, role: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.needs = needs
        self.setWindowTitle(self.tr("End the lesson with {name}").format(name=pupil))
        intro = QLabel(self.tr("Ending the lesson stops any recording and saves the lesson's "
                               "record."), self)
        intro.setWordWrap(True)
        why = QLabel(say(needs.why), self)
        why.setWordWrap(True)
        paint_status(why, "muted")
        why.setVisible(bool(needs.why))
        self.adult = QLineEdit(user_name if role == "responsible_adult" else "", self)
        self.adult.setAccessibleName(self.tr("Responsible adult's full name"))
        self.adult.setPlaceholderText(self.tr("Responsible adult's full name"))
        adult_label = QLabel(self.tr("Responsible adult's full &name:"), self)
        adult_label.setBuddy(self.adult)
        self.adult_here = QCheckBox(self.tr("I, the responsible adult, am &here at the end"),
                                    self)
        self.adult_here.setAccessibleName(self.tr("The responsible adult is here at the end"))
        for widget in (adult_label, self.adult, self.adult_here):
            widget.setVisible(needs.adult_confirms)
        self.staff = QLineEdit(user_name if role == "school_staff" else "", self)
        self.staff.setAccessibleName(self.tr("Staff member's full name"))
        staff_label = QLabel(self.tr("Staff member's full na&me:"), self)
        staff_label.setBuddy(self.staff)
        self.returned = QCheckBox(self.tr("The pupil has gone back to &class"), self)
        self.returned.setAccessibleName(self.tr("The pupil has gone back to class"))
        for widget in (staff_label, self.staff, self.returned):
            widget.setVisible(needs.pupil_returns_to_class)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.save = buttons.addButton(self.tr("&End lesson and save"),
                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setAccessibleName(self.tr("End the lesson and save its record"))
        self.save.setDefault(True)
        buttons.addButton(self.tr("Keep going"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        shown: tuple[QWidget, ...] = (intro, why, adult_label, self.adult, self.adult_here,
                                      staff_label, self.staff, self.returned, self.problem,
                                      buttons)
        for part in shown:
            layout.addWidget(part)
        (self.adult if needs.adult_confirms and not self.adult.text() else
         self.adult_here if needs.adult_confirms else
         self.returned if needs.pupil_returns_to_class else self.save).setFocus()

    def confirmations(self) -> list[tuple[str, str, str]]:
        out = []
        if self.needs.adult_confirms:
            out.append(("adult_present_at_end", self.adult.text().strip(), "responsible_adult"))
        if self.needs.pupil_returns_to_class:
            out.append(("pupil_returned_to_class", self.staff.text().strip(), "school_staff"))
        return out

    def _accept(self) -> None:
        if self.needs.adult_confirms and (len(self.adult.text().strip()) < 2
                                          or not self.adult_here.isChecked()):
            self.problem.setText("⚠ " + self.tr("The policy asks the responsible adult to "
                                                "confirm the end: type their name and tick."))
            fit_to_screen(self, self.sizeHint())  # taller, so no text above it is cut off
            return
        if self.needs.pupil_returns_to_class and (len(self.staff.text().strip()) < 2
                                                  or not self.returned.isChecked()):
            self.problem.setText("⚠ " + self.tr("Confirm, with your name, that the pupil is "
                                                "back in class."))
            fit_to_screen(self, self.sizeHint())
            return
        self.accept()


def summary_html(summary: dict[str, Any]) -> str:
    lines = [say(line) for line in record_lines(summary)]
    head, rest = lines[0], lines[1:]
    items = "".join(f"<li>{escape(line.strip())}</li>" for line in rest)
    return f"<h2>{escape(head)}</h2><ul>{items}</ul>"


class SummaryDialog(QDialog):
    """The lesson's record, as saved to the lesson log."""

    def __init__(self, summary: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lesson record"))
        saved = QLabel("✔ " + self.tr("Saved to the lesson log (Lessons → History). A linked "
                                      "family's or school's LessonGuard shows it on their own "
                                      "lesson page."), self)
        saved.setWordWrap(True)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(self.tr("Lesson record"))
        self.text.setHtml(summary_html(summary))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(saved)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 460)
