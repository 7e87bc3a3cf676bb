"""The MQTT transport for linked installations: paho-mqtt 2.x to the organisation's broker.

Why: an organisation already knows how to run an MQTT broker (Mosquitto for one service,
EMQX, HiveMQ or VerneMQ beyond one machine), and MQTT's persistent sessions keep a message
for a side that is offline until it comes back. This module only moves sealed bytes: what
they mean, and the keys, live in the rest of app/linking.

- `mqtt://host[:1883]` or `mqtts://host[:8883]` (TLS checked against the system's CAs, or an
  organisation's own CA file: `?ca=/path/ca.pem`); `user:password@` for a broker that asks.
- MQTT 5, QoS 1, a persistent session (clean start off, a fixed client id, a session kept
  90 days) so the broker queues messages while this side is away.
- `publish` returns only once the broker acknowledged (PUBACK), or fails within its timeout.
- `on_message` is called on the network thread; the message is acknowledged to the broker
  only after it returns, so one the callback could not take is delivered again.
- After a drop the client reconnects by itself, waiting 1 s, then longer, up to 10 s.
- Every wait is bounded; every failure is a `BrokerError` that says which broker and why.
The only traffic is to the configured broker.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode, MQTTProtocolVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.reasoncodes import ReasonCode
from paho.mqtt.subscribeoptions import SubscribeOptions

from app.errors import ConfigurationError
from app.linking.envelope import MAX_PAYLOAD
from app.linking.transport import LinkUnavailable, OnMessage
from app.texts import _

log = logging.getLogger(__name__)

DEFAULT_PORTS = {"mqtt": 1883, "mqtts": 8883}
SESSION_EXPIRY_S = 90 * 24 * 3600  # how long the broker keeps queued messages for a side away
KEEPALIVE_S = 20
CONNECT_TIMEOUT_S = 10.0
PUBLISH_TIMEOUT_S = 10.0
RECONNECT_MIN_S, RECONNECT_MAX_S = 1, 10
MAX_URL = 2048
MAX_PACKET = MAX_PAYLOAD + 8 * 1024  # a sealed message, its topic and MQTT's headers
def _fix() -> str:
    return _("Check the broker address in Settings (or --broker) and that the broker is "
             "running. Until it can be reached, each computer works alone and messages wait "
             "on this one.")


def _acl_fix() -> str:
    return _("Its access list must let LessonGuard use lessonguard/v1/#.")


class BrokerError(LinkUnavailable):
    """The broker cannot be reached, refused us, or did not answer in time."""


@dataclass(frozen=True)
class BrokerAddress:
    """A parsed broker URL. `shown` never includes a password."""

    scheme: str
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    ca_file: str | None = None

    @property
    def tls(self) -> bool:
        return self.scheme == "mqtts"

    @property
    def shown(self) -> str:
        user = f"{self.username}@" if self.username else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{user}{host}:{self.port}"


def _redacted(text: str) -> str:
    """The address as typed, without a password in it (for an error message)."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", text)


def parse_broker_url(url: str) -> BrokerAddress:
    """`mqtt://host:port` or `mqtts://host:port[?ca=FILE]`; a clear ConfigurationError else."""
    text = url.strip()
    how = _("Write it as mqtt://HOST:PORT or mqtts://HOST:PORT.")
    if not text or len(text) > MAX_URL or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ConfigurationError(
            _("The broker address must be one line such as mqtts://broker.example.org:8883."))
    shown = repr(_redacted(text))
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise ConfigurationError(_("The broker address {url} is not valid: {why}.", url=shown,
                                   why=str(exc)), how) from exc
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ConfigurationError(
            _("The broker address must start with mqtt:// or mqtts://, not {url}.", url=shown),
            _("Ask your organisation for its broker's address, e.g. "
              "mqtts://broker.example.org:8883."))
    if not parts.hostname:
        raise ConfigurationError(_("The broker address {url} names no host.", url=shown), how)
    if parts.path not in ("", "/") or parts.fragment:
        raise ConfigurationError(
            _("The broker address {url} has a path; a broker has none.", url=shown), how)
    query = parse_qs(parts.query, keep_blank_values=True)
    unknown = set(query) - {"ca"}
    if unknown:
        raise ConfigurationError(
            _("The broker address has an unknown option: {names}.", names=sorted(unknown)),
            _("The only option is ?ca=FILE (your organisation's CA certificate, for mqtts)."))
    ca = query.get("ca", [None])[-1] or None
    if ca is not None and scheme != "mqtts":
        raise ConfigurationError(_("?ca= is for mqtts:// only: mqtt:// is not encrypted."))
    return BrokerAddress(scheme, parts.hostname, port or DEFAULT_PORTS[scheme],
                         unquote(parts.username) if parts.username else None,
                         unquote(parts.password) if parts.password else None, ca)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return _("its certificate cannot be trusted ({why})", why=exc.verify_message)
    if isinstance(exc, ssl.SSLError):
        return _("the secure connection failed ({why})", why=exc.reason or str(exc))
    if isinstance(exc, socket.gaierror):
        return _("the name is not known (no address found)")
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return _("no answer in time")
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


class _ClosingSSLSocket(ssl.SSLSocket):
    """paho leaves a socket whose TLS handshake failed open; this one closes itself."""

    def do_handshake(self, block: bool = False) -> None:
        try:
            super().do_handshake(block)
        except BaseException:
            self.close()
            raise


class MqttTransport:
    """The `Transport` over MQTT; one instance is one connection (`connect` once)."""

    def __init__(self, url: str, *, ca_file: str | None = None,
                 connect_timeout_s: float = CONNECT_TIMEOUT_S,
                 publish_timeout_s: float = PUBLISH_TIMEOUT_S) -> None:
        self.address = parse_broker_url(url)
        self.ca_file = ca_file or self.address.ca_file
        self.connect_timeout_s = connect_timeout_s
        self.publish_timeout_s = publish_timeout_s
        self._client: mqtt.Client | None = None
        self._on_message: OnMessage | None = None
        self._connected = threading.Event()
        self._answered = threading.Event()  # the broker answered CONNECT, yes or no
        self._refused: str | None = None  # why the broker said no to CONNECT
        self._lock = threading.Condition()
        self._acks: dict[int, ReasonCode | None] = {}  # mid -> PUBACK/SUBACK outcome
        self._abandoned: set[int] = set()
        self._topics: list[str] = []
        self._closed = False

    # -- what failures say --------------------------------------------------------------
    def _unreachable(self, why: str) -> BrokerError:
        return BrokerError(_("LessonGuard cannot reach the broker at {broker}: {why}.",
                             broker=self.address.shown, why=why), _fix())

    def connected(self) -> bool:
        """False once the connection was lost (paho then connects again by itself)."""
        return self._client is not None and self._connected.is_set()

    def wait_connected(self, timeout: float) -> bool:
        """Whether the connection is up within `timeout` seconds (after a drop, say)."""
        return self._connected.wait(max(0.0, timeout))

    # -- the Protocol -------------------------------------------------------------------
    def connect(self, client_id: str, on_message: OnMessage) -> None:
        if self._client is not None:
            raise RuntimeError("MqttTransport.connect is called once per transport")
        self._on_message = on_message
        client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id,
                             protocol=MQTTProtocolVersion.MQTTv5, manual_ack=True,
                             reconnect_on_failure=True)
        client.connect_timeout = self.connect_timeout_s
        client.reconnect_delay_set(RECONNECT_MIN_S, RECONNECT_MAX_S)
        if self.address.tls:
            try:
                context = ssl.create_default_context(cafile=self.ca_file)
            except (OSError, ssl.SSLError) as exc:
                raise BrokerError(_("The broker's CA file {file} cannot be read: {why}.",
                                    file=self.ca_file, why=_reason(exc)),
                                  _("Give the CA certificate (PEM) your organisation "
                                    "sent.")) from exc
            context.sslsocket_class = _ClosingSSLSocket
            client.tls_set_context(context)
        if self.address.username:
            client.username_pw_set(self.address.username, self.address.password)
        client.on_connect = self._handle_connect
        client.on_disconnect = self._handle_disconnect
        client.on_message = self._handle_message
        client.on_publish = self._handle_ack
        client.on_subscribe = self._handle_subscribe
        self._client = client
        props = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]  # paho leaves its __init__ untyped
        props.SessionExpiryInterval = SESSION_EXPIRY_S
        # The broker must not hand this computer anything larger than a sealed message
        # (MQTT 5 drops it at the broker): junk of any size is stopped before it arrives.
        props.MaximumPacketSize = MAX_PACKET
        failure: list[BaseException] = []

        def first_connect() -> None:  # a thread: name lookups have no timeout of their own
            try:
                client.connect(self.address.host, self.address.port, keepalive=KEEPALIVE_S,
                               clean_start=False, properties=props)
            except BaseException as exc:  # reported to the caller below
                failure.append(exc)

        started = time.monotonic()
        opener = threading.Thread(target=first_connect, name="lessonguard-mqtt-connect",
                                  daemon=True)
        opener.start()
        opener.join(self.connect_timeout_s)
        if opener.is_alive():
            self._client = None
            raise self._unreachable(_("no answer within {s} s",
                                      s=round(self.connect_timeout_s)))
        if failure:
            self._client = None
            raise self._unreachable(_reason(failure[0])) from failure[0]
        client.loop_start()
        left = self.connect_timeout_s - (time.monotonic() - started)
        self._answered.wait(max(0.5, left))
        if not self._connected.is_set():
            refused = self._refused
            self.close()
            if refused:
                raise BrokerError(_("The broker at {broker} refused LessonGuard: {why}.",
                                    broker=self.address.shown, why=refused),
                                  _("Check the user name and password your organisation "
                                    "gave (in the broker address)."))
            raise self._unreachable(_("no answer within {s} s",
                                      s=round(self.connect_timeout_s)))
        log.info("connected to the broker at %s", self.address.shown)

    def subscribe(self, topic: str) -> None:
        client = self._ready()
        result, mid = client.subscribe(topic, options=SubscribeOptions(qos=1))
        if result != MQTTErrorCode.MQTT_ERR_SUCCESS or mid is None:
            raise self._unreachable(mqtt.error_string(result))
        outcome = self._wait_ack(mid, "subscribe")
        if outcome is not None and outcome.is_failure:
            raise BrokerError(_("The broker at {broker} refused LessonGuard's "
                                "subscription: {why}.", broker=self.address.shown,
                                why=outcome.getName()), _acl_fix())
        with self._lock:
            if topic not in self._topics:
                self._topics.append(topic)

    def publish(self, topic: str, payload: bytes, *, retain: bool = False) -> None:
        client = self._ready()
        info = client.publish(topic, payload, qos=1, retain=retain)
        if info.rc not in (MQTTErrorCode.MQTT_ERR_SUCCESS, MQTTErrorCode.MQTT_ERR_NO_CONN):
            # NO_CONN: paho keeps the message and sends it after the reconnect.
            raise BrokerError(_("LessonGuard could not send to the broker at {broker}: "
                                "{why}.", broker=self.address.shown,
                                why=mqtt.error_string(info.rc)), _fix())
        outcome = self._wait_ack(info.mid, "publish")
        if outcome is not None and outcome.is_failure:
            raise BrokerError(_("The broker at {broker} refused a message: {why}.",
                                broker=self.address.shown, why=outcome.getName()),
                              _acl_fix())

    def clear_retained(self, topic: str) -> None:
        self.publish(topic, b"", retain=True)

    def close(self) -> None:
        """Disconnect; the broker keeps the session (and queues for it). Bounded."""
        client, self._client = self._client, None
        self._closed = True
        if client is None:
            return
        with contextlib.suppress(OSError, ValueError):  # already down
            client.disconnect()
        stopper = threading.Thread(target=client.loop_stop, daemon=True)
        stopper.start()
        stopper.join(5.0)
        self._connected.clear()

    # -- waiting, bounded ----------------------------------------------------------------
    def _ready(self) -> mqtt.Client:
        client = self._client
        if client is None:
            raise RuntimeError("MqttTransport: connect first")
        if not self._connected.wait(self.publish_timeout_s):
            raise self._unreachable(
                _("the connection was lost and did not come back within {s} s",
                  s=round(self.publish_timeout_s)))
        return client

    def _wait_ack(self, mid: int, what: str) -> ReasonCode | None:
        deadline = time.monotonic() + self.publish_timeout_s
        with self._lock:
            while mid not in self._acks:
                if what == "subscribe" and not self._connected.is_set():
                    # paho does not send a SUBSCRIBE again after a reconnect: say so now.
                    self._abandoned.add(mid)
                    raise self._unreachable(_("the connection was lost"))
                left = deadline - time.monotonic()
                if left <= 0:
                    self._abandoned.add(mid)
                    raise BrokerError(
                        _("The broker at {broker} did not confirm a {what} within {s} s.",
                          broker=self.address.shown, what=what,
                          s=round(self.publish_timeout_s)), _fix())
                self._lock.wait(min(left, 0.5))
            return self._acks.pop(mid)

    # -- paho's callbacks (network thread) -----------------------------------------------
    def _handle_connect(self, client: mqtt.Client, _userdata: object,
                        flags: mqtt.ConnectFlags, reason: ReasonCode,
                        _props: Properties | None) -> None:
        if reason.is_failure:
            self._refused = reason.getName()
            log.warning("the broker at %s refused the connection: %s", self.address.shown,
                        self._refused)
            self._answered.set()
            return
        self._refused = None
        if not flags.session_present:
            # The broker has no session for us (first time, or it lost it): subscribe again.
            with self._lock:
                topics = list(self._topics)
            for topic in topics:
                _, mid = client.subscribe(topic, options=SubscribeOptions(qos=1))
                if mid is not None:  # nobody waits for this SUBACK
                    with self._lock:
                        self._abandoned.add(mid)
        self._connected.set()
        self._answered.set()

    def _handle_disconnect(self, _client: mqtt.Client, _userdata: object,
                           _flags: mqtt.DisconnectFlags, reason: ReasonCode,
                           _props: Properties | None) -> None:
        if self._connected.is_set() and not self._closed:
            log.warning("lost the broker at %s (%s); reconnecting", self.address.shown,
                        reason.getName())
        self._connected.clear()

    def _handle_message(self, client: mqtt.Client, _userdata: object,
                        message: mqtt.MQTTMessage) -> None:
        try:
            if self._on_message is not None:
                self._on_message(message.topic, bytes(message.payload))
        except Exception:  # not acknowledged, so the broker sends it again
            log.exception("a message from the broker could not be taken in")
            return
        if message.qos > 0:
            client.ack(message.mid, message.qos)

    def _handle_ack(self, _client: mqtt.Client, _userdata: object, mid: int,
                    reason: ReasonCode, _props: Properties) -> None:
        self._record(mid, reason)

    def _handle_subscribe(self, _client: mqtt.Client, _userdata: object, mid: int,
                          reasons: list[ReasonCode], _props: Properties) -> None:
        self._record(mid, next((r for r in reasons if r.is_failure), None))

    def _record(self, mid: int, outcome: ReasonCode | None) -> None:
        with self._lock:
            if mid in self._abandoned:
                self._abandoned.discard(mid)
                return
            self._acks[mid] = outcome
            self._lock.notify_all()


def mqtt_transport(url: str) -> MqttTransport:
    """The transport for a broker URL (the `connect` factory `Linking` takes)."""
    return MqttTransport(url)
