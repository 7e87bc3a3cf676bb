"""The family page's read model (app.family_lesson): which lesson is "the" lesson, what the
adult last said for it and how recent, and what the tutor's side announced."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.family_lesson import LEFT, PRESENT, announced, family_lesson, last_said, the_lesson
from app.lessons import Lessons
from app.policy.loader import load_pack
from app.profile import NewPupil, add_pupil, save_profile
from app.store import Store

NOW = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path)
    yield s
    s.close()


def family(store: Store, pack_id: str = "hms") -> tuple[Lessons, int]:
    pack = load_pack(pack_id)
    save_profile(store, "responsible_adult", "Jo Lee", pack_id)
    pupil = add_pupil(store, pack, NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee",
                                            True), actor="Jo Lee")
    return Lessons(store), pupil.id


def book(lessons: Lessons, pupil: int, hours: float, pack_id: str = "hms") -> int:
    return lessons.book(load_pack(pack_id), pupil, NOW + timedelta(hours=hours),
                        duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                        confirmed_by="Jo Lee", now=NOW - timedelta(days=3)).id


def test_the_lesson_on_now_comes_first_then_the_next_then_one_just_ended(
        store: Store) -> None:
    lessons, pupil = family(store)
    assert the_lesson(lessons, NOW) is None
    later = book(lessons, pupil, 48)
    soon = book(lessons, pupil, 2)
    got = the_lesson(lessons, NOW)
    assert got is not None and got.id == soon  # the soonest booked, not the first booked
    lessons.start(later, by="Jo Lee", now=NOW)
    got = the_lesson(lessons, NOW)
    assert got is not None and got.id == later  # the one on now, whatever its booking
    lessons.end(later, by="Jo Lee", now=NOW + timedelta(minutes=30))
    lessons.cancel(soon, by="Jo Lee", reason="ill")
    got = the_lesson(lessons, NOW + timedelta(hours=1))
    assert got is not None and got.id == later and got.state == "ended"
    assert the_lesson(lessons, NOW + timedelta(days=1)) is None  # its day is over


def test_what_the_adult_said_last_counts_and_an_old_word_does_not(store: Store) -> None:
    lessons, pupil = family(store)
    lesson = book(lessons, pupil, 1)
    assert last_said(store, lesson, (PRESENT, LEFT), NOW) is None
    lessons.confirm(lesson, PRESENT, "Jo Lee", "responsible_adult", NOW)
    said = last_said(store, lesson, (PRESENT, LEFT), NOW + timedelta(minutes=5))
    assert said is not None and said.present and said.name == "Jo Lee"
    assert said.source == "this_computer"
    lessons.confirm(lesson, LEFT, "Jo Lee", "responsible_adult", NOW + timedelta(minutes=10))
    said = last_said(store, lesson, (PRESENT, LEFT), NOW + timedelta(minutes=11))
    assert said is not None and not said.present
    # Hours later, "I'm here" said before the lesson no longer says anyone is there now.
    assert last_said(store, lesson, (PRESENT, LEFT), NOW + timedelta(hours=5)) is None


def test_the_page_reads_the_pupil_the_tutor_and_the_packs_recording_rule(
        store: Store) -> None:
    lessons, pupil = family(store, "tutorninjas")
    book(lessons, pupil, 2, "tutorninjas")
    facts = family_lesson(store, load_pack("tutorninjas"), "responsible_adult", now=NOW)
    assert facts.pupil is not None and facts.pupil.name == "Amy Lee"
    assert facts.tutor == "Sam Taylor"
    assert facts.recording_allowed and facts.plan is not None and facts.plan.recording_required
    assert facts.consents == ()
    assert facts.missing_consent == ("Jo Lee (responsible adult)",)
    assert facts.here is None and facts.record is None and facts.announced == {}


def test_a_lesson_copied_from_the_tutor_says_who_teaches_from_its_announcement(
        store: Store) -> None:
    lessons, pupil = family(store)
    lesson = book(lessons, pupil, 2)
    body = {"tutor_name": "Sam Taylor (HMS)", "pack_name": "Hertfordshire Music Service"}
    with store.write() as db:
        db.execute("UPDATE lessons SET remote_details = ?, tutor_name = '' WHERE id = ?",
                   [json.dumps(body), lesson])
    assert announced(store, lesson) == body
    facts = family_lesson(store, load_pack("hms"), "responsible_adult", "Sam Taylor", now=NOW)
    assert facts.tutor == "Sam Taylor (HMS)" and facts.linked_with == "Sam Taylor"
    with store.write() as db:  # a damaged copy reads as no announcement, never a crash
        db.execute("UPDATE lessons SET remote_details = '[1' WHERE id = ?", [lesson])
    assert announced(store, lesson) == {}


def test_the_record_the_tutor_shares_reads_in_the_same_words(store: Store) -> None:
    """The shared record (what app.linking sends back: no pupil, verdicts only, a count of
    incidents) reads as the tutor's own record does, and says where a tick was made."""
    from app.family_lesson import as_summary, family_record_lines
    from app.linking.notify import shared_record

    lessons, pupil = family(store)
    lesson = book(lessons, pupil, 1)
    lessons.start(lesson, by="Sam Taylor", now=NOW)
    lessons.confirm(lesson, PRESENT, "Jo Lee", "responsible_adult", NOW)
    summary = lessons.end(lesson, by="Sam Taylor", now=NOW + timedelta(minutes=30))
    shared = json.loads(json.dumps(shared_record(summary), default=str))  # as it travels
    shared["confirmations"][0]["from"] = "linked computer"
    shared["incidents"] = 1
    lines = [str(line) for line in family_record_lines(as_summary(shared, "Amy Lee"))]
    assert lines[0] == f"Lesson {lesson} with Amy Lee, ended"
    assert any("Jo Lee (responsible adult) confirmed being present at the start (on the "
               "family's computer)" in line for line in lines), lines
    assert any("Incidents reported: 1" in line for line in lines)
    assert any(line.startswith("Checks: not run") for line in lines)


def test_the_last_record_stays_once_the_next_lesson_is_booked(store: Store) -> None:
    lessons, pupil = family(store)
    done = book(lessons, pupil, 1)
    lessons.start(done, by="Jo Lee", now=NOW)
    lessons.end(done, by="Jo Lee", now=NOW + timedelta(minutes=30))
    following = book(lessons, pupil, 24 * 7)
    facts = family_lesson(store, load_pack("hms"), "responsible_adult",
                          now=NOW + timedelta(hours=2))
    assert facts.lesson is not None and facts.lesson.id == following
    assert facts.record is not None and facts.record["lesson"]["id"] == done
    assert not facts.record_shared
    later = family_lesson(store, load_pack("hms"), "responsible_adult",
                          now=NOW + timedelta(days=8))
    assert later.record is None  # a week on, the page shows no old record
