"""Settings: who uses LessonGuard here, the policy, the look, and where things are kept.

Thin: it shows the current answers and says what was chosen; SettingsWiring saves and applies.
Why a page: first run's answers (role, name, policy, pupils) must be changeable later without
a manual or a command line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.settings import AppSettings
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

        self.theme = QComboBox(self)
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
        layout = QVBoxLayout(self)
        for widget in (you, look, here, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_settings(self, settings: AppSettings, pack_name: str, pupils: list[str],
                      data_dir: str, log_path: str, forced_theme: str = "") -> None:
        role = ROLE_WORDS.get(settings.role or "", QT_TRANSLATE_NOOP("SettingsPage",
                                                                     "not chosen yet"))
        self.who.setText(self.tr(
            "<b>{name}</b>, {role}.<br>Policy: <b>{pack}</b>.<br>Pupils: {pupils}.<br>"
            "<i>Set up again</i> changes any of these; pupils already added stay.").format(
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
