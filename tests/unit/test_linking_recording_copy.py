"""A copy of a recording for the linked family, through the in-process bus: under TutorNinjas it
arrives, is checked, plays back the same bytes as the tutor's and is deleted after its
playback date; under a pack that keeps recordings from the family (HMS, which forbids them;
one whose playback is the organisation's alone) nothing is sent; a copy with a piece changed
or missing is never catalogued."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.encrypted_file import EncryptedWriter
from app.errors import LessonGuardError
from app.keystore import MissingKeyError
from app.lessons import Lessons
from app.linking import recording_copy
from app.linking.notify import LinkNotifier
from app.linking.recording_copy import send_recording
from app.policy.loader import load_pack
from app.recording_access import RecordingAccess
from app.recordings import RecordingInfo, Recordings
from tests.helpers.linked import PACK, Pair, Side, linked_pair, soon

PIECE = 180 * 1024  # what the documentation says one piece carries


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[Pair]:
    yield from linked_pair(tmp_path)


def record(side: Side, pupil: int, pack_id: str = PACK, *, size: int = 2 * PIECE + 1000,
           lesson_id: int | None = None) -> tuple[RecordingInfo, bytes]:
    """A finished recording on `side` (its catalogue row and encrypted file) of `size` plain
    bytes; returns it and the plain bytes it holds."""
    recs = Recordings(side.store, side.data)
    info, key = recs.begin(load_pack(pack_id), pupil, side.data / "recordings",
                           lesson_id=lesson_id, actor="Pat Green")
    plain = os.urandom(size)
    writer = EncryptedWriter(Path(info.path), key, seal_every=None, sync=False)
    for start in range(0, size, 100_000):
        writer.write(plain[start:start + 100_000])
        writer.flush()
    writer.close()
    done = recs.finish(info.id, state="complete", duration_s=12.0, chunks=writer.index,
                       chunk_hashes=writer.chunk_hashes,
                       size_bytes=Path(info.path).stat().st_size)
    return done, plain


def family_recordings(linked: Pair) -> Recordings:
    return Recordings(linked.family.store, linked.family.data)


def catalogued(linked: Pair) -> list[str]:
    return [r.id for r in family_recordings(linked).list(include_deleted=True)]


def copy_kinds(side: Side) -> list[str]:
    return [r["kind"] for r in side.store.db.query(
        "SELECT kind FROM link_outbox WHERE kind LIKE 'recording.%' ORDER BY id")]


def inbox_applied(side: Side) -> list[str]:
    return [r["applied"] for r in side.store.db.query(
        "SELECT applied FROM link_inbox WHERE kind LIKE 'recording.%' ORDER BY id")]


def test_a_tutorninjas_copy_arrives_verifies_plays_and_expires(linked: Pair) -> None:
    info, plain = record(linked.tutor, linked.pupil)
    sent = send_recording(linked.tutor.store, linked.tutor.data, info.id)
    assert sent.sent_to == ["Lee family"] and sent.chunks == 3
    assert copy_kinds(linked.tutor) == ["recording.offered"] + ["recording.chunk"] * 3
    linked.tutor.sync()
    events = linked.family.sync()
    # The family is told twice, in words: a copy is coming, and it arrived; never per piece.
    told = [e.words for e in events if e.kind.startswith("recording")]
    assert len(told) == 2, told
    assert "is sending a copy" in told[0] and "arrived" in told[1]

    copy = family_recordings(linked).get(info.id)
    assert copy.pupil_id == linked.family_pupil and copy.state == "complete"
    assert copy.playback_until is not None and copy.playback_until == info.playback_until
    # 28 days from the recording's start (TutorNinjas 6.1), and deleted then.
    assert (datetime.fromisoformat(copy.playback_until)
            - datetime.fromisoformat(info.started_at)) == timedelta(days=28)
    assert copy.expires_at == copy.playback_until
    tutor_file, family_file = Path(info.path).read_bytes(), Path(copy.path).read_bytes()
    assert family_file == tutor_file  # still encrypted, exactly as on the tutor's disk
    assert plain[:64] not in family_file
    assert not list((linked.family.data / "recordings" / "incoming").iterdir())

    # The family plays it through the one playback gate, as `recordings play` does.
    access = RecordingAccess(family_recordings(linked), lambda: load_pack(PACK))
    reader = access.open_for_playback(info.id, "responsible_adult")
    try:
        assert b"".join(reader.iter_plain()) == plain
    finally:
        reader.close()
    assert family_recordings(linked).verify(info.id).ok
    from app.audit import AuditLog

    assert AuditLog(linked.family.store).verify().ok  # the catalogued copy is vouched for

    # The key travelled only inside the sealed message: the family's inbox does not keep it,
    # nor the pieces.
    key_text = base64.b64encode(Recordings(linked.tutor.store, linked.tutor.data).key(info))
    bodies = "".join(r["body"] for r in linked.family.store.db.query(
        "SELECT body FROM link_inbox"))
    assert key_text.decode() not in bodies
    assert len(bodies) < 10_000
    assert all(not b"".join(p for _, p in linked.bus.seen).count(chunk)
               for chunk in (key_text, tutor_file[:4096]))

    # After its playback date the retention upkeep deletes the copy and its key.
    later = datetime.fromisoformat(copy.playback_until) + timedelta(seconds=1)
    purged = family_recordings(linked).purge(now=later)
    assert [r.id for r in purged] == [info.id]
    assert not Path(copy.path).exists()
    with pytest.raises(MissingKeyError):
        family_recordings(linked).keys.get(info.id)


def test_the_end_of_a_recorded_lesson_sends_its_copy(linked: Pair) -> None:
    notifier = LinkNotifier(linked.tutor.store, linked.tutor.data)
    lessons = Lessons(linked.tutor.store, notifier=notifier)
    lesson = lessons.book(load_pack(PACK), linked.pupil, soon(), duration_min=30,
                          tutor_name="Pat Green", platform="zoom", confirmed_by="Pat Green",
                          now=datetime.now(UTC) - timedelta(days=3))
    lessons.start(lesson.id, by="Pat Green")
    info, _ = record(linked.tutor, linked.pupil, size=1000, lesson_id=lesson.id)
    lessons.end(lesson.id, by="Pat Green")
    assert copy_kinds(linked.tutor) == ["recording.offered", "recording.chunk"]
    linked.tutor.sync()
    linked.family.sync()
    copy = family_recordings(linked).get(info.id)
    local = next(iter(linked.family.store.db.query(
        "SELECT id FROM lessons WHERE remote_id = ?", [lesson.id])))["id"]
    assert copy.lesson_id == local


@pytest.mark.parametrize("pack_id, why", [
    ("hms", "Recording is not allowed"),  # HMS forbids recording lessons
    ("freemusictutors", "does not let"),  # "reviewed ... by our tutor auditing team" only
])
def test_a_pack_that_keeps_recordings_from_the_family_sends_nothing(
        linked: Pair, pack_id: str, why: str) -> None:
    info, _ = record(linked.tutor, linked.pupil, pack_id)
    with pytest.raises(LessonGuardError) as refused:
        send_recording(linked.tutor.store, linked.tutor.data, info.id)
    assert why in refused.value.message and "Lee family" in refused.value.message
    assert copy_kinds(linked.tutor) == []


def test_a_recording_too_large_for_the_broker_is_refused_in_words(
        linked: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recording_copy, "MAX_COPY_BYTES", 100_000)
    info, _ = record(linked.tutor, linked.pupil)
    with pytest.raises(LessonGuardError) as refused:
        send_recording(linked.tutor.store, linked.tutor.data, info.id)
    assert "larger than" in refused.value.message and "MB" in refused.value.message
    assert copy_kinds(linked.tutor) == []


def offer_and_pieces(linked: Pair, info: RecordingInfo) -> tuple[dict[str, object],
                                                                list[bytes]]:
    """The offer and pieces for `info`, made here from the file (not by the code tested)."""
    data = Path(info.path).read_bytes()
    key = Recordings(linked.tutor.store, linked.tutor.data).key(info)
    pieces = [data[i:i + PIECE] for i in range(0, len(data), PIECE)]
    offer = {"recording": info.id, "pack_id": info.pack_id, "kind": "lesson",
             "state": "complete", "started_at": info.started_at, "size": len(data),
             "sha256": hashlib.sha256(data).hexdigest(), "chunk_size": PIECE,
             "chunks": len(pieces), "key": base64.b64encode(key).decode(),
             "playback_until": info.playback_until}
    return offer, pieces


def send_pieces(linked: Pair, info: RecordingInfo, pieces: dict[int, bytes]) -> None:
    offer, _ = offer_and_pieces(linked, info)
    linked.tutor.linking.queue(linked.pupil, "recording.offered", offer)
    for index, piece in pieces.items():
        linked.tutor.linking.queue(linked.pupil, "recording.chunk",
                                   {"recording": info.id, "index": index,
                                    "data": base64.b64encode(piece).decode()})
    linked.tutor.sync()
    linked.family.sync()


def assert_discarded(linked: Pair, info: RecordingInfo, said: str) -> None:
    assert info.id not in catalogued(linked)
    assert not list((linked.family.data / "recordings" / "incoming").iterdir())
    with pytest.raises(MissingKeyError):
        family_recordings(linked).keys.get(info.id)
    applied = inbox_applied(linked.family)
    assert any(a.startswith("refused: the copy of recording") and said in a
               for a in applied), applied


def test_a_copy_with_a_piece_changed_is_discarded(linked: Pair) -> None:
    info, _ = record(linked.tutor, linked.pupil)
    _, pieces = offer_and_pieces(linked, info)
    changed = bytearray(pieces[1])
    changed[500] ^= 0x01
    send_pieces(linked, info, {0: pieces[0], 1: bytes(changed), 2: pieces[2]})
    assert_discarded(linked, info, "SHA-256")


def test_a_copy_with_a_piece_missing_is_discarded(linked: Pair) -> None:
    info, _ = record(linked.tutor, linked.pupil)
    _, pieces = offer_and_pieces(linked, info)
    send_pieces(linked, info, {0: pieces[0], 2: pieces[2]})
    assert_discarded(linked, info, "missing")


def test_a_copy_whose_last_piece_never_comes_is_not_catalogued(linked: Pair) -> None:
    info, _ = record(linked.tutor, linked.pupil)
    _, pieces = offer_and_pieces(linked, info)
    send_pieces(linked, info, {0: pieces[0], 1: pieces[1]})
    assert info.id not in catalogued(linked)
    # Its partial file and key go once its playback date has passed (at the next offer).
    from app.linking.links import get_link
    from app.linking.recording_copy import CopyReceiver

    link = get_link(linked.family.store.db, linked.family_link.id)
    assert link is not None
    receiver = CopyReceiver(family_recordings(linked), link)
    assert info.playback_until is not None
    assert receiver.sweep(datetime.fromisoformat(info.playback_until)) == []
    assert receiver.sweep(datetime.fromisoformat(info.playback_until)
                          + timedelta(seconds=1)) == [info.id]
    assert not list((linked.family.data / "recordings" / "incoming").iterdir())
    with pytest.raises(MissingKeyError):
        family_recordings(linked).keys.get(info.id)


def test_the_inbox_keeps_neither_key_nor_pieces(linked: Pair) -> None:
    info, _ = record(linked.tutor, linked.pupil, size=1000)
    send_recording(linked.tutor.store, linked.tutor.data, info.id)
    linked.tutor.sync()
    linked.family.sync()
    kept = [json.loads(r["body"]) for r in linked.family.store.db.query(
        "SELECT body FROM link_inbox WHERE kind LIKE 'recording.%' ORDER BY id")]
    assert "key" not in kept[0] and "data" not in kept[1]


def test_the_command_line_sends_a_copy_and_the_family_lists_it(linked: Pair) -> None:
    from tests.unit.test_cli import run

    info, _ = record(linked.tutor, linked.pupil, size=1000)
    sent = run("link", "send-recording", info.id, "--json", data_dir=linked.tutor.data)
    assert sent.returncode == 0, sent.stderr
    assert json.loads(sent.stdout)["sent_to"] == ["Lee family"]
    linked.tutor.sync()
    linked.family.sync()
    listed = run("recordings", "list", "--json", data_dir=linked.family.data)
    assert listed.returncode == 0, listed.stderr
    assert info.id in listed.stdout
    again = run("link", "send-recording", "no-such-recording", data_dir=linked.tutor.data)
    assert again.returncode != 0 and "no-such-recording" in again.stderr
    assert "Traceback" not in again.stderr


def test_a_recording_sealed_for_the_police_is_never_sent(linked: Pair) -> None:
    from app.incidents import Incidents

    info, _ = record(linked.tutor, linked.pupil)
    pack = load_pack(PACK)
    incidents = Incidents(linked.tutor.store, linked.tutor.data)
    incident = incidents.open(pack, actor="panic button")
    incidents.hold_recordings(incident.id, Recordings(linked.tutor.store, linked.tutor.data),
                              [info.id], by="panic button")
    incidents.set_category(pack, incident.id, "indecent_images_of_child")
    with pytest.raises(LessonGuardError) as refused:
        send_recording(linked.tutor.store, linked.tutor.data, info.id)
    assert "sealed for the police" in refused.value.message
    assert copy_kinds(linked.tutor) == []


def test_the_tutors_outbox_forgets_a_copy_once_the_family_has_it(linked: Pair) -> None:
    info, _ = record(linked.tutor, linked.pupil)
    send_recording(linked.tutor.store, linked.tutor.data, info.id)
    linked.tutor.sync()
    linked.family.sync()
    linked.tutor.sync()  # the family's acknowledgement
    sizes = [len(r["payload"]) for r in linked.tutor.store.db.query(
        "SELECT payload FROM link_outbox WHERE kind LIKE 'recording.%'")]
    assert sizes == [0, 0, 0, 0]
    from app.audit import AuditLog

    assert AuditLog(linked.tutor.store).verify().ok
