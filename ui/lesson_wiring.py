"""Connects the Lessons page, Start lesson, the companion window and End lesson to the
LessonController and the main window (kept out of launch.py, like the other pages)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from app.errors import LessonGuardError
from app.incidents import Incidents
from app.lesson_start import Confirmed
from app.lessons import Lesson, note_playback
from app.profile import sponsor_for
from app.settings import load_settings, save_settings
from app.times import clock
from ui.checks_controller import ChecksController
from ui.companion import CompanionWindow
from ui.end_lesson import EndLessonDialog, SummaryDialog
from ui.lesson_controller import LessonController
from ui.lessons_page import LessonsPage, NewLessonDialog
from ui.main_window import MainWindow
from ui.panic_controller import SHORTCUT
from ui.panic_wiring import PanicWiring
from ui.recording_wiring import add_pupil
from ui.start_lesson import StartLessonDialog
from ui.translations import Translatable, say_error

log = logging.getLogger(__name__)


class LessonWiring(Translatable):
    """Owns the lesson parts of one window (`window.parts.lessons`)."""

    def __init__(self, window: MainWindow, controller: LessonController,
                 checks: ChecksController, panic: PanicWiring) -> None:
        self.window, self.controller, self.checks = window, controller, checks
        self.panic = panic
        self.store = controller.store
        self.page = LessonsPage(window)
        self.page.summary_for = self.record_for_viewer
        window.tabs.insertTab(0, self.page, self.tr("Lessons"))
        window.tabs.setCurrentIndex(0)
        self.companion: CompanionWindow | None = None
        self.start_dialog: StartLessonDialog | None = None
        self.camera_before_practice: str | None = None  # put back when the practice is over
        self.page.new_lesson.connect(self.new_lesson)
        self.page.start_lesson.connect(self.start_lesson)
        self.page.add_pupil.connect(self._add_pupil)
        self.page.cancel_lesson.connect(self._cancel)
        controller.lessons_changed.connect(self.refresh)
        controller.started.connect(self._started)
        controller.tick.connect(self._tick)
        controller.prompt.connect(self._prompt)
        controller.connection.connect(self._connection)
        controller.recording.started.connect(self._rec_banner)
        controller.recording.stopped.connect(lambda _t: self._rec_banner(""))
        panic.lesson_id = controller.current_id  # panic reports are tied to the lesson
        window.on_close.insert(0, self.close)
        self.refresh()

    def record_for_viewer(self, lesson_id: int) -> dict:
        """The lesson's record, with whether this computer's user may play each recording."""
        summary = self.controller.lessons.summary(lesson_id)
        sealed = Incidents(self.store, self.controller.recording.data_dir).sealed_recordings()
        return note_playback(summary, self.controller.policy.state.pack,
                             load_settings(self.store).role or "tutor", sealed)

    def refresh(self) -> None:
        lessons = self.controller.lessons
        names = {p.id: p.name for p in lessons.people.list("pupil")}
        running = self.controller.current or next(iter(lessons.interrupted()), None)
        upcoming = lessons.upcoming()
        every = lessons.list()
        practice = {lesson.id for lesson in every if lessons.is_practice(lesson.id)}
        self.page.show_lessons(every, upcoming, names, running, practice)
        if running is None:
            self.share_next(upcoming[0] if upcoming else None)

    def share_next(self, lesson: Lesson | None) -> None:
        """The checks page knows the next booked lesson: its pupil's age, its booking, its
        adult (the user, when they are the adult), so it never says "no lesson is chosen"
        while one is booked."""
        facts = self.checks.lesson
        page = getattr(self.window, "checks_page", None)
        if lesson is None:
            if self.checks.lesson_id is not None and not self.checks.running:
                self.checks.lesson_id = None
                facts.pupil_age = facts.starts_at = facts.confirmed_at = None
                facts.confirmations.clear()
                if page is not None:
                    page.confirmations.show_lesson(self.tr(
                        "No lesson is booked: the checks run for any lesson."), None, "")
            return
        if self.checks.lesson_id == lesson.id or self.checks.running:
            return
        lessons = self.controller.lessons
        age = lessons.pupil_age(lesson)
        facts.pupil_age = age
        facts.starts_at, facts.confirmed_at = lesson.starts_at, lesson.confirmed_at
        facts.first_lesson = lesson.first_lesson
        facts.sponsor_registered = sponsor_for(self.store, lesson.pupil_id) is not None
        facts.confirmations.clear()  # another lesson's confirmations are not this one's
        self.checks.lesson_id = lesson.id
        settings = load_settings(self.store)
        adult = (settings.user_name if settings.role in ("responsible_adult", "school_staff")
                 else lessons.adult_name(lesson))
        pupil = lessons.pupil(lesson).name
        words = self.tr("For {pupil}'s lesson at {time} on {day}{age}.").format(
            pupil=pupil, time=f"{lesson.starts_at.astimezone():%H:%M}",
            day=f"{lesson.starts_at.astimezone():%a %d %b}",
            age=self.tr(", aged {age}").format(age=age) if age is not None else "")
        if page is not None:
            page.confirmations.show_lesson(words, age, adult)
        log.info("checks page: tied to lesson %d", lesson.id)

    # --- booking ---

    def new_lesson(self) -> NewLessonDialog | None:
        pupils = self.controller.lessons.people.list("pupil")
        if not pupils:
            self.window.rec_notice.show_problem(self.tr(
                "Add the pupil first: LessonGuard needs their age for the supervision."))
            return None
        settings = load_settings(self.store)
        pack = self.controller.policy.state.pack
        dialog = NewLessonDialog(
            pupils, settings.user_name if settings.role == "tutor" else "", self.window,
            earliest=lambda pupil: self.controller.lessons.earliest_start(pack, pupil))
        self.booking = dialog
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.controller.lessons.book(
                    self.controller.policy.state.pack, dialog.pupil.currentData(),
                    dialog.starts_at(), duration_min=dialog.minutes.value(),
                    tutor_name=dialog.tutor.text(), platform=dialog.platform.currentData(),
                    confirmed_by=settings.user_name or "user",
                    practice=dialog.practice.isChecked())
            except LessonGuardError as exc:
                log.info("lesson not booked: %s", exc)
                dialog.show_problem(say_error(exc))
                continue
            log.info("lesson booked")
            break
        self.refresh()
        return dialog

    def _add_pupil(self) -> None:
        if add_pupil(self.window, self.controller.recording) is not None:
            self.refresh()

    def _cancel(self, lesson_id: int) -> None:
        reason, ok = QInputDialog.getText(self.window, self.tr("Cancel lesson"),
                                          self.tr("Why is it cancelled?"))
        if not ok:
            return
        try:
            self.controller.lessons.cancel(lesson_id, by=self.controller.user_name or "user",
                                           reason=reason)
        except LessonGuardError as exc:  # no reason given, or one that cannot be kept
            QMessageBox.warning(self.window, self.tr("Cancel lesson"), say_error(exc))
            return
        self.refresh()

    # --- starting ---

    def start_lesson(self, lesson_id: int) -> StartLessonDialog:
        lesson = self.controller.lessons.get(lesson_id)
        sponsor = sponsor_for(self.store, lesson.pupil_id) is not None
        if self.controller.lessons.is_practice(lesson_id):
            if self.camera_before_practice is None:
                self.camera_before_practice = self.checks.camera_spec
            self._use_camera("synthetic")  # practice: the demo camera
        dialog = StartLessonDialog(self.controller, self.checks, lesson, sponsor, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._start_closed)
        dialog.camera_chosen.connect(self._choose_camera)
        self.start_dialog = dialog
        dialog.show()
        return dialog

    def _choose_camera(self, spec: str) -> None:
        """A camera chosen on the Ready screen: as if chosen in the window's list (used,
        checked, remembered)."""
        self.window.device_bar.show_camera(spec)
        self.window.device_bar.camera_chosen.emit(spec)

    def _use_camera(self, spec: str) -> None:
        self.window.controller.set_camera(spec)
        self.checks.use_camera(spec)
        self.window.device_bar.show_camera(spec)

    def _practice_over(self) -> None:
        """The camera the person had before the practice lesson, back in use."""
        before, self.camera_before_practice = self.camera_before_practice, None
        if before is not None and before != self.checks.camera_spec:
            log.info("practice over: the camera chosen before it is back")
            self._use_camera(before)

    def _start_closed(self, _result: int) -> None:
        if self.controller.current is None:  # closed without starting: no practice now
            self._practice_over()

    def _started(self, lesson: Lesson) -> None:
        settings = load_settings(self.store)
        pupil = self.controller.lessons.pupil(lesson).name
        companion = CompanionWindow(self.tr("Lesson with {name} — LessonGuard").format(
            name=pupil), settings.companion_on_top, SHORTCUT)
        companion.panic_clicked.connect(self._panic)
        companion.end_clicked.connect(self.end_lesson)
        companion.show_main.connect(self._show_main)
        companion.on_top_toggled.connect(self._remember_on_top)
        self.panic.attach_companion(companion)  # its panic state and Resume
        capture = self.window.controller
        capture.frame_ready.connect(companion.preview.set_image)
        look = capture.pipeline.look
        companion.set_look(look.mode, capture.pipeline.shutter)
        companion.set_recording(self.controller.recording.banner_text())
        self.companion = companion
        companion.show()
        self.refresh()

    def _remember_on_top(self, on: bool) -> None:
        current = load_settings(self.store)
        if current.companion_on_top != on:
            save_settings(self.store, current.model_copy(update={"companion_on_top": on}))

    def _show_main(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _panic(self) -> None:
        self.panic.controller.press("companion window")

    def _tick(self, elapsed: int, planned: int) -> None:
        if self.companion is not None:
            self.companion.set_time(elapsed, planned)
            pipeline = self.window.controller.pipeline
            self.companion.set_look(pipeline.look.mode, pipeline.shutter)

    def _prompt(self, kind: str, text: str) -> None:
        if self.companion is not None:
            self.companion.prompt.show_state("info", text)
            self.companion.show()
            self.companion.raise_()
        self.window.rec_notice.show_info(text)

    def _connection(self, state: str, text: str) -> None:
        if self.companion is not None:
            self.companion.connection.show_state(state, text)
        if state == "abort":
            self.window.rec_notice.show_problem(text)

    def _rec_banner(self, banner: str) -> None:
        if self.companion is not None:
            self.companion.set_recording(banner)

    # --- ending ---

    def end_lesson(self) -> EndLessonDialog | None:
        lesson = self.controller.current
        if lesson is None:
            return None
        if not self.panic.confirm_end(self.companion or self.window):
            return None  # the panic is on and the person keeps the lesson going
        settings = load_settings(self.store)
        dialog = EndLessonDialog(self.controller.lessons.pupil(lesson).name,
                                 self.controller.end_needs(), settings.user_name,
                                 settings.role or "tutor", self.companion or self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._ended(dialog.confirmations()))
        self.end_dialog = dialog
        dialog.show()
        return dialog

    def _ended(self, confirmations: list[tuple[str, str, str]]) -> None:
        summary = self.controller.finish([Confirmed(*c) for c in confirmations])
        self._practice_over()
        if self.companion is not None:
            self.window.controller.frame_ready.disconnect(self.companion.preview.set_image)
            self.companion.deleteLater()
            self.companion = None
        self._show_main()
        self.summary_dialog = SummaryDialog(summary, self.window)
        self.summary_dialog.show()

    # --- after a crash ---

    def offer_resume(self) -> QMessageBox | None:
        """A lesson left running by a crash: resume it, or close it with its record saved."""
        interrupted = self.controller.lessons.interrupted()
        if not interrupted:
            return None
        lesson = interrupted[0]
        pupil = self.controller.lessons.pupil(lesson).name
        started = clock(lesson.started_at) if lesson.started_at else "?"
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("A lesson was interrupted"),
                          self.tr(
                              "The lesson with {name}, started at {time}, was still running "
                              "when LessonGuard stopped. Everything saved until then is kept."
                              "\n\nResume it, or close it and save its record?").format(
                              name=pupil, time=started), parent=self.window)
        resume = box.addButton(self.tr("&Resume the lesson"),
                               QMessageBox.ButtonRole.AcceptRole)
        close = box.addButton(self.tr("&Close it and save"),
                              QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(resume)

        def chosen() -> None:
            clicked = box.clickedButton()
            if clicked is resume:
                self.controller.resume(lesson)
                log.info("lesson %d resumed", lesson.id)
            elif clicked is close:
                self.controller.lessons.end(
                    lesson.id, by=self.controller.user_name or "user",
                    reason="closed after LessonGuard stopped unexpectedly")
                log.info("interrupted lesson %d closed", lesson.id)
                self.refresh()

        box.finished.connect(lambda _r: chosen())
        self.resume_box = box
        box.show()
        log.info("offered to resume lesson %d", lesson.id)
        return box

    def close(self) -> None:
        self.controller.shutdown()
        if self.companion is not None:
            self.companion.deleteLater()
