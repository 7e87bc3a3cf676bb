"""Exporting recordings: an encrypted, hash-listed, signed package, never a plain video file.

Why: a recording may have to go to the organisation's safeguarding lead or the police, but a
copy of a child's lesson must stay as protected outside this computer as on it. The files go
out still encrypted; their keys go out wrapped with a passphrase (scrypt with parameters
LessonGuard fixes, then AES-GCM) that the sender tells the recipient another way, by phone
for example. `manifest.json` lists the SHA-256 of every file and is signed with this
installation's Ed25519 key (`manifest.sig`), so any change in transit is found, and a package
someone else made and signed is told apart from one this installation (or a key the recipient
trusts) signed.

This module also holds what both kinds of package share: the signing key, the trusted keys a
package is checked against, and `check_sealed`, which refuses anything but regular files
inside the package (no symlinks, no absolute paths, no `..`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app import __version__
from app.encrypted_file import verify
from app.errors import ConfigurationError, LessonGuardError
from app.inputs import read_bounded
from app.keystore import MissingKeyError, open_signing_keystore
from app.recordings import Recordings
from app.texts import _

MIN_PASSPHRASE = 12
MIN_DISTINCT = 5
# Fixed here, never read from a package: scrypt at OWASP's N = 2^17, r = 8, p = 1 (128 MiB,
# about 0.4 s on a two-core machine). keys.json states them only so a reader can see them;
# a package stating anything else is refused.
SCRYPT = {"n": 2**17, "r": 8, "p": 1}
SIGNING_KEY_ID = "installation-signing-key"
MAX_MANIFEST = 8 << 20
MAX_SMALL = 64 << 10
SIGNATURE_FILES = {"manifest.json", "manifest.sig"}
README = """LessonGuard export: recordings of a lesson, encrypted.

Files:
  recordings/*.lgrec  the recordings, still encrypted (AES-GCM in chunks)
  keys.json           their keys, wrapped with a passphrase the sender gives you separately
  manifest.json       the SHA-256 of every file in this folder
  manifest.sig        the sender's LessonGuard signature on manifest.json

To check nothing was changed:   lessonguard recordings verify-package THIS_FOLDER
  with the sender's public key:  add --trust-key FILE (or --fingerprint read to you by phone)
To also check every recording:  add --passphrase-file FILE
Do not copy these recordings anywhere else; delete them when you no longer need them.
"""


# --- files written private to their owner ---------------------------------------------------

def write_private(path: Path, data: bytes) -> None:
    """A new file only its owner can read (0600); never over an existing file or a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def copy_private(source: Path, target: Path) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags | getattr(os, "O_BINARY", 0), 0o600)
    with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
        for block in iter(lambda: src.read(1 << 20), b""):
            dst.write(block)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- the passphrase and the key it protects -----------------------------------------------

def _kek(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT["n"], r=SCRYPT["r"],
                  p=SCRYPT["p"]).derive(passphrase.encode("utf-8"))


def _dull_step(a: str, b: str) -> bool:
    """The same character again, or the next or previous one (9 then 0 counts as next)."""
    if a.isdigit() and b.isdigit():
        return (int(b) - int(a)) % 10 in (0, 1, 9)
    return abs(ord(b.lower()) - ord(a.lower())) <= 1


def check_passphrase(passphrase: str) -> None:
    """At least 12 characters, at least 5 different ones, and not mostly a run: more than
    half of its neighbouring pairs may not repeat or count up or down by one ("aaaa",
    "1234", "abcd", "9876")."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ConfigurationError(
            _("The passphrase must be at least {count} characters.", count=MIN_PASSPHRASE),
            _("Choose a longer one, and tell it to the recipient by phone, not by email."))
    dull = sum(_dull_step(a, b) for a, b in pairwise(passphrase))
    if len(set(passphrase.lower())) < MIN_DISTINCT or dull * 2 > len(passphrase) - 1:
        raise ConfigurationError(
            _("The passphrase is too easy to guess: it repeats or counts along "
              "(like \"aaaaaaaaaaaa\" or \"123456789012\")."),
            _("Choose a few unrelated words, and tell them to the recipient by phone."))


class KeyWrapper:
    """Keys wrapped under a passphrase (scrypt, then AES-GCM bound to the id of what the key
    opens): keys.json, for whoever is told the passphrase."""

    def __init__(self, passphrase: str) -> None:
        check_passphrase(passphrase)
        self.salt = os.urandom(16)
        self._kek = _kek(passphrase, self.salt)
        self.keys: dict[str, dict[str, str]] = {}

    def add(self, key_id: str, key: bytes) -> None:
        nonce = os.urandom(12)
        sealed = AESGCM(self._kek).encrypt(nonce, key, key_id.encode())
        self.keys[key_id] = {"nonce": base64.b64encode(nonce).decode(),
                             "key": base64.b64encode(sealed).decode()}

    def write(self, path: Path) -> None:
        write_private(path, json.dumps(
            {"kdf": "scrypt", **SCRYPT, "salt": base64.b64encode(self.salt).decode(),
             "cipher": "AES-256-GCM", "keys": self.keys}, indent=2).encode())


class KeyUnwrapper:
    """keys.json read back with the passphrase, under LessonGuard's own KDF parameters."""

    def __init__(self, document: Any, passphrase: str) -> None:
        if not isinstance(document, dict) or not isinstance(document.get("keys"), dict):
            raise MalformedPackage(_("keys.json does not list any keys"))
        stated = {k: document.get(k) for k in ("kdf", *SCRYPT)}
        if stated != {"kdf": "scrypt", **SCRYPT}:
            raise MalformedPackage(_(
                "keys.json asks for key-derivation settings LessonGuard does not use "
                "({stated}); only scrypt with n={n}, r={r}, p={p} is accepted",
                stated=json.dumps(stated)[:200], **SCRYPT))
        salt = _b64(document.get("salt"), "keys.json salt")
        if len(salt) != 16:
            raise MalformedPackage(_("keys.json has a salt of the wrong length"))
        self.keys: dict[str, Any] = document["keys"]
        self._aes = AESGCM(_kek(passphrase, salt))

    def unwrap(self, key_id: str) -> bytes:
        item = self.keys.get(key_id)
        if not isinstance(item, dict):
            raise MalformedPackage(_("keys.json has no key for {id}", id=key_id))
        nonce = _b64(item.get("nonce"), "keys.json nonce")
        if len(nonce) != 12:
            raise MalformedPackage(_("keys.json has a nonce of the wrong length"))
        return self._aes.decrypt(nonce, _b64(item.get("key"), "keys.json key"), key_id.encode())


# --- this installation's signing key, and the keys a recipient trusts ----------------------

def public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public: bytes) -> str:
    digest = hashlib.sha256(public).hexdigest()[:32]
    return ":".join(digest[i:i + 4] for i in range(0, 32, 4))


def signing_key(data_dir: Path) -> Ed25519PrivateKey:
    """This installation's signing key, made on first use, kept in the OS keyring (or, with
    none, an owner-only file: see `open_signing_keystore`)."""
    keys = open_signing_keystore(data_dir, SIGNING_KEY_ID)
    try:
        raw = keys.get(SIGNING_KEY_ID)
    except MissingKeyError:
        key = Ed25519PrivateKey.generate()
        keys.put(SIGNING_KEY_ID, key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
            serialization.NoEncryption()))
        return key
    try:
        return Ed25519PrivateKey.from_private_bytes(raw)
    except ValueError as exc:
        raise LessonGuardError(_("This installation's signing key is damaged."),
                               _("Restore the key store from a backup.")) from exc


def installation_public_key(data_dir: Path) -> bytes | None:
    """This installation's public key, or None where it has not signed anything yet (never
    made here: checking a package must not create a key)."""
    try:
        keys = open_signing_keystore(data_dir, SIGNING_KEY_ID)
        return public_raw(Ed25519PrivateKey.from_private_bytes(
            keys.get(SIGNING_KEY_ID)).public_key())
    except (LessonGuardError, ValueError):
        return None


def public_key_pem(public: bytes) -> str:
    return Ed25519PublicKey.from_public_bytes(public).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


@dataclass(frozen=True)
class Trust:
    """What a package is checked against: public keys (each with the words that name it) and
    fingerprints a person confirmed, read aloud by the sender."""

    keys: tuple[tuple[bytes, str], ...] = ()
    fingerprints: tuple[str, ...] = ()

    def who(self, public: bytes) -> str:
        for key, name in self.keys:
            if key == public:
                return name
        if _bare(fingerprint(public)) in self.fingerprints:
            return _("the key whose fingerprint you confirmed")
        return ""


def _bare(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch not in ": -")


def read_fingerprint(text: str) -> str:
    """A fingerprint as a person types it (colons and spaces optional): 32 hex digits."""
    bare = _bare(text)
    if len(bare) != 32 or any(ch not in "0123456789abcdef" for ch in bare):
        raise ConfigurationError(
            _("'{text}' is not a LessonGuard key fingerprint.", text=text[:80]),
            _("A fingerprint is 32 hexadecimal digits, e.g. 1a2b:3c4d:…; ask the sender to "
              "read it out again."))
    return bare


def read_public_key(path: str) -> bytes:
    """An Ed25519 public key from a file: PEM (as `lessonguard incident public-key` prints
    it) or 64 hexadecimal digits."""
    data = read_bounded(path, MAX_SMALL, _("The key file"))
    text = data.decode("ascii", "replace").strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(data)
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("not an Ed25519 key")
            return public_raw(key)
        raw = bytes.fromhex(_bare(text))
        Ed25519PublicKey.from_public_bytes(raw)
        return raw
    except ValueError as exc:
        raise ConfigurationError(
            _("The key file {path} does not hold a LessonGuard public key.", path=path),
            _("Give the PEM file the sender made with `lessonguard incident public-key`, or "
              "a file with its 64 hexadecimal digits.")) from exc


# --- checking a sealed package ------------------------------------------------------------

class MalformedPackage(Exception):
    """The package is not something LessonGuard wrote: it cannot be checked at all."""


STATUS_EXIT = {"trusted": 0, "untrusted": 1, "changed": 1, "malformed": 2}


@dataclass
class PackageCheck:
    """`status`: trusted (intact, signed by a key trusted here: exit 0), untrusted (intact,
    but unsigned or signed by a key nobody here trusts: 1), changed (1), malformed (2)."""

    status: str
    problems: list[str] = field(default_factory=list)
    signer: str = ""
    trusted_by: str = ""
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return STATUS_EXIT[self.status]

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "ok": self.status == "trusted",
                "problems": self.problems, "signer_fingerprint": self.signer,
                "trusted_by": self.trusted_by or None}

    def words(self, command: str) -> str:
        if self.status == "trusted":
            return _("The package is intact and signed by {who} ({signer}).",
                     who=self.trusted_by, signer=self.signer)
        if self.status == "malformed":
            return _("The package is malformed and cannot be checked: {problems}",
                     problems="; ".join(self.problems))
        if self.status == "changed":
            return _("The package is NOT intact: {problems}", problems="; ".join(self.problems))
        if not self.signer:
            return _("NOT TRUSTED: the files match the manifest, but the package is not "
                     "signed, so anyone could have made it.")
        return _("NOT TRUSTED: the files match the manifest, but the package is signed by "
                 "the key {signer}, which nobody here trusts, so anyone could have made it. "
                 "If you expected it, get the sender's public key another way (they print it "
                 "with `lessonguard incident public-key`) and run `{command} PACKAGE "
                 "--trust-key FILE`, or have them read its fingerprint to you by phone and "
                 "add --fingerprint with what they read.", signer=self.signer,
                 command=command)


def _b64(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise MalformedPackage(_("{what} is missing", what=what))
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise MalformedPackage(_("{what} is not valid base64", what=what)) from None


def safe_name(name: Any) -> str:
    """A manifest entry as a path inside the package, or MalformedPackage."""
    if not isinstance(name, str) or not name:
        raise MalformedPackage(_("the manifest lists a file without a name"))
    parts = name.split("/")
    if (name.startswith(("/", "\\")) or "\\" in name or ":" in name or "\0" in name
            or any(p in ("", ".", "..") for p in parts)):
        raise MalformedPackage(_(
            "the manifest lists {name!r}, which is not a file inside the package (absolute "
            "paths and '..' are refused)", name=name[:200]))
    return name


def read_inside(package: Path, name: str, limit: int) -> bytes:
    """A file of the package, bounded, only if it is a regular file (never through a link)."""
    path = package / name
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise MalformedPackage(_("{name} is missing", name=name)) from None
    except OSError as exc:
        raise MalformedPackage(_("{name} cannot be read: {why}", name=name,
                                 why=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise MalformedPackage(_("{name} is not a regular file", name=name))
    try:
        return read_bounded(path, limit, name)
    except ConfigurationError as exc:
        raise MalformedPackage(str(exc)) from None


def read_json_inside(package: Path, name: str, limit: int = MAX_MANIFEST) -> Any:
    try:
        return json.loads(read_inside(package, name, limit))
    except (ValueError, RecursionError):
        raise MalformedPackage(_("{name} is not valid JSON", name=name)) from None


def _walk(package: Path) -> set[str]:
    """Every regular file in the package; MalformedPackage at the first symlink, FIFO or
    device (never followed, never opened)."""
    present: set[str] = set()
    for root, dirs, files in os.walk(package, followlinks=False):
        for entry in [*dirs, *files]:
            path = Path(root) / entry
            name = path.relative_to(package).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                raise MalformedPackage(_(
                    "{name} is a symbolic link; a package holds only regular files",
                    name=name))
            if stat.S_ISREG(mode):
                present.add(name)
            elif not stat.S_ISDIR(mode):
                raise MalformedPackage(_("{name} is not a regular file (a pipe or a device)",
                                         name=name))
    return present


def _hash_inside(path: Path) -> str:
    flags = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
             | getattr(os, "O_BINARY", 0))
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise MalformedPackage(_("{name} is not a regular file", name=path.name))
        digest = hashlib.sha256()
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def compare_files(package: Path, listed: dict[str, str], own: set[str]) -> list[str]:
    """Each file named in a manifest against its SHA-256, and any file it does not name
    (`own`: the manifest's own files). Names must be inside the package, and only regular
    files are read: otherwise MalformedPackage."""
    for name in listed:
        safe_name(name)
    present = _walk(package)
    problems: list[str] = [_("{name} was added after the package was sealed", name=name)
                           for name in sorted(present - set(listed) - own)]
    for name, want in sorted(listed.items()):
        if name not in present:
            problems.append(_("{name} is missing", name=name))
        elif _hash_inside(package / name) != want:
            problems.append(_("{name} was changed (its SHA-256 differs)", name=name))
    return problems


def check_sealed(package: Path, trust: Trust, *,
                 own: set[str] = SIGNATURE_FILES) -> PackageCheck:
    """Everything a sealed package's manifest promises, checked against keys the caller
    trusts, never only against the key the package carries."""
    try:
        return _check_sealed(package, trust, own)
    except MalformedPackage as exc:
        return PackageCheck("malformed", [str(exc)])
    except OSError as exc:
        return PackageCheck("malformed", [_("the package cannot be read: {why}",
                                            why=exc.strerror or exc)])


def _check_sealed(package: Path, trust: Trust, own: set[str]) -> PackageCheck:
    if not package.is_dir() or not (package / "manifest.json").exists():
        raise MalformedPackage(_("{package} is not a LessonGuard package: it has no "
                                 "manifest.json", package=str(package)))
    body = read_inside(package, "manifest.json", MAX_MANIFEST)
    try:
        manifest = json.loads(body)
    except (ValueError, RecursionError):
        raise MalformedPackage(_("manifest.json is not valid JSON")) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise MalformedPackage(_("manifest.json does not list the package's files"))
    files: dict[str, str] = manifest["files"]
    for name, digest in files.items():
        safe_name(name)
        if (not isinstance(digest, str) or len(digest) != 64
                or any(c not in "0123456789abcdef" for c in digest)):
            raise MalformedPackage(_("manifest.json has no SHA-256 for {name}", name=name))
    signed = (package / "manifest.sig").exists() or "signer_public_key" in manifest
    public = b""
    problems: list[str] = []
    if signed:
        public = _b64(manifest.get("signer_public_key"), "the manifest's signer_public_key")
        sig_text = read_inside(package, "manifest.sig", MAX_SMALL)
        signature = _b64(sig_text.decode("ascii", "replace").strip(), "manifest.sig")
        try:
            key = Ed25519PublicKey.from_public_bytes(public)
        except ValueError:
            raise MalformedPackage(_("the manifest's signer_public_key is not an Ed25519 "
                                     "key")) from None
        try:
            key.verify(signature, body)
        except InvalidSignature:
            problems.append(_("manifest.json does not match its signature (the manifest "
                              "was changed)"))
    problems += compare_files(package, files, own)
    signer = fingerprint(public) if public else ""
    if problems:
        return PackageCheck("changed", problems, signer, manifest=manifest)
    who = trust.who(public) if public else ""
    return PackageCheck("trusted" if who else "untrusted", [], signer, who,
                        manifest=manifest)


def sign_manifest(package: Path, manifest: dict[str, Any], data_dir: Path) -> str:
    """Write manifest.json with this installation's public key in it, and manifest.sig.
    Returns the signer's fingerprint."""
    private = signing_key(data_dir)
    public = public_raw(private.public_key())
    signer = fingerprint(public)
    manifest = {**manifest, "signer_public_key": base64.b64encode(public).decode(),
                "signer_fingerprint": signer}
    body = json.dumps(manifest, indent=2, sort_keys=True).encode()
    write_private(package / "manifest.json", body)
    write_private(package / "manifest.sig", base64.b64encode(private.sign(body)))
    return signer


def make_package_folder(folder: Path, inner: str) -> Path:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
        folder.chmod(0o700)
        (folder / inner).mkdir(mode=0o700)
    except OSError as exc:
        raise ConfigurationError(_("The folder {folder} cannot be created: {why}.",
                                   folder=str(folder), why=exc.strerror or str(exc)),
                                 _("Choose a folder you can write to.")) from exc
    return folder


# --- recordings ---------------------------------------------------------------------------

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
        copy_private(Path(info.path), package / "recordings" / Path(info.path).name)
        wrapper.add(info.id, recs.key(info))
        entries.append({"id": info.id, "file": f"recordings/{Path(info.path).name}",
                        "started_at": info.started_at, "duration_s": info.duration_s,
                        "pack_id": info.pack_id, "state": info.state,
                        "chunk_hashes": info.hashes})
    wrapper.write(package / "keys.json")
    write_private(package / "README.txt", README.encode())
    files = {p.relative_to(package).as_posix(): sha256_file(p)
             for p in sorted(package.rglob("*")) if p.is_file()}
    manifest = {"format": "lessonguard-export/1", "lessonguard": __version__,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "recordings": entries, "files": files}
    signer = sign_manifest(package, manifest, recs.data_dir)
    recs.audit.append("recording.exported", actor=actor, subject=",".join(rec_ids),
                      details={"package": str(package), "files": len(files),
                               "signer": signer})
    return package


def check_export(package: Path, trust: Trust, passphrase: str | None = None) -> PackageCheck:
    """A recordings export checked against `trust`, and with the passphrase every
    recording's chunks decrypted and compared with the hash list."""
    result = check_sealed(package, trust)
    if passphrase is None or result.status not in ("trusted", "untrusted"):
        return result
    try:
        problems = _check_recordings(package, result.manifest, passphrase)
    except MalformedPackage as exc:
        return PackageCheck("malformed", [str(exc)], result.signer)
    if problems:
        return PackageCheck("changed", problems, result.signer, manifest=result.manifest)
    return result


def _check_recordings(package: Path, manifest: dict[str, Any], passphrase: str) -> list[str]:
    entries = manifest.get("recordings")
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("id"), str)
            and e.get("file") in manifest["files"] and isinstance(e.get("chunk_hashes"), list)
            and all(isinstance(h, str) for h in e["chunk_hashes"]) for e in entries):
        raise MalformedPackage(_("manifest.json does not describe its recordings"))
    if "keys.json" not in manifest["files"]:
        raise MalformedPackage(_("keys.json is not listed in the manifest"))
    unwrapper = KeyUnwrapper(read_json_inside(package, "keys.json", MAX_MANIFEST), passphrase)
    problems: list[str] = []
    for entry in entries:
        try:
            key = unwrapper.unwrap(entry["id"])
        except InvalidTag:
            return [_("the passphrase is wrong (or keys.json was changed)")]
        report = verify(package / entry["file"], key, entry["chunk_hashes"])
        if not report.ok:
            problems.append(f"{entry['file']}: {report.problem}")
    return problems


def verify_package(package: Path, passphrase: str | None = None) -> list[str]:
    """Whether the files are intact (empty: every file and, with the passphrase, every
    recording's chunks check out). This says nothing about who made the package: use
    `check_export` with a Trust for that."""
    return check_export(package, Trust(), passphrase).problems
