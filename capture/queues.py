"""A bounded queue that drops the oldest item instead of blocking, and counts what it dropped.

Why: a slow preview or encoder must never stall the camera; the newest frame is what matters,
and the drop count tells us when the machine is too slow.
"""

from __future__ import annotations

import collections
import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class DropOldestQueue(Generic[T]):
    def __init__(self, maxsize: int = 2) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self._items: collections.deque[T] = collections.deque(maxlen=maxsize)
        self._cond = threading.Condition()
        self.dropped = 0
        self.put_count = 0

    def put(self, item: T) -> None:
        with self._cond:
            if len(self._items) == self._items.maxlen:
                self.dropped += 1
            self._items.append(item)
            self.put_count += 1
            self._cond.notify()

    def get(self, timeout: float | None = None) -> T | None:
        """The oldest item still queued, waiting up to `timeout`; None if none came."""
        with self._cond:
            if not self._items and not self._cond.wait_for(lambda: bool(self._items), timeout):
                return None
            return self._items.popleft()

    def latest(self) -> T | None:
        """Take the newest item and discard the rest (they count as dropped)."""
        with self._cond:
            if not self._items:
                return None
            item = self._items.pop()
            self.dropped += len(self._items)
            self._items.clear()
            return item

    def __len__(self) -> int:
        with self._cond:
            return len(self._items)
