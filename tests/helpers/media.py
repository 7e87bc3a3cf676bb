"""Test clips made from images that ship with scikit-image, written through OpenCV."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import cv2
import numpy as np
from skimage import data

MAGENTA_BGR = (255, 0, 255)


def astronaut_bgr(size: tuple[int, int]) -> np.ndarray:
    img = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    return cv2.resize(img, size, interpolation=cv2.INTER_AREA)


def write_video(path: Path, frames: Iterable[np.ndarray], fps: float = 30.0,
                fourcc: str = "mp4v") -> Path:
    writer: cv2.VideoWriter | None = None
    for frame in frames:
        if writer is None:
            h, w = frame.shape[:2]
            writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*fourcc), fps, (w, h))
            assert writer.isOpened(), f"OpenCV cannot write {path}"
        writer.write(frame)
    assert writer is not None, "no frames"
    writer.release()
    return path


def moving_astronaut_frames(count: int, size: tuple[int, int] = (640, 360)) -> list[np.ndarray]:
    """The astronaut swaying gently in front of a magenta wall: magenta is a colour no widget
    uses, so a screenshot shows at once whether the video is on screen."""
    w, h = size
    person = astronaut_bgr((h * 5 // 6, h * 5 // 6))
    ph, pw = person.shape[:2]
    frames = []
    for i in range(count):
        frame = np.full((h, w, 3), MAGENTA_BGR, np.uint8)
        x = int((w - pw) * (0.5 + 0.15 * np.sin(i / 15)))
        frame[h - ph:, x:x + pw] = person
        frames.append(frame)
    return frames


def counting_frames(count: int, size: tuple[int, int] = (320, 240)) -> list[np.ndarray]:
    """Frames whose mean brightness encodes their number, to check order and completeness."""
    w, h = size
    return [np.full((h, w, 3), 20 + (i * 7) % 200, np.uint8) for i in range(count)]


def magenta_fraction(bgr: np.ndarray) -> float:
    b, g, r = (bgr[..., i].astype(np.int16) for i in range(3))
    return float(np.mean((b > 200) & (r > 200) & (g < 60)))


def lit_scene_frames(count: int, kind: str, size: tuple[int, int] = (640, 360)) -> list[np.ndarray]:
    """Scenes for the camera check: `good`, `dim`, `black`, `backlit`, `frozen`."""
    w, h = size
    person = astronaut_bgr((h * 2 // 3, h * 2 // 3))
    ph, pw = person.shape[:2]
    rng = np.random.default_rng(7)
    frames = []
    for i in range(count):
        if kind == "black":
            frame = rng.integers(0, 6, (h, w, 3), dtype=np.uint8)  # a covered lens: sensor noise
            frames.append(frame)
            continue
        wall = {"good": 140, "dim": 35, "backlit": 252, "frozen": 140}[kind]
        frame = np.full((h, w, 3), wall, np.uint8)
        x = (w - pw) // 2 if kind == "frozen" else int((w - pw) * (0.5 + 0.3 * np.sin(i / 6)))
        subject = person
        if kind == "dim":
            subject = (person * 0.25).astype(np.uint8)
        elif kind == "backlit":
            subject = (person * 0.2).astype(np.uint8)  # a face in shadow against a window
        frame[h - ph:, x:x + pw] = subject
        frames.append(frame)
    return frames
