"""Every capture source muted and put back, against a real PulseAudio server: a source
unplugged during the panic, and one that refuses to be put back, are said plainly."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from capture.os_mute import OsMicMute
from capture.os_sources import PactlSources, PulseSources, SourceBackend
from tests.helpers.pulse import PulseServer


def test_a_source_unplugged_during_the_panic_does_not_stop_the_others_coming_back(
        pulse: PulseServer) -> None:
    default = pulse.pactl("get-default-source").stdout.strip()
    pulse.pactl("set-source-mute", default, "0", check=True)
    usb = pulse.add_source("lg_unplugged", "USB Audio Interface")
    off = pulse.add_source("lg_off_before", "Headset Microphone", muted=True)
    try:
        muter = OsMicMute(PulseSources())
        before = pulse.muted()
        muted = muter.mute()
        assert muted.ok and all(pulse.muted().values())
        assert {s.name: s.was_muted for s in muted.sources} == before
        pulse.remove_source(usb)  # pulled out while the panic is on
        back = muter.restore()
        assert back.ok, back.message
        now = pulse.muted()
        assert now == {k: v for k, v in before.items() if k != "lg_unplugged"}
        gone = next(s for s in back.sources if s.name == "lg_unplugged")
        assert gone.muted_now is None
        assert "Headset Microphone" in back.message  # still muted, as it was before
        assert muter.restore().message == "Nothing was muted by LessonGuard."
    finally:
        pulse.remove_source(off)
        pulse.pactl("set-source-mute", default, "0", check=True)


def test_a_source_that_will_not_come_back_is_named(pulse: PulseServer) -> None:
    default = pulse.pactl("get-default-source").stdout.strip()
    pulse.pactl("set-source-mute", default, "0", check=True)

    class Stuck(PactlSources):  # the real server; putting the default back is refused
        def set_mute(self, names: Sequence[str], mute: bool) -> dict[str, str]:
            if mute:
                return super().set_mute(names, mute)
            return {**super().set_mute([n for n in names if n != default], mute),
                    **{n: "refused" for n in names if n == default}}

    muter = OsMicMute(Stuck())
    assert muter.mute().ok
    back = muter.restore()
    try:
        assert not back.ok and "Monitor of Null Output" in back.not_muted
        assert "Could not put back: Monitor of Null Output" in back.message
    finally:
        pulse.pactl("set-source-mute", default, "0", check=True)


@pytest.mark.parametrize("backend", [PulseSources, PactlSources])
def test_no_sound_server_is_said_plainly(backend: type[SourceBackend]) -> None:
    saved = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = "unix:/nonexistent/socket"
    try:
        result = OsMicMute(backend()).mute()
    finally:
        if saved is None:
            os.environ.pop("PULSE_SERVER", None)
        else:
            os.environ["PULSE_SERVER"] = saved
    assert not result.ok and "mute button in the lesson platform" in result.message
    assert list(result.not_muted) == ["every microphone"]


def test_a_microphone_plugged_in_during_the_panic_is_muted_and_put_back(
        pulse: PulseServer) -> None:
    default = pulse.pactl("get-default-source").stdout.strip()
    pulse.pactl("set-source-mute", default, "0", check=True)
    muter = OsMicMute(PulseSources())
    assert muter.mute().ok and muter.mute_new() == []
    late = pulse.add_source("lg_plugged_late", "USB Headset")
    try:
        assert pulse.muted()["lg_plugged_late"] is False
        assert muter.mute_new() == ["USB Headset"]
        assert all(pulse.muted().values())
        assert muter.restore().ok
        assert pulse.muted()["lg_plugged_late"] is False  # live before LessonGuard muted it
        assert pulse.muted()[default] is False
        assert muter.mute_new() == []  # nothing is muted once the panic is over
    finally:
        pulse.remove_source(late)


def test_the_connection_made_ahead_survives_a_sound_server_restart(tmp_path: Path) -> None:
    """The connection is opened at the lesson's start and kept; the sound server restarts
    (a crash, a log-out of PipeWire) before the press: the press connects again and mutes."""
    server = PulseServer(tmp_path / "pulse").start()
    saved = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = server.server
    try:
        backend = PulseSources()
        muter = OsMicMute(backend)
        muter.prepare()
        first = backend._pulse  # the connection made ahead
        assert first is not None and first.connected
        server.stop()
        server.start()  # the same socket, a new server: the old connection is dead
        assert not any(server.muted().values())
        result = muter.mute()
        assert result.ok, result.message
        assert all(server.muted().values())
        assert backend._pulse is not first, "a fresh connection was made"
        assert muter.restore().ok and not any(server.muted().values())
    finally:
        server.stop()
        if saved is None:
            os.environ.pop("PULSE_SERVER", None)
        else:
            os.environ["PULSE_SERVER"] = saved
