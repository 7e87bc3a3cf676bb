"""The background and people checks on scenes built from scikit-image's pictures, read back
through OpenCV as a camera, with the real segmentation and face models."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage import data

from app.policy.engine import check_requirements
from app.policy.loader import load_pack
from capture.compositor import Look
from checks.base import Check, CheckContext, CheckResult
from checks.image_checks import BackgroundCheck, PeopleCheck
from checks.probes import OwnCameraProbe, SharedSample
from tests.helpers.media import write_video

W, H = 960, 540


def person(size: int) -> np.ndarray:
    return cv2.resize(cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR), (size, size))


def make_scene(kind: str) -> np.ndarray:
    if kind == "busy":
        wall = cv2.cvtColor(data.brick(), cv2.COLOR_GRAY2BGR)
        img = cv2.resize(np.tile(wall, (2, 3, 1)), (W, H))
    else:
        img = np.full((H, W, 3), (190, 200, 205), np.uint8)  # a painted wall
    if kind in ("plain", "busy"):
        img[H - 420:, 270:690] = person(420)
    elif kind == "two":
        img[H - 400:, 40:440] = person(400)
        img[H - 400:, 520:920] = person(400)
    return img


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scenes")
    out = {}
    for kind in ("plain", "busy", "two", "empty"):
        img = make_scene(kind)
        frames = [np.roll(img, i % 3, axis=1) for i in range(40)]  # a camera never stands still
        out[kind] = write_video(folder / f"{kind}.mp4", frames, fps=30)
    return out


def run(check: Check, pack_id: str, clip: Path, look: Look | None = None) -> CheckResult:
    pack = load_pack(pack_id)
    requirement = next(r for r in check_requirements(pack) if r.check_id == check.id)
    services: dict[str, object] = {"camera_probe": SharedSample(OwnCameraProbe(str(clip)))}
    if look is not None:
        services["look"] = lambda: look
    ctx = CheckContext(pack=pack, requirement=requirement, deadline=time.monotonic() + 9,
                       cancel=threading.Event(), services=services)
    return check.run(ctx)


def test_a_plain_wall_passes_and_a_busy_one_warns_under_hms(clips: dict[str, Path]) -> None:
    plain = run(BackgroundCheck(), "hms", clips["plain"])
    assert plain.status == "pass", plain.figures
    busy = run(BackgroundCheck(), "hms", clips["busy"])
    assert busy.status == "warn" and "busy" in busy.summary, busy.figures
    assert busy.figures["edge_density"] > plain.figures["edge_density"] * 3
    assert "Blurred" in busy.remediation[0]
    assert "clear and plain" in busy.source  # HMS's own words


def test_wsm_expects_blur_and_lessonguards_blur_satisfies_it(clips: dict[str, Path]) -> None:
    unblurred = run(BackgroundCheck(), "wsm", clips["plain"])
    assert unblurred.status == "warn" and "expects" in unblurred.summary
    assert "blurred backgrounds" in unblurred.source
    blurred = run(BackgroundCheck(), "wsm", clips["busy"], Look(mode="blur"))
    assert blurred.status == "pass" and "blurred by LessonGuard" in blurred.summary


def test_people_in_view(clips: dict[str, Path]) -> None:
    one = run(PeopleCheck(), "hms", clips["plain"])
    assert one.status == "pass" and one.figures["faces_per_picture"]
    two = run(PeopleCheck(), "hms", clips["two"])
    assert two.status == "warn" and two.summary.startswith("2 people")
    assert "responsible adult" in two.remediation[0]
    nobody = run(PeopleCheck(), "hms", clips["empty"])
    assert nobody.status == "warn"  # never a failure: detectors miss faces unevenly
    assert "can't see a face" in nobody.summary


def test_the_checks_share_one_camera_sample(clips: dict[str, Path]) -> None:
    opened: list[int] = []

    class Counting(OwnCameraProbe):
        def sample(self, *args: object) -> object:
            opened.append(1)
            return super().sample(*args)  # type: ignore[arg-type]

    shared = SharedSample(Counting(str(clips["plain"])))
    results = []

    def go(check: Check) -> None:
        pack = load_pack("hms")
        requirement = next(r for r in check_requirements(pack) if r.check_id == check.id)
        ctx = CheckContext(pack=pack, requirement=requirement, deadline=time.monotonic() + 9,
                           cancel=threading.Event(), services={"camera_probe": shared})
        results.append(check.run(ctx).status)

    threads = [threading.Thread(target=go, args=(c,)) for c in (BackgroundCheck(),
                                                               PeopleCheck())]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert len(opened) == 1 and sorted(results) == ["pass", "pass"]
