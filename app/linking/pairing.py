"""Pairing two installations once, by a short code: SPAKE2, key confirmation, and the exchange
of long-term keys, names and roles under the key the code agreed.

Why SPAKE2: the code is short (about 40 bits), so it must never be checkable offline. With a
PAKE, someone who watches the broker learns nothing to test guesses against, and someone who
tries to join gets exactly one guess, which also ends the code; and once paired, the code is
worth nothing (the link's keys come from each side's own X25519 key, not from the code).

The rendezvous (`<code.rendezvous>/a` for the creator, `/b` for the joiner):
1. creator: `offer` (its SPAKE2 message), retained, so a joiner who comes later finds it;
2. joiner: `join` (its SPAKE2 message, and its hello sealed under the agreed key);
3. creator: opens the hello (a wrong code cannot be opened: it sends `end` and the code is
   over), checks the joiner's confirmation, and answers `welcome` (its own hello); then it
   removes the retained offer, so nobody who sees the code afterwards finds anyone to join.
A hello carries the device id, both public keys, a signature over the exchange with the
signing key (so the key exchanged is the one that signs), the name, the role, the pack and,
from the creator, the pupil as the tutor knows them.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import queue
import threading
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from spake2 import SPAKE2_A, SPAKE2_B

from app.errors import LessonGuardError
from app.linking.codes import PairingCode
from app.linking.identity import Identity, device_id
from app.linking.transport import Transport
from app.texts import _

ID_A, ID_B = b"lessonguard creator", b"lessonguard joiner"
MAX_FRAME = 16 * 1024
POLL_S = 0.2


class PairingFailed(LessonGuardError):
    """The pairing did not happen; the message says why and what to do."""


class PairingCancelled(PairingFailed):
    """The person cancelled while waiting."""


@dataclass(frozen=True)
class Hello:
    """What each side says about itself once the code is proved."""

    name: str
    role: str
    pack_id: str = ""
    pupil: dict[str, Any] | None = None  # the creator's: name, age_band, date_of_birth


@dataclass(frozen=True)
class Peer:
    link_id: str
    device_id: str
    sign_pub: bytes
    box_pub: bytes
    hello: Hello


@dataclass(frozen=True)
class _Keys:
    confirm_a: bytes
    confirm_b: bytes
    enc: bytes
    link_id: str
    transcript: bytes


def _derive(k: bytes, msg_a: bytes, msg_b: bytes, rendezvous: str) -> _Keys:
    transcript = hashlib.sha256(b"lessonguard pair v1\0" + rendezvous.encode() + b"\0"
                                + msg_a + msg_b).digest()
    out = HKDF(hashes.SHA256(), 32 * 3 + 16, transcript, b"lessonguard pair v1").derive(k)
    return _Keys(out[:32], out[32:64], out[64:96], out[96:].hex(), transcript)


def _frame(kind: str, **values: str) -> bytes:
    return json.dumps({"t": kind, **values}, separators=(",", ":")).encode()


def _read_frame(payload: bytes) -> dict[str, str] | None:
    if len(payload) > MAX_FRAME:
        return None
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    return data


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        return b""


def _seal_hello(keys: _Keys, ident: Identity, hello: Hello, side: bytes) -> str:
    confirm = hmac.new(keys.confirm_a if side == b"a" else keys.confirm_b,
                       keys.transcript + side, hashlib.sha256).hexdigest()
    data = {"device_id": ident.device_id, "sign_pub": ident.sign_pub.hex(),
            "box_pub": ident.box_pub.hex(), "name": hello.name, "role": hello.role,
            "pack_id": hello.pack_id, "pupil": hello.pupil, "confirm": confirm,
            "proof": ident.sign.sign(keys.transcript + side).hex()}
    nonce = os.urandom(12)
    sealed = ChaCha20Poly1305(keys.enc).encrypt(nonce, json.dumps(data).encode(), side)
    return base64.b64encode(nonce + sealed).decode()


def _open_hello(keys: _Keys, sealed: str, side: bytes) -> Peer | None:
    """The other side's hello, or None where it cannot be opened or does not prove the code
    and its signing key (a wrong code ends here)."""
    raw = _b64(sealed)
    try:
        data = json.loads(ChaCha20Poly1305(keys.enc).decrypt(raw[:12], raw[12:], side))
        expected = hmac.new(keys.confirm_a if side == b"a" else keys.confirm_b,
                            keys.transcript + side, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(str(data["confirm"]), expected):
            return None
        sign_pub, box_pub = bytes.fromhex(data["sign_pub"]), bytes.fromhex(data["box_pub"])
        Ed25519PublicKey.from_public_bytes(sign_pub).verify(
            bytes.fromhex(data["proof"]), keys.transcript + side)
        if data["device_id"] != device_id(sign_pub) or len(box_pub) != 32:
            return None
        pupil = data.get("pupil")
        hello = Hello(str(data["name"])[:120], str(data["role"])[:40],
                      str(data.get("pack_id") or "")[:80],
                      pupil if isinstance(pupil, dict) else None)
    except (InvalidTag, InvalidSignature, ValueError, KeyError, TypeError):
        return None
    if not hello.name.strip() or any(unicodedata.category(ch)[0] == "C"
                                     for ch in hello.name + hello.role):
        return None
    return Peer(keys.link_id, device_id(sign_pub), sign_pub, box_pub, hello)


class Rendezvous:
    """The frames of one pairing, from the transport's thread to the one waiting."""

    def __init__(self, code: PairingCode) -> None:
        self.code = code
        self.base = code.rendezvous
        self.frames: queue.Queue[tuple[str, dict[str, str]]] = queue.Queue()

    def owns(self, topic: str) -> bool:
        return topic in (f"{self.base}/a", f"{self.base}/b")

    def deliver(self, topic: str, payload: bytes) -> None:
        frame = _read_frame(payload)
        if frame is not None:
            self.frames.put((topic.rsplit("/", 1)[-1], frame))

    def wait(self, side: str, kinds: tuple[str, ...], deadline: float,
             cancel: threading.Event | None) -> dict[str, str] | None:
        while True:
            if cancel is not None and cancel.is_set():
                raise PairingCancelled(_("Linking was cancelled."),
                                       _("The code no longer works; make a new one."))
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                got_side, frame = self.frames.get(timeout=min(POLL_S, left))
            except queue.Empty:
                continue
            if got_side == side and frame.get("t") in kinds:
                return frame


def pair_as_creator(transport: Transport, meet: Rendezvous, ident: Identity, hello: Hello, *,
                    wait_s: float, cancel: threading.Event | None = None) -> Peer:
    spake = SPAKE2_A(meet.code.secret.encode(), idA=ID_A, idB=ID_B)
    msg_a = spake.start()
    transport.subscribe(f"{meet.base}/b")
    transport.publish(f"{meet.base}/a", _frame("offer", spake=base64.b64encode(msg_a).decode()),
                      retain=True)
    try:
        frame = meet.wait("b", ("join",), time.monotonic() + wait_s, cancel)
        if frame is None:
            raise PairingFailed(
                _("Nobody joined with the code within {minutes} minutes, so it has ended.",
                  minutes=round(wait_s / 60, 1)),
                _("Make a new code when the other side is ready."))
        msg_b = _b64(frame.get("spake", ""))
        try:
            keys = _derive(spake.finish(msg_b), msg_a, msg_b, meet.base)
        except Exception:  # a malformed SPAKE2 message (spake2 raises several kinds)
            keys = None
        peer = _open_hello(keys, frame.get("hello", ""), b"b") if keys else None
        if peer is None or keys is None:
            transport.publish(f"{meet.base}/a", _frame("end", why="wrong code"))
            raise PairingFailed(
                _("Someone tried to join with a wrong code, so the code has ended."),
                _("If that was the other side mistyping it, make a new code and read it out "
                  "again."))
        transport.publish(f"{meet.base}/a", _frame("welcome",
                                                   hello=_seal_hello(keys, ident, hello, b"a")))
        return peer
    finally:
        # The offer goes: nobody who sees the code from now on finds anyone to join.
        for end in ("a", "b"):
            with contextlib.suppress(LessonGuardError):
                transport.clear_retained(f"{meet.base}/{end}")


def pair_as_joiner(transport: Transport, meet: Rendezvous, ident: Identity, hello: Hello, *,
                   wait_s: float, cancel: threading.Event | None = None) -> Peer:
    deadline = time.monotonic() + wait_s
    transport.subscribe(f"{meet.base}/a")
    offer = meet.wait("a", ("offer",), deadline, cancel)
    if offer is None:
        raise PairingFailed(
            _("Nobody is waiting with the code {code}.", code=meet.code.text),
            _("It may have been used already, ended or expired, or the other computer uses "
              "another broker. Ask for a new code."))
    msg_a = _b64(offer.get("spake", ""))
    spake = SPAKE2_B(meet.code.secret.encode(), idA=ID_A, idB=ID_B)
    msg_b = spake.start()
    try:
        keys = _derive(spake.finish(msg_a), msg_a, msg_b, meet.base)
    except Exception:  # a malformed offer (spake2 raises several kinds)
        raise PairingFailed(_("The other side's offer could not be read."),
                            _("Ask for a new code.")) from None
    transport.publish(f"{meet.base}/b", _frame(
        "join", spake=base64.b64encode(msg_b).decode(),
        hello=_seal_hello(keys, ident, hello, b"b")), retain=True)
    try:
        answer = meet.wait("a", ("welcome", "end"), deadline, cancel)
    finally:
        with contextlib.suppress(LessonGuardError):
            transport.clear_retained(f"{meet.base}/b")
    if answer is None:
        raise PairingFailed(_("The other side did not answer in time."),
                            _("Ask for a new code and try again."))
    if answer.get("t") == "end":
        raise PairingFailed(_("The code was not right, so it has ended."),
                            _("Ask the other side for a new code, and check each character."))
    peer = _open_hello(keys, answer.get("hello", ""), b"a")
    if peer is None:
        raise PairingFailed(_("The other side could not prove it holds the same code."),
                            _("Nothing was linked. Ask for a new code."))
    return peer
