"""The guided report after a panic press: calm, large text, every step by keyboard.

Each page writes what it learns to the incident record as the user moves on (nothing is lost
if the window closes half-way), and the order follows the organisation's procedure: danger
first, then who is reporting, what happened, the pack's steps for that role, the details,
the evidence, who to tell, what to ask of the organisation, and the sealed package.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import LessonGuardError
from app.incident_contacts import Phone, ReportEmail, Route, report_email, routes_for
from app.incident_package import export_incident
from app.incidents import STATUS_TEXT, STATUSES, Incident, Incidents
from app.policy.engine import IncidentGuidance
from app.policy.schema import CATEGORY_IDS, ROLES, PolicyPack
from app.recordings import Recordings
from app.report_facts import ReportFacts, report_facts
from app.settings import load_settings
from app.times import clock, day
from ui.passphrase_dialog import ask_passphrase
from ui.theme import FOCUS_RING, paint_status
from ui.translations import say, say_error

log = logging.getLogger(__name__)
P_DANGER, P_999, P_WHO, P_WHAT, P_STEPS, P_DETAILS, P_EVIDENCE, P_TELL, P_ASK, P_DONE = range(10)
ROLE_TEXT = {"tutor": "Tutor", "pupil": "Pupil", "responsible_adult":
             "Parent or responsible adult", "school_staff": "School staff"}
# Calm and large: big type, roomy choices, a clear focus ring for keyboard users.
BIG = ("QWizard, QWizard QWidget { font-size: 14pt; } "
       "QRadioButton, QCheckBox { padding: 8px 4px; } "
       "QRadioButton::indicator, QCheckBox::indicator { width: 22px; height: 22px; } "
       "QRadioButton:focus, QCheckBox:focus, QPushButton:focus { "
       "border: 2px solid #1a3d7c; border-radius: 4px; } " + FOCUS_RING)


def _label(text: str, parent: QWidget, *, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if bold:
        label.setStyleSheet("font-weight: bold;")
    return label


def _when(iso: str) -> str:
    return clock(iso, seconds=True)


class DangerPage(QWizardPage):
    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Is a child in immediate danger right now?"))
        self.yes = QRadioButton(self.tr("&Yes — a child is in danger now"), self)
        self.no = QRadioButton(self.tr("&No, not right now"), self)
        group = QButtonGroup(self)
        group.addButton(self.yes)
        group.addButton(self.no)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(self.tr(
            "LessonGuard has cut the camera and muted every microphone it could; the red "
            "banner says if any could not be cut. Any recording is kept as evidence."), self))
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        layout.addStretch(1)
        group.buttonToggled.connect(lambda *_: self.completeChanged.emit())

    def isComplete(self) -> bool:
        return self.yes.isChecked() or self.no.isChecked()


class CallPolicePage(QWizardPage):
    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Call 999 now"))
        headline = _label(self.tr("Call 999 now and say a child is in danger."), self, bold=True)
        headline.setStyleSheet("font-size: 20pt; font-weight: bold; color: #b00020;")
        headline.setAccessibleName(self.tr("Call 999 now"))
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(_label(self.tr(
            "Then come back here: the next pages help you tell the right people. The child "
            "can talk to Childline any time on 0800 1111."), self))
        layout.addStretch(1)


class WhoPage(QWizardPage):
    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Who is reporting?"))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        self.buttons: dict[str, QRadioButton] = {}
        for role in ROLES:
            button = QRadioButton(self.tr(ROLE_TEXT[role]), self)
            self.group.addButton(button)
            self.buttons[role] = button
            layout.addWidget(button)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.setPlaceholderText(self.tr("Your name"))
        name_label = _label(self.tr("Your &name"), self)
        name_label.setBuddy(self.name)  # "&" is the Alt key, not a character to show
        layout.addWidget(name_label)
        layout.addWidget(self.name)
        layout.addStretch(1)
        self.group.buttonToggled.connect(lambda *_: self.completeChanged.emit())

    def initializePage(self) -> None:
        """Who uses this computer, as set up: the person corrects it if someone else
        reports."""
        incident, facts = self.wiz.record(), self.wiz.facts
        role = incident.reporter_role or facts.role
        if self.role is None and role in self.buttons:
            self.buttons[role].setChecked(True)
        if not self.name.text():
            self.name.setText(incident.reporter_name or facts.name)

    @property
    def role(self) -> str | None:
        return next((r for r, b in self.buttons.items() if b.isChecked()), None)

    def isComplete(self) -> bool:
        return self.role is not None

    def validatePage(self) -> bool:
        assert self.role is not None
        self.wiz.incidents.set_reporter(self.wiz.incident_id, self.role, self.name.text())
        return True


class WhatPage(QWizardPage):
    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("What happened?"))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        for category in CATEGORY_IDS:
            button = QRadioButton(wizard.pack.incidents.get(category).title, self)
            self.group.addButton(button)
            self.buttons[category] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.buttonToggled.connect(lambda *_: self.completeChanged.emit())

    @property
    def category(self) -> str | None:
        return next((c for c, b in self.buttons.items() if b.isChecked()), None)

    def isComplete(self) -> bool:
        return self.category is not None

    def validatePage(self) -> bool:
        assert self.category is not None
        self.wiz.incidents.set_category(self.wiz.pack, self.wiz.incident_id, self.category,
                                        child_in_danger=self.wiz.danger)
        return True


class StepsPage(QWizardPage):
    """The pack's procedure for this incident and role; each tick is time-stamped."""

    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("What to do now, step by step"))
        self.basis = _label("", self)
        paint_status(self.basis, "muted")
        self.box = QWidget(self)
        self.box_layout = QVBoxLayout(self.box)
        scroll = QScrollArea(self)
        scroll.setAccessibleName(self.tr("Steps to take"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.basis)
        layout.addWidget(scroll, 1)
        self.checks: list[QCheckBox] = []

    def initializePage(self) -> None:
        incident = self.wiz.record()
        guidance = self.wiz.guidance()
        self.basis.setText(self.tr("From your organisation's policy: {basis}").format(
            basis=guidance.procedure_basis))
        while self.box_layout.count():
            item = self.box_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.checks = []
        for note in guidance.notes:
            self.box_layout.addWidget(_label("⚠ " + note, self.box, bold=True))
        for step in incident.steps:
            # A tick box and the step's words beside it, wrapped (a tick box cannot wrap).
            row = QWidget(self.box)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            check = QCheckBox(f"{step.position}.", row)
            check.setAccessibleName(self.tr("Step {n}: {text}").format(n=step.position,
                                                                       text=step.text))
            words = _label(step.text, row)
            line.addWidget(check, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(words, 1)
            if step.done_at:
                check.setChecked(True)
                words.setText(step.text + self.tr("  ✔ done at {t}").format(
                    t=_when(step.done_at)))
            check.toggled.connect(
                lambda on, s=step.id, c=check, w=words: self._ticked(on, s, c, w))
            self.box_layout.addWidget(row)
            self.checks.append(check)
        self.box_layout.addStretch(1)

    def _ticked(self, on: bool, step_id: int, check: QCheckBox, words: QLabel) -> None:
        """A tick is time-stamped; an untick (a step ticked by mistake) is logged too."""
        if not on:
            step = self.wiz.incidents.untick_step(step_id, self.wiz.reporter_name())
            words.setText(step.text)
            return
        step = self.wiz.incidents.tick_step(step_id, self.wiz.reporter_name())
        words.setText(step.text + self.tr("  ✔ done at {t}").format(t=_when(step.done_at
                                                                          or "")))


class DetailsPage(QWizardPage):
    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Write down what happened"))
        self.happened_at = QLineEdit(self)
        self.people = QLineEdit(self)
        self.narrative = QPlainTextEdit(self)
        self.child_words = QPlainTextEdit(self)
        self.actions_taken = QPlainTextEdit(self)
        form = QFormLayout(self)
        for label, widget, name in (
                (self.tr("&When it happened"), self.happened_at, self.tr("When it happened")),
                (self.tr("Who was &involved"), self.people, self.tr("Who was involved")),
                (self.tr("What &happened"), self.narrative, self.tr("What happened")),
                (self.tr("The child's own wo&rds"), self.child_words,
                 self.tr("The child's own words")),
                (self.tr("&Actions taken"), self.actions_taken, self.tr("Actions taken"))):
            widget.setAccessibleName(name)
            if isinstance(widget, QPlainTextEdit):
                widget.setTabChangesFocus(True)
                widget.setMaximumHeight(90)
            form.addRow(label, widget)

    def initializePage(self) -> None:
        """What LessonGuard knows: when the panic was pressed, in which lesson, with whom."""
        incident, facts = self.wiz.record(), self.wiz.facts
        if not self.happened_at.text():
            self.happened_at.setText(
                incident.details.get("happened_at") or say(facts.when())
                or (self.tr("{day}, around {time}").format(
                    day=day(incident.panic_at), time=clock(incident.panic_at))
                    if incident.panic_at else ""))
        if not self.people.text():
            self.people.setText(incident.details.get("people_involved")
                                or say(facts.people_involved()))

    def validatePage(self) -> bool:
        self.wiz.incidents.record_details(
            self.wiz.incident_id, self.wiz.reporter_name(),
            happened_at=self.happened_at.text(), people_involved=self.people.text(),
            narrative=self.narrative.toPlainText(), child_words=self.child_words.toPlainText(),
            actions_taken=self.actions_taken.toPlainText())
        return True


class EvidencePage(QWizardPage):
    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Evidence"))
        self.recordings = _label("", self)
        self.sealed = _label(self.tr(
            "Indecent images of a child: do not take a screenshot, do not copy and do not "
            "replay anything. LessonGuard has sealed the recording for the police."), self,
            bold=True)
        self.sealed.setStyleSheet("font-weight: bold; color: #b00020;")
        self.screenshot = QPushButton(self.tr("Take a &screenshot of the screen"), self)
        self.screenshot.setAccessibleName(self.tr("Take a screenshot of the screen"))
        self.play = QPushButton(self.tr("&Play the held recording"), self)
        self.chat = QPlainTextEdit(self)
        self.chat.setAccessibleName(self.tr("Paste the lesson chat here"))
        self.chat.setPlaceholderText(self.tr("Paste any chat messages from the lesson here"))
        self.chat.setTabChangesFocus(True)
        self.message = _label("", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recordings)
        layout.addWidget(self.sealed)
        layout.addWidget(self.screenshot)
        layout.addWidget(self.play)
        layout.addWidget(_label(self.tr("Chat text (optional)"), self))
        layout.addWidget(self.chat)
        layout.addWidget(self.message)
        self.screenshot.clicked.connect(self._screenshot)
        self.play.clicked.connect(self._play)

    def initializePage(self) -> None:
        incident = self.wiz.record()
        held = [e for e in incident.evidence if e.kind == "recording"]
        self.recordings.setText(
            self.tr("Kept on hold as evidence: {n} recording(s). {notes}").format(
                n=len(held), notes=" ".join(e.note for e in held))
            if held else self.tr("Nothing was being recorded, so there is no recording."))
        sealed = incident.sealed
        self.sealed.setVisible(sealed)
        self.screenshot.setVisible(not sealed)
        self.play.setVisible(bool(held))

    def _screenshot(self) -> None:
        png = self.wiz.grab_screen()
        try:
            self.wiz.incidents.add_screenshot(self.wiz.incident_id, png,
                                              self.wiz.reporter_name())
        except LessonGuardError as exc:
            self.message.setText("⊘ " + say_error(exc))
            return
        self.message.setText(self.tr("✔ Screenshot kept with the report."))

    def _play(self) -> None:
        incident = self.wiz.record()
        if incident.sealed:
            self.message.setText(self.tr(
                "⊘ This recording is sealed for the police and cannot be played."))
            return
        self.message.setText(self.tr("The recording can be played on the Recordings page by "
                                     "the people your organisation allows."))

    def validatePage(self) -> bool:
        text = self.chat.toPlainText().strip()
        if text:
            self.wiz.incidents.add_chat(self.wiz.incident_id, text, self.wiz.reporter_name())
            self.chat.clear()
        return True


PHONE_STYLE = "font-size: 22pt; font-weight: bold;"


class TellPage(QWizardPage):
    """Who to tell, top first; each number large with a copy button; the email prepared in
    the mail program, or copied and saved when there is none."""

    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Who to tell"))
        self.box = QWidget(self)
        self.box_layout = QVBoxLayout(self.box)
        scroll = QScrollArea(self)
        scroll.setAccessibleName(self.tr("Who to tell"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.box)
        self.email = QPushButton(self.tr("Prepare an &email to the safeguarding lead"), self)
        self.email.setAccessibleName(self.tr("Prepare an email to the safeguarding lead"))
        # When no mail program is set up: copy the text, or save it as a draft file.
        self.fallback = QWidget(self)
        self.fallback_text = _label(self.tr(
            "No mail program is set up on this computer. Copy the subject and text into your "
            "email, or save them as a file your mail program can open."), self.fallback)
        self.copy_email = QPushButton(self.tr("&Copy the subject and text"), self.fallback)
        self.save_email = QPushButton(self.tr("Save as an .eml &file…"), self.fallback)
        row = QHBoxLayout()
        row.addWidget(self.copy_email)
        row.addWidget(self.save_email)
        row.addStretch(1)
        fallback_layout = QVBoxLayout(self.fallback)
        fallback_layout.setContentsMargins(0, 0, 0, 0)
        fallback_layout.addWidget(self.fallback_text)
        fallback_layout.addLayout(row)
        self.fallback.hide()
        self.message = _label("", self)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.email)
        layout.addWidget(self.fallback)
        layout.addWidget(self.message)
        self.email.clicked.connect(self._email)
        self.copy_email.clicked.connect(self.copy_text)
        self.save_email.clicked.connect(lambda: self.save_eml())
        self.checks: list[QCheckBox] = []
        self.routes: list[Route] = []
        self.copy_buttons: dict[str, QPushButton] = {}

    def initializePage(self) -> None:
        for i in reversed(range(self.box_layout.count())):
            item = self.box_layout.takeAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.checks = []
        self.copy_buttons = {}
        self.routes = self.wiz.routes()
        told = {(c["target"], c["how"]) for c in self.wiz.record().contacted}
        order: list[QWidget] = []  # Tab follows the page: each contact, then the email
        for route in self.routes:
            self.box_layout.addWidget(_label(route.name, self.box, bold=True))
            for phone in route.phones:
                self.box_layout.addWidget(self._phone_row(route, phone))
                order.append(self.copy_buttons[phone.number])
            if route.why:
                self.box_layout.addWidget(_label(self.tr("Why: ") + route.why, self.box))
            self.box_layout.addWidget(_label(self.tr("How: ") + route.how, self.box))
            check = QCheckBox(self.tr("I have told them"), self.box)
            check.setAccessibleName(self.tr("I have told {name}").format(name=route.name))
            check.setChecked((route.key, f"told {route.name}") in told)  # back on this page
            check.toggled.connect(lambda on, r=route, c=check: self._told(on, r.key, r.name, c))
            self.box_layout.addWidget(check)
            self.checks.append(check)
            order.append(check)
        for before, after in pairwise([*order, self.email]):
            QWidget.setTabOrder(before, after)

    def _phone_row(self, route: Route, entry: Phone) -> QWidget:
        phone = entry.number
        row = QWidget(self.box)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        if entry.who and entry.who not in route.name:
            line.addWidget(QLabel(entry.who + ":", row))
        number = QLabel(phone, row)
        number.setStyleSheet(PHONE_STYLE)
        number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        number.setAccessibleName(self.tr("{name}: phone {number}").format(
            name=entry.who or route.name, number=phone))
        copy = QPushButton(self.tr("Copy"), row)
        copy.setAccessibleName(self.tr("Copy the number {number}").format(number=phone))
        copy.clicked.connect(lambda _c=False, n=phone: self._copy_number(n))
        line.addWidget(number)
        line.addWidget(copy)
        line.addStretch(1)
        self.copy_buttons[phone] = copy
        return row

    def _copy_number(self, number: str) -> None:
        QGuiApplication.clipboard().setText(number)
        self.message.setText(self.tr("✔ {number} copied.").format(number=number))

    def _told(self, on: bool, key: str, name: str, check: QCheckBox) -> None:
        """A tick is time-stamped; an untick (ticked by mistake) takes it back, logged by the
        same rule as a procedure step's."""
        if on:
            self.wiz.incidents.contacted(self.wiz.incident_id, key, f"told {name}",
                                         self.wiz.reporter_name())
        else:
            self.wiz.incidents.uncontacted(self.wiz.incident_id, key, f"told {name}",
                                           self.wiz.reporter_name())

    def report_email(self) -> ReportEmail:
        return report_email(self.wiz.record(), self.wiz.guidance(), self.wiz.routes())

    def email_url(self) -> QUrl:
        """A mailto: with text only: never an image or a recording."""
        email = self.report_email()
        return QUrl(f"mailto:{email.to}?subject={quote(email.subject)}"
                    f"&body={quote(email.body)}")

    def _email(self) -> None:
        opened = self.wiz.open_url(self.email_url())
        if opened is False:  # no program handles mailto: here
            log.info("no mail program: offering to copy the email or save it as .eml")
            self.fallback.show()
            self.copy_email.setFocus()
            self.wiz.incidents.contacted(self.wiz.incident_id, "dsl",
                                         "email prepared (no mail program: copy or .eml)",
                                         self.wiz.reporter_name())
            return
        self.wiz.incidents.contacted(self.wiz.incident_id, "dsl", "email prepared",
                                     self.wiz.reporter_name())

    def copy_text(self) -> str:
        text = self.report_email().as_text()
        QGuiApplication.clipboard().setText(text)
        self.message.setText(self.tr("✔ The subject and text are copied: paste them into "
                                     "your email."))
        return text

    def save_eml(self, path: str = "") -> Path | None:
        path = path or QFileDialog.getSaveFileName(
            self, self.tr("Save the email"), f"safeguarding-concern-{self.wiz.incident_id}.eml",
            self.tr("Email (*.eml)"))[0]
        if not path:
            return None
        target = Path(path)
        try:
            target.write_bytes(self.report_email().as_eml())
        except OSError as exc:
            self.message.setText("⚠ " + self.tr("The email could not be saved ({why}).")
                                 .format(why=exc.strerror or exc))
            return None
        self.message.setText(self.tr("✔ Saved as {path}: open it in your mail program.")
                             .format(path=target))
        return target


class AskPage(QWizardPage):
    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("What to ask the organisation to do"))
        self.box_layout = QVBoxLayout(self)
        self.checks: list[tuple[QCheckBox, str, str]] = []

    def initializePage(self) -> None:
        for check, _, _ in self.checks:
            check.deleteLater()
        self.checks = []
        category = self.wiz.record().category
        assert category is not None
        cat = self.wiz.pack.incidents.get(category)
        asks = [(r.kind, r.description) for r in cat.requests]
        if not any(kind == "no_further_contact" for kind, _ in asks):
            asks.append(("no_further_contact", self.tr("No further contact with the other "
                                                       "person until this is resolved.")))
        for kind, description in asks:
            check = QCheckBox(description, self)
            check.setAccessibleName(description)
            self.box_layout.addWidget(check)
            self.checks.append((check, kind, description))

    def validatePage(self) -> bool:
        recorded = {r["kind"] for r in self.wiz.record().requests}
        for check, kind, description in self.checks:
            if check.isChecked() and kind not in recorded:
                self.wiz.incidents.request(self.wiz.incident_id, kind, description,
                                           self.wiz.reporter_name())
        return True


class DonePage(QWizardPage):
    def __init__(self, wizard: IncidentWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Status, follow-up and the sealed report"))
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status of this incident"))
        for status in STATUSES:
            self.status.addItem(say(STATUS_TEXT[status]), status)
        self.follow = _label("", self)
        self.export = QPushButton(self.tr("Save the sealed &report package…"), self)
        self.export.setAccessibleName(self.tr("Save the sealed report package"))
        self.message = _label("", self)
        layout = QVBoxLayout(self)
        status_label = _label(self.tr("&Status"), self)
        status_label.setBuddy(self.status)  # "&" is the Alt key, not a character to show
        layout.addWidget(status_label)
        layout.addWidget(self.status)
        layout.addWidget(self.follow)
        layout.addWidget(self.export)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.export.clicked.connect(lambda: self.save_package())
        self.package: Path | None = None

    def initializePage(self) -> None:
        incident = self.wiz.record()
        contacted = {c["target"] for c in incident.contacted}
        guess = "police_informed" if "police_999" in contacted or "police_101" in contacted \
            else "reported_to_dsl" if "dsl" in contacted else "open"
        self.status.setCurrentIndex(self.status.findData(guess))
        follow = [f"• {f.task} (by {f.due_at[:10]})" for f in incident.follow_ups]
        self.follow.setText(self.tr("Follow-up:\n") + "\n".join(follow) if follow
                            else self.tr("No follow-up tasks are set by the policy."))

    def _save_status(self) -> None:
        status = self.status.currentData()
        if status != self.wiz.record().status:
            self.wiz.incidents.set_status(self.wiz.incident_id, status,
                                          self.wiz.reporter_name())

    def save_package(self, folder: str = "") -> Path | None:
        self._save_status()
        folder = folder or QFileDialog.getExistingDirectory(
            self, self.tr("Where should the sealed report be saved?"))
        if not folder:
            return None
        # Sealed as `lessonguard incident export --passphrase-file` seals: nothing with the
        # child's words in plain. Not through the role gate (app.incident_access): a parent
        # who has just reported may save what they wrote.
        phrase = ask_passphrase(self)
        if phrase is None:
            self.message.setText(self.tr("Not saved: the report is saved only sealed with a "
                                         "passphrase."))
            return None
        try:
            self.package = export_incident(self.wiz.incidents.store, self.wiz.data_dir,
                                           self.wiz.incident_id, Path(folder),
                                           passphrase=phrase, actor=self.wiz.reporter_name())
        except LessonGuardError as exc:
            self.message.setText("⚠ " + say_error(exc))
            return None
        self.message.setText(self.tr(
            "✔ Sealed report saved in {path}. Tell the passphrase to the person who receives "
            "it by phone; they open it with `lessonguard incident open`.").format(
            path=self.package))
        return self.package

    def validatePage(self) -> bool:
        self._save_status()
        return True


class IncidentWizard(QWizard):
    def __init__(self, pack: PolicyPack, incidents: Incidents, recordings: Recordings,
                 incident_id: int, parent: QWidget | None = None,
                 open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
                 facts: ReportFacts | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.facts = facts or report_facts(incidents.store, incident_id)
        self.incidents = incidents
        self.recordings = recordings
        self.data_dir = incidents.data_dir
        self.incident_id = incident_id
        self.open_url = open_url
        self.shown_999 = False
        self.setWindowTitle(self.tr("Report what happened"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setStyleSheet(BIG)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.danger_page = DangerPage(self)
        self.who_page = WhoPage(self)
        self.what_page = WhatPage(self)
        self.steps_page = StepsPage(self)
        self.details_page = DetailsPage(self)
        self.evidence_page = EvidencePage(self)
        self.tell_page = TellPage(self)
        self.ask_page = AskPage(self)
        self.done_page = DonePage(self)
        for page_id, page in ((P_DANGER, self.danger_page), (P_999, CallPolicePage(self)),
                              (P_WHO, self.who_page), (P_WHAT, self.what_page),
                              (P_STEPS, self.steps_page), (P_DETAILS, self.details_page),
                              (P_EVIDENCE, self.evidence_page), (P_TELL, self.tell_page),
                              (P_ASK, self.ask_page), (P_DONE, self.done_page)):
            self.setPage(page_id, page)
        self.setStartId(P_DANGER)
        self.resize(820, 600)
        self.currentIdChanged.connect(self._entered)

    @property
    def danger(self) -> bool:
        return self.danger_page.yes.isChecked()

    def record(self) -> Incident:
        return self.incidents.get(self.incident_id)

    def guidance(self) -> IncidentGuidance:
        incident = self.record()
        return self.incidents.guidance(self.pack, incident.category or "other",
                                       incident.reporter_role or "tutor", self.danger)

    def routes(self) -> list[Route]:
        """Who to tell, top first; the lead entered on this computer where the pack names
        no phone or email."""
        lead = load_settings(self.incidents.store).safeguarding_lead
        return routes_for(self.pack, self.guidance(), lead)

    def reporter_name(self) -> str:
        incident = self.record()
        return incident.reporter_name or (incident.reporter_role or "reporter")

    def grab_screen(self) -> bytes:
        from PySide6.QtCore import QBuffer, QIODevice

        screen = QGuiApplication.primaryScreen()
        pixmap = screen.grabWindow(0)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.save(buffer, "PNG")
        return bytes(buffer.data().data())

    def _entered(self, page_id: int) -> None:
        if page_id == P_999:
            self.shown_999 = True

    def nextId(self) -> int:
        current = self.currentId()
        if current == P_DANGER:
            return P_999 if self.danger else P_WHO
        if current == P_999:
            return P_STEPS if self.record().category else P_WHO
        if current == P_WHAT:
            needs = self.danger or (self.record().category is not None
                                    and self.guidance().call_999_first)
            return P_999 if needs and not self.shown_999 else P_STEPS
        if current == P_DONE:
            return -1
        return current + 1
