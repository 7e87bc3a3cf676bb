"""Where each recording's key is kept: the OS keyring, or a locked-down folder without one.

Why: a fresh key per file means deleting the key destroys the recording for good, even if a
copy of the file survives (a backup, an undelete tool). The OS keyring keeps keys out of the
data folder; a headless machine (a CI runner, a kiosk) has none, so keys then go into
`keys/` with owner-only permissions, and LessonGuard says which store it uses.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import stat
from pathlib import Path
from typing import Protocol

from app.errors import LessonGuardError

log = logging.getLogger(__name__)
SERVICE = "LessonGuard recordings"
ENV_VAR = "LESSONGUARD_KEYSTORE"  # "keyring" or "file" to choose; otherwise automatic


class KeyStore(Protocol):
    name: str

    def put(self, key_id: str, key: bytes) -> None: ...

    def get(self, key_id: str) -> bytes: ...

    def delete(self, key_id: str) -> None: ...


class KeyringBackend(Protocol):
    """The part of a `keyring` backend LessonGuard uses."""

    def set_password(self, service: str, username: str, password: str) -> None: ...

    def get_password(self, service: str, username: str) -> str | None: ...

    def delete_password(self, service: str, username: str) -> None: ...


class MissingKeyError(LessonGuardError):
    pass


def _missing(key_id: str, where: str) -> MissingKeyError:
    return MissingKeyError(
        f"The key for {key_id} is not in {where}, so it cannot be decrypted.",
        "If the recording was deleted on schedule this is expected; otherwise restore the "
        "key store from a backup of this computer.")


class FileKeyStore:
    """Keys as files readable by the owner only (0600 in a 0700 folder)."""

    name = "file"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)

    def _path(self, key_id: str) -> Path:
        if not key_id.replace("-", "").isalnum():
            raise ValueError(f"bad key id {key_id!r}")
        return self.folder / f"{key_id}.key"

    def put(self, key_id: str, key: bytes) -> None:
        path = self._path(key_id)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(base64.b64encode(key))
            f.flush()
            os.fsync(f.fileno())

    def get(self, key_id: str) -> bytes:
        path = self._path(key_id)
        try:
            mode = path.stat().st_mode
            if mode & (stat.S_IRWXG | stat.S_IRWXO):
                log.warning("key file %s is readable by others; tightening it", path)
                path.chmod(0o600)
            return base64.b64decode(path.read_bytes())
        except FileNotFoundError:
            raise _missing(key_id, f"the key folder {self.folder}") from None

    def delete(self, key_id: str) -> None:
        """The key file's bytes are overwritten with zeros and synced to disk before its
        name is removed, so the key is not left readable in the disk's free blocks (an
        undelete tool). A name that is not a regular file (a symlink, a FIFO) is only
        removed: nothing it points at is written."""
        path = self._path(key_id)
        flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(path, flags)
        except FileNotFoundError:
            return
        except OSError as exc:  # a symlink, a FIFO with no reader, a file we cannot write
            log.warning("key file %s could not be overwritten before removal: %s", path, exc)
        else:
            try:
                info = os.fstat(fd)
                if stat.S_ISREG(info.st_mode):
                    left = info.st_size
                    while left > 0:
                        left -= os.write(fd, bytes(min(left, 65536)))
                    os.fsync(fd)
            finally:
                os.close(fd)
        path.unlink(missing_ok=True)


class OSKeyStore:
    """Keys in the OS keyring (Secret Service, Windows Credential Manager, macOS Keychain)."""

    def __init__(self, backend: KeyringBackend) -> None:
        self.backend = backend
        self.name = f"keyring ({type(backend).__name__})"

    def put(self, key_id: str, key: bytes) -> None:
        self.backend.set_password(SERVICE, key_id, base64.b64encode(key).decode())

    def get(self, key_id: str) -> bytes:
        value = self.backend.get_password(SERVICE, key_id)
        if value is None:
            raise _missing(key_id, "the system keyring")
        return base64.b64decode(value)

    def delete(self, key_id: str) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self.backend.delete_password(SERVICE, key_id)


def _usable_keyring() -> KeyringBackend | None:
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # pragma: no cover - keyring is a dependency
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) < 1:
        return None
    return backend


def open_keystore(data_dir: Path) -> KeyStore:
    """The OS keyring where there is a usable one, else the key folder. Once a data folder
    has keys in files it keeps using them, so keys are never split across two stores."""
    choice = os.environ.get(ENV_VAR, "").strip().lower()
    folder = data_dir / "keys"
    if choice == "file" or (choice != "keyring" and folder.is_dir() and any(folder.iterdir())):
        return FileKeyStore(folder)
    backend = _usable_keyring()
    if backend is None:
        if choice == "keyring":
            raise _no_keyring()
        log.info("no system keyring; recording keys are kept in %s", folder)
        return FileKeyStore(folder)
    return OSKeyStore(backend)


def _no_keyring() -> LessonGuardError:
    """LESSONGUARD_KEYSTORE=keyring was asked for, and there is none."""
    return LessonGuardError(
        "No system keyring is available for LessonGuard's keys.",
        f"Start a keyring service, or set {ENV_VAR}=file to keep keys in a protected folder.")


def open_signing_keystore(data_dir: Path, key_id: str) -> KeyStore:
    """Where this installation's signing key is kept: the OS keyring whenever there is a
    usable one (even where recording keys are still in files), so a copy of the data folder
    cannot sign packages. A signing key an older LessonGuard left in `keys/` is moved into
    the keyring the first time it is used, and its file removed.

    With no keyring (a CI runner, a kiosk; or LESSONGUARD_KEYSTORE=file) it stays an
    owner-only file (0600 in a 0700 folder), like the recording keys. It is not encrypted
    there: with no keyring and no one to type a passphrase, the key that encrypted it would
    have to sit on the same disk, which hides nothing from whoever can read the folder."""
    choice = os.environ.get(ENV_VAR, "").strip().lower()
    folder = data_dir / "keys"
    backend = None if choice == "file" else _usable_keyring()
    if backend is None:
        if choice == "keyring":
            raise _no_keyring()
        return FileKeyStore(folder)
    store = OSKeyStore(backend)
    old = folder / f"{key_id}.key"
    if old.is_file() and not old.is_symlink():
        files = FileKeyStore(folder)
        key = files.get(key_id)
        try:
            kept = store.get(key_id)
        except MissingKeyError:
            store.put(key_id, key)
            kept = store.get(key_id)
        if kept == key:
            files.delete(key_id)
            log.info("moved the signing key from %s into the system keyring", old)
        else:
            log.warning("the signing key in %s differs from the one in the system keyring; "
                        "the keyring's is used and the file is left alone", old)
    return store
