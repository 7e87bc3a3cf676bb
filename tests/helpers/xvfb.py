"""A real X server (Xvfb) for end-to-end tests, and screenshots of it through ffmpeg."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import cv2
import numpy as np

from tests.helpers.tools import require_tool


class Xvfb:
    def __init__(self, width: int = 1280, height: int = 800) -> None:
        self.width, self.height = width, height
        self.process: subprocess.Popen[bytes] | None = None
        self.display = ""

    def start(self) -> Xvfb:
        xvfb = require_tool("Xvfb")
        require_tool("ffmpeg")
        read_fd, write_fd = os.pipe()
        self.process = subprocess.Popen(
            [xvfb, "-displayfd", str(write_fd), "-screen", "0",
             f"{self.width}x{self.height}x24", "-nolisten", "tcp"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not report a display number")
        self.display = f":{number}"
        return self

    def screenshot(self, path: Path) -> np.ndarray:
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-y", "-f", "x11grab", "-video_size",
             f"{self.width}x{self.height}", "-i", self.display, "-frames:v", "1", str(path)],
            check=True, timeout=30,
        )
        image = cv2.imread(str(path))
        assert image is not None, f"unreadable screenshot {path}"
        return image

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)


def keep(shot_path: Path, name: str) -> None:
    """Keep a screenshot for the README when LESSONGUARD_SCREENSHOTS names a folder."""
    folder = os.environ.get("LESSONGUARD_SCREENSHOTS")
    if folder:
        shutil.copy(shot_path, Path(folder) / name)


