"""Benchmark: the bundle's size and its start-up time to a visible window.

Run:  bash packaging/build.sh && .venv/bin/python tests/bench/bench_bundle.py
Starts dist/LessonGuard/lessonguard on a fresh Xvfb with a clean HOME several times and times
each launch until the window is mapped (xdotool), the first launch after copying being the
coldest this machine can offer without dropping its page cache.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.helpers.xvfb import Xvfb

BUILT = Path(__file__).resolve().parents[2] / "dist" / "LessonGuard"


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*")
               if f.is_file() and not f.is_symlink()) / 2**20


def launch_time(bundle: Path, display: str, home: Path) -> float:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "DISPLAY": display,
           "LESSONGUARD_SPEED_URL": "http://127.0.0.1:9"}
    began = time.perf_counter()
    app = subprocess.Popen([str(bundle / "lessonguard"), "--camera", "synthetic"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name",
                                    "^LessonGuard$"], env=env, capture_output=True, text=True)
            if found.stdout.strip():
                return time.perf_counter() - began
            if app.poll() is not None or time.perf_counter() - began > 60:
                raise RuntimeError("the window never appeared")
            time.sleep(0.02)
    finally:
        app.terminate()
        app.wait(15)


def main() -> None:
    if not (BUILT / "lessonguard").exists():
        raise SystemExit("build it first: bash packaging/build.sh")
    internal = BUILT / "_internal"
    biggest = sorted(((size_mb(p) if p.is_dir() else p.stat().st_size / 2**20, p.name)
                      for p in internal.iterdir()), reverse=True)[:6]
    print(f"bundle dist/LessonGuard: {size_mb(BUILT):.0f} MB; largest parts: "
          + ", ".join(f"{name} {mb:.0f} MB" for mb, name in biggest))
    server = Xvfb().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "LessonGuard"
            shutil.copytree(BUILT, copy, symlinks=True)
            times = []
            for i in range(6):
                home = Path(tmp) / f"home{i}"
                home.mkdir()
                times.append(launch_time(copy, server.display, home))
    finally:
        server.stop()
    print(f"start-up to a visible window: first {times[0]:.2f} s, then median "
          f"{statistics.median(times[1:]):.2f} s (max {max(times[1:]):.2f} s) over "
          f"{len(times) - 1} launches")
    os.environ.pop("DISPLAY", None)


if __name__ == "__main__":
    main()
