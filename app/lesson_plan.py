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

from app.policy.engine import SupervisionNeed, recording_policy, rule, supervision_for
from app.policy.schema import CodeOfConduct, PolicyPack
from app.texts import _

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
class StartPlan:
    steps: tuple[PlanStep, ...]
    supervision: SupervisionNeed
    conduct: CodeOfConduct | None
    recording_allowed: bool
    recording_reason: str
    room_confirmation: bool
    recording_required: bool = False

    def needed(self) -> list[PlanStep]:
        return [s for s in self.steps if s.needed]

    def step(self, step_id: str) -> PlanStep:
        return next(s for s in self.steps if s.id == step_id)


def conduct_needed(pack: PolicyPack, acknowledged_before: bool) -> tuple[bool, str]:
    """Whether the code of conduct must be shown and acknowledged before this lesson."""
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
    return False, _("The policy does not ask for it to be acknowledged.")


def start_plan(pack: PolicyPack, pupil_age: int | None, *,
               conduct_acknowledged_before: bool) -> StartPlan:
    """The Start lesson steps, in order, each needed or skipped with its reason."""
    need = supervision_for(pack, pupil_age)
    room = rule(pack, "environment.room")
    room_confirmation = room.value == "living_area"
    policy = recording_policy(pack)
    conduct, conduct_why = conduct_needed(pack, conduct_acknowledged_before)
    decision = rule(pack, "conduct.code")
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
    return StartPlan(steps, need, decision.value if conduct else None, policy.allowed,
                     policy.reason, room_confirmation, policy.required)


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
