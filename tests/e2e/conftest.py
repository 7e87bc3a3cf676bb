"""The real app as a subprocess under Xvfb: the X server, the launcher, and screenshots."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.pulse import PulseServer
from tests.helpers.xvfb import Xvfb


@pytest.fixture(scope="module")
def xvfb() -> Iterator[Xvfb]:
    server = Xvfb().start()
    yield server
    server.stop()


def lessonguard() -> str:
    return str(Path(sys.executable).with_name("lessonguard"))


class App:
    def __init__(self, data_dir: Path, args: list[str], env: dict[str, str]) -> None:
        self.data_dir = data_dir
        self.log_path = data_dir / "logs" / "lessonguard.log"
        self.process = subprocess.Popen(
            [lessonguard(), "--data-dir", str(data_dir), *args], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def wait_for_log(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log():
            if self.process.poll() is not None:
                out = self.process.stdout.read().decode() if self.process.stdout else ""
                raise AssertionError(f"the app exited early: {out}\n{self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"'{text}' never appeared in the log:\n{self.log()}")
            time.sleep(0.1)

    def close(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(15)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            if self.process.stdout:
                self.process.stdout.close()


@pytest.fixture
def launch(xvfb: Xvfb, pulse: PulseServer, tmp_path: Path) -> Iterator:
    apps: list[App] = []

    def start(*args: str, role: str | None = "tutor", name: str = "Sam Taylor",
              data_dir: Path | None = None, extra_env: dict[str, str] | None = None) -> App:
        """Start the app; first run is answered from the CLI (`lessonguard setup`) unless
        `role` is None, when the first-run wizard shows."""
        env = {**os.environ, "DISPLAY": xvfb.display, "QT_QPA_PLATFORM": "xcb",
               "PULSE_SERVER": pulse.server, **(extra_env or {})}
        env.pop("LESSONGUARD_DATA_DIR", None)
        data_dir = data_dir or tmp_path / f"data{len(apps)}"
        if role is not None:
            policy = list(args)[list(args).index("--policy") + 1] if "--policy" in args \
                else "strict"
            subprocess.run([lessonguard(), "--data-dir", str(data_dir), "setup", "--role", role,
                            "--name", name, "--policy", policy], env=env, check=True,
                           capture_output=True, timeout=60)
        app = App(data_dir, list(args), env)
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.close()
