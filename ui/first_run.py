"""First run: who you are, your organisation's policy, your pupils and their sponsors.

Thin: the pages collect answers; app.profile saves them. No account and no network: it all
stays on this computer, and "Set up again…" reopens it with the answers filled in.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import LessonGuardError
from app.people import People
from app.policy.loader import load_pack, shipped_pack_ids
from app.policy.schema import PolicyPack
from app.profile import NewPupil, add_pupil, save_profile, sponsor_needed
from app.settings import AppSettings
from app.store import Store
from ui.people_dialog import AGE_BANDS
from ui.translations import QT_TRANSLATE_NOOP, say, say_error

log = logging.getLogger(__name__)
ROLE_TEXT = {
    "tutor": QT_TRANSLATE_NOOP("RolePage", "I &teach the lessons (tutor)"),
    "responsible_adult": QT_TRANSLATE_NOOP("RolePage",
                                           "I am a &parent, carer or responsible adult"),
    "school_staff": QT_TRANSLATE_NOOP("RolePage",
                                      "I work at the &school (staff supervising a pupil)"),
}


class RolePage(QWizardPage):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to LessonGuard"))
        self.setSubTitle(self.tr("LessonGuard keeps online music lessons with children safe. "
                                 "Nothing leaves this computer and no account is needed."))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Who is using LessonGuard on this computer?"), self))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for role, text in ROLE_TEXT.items():
            button = QRadioButton(self.tr(text), self)
            button.setAccessibleName(self.tr(text).replace("&", ""))
            self.group.addButton(button)
            self.buttons[role] = button
            layout.addWidget(button)
            button.toggled.connect(self.completeChanged)
        self.name = QLineEdit(settings.user_name, self)
        self.name.setAccessibleName(self.tr("Your full name"))
        self.name.setPlaceholderText(self.tr("Your full name"))
        self.name.textChanged.connect(self.completeChanged)
        label = QLabel(self.tr("Your full na&me (it goes on what you confirm):"), self)
        label.setBuddy(self.name)
        layout.addWidget(label)
        layout.addWidget(self.name)
        layout.addStretch(1)
        self.buttons[settings.role or "tutor"].setChecked(True)
        self.name.setFocus()

    def role(self) -> str:
        return next(role for role, b in self.buttons.items() if b.isChecked())

    def isComplete(self) -> bool:
        return len(self.name.text().strip()) >= 2


class PackPage(QWizardPage):
    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your organisation's policy"))
        self.setSubTitle(self.tr("LessonGuard follows your organisation's safeguarding policy: "
                                 "what is checked, whether lessons are recorded, what to do if "
                                 "something goes wrong."))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Organisation's policy"))
        self.packs: dict[str, PolicyPack] = {}
        for pack_id in shipped_pack_ids():
            pack = load_pack(pack_id)
            self.packs[pack_id] = pack
            item = QListWidgetItem(f"{pack.name}\n    {pack.summary[:110]}", self.list)
            item.setData(256, pack_id)
        self.custom = QPushButton(self.tr("Use a policy &file from my organisation…"), self)
        self.custom.setAccessibleName(self.tr("Use a policy file"))
        self.custom.clicked.connect(self._choose_file)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        label = QLabel(self.tr("&Choose the policy your organisation gave you. Not sure? "
                               "Choose “Strictest”: it applies the strictest rule of each."),
                       self)
        label.setWordWrap(True)
        label.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.custom)
        layout.addWidget(self.problem)
        self.list.currentRowChanged.connect(self.completeChanged)
        self.select(current)

    def select(self, spec: str) -> None:
        if spec not in self.packs:
            try:
                self.packs[spec] = load_pack(spec)
            except LessonGuardError as exc:
                self.problem.setText("⚠ " + say_error(exc))
                self.problem.show()
                return
            item = QListWidgetItem(f"{self.packs[spec].name}\n    {spec}", self.list)
            item.setData(256, spec)
        for row in range(self.list.count()):
            if self.list.item(row).data(256) == spec:
                self.list.setCurrentRow(row)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Policy file"), "",
                                              self.tr("Policy packs (*.toml)"))
        if path:
            self.problem.hide()
            self.select(path)

    def choice(self) -> str:
        item = self.list.currentItem()
        return str(item.data(256)) if item is not None else "strict"

    def pack(self) -> PolicyPack:
        return self.packs[self.choice()]

    def isComplete(self) -> bool:
        return self.list.currentItem() is not None


class PupilsPage(QWizardPage):
    """Pupils with date of birth or age band, their adult, and a sponsor where needed."""

    def __init__(self, store: Store, role_page: RolePage, pack_page: PackPage,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.role_page, self.pack_page = store, role_page, pack_page
        self.setTitle(self.tr("Pupils"))
        self.pending: list[NewPupil] = []
        self.existing = QLabel(self)
        self.existing.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Pupil's name"))
        self.use_band = QCheckBox(self.tr("Give an age band &instead of the date of birth"),
                                  self)
        self.dob = QDateEdit(QDate.currentDate().addYears(-11), self)
        self.dob.setDisplayFormat("yyyy-MM-dd")
        self.dob.setAccessibleName(self.tr("Pupil's date of birth"))
        self.band = QComboBox(self)
        self.band.addItems(AGE_BANDS)
        self.band.setEnabled(False)
        self.band.setAccessibleName(self.tr("Pupil's age band"))
        self.use_band.toggled.connect(self.band.setEnabled)
        self.use_band.toggled.connect(lambda on: self.dob.setEnabled(not on))
        self.adult = QLineEdit(self)
        self.adult.setAccessibleName(self.tr("Parent or responsible adult's name"))
        self.sponsor = QLineEdit(self)
        self.sponsor.setAccessibleName(self.tr("Sponsor's name (an adult, 18 or over)"))
        self.sponsor_adult = QCheckBox(self.tr("The sponsor is &18 or over"), self)
        self.sponsor_adult.setAccessibleName(self.tr("The sponsor is 18 or over"))
        self.add = QPushButton(self.tr("&Add this pupil"), self)
        self.add.setAccessibleName(self.tr("Add this pupil"))
        self.add.clicked.connect(self._add_clicked)
        self.added = QLabel(self)
        self.added.setWordWrap(True)
        self.added.setAccessibleName(self.tr("Pupils added"))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.form = QFormLayout()
        self.form.addRow(self.tr("Pupil's na&me"), self.name)
        self.form.addRow(self.tr("Date of &birth"), self.dob)
        self.form.addRow("", self.use_band)
        self.form.addRow(self.tr("Age ban&d"), self.band)
        self.form.addRow(self.tr("&Parent or responsible adult"), self.adult)
        self.sponsor_label = QLabel(self.tr("&Sponsor (an adult who registers the pupil)"), self)
        self.sponsor_label.setBuddy(self.sponsor)
        self.form.addRow(self.sponsor_label, self.sponsor)
        self.form.addRow("", self.sponsor_adult)
        layout = QVBoxLayout(self)
        layout.addWidget(self.existing)
        layout.addLayout(self.form)
        layout.addWidget(self.add)
        layout.addWidget(self.problem)
        layout.addWidget(self.added)
        layout.addStretch(1)
        self.adult.textChanged.connect(self._adult_typed)

    def initializePage(self) -> None:
        role = self.role_page.role()
        pack = self.pack_page.pack()
        needs_sponsor = sponsor_needed(pack)
        for widget in (self.sponsor, self.sponsor_label, self.sponsor_adult):
            widget.setVisible(needs_sponsor)
        known = People(self.store).list("pupil")
        self.existing.setText(self.tr("Already added: {names}.").format(
            names=", ".join(p.name for p in known)) if known else "")
        self.existing.setVisible(bool(known))
        if role == "responsible_adult" and not self.adult.text():
            self.adult.setText(self.role_page.name.text().strip())
        sponsor = self.tr(" {pack} needs an adult sponsor for each pupil.").format(
            pack=pack.name) if needs_sponsor else ""
        self.setSubTitle(self.tr(
            "The supervision a lesson needs depends on the pupil's age, so give a date of "
            "birth or an age band.{sponsor} You can add pupils later too.").format(
            sponsor=sponsor))
        self.name.setFocus()

    def _adult_typed(self, text: str) -> None:
        if not self.sponsor.isModified():
            self.sponsor.setText(text)

    def _collect(self) -> NewPupil | None:
        if not self.name.text().strip():
            return None
        return NewPupil(self.name.text().strip(),
                        None if self.use_band.isChecked() else
                        self.dob.date().toString("yyyy-MM-dd"),
                        self.band.currentText() if self.use_band.isChecked() else None,
                        self.adult.text().strip(), self.sponsor.text().strip(),
                        self.sponsor_adult.isChecked())

    def _add_clicked(self) -> bool:
        pupil = self._collect()
        if pupil is None:
            return self._problem(self.tr("Type the pupil's name first."))
        if not pupil.adult_name:
            return self._problem(self.tr("Give the name of {name}'s parent or responsible "
                                         "adult.").format(name=pupil.name))
        if self.sponsor.isVisible() and not (pupil.sponsor_name and pupil.sponsor_is_adult):
            return self._problem(self.tr("{pack} needs a sponsor aged 18 or over: give their "
                                         "name and tick that they are 18 or over.").format(
                pack=self.pack_page.pack().name))
        self.pending.append(pupil)
        self.problem.hide()
        self.added.setText("✔ " + self.tr("Will be added: {names}").format(
            names=", ".join(p.name for p in self.pending)))
        self.name.clear()
        self.name.setFocus()
        self.completeChanged.emit()
        return True

    def _problem(self, text: str) -> bool:
        self.problem.setText("⚠ " + text)
        self.problem.show()
        return False

    def validatePage(self) -> bool:
        """Next adds what is typed, so a pupil is never left behind in the form."""
        if self.name.text().strip():
            return self._add_clicked()
        if self.role_page.role() == "responsible_adult" and not (
                self.pending or People(self.store).list("pupil")):
            return self._problem(self.tr("Add your child first: LessonGuard needs their age."))
        return True


class ReadyPage(QWizardPage):
    def __init__(self, pack_page: PackPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack_page = pack_page
        self.setTitle(self.tr("Ready"))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAccessibleName(self.tr("What your policy asks for"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:
        from app.policy.engine import recording_policy

        pack = self.pack_page.pack()
        self.text.setText(self.tr(
            "<p>LessonGuard will follow <b>{pack}</b>.</p><p>{summary}</p>"
            "<p><b>Recording:</b> {recording}</p><p>Before each lesson press <b>Start "
            "lesson</b>: it walks you through what the policy asks for. You can change these "
            "answers later with <b>Set up again…</b>.</p>").format(
            pack=pack.name, summary=pack.summary,
            recording=say(recording_policy(pack).reason)))


class FirstRunWizard(QWizard):
    def __init__(self, store: Store, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Set up LessonGuard"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.role_page = RolePage(settings, self)
        self.pack_page = PackPage(settings.policy, self)
        self.pupils_page = PupilsPage(store, self.role_page, self.pack_page, self)
        self.addPage(self.role_page)
        self.addPage(self.pack_page)
        self.addPage(self.pupils_page)
        self.addPage(ReadyPage(self.pack_page, self))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.resize(720, 560)
        self.currentIdChanged.connect(lambda i: log.info("first run page %d", i))

    def accept(self) -> None:
        name = self.role_page.name.text().strip()
        pack = self.pack_page.pack()
        try:
            pending = self.pupils_page.pending
            while pending:  # one at a time, so a refused one leaves the rest to retry
                add_pupil(self.store, pack, pending[0], actor=name)
                pending.pop(0)
            save_profile(self.store, self.role_page.role(), name, self.pack_page.choice())
        except LessonGuardError as exc:
            self.back()
            self.pupils_page._problem(say_error(exc))
            return
        log.info("first run done: %s under %s", self.role_page.role(), pack.id)
        super().accept()
