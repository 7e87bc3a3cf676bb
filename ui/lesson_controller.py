"""The lesson in progress: started from the Start lesson steps, timed, watched (connection,
supervision prompts), and ended with its summary saved.

Why a controller: the companion window, the main window, the panic flow and a restart after a
crash all need the same answer to "which lesson is running, since when, what is due next".
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import ConfigurationError, LessonGuardError
from app.lesson_plan import EndNeeds, Prompt, StartPlan, end_needs, lesson_prompts, start_plan
from app.lessons import Lesson, Lessons
from app.policy.engine import connection_trouble
from app.settings import load_settings
from app.store import Store
from checks.connection_monitor import ConnectionMonitor, MonitorEvent, save_episodes
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
        return start_plan(self.policy.state.pack, self.lessons.pupil_age(lesson),
                          conduct_acknowledged_before=self.lessons.conduct_acknowledged_before(
                              lesson.pupil_id))

    def end_needs(self) -> EndNeeds:
        assert self.current is not None
        plan = self.plan(self.current)
        return end_needs(self.policy.state.pack, plan.supervision, self.role)

    # --- starting ---

    def begin(self, lesson: Lesson, record: bool) -> None:
        """Start the lesson, and its recording when chosen (the recording first, so the lesson
        starts with it). Where the pack records every lesson, a recording that cannot start
        stops the start (LessonGuardError, with why); otherwise the lesson goes on and its
        record says why there is no recording."""
        plan = self.plan(lesson)
        reason, recording_id = ("" if record else plan.recording_reason), None
        if record:
            self.lessons.check_startable(lesson.id)  # before a recording can start
            problem = self.recording.start(lesson.pupil_id, lesson_id=lesson.id)
            session = self.recording.session
            if not problem and session is not None and session.info is not None:
                recording_id = session.info.id
            elif plan.recording_required:
                log.warning("lesson %d not started: its recording did not start: %s",
                            lesson.id, problem)
                raise ConfigurationError(
                    self.tr("{pack} records every lesson, and the recording could not start: "
                            "{problem}").format(pack=self.policy.state.pack.name,
                                                problem=problem or self.tr(
                                                    "no recording is running.")),
                    self.tr("Fix that, then press Start lesson again. The lesson has not "
                            "started."))
            else:
                reason = problem
                log.warning("lesson %d: recording did not start: %s", lesson.id, problem)
        try:
            lesson = self.lessons.start(lesson.id, by=self.user_name, recording_id=recording_id,
                                        no_recording_reason=reason)
        except LessonGuardError:
            if recording_id is not None:
                self.recording.stop()  # never a recording without its lesson
            raise
        self._run(lesson)

    def resume(self, lesson: Lesson) -> None:
        """Carry on a lesson a crash interrupted. Its recording up to the crash is kept; a new
        one starts only if the gate still allows it and the lesson was being recorded."""
        lesson = self.lessons.resume(lesson.id, by=self.user_name or "user")
        if lesson.recording_id:
            problem = self.recording.start(lesson.pupil_id, lesson_id=lesson.id)
            if problem:
                log.warning("lesson %d resumed without recording: %s", lesson.id, problem)
        self._run(lesson)

    def _run(self, lesson: Lesson) -> None:
        self.current = lesson
        pack = self.policy.state.pack
        self.prompts = lesson_prompts(pack, self.plan(lesson).supervision, self.role,
                                      lesson.started_at or datetime.now(UTC),
                                      lesson.duration_min)
        settings = load_settings(self.store)
        self.monitor = ConnectionMonitor(
            settings.speed_url, pack, side="tutor" if self.role == "tutor" else "pupil",
            interval_s=self.monitor_interval_s,
            on_event=self._monitor_event.emit)
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
        while self.prompts and self.prompts[0].at <= now:
            due = self.prompts.pop(0)
            log.info("lesson prompt: %s", due.kind)
            self.prompt.emit(due.kind, say(due.text))

    def _on_monitor(self, event: MonitorEvent) -> None:
        if event.kind == "recovered":
            self.connection.emit("good", say(event.message))
            return
        side = "tutor" if self.role == "tutor" else "pupil"
        advice = connection_trouble(self.policy.state.pack, event.episode.duration_s / 60, side)
        if event.kind == "abort":
            self.connection.emit("abort", say(event.message))
        else:
            self.connection.emit("trouble", f"{say(event.message)} {say(advice.message)}")

    # --- ending ---

    def finish(self, confirmations: list[tuple[str, str, str]], reason: str = "ended normally"
               ) -> dict[str, Any]:
        """Record the end confirmations (kind, name, role), stop what runs, save the summary."""
        lesson = self.current
        assert lesson is not None
        for kind, name, role in confirmations:
            self.lessons.confirm(lesson.id, kind, name, role)
        self._stop_watching()
        self.recording.stop()
        summary = self.lessons.end(lesson.id, by=self.user_name or "user", reason=reason)
        self.current = None
        log.info("lesson %d ended: %s", lesson.id, reason)
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
