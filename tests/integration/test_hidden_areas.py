"""Hidden means unreadable: a card under "Always blur this area" gives the same OCR nothing to
read in what leaves LessonGuard: the compositor's picture in every background mode, the
preview and the virtual camera (fed by the real pipeline with the real segmentation model),
the encrypted recording read back, the personal-information check and the room scan.

The card is the one from the report: a name, a street, a town with its postcode, a phone
number, behind a person on a busy wall. The virtual camera is a stand-in sink
(tests/helpers/sinks.py): v4l2loopback cannot exist on a test machine; it is handed exactly
what the real one would be."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from app.encrypted_file import EncryptedReader, new_key
from capture.camera import make_camera
from capture.compositor import Look, Region, composite
from capture.pipeline import Pipeline, PipelineWorker
from capture.recorder import Recorder
from capture.worker import CameraWorker
from checks.personal_info import PersonalInformationCheck, find_personal_text, read_lines
from checks.probes import OwnCameraProbe
from checks.room_scan import scan_room
from tests.helpers.cards import FONT_DIR, paste_person, wall
from tests.helpers.media import write_video
from tests.helpers.sinks import RecordingSink
from tests.integration.test_check_images import run as run_check

W, H = 640, 360
LINES = ("Mia Jones", "14 Elm Road", "Watford WD17 1AB", "07700 900123")


@dataclass
class Card:
    scene: np.ndarray
    person: np.ndarray  # the true person mask
    areas: tuple[Region, ...]  # what "Always blur this area" saved for each line found
    clip: Path


def card_scene() -> tuple[np.ndarray, np.ndarray]:
    import random

    scene = wall("brick", (W, H), random.Random(1))
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), 26)
    card = Image.new("RGB", (300, 175), (240, 238, 230))
    draw = ImageDraw.Draw(card)
    for i, line in enumerate(LINES):
        draw.text((12, 10 + 40 * i), line, font=font, fill=(20, 20, 30))
    scene[30:205, 20:320] = cv2.cvtColor(np.array(card), cv2.COLOR_RGB2BGR)
    person = paste_person(scene, 360)
    return scene, person


@pytest.fixture(scope="module")
def card(tmp_path_factory: pytest.TempPathFactory) -> Card:
    scene, person = card_scene()
    found, _lines = find_personal_text(scene)
    kinds = {k for f in found for k in f.kinds}
    assert {"name", "address", "postcode", "phone"} <= kinds  # legible before it is hidden
    pad = 0.02  # as the checks page pads an area it saves
    areas = tuple(Region(max(0.0, x - pad), max(0.0, y - pad), w + 2 * pad, h + 2 * pad)
                  for x, y, w, h in (f.box for f in found))
    clip = write_video(tmp_path_factory.mktemp("hidden") / "card.mp4",
                       [np.roll(scene, i % 2, axis=1) for i in range(60)], fps=30)
    return Card(scene, person, areas, clip)


def read_in(picture: np.ndarray, areas: tuple[Region, ...]) -> list[str]:
    """Whatever the OCR reads, anywhere, whose middle falls in one of the areas."""
    h, w = picture.shape[:2]
    texts = []
    for line in read_lines(picture):
        cx, cy = line.centre
        if any(a.x * w <= cx <= (a.x + a.w) * w and a.y * h <= cy <= (a.y + a.h) * h
               for a in areas):
            texts.append(line.text)
    return texts


def test_the_compositor_leaves_nothing_to_read_in_any_mode(card: Card) -> None:
    assert len(read_in(card.scene, card.areas)) >= 4  # the four lines, before
    alpha = card.person.astype(np.uint8) * 255
    for look in (Look(mode="off", blur_areas=card.areas),
                 Look(mode="blur", strength=1, blur_areas=card.areas),  # the lightest blur
                 Look(mode="colour", blur_areas=card.areas,
                      keep_clear=card.areas)):  # an always-blur area beats a keep-clear one
        out = composite(card.scene, alpha, look)
        assert read_in(out, card.areas) == [], look.mode
        outside = np.ones((H, W), bool)
        outside[:230, :350] = False
        if look.mode == "off":  # the rest of the picture is untouched
            assert np.array_equal(out[outside], card.scene[outside])


@pytest.fixture(scope="module")
def outputs(card: Card, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[dict[str, np.ndarray]]:
    """A second and a half of the clip through the real pipeline: the preview's queue, the
    virtual camera's sink and an encrypted recording, each as it was sent."""
    camera = CameraWorker(make_camera(str(card.clip), loop_files=True))
    pipeline = Pipeline(look=Look(mode="blur", strength=1, blur_areas=card.areas),
                        instrument_mode=True)
    pipeline.load(wait=True)
    worker = PipelineWorker(camera, pipeline)
    virtual = RecordingSink()
    key = new_key()
    path = tmp_path_factory.mktemp("rec") / "card.lgrec"
    recorder = Recorder(path, key, width=W, height=H, fps=30, sync=False)
    recorder.start()
    worker.sinks += [virtual, recorder]
    camera.start()
    worker.start()
    preview = None
    try:
        end = time.monotonic() + 1.5
        while time.monotonic() < end or preview is None:
            got = worker.output.get(0.2)
            if got is not None:
                preview = got[1]
            assert time.monotonic() < end + 10, "the pipeline sent nothing"
    finally:
        worker.stop()
        camera.stop()
    recorder.stop()
    with av.open(EncryptedReader(path, key), "r") as container:
        recorded = [f.to_ndarray(format="bgr24") for f in container.decode(video=0)]
    assert recorded and virtual.frames
    yield {"preview": preview, "virtual camera": virtual.frames[-1][1],
           "recording": recorded[-1]}


@pytest.mark.parametrize("output", ["preview", "virtual camera", "recording"])
def test_nothing_to_read_in_what_leaves_lessonguard(card: Card, outputs: dict[str, np.ndarray],
                                                    output: str) -> None:
    picture = outputs[output]
    assert picture.shape[:2] == (H, W)
    assert read_in(picture, card.areas) == []


def test_the_check_and_the_room_scan_read_what_the_lesson_gets(card: Card) -> None:
    hidden = Look(mode="off", blur_areas=card.areas)
    result = run_check(PersonalInformationCheck(), "hms", card.clip, hidden)
    assert result.status == "pass", result.figures
    scan = scan_room(OwnCameraProbe(str(card.clip)), threading.Event(), seconds=0.8,
                     look=lambda: hidden)
    assert scan.pictures >= 1 and scan.personal == []
    assert "no personal information can be read" in scan.summary()
    bare = scan_room(OwnCameraProbe(str(card.clip)), threading.Event(), seconds=0.8)
    assert {"phone", "postcode"} <= {k for p in bare.personal for k in p["kinds"]}
