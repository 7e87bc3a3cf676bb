"""A video sink that keeps what it was sent: the stand-in for a virtual camera, which cannot
exist on a test machine without the v4l2loopback kernel module."""

from __future__ import annotations

import threading

import numpy as np


class RecordingSink:
    def __init__(self) -> None:
        self.frames: list[tuple[float, np.ndarray]] = []
        self.closed = False
        self._lock = threading.Lock()

    def send(self, image: np.ndarray, timestamp: float) -> None:
        with self._lock:
            self.frames.append((timestamp, image.copy()))

    def close(self) -> None:
        self.closed = True

    def count(self) -> int:
        with self._lock:
            return len(self.frames)
