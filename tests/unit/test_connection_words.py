"""The connection monitor's words during a lesson, driven with its own clock: the time in
trouble counted to the second (never "0 min" for five minutes), the outcome in the words for
the role reading them and the moment the trouble began, and every episode kept as it happens.
The expected words come from the seed policy and the pack, never from the monitor."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.lessons import Lesson, Lessons, record_lines
from app.policy.loader import load_pack
from app.policy.schema import PolicyPack, Role
from app.profile import NewPupil, add_pupil, save_profile
from app.store import Store
from checks.connection_monitor import (
    STARTING_WINDOW_S,
    ConnectionMonitor,
    MonitorEvent,
    ProbeResult,
    keep_episode,
)

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
DOWN, UP = ProbeResult(False, None, "no route to host"), ProbeResult(True, 40.0)


def hms_seed() -> str:
    return " ".join((SEEDS / "004_d11158dd60f46529.txt").read_text().split())


def outcome_text(pack: PolicyPack, role: Role, moment: str, side: str) -> str:
    """The pack's own words for this role, moment and side (what the monitor must show)."""
    value = pack.network.trouble_outcomes.value
    assert not isinstance(value, str)
    fits = [o for o in value if o.moment == moment and role in o.roles]
    found = (next((o for o in fits if o.side == side), None)
             or next(o for o in fits if o.side == "either"))
    return found.text


def monitor(role: Role, side: str = "tutor", pack: str = "hms",
            events: list[MonitorEvent] | None = None) -> ConnectionMonitor:
    return ConnectionMonitor("http://unused", load_pack(pack), side=side,  # type: ignore[arg-type]
                             role=role, lesson_started_mono=0.0,
                             on_event=(events.append if events is not None else None))


def test_the_time_in_trouble_is_counted_to_the_second_not_stuck_at_zero() -> None:
    watch = monitor("tutor")
    watch.step(DOWN, now=600.0)
    shown = [watch.status(600.0 + s) for s in (0, 45, 150, 299)]
    assert all(s is not None and s[0] == "trouble" for s in shown)
    words = [s[1] for s in shown if s is not None]
    assert "for 0 s" in words[0] and "for 45 s" in words[1]
    assert "for 2 min 30 s" in words[2] and "for 4 min 59 s" in words[3]
    assert "2 min 30 s left before the 5 min limit" in words[2] and "1 s left" in words[3]
    assert not any("0 min" in w for w in words)
    over = watch.status(600.0 + 301)
    assert over is not None and over[0] == "abort" and "5 min 01 s" in over[1]
    watch.step(UP, now=910.0)
    assert watch.status(911.0) is None


@pytest.mark.parametrize("role", ["tutor", "responsible_adult", "school_staff", "pupil"])
@pytest.mark.parametrize("at", [60.0, 1200.0])
def test_hms_words_fit_the_role_and_the_moment(role: Role, at: float) -> None:
    events: list[MonitorEvent] = []
    side = "tutor" if role == "tutor" else "pupil"
    watch = monitor(role, side, events=events)
    watch.step(DOWN, now=at)
    watch.step(DOWN, now=at + 5 * 60 + 1)
    assert [e.kind for e in events] == ["trouble_started", "abort"]
    moment = "start" if at < STARTING_WINDOW_S else "midway"
    assert watch.episodes[0].moment == moment
    expected = outcome_text(load_pack("hms"), role, moment, side)
    assert expected in events[1].message
    assert "more than 5 minutes" in events[1].message
    if role == "tutor":  # the tutor is the HMS teacher: never told a teacher will call
        assert "will contact you" not in events[1].message


def test_hms_midway_gives_the_teacher_the_choice_the_seed_gives() -> None:
    """'aborted and not charged for, or the missed lesson time can be added … at the
    discretion of the teacher': the tutor is told it is their choice, the parent that the
    teacher decides; neither sees the start-of-lesson text."""
    seed = hms_seed()
    clause = re.search(r"If connection or technical issues occur midway[^.]*\.[^.]*\.", seed)
    assert clause is not None and "the missed lesson time can be added" in clause.group(0)
    start_words = outcome_text(load_pack("hms"), "tutor", "start", "tutor")
    for role, who in (("tutor", "You decide"), ("responsible_adult", "The teacher decides")):
        events: list[MonitorEvent] = []
        watch = monitor(role, "tutor" if role == "tutor" else "pupil", events=events)
        watch.step(DOWN, now=STARTING_WINDOW_S + 60)
        watch.step(DOWN, now=STARTING_WINDOW_S + 60 + 301)
        message = events[-1].message
        assert who in message and "not charged for" in message
        assert "another lesson" in message and start_words not in message


def test_a_pack_silent_on_the_outcome_gets_lessonguards_default_named_as_such() -> None:
    events: list[MonitorEvent] = []
    watch = monitor("tutor", pack="tutorninjas", events=events)
    watch.step(DOWN, now=0.0)
    watch.step(DOWN, now=301.0)
    assert "TutorNinjas" not in events[-1].message and "HMS" not in events[-1].message
    assert "LessonGuard's default: your policy does not say" in events[-1].message


def _watched_hms_lesson(tmp_path: Path) -> tuple[Store, Lessons, Lesson, ConnectionMonitor]:
    """An HMS lesson that has started, with a monitor keeping each episode as it happens."""
    store = Store(tmp_path)
    pack = load_pack("hms")
    save_profile(store, "tutor", "Sam Taylor", "hms")
    pupil = add_pupil(store, pack, NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee", True),
                      actor="Sam Taylor")
    lessons = Lessons(store)
    lesson = lessons.book(pack, pupil.id, datetime.now(UTC) + timedelta(days=2),
                          duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                          confirmed_by="Sam Taylor")
    lessons.start(lesson.id, by="Sam Taylor")
    watch = ConnectionMonitor("http://unused", pack, role="tutor", lesson_started_mono=0.0,
                              on_change=lambda ep: keep_episode(store, ep, lesson.id))
    return store, lessons, lesson, watch


def test_every_episode_is_kept_as_it_happens_and_the_record_says_so(tmp_path: Path) -> None:
    store, lessons, lesson, watch = _watched_hms_lesson(tmp_path)
    watch.step(DOWN, now=30.0)  # as the lesson starts: a short outage
    watch.step(UP, now=50.0)
    watch.step(DOWN, now=900.0)  # midway: longer than the policy allows
    watch.step(DOWN, now=900.0 + 330)
    # LessonGuard stops here (no end, no save at the end): both episodes are already kept.
    rows = list(store.db.query("SELECT * FROM connection_episodes WHERE lesson_id = ? "
                               "ORDER BY id", [lesson.id]))
    assert [(r["moment"], r["abort_raised"], r["ended_at"] is None) for r in rows] == [
        ("start", 0, False), ("midway", 1, True)]
    watch.step(UP, now=900.0 + 400)
    summary = lessons.end(lesson.id, by="Sam Taylor")
    assert summary["lesson"]["end_reason"] != "ended normally"
    assert "connection trouble" in summary["lesson"]["end_reason"]
    assert [e["moment"] for e in summary["connection"]] == ["start", "midway"]
    assert summary["connection"][1]["duration_s"] == pytest.approx(400.0)
    lines = "\n".join(record_lines(summary))
    assert "as the lesson started" in lines and "midway through the lesson" in lines
    assert "longer than the policy allows" in lines
    assert "ended normally" not in lines
    store.close()


def test_a_lesson_with_no_trouble_past_the_limit_still_ends_normally(tmp_path: Path) -> None:
    store, lessons, lesson, watch = _watched_hms_lesson(tmp_path)
    watch.step(DOWN, now=600.0)
    watch.step(UP, now=660.0)
    summary = lessons.end(lesson.id, by="Sam Taylor")
    assert summary["lesson"]["end_reason"] == "ended normally"
    assert len(summary["connection"]) == 1
    store.close()
