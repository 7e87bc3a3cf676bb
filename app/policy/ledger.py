"""The clause ledger: each clause of an organisation's policy, what LessonGuard does with it,
where, and which test proves it.

Why: a pack can quote its policy word for word and still leave a clause unapplied, or apply it
to the wrong person. The ledger starts from the policy read whole (a hand-written list of its
clauses, docs/policies/<id>.clauses.toml) and joins it to the pack (the rules that quote the
clause) and the code (where each rule is applied or shown, and the tests). It is generated into
docs/policies/<id>.md by scripts/make_ledgers.py; tests/unit/test_clause_ledger.py keeps the
list, the pack, the code and the page in step.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from app.policy.engine import rule
from app.policy.schema import PolicyPack
from app.policy.trace import iter_rules, normalise

Status = Literal["acted", "shown", "not_acted"]
STATUS_WORDS: dict[str, str] = {"acted": "acted on", "shown": "shown",
                                "not_acted": "deliberately not acted on"}

# Where LessonGuard applies or shows a rule: "module:function" (the test checks each exists
# and reads the rule).
USES: dict[str, tuple[str, ...]] = {
    "organisation.reporting_route": ("app.policy.engine:reporting_route",
                                     "app.policy.engine:incident_guidance"),
    "organisation.contacts": ("app.policy.engine:_contacts_for",
                              "app.incident_contacts:routes_for"),
    "recording.mode": ("app.policy.engine:recording_policy", "app.lesson_plan:start_plan"),
    "recording.owner": ("app.lesson_plan:notices_for",),
    "recording.decided_by": ("app.lesson_plan:notices_for", "app.lesson_start:LessonStart"),
    "recording.retention_days": ("app.policy.engine:recording_policy",
                                 "app.policy.engine:recording_expiry"),
    "recording.consent_from": ("app.policy.engine:recording_policy",
                               "app.policy.engine:recording_gate"),
    "recording.playback_roles": ("app.policy.engine:recording_policy",
                                 "app.policy.engine:playback_allowed"),
    "recording.playback_days": ("app.policy.engine:recording_policy",
                                "app.policy.engine:playback_allowed"),
    "recording.pupils_and_parents_may_record": ("app.lesson_plan:notices_for",),
    "recording.review_on_report": ("app.consent:consent_text",),
    "recording.police_access_on_report": ("app.consent:consent_text",),
    "recording.exceptions": ("app.policy.engine:recording_policy",),
    "supervision.bands": ("app.policy.engine:supervision_for", "app.lesson_plan:start_plan",
                          "checks.people_checks:SupervisionCheck"),
    "supervision.continue_without_adult": ("app.lesson_plan:notices_for",
                                           "app.lesson_plan:lesson_prompts"),
    "supervision.sponsor_required": ("app.profile:sponsor_needed",
                                     "app.lesson_plan:sponsor_words"),
    "supervision.school_staff_return_pupil": ("app.lesson_plan:end_needs",
                                              "app.lesson_plan:lesson_prompts"),
    "supervision.pupil_comfortable_at_start": ("app.lesson_plan:notices_for",),
    "network.min_upload_mbps": ("app.policy.engine:check_requirements",),
    "network.min_download_mbps": ("app.policy.engine:check_requirements",),
    "network.trouble_abort_minutes": ("app.policy.engine:connection_trouble_advice",
                                      "checks.connection_monitor:ConnectionMonitor"),
    "network.trouble_outcomes": ("app.policy.engine:trouble_outcome",),
    "network.others_pause_usage": ("app.lesson_plan:notices_for",),
    "environment.background": ("app.policy.engine:check_requirements",),
    "environment.virtual_background_allowed": ("app.lesson_plan:notices_for",),
    "environment.no_personal_information": ("app.policy.engine:check_requirements",),
    "environment.nothing_inappropriate_visible": ("app.lesson_plan:notices_for",),
    "environment.room": ("app.lesson_plan:start_plan", "app.policy.engine:check_requirements"),
    "environment.quiet_location": ("app.lesson_plan:notices_for",),
    "environment.do_not_disturb": ("app.policy.engine:check_requirements",),
    "environment.mains_power": ("app.policy.engine:check_requirements",),
    "environment.no_calls_or_messaging": ("app.policy.engine:check_requirements",
                                          "app.lesson_plan:notices_for"),
    "environment.close_unrelated_apps": ("app.policy.engine:check_requirements",),
    "environment.dress_reminder": ("app.lesson_plan:notices_for",),
    "environment.equipment": ("app.policy.engine:check_requirements",),
    "apps.close_categories": ("app.policy.engine:check_requirements",),
    "apps.allowed_platforms": ("app.policy.engine:check_requirements",),
    "conduct.code": ("app.lesson_plan:conduct_needed", "app.lesson_plan:code_for"),
    "conduct.contact_outside_lesson": ("app.lesson_plan:notices_for",
                                       "app.lesson_plan:code_for"),
    "conduct.messages_kept_days": ("app.lesson_plan:notices_for",),
    "training.before_first_lesson": ("app.lesson_plan:notices_for",),
    "training.lapsed_blocks_teaching": ("app.lesson_plan:notices_for",),
    "training.observer_first_lesson": ("app.lesson_plan:notices_for",),
    "scheduling.min_lead_hours": ("app.policy.engine:lesson_confirmation",),
    "incidents": ("app.policy.engine:incident_guidance", "app.incident_contacts:routes_for"),
}

# The tests that prove a rule is applied as its clause says: "file::test" (the test checks
# each exists).
_F = "tests/unit/test_pack_fidelity.py::"
_E = "tests/unit/test_policy_engine.py::"
_P = "tests/unit/test_policy_packs.py::"
_S = "tests/unit/test_policy_strict.py::"
_L = "tests/unit/test_lesson_start.py::"
_VOUCH = _L + "test_a_required_vouch_blocks_until_ticked_and_its_tick_is_kept"

TESTS: dict[str, tuple[str, ...]] = {
    "organisation.reporting_route": (
        _F + "test_every_rule_field_is_read_by_more_than_the_schema_defaults_and_strict",
    ),
    "organisation.contacts": (
        _P + "test_wsm_contacts_are_the_named_safeguarding_leads",
        _S + "test_contacts_are_every_organisations_labelled_with_it",
    ),
    "recording": (
        _E + "test_hms_never_records_a_lesson_whatever_the_consents",
        _E + "test_tutorninjas_will_not_start_without_recording_consent",
        _E + "test_vto_records_only_with_consent_and_the_lesson_goes_on_without",
        _E + "test_expiry_and_playback_follow_the_retention_periods",
    ),
    "recording.owner": (
        _F + "test_vto_lcc_decides_on_recording_and_owns_nothing_but_the_vto_does",
    ),
    "recording.decided_by": (
        _F + "test_vto_lcc_decides_on_recording_and_owns_nothing_but_the_vto_does",
        _L + "test_vto_the_lccs_decision_is_recorded_with_their_name_and_the_recording_follows_it",
    ),
    "supervision.bands": (
        _E + "test_hms_supervision_now",
        _F + "test_wsm_asks_an_adult_within_earshot_where_possible_at_every_age",
        _F + "test_tutorninjas_adult_is_optional_and_the_pupil_must_be_comfortable",
    ),
    "supervision.continue_without_adult": (
        _F + "test_tutorninjas_adult_is_optional_and_the_pupil_must_be_comfortable",
    ),
    "supervision.pupil_comfortable_at_start": (
        _F + "test_hms_the_teacher_ticks_that_the_pupil_feels_comfortable",
        _VOUCH,
    ),
    "supervision.sponsor_required": (
        _F + "test_a_sponsor_the_policy_asks_for_is_credited_to_it",
        _F + "test_a_sponsor_the_policy_never_mentions_is_credited_to_lessonguard",
    ),
    "network": (
        _F + "test_hms_recommended_speed_warns_and_never_blocks",
        _F + "test_hms_midway_trouble_lets_the_teacher_choose_in_words_for_each_role",
        _F + "test_hms_never_tells_the_teacher_that_the_teacher_will_contact_them",
    ),
    "environment": (
        _F + "test_a_rules_strength_is_the_strength_of_its_clause",
        _F + "test_school_staff_in_a_classroom_are_never_asked_for_a_living_area",
        _F + "test_the_checks_page_runs_no_room_check_for_school_staff",
        _E + "test_checks_follow_each_pack",
    ),
    "environment.nothing_inappropriate_visible": (
        _F + "test_images_in_view_are_confirmed_by_the_tutor_not_cited_for_the_text_check",
        _VOUCH,
        _L + "test_a_recommended_vouch_is_offered_never_required_and_kept_when_ticked",
    ),
    "apps": (
        _E + "test_checks_follow_each_pack",
    ),
    "conduct.code": (
        _F + "test_vto_and_tutorninjas_codes_of_conduct_are_shown_to_each_role",
        _F + "test_wsm_staff_remind_the_code_the_pupil_acknowledges_nothing",
        _P + "test_freemusictutors_records_every_session_and_shows_the_code_each_time",
    ),
    "conduct.contact_outside_lesson": (
        _F + "test_contact_outside_the_lesson_is_a_rule_shown_where_it_applies",
    ),
    "conduct.messages_kept_days": (
        _F + "test_hms_keeps_messages_two_years",
    ),
    "training": (
        _F + "test_freemusictutors_training_and_first_session_observer",
        _F + "test_hms_training_lapse_and_the_pupil_feeling_comfortable",
        _VOUCH,
    ),
    "scheduling.min_lead_hours": (
        _E + "test_hms_first_lesson_needs_24_hours_notice",
    ),
    "incidents": (
        _F + "test_every_role_sees_only_its_pack_routes_or_named_defaults",
        _E + "test_every_category_and_role_has_guidance_and_a_route_to_the_dsl",
    ),
}


@dataclass(frozen=True)
class Clause:
    quote: str
    status: Status
    why: str = ""
    rules: tuple[str, ...] = ()  # rules named by hand (a code point written in other words)


@dataclass(frozen=True)
class LedgerRow:
    clause: Clause
    rules: tuple[str, ...]
    where: tuple[str, ...]
    tests: tuple[str, ...]


@dataclass
class Ledger:
    pack: PolicyPack
    rows: list[LedgerRow] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.rows if r.clause.status == status)


def load_clauses(path: Path) -> list[Clause]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Clause(c["quote"], c["status"], c.get("why", ""), tuple(c.get("rules", ())))
            for c in data["clause"]]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;:])\s+", text) if len(s) >= 25]


def covers(quote: str, clause: str) -> bool:
    """Whether a rule's quote is (part of) this clause."""
    q, c = normalise(quote), normalise(clause)
    return q in c or c in q or any(normalise(s) in c for s in _sentences(quote))


def rule_key(traced_key: str) -> str:
    """A rule's key as USES and TESTS name it: `incidents.adult_images.notify[1]` is
    `incidents.adult_images`, `supervision.bands[0]` is `supervision.bands`."""
    key = re.sub(r"\[\d+\].*$", "", traced_key)
    parts = key.split(".")
    return ".".join(parts[:2])


def _lookup(table: dict[str, tuple[str, ...]], key: str) -> tuple[str, ...]:
    if key in table:
        return table[key]
    section = key.split(".")[0]
    return table.get(section, ())


def build(pack: PolicyPack, clauses: list[Clause]) -> Ledger:
    ledger = Ledger(pack)
    traced = [(rule_key(t.key), t.source.quote) for t in iter_rules(pack) if t.source]
    for clause in clauses:
        keys = list(dict.fromkeys([*clause.rules,
                                   *(k for k, q in traced if covers(q, clause.quote))]))
        where = tuple(dict.fromkeys(w for k in keys for w in _lookup(USES, k)))
        tests = tuple(dict.fromkeys(t for k in keys for t in _lookup(TESTS, k)))
        ledger.rows.append(LedgerRow(clause, tuple(keys), where, tests))
    return ledger


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(ledger: Ledger) -> str:
    """The ledger page, in Markdown."""
    pack = ledger.pack
    lines = [
        f"# {pack.name}: clause ledger",
        "",
        "Generated by `scripts/make_ledgers.py` from the pack "
        f"(`resources/policies/{pack.id}.toml`), the list of clauses read from the policy "
        f"(`docs/policies/{pack.id}.clauses.toml`) and the code (`app/policy/ledger.py`). "
        "Do not edit by hand.",
        "",
        f"Policy: `../shared/seeds/{pack.seed}`.",
        "",
        f"- Clauses acted on: **{ledger.count('acted')}**",
        f"- Clauses shown (a person acts on them): **{ledger.count('shown')}**",
        f"- Clauses deliberately not acted on: **{ledger.count('not_acted')}**",
        "",
        "## Clauses",
        "",
        "| # | Clause | LessonGuard | Rule | Where | Tests |",
        "|---|---|---|---|---|---|",
    ]
    for i, row in enumerate(ledger.rows, 1):
        status = STATUS_WORDS[row.clause.status]
        if row.clause.why:
            status += f": {row.clause.why}"
        tests = "<br>".join(f"`{t.split('::')[1]}`" for t in row.tests)
        lines.append(f"| {i} | “{_cell(row.clause.quote)}” | {_cell(status)} | "
                     f"{'<br>'.join(f'`{k}`' for k in row.rules)} | "
                     f"{'<br>'.join(f'`{w}`' for w in row.where)} | {tests} |")
    lines += ["", "## Rules where the policy is silent: LessonGuard's defaults", "",
              "| Rule | LessonGuard's default |", "|---|---|"]
    for key in USES:
        if key.count(".") != 1 or key.startswith("organisation.contacts") \
                or key == "recording.exceptions":
            continue
        decision = rule(pack, key)
        if not decision.from_pack:
            lines.append(f"| `{key}` | {_cell(decision.default)} |")
    return "\n".join(lines) + "\n"
