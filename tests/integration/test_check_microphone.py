"""The microphone check through real PortAudio on a PulseAudio null sink: speech, silence,
a clipped tone and background noise each get the right verdict."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest

from app.policy.engine import check_requirements
from app.policy.loader import load_pack
from checks.base import CheckContext, CheckResult
from checks.microphone_check import LISTEN_SECONDS, MicrophoneCheck
from checks.probes import OwnMicProbe
from checks.services import CheckServices, MicProbe
from tests.helpers.pulse import PulseServer, clipped_tone, noise, speech

pytestmark = pytest.mark.audio


def run_mic_check(pack_id: str = "wsm", spec: str = "pulse",
                  limit_s: float | None = None) -> CheckResult:
    pack = load_pack(pack_id)
    requirement = next(r for r in check_requirements(pack) if r.check_id == "microphone")
    check = MicrophoneCheck()
    ctx = CheckContext(pack=pack, requirement=requirement,
                       deadline=time.monotonic() + (limit_s or check.timeout_s),
                       cancel=threading.Event(),
                       services=CheckServices(mic_probe=OwnMicProbe(spec)))
    return check.run(ctx)


def while_playing(pulse: PulseServer, wav: Path, limit_s: float | None = None) -> CheckResult:
    player = pulse.play(wav)
    try:
        return run_mic_check(limit_s=limit_s)
    finally:
        player.terminate()
        try:
            player.wait(5)
        except subprocess.TimeoutExpired:
            player.kill()


def test_speech_passes(pulse: PulseServer, tmp_path: Path) -> None:
    wav = speech(tmp_path / "s.wav", "Good afternoon. Let's start with a scale, then the piece "
                 "you practised this week. Remember to keep your wrist relaxed and your bow "
                 "straight. Ready when you are.")
    result = while_playing(pulse, wav)
    assert result.status == "pass", (result.summary, result.figures)
    assert result.figures["level_dbfs"] > -35
    assert result.figures["device"] == "Monitor of Null Output"  # as the system names it
    assert result.figures["clipped_fraction"] == 0


def test_silence_fails_only_after_waiting_for_a_voice(pulse: PulseServer) -> None:
    result = run_mic_check()
    assert result.status == "fail" and "didn't hear anything" in result.summary
    assert "Monitor of Null Output" in result.summary
    assert result.figures["seconds"] >= LISTEN_SECONDS - 0.5  # it waited, not 3-4 s
    assert result.figures["level_dbfs"] <= -70
    assert any("muted" in step for step in result.remediation)
    assert "muted" not in result.figures


def test_someone_who_speaks_a_few_seconds_in_passes(pulse: PulseServer,
                                                    tmp_path: Path) -> None:
    """A quiet room, then the tutor answers the prompt 4 s later: heard, not failed."""
    wav = speech(tmp_path / "late.wav", "Hello, can you hear me? I am ready for the lesson.")
    started = time.monotonic()
    timer = threading.Timer(4.0, lambda: players.append(pulse.play(wav)))
    players: list[subprocess.Popen[bytes]] = []
    timer.start()
    try:
        result = run_mic_check()
    finally:
        timer.cancel()
        for player in players:
            player.wait(10)
    took = time.monotonic() - started
    assert result.status == "pass", (result.summary, result.figures)
    assert took < LISTEN_SECONDS + 3  # it stopped listening once it heard enough


def test_a_microphone_the_system_has_muted_is_named_as_muted(pulse: PulseServer) -> None:
    pulse.pactl("set-source-mute", "lg_sink.monitor", "1", check=True)
    try:
        result = run_mic_check(limit_s=4.0)  # a shorter wait: the words are what matter here
    finally:
        pulse.pactl("set-source-mute", "lg_sink.monitor", "0", check=True)
    assert result.status == "fail" and result.figures["muted"] is True
    assert "has Monitor of Null Output muted" in result.remediation[0]


def test_a_microphone_chosen_by_its_name_is_checked_by_that_name(pulse: PulseServer,
                                                                tmp_path: Path) -> None:
    feed = pulse.named_microphone("usb_checked", "Jabra Evolve Headset")
    player = pulse.play(speech(tmp_path / "j.wav", "One two three four, this is a long "
                               "sentence so the check hears enough of a voice to pass."),
                        sink=feed)
    try:
        result = run_mic_check(spec="Jabra Evolve Headset")
    finally:
        player.terminate()
        player.wait(5)
    assert result.status == "pass", (result.summary, result.figures)
    assert result.figures["device"] == "Jabra Evolve Headset"
    assert "Jabra Evolve Headset" in result.summary


def test_a_clipped_tone_warns_of_distortion(pulse: PulseServer, tmp_path: Path) -> None:
    # Never quiet, so it listens until its time is up: four seconds here, not eight.
    result = while_playing(pulse, clipped_tone(tmp_path / "c.wav", 8.0), limit_s=4.5)
    assert result.status == "warn" and "distorting" in result.summary
    assert result.figures["clipped_fraction"] > 0.01


def test_background_noise_asks_for_a_quieter_place_citing_wsm(pulse: PulseServer,
                                                             tmp_path: Path) -> None:
    result = while_playing(pulse, noise(tmp_path / "n.wav", 8.0, -12.0), limit_s=4.5)
    assert result.status == "warn" and "background noise" in result.summary
    assert result.figures["noise_floor_dbfs"] > -45
    assert any("quieter place" in step for step in result.remediation)
    assert result.rule == "environment.quiet_location"
    assert "consistent, quiet location" in result.source


def test_a_missing_microphone_fails_naming_it(pulse: PulseServer) -> None:
    result = run_mic_check(spec="Blue Yeti")
    assert result.status == "fail" and "Blue Yeti" in result.summary
    assert result.figures["outputs"]  # output devices are listed too


def test_a_running_microphone_that_heard_a_voice_moments_ago_passes_in_the_quiet(
        pulse: PulseServer, tmp_path: Path) -> None:
    """The window's microphone runs all along: checked again in the waiting room while
    nobody speaks, it is not "broken" because the room is quiet now."""
    from capture.microphone import Microphone
    from checks.probes import SharedMicProbe

    mic = Microphone("pulse")
    mic.start()
    try:
        assert mic.wait_until_listening()
        silent = MicrophoneCheck().run(_context(SharedMicProbe(mic), 3.0))
        pulse.play(speech(tmp_path / "hi.wav", "Hello, I'm here.")).wait(10)
        time.sleep(0.5)  # quiet again
        quiet_now = MicrophoneCheck().run(_context(SharedMicProbe(mic), 3.0))
    finally:
        mic.stop()
    assert silent.status == "fail"  # never heard a voice: not working as far as we know
    assert quiet_now.status == "pass", quiet_now.summary
    assert "heard you" in quiet_now.summary and quiet_now.figures["level_dbfs"] <= -70
    assert quiet_now.figures["voice_s_ago"] < 10


def _context(probe: MicProbe, limit_s: float) -> CheckContext:
    pack = load_pack("wsm")
    requirement = next(r for r in check_requirements(pack) if r.check_id == "microphone")
    return CheckContext(pack=pack, requirement=requirement,
                        deadline=time.monotonic() + limit_s, cancel=threading.Event(),
                        services=CheckServices(mic_probe=probe))
