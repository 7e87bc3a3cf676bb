"""The panic response: cut the picture and the sound to the lesson at once, keep the evidence,
and open the incident the report is written into.

Why in this order: the shutter is set first and synchronously, so the very next picture that
leaves LessonGuard is the card; the OS mute follows on a worker (a subprocess, a few
milliseconds); then the press is written to the audit log, the incident is opened (tied to the
lesson running, if any) and the running recording is held for it with the moment marked.
Nothing here asks a question: questions come after, in the report wizard.

The devices come in through small protocols, so the window, a benchmark and a unit test drive
exactly this code, each with their own shutter and microphone.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from app.audit import AuditLog
from app.incidents import Incidents
from app.policy.schema import PolicyPack
from app.recordings import Recordings

log = logging.getLogger(__name__)


class MuteOutcome(Protocol):
    """What muting (or unmuting) the microphone did, in words for people."""

    @property
    def ok(self) -> bool: ...

    @property
    def message(self) -> str: ...


class Muter(Protocol):
    """The operating system's microphone mute: on at a press, put back at resume."""

    def mute(self) -> MuteOutcome: ...

    def restore(self) -> MuteOutcome: ...


@dataclass(frozen=True)
class RunningRecording:
    """The recording running at the press, and how far into it the press came."""

    recording_id: str
    elapsed_s: float | None


@dataclass
class PanicState:
    pressed_at: datetime
    pressed_monotonic: float
    actor: str
    shutter_at: float = 0.0
    muted_at: float = 0.0
    mute: MuteOutcome | None = None
    held: list[str] = field(default_factory=list)
    mark_s: float | None = None
    incident_id: int | None = None
    lesson_id: int | None = None


class PanicResponse:
    """One press from the button, the tray, the keyboard shortcut or a global hotkey."""

    def __init__(
        self,
        *,
        shutter: Callable[[bool], None],
        muter: Muter,
        recordings: Recordings,
        pack: Callable[[], PolicyPack],
        running_recording: Callable[[], RunningRecording | None] = lambda: None,
        lesson_id: Callable[[], int | None] = lambda: None,
    ) -> None:
        self._shutter = shutter
        self.muter = muter
        self.recordings = recordings
        self.audit = AuditLog(recordings.store)
        self.incidents = Incidents(recordings.store, recordings.data_dir)
        self._pack = pack
        self._running = running_recording
        self._lesson_id = lesson_id
        self.state: PanicState | None = None
        self._mute_thread: threading.Thread | None = None

    @property
    def active(self) -> bool:
        return self.state is not None

    def press(self, actor: str = "panic button",
              on_muted: Callable[[MuteOutcome], None] | None = None) -> PanicState:
        """Shutter now; mute on a worker; log; open the incident; hold the recording.
        Pressing again while active changes nothing and returns the same state."""
        if self.state is not None:
            return self.state
        began = time.monotonic()
        self._shutter(True)
        state = PanicState(datetime.now(UTC), began, actor, shutter_at=time.monotonic())
        self.state = state

        def mute() -> None:
            state.mute = self.muter.mute()
            state.muted_at = time.monotonic()
            if on_muted is not None:
                on_muted(state.mute)

        self._mute_thread = threading.Thread(target=mute, name="panic-mute", daemon=True)
        self._mute_thread.start()
        running = self._running()
        if running is not None:
            state.mark_s = (round(running.elapsed_s, 2) if running.elapsed_s is not None
                            else None)
        state.lesson_id = self._lesson_id()
        # The press, its incident and the hold are kept together or not at all.
        with self.recordings.store.write() as db:
            self.audit.append_in(db, "panic.pressed", actor=actor, subject="panic",
                                 details={"recording": running.recording_id if running
                                          else None, "mark_s": state.mark_s,
                                          "lesson_id": state.lesson_id})
            incident = self.incidents.open(self._pack(), panic_at=state.pressed_at,
                                           actor=actor, lesson_id=state.lesson_id)
            if running is not None:
                self.incidents.hold_recordings(incident.id, self.recordings,
                                               [running.recording_id], by=actor,
                                               mark_s=state.mark_s)
        state.incident_id = incident.id
        if running is not None:
            state.held.append(running.recording_id)
        log.warning("PANIC pressed by %s: shutter closed, microphone muting, incident %d, "
                    "%d recording(s) held", actor, incident.id, len(state.held))
        return state

    def wait_muted(self, timeout: float = 5.0) -> MuteOutcome | None:
        if self._mute_thread is not None:
            self._mute_thread.join(timeout)
        return self.state.mute if self.state else None

    def undo(self, actor: str = "user") -> MuteOutcome | None:
        """Camera and microphone back on; the holds stay (evidence is kept until released),
        and so does the incident, to be reported or closed."""
        if self.state is None:
            return None
        self.wait_muted()
        self._shutter(False)
        result = self.muter.restore()
        self.audit.append("panic.undone", actor=actor, subject="panic",
                          details={"mic": result.message,
                                   "incident_id": self.state.incident_id})
        self.state = None
        return result
