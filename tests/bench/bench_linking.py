"""Linking through a real Mosquitto: message latency, and what a lesson puts through the broker.

    .venv/bin/python tests/bench/bench_linking.py [--messages 500]

1. Latency: a message sealed on one side (signed, encrypted), published at QoS 1 through
   Mosquitto on loopback, received and opened on the other: median and p95, and the time a
   publish waits for the broker's acknowledgement.
2. One lesson: two installations are linked with a code (two data folders, the real `Linking`
   service), then one TutorNinjas lesson runs as the use cases send it (announced, checks
   summary, presence, room, consent, started, ended, the record). An eavesdropper on
   `lessonguard/v1/#` counts every message and byte the broker carried, which is then scaled
   to a 500-tutor organisation (20 lessons a week each).
Loopback hides the network's own delay: add the round trip to the broker for a real site.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey  # noqa: E402

from app.linking.envelope import message_key, open_sealed, seal  # noqa: E402
from app.linking.mqtt import MqttTransport  # noqa: E402
from tests.helpers.mosquitto import Mosquitto  # noqa: E402

TUTORS, LESSONS_PER_WEEK = 500, 20


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency(broker: Mosquitto, count: int) -> None:
    b_sign = Ed25519PrivateKey.generate()
    a_box, b_box = X25519PrivateKey.generate(), X25519PrivateKey.generate()
    link = "ab" * 16
    key = message_key(a_box, b_box.public_key().public_bytes_raw(), link)
    b_sign_pub = b_sign.public_key().public_bytes_raw()
    arrived: dict[int, float] = {}
    done = threading.Event()

    def on_message(topic: str, payload: bytes) -> None:
        inner = open_sealed(key, topic, payload, peer_sign_pub=b_sign_pub, link_id=link,
                            sender="b" * 32, recipient="a" * 32)
        arrived[inner.seq] = time.perf_counter()
        if len(arrived) == count:
            done.set()

    receiver, sender = MqttTransport(broker.url), MqttTransport(broker.url)
    receiver.connect("bench-a", on_message)
    sender.connect("bench-b", lambda _t, _p: None)
    at = "2026-12-02T17:58:00+00:00"
    body = {"lesson": 12, "name": "Jo Lee", "at": at, "present": True}
    topic, _ = seal(key, b_sign, link_id=link, sender="b" * 32, recipient="a" * 32, seq=1,
                    at=at, kind="presence", body=body)
    receiver.subscribe(topic)
    sent: dict[int, float] = {}
    acked: list[float] = []
    size = 0
    for seq in range(1, count + 1):
        start = time.perf_counter()
        topic, payload = seal(key, b_sign, link_id=link, sender="b" * 32,
                              recipient="a" * 32, seq=seq, at=at, kind="presence",
                              body=body)
        sent[seq] = start
        size = len(payload)
        sender.publish(topic, payload)
        acked.append((time.perf_counter() - start) * 1000)
        time.sleep(0.002)  # one message at a time, as a lesson sends them
    done.wait(30)
    ms = [(arrived[s] - sent[s]) * 1000 for s in sent if s in arrived]
    print(f"latency, {len(ms)} of {count} messages of {size} bytes (seal → Mosquitto → open):")
    print(f"  median {statistics.median(ms):.2f} ms, p95 {pct(ms, 0.95):.2f} ms, "
          f"max {max(ms):.2f} ms")
    print(f"  publish until PUBACK: median {statistics.median(acked):.2f} ms, "
          f"p95 {pct(acked, 0.95):.2f} ms")
    sender.close()
    receiver.close()


def run_one_lesson(url: str, folder: Path) -> list[tuple[str, int]]:
    """Link two data folders and run one TutorNinjas lesson through the use cases; returns
    (topic, bytes) of everything the broker carried, as an eavesdropper saw it."""
    from datetime import UTC, datetime, timedelta

    from app.consent import Consents
    from app.lessons import Lessons
    from app.linking.confirm import confirm_presence, confirm_room
    from app.linking.service import Linking
    from app.people import People
    from app.policy.loader import load_pack
    from app.store import Store

    seen: list[tuple[str, int]] = []
    spy = MqttTransport(url)
    spy.connect("bench-eavesdropper", lambda topic, payload: seen.append((topic, len(payload))))
    spy.subscribe("lessonguard/v1/#")
    pack = load_pack("tutorninjas")
    sides = {}
    for name, role in (("tutor", "tutor"), ("family", "responsible_adult")):
        data = folder / name
        data.mkdir()
        store = Store(data)
        sides[name] = (store, Linking(store, data, name=name.title(), role=role))
    (t_store, tutor), (f_store, family) = sides["tutor"], sides["family"]
    pupil = People(t_store).add("pupil", "Amy Lee", age_band="11-12")
    codes: list[str] = []
    shown = threading.Event()
    made = []

    def on_code(code: str) -> None:
        codes.append(code)
        shown.set()

    creator = threading.Thread(target=lambda: made.append(tutor.create(
        pupil.id, url, on_code=on_code, wait_s=30, pack_id=pack.id)))
    creator.start()
    shown.wait(30)
    joined = family.join(codes[0], url, wait_s=30)
    creator.join(30)
    adult = People(f_store).add("responsible_adult", "Jo Lee", pupil_id=joined.pupil_id)
    t_lessons = Lessons(t_store, notifier=tutor.notifier())
    starts = (datetime.now(UTC) + timedelta(minutes=5)).replace(microsecond=0)
    lesson = t_lessons.book(pack, pupil.id, starts, duration_min=30, tutor_name="Pat Green",
                            platform="zoom", confirmed_by="Pat Green", practice=True)
    tutor.sync(url, wait_s=1, quiet_s=0.2)
    family.sync(url, wait_s=2, quiet_s=0.3)
    copy = next(iter(f_store.db.query("SELECT id FROM lessons WHERE link_id IS NOT NULL")))
    f_notify = family.notifier()
    f_notify.checks_summary(copy["id"], ready=True, at=datetime.now(UTC), verdicts=[
        (c, "pass") for c in ("camera", "microphone", "bandwidth", "background", "people",
                              "room", "apps", "supervision")])
    confirm_presence(f_store, copy["id"], "Jo Lee", notifier=f_notify)
    confirm_room(f_store, copy["id"], "Jo Lee", notifier=f_notify)
    Consents(f_store, notifier=f_notify).grant(pack, joined.pupil_id, adult.id, "Jo Lee")
    family.sync(url, wait_s=1, quiet_s=0.2)
    tutor.sync(url, wait_s=2, quiet_s=0.3)
    t_lessons.start(lesson.id, by="Pat Green", now=starts)
    tutor.sync(url, wait_s=1, quiet_s=0.2)
    family.sync(url, wait_s=2, quiet_s=0.3)
    # VTO's parent at the end: the adult says they are leaving as the lesson closes.
    confirm_presence(f_store, copy["id"], "Jo Lee", present=False, notifier=f_notify)
    family.sync(url, wait_s=1, quiet_s=0.2)
    tutor.sync(url, wait_s=2, quiet_s=0.3)
    t_lessons.end(lesson.id, by="Pat Green", now=starts + timedelta(minutes=30))
    tutor.sync(url, wait_s=1, quiet_s=0.2)
    family.sync(url, wait_s=2, quiet_s=0.3)
    tutor.sync(url, wait_s=1, quiet_s=0.3)  # the acknowledgements of the last ones
    time.sleep(0.3)
    spy.close()
    t_store.close()
    f_store.close()
    return seen


def one_lesson(broker: Mosquitto, folder: Path) -> None:
    seen = run_one_lesson(broker.url, folder)
    pairing = [(t, n) for t, n in seen if "/pair/" in t and n]
    lesson = [(t, n) for t, n in seen if "/m/" in t]
    msgs, size = len(lesson), sum(n for _t, n in lesson)
    print(f"pairing (once per pupil): {len(pairing)} messages, "
          f"{sum(n for _t, n in pairing)} bytes")
    print(f"one lesson (announce, checks, presence, room, consent, start, end, record, "
          f"acknowledgements): {msgs} messages, {size} bytes "
          f"({size / max(1, msgs):.0f} per message, largest {max(n for _t, n in lesson)})")
    week = TUTORS * LESSONS_PER_WEEK
    busy_hour = msgs * week / 5 / 5  # a fifth of a weekday's lessons in its busiest hour
    print(f"{TUTORS} tutors x {LESSONS_PER_WEEK} lessons a week = {week} lessons: "
          f"{msgs * week} messages and {size * week / 1e6:.1f} MB a week; in the busiest "
          f"hour {busy_hour:.0f} messages ({busy_hour / 3600:.2f} a second, "
          f"{size * week / 25 / 3600 / 1e3:.2f} kB/s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        broker = Mosquitto(Path(tmp) / "broker")
        broker.start()
        try:
            latency(broker, args.messages)
            one_lesson(broker, Path(tmp))
        finally:
            broker.kill()


if __name__ == "__main__":
    main()
