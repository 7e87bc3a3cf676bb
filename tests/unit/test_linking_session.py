"""The staying-connected session (the window, `record`): what is queued goes out at once and
arrives at once as an event; when the broker goes away each side goes on alone, connects
again with growing waits, and then sends what waited, in order."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.lessons import Lessons
from app.linking.confirm import confirm_presence, confirm_room
from app.linking.events import LinkEvent
from app.linking.notify import LinkNotifier
from app.policy.loader import load_pack
from tests.helpers.linked import BROKER, PACK, Pair, linked_pair, soon


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[Pair]:
    yield from linked_pair(tmp_path)


def until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Wait for a condition another thread makes true (polled, bounded)."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.01)
    return True


def next_event(events: queue.Queue[LinkEvent], kind: str, timeout: float = 10) -> LinkEvent:
    while True:
        event = events.get(timeout=timeout)
        if event.kind == kind:
            return event


def test_a_session_sends_at_once_and_survives_the_broker_going_away(linked: Pair) -> None:
    lesson = Lessons(linked.tutor.store,
                     notifier=LinkNotifier(linked.tutor.store, linked.tutor.data)).book(
        load_pack(PACK), linked.pupil, soon(), duration_min=30, tutor_name="Pat Green",
        platform="zoom", confirmed_by="Pat Green", now=datetime.now(UTC) - timedelta(days=3))
    tutor_events: queue.Queue[LinkEvent] = queue.Queue()
    family_events: queue.Queue[LinkEvent] = queue.Queue()
    tutor = linked.tutor.linking.session(BROKER, tutor_events.put)
    family = linked.family.linking.session(BROKER, family_events.put)
    try:
        next_event(tutor_events, "link.connected")
        copy = next_event(family_events, "lesson.announced").lesson_id
        assert copy is not None
        confirm_presence(linked.family.store, copy, "Jo Lee", notifier=family.notifier())
        event = next_event(tutor_events, "presence", timeout=5)
        assert event.lesson_id == lesson.id and "Lee family" in event.words
        # The broker goes down: both sides notice and go on alone.
        linked.bus.stop()
        next_event(family_events, "link.offline")
        confirm_room(linked.family.store, copy, "Jo Lee", notifier=family.notifier())
        confirm_presence(linked.family.store, copy, "Jo Lee", present=False,
                         notifier=family.notifier())
        attempts = family.attempts
        linked.bus.start()
        next_event(family_events, "link.connected", timeout=20)
        assert family.attempts > attempts  # it tried again on its own
        assert next_event(tutor_events, "room", timeout=20).kind == "room"
        assert "left the room" in next_event(tutor_events, "presence", timeout=10).words
        # (each is marked sent once the broker acknowledged it, just after it arrived)
        assert until(lambda: [r["sent_at"] is not None for r in linked.family.store.db.query(
            "SELECT sent_at FROM link_outbox ORDER BY id")] == [True, True, True])
    finally:
        tutor.close()
        family.close()
    assert not tutor._thread.is_alive() and not family._thread.is_alive()  # type: ignore[union-attr]  # started above


def test_an_unreachable_broker_is_said_once_and_nothing_is_lost(linked: Pair) -> None:
    linked.bus.stop()
    events: queue.Queue[LinkEvent] = queue.Queue()
    session = linked.family.linking.session(BROKER, events.put)
    try:
        offline = next_event(events, "link.offline")
        assert "cannot be reached" in offline.words
        LinkNotifier(linked.family.store, linked.family.data).panic(
            None, by="Jo Lee", at=datetime.now(UTC), pupil_id=linked.family_pupil)
        assert [r["sent_at"] for r in linked.family.store.db.query(
            "SELECT sent_at FROM link_outbox")] == [None]
        assert until(lambda: session.attempts >= 2)  # it keeps trying, with waits between
    finally:
        session.close()
    assert [e.kind for e in list(events.queue)] == []  # "offline" was said once only
