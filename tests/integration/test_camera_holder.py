"""Who reads the camera and who records which microphone, found the way the probe finds them
on a real computer: the open file descriptors in /proc, and the sound server's
source-outputs.

No video device can exist here (no webcam, no v4l2loopback module), so a plain file stands in
for /dev/video0; everything else is real: the process holding it open, its name as the kernel
reports it, the scan of /proc, a real recording client on a real PulseAudio server.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from app.policy.loader import load_pack
from checks.base import CheckContext
from checks.camera_holder import CameraHolderCheck, CameraHolderProbe
from tests.helpers.holders import holding
from tests.helpers.pulse import PulseServer


def context() -> CheckContext:
    return CheckContext(load_pack("hms"), None, time.monotonic() + 5, threading.Event())


def stand_in(tmp_path: Path, name: str = "video0") -> Path:
    device = tmp_path / name
    device.write_bytes(b"")
    return device


def test_a_platform_holding_the_webcam_is_found_and_warned_about(tmp_path: Path) -> None:
    device = stand_in(tmp_path)
    probe = CameraHolderProbe(devices=lambda: [str(device)], virtual=lambda _p: set(),
                              sources=lambda _own: [])
    with holding("zoom", device) as zoom:
        use = probe()
        result = CameraHolderCheck(probe).run(context())
    assert [(h.pid, h.program, h.device) for h in use.camera] == [(zoom.pid, "Zoom",
                                                                   str(device))]
    assert use.direct == ["Zoom"] and use.virtual == ()
    assert result.status == "warn"
    assert result.summary == ("Zoom is reading your webcam directly: choose 'LessonGuard "
                              "camera' in Zoom, or panic cannot cover your picture.")
    assert any("LessonGuard camera" in step for step in result.remediation)
    # Closed again: nobody holds it, and the check passes.
    after = CameraHolderCheck(probe).run(context())
    assert after.status == "pass" and after.figures["camera"] == []


def test_a_platform_reading_lessonguard_camera_is_fine_and_lessonguard_itself_is_not_counted(
        tmp_path: Path) -> None:
    webcam, virtual = stand_in(tmp_path, "video0"), stand_in(tmp_path, "video9")
    probe = CameraHolderProbe(devices=lambda: [str(webcam), str(virtual)],
                              virtual=lambda _p: {str(virtual)}, sources=lambda _own: [])
    with webcam.open("rb"), holding("zoom", virtual):  # LessonGuard has the webcam itself
        use = probe()
        result = CameraHolderCheck(probe).run(context())
    assert use.camera == () and [h.program for h in use.virtual] == ["Zoom"]
    assert result.status == "pass" and "Zoom reads LessonGuard camera" in result.summary


RECORDER = r"""
import sys, time
import sounddevice
stream = sounddevice.InputStream(samplerate=48000, channels=1)
stream.start()
print("ready", flush=True)
time.sleep(60)
"""


def test_a_program_recording_a_microphone_is_found(pulse: PulseServer) -> None:
    """A real recording client (PortAudio, as a lesson platform records) on the default
    source: the sound server lists it as a source-output, with its process."""
    recorder = subprocess.Popen([sys.executable, "-c", RECORDER], env=pulse.env(),
                                stdout=subprocess.PIPE, text=True)
    try:
        assert recorder.stdout is not None and recorder.stdout.readline().strip() == "ready"
        use = CameraHolderProbe(devices=list)()
    finally:
        recorder.terminate()
        recorder.wait(5)
        if recorder.stdout:
            recorder.stdout.close()
    assert [(h.pid, h.device) for h in use.recording] == [(recorder.pid,
                                                           "Monitor of Null Output")]


def test_lessonguard_holding_the_webcam_is_not_a_platform_reading_it(tmp_path: Path) -> None:
    """`lessonguard check` runs while the window has the webcam: that is LessonGuard's own."""
    device = stand_in(tmp_path)
    probe = CameraHolderProbe(devices=lambda: [str(device)], virtual=lambda _p: set(),
                              sources=lambda _own: [])
    with holding("lessonguard", device):
        assert probe().camera == ()
