"""Sealing and opening one message between two linked installations.

Why: the broker (and anyone with access to it) must see only ciphertext under a topic that
names nobody, and the receiver must be able to prove who wrote a message, for which link, in
which order. Inside: canonical JSON signed with the sender's Ed25519 key. Outside: that and
its signature encrypted with ChaCha20-Poly1305 under a key only the two installations can
agree (X25519 of their keys, through HKDF with the link's id), bound to the topic.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION = 1
NONCE = 12
SIGNATURE = 64
LENGTH = 4  # the signed part's length, before it (the rest is padding)
PAD_TO = 512  # every message's size a multiple of this: its length tells no name's length
MAX_PAYLOAD = 256 * 1024  # a lesson record is a few kB; nothing larger travels this way
MAX_INNER = MAX_PAYLOAD - NONCE - LENGTH - SIGNATURE - 16 - PAD_TO
MAX_SEQ = 2**62


class Refused(Exception):
    """A message that is not applied, and why (for the log and the count)."""

    def __init__(self, why: str, *, link_id: str | None = None) -> None:
        super().__init__(why)
        self.why = why
        self.link_id = link_id


def message_key(my_box: X25519PrivateKey, peer_box_pub: bytes, link_id: str) -> bytes:
    """The one key of a link, the same on both sides, from the keys exchanged at pairing."""
    shared = my_box.exchange(X25519PublicKey.from_public_bytes(peer_box_pub))
    return HKDF(hashes.SHA256(), 32, bytes.fromhex(link_id),
                b"lessonguard link v1").derive(shared)


def topic_for(key: bytes, recipient_device_id: str) -> str:
    """Where messages for `recipient` on this link are published: only the two linked
    installations can compute it, and it names neither of them."""
    tag = hmac.new(key, f"to:{recipient_device_id}".encode(), hashlib.sha256).hexdigest()
    return f"lessonguard/v1/m/{tag[:32]}"


def canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class Inner:
    """A message as signed: who, to whom, on which link, its place in order, what."""

    link: str
    sender: str
    recipient: str
    seq: int
    at: str
    kind: str
    body: dict[str, Any]
    signed: bytes  # the exact bytes that were signed
    signature: bytes

    def to_dict(self) -> dict[str, Any]:
        return {"v": VERSION, "link": self.link, "from": self.sender, "to": self.recipient,
                "seq": self.seq, "at": self.at, "kind": self.kind, "body": self.body}


def seal(key: bytes, signer: Ed25519PrivateKey, *, link_id: str, sender: str, recipient: str,
         seq: int, at: str, kind: str, body: dict[str, Any]) -> tuple[str, bytes]:
    """(topic, payload) for one message. Raises ValueError for a message too large to send."""
    signed = canonical({"v": VERSION, "link": link_id, "from": sender, "to": recipient,
                        "seq": seq, "at": at, "kind": kind, "body": body})
    if len(signed) > MAX_INNER:
        raise ValueError(f"a {kind} message of {len(signed)} bytes is larger than "
                         f"{MAX_INNER} bytes")
    topic = topic_for(key, recipient)
    nonce = os.urandom(NONCE)
    plain = len(signed).to_bytes(LENGTH, "big") + signed + signer.sign(signed)
    plain += bytes(-(len(plain) + NONCE + 16) % PAD_TO)
    sealed = ChaCha20Poly1305(key).encrypt(nonce, plain, topic.encode())
    return topic, nonce + sealed


def open_sealed(key: bytes, topic: str, payload: bytes, *, peer_sign_pub: bytes,
                link_id: str, sender: str, recipient: str) -> Inner:
    """The message, if it is for this link, from its peer, to us, and signed by the peer's key
    exchanged at pairing; else `Refused`, saying why. Order (replay) is the caller's."""
    if len(payload) > MAX_PAYLOAD:
        raise Refused("too large to be a message", link_id=link_id)
    if len(payload) < NONCE + LENGTH + SIGNATURE + 16:
        raise Refused("too short to be a message", link_id=link_id)
    try:
        plain = ChaCha20Poly1305(key).decrypt(payload[:NONCE], payload[NONCE:], topic.encode())
    except InvalidTag:
        raise Refused("cannot be decrypted with this link's key", link_id=link_id) from None
    size = int.from_bytes(plain[:LENGTH], "big")
    if size > len(plain) - LENGTH - SIGNATURE or any(plain[LENGTH + size + SIGNATURE:]):
        raise Refused("its inner length is wrong", link_id=link_id)
    signed = plain[LENGTH:LENGTH + size]
    signature = plain[LENGTH + size:LENGTH + size + SIGNATURE]
    try:
        Ed25519PublicKey.from_public_bytes(peer_sign_pub).verify(signature, signed)
    except InvalidSignature:
        raise Refused("not signed by the linked installation's key", link_id=link_id) from None
    try:
        data = json.loads(signed)
    except ValueError:
        raise Refused("not a message (its JSON cannot be read)", link_id=link_id) from None
    if not isinstance(data, dict) or data.get("v") != VERSION:
        raise Refused("a message of an unknown version", link_id=link_id)
    if data.get("link") != link_id or data.get("from") != sender or data.get("to") != recipient:
        raise Refused("meant for another link or installation", link_id=link_id)
    seq, at, kind, body = data.get("seq"), data.get("at"), data.get("kind"), data.get("body")
    if not (isinstance(seq, int) and not isinstance(seq, bool)
            and (0 < seq <= MAX_SEQ or (seq == 0 and kind == "ack"))
            and isinstance(at, str) and len(at) <= 40 and isinstance(kind, str)
            and len(kind) <= 40 and isinstance(body, dict)):
        raise Refused("its header is malformed", link_id=link_id)
    if not is_time(at):
        raise Refused("its time is not a time", link_id=link_id)
    return Inner(link_id, sender, recipient, seq, at, kind, body, signed, signature)


def is_time(text: str) -> bool:
    """An ISO 8601 moment with its time zone, within this century (what every `at` is)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return False
    return moment.tzinfo is not None and 2000 <= moment.year < 2100


def verify_kept(peer_sign_pub: bytes, signed: bytes, signature: bytes) -> bool:
    """Check again a message kept as received (a linked consent's `signature`)."""
    try:
        Ed25519PublicKey.from_public_bytes(peer_sign_pub).verify(signature, signed)
    except (InvalidSignature, ValueError):
        return False
    return True
