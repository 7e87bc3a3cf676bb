"""A short test tone through the speakers or headphones, so a person can hear they work."""

from __future__ import annotations

import numpy as np

from capture.microphone import _sounddevice
from capture.status import SourceError, SourceState


def tone(seconds: float = 1.0, freq: float = 440.0, level_dbfs: float = -12.0,
         samplerate: int = 48_000) -> np.ndarray:
    """A sine with 20 ms fades, so it starts and stops without a click."""
    t = np.arange(int(seconds * samplerate), dtype=np.float32) / samplerate
    wave = np.sin(2 * np.pi * freq * t).astype(np.float32) * (10 ** (level_dbfs / 20))
    fade = min(len(t) // 2, int(0.02 * samplerate))
    ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
    wave[:fade] *= ramp
    wave[len(wave) - fade:] *= ramp[::-1]
    return wave


def play_test_tone(device: str | int | None = None, seconds: float = 1.0) -> None:
    """Play the tone and wait until it has finished; a missing device raises SourceError."""
    sd = _sounddevice()
    try:
        sd.play(tone(seconds), samplerate=48_000, device=device, blocking=True)
    except (sd.PortAudioError, ValueError) as exc:
        raise SourceError(SourceState.FAILED, f"The test tone could not be played ({exc}).",
                          "Check the speakers or headphones are plugged in and not muted."
                          ) from exc
