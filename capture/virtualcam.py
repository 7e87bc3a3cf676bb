"""The virtual camera the lesson platform picks as "LessonGuard camera".

Why behind a sink: the lesson platform must only ever see the composited picture (blurred,
badged, or the shutter card), and a machine without a virtual-camera driver must get a plain
sentence saying exactly what to install, not a crash.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import numpy as np

from app.texts import _
from capture.status import SourceError, SourceState

log = logging.getLogger(__name__)
DEVICE_NAME = "LessonGuard camera"


def install_hint() -> str:
    if sys.platform.startswith("linux"):
        return _("Install v4l2loopback and create the camera: sudo apt-get install "
                 "v4l2loopback-dkms, then sudo modprobe v4l2loopback devices=1 "
                 "exclusive_caps=1 card_label=\"{name}\"; then turn the virtual camera on "
                 "again.", name=DEVICE_NAME)
    if sys.platform == "darwin":
        return _("Install OBS Studio (obsproject.com), open it once and click \"Start Virtual "
                 "Camera\" so macOS registers it; then turn LessonGuard's virtual camera on "
                 "again.")
    return _("Install OBS Studio (obsproject.com), which brings the OBS Virtual Camera "
             "driver; then turn LessonGuard's virtual camera on again.")


class PyVirtualCamSink:
    """Sends frames to the OS virtual camera through pyvirtualcam; opens on the first frame,
    at that frame's size."""

    def __init__(self, fps: float = 30.0) -> None:
        self.fps = fps
        self._camera: Any = None
        self.device = ""

    def open(self, width: int, height: int) -> None:
        try:
            import pyvirtualcam

            self._camera = pyvirtualcam.Camera(width=width, height=height, fps=self.fps,
                                               fmt=pyvirtualcam.PixelFormat.BGR)
        except (ImportError, RuntimeError, OSError) as exc:
            raise SourceError(SourceState.FAILED,
                              _("The virtual camera is not available on this computer "
                                "({why}).", why=str(exc)),
                              install_hint()) from exc
        self.device = str(self._camera.device)
        log.info("virtual camera open: %s %dx%d", self.device, width, height)

    def send(self, image: np.ndarray, timestamp: float) -> None:
        h, w = image.shape[:2]
        if self._camera is None:
            self.open(w, h)
        elif (self._camera.width, self._camera.height) != (w, h):
            self.close()
            self.open(w, h)
        self._camera.send(image)

    def close(self) -> None:
        if self._camera is not None:
            self._camera.close()
            self._camera = None
