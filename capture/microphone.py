"""The microphone through PortAudio (sounddevice): levels now, blocks for whoever needs them.

Why: the meter, the microphone check and the recorder all listen to the same input; a
microphone that is unplugged or missing must become a clear status, never a frozen meter.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.texts import _
from capture.queues import DropOldestQueue
from capture.sound_devices import find_device, list_devices, routed
from capture.status import SourceError, SourceState, SourceStatus

log = logging.getLogger(__name__)

SILENCE_DBFS = -100.0
VOICE_DBFS = -50.0  # a block this loud is someone speaking or playing
STALL_SECONDS = 1.5
FIRST_BLOCK_GRACE_SECONDS = 5.0  # PortAudio through a sound server can take a while to start


def _sounddevice() -> Any:
    """Import sounddevice late: without the PortAudio library it fails on import."""
    try:
        import sounddevice
    except OSError as exc:
        raise SourceError(
            SourceState.FAILED,
            _("The sound library PortAudio is not installed, so no microphone can be used."),
            _("Install it (Debian/Ubuntu: sudo apt-get install libportaudio2) and restart."),
        ) from exc
    return sounddevice


_pa_lock = threading.Lock()
_open_streams = 0


def refresh_devices() -> None:
    """Re-scan the sound devices, so a microphone plugged in (or a sound server started)
    after LessonGuard opened is found. PortAudio scans only when initialised, and may only be
    re-initialised while no stream is open, so this does nothing while one is."""
    sd = _sounddevice()
    with _pa_lock:
        if _open_streams:
            return
        sd._terminate()
        sd._initialize()


def dbfs(value: float) -> float:
    return SILENCE_DBFS if value <= 1e-5 else max(SILENCE_DBFS, 20.0 * math.log10(value))


@dataclass(frozen=True)
class Level:
    """The loudness of one block: RMS and peak in dBFS (0 is full scale)."""

    rms_dbfs: float
    peak_dbfs: float
    timestamp: float

    @classmethod
    def of(cls, block: np.ndarray, timestamp: float) -> Level:
        samples = block.astype(np.float32, copy=False)
        rms = float(np.sqrt(np.mean(np.square(samples)))) if samples.size else 0.0
        peak = float(np.max(np.abs(samples))) if samples.size else 0.0
        return cls(dbfs(rms), dbfs(peak), timestamp)


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    channels: int
    default_samplerate: float
    is_default: bool


def list_input_devices(refresh: bool = True) -> list[InputDevice]:
    sd = _sounddevice()
    if refresh:
        refresh_devices()
    try:
        default_in = sd.default.device[0]
        devices = sd.query_devices()
    except sd.PortAudioError as exc:
        log.warning("cannot list audio devices: %s", exc)
        return []
    return [
        InputDevice(i, d["name"], d["max_input_channels"], d["default_samplerate"],
                    i == default_in)
        for i, d in enumerate(devices)
        if d["max_input_channels"] > 0
    ]


def list_output_devices() -> list[str]:
    """The speakers and headphones, by the names the system shows."""
    return [d.name for d in list_devices("output")]


def input_names() -> list[str]:
    """The microphones, by the names the system shows."""
    try:
        return [d.name for d in list_devices("input")]
    except SourceError:
        return []


class Microphone:
    """One open input stream. Levels and raw blocks flow out through drop-oldest queues."""

    def __init__(
        self,
        device: str | int | None = None,
        samplerate: int = 48_000,
        blocksize: int = 1024,
        channels: int = 1,
        on_status: Callable[[SourceStatus], None] | None = None,
    ) -> None:
        self.device = _parse_device(device)
        self.samplerate = samplerate
        self.blocksize = blocksize
        self.channels = channels
        self.levels: DropOldestQueue[Level] = DropOldestQueue(64)
        self.blocks: DropOldestQueue[np.ndarray] = DropOldestQueue(64)
        self.device_name = "?"
        self._on_status = on_status
        self._stream: Any = None
        self._close_lock = threading.Lock()
        self._watchdog: threading.Thread | None = None
        self._stop = threading.Event()
        self._last_block = 0.0
        self._latest: Level | None = None
        self._status = SourceStatus(SourceState.STOPPED)
        self.overflows = 0
        self.last_voice_at: float | None = None  # time.monotonic() a voice was last heard
        self._subscribers: list[DropOldestQueue[np.ndarray]] = []
        self._timed: list[DropOldestQueue[tuple[float, np.ndarray]]] = []

    def subscribe(self, maxsize: int = 256) -> DropOldestQueue[np.ndarray]:
        """Another reader of the raw sound blocks (a check, the recorder)."""
        queue: DropOldestQueue[np.ndarray] = DropOldestQueue(maxsize)
        self._subscribers = [*self._subscribers, queue]
        return queue

    def subscribe_timed(self, maxsize: int = 512) -> DropOldestQueue[tuple[float, np.ndarray]]:
        """Blocks with the moment their first sample was captured (time.monotonic()
        seconds), for the recorder, which must line sound up with the picture."""
        queue: DropOldestQueue[tuple[float, np.ndarray]] = DropOldestQueue(maxsize)
        self._timed = [*self._timed, queue]
        return queue

    def unsubscribe(self, queue: DropOldestQueue[Any]) -> None:
        self._subscribers = [q for q in self._subscribers if q is not queue]
        self._timed = [q for q in self._timed if q is not queue]

    @property
    def status(self) -> SourceStatus:
        return self._status

    @property
    def latest_level(self) -> Level | None:
        return self._latest

    def _set_status(self, status: SourceStatus) -> None:
        self._status = status
        level = logging.WARNING if status.state.is_problem else logging.INFO
        log.log(level, "microphone %s: %s %s", self.device_name, status.state.value,
                status.text())
        if self._on_status is not None:
            self._on_status(status)

    def _callback(self, indata: np.ndarray, frames: int, time_info: Any, flags: Any) -> None:
        now = time.monotonic()
        if flags:
            self.overflows += 1
        self._last_block = now
        level = Level.of(indata, now)
        self._latest = level
        if level.rms_dbfs >= VOICE_DBFS:
            self.last_voice_at = now
        self.levels.put(level)
        block = indata.copy()
        self.blocks.put(block)
        for queue in self._subscribers:  # a list copied on change: safe to read here
            queue.put(block)
        if self._timed:
            # How long ago the first sample was captured: PortAudio's ADC time where the
            # host reports one, else the block's own length.
            adc, current = time_info.inputBufferAdcTime, time_info.currentTime
            ago = current - adc if adc > 0 and 0 <= current - adc < 1.0 else 0.0
            ago = max(ago, frames / self.samplerate)
            for timed in self._timed:
                timed.put((now - ago, block))

    def start(self) -> None:
        """Open the stream; a missing device becomes status FAILED (and SourceError)."""
        global _open_streams
        sd = _sounddevice()
        self._stop.clear()
        refresh_devices()
        # A microphone named as the system names it is opened through the sound server.
        chosen = find_device(self.device, "input") if isinstance(self.device, str) else None
        try:
            with _pa_lock, routed(chosen) as through:
                device = through or self.device
                info = sd.query_devices(device, kind="input")
                self.device_name = chosen.name if chosen is not None else _shown_name(
                    str(info["name"]), self.device)
                self._stream = sd.InputStream(
                    device=device, samplerate=self.samplerate, blocksize=self.blocksize,
                    channels=self.channels, dtype="float32", callback=self._callback,
                )
                _open_streams += 1
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            if self._stream is not None:
                self._close_stream()
            self._stream = None
            names = ", ".join(input_names())
            status = SourceStatus(
                SourceState.FAILED,
                _("The microphone {device} could not be opened ({error}).",
                  device=self._wanted(), error=str(exc)),
                _("Plug it in or choose another one. Microphones found: {names}.", names=names)
                if names else _("Plug it in or choose another one. No microphone was found."),
            )
            self._set_status(status)
            raise SourceError(status.state, status.message, status.fix) from exc
        self._last_block = time.monotonic()
        self._set_status(SourceStatus(SourceState.RUNNING, f"Microphone: {self.device_name}"))
        self._watchdog = threading.Thread(target=self._watch, name="mic-watchdog", daemon=True)
        self._watchdog.start()

    def wait_until_listening(self, timeout: float = FIRST_BLOCK_GRACE_SECONDS) -> bool:
        """Block until the first sound block arrives (a sound server can take ~2 s)."""
        deadline = time.monotonic() + timeout
        while self._latest is None and time.monotonic() < deadline:
            if self._status.state.is_problem:
                return False
            time.sleep(0.02)
        return self._latest is not None

    def _wanted(self) -> str:
        return "(default)" if self.device is None else f"'{self.device}'"

    def _watch(self) -> None:
        """Notice a microphone that stops delivering sound (unplugged, server gone)."""
        while not self._stop.wait(0.25):
            stream = self._stream
            allowed = STALL_SECONDS if self._latest is not None else FIRST_BLOCK_GRACE_SECONDS
            stalled = time.monotonic() - self._last_block > allowed
            inactive = stream is not None and not stream.active
            if stalled or inactive:
                self._latest = Level(SILENCE_DBFS, SILENCE_DBFS, time.monotonic())
                self._set_status(SourceStatus(
                    SourceState.LOST,
                    _("The microphone {device} stopped sending sound.",
                      device=self.device_name),
                    _("It may have been unplugged: plug it back in and choose it again."),
                ))
                self._close_stream()
                return

    def _close_stream(self) -> None:
        global _open_streams
        with self._close_lock:  # the watchdog and stop() may both get here
            stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            stream.abort(ignore_errors=True)
            stream.close(ignore_errors=True)
        except Exception:  # the device may already be gone; closing must still succeed
            log.debug("closing the microphone stream failed", exc_info=True)
        with _pa_lock:
            _open_streams -= 1

    def stop(self) -> None:
        """Close the stream and the watchdog; safe to call twice."""
        self._stop.set()
        watchdog, self._watchdog = self._watchdog, None
        if watchdog is not None and watchdog is not threading.current_thread():
            watchdog.join(2.0)
        was_running = self._stream is not None
        self._close_stream()
        if was_running:
            self._set_status(SourceStatus(SourceState.STOPPED, "Microphone stopped."))


def _shown_name(portaudio_name: str, wanted: str | int | None) -> str:
    """The name to show for a device opened by PortAudio's own name: for the sound server's
    "pulse" or "default", the server's name for its default microphone."""
    if portaudio_name.strip().lower() in ("pulse", "default", "sysdefault", "pipewire"):
        from capture.sound_devices import default_name

        return default_name("input") or portaudio_name
    return portaudio_name


def _parse_device(device: str | int | None) -> str | int | None:
    if device is None or device == "" or device == "default":
        return None
    if isinstance(device, str) and device.isdigit():
        return int(device)
    return device


def record(mic: Microphone, seconds: float, cancel: threading.Event | None = None
           ) -> np.ndarray:
    """`seconds` of mono sound from a running microphone (for "record and play back"); fewer
    if it stops sending or `cancel` is set. Raises SourceError when nothing came at all."""
    queue = mic.subscribe()
    blocks: list[np.ndarray] = []
    wanted = int(seconds * mic.samplerate)
    got = 0
    stop = cancel or threading.Event()
    limit = time.monotonic() + seconds + FIRST_BLOCK_GRACE_SECONDS
    try:
        while got < wanted and not stop.is_set() and time.monotonic() < limit:
            block = queue.get(0.1)
            if block is None:
                if mic.status.state.is_problem:
                    break
                continue
            mono = block.reshape(len(block), -1)[:, 0]
            blocks.append(mono)
            got += len(mono)
    finally:
        mic.unsubscribe(queue)
    if not blocks:
        raise SourceError(SourceState.FAILED,
                          _("The microphone {device} sent no sound.", device=mic.device_name),
                          _("Plug it in or choose another one."))
    return np.concatenate(blocks)[:wanted].astype(np.float32)
