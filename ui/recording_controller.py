"""Recording from the window: the gate, the consent, the banner text, and what went wrong.

Why a controller: the recording outlives camera changes and must stop from any thread (a
withdrawn consent, a full disk); widgets only show what this says.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.consent import Consents, GateDecision, decide
from app.errors import LessonGuardError
from app.panic import RunningRecording
from app.people import People, Person
from app.recording_access import RecordingAccess
from app.recordings import RecordingInfo, Recordings, default_folder
from app.settings import load_settings
from app.store import Store
from app.times import day
from capture.recorder import RecorderResult
from capture.recording_session import RecordingSession
from capture.recording_upkeep import upkeep
from ui.capture_controller import CaptureController
from ui.policy_controller import PolicyController

log = logging.getLogger(__name__)
PURGE_EVERY_MS = 24 * 3600 * 1000


def _day(iso: str) -> str:
    return day(iso)


@dataclass(frozen=True)
class GateView:
    """What the recording controls should say for the chosen pupil."""

    can_record: bool
    reason: str
    needs_consent: bool
    forbidden: bool
    has_consent: bool = False  # some current consent is on file (it can be withdrawn)


@dataclass(frozen=True)
class RecordingStopped:
    """How a recording ended: the words to show, and whether it ended in trouble (the disk
    filled, the recorder failed) rather than because someone stopped it."""

    text: str
    trouble: bool


class RecordingController(QObject):
    started = Signal(str)  # the banner text
    stopped = Signal(object)  # RecordingStopped
    catalogue_changed = Signal()

    def __init__(self, store: Store, data_dir: Path, capture: CaptureController,
                 policy: PolicyController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.data_dir = data_dir
        self.capture = capture
        self.policy = policy
        self.session: RecordingSession | None = None
        self.people = People(store)
        self.consents = Consents(store)
        self.recordings = Recordings(store, data_dir)
        self.access = RecordingAccess(self.recordings, lambda: self.policy.state.pack)
        capture.camera_changed.connect(self._camera_changed)
        self._stopped_bridge.connect(self._on_stopped)
        self._purge_timer = QTimer(self)
        self._purge_timer.setInterval(PURGE_EVERY_MS)
        self._purge_timer.timeout.connect(self.housekeeping)

    _stopped_bridge = Signal(object, object)  # from the recorder's threads to this one

    def start_housekeeping(self) -> None:
        """At start-up and daily: finish interrupted recordings, delete expired ones."""
        self.housekeeping()
        self._purge_timer.start()

    def housekeeping(self) -> None:
        try:
            done = upkeep(self.recordings)
        except LessonGuardError as exc:
            log.error("recordings housekeeping failed: %s", exc)
            return
        if done.changed:
            self.catalogue_changed.emit()

    def pupils(self) -> list[Person]:
        return self.people.list("pupil")

    def decision(self, pupil_id: int, kind: str = "lesson") -> GateDecision:
        return decide(self.store, self.policy.state.pack, pupil_id, kind)

    def gate_view(self, pupil_id: int | None) -> GateView:
        if pupil_id is None:
            return GateView(False, self.tr("Add the pupil first (people are set up once)."),
                            False, False)
        d = self.decision(pupil_id)
        has = bool(self.consents.current(self.policy.state.pack, pupil_id))
        forbidden = not d.gate.may_record and not d.gate.missing_consent
        if forbidden:
            return GateView(False, d.gate.message, False, True, has)
        if d.gate.missing_consent:
            return GateView(False, d.message, True, False, has)
        return GateView(True, d.gate.message, False, False, has)

    @property
    def recording(self) -> bool:
        return self.session is not None and self.session.running

    def running(self) -> RunningRecording | None:
        """The recording running now and how far into it, for the panic response."""
        session = self.session
        if session is None or not session.running or session.info is None:
            return None
        elapsed = session.recorder.elapsed if session.recorder is not None else None
        return RunningRecording(session.info.id, elapsed)

    def start(self, pupil_id: int, lesson_id: int | None = None) -> str:
        """Start recording; returns "" or the reason it cannot start, in words."""
        if self.recording:
            return ""
        effects, mic = self.capture.effects, self.capture.microphone
        if effects is None or self.capture.camera is None:
            return self.tr("There is no camera picture to record. Choose a camera first.")
        if mic is None:
            return self.tr("There is no microphone to record from. Choose one first.")
        latest = effects.output.latest()
        height, width = latest[1].shape[:2] if latest is not None else (720, 1280)
        settings = load_settings(self.store)
        folder = (Path(settings.recordings_dir).expanduser() if settings.recordings_dir
                  else default_folder(self.data_dir))
        session = RecordingSession(
            self.store, self.data_dir, self.policy.state.pack, pupil_id, folder,
            lesson_id=lesson_id, actor="window", pack_source=lambda: self.policy.state.pack,
            on_stopped=lambda info, result: self._stopped_bridge.emit(info, result))
        try:
            session.start(effects, mic, width=width, height=height,
                          fps=self.capture.camera.source.nominal_fps or 30.0)
        except LessonGuardError as exc:
            return str(exc)
        self.session = session
        self.started.emit(self.banner_text())
        return ""

    def space_warning(self) -> str:
        """Said when the disk has room for less than two hours of recording."""
        space = getattr(self.session, "space", None)
        if space is None or space.minutes >= 120:
            return ""
        return self.tr("The disk has room for about {n:.0f} more minutes of recording; "
                       "recording stops cleanly if it fills.").format(n=space.minutes)

    def banner_text(self) -> str:
        session = self.session
        if session is None or session.info is None or session.decision is None:
            return ""
        who = "; ".join(
            self.tr("consented by {name} ({role}) on {day}").format(
                name=c.given_by_name, role=c.role.replace("_", " "), day=_day(c.given_at))
            for c in session.decision.consents) or self.tr("no consent needed by the policy")
        return self.tr("● Recording — {who} · kept until {day}").format(
            who=who, day=_day(session.info.expires_at))

    def stop(self) -> None:
        if self.session is not None:
            self.session.stop(actor="window")

    def _camera_changed(self, _source: object) -> None:
        if self.recording and self.capture.effects is not None:
            assert self.session is not None
            self.session.move_to(self.capture.effects)

    def _on_stopped(self, info: RecordingInfo, result: RecorderResult) -> None:
        minutes = (info.duration_s or 0) / 60
        text = self.tr("Recording stopped: {min:.1f} minutes kept until {day}.").format(
            min=minutes, day=_day(info.expires_at))
        if info.note:
            text += " " + info.note
        self.session = None
        self.stopped.emit(RecordingStopped(text, trouble=result.state != "complete"))
        self.catalogue_changed.emit()
