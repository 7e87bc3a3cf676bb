"""Attacks on linking that must fail, through the in-process bus (app/linking/memory_bus.py).

Four kinds of attacker: someone with access to the broker (sees every topic and payload,
publishes anything, replays, reflects); someone who read the pairing code after it was used, or
guesses; someone who can read and edit the user's files (the data folder, the SQLite store);
and a linked installation that misbehaves (it signs with its real key, but says what its side
may not say). Each test is what that attacker tries and what must hold. The real broker's part
is in tests/integration/test_linking_broker_attacks.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from spake2 import SPAKE2_B

from app.audit import AuditLog
from app.consent import Consents, decide
from app.lessons import Lesson, Lessons, record_lines
from app.linking.codes import ALPHABET, parse_code, with_check
from app.linking.confirm import confirm_presence
from app.linking.envelope import MAX_PAYLOAD, seal, topic_for
from app.linking.identity import identity
from app.linking.links import get_link
from app.linking.notify import LinkNotifier
from app.linking.pairing import ID_A, ID_B, PairingFailed
from app.people import People
from app.policy.loader import load_pack
from tests.helpers.linked import (
    BROKER,
    PACK,
    Pair,
    Side,
    last_to,
    linked_pair,
    make_side,
    pair,
    soon,
    topic_to,
)


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[Pair]:
    yield from linked_pair(tmp_path)


def notifier(side: Side) -> LinkNotifier:
    return LinkNotifier(side.store, side.data)


def sync(side: Side) -> Any:
    """One `link sync` of that side, its report (received, refused, events)."""
    report = side.linking.sync(BROKER, wait_s=1.0, quiet_s=0.05)
    side.events += report.events
    return report


def book(linked: Pair) -> tuple[Lesson, int]:
    """A lesson booked on the tutor's side for an hour from now (so the family may confirm
    for it now), and the family's id for its copy."""
    lesson = Lessons(linked.tutor.store, notifier=notifier(linked.tutor)).book(
        load_pack(PACK), linked.pupil, datetime.now(UTC).replace(microsecond=0)
        + timedelta(hours=1), duration_min=30, tutor_name="Pat Green",
        platform="zoom", confirmed_by="Pat Green", now=datetime.now(UTC) - timedelta(days=3))
    linked.tutor.sync()
    (announced,) = linked.family.sync()
    assert announced.lesson_id is not None
    return lesson, announced.lesson_id


def grant(linked: Pair) -> int:
    """The family gives consent on its computer; the tutor's side takes it in."""
    remote = Consents(linked.family.store, notifier=notifier(linked.family)).grant(
        load_pack(PACK), linked.family_pupil, linked.adult, "Jo Lee").id
    linked.family.sync()
    assert [e.kind for e in linked.tutor.sync()][-1:] == ["consent.granted"]
    return remote


def may_record(linked: Pair) -> bool:
    return decide(linked.tutor.store, load_pack(PACK), linked.pupil).may_record


def signed_by(linked: Pair, side: Side, seq: int, kind: str, body: dict[str, Any]
              ) -> tuple[str, bytes]:
    """A message `side`'s own computer seals and signs with its real keys: what a linked
    installation that misbehaves (or a bug in it) can send."""
    ident = identity(side.data)
    link = linked.family_link if side is linked.family else linked.tutor_link
    return seal(link.key(ident), ident.sign, link_id=link.id, sender=ident.device_id,
                recipient=link.peer_device_id, seq=seq, at=datetime.now(UTC).isoformat(),
                kind=kind, body=body)


def audit_entries(side: Side) -> int:
    return int(next(iter(side.store.db.query("SELECT COUNT(*) AS n FROM audit_log")))["n"])


def table_count(side: Side, table: str) -> int:
    return int(next(iter(side.store.db.query(f"SELECT COUNT(*) AS n FROM {table}")))["n"])


# --- someone on the broker -----------------------------------------------------------------


def test_a_whole_lesson_shows_the_broker_no_name_id_or_word(linked: Pair) -> None:
    lesson, copy = book(linked)
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=notifier(linked.family))
    remote = grant(linked)
    Consents(linked.family.store, notifier=notifier(linked.family)).withdraw(
        remote, "Jo Lee", "we changed our minds")
    lessons = Lessons(linked.tutor.store, notifier=notifier(linked.tutor))
    lessons.start(lesson.id, by="Pat Green")
    lessons.end(lesson.id, by="Pat Green")
    linked.family.sync()
    linked.tutor.sync()
    linked.family.sync()
    seen = b"".join(t.encode() + b"\0" + p for t, p in linked.bus.seen)
    tutor, family = identity(linked.tutor.data), identity(linked.family.data)
    for secret in ("Amy Lee", "Jo Lee", "Pat Green", "Lee family", PACK, "zoom",
                   "we changed our minds", "consent", "presence", "responsible_adult",
                   tutor.device_id, family.device_id, linked.tutor_link.id,
                   tutor.sign_pub.hex(), family.box_pub.hex(),
                   linked.tutor.linking.client_id, linked.family.linking.client_id):
        assert secret.encode() not in seen, secret
    # Every topic is one of the two links' opaque topics, or a pairing meeting place.
    topics = {t for t, _p in linked.bus.seen}
    messages = {t for t in topics if t.startswith("lessonguard/v1/m/")}
    assert messages == {topic_to(linked, linked.tutor), topic_to(linked, linked.family)}
    assert all(t.startswith("lessonguard/v1/pair/") for t in topics - messages)


def test_a_replayed_message_is_refused_however_late_it_comes(linked: Pair) -> None:
    lesson, copy = book(linked)
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=notifier(linked.family))
    linked.family.sync()
    linked.tutor.sync()
    present = last_to(linked, linked.tutor)
    confirm_presence(linked.family.store, copy, "Jo Lee", present=False,
                     notifier=notifier(linked.family))
    linked.family.sync()
    assert [e.kind for e in linked.tutor.sync()] == ["presence"]
    entries = audit_entries(linked.tutor)
    # The old "I'm here" again, three times: the adult who left does not come back.
    for _n in range(3):
        linked.bus.inject(*present)
    report = sync(linked.tutor)
    assert (report.received, report.refused) == (0, 3)
    kinds = [r["kind"] for r in linked.tutor.store.db.query(
        "SELECT kind FROM confirmations WHERE lesson_id = ? ORDER BY id", [lesson.id])]
    assert kinds == ["adult_present", "adult_left"]
    assert audit_entries(linked.tutor) == entries


def test_a_message_reflected_to_its_sender_or_moved_to_another_topic_is_refused(
        linked: Pair) -> None:
    _lesson, copy = book(linked)
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=notifier(linked.family))
    linked.family.sync()
    _topic, payload = last_to(linked, linked.tutor)
    # The tutor's own announcement, sent back to the tutor; the family's, back to the family.
    _t, announced = last_to(linked, linked.family)
    linked.bus.inject(topic_to(linked, linked.tutor), announced)
    linked.bus.inject(topic_to(linked, linked.family), payload)
    report = sync(linked.tutor)
    assert report.refused == 1 and report.received == 1  # the real presence only
    assert sync(linked.family).refused == 1
    assert [c["kind"] for c in linked.tutor.store.db.query("SELECT kind FROM confirmations")
            ] == ["adult_present"]


def test_junk_on_a_links_topic_is_refused_and_leaves_no_trace(linked: Pair) -> None:
    _lesson, copy = book(linked)
    junk = [b"", b"\x00", os.urandom(300), json.dumps({"v": 1, "kind": "consent.granted"}).encode(),
            os.urandom(MAX_PAYLOAD + 1), os.urandom(12 + 64 + 16)]  # the last: nonce and tag
    entries, inbox = audit_entries(linked.tutor), table_count(linked.tutor, "link_inbox")
    for payload in junk * 5:
        linked.bus.inject(topic_to(linked, linked.tutor), payload)
    report = sync(linked.tutor)
    assert (report.received, report.refused) == (0, len(junk) * 5)
    # no flood of the audit log: at most the family's acknowledgement of the lesson, taken
    # in by this sync, and nothing for any of the junk
    assert audit_entries(linked.tutor) <= entries + 1
    assert table_count(linked.tutor, "link_inbox") == inbox
    # The link still works: the real message that follows is applied.
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=notifier(linked.family))
    linked.family.sync()
    assert [e.kind for e in linked.tutor.sync()] == ["presence"]


def test_a_flood_of_junk_is_logged_once(linked: Pair, caplog: pytest.LogCaptureFixture
                                        ) -> None:
    with caplog.at_level(logging.WARNING, logger="app.linking.inbox"):
        for _n in range(200):
            linked.bus.inject(topic_to(linked, linked.tutor), os.urandom(200))
        assert sync(linked.tutor).refused == 200
    assert len([r for r in caplog.records if "refused" in r.getMessage()]) == 1


def test_an_old_acknowledgement_replayed_marks_nothing_as_delivered(linked: Pair) -> None:
    _lesson, copy = book(linked)
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=notifier(linked.family))
    linked.family.sync()
    linked.tutor.sync()  # applies seq 1 and acknowledges it
    old_ack = last_to(linked, linked.family)
    linked.family.sync()
    # Two more from the family that the broker then loses before the tutor sees them.
    confirm_presence(linked.family.store, copy, "Jo Lee", present=False,
                     notifier=notifier(linked.family))
    linked.family.sync()
    assert linked.bus.lose_waiting() == 1
    for _n in range(3):
        linked.bus.inject(*old_ack)
    linked.family.sync()
    acked = {r["seq"]: r["acked_at"] for r in linked.family.store.db.query(
        "SELECT seq, acked_at FROM link_outbox")}
    assert acked[1] is not None and acked[2] is None  # still to be sent again


# --- someone who saw the code, or guesses ---------------------------------------------------


def _creating(tutor: Side, pupil: int) -> tuple[threading.Thread, list[str], list[object]]:
    codes: list[str] = []
    outcome: list[object] = []
    shown = threading.Event()

    def run() -> None:
        try:
            outcome.append(tutor.linking.create(pupil, BROKER, on_code=lambda c: (
                codes.append(c), shown.set()), wait_s=10, pack_id=PACK))
        except BaseException as exc:  # the test looks at it
            outcome.append(exc)
            shown.set()

    thread = threading.Thread(target=run)
    thread.start()
    assert shown.wait(10)
    return thread, codes, outcome


def test_the_very_code_used_for_a_pairing_is_worth_nothing_afterwards(tmp_path: Path) -> None:
    from app.linking.memory_bus import MemoryBus

    bus = MemoryBus()
    tutor = make_side(tmp_path, "Pat Green", bus, role="tutor")
    family = make_side(tmp_path, "Lee family", bus, role="responsible_adult")
    late = make_side(tmp_path, "Mallory", bus, role="responsible_adult")
    pupil = People(tutor.store).add("pupil", "Amy Lee", age_band="11-12")
    thread, codes, outcome = _creating(tutor, pupil.id)
    family.linking.join(codes[0], BROKER, wait_s=10)
    thread.join(10)
    assert not isinstance(outcome[0], BaseException)
    # Someone reads the same code in the lesson chat afterwards.
    with pytest.raises(PairingFailed, match="Nobody is waiting"):
        late.linking.join(codes[0], BROKER, wait_s=0.5)
    assert late.linking.links() == [] and len(tutor.linking.links()) == 1
    assert all(bus.retained(t) is None for t, _p in bus.seen)
    # The link's messages do not depend on the code: another pairing gives other keys.
    first = tutor.linking.links()[0]
    other_family = make_side(tmp_path, "Other", bus, role="responsible_adult")
    second, _joined = pair(tutor, other_family, pupil.id)
    assert second.id != first.id and second.peer_box_pub != first.peer_box_pub


def _guess_frame(code_text: str, offer: bytes, wrong: int) -> bytes:
    """A `join` frame for the code with one password character changed: what a guesser (or
    someone on the broker who saw the offer) can send. The hello is junk: without the right
    password the key behind it cannot be made."""
    code = parse_code(code_text)
    secret = code.secret[:6] + ALPHABET[(ALPHABET.index(code.secret[6]) + wrong) % 31]
    guess = with_check(code.channel, secret)
    spake = SPAKE2_B(guess.secret.encode(), idA=ID_A, idB=ID_B)
    msg_b = spake.start()
    spake.finish(base64.b64decode(json.loads(offer)["spake"]))
    return json.dumps({"t": "join", "spake": base64.b64encode(msg_b).decode(),
                       "hello": base64.b64encode(os.urandom(200)).decode()}).encode()


def test_a_flood_of_guesses_spends_the_one_try_and_links_nobody(tmp_path: Path) -> None:
    from app.linking.memory_bus import MemoryBus

    bus = MemoryBus()
    tutor = make_side(tmp_path, "Pat Green", bus, role="tutor")
    family = make_side(tmp_path, "Lee family", bus, role="responsible_adult")
    pupil = People(tutor.store).add("pupil", "Amy Lee", age_band="11-12")
    thread, codes, outcome = _creating(tutor, pupil.id)
    base = parse_code(codes[0]).rendezvous
    offer = None
    for _n in range(200):  # what anyone on the broker sees, once the offer is out
        offer = bus.retained(f"{base}/a")
        if offer is not None:
            break
        threading.Event().wait(0.02)
    assert offer is not None
    for wrong in range(1, 31):  # thirty guesses, as fast as the broker takes them
        bus.inject(f"{base}/b", _guess_frame(codes[0], offer, wrong))
    thread.join(10)
    assert isinstance(outcome[0], PairingFailed) and "wrong code" in str(outcome[0])
    # The code is over for everyone: the family with the right code finds nobody.
    with pytest.raises(PairingFailed, match=r"Nobody is waiting|not right"):
        family.linking.join(codes[0], BROKER, wait_s=0.5)
    assert tutor.linking.links() == [] and family.linking.links() == []


def test_a_fake_offer_from_the_broker_links_the_family_to_nobody(tmp_path: Path) -> None:
    """Someone on the broker answers the family first with an offer of their own, made
    with a guessed password: the family cannot prove the key, and links nothing."""
    from spake2 import SPAKE2_A

    from app.linking.codes import make_code
    from app.linking.memory_bus import MemoryBus

    bus = MemoryBus()
    family = make_side(tmp_path, "Lee family", bus, role="responsible_adult")
    People(family.store).add("pupil", "Amy Lee", age_band="11-12")
    code = make_code()  # the family's code, which the attacker does not know
    guess = with_check(code.channel, "2345678")
    fake = SPAKE2_A(guess.secret.encode(), idA=ID_A, idB=ID_B).start()
    bus._route(f"{code.rendezvous}/a",
               json.dumps({"t": "offer", "spake": base64.b64encode(fake).decode()}).encode(),
               retain=True)

    def answer() -> None:  # the attacker cannot open the family's hello; it ends the code
        bus.inject(f"{code.rendezvous}/a", json.dumps({"t": "welcome", "hello": base64.b64encode(
            os.urandom(300)).decode()}).encode())

    timer = threading.Timer(0.3, answer)
    timer.start()
    try:
        with pytest.raises(PairingFailed, match=r"could not prove|not right"):
            family.linking.join(code.text, BROKER, wait_s=3)
    finally:
        timer.cancel()
    assert family.linking.links() == []


# --- someone who can read and edit the user's files -----------------------------------------


def test_a_linked_withdrawal_undone_in_the_file_does_not_count(linked: Pair) -> None:
    remote = grant(linked)
    Consents(linked.family.store, notifier=notifier(linked.family)).withdraw(remote, "Jo Lee")
    linked.family.sync()
    linked.tutor.sync()
    assert not may_record(linked)
    linked.tutor.store.db.execute("UPDATE consents SET withdrawn_at = NULL, withdrawn_by = NULL "
                                  "WHERE source = 'linked'")
    decision = decide(linked.tutor.store, load_pack(PACK), linked.pupil)
    assert not decision.may_record and decision.doubted


def test_a_linked_consent_moved_to_another_pupil_does_not_count(linked: Pair) -> None:
    grant(linked)
    other = People(linked.tutor.store).add("pupil", "Ben Cho", age_band="11-12")
    People(linked.tutor.store).add("responsible_adult", "Kim Cho", pupil_id=other.id)
    linked.tutor.store.db.execute("UPDATE consents SET pupil_id = ? WHERE source = 'linked'",
                                  [other.id])
    decision = decide(linked.tutor.store, load_pack(PACK), other.id)
    assert not decision.may_record and decision.doubted


def test_a_linked_consent_copied_into_a_new_row_does_not_count(linked: Pair) -> None:
    grant(linked)
    other = People(linked.tutor.store).add("pupil", "Ben Cho", age_band="11-12")
    db = linked.tutor.store.db
    row = dict(next(iter(db.query("SELECT * FROM consents WHERE source = 'linked'"))))
    row.pop("id")
    row["pupil_id"] = other.id  # the family's signed message, kept, now for another child
    db.table("consents").insert(row)
    decision = decide(linked.tutor.store, load_pack(PACK), other.id)
    assert not decision.may_record and decision.doubted


def test_a_removed_link_restored_in_the_file_is_not_used(linked: Pair) -> None:
    _lesson, copy = book(linked)
    linked.tutor.linking.remove(linked.tutor_link.id, "Pat Green")
    linked.tutor.store.db.execute("UPDATE links SET removed_at = NULL")
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=notifier(linked.family))
    linked.family.sync()
    report = sync(linked.tutor)
    assert report.received == 0 and report.refused >= 1
    assert any("changed outside LessonGuard" in why for why in linked.tutor.linking.inbox.refused)
    assert table_count(linked.tutor, "confirmations") == 0
    # And nothing goes out on it.
    family_topic = topic_to(linked, linked.family)
    before = len([t for t, _p in linked.bus.seen if t == family_topic])
    notifier(linked.tutor).panic(None, by="Pat Green", at=datetime.now(UTC),
                                 pupil_id=linked.pupil)
    assert sync(linked.tutor).sent == 0
    assert len([t for t, _p in linked.bus.seen if t == family_topic]) == before


def test_the_outbox_keeps_only_ciphertext(linked: Pair) -> None:
    _lesson, copy = book(linked)
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=notifier(linked.family))
    Consents(linked.family.store, notifier=notifier(linked.family)).grant(
        load_pack(PACK), linked.family_pupil, linked.adult, "Jo Lee")
    rows = list(linked.family.store.db.query("SELECT kind, topic, payload FROM link_outbox"))
    assert [r["kind"] for r in rows] == ["presence", "consent.granted"]
    for row in rows:
        payload = bytes(row["payload"])
        for plain in (b"Jo Lee", b"Amy Lee", b"consent", b"responsible_adult", PACK.encode()):
            assert plain not in payload
        assert row["topic"] == topic_to(linked, linked.tutor)


def test_a_swapped_family_key_cannot_forge_the_familys_consent(linked: Pair,
                                                              tmp_path: Path) -> None:
    """The files' editor puts their own key in the tutor's link row, then sends a consent
    signed and sealed with it: the row is doubted, nothing is taken in."""
    mallory = identity(tmp_path / "mallory")
    db = linked.tutor.store.db
    db.execute("UPDATE links SET peer_box_pub = ?, peer_sign_pub = ? WHERE id = ?",
               [mallory.box_pub.hex(), mallory.sign_pub.hex(), linked.tutor_link.id])
    link = get_link(db, linked.tutor_link.id)
    assert link is not None
    tutor = identity(linked.tutor.data)
    key = link.key(tutor)  # what Mallory can now compute with her own box key
    body = {"remote_id": 1, "given_by_name": "Jo Lee", "role": "responsible_adult",
            "scope": "record_lessons", "pack_id": PACK, "text": "yes", "text_version": "1",
            "method": "typed_name", "given_at": datetime.now(UTC).isoformat()}
    linked.bus.inject(*seal(key, mallory.sign, link_id=link.id,
                            sender=linked.tutor_link.peer_device_id,
                            recipient=tutor.device_id, seq=1,
                            at=datetime.now(UTC).isoformat(), kind="consent.granted",
                            body=body))
    assert sync(linked.tutor).received == 0
    assert not may_record(linked) and Consents(linked.tutor.store).list() == []


def test_the_data_folder_and_the_broker_password_stay_private(tmp_path: Path) -> None:
    from tests.unit.test_cli import run

    data = tmp_path / "data"
    done = run("link", "broker", "mqtt://tutor-17:S3cret-pw@127.0.0.1:9", data_dir=data)
    assert done.returncode == 0, done.stderr
    assert "S3cret-pw" not in done.stdout + done.stderr
    sync_done = run("link", "sync", "--wait", "1", data_dir=data)
    assert sync_done.returncode == 1 and "S3cret-pw" not in sync_done.stdout + sync_done.stderr
    assert (data / "keys" / "installation-link-key.key").is_file()
    for path in [data, *data.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
        if path.is_file() and path.suffix != ".db":
            assert b"S3cret-pw" not in path.read_bytes(), path


# --- a linked installation that misbehaves ---------------------------------------------------


def test_a_family_cannot_confirm_for_a_lesson_of_another_pupil(linked: Pair) -> None:
    other = People(linked.tutor.store).add("pupil", "Ben Cho", age_band="11-12")
    theirs = Lessons(linked.tutor.store).book(
        load_pack(PACK), other.id, soon(), duration_min=30, tutor_name="Pat Green",
        platform="zoom", confirmed_by="Pat Green", now=datetime.now(UTC) - timedelta(days=3))
    for seq, kind in ((1, "presence"), (2, "room")):
        linked.bus.inject(*signed_by(linked, linked.family, seq, kind, {
            "lesson": theirs.id, "name": "Jo Lee", "at": datetime.now(UTC).isoformat()}))
    linked.bus.inject(*signed_by(linked, linked.family, 3, "presence", {
        "lesson": 9999, "name": "Jo Lee", "at": datetime.now(UTC).isoformat()}))
    report = sync(linked.tutor)
    assert report.received == 0 and report.refused == 3
    assert table_count(linked.tutor, "confirmations") == 0


def test_a_family_cannot_give_consent_for_another_child(linked: Pair) -> None:
    other = People(linked.tutor.store).add("pupil", "Ben Cho", age_band="11-12")
    People(linked.tutor.store).add("responsible_adult", "Jo Lee", pupil_id=other.id)
    body = {"remote_id": 1, "given_by_name": "Jo Lee", "role": "responsible_adult",
            "scope": "record_lessons", "pack_id": PACK, "text": "yes", "text_version": "1",
            "method": "typed_name", "given_at": datetime.now(UTC).isoformat()}
    linked.bus.inject(*signed_by(linked, linked.family, 1, "consent.granted",
                                 {**body, "pupil_id": other.id}))
    assert sync(linked.tutor).refused == 1  # no such field: a consent names no child
    # On the family's computer, a consent for a child the link is not for is not sent.
    theirs = People(linked.family.store).add("pupil", "Ben Lee", age_band="8-9")
    adult = People(linked.family.store).add("responsible_adult", "Kim Lee", pupil_id=theirs.id)
    Consents(linked.family.store, notifier=notifier(linked.family)).grant(
        load_pack(PACK), theirs.id, adult.id, "Kim Lee")
    assert table_count(linked.family, "link_outbox") == 0
    assert not decide(linked.tutor.store, load_pack(PACK), other.id).may_record


def test_a_tutor_cannot_send_what_only_the_family_says(linked: Pair) -> None:
    lesson, copy = book(linked)
    entries = audit_entries(linked.family)
    bodies: list[tuple[str, dict[str, Any]]] = [
        ("consent.granted", {"remote_id": 1, "given_by_name": "Jo Lee",
                             "role": "responsible_adult", "scope": "record_lessons",
                             "pack_id": PACK, "text": "yes", "text_version": "1",
                             "method": "typed_name", "given_at": datetime.now(UTC).isoformat()}),
        ("presence", {"lesson": lesson.id, "name": "Jo Lee",
                      "at": datetime.now(UTC).isoformat()}),
        ("lesson.record", {"lesson": 4242, "record": {"lesson": {"state": "ended"}}}),
        ("recording.copy", {"lesson": lesson.id}),
    ]
    # The tutor's announcement was seq 1; these come after it.
    for seq, (kind, body) in enumerate(bodies, start=2):
        linked.bus.inject(*signed_by(linked, linked.tutor, seq, kind, body))
    report = sync(linked.family)
    assert report.received == 0 and report.refused == 4
    # Authentic but not allowed: each is taken in as refused (its number used, so one bad
    # message cannot stop the link), one audit entry each, and nothing is applied.
    assert audit_entries(linked.family) == entries + 4
    assert [r["applied"][:8] for r in linked.family.store.db.query(
        "SELECT applied FROM link_inbox WHERE seq > 1 ORDER BY seq")] == ["refused:"] * 4
    assert Consents(linked.family.store).list() == []
    assert table_count(linked.family, "confirmations") == 0
    row = next(iter(linked.family.store.db.query("SELECT remote_details FROM lessons "
                                                 "WHERE id = ?", [copy])))
    assert "record" not in json.loads(row["remote_details"])


def test_a_family_cannot_send_what_only_the_tutor_says(linked: Pair) -> None:
    announced = {"lesson": 77, "starts_at": soon().isoformat(), "duration_min": 30,
                 "tutor_name": "Jo Lee", "platform": "zoom", "pack_id": PACK,
                 "pack_name": "x", "recording": {"allowed": True, "why": "",
                                                  "consent_from": []}}
    linked.bus.inject(*signed_by(linked, linked.family, 1, "lesson.announced", announced))
    linked.bus.inject(*signed_by(linked, linked.family, 2, "lesson.record",
                                 {"lesson": 77, "record": {}}))
    report = sync(linked.tutor)
    assert report.received == 0 and report.refused == 2
    assert Lessons(linked.tutor.store).list() == []


def test_a_consent_for_one_sibling_never_counts_for_the_other(linked: Pair) -> None:
    """Two children of one family, each linked on its own: the consent for Amy goes on
    Amy's link only, and the same sealed message put on Ben's link is refused."""
    ben = People(linked.tutor.store).add("pupil", "Ben Lee", age_band="8-9").id
    People(linked.tutor.store).add("responsible_adult", "Jo Lee", pupil_id=ben)
    family_ben = People(linked.family.store).add("pupil", "Ben Lee", age_band="8-9").id
    ben_link, _theirs = pair(linked.tutor, linked.family, ben, family_pupil=family_ben)
    assert ben_link.id != linked.tutor_link.id
    grant(linked)  # for Amy, on the family's computer
    _topic, amys = last_to(linked, linked.tutor)
    tutor = identity(linked.tutor.data)
    linked.bus.inject(topic_for(ben_link.key(tutor), tutor.device_id), amys)
    report = sync(linked.tutor)
    assert report.received == 0 and report.refused == 1
    assert may_record(linked)
    assert not decide(linked.tutor.store, load_pack(PACK), ben).may_record


# --- order, time, shape, origin and what the broker can tell ---------------------------------


def test_a_withdrawal_the_broker_holds_back_is_not_skipped_by_the_next_message(
        linked: Pair) -> None:
    _lesson, copy = book(linked)
    remote = grant(linked)
    linked.family.sync()  # the family hears the tutor's acknowledgement
    assert may_record(linked)
    Consents(linked.family.store, notifier=notifier(linked.family)).withdraw(remote, "Jo Lee")
    confirm_presence(linked.family.store, copy, "Jo Lee", notifier=notifier(linked.family))
    linked.family.sync()
    # The broker holds the withdrawal back (or loses it) and delivers what came after it
    # (the bus has no call for that: its queue for the tutor, as a broker's own store).
    waiting = linked.bus._sessions[linked.tutor.linking.client_id].waiting
    held = waiting.pop(0)
    linked.tutor.sync()
    linked.family.sync()  # the family takes the tutor's acknowledgement
    waiting.insert(0, held)  # ... and lets it through late, or never
    linked.tutor.sync()
    linked.family.sync()
    assert not may_record(linked), "the family withdrew; the tutor's gate still allows"


@pytest.mark.parametrize("who", ["tutor", "family"])
def test_a_withdrawal_after_the_link_was_removed_still_stops_the_gate(
        linked: Pair, who: str) -> None:
    remote = grant(linked)
    if who == "tutor":
        linked.tutor.linking.remove(linked.tutor_link.id, "Pat Green")
    else:
        linked.family.linking.remove(linked.family_link.id, "Jo Lee")
    Consents(linked.family.store, notifier=notifier(linked.family)).withdraw(remote, "Jo Lee")
    linked.family.sync()
    linked.tutor.sync()
    assert not may_record(linked), "the family withdrew; the tutor's gate still allows"


def test_a_malformed_time_from_the_family_does_not_break_the_tutors_record(
        linked: Pair) -> None:
    from tests.unit.test_cli import run

    lesson, _copy = book(linked)
    linked.bus.inject(*signed_by(linked, linked.family, 1, "presence", {
        "lesson": lesson.id, "name": "Jo Lee", "at": "not a time", "present": True}))
    sync(linked.tutor)
    record_lines(Lessons(linked.tutor.store).summary(lesson.id))  # ValueError today
    linked.tutor.store.close()
    shown = run("lesson", "show", str(lesson.id), data_dir=linked.tutor.data)
    assert shown.returncode == 0 and "Traceback" not in shown.stderr, shown.stderr


def test_a_malformed_time_from_the_tutor_does_not_break_the_familys_lesson(
        linked: Pair) -> None:
    lesson, copy = book(linked)
    linked.bus.inject(*signed_by(linked, linked.tutor, 2, "lesson.started", {
        "lesson": lesson.id, "at": "yesterday-ish", "by": "Pat Green"}))
    sync(linked.family)
    record_lines(Lessons(linked.family.store).summary(copy))


def test_a_confirmation_for_an_ended_or_far_off_lesson_is_refused(linked: Pair) -> None:
    lesson, _copy = book(linked)
    for seq, year in ((1, 1999), (2, 2099)):
        linked.bus.inject(*signed_by(linked, linked.family, seq, "presence", {
            "lesson": lesson.id, "name": "Jo Lee", "at": f"{year}-06-01T10:00:00+00:00"}))
    assert sync(linked.tutor).received == 0
    lessons = Lessons(linked.tutor.store)
    lessons.start(lesson.id, by="Pat Green")
    lessons.end(lesson.id, by="Pat Green")
    linked.bus.inject(*signed_by(linked, linked.family, 3, "room", {
        "lesson": lesson.id, "name": "Jo Lee", "at": datetime.now(UTC).isoformat()}))
    assert sync(linked.tutor).received == 0
    assert table_count(linked.tutor, "confirmations") == 0


def test_a_malformed_shared_record_does_not_break_the_family_page(linked: Pair) -> None:
    from app.family_lesson import announced, as_summary, family_record_lines

    lesson, copy = book(linked)
    records: list[dict[str, Any]] = [
        {"lesson": "x"}, {"incidents": "many"},
        {"lesson": {"state": "ended", "starts_at": "soon", "ended_at": "later"}},
        {"confirmations": [{"kind": "adult_present", "at": "noon"}]},
        {"recordings": [{"started_at": "now", "duration_s": "long"}]}]
    for seq, record in enumerate(records, start=2):  # the announcement was 1
        linked.bus.inject(*signed_by(linked, linked.tutor, seq, "lesson.record",
                                     {"lesson": lesson.id, "record": record}))
        sync(linked.family)
        shared = announced(linked.family.store, copy).get("record")
        if isinstance(shared, dict):  # what the family page does with it (app.family_lesson)
            family_record_lines(as_summary(shared, "Amy Lee"))


def test_a_tutors_tick_edited_to_look_linked_is_not_shown_as_the_familys(linked: Pair) -> None:
    from app.linking.received import linked_confirmations

    lessons = Lessons(linked.tutor.store)
    lesson = lessons.book(load_pack(PACK), linked.pupil, soon(), duration_min=30,
                          tutor_name="Pat Green", platform="zoom", confirmed_by="Pat Green",
                          now=datetime.now(UTC) - timedelta(days=3))
    lessons.confirm(lesson.id, "adult_present", "Jo Lee", "responsible_adult",
                    attested_by="Pat Green")
    linked.tutor.store.db.execute(
        "UPDATE confirmations SET source = 'linked', link_id = ?, attested_by = NULL",
        [linked.tutor_link.id])
    assert ("confirmations", "1") in AuditLog(linked.tutor.store).verify().rows  # found there
    shown = [c["from"] for c in linked_confirmations(linked.tutor.store, lesson.id)]
    assert shown != ["linked computer"], "the tutor's own tick is shown as the family's"
    assert lessons.linked_confirmation(lesson.id, "adult_present") is None


def test_a_withdrawal_suppressed_in_the_familys_outbox_is_found(linked: Pair) -> None:
    remote = grant(linked)
    Consents(linked.family.store, notifier=notifier(linked.family)).withdraw(remote, "Jo Lee")
    # Someone with the family's files marks the withdrawal as delivered before it goes.
    linked.family.store.db.execute("UPDATE link_outbox SET sent_at = 'x', acked_at = 'x' "
                                   "WHERE kind = 'consent.withdrawn'")
    linked.family.sync()
    linked.tutor.sync()
    assert may_record(linked)  # it never left
    rows = AuditLog(linked.family.store).verify().rows
    assert any(table == "link_outbox" for table, _id in rows), (
        "audit verify on the family's computer says nothing")


def test_a_sequence_number_beyond_sqlite_is_refused_not_a_crash(linked: Pair) -> None:
    lesson, _copy = book(linked)
    linked.bus.inject(*signed_by(linked, linked.family, 2**63, "presence", {
        "lesson": lesson.id, "name": "Jo Lee", "at": datetime.now(UTC).isoformat()}))
    report = sync(linked.tutor)  # OverflowError today
    assert report.refused == 1


def test_the_client_id_cannot_be_computed_from_the_published_key(linked: Pair) -> None:
    from app.export import public_raw, signing_key

    published = public_raw(signing_key(linked.tutor.data).public_key())  # incident public-key
    device = hashlib.sha256(published).hexdigest()[:32]
    guessed = "lg-" + hashlib.sha256(f"mqtt client:{device}".encode()).hexdigest()[:20]
    assert guessed != linked.tutor.linking.client_id


def test_message_sizes_do_not_tell_the_length_of_a_name(linked: Pair) -> None:
    _lesson, copy = book(linked)
    for name in ("Jo Lee", "Maximilian Alexander Worthington-Smythe"):
        confirm_presence(linked.family.store, copy, name, notifier=notifier(linked.family))
    sizes = [len(r["payload"]) for r in linked.family.store.db.query(
        "SELECT payload FROM link_outbox WHERE kind = 'presence'")]
    assert sizes[0] == sizes[1], sizes


def test_oversized_junk_of_many_sizes_is_logged_once(linked: Pair,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="app.linking.inbox"):
        for extra in range(1, 41):
            linked.bus.inject(topic_to(linked, linked.tutor), b"\0" * (MAX_PAYLOAD + extra))
        assert sync(linked.tutor).refused == 40
    assert len(caplog.records) <= 2, len(caplog.records)
    assert len(linked.tutor.linking.inbox.refused) <= 2


def test_a_message_with_a_malformed_header_time_is_not_applied(linked: Pair) -> None:
    lesson, _copy = book(linked)
    ident = identity(linked.family.data)
    link = linked.family_link
    linked.bus.inject(*seal(link.key(ident), ident.sign, link_id=link.id,
                            sender=ident.device_id, recipient=link.peer_device_id, seq=1,
                            at="garbage", kind="presence",
                            body={"lesson": lesson.id, "name": "Jo Lee",
                                  "at": datetime.now(UTC).isoformat()}))
    report = sync(linked.tutor)
    applied = len(list(linked.tutor.store.db.query("SELECT id FROM confirmations")))
    assert (report.refused, applied) in ((1, 0), (0, 1)), (report.refused, applied)


def test_the_tutors_tick_is_kept_when_the_familys_last_word_is_that_the_adult_left(
        linked: Pair) -> None:
    from app.lesson_start import LessonStart, StartAnswers
    from app.linking.received import linked_confirmations
    from app.recordings import Recordings
    from tests.unit.test_use_cases import FakeRecorder

    pack = load_pack("vto")
    lessons = Lessons(linked.tutor.store, notifier=notifier(linked.tutor))
    lesson = lessons.book(pack, linked.pupil, datetime.now(UTC) + timedelta(hours=1),
                          duration_min=30, tutor_name="Pat Green", platform="zoom",
                          confirmed_by="Pat Green", now=datetime.now(UTC) - timedelta(days=3))
    linked.tutor.sync()
    (announced,) = linked.family.sync()
    fam = notifier(linked.family)
    confirm_presence(linked.family.store, announced.lesson_id, "Jo Lee", notifier=fam)
    confirm_presence(linked.family.store, announced.lesson_id, "Jo Lee", present=False,
                     notifier=fam)
    linked.family.sync()
    linked.tutor.sync()
    use = LessonStart(lessons, lambda: pack,
                      FakeRecorder(Recordings(linked.tutor.store, linked.tutor.data), pack),
                      lambda: ("Pat Green", "tutor"))
    plan = use.plan(lesson)
    # The adult came back without saying so on their computer; the tutor sees her and ticks.
    use.begin(lesson, StartAnswers(conduct_name="Pat Green", adult_name="Jo Lee",
                                   adult_present=True, room_living_area=True,
                                   vouched=frozenset(n.id for n in plan.vouch()),
                                   recording_decided=False, decider_name="Sam Lcc"))
    said = [(c["kind"], c["attested_by"]) for c in
            linked_confirmations(linked.tutor.store, lesson.id)
            if c["kind"] in ("adult_present", "adult_left")]
    assert ("adult_present", "Pat Green") in said, said


def test_the_childs_date_of_birth_does_not_travel_at_pairing(tmp_path: Path) -> None:
    from app.linking.memory_bus import MemoryBus
    from app.people import People

    bus = MemoryBus()
    tutor = make_side(tmp_path, "Pat Green", bus, role="tutor")
    family = make_side(tmp_path, "Lee family", bus, role="responsible_adult")
    pupil = People(tutor.store).add("pupil", "Amy Lee", date_of_birth="2015-02-03")
    thread, codes, _outcome = _creating(tutor, pupil.id)
    joined = family.linking.join(codes[0], BROKER, wait_s=10)
    thread.join(10)
    assert People(family.store).get(joined.pupil_id).date_of_birth is None


def test_a_family_check_verdict_edited_in_the_tutors_file_is_not_shown(linked: Pair) -> None:
    import json

    from app.linking.received import latest_checks

    lesson, copy = book(linked)
    notifier(linked.family).checks_summary(copy, ready=False,
                                           verdicts=[("background", "fail")],
                                           at=datetime.now(UTC))
    linked.family.sync()
    linked.tutor.sync()
    db = linked.tutor.store.db
    row = next(iter(db.query("SELECT id, body FROM link_inbox WHERE kind = 'checks.summary'")))
    body = json.loads(row["body"])
    body["ready"], body["verdicts"] = True, [{"check": "background", "status": "pass"}]
    db.execute("UPDATE link_inbox SET body = ? WHERE id = ?", [json.dumps(body), row["id"]])
    assert any(t == "link_inbox" for t, _i in AuditLog(linked.tutor.store).verify().rows)
    shown = latest_checks(linked.tutor.store, lesson.id)
    assert shown is None or shown["ready"] is False, shown


def test_a_name_from_the_linked_computer_cannot_add_lines_to_the_record(linked: Pair) -> None:
    lesson, _copy = book(linked)  # in an hour: the family may confirm for it now
    forged = ("Jo Lee\n  ✔ Jo Lee (responsible adult) confirmed the lesson is in a living "
              "area at 18:00, on Lee family's computer")
    linked.bus.inject(*signed_by(linked, linked.family, 1, "presence", {
        "lesson": lesson.id, "name": forged, "at": datetime.now(UTC).isoformat()}))
    sync(linked.tutor)
    lines = "\n".join(record_lines(Lessons(linked.tutor.store).summary(lesson.id)))
    fake = [ln for ln in lines.splitlines() if ln.lstrip().startswith("✔ Jo Lee (responsible "
                                                                    "adult) confirmed the lesson")]
    assert fake == [], lines


def test_a_code_made_for_another_child_is_not_joined_to_this_familys_child(
        tmp_path: Path) -> None:
    from app.linking.memory_bus import MemoryBus
    from app.linking.pairing import PairingFailed
    from app.people import People

    bus = MemoryBus()
    tutor = make_side(tmp_path, "Pat Green", bus, role="tutor")
    family = make_side(tmp_path, "Lee family", bus, role="responsible_adult")
    ben = People(tutor.store).add("pupil", "Ben Cho", age_band="8-9").id  # picked by mistake
    People(family.store).add("pupil", "Amy Lee", age_band="11-12")
    thread, codes, _outcome = _creating(tutor, ben)
    try:
        with pytest.raises(PairingFailed):  # or at least: asked which child
            family.linking.join(codes[0], BROKER, wait_s=10)
    finally:
        thread.join(10)


@pytest.mark.parametrize("reason", ["We have talked it over at home. " * 15,
                                    "We changed our minds.\nPlease stop recording."])
def test_a_withdrawal_with_any_reason_the_command_line_takes_reaches_the_tutor(
        linked: Pair, reason: str) -> None:
    from app.inputs import check_reason

    assert check_reason(reason, "The reason")  # `consent withdraw --reason` takes it
    remote = grant(linked)
    Consents(linked.family.store, notifier=notifier(linked.family)).withdraw(
        remote, "Jo Lee", reason)
    linked.family.sync()
    linked.tutor.sync()
    assert not may_record(linked), "withdrawn on the family's computer, not on the tutor's"


def test_the_end_of_a_lesson_with_a_two_line_reason_reaches_the_family(linked: Pair) -> None:
    lesson, copy = book(linked)
    lessons = Lessons(linked.tutor.store, notifier=notifier(linked.tutor))
    lessons.start(lesson.id, by="Pat Green")
    lessons.end(lesson.id, by="Pat Green", reason="The connection dropped.\nWe stopped early.")
    linked.tutor.sync()
    linked.family.sync()
    row = next(iter(linked.family.store.db.query("SELECT state FROM lessons WHERE id = ?",
                                                 [copy])))
    assert row["state"] == "ended", "the family's copy of the lesson never ends"
