"""A private PulseAudio server with a null sink: a real microphone for the tests.

Sound played into the sink (espeak-ng speech, sox tones) comes back out of its monitor
source, which is the server's default input, so PortAudio records it like a microphone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.helpers.tools import require_tool

SINK = "lg_sink"


class PulseServer:
    def __init__(self, runtime_dir: Path) -> None:
        self.runtime_dir = runtime_dir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def socket(self) -> Path:
        return self.runtime_dir / "native"

    @property
    def server(self) -> str:
        return f"unix:{self.socket}"

    def env(self) -> dict[str, str]:
        return {**os.environ, "PULSE_SERVER": self.server}

    def start(self) -> PulseServer:
        pulseaudio = require_tool("pulseaudio")
        require_tool("pactl")
        self.runtime_dir.mkdir(parents=True, exist_ok=True)
        self.runtime_dir.chmod(0o700)
        env = {**os.environ, "XDG_RUNTIME_DIR": str(self.runtime_dir),
               "PULSE_RUNTIME_PATH": str(self.runtime_dir), "HOME": str(self.runtime_dir)}
        self.process = subprocess.Popen(
            [pulseaudio, "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit=yes",
             "-n", "--use-pid-file=no", "--log-target=stderr", "--log-level=error",
             f"--load=module-native-protocol-unix auth-anonymous=1 socket={self.socket}",
             f"--load=module-null-sink sink_name={SINK} rate=48000",
             "--load=module-always-sink"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"pulseaudio exited: {err}")
            if self.socket.exists() and self.pactl("info").returncode == 0:
                self.pactl("set-default-source", f"{SINK}.monitor", check=True)
                self.pactl("set-default-sink", SINK, check=True)
                return self
            time.sleep(0.1)
        raise RuntimeError("pulseaudio did not start within 15 s")

    def answers(self) -> bool:
        try:
            return self.process is not None and self.process.poll() is None \
                and self.pactl("info").returncode == 0
        except subprocess.TimeoutExpired:
            return False

    def ensure_running(self) -> bool:
        """Start the server again if an earlier test left it dead or deaf (the session's
        server outlives every test; one that broke it must not fail the rest). True when it
        had to be started again."""
        if self.answers():
            return False
        self.stop()
        self.socket.unlink(missing_ok=True)
        self.start()
        return True

    def pactl(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pactl", *args], env=self.env(), capture_output=True, text=True,
                              check=check, timeout=10)

    def play(self, wav: Path, sink: str = SINK) -> subprocess.Popen[bytes]:
        """Play a file into the null sink (or another); returns the running paplay."""
        paplay = require_tool("paplay")
        return subprocess.Popen([paplay, f"--device={sink}", str(wav)], env=self.env())

    def named_microphone(self, name: str, description: str) -> str:
        """A second microphone as a person would see it: a real source called `name`, shown
        as `description`, that hears what is played into the sink `name`_feed. Returns the
        sink to play into. Made once per name; the default microphone stays as it was."""
        sink = f"{name}_feed"
        if name not in self.pactl("list", "short", "sources").stdout.split():
            self.pactl("load-module", "module-null-sink", f"sink_name={sink}", "rate=48000",
                       f"sink_properties=device.description={sink}", check=True)
            self.pactl("load-module", "module-remap-source", f"source_name={name}",
                       f"master={sink}.monitor",
                       f"source_properties='device.description=\"{description}\"'",
                       check=True)
        return sink

    def add_source(self, name: str, description: str, muted: bool = False) -> int:
        """Another capture source (a null source: silent, but a real source every client
        sees, like a USB audio interface); returns its module, to remove it."""
        done = self.pactl("load-module", "module-null-source", f"source_name={name}",
                          f'description="{description}"', check=True)
        if muted:
            self.pactl("set-source-mute", name, "1", check=True)
        return int(done.stdout.strip())

    def remove_source(self, module: int) -> None:
        self.pactl("unload-module", str(module), check=True)

    def sources(self) -> list[dict[str, Any]]:
        """Every source as the server lists it now (name, index, mute…)."""
        listed = self.pactl("-f", "json", "list", "sources", check=True)
        return list(json.loads(listed.stdout))

    def muted(self) -> dict[str, bool]:
        """Every source's mute as the server reads it now, by source name."""
        return {s["name"]: bool(s["mute"]) for s in self.sources()}

    def index(self, name: str) -> int:
        return next(int(s["index"]) for s in self.sources() if s["name"] == name)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()

    def kill(self) -> None:
        """Take the server away abruptly, as when a USB microphone is pulled out."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(5)


class Subscription:
    """`pactl subscribe` running, each event line stamped (time.monotonic()) as it arrives:
    the sound server's own account of when a source changed."""

    def __init__(self, pulse: PulseServer) -> None:
        self.pulse = pulse
        self.events: list[tuple[float, str]] = []
        self.process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None

    def __enter__(self) -> Subscription:
        self.process = subprocess.Popen([require_tool("pactl"), "subscribe"],
                                        env=self.pulse.env(), stdout=subprocess.PIPE,
                                        text=True, bufsize=1)
        stdout = self.process.stdout
        assert stdout is not None

        def read() -> None:
            for line in stdout:
                self.events.append((time.monotonic(), line.strip()))

        self._reader = threading.Thread(target=read, name="pactl-subscribe", daemon=True)
        self._reader.start()
        # Listening once it reports a client of its own (any pactl call makes one).
        deadline = time.monotonic() + 10
        while not any("client" in e for _t, e in self.events):
            assert time.monotonic() < deadline, "pactl subscribe reported nothing"
            self.pulse.pactl("info")
            time.sleep(0.02)
        return self

    def changes(self, index: int, after: float) -> list[float]:
        """When source #index changed, after the moment `after`."""
        return [t for t, e in list(self.events)
                if t >= after and e == f"Event 'change' on source #{index}"]

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(5)
        if self._reader is not None:
            self._reader.join(5)
        if self.process is not None and self.process.stdout:
            self.process.stdout.close()


def speech(path: Path, text: str) -> Path:
    espeak = require_tool("espeak-ng")
    subprocess.run([espeak, "-w", str(path), text], check=True, capture_output=True)
    return path


def tone(path: Path, seconds: float, freq: int, gain_db: float) -> Path:
    """A sine tone whose peak is `gain_db` dBFS (sox's own gain stage)."""
    sox = require_tool("sox")
    subprocess.run(
        [sox, "-n", "-r", "48000", "-c", "1", "-b", "16", str(path), "synth", str(seconds),
         "sine", str(freq), "gain", "-n", str(gain_db)],
        check=True, capture_output=True,
    )
    return path


def noise(path: Path, seconds: float, gain_db: float) -> Path:
    """Steady background noise (pink, like a fan or traffic) at `gain_db` dBFS peak."""
    sox = require_tool("sox")
    subprocess.run([sox, "-n", "-r", "48000", "-c", "1", "-b", "16", str(path), "synth",
                    str(seconds), "pinknoise", "gain", "-n", str(gain_db)],
                   check=True, capture_output=True)
    return path


def clipped_tone(path: Path, seconds: float, freq: int = 440) -> Path:
    """A tone driven 12 dB past full scale: flat-topped, as from a microphone too close."""
    sox = require_tool("sox")
    subprocess.run([sox, "-V1", "-n", "-r", "48000", "-c", "1", "-b", "16", str(path), "synth",
                    str(seconds), "sine", str(freq), "gain", "-n", "gain", "12"],
                   check=True, capture_output=True)
    return path


@contextmanager
def keep_talking(pulse: PulseServer, clip: Path) -> Iterator[None]:
    """Play `clip` into the null sink over and over until the block ends: a voice in the
    microphone for a whole test (the microphone check needs one)."""
    stop = threading.Event()
    players: list[subprocess.Popen[bytes]] = []

    def loop() -> None:
        while not stop.is_set():
            players.append(pulse.play(clip))
            while not stop.is_set() and players[-1].poll() is None:
                stop.wait(0.1)

    thread = threading.Thread(target=loop, name="keep-talking", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(15)
        for player in players:
            if player.poll() is None:
                player.terminate()
            player.wait(5)
