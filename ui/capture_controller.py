"""Bridges the capture workers (plain threads) to the window (Qt signals on the GUI thread).

Why: widgets must never be touched from a worker thread, and the preview must repaint from a
timer with the latest frame rather than once per frame.
"""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from capture.camera import CameraSource, make_camera
from capture.microphone import Microphone
from capture.status import SourceError, SourceState, SourceStatus
from capture.worker import CameraWorker

log = logging.getLogger(__name__)


def to_qimage(bgr: np.ndarray) -> QImage:
    h, w = bgr.shape[:2]
    bgr = np.ascontiguousarray(bgr)
    return QImage(bgr.data, w, h, int(bgr.strides[0]), QImage.Format.Format_BGR888).copy()


class CaptureController(QObject):
    frame_ready = Signal(QImage)
    level_changed = Signal(float, float)  # rms dBFS, peak dBFS
    camera_status = Signal(object)  # SourceStatus
    mic_status = Signal(object)  # SourceStatus
    camera_changed = Signal(object)  # CameraSource

    def __init__(self, parent: QObject | None = None, poll_ms: int = 33) -> None:
        super().__init__(parent)
        self.camera: CameraWorker | None = None
        self.microphone: Microphone | None = None
        self.frames_shown = 0
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        self._timer.start()

    def set_camera(self, spec: str) -> None:
        self._stop_camera()
        try:
            source: CameraSource = make_camera(spec)
        except SourceError as exc:
            self.camera_status.emit(exc.status)
            return
        worker = CameraWorker(source, on_status=self.camera_status.emit)
        self.camera = worker
        self.camera_changed.emit(source)
        worker.start()

    def set_microphone(self, spec: str) -> None:
        self._stop_microphone()
        mic = Microphone(spec, on_status=self.mic_status.emit)
        try:
            mic.start()
        except SourceError:
            return  # its status (FAILED, with the devices found) was already emitted
        self.microphone = mic

    def _poll(self) -> None:
        if self.camera is not None:
            frame = self.camera.latest()
            if frame is not None:
                self.frames_shown += 1
                self.frame_ready.emit(to_qimage(frame.image))
        mic = self.microphone
        if mic is not None:
            level = mic.latest_level
            if level is not None:
                self.level_changed.emit(level.rms_dbfs, level.peak_dbfs)
            if mic.status.state is SourceState.LOST:
                self.microphone = None
                mic.stop()

    def _stop_camera(self) -> None:
        worker, self.camera = self.camera, None
        if worker is not None:
            worker.stop()

    def _stop_microphone(self) -> None:
        mic, self.microphone = self.microphone, None
        if mic is not None:
            mic.stop()

    def stop_all(self) -> None:
        """Stop the timer and every worker; safe to call twice."""
        self._timer.stop()
        self._stop_camera()
        self._stop_microphone()
        log.info("capture stopped")

    @staticmethod
    def problem(status: SourceStatus) -> bool:
        return status.state.is_problem
