"""Sound out through the speakers or headphones a person chose: a short test tone, or what
the microphone just recorded, so they can hear both work before the lesson.

Why its own stream: a speaker chosen by the name the system shows is opened through the sound
server (capture.sound_devices.routed), and playing must never hold up a microphone opening at
the same moment, so the stream is opened under the routing and played outside it.
"""

from __future__ import annotations

import threading

import numpy as np

from app.texts import _
from capture.microphone import _sounddevice
from capture.sound_devices import find_device, routed
from capture.status import SourceError, SourceState

SAMPLERATE = 48_000


def tone(seconds: float = 1.0, freq: float = 440.0, level_dbfs: float = -12.0,
         samplerate: int = SAMPLERATE) -> np.ndarray:
    """A sine with 20 ms fades, so it starts and stops without a click."""
    t = np.arange(int(seconds * samplerate), dtype=np.float32) / samplerate
    wave = np.sin(2 * np.pi * freq * t).astype(np.float32) * (10 ** (level_dbfs / 20))
    fade = min(len(t) // 2, int(0.02 * samplerate))
    ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
    wave[:fade] *= ramp
    wave[len(wave) - fade:] *= ramp[::-1]
    return wave


def _speaker(device: str | int | None) -> str | int | None:
    if device in (None, "", "default"):
        return None
    if isinstance(device, str) and device.isdigit():
        return int(device)
    return device


def play(samples: np.ndarray, samplerate: int = SAMPLERATE,
         device: str | int | None = None, cancel: threading.Event | None = None) -> None:
    """Play mono `samples` to the end (or until `cancel`); a speaker that cannot be opened
    raises SourceError naming it."""
    sd = _sounddevice()
    wanted = _speaker(device)
    chosen = find_device(wanted, "output") if isinstance(wanted, str) else None
    mono = np.ascontiguousarray(samples.reshape(-1), dtype=np.float32)
    done = threading.Event()
    position = 0

    def callback(outdata: np.ndarray, frames: int, _time: object, _status: object) -> None:
        nonlocal position
        chunk = mono[position:position + frames]
        outdata[:len(chunk), 0] = chunk
        outdata[len(chunk):, 0] = 0.0
        position += len(chunk)
        if len(chunk) < frames:
            raise sd.CallbackStop

    try:
        with routed(chosen) as through:
            stream = sd.OutputStream(device=through or wanted, samplerate=samplerate,
                                     channels=1, dtype="float32", callback=callback,
                                     finished_callback=done.set)
        with stream:
            seconds = len(mono) / samplerate
            stopped = cancel or threading.Event()
            limit = seconds + 2.0  # a stalled device must not hold the caller for ever
            waited = 0.0
            while not done.is_set() and not stopped.is_set() and waited < limit:
                done.wait(0.05)
                waited += 0.05
    except (sd.PortAudioError, ValueError) as exc:
        name = chosen.name if chosen is not None else str(device or _("the default speakers"))
        raise SourceError(SourceState.FAILED,
                          _("The sound could not be played through {device} ({error}).",
                            device=name, error=str(exc)),
                          _("Check the speakers or headphones are plugged in and not muted, "
                            "or choose others.")) from exc


def play_test_tone(device: str | int | None = None, seconds: float = 1.0) -> None:
    """Play the tone and wait until it has finished; a missing device raises SourceError."""
    play(tone(seconds), SAMPLERATE, device)
