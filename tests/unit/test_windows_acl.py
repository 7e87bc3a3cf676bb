"""On Windows an existing --data-dir is repaired at every start to an ACL for the user alone
(issue 18, item 4). This machine is Linux, so Windows cannot run here: `icacls` is replaced by
a recording runner behind the same function app/paths.py calls, and these tests check the
commands it would run and that nothing of it runs on POSIX. Untested on Windows itself."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

import app.paths as paths


class Recorder:
    """Stands in for `subprocess.run`: records each command, answers `code`."""

    def __init__(self, code: int = 0) -> None:
        self.commands: list[list[str]] = []
        self.code = code

    def __call__(self, command: list[str], **_kw: Any) -> subprocess.CompletedProcess[bytes]:
        self.commands.append(command)
        return subprocess.CompletedProcess(command, self.code, b"", b"")


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "POSIX", False)
    monkeypatch.setenv("USERNAME", "pat")
    monkeypatch.setenv("USERDOMAIN", "SCHOOL")


def test_an_existing_data_folder_is_repaired_at_start(tmp_path: Path, windows: None) -> None:
    run = Recorder()
    assert paths.secure_data_dir(tmp_path, run=run) == []
    assert run.commands == [
        ["icacls", str(tmp_path), "/inheritance:r", "/grant:r", "SCHOOL\\pat:(OI)(CI)F"],
        ["icacls", str(tmp_path), "/remove:g", "*S-1-1-0", "*S-1-5-11", "*S-1-5-32-545"],
        ["icacls", str(tmp_path / "*"), "/reset", "/T", "/C", "/Q"],
    ]


def test_a_failed_repair_is_logged_not_fatal(tmp_path: Path, windows: None,
                                             caplog: pytest.LogCaptureFixture) -> None:
    assert paths._windows_owner_only(tmp_path, repair=True, run=Recorder(code=5)) is False
    assert "could not restrict" in caplog.text

    def missing(*_a: Any, **_kw: Any) -> subprocess.CompletedProcess[bytes]:
        raise FileNotFoundError("icacls")

    assert paths._windows_owner_only(tmp_path, run=missing) is False


def test_a_new_folder_is_restricted_without_the_repair(tmp_path: Path, windows: None) -> None:
    assert paths.windows_acl_commands(tmp_path) == [
        ["icacls", str(tmp_path), "/inheritance:r", "/grant:r", "SCHOOL\\pat:(OI)(CI)F"]]


def test_nothing_of_it_runs_on_posix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "POSIX", True)
    run = Recorder()
    paths.secure_data_dir(tmp_path, run=run)
    assert run.commands == []
