"""Starting, resuming and ending a lesson: what the person answered, checked against the pack's
plan, written together, and rolled back whole when the start fails.

Why here and not in the window: the Start lesson steps only ask; this decides. A start that
fails (another lesson still running, a required recording that cannot start, the disk) leaves
nothing half-done: no confirmations saved for a lesson that did not start, no recording
without its lesson. The recording comes in through a small protocol, so a unit test drives
exactly this code with no camera and no display.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from app.errors import ConfigurationError, LessonGuardError
from app.lesson_plan import EndNeeds, StartPlan, StepId, end_needs, start_plan
from app.lessons import Lesson, Lessons
from app.panic import RunningRecording
from app.policy.engine import rule
from app.policy.schema import PolicyPack
from app.texts import Text, _

log = logging.getLogger(__name__)
MIN_NAME = 2  # a typed name, not an initial
# Checks a person answers on the Ready screen itself (the adult, the room): their results from
# a run on the checks page never block the start, the answers there do.
PEOPLE_CHECKS = ("supervision", "room")
FixKind = Literal["run_checks", "check_again", "agree_conduct", "give_consent", "adult_name",
                  "confirm_adult", "confirm_room", "no_recording", "vouch",
                  "recording_decision"]
VOUCH_PREFIX = "vouched_"  # a ticked notice is kept as the confirmation "vouched_<notice id>"
DECIDED = {True: "recording_decided_yes", False: "recording_decided_no"}


class LessonRecorder(Protocol):
    """The recording side of a lesson (the window's recording controller, or a fake)."""

    def start(self, pupil_id: int, lesson_id: int | None = None) -> str:
        """Start recording; "" when it started, else why not, in words."""
        ...

    def running(self) -> RunningRecording | None: ...

    def stop(self) -> None: ...


@dataclass(frozen=True)
class StartAnswers:
    """What the person answered in the Start lesson steps."""

    conduct_name: str = ""  # who read and agreed to the code of conduct, when it was asked
    adult_name: str = ""  # the responsible adult confirming supervision and the room
    adult_present: bool = False
    room_living_area: bool = False
    record: bool = False
    vouched: frozenset[str] = frozenset()  # ids of the plan's notices the person ticked
    # The decision on recording by the person the pack names (VTO: the LCC), and their name:
    # None until it is given.
    recording_decided: bool | None = None
    decider_name: str = ""


@dataclass(frozen=True)
class Confirmed:
    """A confirmation made at the end of a lesson: what, by whom, as which role."""

    kind: str
    name: str
    role: str


@dataclass(frozen=True)
class Blocker:
    """One thing that stops the lesson starting, and the one control on the Ready screen that
    fixes it (`fix`); `key` names it for the record and the tests."""

    key: str
    words: Text
    fix: FixKind


@dataclass(frozen=True)
class CheckVerdict:
    """What the Ready screen's checks said, as far as the start cares: failed ones by id and
    title, and whether a run has finished at all."""

    finished: bool
    failed: tuple[tuple[str, str], ...] = ()  # (check id, title)


def _attester(user_name: str, role: str, adult_name: str) -> str | None:
    """Who vouches for the adult's tick made on this computer: None when the adult ticks it
    themselves (the family's or school's own LessonGuard), else the person using it here."""
    if role in ("responsible_adult", "school_staff") or \
            user_name.strip().casefold() == adult_name.strip().casefold():
        return None
    return user_name.strip() or "user"


def _named(name: str) -> bool:
    return len(name.strip()) >= MIN_NAME


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def _short(words: str, most: int = 70) -> str:
    """A notice's first words for its blocking item (the whole text is beside its tick)."""
    first = words.split(":")[0].split(";")[0].strip()
    return first if len(first) <= most else first[:most].rsplit(" ", 1)[0] + "…"


def _short_role(who: str) -> str:
    """"the Learning Communities Coordinator (LCC)" -> "the LCC": the short name, if any."""
    found = re.search(r"\(([^)]+)\)", who)
    return f"the {found.group(1)}" if found else who


def _notice_text(plan: StartPlan, notice_id: str) -> str:
    return next((n.text for n in plan.notices if n.id == notice_id), notice_id)


def _decided(plan: StartPlan, record: bool, name: str, who: str) -> StartPlan:
    """The recording step as the decider's decision makes it: recorded (with consent) or
    not recorded, with their name."""
    if record:
        return replace(plan, recording_decider="", recording_allowed=True,
                       recording_required=True,
                       recording_reason=_("{name} ({who}) decided that lessons are recorded; "
                                          "consent is needed before this lesson.",
                                          name=name, who=who))
    return replace(plan, recording_decider="", recording_allowed=False,
                   recording_required=False,
                   recording_reason=_("{name} ({who}) decided that lessons are not recorded.",
                                      name=name, who=who))


class LessonStart:
    """The one way a lesson starts, resumes and ends, for the window and the command line."""

    def __init__(self, lessons: Lessons, pack: Callable[[], PolicyPack],
                 recorder: LessonRecorder, user: Callable[[], tuple[str, str]]) -> None:
        self.lessons = lessons
        self._pack = pack
        self.recorder = recorder
        self._user = user  # (name, role) of the person using LessonGuard here

    def _family_said(self, lesson_id: int, kind: str) -> bool:
        """The family confirmed this on their own linked computer, and for presence their
        last word is that the adult is here (not that they left)."""
        said = self.lessons.linked_confirmation(lesson_id, kind)
        if said is None or kind != "adult_present":
            return said is not None
        left = self.lessons.linked_confirmation(lesson_id, "adult_left")
        return left is None or (str(left["at"]), int(left["id"])) < (str(said["at"]),
                                                                      int(said["id"]))

    def plan(self, lesson: Lesson) -> StartPlan:
        """The pack's plan for this lesson, with what is on file applied: where the pack names
        who decides on recording (VTO: the LCC, before the first session), their decision
        decides the recording step, and with none on file they are asked for it."""
        pack = self._pack()
        plan = start_plan(pack, self.lessons.pupil_age(lesson),
                          conduct_acknowledged_before=self.lessons.conduct_acknowledged_before(
                              lesson.pupil_id), role=self._user()[1],
                          first_lesson=lesson.first_lesson)
        decider = rule(pack, "recording.decided_by")
        if not decider.from_pack or not plan.recording_allowed:
            return plan
        on_file = self.lessons.recording_decision(lesson.pupil_id)
        if on_file is None:
            return replace(plan, recording_decider=str(decider.value),
                           recording_decider_basis=decider.basis(), recording_allowed=False,
                           recording_required=False,
                           recording_reason=_("{who} decides whether lessons are recorded, "
                                              "before the first session: {basis}",
                                              who=_capital(str(decider.value)),
                                              basis=decider.basis()))
        return _decided(plan, on_file[0] == DECIDED[True], on_file[1], str(decider.value))

    def effective(self, plan: StartPlan, answers: StartAnswers) -> StartPlan:
        """The plan once the decision on recording given on the Ready screen is applied."""
        if not plan.recording_decider or answers.recording_decided is None \
                or not _named(answers.decider_name):
            return plan
        return _decided(plan, answers.recording_decided, answers.decider_name.strip(),
                        plan.recording_decider)

    @staticmethod
    def vouch_missing(plan: StartPlan, answers: StartAnswers) -> list[str]:
        """The required notices the person has not ticked yet (ids)."""
        return [n.id for n in plan.vouch(required=True) if n.id not in answers.vouched]

    def end_needs(self, lesson: Lesson) -> EndNeeds:
        return end_needs(self._pack(), self.plan(lesson).supervision, self._user()[1])

    def missing(self, plan: StartPlan, answers: StartAnswers,
                step: StepId | None = None) -> list[Text]:
        """What the plan asks for that the answers do not give, in words (empty: ready);
        for one step only when `step` is given (the window asks step by step)."""
        plan = self.effective(plan, answers)
        needed = {s.id for s in plan.needed() if step is None or s.id == step}
        out: list[Text] = []
        if "conduct" in needed and not _named(answers.conduct_name):
            out.append(_("Type your name and tick that you agree."))
        if "supervision" in needed:
            if not _named(answers.adult_name):
                out.append(_("The responsible adult types their name and confirms."))
            if plan.supervision.adult_needed("start") and not answers.adult_present:
                out.append(_("The responsible adult confirms they are here."))
            if plan.room_confirmation and not answers.room_living_area:
                out.append(_("Confirm the lesson is in a living area."))
        if step not in (None, "recording"):
            return out
        if plan.recording_decider:
            out.append(_("{who} decides whether lessons are recorded: type their name and "
                         "their decision.", who=_capital(plan.recording_decider)))
        for notice_id in self.vouch_missing(plan, answers):
            out.append(_("Tick to confirm: {what}", what=_notice_text(plan, notice_id)))
        if plan.recording_required and not answers.record:
            out.append(_("Recording consent is needed before this lesson."))
        if answers.record and not plan.recording_allowed:
            out.append(_("This lesson is not recorded. {why}", why=plan.recording_reason))
        return out

    def day_warning(self, lesson: Lesson, now: datetime | None = None) -> Text | None:
        """A lesson started on another day than it was booked for: said before it starts
        (the record keeps both the booked time and the time it really started)."""
        today = (now or datetime.now(UTC)).astimezone().date()
        booked = lesson.starts_at.astimezone().date()
        if booked == today:
            return None
        return _("This lesson is booked for {booked}, not today ({today}). Starting it now "
                 "records today as the day it happened, with the booked date kept beside it.",
                 booked=f"{booked:%a %d %b}", today=f"{today:%a %d %b}")

    def blockers(self, plan: StartPlan, answers: StartAnswers, checks: CheckVerdict,
                 consent_needed: bool = False) -> list[Blocker]:
        """Everything that stops this lesson starting now, each with the control that fixes
        it, in the order a person meets them (empty: it can start). The Ready screen shows
        exactly this list; `consent_needed` is the recording gate's word that consent on file
        is missing for a lesson that must be recorded."""
        plan = self.effective(plan, answers)
        out: list[Blocker] = []
        if not checks.finished:
            out.append(Blocker("checks", _("The checks have not finished."), "run_checks"))
        for check_id, title in checks.failed:
            if check_id in PEOPLE_CHECKS:
                continue  # answered below, by the adult, on this screen
            out.append(Blocker(f"check:{check_id}", _("{title}: fix this, then check again.",
                                                        title=title), "check_again"))
        needed = {s.id for s in plan.needed()}
        if "conduct" in needed and not _named(answers.conduct_name):
            out.append(Blocker("conduct", _("Type your name and tick that you agree to the "
                                            "code of conduct."), "agree_conduct"))
        if plan.recording_decider:
            out.append(Blocker("recording_decision", _(
                "{who}'s decision on recording, before the first session.",
                who=_capital(_short_role(plan.recording_decider))), "recording_decision"))
        for notice_id in self.vouch_missing(plan, answers):
            out.append(Blocker(f"vouch:{notice_id}", _("Confirm: {what}", what=_short(
                _notice_text(plan, notice_id))), "vouch"))
        if (plan.recording_required or consent_needed) and not answers.record:
            out.append(Blocker("consent", _("Recording consent is needed before this lesson."),
                               "give_consent"))
        if answers.record and not plan.recording_allowed:
            out.append(Blocker("recording", _("This lesson is not recorded. {why}",
                                              why=plan.recording_reason), "no_recording"))
        if "supervision" in needed:
            if not _named(answers.adult_name):
                out.append(Blocker("adult_name", _("The responsible adult types their name."),
                                   "adult_name"))
            if plan.supervision.adult_needed("start") and not answers.adult_present:
                out.append(Blocker("adult", _("The responsible adult confirms they are here."),
                                   "confirm_adult"))
            if plan.room_confirmation and not answers.room_living_area:
                out.append(Blocker("room", _("Confirm the lesson is in a living area, not a "
                                             "bedroom or bathroom."), "confirm_room"))
        return out

    def begin(self, lesson: Lesson, answers: StartAnswers) -> Lesson:
        """Start the lesson with these answers. The recording starts first, so the lesson
        starts with it; where the pack records every lesson, a recording that cannot start
        stops the start. On any failure nothing is kept: no confirmation, no recording."""
        plan = self.effective(self.plan(lesson), answers)
        missing = self.missing(plan, answers)
        if missing:
            raise ConfigurationError(_("The lesson cannot start yet: {what}", what=missing))
        self.lessons.check_startable(lesson.id)  # before a recording can start
        user_name, role = self._user()
        reason: str = "" if answers.record else plan.recording_reason
        recording_id: str | None = None
        if answers.record:
            problem = self.recorder.start(lesson.pupil_id, lesson_id=lesson.id)
            running = self.recorder.running()
            if not problem and running is not None:
                recording_id = running.recording_id
            elif plan.recording_required:
                log.warning("lesson %d not started: its recording did not start: %s",
                            lesson.id, problem)
                if running is not None:
                    self.recorder.stop()
                raise ConfigurationError(
                    _("{pack} records every lesson, and the recording could not start: "
                      "{problem}", pack=self._pack().name,
                      problem=problem or _("no recording is running.")),
                    _("Fix that, then press Start lesson again. The lesson has not started."))
            else:
                reason = problem
                log.warning("lesson %d: recording did not start: %s", lesson.id, problem)
        try:
            with self.lessons.store.write():  # the confirmations and the start, together
                if _named(answers.conduct_name):
                    self.lessons.confirm(lesson.id, "conduct_acknowledged",
                                         answers.conduct_name, role)
                # The adult's ticks: not again where the family confirmed on their own
                # linked computer; made here by someone else (the tutor), kept as that
                # person's attestation, never as the adult's own confirmation.
                attest = _attester(user_name, role, answers.adult_name)
                for kind, given in (("adult_present", answers.adult_present),
                                    ("room_living_area", answers.room_living_area)):
                    if given and not self._family_said(lesson.id, kind):
                        self.lessons.confirm(lesson.id, kind, answers.adult_name,
                                             "responsible_adult", attested_by=attest)
                if answers.recording_decided is not None and _named(answers.decider_name) \
                        and self.plan(lesson).recording_decider:
                    # The decider's own name, as the pack names their role (VTO: the LCC).
                    self.lessons.confirm(lesson.id, DECIDED[answers.recording_decided],
                                         answers.decider_name, "recording_decider")
                offered = {n.id for n in plan.vouch()}
                for notice_id in sorted(answers.vouched & offered):
                    self.lessons.confirm(lesson.id, VOUCH_PREFIX + notice_id,
                                         user_name or "user", role)
                if recording_id is not None:
                    self.lessons.confirm(lesson.id, "recording_notice", user_name or "user",
                                         role)
                started = self.lessons.start(lesson.id, by=user_name,
                                             recording_id=recording_id,
                                             no_recording_reason=reason)
        except BaseException:
            if recording_id is not None:
                self.recorder.stop()  # never a recording without its lesson
            raise
        log.info("lesson %d started (%s)", lesson.id,
                 "recorded" if recording_id else "not recorded")
        return started

    def resume(self, lesson: Lesson) -> tuple[Lesson, str]:
        """Carry on a lesson a crash interrupted. Its recording up to the crash is kept; a new
        one starts only if the gate still allows it and the lesson was being recorded.
        Returns the lesson and, if its recording could not start again, why."""
        user_name = self._user()[0]
        lesson = self.lessons.resume(lesson.id, by=user_name or "user")
        problem = ""
        if lesson.recording_id:
            problem = self.recorder.start(lesson.pupil_id, lesson_id=lesson.id)
            if problem:
                log.warning("lesson %d resumed without recording: %s", lesson.id, problem)
        return lesson, problem

    def end(self, lesson: Lesson, confirmations: list[Confirmed],
            reason: str = "ended normally") -> dict[str, Any]:
        """Stop the recording, then record the end confirmations and close the lesson with its
        summary, together. A confirmation that is not a typed name stops the end before
        anything is written."""
        for c in confirmations:
            if not _named(c.name):
                raise ConfigurationError(_("Type the person's full name to confirm."))
        self.recorder.stop()
        user_name = self._user()[0]
        try:
            with self.lessons.store.write():
                role = self._user()[1]
                for c in confirmations:
                    attest = (_attester(user_name, role, c.name)
                              if c.role == "responsible_adult" else None)
                    self.lessons.confirm(lesson.id, c.kind, c.name, c.role, attested_by=attest)
                summary = self.lessons.end(lesson.id, by=user_name or "user", reason=reason)
        except LessonGuardError:
            log.exception("lesson %d could not be ended", lesson.id)
            raise
        # The reason as recorded: not "ended normally" after connection trouble past the limit.
        log.info("lesson %d ended: %s", lesson.id, summary["lesson"]["end_reason"] or reason)
        return summary
