"""The shipped packs, checked against the words of the seed policies they come from.

Expected values are read out of the seed text itself (a regular expression over the policy),
not copied from the packs, so a pack that drifts from its policy fails here.
"""

from __future__ import annotations

import re

import pytest

from app.policy.engine import recording_policy, rule, supervision_for
from app.policy.loader import load_pack, shipped_pack_ids
from app.policy.strictest import PRESENCE_RANK, strictest
from app.policy.trace import iter_rules, normalise, quote_in
from tests.conftest import REPO

SEEDS = REPO.parent / "shared" / "seeds"
SEED_PACKS = {
    "freemusictutors": "000_6c991c568cfccfbd.txt",
    "vto": "001_05a715f308e65eac.txt",
    "wsm": "002_2bd15469e84702ff.txt",
    "tutorninjas": "003_24a8af7c5f8582e1.txt",
    "hms": "004_d11158dd60f46529.txt",
}


def seed_text(name: str) -> str:
    path = SEEDS / name
    assert path.is_file(), f"the seed policies must sit beside the repo at {SEEDS}"
    return normalise(path.read_text(encoding="utf-8"))


def test_the_six_packs_ship_and_load() -> None:
    assert shipped_pack_ids() == sorted([*SEED_PACKS, "strict"])
    for pack_id, seed in SEED_PACKS.items():
        pack = load_pack(pack_id)
        assert pack.id == pack_id and pack.seed == seed


@pytest.mark.parametrize("pack_id", [*SEED_PACKS, "strict"])
def test_every_source_quotes_its_seed_word_for_word(pack_id: str) -> None:
    pack = load_pack(pack_id)
    traced = list(iter_rules(pack))
    assert len(traced) > 50
    checked = 0
    for item in traced:
        if item.source is None:
            assert item.value == "unspecified", f"{item.key} has a value but no source"
            continue
        seed = item.source.seed or pack.seed
        assert seed, f"{pack_id}: {item.key} names no seed file"
        assert quote_in(item.source.quote, seed_text(seed)), (
            f"{pack_id}: {item.key} quotes words that are not in {seed}: {item.source.quote!r}"
        )
        checked += 1
    assert checked > 15


def test_hms_forbids_recording_but_allows_ensemble_performances() -> None:
    text = seed_text(SEED_PACKS["hms"])
    assert "Online lessons are not recorded by HMS staff." in text
    hms = load_pack("hms")
    assert not recording_policy(hms).allowed
    assert "Online ensemble performances are the only exception" in text
    ensemble = recording_policy(hms, "ensemble_performance")
    assert ensemble.allowed and ensemble.permission_in_advance
    assert rule(hms, "recording.pupils_and_parents_may_record").value is False


def test_tutorninjas_requires_recording_with_the_seeds_playback_period() -> None:
    text = seed_text(SEED_PACKS["tutorninjas"])
    days = int(re.search(r"All lessons will be recorded and normally\S* available for play "
                         r"back to the parents and students for up to (\d+) days", text)[1])
    policy = recording_policy(load_pack("tutorninjas"))
    assert policy.required and policy.allowed
    assert policy.retention_days == days == policy.playback_days


def test_vto_keeps_recordings_up_to_three_months() -> None:
    text = seed_text(SEED_PACKS["vto"])
    months = int(re.search(r"playback to the parents and pupils for up to (\d+) months", text)[1])
    policy = recording_policy(load_pack("vto"))
    assert policy.allowed and not policy.required
    assert months * 28 <= policy.retention_days <= months * 31
    assert set(policy.playback_roles) == {"responsible_adult", "pupil"}


def test_freemusictutors_records_every_session_and_shows_the_code_each_time() -> None:
    text = seed_text(SEED_PACKS["freemusictutors"])
    assert "All sessions are recorded" in text and "Before each session" in text
    pack = load_pack("freemusictutors")
    assert recording_policy(pack).required
    code = rule(pack, "conduct.code").value
    assert code is not None and code.acknowledge == "each_lesson"


def test_hms_supervision_bands_match_the_ages_in_the_seed() -> None:
    text = seed_text(SEED_PACKS["hms"])
    young = int(re.search(r"For children aged (\d+) and under, an adult should be present in "
                          r"the room", text)[1])
    mid_lo, mid_hi = map(int, re.search(r"For children aged (\d+)-(\d+) an adult should be "
                                        r"present for the start and end", text).groups())
    old_lo, old_hi = map(int, re.search(r"For young people aged (\d+)-(\d+), lessons can be "
                                        r"unaccompanied", text).groups())
    hms = load_pack("hms")
    assert supervision_for(hms, young).presence == "in_room_throughout"
    assert supervision_for(hms, mid_lo).presence == "start_and_end_within_earshot"
    assert supervision_for(hms, mid_hi).presence == "start_and_end_within_earshot"
    assert supervision_for(hms, old_lo).presence == "none"
    assert supervision_for(hms, old_hi).presence == "none"
    assert young + 1 == mid_lo and mid_hi + 1 == old_lo


def test_hms_network_lead_time_and_environment_figures_come_from_the_seed() -> None:
    text = seed_text(SEED_PACKS["hms"])
    mbps = float(re.search(r"upload and download speed is (\d+)Mbps", text)[1])
    minutes = int(re.search(r"for more than (\d+) minutes when starting a lesson", text)[1])
    hours = int(re.search(r"at least (\d+) hours before the first lesson", text)[1])
    hms = load_pack("hms")
    assert rule(hms, "network.min_upload_mbps").value == mbps
    assert rule(hms, "network.min_download_mbps").value == mbps
    assert rule(hms, "network.trouble_abort_minutes").value == minutes
    assert rule(hms, "scheduling.min_lead_hours").value == hours
    assert "not be in a bedroom or bathroom" in text
    assert rule(hms, "environment.room").value == "living_area"
    assert rule(hms, "environment.background").value == "plain"


def test_wsm_expects_blurred_backgrounds_and_a_computer_with_a_webcam() -> None:
    text = seed_text(SEED_PACKS["wsm"])
    assert "Staff will expect the use of blurred backgrounds" in text
    assert "tablets and phones are not suitable" in text
    wsm = load_pack("wsm")
    assert rule(wsm, "environment.background").value == "blur"
    assert rule(wsm, "environment.virtual_background_allowed").value is True
    assert rule(wsm, "environment.equipment").value == "computer_with_webcam"
    assert supervision_for(wsm, 12).presence == "in_room_throughout"  # "under the age of 13"


def test_wsm_contacts_are_the_named_safeguarding_leads() -> None:
    text = seed_text(SEED_PACKS["wsm"])
    contacts = load_pack("wsm").organisation.contacts
    for contact in contacts:
        for phone in contact.phones:
            assert phone in text
        if contact.email:
            assert contact.email in text
    dsl = [c for c in contacts if c.role == "dsl"]
    assert [c.name for c in dsl] == ["James Underwood"]
    assert {c.name for c in contacts if c.role == "deputy_dsl"} == {"Paul Smyth", "Alison Sutton"}


def test_sponsors_where_the_seeds_ask_for_one() -> None:
    for pack_id in ("vto", "tutorninjas"):
        text = seed_text(SEED_PACKS[pack_id])
        assert "over the age of 18 has formally registered" in text
        assert rule(load_pack(pack_id), "supervision.sponsor_required").value is True
    tn = load_pack("tutorninjas")
    assert rule(tn, "supervision.continue_without_adult").value == "if_pupil_comfortable"


def test_silence_in_a_seed_is_unspecified_and_gets_a_named_default() -> None:
    fmt = load_pack("freemusictutors")
    assert fmt.recording.retention_days.value == "unspecified"
    decision = rule(fmt, "recording.retention_days")
    assert not decision.from_pack and decision.default.startswith("LessonGuard default")
    assert "does not say" in decision.basis()


def test_the_strict_pack_is_the_generated_strictest_of_the_five() -> None:
    generated = strictest([load_pack(p) for p in SEED_PACKS])
    shipped = load_pack("strict")
    assert shipped.model_dump() == generated.model_dump(), (
        "resources/policies/strict.toml is stale: run scripts/make_strict_pack.py"
    )


def test_the_strict_pack_is_at_least_as_strict_as_each_seed_pack() -> None:
    strict = load_pack("strict")
    packs = [load_pack(p) for p in SEED_PACKS]
    assert not recording_policy(strict).allowed
    for key in ("network.min_upload_mbps", "network.min_download_mbps",
                "scheduling.min_lead_hours"):
        specified = [getattr(getattr(p, key.split(".")[0]), key.split(".")[1]) for p in packs]
        values = [r.value for r in specified if r.specified]
        assert rule(strict, key).value >= max(values)
    retention = [p.recording.retention_days.value for p in packs
                 if p.recording.retention_days.specified]
    assert rule(strict, "recording.retention_days").value <= min(retention)
    for age in range(0, 19):
        strict_rank = PRESENCE_RANK.index(supervision_for(strict, age).presence)
        for pack in packs:
            if pack.supervision.bands.specified:
                band = supervision_for(pack, age)
                if band.band is not None:
                    assert strict_rank >= PRESENCE_RANK.index(band.presence), (pack.id, age)
    for category in ("indecent_images_of_child", "disclosure_of_abuse"):
        assert strict.incidents.get(category).call_police.value == "always"

