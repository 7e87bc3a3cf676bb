"""Who this installation is to a linked one: its Ed25519 signing key (the one that signs
incident packages) and an X25519 key for encryption, kept the same way.

Why: a linked installation knows this one only by these two public keys, exchanged once at
pairing; every later message is signed by the first and encrypted to a key agreed through the
second, so neither the broker nor anyone who saw the pairing code can read or forge them.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.errors import LessonGuardError
from app.export import public_raw, signing_key
from app.keystore import MissingKeyError, open_signing_keystore
from app.texts import _

BOX_KEY_ID = "installation-link-key"
RACE_TRIES, RACE_WAIT_S = 50, 0.02


def device_id(sign_pub: bytes) -> str:
    """An installation's id on links: the first 32 hex digits of its signing key's SHA-256."""
    return hashlib.sha256(sign_pub).hexdigest()[:32]


def box_public(key: X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw,
                                         serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class Identity:
    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @property
    def sign_pub(self) -> bytes:
        return public_raw(self.sign.public_key())

    @property
    def box_pub(self) -> bytes:
        return box_public(self.box)

    @property
    def device_id(self) -> str:
        return device_id(self.sign_pub)


def box_key(data_dir: Path) -> X25519PrivateKey:
    """This installation's X25519 key, made on first use, kept where the signing key is (the
    OS keyring, or with none an owner-only file). Two LessonGuards starting at once on a new
    data folder (the window and a command) agree on one key: the one that loses the race to
    create it reads the winner's, once it is written."""
    keys = open_signing_keystore(data_dir, BOX_KEY_ID)
    for _attempt in range(RACE_TRIES):
        try:
            raw = keys.get(BOX_KEY_ID)
        except MissingKeyError:
            key = X25519PrivateKey.generate()
            try:
                keys.put(BOX_KEY_ID, key.private_bytes(
                    serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                    serialization.NoEncryption()))
            except FileExistsError:  # another LessonGuard made it a moment ago
                continue
            return key
        if len(raw) == 32:
            return X25519PrivateKey.from_private_bytes(raw)
        time.sleep(RACE_WAIT_S)  # still being written by the other LessonGuard
    raise LessonGuardError(_("This installation's link key is damaged."),
                           _("Restore the key store from a backup, or link again."))


def identity(data_dir: Path) -> Identity:
    for _attempt in range(RACE_TRIES):
        try:
            sign = signing_key(data_dir)
            break
        except FileExistsError:  # made at the same moment by another LessonGuard
            time.sleep(RACE_WAIT_S)
        except LessonGuardError:  # read while the other was still writing it
            time.sleep(RACE_WAIT_S)
    else:
        sign = signing_key(data_dir)  # says plainly what is wrong
    return Identity(sign, box_key(data_dir))
