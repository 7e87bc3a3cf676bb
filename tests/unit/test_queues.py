"""The drop-oldest queue never blocks a producer and counts every frame it throws away."""

from __future__ import annotations

import threading

from capture.queues import DropOldestQueue


def test_full_queue_drops_the_oldest_and_counts() -> None:
    q: DropOldestQueue[int] = DropOldestQueue(3)
    for i in range(10):
        q.put(i)
    assert q.dropped == 7
    assert [q.get(0), q.get(0), q.get(0)] == [7, 8, 9]
    assert q.get(0.01) is None


def test_latest_takes_the_newest_and_counts_the_rest_as_dropped() -> None:
    q: DropOldestQueue[int] = DropOldestQueue(4)
    for i in range(3):
        q.put(i)
    assert q.latest() == 2
    assert q.dropped == 2 and len(q) == 0
    assert q.latest() is None


def test_a_waiting_consumer_wakes_when_an_item_arrives() -> None:
    q: DropOldestQueue[str] = DropOldestQueue(1)
    got: list[str | None] = []
    consumer = threading.Thread(target=lambda: got.append(q.get(5)))
    consumer.start()
    q.put("frame")
    consumer.join(5)
    assert got == ["frame"]
