"""The panic response: cut the picture and the sound to the lesson at once, keep the evidence,
and open the incident the report is written into.

Why in this order: the shutter is set first and synchronously, so the very next picture that
leaves LessonGuard is the card; every microphone is muted at the system on a worker, each
one's earlier state kept and the result read back (then, on the same worker, who reads the
webcam directly is looked up: the card cannot cover a platform that does); meanwhile the press
is written to the audit log, the incident is opened (tied to the lesson running, if any) and
the running recording is held for it with the moment marked. Nothing here asks a question:
questions come after, in the report wizard. What the banner says comes from `headline`, which
says only what was verified.

The devices come in through small protocols, so the window, a benchmark and a unit test drive
exactly this code, each with their own shutter and microphone.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from app.audit import AuditLog
from app.incidents import Incidents
from app.policy.schema import PolicyPack
from app.recordings import Recordings
from app.texts import Text, _

if TYPE_CHECKING:
    from app.linking.notify import LinkNotifier

log = logging.getLogger(__name__)
MUTE_FIRST_S = 0.1  # the press waits at most this for the mute before writing its records


class MuteOutcome(Protocol):
    """What muting (or putting back) the microphones did, read back from the system."""

    @property
    def ok(self) -> bool: ...

    @property
    def message(self) -> str: ...

    @property
    def not_muted(self) -> Sequence[str]:
        """The sources still live after a mute, or not back as they were after a restore,
        by the names people see in their sound settings."""
        ...


class Muter(Protocol):
    """Every microphone's mute at the operating system: all muted at a press (each one's
    earlier state remembered), each put back at resume, or left muted when asked."""

    def mute(self) -> MuteOutcome: ...

    def restore(self) -> MuteOutcome: ...

    def forget(self) -> None: ...


class CameraUse(Protocol):
    """Who reads the physical camera at the moment of the press (checks.camera_holder)."""

    @property
    def direct(self) -> Sequence[str]:
        """Programs (by name) reading the webcam itself, not LessonGuard camera: the privacy
        card does not reach them."""
        ...


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
    camera: CameraUse | None = None
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
        camera_probe: Callable[[], CameraUse] | None = None,
        notifier: LinkNotifier | None = None,
    ) -> None:
        self._shutter = shutter
        self.muter = muter
        self.recordings = recordings
        self.audit = AuditLog(recordings.store)
        self.incidents = Incidents(recordings.store, recordings.data_dir)
        self._pack = pack
        self._running = running_recording
        self._lesson_id = lesson_id
        self.camera_probe = camera_probe
        self.notifier = notifier  # tells the linked installation of the lesson's pupil
        self.state: PanicState | None = None
        self._mute_thread: threading.Thread | None = None

    @property
    def active(self) -> bool:
        return self.state is not None

    def press(self, actor: str = "panic button",
              on_muted: Callable[[MuteOutcome], None] | None = None,
              on_camera: Callable[[CameraUse], None] | None = None) -> PanicState:
        """Shutter now; mute every microphone on a worker (and, on another, find who reads
        the webcam directly); log; open the incident; hold the recording. Pressing again
        while active changes nothing and returns the same state."""
        if self.state is not None:
            return self.state
        began = time.monotonic()
        state = PanicState(datetime.now(UTC), began, actor)
        self.state = state

        probe = self.camera_probe
        muted = threading.Event()

        def cut() -> None:
            # The microphones first (the slow part is the sound server's answer), then who
            # reads the webcam: one worker, so the probe never slows the mute down.
            state.mute = self.muter.mute()
            state.muted_at = time.monotonic()
            muted.set()
            if on_muted is not None:
                on_muted(state.mute)
            if probe is None:
                return
            try:
                state.camera = probe()
            except Exception:  # a probe that fails must never stop the panic
                log.exception("the camera probe failed at the panic")
                return
            if on_camera is not None:
                on_camera(state.camera)

        # The mute's worker starts first: while the shutter composes the card here (numpy,
        # which lets go of the interpreter lock) the mute's few calls to the sound server run.
        self._mute_thread = threading.Thread(target=cut, name="panic-mute", daemon=True)
        self._mute_thread.start()
        self._shutter(True)
        state.shutter_at = time.monotonic()
        # Let the mute finish before the log and the incident are written: both are Python,
        # and while this thread runs, the mute's every answer from the sound server waits for
        # the interpreter lock (up to 5 ms a time: p95 150 ms in bench_panic.py). Over the
        # connection made ahead the mute takes a few ms; a sound server that does not answer
        # holds the press up for MUTE_FIRST_S at most, never more.
        muted.wait(MUTE_FIRST_S)
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
            if self.notifier is not None and state.lesson_id is not None:
                self.notifier.panic(state.lesson_id, by=actor, at=state.pressed_at)
        state.incident_id = incident.id
        if running is not None:
            state.held.append(running.recording_id)
        log.warning("PANIC pressed by %s: shutter closed, microphones muting, incident %d, "
                    "%d recording(s) held", actor, incident.id, len(state.held))
        return state

    def wait_muted(self, timeout: float = 5.0) -> MuteOutcome | None:
        if self._mute_thread is not None:
            self._mute_thread.join(timeout)
        return self.state.mute if self.state else None

    def wait_camera(self, timeout: float = 5.0) -> CameraUse | None:
        if self._mute_thread is not None:
            self._mute_thread.join(timeout)
        return self.state.camera if self.state else None

    def undo(self, actor: str = "user", *, restore: bool = True) -> MuteOutcome | None:
        """Camera back on; each microphone put back as it was before the press (or, when
        `restore` is False, left muted as the person chose). The holds stay (evidence is
        kept until released), and so does the incident, to be reported or closed."""
        if self.state is None:
            return None
        self.wait_muted()
        self._shutter(False)
        result: MuteOutcome | None
        if restore:
            result = self.muter.restore()
        else:
            self.muter.forget()
            result = None
        incident = self.state.incident_id
        reported = incident is not None and self.incidents.get(incident).category is not None
        self.audit.append("panic.undone", actor=actor, subject="panic",
                          details={"mic": result.message if result else "left muted",
                                   "not_back": list(result.not_muted) if result else [],
                                   "restored": restore, "incident_id": incident,
                                   "report_made": reported})
        self.state = None
        return result


def headline(state: PanicState) -> Text:
    """What the panic did, as the banner says it: only what was verified."""
    direct = list(state.camera.direct) if state.camera is not None else []
    mute = state.mute
    if direct:
        return _("{programs} reads your webcam directly: the lesson may still see you. "
                 "Leave the lesson platform now.", programs=direct)
    if mute is None:
        return _("■ Camera is OFF for the lesson (the lesson sees a privacy card). Muting "
                 "every microphone…")
    if not mute.ok:
        return _("■ Camera is OFF for the lesson, but the lesson may still hear you: "
                 "{names} could not be muted.", names=list(mute.not_muted))
    return _("■ Camera and microphone are OFF for the lesson. The lesson sees a privacy "
             "card and hears nothing.")
