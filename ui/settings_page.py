"""Settings: who uses LessonGuard here, the policy, the look, and where things are kept.

Thin: it shows the current answers and says what was chosen; SettingsWiring saves and applies.
Why a page: first run's answers (role, name, policy, pupils) must be changeable later without
a manual or a command line.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.settings import AppSettings
from ui.pack_list import shown
from ui.page_scroll import PageScroll
from ui.theme import guard_combo
from ui.translations import QT_TRANSLATE_NOOP

ROLE_WORDS = {"tutor": QT_TRANSLATE_NOOP("SettingsPage", "tutor"),
              "responsible_adult": QT_TRANSLATE_NOOP("SettingsPage",
                                                     "parent or responsible adult"),
              "school_staff": QT_TRANSLATE_NOOP("SettingsPage", "school staff")}
THEMES = (("system", QT_TRANSLATE_NOOP("SettingsPage", "Follow the computer")),
          ("light", QT_TRANSLATE_NOOP("SettingsPage", "Light")),
          ("dark", QT_TRANSLATE_NOOP("SettingsPage", "Dark")))


class SettingsPage(QWidget):
    set_up_again = Signal()
    theme_chosen = Signal(str)
    on_top_toggled = Signal(bool)
    change_policy = Signal()
    change_pin = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.who.setAccessibleName(self.tr("Who uses LessonGuard here"))
        self.again = QPushButton(self.tr("Set &up again…"), self)
        self.again.setAccessibleName(self.tr("Set up again: role, name, policy and pupils"))
        self.again.clicked.connect(self.set_up_again)
        you = QGroupBox(self.tr("You and your organisation"), self)
        you_layout = QVBoxLayout(you)
        you_layout.addWidget(self.who)
        you_layout.addWidget(self.again, 0, Qt.AlignmentFlag.AlignLeft)

        # The pack and the PIN: the only place they change, each with its own confirmation.
        self.pack = QLabel(self)
        self.pack.setWordWrap(True)
        self.pack.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pack.setAccessibleName(self.tr("Organisation's policy in force"))
        self.policy_button = QPushButton(self.tr("Change &policy…"), self)
        self.policy_button.setAccessibleName(self.tr("Change the organisation's policy"))
        self.policy_button.clicked.connect(self.change_policy)
        self.pin_button = QPushButton(self.tr("Organisation's P&IN…"), self)
        self.pin_button.setAccessibleName(self.tr("Set or change the organisation's PIN"))
        self.pin_button.clicked.connect(self.change_pin)
        self.pin_state = QLabel(self)
        self.pin_state.setWordWrap(True)
        self.pin_state.setAccessibleName(self.tr("Whether a PIN guards the policy"))
        policy = QGroupBox(self.tr("Organisation's policy"), self)
        policy_layout = QVBoxLayout(policy)
        policy_layout.addWidget(self.pack)
        policy_buttons = QHBoxLayout()
        policy_buttons.addWidget(self.policy_button)
        policy_buttons.addWidget(self.pin_button)
        policy_buttons.addStretch(1)
        policy_layout.addLayout(policy_buttons)
        policy_layout.addWidget(self.pin_state)

        self.theme = guard_combo(QComboBox(self))
        self.theme.setAccessibleName(self.tr("Theme"))
        for key, words in THEMES:
            self.theme.addItem(self.tr(words), key)
        self.theme.activated.connect(lambda _i: self.theme_chosen.emit(self.theme.currentData()))
        self.on_top = QCheckBox(self.tr("Keep the lesson window on &top of the lesson platform"),
                                self)
        self.on_top.setAccessibleName(self.tr("Keep the lesson window on top"))
        self.on_top.clicked.connect(self.on_top_toggled)
        look = QGroupBox(self.tr("Look"), self)
        look_form = QFormLayout(look)
        look_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        theme_label = QLabel(self.tr("T&heme"), self)
        theme_label.setBuddy(self.theme)
        look_form.addRow(theme_label, self.theme)
        look_form.addRow("", self.on_top)

        self.places = QLabel(self)
        self.places.setWordWrap(True)
        self.places.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.places.setAccessibleName(self.tr("Where LessonGuard keeps its files"))
        here = QGroupBox(self.tr("This computer"), self)
        here_layout = QVBoxLayout(here)
        here_layout.addWidget(self.places)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Settings message"))
        # Scrolls, so the page fits a small screen at 150%; sections others add (the
        # safeguarding lead) go in above the message with add_section.
        self.inner = QWidget(self)
        self.sections = QVBoxLayout(self.inner)
        for widget in (you, policy, look, here, self.message):
            self.sections.addWidget(widget)
        self.sections.addStretch(1)
        scroll = PageScroll(self)  # never narrower than what it holds
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what it holds
        scroll.setAccessibleName(self.tr("Settings"))
        scroll.setWidget(self.inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def add_section(self, widget: QWidget) -> None:
        """Another group of settings, placed above the message line."""
        widget.setParent(self.inner)
        self.sections.insertWidget(self.sections.indexOf(self.message), widget)

    def show_policy(self, name: str, summary: str, pin_set: bool) -> None:
        self.pack.setText(self.tr("<b>{name}</b><br>{summary}").format(
            name=html.escape(name), summary=html.escape(shown(summary))))
        self.pin_state.setText(self.tr(
            "A PIN set by your organisation guards the policy and the role." if pin_set
            else "No PIN is set: anyone using this computer can change the policy here."))
        self.pin_button.setText(self.tr("Change the organisation's P&IN…") if pin_set
                                else self.tr("Set an organisation P&IN…"))

    def show_settings(self, settings: AppSettings, pack_name: str, pupils: list[str],
                      data_dir: str, log_path: str, forced_theme: str = "") -> None:
        role = ROLE_WORDS.get(settings.role or "", QT_TRANSLATE_NOOP("SettingsPage",
                                                                     "not chosen yet"))
        self.who.setText(self.tr(
            "<b>{name}</b>, {role}.<br>Policy: <b>{pack}</b>.<br>Pupils: {pupils}.<br>"
            "<i>Set up again</i> changes any of these (the policy and the role need the "
            "organisation's PIN where one is set); pupils already added stay.").format(
            name=settings.user_name or self.tr("(no name yet)"), role=self.tr(role),
            pack=pack_name, pupils=", ".join(pupils) or self.tr("none yet")))
        index = self.theme.findData(forced_theme or settings.theme)
        self.theme.setCurrentIndex(max(index, 0))
        self.theme.setEnabled(not forced_theme)
        self.theme.setToolTip(self.tr("Set for this computer by LESSONGUARD_THEME.")
                              if forced_theme else "")
        self.on_top.setChecked(settings.companion_on_top)
        self.places.setText(self.tr(
            "Data folder: {data}<br>Recordings: {recordings}<br>Log: {log}<br>Speed test "
            "address (the only place LessonGuard connects to): {speed}").format(
            data=data_dir, recordings=settings.recordings_dir or self.tr(
                "the 'recordings' folder inside the data folder"),
            log=log_path, speed=settings.speed_url))

    def say(self, text: str, problem: bool = False) -> None:
        self.message.setText(("⚠ " if problem else "✔ ") + text)
