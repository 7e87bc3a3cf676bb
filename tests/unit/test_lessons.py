"""Lessons: the pack's lead time, the Start lesson plan per pack, prompts, the end, and
finding a lesson a crash left running."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.errors import ConfigurationError
from app.lesson_plan import end_needs, lesson_prompts, start_plan
from app.lessons import Lessons, note_playback, record_lines
from app.people import People
from app.policy.engine import supervision_for
from app.policy.loader import load_pack
from app.store import Store

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path)
    yield s
    s.close()


def pupil(store: Store, age: int) -> int:
    dob = date(NOW.year - age - 1, 12, 1).isoformat()  # turned `age` last December
    return People(store).add("pupil", "Amy Lee", date_of_birth=dob, today=NOW.date()).id


def test_hms_first_lesson_needs_24_hours_notice_and_later_ones_do_not(store: Store) -> None:
    hms = load_pack("hms")
    lessons = Lessons(store)
    amy = pupil(store, 11)
    with pytest.raises(ConfigurationError, match="at least 24 hours ahead"):
        lessons.book(hms, amy, NOW + timedelta(hours=23), duration_min=30, tutor_name="Sam",
                     platform="zoom", confirmed_by="Sam", now=NOW)
    assert lessons.list() == []  # nothing saved by a refusal
    first = lessons.book(hms, amy, NOW + timedelta(hours=25), duration_min=30,
                         tutor_name="Sam", platform="zoom", confirmed_by="Sam", now=NOW)
    assert first.first_lesson and first.state == "booked"
    second = lessons.book(hms, amy, NOW + timedelta(hours=1), duration_min=30,
                          tutor_name="Sam", platform="zoom", confirmed_by="Sam", now=NOW)
    assert not second.first_lesson
    # VTO asks for no notice at all.
    ben = pupil(store, 9)
    assert Lessons(store).book(load_pack("vto"), ben, NOW + timedelta(minutes=5),
                               duration_min=30, tutor_name="", platform="teams",
                               confirmed_by="Sam", now=NOW).first_lesson


@pytest.mark.parametrize(("minutes", "platform", "words"), [
    (5, "zoom", "10 to 240"), (30, "myspace", "not a lesson platform")])
def test_a_bad_booking_says_what_to_do(store: Store, minutes: int, platform: str,
                                       words: str) -> None:
    with pytest.raises(ConfigurationError, match=words):
        Lessons(store).book(load_pack("vto"), pupil(store, 9), NOW + timedelta(days=1),
                            duration_min=minutes, tutor_name="", platform=platform,
                            confirmed_by="Sam", now=NOW)


@pytest.mark.parametrize(("pack", "age", "needed", "presence"), [
    ("hms", 11, ["checks", "conduct", "recording", "supervision"], "in_room_throughout"),
    ("hms", 14, ["checks", "conduct", "recording", "supervision"],
     "start_and_end_within_earshot"),
    # TutorNinjas 3.4: its policy is read before the first lesson; the adult is optional, the
    # supervision step is there for the room (LessonGuard's default, at home).
    ("tutorninjas", 14, ["checks", "conduct", "recording", "supervision"],
     "present_and_available"),
    ("freemusictutors", 14, ["checks", "conduct", "recording", "supervision"],
     "start_and_end_within_earshot"),
])
def test_the_start_plan_asks_what_the_pack_asks(pack: str, age: int, needed: list[str],
                                                presence: str) -> None:
    plan = start_plan(load_pack(pack), age, conduct_acknowledged_before=False)
    assert [s.id for s in plan.needed()] == needed
    assert plan.supervision.presence == presence


def test_code_of_conduct_first_lesson_only_or_each_lesson() -> None:
    assert not start_plan(load_pack("hms"), 11, conduct_acknowledged_before=True
                          ).step("conduct").needed
    assert start_plan(load_pack("freemusictutors"), 11, conduct_acknowledged_before=True
                      ).step("conduct").needed


def test_13_to_15_are_asked_back_for_the_end_and_school_staff_return_the_pupil() -> None:
    hms = load_pack("hms")
    need = supervision_for(hms, 14)
    prompts = lesson_prompts(hms, need, "school_staff", NOW, 30)
    kinds = {p.kind: p for p in prompts}
    assert kinds["adult_back"].at == NOW + timedelta(minutes=25)
    assert "come back for the end" in kinds["adult_back"].text
    assert "back to class" in kinds["return_pupil"].text
    ends = end_needs(hms, need, "school_staff")
    assert ends.adult_confirms and ends.pupil_returns_to_class
    assert not end_needs(hms, supervision_for(hms, 17), "tutor").adult_confirms


def test_a_lesson_left_running_by_a_dead_process_is_offered_for_resume(store: Store) -> None:
    lessons = Lessons(store)
    vto = load_pack("vto")
    lesson = lessons.book(vto, pupil(store, 9), datetime.now(UTC) + timedelta(minutes=1),
                          duration_min=30, tutor_name="", platform="zoom", confirmed_by="Sam")
    lessons.start(lesson.id, by="Sam")
    assert lessons.running() is not None and lessons.interrupted() == []
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with store.write() as db:  # as if another LessonGuard, now gone, had started it
        db.execute("UPDATE lessons SET pid = ? WHERE id = ?", [dead.pid, lesson.id])
    assert [x.id for x in lessons.interrupted()] == [lesson.id]
    lessons.confirm(lesson.id, "adult_present", "Jo Lee", "responsible_adult")
    summary = lessons.end(lesson.id, by="Sam", reason="closed after a crash")
    assert summary["lesson"]["state"] == "ended"
    assert summary["confirmations"][0]["by_name"] == "Jo Lee"
    assert lessons.saved_summary(lesson.id) == summary
    assert lessons.interrupted() == []


def test_the_record_says_who_may_play_each_recording() -> None:
    """TutorNinjas 6.1: recordings are "available for play back to the parents and students
    for up to 28 days"; the tutor is not among them; one sealed for the police is played by
    nobody; a deleted one says nothing about playback."""
    pack = load_pack("tutorninjas")
    now = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    fresh, old = (now - timedelta(days=1)).isoformat(), (now - timedelta(days=29)).isoformat()

    def summary() -> dict:
        return {"recordings": [{"id": "a", "started_at": fresh, "state": "complete"},
                               {"id": "b", "started_at": old, "state": "complete"},
                               {"id": "c", "started_at": fresh, "state": "complete"},
                               {"id": "d", "started_at": fresh, "deleted_at": fresh,
                                "state": "deleted"}]}

    parent = {r["id"]: r.get("playback", "") for r in note_playback(
        summary(), pack, "responsible_adult", {"c": 7}, now=now)["recordings"]}
    assert "may play it" in parent["a"]
    assert "28 days" in parent["b"] and "may play" not in parent["b"]
    assert "sealed for the police (incident 7)" in parent["c"]
    assert parent["d"] == ""
    tutor = note_playback(summary(), pack, "tutor", {}, now=now)["recordings"][0]["playback"]
    assert "does not let the tutor" in tutor
    assert "may play" in note_playback(summary(), pack, "pupil", {}, now=now)[
        "recordings"][0]["playback"]
    lines = record_lines({"lesson": {"id": 1, "state": "ended", "starts_at": fresh,
                                     "duration_min": 30, "started_at": fresh,
                                     "ended_at": fresh},
                          "pupil": {"name": "Amy Lee", "age": 14},
                          **note_playback(summary(), pack, "tutor", {}, now=now)})
    assert any("Recording a" in line and "does not let the tutor" in line for line in lines)


def test_the_default_time_is_one_the_pack_allows(store: Store) -> None:
    """Issue 19, item 6: the booking form's default was refused ("0.2 hours ahead")."""
    hms, lessons = load_pack("hms"), Lessons(store)
    amy = pupil(store, 11)
    now = datetime(2026, 12, 2, 9, 7, tzinfo=UTC)
    first = lessons.earliest_start(hms, amy, now=now)
    assert first == datetime(2026, 12, 3, 9, 15, tzinfo=UTC)  # 24 h on, the next quarter hour
    booked = lessons.book(hms, amy, first, duration_min=30, tutor_name="Sam Tutor",
                          platform="zoom", confirmed_by="Sam Tutor", now=now)
    assert booked.first_lesson
    later = lessons.earliest_start(hms, amy, now=now)
    assert later == datetime(2026, 12, 2, 9, 30, tzinfo=UTC), "only a first lesson needs notice"
    vto = load_pack("vto")
    assert lessons.earliest_start(vto, pupil(store, 9), now=now) == later


def test_a_practice_lesson_needs_no_notice_and_is_never_the_first(store: Store) -> None:
    hms, lessons = load_pack("hms"), Lessons(store)
    amy = pupil(store, 11)
    soon = datetime.now(UTC) + timedelta(minutes=15)
    with pytest.raises(ConfigurationError, match="24 hours"):
        lessons.book(hms, amy, soon, duration_min=30, tutor_name="Sam Tutor",
                     platform="zoom", confirmed_by="Sam Tutor")
    practice = lessons.book(hms, amy, soon, duration_min=30, tutor_name="Sam Tutor",
                            platform="zoom", confirmed_by="Sam Tutor", practice=True)
    assert lessons.is_practice(practice.id) and not practice.first_lesson
    lessons.start(practice.id, by="Sam Tutor")
    lessons.end(practice.id, by="Sam Tutor")
    lines = [str(line) for line in record_lines(lessons.summary(practice.id))]
    assert any("practice lesson" in line for line in lines), lines
    # The real first lesson still needs HMS's 24 hours: the practice did not count.
    assert lessons.is_first_for(amy)
    with pytest.raises(ConfigurationError, match="24 hours"):
        lessons.book(hms, amy, soon + timedelta(hours=1), duration_min=30,
                     tutor_name="Sam Tutor", platform="zoom", confirmed_by="Sam Tutor")


def test_the_command_line_books_a_practice_lesson_and_lists_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    """`lessonguard lesson book --practice` on day one under HMS, where a real first lesson
    needs 24 hours; `lesson list` says which lesson was practice."""
    from cli.main import main

    today = datetime.now().astimezone() + timedelta(minutes=30)
    assert main(["setup", "--role", "tutor", "--name", "Sam Taylor", "--policy", "hms"]) == 0
    assert main(["people", "add", "--role", "pupil", "--name", "Amy Lee", "--dob",
                 f"{today.year - 11}-01-01"]) == 0
    when = ["--date", f"{today:%Y-%m-%d}", "--time", f"{today:%H:%M}"]
    assert main(["lesson", "book", "--pupil", "1", *when]) != 0, "HMS: 24 hours' notice"
    assert main(["lesson", "book", "--pupil", "1", "--practice", *when]) == 0
    capsys.readouterr()
    assert main(["lesson", "list"]) == 0
    listed = capsys.readouterr().out
    assert "(practice)" in listed and "Amy Lee" in listed


def test_the_record_says_what_was_vouched_for_in_words_and_never_ticks_a_not_sure_run() -> None:
    """A lesson record read by a parent or a school: what a person vouched for at Start
    lesson in words (not "vouched training current"), and a run whose checks could not all
    say is marked '?', not '✔'."""
    now = "2026-12-02T10:00:00+00:00"
    base = {"lesson": {"id": 1, "state": "ended", "starts_at": now, "duration_min": 30,
                       "started_at": now, "ended_at": now},
            "pupil": {"name": "Amy Lee", "age": 11}}
    kinds = ["vouched_training_current", "vouched_training_2", "vouched_pupil_comfortable_at_start",
             "vouched_something_new", "recording_decided_no"]
    from app.lessons import confirmation_words
    confirmations = [{"kind": k, "by_name": "Sam Tutor", "role": "tutor", "at": now,
                      "words": confirmation_words(k)} for k in kinds]

    def record(results: list[dict[str, str]], ready: bool) -> str:
        checks = {"ready": ready, "summary": "summary words", "at": now, "results": results}
        return "\n".join(record_lines({**base, "checks": checks,
                                       "confirmations": confirmations}))

    text = record([{"id": "bandwidth", "status": "inconclusive"}], ready=True)
    assert "Checks: ? summary words" in text and "✔ summary" not in text
    assert "Checks: ✔" in record([{"id": "bandwidth", "status": "pass"}], ready=True)
    assert "Checks: ✖" in record([{"id": "bandwidth", "status": "fail"}], ready=False)
    assert "vouched" not in text and "_" not in text.split("Checks:")[1]
    assert "safeguarding training is up to date" in text
    assert "feels comfortable" in text and "something new" in text
    assert "not recorded" in text
