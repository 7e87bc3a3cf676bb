"""Device names on Windows and macOS, where PortAudio's host APIs already carry the names the
system shows. Those host APIs cannot exist on this Linux machine, so PortAudio's answers are
stood in for here (the same `query_devices` / `query_hostapis` shape sounddevice returns);
Linux's own path runs against a real PulseAudio server in tests/integration/test_microphone.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from capture import microphone, sound_devices

WINDOWS_APIS = [{"name": "MME"}, {"name": "Windows DirectSound"}, {"name": "Windows WASAPI"}]
WINDOWS_DEVICES = [
    # MME cuts names at 31 characters; every device appears once per host API.
    {"name": "Microphone (Realtek(R) Audio)", "hostapi": 0, "max_input_channels": 2,
     "max_output_channels": 0},
    {"name": "Speakers (Realtek(R) Audio)", "hostapi": 0, "max_input_channels": 0,
     "max_output_channels": 2},
    {"name": "Microphone (Realtek(R) Audio)", "hostapi": 1, "max_input_channels": 2,
     "max_output_channels": 0},
    {"name": "Microphone (Realtek(R) Audio)", "hostapi": 2, "max_input_channels": 2,
     "max_output_channels": 0},
    {"name": "Headset Microphone (Jabra Evolve2 65)", "hostapi": 2, "max_input_channels": 1,
     "max_output_channels": 0},
    {"name": "Speakers (Realtek(R) Audio)", "hostapi": 2, "max_input_channels": 0,
     "max_output_channels": 2},
]


class StandInPortAudio:
    """What sounddevice answers on a Windows laptop with a headset plugged in."""

    class PortAudioError(Exception):
        pass

    class default:  # sounddevice's own name for it
        device = (3, 5)

    @staticmethod
    def query_devices() -> list[dict[str, Any]]:
        return WINDOWS_DEVICES

    @staticmethod
    def query_hostapis() -> list[dict[str, Any]]:
        return WINDOWS_APIS


def test_windows_lists_each_device_once_by_its_wasapi_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(microphone, "_sounddevice", lambda: StandInPortAudio)
    monkeypatch.setattr(sound_devices.sys, "platform", "win32")
    mics = sound_devices.list_devices("input")
    assert [d.name for d in mics] == ["Microphone (Realtek(R) Audio)",
                                      "Headset Microphone (Jabra Evolve2 65)"]
    assert mics[0].is_default and not mics[1].is_default
    # Opened by name and host API, so MME's and DirectSound's copies are never ambiguous.
    assert mics[1].spec == "Headset Microphone (Jabra Evolve2 65), Windows WASAPI"
    speakers = sound_devices.list_devices("output")
    assert [d.spec for d in speakers] == ["Speakers (Realtek(R) Audio), Windows WASAPI"]
    assert sound_devices.find_device(mics[1].spec, "input") is None  # PortAudio opens it
