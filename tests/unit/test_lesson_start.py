"""The lesson start use case decides what blocks a lesson and which control fixes each item;
the Ready screen only shows that list. A run of the checks page that still holds the room and
supervision checks never blocks on them: the adult answers those on the Ready screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.lesson_start import CheckVerdict, LessonStart, StartAnswers
from app.lessons import Lesson, Lessons
from app.policy.loader import load_pack
from app.policy.schema import PolicyPack
from app.store import Store
from tests.unit.test_policy_packs import SEED_PACKS, seed_text
from tests.unit.test_use_cases import FakeRecorder, family, recordings


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path)
    yield s
    s.close()


def hms(store: Store, starts_in: timedelta = timedelta(days=2)) -> tuple[LessonStart, Lesson,
                                                                         PolicyPack]:
    pack = load_pack("hms")
    pupil, _adult = family(store, 11)
    lesson = Lessons(store).book(pack, pupil, datetime.now(UTC) + starts_in, duration_min=30,
                                 tutor_name="Sam Tutor", platform="zoom",
                                 confirmed_by="Sam Tutor",
                                 now=datetime.now(UTC) - timedelta(days=3))
    use = LessonStart(Lessons(store), lambda: pack, FakeRecorder(recordings(store), pack),
                      lambda: ("Sam Tutor", "tutor"))
    return use, lesson, pack


HMS_VOUCHED = frozenset({"pupil_comfortable_at_start", "training", "training_current"})


def keys(blockers: list) -> list[tuple[str, str]]:
    return [(b.key, b.fix) for b in blockers]


def test_every_blocker_names_the_control_that_fixes_it(store: Store) -> None:
    use, lesson, _pack = hms(store)
    plan = use.plan(lesson)
    got = use.blockers(plan, StartAnswers(), CheckVerdict(False))
    assert keys(got) == [("checks", "run_checks"), ("conduct", "agree_conduct"),
                         ("vouch:pupil_comfortable_at_start", "vouch"),
                         ("vouch:training", "vouch"), ("vouch:training_current", "vouch"),
                         ("adult_name", "adult_name"), ("adult", "confirm_adult"),
                         ("room", "confirm_room")]


def test_people_checks_from_the_checks_page_never_block_the_start(store: Store) -> None:
    """The dead end of issue 19: a checks page run said "fix Room" and Start lesson blocked
    on it at step 1, where the room could not be confirmed."""
    use, lesson, _pack = hms(store)
    plan = use.plan(lesson)
    verdict = CheckVerdict(True, (("room", "Room"), ("supervision", "Adult supervision"),
                                  ("camera", "Camera")))
    answers = StartAnswers(conduct_name="Sam Tutor", adult_name="Jo Lee", adult_present=True,
                           room_living_area=True, vouched=HMS_VOUCHED)
    assert keys(use.blockers(plan, answers, verdict)) == [("check:camera", "check_again")]
    assert use.blockers(plan, answers, CheckVerdict(True)) == []


def test_consent_blocks_only_where_the_lesson_must_be_recorded(store: Store) -> None:
    use, lesson, _pack = hms(store)
    plan = use.plan(lesson)
    done = StartAnswers(conduct_name="Sam Tutor", adult_name="Jo Lee", adult_present=True,
                        room_living_area=True, vouched=HMS_VOUCHED)
    assert use.blockers(plan, done, CheckVerdict(True), consent_needed=False) == []
    assert keys(use.blockers(plan, done, CheckVerdict(True), consent_needed=True)) == [
        ("consent", "give_consent")]
    recorded = StartAnswers(conduct_name="Sam Tutor", adult_name="Jo Lee",
                            adult_present=True, room_living_area=True, record=True,
                            vouched=HMS_VOUCHED)
    assert keys(use.blockers(plan, recorded, CheckVerdict(True))) == [
        ("recording", "no_recording")], "HMS does not record"


def test_starting_on_another_day_than_booked_is_said(store: Store) -> None:
    use, lesson, _pack = hms(store, starts_in=timedelta(days=1, hours=1))
    warning = use.day_warning(lesson)
    assert warning is not None and "not today" in str(warning)
    today = use.day_warning(lesson, now=lesson.starts_at)
    assert today is None


# --- Things a person vouches for, recorded (issue 17) ---

def seed(pack_id: str) -> str:
    return seed_text(SEED_PACKS[pack_id])


def booked(store: Store, pack_id: str, role: str = "tutor",
           age: int = 14) -> tuple[LessonStart, Lesson, PolicyPack]:
    pack = load_pack(pack_id)
    pupil, _adult = family(store, age)
    lesson = Lessons(store).book(pack, pupil, datetime.now(UTC) + timedelta(days=2),
                                 duration_min=30, tutor_name="Sam Tutor", platform="zoom",
                                 confirmed_by="Sam Tutor",
                                 now=datetime.now(UTC) - timedelta(days=3))
    use = LessonStart(Lessons(store), lambda: pack, FakeRecorder(recordings(store), pack),
                      lambda: ("Sam Tutor", role))
    return use, lesson, pack


def flat(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def everything_but_vouches(**extra: object) -> StartAnswers:
    return StartAnswers(conduct_name="Sam Tutor", adult_name="Jo Lee", adult_present=True,
                        room_living_area=True, **extra)  # type: ignore[arg-type]  # test kwargs


def confirmations(store: Store, lesson_id: int) -> dict[str, tuple[str, str, str]]:
    rows = store.db.query("SELECT kind, by_name, role, at FROM confirmations WHERE "
                          "lesson_id = ?", [lesson_id])
    return {r["kind"]: (r["by_name"], r["role"], r["at"]) for r in rows}


# (pack, words of the seed the tick rests on, the notice's id)
VOUCHES = [
    ("hms", "no teaching will be undertaken until the required training has been completed",
     "training_current"),
    ("hms", "HMS teachers will ensure the pupil feels comfortable in the online environment",
     "pupil_comfortable_at_start"),
    ("freemusictutors", "All tutors must complete a safety training before they can run their "
     "first session", "training"),
    ("freemusictutors", "An experienced tutor will always be present to observe a new tutor's "
     "first session", "observer"),
    ("vto", "does not display any inappropriate images or documentation", "nothing_inappropriate"
     "_visible"),
    ("tutorninjas", "does not display any inappropriate images or documentation",
     "nothing_inappropriate_visible"),
]


@pytest.mark.parametrize(("pack_id", "words", "notice_id"), VOUCHES)
def test_a_required_vouch_blocks_until_ticked_and_its_tick_is_kept(
        store: Store, pack_id: str, words: str, notice_id: str) -> None:
    assert flat(words) in flat(seed(pack_id)), "the clause is the organisation's own words"
    use, lesson, _pack = booked(store, pack_id)
    plan = use.plan(lesson)
    notice = next(n for n in plan.notices if n.id == notice_id)
    assert notice.confirm and notice.strength == "required"
    assert flat(words) in flat(notice.basis)
    decided = ({"recording_decided": False, "decider_name": "Morag Ross"}
               if pack_id == "vto" else {})
    others = frozenset(n.id for n in plan.vouch(required=True)) - {notice_id}
    answers = everything_but_vouches(vouched=others, record=plan.recording_required, **decided)
    blocking = use.blockers(plan, answers, CheckVerdict(True), consent_needed=False)
    assert (f"vouch:{notice_id}", "vouch") in keys(blocking)
    words = str(next(b.words for b in blocking if b.key == f"vouch:{notice_id}"))
    assert words.startswith("Confirm: ") and notice.text[:40] in words
    with pytest.raises(Exception, match="Tick to confirm"):
        use.begin(lesson, answers)
    assert confirmations(store, lesson.id) == {}, "nothing kept from a start that failed"
    ticked = everything_but_vouches(vouched=others | {notice_id}, record=plan.recording_required,
                                    **decided)
    assert not [b for b in use.blockers(plan, ticked, CheckVerdict(True))
                if b.key.startswith("vouch:")]
    before = datetime.now(UTC)
    use.begin(lesson, ticked)
    by, role, at = confirmations(store, lesson.id)[f"vouched_{notice_id}"]
    assert (by, role) == ("Sam Tutor", "tutor")
    assert datetime.fromisoformat(at) >= before - timedelta(seconds=1)


def test_a_recommended_vouch_is_offered_never_required_and_kept_when_ticked(
        store: Store) -> None:
    """HMS: images "should" not be in view (recommended): the tick is offered, not asked."""
    use, lesson, _pack = hms(store)
    plan = use.plan(lesson)
    offered = {n.id for n in plan.vouch(required=False)}
    assert "nothing_inappropriate_visible" in offered
    done = StartAnswers(conduct_name="Sam Tutor", adult_name="Jo Lee", adult_present=True,
                        room_living_area=True, vouched=HMS_VOUCHED)
    assert use.blockers(plan, done, CheckVerdict(True)) == []
    use.begin(lesson, StartAnswers(conduct_name="Sam Tutor", adult_name="Jo Lee",
                                   adult_present=True, room_living_area=True,
                                   vouched=HMS_VOUCHED | {"nothing_inappropriate_visible"}))
    kept = confirmations(store, lesson.id)
    assert kept["vouched_nothing_inappropriate_visible"][:2] == ("Sam Tutor", "tutor")
    assert {"vouched_training", "vouched_training_current"} <= set(kept)


def test_the_parent_is_never_asked_to_vouch_for_the_tutors_training(store: Store) -> None:
    use, lesson, _pack = booked(store, "hms", role="responsible_adult", age=11)
    ids = {n.id for n in use.plan(lesson).vouch()}
    assert not ids & {"training", "training_current", "pupil_comfortable_at_start"}


def test_vto_the_lccs_decision_is_recorded_with_their_name_and_the_recording_follows_it(
        store: Store) -> None:
    words = "An LCC will make it clear whether lessons will be recorded before the first session"
    assert flat(words) in flat(seed("vto"))
    use, lesson, pack = booked(store, "vto")
    plan = use.plan(lesson)
    assert "LCC" in plan.recording_decider and flat(words) in flat(plan.recording_decider_basis)
    assert not plan.recording_allowed, "nothing is recorded before the LCC has decided"
    vouched = frozenset(n.id for n in plan.vouch(required=True))
    answers = everything_but_vouches(vouched=vouched)
    assert ("recording_decision", "recording_decision") in keys(
        use.blockers(plan, answers, CheckVerdict(True)))
    unnamed = everything_but_vouches(vouched=vouched, recording_decided=False, decider_name="")
    assert "recording_decision" in [b.key for b in use.blockers(plan, unnamed,
                                                                 CheckVerdict(True))]
    # Decided "recorded": the recording step then needs consent before this lesson.
    yes = use.effective(plan, everything_but_vouches(vouched=vouched, recording_decided=True,
                                                     decider_name="Morag Ross"))
    assert yes.recording_allowed and yes.recording_required and "Morag Ross" in \
        yes.recording_reason
    decided = everything_but_vouches(vouched=vouched, recording_decided=False,
                                     decider_name="Morag Ross")
    assert use.blockers(plan, decided, CheckVerdict(True)) == []
    use.begin(lesson, decided)
    assert confirmations(store, lesson.id)["recording_decided_no"][:2] == (
        "Morag Ross", "recording_decider")
    # The next lesson follows the decision on file and does not ask again.
    later = Lessons(store).book(pack, lesson.pupil_id, datetime.now(UTC) + timedelta(days=9),
                                duration_min=30, tutor_name="Sam Tutor", platform="zoom",
                                confirmed_by="Sam Tutor")
    again = use.plan(later)
    assert again.recording_decider == "" and not again.recording_allowed
    assert "Morag Ross" in again.recording_reason
    assert "recording_decision" not in [b.key for b in use.blockers(again, decided,
                                                                     CheckVerdict(True))]
