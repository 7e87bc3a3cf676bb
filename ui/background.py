"""One way to run work off the window's thread: the work, what to do with its result, and what
to do if it fails, with every job tracked so the window can wait for them when it closes.

Why: the window never waits on a device, a model, the disk or the network, and a worker that
raises must reach the person as words, never as a page that waits for ever. The callbacks run
on the window's thread (a queued signal), so they may touch widgets; the work never does.
Modelled on Anki's `CollectionOp(parent, op).success(...).failure(...)`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.translations import say_error

log = logging.getLogger(__name__)


@dataclass
class Job:
    name: str
    thread: threading.Thread
    cancel: threading.Event = field(default_factory=threading.Event)

    @property
    def running(self) -> bool:
        return self.thread.is_alive()


class Background(QObject):
    """The window's workers. `failed` carries the words for a job that failed with no
    `on_error` of its own; the window shows them."""

    failed = Signal(str)
    _finished = Signal(object, object)  # (callback, argument), delivered on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[Job] = []
        self._lock = threading.Lock()
        self._finished.connect(self._deliver)

    def run(self, name: str, work: Callable[[], Any],
            on_success: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> Job:
        """Start `work` on a worker thread; `on_success(result)` or `on_error(exception)`
        follow on the window's thread."""

        def body() -> None:
            try:
                result = work()
            except Exception as exc:  # every failure reaches the person, with the log's detail
                log.exception("background job %s failed", name)
                self._finished.emit(on_error or self._say, exc)
            else:
                if on_success is not None:
                    self._finished.emit(on_success, result)
            finally:
                with self._lock:
                    me = threading.current_thread()
                    self._jobs = [j for j in self._jobs if j.thread is not me]

        job = Job(name, threading.Thread(target=body, name=name, daemon=True))
        with self._lock:
            self._jobs.append(job)
        job.thread.start()
        return job

    def running(self, name: str | None = None) -> list[Job]:
        with self._lock:
            return [j for j in self._jobs if j.running and (name is None or j.name == name)]

    def join(self, timeout: float = 5.0) -> list[str]:
        """Wait for every job (at shutdown); returns the names of those still running."""
        deadline = time.monotonic() + timeout
        for job in self.running():
            job.thread.join(max(0.0, deadline - time.monotonic()))
        left = [j.name for j in self.running()]
        if left:
            log.warning("still running at shutdown: %s", ", ".join(left))
        return left

    def _say(self, exc: BaseException) -> None:
        self.failed.emit(say_error(exc))

    def _deliver(self, callback: Callable[[Any], None], argument: Any) -> None:
        """A bound method of an object on the GUI thread: Qt queues the call there."""
        callback(argument)
