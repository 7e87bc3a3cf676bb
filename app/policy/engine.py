"""The policy engine: what a pack demands for this lesson, these people, at this time.

Why: the window, the checks, the recorder and the panic flow must all ask one place, so the
rules are applied the same way everywhere. Every function here is pure: (pack, lesson facts,
time) in, a decision with the clause it rests on out. No Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from app.policy.defaults import DEFAULT_PROCEDURE, DEFAULT_PROCEDURE_NAME, DEFAULTS
from app.policy.schema import (
    AgeBand,
    CategoryId,
    ConsentRole,
    Contact,
    PolicyPack,
    Presence,
    Role,
    Rule,
    Source,
)
from app.texts import _

Phase = Literal["start", "during", "end"]


@dataclass(frozen=True)
class Decision:
    """A resolved rule: its value, the clause it rests on, or the LessonGuard default used."""

    key: str
    value: Any
    source: Source | None
    default: str = ""  # the default's name when the pack is silent

    @property
    def from_pack(self) -> bool:
        return not self.default

    def basis(self) -> str:
        if self.default:
            return f"{self.default} (the policy does not say)"
        assert self.source is not None
        where = " ".join(p for p in (self.source.seed or "", self.source.section) if p)
        return f"{where}: “{self.source.quote}”" if where else f"“{self.source.quote}”"


def resolve(rule: Rule[Any], key: str) -> Decision:
    if rule.specified:
        return Decision(key, rule.value, rule.source)
    default = DEFAULTS[key]
    return Decision(key, default.value, None, default.name)


def rule(pack: PolicyPack, key: str) -> Decision:
    """Resolve a rule by its dotted key, for example `recording.mode`."""
    section, name = key.split(".", 1)
    return resolve(getattr(getattr(pack, section), name), key)


# --- recording ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordingPolicy:
    allowed: bool
    required: bool
    consent_from: tuple[ConsentRole, ...]
    retention_days: int
    playback_roles: tuple[str, ...]
    playback_days: int
    reason: str
    decisions: tuple[Decision, ...]
    permission_in_advance: bool = False


def recording_policy(pack: PolicyPack, kind: str = "lesson") -> RecordingPolicy:
    """May this kind of session be recorded ("lesson", or an exception such as
    "ensemble_performance"), and on what terms."""
    mode = rule(pack, "recording.mode")
    consent = rule(pack, "recording.consent_from")
    retention = rule(pack, "recording.retention_days")
    playback_roles = rule(pack, "recording.playback_roles")
    playback_days = rule(pack, "recording.playback_days")
    decisions = (mode, consent, retention, playback_roles, playback_days)
    exception = next((e for e in pack.recording.exceptions if e.name == kind), None)
    if kind != "lesson" and exception is not None and mode.value == "forbidden":
        return RecordingPolicy(
            allowed=True, required=False, consent_from=tuple(consent.value),
            retention_days=retention.value, playback_roles=tuple(playback_roles.value),
            playback_days=min(playback_days.value, retention.value),
            reason=f"{exception.description} ({exception.source.quote})",
            decisions=decisions, permission_in_advance=exception.permission_in_advance,
        )
    allowed = mode.value != "forbidden"
    if mode.value == "forbidden":
        reason = _("Recording is not allowed: {basis}", basis=mode.basis())
    elif mode.value == "required":
        reason = _("Every lesson must be recorded: {basis}", basis=mode.basis())
    else:
        reason = _("Recording is allowed with consent: {basis}", basis=mode.basis())
    return RecordingPolicy(
        allowed=allowed, required=mode.value == "required", consent_from=tuple(consent.value),
        retention_days=retention.value, playback_roles=tuple(playback_roles.value),
        playback_days=min(playback_days.value, retention.value), reason=reason,
        decisions=decisions,
    )


@dataclass(frozen=True)
class RecordingGate:
    may_record: bool
    lesson_may_start: bool
    missing_consent: tuple[ConsentRole, ...]
    message: str


def recording_gate(
    pack: PolicyPack, consents_on_file: set[str] | frozenset[str], kind: str = "lesson"
) -> RecordingGate:
    """Whether recording may start, and whether the lesson may start at all, given whose
    current consent is on file."""
    policy = recording_policy(pack, kind)
    if not policy.allowed:
        return RecordingGate(False, True, (), policy.reason)
    missing = tuple(r for r in policy.consent_from if r not in consents_on_file)
    if missing:
        who = [ROLE_WORDS.get(r, r.replace("_", " ")) for r in missing]
        if policy.required:
            return RecordingGate(
                False, False, missing,
                _("This lesson cannot start: the policy requires recording and consent is "
                  "missing from: {who}.", who=who),
            )
        return RecordingGate(False, True, missing,
                             _("Recording needs consent from: {who}. The lesson can go on "
                               "without recording.", who=who))
    return RecordingGate(True, True, (), policy.reason)


def recording_expiry(pack: PolicyPack, started_at: datetime) -> datetime:
    return started_at + timedelta(days=recording_policy(pack).retention_days)


def playback_allowed(
    pack: PolicyPack, role: str, started_at: datetime, now: datetime
) -> tuple[bool, str]:
    policy = recording_policy(pack)
    if role not in policy.playback_roles:
        return False, _("The policy does not let the {role} play recordings back.",
                        role=ROLE_WORDS.get(role, role.replace("_", " ")))
    if now > started_at + timedelta(days=policy.playback_days):
        return False, _("Playback is only possible for {days} days.",
                        days=policy.playback_days)
    return True, ""


ROLE_WORDS: dict[str, str] = {  # a role as a person reads it
    "responsible_adult": _("responsible adult"), "pupil": _("pupil"), "tutor": _("tutor"),
    "school_staff": _("school staff"), "organisation": _("organisation"),
    "sponsor": _("sponsor"),
}


# --- supervision -------------------------------------------------------------------------


PRESENCE_TEXT: dict[str, str] = {
    "in_room_throughout": _("An adult in the room for the whole lesson."),
    "start_and_end_within_earshot": _("An adult at the start and the end, within earshot "
                                      "between."),
    "start_and_end_available": _("An adult at the start and the end, available between."),
    "present_and_available": _("An adult present or available, as they judge right."),
    "none": _("No adult needed: the pupil may be on their own."),
}


@dataclass(frozen=True)
class SupervisionNeed:
    presence: Presence
    age: int | None
    text: str
    decision: Decision
    band: AgeBand | None

    def adult_needed(self, phase: Phase) -> bool:
        if self.presence == "none":
            return False
        if self.presence == "in_room_throughout":
            return True
        if self.presence == "present_and_available":
            return phase == "start"
        return phase in ("start", "end")

    def within_earshot_needed(self) -> bool:
        return self.presence in ("in_room_throughout", "start_and_end_within_earshot")


def age_on(date_of_birth: date, day: date) -> int:
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def supervision_for(pack: PolicyPack, age: int | None) -> SupervisionNeed:
    """The adult presence a pupil of this age needs. An unknown age gets the strictest band."""
    decision = rule(pack, "supervision.bands")
    bands: list[AgeBand] = list(decision.value)
    if age is None:
        strict_order = list(PRESENCE_TEXT)
        band = min(bands, key=lambda b: strict_order.index(b.presence)) if bands else None
    else:
        band = next((b for b in bands if b.min_age <= age <= b.max_age), None)
    if band is None:
        presence: Presence = "none" if age is not None and age >= 18 else "in_room_throughout"
        text: str = (_("Adults need no supervision.") if presence == "none" else
                     _("The policy does not cover this age: an adult in the room "
                       "throughout."))
        return SupervisionNeed(presence, age, text, decision, None)
    return SupervisionNeed(band.presence, age, PRESENCE_TEXT[band.presence], decision, band)


# --- scheduling and network --------------------------------------------------------------


def lesson_confirmation(
    pack: PolicyPack, confirmed_at: datetime, starts_at: datetime, first_lesson: bool = True
) -> tuple[bool, str, Decision]:
    decision = rule(pack, "scheduling.min_lead_hours")
    hours = int(decision.value)
    if not first_lesson or hours == 0:
        return True, "", decision
    notice = starts_at - confirmed_at
    if notice >= timedelta(hours=hours):
        return True, "", decision
    have = max(0.0, notice.total_seconds() / 3600)
    return (False, _("The first lesson must be confirmed at least {hours} hours ahead; this "
                     "one was confirmed {have} hours ahead. Choose a later time.", hours=hours,
                     have=f"{have:.1f}"), decision)


@dataclass(frozen=True)
class TroubleAdvice:
    abort: bool
    message: str
    decision: Decision


def connection_trouble(pack: PolicyPack, minutes: float, side: Literal["tutor", "pupil"]
                       ) -> TroubleAdvice:
    limit = rule(pack, "network.trouble_abort_minutes")
    outcome = rule(pack, f"network.trouble_outcome_{side}_side")
    if minutes <= limit.value:
        return TroubleAdvice(False, _("Connection trouble for {minutes} min; the policy "
                                     "allows {limit} min before the lesson is stopped.",
                                     minutes=f"{minutes:.0f}", limit=limit.value), limit)
    return TroubleAdvice(True, _("More than {limit} minutes of connection trouble: {outcome}",
                                 limit=limit.value, outcome=outcome.value), limit)


# --- checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckRequirement:
    """A pre-lesson check the pack asks for: how serious a failure is, and its thresholds."""

    check_id: str
    severity: Literal["fail", "warn"]
    params: dict[str, Any]
    decisions: tuple[Decision, ...]


_SEVERITY: dict[str, Literal["fail", "warn"]] = {"required": "fail", "recommended": "warn"}


def _need_severity(value: str) -> Literal["fail", "warn"] | None:
    return _SEVERITY.get(value)


def check_requirements(pack: PolicyPack) -> list[CheckRequirement]:
    """Which pre-lesson checks apply under this pack, with what thresholds."""
    out = [
        CheckRequirement("camera", "fail", {}, ()),
        CheckRequirement("microphone", "fail", {}, ()),
    ]
    up, down = rule(pack, "network.min_upload_mbps"), rule(pack, "network.min_download_mbps")
    out.append(CheckRequirement("bandwidth", "fail",
                                {"min_upload_mbps": up.value, "min_download_mbps": down.value},
                                (up, down)))
    background = rule(pack, "environment.background")
    virtual = rule(pack, "environment.virtual_background_allowed")
    if background.value != "any":
        out.append(CheckRequirement("background", "warn",
                                    {"rule": background.value, "virtual_allowed": virtual.value},
                                    (background, virtual)))
    personal = rule(pack, "environment.no_personal_information")
    if personal.value:
        out.append(CheckRequirement("personal_information", "warn", {}, (personal,)))
    out.append(CheckRequirement("people", "warn", {}, ()))
    room = rule(pack, "environment.room")
    if room.value == "living_area":
        out.append(CheckRequirement("room", "fail", {"rule": "living_area"}, (room,)))
    close = rule(pack, "environment.close_unrelated_apps")
    if close.value:
        cats, platforms = rule(pack, "apps.close_categories"), rule(pack, "apps.allowed_platforms")
        # A policy that says apps "must be closed" makes this a failure; our default, a warning.
        out.append(CheckRequirement("apps", "fail" if close.from_pack else "warn",
                                    {"close": list(cats.value), "allowed": list(platforms.value)},
                                    (close, cats, platforms)))
    for check_id, key in (("do_not_disturb", "environment.do_not_disturb"),
                          ("power", "environment.mains_power")):
        decision = rule(pack, key)
        severity = _need_severity(decision.value)
        if severity:
            out.append(CheckRequirement(check_id, severity, {}, (decision,)))
    bands, sponsor = rule(pack, "supervision.bands"), rule(pack, "supervision.sponsor_required")
    out.append(CheckRequirement("supervision", "fail", {"sponsor_required": sponsor.value},
                                (bands, sponsor)))
    lead = rule(pack, "scheduling.min_lead_hours")
    if lead.value:
        out.append(CheckRequirement("scheduling", "fail", {"min_lead_hours": lead.value}, (lead,)))
    equipment = rule(pack, "environment.equipment")
    out.append(CheckRequirement("equipment", "warn" if equipment.value == "any" else "fail",
                                {"rule": equipment.value}, (equipment,)))
    return out


# --- incidents ---------------------------------------------------------------------------


DANGER_CATEGORIES: frozenset[str] = frozenset({"indecent_images_of_child", "disclosure_of_abuse"})


@dataclass(frozen=True)
class ContactRoute:
    target: str
    when: str
    contacts: tuple[Contact, ...]
    source: Source | None


@dataclass(frozen=True)
class IncidentGuidance:
    category: CategoryId
    title: str
    role: Role
    call_999_first: bool
    call_police: Decision
    steps: tuple[str, ...]
    procedure_basis: str
    preserve_recording: Decision
    screenshots_allowed: bool
    replay_allowed: bool
    notify: tuple[ContactRoute, ...]
    requests: tuple[str, ...]
    follow_up: tuple[tuple[str, int], ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


def _contacts_for(pack: PolicyPack, target: str) -> tuple[Contact, ...]:
    roles = {"dsl": ("dsl", "deputy_dsl", "safeguarding_team"),
             "organisation": ("organisation", "coordinator", "safeguarding_team")}.get(target, ())
    return tuple(c for c in pack.organisation.contacts if c.role in roles)


def incident_guidance(
    pack: PolicyPack, category: CategoryId, role: Role, child_in_danger: bool = False
) -> IncidentGuidance:
    """What the panic flow must offer for this kind of incident, to this person."""
    cat = pack.incidents.get(category)
    call_police = resolve(cat.call_police, "incident.call_police")
    preserve = resolve(cat.preserve_recording, "incident.preserve_recording")
    procedure = cat.procedures.get(role)
    if procedure is not None:
        steps, basis = tuple(procedure.steps), Decision("procedure", None, procedure.source).basis()
    else:
        steps, basis = tuple(DEFAULT_PROCEDURE), DEFAULT_PROCEDURE_NAME
    danger = (child_in_danger or category in DANGER_CATEGORIES
              or call_police.value == "always")
    routes = [ContactRoute(n.target, n.when, _contacts_for(pack, n.target), n.source)
              for n in cat.notify]
    targets = {n.target for n in cat.notify}
    # Whatever the pack says, the safeguarding lead and, in danger, the police are offered.
    if "dsl" not in targets:
        routes.append(ContactRoute("dsl", "always", _contacts_for(pack, "dsl"), None))
    if danger and "police_999" not in targets:
        routes.append(ContactRoute("police_999", "if_child_in_danger", (), None))
    indecent = category == "indecent_images_of_child"
    notes: tuple[str, ...] = ()
    if indecent:
        notes = (_("Do not take a screenshot or copy of the images, and do not replay the "
                   "recording: LessonGuard seals it for the police."),)
    return IncidentGuidance(
        category=category, title=cat.title, role=role, call_999_first=danger,
        call_police=call_police, steps=steps, procedure_basis=basis,
        preserve_recording=Decision(preserve.key, True if indecent else preserve.value,
                                    preserve.source, preserve.default),
        screenshots_allowed=not indecent, replay_allowed=not indecent, notify=tuple(routes),
        requests=tuple(r.kind for r in cat.requests),
        follow_up=tuple((f.task, f.due_days) for f in cat.follow_up), notes=notes,
    )
