"""Combine several policy packs into one that takes the strictest option of each rule.

Why: a school or a tutor working for several organisations may want one set of rules that
satisfies all of them. The shipped `strict` pack is this function applied to the five seed
packs; each rule keeps the source (seed file and clause) of the pack it was taken from.

"Strictest" is defined rule by rule, in CHOOSERS and the functions below. Where a pack is
silent, LessonGuard's named default is what that pack applies, so it takes part: when the
default is the strictest, the strict pack leaves the rule unspecified and the default applies
under its own name (e.g. `continue_without_adult`: only TutorNinjas says "if the pupil is
comfortable"; the others apply LessonGuard's "no", which is stricter).

Where "strictest" is a choice rather than an order, the choice and its reason are in
CHOICES (shown by `lessonguard policy show strict` and the ledger docs/policies/strict.md):

- recording: "forbidden" protects the child's privacy, "required" keeps evidence; strict
  forbids, because a recording that is never made can never leak, and every incident route
  still reaches the police and the safeguarding lead at once.
- the platform allow-list: the strictest list (what every pack allows) is empty, and no lesson
  could happen; strict allows each platform some organisation names, and no other.
- what happens after connection trouble: billing and rescheduling are one organisation's terms
  of business, not safeguarding; strict keeps the shortest limit and LessonGuard's "stop and
  rearrange" words, shown to everyone.
- incident steps, codes of conduct, contact rules and training: the union of every pack's, with
  each organisation's name replaced by a role ("the organisation", "the safeguarding lead"),
  so no step sends a report to an organisation the user does not work for.
- contacts: every organisation's named contacts, each labelled with its organisation.
- the owner of recordings, who decides on recording and how long a platform keeps messages
  are one organisation's arrangements: strict names none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, overload

from app.policy.defaults import DEFAULTS
from app.policy.schema import (
    CATEGORY_IDS,
    ROLES,
    AgeBand,
    CodeOfConduct,
    Contact,
    FollowUp,
    Incidents,
    Notice,
    Notify,
    NotifyTarget,
    NotifyWhen,
    PolicyPack,
    Presence,
    Procedure,
    Request,
    RequestKind,
    Role,
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
    "conduct.acknowledge": ["never", "staff_remind", "first_lesson", "each_lesson"],
}
PRESENCE_RANK: list[Presence] = ["none", "present_and_available",
                                 "within_earshot_where_possible", "start_and_end_available",
                                 "start_and_end_within_earshot", "in_room_throughout"]

CHOICES: dict[str, str] = {
    "recording.mode": "Forbidden: privacy first. Forbidden protects the child's privacy and "
    "required keeps evidence; a recording never made can never leak, and every incident route "
    "still reaches the police and the safeguarding lead.",
    "apps.allowed_platforms": "Each platform some organisation names, and no other: the list "
    "every organisation allows is empty, and no lesson could take place.",
    "network.trouble_outcomes": "LessonGuard's 'stop and rearrange' for everyone: billing and "
    "rescheduling are one organisation's terms of business, not safeguarding.",
    "incidents": "For each kind of incident and each role, every organisation's steps, with "
    "organisation names replaced by roles; in the order FreeMusicTutors, VTO, WSM, "
    "TutorNinjas, HMS, each organisation's steps in its own order; a step that says the same "
    "as one before it, word for word (case, spacing and punctuation aside), is kept once. Steps "
    "that differ in any word are all kept: each is one organisation's instruction.",
    "conduct.code": "Every organisation's code, merged in the same order and kept once the same "
    "way; acknowledged as often as the strictest asks. A point that the merged rules contradict "
    "is left out (\"sessions may be recorded\" when strict forbids recording; \"if no adult is "
    "present, make sure the student is comfortable to continue\" when strict does not let a "
    "lesson go on without the adult).",
    "organisation.contacts": "Every organisation's named contacts, each labelled with its "
    "organisation.",
    "recording.owner": "None: who owns recordings is one organisation's arrangement.",
    "recording.decided_by": "None: recording is forbidden in strict.",
    "conduct.messages_kept_days": "None: a platform's message retention is one organisation's "
    "arrangement; LessonGuard keeps no messages.",
}

Chooser = Callable[[list[Rule[Any]], str], Rule[Any]]

# An organisation's name in a step or a rule, and the role it stands for in the strict pack.
_NEUTRAL: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the VTO Learning Communities Coordinator(?: \(LCC\))?", re.I),
     "the organisation's safeguarding lead"),
    (re.compile(r"the Learning Communities Coordinator(?: \(LCC\))? or (?:the )?Safeguarding "
                r"Officer", re.I), "the organisation's safeguarding lead"),
    (re.compile(r"the Learning Communities Coordinator(?: \(LCC\))?", re.I),
     "the organisation's safeguarding lead"),
    (re.compile(r"(?:their |the )LCC\b"), "the organisation's safeguarding lead"),
    (re.compile(r"the HMS Designated Safeguarding Team|a member of the HMS safeguarding team",
                re.I), "the organisation's safeguarding team"),
    (re.compile(r"the FreeMusicTutors safety team", re.I),
     "the organisation's safety team"),
    (re.compile(r"West Sussex Music at once by emailing music@westsussexmusic\.co\.uk", re.I),
     "the organisation at once"),
    (re.compile(r"your HMS email address", re.I), "your organisation's email address"),
    (re.compile(r"the number registered with HMS", re.I), "the number registered with the "
     "organisation"),
    (re.compile(r"the TutorNinjas website|the website", re.I), "the organisation's platform"),
    (re.compile(r"the VTO account or email address allocated to you", re.I),
     "the account or email address the organisation gave you"),
    (re.compile(r"(?:the )?(?:VTO|TutorNinjas|TUTORNINJAS|HMS|FreeMusicTutors|West Sussex Music)"
                r"(?= Online Tutoring Policy| Safeguarding Policy)"), "the organisation's"),
    (re.compile(r"\bas well as HMS\b"), "as well as the organisation"),
    (re.compile(r"\b(?:TutorNinjas|TUTORNINJAS|HMS|the VTO|VTO|FreeMusicTutors|West Sussex "
                r"Music|WSM)\b"), "the organisation"),
]
ORGANISATION_NAMES = ("TutorNinjas", "TUTORNINJAS", "HMS", "VTO", "FreeMusicTutors",
                      "West Sussex Music", "WSM", "LCC", "Learning Communities Coordinator")


def neutral(text: str) -> str:
    """The words with each organisation's name replaced by the role it stands for."""
    for pattern, words in _NEUTRAL:
        text = pattern.sub(words, text)
    text = re.sub(r"\bthe the\b", "the", text)
    return text[:1].upper() + text[1:]


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


def _unspecified(note: str = "") -> Rule[Any]:
    return Rule[Any](value="unspecified", note=note)


def _effective(rules: list[Rule[Any]], key: str) -> list[tuple[Any, Rule[Any] | None]]:
    """Each pack's value: its own rule, or LessonGuard's default where it is silent (None)."""
    out: list[tuple[Any, Rule[Any] | None]] = []
    for r in rules:
        if r.specified:
            out.append((r.value, r))
        elif key in DEFAULTS:
            out.append((DEFAULTS[key].value, None))
    return out


def _pick(rules: list[Rule[Any]], key: str, score: Callable[[Any], Any]) -> Rule[Any]:
    """The strictest effective value; on a tie a pack's own rule (it has a clause) wins over
    LessonGuard's default. A default that wins leaves the rule unspecified, named as
    LessonGuard's."""
    candidates = _effective(rules, key)
    if not candidates:
        return rules[0]
    best = max(candidates, key=lambda vr: (score(vr[0]), vr[1] is not None))
    return best[1] if best[1] is not None else _unspecified()


def by_rank(order: list[Any]) -> Chooser:
    return lambda rules, key: _pick(rules, key, order.index)


def by_value(sign: int = 1) -> Chooser:
    """The largest (sign 1) or smallest (sign -1) number or boolean."""
    return lambda rules, key: _pick(rules, key, lambda v: sign * v)


def by_length(sign: int = 1) -> Chooser:
    return lambda rules, key: _pick(rules, key, lambda v: sign * len(v))


def unspecified(rules: list[Rule[Any]], key: str) -> Rule[Any]:
    return _unspecified(CHOICES.get(key, ""))


def union_platforms(rules: list[Rule[Any]], key: str) -> Rule[Any]:
    given = [r for r in rules if r.specified]
    if not given:
        return _unspecified()
    platforms = list(dict.fromkeys(p for r in given for p in r.value))
    return given[0].model_copy(update={"value": platforms, "note": CHOICES[key]})


def union_notices(rules: list[Rule[Any]], key: str) -> Rule[Any]:
    given = [r for r in rules if r.specified]
    if not given:
        return _unspecified()
    seen: dict[str, Notice] = {}
    for r in given:
        notices: list[Notice] = r.given() or []
        for n in notices:
            text = neutral(n.text)
            seen.setdefault(text, n.model_copy(update={"text": text}))
    return given[0].model_copy(update={"value": list(seen.values())})


CHOOSERS: dict[str, Chooser] = {
    "organisation.reporting_route": unspecified,
    "recording.mode": by_rank(RANKS["recording.mode"]),
    "recording.owner": unspecified,
    "recording.decided_by": unspecified,
    "recording.retention_days": by_value(-1),
    "recording.consent_from": by_length(1),
    "recording.playback_roles": by_length(-1),
    "recording.playback_days": by_value(-1),
    "recording.pupils_and_parents_may_record": by_rank(
        RANKS["recording.pupils_and_parents_may_record"]),
    "recording.review_on_report": by_value(1),
    "recording.police_access_on_report": by_value(1),
    "supervision.continue_without_adult": by_rank(RANKS["supervision.continue_without_adult"]),
    "supervision.sponsor_required": by_value(1),
    "supervision.school_staff_return_pupil": by_value(1),
    "supervision.pupil_comfortable_at_start": by_value(1),
    "network.min_upload_mbps": by_value(1),
    "network.min_download_mbps": by_value(1),
    "network.trouble_abort_minutes": by_value(-1),
    "network.trouble_outcomes": unspecified,
    "network.others_pause_usage": by_value(1),
    "environment.background": by_rank(RANKS["environment.background"]),
    "environment.virtual_background_allowed": by_value(-1),
    "environment.no_personal_information": by_value(1),
    "environment.nothing_inappropriate_visible": by_value(1),
    "environment.room": by_rank(RANKS["environment.room"]),
    "environment.quiet_location": by_value(1),
    "environment.do_not_disturb": by_rank(RANKS["environment.do_not_disturb"]),
    "environment.mains_power": by_rank(RANKS["environment.mains_power"]),
    "environment.no_calls_or_messaging": by_value(1),
    "environment.close_unrelated_apps": by_value(1),
    "environment.dress_reminder": by_length(1),
    "environment.equipment": by_rank(RANKS["environment.equipment"]),
    "apps.close_categories": by_length(1),
    "apps.allowed_platforms": union_platforms,
    "conduct.contact_outside_lesson": union_notices,
    "conduct.messages_kept_days": unspecified,
    "training.before_first_lesson": union_notices,
    "training.lapsed_blocks_teaching": by_value(1),
    "training.observer_first_lesson": by_value(1),
    "scheduling.min_lead_hours": by_value(1),
}


def _choose(packs: Sequence[PolicyPack], key: str) -> Rule[Any]:
    section, name = key.split(".")
    rules = [getattr(getattr(p, section), name) for p in packs]
    chosen = CHOOSERS[key](rules, key)
    owner = next((p for p, r in zip(packs, rules, strict=True) if r is chosen), None)
    if owner is None and chosen.specified:  # a union: its items carry their own clauses
        owner = next(p for p, r in zip(packs, rules, strict=True) if r.specified)
    if owner is None:
        return chosen.model_copy(update={"note": CHOICES.get(key) or chosen.note})
    rule = _sourced(chosen, owner)
    if isinstance(rule.value, list):
        rule = rule.model_copy(update={"value": [
            i.model_copy(update={"source": _with_seed(i.source, _owner_of(packs, key, i))})
            if hasattr(i, "source") else i for i in rule.value]})
    return rule.model_copy(update={"note": CHOICES.get(key) or chosen.note})


def _owner_of(packs: Sequence[PolicyPack], key: str, item: Any) -> PolicyPack:
    section, name = key.split(".")
    for p in packs:
        r = getattr(getattr(p, section), name)
        if r.specified and any(getattr(i, "source", None) == item.source for i in r.value):
            return p
    return packs[0]


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
    return Rule[Any](value=bands, source=first) if bands else _unspecified()


def same_words(text: str) -> str:
    """The words of a step or code point as compared for duplicates: case, spacing,
    punctuation and quote marks aside, every word counts."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def union_once(texts: Sequence[str], into: list[str] | None = None) -> list[str]:
    """The texts in order, organisation names replaced, a true duplicate kept once."""
    out = into if into is not None else []
    seen = {same_words(t) for t in out}
    for text in texts:
        words = neutral(text)
        if same_words(words) not in seen:
            seen.add(same_words(words))
            out.append(words)
    return out


# Code of conduct points that rest on a rule: kept in the merged code only where the merged
# rule still says so (the effective value, a silent rule counting with LessonGuard's default).
CODE_POINT_RULES: tuple[tuple[re.Pattern[str], str, Callable[[Any], bool]], ...] = (
    (re.compile(r"\b(sessions?|lessons?) (may|will|are|is) (be )?recorded", re.I),
     "recording.mode", lambda mode: mode != "forbidden"),
    (re.compile(r"comfortable to continue", re.I),
     "supervision.continue_without_adult", lambda value: value == "if_pupil_comfortable"),
)


def point_fits(point: str, chosen: dict[str, Rule[Any]]) -> bool:
    """Whether a code point agrees with the merged rules."""
    for pattern, key, holds in CODE_POINT_RULES:
        if pattern.search(point) and key in chosen:
            given = chosen[key].given()
            if not holds(given if given is not None else DEFAULTS[key].value):
                return False
    return True


def _union_procedure(offered: list[tuple[PolicyPack, Procedure]]) -> Procedure:
    """Every pack's steps for this role, organisation names replaced, each once, in order;
    the source is the clause of the pack with the most steps."""
    steps: list[str] = []
    for _, proc in offered:
        union_once(proc.steps, steps)
    pack, longest = max(offered, key=lambda pc: len(pc[1].steps))
    return Procedure(steps=steps[:20], source=_with_seed(longest.source, pack))


def _strictest_incidents(packs: Sequence[PolicyPack]) -> Incidents:
    categories: dict[str, Any] = {}
    for cid in CATEGORY_IDS:
        cats = [(p, p.incidents.get(cid)) for p in packs]
        police = by_rank(RANKS["incident.call_police"])([c.call_police for _, c in cats],
                                                        "incident.call_police")
        police_owner = next((p for p, c in cats if c.call_police is police), None)
        preserve = by_value(1)([c.preserve_recording for _, c in cats],
                               "incident.preserve_recording")
        preserve_owner = next((p for p, c in cats if c.preserve_recording is preserve), None)
        procedures: dict[Role, Procedure] = {}
        for role in ROLES:
            offered = [(p, c.procedures[role]) for p, c in cats if role in c.procedures]
            if offered:
                procedures[role] = _union_procedure(offered)
        notify: dict[tuple[NotifyTarget, NotifyWhen, tuple[Role, ...]], Notify] = {}
        requests: dict[RequestKind, Request] = {}
        follow_up: dict[str, FollowUp] = {}
        for pack, cat in cats:
            for n in cat.notify:
                notify.setdefault((n.target, n.when, tuple(n.roles)), n.model_copy(update={
                    "source": _with_seed(n.source, pack), "how": neutral(n.how)}))
            for r in cat.requests:
                requests.setdefault(r.kind, r.model_copy(update={
                    "source": _with_seed(r.source, pack), "description": neutral(r.description)}))
            for f in cat.follow_up:
                follow_up.setdefault(f.task,
                                     f.model_copy(update={"source": _with_seed(f.source, pack)}))
        categories[cid] = cats[0][1].model_copy(update={
            "title": neutral(max((c.title for _, c in cats), key=len)),
            "call_police": _sourced(police, police_owner) if police_owner else police,
            "preserve_recording": (_sourced(preserve, preserve_owner) if preserve_owner
                                   else preserve),
            "procedures": procedures,
            "notify": list(notify.values()),
            "requests": list(requests.values()),
            "follow_up": list(follow_up.values()),
        })
    return Incidents(**categories)


def _strictest_code(packs: Sequence[PolicyPack], chosen: dict[str, Rule[Any]]) -> Rule[Any]:
    """Every code of conduct merged: all the points, each role's points, acknowledged as often
    as the strictest pack asks, without the points the merged rules contradict; the source is
    that pack's clause."""
    codes = [(p, c) for p in packs if (c := p.conduct.code.given()) is not None]
    if not codes:
        return _unspecified()
    order = RANKS["conduct.acknowledge"]
    owner, strongest = max(codes, key=lambda pc: order.index(pc[1].acknowledge))
    points: list[str] = []
    by_role: dict[Role, list[str]] = {}
    for _, code in codes:
        union_once([p for p in code.points if point_fits(p, chosen)], points)
        for role, role_points in code.by_role.items():
            union_once([p for p in role_points if point_fits(p, chosen)],
                       by_role.setdefault(role, []))
    merged = CodeOfConduct(title="The codes of conduct of "
                           + ", ".join(p.organisation.short_name for p, _ in codes),
                           points=points[:60], acknowledge=strongest.acknowledge,
                           by_role={r: v[:40] for r, v in by_role.items()})
    return _sourced(owner.conduct.code, owner).model_copy(
        update={"value": merged, "note": CHOICES["conduct.code"]})


def _all_contacts(packs: Sequence[PolicyPack]) -> list[Contact]:
    out: list[Contact] = []
    for pack in packs:
        org = pack.organisation.name
        for c in pack.organisation.contacts:
            title = f"{c.title}, {org}" if c.title and org not in c.title else (c.title or org)
            out.append(c.model_copy(update={"title": title[:200],
                                            "source": _with_seed(c.source, pack)}))
    return out[:30]


def strictest(packs: Sequence[PolicyPack], pack_id: str = "strict",
              name: str = "Strictest of the shipped policies") -> PolicyPack:
    """The combined pack, validated like any pack read from a file."""
    combined = _combine(packs, pack_id, name)
    return PolicyPack.model_validate(combined.model_dump(mode="python"), strict=False)


def _combine(packs: Sequence[PolicyPack], pack_id: str, name: str) -> PolicyPack:
    chosen = {key: _choose(packs, key) for key in CHOOSERS}
    sections: dict[str, dict[str, Any]] = {}
    for key, value in chosen.items():
        section, field = key.split(".")
        sections.setdefault(section, {})[field] = value
    recording = packs[0].recording.model_copy(update={**sections["recording"], "exceptions": []})
    return PolicyPack(
        schema_version=1,
        id=pack_id,
        name=name,
        seed=None,
        summary="For each rule, the strictest option found in "
        + ", ".join(p.organisation.short_name for p in packs)
        + "; no recording; incident steps and codes of conduct of all of them; every source "
        "names the policy it comes from.",
        organisation=packs[0].organisation.model_copy(update={
            "name": name, "short_name": "Strict", "help_email": "",
            "contacts": _all_contacts(packs), **sections["organisation"]}),
        recording=recording,
        supervision=packs[0].supervision.model_copy(update={
            **sections["supervision"], "bands": _strictest_bands(packs)}),
        network=packs[0].network.model_copy(update=sections["network"]),
        environment=packs[0].environment.model_copy(update=sections["environment"]),
        apps=packs[0].apps.model_copy(update=sections["apps"]),
        conduct=packs[0].conduct.model_copy(update={**sections["conduct"],
                                                    "code": _strictest_code(packs, chosen)}),
        training=packs[0].training.model_copy(update=sections["training"]),
        scheduling=packs[0].scheduling.model_copy(update=sections["scheduling"]),
        incidents=_strictest_incidents(packs),
    )
