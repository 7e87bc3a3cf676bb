"""An incident package sealed with a passphrase: nothing of the child's in plain, and opened
only whole, from a trusted signer, with the right passphrase. Attacked as someone holding
the package would: wrong passphrase, edited, truncated and swapped files, forged manifests,
links, and names that lead out of the folder (issue 18, items 4 and 5)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.encrypted_file import EncryptedWriter
from app.export import (
    SIGNATURE_FILES,
    Trust,
    check_sealed,
    fingerprint,
    installation_public_key,
    public_raw,
    sha256_file,
    signing_key,
)
from app.incident_open import open_incident_package
from app.incident_package import export_incident
from app.incidents import Incidents
from app.people import People
from app.policy.loader import load_pack
from app.recordings import Recordings
from app.store import Store

PHRASE = "violet harbour 1947 quietly"
NARRATIVE = "NARRATIVE-MARK: what Jo saw"
CHILD_WORDS = "CHILD-WORDS-MARK: he said not to tell"
CHAT = "CHAT-MARK: meet me somewhere private"
PNG = b"\x89PNG\r\n\x1a\n" + b"SCREENSHOT-MARK" * 64
MARKS = (b"NARRATIVE-MARK", b"CHILD-WORDS-MARK", b"CHAT-MARK", b"SCREENSHOT-MARK",
         b"fragment fragment")
READABLE = {"README.txt", "manifest.json", "manifest.sig", "keys.json"}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Trust]:
    """One package for the module (the export and its scrypt run once): (the package, the
    sender's data folder, the trust of the sender's installation)."""
    root = tmp_path_factory.mktemp("sender")
    data_dir = root / "data"
    data_dir.mkdir()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("LESSONGUARD_KEYSTORE", "file")  # keys in files under this folder
        store = Store(data_dir)
        try:
            package = _export(store, data_dir, root / "out")
        finally:
            store.close()
        public = installation_public_key(data_dir)
    assert public is not None
    return package, data_dir, Trust(keys=((public, "this installation"),))


def _export(store: Store, data_dir: Path, out: Path) -> Path:
    pack = load_pack("tutorninjas")
    recs = Recordings(store, data_dir)
    pupil = People(store).add("pupil", "Amy Lee", age_band="11-12").id
    info, key = recs.begin(pack, pupil, data_dir / "recordings")
    writer = EncryptedWriter(Path(info.path), key, sync=False)
    writer.write(b"fragment " * 200)
    writer.close()
    recs.finish(info.id, state="complete", duration_s=2.0, chunks=writer.index,
                chunk_hashes=writer.chunk_hashes, size_bytes=Path(info.path).stat().st_size)
    incidents = Incidents(store, data_dir)
    incident = incidents.open(pack, actor="panic button")
    incidents.hold_recordings(incident.id, recs, [info.id], by="panic button")
    incidents.set_reporter(incident.id, "responsible_adult", "Jo Lee")
    incidents.set_category(pack, incident.id, "inappropriate_language")
    incidents.record_details(incident.id, "Jo Lee", narrative=NARRATIVE,
                             child_words=CHILD_WORDS)
    incidents.add_chat(incident.id, CHAT, by="Jo Lee")
    incidents.add_screenshot(incident.id, PNG, by="Jo Lee")
    return export_incident(store, data_dir, incident.id, out, passphrase=PHRASE)


@pytest.fixture
def sealed(pristine: tuple[Path, Path, Trust], tmp_path: Path
           ) -> tuple[Path, Path, Trust]:
    """(a fresh copy of the package to attack, where it may be opened, the trust)."""
    package = shutil.copytree(pristine[0], tmp_path / "package")
    return package, tmp_path / "opened", pristine[2]


def _opened(out: Path) -> list[Path]:
    return sorted(out.iterdir()) if out.exists() else []


def _resign(package: Path, key: Ed25519PrivateKey, manifest: dict[str, object]) -> None:
    """The manifest with every hash recomputed, signed by `key`."""
    manifest["files"] = {p.relative_to(package).as_posix(): sha256_file(p)
                         for p in sorted(package.rglob("*"))
                         if p.is_file() and p.name not in SIGNATURE_FILES}
    public = public_raw(key.public_key())
    manifest["signer_public_key"] = base64.b64encode(public).decode()
    manifest["signer_fingerprint"] = fingerprint(public)
    body = json.dumps(manifest, indent=2, sort_keys=True).encode()
    (package / "manifest.json").write_bytes(body)
    (package / "manifest.sig").write_bytes(base64.b64encode(key.sign(body)))


def test_with_a_passphrase_only_the_manifest_keys_and_readme_are_readable(
        sealed: tuple[Path, Path, Trust]) -> None:
    package, _, trust = sealed
    files = {p.relative_to(package).as_posix(): p for p in package.rglob("*") if p.is_file()}
    assert set(files) >= READABLE
    for name, path in files.items():
        data = path.read_bytes()
        assert not any(mark in data for mark in MARKS), name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
        if name not in READABLE:
            assert data.startswith(b"LGENC"), name  # LessonGuard's encrypted format
    assert "report.json" not in files and "report.pdf" not in files
    # Verifying needs no passphrase.
    assert check_sealed(package, trust).status == "trusted"


def test_the_recipient_opens_it_into_a_new_private_folder(
        sealed: tuple[Path, Path, Trust]) -> None:
    package, out, trust = sealed
    result = open_incident_package(package, PHRASE, trust, out)
    assert result.status == "opened" and result.exit_code == 0, result.problems
    assert result.folder is not None and result.folder.parent == out
    assert stat.S_IMODE(result.folder.stat().st_mode) == 0o700
    report = json.loads((result.folder / "report.json").read_text())
    assert report["incident"]["details"]["narrative"] == NARRATIVE
    assert report["incident"]["details"]["child_words"] == CHILD_WORDS
    assert (result.folder / "report.pdf").read_bytes().startswith(b"%PDF")
    chat = [p for p in (result.folder / "evidence").iterdir() if p.suffix == ".txt"]
    png = [p for p in (result.folder / "evidence").iterdir() if p.suffix == ".png"]
    assert [p.read_text() for p in chat] == [CHAT] and [p.read_bytes() for p in png] == [PNG]
    for path in result.folder.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600)
    # The recording was checked, and is not written out in plain.
    assert len(result.recordings) == 1
    assert not any(p.suffix in (".lgrec", ".mp4", ".mkv") for p in result.folder.rglob("*"))
    again = open_incident_package(package, PHRASE, trust, out)  # never over the first
    assert again.status == "opened" and again.folder != result.folder


def test_a_wrong_passphrase_writes_nothing(sealed: tuple[Path, Path, Trust]) -> None:
    package, out, trust = sealed
    result = open_incident_package(package, "violet harbour 1948 quietly", trust, out)
    assert (result.status, result.exit_code) == ("wrong_passphrase", 1)
    assert "passphrase is wrong" in result.words()
    assert _opened(out) == []


def test_an_unknown_signer_is_not_opened(sealed: tuple[Path, Path, Trust]) -> None:
    package, out, _ = sealed
    result = open_incident_package(package, PHRASE, Trust(), out)
    assert (result.status, result.exit_code) == ("untrusted", 1)
    assert "NOT TRUSTED" in result.words() and _opened(out) == []


@pytest.mark.parametrize("attack", ["flip a byte", "truncate", "swap two files",
                                    "add a file", "remove a file"])
def test_changed_files_are_named_and_nothing_is_opened(
        sealed: tuple[Path, Path, Trust], attack: str) -> None:
    package, out, trust = sealed
    report = package / "report.json.lgenc"
    chat = next((package / "evidence").glob("*.txt.lgenc"))
    if attack == "flip a byte":
        data = bytearray(report.read_bytes())
        data[100] ^= 1
        report.write_bytes(bytes(data))
    elif attack == "truncate":
        report.write_bytes(report.read_bytes()[:-40])
    elif attack == "swap two files":
        a, b = report.read_bytes(), chat.read_bytes()
        report.write_bytes(b)
        chat.write_bytes(a)
    elif attack == "add a file":
        (package / "evidence" / "more.txt").write_text("slipped in")
    else:
        chat.unlink()
    result = open_incident_package(package, PHRASE, trust, out)
    assert (result.status, result.exit_code) == ("changed", 1), result.problems
    assert "NOT intact" in result.words() and _opened(out) == []


def test_a_forger_who_knows_the_passphrase_is_still_not_trusted(
        sealed: tuple[Path, Path, Trust]) -> None:
    """Someone who overheard the passphrase rewrites the report under a key of their own
    and signs again: the package is intact, but no key trusted here signed it."""
    package, out, trust = sealed
    manifest = json.loads((package / "manifest.json").read_text())
    _resign(package, Ed25519PrivateKey.generate(), manifest)
    result = open_incident_package(package, PHRASE, trust, out)
    assert result.status == "untrusted" and _opened(out) == []


@pytest.mark.parametrize("opens_as", ["../../escaped.txt", "/tmp/escaped.txt",
                                      "evidence/../../escaped.txt", "keys.json",
                                      "report.pdf"])
def test_names_that_lead_elsewhere_are_refused_even_when_signed_here(
        sealed: tuple[Path, Path, Trust], pristine: tuple[Path, Path, Trust], opens_as: str,
        tmp_path: Path) -> None:
    """Even this installation's own signature does not let a file open outside the new
    folder, over another file, or over the package's own manifest."""
    package, out, trust = sealed
    manifest = json.loads((package / "manifest.json").read_text())
    manifest["sealed"]["report.json.lgenc"]["opens_as"] = opens_as
    _resign(package, signing_key(pristine[1]), manifest)
    result = open_incident_package(package, PHRASE, trust, out)
    assert (result.status, result.exit_code) == ("malformed", 2), result.problems
    assert _opened(out) == []
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/escaped.txt").exists()


def test_a_symlink_in_the_package_is_refused(sealed: tuple[Path, Path, Trust]) -> None:
    package, out, trust = sealed
    chat = next((package / "evidence").glob("*.txt.lgenc"))
    target = chat.with_name("elsewhere.lgenc")
    chat.rename(target)
    chat.symlink_to(target)
    result = open_incident_package(package, PHRASE, trust, out)
    assert result.status == "malformed" and "symbolic link" in result.words()
    assert _opened(out) == []


def test_a_key_from_another_passphrase_is_found(sealed: tuple[Path, Path, Trust],
                                                pristine: tuple[Path, Path, Trust]) -> None:
    """keys.json mixing a key wrapped under another passphrase (signed here, so only a
    mistake or someone holding this installation's key could make it) opens nothing."""
    from app.export import KeyWrapper

    package, out, trust = sealed
    keys = json.loads((package / "keys.json").read_text())
    other = KeyWrapper("another phrase entirely 42")
    other.add("package-report-pdf", os.urandom(32))
    keys["keys"]["package-report-pdf"] = other.keys["package-report-pdf"]
    (package / "keys.json").write_text(json.dumps(keys))
    manifest = json.loads((package / "manifest.json").read_text())
    _resign(package, signing_key(pristine[1]), manifest)
    result = open_incident_package(package, PHRASE, trust, out)
    assert (result.status, result.exit_code) == ("changed", 1), result.problems
    assert _opened(out) == []


def test_a_package_without_a_passphrase_is_already_readable(
        sealed: tuple[Path, Path, Trust], pristine: tuple[Path, Path, Trust],
        tmp_path: Path) -> None:
    _, out, trust = sealed
    data_dir = pristine[1]
    store = Store(data_dir)
    try:
        plain = export_incident(store, data_dir, 1, tmp_path / "plain")
    finally:
        store.close()
    assert json.loads((plain / "report.json").read_text())["incident"]["details"][
        "narrative"] == NARRATIVE
    result = open_incident_package(plain, PHRASE, trust, out)
    assert (result.status, result.exit_code) == ("not_sealed", 2)
    assert "incident verify" in result.words() and _opened(out) == []


@pytest.mark.parametrize("swap", ["report", "recording", "recording as a pipe"])
def test_a_file_swapped_after_the_check_is_caught(sealed: tuple[Path, Path, Trust],
                                                  swap: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone with write access to the package changes a file between the check and the
    decryption: what is decrypted is hashed again from the same read, so it is found (and
    a pipe put in a recording's place is refused without being waited on)."""
    import app.incident_open as opening

    package, out, trust = sealed
    checked = check_sealed(package, trust)
    assert checked.status == "trusted"
    monkeypatch.setattr(opening, "check_sealed", lambda *_a: checked)
    if swap == "report":
        target = package / "report.json.lgenc"
        data = bytearray(target.read_bytes())
        data[-1] ^= 1
        target.write_bytes(bytes(data))
    else:
        target = next((package / "evidence").glob("*.lgrec"))
        if swap == "recording":
            target.write_bytes(target.read_bytes()[:-10])
        else:
            target.unlink()
            os.mkfifo(target)
    result = open_incident_package(package, PHRASE, trust, out)
    want = "malformed" if swap == "recording as a pipe" else "changed"
    assert result.status == want, result.problems
    assert _opened(out) == []  # what was half-written is removed again
