"""An in-process broker for the linking unit tests only: the integration tests and the app use
a real MQTT broker (app/linking/mqtt.py with Mosquitto).

Why: the service's rules (order, replay, offline queues, reconnecting) are tested quickly and
without a process, against the same `Transport` interface, with what matters of MQTT kept:
QoS 1 with a persistent session per client id (what is published to its topics while it is
away waits for it), retained messages, a broker that can go down and come back, and a record
of everything the broker saw (to show it is only ciphertext under opaque topics).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from app.linking.transport import LinkUnavailable, OnMessage
from app.texts import _


@dataclass
class _Session:
    topics: set[str] = field(default_factory=set)
    waiting: list[tuple[str, bytes]] = field(default_factory=list)
    transport: MemoryTransport | None = None
    on_message: OnMessage | None = None


class MemoryBus:
    """One broker. `bus.transport` is a `Connect` (`Linking(..., connect=bus.transport)`)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._sessions: dict[str, _Session] = {}
        self._retained: dict[str, bytes] = {}
        self._running = True
        self._lose_acks = 0
        self.seen: list[tuple[str, bytes]] = []  # every publish the broker received

    def transport(self, url: str = "memory://") -> MemoryTransport:
        return MemoryTransport(self, url)

    # --- what a test does to the broker ---

    def stop(self) -> None:
        """The broker goes down: every connection is lost; sessions and queues are kept
        (Mosquitto's persistence)."""
        with self._lock:
            self._running = False
            for session in self._sessions.values():
                if session.transport is not None:
                    session.transport._connected = False
                session.transport = None

    def start(self) -> None:
        with self._lock:
            self._running = True

    def lose_next_acks(self, count: int = 1) -> None:
        """The next `count` publishes reach the broker but their PUBACK is lost: the sender
        sees the connection drop and sends again (at least once, so duplicates arrive)."""
        with self._lock:
            self._lose_acks += count

    def lose_waiting(self) -> int:
        """The broker crashes before saving: what waited for offline clients is lost
        (Mosquitto killed within its autosave interval). Returns how many were lost."""
        with self._lock:
            lost = sum(len(s.waiting) for s in self._sessions.values())
            for session in self._sessions.values():
                session.waiting.clear()
        return lost

    def inject(self, topic: str, payload: bytes) -> None:
        """Publish as someone else with access to the broker (a replay, a forgery)."""
        self._route(topic, payload, retain=False)

    def retained(self, topic: str) -> bytes | None:
        with self._lock:
            return self._retained.get(topic)

    # --- the broker's own work ---

    def _check_running(self) -> None:
        if not self._running:
            raise LinkUnavailable(_("The link broker cannot be reached."),
                                  _("Each side goes on alone; messages wait until it is back."))

    def _route(self, topic: str, payload: bytes, *, retain: bool) -> None:
        deliveries: list[tuple[OnMessage, str, bytes]] = []
        with self._lock:
            self._check_running()
            self.seen.append((topic, payload))
            if retain:
                self._retained[topic] = payload
            for session in self._sessions.values():
                if topic not in session.topics:
                    continue
                if session.transport is not None and session.on_message is not None:
                    deliveries.append((session.on_message, topic, payload))
                else:
                    session.waiting.append((topic, payload))
        for on_message, t, p in deliveries:
            on_message(t, p)

    def _connect(self, transport: MemoryTransport, client_id: str,
                 on_message: OnMessage) -> None:
        with self._lock:
            self._check_running()
            session = self._sessions.setdefault(client_id, _Session())
            if session.transport is not None and session.transport is not transport:
                session.transport._connected = False  # MQTT: the same client id takes over
            session.transport, session.on_message = transport, on_message
            waiting, session.waiting = session.waiting, []
        for topic, payload in waiting:
            on_message(topic, payload)

    def _subscribe(self, client_id: str, topic: str) -> None:
        with self._lock:
            self._check_running()
            session = self._sessions[client_id]
            session.topics.add(topic)
            retained = self._retained.get(topic)
            on_message = session.on_message
        if retained is not None and on_message is not None:
            on_message(topic, retained)

    def _publish(self, topic: str, payload: bytes, retain: bool) -> None:
        self._route(topic, payload, retain=retain)
        with self._lock:
            if self._lose_acks:
                self._lose_acks -= 1
                raise LinkUnavailable(_("The connection to the link broker was lost."))

    def _clear_retained(self, topic: str) -> None:
        with self._lock:
            self._check_running()
            self._retained.pop(topic, None)

    def _disconnect(self, transport: MemoryTransport, client_id: str) -> None:
        with self._lock:
            session = self._sessions.get(client_id)
            if session is not None and session.transport is transport:
                session.transport = None


class MemoryTransport:
    """One installation's connection to a `MemoryBus`."""

    def __init__(self, bus: MemoryBus, url: str) -> None:
        self.bus, self.url = bus, url
        self._client_id: str | None = None
        self._connected = False

    def _require(self) -> str:
        if not self._connected or self._client_id is None:
            raise LinkUnavailable(_("The connection to the link broker was lost."))
        return self._client_id

    def connect(self, client_id: str, on_message: OnMessage) -> None:
        self._client_id = client_id
        self._connected = True
        try:
            self.bus._connect(self, client_id, on_message)
        except LinkUnavailable:
            self._connected = False
            raise

    def subscribe(self, topic: str) -> None:
        self.bus._subscribe(self._require(), topic)

    def publish(self, topic: str, payload: bytes, *, retain: bool = False) -> None:
        self._require()
        try:
            self.bus._publish(topic, payload, retain)
        except LinkUnavailable:
            self._connected = False
            raise

    def clear_retained(self, topic: str) -> None:
        self._require()
        self.bus._clear_retained(topic)

    def connected(self) -> bool:
        return self._connected

    def close(self) -> None:
        if self._client_id is not None:
            self.bus._disconnect(self, self._client_id)
        self._connected = False
