"""The camera's look, decided once for the window, the recording and `lessonguard record`.

Why one place: the look was built twice, and the command line's copy left out the areas the
personal-information check asked to blur always, so an address hidden in the window was
recorded sharp. Whatever shows the picture asks this module what it should look like.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

from app.settings import AppSettings
from app.texts import Text, _
from capture.compositor import Look, Region

Background = Literal["off", "blur", "colour", "image"]
BACKGROUND_MODES: tuple[Background, ...] = ("off", "blur", "colour", "image")
Area = Sequence[float]  # x, y, width, height as fractions of the picture


# "Keep my instrument sharp" starts off: measured on a person composited onto busy walls
# (tests/bench/bench_halo.py), it keeps 80% of a held violin sharp instead of 63%, but leaves
# twice as much of the room sharp (9% of the background instead of 4%). Privacy first; a player
# whose instrument is cut turns it on, and the background check then says what stays sharp.
INSTRUMENT_MODE_DEFAULT = False


@dataclass(frozen=True)
class LookChoice:
    """The look to apply, whether the player's surroundings are kept sharp, and what could not
    be done as asked (said to the person; the picture stays private meanwhile)."""

    look: Look
    instrument_mode: bool
    problem: Text | None = None


def _regions(areas: Iterable[Area]) -> tuple[Region, ...]:
    regions = []
    for area in areas:
        x, y, w, h = (float(v) for v in area)
        regions.append(Region(x, y, w, h))
    return tuple(regions)


def choose_look(
    background: Background,
    strength: int,
    *,
    picture: str = "",
    keep_clear: Iterable[Area] = (),
    blur_areas: Iterable[Area] = (),
    instrument_mode: bool = INSTRUMENT_MODE_DEFAULT,
    read_picture: Callable[[str], np.ndarray | None] = cv2.imread,
) -> LookChoice:
    """The look for these choices. A background picture that cannot be read falls back to
    blur (never to the room as it is), and says so."""
    mode: Background = background
    image: np.ndarray | None = None
    problem: Text | None = None
    if mode == "image":
        image = read_picture(picture) if picture else None
        if image is None:
            mode = "blur"
            problem = _("The background picture {path} cannot be read; the background is "
                        "blurred instead. Choose another picture.", path=picture)
    look = Look(mode=mode, strength=strength, image=image, keep_clear=_regions(keep_clear),
                blur_areas=_regions(blur_areas), instrument_mode=instrument_mode)
    return LookChoice(look, instrument_mode, problem)


def look_from_settings(
    settings: AppSettings,
    read_picture: Callable[[str], np.ndarray | None] = cv2.imread,
) -> LookChoice:
    """The look the person chose in the window, as remembered: what `lessonguard record` and
    the window at start-up both use."""
    return choose_look(settings.background, settings.blur_strength,
                       picture=settings.background_image, keep_clear=settings.keep_clear,
                       blur_areas=settings.blur_areas,
                       instrument_mode=settings.instrument_mode, read_picture=read_picture)
