"""Run a camera source on its own thread, handing frames on through a drop-oldest queue.

Why: a camera read blocks; the GUI, the checks and the recorder must never wait for it.
Plain threads keep this layer free of Qt; the window polls `latest()` from a timer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from capture.camera import CameraSource, Frame
from capture.queues import DropOldestQueue
from capture.status import SourceError, SourceState, SourceStatus

log = logging.getLogger(__name__)

StatusCallback = Callable[[SourceStatus], None]


class CameraWorker:
    """Owns one CameraSource: opens it, reads frames until stopped, reports its status."""

    def __init__(
        self,
        source: CameraSource,
        on_status: StatusCallback | None = None,
        queue_size: int = 2,
    ) -> None:
        self.source = source
        self.frames: DropOldestQueue[Frame] = DropOldestQueue(queue_size)
        self._on_status = on_status
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._status = SourceStatus(SourceState.STOPPED)
        self._status_lock = threading.Lock()
        self.frames_read = 0
        self.started_at = 0.0
        self._subscribers: list[DropOldestQueue[Frame]] = []
        self._subscribers_lock = threading.Lock()

    def subscribe(self, maxsize: int = 4) -> DropOldestQueue[Frame]:
        """A second queue of the same frames (for a check or the recorder), dropping its
        own oldest frames when its reader is slow; the preview is never held up."""
        queue: DropOldestQueue[Frame] = DropOldestQueue(maxsize)
        with self._subscribers_lock:
            self._subscribers.append(queue)
        return queue

    def unsubscribe(self, queue: DropOldestQueue[Frame]) -> None:
        with self._subscribers_lock:
            if queue in self._subscribers:
                self._subscribers.remove(queue)

    @property
    def status(self) -> SourceStatus:
        with self._status_lock:
            return self._status

    @property
    def dropped(self) -> int:
        return self.frames.dropped

    def _set_status(self, status: SourceStatus) -> None:
        with self._status_lock:
            self._status = status
        level = logging.WARNING if status.state.is_problem else logging.INFO
        log.log(level, "camera %s: %s %s", self.source.description, status.state.value,
                status.text())
        if self._on_status is not None:
            self._on_status(status)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self.started_at = time.monotonic()
        self._thread = threading.Thread(
            target=self._run, name=f"camera-{self.source.kind}", daemon=True
        )
        self._set_status(SourceStatus(SourceState.STARTING, f"Starting {self.source.description}"))
        self._thread.start()

    def _run(self) -> None:
        try:
            self.source.open()
        except SourceError as exc:
            self._set_status(exc.status)
            self.source.close()
            return
        self._set_status(SourceStatus(SourceState.RUNNING, self.source.description))
        final = SourceStatus(SourceState.STOPPED, "Camera stopped.")
        try:
            while not self._stop.is_set():
                frame = self.source.read()
                if frame is None:
                    final = SourceStatus(
                        SourceState.ENDED,
                        f"{self.source.description} has ended.",
                        "Choose a camera or another file.",
                    )
                    break
                self.frames_read += 1
                self.frames.put(frame)
                with self._subscribers_lock:
                    for queue in self._subscribers:
                        queue.put(frame)
        except SourceError as exc:
            final = exc.status
        except Exception as exc:  # a backend bug must not kill the app silently
            log.exception("camera worker crashed")
            final = SourceStatus(
                SourceState.LOST,
                f"{self.source.description} stopped unexpectedly ({exc}).",
                "Choose the camera again; if it keeps happening, restart LessonGuard.",
            )
        finally:
            self.source.close()
        self._set_status(final)

    def latest(self) -> Frame | None:
        return self.frames.latest()

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 3.0) -> None:
        """Stop and join; safe to call twice."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                log.warning("camera worker did not stop within %.1f s", timeout)
