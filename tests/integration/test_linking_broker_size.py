"""A client on the broker cannot push a payload larger than any sealed message into LessonGuard."""
from __future__ import annotations

import time
from pathlib import Path

from app.linking.envelope import MAX_PAYLOAD
from app.linking.mqtt import MqttTransport
from tests.helpers.mosquitto import Mosquitto


def test_a_payload_far_beyond_any_message_never_reaches_the_client(tmp_path: Path) -> None:
    broker = Mosquitto(tmp_path / "broker")
    broker.start()
    sizes: list[int] = []
    victim = MqttTransport(broker.url)
    attacker = MqttTransport(broker.url, publish_timeout_s=30)
    try:
        victim.connect("lg-victim", lambda _t, p: sizes.append(len(p)))
        victim.subscribe("lessonguard/v1/m/0123456789abcdef0123456789abcdef")
        attacker.connect("attacker", lambda _t, _p: None)
        attacker.publish("lessonguard/v1/m/0123456789abcdef0123456789abcdef",
                         b"\0" * (32 * 1024 * 1024))  # 32 MB; Mosquitto takes up to 256 MB
        attacker.publish("lessonguard/v1/m/0123456789abcdef0123456789abcdef", b"small")
        deadline = time.monotonic() + 15
        while 5 not in sizes and time.monotonic() < deadline:
            time.sleep(0.05)
        assert 5 in sizes
        assert max(sizes) <= MAX_PAYLOAD, f"the client took in {max(sizes)} bytes"
    finally:
        victim.close()
        attacker.close()
        broker.kill()
