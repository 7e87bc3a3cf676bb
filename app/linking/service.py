"""The linking use case, one for the window and the command line: pair, list, queue, and move
messages through the broker, once (`sync`) or for as long as the window is open (`session`).

Why one place: how a code is made and spent, which pupil a link is for, the order messages go
out in, and what happens when the broker is away are the same wherever they are asked for.
Offline first: nothing here is needed for a lesson; without the broker each side works alone
and what it has to say waits in the outbox, in order.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from app.audit import AuditLog
from app.errors import ConfigurationError, LessonGuardError
from app.linking.codes import PairingCode, make_code, parse_code
from app.linking.envelope import Refused
from app.linking.events import PIECE, LinkEvent, words_for
from app.linking.identity import Identity, identity
from app.linking.inbox import Inbox, Received
from app.linking.kinds import CREATOR, JOINER
from app.linking.links import (
    Link,
    LinkDoubted,
    add_link,
    all_links,
    check_trusted,
    get_link,
    mark_sent,
    pending,
    queue_in,
    remove_link,
    seal_ack,
    unsent,
)
from app.linking.notify import LinkNotifier
from app.linking.pairing import (
    Hello,
    Rendezvous,
    pair_as_creator,
    pair_as_joiner,
)
from app.linking.pairing import PairingCancelled as PairingCancelled  # for the callers
from app.linking.pairing import PairingFailed as PairingFailed
from app.linking.transport import Connect, Transport
from app.people import PUPIL_AGES, People, Person
from app.store import Store
from app.texts import _
from app.times import iso_utc

log = logging.getLogger(__name__)
BACKOFF_S = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
CODE_VALID_S = 600.0
OnEvent = Callable[[LinkEvent], None]


def mqtt_connect(url: str) -> Transport:
    from app.linking.mqtt import mqtt_transport  # paho is loaded only when a broker is used

    return mqtt_transport(url)


def _band(pupil: Person) -> str | None:
    """An age band of up to three years around the pupil's age today (from their date of
    birth), the lower end their age: the supervision the family's side works out is then
    the same as the tutor's."""
    age = pupil.age_on(date.today())
    if age is None or not PUPIL_AGES[0] <= age <= PUPIL_AGES[1]:
        return None
    return f"{age}-{min(age + 1, PUPIL_AGES[1])}"


@dataclass
class SyncReport:
    sent: int = 0
    received: int = 0
    refused: int = 0
    events: list[LinkEvent] = field(default_factory=list)
    offline: str = ""  # why the broker could not be reached, if it could not

    def to_json(self) -> dict[str, Any]:
        return {"sent": self.sent, "received": self.received, "refused": self.refused,
                "offline": self.offline, "events": [e.words for e in self.events]}


class Linking:
    """This installation's links. `name` and `role` are what the other side is told about
    this one at pairing (the user's name and role from Settings)."""

    def __init__(self, store: Store, data_dir: Path, connect: Connect = mqtt_connect, *,
                 name: str = "", role: str = "tutor") -> None:
        self.store = store
        self.data_dir = data_dir
        self.connect = connect
        self.name = name.strip() or "LessonGuard"
        self.role = role
        self.audit = AuditLog(store)
        self._ident: Identity | None = None
        self._inbox: Inbox | None = None

    @property
    def ident(self) -> Identity:
        if self._ident is None:
            self._ident = identity(self.data_dir)
        return self._ident

    @property
    def inbox(self) -> Inbox:
        if self._inbox is None:
            self._inbox = Inbox(self.store, self.data_dir, self.ident, self.audit)
        return self._inbox

    @property
    def client_id(self) -> str:
        """The broker's name for this installation's session: stable, naming nobody, and
        not computable from any public key (it comes from the private link key), so the
        broker cannot tie it to a signed incident package."""
        secret = self.ident.box.private_bytes(serialization.Encoding.Raw,
                                              serialization.PrivateFormat.Raw,
                                              serialization.NoEncryption())
        return "lg-" + hmac.new(secret, b"lessonguard mqtt client id",
                                hashlib.sha256).hexdigest()[:20]

    def notifier(self, on_queued: Callable[[], None] | None = None) -> LinkNotifier:
        return LinkNotifier(self.store, self.data_dir, on_queued=on_queued, audit=self.audit)

    # --- pairing ---

    def _open(self, broker: str, meet: Rendezvous | None,
              on_received: Callable[[Received], None] | None = None) -> Transport:
        if not broker.strip():
            raise ConfigurationError(_("No link broker is set."),
                                     _("Name one in Settings or with --broker URL."))
        transport = self.connect(broker)

        def on_message(topic: str, payload: bytes) -> None:
            if meet is not None and meet.owns(topic):
                meet.deliver(topic, payload)
                return
            try:
                received = self.inbox.receive(topic, payload)
            except Refused:
                return
            if on_received is not None and received is not None:
                on_received(received)

        transport.connect(self.client_id, on_message)
        return transport

    def create(self, pupil_id: int, broker: str, *, on_code: Callable[[str], None],
               wait_s: float = CODE_VALID_S, cancel: threading.Event | None = None,
               pack_id: str = "") -> Link:
        """Make a code for this pupil, show it (`on_code`), and wait for the other side to
        join with it (the tutor's side)."""
        pupil = People(self.store).get(pupil_id, role="pupil")
        code = make_code()
        meet = Rendezvous(code)
        transport = self._open(broker, meet)
        try:
            # The pupil as the family's side needs them: a name and an age band, never the
            # date of birth (a band from it where that is all there is).
            hello = Hello(self.name, self.role, pack_id,
                          {"name": pupil.name, "age_band": pupil.age_band or _band(pupil)})
            on_code(code.text)
            peer = pair_as_creator(transport, meet, self.ident, hello,
                                   wait_s=min(wait_s, CODE_VALID_S), cancel=cancel)
            link = add_link(self.store, self.audit, link_id=peer.link_id, pupil_id=pupil.id,
                            my_side=CREATOR, ident=self.ident, peer_device_id=peer.device_id,
                            peer_name=peer.hello.name, peer_role=peer.hello.role,
                            peer_sign_pub=peer.sign_pub, peer_box_pub=peer.box_pub,
                            pack_id=pack_id, actor=self.name)
            self._subscribe_all(transport)
            return link
        finally:
            transport.close()

    def join(self, code: str | PairingCode, broker: str, *, pupil_id: int | None = None,
             wait_s: float = 60.0, cancel: threading.Event | None = None) -> Link:
        """Join the other side's code (the family's or school's side). The link is for
        `pupil_id`, else the only pupil here, else a pupil added from what the tutor's side
        calls them."""
        parsed = code if isinstance(code, PairingCode) else parse_code(code)
        if pupil_id is not None:
            People(self.store).get(pupil_id, role="pupil")
        meet = Rendezvous(parsed)
        transport = self._open(broker, meet)
        try:
            peer = pair_as_joiner(transport, meet, self.ident, Hello(self.name, self.role),
                                  wait_s=wait_s, cancel=cancel)
            pupil = self._joiner_pupil(pupil_id, peer.hello.pupil)
            link = add_link(self.store, self.audit, link_id=peer.link_id, pupil_id=pupil,
                            my_side=JOINER, ident=self.ident, peer_device_id=peer.device_id,
                            peer_name=peer.hello.name, peer_role=peer.hello.role,
                            peer_sign_pub=peer.sign_pub, peer_box_pub=peer.box_pub,
                            pack_id=peer.hello.pack_id, actor=self.name)
            self._subscribe_all(transport)
            return link
        finally:
            transport.close()

    def _joiner_pupil(self, pupil_id: int | None, told: dict[str, Any] | None) -> int:
        if pupil_id is not None:
            return pupil_id
        people = People(self.store)
        pupils = people.list("pupil")
        told = told or {}
        name = str(told.get("name") or "").strip()
        if len(pupils) == 1:
            if name and pupils[0].name.strip().casefold() != name.casefold():
                raise PairingFailed(
                    _("The code was made for {told}, but the pupil here is {here}.",
                      told=name, here=pupils[0].name),
                    _("If that is right, join with --pupil {id} and a new code; if not, ask "
                      "the tutor for a code made for {here}.", id=pupils[0].id,
                      here=pupils[0].name))
            return pupils[0].id
        if len(pupils) > 1 or not name:
            raise PairingFailed(
                _("This computer has {n} pupils: say which one the link is for.",
                  n=len(pupils)), _("Join again with --pupil ID (see `lessonguard people "
                                    "list`); the code was used, so ask for a new one."))
        try:
            return people.add("pupil", name, age_band=told.get("age_band") or None,
                              actor=self.name).id
        except LessonGuardError as exc:
            raise PairingFailed(
                _("The pupil {name} could not be added here: {why}", name=name,
                  why=exc.message),
                _("Add the pupil first (`lessonguard people add`), then join with --pupil "
                  "ID and a new code.")) from exc

    # --- links and messages ---

    def links(self, pupil_id: int | None = None, *, include_removed: bool = False
              ) -> list[Link]:
        return all_links(self.store.db, pupil_id, active=not include_removed)

    def remove(self, link_id: str, by: str) -> None:
        """End a link. On the family's side, every consent given here for the pupil is
        withdrawn on the tutor's side first (queued before the link ends, and still sent):
        the tutor's gate must not go on counting a consent the family can no longer
        withdraw. On either side, consents that came over the link stop counting."""
        link = next((x for x in self.links() if x.id == link_id), None)
        if link is None:
            raise ConfigurationError(_("There is no link {id}.", id=link_id[:40]),
                                     _("See `lessonguard link list`."))
        with self.store.write() as db:
            if link.my_side == JOINER:
                now = iso_utc(datetime.now(UTC))
                for row in db.query("SELECT id FROM consents WHERE pupil_id = ? AND "
                                    "withdrawn_at IS NULL AND (source IS NULL OR source != "
                                    "'linked')", [link.pupil_id]):
                    try:
                        queue_in(self.store, self.audit, self.ident, link,
                                 "consent.withdrawn",
                                 {"remote_id": int(row["id"]), "at": now, "by": by,
                                  "reason": "the link was removed"}, actor=by)
                    except (LessonGuardError, ValueError) as exc:
                        log.error("the end of consent %s was not queued: %s", row["id"], exc)
            remove_link(self.store, self.audit, link_id, by)

    def queue(self, pupil_id: int, kind: str, body: dict[str, Any]) -> list[int]:
        """Queue one message to every link of this pupil that may carry it (none: [])."""
        return self.notifier().report(pupil_id, kind, body, actor=self.name)

    def _subscribe_all(self, transport: Transport) -> None:
        for topic in self.inbox.topics():
            transport.subscribe(topic)

    def pending(self) -> int:
        """How many messages wait to be sent (the broker has not taken them yet)."""
        return unsent(self.store)

    def flush(self, transport: Transport, *, resend: bool = False) -> int:
        """Send what is queued, in order, each marked sent once the broker has it. Stops at
        the first failure (the rest stays queued, in order). With `resend` (on connecting),
        also what was sent but not yet acknowledged by the peer: a broker that crashed may
        have lost it; the peer refuses the copies it already applied, and acknowledges."""
        sent = 0
        doubted: dict[str, bool] = {}
        for message in pending(self.store, unacked=resend):
            if message.link_id not in doubted:
                # A link whose row the audit log does not vouch for (its peer's key swapped
                # behind LessonGuard's back) gets nothing: it waits until that is sorted out.
                doubted[message.link_id] = self._doubted(message.link_id)
            if doubted[message.link_id]:
                continue
            transport.publish(message.topic, message.payload)
            mark_sent(self.store, message.id)
            sent += 1
        return sent

    def _doubted(self, link_id: str) -> bool:
        link = get_link(self.store.db, link_id)
        if link is None:
            return True
        try:
            check_trusted(self.audit, link)
        except LinkDoubted as exc:
            log.error("nothing is sent to %s: %s", link.peer_name, exc.message)
            return True
        return False

    def send_acks(self, transport: Transport) -> int:
        """Tell each peer how far this side has applied its messages."""
        sent = 0
        for link_id, upto in list(self.inbox.to_ack.items()):
            link = get_link(self.store.db, link_id)
            if link is not None and link.active:
                transport.publish(*seal_ack(self.ident, link, upto))
                sent += 1
            if self.inbox.to_ack.get(link_id) == upto:
                del self.inbox.to_ack[link_id]
        return sent

    def sync(self, broker: str, *, wait_s: float = 5.0, quiet_s: float = 0.5) -> SyncReport:
        """Connect, take in what waited on the broker, send what is queued (again, what the
        peer has not acknowledged), acknowledge, disconnect. Each wait ends after `quiet_s`
        with nothing arriving; the whole within about `wait_s`."""
        report = SyncReport()
        last = [time.monotonic()]

        def on_received(received: Received) -> None:
            report.received += 1
            if received.event.kind != PIECE:
                report.events.append(received.event)
            last[0] = time.monotonic()

        def settle(until: float) -> None:
            last[0] = max(last[0], time.monotonic())
            while time.monotonic() < until and time.monotonic() - last[0] < quiet_s:
                time.sleep(0.02)

        before = sum(self.inbox.refused.values())
        try:
            transport = self._open(broker, None, on_received)
        except LessonGuardError as exc:
            report.offline = exc.message
            return report
        try:
            end = time.monotonic() + wait_s
            self._subscribe_all(transport)
            settle(end)  # acknowledgements waiting for us first: fewer copies sent again
            report.sent = self.flush(transport, resend=True)
            settle(end)
            self.send_acks(transport)
        except LessonGuardError as exc:
            report.offline = exc.message
        finally:
            transport.close()
        report.refused = sum(self.inbox.refused.values()) - before
        return report

    def session(self, broker: str, on_event: OnEvent) -> LinkSession:
        """Stay connected (the window, `record`): send as soon as something is queued, take
        in as soon as it arrives, connect again with growing waits when the broker is lost."""
        session = LinkSession(self, broker, on_event)
        session.start()
        return session


class LinkSession:
    """A background thread holding one connection to the broker."""

    def __init__(self, linking: Linking, broker: str, on_event: OnEvent) -> None:
        self.linking = linking
        self.broker = broker
        self.on_event = on_event
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = False
        self.attempts = 0  # connection attempts, for the tests and the status line

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="link-session", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Something was queued: send it now (the notifier's `on_queued`)."""
        self._wake.set()

    def notifier(self) -> LinkNotifier:
        return self.linking.notifier(on_queued=self.wake)

    def close(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _emit(self, kind: str, why: str = "") -> None:
        now = datetime.now(UTC)
        self._tell(LinkEvent(kind, None, "", "", None, now, "",
                             words_for(kind, peer="", by="", at=now, why=why)))

    def _tell(self, event: LinkEvent) -> None:
        try:
            self.on_event(event)
        except Exception:  # the window's trouble must not stop the link
            log.exception("a link event could not be shown")

    def _received(self, received: Received) -> None:
        self._wake.set()  # its acknowledgement goes out from the session's own thread
        if received.event.kind != PIECE:
            self._tell(received.event)

    def _run(self) -> None:
        backoff = 0
        offline_said = False
        while not self._stop.is_set():
            self.attempts += 1
            try:
                transport = self.linking._open(self.broker, None, self._received)
            except LessonGuardError as exc:
                if not offline_said:
                    self._emit("link.offline", exc.message)
                    offline_said = True
                self._stop.wait(BACKOFF_S[min(backoff, len(BACKOFF_S) - 1)])
                backoff += 1
                continue
            try:
                self.linking._subscribe_all(transport)
                topics = set(self.linking.inbox.topics())
                self.connected, backoff, offline_said = True, 0, False
                self._emit("link.connected")
                self.linking.flush(transport, resend=True)
                while not self._stop.is_set() and transport.connected():
                    self.linking.flush(transport)
                    self.linking.send_acks(transport)
                    self._wake.wait(1.0)
                    self._wake.clear()
                    now_topics = set(self.linking.inbox.topics())
                    for topic in now_topics - topics:  # a link made meanwhile
                        transport.subscribe(topic)
                    topics = now_topics
            except LessonGuardError as exc:
                log.info("the link broker was lost: %s", exc)
            finally:
                self.connected = False
                transport.close()
            if not self._stop.is_set():
                self._emit("link.offline")
                offline_said = True
                self._stop.wait(BACKOFF_S[0])
