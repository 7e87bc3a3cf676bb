"""A whole lesson in the real app under Xvfb, driven by the keyboard only (xdotool): first run,
booking (refused by HMS's lead time first), Start lesson, the companion window, End lesson and
the saved summary. And a lesson killed mid-way, resumed after a restart with nothing lost.

Real parts: the demo camera through OpenCV, a PulseAudio null sink fed with espeak-ng speech as
the microphone, the `lessonguard speed-server` on loopback for the bandwidth check.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.conftest import App, lessonguard
from tests.helpers.pulse import PulseServer
from tests.helpers.tools import require_tool
from tests.helpers.xvfb import Xvfb, keep

pytestmark = pytest.mark.e2e


class Keys:
    """xdotool on the test's X server: type into whichever window has the focus."""

    def __init__(self, xvfb: Xvfb) -> None:
        self.xdotool = require_tool("xdotool")
        self.env = {**os.environ, "DISPLAY": xvfb.display}

    def run(self, *args: str) -> str:
        return subprocess.run([self.xdotool, *args], env=self.env, check=True, timeout=30,
                              capture_output=True, text=True).stdout

    def focus(self, title: str) -> None:
        window = self.run("search", "--sync", "--onlyvisible", "--name", title).split()[-1]
        self.run("windowfocus", "--sync", window)
        time.sleep(0.3)

    def key(self, *keys: str) -> None:
        for k in keys:
            self.run("key", "--clearmodifiers", k)
            time.sleep(0.25)

    def type(self, text: str) -> None:
        self.run("type", "--delay", "40", text)
        time.sleep(0.2)


def cli(data_dir: Path, *args: str) -> str:
    return subprocess.run([lessonguard(), "--data-dir", str(data_dir), *args], check=True,
                          capture_output=True, text=True, timeout=60).stdout


def wait_log(app: App, text: str, timeout: float = 30, after: int = 0) -> None:
    deadline = time.monotonic() + timeout
    while text not in app.log()[after:]:
        if app.process.poll() is not None:
            raise AssertionError(f"the app exited: {app.log()[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"'{text}' never appeared in the log:\n{app.log()[-3000:]}")
        time.sleep(0.1)


def shot(xvfb: Xvfb, tmp_path: Path, name: str) -> None:
    time.sleep(0.6)  # let the window finish painting
    path = tmp_path / name
    xvfb.screenshot(path)
    keep(path, name)


def first_run(keys: Keys, app: App, xvfb: Xvfb, tmp_path: Path, *, role_key: str, name: str,
              pupil: str, band: str, adult: str, pack_id: str, shots: bool = False) -> None:
    """The first-run wizard by keyboard: the role (its mnemonic; tutor is preselected), the
    name, the pack given by --policy, one pupil by age band with their adult as sponsor."""
    wait_log(app, "first run page 0")
    keys.focus("Set up LessonGuard")
    if role_key:
        keys.key(role_key)
    keys.key("alt+m")
    keys.type(name)
    if shots:
        shot(xvfb, tmp_path, "first-run.png")
    keys.key("Return")
    wait_log(app, "first run page 1")
    keys.key("Return")
    wait_log(app, "first run page 2")
    keys.type(pupil)
    keys.key("alt+i", "alt+d")  # an age band instead of a date of birth, then the band
    keys.type(band)
    if adult:  # a parent is filled in as their child's adult already
        keys.key("alt+p")
        keys.type(adult)
    keys.key("alt+1")  # the sponsor (the adult, filled in) is 18 or over
    if shots:
        shot(xvfb, tmp_path, "first-run-pupils.png")
    keys.key("Return")
    if role_key == "alt+p":  # a parent is first offered consent to record: left for later
        wait_log(app, "first run page 4")
        keys.key("Return")
    wait_log(app, "first run page 3")
    keys.key("Return")
    wait_log(app, f"under {pack_id}")
    wait_log(app, "window shown")


def book_by_keys(keys: Keys, app: App, tutor: str = "", *, family_page: bool = False) -> None:
    """New lesson… with its defaults (the first time the pack allows, 30 minutes, Zoom).
    A parent's or school's window opens on its own lesson page: Ctrl+Tab goes on to Lessons."""
    size = len(app.log())
    keys.focus("^LessonGuard$")
    if family_page:
        keys.key("ctrl+Tab")
    keys.key("alt+n")
    keys.focus("New lesson")
    if tutor:
        keys.key("alt+u")
        keys.type(tutor)
    keys.key("Return")
    wait_log(app, "lesson booked", after=size)


def person(data: Path, role: str) -> dict:
    return next(p for p in json.loads(cli(data, "people", "list", "--json"))
                if p["role"] == role)


def test_an_hms_lesson_from_first_run_to_summary_by_keyboard_only(
        launch, xvfb: Xvfb, pulse: PulseServer, talking: None, tmp_path: Path) -> None:
    keys = Keys(xvfb)
    app = launch("--camera", "synthetic", "--mic", "pulse", "--policy", "hms", role=None)
    # First run: role (tutor is chosen), name, the pack (HMS, from --policy), the pupil.
    first_run(keys, app, xvfb, tmp_path, role_key="", name="Sam Taylor", pupil="Amy Lee",
              band="11", adult="Jo Lee", pack_id="hms", shots=True)
    data = app.data_dir
    people = json.loads(cli(data, "people", "list", "--json"))
    assert {(p["role"], p["name"]) for p in people} == {
        ("pupil", "Amy Lee"), ("responsible_adult", "Jo Lee"), ("sponsor", "Jo Lee")}
    pupil = next(p for p in people if p["role"] == "pupil")
    assert pupil["age_band"] == "11-12"

    # HMS: the first lesson must be confirmed 24 hours ahead: New lesson offers such a time.
    book_by_keys(keys, app)
    (first,) = json.loads(cli(data, "lesson", "list", "--json"))
    ahead = datetime.fromisoformat(first["starts_at"]) - datetime.now(UTC)
    assert ahead >= timedelta(hours=24), f"the default time is refused: {ahead} ahead"
    book_by_keys(keys, app)  # the second lesson has no lead time

    # Start lesson: checks, code of conduct (HMS: before the first lesson), recording (none),
    # supervision (11: an adult in the room throughout, and a living area).
    # One Ready screen: what blocks is listed with its fix; the adult's name is known.
    keys.focus("^LessonGuard$")
    keys.key("alt+s")
    wait_log(app, "start lesson: ready screen for lesson 2")
    keys.focus("Ready for Amy Lee's lesson")
    wait_log(app, "start lesson: checks passed", timeout=90)
    shot(xvfb, tmp_path, "start-lesson.png")
    keys.key("Return")  # Start does nothing while something blocks
    time.sleep(1)
    assert "lesson 2 started" not in app.log()
    keys.key("alt+r")  # the code of conduct, read and agreed
    # What the teacher vouches for, each a required tick (Alt+1…3): the pupil feels
    # comfortable, the iLearn induction, safeguarding training in date.
    keys.key("alt+1", "alt+2")
    keys.key("Return")  # one tick still missing: Start still does nothing
    time.sleep(1)
    assert "lesson 2 started" not in app.log()
    keys.key("alt+3")
    keys.key("alt+h", "alt+l")  # the adult is here, in a living area
    shot(xvfb, tmp_path, "start-lesson-supervision.png")
    keys.key("Return")
    wait_log(app, "lesson 2 started")
    wait_log(app, "lesson prompt: adult_stays")
    keys.focus("Lesson with Amy Lee")
    shot(xvfb, tmp_path, "companion.png")
    keys.key("alt+e")
    keys.focus("End the lesson with Amy Lee")
    keys.type("Jo Lee")
    keys.key("alt+h", "Return")
    wait_log(app, "lesson 2 ended: ended normally")
    shot(xvfb, tmp_path, "lesson-summary.png")
    summary = json.loads(cli(data, "lesson", "show", "2", "--json"))
    assert summary["lesson"]["state"] == "ended"
    confirmed = {(c["kind"], c["by_name"]) for c in summary["confirmations"]}
    assert confirmed >= {("conduct_acknowledged", "Sam Taylor"), ("adult_present", "Jo Lee"),
                         ("room_living_area", "Jo Lee"), ("adult_present_at_end", "Jo Lee"),
                         ("vouched_pupil_comfortable_at_start", "Sam Taylor"),
                         ("vouched_training", "Sam Taylor"),
                         ("vouched_training_current", "Sam Taylor")}
    assert ("vouched_nothing_inappropriate_visible", "Sam Taylor") not in confirmed, \
        "HMS only recommends it: offered, not ticked here, not kept"
    assert summary["checks"]["ready"] is True
    assert summary["recordings"] == [] and "not allowed" in summary["no_recording_reason"]
    assert app.close() == 0


def start_by_keys(keys: Keys, app: App, pupil: str, after: int = 0) -> None:
    keys.focus("^LessonGuard$")
    keys.key("alt+s")
    keys.focus(f"Ready for {pupil}'s lesson")
    wait_log(app, "start lesson: checks passed", timeout=90, after=after)


def end_by_keys(keys: Keys, app: App, pupil: str, lesson_id: int, *typed: str) -> None:
    """End lesson… from the companion window: `typed` are the keys and words for the
    confirmations the pack asks for."""
    keys.focus(f"Lesson with {pupil}")
    keys.key("alt+e")
    keys.focus(f"End the lesson with {pupil}")
    for item in typed:
        if item.startswith("alt+") or item == "Return":
            keys.key(item)
        else:
            keys.type(item)
    keys.key("Return")
    wait_log(app, f"lesson {lesson_id} ended: ended normally")


def test_a_parent_runs_a_freemusictutors_lesson_with_its_code_of_conduct(
        launch, xvfb: Xvfb, pulse: PulseServer, talking: None, tmp_path: Path) -> None:
    """A parent sets LessonGuard up for their 9-year-old under FreeMusicTutors, which shows
    its code of conduct before each session and records every session (consents on file)."""
    keys = Keys(xvfb)
    app = launch("--camera", "synthetic", "--mic", "pulse", "--policy", "freemusictutors",
                 role=None)
    first_run(keys, app, xvfb, tmp_path, role_key="alt+p", name="Jo Lee", pupil="Amy Lee",
              band="8", adult="", pack_id="freemusictutors")
    data = app.data_dir
    pupil, adult = person(data, "pupil"), person(data, "responsible_adult")
    assert (pupil["age_band"], adult["name"]) == ("8-10", "Jo Lee"), "the parent is the adult"
    # FreeMusicTutors records every session with the consent of the parent, the pupil and
    # the tutor: each gives it (here from the CLI; the dialog is driven in the TutorNinjas test).
    cli(data, "people", "add", "--role", "tutor", "--name", "Sam Taylor")
    tutor = person(data, "tutor")
    for giver, name in ((adult, "Jo Lee"), (pupil, "Amy Lee"), (tutor, "Sam Taylor")):
        cli(data, "consent", "grant", "--pupil", str(pupil["id"]), "--by", str(giver["id"]),
            "--typed-name", name)
    book_by_keys(keys, app, tutor="Sam Taylor", family_page=True)
    start_by_keys(keys, app, "Amy Lee")
    shot(xvfb, tmp_path, "start-lesson-conduct.png")
    # The parent's name is filled in: "I have read it", "I am here"; consent is on file, so
    # the lesson is recorded; then Start.
    keys.key("alt+r", "alt+h", "alt+l", "Return")
    wait_log(app, "lesson 1 started")
    time.sleep(4)  # a few seconds recorded
    end_by_keys(keys, app, "Amy Lee", 1, "alt+h")
    summary = json.loads(cli(data, "lesson", "show", "1", "--json"))
    confirmed = {(c["kind"], c["by_name"]) for c in summary["confirmations"]}
    assert confirmed >= {("conduct_acknowledged", "Jo Lee"), ("adult_present", "Jo Lee"),
                         ("room_living_area", "Jo Lee"), ("adult_present_at_end", "Jo Lee")}
    assert [r["state"] for r in summary["recordings"]] == ["complete"]
    report = json.loads(cli(data, "recordings", "verify", summary["recordings"][0]["id"],
                            "--json"))
    assert report["ok"], report
    assert app.close() == 0


def test_school_staff_run_a_wsm_lesson_once_a_webcam_is_plugged_in(
        launch, xvfb: Xvfb, pulse: PulseServer, talking: None, tmp_path: Path) -> None:
    """WSM needs a computer with a webcam. This machine has none: the check blocks the start
    with its fix. Then a webcam is "plugged in": a video0 entry appears where LessonGuard
    lists video devices (LESSONGUARD_VIDEO_DIR). That entry is the one fake here, as no
    physical webcam can exist on this machine; the picture stays the demo camera."""
    keys = Keys(xvfb)
    devices = tmp_path / "dev"
    devices.mkdir()
    app = launch("--camera", "synthetic", "--mic", "pulse", "--policy", "wsm", role=None,
                 extra_env={"LESSONGUARD_VIDEO_DIR": str(devices)})
    first_run(keys, app, xvfb, tmp_path, role_key="alt+s", name="Pat Green", pupil="Amy Lee",
              band="13", adult="Jo Lee", pack_id="wsm")
    assert "first run done: school_staff under wsm" in app.log()
    book_by_keys(keys, app, tutor="Sam Taylor", family_page=True)
    keys.focus("^LessonGuard$")
    keys.key("alt+s")
    keys.focus("Ready for Amy Lee's lesson")
    wait_log(app, "start lesson: checks blocked", timeout=90)
    shot(xvfb, tmp_path, "start-lesson-blocked.png")
    keys.key("alt+r", "Return")  # the code of conduct; Start does nothing while a check fails
    time.sleep(1)
    assert "lesson 1 started" not in app.log()
    (devices / "video0").touch()  # the webcam is plugged in
    size = len(app.log())
    keys.key("alt+a")  # Check again
    wait_log(app, "start lesson: checks passed", timeout=90, after=size)
    # WSM never records (only the reason is shown); at 13 WSM asks an adult within earshot
    # "where possible" (not required), and school staff in a classroom are not asked for a
    # living area: nothing more to confirm.
    keys.key("Return")
    wait_log(app, "lesson 1 started")
    assert "start lesson: supervision skipped" in app.log()
    end_by_keys(keys, app, "Amy Lee", 1, "alt+c")  # the staff name is filled in
    summary = json.loads(cli(app.data_dir, "lesson", "show", "1", "--json"))
    confirmed = {(c["kind"], c["by_name"]) for c in summary["confirmations"]}
    assert ("pupil_returned_to_class", "Pat Green") in confirmed
    assert ("conduct_acknowledged", "Pat Green") in confirmed  # staff reminded the code
    assert not {"adult_present", "adult_present_at_end", "room_living_area"} & {
        kind for kind, _ in confirmed}, "WSM at 13 leaves the adult optional"
    assert summary["recordings"] == [] and summary["no_recording_reason"]
    assert summary["checks"]["ready"] is True
    assert app.close() == 0


def test_a_vto_lesson_is_recorded_or_not_as_the_lcc_decided_before_the_first_session(
        launch, xvfb: Xvfb, pulse: PulseServer, talking: None, tmp_path: Path) -> None:
    """VTO: "An LCC will make it clear whether lessons will be recorded before the first
    session": the LCC's name and decision (not recorded) are typed on the Ready screen and
    kept in the LCC's name; the tutor ticks the induction training and that nothing
    inappropriate is in view; the tutor's code (the VTO policy, before the first lesson); the
    adult confirms the start and the end."""
    keys = Keys(xvfb)
    app = launch("--camera", "synthetic", "--mic", "pulse", "--policy", "vto", role=None)
    first_run(keys, app, xvfb, tmp_path, role_key="", name="Sam Taylor", pupil="Ben Ray",
              band="8", adult="Kim Ray", pack_id="vto")
    book_by_keys(keys, app)
    start_by_keys(keys, app, "Ben Ray")
    # The LCC's decision first: their name, then "No, lessons will not be recorded".
    keys.key("alt+d")
    keys.type("Morag Ross")
    keys.key("alt+t")
    # The tutor's name and the adult's (set up for Ben) are filled in: the two ticks,
    # "I have read it", the adult is here.
    keys.key("alt+1", "alt+2", "alt+r", "alt+h", "alt+l", "Return")
    wait_log(app, "lesson 1 started")
    end_by_keys(keys, app, "Ben Ray", 1, "Kim Ray", "alt+h")
    summary = json.loads(cli(app.data_dir, "lesson", "show", "1", "--json"))
    assert summary["recordings"] == []
    assert "Morag Ross" in summary["no_recording_reason"]
    confirmed = {(c["kind"], c["by_name"]) for c in summary["confirmations"]}
    assert confirmed >= {("adult_present", "Kim Ray"), ("adult_present_at_end", "Kim Ray"),
                         ("recording_decided_no", "Morag Ross"),
                         ("vouched_nothing_inappropriate_visible", "Sam Taylor"),
                         ("vouched_training", "Sam Taylor")}
    assert ("conduct_acknowledged", "Sam Taylor") in confirmed
    assert app.close() == 0

def test_tutorninjas_will_not_start_until_consent_is_given(
        launch, xvfb: Xvfb, pulse: PulseServer, talking: None, tmp_path: Path) -> None:
    """TutorNinjas records every lesson: Start lesson stops at the recording step until the
    parent gives consent in the consent dialog (the pack's words, a typed name); then the
    lesson is recorded and the record keeps the recording."""
    keys = Keys(xvfb)
    app = launch("--camera", "synthetic", "--mic", "pulse", "--policy", "tutorninjas",
                 role=None)
    first_run(keys, app, xvfb, tmp_path, role_key="", name="Sam Taylor", pupil="Amy Lee",
              band="13", adult="Jo Lee", pack_id="tutorninjas")
    book_by_keys(keys, app)
    start_by_keys(keys, app, "Amy Lee")
    # 3.4: read before the first lesson; 7.1 nothing inappropriate in view (Alt+1); the adult
    # is here, in a living area; no consent yet
    keys.key("alt+r", "alt+1", "alt+h", "alt+l", "Return")
    time.sleep(1)
    assert "lesson 1 started" not in app.log(), "TutorNinjas went on without recording consent"
    shot(xvfb, tmp_path, "start-lesson-consent-needed.png")
    keys.key("alt+c")  # Give consent…
    keys.focus("Consent to record Amy Lee")
    keys.type("Jo Lee")  # the parent, chosen first in the list, types their name
    keys.key("Return")
    keys.focus("Ready for Amy Lee's lesson")
    keys.key("Return")
    wait_log(app, "lesson 1 started")
    time.sleep(4)  # a few seconds recorded
    end_by_keys(keys, app, "Amy Lee", 1)  # TutorNinjas 9.1: no adult needed at the end
    data = app.data_dir
    consents = json.loads(cli(data, "consent", "list", "--json"))
    assert [(c["given_by_name"], c["role"], c["method"]) for c in consents] == [
        ("Jo Lee", "responsible_adult", "typed_name")]
    summary = json.loads(cli(data, "lesson", "show", "1", "--json"))
    assert [r["state"] for r in summary["recordings"]] == ["complete"]
    confirmed = {(c["kind"], c["by_name"]) for c in summary["confirmations"]}
    assert confirmed >= {("recording_notice", "Sam Taylor"), ("adult_present", "Jo Lee")}
    assert app.close() == 0

def test_a_lesson_killed_mid_way_is_resumed_with_nothing_lost(
        launch, xvfb: Xvfb, pulse: PulseServer, talking: None, tmp_path: Path) -> None:
    """TutorNinjas records every lesson: consent given from the CLI, the lesson started by
    keyboard, LessonGuard killed (SIGKILL) while recording, started again: it offers to
    resume; the recording up to the kill verifies, and a new one carries on."""
    keys = Keys(xvfb)
    data = tmp_path / "data"
    env_setup = ["--camera", "synthetic", "--mic", "pulse", "--policy", "tutorninjas"]
    cli(data, "setup", "--role", "tutor", "--name", "Sam Taylor", "--policy", "tutorninjas")
    cli(data, "people", "add", "--role", "pupil", "--name", "Amy Lee", "--age-band", "13-15")
    cli(data, "people", "add", "--role", "responsible_adult", "--name", "Jo Lee", "--pupil", "1")
    cli(data, "people", "add", "--role", "sponsor", "--name", "Jo Lee", "--pupil", "1",
        "--adult")
    cli(data, "consent", "grant", "--pupil", "1", "--by", "2", "--typed-name", "Jo Lee")
    soon = time.localtime(time.time() + 120)
    cli(data, "lesson", "book", "--pupil", "1", "--date", time.strftime("%Y-%m-%d", soon),
        "--time", time.strftime("%H:%M", soon), "--minutes", "30")
    app = launch(*env_setup, role=None, data_dir=data)
    wait_log(app, "window shown")
    keys.focus("^LessonGuard$")
    keys.key("alt+s")
    keys.focus("Ready for Amy Lee's lesson")
    wait_log(app, "start lesson: checks passed", timeout=90)
    # the code of conduct; nothing inappropriate in view (7.1); the adult; consent is on file
    keys.key("alt+r", "alt+1", "alt+h", "alt+l")
    keys.key("Return")
    wait_log(app, "lesson 1 started")
    time.sleep(6)  # a few seconds of recording
    app.process.send_signal(signal.SIGKILL)
    app.process.wait(10)
    before = json.loads(cli(data, "lesson", "show", "1", "--json"))
    assert before["lesson"]["state"] == "in_progress"
    first_recording = before["recordings"][0]["id"]

    size = len(app.log())
    again = launch(*env_setup, role=None, data_dir=data)
    wait_log(again, "offered to resume lesson 1", after=size)
    keys.focus("A lesson was interrupted")
    shot(xvfb, tmp_path, "resume-lesson.png")
    keys.key("Return")  # Resume is the default
    wait_log(again, "lesson 1 resumed", after=size)
    wait_log(again, "lesson 1 started", after=size)
    time.sleep(3)
    summary = json.loads(cli(data, "lesson", "show", "1", "--json"))
    assert summary["lesson"]["state"] == "in_progress"
    states = {r["id"]: r["state"] for r in summary["recordings"]}
    assert states[first_recording] == "interrupted", states
    assert "recording" in states.values(), "no new recording carried the lesson on"
    assert any(c["kind"] == "lesson_resumed" for c in summary["confirmations"])
    report = json.loads(cli(data, "recordings", "verify", first_recording, "--json"))
    assert report["ok"], report
    # Everything from before the kill is still there: the checks and the confirmations.
    assert summary["checks"]["ready"] is True
    assert {c["kind"] for c in summary["confirmations"]} >= {"adult_present",
                                                              "recording_notice"}
    assert again.close() == 0
