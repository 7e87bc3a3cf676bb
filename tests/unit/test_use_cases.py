"""The use cases without a display: starting a lesson (and its roll back), the panic response,
and who may play or export a recording. They run here exactly as the window runs them.

The fakes stand in only for hardware: the recorder (a camera and a microphone), the shutter
(the camera pipeline) and the operating system's microphone mute. Each says what it is.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.audit import AuditLog
from app.consent import Consents
from app.errors import ConfigurationError, LessonGuardError
from app.incidents import Incidents
from app.keystore import FileKeyStore
from app.lesson_start import Confirmed, LessonStart, StartAnswers
from app.lessons import Lesson, Lessons
from app.panic import PanicResponse, RunningRecording
from app.people import People
from app.policy.loader import load_pack
from app.policy.schema import PolicyPack
from app.recording_access import RecordingAccess
from app.recordings import Recordings
from app.store import Store
from tests.unit.test_retention import make_recording as made_recording

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path)
    yield s
    s.close()


def recordings(store: Store) -> Recordings:
    return Recordings(store, store.path.parent, FileKeyStore(store.path.parent / "keys"))


def family(store: Store, age: int = 11) -> tuple[int, int]:
    today = datetime.now(UTC).date()
    dob = date(today.year - age - 1, 12, 1) if today.month < 12 else \
        date(today.year - age, 1, 1)
    people = People(store)
    pupil = people.add("pupil", "Amy Lee", date_of_birth=dob.isoformat(), today=today)
    adult = people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
    return pupil.id, adult.id


def book(store: Store, pack: PolicyPack, pupil: int) -> Lesson:
    start = datetime.now(UTC) + timedelta(days=2)
    return Lessons(store).book(pack, pupil, start, duration_min=30, tutor_name="Sam Tutor",
                               platform="zoom", confirmed_by="Sam Tutor")


def make_recording(recs: Recordings, pack: PolicyPack, pupil: int,
                   started: datetime | None = None) -> str:
    """A small complete recording in the catalogue (as the retention tests make them)."""
    return made_recording(recs, pack.id, pupil, started or datetime.now(UTC))


@dataclass
class FakeRecorder:
    """Stands in for the camera and microphone recording (no webcam here); it writes a real
    catalogue entry, so the lesson's record can point at it."""

    recs: Recordings
    pack: PolicyPack
    refuse: str = ""
    started: list[str] = field(default_factory=list)
    stopped: int = 0
    _running: str | None = None

    def start(self, pupil_id: int, lesson_id: int | None = None) -> str:
        if self.refuse:
            return self.refuse
        info, _key = self.recs.begin(self.pack, pupil_id, self.recs.data_dir / "recordings",
                                     lesson_id=lesson_id)
        self._running = info.id
        self.started.append(info.id)
        return ""

    def running(self) -> RunningRecording | None:
        return RunningRecording(self._running, 12.5) if self._running else None

    def stop(self) -> None:
        if self._running is not None:
            self.stopped += 1
            self._running = None


def use_case(store: Store, pack: PolicyPack, recorder: FakeRecorder,
             role: str = "tutor") -> LessonStart:
    return LessonStart(Lessons(store), lambda: pack, recorder, lambda: ("Sam Tutor", role))


def confirmations(store: Store, lesson_id: int) -> list[tuple[str, str]]:
    return [(r["kind"], r["by_name"]) for r in store.db.query(
        "SELECT kind, by_name FROM confirmations WHERE lesson_id = ? ORDER BY id", [lesson_id])]


# --- lesson start ---

# What a tutor vouches for at the start under the packs below (ticks the Ready screen asks).
TUTOR_VOUCHES = frozenset({"training", "training_current", "pupil_comfortable_at_start",
                           "nothing_inappropriate_visible"})


def test_hms_lesson_for_an_11_year_old_starts_with_the_adult_in_the_room(store: Store) -> None:
    hms = load_pack("hms")
    pupil, _adult = family(store, 11)
    lesson = book(store, hms, pupil)
    start = use_case(store, hms, FakeRecorder(recordings(store), hms))
    # HMS asks for the code of conduct before the first lesson, an adult in the room for
    # 12 and under, and a living area; nothing is recorded.
    answers = StartAnswers(conduct_name="Sam Tutor", adult_name="Jo Lee")
    with pytest.raises(ConfigurationError, match="confirms they are here"):
        start.begin(lesson, answers)
    assert confirmations(store, lesson.id) == []
    started = start.begin(lesson, StartAnswers(conduct_name="Sam Tutor", adult_name="Jo Lee",
                                               adult_present=True, room_living_area=True,
                                               vouched=TUTOR_VOUCHES))
    assert started.state == "in_progress" and started.recording_id is None
    assert "not recorded" in started.no_recording_reason.lower()
    assert confirmations(store, lesson.id) == [
        ("conduct_acknowledged", "Sam Tutor"), ("adult_present", "Jo Lee"),
        ("room_living_area", "Jo Lee"),
        ("vouched_nothing_inappropriate_visible", "Sam Tutor"),  # HMS recommends it; ticked
        ("vouched_pupil_comfortable_at_start", "Sam Tutor"),
        ("vouched_training", "Sam Tutor"), ("vouched_training_current", "Sam Tutor")]


def test_hms_refuses_a_recording_asked_for_anyway(store: Store) -> None:
    hms = load_pack("hms")
    pupil, _ = family(store, 16)
    lesson = book(store, hms, pupil)
    recorder = FakeRecorder(recordings(store), hms)
    with pytest.raises(ConfigurationError, match="not recorded"):
        use_case(store, hms, recorder).begin(lesson, StartAnswers(
            conduct_name="Sam Tutor", adult_name="Jo Lee", room_living_area=True, record=True))
    assert recorder.started == []


def test_a_required_recording_that_cannot_start_stops_the_start_and_keeps_nothing(
        store: Store) -> None:
    tn = load_pack("tutorninjas")
    pupil, adult = family(store, 14)
    Consents(store).grant(tn, pupil, adult, "Jo Lee")
    lesson = book(store, tn, pupil)
    recorder = FakeRecorder(recordings(store), tn, refuse="The disk is full.")
    start = use_case(store, tn, recorder)
    plan = start.plan(lesson)
    assert plan.recording_required
    with pytest.raises(ConfigurationError, match="records every lesson"):
        start.begin(lesson, StartAnswers(conduct_name="Jo Lee", adult_name="Jo Lee",
                                         adult_present=True, room_living_area=True,
                                         record=True, vouched=TUTOR_VOUCHES))
    assert Lessons(store).get(lesson.id).state == "booked"
    assert confirmations(store, lesson.id) == []
    # Not choosing to record is no way round it.
    with pytest.raises(ConfigurationError, match="consent is needed"):
        start.begin(lesson, StartAnswers(conduct_name="Jo Lee", adult_name="Jo Lee",
                                         adult_present=True, room_living_area=True,
                                         vouched=TUTOR_VOUCHES))


def test_a_failed_start_rolls_back_the_confirmations_and_stops_the_recording(
        store: Store) -> None:
    """Another lesson starts first (a second window, a script): the start fails after the
    recording has begun; the recording is stopped and no confirmation is left behind."""
    tn = load_pack("tutorninjas")
    pupil, adult = family(store, 14)
    Consents(store).grant(tn, pupil, adult, "Jo Lee")
    lesson = book(store, tn, pupil)
    recorder = FakeRecorder(recordings(store), tn)
    start = use_case(store, tn, recorder)
    answers = StartAnswers(conduct_name="Jo Lee", adult_name="Jo Lee", adult_present=True,
                           room_living_area=True, record=True, vouched=TUTOR_VOUCHES)
    original = Lessons.start

    def someone_else_started(self: Lessons, lesson_id: int, **kw: object) -> Lesson:
        self.confirm(lesson_id, "adult_present", "Jo Lee", "responsible_adult")
        raise LessonGuardError("Lesson 99 is still in progress.")

    Lessons.start = someone_else_started  # type: ignore[method-assign]  # the failure, injected
    try:
        with pytest.raises(LessonGuardError, match="still in progress"):
            start.begin(lesson, answers)
    finally:
        Lessons.start = original  # type: ignore[method-assign]  # put back
    assert recorder.started and recorder.stopped == 1
    assert confirmations(store, lesson.id) == []
    assert Lessons(store).get(lesson.id).state == "booked"
    assert AuditLog(store).verify().ok
    # The same answers then start it, recorded, with the notice confirmed.
    started = start.begin(lesson, answers)
    assert started.recording_id == recorder.started[-1]
    assert ("recording_notice", "Sam Tutor") in confirmations(store, lesson.id)


def test_a_lesson_ends_with_its_confirmations_and_summary_together(store: Store) -> None:
    vto = load_pack("vto")
    pupil, _ = family(store, 9)
    lesson = book(store, vto, pupil)
    recorder = FakeRecorder(recordings(store), vto)
    start = use_case(store, vto, recorder)
    needs = start.plan(lesson)
    answers = StartAnswers(conduct_name="Jo Lee", adult_name="Jo Lee",
                           adult_present=needs.supervision.adult_needed("start"),
                           room_living_area=needs.room_confirmation, vouched=TUTOR_VOUCHES,
                           recording_decided=False, decider_name="Morag Ross")  # VTO's LCC
    started = start.begin(lesson, answers)
    with pytest.raises(ConfigurationError, match="full name"):
        start.end(started, [Confirmed("adult_present_end", "J", "responsible_adult")])
    assert Lessons(store).get(lesson.id).state == "in_progress"
    summary = start.end(started, [Confirmed("adult_present_end", "Jo Lee",
                                            "responsible_adult")])
    assert Lessons(store).get(lesson.id).state == "ended"
    assert ("adult_present_end", "Jo Lee") in [(c["kind"], c["by_name"])
                                               for c in summary["confirmations"]]


# --- panic ---


@dataclass
class FakeShutter:
    """Stands in for the camera pipeline's privacy card."""

    calls: list[bool] = field(default_factory=list)

    def __call__(self, on: bool) -> None:
        self.calls.append(on)


@dataclass
class Outcome:
    ok: bool
    message: str
    not_muted: tuple[str, ...] = ()


class FakeMuter:
    """Stands in for the operating system's microphone mute (the real one is tested against
    PulseAudio in tests/ui/test_panic.py)."""

    def __init__(self) -> None:
        self.muted = False

    def mute(self) -> Outcome:
        self.muted = True
        return Outcome(True, "The microphone is muted.")

    def restore(self) -> Outcome:
        self.muted = False
        return Outcome(True, "The microphone is on again.")

    def forget(self) -> None:
        pass


def test_panic_cuts_first_opens_the_incident_and_holds_the_recording(store: Store) -> None:
    tn = load_pack("tutorninjas")
    pupil, _ = family(store, 14)
    lesson = book(store, tn, pupil)
    recs = recordings(store)
    rec_id = make_recording(recs, tn, pupil)
    shutter, muter = FakeShutter(), FakeMuter()
    events: list[str] = []
    response = PanicResponse(
        shutter=lambda on: (events.append(f"shutter {on}"), shutter(on))[0],
        muter=muter, recordings=recs, pack=lambda: tn,
        running_recording=lambda: (events.append("asked recording"),
                                   RunningRecording(rec_id, 81.234))[1],
        lesson_id=lambda: lesson.id)
    state = response.press("panic button")
    assert events[0] == "shutter True"  # before anything else
    assert response.wait_muted() is not None and muter.muted
    assert state.incident_id is not None and state.held == [rec_id] and state.mark_s == 81.23
    incident = Incidents(store, store.path.parent).get(state.incident_id)
    tied = store.db.query("SELECT lesson_id FROM incidents WHERE id = ?", [incident.id])
    assert [r["lesson_id"] for r in tied] == [lesson.id]
    assert [e.recording_id for e in incident.evidence] == [rec_id]
    holds = recs.active_holds(rec_id)
    assert len(holds) == 1 and holds[0].incident_id == state.incident_id
    assert holds[0].mark_s == 81.23
    # A second press (the hotkey as well as the button) changes nothing.
    assert response.press("global hotkey") is state
    assert len(Incidents(store, store.path.parent).list()) == 1
    actions = [e.action for e in AuditLog(store).entries()]
    assert actions.count("panic.pressed") == 1 and "incident.opened" in actions
    # Resume: camera and microphone back; the evidence stays held.
    assert response.undo("user") is not None
    assert shutter.calls == [True, False] and not muter.muted
    assert recs.active_holds(rec_id)
    assert AuditLog(store).verify().ok


def test_panic_with_nothing_recording_still_opens_an_incident(store: Store) -> None:
    hms = load_pack("hms")
    response = PanicResponse(shutter=FakeShutter(), muter=FakeMuter(),
                             recordings=recordings(store), pack=lambda: hms)
    state = response.press("tray icon")
    assert state.held == [] and state.mark_s is None and state.incident_id is not None
    assert AuditLog(store).entries("panic.pressed")[-1].actor == "tray icon"


# --- playback and export ---


def test_playback_follows_the_pack_the_recording_was_made_under(store: Store,
                                                                tmp_path: Path) -> None:
    """TutorNinjas: the parent may play a lesson back for 28 days, the tutor never (10.2).
    Switching today's pack does not change who may see a recording made under it."""
    tn = load_pack("tutorninjas")
    pupil, _ = family(store, 14)
    recs = recordings(store)
    rec_id = make_recording(recs, tn, pupil)
    for today in (tn, load_pack("vto"), load_pack("hms")):
        access = RecordingAccess(recs, lambda today=today: today)
        assert access.pack_for(recs.get(rec_id)).id == "tutorninjas"
        with pytest.raises(LessonGuardError):
            access.check(rec_id, "tutor")
        assert access.check(rec_id, "responsible_adult").id == rec_id
    access = RecordingAccess(recs, lambda: tn)
    access.open_for_playback(rec_id, "responsible_adult").close()
    played = AuditLog(store).entries("recording.played")
    assert [(e.actor, e.subject) for e in played] == [("responsible_adult",
                                                       f"recording:{rec_id}")]
    with pytest.raises(LessonGuardError):
        access.open_for_playback(rec_id, "tutor")
    assert len(AuditLog(store).entries("recording.played")) == 1  # a refusal plays nothing
    with pytest.raises(LessonGuardError):
        access.export([rec_id], tmp_path / "out", "correct horse battery", "tutor")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    package = access.export([rec_id], tmp_path, "correct horse battery", "responsible_adult")
    assert package.is_dir()


def test_playback_period_ends_after_28_days(store: Store) -> None:
    tn = load_pack("tutorninjas")
    pupil, _ = family(store, 14)
    recs = recordings(store)
    rec_id = make_recording(recs, tn, pupil, started=datetime.now(UTC) - timedelta(days=29))
    with pytest.raises(LessonGuardError):
        RecordingAccess(recs, lambda: tn).check(rec_id, "responsible_adult")


def test_the_use_cases_import_no_qt() -> None:
    code = ("import sys, app.lesson_start, app.panic, app.recording_access, capture.look, "
            "capture.recording_upkeep; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'ui')); print(bad); raise SystemExit(bool(bad))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
