"""The `strict` pack, rule by rule, against each of the five packs it combines.

"Strictest" is defined per rule in app/policy/strictest.py; where it is a choice (recording,
the platform list, connection-trouble words, owners), the choice is written in CHOICES and
tested here for what it promises.
"""

from __future__ import annotations

import pytest

from app.policy.engine import incident_guidance, rule, supervision_for
from app.policy.loader import load_pack
from app.policy.schema import CATEGORY_IDS, ROLES
from app.policy.strictest import (
    CHOICES,
    CHOOSERS,
    ORGANISATION_NAMES,
    PRESENCE_RANK,
    RANKS,
    neutral,
    point_fits,
    same_words,
    union_once,
)
from tests.unit.test_policy_packs import SEED_PACKS, seed_text

PACKS = list(SEED_PACKS)


@pytest.fixture(scope="module")
def strict():  # type: ignore[no-untyped-def]  # a module fixture
    return load_pack("strict")


@pytest.fixture(scope="module")
def packs():  # type: ignore[no-untyped-def]  # a module fixture
    return [load_pack(p) for p in PACKS]


def _names_in(text: str) -> list[str]:
    return [n for n in ORGANISATION_NAMES if n in text]


def test_incident_steps_are_the_union_of_every_packs_without_organisation_names(
        strict, packs) -> None:  # type: ignore[no-untyped-def]  # fixtures
    for category in CATEGORY_IDS:
        for role in ROLES:
            mine = strict.incidents.get(category).procedures.get(role)
            for pack in packs:
                theirs = pack.incidents.get(category).procedures.get(role)
                if theirs is None:
                    continue
                assert mine is not None, (category, role)
                for step in theirs.steps:
                    assert neutral(step) in mine.steps or len(mine.steps) == 20, (
                        pack.id, category, role, step)
            if mine is not None:
                for step in mine.steps:
                    assert _names_in(step) == [], (category, role, step)
    # HMS's "share with the safeguarding team" is no longer lost to a longer list.
    tutor = strict.incidents.inappropriate_language.procedures["tutor"].steps
    assert any("safeguarding team" in s and "chat" in s for s in tutor)


def test_routes_are_the_union_of_every_packs(strict, packs) -> None:  # type: ignore[no-untyped-def]  # fixtures
    for category in CATEGORY_IDS:
        mine = {(n.target, n.when) for n in strict.incidents.get(category).notify}
        for pack in packs:
            for n in pack.incidents.get(category).notify:
                assert (n.target, n.when) in mine, (pack.id, category, n.target)


def test_codes_of_conduct_are_merged_and_acknowledged_as_often_as_the_strictest(
        strict, packs) -> None:  # type: ignore[no-untyped-def]  # fixtures
    code = rule(strict, "conduct.code").value
    order = RANKS["conduct.acknowledge"]
    given = [p.conduct.code.given() for p in packs]
    assert order.index(code.acknowledge) == max(order.index(c.acknowledge) for c in given if c)
    chosen = {key: getattr(getattr(strict, key.split(".")[0]), key.split(".")[1])
              for key in CHOOSERS}
    for c in given:
        if c is None:
            continue
        for point in c.points:  # every point, unless the merged rules contradict it
            assert (neutral(point) in code.points) == point_fits(point, chosen), point
        for role, points in c.by_role.items():
            assert all((neutral(p) in code.by_role[role]) == point_fits(p, chosen)
                       for p in points)
    assert not any(_names_in(p) for p in code.points)


def test_contacts_are_every_organisations_labelled_with_it(strict, packs) -> None:  # type: ignore[no-untyped-def]  # fixtures
    contacts = {(c.name, tuple(c.phones), c.email): c for c in strict.organisation.contacts}
    for pack in packs:
        for c in pack.organisation.contacts:
            mine = contacts[(c.name, tuple(c.phones), c.email)]
            assert pack.organisation.name in mine.title


def test_no_organisations_billing_or_rescheduling_is_shown_to_everyone(strict) -> None:  # type: ignore[no-untyped-def]  # fixture
    from app.policy.engine import trouble_outcome

    for role in ROLES:
        for moment in ("start", "midway"):
            words = trouble_outcome(strict, role, moment)  # type: ignore[arg-type]  # literals
            assert "charged" not in words.value and not _names_in(words.value)
            assert words.default.startswith("LessonGuard default")
    assert rule(strict, "network.trouble_abort_minutes").value == 5


def test_continue_without_adult_takes_the_strongest_value_counting_defaults(strict) -> None:  # type: ignore[no-untyped-def]  # fixture
    decision = rule(strict, "supervision.continue_without_adult")
    assert decision.value == "no" and decision.default.startswith("LessonGuard default")


def test_the_platform_list_allows_only_platforms_some_organisation_names(
        strict, packs) -> None:  # type: ignore[no-untyped-def]  # fixtures
    named = {p for pack in packs for p in (pack.apps.allowed_platforms.given() or [])}
    allowed = set(rule(strict, "apps.allowed_platforms").value)
    assert allowed == named
    assert CHOICES["apps.allowed_platforms"] in strict.apps.allowed_platforms.note


def test_recording_is_forbidden_and_the_choice_is_written_down(strict) -> None:  # type: ignore[no-untyped-def]  # fixture
    assert rule(strict, "recording.mode").value == "forbidden"
    assert "privacy" in CHOICES["recording.mode"] and "evidence" in CHOICES["recording.mode"]


@pytest.mark.parametrize("key", sorted(k for k in CHOOSERS if k.split(".")[1] in {
    "min_upload_mbps", "min_download_mbps", "min_lead_hours", "no_personal_information",
    "nothing_inappropriate_visible", "quiet_location", "close_unrelated_apps",
    "no_calls_or_messaging", "sponsor_required", "lapsed_blocks_teaching",
    "observer_first_lesson", "review_on_report", "police_access_on_report",
    "others_pause_usage"}))
def test_each_at_least_rule_is_at_least_every_packs(key: str, strict, packs) -> None:  # type: ignore[no-untyped-def]  # fixtures
    mine = rule(strict, key).value
    for pack in packs:
        assert mine >= rule(pack, key).value, (key, pack.id)


@pytest.mark.parametrize("key", ["recording.retention_days", "recording.playback_days",
                                 "network.trouble_abort_minutes"])
def test_each_at_most_rule_is_at_most_every_packs(key: str, strict, packs) -> None:  # type: ignore[no-untyped-def]  # fixtures
    mine = rule(strict, key).value
    for pack in packs:
        assert mine <= rule(pack, key).value, (key, pack.id)


@pytest.mark.parametrize("key", sorted(k for k in RANKS if k in CHOOSERS))
def test_each_ranked_rule_is_at_least_every_packs(key: str, strict, packs) -> None:  # type: ignore[no-untyped-def]  # fixtures
    order = RANKS[key]
    mine = order.index(rule(strict, key).value)
    for pack in packs:
        assert mine >= order.index(rule(pack, key).value), (key, pack.id)


def test_supervision_and_police_are_at_least_every_packs(strict, packs) -> None:  # type: ignore[no-untyped-def]  # fixtures
    for age in range(19):
        mine = PRESENCE_RANK.index(supervision_for(strict, age).presence)
        for pack in packs:
            if pack.supervision.bands.specified and supervision_for(pack, age).band:
                assert mine >= PRESENCE_RANK.index(supervision_for(pack, age).presence)
    order = RANKS["incident.call_police"]
    for category in CATEGORY_IDS:
        mine_police = order.index(incident_guidance(strict, category, "tutor").call_police.value)
        for pack in packs:
            theirs = incident_guidance(pack, category, "tutor").call_police.value
            assert mine_police >= order.index(theirs), (category, pack.id)


def test_every_rule_has_a_definition_of_strictest() -> None:
    from app.policy.trace import iter_rules

    keys = {t.key for t in iter_rules(load_pack("hms"))
            if t.key.count(".") == 1 and "[" not in t.key
            and not t.key.startswith(("incidents.", "organisation."))}
    handled = set(CHOOSERS) | {"supervision.bands", "conduct.code"}
    assert keys - handled == set()


def _flat(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _all_points(pack) -> list[str]:  # type: ignore[no-untyped-def]  # a pack
    code = pack.conduct.code.given()
    if code is None:
        return []
    return list(code.points) + [p for points in code.by_role.values() for p in points]


def test_the_merged_code_keeps_no_point_the_merged_rules_contradict(strict, packs) -> None:  # type: ignore[no-untyped-def]  # fixtures
    """VTO's "sessions may be recorded" is in VTO's code, but strict forbids recording; and
    TutorNinjas' "comfortable to continue" without an adult is in its code, but strict never
    lets a lesson go on without the adult it needs. Neither is in strict's code."""
    assert "the sessions may be recorded" in _flat(seed_text(SEED_PACKS["vto"]))
    assert "comfortable to continue the session" in _flat(seed_text(SEED_PACKS["tutorninjas"]))
    vto = packs[PACKS.index("vto")]
    tn = packs[PACKS.index("tutorninjas")]
    assert any("may be recorded" in p.lower() for p in _all_points(vto))
    assert any("comfortable to continue" in p.lower() for p in _all_points(tn))
    assert rule(strict, "recording.mode").value == "forbidden"
    assert rule(strict, "supervision.continue_without_adult").value == "no"
    merged = _all_points(strict)
    assert not [p for p in merged if "may be recorded" in p.lower()
                or "are recorded" in p.lower()]
    assert not [p for p in merged if "comfortable to continue" in p.lower()]
    assert any("must not record" in p for p in merged), "what agrees with strict is kept"


def test_a_true_duplicate_is_kept_once_and_steps_that_differ_are_all_kept() -> None:
    assert union_once(["Document the incident.", "document the  incident"]) == [
        "Document the incident."]
    assert union_once(["Report it to the safeguarding lead.",
                       "Report it to the designated safeguarding lead."]) == [
        "Report it to the safeguarding lead.", "Report it to the designated safeguarding lead."]
    assert same_words("End the lesson at once.") != same_words("End the lesson immediately.")


@pytest.mark.parametrize("cid", CATEGORY_IDS)
def test_merged_steps_are_every_packs_in_pack_order_nothing_cut(strict, packs, cid) -> None:  # type: ignore[no-untyped-def]  # fixtures
    for role in ROLES:
        given = [(p, c.procedures[role].steps) for p in packs
                 if (c := p.incidents.get(cid)) and role in c.procedures]
        if not given:
            continue
        merged = strict.incidents.get(cid).procedures[role].steps
        distinct = {same_words(neutral(step)) for _p, steps in given for step in steps}
        assert len(merged) == len(distinct), (cid, role, "a step was lost or doubled")
        # Each pack's steps in its own order, packs in order.
        expected = [same_words(neutral(step)) for _p, steps in given for step in steps]
        firsts = list(dict.fromkeys(expected))
        assert [same_words(m) for m in merged] == firsts, (cid, role)
