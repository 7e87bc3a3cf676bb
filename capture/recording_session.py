"""One recording from gate to catalogue: the only way anything in LessonGuard records.

Why one place: the window and `lessonguard record` must pass the same gate, mark the picture
the same way and leave the same trail. While recording, the gate is asked again every
second, so a withdrawn consent (or a pack edited to forbid recording) stops it at once.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.consent import GateDecision, decide
from app.errors import LessonGuardError
from app.policy.schema import PolicyPack
from app.recordings import RecordingInfo, Recordings
from app.store import Store
from app.texts import _
from capture.recorder import BYTES_PER_MINUTE, Recorder, RecorderResult

log = logging.getLogger(__name__)
BADGE = "● REC"
MIN_MINUTES = 1.0  # refuse to start with room for less than this


class GateRefused(LessonGuardError):
    def __init__(self, decision: GateDecision) -> None:
        super().__init__(decision.message, "" if decision.gate.missing_consent else
                         _("The policy says: {clause}", clause=decision.clause))
        self.decision = decision


@dataclass(frozen=True)
class Space:
    free_bytes: int
    minutes: float

    def text(self) -> str:
        return (f"{self.free_bytes / 1e9:.1f} GB free: room for about "
                f"{self.minutes:.0f} minutes of recording.")


def free_space(folder: Path) -> Space:
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    return Space(free, free / BYTES_PER_MINUTE)


class RecordingSession:
    """Start (through the gate), watch the gate, stop and catalogue."""

    def __init__(self, store: Store, data_dir: Path, pack: PolicyPack, pupil_id: int,
                 folder: Path, *, kind: str = "lesson", lesson_id: int | None = None,
                 actor: str = "user",
                 on_stopped: Callable[[RecordingInfo, RecorderResult], None] | None = None,
                 pack_source: Callable[[], PolicyPack] | None = None) -> None:
        self.store = store
        self.pack = pack
        self.pupil_id = pupil_id
        self.folder = folder
        self.kind = kind
        self.lesson_id = lesson_id
        self.actor = actor
        self.recordings = Recordings(store, data_dir)
        self._on_stopped = on_stopped
        self._pack_source = pack_source or (lambda: self.pack)
        self.recorder: Recorder | None = None
        self.info: RecordingInfo | None = None
        self.decision: GateDecision | None = None
        self.stop_reason = ""
        self._pipeline: Any = None
        self._sinks: list[Any] | None = None
        self._watch_stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self._lock = threading.Lock()
        self.final: RecordingInfo | None = None

    def check(self) -> GateDecision:
        return decide(self.store, self._pack_source(), self.pupil_id, self.kind)

    def start(self, pipeline_worker: Any, microphone: Any, *, width: int, height: int,
              fps: float) -> RecordingInfo:
        """Pass the gate, check the disk, then record what the pipeline sends out."""
        decision = self.check()
        if not decision.may_record:
            raise GateRefused(decision)
        space = free_space(self.folder)
        if space.minutes < MIN_MINUTES:
            raise LessonGuardError(
                _("There is not enough disk space to record: {space}", space=space.text()),
                _("Free some space on the disk holding {folder}, or choose another "
                  "recordings folder.", folder=str(self.folder)))
        self.decision = decision
        info, key = self.recordings.begin(
            self._pack_source(), self.pupil_id, self.folder, kind=self.kind,
            consent_ids=[c.id for c in decision.consents], lesson_id=self.lesson_id,
            actor=self.actor)
        self.info = info
        self.space = space
        try:
            recorder = Recorder(Path(info.path), key, width=width, height=height, fps=fps,
                                audio=microphone, on_stop=self._stopped)
        except OSError as exc:  # the folder vanished, no permission, a full disk
            why = _("The recording file could not be created: {why}.",
                    why=exc.strerror or str(exc))
            self.final = self.recordings.finish(info.id, state="failed", duration_s=0.0,
                                                chunks=0, chunk_hashes=[], size_bytes=0,
                                                note=why, actor=self.actor)
            raise LessonGuardError(why, _("Check that you can write to {folder}.",
                                          folder=str(self.folder))) from exc
        self.recorder = recorder
        self._pipeline = pipeline_worker.pipeline
        self._pipeline.badge = BADGE
        recorder.start()
        self._sinks = pipeline_worker.sinks
        pipeline_worker.sinks.append(recorder)
        self._watcher = threading.Thread(target=self._watch, name="recording-gate",
                                         daemon=True)
        self._watcher.start()
        log.info("recording %s started (%s)", info.id, space.text())
        return info

    def move_to(self, pipeline_worker: Any) -> None:
        """The camera changed: keep recording from the new pipeline worker."""
        if self.recorder is None or self.final is not None:
            return
        if self._sinks is not None and self.recorder in self._sinks:
            self._sinks.remove(self.recorder)
        self._sinks = pipeline_worker.sinks
        pipeline_worker.sinks.append(self.recorder)

    @property
    def running(self) -> bool:
        return self.recorder is not None and self.final is None

    def _watch(self) -> None:
        while not self._watch_stop.wait(1.0):
            try:
                decision = self.check()
            except LessonGuardError as exc:  # the pupil was removed, the pack unreadable
                self.stop(f"Recording stopped: {exc.message}", actor="system")
                return
            if not decision.may_record:
                # decision.message: why, including a consent record changed outside
                # LessonGuard, which the gate checks against the audit log each time.
                self.stop("Recording stopped at once: " + decision.message, actor="system")
                return

    def stop(self, note: str = "", actor: str | None = None) -> RecordingInfo | None:
        """Stop and catalogue; safe to call from any thread, and twice."""
        with self._lock:
            if self.recorder is None or self.final is not None:
                return self.final
            if note:
                self.stop_reason = note
            self._watch_stop.set()
            if self._sinks is not None and self.recorder in self._sinks:
                self._sinks.remove(self.recorder)
            self.recorder.stop()
            return self._catalogue(self.recorder.result, actor or self.actor)

    def _stopped(self, result: RecorderResult) -> None:
        """The recorder ended by itself (disk full, error): catalogue it now."""
        if result.state in ("disk_full", "failed"):
            threading.Thread(target=self.stop, args=(result.message, "system"),
                             name="recording-stop", daemon=True).start()

    def _catalogue(self, result: RecorderResult, actor: str) -> RecordingInfo:
        assert self.info is not None and self.recorder is not None
        if self._pipeline is not None:
            self._pipeline.badge = ""
        note = "; ".join(p for p in (self.stop_reason, result.message) if p)
        state = "complete" if result.state == "complete" else result.state
        self.final = self.recordings.finish(
            self.info.id, state=state, duration_s=result.duration_s, chunks=result.chunks,
            chunk_hashes=result.chunk_hashes, size_bytes=result.size_bytes,
            width=self.recorder.width, height=self.recorder.height, fps=self.recorder.fps,
            note=note, actor=actor)
        if self._on_stopped is not None:
            self._on_stopped(self.final, result)
        return self.final
