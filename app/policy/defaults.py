"""LessonGuard's own defaults, applied where a policy pack says "unspecified".

Why: a policy that is silent must never mean "anything goes". Each default is the more
protective choice, and carries a name the app shows, so a person can see that a rule came
from LessonGuard rather than from their organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.policy.schema import AgeBand, Role, Source, Strength, TroubleOutcome

_LG = Source(seed=None, section="LessonGuard defaults",
             quote="LessonGuard's high-privacy default, applied where the policy is silent")


@dataclass(frozen=True)
class Default:
    """A LessonGuard default: its value, the name shown for it, how strongly LessonGuard asks
    for it, and whom it fits (empty: everyone; the room default fits lessons at home, not
    school staff in a classroom)."""

    value: Any
    name: str
    strength: Strength = "required"
    applies_to: tuple[Role, ...] = field(default_factory=tuple)


HOME_ROLES: tuple[Role, ...] = ("tutor", "pupil", "responsible_adult")


DEFAULT_BANDS = [
    AgeBand(min_age=0, max_age=12, presence="in_room_throughout", source=_LG),
    AgeBand(min_age=13, max_age=17, presence="start_and_end_within_earshot", source=_LG),
]

DEFAULT_TROUBLE = [
    TroubleOutcome(moment=moment, side="either", roles=["tutor"],
                   text="Stop the lesson and arrange another time with the family.",
                   source=_LG)
    for moment in ("start", "midway")
] + [
    TroubleOutcome(moment=moment, side="either",
                   roles=["pupil", "responsible_adult", "school_staff"],
                   text="Stop the lesson and arrange another time with the tutor.", source=_LG)
    for moment in ("start", "midway")
]

DEFAULTS: dict[str, Default] = {
    "organisation.reporting_route": Default(
        "Report to the organisation's designated safeguarding lead.",
        "LessonGuard default: report to the designated safeguarding lead"),
    "recording.mode": Default(
        "forbidden", "LessonGuard default: no recording unless the policy allows it"),
    "recording.owner": Default(
        "", "LessonGuard default: the policy names no owner of recordings; LessonGuard keeps "
        "them encrypted on this computer"),
    "recording.decided_by": Default(
        "", "LessonGuard default: nobody outside the consent step decides on recording"),
    "recording.retention_days": Default(
        30, "LessonGuard default: a recording is kept 30 days at most"),
    "recording.consent_from": Default(
        ["responsible_adult", "pupil", "tutor"],
        "LessonGuard default: the responsible adult, the pupil and the tutor all consent"),
    "recording.playback_roles": Default(
        ["responsible_adult"], "LessonGuard default: only the responsible adult may play back"),
    "recording.playback_days": Default(
        30, "LessonGuard default: playback for 30 days at most"),
    "recording.pupils_and_parents_may_record": Default(
        False, "LessonGuard default: pupils and parents do not record lessons themselves"),
    "recording.review_on_report": Default(
        True, "LessonGuard default: a recording is kept for review when a concern is reported"),
    "recording.police_access_on_report": Default(
        True, "LessonGuard default: a recording is preserved for the police on a report"),
    "supervision.bands": Default(
        DEFAULT_BANDS,
        "LessonGuard default: 12 and under, an adult in the room throughout; 13 to 17, an adult "
        "at the start and end and within earshot"),
    "supervision.continue_without_adult": Default(
        "no", "LessonGuard default: the lesson does not go on without the adult it needs"),
    "supervision.sponsor_required": Default(
        True, "LessonGuard default: an adult sponsor (18+) is registered before the first lesson"),
    "supervision.school_staff_return_pupil": Default(
        True, "LessonGuard default: school staff see the pupil back to class"),
    "supervision.pupil_comfortable_at_start": Default(
        False, "LessonGuard default: the tutor is not asked to confirm the pupil is comfortable"),
    "network.min_upload_mbps": Default(
        2.0, "LessonGuard default: at least 2 Mbit/s upload recommended", "recommended"),
    "network.min_download_mbps": Default(
        2.0, "LessonGuard default: at least 2 Mbit/s download recommended", "recommended"),
    "network.trouble_abort_minutes": Default(
        5, "LessonGuard default: after 5 minutes of connection trouble, stop and rearrange"),
    "network.trouble_outcomes": Default(
        DEFAULT_TROUBLE, "LessonGuard default: stop the lesson and rearrange it"),
    "network.others_pause_usage": Default(
        True, "LessonGuard default: ask others on the connection to pause heavy use",
        "recommended"),
    "environment.background": Default(
        "blur", "LessonGuard default: background blurred to protect the home", "recommended"),
    "environment.virtual_background_allowed": Default(
        True, "LessonGuard default: an appropriate virtual background is allowed"),
    "environment.no_personal_information": Default(
        True, "LessonGuard default: no personal information visible", "recommended"),
    "environment.nothing_inappropriate_visible": Default(
        False, "LessonGuard default: nobody is asked to confirm what can be seen"),
    "environment.room": Default(
        "living_area", "LessonGuard default, for a lesson at home: a living area, never a "
        "bedroom or bathroom", applies_to=HOME_ROLES),
    "environment.quiet_location": Default(
        True, "LessonGuard default: a quiet place", "recommended"),
    "environment.do_not_disturb": Default(
        "recommended", "LessonGuard default: Do Not Disturb recommended", "recommended"),
    "environment.mains_power": Default(
        "recommended", "LessonGuard default: mains power recommended", "recommended"),
    "environment.no_calls_or_messaging": Default(
        True, "LessonGuard default: no calls or messaging during the lesson", "recommended"),
    "environment.close_unrelated_apps": Default(
        True, "LessonGuard default: unrelated apps closed", "recommended"),
    "environment.dress_reminder": Default(
        "Dress as you would for a lesson at school.",
        "LessonGuard default: dress as for school"),
    "environment.equipment": Default(
        "any", "LessonGuard default: any computer, tablet or phone"),
    "apps.close_categories": Default(
        ["browsers", "messaging", "screen_recorders", "remote_access", "games"],
        "LessonGuard default: close browsers, messaging, screen recorders, remote access, games"),
    "apps.allowed_platforms": Default(
        ["zoom", "teams", "meet"], "LessonGuard default: Zoom, Teams and Meet allowed"),
    "conduct.code": Default(None, "LessonGuard default: no code of conduct to acknowledge"),
    "conduct.contact_outside_lesson": Default(
        [], "LessonGuard default: no rule on contact outside the lesson"),
    "conduct.messages_kept_days": Default(
        None, "LessonGuard default: LessonGuard keeps no lesson messages"),
    "training.before_first_lesson": Default(
        [], "LessonGuard default: no training to confirm"),
    "training.lapsed_blocks_teaching": Default(
        False, "LessonGuard default: training is not checked"),
    "training.observer_first_lesson": Default(
        False, "LessonGuard default: no observer for a new tutor"),
    "scheduling.min_lead_hours": Default(
        0, "LessonGuard default: no minimum notice before a lesson"),
    "incident.call_police": Default(
        "if_child_in_danger", "LessonGuard default: call 999 when a child is in danger"),
    "incident.preserve_recording": Default(
        True, "LessonGuard default: any recording is preserved for the report"),
}

DEFAULT_PROCEDURE_NAME = (
    "LessonGuard default procedure: stop the lesson, keep the evidence, tell the designated "
    "safeguarding lead, and call 999 if a child is in danger"
)

DEFAULT_PROCEDURE = [
    "If a child is in immediate danger, call 999 now.",
    "Stop the lesson: LessonGuard has already cut your camera and microphone.",
    "Write down what happened, when, who was involved, and any words the child used.",
    "Tell the organisation's designated safeguarding lead as soon as you can.",
    "Have no further contact with the other person about this.",
]
