"""Start lesson: one "Ready for <pupil>'s lesson" screen with everything the pack asks
before a lesson (checks, code of conduct, recording, the adult and the room), and nothing it
does not. Every blocking item is listed with the button that fixes it, right there.

Thin: the plan (app.lesson_plan) says what is asked, the lesson start use case
(app.lesson_start) what blocks; this shows both and records what the person confirms.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import UTC, datetime, timedelta
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.consent import consent_text
from app.errors import LessonGuardError
from app.lesson_plan import StartPlan, StepId
from app.lesson_start import PEOPLE_CHECKS, Blocker, CheckVerdict, StartAnswers
from app.lessons import Lesson
from app.texts import Text
from capture.camera import AUTO, describe_spec, list_cameras
from checks.base import CheckResult
from checks.runner import CheckRun, planned_checks
from ui.checks_controller import ChecksController
from ui.checks_page import STYLE, CheckRow, by_urgency, check_title, plot_speed
from ui.lesson_controller import LessonController
from ui.linked_ready import FamilySays, FamilySideBox, Ticks
from ui.pack_list import shown
from ui.page_scroll import PageScroll
from ui.preview import PreviewWidget
from ui.recording_wiring import ask_consent
from ui.sound_test import SoundTestDialog, open_sound_test
from ui.theme import colour_of, guard_combo, set_rich
from ui.translations import QT_TRANSLATE_NOOP, say, say_error

log = logging.getLogger(__name__)
# Run once on the Ready screen, not every few seconds: the speed test, and the microphone
# (it may listen for 8 s for a voice); again only when the microphone is changed.
EXPENSIVE_CHECKS = ("bandwidth", "microphone")
SPEED_KEPT_S = 600.0  # a speed test this recent is not run again when the screen re-opens
CAMERA_CHECKS = ("camera", "background", "personal_information", "people", "equipment")


def _label(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if name:
        label.setAccessibleName(name)
    return label


class StepPage(QWidget):
    """One part of the Ready screen: whether it is done, and where the keyboard starts."""

    def done(self) -> bool:
        raise NotImplementedError

    def arrive(self) -> None:
        """The part is fixed here: put the keyboard where the person starts."""
        self.setFocus()


class ChecksStep(StepPage):
    """The checks the pack asks for, run for this lesson; a failure blocks, with its reason.

    The waiting room: while the screen is open the cheap checks run again every
    `WAIT_S` seconds (the speed test only once), and anything that changed is flagged."""

    WAIT_S = 20.0

    def __init__(self, dialog: StartLessonDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.checks: ChecksController = dialog.checks
        self.rows: dict[str, CheckRow] = {}
        self.results: dict[str, CheckResult] = {}
        self.finished_once = False
        self.in_progress = False  # a run (this screen's or the checks page's) is going
        self.queued: list[str] | None = None
        self.changes: list[str] = []
        self.status = _label("", self, self.tr("Result of the checks"))
        self.status.setStyleSheet("QLabel { font-weight: bold; }")
        self.changed = _label("", self, self.tr("What changed since the last check"))
        self.changed.hide()
        self.again = QPushButton(self.tr("Check &again"), self)
        self.again.setAccessibleName(self.tr("Run the checks again"))
        self.again.clicked.connect(lambda: self.start(fresh=True))
        host = QWidget(self)
        self.list_layout = QVBoxLayout(host)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.again)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.changed)
        layout.addWidget(host)
        # The speakers: only the person can say whether they hear (the sound test's "I heard
        # it" / "I didn't"), so their verdict is shown with the others, its fix right there.
        # It does not block: the lesson's sound goes through the platform, and a tutor may
        # switch to headphones there.
        self.sound_test: SoundTestDialog | None = None
        self.camera_list: QComboBox | None = None  # in the camera's row, once it is shown
        self.speakers = CheckRow("speaker", self.tr("Speakers"), self)
        self.speakers.again.setText(self.tr("Open the sound test"))
        self.speakers.again.setAccessibleName(
            self.tr("Open the sound test: play a sound and say whether you heard it"))
        self.speakers.run_again.connect(lambda _id: self.open_sound_test())
        self.list_layout.addWidget(self.speakers)
        self.checks.speakers_answered.connect(self._speakers)
        self._speakers(self.checks.speakers)
        self.waiting = QTimer(self)
        self.waiting.setInterval(int(self.WAIT_S * 1000))
        self.waiting.timeout.connect(self._wait_tick)
        self.checks.planned.connect(self._planned)
        self.checks.result.connect(self._result)
        self.checks.finished.connect(self._finished)
        self.checks.failed.connect(self._failed)
        self.checks.speed_sample.connect(self._speed_sample)  # a method: gone with the step
        self.checks.capture.camera_changed.connect(self._camera_changed)
        self.checks.apps_closed.connect(self._apps_closed)

    def _camera_changed(self, _source: object) -> None:
        """Another camera: what the checks said about the old one no longer holds."""
        ids = [c for c in self.wanted() if c in CAMERA_CHECKS]
        for check_id in ids:
            self.results.pop(check_id, None)
            if check_id in self.rows:
                self.rows[check_id].pending()
        log.info("ready screen: camera changed, checking it again")
        # Once every part has taken the new camera (and not after this screen is gone).
        QTimer.singleShot(0, self, self._show_camera)
        self.start(ids)
        self.dialog.refresh()

    def _add_camera_list(self, row: CheckRow) -> None:
        """The cameras, in the camera's row: the wrong camera, or a webcam another program
        holds, is put right on this screen (chosen as in the window's own list)."""
        box = guard_combo(QComboBox(row))
        box.setAccessibleName(self.tr("Camera to use"))
        current = self.checks.camera_spec
        specs = [AUTO, "synthetic", *list_cameras()]
        for spec in [*specs, *([] if current in specs else [current])]:
            box.addItem(describe_spec(spec), spec)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.activated.connect(lambda index: self._choose_camera(str(box.itemData(index))))
        row.top.insertWidget(row.top.count() - 1, box)
        self.camera_list = box

    def _choose_camera(self, spec: str) -> None:
        if spec != self.checks.camera_spec:
            log.info("ready screen: camera %s chosen", spec)
            self.dialog.camera_chosen.emit(spec)

    def _show_camera(self) -> None:
        """The list says which camera is in use, however it was chosen."""
        box, spec = self.camera_list, self.checks.camera_spec
        with contextlib.suppress(RuntimeError):  # the screen closed meanwhile: nothing to show
            if box is None:
                return
            if box.findData(spec) < 0:
                box.addItem(describe_spec(spec), spec)
            box.setCurrentIndex(box.findData(spec))

    def _apps_closed(self, _reports: object) -> None:
        """Programs closed from a row's "Close them…": that row is checked again now."""
        if "apps" in self.rows and self.isVisible():
            self.start(["apps"])

    def wanted(self) -> list[str]:
        return [c for c in planned_checks(self.dialog.pack, None, self.checks.role())
                if c not in PEOPLE_CHECKS]

    def start(self, only: list[str] | None = None, fresh: bool = False) -> None:
        """Run the checks for this lesson (all of them, or `only` these, kept with the rest).
        A speed test from the last few minutes is kept, not run again, unless `fresh`."""
        self.dialog.share_lesson()
        ids = only or self.wanted()
        if not fresh:
            for check_id in EXPENSIVE_CHECKS:
                kept = self.checks.recent(check_id, SPEED_KEPT_S)
                if check_id in ids and kept is not None and len(ids) > 1:
                    ids = [c for c in ids if c != check_id]
                    self._planned([(check_id, kept.title)])
                    self._result(kept)
        if self.checks.running:  # another run is going: this one follows it
            self.queued = [c for c in self.wanted() if c in set(ids) | set(self.queued or [])]
            self.in_progress = True
            QTimer.singleShot(200, self._run_queued)
            return
        if self.checks.start(self.dialog.pack, only=ids):
            self.again.setEnabled(False)
            self.status.setText(self.tr("… Checking, this takes up to half a minute."))
            self.dialog.refresh()

    def _run_queued(self) -> None:
        if self.queued is None:
            return
        if self.checks.running:
            QTimer.singleShot(200, self._run_queued)
            return
        queued, self.queued = self.queued, None
        self.start(queued)

    def _wait_tick(self) -> None:
        """The waiting room: the cheap checks again; an expensive one only when its last
        result was forgotten (the microphone was changed)."""
        if self.in_progress or not self.finished_once or not self.isVisible():
            return
        self.start([c for c in self.wanted()
                    if c not in EXPENSIVE_CHECKS or self.checks.recent(c, 1e9) is None])

    def _planned(self, planned: list[tuple[str, str]]) -> None:
        self.in_progress = True
        ids = [cid for cid, _t in planned if cid not in PEOPLE_CHECKS]
        for check_id, title in planned:
            if check_id in PEOPLE_CHECKS:
                continue
            row = self.rows.get(check_id)
            if row is None:
                row = CheckRow(check_id, title, self)
                row.again.hide()
                # Its fixes work here as on the checks page: "Close them…" asks and closes
                # the programs, "Always blur where it says…" blurs that area from now on.
                row.close_apps.connect(self.checks.close_requested.emit)
                row.blur_area.connect(self.checks.blur_requested.emit)
                if check_id == "microphone":  # the sound test, from the microphone's row too
                    row.add_sound_test(self.open_sound_test)
                if check_id == "camera":
                    self._add_camera_list(row)
                self.list_layout.insertWidget(self.list_layout.indexOf(self.speakers), row)
                self.rows[check_id] = row
            elif check_id in ids:
                row.pending()
        self.dialog.refresh()

    def _speed_sample(self, direction: str, seconds: float, mbps: float) -> None:
        plot_speed(self.rows, direction, seconds, mbps)

    def _result(self, result: CheckResult) -> None:
        if result.id in PEOPLE_CHECKS:
            return
        before = self.results.get(result.id)
        if before is not None and before.status != result.status and self.finished_once:
            self.changes.append(self.tr("{title}: was “{before}”, now “{now}”").format(
                title=check_title(result.title), before=self.tr(STYLE[before.status][1]),
                now=self.tr(STYLE[result.status][1])))
            log.info("waiting room: %s changed %s -> %s", result.id, before.status,
                     result.status)
        self.results[result.id] = result
        row = self.rows.get(result.id)
        if row is not None:
            row.show_result(result)
        self.dialog.refresh()

    def _failed(self, why: str) -> None:
        self.in_progress = self.queued is not None
        self.again.setEnabled(True)
        self.status.setText("⚠ " + self.tr("The checks could not finish: {why} Press Check "
                                           "again.").format(why=why))
        self.dialog.refresh()

    def _finished(self, _run: CheckRun) -> None:
        self.finished_once = True
        self.in_progress = False
        self.again.setEnabled(True)
        self._sort()
        self._say_status()
        if self.changes:
            self.changed.setText("⚠ " + self.tr("Changed since the last check: {what}").format(
                what="; ".join(self.changes[-4:])))
            self.changed.show()
        log.info("start lesson: checks %s", "blocked" if self.failed() else "passed")
        self.waiting.start()
        if self.queued is not None:
            self.in_progress = True  # this screen's own run follows
        self.dialog.refresh()

    def _sort(self) -> None:
        """What needs doing first, the speakers among the others by their verdict."""
        for index, row in enumerate(by_urgency([*self.rows.values(), self.speakers])):
            self.list_layout.removeWidget(row)
            self.list_layout.insertWidget(index, row)

    def _say_status(self) -> None:
        if not self.finished_once:
            return
        failed = self.failed()
        if failed:
            names = ", ".join(title for _id, title in failed)
            text = "✖ " + self.tr("To fix: {names}. Each says why the policy needs it and how "
                                  "to fix it.").format(names=names)
        else:
            text = "✔ " + self.tr("The checks are done: nothing stops the lesson. They keep "
                                  "running while you wait.")
        if self.speakers.status == "fail":
            text += " " + self.tr("You didn't hear the sound test: see Speakers below.")
        self.status.setText(text)

    def _speakers(self, result: CheckResult | None) -> None:
        """The person's answer in the sound test (here or on the checks page), or that they
        have not been tested yet."""
        if result is None:
            result = CheckResult("speaker", self.tr("Speakers"), "inconclusive", self.tr(
                "Not tested yet. Only you can tell whether you hear the lesson: open the "
                "sound test, play a sound and say whether you heard it."))
        self.speakers.show_result(result)
        if self.finished_once:
            self._sort()
            self._say_status()

    def open_sound_test(self) -> SoundTestDialog:
        """The sound test over the Ready screen: its answer is the speakers' verdict."""
        dialog = open_sound_test(self.checks, self.dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.verdict.connect(
            lambda result: self.checks.answer_speakers(result, self.dialog.pack))
        self.sound_test = dialog
        dialog.show()
        return dialog

    def failed(self) -> list[tuple[str, str]]:
        return [(r.id, check_title(r.title)) for r in self.results.values()
                if r.status == "fail" and r.id in self.rows]

    @property
    def run(self) -> CheckRun | None:
        """The checks as they stand on this screen (None until a run has finished)."""
        if not self.finished_once:
            return None
        return CheckRun(self.dialog.pack.id, datetime.now(UTC), list(self.results.values()))

    def verdict(self) -> CheckVerdict:
        # A run going in the waiting room does not block: the last results stand until new
        # ones come; a check with no result (a new camera) does.
        unchecked = any(c not in self.results for c in self.rows)
        running = not self.finished_once or unchecked
        return CheckVerdict(not running, tuple(self.failed()))

    def done(self) -> bool:
        return self.verdict().finished and not self.failed()

    def arrive(self) -> None:
        self.again.setFocus()


class ConductStep(StepPage):
    def __init__(self, dialog: StartLessonDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        code = dialog.plan.conduct
        title = code.title if code else ""
        points = "".join(f"<li>{p}</li>" for p in (code.points if code else []))
        muted = colour_of("muted")  # follows a theme switch
        self.text = _label("", self, self.tr("Code of conduct"))
        set_rich(self.text, f"<h3>{title}</h3><ol>{points}</ol><p style='color:{muted}'>"
                 f"{say(dialog.plan.step('conduct').why)}</p>")
        self.name = QLineEdit(dialog.controller.user_name, self)
        self.name.setAccessibleName(self.tr("Name of the person agreeing"))
        name_label = QLabel(self.tr("Your full na&me:"), self)
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
        self.consent.clicked.connect(self.give)
        self.record = QCheckBox(self.tr("Rec&ord this lesson"), self)
        self.record.setAccessibleName(self.tr("Record this lesson"))
        self.record.toggled.connect(dialog.refresh)
        # Who decides on recording before the first session (VTO: the LCC), when nobody has
        # yet: their name and their decision, kept as a confirmation in their name.
        plan = dialog.plan
        self.decider = QGroupBox(self.tr("Decided by {who}").format(
            who=plan.recording_decider), self)
        self.decider.setVisible(bool(plan.recording_decider))
        self.decider_name = QLineEdit(self.decider)
        self.decider_name.setAccessibleName(self.tr("Name of the person who decided"))
        self.decider_name.setPlaceholderText(self.tr("Their full name"))
        decider_label = QLabel(self.tr("Who &decided:"), self.decider)
        decider_label.setBuddy(self.decider_name)
        self.decided_yes = QRadioButton(self.tr("&Yes, lessons will be recorded"), self.decider)
        self.decided_no = QRadioButton(self.tr("No, lessons will no&t be recorded"),
                                       self.decider)
        box = QVBoxLayout(self.decider)
        box.addWidget(_label(escape(shown(plan.recording_decider_basis)), self.decider))
        box.addWidget(decider_label)
        box.addWidget(self.decider_name)
        box.addWidget(self.decided_yes)
        box.addWidget(self.decided_no)
        for radio in (self.decided_yes, self.decided_no):
            radio.toggled.connect(self._decided)
        self.decider_name.textChanged.connect(self._decided)
        # What else the pack says to this role before the lesson (app.lesson_plan.notices_for):
        # contact outside the lesson, what can be seen, who owns recordings… Those a person
        # vouches for are ticks: a required one blocks until ticked, a recommended one is
        # offered; each tick is kept with who and when.
        muted = colour_of("muted")
        items = "".join(
            f"<li>{escape(say(n.text))}<br><span style='color:{muted}'>{escape(shown(n.basis))}"
            "</span></li>" for n in plan.notices if not n.confirm)
        self.notices = _label("", self, self.tr("What the policy also asks"))
        set_rich(self.notices, self.tr("<p><b>The policy also asks:</b></p><ul>{items}</ul>"
                                       ).format(items=items))
        self.notices.setVisible(bool(items))
        self.vouches: dict[str, QCheckBox] = {}
        vouch_box = QWidget(self)
        vouch_layout = QVBoxLayout(vouch_box)
        vouch_layout.setContentsMargins(0, 0, 0, 0)
        # Required ticks first, numbered: Alt+1, Alt+2… reach each from the keyboard. The
        # words wrap in a label above their tick (a check box's own text does not wrap).
        for number, notice in enumerate(plan.vouch(required=True)
                                        + plan.vouch(required=False), start=1):
            key = f"&{number} " if number < 10 else ""
            tick = QCheckBox(key + (self.tr("I confirm this (required)")
                                    if notice.strength == "required" else
                                    self.tr("I confirm this (recommended)")), vouch_box)
            tick.setAccessibleName(say(notice.text))
            tick.setToolTip(shown(notice.basis))
            tick.toggled.connect(dialog.refresh)
            words = _label("", vouch_box, say(notice.text))
            set_rich(words, f"{escape(say(notice.text))}<br><span style='color:{muted}'>"
                     f"{escape(shown(notice.basis))}</span>")
            vouch_layout.addWidget(words)
            vouch_layout.addWidget(tick)
            self.vouches[notice.id] = tick
        vouch_box.setVisible(bool(self.vouches))
        layout = QVBoxLayout(self)
        layout.addWidget(self.decider)
        layout.addWidget(vouch_box)
        layout.addWidget(self.explain)
        layout.addWidget(self.words)
        layout.addWidget(self.consent)
        layout.addWidget(self.record)
        layout.addWidget(self.notices)
        layout.addStretch(1)
        self.update_view()

    def _decided(self) -> None:
        self.update_view()
        self.dialog.refresh()

    def decision(self) -> bool | None:
        if self.decided_yes.isChecked():
            return True
        return False if self.decided_no.isChecked() else None

    def update_view(self) -> None:
        dialog = self.dialog
        plan = dialog.controller.use_case.effective(dialog.plan, dialog.answers())
        policy_allowed = plan.recording_allowed
        self.required, self.can_record = False, False
        self.words.hide()
        if not policy_allowed:
            self.explain.setText("⊘ " + self.tr("This lesson is not recorded. {why}").format(
                why=shown(say(plan.recording_reason))))
            self.consent.hide()
            self.record.hide()
            self.record.setChecked(False)
            return
        view = dialog.controller.recording.gate_view(dialog.lesson.pupil_id)
        decision = dialog.controller.recording.decision(dialog.lesson.pupil_id)
        required = plan.recording_required or not decision.gate.lesson_may_start
        if view.can_record:
            who = "; ".join(f"{c.given_by_name} ({c.role.replace('_', ' ')}), "
                            f"{c.given_at[:10]}" for c in decision.consents)
            self.explain.setText("✔ " + self.tr("Consent is on file: {who}. The lesson will be "
                                                "recorded, encrypted, on this computer.").format(
                who=who or self.tr("none needed")))
            self.words.setText(shown(consent_text(dialog.pack)).replace("\n", "<br>"))
            self.words.show()
            self.consent.hide()
            self.record.show()
            self.record.setEnabled(not required)
            self.record.setChecked(True)
        else:
            prefix = "✖ " if required else "⚠ "
            self.explain.setText(prefix + shown(say(view.reason)) + (
                " " + self.tr("The lesson cannot start without it.") if required else ""))
            self.consent.show()
            self.record.hide()
            self.record.setChecked(False)
        self.required = required
        self.can_record = view.can_record

    def give(self) -> None:
        ask_consent(self, self.dialog.controller.recording, self.dialog.lesson.pupil_id)
        self.update_view()
        self.dialog.refresh()

    def arrive(self) -> None:
        (self.consent if self.consent.isVisible() else self.record).setFocus()

    def done(self) -> bool:
        if not self.dialog.controller.use_case.effective(self.dialog.plan,
                                                         self.dialog.answers()).recording_allowed:
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
        self.explain = _label("", self, self.tr("Supervision needed"))
        set_rich(self.explain, self.tr("<p><b>{pupil}</b>{age}: {need}</p><p style='color:"
                                       "{muted}'>Why: {basis}</p>").format(
            muted=colour_of("muted"), pupil=dialog.pupil_name,
            age=self.tr(", aged {age}").format(age=age) if age is not None else "",
            need=say(need.text), basis=shown(need.decision.basis())))
        # The adult LessonGuard already knows: the user when they are the adult (a parent,
        # school staff), else the adult set up for this pupil; confirmed names come first.
        shared = dialog.shared_confirmations()
        adult_default = next(iter(shared.values()), "") or (
            dialog.controller.user_name if dialog.controller.role != "tutor"
            else dialog.controller.lessons.adult_name(dialog.lesson))
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
        self.present.setVisible(adult or need.adult_optional())  # optional: offered, not asked
        self.room = QCheckBox(self.tr("The lesson is in a &living area, not a bedroom or "
                                      "bathroom"), self)
        self.room.setAccessibleName(self.tr("The lesson is in a living area"))
        self.room.setVisible(plan.room_confirmation)
        self.present.setChecked(adult and "adult_present" in shared)
        self.room.setChecked(plan.room_confirmation and "room_living_area" in shared)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(name_label)
        layout.addWidget(self.name)
        layout.addWidget(self.present)
        layout.addWidget(self.room)
        # Whose word each tick is: the family's, from their computer, or the tutor's own.
        self.ticks = Ticks(self.name, self.present, self.room, dialog.controller.user_name,
                           dialog.controller.role, self)
        layout.addWidget(self.ticks.note)
        layout.addStretch(1)
        for widget in (self.present, self.room):
            widget.toggled.connect(dialog.refresh)
        self.name.textChanged.connect(dialog.refresh)

    def arrive(self) -> None:
        self.name.setFocus()
        self.name.selectAll()  # a name filled in for the parent is replaced by typing

    def done(self) -> bool:
        return self.dialog.missing("supervision") == []


FIX_WORDS = {
    "run_checks": QT_TRANSLATE_NOOP("StartLessonDialog", "Check now"),
    "check_again": QT_TRANSLATE_NOOP("StartLessonDialog", "Check again"),
    "agree_conduct": QT_TRANSLATE_NOOP("StartLessonDialog", "I agree"),
    "give_consent": QT_TRANSLATE_NOOP("StartLessonDialog", "Give consent…"),
    "adult_name": QT_TRANSLATE_NOOP("StartLessonDialog", "Type the name"),
    "confirm_adult": QT_TRANSLATE_NOOP("StartLessonDialog", "The adult is here"),
    "confirm_room": QT_TRANSLATE_NOOP("StartLessonDialog", "It is a living area"),
    "no_recording": QT_TRANSLATE_NOOP("StartLessonDialog", "Do not record"),
    "vouch": QT_TRANSLATE_NOOP("StartLessonDialog", "I confirm"),
    "recording_decision": QT_TRANSLATE_NOOP("StartLessonDialog", "Type the decision"),
}


class BlockerRow(QWidget):
    """One thing that stops the lesson, in words, with the button that fixes it here."""

    def __init__(self, blocker: Blocker, parent: QWidget) -> None:
        super().__init__(parent)
        self.blocker = blocker
        self.words = QLabel("✖ " + say(blocker.words), self)
        self.words.setWordWrap(True)
        self.fix = QPushButton(QCoreApplication.translate("StartLessonDialog",
                                                          FIX_WORDS[blocker.fix]), self)
        self.fix.setAccessibleName(self.fix.text() + ": " + say(blocker.words))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.words, 1)
        layout.addWidget(self.fix)


class _Parts:
    def __init__(self, dialog: StartLessonDialog) -> None:
        self.dialog = dialog

    def setCurrentIndex(self, index: int) -> None:  # QStackedWidget's name
        self.dialog.show_part(index)


class StartLessonDialog(QDialog):
    """“Ready for <pupil>'s lesson”: one screen tied to the booking. It knows the pupil,
    their age, the adult and the pack; what blocks the start is listed at the top, each with
    the button that fixes it; the people confirmations sit inline; Start is enabled the moment
    nothing blocks. What blocks is the lesson start use case's answer, not this screen's."""

    camera_chosen = Signal(str)  # a camera chosen here: the window uses it as if chosen there

    def __init__(self, controller: LessonController, checks: ChecksController, lesson: Lesson,
                 sponsor_registered: bool | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.checks, self.lesson = controller, checks, lesson
        self.pack = controller.policy.state.pack
        self.plan: StartPlan = controller.plan(lesson)
        self.sponsor_registered = sponsor_registered
        self.pupil_name = controller.lessons.pupil(lesson).name
        self.age = controller.lessons.pupil_age(lesson)
        self.setWindowTitle(self.tr("Ready for {name}'s lesson").format(name=self.pupil_name))
        self.practice = controller.lessons.is_practice(lesson.id)
        self.family: FamilySays | None = None  # what the linked family's computer said
        self.family_box = FamilySideBox(self)
        self.heading = _label("", self, self.tr("The lesson"))
        self.heading.setText(self._heading())
        self.problem = _label("", self, self.tr("What stops the lesson starting"))
        self.blockers_box = QGroupBox(self.tr("Before the lesson can start"), self)
        self.blockers_layout = QVBoxLayout(self.blockers_box)
        self.blocker_rows: list[BlockerRow] = []
        self.next = QPushButton(self.tr("&Start the lesson"), self)
        self.next.setAccessibleName(self.tr("Start the lesson"))
        self.next.setDefault(True)
        self.pages: list[tuple[str, StepPage]] = []
        builders = {"checks": ChecksStep, "conduct": ConductStep, "recording": RecordingStep,
                    "supervision": SupervisionStep}
        body = QWidget(self)
        sections = QVBoxLayout(body)
        for step in self.plan.steps:
            if not step.needed:
                log.info("start lesson: %s skipped (%s)", step.id, step.why)
                continue
            page = builders[step.id](self)
            box = QGroupBox(say(step.title), body)
            box.setObjectName(f"section-{step.id}")
            inner = QVBoxLayout(box)
            inner.addWidget(page)
            sections.addWidget(box)
            self.pages.append((step.id, page))
        sections.addStretch(1)
        sections.insertWidget(0, self.family_box)  # scrolls with the parts: the screen fits
        scroll = PageScroll(self)  # up and down; never narrower than its rows
        scroll.setAccessibleName(self.tr("Checks and confirmations for this lesson"))
        scroll.setWidget(body)
        self.sections = scroll
        self.skipped = _label("", self, self.tr("Steps the policy does not ask for"))
        skipped = [f"{say(s.title)}: {say(s.why)}" for s in self.plan.steps if not s.needed]
        self.skipped.setText(self.tr("Not asked by the policy: ") + "; ".join(skipped)
                             if skipped else "")
        self.skipped.setVisible(bool(skipped))
        self.date_warning = _label("", self, self.tr("The lesson's date"))
        warning = None if self.practice else controller.use_case.day_warning(lesson)
        self.date_warning.setText("⚠ " + say(warning) if warning else "")
        self.date_warning.setVisible(bool(warning))
        cancel = QPushButton(self.tr("Not now"), self)
        cancel.setAccessibleName(self.tr("Do not start the lesson now"))
        cancel.setAutoDefault(False)
        self.cancel_button = cancel
        self.next.clicked.connect(self._start)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.next)
        # What the lesson platform will see: the same processed frames the virtual camera
        # sends (blur, shutter and all).
        self.preview = PreviewWidget(self)
        self.preview.setFixedSize(192, 108)
        self.preview.setAccessibleName(self.tr("What the lesson platform will see"))
        checks.capture.frame_ready.connect(self.preview.set_image)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.date_warning)
        layout.addWidget(self.blockers_box)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.skipped)
        layout.addLayout(buttons)
        self.resize(860, 640)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(button is self.next)  # Enter means Start, never a fix
        self.refresh()
        log.info("start lesson: ready screen for lesson %d", lesson.id)
        checks_page = self.page("checks")
        if isinstance(checks_page, ChecksStep):
            checks_page.start()

    def _heading(self) -> str:
        age = (self.tr(", aged {age}").format(age=self.age) if self.age is not None else "")
        when = self.lesson.starts_at.astimezone()
        adult = self.controller.lessons.adult_name(self.lesson)
        return self.tr("<h2>Ready for {pupil}'s lesson</h2><p>{pupil}{age} · booked for "
                       "{when} · {minutes} minutes · {pack}{adult}</p>").format(
            pupil=self.pupil_name, age=age, when=f"{when:%a %d %b %H:%M}",
            minutes=self.lesson.duration_min, pack=self.pack.name,
            adult=(" · " + self.tr("adult: {name}").format(name=adult)) if adult else "") + (
            "<p>" + self.tr("<b>Practice lesson</b>: every step, with the demo camera; its "
                            "record says it was practice.") + "</p>" if self.practice else "")

    def shared_confirmations(self) -> dict[str, str]:
        """What the adult already confirmed for this lesson on the checks page, in the last
        hour: kind -> name."""
        if self.checks.lesson_id != self.lesson.id:
            return {}
        since = datetime.now(UTC) - timedelta(hours=1)
        return {c.kind: c.by_name for c in self.checks.lesson.confirmations if c.at >= since}

    def show_family(self, says: FamilySays | None) -> None:
        """What the family's (or school's) own LessonGuard said for this lesson, shown with
        where it was said; the adult's and the room's ticks follow it, and "the adult left"
        is flagged with the waiting room's changes."""
        self.family = says
        self.family_box.show_news(says)
        people, checks = self.page("supervision"), self.page("checks")
        left = people.ticks.follow(says) if isinstance(people, SupervisionStep) else ""
        if left and isinstance(checks, ChecksStep):
            checks.changes.append(left)
            checks.changed.setText("⚠ " + self.tr("Changed since the last check: {what}")
                                   .format(what="; ".join(checks.changes[-4:])))
            checks.changed.show()
        self.refresh()

    def show_part(self, index: int) -> None:
        """Scroll the screen to one part (checks, code of conduct, recording, the adult)."""
        _step_id, page = self.pages[max(0, min(index, len(self.pages) - 1))]
        self.sections.ensureWidgetVisible(page)
        page.arrive()

    @property
    def stack(self) -> _Parts:
        """The parts one by one, for callers that walked the old steps (`setCurrentIndex`)."""
        return _Parts(self)

    def page(self, step_id: str) -> StepPage | None:
        return next((p for i, p in self.pages if i == step_id), None)

    def share_lesson(self) -> None:
        """The checks know this lesson: its pupil's age, booking and sponsor."""
        facts = self.checks.lesson
        if self.checks.lesson_id != self.lesson.id:
            facts.confirmations.clear()  # another lesson's confirmations are not this one's
        facts.pupil_age = self.age
        facts.starts_at, facts.confirmed_at = self.lesson.starts_at, self.lesson.confirmed_at
        facts.first_lesson = self.lesson.first_lesson
        facts.sponsor_registered = self.sponsor_registered
        self.checks.lesson_id = self.lesson.id

    def blockers(self) -> list[Blocker]:
        """What stops the start now, as the lesson start use case decides it."""
        checks = self.page("checks")
        verdict = checks.verdict() if isinstance(checks, ChecksStep) else CheckVerdict(True)
        recording = self.page("recording")
        consent_needed = isinstance(recording, RecordingStep) and recording.required \
            and not recording.can_record
        return self.controller.use_case.blockers(self.plan, self.answers(), verdict,
                                                 consent_needed)

    def missing(self, step: StepId) -> list[Text]:
        """What this part still needs, as the lesson start use case decides it."""
        return self.controller.use_case.missing(self.plan, self.answers(), step)

    def refresh(self) -> None:
        if not hasattr(self, "blocker_rows"):
            return  # still being built
        blockers = self.blockers()
        # Rows are kept while their item still blocks, so the keyboard focus on a fix button
        # survives the checks filling in; only what changed is added or removed.
        keep = {b.key for b in blockers}
        for row in self.blocker_rows:
            if row.blocker.key not in keep:
                row.setParent(None)
                row.deleteLater()
        have = {row.blocker.key: row for row in self.blocker_rows if row.blocker.key in keep}
        for row in have.values():
            self.blockers_layout.removeWidget(row)  # put back below, in the new order
        checks = self.page("checks")
        running = isinstance(checks, ChecksStep) and checks.in_progress
        self.blocker_rows = []
        for index, blocker in enumerate(blockers):
            kept = have.get(blocker.key)
            if kept is not None and kept.blocker == blocker:
                row = kept
            else:
                if kept is not None:
                    kept.setParent(None)
                    kept.deleteLater()
                row = BlockerRow(blocker, self.blockers_box)
                row.fix.clicked.connect(lambda _c=False, b=blocker: self.fix(b))
                row.fix.setAutoDefault(False)
            self.blockers_layout.insertWidget(index, row)
            row.show()  # now, not on the next pass of the event loop
            row.fix.setEnabled(not (running and blocker.fix in ("run_checks", "check_again")))
            self.blocker_rows.append(row)
        self.blockers_box.setVisible(bool(blockers))
        self.next.setEnabled(not blockers)
        if blockers:
            self.problem.setText(self.tr("{count} to do before the lesson.").format(
                count=len(blockers)))
        else:
            self.problem.setText("✔ " + self.tr("Ready: nothing stops the lesson."))

    def fix(self, blocker: Blocker) -> None:
        """Do the fix right here, or put the keyboard where the person does it."""
        log.info("ready screen: fix %s", blocker.key)
        checks, conduct = self.page("checks"), self.page("conduct")
        recording, people = self.page("recording"), self.page("supervision")
        if blocker.fix in ("run_checks", "check_again") and isinstance(checks, ChecksStep):
            checks.start(fresh=blocker.fix == "check_again")
        elif blocker.fix == "agree_conduct" and isinstance(conduct, ConductStep):
            if len(conduct.name.text().strip()) < 2:
                self._show(conduct, conduct.name)
            else:
                conduct.agree.setChecked(True)
        elif blocker.fix == "give_consent" and isinstance(recording, RecordingStep):
            if recording.can_record:
                recording.record.setChecked(True)
            else:
                recording.give()
        elif blocker.fix == "no_recording" and isinstance(recording, RecordingStep):
            recording.record.setChecked(False)
        elif blocker.fix == "vouch" and isinstance(recording, RecordingStep):
            tick = recording.vouches.get(blocker.key.removeprefix("vouch:"))
            if tick is not None:
                tick.setChecked(True)  # the person vouches by pressing it; kept at Start
        elif blocker.fix == "recording_decision" and isinstance(recording, RecordingStep):
            self._show(recording, recording.decider_name)
        elif isinstance(people, SupervisionStep):
            if blocker.fix == "adult_name" or len(people.name.text().strip()) < 2:
                self._show(people, people.name)
            elif blocker.fix == "confirm_adult":
                people.present.setChecked(True)
            elif blocker.fix == "confirm_room":
                people.room.setChecked(True)
        self.refresh()

    def _show(self, page: QWidget, control: QWidget) -> None:
        self.sections.ensureWidgetVisible(page)
        control.setFocus()

    def answers(self) -> StartAnswers:
        """What the person answered on this screen (a part not shown answers nothing)."""
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
            record=isinstance(recording, RecordingStep) and recording.record.isChecked(),
            vouched=frozenset(i for i, tick in recording.vouches.items() if tick.isChecked())
            if isinstance(recording, RecordingStep) else frozenset(),
            recording_decided=(recording.decision() if isinstance(recording, RecordingStep)
                               else None),
            decider_name=(recording.decider_name.text() if isinstance(recording, RecordingStep)
                          else ""))

    def _start(self) -> None:
        if self.blockers():
            self.refresh()
            return
        self.checks.lesson_id = None
        checks = self.page("checks")
        if isinstance(checks, ChecksStep):
            checks.waiting.stop()
        try:
            self.controller.begin(self.lesson, self.answers())
        except LessonGuardError as exc:  # another lesson in progress, a recording refused
            self.problem.setText("⚠ " + say_error(exc))
            return
        self.accept()

    def done(self, result: int) -> None:  # Qt closes the screen through here
        checks = self.page("checks")
        if isinstance(checks, ChecksStep):
            checks.waiting.stop()
            if checks.sound_test is not None:
                with contextlib.suppress(RuntimeError):  # already closed and deleted
                    checks.sound_test.close()
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the screen
            self.checks.capture.frame_ready.disconnect(self.preview.set_image)
        super().done(result)
