"""Reading recordings back: their length, and playing them, always decrypting on the fly.

Why: a recording of a child must never exist decrypted on disk, not even briefly for a
player. PyAV reads straight from the decrypting reader (which can seek), and an external
player is fed through a pipe.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

from app.encrypted_file import EncryptedReader
from app.errors import LessonGuardError
from app.texts import _

PLAYER_ENV = "LESSONGUARD_PLAYER"


def recording_duration(path: Path, key: bytes) -> float:
    """Duration from the last packet actually present (a crash-cut file has no index)."""
    import av

    reader = EncryptedReader(path, key)
    try:
        with av.open(reader, "r", format="mp4") as container:
            end = 0.0
            for packet in container.demux():
                if packet.pts is None or packet.time_base is None:
                    continue
                end = max(end, float((packet.pts + (packet.duration or 0))
                                     * packet.time_base))
            return end
    except av.error.FFmpegError as exc:
        raise LessonGuardError(_("The recording cannot be decoded: {why}.", why=str(exc))
                               ) from exc
    finally:
        reader.close()


def player_command() -> list[str]:
    """The player fed on stdin: $LESSONGUARD_PLAYER, else ffplay."""
    custom = os.environ.get(PLAYER_ENV, "").strip()
    if custom:
        return shlex.split(custom)
    ffplay = shutil.which("ffplay")
    if ffplay is None:
        raise LessonGuardError(
            _("No player is available to play the recording."),
            _("Install ffmpeg (it includes ffplay), or play it in the LessonGuard window."))
    return [ffplay, "-autoexit", "-loglevel", "error", "-window_title",
            "LessonGuard recording", "-i", "pipe:0"]


def play_external(reader: Any, command: list[str] | None = None) -> int:
    """Stream the decrypted recording into a player's stdin; returns its exit code."""
    command = command or player_command()
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE)
    except OSError as exc:
        raise LessonGuardError(_("The player {player} cannot be started: {why}.",
                                 player=command[0], why=str(exc))) from exc
    assert proc.stdin is not None
    try:
        for plain in reader.iter_plain():
            proc.stdin.write(plain)
    except BrokenPipeError:
        pass  # the viewer closed the player
    finally:
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.close()
    return proc.wait()
