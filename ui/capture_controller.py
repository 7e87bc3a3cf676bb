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
from capture.compositor import Look
from capture.microphone import Microphone
from capture.pipeline import Pipeline, PipelineWorker
from capture.status import SourceError, SourceState
from capture.virtualcam import PyVirtualCamSink
from capture.worker import CameraWorker
from ui.translations import say_error

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
    virtual_camera_status = Signal(str)  # "" when sending, else what to do

    def __init__(self, parent: QObject | None = None, poll_ms: int = 33) -> None:
        super().__init__(parent)
        self.camera: CameraWorker | None = None
        self.pipeline = Pipeline()
        self.effects: PipelineWorker | None = None
        self.virtual_camera: PyVirtualCamSink | None = None
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
        self.effects = PipelineWorker(worker, self.pipeline)
        if self.virtual_camera is not None:
            self.effects.sinks.append(self.virtual_camera)
        self.camera_changed.emit(source)
        worker.start()
        self.effects.start()

    def set_look(self, look: Look) -> None:
        self.pipeline.look = look

    def set_instrument_mode(self, on: bool) -> None:
        self.pipeline.set_instrument_mode(on)

    def set_shutter(self, closed: bool) -> None:
        """Closing takes effect on the very next picture everywhere (preview, lesson)."""
        if self.effects is not None:
            self.effects.set_shutter(closed)
        else:
            self.pipeline.shutter = closed
        log.info("camera shutter %s", "closed" if closed else "opened")

    def set_virtual_camera(self, on: bool) -> bool:
        """Start or stop sending the picture to the lesson platform; says why it can't."""
        if not on:
            sink, self.virtual_camera = self.virtual_camera, None
            if sink is not None:  # (a refusal's notice stays up: nothing was running)
                if self.effects is not None and sink in self.effects.sinks:
                    self.effects.sinks.remove(sink)
                sink.close()
                self.virtual_camera_status.emit("")
            return True
        sink = PyVirtualCamSink()
        latest = self.effects.output.latest() if self.effects is not None else None
        height, width = latest[1].shape[:2] if latest is not None else (720, 1280)
        try:
            sink.open(width, height)
        except SourceError as exc:
            self.virtual_camera_status.emit(say_error(exc))
            return False
        self.virtual_camera = sink
        if self.effects is not None:
            self.effects.sinks.append(sink)
        self.virtual_camera_status.emit("")
        return True

    def set_microphone(self, spec: str) -> None:
        self._stop_microphone()
        mic = Microphone(spec, on_status=self.mic_status.emit)
        try:
            mic.start()
        except SourceError:
            return  # its status (FAILED, with the devices found) was already emitted
        self.microphone = mic

    def _poll(self) -> None:
        if self.effects is not None:
            latest = self.effects.output.latest()
            if latest is not None:
                self.frames_shown += 1
                self.frame_ready.emit(to_qimage(latest[1]))
        mic = self.microphone
        if mic is not None:
            level = mic.latest_level
            if level is not None:
                self.level_changed.emit(level.rms_dbfs, level.peak_dbfs)
            if mic.status.state is SourceState.LOST:
                self.microphone = None
                mic.stop()

    def _stop_camera(self) -> None:
        effects, self.effects = self.effects, None
        if effects is not None:
            # The virtual camera and a running recording carry on with the next camera.
            effects.sinks = [s for s in effects.sinks if s is not self.virtual_camera
                             and not getattr(s, "survives_camera_change", False)]
            effects.stop()
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
        self.set_virtual_camera(False)
        self._stop_microphone()
        log.info("capture stopped")
