"""Smoke test of the PyInstaller bundle (built by packaging/build.sh, which the README's test
command runs first): copied to a fresh, read-only folder and run with a clean HOME."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__
from tests.conftest import REPO
from tests.helpers.pulse import PulseServer, speech
from tests.helpers.xvfb import Xvfb

BUILT = REPO / "dist" / "LessonGuard"
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the Linux bundle")


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file() and not path.is_symlink():
            digest.update(str(path.stat().st_size).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not (BUILT / "lessonguard").exists():  # the README's test command builds it first
        pytest.fail("dist/LessonGuard is missing: `bash scripts/test.sh` builds it (or run "
                    "`bash packaging/build.sh`)")
    copy = tmp_path_factory.mktemp("installed") / "LessonGuard"
    shutil.copytree(BUILT, copy, symlinks=True)
    subprocess.run(["chmod", "-R", "a-w", str(copy)], check=True)  # like a system install
    yield copy
    subprocess.run(["chmod", "-R", "u+w", str(copy)], check=True)


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LESSONGUARD_DATA_DIR", "XDG_", "VIRTUAL_ENV", "PYTHON", "QT_"))}
    env.update(HOME=str(home), PATH="/usr/bin:/bin")
    env["LESSONGUARD_SPEED_URL"] = os.environ["LESSONGUARD_SPEED_URL"]  # never the internet
    return env


def test_version_runs_from_a_read_only_copy(bundle: Path, clean_env: dict[str, str]) -> None:
    before = tree_digest(bundle)
    out = subprocess.run([str(bundle / "lessonguard"), "--version"], capture_output=True,
                         text=True, env=clean_env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"LessonGuard {__version__}"
    assert tree_digest(bundle) == before


def test_camera_and_microphone_checks_pass(bundle: Path, clean_env: dict[str, str],
                                           pulse: PulseServer, tmp_path: Path) -> None:
    words = speech(tmp_path / "s.wav", "Hello, can you hear me? Let's warm up with a scale. "
                   "Then we'll play the piece from last week, slowly and steadily.")
    clean_env["PULSE_SERVER"] = pulse.server
    player = pulse.play(words)
    try:
        out = subprocess.run([str(bundle / "lessonguard"), "check", "--json", "--camera",
                              "synthetic", "--mic", "pulse", "--only", "camera,microphone"],
                             capture_output=True, text=True, env=clean_env, timeout=120)
    finally:
        player.kill()
        player.wait(5)
    doc = json.loads(out.stdout)
    results = {r["id"]: r["status"] for r in doc["results"]}
    assert results == {"camera": "pass", "microphone": "pass"}, doc["results"]
    assert out.returncode == 0
    data = Path(clean_env["HOME"]) / ".local" / "share" / "LessonGuard"
    assert (data / "lessonguard.db").is_file()  # it wrote to the user data folder only
    assert (data / "logs" / "lessonguard.log").is_file()


def test_a_consented_recording_from_the_bundle_verifies(bundle: Path,
                                                        clean_env: dict[str, str],
                                                        pulse: PulseServer) -> None:
    """PyAV, the encryption and the key folder all work from the installed bundle."""
    clean_env["PULSE_SERVER"] = pulse.server
    exe = str(bundle / "lessonguard")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], capture_output=True, text=True, env=clean_env,
                              timeout=120)

    assert run("people", "add", "--role", "pupil", "--name", "Amy", "--age-band",
               "11-12").returncode == 0
    assert run("people", "add", "--role", "responsible_adult", "--name", "Jo",
               "--pupil", "1").returncode == 0
    assert run("consent", "grant", "--policy", "vto", "--pupil", "1", "--by", "2",
               "--typed-name", "Jo").returncode == 0
    made = run("record", "--policy", "vto", "--pupil", "1", "--camera", "synthetic",
               "--mic", "pulse", "--seconds", "3", "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["state"] == "complete"
    verified = run("recordings", "verify", "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["ok"]


def test_the_window_opens_and_shows_a_picture(bundle: Path, clean_env: dict[str, str],
                                              tmp_path: Path) -> None:
    server = Xvfb().start()
    clean_env["DISPLAY"] = server.display
    log = Path(clean_env["HOME"]) / ".local/share/LessonGuard/logs/lessonguard.log"
    # First run answered from the bundle's own CLI, as a technician's script would.
    subprocess.run([str(bundle / "lessonguard"), "setup", "--role", "tutor", "--name",
                    "Sam Taylor"], env=clean_env, check=True, capture_output=True, timeout=60)
    began = time.monotonic()
    app = subprocess.Popen([str(bundle / "lessonguard"), "--page", "camera", "--camera",
                            "synthetic"],
                           env=clean_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while "window shown" not in (log.read_text() if log.exists() else ""):
            assert app.poll() is None, app.stderr.read().decode() if app.stderr else ""
            assert time.monotonic() - began < 60, "no window within 60 s"
            time.sleep(0.1)
        time.sleep(1.5)
        shot = server.screenshot(tmp_path / "bundle.png")
        assert float(shot.std()) > 20, "the screenshot is blank"
        assert float(shot[..., 2].mean()) > 40  # the demo camera's warm colours are there
    finally:
        app.terminate()
        assert app.wait(15) == 0
        if app.stderr:
            app.stderr.close()
        server.stop()
