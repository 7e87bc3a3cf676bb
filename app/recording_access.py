"""Playing and exporting a recording: who may, under which pack, and the audit entry it leaves.

Why one place: the window asked the pack chosen today and the command line the pack the
recording was made under, so the same person could be refused in one and allowed in the
other. The rule is the pack the recording was made under (its consent was given on those
terms); only when that pack can no longer be loaded is today's pack asked instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from app.encrypted_file import EncryptedReader
from app.errors import LessonGuardError
from app.export import export_recordings
from app.incidents import Incidents
from app.policy.loader import load_pack
from app.policy.schema import PolicyPack
from app.recordings import RecordingInfo, Recordings

log = logging.getLogger(__name__)


class RecordingAccess:
    """The one gate in front of playback and export, for the window and the command line."""

    def __init__(self, recordings: Recordings, current_pack: Callable[[], PolicyPack],
                 load: Callable[[str], PolicyPack] = load_pack) -> None:
        self.recordings = recordings
        self.incidents = Incidents(recordings.store, recordings.data_dir)
        self._current = current_pack
        self._load = load

    def pack_for(self, info: RecordingInfo) -> PolicyPack:
        """The pack the recording was made under, else (no longer available) today's."""
        current = self._current()
        if current.id == info.pack_id:
            return current
        try:
            return self._load(info.pack_id)
        except LessonGuardError:
            log.warning("recording %s: its pack %s cannot be loaded; today's pack %s decides",
                        info.id, info.pack_id, current.id)
            return current

    def check(self, rec_id: str, role: str) -> RecordingInfo:
        """The recording, if this role may see it now; else raises with the reason."""
        info = self.recordings.get(rec_id)
        self.incidents.check_access(info, self.pack_for(info), role)
        return info

    def open_for_playback(self, rec_id: str, role: str) -> EncryptedReader:
        """A reader for playing it, refused at once if the key or the file is gone; the
        playing is written to the audit log (who, as which role)."""
        info = self.check(rec_id, role)
        reader = self.recordings.open_reader(info.id)
        try:
            self.recordings.audit.append("recording.played", actor=role,
                                         subject=f"recording:{info.id}")
        except BaseException:
            reader.close()
            raise
        return reader

    def export(self, rec_ids: list[str], folder: Path, passphrase: str, role: str) -> Path:
        """An encrypted, hash-listed package of recordings this role may see."""
        for rec_id in rec_ids:
            self.check(rec_id, role)
        return export_recordings(self.recordings, rec_ids, folder, passphrase, actor=role)
