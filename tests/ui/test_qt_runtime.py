"""Guards against known faults in the Qt bindings we ship with."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    levels = Signal(float, float)


def test_signal_emit_keeps_the_refcount_of_true() -> None:
    """PySide6 6.12.0 under Python 3.11 lost a reference to True per emit, so the app
    aborted ("bool_dealloc") after a minute or two of meter updates."""
    emitter = _Emitter()
    received: list[float] = []
    emitter.levels.connect(lambda rms, peak: received.append(rms))
    before = sys.getrefcount(True)
    for i in range(500):
        emitter.levels.emit(float(i), 0.0)
    assert len(received) == 500
    assert abs(sys.getrefcount(True) - before) < 50


def test_start_up_does_not_wait_for_mediapipe_or_the_models(tmp_path: Path) -> None:
    """The window shows, and the preview runs (fully blurred), while the model is still
    loading: here its loading is held back for good, and the app does not wait for it."""
    import os
    import subprocess

    from tests.conftest import REPO

    code = """
import sys, threading, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
import capture.pipeline as pl
import ui.capture_controller as cc
never = threading.Event()
def held_back():
    never.wait()
cc.Pipeline = lambda: pl.Pipeline(segmenter_factory=held_back)
from app.store import Store
from ui.launch import build_window
w = build_window(Store(Path(sys.argv[1])), "synthetic", "none")
w.show()
end = time.monotonic() + 2
while time.monotonic() < end:
    app.processEvents()
    time.sleep(0.02)
print(w.controller.pipeline.look.mode, w.controller.frames_shown,
      w.controller.pipeline.ready, "mediapipe" in sys.modules)
w.close()
"""
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                         text=True, timeout=120, cwd=REPO,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    mode, shown, ready, imported = out.stdout.split()
    assert mode == "blur"  # the privacy default
    assert int(shown) > 20  # the preview ran
    assert ready == "False" and imported == "False"
