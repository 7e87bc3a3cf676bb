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


def keys(blockers: list) -> list[tuple[str, str]]:
    return [(b.key, b.fix) for b in blockers]


def test_every_blocker_names_the_control_that_fixes_it(store: Store) -> None:
    use, lesson, _pack = hms(store)
    plan = use.plan(lesson)
    got = use.blockers(plan, StartAnswers(), CheckVerdict(False))
    assert keys(got) == [("checks", "run_checks"), ("conduct", "agree_conduct"),
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
                           room_living_area=True)
    assert keys(use.blockers(plan, answers, verdict)) == [("check:camera", "check_again")]
    assert use.blockers(plan, answers, CheckVerdict(True)) == []


def test_consent_blocks_only_where_the_lesson_must_be_recorded(store: Store) -> None:
    use, lesson, _pack = hms(store)
    plan = use.plan(lesson)
    done = StartAnswers(conduct_name="Sam Tutor", adult_name="Jo Lee", adult_present=True,
                        room_living_area=True)
    assert use.blockers(plan, done, CheckVerdict(True), consent_needed=False) == []
    assert keys(use.blockers(plan, done, CheckVerdict(True), consent_needed=True)) == [
        ("consent", "give_consent")]
    recorded = StartAnswers(conduct_name="Sam Tutor", adult_name="Jo Lee",
                            adult_present=True, room_living_area=True, record=True)
    assert keys(use.blockers(plan, recorded, CheckVerdict(True))) == [
        ("recording", "no_recording")], "HMS does not record"


def test_starting_on_another_day_than_booked_is_said(store: Store) -> None:
    use, lesson, _pack = hms(store, starts_in=timedelta(days=1, hours=1))
    warning = use.day_warning(lesson)
    assert warning is not None and "not today" in str(warning)
    today = use.day_warning(lesson, now=lesson.starts_at)
    assert today is None
