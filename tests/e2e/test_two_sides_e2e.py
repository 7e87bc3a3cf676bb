"""One HMS lesson from both sides: the tutor's LessonGuard and the parent's, two real app
processes with their own data folders on one X server (Xvfb), linked through a real Mosquitto
on loopback, driven by the keyboard only (xdotool).

The tutor creates the code in Settings and copies it; the parent pastes it ("Link with the
tutor…" on their lesson page). The tutor books; the lesson shows on the parent's page. The
parent says "I'm here" and that the room is a living area; the tutor's Ready screen shows both
as from the parent's computer, and the lesson starts without the tutor ticking them. The
tutor ends the lesson; the parent's page shows the record the tutor's LessonGuard shared.
HMS does not record lessons, so the parent's page offers no consent (it says why, in HMS's
words); consent from the family's computer is tests/ui/test_family_view.py's and the linking
integration test's.

Real parts: the broker, the pairing, the sealed messages, the apps, the X clipboard between
them, the demo camera through OpenCV, a PulseAudio null sink fed with speech as the
microphone, the `lessonguard speed-server` for the bandwidth check.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import App, lessonguard
from tests.e2e.test_lesson_e2e import Keys, shot, wait_log
from tests.helpers.mosquitto import Mosquitto, mosquitto
from tests.helpers.pulse import PulseServer
from tests.helpers.xvfb import Xvfb

pytestmark = pytest.mark.e2e


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Mosquitto]:
    with mosquitto(tmp_path / "broker") as running:
        yield running


def cli(data: Path, *args: str) -> str:
    return subprocess.run([lessonguard(), "--data-dir", str(data), *args], check=True,
                          capture_output=True, text=True, timeout=60).stdout


def set_up(data: Path, role: str, name: str, broker: Mosquitto) -> None:
    data.mkdir()
    cli(data, "setup", "--role", role, "--name", name, "--policy", "hms")
    cli(data, "link", "broker", broker.url)


class Window:
    """One app's windows: xdotool finds them by the app's process, as both apps name their
    main window "LessonGuard"."""

    def __init__(self, keys: Keys, app: App) -> None:
        self.keys, self.app = keys, app

    def focus(self, title: str) -> None:
        found = self.keys.run("search", "--sync", "--all", "--onlyvisible", "--pid",
                              str(self.app.process.pid), "--name", title).split()
        self.keys.run("windowraise", found[-1])  # no window manager: raised by hand
        self.keys.run("windowfocus", "--sync", found[-1])
        time.sleep(0.3)  # the window takes the keyboard

    def wait(self, text: str, timeout: float = 30, after: int = 0) -> None:
        wait_log(self.app, text, timeout=timeout, after=after)

    def mark(self) -> int:
        return len(self.app.log())

    def press_until(self, title: str, key: str, text: str, tries: int = 3,
                    each: float = 15) -> None:
        """Press `key` in the window `title` until the log says `text`: under the load of
        two apps starting their cameras on two cores, a key pressed while a dialog is still
        settling can be lost (pressing again is harmless: the button is then disabled)."""
        after = self.mark()
        for attempt in range(tries):
            self.focus(title)
            self.keys.key(key)
            try:
                self.wait(text, timeout=each, after=after)
                return
            except AssertionError:
                if attempt == tries - 1:
                    raise


def book(tutor: Window, keys: Keys) -> None:
    """New lesson… with its defaults. The default first time can fall seconds short of HMS's
    24 hours when the clock is on a quarter hour (Lessons.earliest_start rounds up to the
    quarter, and the seconds pass before Return): the dialog then says so and is opened
    again for a fresh default."""
    for _attempt in range(3):
        mark = tutor.mark()
        tutor.focus("^LessonGuard$")
        keys.key("alt+n")
        tutor.focus("New lesson")
        keys.key("Return")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            log = tutor.app.log()[mark:]
            if "lesson booked" in log:
                return
            if "lesson not booked" in log:
                keys.key("Escape")
                break
            time.sleep(0.1)
    raise AssertionError("the lesson was never booked")


def test_an_hms_lesson_from_both_sides(launch: Callable[..., App], xvfb: Xvfb, pulse: PulseServer,
                                       talking: None, broker: Mosquitto,
                                       tmp_path: Path) -> None:
    keys = Keys(xvfb)
    tutor_data, family_data = tmp_path / "tutor", tmp_path / "family"
    set_up(tutor_data, "tutor", "Sam Taylor", broker)
    set_up(family_data, "responsible_adult", "Jo Lee", broker)
    pupil = json.loads(cli(tutor_data, "--json", "people", "add", "--role", "pupil", "--name",
                           "Amy Lee", "--age-band", "11-12"))["id"]
    cli(tutor_data, "people", "add", "--role", "responsible_adult", "--name", "Jo Lee",
        "--pupil", str(pupil))
    cli(tutor_data, "people", "add", "--role", "sponsor", "--name", "Jo Lee", "--pupil",
        str(pupil), "--adult")
    tutor = Window(keys, launch("--camera", "synthetic", "--mic", "pulse", "--page",
                                "settings", role=None, data_dir=tutor_data))
    family = Window(keys, launch("--camera", "synthetic", "--mic", "pulse", role=None,
                                 data_dir=family_data))
    tutor.wait("window shown")
    family.wait("window shown")

    # Linking: the tutor's code, copied; the parent pastes it on their lesson page.
    tutor.focus("^LessonGuard$")
    keys.key("alt+l")
    tutor.press_until("Link with a family or school", "alt+c", "linking: code shown")
    keys.key("alt+o")  # copy the code (to paste it in the lesson chat)
    shot(xvfb, tmp_path, "link-code.png")
    family.focus("^LessonGuard$")
    keys.key("alt+l")  # "Link with the tutor…" on the parent's lesson page
    family.focus("Link with the tutor")
    keys.key("ctrl+v")
    shot(xvfb, tmp_path, "link-join.png")
    keys.key("Return")
    family.wait("linked with Sam Taylor (tutor)")
    tutor.wait("linked with Jo Lee (responsible_adult)")
    links = json.loads(cli(tutor_data, "--json", "link", "list"))
    assert [(x["peer_name"], x["pupil_id"]) for x in links] == [("Jo Lee", pupil)]
    keys.key("Return")  # Close
    tutor.focus("Link with a family or school")
    keys.key("Return")  # Close
    tutor.wait("link event: link.connected")
    family.wait("link event: link.connected")

    # The tutor books twice (HMS: the first lesson 24 hours ahead; the next one soon, on the
    # first time New lesson offers); the parent's LessonGuard hears of both.
    at = family.mark()
    tutor.focus("^LessonGuard$")
    keys.key("ctrl+Tab")  # from Settings (the last page) round to Lessons
    for _booked in range(2):
        book(tutor, keys)
    family.wait("link event: lesson.announced", after=at)
    deadline = time.monotonic() + 30
    while family.app.log()[at:].count("link event: lesson.announced") < 2:
        assert time.monotonic() < deadline, "the second lesson never reached the parent"
        time.sleep(0.1)

    # The parent, on their lesson page: I'm here, and the room is a living area.
    family.focus("^LessonGuard$")
    keys.key("ctrl+Tab")  # from Settings round to their lesson page
    keys.key("alt+h")
    family.wait("family page: adult_present for lesson")
    keys.key("alt+v")
    family.wait("family page: room_living_area for lesson")
    shot(xvfb, tmp_path, "family-page.png")
    tutor.wait("link event: room")

    # The tutor's Ready screen: the adult and the room from the parent's computer.
    tutor.focus("^LessonGuard$")
    keys.key("alt+s")
    tutor.wait("ready screen: the family's computer says: adult here, room confirmed")
    tutor.focus("Ready for Amy Lee's lesson")
    tutor.wait("start lesson: checks passed", timeout=90)
    shot(xvfb, tmp_path, "ready-linked.png")
    keys.key("alt+r")  # the code of conduct
    keys.key("alt+1", "alt+2", "alt+3")  # what HMS asks the teacher to vouch for
    keys.key("Return")  # nothing else: the adult and the room are the parent's word
    tutor.wait("lesson 2 started")
    family.wait("link event: lesson.started")

    # The end, confirmed by the adult's name; the record goes back to the parent.
    tutor.focus("Lesson with Amy Lee")
    keys.key("alt+e")
    tutor.focus("End the lesson with Amy Lee")
    keys.type("Jo Lee")
    keys.key("alt+h", "Return")
    tutor.wait("lesson 2 ended: ended normally")
    family.wait("link event: lesson.record")
    family.wait("family page: the lesson's record shown (shared by the tutor)")
    family.focus("^LessonGuard$")
    shot(xvfb, tmp_path, "family-record.png")

    # The tutor's record says where each confirmation came from.
    summary = json.loads(cli(tutor_data, "lesson", "show", "2", "--json"))
    came = {(c["kind"], c["by_name"], c["from"], c.get("device"))
            for c in summary["confirmations"]}
    assert ("adult_present", "Jo Lee", "linked computer", "Jo Lee") in came
    assert ("room_living_area", "Jo Lee", "linked computer", "Jo Lee") in came
    assert not any(kind == "adult_present" and where == "this computer"
                   for kind, _by, where, _d in came), "the parent's word is not the tutor's"
    assert ("conduct_acknowledged", "Sam Taylor", "this computer", None) in came
    assert summary["lesson"]["state"] == "ended"
    assert tutor.app.close() == 0
    assert family.app.close() == 0
