"""Do Not Disturb through real gsettings, power, equipment on a real X server, supervision,
scheduling and room confirmations, and devices lost in the middle of a check."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from app.policy.engine import check_requirements
from app.policy.loader import load_pack
from capture.camera import DeviceCamera
from capture.worker import CameraWorker
from checks.base import Check, CheckContext, CheckResult, Confirmation, LessonFacts
from checks.camera_check import CameraCheck
from checks.microphone_check import MicrophoneCheck
from checks.people_checks import RoomCheck, SchedulingCheck, SupervisionCheck
from checks.probes import SharedCameraProbe
from checks.services import CheckServices
from checks.system_checks import DoNotDisturbCheck, EquipmentCheck, PowerCheck, read_screen
from tests.helpers.pulse import PulseServer
from tests.helpers.tools import require_tool
from tests.helpers.xvfb import Xvfb
from tests.integration.test_camera_contract import UnpluggableCapture

T0 = datetime(2026, 11, 21, 16, 0, tzinfo=UTC)


def run(check: Check, pack_id: str = "hms", lesson: LessonFacts | None = None,
        **services: Any) -> CheckResult:
    pack = load_pack(pack_id)
    requirement = next((r for r in check_requirements(pack) if r.check_id == check.id), None)
    ctx = CheckContext(pack=pack, requirement=requirement, deadline=time.monotonic() + 10,
                       cancel=threading.Event(), lesson=lesson or LessonFacts(),
                       services=CheckServices(**services))
    return check.run(ctx)


@pytest.fixture
def gnome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A GNOME settings store of the test's own (gsettings' keyfile backend)."""
    require_tool("gsettings")
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "ubuntu:GNOME")
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield


def gsettings_set(value: str) -> None:
    subprocess.run(["gsettings", "set", "org.gnome.desktop.notifications", "show-banners",
                    value], check=True, timeout=10)


def test_do_not_disturb_read_from_gnome(gnome: None) -> None:
    gsettings_set("true")
    off = run(DoNotDisturbCheck())
    assert off.status == "warn"  # HMS: "should take reasonable care": a recommendation
    assert "off" in off.summary and "Settings → Notifications" in off.remediation[0]
    assert "Do Not Disturb" in off.source
    gsettings_set("false")
    on = run(DoNotDisturbCheck())
    assert on.status == "pass" and on.figures["read_from"] == "GNOME notification banners"


def test_do_not_disturb_unreadable_is_inconclusive_with_how_to(monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "XFCE")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    result = run(DoNotDisturbCheck())
    assert result.status == "inconclusive"
    assert result.remediation and "Do Not Disturb" in result.remediation[0]


def test_power_on_this_machine_and_on_batteries() -> None:
    import psutil

    real = run(PowerCheck())
    assert real.status == "pass"
    assert real.figures["battery"] is (psutil.sensors_battery() is not None)
    # There is no battery on a test machine: the readings below stand in for one.
    plugged = SimpleNamespace(percent=64.0, power_plugged=True, secsleft=-2)
    draining = SimpleNamespace(percent=23.4, power_plugged=False, secsleft=41 * 60)
    assert run(PowerCheck(), battery_reader=lambda: plugged).summary == "Plugged in (64% charged)."
    low = run(PowerCheck(), battery_reader=lambda: draining)
    assert low.status == "warn" and "23%" in low.summary and "41 minutes" in low.summary


def test_equipment_reads_the_real_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    require_tool("xdpyinfo")
    server = Xvfb(1366, 768).start()
    try:
        monkeypatch.setenv("DISPLAY", server.display)
        screen = read_screen()
        assert screen is not None and (screen.width, screen.height) == (1366, 768)
        result = run(EquipmentCheck(), camera_lister=lambda: ["0"])
        assert result.status == "pass" and "1366×768" in result.summary
    finally:
        server.stop()


def test_wsm_needs_a_computer_with_a_webcam() -> None:
    big = lambda: SimpleNamespace(width=1920, height=1080)  # noqa: E731
    tablet = run(EquipmentCheck(), "wsm", screen_reader=big, chassis_reader=lambda: "30",
                 camera_lister=lambda: ["0"])
    assert tablet.status == "fail" and "tablet" in tablet.summary
    assert "tablets and phones are not suitable" in tablet.source
    no_cam = run(EquipmentCheck(), "wsm", screen_reader=big, chassis_reader=lambda: "10",
                 camera_lister=list)
    assert no_cam.status == "fail" and "No webcam" in no_cam.summary
    hms_no_cam = run(EquipmentCheck(), "hms", screen_reader=big, chassis_reader=lambda: "10",
                     camera_lister=list)
    assert hms_no_cam.status == "pass"


def test_supervision_by_age_and_confirmation() -> None:
    young = LessonFacts(pupil_age=11)
    result = run(SupervisionCheck(), lesson=young)
    assert result.status == "fail" and "in the room for the whole lesson" in result.summary
    assert "aged 12 and under" in result.source
    young.confirmations.append(Confirmation("adult_present", "Sam Jones", "responsible_adult",
                                            T0))
    ok = run(SupervisionCheck(), lesson=young)
    assert ok.status == "pass" and "Sam Jones" in ok.summary
    assert ok.figures["confirmed_by"].startswith("Sam Jones (responsible adult) at 16:00")
    assert run(SupervisionCheck(), lesson=LessonFacts(pupil_age=17)).status == "pass"
    unknown = run(SupervisionCheck(), lesson=LessonFacts())
    assert unknown.status == "inconclusive" and "age" in unknown.summary


def test_a_missing_sponsor_fails_where_the_pack_needs_one() -> None:
    result = run(SupervisionCheck(), "tutorninjas",
                 lesson=LessonFacts(pupil_age=15, sponsor_registered=False))
    assert result.status == "fail" and "sponsor" in result.summary


def test_scheduling_and_room() -> None:
    late = LessonFacts(confirmed_at=T0, starts_at=T0 + timedelta(hours=20))
    assert run(SchedulingCheck(), lesson=late).status == "fail"
    early = LessonFacts(confirmed_at=T0, starts_at=T0 + timedelta(hours=30))
    assert run(SchedulingCheck(), lesson=early).status == "pass"
    assert run(SchedulingCheck()).status == "skipped"
    room = run(RoomCheck())
    assert room.status == "fail" and "bedroom or bathroom" in room.remediation[0]
    confirmed = LessonFacts(confirmations=[Confirmation("room_living_area", "Sam Jones",
                                                        "responsible_adult", T0)])
    assert run(RoomCheck(), lesson=confirmed).status == "pass"


def test_a_camera_unplugged_during_the_check_is_inconclusive() -> None:
    # No physical webcam here: the stand-in capture object, running at 30 frames a second,
    # is "unplugged" after 45 frames, 1.5 s into the check's 2 s sample.
    worker = CameraWorker(DeviceCamera(
        0, capture_factory=lambda i: UnpluggableCapture(i, 45, fps=30)))
    worker.start()
    try:
        deadline = time.monotonic() + 5
        while worker.frames_read == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        result = run(CameraCheck(), camera_probe=SharedCameraProbe(worker))
    finally:
        worker.stop()
    assert result.status == "inconclusive"
    assert "stopped during the check" in result.summary


def test_a_microphone_lost_during_the_check_is_inconclusive(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from capture.microphone import Microphone
    from checks.probes import SharedMicProbe

    server = PulseServer(tmp_path / "p").start()
    monkeypatch.setenv("PULSE_SERVER", server.server)
    mic = Microphone("pulse")
    try:
        mic.start()
        assert mic.wait_until_listening()
        threading.Timer(1.0, server.kill).start()  # a second into the three-second sample
        result = run(MicrophoneCheck(), mic_probe=SharedMicProbe(mic))
    finally:
        mic.stop()
        server.stop()
    assert result.status == "inconclusive", result.summary
    assert "stopped during the check" in result.summary
