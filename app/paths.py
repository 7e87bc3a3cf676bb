"""Where LessonGuard keeps its data: one directory, chosen once, readable by its owner only.

Why: tests and school technicians must be able to point the app somewhere else
(`--data-dir`, `LESSONGUARD_DATA_DIR`) so that nothing touches a real user's files. And the
folder holds children's data (incident records, consents, recordings and their keys), so no
other user of the computer may read it.

On POSIX every folder LessonGuard creates is 0700 and every file 0600: the process's umask
is set to 077 when the data folder is chosen, so the database (and SQLite's -wal and -shm
files, which take the database's mode), the log, the keys and the files of an export are
created that way. At every start `secure_data_dir` walks the data folder and tightens
anything looser, which a folder made 0755 by an older version is; the log says once what it
tightened.

On Windows permission bits mean little (chmod only sets read-only). The default folder is
under the user's own %LOCALAPPDATA%, whose ACL already grants only the user, SYSTEM and
Administrators. A data folder LessonGuard creates elsewhere (`--data-dir`) gets an ACL for
the user alone through `icacls` (inheritance removed, full control to the user, applied to
what is inside). At every start `secure_data_dir` repairs the data folder the same way, also
when it already existed: explicit grants to Everyone, Authenticated Users and Users are
removed, and everything inside is reset to inherit the folder's ACL alone. The Windows
branch is not run by the test suite, which runs on Linux: its commands are checked with a
recording runner (tests/unit/test_windows_acl.py), never on Windows itself.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import platformdirs

from app.errors import ConfigurationError

log = logging.getLogger(__name__)

ENV_VAR = "LESSONGUARD_DATA_DIR"
APP_NAME = "LessonGuard"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
POSIX = os.name == "posix"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def private_umask() -> None:
    """From now on this process creates folders 0700 and files 0600 (POSIX)."""
    if POSIX:
        os.umask(0o077)


# Broad groups an older version, a copy or another program may have granted explicitly:
# Everyone, Authenticated Users, the machine's Users (well-known SIDs, so any language).
BROAD_GROUPS = ("*S-1-1-0", "*S-1-5-11", "*S-1-5-32-545")
Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]


def windows_acl_commands(folder: Path, *, repair: bool = False) -> list[list[str]]:
    """The `icacls` commands that leave `folder` to the current user alone: inheritance
    removed and full control granted to the user; to repair an existing folder, also the
    broad groups' explicit grants removed and everything inside reset to inherit from it."""
    user = os.environ.get("USERNAME")
    if not user:
        return []
    domain = os.environ.get("USERDOMAIN")
    who = f"{domain}\\{user}" if domain else user
    commands = [["icacls", str(folder), "/inheritance:r", "/grant:r", f"{who}:(OI)(CI)F"]]
    if repair:
        commands.append(["icacls", str(folder), "/remove:g", *BROAD_GROUPS])
        commands.append(["icacls", str(folder / "*"), "/reset", "/T", "/C", "/Q"])
    return commands


def _windows_owner_only(folder: Path, *, repair: bool = False,
                        run: Runner = subprocess.run) -> bool:
    """An ACL for the current user alone on `folder` (Windows). Untested on Windows itself:
    see the module's note. Returns whether every command succeeded."""
    ok = True
    for command in windows_acl_commands(folder, repair=repair):
        try:
            done = run(command, capture_output=True, timeout=120, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("could not restrict %s to this user: %s", folder, exc)
            return False
        if done.returncode != 0:
            ok = False
            log.warning("could not restrict %s to this user (%s exited %s)", folder,
                        " ".join(command[2:4]), done.returncode)
    return ok


def private_dir(folder: Path) -> Path:
    """Create `folder` (and its parents) for LessonGuard's data: owner only. A folder that
    already exists is tightened on POSIX too: only LessonGuard's data goes in one."""
    existed = folder.is_dir()
    folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if POSIX:
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode & 0o077:
            try:
                folder.chmod(PRIVATE_DIR)
            except OSError as exc:  # someone else's folder, a read-only disk: said, not fatal
                log.warning("could not make %s private (%s); writing to it will say whether "
                            "it can be used", folder, exc.strerror or exc)
    elif not existed:
        _windows_owner_only(folder)
    return folder


def secure_data_dir(data_dir: Path, run: Runner = subprocess.run) -> list[Path]:
    """Tighten every folder to 0700 and every file to 0600 under the data folder (POSIX),
    without following symbolic links; return what was changed. On Windows, repair the
    folder's ACL to the user alone (see the module's note); nothing is returned there."""
    if not data_dir.is_dir():
        return []
    if not POSIX:
        _windows_owner_only(data_dir, repair=True, run=run)
        return []
    changed: list[Path] = []

    def tighten(path: Path, wanted: int) -> None:
        try:
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode) or st.st_uid != os.geteuid():
                return  # never follow a link out of the folder, nor touch others' files
            mode = stat.S_IMODE(st.st_mode)
            if mode & 0o077:
                path.chmod(mode & wanted)
                changed.append(path)
        except OSError as exc:
            log.warning("could not tighten the permissions of %s: %s", path, exc)

    tighten(data_dir, PRIVATE_DIR)
    for root, dirs, files in os.walk(data_dir):
        for name in dirs:
            tighten(Path(root) / name, PRIVATE_DIR)
        for name in files:
            tighten(Path(root) / name, PRIVATE_FILE)
    return changed


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Pick the data directory: explicit override, then the environment, then the platform's.
    From here on the process creates private files and folders (`private_umask`)."""
    if override:
        chosen = Path(override)
    elif os.environ.get(ENV_VAR):
        chosen = Path(os.environ[ENV_VAR])
    else:
        chosen = default_data_dir()
    chosen = chosen.expanduser()
    private_umask()
    existed = chosen.is_dir()
    try:
        chosen.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            f"LessonGuard cannot use the data folder {chosen}: {exc.strerror or exc}.",
            f"Choose a folder you can write to with --data-dir or {ENV_VAR}.",
        ) from exc
    if not existed and not POSIX:
        _windows_owner_only(chosen)
    if not os.access(chosen, os.W_OK):
        raise ConfigurationError(
            f"LessonGuard cannot write to the data folder {chosen}.",
            f"Choose a folder you can write to with --data-dir or {ENV_VAR}.",
        )
    return chosen
