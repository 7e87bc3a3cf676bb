"""The engine's decisions for each pack: pure functions of (pack, people, time), no Qt."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.policy.defaults import DEFAULT_PROCEDURE_NAME
from app.policy.engine import (
    age_on,
    check_requirements,
    connection_trouble,
    connection_trouble_advice,
    incident_guidance,
    lesson_confirmation,
    playback_allowed,
    recording_expiry,
    recording_gate,
    supervision_for,
)
from app.policy.loader import load_pack, shipped_pack_ids
from app.policy.schema import CATEGORY_IDS, ROLES

T0 = datetime(2026, 11, 21, 16, 0, tzinfo=UTC)
EVERYONE = {"responsible_adult", "pupil", "tutor"}


def test_hms_never_records_a_lesson_whatever_the_consents() -> None:
    gate = recording_gate(load_pack("hms"), EVERYONE)
    assert not gate.may_record and gate.lesson_may_start
    assert "Online lessons are not recorded by HMS staff." in gate.message


def test_tutorninjas_will_not_start_without_recording_consent() -> None:
    tn = load_pack("tutorninjas")
    gate = recording_gate(tn, set())
    assert not gate.lesson_may_start and not gate.may_record
    assert gate.missing_consent == ("responsible_adult",)
    assert "cannot start" in gate.message and "responsible adult" in gate.message
    ok = recording_gate(tn, {"responsible_adult"})
    assert ok.may_record and ok.lesson_may_start


def test_vto_records_only_with_consent_and_the_lesson_goes_on_without() -> None:
    vto = load_pack("vto")
    without = recording_gate(vto, {"pupil"})
    assert not without.may_record and without.lesson_may_start
    assert recording_gate(vto, {"responsible_adult"}).may_record


def test_a_silent_consent_rule_asks_everyone() -> None:
    gate = recording_gate(load_pack("freemusictutors"), {"responsible_adult"})
    assert not gate.lesson_may_start
    assert set(gate.missing_consent) == {"pupil", "tutor"}


def test_expiry_and_playback_follow_the_retention_periods() -> None:
    assert recording_expiry(load_pack("tutorninjas"), T0) == T0 + timedelta(days=28)
    assert recording_expiry(load_pack("vto"), T0) == T0 + timedelta(days=92)
    assert recording_expiry(load_pack("freemusictutors"), T0) == T0 + timedelta(days=30)
    tn = load_pack("tutorninjas")
    assert playback_allowed(tn, "responsible_adult", T0, T0 + timedelta(days=27))[0]
    late, why = playback_allowed(tn, "responsible_adult", T0, T0 + timedelta(days=29))
    assert not late and "28 days" in why
    tutor, why = playback_allowed(tn, "tutor", T0, T0 + timedelta(days=1))
    assert not tutor and "tutor" in why


@pytest.mark.parametrize(
    ("age", "presence", "needed_during", "needed_at_end"),
    [(11, "in_room_throughout", True, True),
     (12, "in_room_throughout", True, True),
     (14, "start_and_end_within_earshot", False, True),
     (17, "none", False, False)],
)
def test_hms_supervision_now(age: int, presence: str, needed_during: bool,
                             needed_at_end: bool) -> None:
    need = supervision_for(load_pack("hms"), age)
    assert need.presence == presence
    assert need.adult_needed("during") is needed_during
    assert need.adult_needed("end") is needed_at_end
    assert need.adult_needed("start") is (presence != "none")


def test_vto_wants_a_parent_at_start_and_end_whatever_the_age() -> None:
    vto = load_pack("vto")
    for age in (7, 12, 15, 17):
        need = supervision_for(vto, age)
        assert need.adult_needed("start") and need.adult_needed("end")
        assert not need.adult_needed("during")


def test_an_unknown_age_gets_the_strictest_band() -> None:
    assert supervision_for(load_pack("hms"), None).presence == "in_room_throughout"
    assert supervision_for(load_pack("freemusictutors"), None).presence == "in_room_throughout"


def test_age_counts_birthdays() -> None:
    assert age_on(date(2014, 11, 22), date(2026, 11, 21)) == 11
    assert age_on(date(2014, 11, 21), date(2026, 11, 21)) == 12
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17


def test_hms_first_lesson_needs_24_hours_notice() -> None:
    hms = load_pack("hms")
    ok, why, decision = lesson_confirmation(hms, T0, T0 + timedelta(hours=23))
    assert not ok and "24 hours" in why and "23.0 hours" in why
    assert decision.source is not None and "24 hours" in decision.source.quote
    assert lesson_confirmation(hms, T0, T0 + timedelta(hours=25))[0]
    assert lesson_confirmation(hms, T0, T0 + timedelta(hours=1), first_lesson=False)[0]
    assert lesson_confirmation(load_pack("tutorninjas"), T0, T0 + timedelta(minutes=5))[0]


def test_hms_connection_trouble_rule_says_who_is_charged() -> None:
    hms = load_pack("hms")
    assert not connection_trouble(hms, 4, "pupil").abort
    # Starting a lesson: whose side failed decides who pays, told to the family.
    pupil = connection_trouble_advice(hms, "responsible_adult", "start", 6, "pupil")
    assert pupil.abort and "missed lesson" in pupil.message
    tutor = connection_trouble_advice(hms, "responsible_adult", "start", 6, "tutor")
    assert tutor.abort and "not charged" in tutor.message


def _checks(pack_id: str) -> dict[str, object]:
    return {c.check_id: c for c in check_requirements(load_pack(pack_id))}


def test_checks_follow_each_pack() -> None:
    hms = _checks("hms")
    assert hms["bandwidth"].params == {"min_upload_mbps": 2.0, "min_download_mbps": 2.0,
                                       "others_pause": True}
    assert hms["room"].severity == "fail"
    assert hms["background"].params["rule"] == "plain"
    assert "teams" in hms["apps"].params["allowed"]
    assert hms["power"].severity == "warn" and hms["scheduling"].params["min_lead_hours"] == 24
    wsm = _checks("wsm")
    assert wsm["background"].params == {"rule": "blur", "virtual_allowed": True}
    assert wsm["equipment"].severity == "fail"
    fmt = _checks("freemusictutors")
    background = fmt["background"]
    assert background.params["rule"] == "blur"  # the high-privacy default
    assert background.decisions[0].default.startswith("LessonGuard default")
    assert "scheduling" not in fmt


def test_indecent_images_never_allow_screenshots_or_replay_in_any_pack() -> None:
    for pack_id in shipped_pack_ids():
        for role in ROLES:
            guide = incident_guidance(load_pack(pack_id), "indecent_images_of_child", role)
            assert guide.call_999_first
            assert not guide.screenshots_allowed and not guide.replay_allowed
            assert guide.preserve_recording.value is True
            assert any("screenshot" in note for note in guide.notes)


def test_tutorninjas_tutor_procedure_for_indecent_images() -> None:
    guide = incident_guidance(load_pack("tutorninjas"), "indecent_images_of_child", "tutor")
    assert guide.call_police.value == "always"
    assert any("UK police" in step for step in guide.steps)
    assert "2.3.1" in guide.procedure_basis
    targets = {r.target for r in guide.notify}
    assert {"police_999", "organisation"} <= targets


def test_wsm_staff_procedure_and_follow_up() -> None:
    guide = incident_guidance(load_pack("wsm"), "inappropriate_behaviour", "tutor")
    assert guide.steps[0].startswith("Interrupt the session")
    assert any("Remove the abuser" in s for s in guide.steps)
    assert ("Check on the well-being of the students involved.", 7) in guide.follow_up
    dsl = next(r for r in guide.notify if r.target == "dsl")
    assert dsl.contacts[0].name == "James Underwood"
    assert not guide.call_999_first


def test_freemusictutors_and_tutorninjas_requests() -> None:
    fmt = incident_guidance(load_pack("freemusictutors"), "inappropriate_behaviour", "tutor")
    assert "freeze_learner_account" in fmt.requests
    tn = incident_guidance(load_pack("tutorninjas"), "inappropriate_behaviour",
                           "responsible_adult")
    assert {"suspend_tutor", "no_further_contact"} <= set(tn.requests)


def test_a_role_without_a_procedure_gets_the_named_default() -> None:
    guide = incident_guidance(load_pack("hms"), "other", "pupil")
    assert guide.procedure_basis == DEFAULT_PROCEDURE_NAME
    assert guide.steps[0].startswith("If a child is in immediate danger, call 999")


def test_danger_brings_999_first_whatever_the_category() -> None:
    guide = incident_guidance(load_pack("wsm"), "other", "responsible_adult",
                              child_in_danger=True)
    assert guide.call_999_first
    assert "police_999" in {r.target for r in guide.notify}


@pytest.mark.parametrize("pack_id", ["freemusictutors", "vto", "wsm", "tutorninjas", "hms",
                                     "strict"])
def test_every_category_and_role_has_guidance_and_a_route_to_the_dsl(pack_id: str) -> None:
    pack = load_pack(pack_id)
    for category in CATEGORY_IDS:
        for role in ROLES:
            guide = incident_guidance(pack, category, role)
            assert guide.steps and guide.title
            assert guide.procedure_basis
            targets = {r.target for r in guide.notify}
            assert "dsl" in targets
