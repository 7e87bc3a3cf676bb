"""The lesson in progress: started from the Start lesson steps, timed, watched (connection,
supervision prompts), and ended with its summary saved.

Why a controller: the companion window, the main window, the panic flow and a restart after a
crash all need the same answer to "which lesson is running, since when, what is due next".
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any, cast, get_args

from PySide6.QtCore import QObject, QTimer, Signal

from app.lesson_plan import EndNeeds, Prompt, StartPlan, lesson_prompts
from app.lesson_start import Confirmed, LessonStart, StartAnswers
from app.lessons import Lesson, Lessons
from app.policy.schema import Role
from app.settings import load_settings
from app.store import Store
from checks.connection_monitor import (
    ConnectionMonitor,
    MonitorEvent,
    keep_episode,
    save_episodes,
)
from ui.recording_controller import RecordingController
from ui.translations import say

log = logging.getLogger(__name__)


class LessonController(QObject):
    started = Signal(object)  # Lesson
    ended = Signal(dict)  # the saved summary
    tick = Signal(int, int)  # elapsed seconds, planned seconds
    prompt = Signal(str, str)  # kind, words
    connection = Signal(str, str)  # "good" | "trouble" | "abort", words
    lessons_changed = Signal()
    _monitor_event = Signal(object)  # from the monitor's thread to this one

    def __init__(self, store: Store, recording: RecordingController,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.recording = recording
        self.policy = recording.policy
        self.lessons = Lessons(store)
        self.use_case = LessonStart(self.lessons, lambda: self.policy.state.pack, recording,
                                    lambda: (self.user_name, self.role))
        self.current: Lesson | None = None
        self.monitor: ConnectionMonitor | None = None
        self.monitor_interval_s = 15.0
        self.prompts: list[Prompt] = []
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._second)
        self._monitor_event.connect(self._on_monitor)

    @property
    def role(self) -> str:
        return load_settings(self.store).role or "tutor"

    @property
    def user_name(self) -> str:
        return load_settings(self.store).user_name

    def current_id(self) -> int | None:
        return self.current.id if self.current is not None else None

    def plan(self, lesson: Lesson) -> StartPlan:
        return self.use_case.plan(lesson)

    def end_needs(self) -> EndNeeds:
        assert self.current is not None
        return self.use_case.end_needs(self.current)

    # --- starting ---

    def begin(self, lesson: Lesson, answers: StartAnswers) -> None:
        """Start the lesson through the one use case (app.lesson_start), then watch it.
        Raises LessonGuardError, with why, when it cannot start; nothing is kept then."""
        self._run(self.use_case.begin(lesson, answers))

    def resume(self, lesson: Lesson) -> None:
        """Carry on a lesson a crash interrupted (app.lesson_start), then watch it."""
        lesson, _problem = self.use_case.resume(lesson)
        self._run(lesson)

    def _run(self, lesson: Lesson) -> None:
        self.current = lesson
        pack = self.policy.state.pack
        self.prompts = lesson_prompts(pack, self.plan(lesson).supervision, self.role,
                                      lesson.started_at or datetime.now(UTC),
                                      lesson.duration_min)
        settings = load_settings(self.store)
        role = self.role
        running_s = ((datetime.now(UTC) - lesson.started_at).total_seconds()
                     if lesson.started_at else 0.0)  # a resumed lesson is not starting
        self.monitor = ConnectionMonitor(
            settings.speed_url, pack, side="tutor" if role == "tutor" else "pupil",
            interval_s=self.monitor_interval_s,
            on_event=self._monitor_event.emit,
            role=cast(Role, role) if role in get_args(Role) else None,
            lesson_started_mono=time.monotonic() - max(0.0, running_s),
            on_change=lambda episode: keep_episode(self.store, episode, lesson.id))
        self.monitor.start()
        self._timer.start()
        log.info("lesson %d started", lesson.id)
        self.started.emit(lesson)
        self.lessons_changed.emit()
        self._second()

    # --- during ---

    def _second(self) -> None:
        lesson = self.current
        if lesson is None or lesson.started_at is None:
            return
        now = datetime.now(UTC)
        elapsed = int((now - lesson.started_at).total_seconds())
        self.tick.emit(elapsed, lesson.duration_min * 60)
        trouble = self.monitor.status() if self.monitor is not None else None
        if trouble is not None:  # the time in trouble, counted every second
            self.connection.emit(trouble[0], say(trouble[1]))
        while self.prompts and self.prompts[0].at <= now:
            due = self.prompts.pop(0)
            log.info("lesson prompt: %s", due.kind)
            self.prompt.emit(due.kind, say(due.text))

    def _on_monitor(self, event: MonitorEvent) -> None:
        if event.kind == "recovered":
            self.connection.emit("good", say(event.message))
            return
        trouble = self.monitor.status() if self.monitor is not None else None
        if trouble is not None:
            self.connection.emit(trouble[0], say(trouble[1]))
        else:
            self.connection.emit("abort" if event.kind == "abort" else "trouble",
                                 say(event.message))

    # --- ending ---

    def finish(self, confirmations: list[Confirmed], reason: str = "ended normally"
               ) -> dict[str, Any]:
        """Stop watching, then end the lesson through the use case (the recording stopped,
        the confirmations and the summary saved together)."""
        lesson = self.current
        assert lesson is not None
        self._stop_watching()
        summary = self.use_case.end(lesson, confirmations, reason)
        self.current = None
        self.ended.emit(summary)
        self.lessons_changed.emit()
        return summary

    def _stop_watching(self) -> None:
        self._timer.stop()
        if self.monitor is not None and self.current is not None:
            self.monitor.stop()
            try:
                save_episodes(self.store, self.monitor.episodes, self.current.id)
            except Exception:  # the lesson still ends; the log says why
                log.exception("could not save the connection record")
            self.monitor = None

    def shutdown(self) -> None:
        """The window closes mid-lesson: the lesson stays in progress, to resume next time."""
        self._stop_watching()
