"""Shared fixtures. Every test gets its own data and user directories; Qt runs offscreen."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.pulse import PulseServer, keep_talking, speech

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GLOG_minloglevel", "2")


def _keep_bytecode() -> None:
    """Compiled modules kept for every Python process the tests start. The run starts
    `lessonguard` and other Python processes hundreds of times; where PYTHONDONTWRITEBYTECODE
    is set (as in some containers) and the .venv holds no .pyc, each of them compiled
    PySide6's, numpy's and LessonGuard's sources again, about half a second a start. The
    cache lives inside the .venv (never beside the sources, which that setting keeps clean),
    and Python still checks each entry against its source's time and size."""
    if not (sys.flags.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE")):
        return  # Python keeps __pycache__ beside the sources itself
    prefix = os.environ.get("PYTHONPYCACHEPREFIX") or str(Path(sys.prefix) / "pycache")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = prefix
    sys.dont_write_bytecode = False  # and this process, for what it imports from now on
    sys.pycache_prefix = prefix


_keep_bytecode()

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch a real user's data, config or cache."""
    data = tmp_path / "lg-data"
    monkeypatch.setenv("LESSONGUARD_DATA_DIR", str(data))
    # Keys in files under the test's own folder, so every `lessonguard` the test starts sees
    # the same ones (a test that wants a keyring removes this itself).
    monkeypatch.setenv("LESSONGUARD_KEYSTORE", "file")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    return data


@pytest.fixture(scope="session", autouse=True)
def speed_server() -> Iterator[str]:
    """Every bandwidth check in the tests talks to this loopback endpoint, never the
    internet: the real `lessonguard speed-server`, on a free port."""
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("lessonguard")
    proc = subprocess.Popen([str(exe), "speed-server", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the test speed server did not start") from None
            time.sleep(0.1)
    os.environ["LESSONGUARD_SPEED_URL"] = url
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    """One PulseAudio server with a null sink for the session; its monitor is the default mic."""
    server = PulseServer(tmp_path_factory.mktemp("pulse")).start()
    previous = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = server.server
    yield server
    server.stop()
    if previous is None:
        os.environ.pop("PULSE_SERVER", None)
    else:
        os.environ["PULSE_SERVER"] = previous


@pytest.fixture(autouse=True)
def _sound_server_ready(request: pytest.FixtureRequest) -> None:
    """Each test that uses the sound server finds it answering at the address in PULSE_SERVER,
    with PortAudio listing its default microphone: an earlier test that killed it, or made
    PortAudio scan while PULSE_SERVER pointed elsewhere, is put right here instead of failing
    the tests after it (the full run's order differs from any one file's)."""
    if "pulse" not in request.fixturenames:
        return
    server: PulseServer = request.getfixturevalue("pulse")
    restarted = server.ensure_running()
    os.environ["PULSE_SERVER"] = server.server
    sd = sys.modules.get("sounddevice")
    if sd is None:
        return
    try:
        missing = restarted or sd.query_devices(kind="input") is None
    except Exception:  # PortAudio: no default input device in its list
        missing = True
    if missing:
        sd._terminate()
        sd._initialize()


@pytest.fixture(scope="session")
def voice_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tutor's voice, spoken once for the session (espeak-ng; the same words each time)."""
    return speech(tmp_path_factory.mktemp("voice") / "voice.wav",
                  "Hello, I am ready for my violin lesson today. " * 5)


@pytest.fixture
def talking(pulse: PulseServer, voice_clip: Path) -> Iterator[None]:
    """A voice in the microphone for the whole test (the microphone check needs one)."""
    with keep_talking(pulse, voice_clip):
        yield


# The quick tier, `bash scripts/test.sh --quick`: the domain and unit tests, and the tests
# elsewhere that need no root, no PulseAudio, no display server, no bundle and no system
# program, and take seconds. A test elsewhere can join with @pytest.mark.quick. A test that
# uses one of the real parts below (a fixture, or a fixture built on one) is never quick.
QUICK = ("tests/unit/", "tests/ui/test_qt_runtime.py", "tests/ui/test_settings_page.py",
         "tests/ui/test_translations.py", "tests/integration/test_check_apps.py",
         "tests/integration/test_camera_contract.py")
REAL_PARTS = {"pulse", "xvfb", "bundle", "small_disk", "gnome"}
# Unit tests that start the real `lessonguard` dozens of times each: the full run has them.
NOT_QUICK = ("tests/unit/test_audit_binding.py", "tests/unit/test_audit_binding_incidents.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        real = REAL_PARTS & set(getattr(item, "fixturenames", ()))
        if real and item.get_closest_marker("quick"):
            raise pytest.UsageError(f"{item.nodeid} is marked quick but uses {sorted(real)}")
        where = item.path.relative_to(REPO).as_posix()
        if not real and where.startswith(QUICK) and not where.startswith(NOT_QUICK):
            item.add_marker(pytest.mark.quick)
