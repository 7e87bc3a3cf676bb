"""Recording upkeep: finish the recordings a crash interrupted, then delete the expired ones.

Why one place: the window (at start-up and daily), `lessonguard record` and `lessonguard
recordings` each did this themselves; a recording must expire on the same day whichever
of them runs first. Holds are respected by `Recordings.purge` itself.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from app.recordings import RecordingInfo, Recordings
from capture.playback import recording_duration

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Upkeep:
    recovered: list[RecordingInfo] = field(default_factory=list)
    deleted: list[RecordingInfo] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.recovered or self.deleted)


def upkeep(recordings: Recordings, *, expire: bool = True,
           now: datetime | None = None) -> Upkeep:
    """Recover what a crash left (keeping every whole fragment), then purge what has
    expired and is not on hold (key and file). `expire=False` only recovers."""
    recovered = recordings.recover(recording_duration)
    deleted = recordings.purge(now) if expire else []
    if recovered or deleted:
        log.info("recordings upkeep: %d recovered, %d deleted", len(recovered), len(deleted))
    return Upkeep(recovered, deleted)
