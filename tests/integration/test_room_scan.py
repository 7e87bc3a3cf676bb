"""The guided room scan on a clip that pans across a room: the noticeboard on the far wall,
out of view when the scan starts, is found; so is the second person."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from checks.probes import OwnCameraProbe
from checks.room_scan import scan_room
from tests.helpers.media import write_video
from tests.integration.test_check_images import person, wall_with_details

W, H = 960, 540


def panning_room(tmp_path: Path) -> Path:
    room = np.full((H, W * 3, 3), (180, 190, 200), np.uint8)
    room[H - 360:, 300:660] = person(360)  # the pupil, in view at the start
    room[:, 2 * W:] = wall_with_details()  # a noticeboard and someone else, far right
    frames = []
    for i in range(180):  # six seconds, panning steadily left to right
        x = int((2 * W) * min(1.0, i / 120))
        frames.append(np.ascontiguousarray(room[:, x:x + W]))
    return write_video(tmp_path / "pan.mp4", frames, fps=30)


def test_the_scan_finds_what_the_first_picture_cannot_see(tmp_path: Path) -> None:
    clip = panning_room(tmp_path)
    first = cv2.VideoCapture(str(clip)).read()[1]
    from checks.personal_info import find_personal_text

    assert find_personal_text(first)[0] == []  # nothing personal in the opening view
    scan = scan_room(OwnCameraProbe(str(clip)))
    assert scan.pictures >= 6
    kinds = {k for p in scan.personal for k in p["kinds"]}
    assert {"address", "phone", "name"} <= kinds
    assert scan.most_people >= 1
    assert "personal information can be read" in scan.summary()
    assert "a phone number" in scan.summary()


def test_a_scan_without_a_camera_says_so() -> None:
    scan = scan_room(OwnCameraProbe("7"), seconds=1)
    assert scan.pictures == 0 and "Camera 7 could not be opened" in scan.summary()
