"""The camera check on real video files read through OpenCV, and on the demo camera."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from app.policy.engine import check_requirements
from app.policy.loader import load_pack
from capture.camera import SyntheticCamera
from capture.worker import CameraWorker
from checks.base import CheckContext, CheckResult
from checks.camera_check import CameraCheck
from checks.probes import OwnCameraProbe, SharedCameraProbe
from checks.services import CameraProbe, CheckServices
from tests.helpers.media import lit_scene_frames, write_video


def run_camera_check(probe: CameraProbe) -> CheckResult:
    pack = load_pack("hms")
    requirement = next(r for r in check_requirements(pack) if r.check_id == "camera")
    ctx = CheckContext(pack=pack, requirement=requirement, deadline=time.monotonic() + 8,
                       cancel=threading.Event(), services=CheckServices(camera_probe=probe))
    return CameraCheck().run(ctx)


@pytest.mark.parametrize(
    ("kind", "status", "words"),
    [("good", "pass", "The camera works"),
     ("dim", "warn", "too dark"),
     ("black", "fail", "black"),
     ("backlit", "warn", "light is behind you"),
     ("frozen", "fail", "frozen")],
)
def test_each_scene_gets_its_verdict(tmp_path: Path, kind: str, status: str, words: str) -> None:
    clip = write_video(tmp_path / f"{kind}.mp4", lit_scene_frames(45, kind), fps=30)
    result = run_camera_check(OwnCameraProbe(str(clip)))
    assert result.status == status, (result.summary, result.figures)
    assert words in result.summary
    assert result.figures["width"] == 640 and result.figures["height"] == 360
    assert 20 <= result.figures["fps"] <= 40  # the file plays at its own 30 fps
    if status != "pass":
        assert result.remediation


def test_a_backlit_scene_explains_the_light(tmp_path: Path) -> None:
    clip = write_video(tmp_path / "backlit.mp4", lit_scene_frames(30, "backlit"), fps=30)
    result = run_camera_check(OwnCameraProbe(str(clip)))
    assert result.figures["border_luminance"] > result.figures["centre_luminance"] + 40
    assert any("in front of you" in step for step in result.remediation)


def test_the_demo_camera_passes_and_says_it_is_the_demo() -> None:
    result = run_camera_check(OwnCameraProbe("synthetic"))
    assert result.status == "pass" and "demo camera" in result.summary
    assert result.figures["demo"] is True


def test_a_missing_or_damaged_camera_fails_with_the_reason(tmp_path: Path) -> None:
    result = run_camera_check(OwnCameraProbe("7"))
    assert result.status == "fail" and "Camera 7 could not be opened" in result.summary
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all" * 500)
    result = run_camera_check(OwnCameraProbe(str(bad)))
    assert result.status == "fail" and "damaged or not a video" in result.summary


def test_the_check_can_share_the_preview_camera() -> None:
    """In the app, the webcam is already open for the preview: the check taps it."""
    worker = CameraWorker(SyntheticCamera(size=(640, 360)))
    worker.start()
    try:
        result = run_camera_check(SharedCameraProbe(worker))
        assert result.status == "pass"
        assert worker.is_alive()  # the preview keeps its camera
        assert worker.latest() is not None
    finally:
        worker.stop()
