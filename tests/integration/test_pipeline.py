"""The camera pipeline with the real segmentation model: blur only where it belongs,
keep-clear regions and the instrument mode, a steady mask, the shutter that wins at once,
and the virtual camera's plain refusal on a machine without a driver."""

from __future__ import annotations

import time

import cv2
import numpy as np
import pytest
from skimage import data

from capture.camera import Frame, SyntheticCamera
from capture.compositor import Look, Region, composite, shutter_card
from capture.mask import MaskSmoother, grow_for_instrument
from capture.pipeline import Pipeline, PipelineWorker, default_segmenter
from capture.status import SourceError
from capture.virtualcam import PyVirtualCamSink
from capture.worker import CameraWorker
from tests.helpers.sinks import RecordingSink

W, H = 1280, 720


def scene(seed: int = 0) -> np.ndarray:
    """The astronaut in front of a busy brick wall."""
    wall = cv2.cvtColor(data.brick(), cv2.COLOR_GRAY2BGR)
    wall = np.tile(wall, (2, 3, 1))[:H, :W]
    person = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    person = cv2.resize(person, (560, 560))
    img = wall.copy()
    img[H - 560:, 360:920] = person
    if seed:
        noise = np.random.default_rng(seed).integers(-2, 3, img.shape)
        img = np.clip(img.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    return img


def sharpness(img: np.ndarray, mask: np.ndarray) -> float:
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    lap = cv2.Laplacian(grey, cv2.CV_64F)
    return float(lap[mask].var())


@pytest.fixture(scope="module")
def segmenter() -> object:
    return default_segmenter()


def run(pipeline: Pipeline, img: np.ndarray, n: int = 8) -> np.ndarray:
    pipeline.load(wait=True)
    out = img
    for i in range(n):
        out = pipeline.process(Frame(img, i, i / 30))
    return out


def test_blur_only_outside_the_person_and_the_keep_clear_region(segmenter: object) -> None:
    img = scene()
    stand = Region(0.02, 0.05, 0.2, 0.3)  # a music stand on the wall, top left
    pipeline = Pipeline(lambda: segmenter, Look(mode="blur", strength=6, keep_clear=(stand,)))
    out = run(pipeline, img)
    alpha = pipeline.smoother.alpha(W, H)
    assert alpha is not None
    kernel = np.ones((25, 25), np.uint8)
    person = cv2.erode((alpha > 250).astype(np.uint8), kernel).astype(bool)
    background = cv2.erode((alpha < 5).astype(np.uint8), kernel).astype(bool)
    x0, y0, x1, y1 = stand.pixels(W, H)
    keep = np.zeros((H, W), bool)
    keep[y0 + 10:y1 - 10, x0 + 10:x1 - 10] = True
    background &= ~np.pad(keep, 20)[20:-20, 20:-20]
    assert person.sum() > 50_000 and background.sum() > 100_000
    assert sharpness(out, person) == pytest.approx(sharpness(img, person), rel=0.1)
    assert sharpness(out, keep) == pytest.approx(sharpness(img, keep), rel=0.05)
    assert sharpness(out, background) < 0.1 * sharpness(img, background)


def test_colour_image_and_off_modes(segmenter: object) -> None:
    img = scene()
    pipeline = Pipeline(lambda: segmenter, Look(mode="colour", colour=(10, 200, 30)))
    out = run(pipeline, img)
    alpha = pipeline.smoother.alpha(W, H)
    assert alpha is not None
    bg = alpha == 0
    assert np.all(out[bg] == (10, 200, 30))
    picture = np.full((100, 100, 3), (200, 20, 20), np.uint8)
    pipeline.look = Look(mode="image", image=picture)
    out = run(pipeline, img, 2)
    assert np.abs(out[bg].astype(int) - (200, 20, 20)).max() <= 2
    pipeline.look = Look(mode="off")
    assert np.array_equal(pipeline.process(Frame(img, 99, 3.3)), img)


def test_the_mask_is_steady_on_a_still_scene(segmenter: object) -> None:
    smoother_pipeline = Pipeline(lambda: segmenter, Look(mode="blur"))
    smoother_pipeline.load(wait=True)
    changes = []
    for i in range(60):
        smoother_pipeline.process(Frame(scene(seed=i + 1), i, i / 30))  # sensor-like noise
        if i > 5:
            changes.append(smoother_pipeline.smoother.last_change)
    mean_change = float(np.mean(changes))
    print(f"mean mask change between frames on a still scene: {mean_change:.5f}")
    assert mean_change < 0.005


def test_instrument_mode_keeps_what_the_model_is_unsure_of_near_the_player() -> None:
    """A held instrument gets a low confidence next to the player; the wall gets less, and
    something as unsure far across the room is not the player's (tests/bench/bench_halo.py
    measures it on real masks)."""
    mask = np.zeros((144, 256), np.float32)
    mask[30:144, 110:150] = 1.0  # the player
    mask[60:80, 150:185] = 0.35  # a violin under the chin, out past the shoulder
    mask[100:110, 70:110] = 0.1  # the wall beside them: the model is sure it is not them
    mask[20:40, 230:250] = 0.35  # something as unsure, far across the room
    grown = grow_for_instrument(mask)
    assert grown[70, 165] == 1.0  # the violin: kept
    assert grown[105, 90] < 0.5  # the wall: not
    assert grown[30, 240] < 0.5  # the far thing: not
    smoother = MaskSmoother(instrument_mode=True)
    smoother.update(mask)
    alpha = smoother.alpha(256, 144)
    assert alpha is not None and alpha[70, 165] > 200 and alpha[105, 85] < 60


def test_the_rec_badge_is_drawn() -> None:
    img = np.full((H, W, 3), 128, np.uint8)
    out = composite(img, None, Look(badge="● REC"))
    corner = out[:80, :200]
    red = (corner[..., 2] > 180) & (corner[..., 1] < 60) & (corner[..., 0] < 60)
    white = np.all(corner > 240, axis=-1)
    assert red.sum() > 100 and white.sum() > 1000
    assert np.array_equal(out[200:, 300:], img[200:, 300:])  # nothing else is touched


def test_the_shutter_sends_no_camera_pixels_after_the_press(segmenter: object) -> None:
    camera = CameraWorker(SyntheticCamera((640, 360)))
    worker = PipelineWorker(camera, Pipeline(lambda: segmenter, Look(mode="blur")))
    sink = RecordingSink()
    worker.sinks.append(sink)
    camera.start()
    worker.start()
    try:
        deadline = time.monotonic() + 10
        while sink.count() < 10 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert sink.count() >= 10
        pressed_at = len(sink.frames)
        worker.set_shutter(True)
        card = shutter_card(640, 360)
        assert np.array_equal(worker.output.latest()[1], card)  # the very next picture
        time.sleep(0.5)
        after = [img for _, img in sink.frames[pressed_at:]]
        assert len(after) >= 5
        assert all(np.array_equal(img, card) for img in after)
        worker.set_shutter(False)
        time.sleep(0.3)
        assert not np.array_equal(sink.frames[-1][1], card)  # undo brings the picture back
    finally:
        worker.stop()
        camera.stop()
    assert sink.closed


def test_segmentation_is_done_less_often_when_the_cpu_is_short(segmenter: object) -> None:
    class Slow:
        def mask(self, bgr: np.ndarray, timestamp_ms: int | None = None) -> np.ndarray:
            time.sleep(0.025)  # the real model, on a much slower computer
            return segmenter.mask(bgr, timestamp_ms)  # type: ignore[attr-defined]

    pipeline = Pipeline(Slow, Look(mode="blur"))
    pipeline.load(wait=True)
    img = scene()
    for i in range(12):
        pipeline.process(Frame(img, i, i / 30))
        pipeline.adapt(1000 / 30)
    assert pipeline.mask_every >= 3


def test_no_virtual_camera_driver_says_what_to_install() -> None:
    sink = PyVirtualCamSink()
    with pytest.raises(SourceError) as info:
        sink.send(np.zeros((360, 640, 3), np.uint8), 0.0)  # no v4l2loopback here
    assert "virtual camera is not available" in info.value.status.message
    assert "v4l2loopback" in info.value.status.fix
    sink.close()


def test_until_the_model_loads_everything_is_background() -> None:
    release = __import__("threading").Event()

    def slow_factory() -> object:
        release.wait(10)
        return default_segmenter()

    pipeline = Pipeline(slow_factory, Look(mode="blur"))
    img = scene()
    began = time.perf_counter()
    out = pipeline.process(Frame(img, 0, 0.0))
    assert time.perf_counter() - began < 1.0  # the camera is never held up by the model
    assert not pipeline.ready
    person = np.zeros((H, W), bool)
    person[H - 500:, 400:880] = True
    assert sharpness(out, person) < 0.2 * sharpness(img, person)  # nothing shows sharp
    release.set()
    pipeline.load(wait=True)
    assert pipeline.ready
