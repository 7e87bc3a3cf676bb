"""Getting a few seconds of pictures and sound for a check, from a running worker or on its own.

Why: in the app the preview already owns the camera (a webcam opens once), so a check taps
the running worker; on the command line a check opens the device itself. Both look the same
to the check.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from capture.camera import make_camera
from capture.microphone import Microphone
from capture.status import SourceError, SourceStatus
from capture.worker import CameraWorker


@dataclass
class CameraSample:
    description: str
    is_demo: bool
    frames: list[np.ndarray] = field(default_factory=list)  # small greyscale copies
    timestamps: list[float] = field(default_factory=list)
    pictures: list[np.ndarray] = field(default_factory=list)  # a few colour frames, ≤960 wide
    size: tuple[int, int] = (0, 0)
    problem: SourceStatus | None = None


@dataclass
class SoundSample:
    device: str
    samplerate: int
    blocks: list[np.ndarray] = field(default_factory=list)
    problem: SourceStatus | None = None
    voice_s_ago: float | None = None  # a running microphone heard a voice this long ago


def _small_grey(bgr: np.ndarray) -> np.ndarray:
    import cv2

    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    return cv2.resize(grey, (160, 90), interpolation=cv2.INTER_AREA)


PICTURES = 3


def _picture(bgr: np.ndarray) -> np.ndarray:
    import cv2

    h, w = bgr.shape[:2]
    if w <= 960:
        return bgr.copy()
    return cv2.resize(bgr, (960, int(h * 960 / w)), interpolation=cv2.INTER_AREA)


def sample_worker(worker: CameraWorker, seconds: float, cancel: threading.Event,
                  deadline: float, picture_every: int = 15,
                  max_pictures: int = PICTURES) -> CameraSample:
    sample = CameraSample(worker.source.description, worker.source.is_demo)
    queue = worker.subscribe(8)
    try:
        end = min(time.monotonic() + seconds, deadline)
        while time.monotonic() < end and not cancel.is_set():
            frame = queue.get(0.1)
            if frame is None:
                status = worker.status
                if status.state.is_problem:
                    sample.problem = status
                    break
                continue
            sample.size = frame.size
            if (len(sample.frames) % picture_every == 5 % picture_every
                    and len(sample.pictures) < max_pictures):
                sample.pictures.append(_picture(frame.image))  # for the image checks
            sample.frames.append(_small_grey(frame.image))
            sample.timestamps.append(frame.timestamp)
    finally:
        worker.unsubscribe(queue)
    if not sample.frames and sample.problem is None and worker.status.state.is_problem:
        sample.problem = worker.status
    return sample


class OwnCameraProbe:
    """Opens the camera itself (the command line)."""

    def __init__(self, spec: str) -> None:
        self.spec = spec

    def sample(self, seconds: float, cancel: threading.Event, deadline: float,
               picture_every: int = 15, max_pictures: int = PICTURES) -> CameraSample:
        try:
            source = make_camera(self.spec, loop_files=True)
        except SourceError as exc:
            return CameraSample(self.spec, False, problem=exc.status)
        worker = CameraWorker(source)
        worker.start()
        try:
            return sample_worker(worker, seconds, cancel, deadline, picture_every, max_pictures)
        finally:
            worker.stop()


class SharedCameraProbe:
    """Taps the camera the preview is already showing (the desktop app)."""

    def __init__(self, worker: CameraWorker) -> None:
        self.worker = worker

    def sample(self, seconds: float, cancel: threading.Event, deadline: float,
               picture_every: int = 15, max_pictures: int = PICTURES) -> CameraSample:
        return sample_worker(self.worker, seconds, cancel, deadline, picture_every,
                             max_pictures)


StopWhen = Callable[[list[np.ndarray]], bool]  # given the blocks so far: enough heard?


def sample_microphone(mic: Microphone, seconds: float, cancel: threading.Event,
                      deadline: float, stop_when: StopWhen | None = None) -> SoundSample:
    """Up to `seconds` of sound; sooner when `stop_when` says what was heard is enough (the
    microphone check listens until someone speaks, not for a fixed time)."""
    sample = SoundSample(mic.device_name, mic.samplerate)
    queue = mic.subscribe()
    try:
        end = min(time.monotonic() + seconds, deadline)
        while time.monotonic() < end and not cancel.is_set():
            block = queue.get(0.1)
            if block is not None:
                sample.blocks.append(block)
                if stop_when is not None and stop_when(sample.blocks):
                    break
            elif mic.status.state.is_problem:
                sample.problem = mic.status
                break
    finally:
        mic.unsubscribe(queue)
    return sample


class OwnMicProbe:
    def __init__(self, spec: str | None) -> None:
        self.spec = spec

    def sample(self, seconds: float, cancel: threading.Event, deadline: float,
               stop_when: StopWhen | None = None) -> SoundSample:
        mic = Microphone(self.spec)
        try:
            mic.start()
        except SourceError as exc:
            return SoundSample(str(self.spec or "default"), mic.samplerate, problem=exc.status)
        try:
            if not mic.wait_until_listening(min(5.0, max(0.1, deadline - time.monotonic()))):
                return SoundSample(mic.device_name, mic.samplerate, problem=mic.status
                                   if mic.status.state.is_problem else None)
            return sample_microphone(mic, seconds, cancel, deadline, stop_when)
        finally:
            mic.stop()


class SharedMicProbe:
    def __init__(self, mic: Microphone) -> None:
        self.mic = mic

    def sample(self, seconds: float, cancel: threading.Event, deadline: float,
               stop_when: StopWhen | None = None) -> SoundSample:
        if not self.mic.wait_until_listening(min(5.0, max(0.1, deadline - time.monotonic()))):
            return SoundSample(self.mic.device_name, self.mic.samplerate,
                               problem=self.mic.status if self.mic.status.state.is_problem
                               else None)
        sample = sample_microphone(self.mic, seconds, cancel, deadline, stop_when)
        heard = self.mic.last_voice_at  # the window's microphone runs all along
        if heard is not None:
            sample.voice_s_ago = max(0.0, time.monotonic() - heard)
        return sample


class SharedSample:
    """One camera sample for every check in a run: the camera, background and people checks
    run at once, but a webcam opens only once, and each check sees the same seconds."""

    def __init__(self, probe: OwnCameraProbe | SharedCameraProbe) -> None:
        self.probe = probe
        self._lock = threading.Lock()
        self._sample: CameraSample | None = None

    def sample(self, seconds: float, cancel: threading.Event, deadline: float) -> CameraSample:
        with self._lock:
            if self._sample is None:
                self._sample = self.probe.sample(seconds, cancel, deadline)
            return self._sample
