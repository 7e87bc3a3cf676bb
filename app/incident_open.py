"""Opening an incident package sealed with a passphrase, on the recipient's computer.

Why: with a passphrase the report and the evidence travel encrypted, so the safeguarding lead
or the police need a way to read them. Opening first checks the whole package as `incident
verify` does (every hash, and a signature by a key the recipient trusts), then decrypts each
file from the very bytes it hashed again, into a new folder only the recipient can read. A
package that was changed, signed by nobody trusted here, or opened with the wrong passphrase
writes nothing. Recordings are checked chunk by chunk but never written out as plain video:
they may show what must not be copied (indecent images of a child are sealed for the police).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag

from app.encrypted_file import EncryptedFileError, open_whole, verify
from app.errors import ConfigurationError
from app.export import (
    MAX_MANIFEST,
    KeyUnwrapper,
    MalformedPackage,
    PackageCheck,
    Trust,
    check_sealed,
    read_inside,
    safe_name,
    write_private,
)
from app.texts import _

# A report, a chat or a screenshot is read whole into memory to be decrypted from the bytes
# that were hashed: larger is not something LessonGuard writes.
MAX_OPEN_FILE = 256 << 20
EXIT = {"opened": 0, "changed": 1, "untrusted": 1, "wrong_passphrase": 1, "failed": 1,
        "malformed": 2, "not_sealed": 2}


class _Refused(Exception):
    def __init__(self, status: str, problem: str) -> None:
        super().__init__(problem)
        self.status = status


@dataclass
class OpenResult:
    """What `open_incident_package` did: `status` is opened, or why nothing was written."""

    status: str
    problems: list[str] = field(default_factory=list)
    folder: Path | None = None
    files: list[str] = field(default_factory=list)  # written in plain, inside `folder`
    recordings: list[str] = field(default_factory=list)  # checked, kept encrypted
    check: PackageCheck | None = None

    @property
    def exit_code(self) -> int:
        return EXIT[self.status]

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "ok": self.status == "opened",
                "problems": self.problems, "folder": str(self.folder) if self.folder else None,
                "files": self.files, "recordings_checked": self.recordings,
                "signer_fingerprint": self.check.signer if self.check else "",
                "trusted_by": (self.check.trusted_by or None) if self.check else None}

    def words(self) -> str:
        if self.status == "opened":
            kept = (_(" {count} recording(s) checked intact; they stay encrypted in the "
                      "package.", count=len(self.recordings)) if self.recordings else "")
            return _("Opened into {folder} (only you can read it): {files}.{kept} Keep it "
                     "private and delete it when it is no longer needed.",
                     folder=str(self.folder), files=", ".join(self.files), kept=kept)
        if self.check is not None and self.status in ("changed", "untrusted", "malformed") \
                and self.check.status == self.status:
            return _("Nothing was opened. {why}",
                     why=self.check.words("lessonguard incident open"))
        return _("Nothing was opened: {problems}", problems="; ".join(self.problems))


def open_incident_package(package: Path, passphrase: str, trust: Trust,
                          out: Path) -> OpenResult:
    """Check `package` against `trust`, then decrypt it into a new owner-only folder in
    `out`. Nothing is written unless every file checks out and the passphrase is right."""
    check = check_sealed(package, trust)
    if check.status != "trusted":
        return OpenResult(check.status, check.problems, check=check)
    try:
        plan = _plan(check.manifest)
        unwrapper = _unwrapper(package, check.manifest, passphrase)
        keys = {name: _unwrap(unwrapper, key_id, first=i == 0)
                for i, (name, (key_id, _as)) in enumerate(sorted(plan.items()))}
    except _Refused as exc:
        return OpenResult(exc.status, [str(exc)], check=check)
    except MalformedPackage as exc:
        return OpenResult("malformed", [str(exc)], check=check)
    folder = _new_folder(out, check.manifest)
    result = OpenResult("opened", folder=folder, check=check)
    try:
        for name, (_key_id, opens_as) in sorted(plan.items()):
            if opens_as is None:
                report = verify(package / name, keys[name],
                                file=_open_hashed(package, name,
                                                  check.manifest["files"][name]))
                if not report.ok:
                    raise _Refused("changed", _("{name}: {problem}", name=name,
                                                problem=report.problem))
                result.recordings.append(name)
                continue
            data = _read_hashed(package, name, check.manifest["files"][name])
            try:
                plain = open_whole(data, keys[name])
            except EncryptedFileError as exc:
                raise _Refused("changed", _("{name} does not open: {why}", name=name,
                                            why=str(exc))) from None
            target = folder / opens_as
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_private(target, plain)
            result.files.append(opens_as)
    except (_Refused, MalformedPackage, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)  # nothing half-opened is left behind
        if isinstance(exc, OSError):  # a full disk, a file that vanished
            return OpenResult("failed", [_("a file could not be read or written: {why}",
                                           why=exc.strerror or str(exc))], check=check)
        status = exc.status if isinstance(exc, _Refused) else "malformed"
        return OpenResult(status, [str(exc)], check=check)
    return result


def _plan(manifest: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    """The manifest's `sealed` table, checked: file -> (key id, where it opens to, or None
    for a recording that is only checked)."""
    sealed = manifest.get("sealed")
    if sealed is None:
        raise _Refused("not_sealed", _(
            "this package was exported without a passphrase, so its files are already "
            "readable; `lessonguard incident verify` is all it needs"))
    if not isinstance(sealed, dict) or not sealed:
        raise MalformedPackage(_("manifest.json does not say which key opens which file"))
    plan: dict[str, tuple[str, str | None]] = {}
    targets: set[str] = set()
    for name, entry in sealed.items():
        safe_name(name)
        if name not in manifest["files"] or not isinstance(entry, dict):
            raise MalformedPackage(_("manifest.json seals {name}, which it does not list",
                                     name=str(name)[:200]))
        key_id, opens_as = entry.get("key"), entry.get("opens_as")
        if not isinstance(key_id, str) or not key_id:
            raise MalformedPackage(_("manifest.json names no key for {name}", name=name))
        if opens_as is not None:
            safe_name(opens_as)
            if opens_as in targets or opens_as in manifest["files"]:
                raise MalformedPackage(_("manifest.json opens two files as {name}",
                                         name=str(opens_as)[:200]))
            targets.add(opens_as)
        plan[name] = (key_id, opens_as)
    if "keys.json" not in manifest["files"]:
        raise MalformedPackage(_("keys.json is not listed in the manifest"))
    return plan


def _unwrapper(package: Path, manifest: dict[str, Any], passphrase: str) -> KeyUnwrapper:
    data = _read_hashed(package, "keys.json", manifest["files"]["keys.json"], MAX_MANIFEST)
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        raise MalformedPackage(_("keys.json is not valid JSON")) from None
    return KeyUnwrapper(document, passphrase)


def _unwrap(unwrapper: KeyUnwrapper, key_id: str, *, first: bool) -> bytes:
    try:
        return unwrapper.unwrap(key_id)
    except InvalidTag:
        if first:
            raise _Refused("wrong_passphrase", _(
                "the passphrase is wrong. Check it with the sender (by phone, not by "
                "e-mail) and try again")) from None
        # one key opened with this passphrase and another did not: keys.json was forged
        raise _Refused("changed", _("the key for {id} in keys.json does not open with the "
                                    "passphrase the others open with", id=key_id)) from None


def _read_hashed(package: Path, name: str, want: str, limit: int = MAX_OPEN_FILE) -> bytes:
    """A file read once, bounded, never through a link, and hashed again: the bytes used are
    the bytes the manifest vouches for, even if the file is swapped after the check."""
    data = read_inside(package, name, limit)
    if hashlib.sha256(data).hexdigest() != want:
        raise _Refused("changed", _("{name} was changed (its SHA-256 differs)", name=name))
    return data


def _open_hashed(package: Path, name: str, want: str) -> BinaryIO:
    """A large file (a recording) opened once, never through a link nor a pipe, and hashed
    again through that same handle; returned at its start for checking."""
    flags = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
             | getattr(os, "O_BINARY", 0))
    fd = os.open(package / name, flags)
    f = os.fdopen(fd, "rb")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise MalformedPackage(_("{name} is not a regular file", name=name))
        digest = hashlib.sha256()
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
        if digest.hexdigest() != want:
            raise _Refused("changed", _("{name} was changed (its SHA-256 differs)",
                                        name=name))
        f.seek(0)
    except BaseException:
        f.close()
        raise
    return f


def _new_folder(out: Path, manifest: dict[str, Any]) -> Path:
    """A new folder in `out`, 0700, never one that already exists."""
    incident = manifest.get("incident_id")
    label = f"incident-{incident}" if isinstance(incident, int) and incident > 0 else "package"
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    try:
        out.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(_("The folder {folder} cannot be created: {why}.",
                                   folder=str(out), why=exc.strerror or str(exc)),
                                 _("Choose a folder you can write to.")) from exc
    for n in range(1, 100):
        folder = out / (f"lessonguard-{label}-opened-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            raise ConfigurationError(_("The folder {folder} cannot be created: {why}.",
                                       folder=str(folder), why=exc.strerror or str(exc)),
                                     _("Choose a folder you can write to.")) from exc
        folder.chmod(0o700)
        return folder
    raise ConfigurationError(_("Too many opened copies of this package in {folder}.",
                               folder=str(out)), _("Choose another folder."))
