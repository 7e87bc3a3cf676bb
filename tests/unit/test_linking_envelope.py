"""One sealed message: only the two linked installations can read it or find its topic, it
names who sent it to whom on which link and in what order, and anything altered, re-aimed,
oversized or of a kind the sender's side may not send is refused. The installation's link key
is kept like its signing key."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.linking.envelope import (
    MAX_PAYLOAD,
    Refused,
    message_key,
    open_sealed,
    seal,
    topic_for,
)
from app.linking.identity import BOX_KEY_ID, Identity, device_id, identity
from app.linking.kinds import CREATOR, JOINER, KINDS, may_send

LINK = "0f" * 16


@pytest.fixture
def two(tmp_path: Path) -> tuple[Identity, Identity]:
    return identity(tmp_path / "tutor"), identity(tmp_path / "family")


def presence() -> dict[str, object]:
    return {"lesson": 3, "name": "Jo Lee", "at": datetime.now(UTC).isoformat(),
            "present": True}


def sealed(a: Identity, b: Identity, **kw: object) -> tuple[str, bytes, bytes]:
    key = message_key(a.box, b.box_pub, LINK)
    values: dict[str, object] = {"link_id": LINK, "sender": a.device_id,
                                 "recipient": b.device_id, "seq": 1,
                                 "at": datetime.now(UTC).isoformat(), "kind": "presence",
                                 "body": presence()}
    values.update(kw)
    topic, payload = seal(key, a.sign, **values)  # type: ignore[arg-type]  # test values
    return topic, payload, key


def test_both_sides_agree_the_key_and_the_topic_names_nobody(
        two: tuple[Identity, Identity]) -> None:
    a, b = two
    assert message_key(a.box, b.box_pub, LINK) == message_key(b.box, a.box_pub, LINK)
    assert message_key(a.box, b.box_pub, LINK) != message_key(a.box, b.box_pub, "1e" * 16)
    topic, payload, key = sealed(a, b)
    assert topic == topic_for(key, b.device_id) != topic_for(key, a.device_id)
    assert topic.startswith("lessonguard/v1/m/")
    for secret in (a.device_id, b.device_id, LINK, "Jo Lee", "presence"):
        assert secret not in topic and secret.encode() not in payload


def test_a_sealed_message_opens_for_its_recipient_only(
        two: tuple[Identity, Identity], tmp_path: Path) -> None:
    a, b = two
    topic, payload, key = sealed(a, b)
    inner = open_sealed(key, topic, payload, peer_sign_pub=a.sign_pub, link_id=LINK,
                        sender=a.device_id, recipient=b.device_id)
    assert (inner.kind, inner.seq, inner.body["name"]) == ("presence", 1, "Jo Lee")
    assert json.loads(inner.signed)["to"] == b.device_id
    c = identity(tmp_path / "other")
    other_key = message_key(c.box, a.box_pub, LINK)
    with pytest.raises(Refused, match="cannot be decrypted"):
        open_sealed(other_key, topic, payload, peer_sign_pub=a.sign_pub, link_id=LINK,
                    sender=a.device_id, recipient=b.device_id)


@pytest.mark.parametrize("change", ["byte", "topic", "truncate", "link", "sender", "signer",
                                    "huge"])
def test_anything_altered_or_re_aimed_is_refused(two: tuple[Identity, Identity],
                                                 tmp_path: Path, change: str) -> None:
    a, b = two
    topic, payload, key = sealed(a, b)
    open_as = {"peer_sign_pub": a.sign_pub, "link_id": LINK, "sender": a.device_id,
               "recipient": b.device_id}
    if change == "byte":
        payload = payload[:30] + bytes([payload[30] ^ 0x40]) + payload[31:]
    elif change == "topic":  # the same ciphertext published on another topic
        topic = topic_for(key, "f" * 32)
    elif change == "truncate":
        payload = payload[:20]
    elif change == "link":
        open_as["link_id"] = "1e" * 16
        key = message_key(b.box, a.box_pub, "1e" * 16)
    elif change == "sender":  # for this link, but claims to be from someone else
        open_as["sender"] = "e" * 32
    elif change == "signer":  # sealed with the link's key, signed by another key
        stranger = identity(tmp_path / "stranger")
        topic, payload = seal(key, stranger.sign, link_id=LINK, sender=a.device_id,
                              recipient=b.device_id, seq=1, at=datetime.now(UTC).isoformat(),
                              kind="presence", body=presence())
    elif change == "huge":
        payload = payload + b"\0" * MAX_PAYLOAD
    with pytest.raises(Refused):
        open_sealed(key, topic, payload, **open_as)  # type: ignore[arg-type]  # test values


def test_a_message_too_large_is_not_sealed(two: tuple[Identity, Identity]) -> None:
    a, b = two
    with pytest.raises(ValueError, match="larger than"):
        sealed(a, b, body={"text": "x" * MAX_PAYLOAD})


def test_each_kind_goes_one_way_or_both_as_the_table_says() -> None:
    family_only = {"presence", "room", "consent.granted", "consent.withdrawn",
                   "checks.summary"}
    tutor_only = {"lesson.announced", "lesson.record", "recording.offered", "recording.chunk"}
    both = {"lesson.started", "lesson.ended", "panic", "ack"}
    assert set(KINDS) == family_only | tutor_only | both
    for kind in family_only:
        assert may_send(kind, JOINER) and not may_send(kind, CREATOR)
    for kind in tutor_only:
        assert may_send(kind, CREATOR) and not may_send(kind, JOINER)
    for kind in both:
        assert may_send(kind, CREATOR) and may_send(kind, JOINER)
    assert not may_send("recording.copy", CREATOR)


@pytest.mark.parametrize(("kind", "body"), [
    ("presence", {"lesson": 3, "name": "Jo Lee", "at": "2026-01-01T10:00:00+00:00",
                  "present": True, "photo": "…"}),  # a key the kind does not have
    ("presence", {"lesson": 3, "name": "J" * 500, "at": "2026-01-01T10:00:00+00:00"}),
    ("checks.summary", {"lesson": 3, "at": "2026-01-01T10:00:00+00:00", "ready": True,
                        "verdicts": [{"check": "c", "status": "pass",
                                      "text": "read off the wall"}]}),
    ("checks.summary", {"lesson": 3, "at": "2026-01-01T10:00:00+00:00", "ready": True,
                        "verdicts": [{"check": "c", "status": "pass"}] * 65}),
    ("consent.granted", {"remote_id": 1, "given_by_name": "Jo", "role": "tutor",
                         "scope": "s", "pack_id": "p", "text": "t", "text_version": "v",
                         "method": "m", "given_at": "2026-01-01T10:00:00+00:00"}),
    ("lesson.record", {"lesson": 3, "record": {"blob": "x" * 70_000}}),
])
def test_a_body_outside_its_kind_is_refused(kind: str, body: dict[str, object]) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        KINDS[kind][0].model_validate(body)


def test_the_link_key_is_kept_like_the_signing_key(tmp_path: Path) -> None:
    first = identity(tmp_path)
    again = identity(tmp_path)
    assert first.box_pub == again.box_pub and first.sign_pub == again.sign_pub
    assert first.device_id == device_id(first.sign_pub) and len(first.device_id) == 32
    kept = tmp_path / "keys" / f"{BOX_KEY_ID}.key"
    assert kept.is_file() and oct(kept.stat().st_mode & 0o777) == "0o600"
    assert identity(tmp_path / "elsewhere").device_id != first.device_id


def test_two_lessonguards_starting_at_once_agree_on_one_link_key(tmp_path: Path) -> None:
    import threading

    got: list[bytes] = []
    start = threading.Barrier(6)

    def one() -> None:
        start.wait()
        got.append(identity(tmp_path).box_pub)

    threads = [threading.Thread(target=one) for _n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(got) == 6 and len(set(got)) == 1
