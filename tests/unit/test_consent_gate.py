"""People, consent records and the recording gate as each pack has it, through the store."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.audit import AuditLog
from app.consent import Consents, consent_text, decide, text_version
from app.errors import ConfigurationError, LessonGuardError
from app.people import People
from app.policy.loader import load_pack, parse_pack
from app.store import Store
from tests.unit.test_policy_packs import SEED_PACKS, seed_text


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path)
    yield s
    s.close()


def family(store: Store) -> tuple[int, int, int]:
    """A pupil aged 11, her mother, and the tutor."""
    people = People(store)
    pupil = people.add("pupil", "Amy Lee", date_of_birth="2015-03-02", today=date(2026, 11, 21))
    mum = people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
    tutor = people.add("tutor", "Chris Tutor")
    return pupil.id, mum.id, tutor.id


def test_people_are_validated_with_what_to_do(store: Store) -> None:
    people = People(store)
    with pytest.raises(ConfigurationError, match="date of birth or an age band"):
        people.add("pupil", "No Age")
    with pytest.raises(ConfigurationError, match="YYYY-MM-DD"):
        people.add("pupil", "Bad Date", date_of_birth="02/03/2015")
    with pytest.raises(ConfigurationError, match="Which pupil"):
        people.add("responsible_adult", "Someone")
    with pytest.raises(ConfigurationError, match="18 or over"):
        people.add("sponsor", "Too Young", date_of_birth="2012-01-01", today=date(2026, 1, 1))
    sponsor = people.add("sponsor", "Grown Up", date_of_birth="1980-01-01")
    assert sponsor.role == "sponsor"
    banded = people.add("pupil", "Band Pupil", age_band="13-15")
    assert banded.age_on(date(2026, 1, 1)) == 13  # the band's lower end: stricter supervision


def test_tutorninjas_will_not_start_until_the_adult_consents(store: Store) -> None:
    pack = load_pack("tutorninjas")
    pupil, mum, _ = family(store)
    before = decide(store, pack, pupil)
    assert not before.may_record and not before.gate.lesson_may_start
    assert "Jo Lee (responsible adult)" in before.message  # who must give it
    Consents(store).grant(pack, pupil, mum, "jo lee")
    after = decide(store, pack, pupil)
    assert after.may_record and after.gate.lesson_may_start
    assert [c.given_by_name for c in after.consents] == ["Jo Lee"]


def test_vto_records_only_with_consent_and_the_lesson_goes_on_without(store: Store) -> None:
    pack = load_pack("vto")
    pupil, mum, tutor = family(store)
    without = decide(store, pack, pupil)
    assert not without.may_record and without.gate.lesson_may_start
    Consents(store).grant(pack, pupil, tutor, "Chris Tutor")  # the tutor's is not the one
    assert not decide(store, pack, pupil).may_record
    Consents(store).grant(pack, pupil, mum, "Jo Lee")
    assert decide(store, pack, pupil).may_record


def test_hms_never_records_a_lesson_but_may_record_a_performance(store: Store) -> None:
    pack = load_pack("hms")
    pupil, mum, tutor = family(store)
    consents = Consents(store)
    consents.grant(pack, pupil, mum, "Jo Lee")
    consents.grant(pack, pupil, pupil, "Amy Lee")
    consents.grant(pack, pupil, tutor, "Chris Tutor")
    lesson = decide(store, pack, pupil)
    assert not lesson.may_record and lesson.gate.lesson_may_start
    clause = re.search(r"Online lessons are not recorded by HMS staff\.",
                       seed_text(SEED_PACKS["hms"]))
    assert clause and clause[0] in lesson.clause  # the forbidding clause, word for word
    # The ensemble exception: its own consent, asked for in advance. The pack names no one,
    # so LessonGuard's default asks everyone: adult, pupil and tutor.
    performance = "ensemble_performance"
    assert not decide(store, pack, pupil, performance).may_record
    consents.grant(pack, pupil, mum, "Jo Lee", kind=performance)
    consents.grant(pack, pupil, pupil, "Amy Lee", kind=performance)
    assert decide(store, pack, pupil, performance).gate.missing_consent == ("tutor",)
    consents.grant(pack, pupil, tutor, "Chris Tutor", kind=performance)
    assert decide(store, pack, pupil, performance).may_record
    assert not decide(store, pack, pupil).may_record  # and still never the lesson


def test_withdrawal_closes_the_gate_at_once_and_is_logged(store: Store) -> None:
    pack = load_pack("tutorninjas")
    pupil, mum, _ = family(store)
    consents = Consents(store)
    given = consents.grant(pack, pupil, mum, "Jo Lee")
    consents.withdraw(given.id, by="Jo Lee", reason="changed my mind")
    assert not decide(store, pack, pupil).may_record
    with pytest.raises(LessonGuardError, match="already withdrawn"):
        consents.withdraw(given.id, by="Jo Lee")
    actions = [(e.action, e.subject) for e in AuditLog(store).entries()]
    assert ("consent.granted", f"consent:{given.id}") in actions
    assert ("consent.withdrawn", f"consent:{given.id}") in actions
    assert AuditLog(store).verify().ok


def test_consent_is_given_by_the_right_person_typing_their_name(store: Store) -> None:
    pack = load_pack("tutorninjas")
    pupil, mum, _ = family(store)
    people = People(store)
    other_pupil = people.add("pupil", "Ben Other", age_band="9-10")
    other_adult = people.add("responsible_adult", "Pat Other", pupil_id=other_pupil.id)
    consents = Consents(store)
    with pytest.raises(ConfigurationError, match="typed"):
        consents.grant(pack, pupil, mum, "Someone Else")
    with pytest.raises(ConfigurationError, match="not registered as responsible"):
        consents.grant(pack, pupil, other_adult.id, "Pat Other")
    staff = people.add("school_staff", "Ms Staff")
    with pytest.raises(ConfigurationError, match="consent to record comes from"):
        consents.grant(pack, pupil, staff.id, "Ms Staff")


def test_the_consent_keeps_the_exact_words_and_a_signed_form(store: Store,
                                                             tmp_path: Path) -> None:
    pack = load_pack("tutorninjas")
    days = int(re.search(r"available for play back to the parents and students for up to "
                         r"(\d+) days", seed_text(SEED_PACKS["tutorninjas"]))[1])
    words = consent_text(pack)
    assert f"kept for {days} days" in words and "● REC" in words
    form = tmp_path / "signed.pdf"
    form.write_bytes(b"%PDF-1.4 signed form")
    pupil, mum, _ = family(store)
    given = Consents(store).grant(pack, pupil, mum, "Jo Lee", form=form,
                                  now=datetime(2026, 11, 21, 9, 30, tzinfo=UTC))
    assert given.text == words and given.text_version == text_version(pack)
    assert given.method == "typed_name_and_signed_form" and given.form_name == "signed.pdf"
    assert len(given.form_sha256) == 64 and given.given_at.startswith("2026-11-21T09:30")


def test_consent_to_old_terms_no_longer_counts(store: Store, tmp_path: Path) -> None:
    """A pack edited to keep recordings longer needs consent to the new terms."""
    pack = load_pack("tutorninjas")
    pupil, mum, _ = family(store)
    Consents(store).grant(pack, pupil, mum, "Jo Lee")
    source = (Path(__file__).resolve().parents[2] / "resources/policies/tutorninjas.toml")
    text = source.read_text(encoding="utf-8")
    changed = re.sub(r"(\[recording\.retention_days\]\s*\nvalue = )28", r"\g<1>60", text)
    assert changed != text
    longer = parse_pack(changed.encode(), "edited.toml")
    assert text_version(longer) != text_version(pack)
    gate = decide(store, longer, pupil)
    assert not gate.may_record and "Jo Lee" in gate.message


def test_freemusictutors_records_every_session_once_everyone_has_consented(
        store: Store) -> None:
    """The seed records every session but names no one to consent: LessonGuard's default
    asks the adult, the pupil and the tutor, and the lesson cannot start without them."""
    pack = load_pack("freemusictutors")
    assert re.search(r"record", seed_text(SEED_PACKS["freemusictutors"]), re.I)
    pupil, mum, tutor = family(store)
    consents = Consents(store)
    gate = decide(store, pack, pupil)
    assert not gate.gate.lesson_may_start
    assert set(gate.gate.missing_consent) == {"responsible_adult", "pupil", "tutor"}
    consents.grant(pack, pupil, mum, "Jo Lee")
    consents.grant(pack, pupil, pupil, "Amy Lee")
    assert decide(store, pack, pupil).gate.missing_consent == ("tutor",)
    consents.grant(pack, pupil, tutor, "Chris Tutor")
    assert decide(store, pack, pupil).may_record


def test_wsm_says_nothing_about_recording_so_nothing_is_recorded(store: Store) -> None:
    pack = load_pack("wsm")
    pupil, mum, _ = family(store)
    Consents(store).grant(pack, pupil, mum, "Jo Lee")
    gate = decide(store, pack, pupil)
    assert not gate.may_record and gate.gate.lesson_may_start
    assert "LessonGuard default: no recording unless the policy allows it" in gate.clause
