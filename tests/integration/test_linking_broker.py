"""Two LessonGuard installations linked through a real Mosquitto (Debian's, on loopback).

Two data folders, the tutor's and the family's, each driven only through real `lessonguard`
processes, as a school technician's script or the people themselves would: they link with a
code; the family confirms presence and gives consent, and the tutor's `lesson show` and
`consent status` see both as from the family's computer; the broker is killed mid-lesson and
restarted, and nothing is lost; withdrawing consent on the family's side stops the tutor's
running `lessonguard record` within 3 s, and the recording kept up to then decodes (ffprobe);
a replayed message, and one signed by a key that was never linked, are refused. One broker
serves the module; the broker is read only as an eavesdropper would (its raw bytes).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.linking.envelope import Inner, Refused, open_sealed, seal
from app.linking.identity import identity
from app.linking.links import all_links
from app.linking.mqtt import BrokerError, MqttTransport
from app.recordings import Recordings
from app.store import Store
from tests.helpers.mosquitto import Mosquitto, free_port
from tests.helpers.pulse import PulseServer
from tests.helpers.recording import decrypt_to, ffprobe

EXE = str(Path(sys.executable).with_name("lessonguard"))
PACK = "tutorninjas"  # records, with the parent's consent first
WITHDRAWAL_STOPS_WITHIN_S = 3.0


def lg(data: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([EXE, "--data-dir", str(data), *args], capture_output=True,
                          text=True, timeout=timeout, env=_env())
    assert "Traceback" not in done.stderr, done.stderr
    return done


def lg_json(data: Path, *args: str) -> Any:
    done = lg(data, *args, "--json")
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return json.loads(done.stdout)


def _env() -> dict[str, str]:
    return {**os.environ, "LESSONGUARD_KEYSTORE": "file", "PYTHONUNBUFFERED": "1"}


class Lines:
    """A running process's stdout, read on a thread, waited for with a bound."""

    def __init__(self, stream: IO[str]) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()  # None: the process ended
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)  # the end of the output

    def wait_for(self, text: str, timeout: float = 30, since: int = 0) -> str:
        """The first line from line `since` on that holds `text`, read or still to come."""
        for line in self.seen[since:]:
            if text in line:
                return line
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                got = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if got is None:
                break
            self.seen.append(got)
            if text in got:
                return got
        raise AssertionError(f"no line with {text!r} within {timeout} s: {self.seen}")


@dataclass
class Pair:
    tutor: Path
    family: Path
    tutor_pupil: int
    family_pupil: int
    tutor_lesson: int
    family_lesson: int
    family_adult: int
    link_id: str


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mosquitto]:
    server = Mosquitto(tmp_path_factory.mktemp("mosquitto"))
    server.start()
    yield server
    server.kill()


def at_once(*calls: tuple[Path, tuple[str, ...]]) -> list[subprocess.CompletedProcess[str]]:
    """Independent commands run side by side (a test of two computers need not wait for
    one to start before the other)."""
    procs = [subprocess.Popen([EXE, "--data-dir", str(d), *a], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
             for d, a in calls]
    done = []
    for proc, (_d, a) in zip(procs, calls, strict=True):
        stdout, stderr = proc.communicate(timeout=60)
        assert "Traceback" not in stderr, stderr
        done.append(subprocess.CompletedProcess(a, proc.returncode, stdout, stderr))
    return done


def json_of(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode == 0, (done.args, done.stdout, done.stderr)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def pair(broker: Mosquitto, tmp_path_factory: pytest.TempPathFactory) -> Pair:
    """The tutor (Pat Green) and Jo Lee's family, linked for Amy with a code, and a lesson
    booked on the tutor's side that the family's side has taken in."""
    root = tmp_path_factory.mktemp("two-sides")
    tutor, family = root / "tutor", root / "family"
    for done in at_once(
            (tutor, ("setup", "--role", "tutor", "--name", "Pat Green", "--policy", PACK)),
            (family, ("setup", "--role", "responsible_adult", "--name", "Jo Lee", "--policy",
                      PACK))):
        assert done.returncode == 0, done.stderr
    pupil = lg_json(tutor, "people", "add", "--role", "pupil", "--name", "Amy Lee", "--dob",
                    "2015-02-03")["id"]
    creator = subprocess.Popen(
        [EXE, "--data-dir", str(tutor), "link", "create", "--pupil", str(pupil), "--broker",
         broker.url, "--wait", "60", "--json"],
        text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    try:
        assert creator.stdout is not None
        first = json.loads(creator.stdout.readline())  # printed at once, before the wait
        assert first["event"] == "code" and len(first["code"]) == 14
        # Typed as people type it: lower case, spaces for dashes.
        joined = lg_json(family, "link", "join", first["code"].lower().replace("-", " "),
                         "--broker", broker.url)
        created_out, created_err = creator.communicate(timeout=60)
    finally:
        if creator.poll() is None:
            creator.kill()
        creator.communicate(timeout=10)
    assert creator.returncode == 0, created_err
    created = json.loads(created_out.strip().splitlines()[-1])
    assert created["event"] == joined["event"] == "linked"
    link_id = created["link"]["link_id"]
    assert joined["link"]["link_id"] == link_id
    assert (created["link"]["peer_name"], joined["link"]["peer_name"]) == ("Jo Lee", "Pat Green")
    # The tutor books the lesson (announced to the family's computer); meanwhile each side
    # lists the other, the broker given once is now the family's setting, and Jo Lee is
    # registered as the adult on her own computer.
    # In an hour (a practice lesson needs no notice): the family's confirmations are taken
    # only around the lesson's time.
    starts = datetime.now() + timedelta(hours=1)
    booked, listed, setting, adult = (json_of(done) for done in at_once(
        (tutor, ("lesson", "book", "--pupil", str(pupil), "--date", f"{starts:%Y-%m-%d}",
                 "--time", f"{starts:%H:%M}", "--tutor", "Pat Green", "--practice",
                 "--json")),
        (tutor, ("link", "list", "--json")),
        (family, ("link", "broker", "--json")),
        (family, ("people", "add", "--role", "responsible_adult", "--name", "Jo Lee",
                  "--pupil", str(joined["link"]["pupil_id"]), "--json"))))
    assert [ln["link_id"] for ln in listed] == [link_id]
    assert setting["broker"] == broker.url
    got = lg_json(family, "link", "sync", "--wait", "2")
    assert got["received"] >= 1
    copies = lg_json(family, "lesson", "list")
    assert len(copies) == 1
    return Pair(tutor, family, pupil, joined["link"]["pupil_id"], booked["id"],
                copies[0]["id"], adult["id"], link_id)


def _confirmations(summary: dict[str, Any]) -> list[dict[str, Any]]:
    found = summary.get("confirmations")
    assert isinstance(found, list), summary
    return found


def test_family_confirms_and_consents_and_a_withdrawal_stops_the_tutors_recording(
        pair: Pair, broker: Mosquitto, pulse: PulseServer, tmp_path: Path) -> None:
    tutor, family = pair.tutor, pair.family
    # Before the family says anything, the tutor may not record Amy. On the family's
    # computer Jo Lee says she is in the room, then gives consent there.
    status, confirmed = at_once(
        (tutor, ("consent", "status", "--pupil", str(pair.tutor_pupil), "--policy", PACK,
                 "--json")),
        (family, ("confirm", "adult-present", "--lesson", str(pair.family_lesson), "--name",
                  "Jo Lee", "--json")))
    assert status.returncode == 1 and confirmed.returncode == 0, confirmed.stderr
    assert json.loads(confirmed.stdout)["sent"] is True
    consent = lg_json(family, "consent", "grant", "--policy", PACK, "--pupil",
                      str(pair.family_pupil), "--by", str(pair.family_adult), "--typed-name",
                      "Jo Lee")
    # On the tutor's computer both are seen, as from the family's computer.
    got = lg_json(tutor, "link", "sync", "--wait", "2")
    assert got["received"] >= 2
    shown, may = (json_of(done) for done in at_once(
        (tutor, ("lesson", "show", str(pair.tutor_lesson), "--json")),
        (tutor, ("consent", "status", "--pupil", str(pair.tutor_pupil), "--policy", PACK,
                 "--json"))))
    present = [c for c in _confirmations(shown) if c["kind"] == "adult_present"]
    assert len(present) == 1, shown
    assert present[0]["from"] == "linked computer" and present[0]["device"] == "Jo Lee"
    assert may["may_record"] is True
    assert [(c["given_by_name"], c["from"], c["device"]) for c in may["consents"]] == \
        [("Jo Lee", "linked computer", "Jo Lee")]

    # The tutor records; the recording keeps a link session open.
    with subprocess.Popen(
            [EXE, "--data-dir", str(tutor), "record", "--policy", PACK, "--pupil",
             str(pair.tutor_pupil), "--camera", "synthetic", "--seconds", "120"],
            text=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env(),
    ) as recorder:
        try:
            assert recorder.stdout is not None
            out = Lines(recorder.stdout)
            out.wait_for("● Recording")
            out.wait_for("reachable")
            restarted = len(out.seen)
            # Mid-lesson the broker dies. The family confirms the room all the same: it waits
            # on the family's computer, said plainly, and the command still succeeds.
            broker.kill()
            offline = lg(family, "confirm", "room", "--lesson", str(pair.family_lesson),
                         "--name", "Jo Lee")
            assert offline.returncode == 0, offline.stderr
            assert "cannot reach the broker at" in offline.stderr
            broker.start()
            sent = lg_json(family, "link", "sync", "--wait", "1")
            assert sent["sent"] >= 1 and sent["waiting"] == 0
            # The recording's session reconnects by itself and takes the room in.
            out.wait_for("living area", since=restarted)
            # Jo Lee withdraws consent on her computer: the tutor's recording stops.
            withdrawn = lg_json(family, "consent", "withdraw", str(consent["id"]), "--by",
                                "Jo Lee", "--reason", "We would rather not")
            recorder.wait(30)
        finally:
            if recorder.poll() is None:
                recorder.kill()
                recorder.wait(10)
    recordings, shown, status = at_once(
        (tutor, ("recordings", "list", "--json")),
        (tutor, ("lesson", "show", str(pair.tutor_lesson), "--json")),
        (tutor, ("consent", "status", "--pupil", str(pair.tutor_pupil), "--policy", PACK,
                 "--json")))
    made, = json_of(recordings)
    # The withdrawal as the family's computer noted it, and as the tutor's took it in (the
    # family's command had sent it before it returned); and the last moment of picture and
    # sound kept: each to the second, as the records keep them. (Under a busy machine the
    # recorder may take longer to close its file than to stop taking in picture and sound:
    # what counts is what was recorded after the withdrawal.)
    withdrawn_at = datetime.fromisoformat(withdrawn["withdrawn_at"])
    store = Store(tutor)
    try:
        taken_in, = (datetime.fromisoformat(r["received_at"]) for r in store.db.query(
            "SELECT received_at FROM link_inbox WHERE kind = 'consent.withdrawn'"))
    finally:
        store.close()
    last_recorded = datetime.fromisoformat(made["started_at"]) + timedelta(
        seconds=made["duration_s"])
    assert (taken_in - withdrawn_at).total_seconds() <= WITHDRAWAL_STOPS_WITHIN_S, \
        (taken_in, withdrawn_at)
    assert (last_recorded - withdrawn_at).total_seconds() <= WITHDRAWAL_STOPS_WITHIN_S, \
        (made, withdrawn)
    assert made["state"] == "complete" and made["duration_s"] > 1
    assert "consent" in made["note"]
    # What was kept up to the withdrawal is a whole recording.
    store = Store(tutor)
    try:
        plain = decrypt_to(Recordings(store, tutor), made["id"], tmp_path / "kept.mp4")
    finally:
        store.close()
    probe = ffprobe(plain)
    assert {s["codec_type"] for s in probe["streams"]} == {"video", "audio"}
    assert float(probe["format"]["duration"]) > 1
    # Nothing was lost to the broker's death: the room is on the tutor's record, once; and
    # consent is gone on the tutor's side too.
    kinds = [c["kind"] for c in _confirmations(json_of(shown))
             if c["from"] == "linked computer"]
    assert kinds.count("adult_present") == 1 and kinds.count("room_living_area") == 1
    assert status.returncode == 1


def test_a_replayed_message_and_one_signed_by_an_unlinked_key_are_refused(
        pair: Pair, broker: Mosquitto) -> None:
    tutor, family = pair.tutor, pair.family
    store = Store(family)
    try:
        link = next(ln for ln in all_links(store.db) if ln.id == pair.link_id)
    finally:
        store.close()
    me = identity(family)
    key = link.key(me)
    # Someone who can read the broker (an administrator, or an attacker with its password)
    # records what goes to the tutor's computer.
    captured: list[tuple[str, bytes, Inner]] = []
    plain: list[bytes] = []
    arrived = threading.Event()

    def record(topic: str, payload: bytes) -> None:
        if b"Jo Lee" in payload or b"Amy" in payload:
            plain.append(payload)  # the broker must only ever see ciphertext
        try:
            inner = open_sealed(key, topic, payload, peer_sign_pub=me.sign_pub,
                                link_id=link.id, sender=me.device_id,
                                recipient=link.peer_device_id)
        except Refused:  # the other way, to the family (under another key's topic)
            return
        captured.append((topic, payload, inner))
        if inner.kind == "presence":
            arrived.set()

    spy = MqttTransport(broker.url)
    spy.connect("test-spy", record)
    try:
        spy.subscribe("lessonguard/v1/m/#")
        lg_json(family, "confirm", "adult-present", "--lesson", str(pair.family_lesson),
                "--name", "Jo Lee", "--left")
        assert arrived.wait(20), captured
    finally:
        spy.close()
    assert plain == []
    taken = lg_json(tutor, "link", "sync", "--wait", "1")
    assert taken["received"] >= 1
    topic, payload, left = next(o for o in reversed(captured) if o[2].kind == "presence")
    before = lg_json(tutor, "lesson", "show", str(pair.tutor_lesson))
    # 1. Replayed: the same bytes again, published to the broker by someone else.
    publisher = MqttTransport(broker.url)
    publisher.connect("test-attacker", lambda _t, _p: None)
    try:
        publisher.publish(topic, payload)
        replay = lg_json(tutor, "link", "sync", "--wait", "1")
        assert replay["refused"] >= 1 and replay["received"] == 0
        # 2. Forged: well formed, encrypted for the link, next in order, but signed by a key
        # the tutor's computer never linked.
        body = {**left.body, "name": "Mallory Forged", "present": True}
        forged_topic, forged = seal(key, Ed25519PrivateKey.generate(), link_id=link.id,
                                    sender=me.device_id, recipient=link.peer_device_id,
                                    seq=left.seq + 1000, at=left.at, kind="presence",
                                    body=body)
        assert forged_topic == topic
        publisher.publish(forged_topic, forged)
        refused = lg_json(tutor, "link", "sync", "--wait", "1")
        assert refused["refused"] >= 1 and refused["received"] == 0
    finally:
        publisher.close()
    after = lg_json(tutor, "lesson", "show", str(pair.tutor_lesson))
    assert _confirmations(after) == _confirmations(before)
    assert "Mallory" not in json.dumps(after)


def test_hostile_input_is_refused_plainly(broker: Mosquitto, tmp_path: Path) -> None:
    from app.linking.codes import make_code

    here = tmp_path / "lg"
    closed = f"mqtt://127.0.0.1:{free_port()}"
    started = time.monotonic()
    bad, nobroker, url, down, lonely = at_once(
        (here, ("link", "join", "0OIL-XXXX-XXXX", "--broker", broker.url)),
        (here, ("link", "sync")),
        (here, ("link", "sync", "--broker", "http://example.org")),
        (here, ("link", "sync", "--broker", closed)),
        # A well-formed code nobody is waiting for: no answer, said plainly, within --wait.
        (here, ("link", "join", make_code().text, "--broker", broker.url, "--wait", "2")))
    assert time.monotonic() - started < 20
    assert bad.returncode == 2 and "cannot be in a link code" in bad.stderr
    assert nobroker.returncode == 2 and "No broker is set" in nobroker.stderr
    assert url.returncode == 2 and "mqtt://" in url.stderr
    assert down.returncode == 1
    assert f"cannot reach the broker at {closed}" in down.stderr
    assert lonely.returncode == 1 and "Nobody is waiting with the code" in lonely.stderr


def test_the_broker_dying_while_a_code_waits_is_said_plainly(tmp_path: Path) -> None:
    own = Mosquitto(tmp_path / "broker")
    own.start()
    here = tmp_path / "lg"
    try:
        assert lg(here, "setup", "--role", "tutor", "--name", "Pat Green").returncode == 0
        pupil = lg_json(here, "people", "add", "--role", "pupil", "--name", "Amy Lee",
                        "--dob", "2015-02-03")["id"]
        creator = subprocess.Popen(
            [EXE, "--data-dir", str(here), "link", "create", "--pupil", str(pupil),
             "--broker", own.url, "--wait", "5"],
            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
        try:
            assert creator.stdout is not None
            assert creator.stdout.readline().startswith("Code: ")
            own.kill()
            started = time.monotonic()
            _out, err = creator.communicate(timeout=40)
        finally:
            if creator.poll() is None:
                creator.kill()
            creator.communicate(timeout=10)
    finally:
        own.kill()
    assert creator.returncode == 1, err
    assert "Traceback" not in err and "broker" in err
    assert time.monotonic() - started < 30


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    """An organisation's own CA and the broker's certificate for 127.0.0.1 under it."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    now = datetime.now().astimezone()
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(
        ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("Music Service CA"))
          .issuer_name(name("Music Service CA")).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(1))
          .not_valid_after(now + timedelta(30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder().subject_name(name("broker")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(1)).not_valid_after(now + timedelta(30))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "ca.pem", folder / "broker.pem", folder / "broker.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return paths


def test_a_broker_run_as_docs_linking_says_tls_passwords_and_the_acl(tmp_path: Path) -> None:
    ca, cert, key = _certificates(tmp_path / "certs")
    own = Mosquitto(tmp_path / "broker", tls=(cert, key), users={"tutor-17": "s3cret pass"},
                    acl="pattern readwrite lessonguard/v1/#\n")
    own.start()
    where = f"127.0.0.1:{own.port}"
    try:
        got: list[bytes] = []
        client = MqttTransport(f"mqtts://tutor-17:s3cret%20pass@{where}?ca={ca}")
        client.connect("test-tls", lambda _t, payload: got.append(payload))
        try:
            client.subscribe("lessonguard/v1/m/test")
            client.publish("lessonguard/v1/m/test", b"sealed")
            with pytest.raises(BrokerError, match="refused a message: Not authorized"):
                client.publish("elsewhere/test", b"not LessonGuard's")
        finally:
            client.close()
        assert got == [b"sealed"]
        # Without the organisation's CA the certificate is not trusted; a wrong password is
        # refused; each said plainly, naming the broker (never the password).
        with pytest.raises(BrokerError, match=f"mqtts://tutor-17@{where}: its certificate "
                                              "cannot be trusted"):
            MqttTransport(f"mqtts://tutor-17:s3cret%20pass@{where}").connect(
                "test-no-ca", lambda _t, _p: None)
        with pytest.raises(BrokerError, match="refused LessonGuard") as refused:
            MqttTransport(f"mqtts://tutor-17:wrong@{where}?ca={ca}").connect(
                "test-wrong", lambda _t, _p: None)
        assert "wrong" not in str(refused.value)
    finally:
        own.kill()
