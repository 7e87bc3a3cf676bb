"""Keeps the policy pack in force and tells the window when it changes or an edit is refused.

Why: an organisation may update its pack file while the app is open; it must be re-validated
before use, and a broken edit must never replace the last valid rules.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import ConfigurationError
from app.policy.loader import PackState, PolicyProvider
from ui.translations import say

log = logging.getLogger(__name__)
FALLBACK = "strict"


class PolicyController(QObject):
    changed = Signal(object)  # PackState
    refused = Signal(str)  # a plain-language reason a choice or an edit was not applied

    def __init__(self, choice: str, parent: QObject | None = None, poll_ms: int = 2000) -> None:
        super().__init__(parent)
        self.startup_warning = ""
        try:
            self.provider = PolicyProvider(choice)
        except ConfigurationError as exc:
            # Never fall back to weaker rules: the strictest shipped pack stands in.
            self.startup_warning = self.tr(
                "The chosen policy pack could not be used, so the strictest rules apply until "
                "it is fixed or another is chosen. {problem}").format(problem=say(exc.message))
            log.warning("%s", self.startup_warning)
            self.provider = PolicyProvider(FALLBACK)
        self._last_digest = ""
        self._last_warning = self.startup_warning
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.refresh)

    @property
    def state(self) -> PackState:
        return self.provider.current()

    def start(self) -> None:
        self.refresh()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def choose(self, choice: str) -> bool:
        """Switch packs; a pack that does not validate is refused and the current one kept."""
        try:
            provider = PolicyProvider(choice)
        except ConfigurationError as exc:
            self.refused.emit(self.tr("That policy pack was not applied. {problem}").format(
                problem=say(exc.message)))
            return False
        self.provider = provider
        self._last_warning = ""
        self.refresh()
        return True

    def refresh(self) -> None:
        state = self.provider.current()
        warning = state.warning or self.startup_warning
        if state.digest != self._last_digest or warning != self._last_warning:
            self._last_digest, self._last_warning = state.digest, warning
            self.changed.emit(state)
