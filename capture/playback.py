"""Reading recordings back: their length, and playing them, always decrypting on the fly.

Why: a recording of a child must never exist decrypted on disk, not even briefly for a
player. PyAV reads straight from the decrypting reader (which can seek), and an external
player is fed through a pipe. The player receives the recording decrypted, so it can only be
one LessonGuard knows: ffplay (the default), mpv or VLC, chosen by name with
$LESSONGUARD_PLAYER and found on the PATH, with the arguments LessonGuard gives it. Any other
program, a path or extra arguments is refused.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from app.encrypted_file import EncryptedReader
from app.errors import LessonGuardError
from app.texts import _

PLAYER_ENV = "LESSONGUARD_PLAYER"
TITLE = "LessonGuard recording"
# The players LessonGuard will hand a decrypted recording to, each reading it from stdin.
PLAYERS: dict[str, list[str]] = {
    "ffplay": ["-autoexit", "-loglevel", "error", "-window_title", TITLE, "-i", "pipe:0"],
    "mpv": ["--really-quiet", f"--title={TITLE}", "--", "-"],
    "vlc": ["--quiet", "--play-and-exit", "-"],
}


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
    """The player fed on stdin: the one $LESSONGUARD_PLAYER names (ffplay, mpv or vlc), else
    ffplay; found on the PATH."""
    name = os.environ.get(PLAYER_ENV, "").strip() or "ffplay"
    if name not in PLAYERS:
        raise LessonGuardError(
            _("{variable} names '{player}', which is not a player LessonGuard hands "
              "recordings to.", variable=PLAYER_ENV, player=name),
            _("Set it to one of {players} (the name only), or unset it to use ffplay.",
              players=list(PLAYERS)))
    found = shutil.which(name)
    if found is None:
        raise LessonGuardError(
            _("No player is available to play the recording: {player} is not installed.",
              player=name),
            _("Install ffmpeg (it includes ffplay), mpv or VLC, or play it in the "
              "LessonGuard window."))
    return [found, *PLAYERS[name]]


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
