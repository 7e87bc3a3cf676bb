"""The guided room scan: pan the camera slowly round the room for a few seconds, and the
people and personal-information checks look at the whole room, not only what is behind you.

Why: what the lesson sees changes when the camera is knocked or the laptop turned. Nothing is
stored: a picture every two-thirds of a second is looked at and let go. Whether the room is a
living area is still confirmed by a person: no model that tells rooms apart ships offline.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from app.texts import _
from checks.personal_info import WORDS, as_sent, find_personal_text
from checks.services import FaceFinder, LookReader

if TYPE_CHECKING:
    from checks.probes import CameraSample

SCAN_SECONDS = 6.0
PICTURE_EVERY = 20  # frames: about every two-thirds of a second at 30 fps
MAX_PICTURES = 9


class ScanProbe(Protocol):
    """A camera probe that can take more pictures than a check's sample
    (checks.probes.OwnCameraProbe or SharedCameraProbe, not the run's SharedSample)."""

    def sample(self, seconds: float, cancel: threading.Event, deadline: float,
               picture_every: int, max_pictures: int) -> CameraSample: ...


@dataclass
class RoomScan:
    pictures: int = 0
    most_people: int = 0
    personal: list[dict[str, Any]] = field(default_factory=list)
    problem: str = ""

    def summary(self) -> str:
        if self.problem:
            return self.problem
        people = (_("nobody's face was seen") if self.most_people == 0 else
                  _("one person at most") if self.most_people == 1 else
                  _("up to {count} people at once", count=self.most_people))
        if not self.personal:
            return _("Room scan: {people}; no personal information can be read.",
                     people=people)
        kinds = sorted({k for p in self.personal for k in p["kinds"]}, key=list(WORDS).index)
        return _("Room scan: {people}; personal information can be read: {kinds}.",
                 people=people, kinds=[WORDS[k] for k in kinds])


def scan_room(probe: ScanProbe, cancel: threading.Event | None = None,
              seconds: float = SCAN_SECONDS, face_finder: FaceFinder | None = None,
              look: LookReader | None = None) -> RoomScan:
    """Run while the person pans the camera; returns what was seen in the whole room. Each
    picture is read as the lesson would get it: the always-blur areas of `look` (the
    preview's) hidden by the same compositor."""
    cancel = cancel or threading.Event()
    sample = probe.sample(seconds, cancel, time.monotonic() + seconds + 2,
                          PICTURE_EVERY, MAX_PICTURES)
    scan = RoomScan(pictures=len(sample.pictures))
    if not sample.pictures:
        scan.problem = (sample.problem.text() if sample.problem
                        else _("The camera sent no pictures during the scan."))
        return scan
    if face_finder is None:
        from capture.vision import FaceFinder as ModelFaceFinder

        face_finder = ModelFaceFinder()
    seen: set[str] = set()
    for picture in sample.pictures:
        if cancel.is_set():
            break
        scan.most_people = max(scan.most_people, len(face_finder.faces(picture)))
        for found in find_personal_text(as_sent(picture, look))[0]:
            if found.text not in seen:
                seen.add(found.text)
                scan.personal.append({"text": found.text, "kinds": found.kinds})
    return scan
