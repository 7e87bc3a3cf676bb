"""What the linking service needs of a message broker, and nothing more.

Why: the service is the same whether messages go through Mosquitto (app/linking/mqtt.py),
another MQTT broker, or the in-process bus the unit tests use (app/linking/memory_bus.py).
The broker only ever sees opaque topics and ciphertext; everything else is the service's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from app.errors import LessonGuardError

OnMessage = Callable[[str, bytes], None]


class LinkUnavailable(LessonGuardError):
    """The broker cannot be reached, or the connection to it was lost. Not an error for the
    lesson: each side goes on alone and what it has to say stays queued."""


class Transport(Protocol):
    """One connection to a broker, for one installation (its client id is derived from the
    device id, so the broker keeps its session and subscriptions while it is away).

    Delivery is at least once and in order per topic (MQTT QoS 1 with a persistent session):
    messages published to a subscribed topic while this installation was offline arrive
    after it connects again. `on_message` may be called on any thread, and must not block.
    Every method raises a `LessonGuardError` (`LinkUnavailable`, or mqtt.py's `BrokerError`)
    when the broker cannot be reached; the service takes any of them as "offline".
    """

    def connect(self, client_id: str, on_message: OnMessage) -> None:
        """Connect (keeping the broker's session for `client_id`); returns once connected."""

    def subscribe(self, topic: str) -> None:
        """Receive what is published to `topic` (an exact topic, no wildcards); returns
        once the broker has acknowledged it."""

    def publish(self, topic: str, payload: bytes, *, retain: bool = False) -> None:
        """Send at QoS 1; returns after the broker acknowledged it (PUBACK)."""

    def clear_retained(self, topic: str) -> None:
        """Remove a retained message (a pairing offer once it has been answered)."""

    def connected(self) -> bool:
        """False once the connection to the broker was lost (the session then connects again)."""

    def close(self) -> None:
        """Disconnect; the broker keeps the session. Safe to call twice."""


Connect = Callable[[str], Transport]  # a broker URL -> a Transport not yet connected
