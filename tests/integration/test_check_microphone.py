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
from checks.microphone_check import MicrophoneCheck
from checks.probes import OwnMicProbe
from checks.services import CheckServices
from tests.helpers.pulse import PulseServer, clipped_tone, noise, speech

pytestmark = pytest.mark.audio


def run_mic_check(pack_id: str = "wsm", spec: str = "pulse") -> CheckResult:
    pack = load_pack(pack_id)
    requirement = next(r for r in check_requirements(pack) if r.check_id == "microphone")
    ctx = CheckContext(pack=pack, requirement=requirement, deadline=time.monotonic() + 10,
                       cancel=threading.Event(),
                       services=CheckServices(mic_probe=OwnMicProbe(spec)))
    return MicrophoneCheck().run(ctx)


def while_playing(pulse: PulseServer, wav: Path) -> CheckResult:
    player = pulse.play(wav)
    try:
        return run_mic_check()
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
    assert result.figures["level_dbfs"] > -35 and result.figures["device"] == "pulse"
    assert result.figures["clipped_fraction"] == 0


def test_silence_fails(pulse: PulseServer) -> None:
    result = run_mic_check()
    assert result.status == "fail" and "can't hear anything" in result.summary
    assert result.figures["level_dbfs"] <= -70
    assert any("muted" in step for step in result.remediation)


def test_a_clipped_tone_warns_of_distortion(pulse: PulseServer, tmp_path: Path) -> None:
    result = while_playing(pulse, clipped_tone(tmp_path / "c.wav", 8.0))
    assert result.status == "warn" and "distorting" in result.summary
    assert result.figures["clipped_fraction"] > 0.01


def test_background_noise_asks_for_a_quieter_place_citing_wsm(pulse: PulseServer,
                                                             tmp_path: Path) -> None:
    result = while_playing(pulse, noise(tmp_path / "n.wav", 8.0, -12.0))
    assert result.status == "warn" and "background noise" in result.summary
    assert result.figures["noise_floor_dbfs"] > -45
    assert any("quieter place" in step for step in result.remediation)
    assert result.rule == "environment.quiet_location"
    assert "consistent, quiet location" in result.source


def test_a_missing_microphone_fails_naming_it(pulse: PulseServer) -> None:
    result = run_mic_check(spec="Blue Yeti")
    assert result.status == "fail" and "Blue Yeti" in result.summary
    assert result.figures["outputs"]  # output devices are listed too
