"""The real app as a subprocess on a real X server, with a video file as its camera and a
PulseAudio null sink as its microphone, checked through screenshots and its log file."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from tests.helpers.media import magenta_fraction, moving_astronaut_frames, write_video
from tests.helpers.pulse import PulseServer, speech
from tests.helpers.tools import require_tool
from tests.helpers.xvfb import Xvfb, keep

pytestmark = pytest.mark.e2e

# The meter's fill colours (ui/level_meter.py), in BGR as the screenshot holds them.
METER_FILL_BGR = [(67, 160, 46), (20, 160, 230), (40, 50, 210)]
NOTICE_BACKGROUND_BGR = (229, 244, 255)  # #fff4e5


def meter_pixels(shot: np.ndarray) -> int:
    return int(sum(np.all(shot == np.array(c, np.uint8), axis=-1).sum() for c in METER_FILL_BGR))


def test_preview_shows_the_video_and_the_meter_follows_speech(
    launch, xvfb: Xvfb, pulse: PulseServer, tmp_path: Path
) -> None:
    clip = write_video(tmp_path / "lesson.mp4", moving_astronaut_frames(90), fps=30)
    words = speech(tmp_path / "hello.wav",
                   "Hello! Today we will practise the G major scale, slowly, with a steady bow.")
    app = launch("--page", "camera", "--camera", str(clip), "--mic", "pulse")
    app.wait_for_log("window shown")
    app.wait_for_log(": running Microphone: ")  # named as the system names it
    time.sleep(3.0)  # the first sound block takes ~2 s through the sound server

    quiet = xvfb.screenshot(tmp_path / "quiet.png")
    assert magenta_fraction(quiet) > 0.15, "the preview does not show the video"
    assert meter_pixels(quiet) < 50, "the meter moves with nothing playing"

    player = pulse.play(words)
    loudest = 0
    for i in range(6):
        time.sleep(0.4)
        shot_path = tmp_path / f"speaking{i}.png"
        loud = meter_pixels(xvfb.screenshot(shot_path))
        if loud > loudest:
            loudest = loud
            keep(shot_path, "main-window.png")
    assert loudest > 1500, f"the meter did not rise while speech played ({loudest} px)"
    player.wait(20)
    time.sleep(1.5)
    after = xvfb.screenshot(tmp_path / "after.png")
    assert meter_pixels(after) < loudest / 10, "the meter did not fall when speech stopped"
    assert magenta_fraction(after) > 0.15

    assert app.process.poll() is None
    assert app.close() == 0
    log = app.log()
    assert "capture stopped" in log and "LessonGuard closed" in log


@pytest.mark.parametrize(
    ("camera", "message"),
    [("broken", "damaged or not a video"), ("7", "Camera 7 could not be opened")],
)
def test_a_bad_camera_is_explained_in_the_window_and_the_log(
    launch, xvfb: Xvfb, tmp_path: Path, camera: str, message: str
) -> None:
    if camera == "broken":
        bad = tmp_path / "broken.mp4"
        bad.write_bytes(os.urandom(40_000))
        camera = str(bad)
    app = launch("--page", "camera", "--camera", camera, "--mic", "pulse")
    app.wait_for_log(message)
    time.sleep(1.0)
    shot_path = tmp_path / "bad-camera.png"
    shot = xvfb.screenshot(shot_path)
    notice = np.all(shot == np.array(NOTICE_BACKGROUND_BGR, np.uint8), axis=-1).sum()
    assert notice > 5000, "no notice is shown in the window"
    if "damaged" in message:
        keep(shot_path, "bad-camera.png")
    time.sleep(1.0)
    assert app.process.poll() is None, "the app did not keep running"
    assert app.close() == 0


PASS_BACKGROUND_BGR = (233, 245, 232)  # #e8f5e9
FAIL_BACKGROUND_BGR = (234, 236, 253)  # #fdecea
UNSURE_BACKGROUND_BGR = (241, 239, 236)  # #eceff1


def test_the_checks_page_runs_from_the_keyboard(launch, xvfb: Xvfb, tmp_path: Path) -> None:
    from tests.helpers.tools import require_tool

    xdotool = require_tool("xdotool")
    app = launch("--camera", "synthetic", "--mic", "pulse", "--policy", "hms", "--page", "checks")
    app.wait_for_log("window shown")
    env = {**os.environ, "DISPLAY": xvfb.display}
    window = subprocess.run([xdotool, "search", "--sync", "--name", "^LessonGuard$"],
                            capture_output=True, text=True, env=env, timeout=20).stdout.split()[0]
    subprocess.run([xdotool, "windowfocus", "--sync", window, "key", "alt+c"], env=env,
                   check=True, timeout=20)
    app.wait_for_log("checks finished", timeout=40)
    time.sleep(0.5)
    shot_path = tmp_path / "checks.png"
    shot = xvfb.screenshot(shot_path)
    keep(shot_path, "checks-page.png")
    def area(bgr: tuple[int, int, int]) -> int:
        return int(np.all(shot == np.array(bgr, np.uint8), axis=-1).sum())

    # What needs fixing comes first; further rows (passed or unsure) follow below it.
    assert area(FAIL_BACKGROUND_BGR) > 2000, "the failing microphone check is not shown"
    assert area(PASS_BACKGROUND_BGR) + area(UNSURE_BACKGROUND_BGR) > 2000, "only one kind shown"
    # Every check the window runs before a lesson reports, the silent microphone at least failing.
    finished = re.search(r"checks finished: (\d+) things? to fix before the lesson \((\d+) checks",
                         app.log())
    assert finished is not None, "the checks did not finish with things to fix"
    assert int(finished.group(2)) >= 13
    assert app.close() == 0


def test_the_global_hotkey_cuts_camera_and_mic_from_outside_the_window(
    launch, xvfb: Xvfb, pulse: PulseServer, tmp_path: Path
) -> None:
    """Ctrl+Shift+X typed while the pointer (and so the X keyboard focus) is outside
    LessonGuard's window reaches it only through the global hotkey (X11 RECORD)."""
    xdotool = require_tool("xdotool")
    pulse.pactl("set-source-mute", "@DEFAULT_SOURCE@", "0", check=True)
    app = launch("--page", "camera", "--camera", "synthetic", "--mic", "pulse", "--policy", "hms")
    app.wait_for_log("window shown")
    time.sleep(2.0)
    env = {**os.environ, "DISPLAY": xvfb.display}
    subprocess.run([xdotool, "mousemove", "1275", "795"], env=env, check=True)  # off the window
    subprocess.run([xdotool, "key", "ctrl+shift+x"], env=env, check=True)
    try:
        app.wait_for_log("PANIC pressed by global hotkey", timeout=10)
        deadline = time.monotonic() + 5
        while "yes" not in pulse.pactl("get-source-mute", "@DEFAULT_SOURCE@").stdout:
            assert time.monotonic() < deadline, "the microphone was not muted"
            time.sleep(0.1)
        def share(shot: np.ndarray, bgr: tuple[int, int, int]) -> float:
            return float(np.all(np.abs(shot.astype(int) - np.array(bgr)) < 12, axis=-1).mean())

        # The report opens over the window; the card still shows below it, and the panic
        # panel (#fdecea) above it. The window repaints from a timer: look a few times.
        deadline = time.monotonic() + 5
        while True:
            shot = xvfb.screenshot(tmp_path / "panic.png")
            card, panel = share(shot, (60, 45, 30)), share(shot, (234, 236, 253))
            if (card > 0.002 and panel > 0.01) or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        keep(tmp_path / "panic.png", "panic-e2e.png")
        # The report covers most of the window; the card shows in the preview around it.
        assert card > 0.002, "the preview does not show the privacy card"
        assert panel > 0.01, "the panic panel is not shown"
    finally:
        pulse.pactl("set-source-mute", "@DEFAULT_SOURCE@", "0", check=True)
