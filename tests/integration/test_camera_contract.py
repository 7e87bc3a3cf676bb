"""One contract every camera backend passes: open, read, close twice, vanish with a clear status.

The file backend reads real video files through OpenCV's `VideoCapture`, the same code path
as a webcam. The device backend is also driven through a stand-in capture object that
delivers frames and is then "unplugged", because no physical webcam exists on a test
machine; a real, absent device index is tested separately against OpenCV itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from capture.camera import (
    CameraSource,
    DeviceCamera,
    FileCamera,
    SyntheticCamera,
    make_camera,
)
from capture.status import SourceError, SourceState, SourceStatus
from capture.worker import CameraWorker
from tests.helpers.media import counting_frames, write_video


class UnpluggableCapture:
    """Stands in for cv2.VideoCapture on a webcam that is pulled out after `frames` reads."""

    def __init__(self, index: int, frames: int = 15, size: tuple[int, int] = (320, 240),
                 fps: float = 0.0) -> None:
        self.index, self.remaining, self.size, self.fps = index, frames, size, fps
        self.released = 0

    def isOpened(self) -> bool:
        return True

    def set(self, prop: int, value: float) -> bool:
        return True

    def get(self, prop: int) -> float:
        return 30.0

    def read(self) -> tuple[bool, np.ndarray | None]:
        if self.remaining <= 0:
            return False, None
        if self.fps:
            time.sleep(1 / self.fps)  # a webcam delivers at its own pace
        self.remaining -= 1
        w, h = self.size
        return True, np.full((h, w, 3), 100, np.uint8)

    def release(self) -> None:
        self.released += 1


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_video(tmp_path_factory.mktemp("clips") / "count.mp4", counting_frames(15),
                       fps=60)


Factory = Callable[[], CameraSource]


@pytest.fixture(params=["file", "synthetic", "device"])
def make_source(request: pytest.FixtureRequest, clip: Path) -> Factory:
    return {
        "file": lambda: FileCamera(clip),
        "synthetic": lambda: SyntheticCamera(size=(320, 240), paced=False),
        "device": lambda: DeviceCamera(0, capture_factory=UnpluggableCapture),
    }[request.param]


def test_open_read_close_twice(make_source: Factory) -> None:
    source = make_source()
    source.close()  # closing before opening is harmless
    source.open()
    frames = [source.read() for _ in range(5)]
    assert all(f is not None for f in frames)
    assert [f.index for f in frames] == [0, 1, 2, 3, 4]  # type: ignore[union-attr]
    first = frames[0]
    assert first is not None and first.image.dtype == np.uint8 and first.image.ndim == 3
    assert first.size == (320, 240)
    assert frames[-1].timestamp >= first.timestamp  # type: ignore[union-attr]
    source.close()
    source.close()
    with pytest.raises(SourceError):
        source.read()


def test_worker_delivers_frames_and_stops_cleanly(make_source: Factory) -> None:
    statuses: list[SourceStatus] = []
    worker = CameraWorker(make_source(), on_status=statuses.append)
    worker.start()
    deadline = time.monotonic() + 5
    got = None
    while got is None and time.monotonic() < deadline:
        got = worker.latest()
        time.sleep(0.01)
    assert got is not None
    worker.stop()
    worker.stop()
    assert not worker.is_alive()
    states = [s.state for s in statuses]
    assert states[0] is SourceState.STARTING and SourceState.RUNNING in states
    assert states[-1] in (SourceState.STOPPED, SourceState.ENDED, SourceState.LOST)


def _run_until_done(worker: CameraWorker, timeout: float = 10) -> SourceStatus:
    worker.start()
    deadline = time.monotonic() + timeout
    while worker.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not worker.is_alive(), "the worker hung instead of reporting the end"
    return worker.status


def test_a_file_that_ends_says_so(clip: Path) -> None:
    worker = CameraWorker(FileCamera(clip, loop=False))
    status = _run_until_done(worker)
    assert status.state is SourceState.ENDED
    assert "count.mp4 has ended" in status.message
    assert worker.frames_read == 15


def test_a_looping_file_keeps_going(clip: Path) -> None:
    source = FileCamera(clip, loop=True)
    source.open()
    means = [float(source.read().image.mean()) for _ in range(40)]  # type: ignore[union-attr]
    source.close()
    # The clip's brightness steps by 7 per frame, so frame 15 wraps back to frame 0's.
    assert means[15] == pytest.approx(means[0], abs=3)
    assert means[16] - means[15] == pytest.approx(7, abs=3)


def test_an_unplugged_device_is_reported_lost() -> None:
    fake: list[UnpluggableCapture] = []

    def factory(index: int) -> UnpluggableCapture:
        fake.append(UnpluggableCapture(index, frames=10))
        return fake[-1]

    worker = CameraWorker(DeviceCamera(0, capture_factory=factory))
    status = _run_until_done(worker)
    assert status.state is SourceState.LOST
    assert "stopped sending pictures" in status.message and "plug" in status.fix
    assert worker.frames_read == 10
    assert fake[0].released == 1


def test_a_missing_device_index_fails_with_a_message() -> None:
    # Real OpenCV, real absence: this machine has no camera 7.
    worker = CameraWorker(DeviceCamera(7))
    status = _run_until_done(worker)
    assert status.state is SourceState.FAILED
    assert "Camera 7 could not be opened" in status.message


def test_a_corrupt_file_fails_with_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(np.random.default_rng(1).integers(0, 256, 50_000, np.uint8).tobytes())
    status = _run_until_done(CameraWorker(FileCamera(bad)))
    assert status.state is SourceState.FAILED
    assert "damaged or not a video" in status.message


def test_a_file_cut_short_is_reported_damaged(tmp_path: Path) -> None:
    whole = write_video(tmp_path / "whole.avi", counting_frames(60), fps=60, fourcc="MJPG")
    cut = tmp_path / "cut.avi"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    worker = CameraWorker(FileCamera(cut))
    status = _run_until_done(worker)
    # The AVI header promises 60 frames; the file stops part-way, so it is damaged, not ended.
    assert status.state is SourceState.LOST
    assert f"damaged after frame {worker.frames_read}" in status.message
    assert 0 < worker.frames_read < 60


@pytest.mark.parametrize(
    ("spec", "kind"),
    [("synthetic", "synthetic"), ("3", "device"), ("/no/such/clip.mp4", "file")],
)
def test_make_camera_understands_each_kind_of_choice(spec: str, kind: str) -> None:
    assert make_camera(spec).kind == kind


def test_auto_falls_back_to_the_labelled_demo_without_a_camera() -> None:
    source = make_camera("auto")
    assert source.kind == "synthetic" and source.is_demo
    assert "Demo" in source.description


def test_nonsense_is_not_a_camera() -> None:
    with pytest.raises(SourceError, match="is not a camera"):
        make_camera("my webcam please")
