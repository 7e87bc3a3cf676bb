"""Benchmark: the preview pipeline's frame rate and the app's memory after a minute of preview.

Run:  .venv/bin/python tests/bench/bench_preview.py [--seconds 60]
Prints figures; asserts nothing about time (that is what benchmarks are for).
  1. raw pipeline: an unpaced 1280x720 source through the worker and the QImage conversion,
     as fast as one core allows;
  2. live preview: the real main window (offscreen Qt) showing a 1280x720, 30 fps camera for
     --seconds, with the frames shown per second, frames dropped, CPU and resident memory.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.store import Store
from capture.camera import SyntheticCamera
from capture.worker import CameraWorker
from ui.capture_controller import to_qimage
from ui.launch import build_window

SIZE = (1280, 720)


def raw_pipeline(seconds: float) -> dict[str, float]:
    worker = CameraWorker(SyntheticCamera(SIZE, paced=False), queue_size=2)
    worker.start()
    converted = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        frame = worker.frames.get(0.5)
        if frame is not None:
            to_qimage(frame.image)
            converted += 1
    elapsed = time.perf_counter() - start
    worker.stop()
    return {
        "camera_fps": worker.frames_read / elapsed,
        "converted_fps": converted / elapsed,
        "dropped": worker.dropped,
    }


def live_preview(seconds: float) -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    proc = psutil.Process()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        window = build_window(store, "synthetic", "no-microphone-for-the-benchmark")
        controller = window.controller
        window.resize(1280, 860)
        window.show()
        rss_start = proc.memory_info().rss
        cpu_start = proc.cpu_times()
        t0 = time.perf_counter()
        result: dict[str, float] = {}

        def finish() -> None:
            # Read the figures before quitting: quitting closes the window, which stops capture.
            elapsed = time.perf_counter() - t0
            cpu = proc.cpu_times()
            camera = controller.camera
            assert camera is not None, "the camera stopped during the benchmark"
            result.update({
                "shown_fps": controller.frames_shown / elapsed,
                "camera_fps": camera.frames_read / elapsed,
                # frames the blur pipeline had to skip (the preview shows its output)
                "dropped": (controller.effects._input.dropped if controller.effects
                            else camera.dropped),
                "cpu_percent_of_one_core": 100 * ((cpu.user - cpu_start.user)
                                                  + (cpu.system - cpu_start.system)) / elapsed,
                "rss_start_mb": rss_start / 2**20,
                "rss_end_mb": proc.memory_info().rss / 2**20,
            })
            app.quit()

        QTimer.singleShot(int(seconds * 1000), finish)
        app.exec()
        window.close()
        store.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--raw-seconds", type=float, default=10.0)
    args = parser.parse_args()
    raw = raw_pipeline(args.raw_seconds)
    print(f"raw pipeline 1280x720 ({args.raw_seconds:.0f} s): camera {raw['camera_fps']:.1f} fps, "
          f"converted for display {raw['converted_fps']:.1f} fps, dropped {raw['dropped']}")
    live = live_preview(args.seconds)
    print(f"live preview 1280x720@30 ({args.seconds:.0f} s): shown {live['shown_fps']:.1f} fps, "
          f"camera {live['camera_fps']:.1f} fps, dropped {live['dropped']}, "
          f"CPU {live['cpu_percent_of_one_core']:.0f}% of one core, "
          f"RSS {live['rss_start_mb']:.0f} MB at start -> {live['rss_end_mb']:.0f} MB after")


if __name__ == "__main__":
    main()
