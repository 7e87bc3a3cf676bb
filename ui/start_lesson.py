"""Start lesson: one button that walks through what the pack asks before a lesson, and skips
what it does not. Checks, code of conduct, recording, supervision; then the lesson starts.

Thin: each step shows what the plan (app.lesson_plan) and the controllers decide, and records
what the person confirms. Enter moves on; every control has a mnemonic and a name.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.consent import consent_text
from app.errors import LessonGuardError
from app.lesson_plan import StartPlan, StepId
from app.lesson_start import StartAnswers
from app.lessons import Lesson
from app.texts import Text
from checks.base import CheckResult
from checks.runner import CheckRun, planned_checks
from ui.checks_controller import ChecksController
from ui.checks_page import CheckRow, by_urgency, check_title, plot_speed
from ui.lesson_controller import LessonController
from ui.recording_wiring import ask_consent
from ui.translations import say, say_error
from ui.theme import status_colour

log = logging.getLogger(__name__)
PEOPLE_CHECKS = ("supervision", "room")  # confirmed by a person on the Supervision step


def _label(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if name:
        label.setAccessibleName(name)
    return label


class StepPage(QWidget):
    """One step of Start lesson: whether it is done, and what happens when it is shown."""

    def done(self) -> bool:
        raise NotImplementedError

    def arrive(self) -> None:
        """The step is shown: put the keyboard where the person starts."""
        self.setFocus()


class ChecksStep(StepPage):
    """The checks the pack asks for, run for this lesson; a failure blocks, with its reason."""

    def __init__(self, dialog: StartLessonDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.checks: ChecksController = dialog.checks
        self.rows: dict[str, CheckRow] = {}
        self.run: CheckRun | None = None
        self.status = _label("", self, self.tr("Result of the checks"))
        self.status.setStyleSheet("QLabel { font-size: 14pt; font-weight: bold; }")
        self.again = QPushButton(self.tr("Check &again"), self)
        self.again.setAccessibleName(self.tr("Run the checks again"))
        self.again.clicked.connect(self.start)
        host = QWidget(self)
        self.list_layout = QVBoxLayout(host)
        self.list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setAccessibleName(self.tr("Checks for this lesson"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.again)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.checks.planned.connect(self._planned)
        self.checks.result.connect(self._result)
        self.checks.finished.connect(self._finished)
        self.checks.failed.connect(self._failed)
        self.checks.speed_sample.connect(self._speed_sample)  # a method: gone with the step

    def start(self) -> None:
        pack = self.dialog.pack
        only = [c for c in planned_checks(pack, None) if c not in PEOPLE_CHECKS]
        lesson = self.dialog.lesson
        facts = self.checks.lesson
        facts.pupil_age = self.dialog.controller.lessons.pupil_age(lesson)
        facts.starts_at, facts.confirmed_at = lesson.starts_at, lesson.confirmed_at
        facts.first_lesson = lesson.first_lesson
        facts.sponsor_registered = self.dialog.sponsor_registered
        self.checks.lesson_id = lesson.id
        if self.checks.start(pack, only=only):
            self.run = None
            self.again.setEnabled(False)
            self.status.setText(self.tr("… Checking, this takes up to half a minute."))
            self.dialog.refresh()

    def _planned(self, planned: list[tuple[str, str]]) -> None:
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()
        for check_id, title in planned:
            row = CheckRow(check_id, title, self)
            row.again.hide()
            self.list_layout.insertWidget(self.list_layout.count() - 1, row)
            self.rows[check_id] = row

    def _speed_sample(self, direction: str, seconds: float, mbps: float) -> None:
        plot_speed(self.rows, direction, seconds, mbps)

    def _result(self, result: CheckResult) -> None:
        row = self.rows.get(result.id)
        if row is not None:
            row.show_result(result)

    def _failed(self, why: str) -> None:
        self.again.setEnabled(True)
        self.status.setText("⚠ " + self.tr("The checks could not finish: {why} Press Check "
                                           "again.").format(why=why))
        self.dialog.refresh()

    def _finished(self, run: CheckRun) -> None:
        self.run = run
        self.again.setEnabled(True)
        for index, row in enumerate(by_urgency(self.rows.values())):
            self.list_layout.removeWidget(row)
            self.list_layout.insertWidget(index, row)
        failed = [r for r in run.results if r.status == "fail"]
        if failed:
            names = ", ".join(check_title(r.title) for r in failed)
            self.status.setText("✖ " + self.tr(
                "The lesson cannot start yet: fix {names}. Each says why the policy needs it "
                "and how to fix it; then press Check again.").format(names=names))
        else:
            self.status.setText("✔ " + say(run.summary()))
        log.info("start lesson: checks %s", "blocked" if failed else "passed")
        self.dialog.refresh()

    def done(self) -> bool:
        return self.run is not None and self.run.ready

    def arrive(self) -> None:
        if self.run is None and not self.checks.running:
            self.start()


class ConductStep(StepPage):
    def __init__(self, dialog: StartLessonDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        code = dialog.plan.conduct
        title = code.title if code else ""
        points = "".join(f"<li>{p}</li>" for p in (code.points if code else []))
        muted = status_colour("muted")
        self.text = _label(f"<h3>{title}</h3><ol>{points}</ol><p style='color:{muted}'>"
                           f"{say(dialog.plan.step('conduct').why)}</p>", self,
                           self.tr("Code of conduct"))
        self.name = QLineEdit(dialog.controller.user_name, self)
        self.name.setAccessibleName(self.tr("Name of the person agreeing"))
        name_label = QLabel(self.tr("Your full &name:"), self)
        name_label.setBuddy(self.name)
        self.agree = QCheckBox(self.tr("I have &read the code of conduct and will follow it"),
                               self)
        self.agree.setAccessibleName(self.tr("I have read the code of conduct and will follow "
                                             "it"))
        scroll = QScrollArea(self)
        scroll.setAccessibleName(self.tr("Code of conduct"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(name_label)
        layout.addWidget(self.name)
        layout.addWidget(self.agree)
        self.agree.toggled.connect(dialog.refresh)
        self.name.textChanged.connect(dialog.refresh)

    def arrive(self) -> None:
        self.agree.setFocus()

    def done(self) -> bool:
        return self.dialog.missing("conduct") == []


class RecordingStep(StepPage):
    """Recording consent, or the reason there is no recording (then no control is shown)."""

    def __init__(self, dialog: StartLessonDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.explain = _label("", self, self.tr("About recording this lesson"))
        self.words = _label("", self, self.tr("What the recording consent says"))
        self.words.setStyleSheet("QLabel { border: 1px solid #999; padding: 8px; }")
        self.consent = QPushButton(self.tr("Give &consent…"), self)
        self.consent.setAccessibleName(self.tr("Give consent to record"))
        self.consent.clicked.connect(self._give)
        self.record = QCheckBox(self.tr("&Record this lesson"), self)
        self.record.setAccessibleName(self.tr("Record this lesson"))
        self.record.toggled.connect(dialog.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.words)
        layout.addWidget(self.consent)
        layout.addWidget(self.record)
        layout.addStretch(1)
        self.update_view()

    def update_view(self) -> None:
        dialog = self.dialog
        policy_allowed = dialog.plan.recording_allowed
        self.words.hide()
        if not policy_allowed:
            self.explain.setText("⊘ " + self.tr("This lesson is not recorded. {why}").format(
                why=dialog.plan.recording_reason))
            self.consent.hide()
            self.record.hide()
            self.record.setChecked(False)
            return
        view = dialog.controller.recording.gate_view(dialog.lesson.pupil_id)
        decision = dialog.controller.recording.decision(dialog.lesson.pupil_id)
        required = dialog.plan.recording_required or not decision.gate.lesson_may_start
        if view.can_record:
            who = "; ".join(f"{c.given_by_name} ({c.role.replace('_', ' ')}), "
                            f"{c.given_at[:10]}" for c in decision.consents)
            self.explain.setText("✔ " + self.tr("Consent is on file: {who}. The lesson will be "
                                                "recorded, encrypted, on this computer.").format(
                who=who or self.tr("none needed")))
            self.words.setText(consent_text(dialog.pack).replace("\n", "<br>"))
            self.words.show()
            self.consent.hide()
            self.record.show()
            self.record.setEnabled(not required)
            self.record.setChecked(True)
        else:
            prefix = "✖ " if required else "⚠ "
            self.explain.setText(prefix + say(view.reason) + (
                " " + self.tr("The lesson cannot start without it.") if required else ""))
            self.consent.show()
            self.record.hide()
            self.record.setChecked(False)
        self.required = required
        self.can_record = view.can_record

    def _give(self) -> None:
        ask_consent(self, self.dialog.controller.recording, self.dialog.lesson.pupil_id)
        self.update_view()
        self.dialog.refresh()

    def arrive(self) -> None:
        (self.consent if self.consent.isVisible() else self.record).setFocus()

    def done(self) -> bool:
        if not self.dialog.plan.recording_allowed:
            return True
        return self.can_record or not self.required


class SupervisionStep(StepPage):
    def __init__(self, dialog: StartLessonDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        plan = dialog.plan
        need = plan.supervision
        age = need.age
        adult = need.adult_needed("start")
        self.explain = _label(self.tr("<p><b>{pupil}</b>{age}: {need}</p><p style='color:{muted}'>"
                                      "Why: {basis}</p>").format(
            muted=status_colour("muted"), pupil=dialog.pupil_name,
            age=self.tr(", aged {age}").format(age=age) if age is not None else "",
            need=say(need.text), basis=need.decision.basis()), self,
            self.tr("Supervision needed"))
        adult_default = dialog.controller.user_name \
            if dialog.controller.role == "responsible_adult" else ""
        self.name = QLineEdit(adult_default, self)
        self.name.setAccessibleName(self.tr("Responsible adult's full name"))
        self.name.setPlaceholderText(self.tr("Responsible adult's full name"))
        name_label = QLabel(self.tr("Responsible adult's full &name:"), self)
        name_label.setBuddy(self.name)
        text = (self.tr("I, the responsible adult, am &here and will stay in the room for the "
                        "whole lesson") if need.presence == "in_room_throughout" else
                self.tr("I, the responsible adult, am &here for the start"))
        self.present = QCheckBox(text, self)
        self.present.setAccessibleName(text.replace("&", ""))
        self.present.setVisible(adult)
        self.room = QCheckBox(self.tr("The lesson is in a &living area, not a bedroom or "
                                      "bathroom"), self)
        self.room.setAccessibleName(self.tr("The lesson is in a living area"))
        self.room.setVisible(plan.room_confirmation)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(name_label)
        layout.addWidget(self.name)
        layout.addWidget(self.present)
        layout.addWidget(self.room)
        layout.addStretch(1)
        for widget in (self.present, self.room):
            widget.toggled.connect(dialog.refresh)
        self.name.textChanged.connect(dialog.refresh)

    def arrive(self) -> None:
        self.name.setFocus()
        self.name.selectAll()  # a name filled in for the parent is replaced by typing

    def done(self) -> bool:
        return self.dialog.missing("supervision") == []


class StartLessonDialog(QDialog):
    def __init__(self, controller: LessonController, checks: ChecksController, lesson: Lesson,
                 sponsor_registered: bool | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.checks, self.lesson = controller, checks, lesson
        self.pack = controller.policy.state.pack
        self.plan: StartPlan = controller.plan(lesson)
        self.sponsor_registered = sponsor_registered
        self.pupil_name = controller.lessons.pupil(lesson).name
        self.setWindowTitle(self.tr("Start lesson with {name}").format(name=self.pupil_name))
        self.steps_list = QListWidget(self)
        self.steps_list.setAccessibleName(self.tr("Steps before the lesson"))
        self.steps_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps_list.setMaximumWidth(230)
        self.stack = QStackedWidget(self)
        self.pages: list[tuple[str, StepPage]] = []
        # The buttons exist before the steps: a step may refresh them as it is built (consent
        # already on file ticks Record).
        self.problem = _label("", self, self.tr("What stops the lesson starting"))
        self.back = QPushButton(self.tr("< &Back"), self)
        self.back.setAccessibleName(self.tr("Back"))
        self.next = QPushButton(self.tr("&Continue >"), self)
        self.next.setAccessibleName(self.tr("Continue"))
        self.next.setDefault(True)
        builders = {"checks": ChecksStep, "conduct": ConductStep, "recording": RecordingStep,
                    "supervision": SupervisionStep}
        for step in self.plan.steps:
            if not step.needed:
                log.info("start lesson: %s skipped (%s)", step.id, step.why)
                continue
            page = builders[step.id](self)
            self.pages.append((step.id, page))
            self.stack.addWidget(page)
            self.steps_list.addItem(say(step.title))
        self.skipped = _label("", self, self.tr("Steps the policy does not ask for"))
        skipped = [f"{say(s.title)}: {say(s.why)}" for s in self.plan.steps
                   if not s.needed]
        self.skipped.setText(self.tr("Not asked by the policy: ") + "; ".join(skipped)
                             if skipped else "")
        self.skipped.setStyleSheet("QLabel { color: #555; }")
        cancel = QPushButton(self.tr("Not now"), self)
        cancel.setAccessibleName(self.tr("Do not start the lesson now"))
        self.back.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next.clicked.connect(self._next)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        body = QHBoxLayout()
        body.addWidget(self.steps_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.skipped)
        layout.addLayout(buttons)
        self.resize(900, 620)
        self.go(0)

    def page(self, step_id: str) -> StepPage | None:
        return next((p for i, p in self.pages if i == step_id), None)

    def go(self, index: int) -> None:
        index = max(0, min(index, len(self.pages) - 1))
        self.stack.setCurrentIndex(index)
        self.steps_list.setCurrentRow(index)
        step_id, page = self.pages[index]
        log.info("start lesson step: %s", step_id)
        page.arrive()
        self.refresh()

    def refresh(self) -> None:
        if not self.pages:
            return
        index = self.stack.currentIndex()
        step_id, page = self.pages[index]
        last = index == len(self.pages) - 1
        for button in self.findChildren(QPushButton):
            # Enter always means Continue; a step's own buttons take Space (or their letter).
            button.setAutoDefault(button is self.next)
        self.back.setEnabled(index > 0)
        self.next.setText(self.tr("&Start the lesson") if last else self.tr("&Continue >"))
        done = page.done()
        self.next.setEnabled(done)
        for row in range(self.steps_list.count()):
            mark = "▶ " if row == index else ("✔ " if row < index else "   ")
            title = say(self.plan.step(self.pages[row][0]).title)
            self.steps_list.item(row).setText(mark + title)
        self.problem.setText("" if done else {
            "checks": self.tr("Waiting for the checks, or something to fix."),
            "conduct": self.tr("Type your name and tick that you agree."),
            "recording": self.tr("Recording consent is needed before this lesson."),
            "supervision": self.tr("The responsible adult types their name and confirms."),
        }[step_id])

    def _next(self) -> None:
        index = self.stack.currentIndex()
        if not self.pages[index][1].done():
            return
        if index < len(self.pages) - 1:
            self.go(index + 1)
            return
        self._start()

    def missing(self, step: StepId) -> list[Text]:
        """What this step still needs, as the lesson start use case decides it."""
        return self.controller.use_case.missing(self.plan, self.answers(), step)

    def answers(self) -> StartAnswers:
        """What the person answered in the steps shown (a skipped step answers nothing)."""
        conduct, supervision = self.page("conduct"), self.page("supervision")
        recording = self.page("recording")
        return StartAnswers(
            conduct_name=(conduct.name.text() if isinstance(conduct, ConductStep)
                          and conduct.agree.isChecked() else ""),
            adult_name=(supervision.name.text() if isinstance(supervision, SupervisionStep)
                        else ""),
            adult_present=(isinstance(supervision, SupervisionStep)
                           and supervision.present.isChecked()),
            room_living_area=(isinstance(supervision, SupervisionStep)
                              and supervision.room.isChecked()),
            record=isinstance(recording, RecordingStep) and recording.record.isChecked())

    def _start(self) -> None:
        self.checks.lesson_id = None
        try:
            self.controller.begin(self.lesson, self.answers())
        except LessonGuardError as exc:  # another lesson in progress, a recording refused
            self.problem.setText("⚠ " + say_error(exc))
            return
        self.accept()
