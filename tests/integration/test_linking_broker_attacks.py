"""Someone on a real Mosquitto (Debian's, on loopback) attacks two linked LessonGuards.

The attacker is another client the organisation's ACL lets in (`lessonguard/v1/#`, as
docs/linking.md sets it up), so it subscribes to everything under it and publishes anything:
it sees only opaque topics and ciphertext, its junk, replays and reflections are refused
without a trace in the records and without stopping the link, and the one guess it can make
at a pairing it watches ends the code and links nobody. The two installations run in this
process (app.linking.service.Linking with the paho-mqtt transport); one broker serves the
module.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from spake2 import SPAKE2_B

from app.consent import Consents, decide
from app.lessons import Lessons
from app.linking.codes import ALPHABET, parse_code, with_check
from app.linking.confirm import confirm_presence
from app.linking.envelope import topic_for
from app.linking.events import LinkEvent
from app.linking.identity import identity
from app.linking.links import Link
from app.linking.mqtt import MqttTransport
from app.linking.notify import LinkNotifier
from app.linking.pairing import ID_A, ID_B, PairingFailed
from app.linking.service import Linking
from app.people import People
from app.policy.loader import load_pack
from app.store import Store
from tests.helpers.mosquitto import Mosquitto

PACK = "tutorninjas"


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mosquitto]:
    server = Mosquitto(tmp_path_factory.mktemp("mosquitto-attacks"))
    server.start()
    yield server
    server.kill()


@dataclass
class Side:
    data: Path
    store: Store
    linking: Linking

    def sync(self, url: str) -> dict[str, object]:
        report = self.linking.sync(url, wait_s=3.0, quiet_s=0.3)
        assert not report.offline, report.offline
        return report.to_json() | {"kinds": [e.kind for e in report.events]}


def side(root: Path, name: str, role: str) -> Side:
    data = root / name.replace(" ", "-")
    data.mkdir(parents=True)
    store = Store(data)
    return Side(data, store, Linking(store, data, name=name, role=role))


class Spy:
    """A client on the broker that reads everything under lessonguard/v1/ and publishes."""

    def __init__(self, url: str, client_id: str, subscribe: str = "lessonguard/v1/#") -> None:
        self.seen: list[tuple[str, bytes]] = []
        self.transport = MqttTransport(url)
        self.transport.connect(client_id, lambda t, p: self.seen.append((t, p)))
        self.transport.subscribe(subscribe)

    def wait_for(self, prefix: str, timeout: float = 10) -> tuple[str, bytes]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for topic, payload in list(self.seen):
                if topic.startswith(prefix) and payload:
                    return topic, payload
            time.sleep(0.02)
        raise AssertionError(f"nothing on {prefix} within {timeout} s")

    def close(self) -> None:
        self.transport.close()


def creating(tutor: Side, pupil: int, url: str
             ) -> tuple[threading.Thread, list[str], list[object]]:
    codes: list[str] = []
    outcome: list[object] = []
    shown = threading.Event()

    def run() -> None:
        try:
            outcome.append(tutor.linking.create(pupil, url, on_code=lambda c: (
                codes.append(c), shown.set()), wait_s=20, pack_id=PACK))
        except BaseException as exc:  # the test looks at it
            outcome.append(exc)
            shown.set()

    thread = threading.Thread(target=run)
    thread.start()
    assert shown.wait(20)
    return thread, codes, outcome


@dataclass
class Linked:
    tutor: Side
    family: Side
    pupil: int
    family_pupil: int
    adult: int
    tutor_link: Link
    family_link: Link
    lesson: int
    copy: int


def topic_of(side: Side, link: Link) -> str:
    """The topic messages for `side` travel on."""
    me = identity(side.data)
    return topic_for(link.key(me), me.device_id)


@pytest.fixture
def linked(broker: Mosquitto, tmp_path: Path) -> Iterator[Linked]:
    tutor = side(tmp_path, "Pat Green", "tutor")
    family = side(tmp_path, "Lee family", "responsible_adult")
    pupil = People(tutor.store).add("pupil", "Amy Lee", age_band="11-12").id
    People(tutor.store).add("responsible_adult", "Jo Lee", pupil_id=pupil)
    thread, codes, outcome = creating(tutor, pupil, broker.url)
    joined = family.linking.join(codes[0], broker.url, wait_s=20)
    thread.join(20)
    made = outcome[0]
    assert isinstance(made, Link), made
    adult = People(family.store).add("responsible_adult", "Jo Lee",
                                     pupil_id=joined.pupil_id).id
    lesson = Lessons(tutor.store, notifier=LinkNotifier(tutor.store, tutor.data)).book(
        load_pack(PACK), pupil, datetime.now(UTC) + timedelta(hours=1), duration_min=30,
        tutor_name="Pat Green", platform="zoom", confirmed_by="Pat Green",
        now=datetime.now(UTC) - timedelta(days=3))
    tutor.sync(broker.url)
    got = family.linking.sync(broker.url, wait_s=3, quiet_s=0.3)
    (announced,) = got.events
    assert announced.lesson_id is not None
    try:
        yield Linked(tutor, family, pupil, joined.pupil_id, adult, made, joined, lesson.id,
                     announced.lesson_id)
    finally:
        tutor.store.close()
        family.store.close()


def count(store: Store, table: str) -> int:
    return int(next(iter(store.db.query(f"SELECT COUNT(*) AS n FROM {table}")))["n"])


def test_a_client_on_the_broker_sees_no_name_no_id_and_nothing_left_behind(
        broker: Mosquitto, tmp_path: Path) -> None:
    spy = Spy(broker.url, "attacker-wildcard")
    try:
        tutor = side(tmp_path, "Pat Green", "tutor")
        family = side(tmp_path, "Lee family", "responsible_adult")
        pupil = People(tutor.store).add("pupil", "Amy Lee", age_band="11-12").id
        thread, codes, outcome = creating(tutor, pupil, broker.url)
        joined = family.linking.join(codes[0], broker.url, wait_s=20)
        thread.join(20)
        assert isinstance(outcome[0], Link), outcome
        adult = People(family.store).add("responsible_adult", "Jo Lee",
                                         pupil_id=joined.pupil_id).id
        consents = Consents(family.store, notifier=LinkNotifier(family.store, family.data))
        remote = consents.grant(load_pack(PACK), joined.pupil_id, adult, "Jo Lee").id
        consents.withdraw(remote, "Jo Lee", "we changed our minds")
        family.sync(broker.url)
        assert tutor.sync(broker.url)["kinds"] == ["consent.granted", "consent.withdrawn"]
        time.sleep(0.3)  # the last publishes reach the spy
    finally:
        spy.close()
    assert spy.seen
    seen = b"".join(t.encode() + b"\0" + p for t, p in spy.seen)
    me, them = identity(tutor.data), identity(family.data)
    for secret in ("Amy Lee", "Jo Lee", "Pat Green", "Lee family", PACK, "consent",
                   "we changed our minds", me.device_id, them.device_id, joined.id,
                   me.sign_pub.hex(), them.box_pub.hex(), codes[0].replace("-", "")):
        assert secret.encode() not in seen, secret
    assert {t.split("/")[2] for t, _p in spy.seen} <= {"pair", "m"}
    # Nothing of the pairing stays on the broker for whoever subscribes later.
    late = Spy(broker.url, "attacker-late")
    try:
        time.sleep(0.5)
        assert [t for t, p in late.seen if p and t.startswith("lessonguard/v1/pair/")] == []
    finally:
        late.close()
        tutor.store.close()
        family.store.close()


def test_junk_replays_and_reflections_are_refused_and_the_link_goes_on(
        linked: Linked, broker: Mosquitto) -> None:
    url = broker.url
    spy = Spy(url, "attacker-replayer")
    try:
        confirm_presence(linked.family.store, linked.copy, "Jo Lee",
                         notifier=LinkNotifier(linked.family.store, linked.family.data))
        linked.family.sync(url)
        assert linked.tutor.sync(url)["kinds"] == ["presence"]
        to_tutor = topic_of(linked.tutor, linked.tutor_link)
        to_family = topic_of(linked.family, linked.family_link)
        _t, presence = spy.wait_for(to_tutor)
        confirmations = count(linked.tutor.store, "confirmations")
        inbox = count(linked.tutor.store, "link_inbox")
        audit = count(linked.tutor.store, "audit_log")
        junk = [b"", b"\x00", os.urandom(500), os.urandom(300 * 1024),
                json.dumps({"v": 1, "kind": "consent.granted"}).encode(),
                presence, presence]  # the last two: the captured presence, replayed
        for payload in junk:
            spy.transport.publish(to_tutor, payload)
        spy.transport.publish(to_tutor, os.urandom(200), retain=True)  # there for good
        spy.transport.publish(to_family, presence)  # reflected to the sender
        report = linked.tutor.sync(url)
        assert report["received"] == 0 and report["refused"] >= len(junk)
        assert linked.family.sync(url)["received"] == 0
        assert count(linked.tutor.store, "confirmations") == confirmations
        assert count(linked.tutor.store, "link_inbox") == inbox
        assert count(linked.tutor.store, "audit_log") == audit
        # The link is not stopped by any of it: the next real message is applied.
        confirm_presence(linked.family.store, linked.copy, "Jo Lee", present=False,
                         notifier=LinkNotifier(linked.family.store, linked.family.data))
        linked.family.sync(url)
        assert linked.tutor.sync(url)["kinds"] == ["presence"]
        kinds = [r["kind"] for r in linked.tutor.store.db.query(
            "SELECT kind FROM confirmations ORDER BY id")]
        assert kinds == ["adult_present", "adult_left"]
    finally:
        spy.transport.clear_retained(topic_of(linked.tutor, linked.tutor_link))
        spy.close()


def test_a_running_session_takes_a_stream_of_junk_and_still_hears_a_withdrawal(
        linked: Linked, broker: Mosquitto) -> None:
    url = broker.url
    consents = Consents(linked.family.store,
                        notifier=LinkNotifier(linked.family.store, linked.family.data))
    remote = consents.grant(load_pack(PACK), linked.family_pupil, linked.adult, "Jo Lee").id
    linked.family.sync(url)
    heard: list[LinkEvent] = []
    session = linked.tutor.linking.session(url, heard.append)
    spy = Spy(url, "attacker-flood")
    try:
        deadline = time.monotonic() + 10
        while not session.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert session.connected
        to_tutor = topic_of(linked.tutor, linked.tutor_link)
        for _n in range(300):
            spy.transport.publish(to_tutor, os.urandom(1000))
        consents.withdraw(remote, "Jo Lee", "stop")
        linked.family.sync(url)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and "consent.withdrawn" not in [e.kind for e in heard]:
            time.sleep(0.05)
        assert "consent.withdrawn" in [e.kind for e in heard]
        assert not decide(linked.tutor.store, load_pack(PACK), linked.pupil).may_record
        assert session.connected
    finally:
        spy.close()
        session.close()


def test_a_client_watching_the_pairings_gets_one_guess_and_links_nobody(
        broker: Mosquitto, tmp_path: Path) -> None:
    """It sees every offer as it appears (lessonguard/v1/pair/+/a) and answers at once with
    a guess: the code ends (the price of one online guess per code), and nobody is linked."""
    url = broker.url
    tutor = side(tmp_path, "Pat Green", "tutor")
    family = side(tmp_path, "Lee family", "responsible_adult")
    pupil = People(tutor.store).add("pupil", "Amy Lee", age_band="11-12").id
    spy = Spy(url, "attacker-pairing", "lessonguard/v1/pair/+/a")
    try:
        thread, codes, outcome = creating(tutor, pupil, url)
        topic, offer = spy.wait_for("lessonguard/v1/pair/")
        code = parse_code(codes[0])
        # A guess: the code with one secret character changed (2^-35 to be right blindly).
        secret = code.secret[:6] + ALPHABET[(ALPHABET.index(code.secret[6]) + 1) % 31]
        guess = with_check(code.channel, secret)
        spake = SPAKE2_B(guess.secret.encode(), idA=ID_A, idB=ID_B)
        msg_b = spake.start()
        spake.finish(base64.b64decode(json.loads(offer)["spake"]))
        frame = {"t": "join", "spake": base64.b64encode(msg_b).decode(),
                 "hello": base64.b64encode(os.urandom(300)).decode()}
        base = topic.rsplit("/", 1)[0]
        for _n in range(5):  # more guesses on the same offer are not even looked at
            spy.transport.publish(f"{base}/b", json.dumps(frame).encode())
        thread.join(20)
        assert isinstance(outcome[0], PairingFailed) and "wrong code" in str(outcome[0])
        with pytest.raises(PairingFailed, match=r"Nobody is waiting|not right"):
            family.linking.join(codes[0], url, wait_s=2)
        assert tutor.linking.links() == [] and family.linking.links() == []
    finally:
        spy.close()
        tutor.store.close()
        family.store.close()


def test_another_client_cannot_take_over_the_tutors_session(linked: Linked,
                                                            broker: Mosquitto) -> None:
    """A client on the broker connects under the id it would compute from the tutor's
    published signing key (`lessonguard incident public-key`): it must not be handed the
    tutor's session and the messages queued for it."""
    import hashlib

    from app.export import public_raw, signing_key

    url = broker.url
    confirm_presence(linked.family.store, linked.copy, "Jo Lee",
                     notifier=LinkNotifier(linked.family.store, linked.family.data))
    linked.family.sync(url)  # waits on the broker for the tutor, who is away
    published = public_raw(signing_key(linked.tutor.data).public_key())
    device = hashlib.sha256(published).hexdigest()[:32]
    guessed = "lg-" + hashlib.sha256(f"mqtt client:{device}".encode()).hexdigest()[:20]
    assert guessed != linked.tutor.linking.client_id
    stolen: list[bytes] = []
    thief = MqttTransport(url)
    thief.connect(guessed, lambda _t, p: stolen.append(p))
    time.sleep(0.5)
    thief.close()
    assert stolen == []
    assert linked.tutor.sync(url)["kinds"] == ["presence"]
