"""Person segmentation and face detection through the MediaPipe Tasks API, offline.

Why: the blur and the people check need these models, which ship in resources/models/ so
nothing is fetched at run time. MediaPipe is imported on first use, never at start-up,
so the window shows before the models load.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.resources import model_path

SEGMENTER_MODEL = "selfie_segmentation_landscape.tflite"
FACE_MODEL_FULL = "face_detection_full_range_sparse.tflite"
FACE_MODEL_SHORT = "face_detection_short_range.tflite"

_import_lock = threading.Lock()


def _mediapipe() -> tuple[Any, Any, Any]:
    with _import_lock:
        os.environ.setdefault("GLOG_minloglevel", "2")  # keep MediaPipe's C++ chatter out
        import mediapipe as mp
        from mediapipe.tasks.python import BaseOptions, vision
    return mp, BaseOptions, vision


def _mp_image(mp: Any, bgr: np.ndarray) -> Any:
    rgb = np.ascontiguousarray(bgr[..., ::-1])
    return mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb)


class PersonSegmenter:
    """Confidence that each pixel belongs to a person, in [0, 1], at the frame's size."""

    def __init__(self, model: str = SEGMENTER_MODEL, video: bool = False) -> None:
        self._mp, base_options, vision = _mediapipe()
        self._video = video
        mode = vision.RunningMode.VIDEO if video else vision.RunningMode.IMAGE
        options = vision.ImageSegmenterOptions(
            base_options=base_options(model_asset_path=str(model_path(model))),
            running_mode=mode,
            output_confidence_masks=True,
            output_category_mask=False,
        )
        self._segmenter = vision.ImageSegmenter.create_from_options(options)
        self._last_ts = -1

    def mask(self, bgr: np.ndarray, timestamp_ms: int | None = None) -> np.ndarray:
        image = _mp_image(self._mp, bgr)
        if self._video:
            ts = timestamp_ms if timestamp_ms is not None else self._last_ts + 33
            ts = max(ts, self._last_ts + 1)  # MediaPipe needs strictly increasing stamps
            self._last_ts = ts
            result = self._segmenter.segment_for_video(image, ts)
        else:
            result = self._segmenter.segment(image)
        mask = result.confidence_masks[0].numpy_view()
        return np.array(mask.reshape(mask.shape[0], mask.shape[1]), dtype=np.float32)

    def close(self) -> None:
        self._segmenter.close()


@dataclass(frozen=True)
class Face:
    x: int
    y: int
    width: int
    height: int
    score: float


class FaceFinder:
    """Faces in a picture; the full-range model sees people further from the camera."""

    def __init__(self, model: str = FACE_MODEL_FULL, min_score: float = 0.5) -> None:
        self._mp, base_options, vision = _mediapipe()
        options = vision.FaceDetectorOptions(
            base_options=base_options(model_asset_path=str(model_path(model))),
            min_detection_confidence=min_score,
        )
        self._detector = vision.FaceDetector.create_from_options(options)

    def faces(self, bgr: np.ndarray) -> list[Face]:
        result = self._detector.detect(_mp_image(self._mp, bgr))
        found = []
        for det in result.detections:
            box = det.bounding_box
            score = det.categories[0].score if det.categories else 0.0
            found.append(Face(box.origin_x, box.origin_y, box.width, box.height, float(score)))
        return found

    def close(self) -> None:
        self._detector.close()
