"""Runs the pre-lesson checks off the GUI thread and reports each result through a signal.

Why: the checks take seconds and may hang on a device; the window must stay responsive and
fill in as each check finishes. The camera and microphone checks tap the devices the preview
already has open.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from app.check_log import save_check_run
from app.policy.schema import PolicyPack
from app.settings import load_settings
from app.store import Store
from capture.speaker import play_test_tone
from checks.apps import CloseReport, Finding, close
from checks.base import CheckResult, LessonFacts
from checks.probes import (
    OwnCameraProbe,
    OwnMicProbe,
    SharedCameraProbe,
    SharedMicProbe,
    SharedSample,
)
from checks.registry import make_check
from checks.room_scan import RoomScan, scan_room
from checks.runner import CheckRun, planned_checks, run_checks
from checks.services import CheckServices
from ui.background import Background
from ui.capture_controller import CaptureController
from ui.translations import say_error

log = logging.getLogger(__name__)


class ChecksController(QObject):
    planned = Signal(list)  # [(check id, title)]
    result = Signal(object)  # CheckResult, as each finishes
    finished = Signal(object)  # CheckRun
    failed = Signal(str)  # the run itself could not finish: why, in words
    apps_closed = Signal(list)  # [CloseReport]
    tone_played = Signal(str)  # "" when it played, else what went wrong
    speed_sample = Signal(str, float, float)  # direction, seconds, Mbit/s
    room_scanned = Signal(object)  # RoomScan
    speakers_answered = Signal(object)  # CheckResult: the person's verdict in the sound test
    # A check row on another screen (the Ready screen) asks for what the checks page does:
    # close the programs it lists (asked first), always blur an area it found.
    close_requested = Signal(list)  # [Finding]
    blur_requested = Signal(tuple)  # (x, y, w, h) fractions of the picture

    def __init__(self, store: Store, capture: CaptureController, camera_spec: str,
                 mic_spec: str, speed_url: str = "", background: Background | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.background = background or Background(self)
        self.store = store
        self.capture = capture
        self.camera_spec = camera_spec
        self.mic_spec = mic_spec
        self.speed_url = speed_url
        self.lesson = LessonFacts()
        self.lesson_id: int | None = None  # the lesson being started, for its record
        self.last_run: CheckRun | None = None
        self.latest: dict[str, tuple[float, CheckResult]] = {}  # id -> (monotonic, result)
        self.owner = ""  # who started the run going or last run: "page" for the checks page
        self.speakers: CheckResult | None = None  # the person's own verdict in the sound test
        self._cancel = threading.Event()

    def role(self) -> str | None:
        """The role chosen at first run: the checks that are not for it are not run."""
        return load_settings(self.store).role

    def use_camera(self, spec: str) -> None:
        """The camera chosen in the window: the checks sample it from now on."""
        self.camera_spec = spec

    def use_microphone(self, spec: str) -> None:
        """Another microphone: the last microphone check no longer holds (the waiting room
        checks it again)."""
        if spec != self.mic_spec:
            self.latest.pop("microphone", None)
        self.mic_spec = spec

    def recent(self, check_id: str, within_s: float) -> CheckResult | None:
        """The check's last result if it finished in the last `within_s` seconds (the speed
        test is run once before a lesson, not every time the Ready screen opens)."""
        when, result = self.latest.get(check_id, (0.0, None))
        return result if result is not None and time.monotonic() - when <= within_s else None

    def _keep(self, result: CheckResult) -> None:
        self.latest[result.id] = (time.monotonic(), result)
        self.result.emit(result)

    @property
    def running(self) -> bool:
        return bool(self.background.running("checks"))

    def _camera_probe(self) -> OwnCameraProbe | SharedCameraProbe:
        """The camera the preview shows, or the chosen one opened afresh when none runs."""
        camera = self.capture.camera
        if camera is not None and camera.is_alive():
            return SharedCameraProbe(camera)
        return OwnCameraProbe(self.camera_spec)

    def services(self) -> CheckServices:
        mic = self.capture.microphone
        return CheckServices(
            camera_probe=SharedSample(self._camera_probe()),
            mic_probe=SharedMicProbe(mic) if mic is not None else OwnMicProbe(self.mic_spec),
            speed_url=self.speed_url,
            look=lambda: self.capture.pipeline.look,
            speed_progress=self.speed_sample.emit,
        )

    def start(self, pack: PolicyPack, only: list[str] | None = None,
              merge: bool = False, owner: str = "") -> bool:
        """Run the checks (all the pack asks for, or `only` these). `merge`: a check run
        again on its own, kept with the last full run; else the run stands on its own (the
        Ready screen's run never takes in an older run's results). `owner` says whose run
        it is, so a page showing its own run can tell another's apart."""
        if self.running:
            return False
        self.owner = owner
        ids = planned_checks(pack, only, self.role())
        self.planned.emit([(cid, make_check(cid).title) for cid in ids])
        self._cancel = threading.Event()
        self.background.run("checks", lambda: self._work(pack, only, merge),
                            on_success=self.finished.emit,
                            on_error=lambda exc: self.failed.emit(say_error(exc)))
        return True

    def _work(self, pack: PolicyPack, only: list[str] | None, merge: bool) -> CheckRun:
        run = run_checks(pack, only=only, lesson=self.lesson, services=self.services(),
                         cancel=self._cancel, on_result=self._keep, role=self.role())
        verdict = self.speakers
        if only is None and verdict is not None and not run.cancelled:
            # No probe can hear the speakers: the person's last answer is the run's row.
            run = CheckRun(run.pack_id, run.started_at, [*run.results, verdict],
                           duration_s=run.duration_s)
        shown = run  # the Ready screen's own run: the checks page's full run stays as it was
        if merge:  # a single check run again: merge it into the last full run
            self.last_run = shown = self._merge(run)
        elif only is None:
            self.last_run = run
        elif self.last_run is not None:  # another screen's partial run: newer results kept
            self.last_run = self._merge(run)
        try:
            save_check_run(self.store, started_at=run.started_at, pack_id=pack.id,
                           ready=run.ready, summary=run.summary(), duration_s=run.duration_s,
                           results=[r.to_json(for_storage=True) for r in run.results],
                           lesson_id=self.lesson_id)
        except Exception:  # the results are still shown; the log says why they were not kept
            log.exception("could not store the check run")
        log.info("checks finished: %s (%d checks, %.1f s)", run.summary(), len(run.results),
                 run.duration_s)
        return shown

    def _merge(self, run: CheckRun) -> CheckRun:
        if self.last_run is None:
            return run
        fresh: dict[str, CheckResult] = {r.id: r for r in run.results}
        known = {r.id for r in self.last_run.results}
        merged = CheckRun(self.last_run.pack_id, self.last_run.started_at,
                          [fresh.get(r.id, r) for r in self.last_run.results]
                          + [r for r in run.results if r.id not in known],
                          duration_s=self.last_run.duration_s)
        return merged

    def answer_speakers(self, result: CheckResult, pack: PolicyPack) -> CheckRun:
        """The speakers' verdict from the sound test ("I heard it" / "I didn't") as a row of
        the check run: kept with the last full run (a "didn't" is a thing to fix, with its
        steps) and stored like a check run again on its own. Returns the run as it stands."""
        self.speakers = result
        self.latest[result.id] = (time.monotonic(), result)
        alone = CheckRun(pack.id, datetime.now(UTC), [result])
        self.last_run = self._merge(alone)
        try:
            save_check_run(self.store, started_at=alone.started_at, pack_id=pack.id,
                           ready=alone.ready, summary=alone.summary(), duration_s=0.0,
                           results=[result.to_json(for_storage=True)],
                           lesson_id=self.lesson_id)
        except Exception:  # still shown; the log says why it was not kept
            log.exception("could not store the speakers' verdict")
        log.info("speakers: %s", result.status)
        self.speakers_answered.emit(result)  # every screen showing the speakers, not only one
        return self.last_run

    def cancel(self) -> None:
        self._cancel.set()

    def close_apps(self, findings: list[Finding], force: bool) -> None:
        def work() -> list[CloseReport]:
            return close(findings, force=force)

        self.background.run("close-apps", work, on_success=self.apps_closed.emit)

    def scan_room(self) -> None:
        """Run the guided room scan on the camera while the person pans it."""
        probe = self._camera_probe()  # a longer sample of its own, not the run's

        def work() -> RoomScan:
            scan = scan_room(probe, self._cancel, look=lambda: self.capture.pipeline.look)
            log.info("room scan: %s", scan.summary())
            return scan

        self.background.run("room-scan", work, on_success=self.room_scanned.emit)

    def play_tone(self) -> None:
        self.background.run("test-tone", play_test_tone,
                            on_success=lambda _none: self.tone_played.emit(""),
                            on_error=lambda exc: self.tone_played.emit(say_error(exc)))

    def stop(self, timeout: float = 3.0) -> None:
        self._cancel.set()
        self.background.join(timeout)
