"""Export passphrases, the fixed KDF, the signing key's keeping, and packages holding
things that are not files (issue 18, items 1, 5 and 10)."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import keyring
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.errors import ConfigurationError
from app.export import (
    SCRYPT,
    SIGNING_KEY_ID,
    KeyWrapper,
    Trust,
    check_passphrase,
    check_sealed,
    installation_public_key,
    public_raw,
    sha256_file,
    signing_key,
)
from app.keystore import OSKeyStore, open_signing_keystore
from tests.unit.test_retention import MemoryKeyring

pytestmark = pytest.mark.quick


@pytest.mark.parametrize("phrase", ["aaaaaaaaaaaa", "123456789012", "abcdefghijklmnop",
                                    "987654321098", "abababababab", "short one",
                                    "AAAAAAaaaaaa1"])
def test_weak_passphrases_are_refused(phrase: str) -> None:
    with pytest.raises(ConfigurationError):
        check_passphrase(phrase)


@pytest.mark.parametrize("phrase", ["correct horse battery staple",
                                    "a long enough passphrase", "Tr0ub4dor&3xyz",
                                    "violin at seven, cello at eight"])
def test_ordinary_passphrases_are_accepted(phrase: str) -> None:
    check_passphrase(phrase)


def test_the_kdf_is_fixed_at_owasp_strength(tmp_path: Path) -> None:
    assert SCRYPT == {"n": 2**17, "r": 8, "p": 1}
    wrapper = KeyWrapper("correct horse battery staple")
    wrapper.add("rec-1", b"k" * 32)
    wrapper.write(tmp_path / "keys.json")
    import json

    stated = json.loads((tmp_path / "keys.json").read_text())
    assert (stated["kdf"], stated["n"], stated["r"], stated["p"]) == ("scrypt", 2**17, 8, 1)
    assert stat.S_IMODE((tmp_path / "keys.json").stat().st_mode) == 0o600
    # The wrapping key really is scrypt at those settings: unwrap by hand.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = Scrypt(salt=base64.b64decode(stated["salt"]), length=32, n=2**17, r=8,
                 p=1).derive(b"correct horse battery staple")
    item = stated["keys"]["rec-1"]
    assert AESGCM(kek).decrypt(base64.b64decode(item["nonce"]),
                               base64.b64decode(item["key"]), b"rec-1") == b"k" * 32


def test_without_a_keyring_the_signing_key_is_an_owner_only_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LESSONGUARD_KEYSTORE", "file")
    assert installation_public_key(tmp_path) is None  # checking never makes a key
    key = signing_key(tmp_path)
    path = tmp_path / "keys" / f"{SIGNING_KEY_ID}.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert installation_public_key(tmp_path) == public_raw(key.public_key())


def test_an_old_file_signing_key_moves_into_the_keyring(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cryptography.hazmat.primitives import serialization

    monkeypatch.delenv("LESSONGUARD_KEYSTORE", raising=False)
    old = Ed25519PrivateKey.generate()
    folder = tmp_path / "keys"
    folder.mkdir(mode=0o700)
    raw = old.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    (folder / f"{SIGNING_KEY_ID}.key").write_bytes(base64.b64encode(raw))
    (folder / "rec-1.key").write_bytes(base64.b64encode(b"r" * 32))  # a recording's key
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        assert isinstance(open_signing_keystore(tmp_path, SIGNING_KEY_ID), OSKeyStore)
        key = signing_key(tmp_path)
        assert public_raw(key.public_key()) == public_raw(old.public_key())
        assert not (folder / f"{SIGNING_KEY_ID}.key").exists()
        assert (folder / "rec-1.key").exists()  # recording keys stay where they were
        assert [u for (_, u) in backend.items] == [SIGNING_KEY_ID]
        assert signing_key(tmp_path).private_bytes_raw() == raw
    finally:
        keyring.set_keyring(previous)


def _sealed(folder: Path, files: dict[str, str]) -> None:
    import json

    key = Ed25519PrivateKey.generate()
    body = json.dumps({"files": files, "signer_public_key":
                       base64.b64encode(public_raw(key.public_key())).decode()}).encode()
    (folder / "manifest.json").write_bytes(body)
    (folder / "manifest.sig").write_bytes(base64.b64encode(key.sign(body)))


def test_a_fifo_in_a_package_is_refused_without_opening_it(tmp_path: Path) -> None:
    (tmp_path / "report.json").write_text("{}")
    os.mkfifo(tmp_path / "evidence.txt")
    _sealed(tmp_path, {"report.json": sha256_file(tmp_path / "report.json"),
                       "evidence.txt": "0" * 64})
    result = check_sealed(tmp_path, Trust())
    assert result.status == "malformed" and result.exit_code == 2
    assert "evidence.txt is not a regular file" in result.problems[0]


def test_a_symlinked_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not part of the package")
    package = tmp_path / "package"
    package.mkdir()
    (package / "evidence").symlink_to(outside)
    _sealed(package, {"evidence/secret.txt": sha256_file(outside / "secret.txt")})
    result = check_sealed(package, Trust())
    assert result.status == "malformed" and "symbolic link" in result.problems[0]
