"""The organisation's safeguarding lead, entered on this computer: name, phone and email.

Why: some policies name a lead but give no way to reach them, so the report after a panic
would offer nobody to call. Asked at first run when the pack names no phone or email, and
always editable in Settings. What is typed here is shown in the report as entered on this
computer, never as the organisation's policy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from pydantic import ValidationError
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from app.incident_contacts import pack_names_lead
from app.policy.schema import PolicyPack
from app.settings import SafeguardingLead, load_settings, save_settings
from app.store import Store
from ui.translations import Translatable


class SafeguardingLeadBox(QGroupBox):
    def __init__(self, lead: SafeguardingLead, pack_names_one: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Your organisation's safeguarding lead"), parent)
        self.setAccessibleName(self.tr("Your organisation's safeguarding lead"))
        self.why = QLabel(self)
        self.why.setWordWrap(True)
        self.set_pack_names_one(pack_names_one)
        self.name = QLineEdit(lead.name, self)
        self.name.setAccessibleName(self.tr("Safeguarding lead's name"))
        self.name.setMaxLength(120)
        self.phone = QLineEdit(lead.phone, self)
        self.phone.setAccessibleName(self.tr("Safeguarding lead's phone"))
        self.phone.setPlaceholderText(self.tr("e.g. 01234 567890"))
        self.phone.setMaxLength(30)
        self.email = QLineEdit(lead.email, self)
        self.email.setAccessibleName(self.tr("Safeguarding lead's email"))
        self.email.setMaxLength(254)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        self.form = form
        form.addRow(self.why)
        for text, field in ((self.tr("Lead's na&me:"), self.name),
                            (self.tr("Lead's &phone:"), self.phone),
                            (self.tr("Lead's e&mail:"), self.email)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.problem)

    def fill(self, lead: SafeguardingLead) -> None:
        self.name.setText(lead.name)
        self.phone.setText(lead.phone)
        self.email.setText(lead.email)

    def set_pack_names_one(self, names_one: bool) -> None:
        self.why.setText(self.tr(
            "Your organisation's policy gives a way to reach its safeguarding lead; you may "
            "add the details you were given.") if names_one else self.tr(
            "Your organisation's policy gives no phone or email for its safeguarding lead. "
            "Enter the ones you were given, so the report after a panic offers someone to "
            "call."))

    def lead(self) -> SafeguardingLead | None:
        """What was typed, checked; None (with the reason shown) when it cannot be kept."""
        try:
            lead = SafeguardingLead(name=self.name.text().strip(),
                                    phone=self.phone.text().strip(),
                                    email=self.email.text().strip())
        except ValidationError as exc:
            field = str(exc.errors()[0]["loc"][0])
            self.problem.setText("⚠ " + (self.tr("That phone number has letters or is too "
                                                 "short: digits, spaces and + only.")
                                         if field == "phone" else
                                         self.tr("That email address is not complete.")))
            return None
        self.problem.clear()
        return lead


class LeadSection(Translatable):
    """The lead's box on the Settings page, with its Save button."""

    def __init__(self, page: SectionPage, store: Store,
                 pack: Callable[[], PolicyPack]) -> None:
        self.store = store
        self.box = SafeguardingLeadBox(load_settings(store).safeguarding_lead,
                                       pack_names_lead(pack()))
        self.save = QPushButton(self.tr("&Save the lead's details"), self.box)
        self.save.setAccessibleName(self.tr("Save the safeguarding lead's details"))
        self.box.form.addRow(self.save)
        page.add_section(self.box)
        self.save.clicked.connect(self.keep)

    def keep(self) -> bool:
        lead = self.box.lead()
        if lead is None:
            return False
        save_settings(self.store, load_settings(self.store).model_copy(
            update={"safeguarding_lead": lead}))
        self.box.problem.setText("✔ " + self.tr("Saved: the report after a panic offers "
                                                "this lead."))
        return True


class SectionPage(Protocol):
    """A page that takes another group of settings (ui.settings_page.SettingsPage)."""

    def add_section(self, widget: QWidget) -> None: ...
