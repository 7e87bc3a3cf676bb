"""The panic action: cut the picture and the sound to the lesson at once, keep the evidence.

Why in this order: the shutter is set first and synchronously, so the very next picture that
leaves LessonGuard is the card; the OS mute follows (a subprocess, a few milliseconds); then
any running recording is held with the moment marked, and the press is written to the audit
log. Nothing here asks a question: questions come after, in the report wizard.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.audit import AuditLog
from app.recordings import Recordings
from capture.os_mute import MuteResult, OsMicMute

log = logging.getLogger(__name__)


@dataclass
class PanicState:
    pressed_at: datetime
    pressed_monotonic: float
    shutter_at: float = 0.0
    muted_at: float = 0.0
    mute: MuteResult | None = None
    held: list[str] = field(default_factory=list)
    mark_s: float | None = None


class PanicAction:
    def __init__(self, set_shutter: Callable[[bool], None], audit: AuditLog,
                 recordings: Recordings | None = None, muter: OsMicMute | None = None,
                 recording_session: Callable[[], Any] = lambda: None) -> None:
        self._set_shutter = set_shutter
        self.audit = audit
        self.recordings = recordings
        self.muter = muter or OsMicMute()
        self._session = recording_session
        self.state: PanicState | None = None
        self._mute_thread: threading.Thread | None = None

    @property
    def active(self) -> bool:
        return self.state is not None

    def press(self, actor: str = "user", on_muted: Callable[[MuteResult], None] | None = None
              ) -> PanicState:
        """Shutter now; mute on a worker thread; hold the recording; log. Pressing again
        while active changes nothing."""
        if self.state is not None:
            return self.state
        began = time.monotonic()
        self._set_shutter(True)
        state = PanicState(datetime.now(UTC), began, shutter_at=time.monotonic())
        self.state = state

        def mute() -> None:
            state.mute = self.muter.mute()
            state.muted_at = time.monotonic()
            if on_muted is not None:
                on_muted(state.mute)

        self._mute_thread = threading.Thread(target=mute, name="panic-mute", daemon=True)
        self._mute_thread.start()
        session = self._session()
        if session is not None and getattr(session, "running", False) and session.info:
            state.mark_s = round(session.recorder.elapsed, 2) if session.recorder else None
            if self.recordings is not None:
                self.recordings.hold(session.info.id, actor, "panic button pressed",
                                     mark_s=state.mark_s)
                state.held.append(session.info.id)
        self.audit.append("panic.pressed", actor=actor, subject="panic",
                          details={"held": state.held, "mark_s": state.mark_s})
        log.warning("PANIC pressed by %s: shutter closed, microphone muting, %d recording(s) "
                    "held", actor, len(state.held))
        return state

    def wait_muted(self, timeout: float = 5.0) -> MuteResult | None:
        if self._mute_thread is not None:
            self._mute_thread.join(timeout)
        return self.state.mute if self.state else None

    def undo(self, actor: str = "user") -> MuteResult | None:
        """Camera and microphone back on; the holds stay (evidence is kept until released)."""
        if self.state is None:
            return None
        self.wait_muted()
        self._set_shutter(False)
        result = self.muter.restore()
        self.audit.append("panic.undone", actor=actor, subject="panic",
                          details={"mic": result.message})
        self.state = None
        return result
