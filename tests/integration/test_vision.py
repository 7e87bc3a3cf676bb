"""The shipped models load offline through the MediaPipe Tasks API and see what is there."""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage import data

from capture.vision import FACE_MODEL_SHORT, FaceFinder, PersonSegmenter
from tests.conftest import REPO


def _bgr(rgb: np.ndarray) -> np.ndarray:
    if rgb.ndim == 2:
        return cv2.cvtColor(rgb, cv2.COLOR_GRAY2BGR)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def test_shipped_models_match_their_notice_hashes() -> None:
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import models  # packaging/models.py, which is a script, not a package
    finally:
        sys.path.pop(0)
    assert models.verify() == []
    notice = (REPO / "resources" / "models" / "NOTICE").read_text()
    for name, (_, digest) in models.MODELS.items():
        assert name in notice and digest in notice
    assert "Apache License 2.0" in notice and "mediapipe==0.10.21" in notice


def test_an_altered_model_is_caught(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import models
    finally:
        sys.path.pop(0)
    for name in models.MODELS:
        (tmp_path / name).write_bytes((REPO / "resources" / "models" / name).read_bytes())
    with (tmp_path / "selfie_segmentation.tflite").open("r+b") as f:
        f.seek(1000)
        f.write(b"\x00\x01")
    problems = models.verify(tmp_path)
    assert len(problems) == 1 and problems[0].startswith("selfie_segmentation.tflite: SHA-256")


@pytest.fixture(scope="module")
def segmenter() -> PersonSegmenter:
    seg = PersonSegmenter()
    yield seg
    seg.close()


def test_segmenter_finds_the_person_and_not_the_wall(segmenter: PersonSegmenter) -> None:
    person = _bgr(data.astronaut())
    mask = segmenter.mask(person)
    assert mask.shape == person.shape[:2] and mask.dtype == np.float32
    assert float(mask.min()) >= 0.0 and float(mask.max()) <= 1.0
    # The astronaut's face sits around (x 170-260, y 60-180) in the 512x512 picture.
    assert float(mask[60:180, 170:260].mean()) > 0.8
    wall = _bgr(data.brick())
    assert float((segmenter.mask(wall) > 0.5).mean()) < 0.05


def test_segmenter_in_video_mode_accepts_a_stream(segmenter: PersonSegmenter) -> None:
    video = PersonSegmenter(video=True)
    person = _bgr(data.astronaut())
    masks = [video.mask(person, ts) for ts in (0, 33, 33, 66)]  # a repeated stamp is tolerated
    video.close()
    assert all(float(m[60:180, 170:260].mean()) > 0.8 for m in masks)


@pytest.mark.parametrize("model", [None, FACE_MODEL_SHORT])
def test_face_finder_counts_faces(model: str | None) -> None:
    finder = FaceFinder() if model is None else FaceFinder(model)
    faces = finder.faces(_bgr(data.astronaut()))
    assert len(faces) == 1
    face = faces[0]
    centre = (face.x + face.width / 2, face.y + face.height / 2)
    assert 170 < centre[0] < 280 and 60 < centre[1] < 200
    assert finder.faces(_bgr(data.brick())) == []
    finder.close()
