"""Exporting recordings: an encrypted, hash-listed package, never a plain video file.

Why: a recording may have to go to the organisation's safeguarding lead or the police, but a
copy of a child's lesson must stay as protected outside this computer as on it. The files go
out still encrypted; their keys go out wrapped with a passphrase (scrypt, then AES-GCM) that
the sender tells the recipient another way, by phone for example. `manifest.json` lists the
SHA-256 of every file, so any change in transit is found.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app import __version__
from app.encrypted_file import verify
from app.errors import ConfigurationError, LessonGuardError
from app.recordings import Recordings
from app.texts import _

MIN_PASSPHRASE = 12
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
README = """LessonGuard export: recordings of a lesson, encrypted.

Files:
  recordings/*.lgrec  the recordings, still encrypted (AES-GCM in chunks)
  keys.json           their keys, wrapped with a passphrase the sender gives you separately
  manifest.json       the SHA-256 of every file in this folder

To check nothing was changed:   lessonguard recordings verify-package THIS_FOLDER
To also check every recording:  add --passphrase-file FILE
Do not copy these recordings anywhere else; delete them when you no longer need them.
"""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ConfigurationError(
            _("The passphrase must be at least {count} characters.", count=MIN_PASSPHRASE),
            _("Choose a longer one, and tell it to the recipient by phone, not by email."))


class KeyWrapper:
    """Recording keys wrapped under a passphrase (scrypt, then AES-GCM bound to the
    recording's id): keys.json, for whoever is told the passphrase."""

    def __init__(self, passphrase: str) -> None:
        check_passphrase(passphrase)
        self.salt = os.urandom(16)
        self._kek = _kek(passphrase, self.salt, **SCRYPT)
        self.keys: dict[str, dict[str, str]] = {}

    def add(self, rec_id: str, key: bytes) -> None:
        nonce = os.urandom(12)
        sealed = AESGCM(self._kek).encrypt(nonce, key, rec_id.encode())
        self.keys[rec_id] = {"nonce": base64.b64encode(nonce).decode(),
                             "key": base64.b64encode(sealed).decode()}

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(
            {"kdf": "scrypt", **SCRYPT, "salt": base64.b64encode(self.salt).decode(),
             "cipher": "AES-256-GCM", "keys": self.keys}, indent=2))


def make_package_folder(folder: Path, inner: str) -> Path:
    try:
        (folder / inner).mkdir(parents=True)
    except OSError as exc:
        raise ConfigurationError(_("The folder {folder} cannot be created: {why}.",
                                   folder=str(folder), why=exc.strerror or str(exc)),
                                 _("Choose a folder you can write to.")) from exc
    return folder


def export_recordings(recs: Recordings, rec_ids: list[str], dest: Path, passphrase: str,
                      *, actor: str) -> Path:
    wrapper = KeyWrapper(passphrase)
    infos = [recs.get(r) for r in rec_ids]
    for info in infos:
        if info.deleted_at or info.state == "recording":
            raise LessonGuardError(_("Recording {id} cannot be exported ({state}).",
                                     id=info.id, state="deleted" if info.deleted_at
                                     else info.state))
        report = recs.verify(info.id)
        if not report.ok:
            raise LessonGuardError(_("Recording {id} is damaged ({problem}); it is not "
                                     "exported.", id=info.id, problem=report.problem),
                                   _("Run `lessonguard recordings verify`."))
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    package = make_package_folder(dest / f"lessonguard-export-{stamp}", "recordings")
    entries: list[dict[str, Any]] = []
    for info in infos:
        shutil.copyfile(info.path, package / "recordings" / Path(info.path).name)
        wrapper.add(info.id, recs.key(info))
        entries.append({"id": info.id, "file": f"recordings/{Path(info.path).name}",
                        "started_at": info.started_at, "duration_s": info.duration_s,
                        "pack_id": info.pack_id, "state": info.state,
                        "chunk_hashes": info.hashes})
    wrapper.write(package / "keys.json")
    (package / "README.txt").write_text(README)
    files = {str(p.relative_to(package)): sha256_file(p)
             for p in sorted(package.rglob("*")) if p.is_file()}
    manifest = {"format": "lessonguard-export/1", "lessonguard": __version__,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "recordings": entries, "files": files}
    (package / "manifest.json").write_text(json.dumps(manifest, indent=2))
    recs.audit.append("recording.exported", actor=actor, subject=",".join(rec_ids),
                      details={"package": str(package), "files": len(files)})
    return package


def compare_files(package: Path, listed: dict[str, str], own: set[str]) -> list[str]:
    """Each file named in a manifest against its SHA-256, and any file it does not name
    (`own`: the manifest's own files)."""
    problems = []
    present = {str(p.relative_to(package)) for p in package.rglob("*") if p.is_file()}
    for name in sorted(present - set(listed) - own):
        problems.append(f"{name} was added after the package was sealed")
    for name, want in sorted(listed.items()):
        path = package / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif sha256_file(path) != want:
            problems.append(f"{name} was changed (its SHA-256 differs)")
    return problems


def verify_package(package: Path, passphrase: str | None = None) -> list[str]:
    """Problems found, in words; empty when every file and (with the passphrase) every
    recording's chunks check out."""
    if not (package / "manifest.json").is_file():
        return [f"{package} is not a LessonGuard package: it has no manifest.json"]
    try:
        manifest = json.loads((package / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        return [f"manifest.json cannot be read: {exc}"]
    problems = compare_files(package, manifest.get("files", {}), {"manifest.json"})
    if passphrase is None or problems:
        return problems
    keys = json.loads((package / "keys.json").read_text())
    kek = _kek(passphrase, base64.b64decode(keys["salt"]), keys["n"], keys["r"], keys["p"])
    for entry in manifest["recordings"]:
        item = keys["keys"][entry["id"]]
        try:
            key = AESGCM(kek).decrypt(base64.b64decode(item["nonce"]),
                                      base64.b64decode(item["key"]), entry["id"].encode())
        except InvalidTag:
            return ["the passphrase is wrong (or keys.json was changed)"]
        report = verify(package / entry["file"], key, entry["chunk_hashes"])
        if not report.ok:
            problems.append(f"{entry['file']}: {report.problem}")
    return problems
