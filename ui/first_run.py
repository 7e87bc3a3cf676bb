"""First run: who you are, your organisation's policy, your pupils and their sponsors.

Thin: the pages collect answers; app.profile saves them. No account and no network: it all
stays on this computer, and "Set up again…" reopens it with the answers filled in.
"""

from __future__ import annotations

import html
import logging
from itertools import pairwise

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.consent import Consents, consent_text
from app.errors import LessonGuardError
from app.incident_contacts import pack_names_lead
from app.lesson_plan import sponsor_words
from app.org_guard import needs_pin, pin_matches
from app.people import People
from app.policy.engine import recording_policy
from app.policy.loader import load_pack
from app.policy.schema import PolicyPack
from app.profile import NewPupil, add_pupil, save_profile, sponsor_needed
from app.settings import AppSettings, SafeguardingLead, load_settings, save_settings
from app.store import Store
from ui.pack_list import PackChoice, shown
from ui.people_dialog import AGE_BANDS
from ui.safeguarding_lead import SafeguardingLeadBox
from ui.theme import fit_to_screen
from ui.translations import QT_TRANSLATE_NOOP, say, say_error

log = logging.getLogger(__name__)
# Ready keeps id 3 whether or not the consent page (4) comes before it.
PUPILS_PAGE, CONSENT_PAGE, READY_PAGE = 2, 4, 3
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
        self.list = PackChoice(self)
        self.list.setAccessibleName(self.tr("Organisation's policy"))
        self.packs = self.list.packs
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
        self.list.changed.connect(self.completeChanged)
        self.select(current)

    def select(self, spec: str) -> None:
        if spec not in self.packs:
            try:
                pack = load_pack(spec)
            except LessonGuardError as exc:
                self.problem.setText("⚠ " + say_error(exc))
                self.problem.show()
                return
            self.list.add(spec, pack, spec)
        self.list.select(spec)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Policy file"), "",
                                              self.tr("Policy packs (*.toml)"))
        if path:
            self.problem.hide()
            self.select(path)

    def choice(self) -> str:
        return self.list.choice() or "strict"

    def pack(self) -> PolicyPack:
        return self.packs[self.choice()]

    def isComplete(self) -> bool:
        return self.list.choice() is not None


class PupilsPage(QWizardPage):
    """Pupils with date of birth or age band, their adult, and a sponsor where needed."""

    def __init__(self, store: Store, role_page: RolePage, pack_page: PackPage,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.role_page, self.pack_page = store, role_page, pack_page
        self.setTitle(self.tr("Pupils"))
        self.pending: list[NewPupil] = []
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
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
        layout.addWidget(self.intro)
        layout.addWidget(self.existing)
        layout.addLayout(self.form)
        layout.addWidget(self.add)
        layout.addWidget(self.problem)
        layout.addWidget(self.added)
        layout.addStretch(1)
        self.adult.textChanged.connect(self._adult_typed)
        # The form's order, also for Tab: the date of birth was skipped when Tab followed
        # the order the fields were made in.
        chain = (self.name, self.dob, self.use_band, self.band, self.adult, self.sponsor,
                 self.sponsor_adult, self.add)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def names(self) -> list[str]:
        """Every pupil: those already added and those this run will add."""
        return [p.name for p in People(self.store).list("pupil")] + [
            p.name for p in self.pending]

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
        # Credited to whoever asks: the organisation's policy, or LessonGuard's own default.
        sponsor = " " + say(sponsor_words(pack)) if needs_sponsor else ""
        # In the page, not the wizard's subtitle: a subtitle set here kept the height of the
        # one before it and was cut off.
        self.intro.setText(self.tr(
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


def consent_offered(role: str, pack: PolicyPack) -> bool:
    """A parent setting up is asked once here, instead of finding a button on the camera
    page: only where the pack records lessons and asks the parent's consent."""
    policy = recording_policy(pack)
    return role == "responsible_adult" and policy.allowed and (
        "responsible_adult" in policy.consent_from)


class ConsentPage(QWizardPage):
    """The pack's own consent words; typing one's name agrees (app.consent grants it when
    the pupils are saved). Leaving it empty gives no consent: it can be given later."""

    def __init__(self, role_page: RolePage, pack_page: PackPage, pupils_page: PupilsPage,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role_page, self.pack_page, self.pupils_page = role_page, pack_page, pupils_page
        self.setTitle(self.tr("Recording lessons"))
        self.words = QLabel(self)
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setAccessibleName(self.tr("Consent wording"))
        self.words.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.words.setStyleSheet("QLabel { border: 1px solid palette(mid); padding: 8px; }")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(self.tr("Consent wording"))
        scroll.setWidget(self.words)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Type your full name to agree"))
        self.name.setPlaceholderText(self.tr("Your full name, to agree"))
        label = QLabel(self.tr("To agree, type your full na&me (leave it empty to decide "
                               "later, on the Camera and microphone page):"), self)
        label.setWordWrap(True)
        label.setBuddy(self.name)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(label)
        layout.addWidget(self.name)
        layout.addWidget(self.problem)

    def own_children(self) -> list[str]:
        """The pupils whose responsible adult is the person setting up: consent is theirs."""
        me = self.role_page.name.text().strip().casefold()
        people = People(self.pupils_page.store)
        pupils = {p.id: p.name for p in people.list("pupil")}
        known = [pupils[a.pupil_id] for a in people.list("responsible_adult")
                 if a.pupil_id in pupils and a.name.strip().casefold() == me]
        return known + [p.name for p in self.pupils_page.pending
                        if p.adult_name.strip().casefold() == me]

    def initializePage(self) -> None:
        pack = self.pack_page.pack()
        self.setSubTitle(self.tr("{pack} records lessons with your consent. Read what you "
                                 "agree to for {names}.").format(
            pack=pack.name, names=", ".join(self.own_children()) or self.tr("your child")))
        self.words.setText(shown(consent_text(pack)).replace("\n", "\n\n"))

    def validatePage(self) -> bool:
        typed = self.name.text().strip()
        if typed and typed.casefold() != self.role_page.name.text().strip().casefold():
            self.problem.setText("⚠ " + self.tr(
                "Consent is given by typing your own name, as on the first page."))
            self.problem.show()
            return False
        return True


class ReadyPage(QWizardPage):
    def __init__(self, pack_page: PackPage, pupils_page: PupilsPage,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack_page, self.pupils_page = pack_page, pupils_page
        self.setTitle(self.tr("Ready"))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAccessibleName(self.tr("What your policy asks for"))
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(self.tr("What your policy asks for"))
        scroll.setWidget(self.text)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        # Asked only when the pack gives no phone or email for its safeguarding lead.
        self.lead = SafeguardingLeadBox(SafeguardingLead(), False, self)
        self.lead.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.lead)
        layout.addWidget(self.problem)

    def initializePage(self) -> None:
        pack = self.pack_page.pack()
        self.lead.setVisible(not pack_names_lead(pack))
        names = self.pupils_page.names()
        pupils = (self.tr("<b>Pupils:</b> {names}.").format(
            names=html.escape(", ".join(names))) if names else
            self.tr("<b>Pupils:</b> none yet. Add them later with <b>Add pupil…</b>."))
        self.text.setText(self.tr(
            "<p>LessonGuard will follow <b>{pack}</b>.</p><p>{summary}</p><p>{pupils}</p>"
            "<p><b>Recording:</b> {recording}</p><p>Before each lesson press <b>Start "
            "lesson</b>: it walks you through what the policy asks for. You can change these "
            "answers later with <b>Set up again…</b>.</p>").format(
            pack=html.escape(pack.name), summary=html.escape(shown(pack.summary)),
            pupils=pupils,
            recording=html.escape(shown(say(recording_policy(pack).reason)))))


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
        self.consent_page = ConsentPage(self.role_page, self.pack_page, self.pupils_page, self)
        self.ready_page = ReadyPage(self.pack_page, self.pupils_page, self)
        self.ready_page.lead.fill(settings.safeguarding_lead)
        self.addPage(self.role_page)
        self.addPage(self.pack_page)
        self.addPage(self.pupils_page)
        self.setPage(CONSENT_PAGE, self.consent_page)
        self.setPage(READY_PAGE, self.ready_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.resize(720, 560)
        fit_to_screen(self)
        self.currentIdChanged.connect(lambda i: log.info("first run page %d", i))

    def nextId(self) -> int:
        """The consent page only for a parent whose pack asks their consent to record."""
        current = self.currentId()
        if current == PUPILS_PAGE:
            offered = consent_offered(self.role_page.role(), self.pack_page.pack())
            return CONSENT_PAGE if offered else READY_PAGE
        if current == CONSENT_PAGE:
            return READY_PAGE
        if current == READY_PAGE:
            return -1
        return super().nextId()

    def ask_pin(self) -> str | None:
        """The organisation's PIN, asked only when this run changes a guarded answer."""
        pin, ok = QInputDialog.getText(
            self, self.tr("Organisation's PIN"),
            self.tr("Your organisation protects the policy and the role with a PIN. "
                    "Type it to save these answers:"), QLineEdit.EchoMode.Password)
        return pin if ok else None

    def accept(self) -> None:
        name = self.role_page.name.text().strip()
        pack = self.pack_page.pack()
        role = self.role_page.role()
        lead = self.ready_page.lead.lead() if self.ready_page.lead.isVisibleTo(self) else None
        if self.ready_page.lead.isVisibleTo(self) and lead is None:
            return  # the box says what is wrong with the lead's phone or email
        pin: str | None = None
        if needs_pin(self.store, role, self.pack_page.choice()):
            pin = self.ask_pin()
            if pin is None:
                return
            if not pin_matches(self.store, pin):  # before anything is saved
                self.ready_page.problem.setText("⚠ " + self.tr(
                    "That is not your organisation's PIN: nothing was changed. Ask your "
                    "safeguarding lead for it, or press Cancel."))
                self.ready_page.problem.show()
                return
        try:
            pending = self.pupils_page.pending
            while pending:  # one at a time, so a refused one leaves the rest to retry
                add_pupil(self.store, pack, pending[0], actor=name)
                pending.pop(0)
            save_profile(self.store, role, name, self.pack_page.choice(), pin=pin)
            if lead is not None:
                save_settings(self.store, load_settings(self.store).model_copy(
                    update={"safeguarding_lead": lead}))
        except LessonGuardError as exc:
            self.back()
            if self.currentId() == CONSENT_PAGE:
                self.back()
            self.pupils_page._problem(say_error(exc))
            return
        self._consent(name, pack)
        log.info("first run done: %s under %s", role, pack.id)
        super().accept()

    def _consent(self, name: str, pack: PolicyPack) -> None:
        """Consent typed on the consent page, granted through app.consent for each pupil
        whose responsible adult is the person setting up."""
        typed = self.consent_page.name.text().strip()
        if not typed or not consent_offered(self.role_page.role(), pack):
            return
        people = People(self.store)
        consents = Consents(self.store)
        for adult in people.list("responsible_adult"):
            if adult.pupil_id is None or adult.name.casefold() != name.casefold():
                continue
            if consents.current(pack, adult.pupil_id):
                continue
            try:
                consents.grant(pack, adult.pupil_id, adult.id, typed)
            except LessonGuardError as exc:  # said in the log; it can be given later
                log.warning("consent at first run not recorded: %s", say_error(exc))
