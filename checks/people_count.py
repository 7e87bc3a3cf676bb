"""How many people are in view, decided from several pictures with hysteresis.

Why: the face detector's score for something faint (a small photo of a face on the wall, a
face half out of the picture, dim light) wanders above and below its threshold from frame to
frame, so counting the most faces in any one picture said "2 people" on one run and "one
person" on the next for the same still scene. Here each face is followed across the pictures
and judged on its typical score: it is counted only when it is clearly a face in most of them,
and once counted at a place it stays counted until it is clearly gone. Faces in between are
reported as faint, never as people.

Limits, said to the person as the check does: the detector counts faces, not people (someone
turned away or out of frame is not counted; a large, sharp photo of a face can be); it misses
faces unevenly across skin tones and in dim light.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from checks.services import FaceFinder

ENTER = 0.7  # a face's median score across the pictures at which it is counted
LEAVE = 0.35  # its best score below which a counted face is taken to have gone
FAINT = 0.5  # the detector's usual threshold: a face seen above it but not counted is "faint"
DETECT_FLOOR = 0.3  # ask the detector for faces down to this score, to follow faint ones
MEMORY_SECONDS = 600.0  # how long a decision about a place is remembered


@dataclass
class Track:
    """One face followed across the pictures: where (fractions of the picture) and its score
    in each picture (0 where it was not seen)."""

    x: float
    y: float
    w: float
    h: float
    scores: list[float] = field(default_factory=list)

    @property
    def typical(self) -> float:
        return statistics.median(self.scores) if self.scores else 0.0

    @property
    def best(self) -> float:
        return max(self.scores, default=0.0)

    def place(self) -> tuple[int, int, int]:
        """A coarse key for where the face is and how big: the same still scene, the same key.
        """
        return (round((self.x + self.w / 2) * 8), round((self.y + self.h / 2) * 8),
                round(self.w * 16))


def _overlap(a: Track, x: float, y: float, w: float, h: float) -> float:
    ix = max(0.0, min(a.x + a.w, x + w) - max(a.x, x))
    iy = max(0.0, min(a.y + a.h, y + h) - max(a.y, y))
    inter = ix * iy
    union = a.w * a.h + w * h - inter
    return inter / union if union > 0 else 0.0


def follow_faces(pictures: Sequence[np.ndarray], finder: FaceFinder) -> list[Track]:
    """Faces matched across the pictures by overlap: a camera that stands still sees each face
    at almost the same place in every picture."""
    tracks: list[Track] = []
    for index, picture in enumerate(pictures):
        ph, pw = picture.shape[:2]
        for face in finder.faces(picture):
            x, y = face.x / pw, face.y / ph
            w, h = face.width / pw, face.height / ph
            best = max(tracks, key=lambda t: _overlap(t, x, y, w, h), default=None)
            if best is None or _overlap(best, x, y, w, h) < 0.3 or len(best.scores) > index:
                best = Track(x, y, w, h)
                tracks.append(best)
            best.scores += [0.0] * (index - len(best.scores))
            best.scores.append(face.score)
    for track in tracks:
        track.scores += [0.0] * (len(pictures) - len(track.scores))
    return tracks


class Hysteresis:
    """What was decided about each place in the picture, kept for a while: a face counted
    there stays counted until its best score drops below LEAVE; a face not counted there is
    counted only when its median reaches ENTER."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counted: dict[tuple[int, int, int], float] = {}  # place -> when last confirmed

    def decide(self, track: Track, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        key = track.place()
        with self._lock:
            for old in [k for k, at in self._counted.items() if now - at > MEMORY_SECONDS]:
                del self._counted[old]
            was = key in self._counted
            if track.typical >= ENTER or (was and track.best >= LEAVE):
                self._counted[key] = now
                return True
            self._counted.pop(key, None)
            return False


SHARED = Hysteresis()  # one memory for the process: the checks page and its reruns


@dataclass
class PeopleCount:
    people: int  # faces counted
    faint: int  # faces seen above the detector's threshold in some picture, but not counted
    per_picture: list[int]  # faces above the detector's usual threshold in each picture
    pictures: int


def count_people(pictures: Sequence[np.ndarray], finder: FaceFinder,
                 memory: Hysteresis | None = None) -> PeopleCount:
    memory = SHARED if memory is None else memory
    tracks = follow_faces(pictures, finder)
    counted = [t for t in tracks if memory.decide(t)]
    faint = [t for t in tracks if t not in counted and t.best >= FAINT]
    per_picture = [sum(1 for t in tracks if t.scores[i] >= FAINT) for i in range(len(pictures))]
    return PeopleCount(len(counted), len(faint), per_picture, len(pictures))
