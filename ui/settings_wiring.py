"""Connects the Settings page to the stored settings, the policy, the theme and the other
pages, so a change made there takes effect at once (kept out of launch.py, like the others)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from app.errors import LessonGuardError
from app.org_guard import change_policy, pin_is_set, set_pin
from app.people import People
from app.settings import load_settings, save_settings
from app.store import Store
from ui.first_run import FirstRunWizard
from ui.lesson_wiring import LessonWiring
from ui.main_window import MainWindow
from ui.policy_dialog import PinDialog, PolicyDialog
from ui.recordings_page import RecordingsPage
from ui.safeguarding_lead import LeadSection
from ui.settings_page import SettingsPage
from ui.theme import apply_theme, forced_theme
from ui.translations import Translatable, say_error

log = logging.getLogger(__name__)


class SettingsWiring(Translatable):
    """Owns the Settings page of one window (`window.parts.settings`)."""

    def __init__(self, window: MainWindow, store: Store, lessons: LessonWiring,
                 recordings: RecordingsPage, log_path: Path | None = None) -> None:
        self.window = window
        self.store = store
        self.lessons = lessons
        self.recordings = recordings
        self.log_path = log_path
        self.page = SettingsPage(window)
        window.tabs.addTab(self.page, self.tr("Settings"))
        # The organisation's safeguarding lead, for packs that give no way to reach them.
        self.lead = LeadSection(self.page, store, lambda: window.policy.state.pack)
        self.page.set_up_again.connect(self.set_up_again)
        self.page.theme_chosen.connect(self.choose_theme)
        self.page.on_top_toggled.connect(self.keep_on_top)
        self.page.change_policy.connect(self.change_policy)
        self.page.change_pin.connect(self.change_pin)
        self.policy_dialog: PolicyDialog | None = None
        self.pin_dialog: PinDialog | None = None
        window.tabs.currentChanged.connect(self._tab_changed)
        window.policy.changed.connect(lambda _state: self.refresh())
        self.wizard: FirstRunWizard | None = None
        self.refresh()

    def _tab_changed(self, index: int) -> None:
        if self.window.tabs.widget(index) is self.page:
            self.refresh()  # the companion's "Keep on top" may have changed it

    def refresh(self) -> None:
        settings = load_settings(self.store)
        pupils = [p.name for p in People(self.store).list("pupil")]
        self.page.show_settings(settings, self.window.policy.state.pack.name, pupils,
                                str(self.store.path.parent), str(self.log_path or ""),
                                forced_theme())
        pack = self.window.policy.state.pack
        self.page.show_policy(pack.name, pack.summary, pin_is_set(self.store))

    def _lesson_running(self) -> bool:
        if self.lessons.controller.current is None:
            return False
        self.page.say(self.tr("End the lesson first: a lesson keeps the policy and the "
                              "answers it started with."), problem=True)
        return True

    def change_policy(self) -> PolicyDialog | None:
        """Another pack, only after a confirmation and, where set, the organisation's PIN
        (app.org_guard decides; the CLI's `policy use` goes the same way)."""
        if self._lesson_running():
            return None
        state = self.window.policy.state
        dialog = PolicyDialog(self.window.policy.provider.choice, state.pack.name,
                              pin_is_set(self.store), self.window)
        self.policy_dialog = dialog

        def confirmed(choice: str, pin: str) -> None:
            actor = load_settings(self.store).user_name or "lessonguard"
            try:
                change_policy(self.store, choice, pin or None, actor)
            except LessonGuardError as exc:
                dialog.show_problem(say_error(exc))
                return
            self.window.policy.choose(choice)
            self.lessons.refresh()
            self.refresh()
            self.page.say(self.tr("Saved. LessonGuard now follows {pack}.").format(
                pack=self.window.policy.state.pack.name))
            dialog.accept()

        dialog.confirmed.connect(confirmed)
        dialog.show()
        return dialog

    def change_pin(self) -> PinDialog:
        dialog = PinDialog(pin_is_set(self.store), self.window)
        self.pin_dialog = dialog

        def confirmed(new: str, old: str) -> None:
            actor = load_settings(self.store).user_name or "lessonguard"
            try:
                set_pin(self.store, new, old or None, actor)
            except LessonGuardError as exc:
                dialog.show_problem(say_error(exc))
                return
            self.refresh()
            self.page.say(self.tr("The organisation's PIN is saved."))
            dialog.accept()

        dialog.confirmed.connect(confirmed)
        dialog.show()
        return dialog

    def set_up_again(self) -> FirstRunWizard | None:
        """First run again, with today's answers filled in; what it saves applies at once.
        Not during a lesson: its policy and supervision were fixed when it started."""
        if self._lesson_running():
            return None
        before = load_settings(self.store)
        wizard = FirstRunWizard(self.store, before, self.window)
        self.wizard = wizard

        def finished(result: int) -> None:
            if result != QDialog.DialogCode.Accepted:
                return
            after = load_settings(self.store)
            if after.policy != self.window.policy.provider.choice:
                self.window.policy.choose(after.policy)
            if after.role:
                self.recordings.set_role(after.role)
            self.lessons.refresh()
            self.refresh()
            log.info("set up again: %s under %s", after.role, after.policy)
            self.page.say(self.tr("Saved. LessonGuard now follows {pack}.").format(
                pack=self.window.policy.state.pack.name))

        wizard.finished.connect(finished)
        wizard.show()
        return wizard

    def choose_theme(self, choice: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        current = load_settings(self.store)
        save_settings(self.store, current.model_copy(update={"theme": choice}))
        self.page.say(self.tr("Theme saved."))

    def keep_on_top(self, on: bool) -> None:
        current = load_settings(self.store)
        save_settings(self.store, current.model_copy(update={"companion_on_top": on}))
        companion = self.lessons.companion
        if companion is not None:
            companion.on_top.setChecked(on)
        self.page.say(self.tr("Saved."))
