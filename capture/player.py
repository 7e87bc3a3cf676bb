"""Playing a recording inside LessonGuard: decrypt, decode and pace, with pause and seek.

Why in-app: a recording of a child must never be written out decrypted for a media player to
open. PyAV reads the decrypting reader directly; pictures go to the window, sound to the
default output through PortAudio. No Qt here: the window polls `latest()` from a timer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


class Player:
    def __init__(self, open_reader: Callable[[], Any]) -> None:
        self._open_reader = open_reader
        self.duration = 0.0
        self._lock = threading.Lock()
        self._latest: tuple[float, np.ndarray] | None = None
        self._seek_to: float | None = 0.0
        self._paused = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._clock_base = 0.0  # media time at _wall_base
        self._wall_base = time.monotonic()
        self._audio: deque[np.ndarray] = deque()
        self._stream: Any = None
        self.error = ""
        self.finished = False

    # --- control (any thread) ---

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="player", daemon=True)
        self._thread.start()

    @property
    def position(self) -> float:
        if self._paused.is_set():
            return self._clock_base
        return self._clock_base + (time.monotonic() - self._wall_base)

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    def pause(self, on: bool) -> None:
        with self._lock:
            if on and not self._paused.is_set():
                self._clock_base = self.position
                self._paused.set()
            elif not on and self._paused.is_set():
                self._wall_base = time.monotonic()
                self._paused.clear()

    def seek(self, seconds: float) -> None:
        with self._lock:
            self._seek_to = max(0.0, min(seconds, self.duration or seconds))
            self.finished = False

    def latest(self) -> tuple[float, np.ndarray] | None:
        with self._lock:
            return self._latest

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(3)
        self._close_audio()

    # --- the decoding thread ---

    def _open_audio(self, rate: int) -> None:
        try:
            import sounddevice as sd

            self._stream = sd.OutputStream(samplerate=rate, channels=1, dtype="float32",
                                           callback=self._fill)
            self._stream.start()
        except Exception as exc:  # no speakers: the picture still plays
            log.info("recording plays without sound: %s", exc)
            self._stream = None

    def _fill(self, out: np.ndarray, frames: int, info: Any, status: Any) -> None:
        out.fill(0)
        if self._paused.is_set():
            return
        filled = 0
        while filled < frames and self._audio:
            block = self._audio[0]
            take = min(frames - filled, len(block))
            out[filled:filled + take, 0] = block[:take]
            if take == len(block):
                self._audio.popleft()
            else:
                self._audio[0] = block[take:]
            filled += take

    def _close_audio(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.close(ignore_errors=True)

    def _run(self) -> None:
        import av

        try:
            reader = self._open_reader()
            container = av.open(reader, "r", format="mp4")
        except Exception as exc:
            self.error = f"The recording cannot be opened: {exc}"
            return
        try:
            video = container.streams.video[0]
            audio = container.streams.audio[0] if container.streams.audio else None
            self.duration = self._duration(container)
            if audio is not None:
                self._open_audio(audio.sample_rate or 48_000)
            streams = [s for s in (video, audio) if s is not None]
            while not self._stop.is_set():
                with self._lock:
                    target, self._seek_to = self._seek_to, None
                if target is not None:
                    container.seek(int(target / video.time_base), stream=video, backward=True)
                    self._audio.clear()
                    with self._lock:
                        self._clock_base, self._wall_base = target, time.monotonic()
                    skip_before = target
                else:
                    skip_before = -1.0
                for frame in container.decode(*streams):
                    if self._stop.is_set() or self._seek_to is not None:
                        break
                    t = float(frame.time or 0.0)
                    if t < skip_before - 0.02:
                        continue
                    if isinstance(frame, av.AudioFrame):
                        samples = frame.to_ndarray().astype(np.float32)
                        self._audio.append(samples[0] if samples.ndim == 2 else samples)
                        continue
                    image = frame.to_ndarray(format="bgr24")
                    while not self._stop.is_set() and self._seek_to is None and (
                            self._paused.is_set() or self.position < t):
                        time.sleep(0.005)
                    with self._lock:
                        self._latest = (t, image)
                else:
                    self.finished = True
                    while (not self._stop.is_set() and self._seek_to is None):
                        time.sleep(0.05)
        except Exception as exc:
            log.exception("playback failed")
            self.error = f"Playback stopped: {exc}"
        finally:
            container.close()
            reader.close()
            self._close_audio()

    @staticmethod
    def _duration(container: Any) -> float:
        if container.duration:
            return float(container.duration / 1_000_000)
        return 0.0
