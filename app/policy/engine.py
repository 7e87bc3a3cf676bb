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
    Moment,
    Notify,
    PolicyPack,
    Presence,
    Role,
    Rule,
    Source,
    Strength,
    TroubleOutcome,
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
    strength: Strength = "required"
    applies_to: tuple[str, ...] = ()  # the roles it is for; empty: everyone

    @property
    def from_pack(self) -> bool:
        return not self.default

    def applies(self, role: str | None) -> bool:
        """Whether the rule is for this role (an unknown role: every rule applies)."""
        return role is None or not self.applies_to or role in self.applies_to

    @property
    def severity(self) -> Literal["fail", "warn"]:
        """What a failed check of this rule is: the rule's strength decides."""
        return "fail" if self.strength == "required" else "warn"

    def basis(self) -> str:
        if self.default:
            return f"{self.default} (the policy does not say)"
        assert self.source is not None
        where = " ".join(p for p in (self.source.seed or "", self.source.section) if p)
        return f"{where}: “{self.source.quote}”" if where else f"“{self.source.quote}”"


def resolve(rule: Rule[Any], key: str) -> Decision:
    if rule.specified:
        return Decision(key, rule.value, rule.source, strength=rule.strength,
                        applies_to=tuple(rule.applies_to))
    default = DEFAULTS[key]
    return Decision(key, default.value, None, default.name, default.strength,
                    default.applies_to)


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
    "within_earshot_where_possible": _("An adult within earshot where possible; not "
                                       "required."),
    "present_and_available": _("An adult present or available, as they judge right; not "
                               "required."),
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
        """Whether an adult must confirm being there: never where the policy leaves it to the
        adult ("if they consider it appropriate") or asks it only "where possible"."""
        if self.presence in ("none", *OPTIONAL_PRESENCE):
            return False
        if self.presence == "in_room_throughout":
            return True
        return phase in ("start", "end")

    def adult_optional(self) -> bool:
        """An adult is asked for, never required: their presence is offered, not demanded."""
        return self.presence in OPTIONAL_PRESENCE

    def within_earshot_needed(self) -> bool:
        return self.presence in ("in_room_throughout", "start_and_end_within_earshot")


OPTIONAL_PRESENCE: tuple[Presence, ...] = ("present_and_available",
                                           "within_earshot_where_possible")


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
    outcome: Decision | None = None  # the words for this role and moment, with their clause


def _side_of(role: str) -> Literal["tutor", "pupil"]:
    return "tutor" if role == "tutor" else "pupil"


def trouble_outcome(pack: PolicyPack, role: Role, moment: Moment,
                    side: Literal["tutor", "pupil"] | None = None) -> Decision:
    """What happens after too long a connection trouble, in the words for this role, at this
    moment (the lesson starting, or midway), for trouble on this side (default: the reader's
    own). A pack that says nothing for this role and moment gets LessonGuard's named default,
    never another role's or another moment's words."""
    decision = rule(pack, "network.trouble_outcomes")
    side = side or _side_of(role)

    def pick(outcomes: list[TroubleOutcome]) -> TroubleOutcome | None:
        fits = [o for o in outcomes if o.moment == moment and role in o.roles]
        return (next((o for o in fits if o.side == side), None)
                or next((o for o in fits if o.side == "either"), None))

    found = pick(list(decision.value)) if decision.from_pack else None
    if found is not None:
        return Decision("network.trouble_outcomes", found.text, found.source, decision.default,
                        decision.strength, tuple(found.roles))
    default = DEFAULTS["network.trouble_outcomes"]
    fallback = pick(list(default.value))
    assert fallback is not None, "LessonGuard's default covers every role and moment"
    return Decision("network.trouble_outcomes", fallback.text, None, default.name)


def connection_trouble_advice(pack: PolicyPack, role: Role, moment: Moment, minutes: float,
                              side: Literal["tutor", "pupil"] | None = None) -> TroubleAdvice:
    """What to tell this person after `minutes` of connection trouble at this moment."""
    limit = rule(pack, "network.trouble_abort_minutes")
    outcome = trouble_outcome(pack, role, moment, side)
    if minutes <= limit.value:
        return TroubleAdvice(False, _("Connection trouble for {minutes} min; the policy "
                                     "allows {limit} min before the lesson is stopped.",
                                     minutes=f"{minutes:.0f}", limit=limit.value), limit,
                             outcome)
    return TroubleAdvice(True, _("More than {limit} minutes of connection trouble: {outcome}",
                                 limit=limit.value, outcome=outcome.value), limit, outcome)


def connection_trouble(pack: PolicyPack, minutes: float, side: Literal["tutor", "pupil"]
                       ) -> TroubleAdvice:
    """During a lesson (midway), for the person on `side`: the tutor, or the pupil's
    responsible adult."""
    role: Role = "tutor" if side == "tutor" else "responsible_adult"
    return connection_trouble_advice(pack, role, "midway", minutes, side)


# --- checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckRequirement:
    """A pre-lesson check the pack asks for: how serious a failure is, and its thresholds."""

    check_id: str
    severity: Literal["fail", "warn"]
    params: dict[str, Any]
    decisions: tuple[Decision, ...]


def check_requirements(pack: PolicyPack, role: str | None = None) -> list[CheckRequirement]:
    """Which pre-lesson checks apply under this pack, for this role (None: any), with what
    thresholds. Each rule's strength decides whether a failure blocks ("fail") or warns."""
    out = [
        CheckRequirement("camera", "fail", {}, ()),
        # LessonGuard's own: the privacy card reaches only a platform reading its camera.
        CheckRequirement("lesson_camera", "warn", {}, ()),
        CheckRequirement("microphone", "fail", {}, ()),
    ]
    up, down = rule(pack, "network.min_upload_mbps"), rule(pack, "network.min_download_mbps")
    out.append(CheckRequirement("bandwidth", _strongest(up, down),
                                {"min_upload_mbps": up.value, "min_download_mbps": down.value,
                                 "others_pause": bool(rule(pack,
                                                           "network.others_pause_usage").value)},
                                (up, down)))
    background = rule(pack, "environment.background")
    virtual = rule(pack, "environment.virtual_background_allowed")
    if background.value != "any" and background.applies(role):
        out.append(CheckRequirement("background", background.severity,
                                    {"rule": background.value, "virtual_allowed": virtual.value},
                                    (background, virtual)))
    personal = rule(pack, "environment.no_personal_information")
    if personal.value and personal.applies(role):
        out.append(CheckRequirement("personal_information", personal.severity, {}, (personal,)))
    out.append(CheckRequirement("people", "warn", {}, ()))
    room = rule(pack, "environment.room")
    if room.value == "living_area" and room.applies(role):
        out.append(CheckRequirement("room", room.severity, {"rule": "living_area"}, (room,)))
    close = rule(pack, "environment.close_unrelated_apps")
    calls = rule(pack, "environment.no_calls_or_messaging")
    if close.value or calls.value:
        cats, platforms = rule(pack, "apps.close_categories"), rule(pack, "apps.allowed_platforms")
        categories = list(cats.value)
        if calls.value and "messaging" not in categories:
            categories.append("messaging")  # "no phone call or messaging" during the lesson
        used = tuple(d for d in (close, calls) if d.value)
        out.append(CheckRequirement("apps", _strongest(*used), {"close": categories,
                                                                "allowed": list(platforms.value)},
                                    (*used, cats, platforms)))
    for check_id, key in (("do_not_disturb", "environment.do_not_disturb"),
                          ("power", "environment.mains_power")):
        decision = rule(pack, key)
        if decision.value in ("required", "recommended"):
            severity: Literal["fail", "warn"] = ("fail" if decision.value == "required"
                                                 and decision.strength == "required" else "warn")
            out.append(CheckRequirement(check_id, severity, {}, (decision,)))
    bands, sponsor = rule(pack, "supervision.bands"), rule(pack, "supervision.sponsor_required")
    out.append(CheckRequirement("supervision", bands.severity,
                                {"sponsor_required": sponsor.value,
                                 "sponsor_severity": sponsor.severity}, (bands, sponsor)))
    lead = rule(pack, "scheduling.min_lead_hours")
    if lead.value:
        out.append(CheckRequirement("scheduling", lead.severity, {"min_lead_hours": lead.value},
                                    (lead,)))
    equipment = rule(pack, "environment.equipment")
    out.append(CheckRequirement("equipment", "warn" if equipment.value == "any"
                                else equipment.severity, {"rule": equipment.value},
                                (equipment,)))
    return out


def _strongest(*decisions: Decision) -> Literal["fail", "warn"]:
    """One check resting on several rules blocks if any of them is required."""
    return "fail" if any(d.severity == "fail" for d in decisions) else "warn"


# --- incidents ---------------------------------------------------------------------------


DANGER_CATEGORIES: frozenset[str] = frozenset({"indecent_images_of_child", "disclosure_of_abuse"})


@dataclass(frozen=True)
class ContactRoute:
    target: str
    when: str
    contacts: tuple[Contact, ...]
    source: Source | None
    how: str = ""  # how the policy says to tell them ("by email"), or ""


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


def reporting_route(pack: PolicyPack) -> Decision:
    """The organisation's own route for safeguarding reports, in its words, or LessonGuard's
    named default: read by the incident guidance and shown by `policy show`."""
    return rule(pack, "organisation.reporting_route")


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
    given = [n for n in cat.notify if not n.roles or role in n.roles]
    route_words = reporting_route(pack)

    def how(n: Notify) -> str:
        # The policy's own words: how to tell them, or its named route to its safeguarding
        # people when it gives no phone or email for them.
        if n.how or n.target not in ("dsl", "organisation") or _contacts_for(pack, n.target):
            return n.how
        return str(route_words.value) if route_words.from_pack else ""

    routes = [ContactRoute(n.target, n.when, _contacts_for(pack, n.target), n.source, how(n))
              for n in given]
    targets = {n.target for n in given}
    # Whatever the pack says, the safeguarding lead and, in danger, the police are offered.
    if "dsl" not in targets:
        lead = _contacts_for(pack, "dsl")
        routes.append(ContactRoute("dsl", "always", lead, None, "" if lead else str(
            route_words.value) if route_words.from_pack else ""))
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
