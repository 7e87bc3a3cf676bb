"""Camera sources behind one interface: a device index, a video file, or a synthetic demo.

Why: the preview, the checks and the recorder must not care where frames come from, so a
video file can stand in for a webcam in tests (same OpenCV `VideoCapture` path) and a demo
picture can stand in on a computer that has no camera at all.
"""

from __future__ import annotations

import logging
import math
import os
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import cv2
import numpy as np

from app.texts import _
from capture.status import SourceError, SourceState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Frame:
    """One picture: BGR uint8 pixels, its number and when it was captured (monotonic s)."""

    image: np.ndarray
    index: int
    timestamp: float

    @property
    def size(self) -> tuple[int, int]:
        return int(self.image.shape[1]), int(self.image.shape[0])


class CameraSource(ABC):
    """Open once, read frames until None (the end) or a SourceError, close any number of times."""

    kind: ClassVar[str]
    is_demo: ClassVar[bool] = False

    def __init__(self) -> None:
        self._index = 0

    @property
    @abstractmethod
    def description(self) -> str:
        """What a person would call this source ("Camera 0", "clip.mp4", "Demo camera")."""

    @abstractmethod
    def open(self) -> None:
        """Open the source or raise SourceError(FAILED, message, fix)."""

    @abstractmethod
    def _read_image(self) -> np.ndarray | None:
        """Next BGR image; None at a file's end; SourceError(LOST) if the device vanished."""

    @abstractmethod
    def close(self) -> None:
        """Release the source; safe to call twice or before open()."""

    @property
    def nominal_fps(self) -> float:
        return 30.0

    def read(self) -> Frame | None:
        image = self._read_image()
        if image is None:
            return None
        frame = Frame(image, self._index, time.monotonic())
        self._index += 1
        return frame


CaptureFactory = Callable[..., Any]


class _OpenCVCamera(CameraSource):
    """What the webcam and the video file share: an OpenCV capture, its rate, its release."""

    def __init__(self) -> None:
        super().__init__()
        self._cap: Any = None

    @property
    def nominal_fps(self) -> float:
        fps = self._cap.get(cv2.CAP_PROP_FPS) if self._cap is not None else 0.0
        return fps if 1.0 <= fps <= 240.0 else 30.0

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class DeviceCamera(_OpenCVCamera):
    """A webcam by index through OpenCV. `capture_factory` exists so a test can stand in a
    device that vanishes, because no physical webcam exists on a test machine."""

    kind = "device"

    def __init__(
        self,
        index: int,
        size: tuple[int, int] = (1280, 720),
        capture_factory: CaptureFactory = cv2.VideoCapture,
    ) -> None:
        super().__init__()
        self.index = index
        self.size = size
        self._factory = capture_factory
        self._failures = 0

    @property
    def description(self) -> str:
        return f"Camera {self.index}"

    def open(self) -> None:
        cap = self._factory(self.index)
        if cap is None or not cap.isOpened():
            if cap is not None:
                cap.release()
            raise SourceError(
                SourceState.FAILED,
                _("Camera {index} could not be opened.", index=self.index),
                _("Check it is plugged in and not used by another program, or choose another "
                  "camera."),
            )
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.size[0])
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.size[1])
        self._cap = cap

    def _read_image(self) -> np.ndarray | None:
        if self._cap is None:
            raise SourceError(SourceState.FAILED, _("Camera {index} is not open.",
                                                    index=self.index))
        ok, image = self._cap.read()
        if ok and image is not None:
            self._failures = 0
            return image
        # A webcam can miss a frame now and then; several in a row means it is gone.
        self._failures += 1
        if self._failures >= 5:
            raise SourceError(
                SourceState.LOST,
                _("Camera {index} stopped sending pictures.", index=self.index),
                _("It may have been unplugged: plug it back in and choose it again."),
            )
        time.sleep(0.02)
        return self._read_image()


class FileCamera(_OpenCVCamera):
    """A video file played at its own frame rate, optionally looped (the demo and the tests)."""

    kind = "file"

    def __init__(self, path: str | Path, loop: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.loop = loop
        self._frames_in_file = 0
        self._position = 0
        self._next_due = 0.0

    @property
    def description(self) -> str:
        return f"Video file {self.path.name}"

    def open(self) -> None:
        if not self.path.is_file():
            raise SourceError(
                SourceState.FAILED,
                _("The video file {path} does not exist.", path=str(self.path)),
                _("Check the path, or choose a camera instead."),
            )
        cap = cv2.VideoCapture(str(self.path))
        ok, first = cap.read() if cap.isOpened() else (False, None)
        if not ok or first is None:
            cap.release()
            raise SourceError(
                SourceState.FAILED,
                _("The video file {name} cannot be read: it is damaged or not a video.",
                  name=self.path.name),
                _("Choose another file or a camera."),
            )
        cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
        self._cap = cap
        self._frames_in_file = int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        self._position = 0
        self._next_due = time.monotonic()

    def _read_image(self) -> np.ndarray | None:
        if self._cap is None:
            raise SourceError(SourceState.FAILED, _("{name} is not open.",
                                                    name=self.path.name))
        # Pace like a real camera: a file must not flood the pipeline.
        delay = self._next_due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self._next_due = max(self._next_due, time.monotonic() - 1.0) + 1.0 / self.nominal_fps
        ok, image = self._cap.read()
        if ok and image is not None:
            self._position += 1
            return image
        cut_short = self._frames_in_file and self._position < self._frames_in_file - 1
        if cut_short:
            raise SourceError(
                SourceState.LOST,
                _("The video file {name} is damaged after frame {frame}.",
                  name=self.path.name, frame=self._position),
                _("Choose another file or a camera."),
            )
        if self.loop and self._position > 0:
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            self._position = 0
            return self._read_image()
        return None


class SyntheticCamera(CameraSource):
    """A moving test picture, clearly labelled as a demo, for computers without a camera."""

    kind = "synthetic"
    is_demo = True

    def __init__(
        self, size: tuple[int, int] = (1280, 720), fps: float = 30.0, paced: bool = True
    ) -> None:
        super().__init__()
        self.size = size
        self.fps = fps
        self.paced = paced
        self._open = False
        self._next_due = 0.0
        self._background = self._make_background(size)

    @property
    def description(self) -> str:
        return "Demo camera (no webcam in use)"

    @property
    def nominal_fps(self) -> float:
        return self.fps

    @staticmethod
    def _make_background(size: tuple[int, int]) -> np.ndarray:
        w, h = size
        x = np.linspace(0, 255, w, dtype=np.float32)
        y = np.linspace(0, 255, h, dtype=np.float32)[:, None]
        img = np.empty((h, w, 3), np.uint8)
        img[..., 0] = (0.6 * x + 0.2 * y).astype(np.uint8)
        img[..., 1] = (0.3 * y + 60).astype(np.uint8)
        img[..., 2] = (200 - 0.3 * x).clip(0, 255).astype(np.uint8)
        return img

    def open(self) -> None:
        self._open = True
        self._next_due = time.monotonic()

    def _read_image(self) -> np.ndarray | None:
        if not self._open:
            raise SourceError(SourceState.FAILED, _("The demo camera is not open."))
        if self.paced:
            delay = self._next_due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._next_due = max(self._next_due, time.monotonic() - 1.0) + 1.0 / self.fps
        w, h = self.size
        img = self._background.copy()
        t = self._index / self.fps
        cx = int(w / 2 + w / 4 * math.sin(t * 1.3))
        cy = int(h / 2 + h / 5 * math.cos(t * 0.9))
        cv2.circle(img, (cx, cy), max(10, h // 6), (240, 240, 240), -1, cv2.LINE_AA)
        scale = h / 480
        cv2.putText(img, "DEMO CAMERA", (int(20 * scale), int(50 * scale)),
                    cv2.FONT_HERSHEY_SIMPLEX, 1.2 * scale, (255, 255, 255), max(1, int(2 * scale)),
                    cv2.LINE_AA)
        cv2.putText(img, f"frame {self._index}", (int(20 * scale), h - int(20 * scale)),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.7 * scale, (255, 255, 255), max(1, int(scale)),
                    cv2.LINE_AA)
        return img

    def close(self) -> None:
        self._open = False


BACKENDS: dict[str, type[CameraSource]] = {
    cls.kind: cls for cls in (DeviceCamera, FileCamera, SyntheticCamera)
}

AUTO = "auto"


def describe_spec(spec: str) -> str:
    return {AUTO: "Automatic (first camera, else the demo)", "synthetic": "Demo camera"}.get(
        spec, f"Camera {spec}" if spec.isdigit() else Path(spec).name
    )


def make_camera(spec: str, *, loop_files: bool = True) -> CameraSource:
    """Turn a user's camera choice into a source: an index, a video file path or `synthetic`.

    `auto` means the first camera that opens, else the labelled demo. Raises SourceError for
    a choice that cannot be a camera at all.
    """
    spec = spec.strip()
    if spec in ("", AUTO):
        return first_available_camera()
    if spec == "synthetic":
        return SyntheticCamera()
    if spec.isdigit():
        return DeviceCamera(int(spec))
    path = Path(spec).expanduser()
    if path.exists() or path.suffix:
        return FileCamera(path, loop=loop_files)
    raise SourceError(
        SourceState.FAILED,
        _("'{spec}' is not a camera: give a camera number (0, 1…), a video file or "
          "'synthetic'.", spec=spec),
    )


def first_available_camera(max_index: int = 3) -> CameraSource:
    for index in range(max_index):
        if not _device_node_may_exist(index):
            continue
        cam = DeviceCamera(index)
        try:
            cam.open()
        except SourceError:
            continue
        cam.close()
        return DeviceCamera(index)
    log.info("no camera found; using the demo camera")
    return SyntheticCamera()


def _device_node_may_exist(index: int) -> bool:
    """On Linux, skip indices with no /dev/videoN (OpenCV would log an error for each)."""
    dev = Path("/dev")
    if (dev / "null").exists() and dev.is_dir() and Path("/proc").is_dir():
        return (dev / f"video{index}").exists()
    return True


VIDEO_DIR_ENV = "LESSONGUARD_VIDEO_DIR"


def list_cameras(max_index: int = 5) -> list[str]:
    """Camera indices that look present, without opening them (opening is slow). Video
    devices are looked for in /dev, or in LESSONGUARD_VIDEO_DIR where a system (or a test
    standing in for a physical webcam) keeps them elsewhere."""
    folder = Path(os.environ.get(VIDEO_DIR_ENV) or "/dev")
    return [str(i) for i in range(max_index) if (folder / f"video{i}").exists()]
