"""What a pack asks for around one lesson: the steps before it starts, the prompts during it,
and the confirmations at its end.

Why: the Start lesson flow, the companion window and the end-of-lesson screen must ask for
exactly what the organisation's policy demands, and skip what it does not, with the clause
each step rests on. Pure functions: (pack, lesson facts) in, a plan out; no Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from app.policy.engine import (
    Decision,
    SupervisionNeed,
    recording_policy,
    rule,
    supervision_for,
)
from app.policy.schema import CodeOfConduct, Notice, PolicyPack
from app.texts import Text, _

UserRole = Literal["tutor", "responsible_adult", "school_staff"]
USER_ROLES: tuple[UserRole, ...] = ("tutor", "responsible_adult", "school_staff")
StepId = Literal["checks", "conduct", "recording", "supervision"]
COME_BACK_MINUTES = 5  # the "please come back for the end" prompt, before the end


@dataclass(frozen=True)
class PlanStep:
    id: StepId
    title: str
    needed: bool
    why: str  # why it is asked for, or why it is skipped


@dataclass(frozen=True)
class PlanNotice:
    """Something the pack asks LessonGuard to say at Start lesson to this role: its words,
    the clause (or the named LessonGuard default), how strongly it is asked for, and whether
    a person vouches for it (LessonGuard cannot see it for itself)."""

    id: str
    text: str
    basis: str
    strength: str = "required"
    confirm: bool = False


@dataclass(frozen=True)
class StartPlan:
    steps: tuple[PlanStep, ...]
    supervision: SupervisionNeed
    conduct: CodeOfConduct | None
    recording_allowed: bool
    recording_reason: str
    room_confirmation: bool
    recording_required: bool = False
    notices: tuple[PlanNotice, ...] = ()
    # Who must still decide whether this pupil's lessons are recorded, before the first
    # session (VTO: the LCC), with the clause; empty when the pack names nobody or it is
    # decided. Filled in by the lesson start use case, which knows what is on file.
    recording_decider: str = ""
    recording_decider_basis: str = ""

    def vouch(self, required: bool | None = None) -> list[PlanNotice]:
        """The notices a person ticks to vouch for (required ones block the start)."""
        return [n for n in self.notices if n.confirm
                and (required is None or (n.strength == "required") == required)]

    def needed(self) -> list[PlanStep]:
        return [s for s in self.steps if s.needed]

    def step(self, step_id: str) -> PlanStep:
        return next(s for s in self.steps if s.id == step_id)


STAFF_ROLES = ("tutor", "school_staff")


def conduct_needed(pack: PolicyPack, acknowledged_before: bool,
                   role: str | None = None) -> tuple[bool, str]:
    """Whether the code of conduct must be shown and acknowledged before this lesson, by this
    role (None: whoever uses LessonGuard here)."""
    decision = rule(pack, "conduct.code")
    if not decision.from_pack:
        return False, _("The policy has no code of conduct to acknowledge.")
    code: CodeOfConduct = decision.value
    if code.acknowledge == "each_lesson":
        return True, _("Acknowledged before each lesson: {basis}", basis=decision.basis())
    if code.acknowledge == "first_lesson":
        if acknowledged_before:
            return False, _("Already acknowledged before an earlier lesson.")
        return True, _("Acknowledged before the first lesson: {basis}", basis=decision.basis())
    if code.acknowledge == "staff_remind":
        if role is not None and role not in STAFF_ROLES:
            return False, _("Staff remind pupils of the code during lessons: {basis}",
                            basis=decision.basis())
        return True, _("Remind the pupil of these expectations; tick when you have: {basis}",
                       basis=decision.basis())
    return False, _("The policy does not ask for it to be acknowledged.")


def _for_role(notices: list[Notice], role: str | None) -> list[Notice]:
    return [n for n in notices if role is None or not n.roles or role in n.roles]


def code_for(pack: PolicyPack, role: str | None) -> CodeOfConduct | None:
    """The pack's code of conduct as this role reads it: the points for everyone, then this
    role's own (the tutor's code, the pupil's), then the pack's limits on contact outside the
    lesson for this role."""
    decision = rule(pack, "conduct.code")
    if not decision.from_pack:
        return None
    code: CodeOfConduct = decision.value
    points = list(code.points)
    # The adult makes sure the pupil knows their code, so reads it too.
    readers = {role, "pupil"} if role == "responsible_adult" else {role}
    for code_role, role_points in code.by_role.items():
        if role is None or code_role in readers:
            points += [p for p in role_points if p not in points]
    contact = rule(pack, "conduct.contact_outside_lesson")
    points += [n.text for n in _for_role(list(contact.value), role) if n.text not in points]
    return code.model_copy(update={"points": points[:60]})


def _basis(source_quote: str, section: str) -> str:
    return f"{section}: “{source_quote}”" if section else f"“{source_quote}”"


def notices_for(pack: PolicyPack, role: str | None, need: SupervisionNeed,
                first_lesson: bool = True) -> tuple[PlanNotice, ...]:
    """What the pack asks LessonGuard to say, or a person to vouch for, at Start lesson."""
    out: list[PlanNotice] = []

    def add(notice_id: str, text: str, decision: Decision, confirm: bool = False) -> None:
        if decision.applies(role):
            out.append(PlanNotice(notice_id, text, decision.basis(), decision.strength,
                                  confirm))

    def add_notice(notice_id: str, notice: Notice, confirm: bool = False) -> None:
        if role is None or not notice.roles or role in notice.roles:
            out.append(PlanNotice(notice_id, notice.text, _basis(notice.source.quote,
                                                                 notice.source.section),
                                  notice.strength, confirm))

    for n in _for_role(list(rule(pack, "conduct.contact_outside_lesson").value), role):
        add_notice("contact_outside_lesson", n)
    kept = rule(pack, "conduct.messages_kept_days")
    if kept.from_pack:
        days = int(kept.value)
        add("messages_kept", _("Messages sent in the lesson's chat are kept for {years} years.",
                               years=days // 365) if days % 365 == 0 else
            _("Messages sent in the lesson's chat are kept for {days} days.", days=days), kept)
    visible = rule(pack, "environment.nothing_inappropriate_visible")
    if visible.value:
        add("nothing_inappropriate_visible",
            _("Make sure nothing inappropriate can be seen behind you or on a shared screen, "
              "including documents and pop-ups: LessonGuard does not look at pictures."),
            visible, confirm=True)
    calls = rule(pack, "environment.no_calls_or_messaging")
    if calls.value and calls.from_pack:
        add("no_calls_or_messaging", _("No phone calls or messaging during the lesson."), calls)
    record = rule(pack, "recording.pupils_and_parents_may_record")
    if record.value is False and record.from_pack and role != "tutor":
        add("no_recording_by_family", _("Pupils and parents must not record the lesson or "
                                        "take screenshots."), record)
    dress = rule(pack, "environment.dress_reminder")
    if dress.from_pack:
        add("dress", str(dress.value), dress)
    quiet = rule(pack, "environment.quiet_location")
    if quiet.value and quiet.from_pack:
        add("quiet_location", _("A quiet place, free from interruptions."), quiet)
    pause = rule(pack, "network.others_pause_usage")
    if pause.value and pause.from_pack:
        add("others_pause_usage", _("Others on the same internet connection pause their use "
                                    "while the lesson runs."), pause)
    virtual = rule(pack, "environment.virtual_background_allowed")
    if virtual.value and virtual.from_pack:
        add("virtual_background", _("An appropriate, non-distracting virtual background is "
                                    "allowed."), virtual)
    comfortable = rule(pack, "supervision.continue_without_adult")
    if comfortable.value == "if_pupil_comfortable" and not need.adult_needed("during"):
        add("pupil_comfortable",
            _("If no parent or responsible adult is there, make sure the pupil is comfortable "
              "to continue; if they are not, the lesson ends.") if role in (None, "tutor")
            else _("If no adult is with the pupil and they are not comfortable, they can end "
                   "the lesson."), comfortable)
    at_start = rule(pack, "supervision.pupil_comfortable_at_start")
    if at_start.value and at_start.from_pack:
        add("pupil_comfortable_at_start", _("The pupil feels comfortable in the online "
                                            "environment: you made sure of it at the start."),
            at_start, confirm=True)
    training = rule(pack, "training.before_first_lesson")
    if role in (None, "tutor"):
        for index, n in enumerate(_for_role(list(training.value), role)):
            add_notice(f"training_{index + 1}" if index else "training", n, confirm=True)
        lapsed = rule(pack, "training.lapsed_blocks_teaching")
        if lapsed.value:
            add("training_current", _("Your safeguarding training is up to date: no teaching "
                                      "once it has lapsed."), lapsed, confirm=True)
        observer = rule(pack, "training.observer_first_lesson")
        if observer.value and first_lesson:
            add("observer", _("An experienced tutor is present to observe this first "
                              "session."), observer, confirm=True)
    owner = rule(pack, "recording.owner")
    if owner.from_pack:
        add("recording_owner", _("Recordings remain the property of {owner}.",
                                 owner=owner.value), owner)
    decided = rule(pack, "recording.decided_by")
    if decided.from_pack and first_lesson:
        add("recording_decided_by", _("Whether lessons are recorded is decided by {who} "
                                      "before the first session.", who=decided.value), decided)
    return tuple(out)


def sponsor_words(pack: PolicyPack) -> Text:
    """Why a sponsor is asked for, credited to whoever asks: the organisation's policy, or
    LessonGuard's own default where the policy says nothing about sponsors."""
    decision = rule(pack, "supervision.sponsor_required")
    if decision.from_pack:
        return _("{pack} needs an adult sponsor (18 or over) for each pupil.", pack=pack.name)
    return _("LessonGuard asks for an adult sponsor (18 or over) for each pupil; {pack}'s "
             "policy does not mention sponsors.", pack=pack.name)


def start_plan(pack: PolicyPack, pupil_age: int | None, *,
               conduct_acknowledged_before: bool, role: str | None = None,
               first_lesson: bool = True) -> StartPlan:
    """The Start lesson steps, in order, each needed or skipped with its reason, for the role
    of the person using LessonGuard here (None: any)."""
    need = supervision_for(pack, pupil_age)
    room = rule(pack, "environment.room")
    # A lesson at home is in a living area; school staff teach from a classroom.
    room_confirmation = room.value == "living_area" and room.applies(role)
    policy = recording_policy(pack)
    conduct, conduct_why = conduct_needed(pack, conduct_acknowledged_before, role)
    adult = need.adult_needed("start")
    supervision_why: str = need.text
    if room_confirmation:
        supervision_why = (_("{need} The lesson is in a living area: {basis}", need=need.text,
                             basis=room.basis()) if adult else
                           _("The lesson is in a living area: {basis}", basis=room.basis()))
    steps = (
        PlanStep("checks", _("Check the setup"), True,
                 _("Camera, microphone, connection and room, as the policy asks.")),
        PlanStep("conduct", _("Code of conduct"), conduct, conduct_why),
        PlanStep("recording", _("Recording"), True, policy.reason),
        PlanStep("supervision", _("Supervision"), adult or room_confirmation, supervision_why),
    )
    return StartPlan(steps, need, code_for(pack, role) if conduct else None, policy.allowed,
                     policy.reason, room_confirmation, policy.required,
                     notices_for(pack, role, need, first_lesson))


@dataclass(frozen=True)
class Prompt:
    """Something said during the lesson at a set time (a supervision reminder)."""

    at: datetime
    kind: str
    text: str


def lesson_prompts(pack: PolicyPack, need: SupervisionNeed, role: str, starts_at: datetime,
                   duration_min: int) -> list[Prompt]:
    """Reminders during the lesson, in time order: the adult asked back for the end, school
    staff reminded to collect the pupil."""
    end = starts_at + timedelta(minutes=duration_min)
    before_end = end - timedelta(minutes=min(COME_BACK_MINUTES, max(1, duration_min // 3)))
    prompts = []
    comfortable = rule(pack, "supervision.continue_without_adult")
    if (comfortable.value == "if_pupil_comfortable" and not need.adult_needed("during")
            and role == "tutor"):
        prompts.append(Prompt(starts_at, "pupil_comfortable",
                              _("If no parent or responsible adult is with the pupil, ask "
                                "whether they are comfortable to continue; if not, end the "
                                "lesson.")))
    if need.presence == "within_earshot_where_possible":
        prompts.append(Prompt(starts_at, "adult_within_earshot",
                              _("Where possible, a parent or carer stays within earshot "
                                "during the lesson.")))
    if need.presence == "in_room_throughout":
        prompts.append(Prompt(starts_at, "adult_stays",
                              _("An adult must stay in the room for the whole lesson.")))
    elif need.adult_needed("end"):
        prompts.append(Prompt(before_end, "adult_back",
                              _("Please come back for the end of the lesson: it ends at "
                                "{time}. The responsible adult confirms the end.",
                                time=f"{end.astimezone():%H:%M}")))
    if role == "school_staff" and rule(pack, "supervision.school_staff_return_pupil").value:
        prompts.append(Prompt(before_end, "return_pupil",
                              _("The lesson ends at {time}: be ready to see the pupil back to "
                                "class.", time=f"{end.astimezone():%H:%M}")))
    return sorted(prompts, key=lambda p: p.at)


@dataclass(frozen=True)
class EndNeeds:
    adult_confirms: bool
    pupil_returns_to_class: bool
    why: str


def end_needs(pack: PolicyPack, need: SupervisionNeed, role: str) -> EndNeeds:
    """What must be confirmed before the lesson is closed."""
    adult = need.adult_needed("end")
    back = rule(pack, "supervision.school_staff_return_pupil")
    returns = role == "school_staff" and bool(back.value)
    adult_why = _("{need} ({basis})", need=need.text, basis=need.decision.basis())
    back_why = _("The pupil goes back to class: {basis}", basis=back.basis())
    why: str = (_("{adult} {back}", adult=adult_why, back=back_why) if adult and returns else
                adult_why if adult else back_why if returns else "")
    return EndNeeds(adult, returns, why)
