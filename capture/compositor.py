"""Putting the picture together: the person kept sharp, the background blurred or replaced,
keep-clear regions (the instrument, the bow arm, the music stand) never touched, a shutter
card, and a small "● REC" badge.

Why this way: blur tools that run at full resolution in floating point eat the CPU. Here the
background is blurred at a quarter of the size and scaled back up (a blur hides detail
anyway), and the blend runs on 8-bit images with OpenCV's vectorised arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

Mode = Literal["off", "blur", "colour", "image", "shutter"]
MODES: tuple[Mode, ...] = ("off", "blur", "colour", "image", "shutter")
SHUTTER_TEXT = "Camera paused by LessonGuard"


@dataclass(frozen=True)
class Region:
    """A keep-clear rectangle in fractions of the frame (0..1), so it survives a change of
    camera resolution."""

    x: float
    y: float
    w: float
    h: float

    def pixels(self, width: int, height: int) -> tuple[int, int, int, int]:
        x0 = round(max(0.0, min(1.0, self.x)) * width)
        y0 = round(max(0.0, min(1.0, self.y)) * height)
        x1 = round(max(0.0, min(1.0, self.x + self.w)) * width)
        y1 = round(max(0.0, min(1.0, self.y + self.h)) * height)
        return x0, y0, x1, y1


@dataclass(frozen=True)
class Look:
    """How the outgoing picture should look."""

    mode: Mode = "off"
    strength: int = 6  # 1 (light) to 10 (heavy)
    colour: tuple[int, int, int] = (200, 200, 200)  # BGR, for "colour"
    image: np.ndarray | None = field(default=None, compare=False)
    keep_clear: tuple[Region, ...] = ()
    blur_areas: tuple[Region, ...] = ()  # always blurred, even on the person: a name, a badge
    badge: str = ""  # e.g. "● REC"
    # Whether the mask also keeps what may be the player's instrument (the pipeline's mask
    # smoother does it; the background check reads it here to say what is left sharp).
    instrument_mode: bool = False

    @property
    def needs_mask(self) -> bool:
        return self.mode in ("blur", "colour", "image")


def fast_blur(frame: np.ndarray, strength: int) -> np.ndarray:
    """A heavy blur made small and scaled back up: an eighth of the size for the stronger
    settings (the detail is going anyway), a quarter for the lighter ones."""
    h, w = frame.shape[:2]
    strength = max(1, min(10, strength))
    factor = 8 if strength >= 4 else 4
    small = cv2.resize(frame, (max(1, w // factor), max(1, h // factor)),
                       interpolation=cv2.INTER_AREA)
    sigma = (1.0 + 1.4 * strength) * 4 / factor  # the same blur, measured on the full frame
    small = cv2.GaussianBlur(small, (0, 0), sigma)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def apply_keep_clear(alpha: np.ndarray, regions: tuple[Region, ...]) -> np.ndarray:
    """Keep-clear regions are always shown as they are (alpha 255)."""
    if not regions:
        return alpha
    h, w = alpha.shape[:2]
    for region in regions:
        x0, y0, x1, y1 = region.pixels(w, h)
        alpha[y0:y1, x0:x1] = 255
    return alpha


def blend(front: np.ndarray, back: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """front where alpha is 255, back where 0, in 8-bit."""
    a3 = cv2.merge([alpha, alpha, alpha])
    kept = cv2.multiply(front, a3, scale=1 / 255)
    rest = cv2.multiply(back, cv2.bitwise_not(a3), scale=1 / 255)
    return cv2.add(kept, rest)


_card_cache: dict[tuple[int, int], np.ndarray] = {}


def shutter_card(width: int, height: int) -> np.ndarray:
    """A plain card with the words; built once per size, and never from camera pixels."""
    key = (width, height)
    card = _card_cache.get(key)
    if card is None:
        card = np.full((height, width, 3), (60, 45, 30), np.uint8)
        scale = max(0.5, height / 720 * 1.3)
        thickness = max(1, round(scale * 2))
        (tw, th), _ = cv2.getTextSize(SHUTTER_TEXT, cv2.FONT_HERSHEY_SIMPLEX, scale, thickness)
        cv2.putText(card, SHUTTER_TEXT, ((width - tw) // 2, (height + th) // 2),
                    cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255), thickness, cv2.LINE_AA)
        card.setflags(write=False)
        _card_cache[key] = card
    return card


def draw_badge(frame: np.ndarray, text: str) -> np.ndarray:
    """A small red-on-white badge in the top-left corner (the recording's "● REC")."""
    h = frame.shape[0]
    scale = max(0.4, h / 720 * 0.8)
    thickness = max(1, round(scale * 2))
    label = text.replace("●", "").strip()
    (tw, th), base = cv2.getTextSize(label, cv2.FONT_HERSHEY_SIMPLEX, scale, thickness)
    pad = int(8 * scale)
    radius = th // 2
    x1, y1 = pad * 2 + radius * 2 + pad + tw, pad * 2 + th + base
    cv2.rectangle(frame, (pad, pad), (pad + x1, y1), (255, 255, 255), -1)
    cv2.circle(frame, (pad * 2 + radius, pad + (y1 - pad) // 2), radius, (0, 0, 220), -1,
               cv2.LINE_AA)
    cv2.putText(frame, label, (pad * 3 + radius * 2, pad + th + base // 2),
                cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 200), thickness, cv2.LINE_AA)
    return frame


def apply_blur_areas(alpha: np.ndarray, regions: tuple[Region, ...]) -> np.ndarray:
    """Always-blur areas win over everything else (alpha 0): privacy first."""
    h, w = alpha.shape[:2]
    for region in regions:
        x0, y0, x1, y1 = region.pixels(w, h)
        alpha[y0:y1, x0:x1] = 0
    return alpha


HIDE_MARGIN = 0.01  # of the frame's width, added round an always-blur area
HIDE_CELLS = 40  # across the frame: an always-blur area keeps no detail finer than this


def hide_areas(out: np.ndarray, regions: tuple[Region, ...]) -> np.ndarray:
    """Make always-blur areas unreadable whatever the blur strength: each area, a little
    larger than drawn (an OCR box hugs the letters), is reduced to coarse cells of colour a
    fortieth of the frame wide and then softened. A blur strong enough for a background can
    leave large print legible; this leaves no letter shape at all."""
    h, w = out.shape[:2]
    margin = max(2, round(HIDE_MARGIN * w))
    cell = max(8, w // HIDE_CELLS)
    for region in regions:
        x0, y0, x1, y1 = region.pixels(w, h)
        x0, y0 = max(0, x0 - margin), max(0, y0 - margin)
        x1, y1 = min(w, x1 + margin), min(h, y1 + margin)
        if x1 <= x0 or y1 <= y0:
            continue
        patch = out[y0:y1, x0:x1]
        cells = cv2.resize(patch, (max(1, (x1 - x0) // cell), max(1, (y1 - y0) // cell)),
                           interpolation=cv2.INTER_AREA)
        coarse = cv2.resize(cells, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR)
        out[y0:y1, x0:x1] = cv2.GaussianBlur(coarse, (0, 0), cell / 2)
    return out


def composite(frame: np.ndarray, alpha: np.ndarray | None, look: Look) -> np.ndarray:
    """The outgoing picture. `alpha` is the person mask (uint8, frame size, 255 = person)."""
    h, w = frame.shape[:2]
    if look.mode == "shutter":
        out = shutter_card(w, h).copy()
    elif look.mode == "off" or alpha is None:
        out = frame.copy()
    else:
        alpha = apply_blur_areas(apply_keep_clear(alpha.copy(), look.keep_clear),
                                 look.blur_areas)
        if look.mode == "blur":
            back = fast_blur(frame, look.strength)
        elif look.mode == "image" and look.image is not None:
            back = cv2.resize(look.image, (w, h), interpolation=cv2.INTER_AREA)
        else:
            back = np.empty_like(frame)
            back[:] = look.colour
        out = blend(frame, back, alpha)
    if look.mode != "shutter" and look.blur_areas:
        hide_areas(out, look.blur_areas)
    if look.badge:
        draw_badge(out, look.badge)
    return out
