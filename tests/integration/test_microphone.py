"""The microphone through real PortAudio, recording a real PulseAudio null sink's monitor."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pytest

from capture.microphone import Level, Microphone, dbfs, list_input_devices, record
from capture.sound_devices import list_devices
from capture.status import SourceError, SourceState, SourceStatus
from tests.helpers.pulse import PulseServer, speech, tone

pytestmark = pytest.mark.audio


def _levels_while(mic: Microphone, seconds: float) -> list[Level]:
    end = time.monotonic() + seconds
    seen: list[Level] = []
    while time.monotonic() < end:
        level = mic.levels.get(0.2)
        if level is not None:
            seen.append(level)
    return seen


def test_pulse_input_is_listed(pulse: PulseServer) -> None:
    names = [d.name for d in list_input_devices()]
    assert "pulse" in names


YETI = "Rode NT-USB Mini"


@pytest.fixture
def yeti(pulse: PulseServer) -> str:
    """A second, named microphone on the sound server; returns the sink that feeds it."""
    return pulse.named_microphone("usb_yeti", YETI)


def test_microphones_and_speakers_have_the_names_the_system_shows(pulse: PulseServer,
                                                                 yeti: str) -> None:
    mics = list_devices("input")
    names = [d.name for d in mics]
    assert YETI in names and "Monitor of Null Output" in names  # the server's descriptions
    assert not {"pulse", "default"} & set(names)  # PortAudio's plumbing is not offered
    assert next(d for d in mics if d.is_default).name == "Monitor of Null Output"
    assert "Null Output" in [d.name for d in list_devices("output")]
    # The default microphone, opened by PortAudio's "pulse", is named as the system names it.
    mic = Microphone("pulse")
    mic.start()
    try:
        assert mic.device_name == "Monitor of Null Output"
    finally:
        mic.stop()


def test_a_microphone_chosen_by_its_name_hears_its_own_sound_only(
        pulse: PulseServer, yeti: str, tmp_path: Path) -> None:
    """Speech goes into the Yeti only: the Yeti hears it, the default microphone does not."""
    wav = speech(tmp_path / "s.wav", "Let's tune the A string first, then the D.")
    chosen, default = Microphone(YETI), Microphone("default")
    chosen.start()
    default.start()
    try:
        assert chosen.device_name == YETI
        assert chosen.wait_until_listening() and default.wait_until_listening()
        chosen.levels.latest()
        default.levels.latest()
        player = pulse.play(wav, sink=yeti)
        heard = _levels_while(chosen, 2.0)
        elsewhere = [default.levels.get(0.01) for _ in range(40)]
        player.wait(10)
    finally:
        chosen.stop()
        default.stop()
    assert max(lv.rms_dbfs for lv in heard) > -35
    assert max(lv.rms_dbfs for lv in elsewhere if lv is not None) < -70


def test_record_three_seconds_and_play_them_back_through_the_chosen_speakers(
        pulse: PulseServer, yeti: str, tmp_path: Path) -> None:
    """Recorded from the default microphone, played to the speakers the person chose (the
    sink that feeds the Yeti), and heard there: the recording really went out."""
    from capture.speaker import play

    wav = tone(tmp_path / "t.wav", 3.5, 660, -6.0)
    source, ear = Microphone("default"), Microphone(YETI)
    source.start()
    ear.start()
    try:
        assert source.wait_until_listening() and ear.wait_until_listening()
        player = pulse.play(wav)
        clip = record(source, 3.0)
        player.wait(10)
        assert len(clip) == 3 * source.samplerate
        assert dbfs(float(np.sqrt(np.mean(np.square(clip[source.samplerate:]))))) > -15
        ear.levels.latest()
        play(clip, source.samplerate, device="usb_yeti_feed")
        back = _levels_while(ear, 0.3)  # what queued up while it played
    finally:
        source.stop()
        ear.stop()
    assert max(lv.rms_dbfs for lv in back) > -20


def test_speech_raises_the_level_and_silence_lowers_it(pulse: PulseServer,
                                                       tmp_path: Path) -> None:
    wav = speech(tmp_path / "speech.wav", "Good afternoon. Please tune your violin to A.")
    mic = Microphone("pulse")
    mic.start()
    try:
        assert mic.wait_until_listening()
        quiet_before = _levels_while(mic, 1.0)
        player = pulse.play(wav)
        loud = _levels_while(mic, 2.0)
        player.wait(10)
        time.sleep(0.5)
        mic.levels.latest()  # discard what queued up while we waited for the player
        quiet_after = _levels_while(mic, 1.0)
    finally:
        mic.stop()
    assert quiet_before and loud and quiet_after
    assert max(lv.rms_dbfs for lv in quiet_before) < -70
    assert max(lv.rms_dbfs for lv in loud) > -35
    assert max(lv.rms_dbfs for lv in quiet_after) < -70
    assert mic.status.state is SourceState.STOPPED


def test_a_tone_of_known_loudness_reads_true(pulse: PulseServer, tmp_path: Path) -> None:
    """A sine peaking at -6 dBFS has an RMS 3.01 dB lower: physics, not our own output."""
    wav = tone(tmp_path / "tone.wav", 2.0, 440, -6.0)
    mic = Microphone("pulse")
    mic.start()
    try:
        assert mic.wait_until_listening()
        player = pulse.play(wav)
        time.sleep(0.6)
        mic.levels.latest()
        levels = _levels_while(mic, 1.0)
        player.wait(10)
    finally:
        mic.stop()
    rms = sorted(lv.rms_dbfs for lv in levels)[len(levels) // 2]
    peak = sorted(lv.peak_dbfs for lv in levels)[len(levels) // 2]
    assert rms == pytest.approx(-6.0 - 20 * math.log10(math.sqrt(2)), abs=1.5)
    assert peak == pytest.approx(-6.0, abs=1.5)


def test_a_missing_microphone_is_named_with_the_ones_that_exist(pulse: PulseServer) -> None:
    statuses: list[SourceStatus] = []
    mic = Microphone("Studio USB Microphone", on_status=statuses.append)
    with pytest.raises(SourceError):
        mic.start()
    assert statuses[-1].state is SourceState.FAILED
    assert "Studio USB Microphone" in statuses[-1].message
    assert "Monitor of Null Output" in statuses[-1].fix  # lists what was found, by name
    mic.stop()


def test_an_unplugged_microphone_is_reported_lost(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A second server that the test kills mid-stream, as when a USB microphone is pulled."""
    server = PulseServer(tmp_path / "p").start()
    monkeypatch.setenv("PULSE_SERVER", server.server)
    statuses: list[SourceStatus] = []
    mic = Microphone("pulse", on_status=statuses.append)
    try:
        mic.start()
        assert mic.wait_until_listening(), "no sound blocks before the unplug"
        server.kill()
        deadline = time.monotonic() + 8
        while mic.status.state is not SourceState.LOST and time.monotonic() < deadline:
            time.sleep(0.1)
        assert mic.status.state is SourceState.LOST
        assert "stopped sending sound" in mic.status.message
        assert mic.latest_level is not None and mic.latest_level.rms_dbfs == -100.0
    finally:
        mic.stop()
        mic.stop()
        server.stop()


def test_the_test_tone_comes_out_of_the_speakers(pulse: PulseServer) -> None:
    """Played by LessonGuard into the null sink, heard back through its monitor."""
    from capture.speaker import play_test_tone

    mic = Microphone("pulse")
    mic.start()
    try:
        assert mic.wait_until_listening()
        mic.levels.latest()
        before = _levels_while(mic, 0.5)
        play_test_tone(seconds=1.5)  # the default output is the null sink
        during = _levels_while(mic, 0.3)  # what queued up while the tone played
    finally:
        mic.stop()
    assert max(lv.rms_dbfs for lv in before) < -70
    # -12 dBFS peak sine: RMS -15 dBFS. Levels queued while it played are in `during`.
    assert max(lv.rms_dbfs for lv in during) > -25


def test_playing_to_a_missing_speaker_says_so(pulse: PulseServer) -> None:
    from capture.speaker import play_test_tone

    with pytest.raises(SourceError) as info:
        play_test_tone(device="Bluetooth Headphones That Are Off")
    assert "could not be played" in info.value.status.message


def test_lessonguard_devices_names_microphones_and_speakers_as_the_system_does(
        pulse: PulseServer, yeti: str, tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    lessonguard = str(Path(sys.executable).with_name("lessonguard"))
    done = subprocess.run([lessonguard, "--data-dir", str(tmp_path), "devices", "--json"],
                          capture_output=True, text=True, timeout=60, check=True)
    payload = json.loads(done.stdout)
    mics = {d["name"]: d for d in payload["microphones"]}
    assert YETI in mics and mics["Monitor of Null Output"]["default"] is True
    assert "pulse" not in mics and "default" not in mics
    assert "Null Output" in [d["name"] for d in payload["speakers"]]
    words = subprocess.run([lessonguard, "--data-dir", str(tmp_path), "devices"],
                           capture_output=True, text=True, timeout=60, check=True).stdout
    assert f"  {YETI}\n" in words and "Monitor of Null Output (default)" in words
