"""Combine several policy packs into one that takes the strictest option of each rule.

Why: a school or a tutor working for several organisations may want one set of rules that
satisfies all of them. The shipped `strict` pack is this function applied to the five seed
packs; each rule keeps the source (seed file and clause) of the pack it was taken from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, overload

from app.policy.schema import (
    CATEGORY_IDS,
    ROLES,
    AgeBand,
    FollowUp,
    Incidents,
    Notify,
    NotifyTarget,
    NotifyWhen,
    PolicyPack,
    Presence,
    Request,
    RequestKind,
    Rule,
    Source,
)

# Higher index = stricter.
RANKS: dict[str, list[Any]] = {
    "recording.mode": ["required", "optional", "forbidden"],  # privacy first: no recording
    "supervision.continue_without_adult": ["yes", "if_pupil_comfortable", "no"],
    "environment.background": ["any", "blur_or_plain", "plain", "blur"],
    "environment.room": ["any", "living_area"],
    "environment.equipment": ["any", "computer_with_webcam"],
    "environment.do_not_disturb": ["not_required", "recommended", "required"],
    "environment.mains_power": ["not_required", "recommended", "required"],
    "incident.call_police": ["never", "at_adult_discretion", "if_criminal",
                             "if_child_in_danger", "always"],
    "recording.pupils_and_parents_may_record": [True, False],
}
PRESENCE_RANK = ["none", "present_and_available", "start_and_end_available",
                 "start_and_end_within_earshot", "in_room_throughout"]

Chooser = Callable[[list[Rule[Any]]], Rule[Any]]


@overload
def _with_seed(source: Source, pack: PolicyPack) -> Source: ...
@overload
def _with_seed(source: Source | None, pack: PolicyPack) -> Source | None: ...
def _with_seed(source: Source | None, pack: PolicyPack) -> Source | None:
    if source is None or source.seed:
        return source
    return source.model_copy(update={"seed": pack.seed})


def _sourced(rule: Rule[Any], pack: PolicyPack) -> Rule[Any]:
    return rule.model_copy(update={"source": _with_seed(rule.source, pack), "note": ""})


def _specified(rules: list[Rule[Any]]) -> list[Rule[Any]]:
    return [r for r in rules if r.specified]


def by_rank(order: list[Any]) -> Chooser:
    def choose(rules: list[Rule[Any]]) -> Rule[Any]:
        given = _specified(rules)
        return max(given, key=lambda r: order.index(r.value)) if given else rules[0]
    return choose


def by_value(pick: Callable[..., Any]) -> Chooser:
    """max or min of plain values (numbers, booleans, list lengths)."""
    def choose(rules: list[Rule[Any]]) -> Rule[Any]:
        given = _specified(rules)
        return pick(given, key=lambda r: r.value) if given else rules[0]
    return choose


def by_length(pick: Callable[..., Any]) -> Chooser:
    def choose(rules: list[Rule[Any]]) -> Rule[Any]:
        given = _specified(rules)
        return pick(given, key=lambda r: len(r.value)) if given else rules[0]
    return choose


def unspecified(rules: list[Rule[Any]]) -> Rule[Any]:
    return Rule[Any](value="unspecified")


CHOOSERS: dict[str, Chooser] = {
    "organisation.reporting_route": unspecified,
    "recording.mode": by_rank(RANKS["recording.mode"]),
    "recording.retention_days": by_value(min),
    "recording.consent_from": by_length(max),
    "recording.playback_roles": by_length(min),
    "recording.playback_days": by_value(min),
    "recording.pupils_and_parents_may_record": by_rank(
        RANKS["recording.pupils_and_parents_may_record"]),
    "recording.review_on_report": by_value(max),
    "recording.police_access_on_report": by_value(max),
    "supervision.continue_without_adult": by_rank(RANKS["supervision.continue_without_adult"]),
    "supervision.sponsor_required": by_value(max),
    "supervision.school_staff_return_pupil": by_value(max),
    "network.min_upload_mbps": by_value(max),
    "network.min_download_mbps": by_value(max),
    "network.trouble_abort_minutes": by_value(min),
    "network.others_pause_usage": by_value(max),
    "environment.background": by_rank(RANKS["environment.background"]),
    "environment.virtual_background_allowed": by_value(min),
    "environment.no_personal_information": by_value(max),
    "environment.room": by_rank(RANKS["environment.room"]),
    "environment.quiet_location": by_value(max),
    "environment.do_not_disturb": by_rank(RANKS["environment.do_not_disturb"]),
    "environment.mains_power": by_rank(RANKS["environment.mains_power"]),
    "environment.no_calls_or_messaging": by_value(max),
    "environment.close_unrelated_apps": by_value(max),
    "environment.dress_reminder": by_length(max),
    "environment.equipment": by_rank(RANKS["environment.equipment"]),
    "apps.close_categories": by_length(max),
    "apps.allowed_platforms": unspecified,  # "strictest" means nothing for platforms
    "scheduling.min_lead_hours": by_value(max),
}


def _choose(packs: Sequence[PolicyPack], key: str) -> tuple[Rule[Any], PolicyPack | None]:
    section, name = key.split(".")
    rules = [getattr(getattr(p, section), name) for p in packs]
    chosen = CHOOSERS[key](rules)
    owner = next((p for p, r in zip(packs, rules, strict=True) if r is chosen), None)
    return (_sourced(chosen, owner) if owner else chosen), owner


def _strictest_bands(packs: Sequence[PolicyPack]) -> Rule[Any]:
    """For each age, the strictest presence any pack asks for, keeping that pack's source."""
    per_age: list[tuple[Presence, Source] | None] = []
    for age in range(19):
        best: tuple[Presence, Source] | None = None
        for pack in packs:
            for band in pack.supervision.bands.given() or []:
                if band.min_age <= age <= band.max_age and (
                    best is None or PRESENCE_RANK.index(band.presence)
                    > PRESENCE_RANK.index(best[0])
                ):
                    best = (band.presence, _with_seed(band.source, pack))
        per_age.append(best)
    bands: list[AgeBand] = []
    for age, entry in enumerate(per_age):
        if entry is None:
            continue
        if bands and bands[-1].max_age == age - 1 and (bands[-1].presence, bands[-1].source) == (
            entry[0], entry[1]
        ):
            bands[-1] = bands[-1].model_copy(update={"max_age": age})
        else:
            bands.append(AgeBand(min_age=age, max_age=age, presence=entry[0], source=entry[1]))
    first = bands[0].source if bands else None
    return Rule[Any](value=bands, source=first) if bands else Rule[Any](value="unspecified")


def _strictest_incidents(packs: Sequence[PolicyPack]) -> Incidents:
    categories: dict[str, Any] = {}
    for cid in CATEGORY_IDS:
        cats = [(p, p.incidents.get(cid)) for p in packs]
        police = by_rank(RANKS["incident.call_police"])([c.call_police for _, c in cats])
        police_owner = next(p for p, c in cats if c.call_police is police)
        preserve = by_value(max)([c.preserve_recording for _, c in cats])
        preserve_owner = next(p for p, c in cats if c.preserve_recording is preserve)
        procedures = {}
        for role in ROLES:
            offered = [(p, c.procedures[role]) for p, c in cats if role in c.procedures]
            if offered:
                pack, proc = max(offered, key=lambda pc: len(pc[1].steps))
                procedures[role] = proc.model_copy(
                    update={"source": _with_seed(proc.source, pack)})
        notify: dict[tuple[NotifyTarget, NotifyWhen], Notify] = {}
        requests: dict[RequestKind, Request] = {}
        follow_up: dict[str, FollowUp] = {}
        for pack, cat in cats:
            for n in cat.notify:
                notify.setdefault((n.target, n.when),
                                  n.model_copy(update={"source": _with_seed(n.source, pack)}))
            for r in cat.requests:
                requests.setdefault(r.kind,
                                    r.model_copy(update={"source": _with_seed(r.source, pack)}))
            for f in cat.follow_up:
                follow_up.setdefault(f.task,
                                     f.model_copy(update={"source": _with_seed(f.source, pack)}))
        base = max((c for _, c in cats), key=lambda c: len(c.procedures))
        categories[cid] = base.model_copy(update={
            "call_police": _sourced(police, police_owner),
            "preserve_recording": _sourced(preserve, preserve_owner),
            "procedures": procedures,
            "notify": list(notify.values()),
            "requests": list(requests.values()),
            "follow_up": list(follow_up.values()),
        })
    return Incidents(**categories)


def strictest(packs: Sequence[PolicyPack], pack_id: str = "strict",
              name: str = "Strictest of the shipped policies") -> PolicyPack:
    """The combined pack, validated like any pack read from a file."""
    combined = _combine(packs, pack_id, name)
    return PolicyPack.model_validate(combined.model_dump(mode="python"), strict=False)


def _combine(packs: Sequence[PolicyPack], pack_id: str, name: str) -> PolicyPack:
    chosen = {key: _choose(packs, key)[0] for key in CHOOSERS}
    sections: dict[str, dict[str, Any]] = {}
    for key, value in chosen.items():
        section, field = key.split(".")
        sections.setdefault(section, {})[field] = value
    codes = [(p, c.acknowledge) for p in packs if (c := p.conduct.code.given()) is not None]
    order = ["never", "first_lesson", "each_lesson"]
    if codes:
        owner, _ = max(codes, key=lambda pc: order.index(pc[1]))
        code_rule = _sourced(owner.conduct.code, owner)
    else:
        code_rule = Rule[Any](value="unspecified")
    recording = packs[0].recording.model_copy(update={**sections["recording"], "exceptions": []})
    return PolicyPack(
        schema_version=1,
        id=pack_id,
        name=name,
        seed=None,
        summary="For each rule, the strictest option found in "
        + ", ".join(p.organisation.short_name for p in packs)
        + "; no recording; every source names the policy it comes from.",
        organisation=packs[0].organisation.model_copy(update={
            "name": name, "short_name": "Strict", "help_email": "", "contacts": [],
            **sections["organisation"]}),
        recording=recording,
        supervision=packs[0].supervision.model_copy(update={
            **sections["supervision"], "bands": _strictest_bands(packs)}),
        network=packs[0].network.model_copy(update={
            **sections["network"],
            **_outcomes_from_abort_owner(packs)}),
        environment=packs[0].environment.model_copy(update=sections["environment"]),
        apps=packs[0].apps.model_copy(update=sections["apps"]),
        conduct=packs[0].conduct.model_copy(update={"code": code_rule}),
        scheduling=packs[0].scheduling.model_copy(update=sections["scheduling"]),
        incidents=_strictest_incidents(packs),
    )


def _outcomes_from_abort_owner(packs: Sequence[PolicyPack]) -> dict[str, Rule[Any]]:
    """What happens after connection trouble comes from the pack whose limit was chosen."""
    _, owner = _choose(packs, "network.trouble_abort_minutes")
    if owner is None:
        return {"trouble_outcome_tutor_side": Rule[Any](value="unspecified"),
                "trouble_outcome_pupil_side": Rule[Any](value="unspecified")}
    return {
        "trouble_outcome_tutor_side": _sourced(owner.network.trouble_outcome_tutor_side, owner),
        "trouble_outcome_pupil_side": _sourced(owner.network.trouble_outcome_pupil_side, owner),
    }
