"""The camera pipeline: segment, smooth the mask, composite, and hand the picture to the
preview, the virtual camera and (later) the recorder.

Why one place: the shutter must win everywhere at once. Once it is pressed no camera pixel
leaves this pipeline, whichever output is reading: the press itself sends the card.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import cv2
import numpy as np

from capture.camera import Frame
from capture.compositor import Look, composite, draw_badge, shutter_card
from capture.mask import WORK_SIZE, MaskSmoother
from capture.queues import DropOldestQueue
from capture.worker import CameraWorker

log = logging.getLogger(__name__)


class Segmenter(Protocol):
    def mask(self, bgr: np.ndarray, timestamp_ms: int | None = None) -> np.ndarray: ...


def default_segmenter() -> Segmenter:
    from capture.vision import PersonSegmenter  # MediaPipe loads here, on first use only

    return PersonSegmenter(video=True)


class VideoSink(Protocol):
    """Anything that takes the outgoing picture: the virtual camera, a recorder, a test."""

    def send(self, image: np.ndarray, timestamp: float) -> None: ...

    def close(self) -> None: ...


class Pipeline:
    """Turns camera frames into the outgoing picture. Thread-safe to re-style while running."""

    def __init__(self, segmenter_factory: Callable[[], Segmenter] = default_segmenter,
                 look: Look | None = None, instrument_mode: bool = False) -> None:
        self._factory = segmenter_factory
        self._segmenter: Segmenter | None = None
        self.look = look or Look()
        self.smoother = MaskSmoother(instrument_mode=instrument_mode)
        self.mask_every = 1  # recompute the mask every N frames; grows when the CPU is short
        self._since_mask = 0
        self._seg_ms = 0.0
        self._shutter = False
        self.badge = ""  # "● REC" while recording, whatever look is chosen meanwhile
        self.frames = 0
        self._loader: threading.Thread | None = None
        self.load_error = ""

    @property
    def ready(self) -> bool:
        """Whether the segmentation model has loaded (it loads in the background)."""
        return self._segmenter is not None

    def load(self, wait: bool = False) -> None:
        """Start loading the model off the camera thread; until it is ready the whole
        picture is treated as background, so nothing private shows while it loads."""
        if self._segmenter is None and self._loader is None:
            self._loader = threading.Thread(target=self._load, name="segmenter-load",
                                             daemon=True)
            self._loader.start()
        if wait and self._loader is not None:
            self._loader.join()

    def _load(self) -> None:
        try:
            self._segmenter = self._factory()
        except Exception as exc:  # the picture stays fully blurred; the reason is kept
            log.exception("the segmentation model could not be loaded")
            self.load_error = str(exc)

    @property
    def shutter(self) -> bool:
        return self._shutter

    @shutter.setter
    def shutter(self, closed: bool) -> None:
        self._shutter = closed

    def set_instrument_mode(self, on: bool) -> None:
        self.smoother.instrument_mode = on

    def _segment(self, image: np.ndarray, timestamp: float) -> None:
        assert self._segmenter is not None
        small = cv2.resize(image, WORK_SIZE, interpolation=cv2.INTER_AREA)
        began = time.perf_counter()
        confidence = self._segmenter.mask(small, int(timestamp * 1000))
        took = (time.perf_counter() - began) * 1000
        self._seg_ms = took if self._seg_ms == 0 else 0.8 * self._seg_ms + 0.2 * took
        self.smoother.update(confidence, small)

    def adapt(self, frame_budget_ms: float) -> None:
        """Recompute the mask less often when segmentation takes too much of each frame."""
        if self._seg_ms > 0.5 * frame_budget_ms and self.mask_every < 4:
            self.mask_every += 1
        elif self._seg_ms < 0.2 * frame_budget_ms and self.mask_every > 1:
            self.mask_every -= 1

    def process(self, frame: Frame) -> np.ndarray:
        look = self.look
        if self.badge and look.badge != self.badge:
            look = replace(look, badge=self.badge)
        h, w = frame.image.shape[:2]
        if self._shutter:
            return composite(frame.image, None, Look(mode="shutter", badge=look.badge))
        alpha = None
        if look.needs_mask:
            if self._segmenter is None:
                self.load()
                alpha = np.zeros((h, w), np.uint8)  # all background until the model is in
            else:
                self._since_mask += 1
                if self.smoother.alpha(1, 1) is None or self._since_mask >= self.mask_every:
                    self._segment(frame.image, frame.timestamp)
                    self._since_mask = 0
                alpha = self.smoother.alpha(w, h)
        self.frames += 1
        out = composite(frame.image, alpha, look)
        if self._shutter:  # pressed while this frame was being made: it must not go out
            card = shutter_card(w, h).copy()
            return draw_badge(card, look.badge) if look.badge else card
        return out


class PipelineWorker:
    """Runs the pipeline on its own thread, on the newest camera frame, and publishes the
    result to a drop-oldest queue (the preview) and to every sink."""

    def __init__(self, camera: CameraWorker, pipeline: Pipeline) -> None:
        self.camera = camera
        self.pipeline = pipeline
        self.output: DropOldestQueue[tuple[float, np.ndarray]] = DropOldestQueue(2)
        self.sinks: list[VideoSink] = []
        self._input = camera.subscribe(2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="camera-pipeline", daemon=True)
        self._last_size: tuple[int, int] | None = None
        self.process_ms = 0.0
        # Held while publishing and while closing the shutter, so that once set_shutter()
        # returns no picture composited before the press can still go out.
        self._publish_lock = threading.Lock()

    def start(self) -> None:
        self._thread.start()

    def _publish(self, image: np.ndarray, timestamp: float) -> None:
        self.output.put((timestamp, image))
        for sink in list(self.sinks):
            try:
                sink.send(image, timestamp)
            except Exception:  # one broken output must not stop the others
                log.exception("a video sink failed; it is removed")
                self.sinks.remove(sink)

    def _card(self, size: tuple[int, int]) -> np.ndarray:
        card = shutter_card(*size).copy()
        return draw_badge(card, self.pipeline.badge) if self.pipeline.badge else card

    def set_shutter(self, closed: bool) -> None:
        """Closing takes effect now: the card goes out at once, before any other frame."""
        with self._publish_lock:
            self.pipeline.shutter = closed
            if closed:
                self.output.latest()  # anything composited before the press is thrown away
                if self._last_size is not None:
                    self._publish(self._card(self._last_size), time.monotonic())

    def _run(self) -> None:
        fps = self.camera.source.nominal_fps or 30.0
        while not self._stop.is_set():
            frame = self._input.get(0.2)
            if frame is None:
                continue
            newer = self._input.latest()  # always work on the newest picture
            frame = newer or frame
            began = time.perf_counter()
            try:
                image = self.pipeline.process(frame)
            except Exception:
                log.exception("the camera pipeline failed on a frame; showing it unchanged")
                image = (shutter_card(frame.size[0], frame.size[1]).copy()
                         if self.pipeline.shutter else frame.image)
            took = (time.perf_counter() - began) * 1000
            self.process_ms = took if self.process_ms == 0 else 0.9 * self.process_ms + 0.1 * took
            self.pipeline.adapt(1000 / fps)
            self._last_size = frame.size
            with self._publish_lock:
                if self.pipeline.shutter and not self._is_card(image):
                    image = self._card(frame.size)  # closed while this frame was being made
                self._publish(image, frame.timestamp)

    @staticmethod
    def _is_card(image: np.ndarray) -> bool:
        h, w = image.shape[:2]
        card = shutter_card(w, h)
        return bool(np.array_equal(image[h // 2, :: max(1, w // 16)],
                                   card[h // 2, :: max(1, w // 16)]))

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(3)
        self.camera.unsubscribe(self._input)
        for sink in self.sinks:
            try:
                sink.close()
            except Exception:
                log.exception("closing a video sink failed")
        self.sinks.clear()
