"""The panic button during a live lesson: the very next picture is the privacy card, the
PulseAudio source is muted, the recording goes on and is held, and the audit log has it."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.audit import AuditLog
from app.consent import Consents
from app.people import People
from app.policy.loader import load_pack
from app.recordings import Recordings
from app.store import Store
from capture.compositor import draw_badge, shutter_card
from capture.os_mute import OsMicMute
from capture.os_sources import PulseSources
from tests.helpers.pulse import PulseServer, Subscription
from tests.helpers.sinks import RecordingSink
from tests.ui.test_recording_window import start_recording, wait_until_capturing
from ui.incident_wizard import IncidentWizard
from ui.launch import build_window


def close_wizards() -> None:
    """The report opens by itself after a press; these tests are about the press."""
    for w in QApplication.topLevelWidgets():
        if isinstance(w, IncidentWizard):
            w.close()


def source_muted(pulse: PulseServer) -> bool:
    done = pulse.pactl("get-source-mute", "@DEFAULT_SOURCE@")
    assert done.returncode == 0, done.stderr
    return "yes" in done.stdout.lower()


@pytest.fixture
def unmuted(pulse: PulseServer) -> Iterator[PulseServer]:
    """The session's sound server, with its microphone unmuted again afterwards."""
    pulse.pactl("set-source-mute", "@DEFAULT_SOURCE@", "0", check=True)
    yield pulse
    pulse.pactl("set-source-mute", "@DEFAULT_SOURCE@", "0", check=True)


def test_panic_cuts_picture_and_sound_at_once_and_keeps_the_evidence(
        qtbot: QtBot, store: Store, unmuted: PulseServer) -> None:
    people = People(store)
    pupil = people.add("pupil", "Amy Lee", date_of_birth="2015-04-01")
    adult = people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
    Consents(store).grant(load_pack("tutorninjas"), pupil.id, adult.id, "Jo Lee")
    window = build_window(store, "synthetic", "default", policy="tutorninjas")
    qtbot.addWidget(window)
    window.show()
    window.show_page("camera")  # Lessons is the first page
    controller = window.controller
    qtbot.waitUntil(lambda: window.recording_bar.record.isEnabled(), timeout=5000)
    wait_until_capturing(qtbot, window)
    start_recording(window)
    assert window.recording.recording
    sink = RecordingSink()
    assert controller.effects is not None
    controller.effects.sinks.append(sink)
    qtbot.waitUntil(lambda: sink.count() > 5, timeout=5000)
    assert not source_muted(unmuted)
    recording = window.recording.session
    assert recording is not None and recording.info is not None
    path = Path(recording.info.path)

    h, w = sink.frames[-1][1].shape[:2]
    card = draw_badge(shutter_card(w, h).copy(), "● REC")
    window.panic.bar.button.click()
    # The press publishes the card itself, before the click returns: it is the last picture
    # out, and every picture after it is the card too (nothing composited earlier leaks).
    pressed = sink.count()
    assert np.array_equal(sink.frames[pressed - 1][1], card), "the card did not go out at once"
    qtbot.waitUntil(lambda: sink.count() > pressed + 10, timeout=3000)
    assert all(np.array_equal(f, card) for _, f in sink.frames[pressed:pressed + 10])
    window.panic.controller.action.wait_muted()
    assert source_muted(unmuted)  # what the lesson platform hears: nothing
    qtbot.waitUntil(lambda: window.panic.wizard is not None, timeout=3000)  # once muted
    wizard = window.panic.wizard
    assert wizard is not None and wizard.isVisible()
    assert window.panic.bar.panel.isVisible()
    assert "kept on hold as evidence" in window.panic.bar.detail.text()
    pause = window.effects_bar.shutter  # shows the card is up; undone only with the mic
    assert pause.isChecked() and not pause.isEnabled()

    recs = Recordings(store, store.path.parent)
    holds = recs.active_holds(recording.info.id)
    assert holds and holds[0].mark_s is not None and holds[0].mark_s > 0
    size = path.stat().st_size
    qtbot.wait(2600)  # more than one fragment
    assert window.recording.recording and path.stat().st_size > size  # still recording
    actions = [e.action for e in AuditLog(store).entries()]
    assert "panic.pressed" in actions and "recording.held" in actions
    assert "incident.opened" in actions

    wizard.close()
    window.panic.bar.resume.click()
    qtbot.waitUntil(lambda: not source_muted(unmuted), timeout=3000)
    after_resume = sink.count()
    qtbot.waitUntil(lambda: sink.count() > after_resume + 3, timeout=3000)
    assert not np.array_equal(sink.frames[-1][1], card)
    assert not window.effects_bar.shutter.isChecked() and window.effects_bar.shutter.isEnabled()
    assert "panic.undone" in [e.action for e in AuditLog(store).entries()]
    assert recs.active_holds(recording.info.id), "resuming must not release the evidence"
    window.close()


def test_keyboard_shortcut_and_tray_reach_the_same_action(qtbot: QtBot, store: Store,
                                                          unmuted: PulseServer) -> None:
    from PySide6.QtCore import Qt

    window = build_window(store, "synthetic", "default", policy="hms")
    qtbot.addWidget(window)
    window.show()
    window.show_page("camera")  # Lessons is the first page
    qtbot.waitUntil(lambda: window.controller.effects is not None
                    and window.controller.effects.output.latest() is not None, timeout=10000)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_X,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.panic.controller.active, timeout=2000)
    assert window.controller.pipeline.shutter
    window.panic.controller.action.wait_muted()
    assert source_muted(unmuted)
    entries = AuditLog(store).entries("panic.pressed")
    assert entries[-1].actor == "keyboard shortcut"
    assert window.panic.bar.detail.text().startswith("Nothing was being recorded")
    close_wizards()
    window.panic.bar.resume.click()
    qtbot.waitUntil(lambda: not source_muted(unmuted), timeout=3000)
    assert not window.controller.pipeline.shutter
    window.close()


def test_a_microphone_that_cannot_be_muted_is_said_plainly(qtbot: QtBot, store: Store,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """No sound server at all: the press still closes the shutter and says what to do."""
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent/socket")
    window = build_window(store, "synthetic", "no-such-mic", policy="hms")
    qtbot.addWidget(window)
    window.show()
    window.show_page("camera")  # Lessons is the first page
    window.panic.bar.button.click()
    assert window.controller.pipeline.shutter
    result = window.panic.controller.action.wait_muted()
    assert result is not None and not result.ok
    qtbot.waitUntil(lambda: "mute button in the lesson platform" in
                    window.panic.bar.detail.text(), timeout=3000)
    close_wizards()
    window.close()


def test_leaving_the_lesson_platform_closes_it_politely(qtbot: QtBot, store: Store,
                                                       unmuted: PulseServer) -> None:
    """A real process named like Zoom's client is asked to close (SIGTERM, never forced)."""
    from tests.helpers.procs import fake_program

    window = build_window(store, "synthetic", "default", policy="hms")
    qtbot.addWidget(window)
    window.show()
    window.show_page("camera")  # Lessons is the first page
    with fake_program("zoom") as zoom, fake_program("teams", stubborn=True) as teams:
        window.panic.bar.button.click()
        with qtbot.waitSignal(window.panic.controller.left_platform, timeout=15000) as said:
            window.panic.bar.leave.click()
        assert zoom.wait(5) is not None  # it closed
        assert teams.poll() is None  # it would not close politely, and is not forced
        text = said.args[0]
        assert "Zoom" in text and "Microsoft Teams is still running" in text
        assert text in window.panic.bar.detail.text()
    close_wizards()
    entry = AuditLog(store).entries("panic.left_platform")[-1]
    assert entry.details["closed"] == ["Zoom"]
    window.panic.bar.resume.click()
    window.close()


@pytest.fixture
def three_sources(pulse: PulseServer) -> Iterator[dict[str, str]]:
    """The sound server as a music tutor's: the default microphone, a second one standing in
    for a USB audio interface (the one chosen in Zoom), and a third already muted."""
    default = pulse.pactl("get-default-source").stdout.strip()
    pulse.pactl("set-source-mute", default, "0", check=True)
    usb = pulse.add_source("lg_usb_interface", "USB Audio Interface")
    off = pulse.add_source("lg_muted_mic", "Built-in Microphone", muted=True)
    yield {"default": default, "usb": "lg_usb_interface", "muted": "lg_muted_mic"}
    pulse.remove_source(usb)
    pulse.remove_source(off)
    pulse.pactl("set-source-mute", default, "0", check=True)


def test_panic_mutes_every_source_and_resume_puts_each_back(
        qtbot: QtBot, store: Store, pulse: PulseServer, three_sources: dict[str, str]
        ) -> None:
    """Every live source reads muted within 100 ms of the press, by the sound server's own
    events (pactl subscribe); the banner says so only then; Resume puts each back as it was:
    the one muted before stays muted."""
    from app.profile import save_profile

    save_profile(store, "tutor", "Sam Taylor", "hms")
    window = build_window(store, "synthetic", "default", policy="hms")
    qtbot.addWidget(window)
    window.show()
    window.show_page("camera")
    wait_until_capturing(qtbot, window)  # mid-lesson: picture and sound flowing
    before = pulse.muted()
    assert before[three_sources["usb"]] is False and before[three_sources["muted"]] is True
    live = [name for name, muted in before.items() if not muted]
    assert three_sources["default"] in live and three_sources["usb"] in live
    indexes = {name: pulse.index(name) for name in live}
    muter = window.panic.controller.action.muter
    assert isinstance(muter, OsMicMute) and isinstance(muter.backend, PulseSources), \
        "libpulse loads here: pactl is only the fallback"
    with Subscription(pulse) as events:
        # From before the click to the sound server's own 'change' event for each live
        # source, stamped as the line arrives (late, if anything: the bound is not eased).
        pressed = time.monotonic()
        window.panic.bar.button.click()
        result = window.panic.controller.action.wait_muted()
        assert result is not None and result.ok, result
        for index in indexes.values():  # the server's own time for each change
            qtbot.waitUntil(lambda i=index: bool(events.changes(i, pressed)), timeout=3000)
        took = {name: (events.changes(i, pressed)[0] - pressed) * 1000
                for name, i in indexes.items()}
        read_back = (result.verified_at - pressed) * 1000
    assert all(pulse.muted().values()), pulse.muted()
    assert max(took.values()) < 100, f"muted after {took} ms (read back at {read_back:.0f} ms)"
    assert read_back < 100, f"read back as muted only after {read_back:.0f} ms"
    qtbot.waitUntil(lambda: "hears nothing" in window.panic.bar.headline.text(), timeout=3000)
    qtbot.waitUntil(lambda: "Every microphone is muted" in window.panic.bar.detail.text(),
                    timeout=3000)
    close_wizards()
    late = pulse.add_source("lg_plugged_late", "USB Headset")  # plugged in mid-panic
    try:
        qtbot.waitUntil(lambda: pulse.muted()["lg_plugged_late"], timeout=5000)
        qtbot.waitUntil(lambda: "muted too: USB Headset" in window.panic.bar.detail.text(),
                        timeout=3000)
        window.panic.bar.resume.click()
        assert pulse.muted()["lg_plugged_late"] is False
    finally:
        pulse.remove_source(late)
    assert pulse.muted() == before, "Resume must put each source back as it was"
    assert "still muted as before: Built-in Microphone" in window.rec_notice.text()
    entry = AuditLog(store).entries("panic.undone")[-1]
    assert entry.details["restored"] and entry.details["not_back"] == []
    assert entry.details["report_made"] is False
    page = window.panic.page  # the incident stays, saying what it is
    page.refresh()
    what = page.table.item(0, 1)
    assert what is not None and what.text().startswith("panic pressed at ")
    assert what.text().endswith("no report made")
    who = page.table.item(0, 2)
    assert who is not None and who.text() == "no report made"
    # Pressed again: the blue "on again" notice does not stay under the red banner.
    assert window.rec_notice.isVisible()
    window.panic.bar.button.click()
    assert not window.rec_notice.isVisible() and window.panic.bar.panel.isVisible()
    window.panic.controller.action.wait_muted()
    close_wizards()
    window.panic.bar.resume.click()
    assert pulse.muted() == before
    window.close()


def test_a_source_that_cannot_be_muted_is_named_on_the_banner(
        qtbot: QtBot, store: Store, pulse: PulseServer, three_sources: dict[str, str]) -> None:
    """The USB interface will not take the mute (the sound server refuses it, as a device
    without a mute switch does): the banner names it and never says "hears nothing"."""
    class Refusing(PulseSources):  # the real server, one source's mute refused
        def set_mute(self, names: Sequence[str], mute: bool) -> dict[str, str]:
            refused = {n: "the device refused" for n in names if n == three_sources["usb"]}
            return {**super().set_mute([n for n in names if n not in refused], mute),
                    **refused}

    window = build_window(store, "synthetic", "default", policy="hms")
    qtbot.addWidget(window)
    window.show()
    window.panic.controller.action.muter = OsMicMute(Refusing())
    window.panic.bar.button.click()
    result = window.panic.controller.action.wait_muted()
    assert result is not None and not result.ok
    assert list(result.not_muted) == ["USB Audio Interface"]
    qtbot.waitUntil(lambda: "USB Audio Interface could not be muted" in
                    window.panic.bar.headline.text(), timeout=3000)
    assert "hears nothing" not in window.panic.bar.headline.text()
    assert pulse.muted()[three_sources["default"]] is True
    close_wizards()
    window.panic.bar.resume.click()
    assert pulse.muted()[three_sources["default"]] is False
    window.close()


def test_a_platform_reading_the_webcam_directly_is_named_and_leaving_comes_first(
        qtbot: QtBot, store: Store, tmp_path: Path, unmuted: PulseServer) -> None:
    """A real process named like Zoom's client holds the camera open. No v4l2 node can exist
    here (no camera, no v4l2loopback module), so a plain file stands in for /dev/video0: the
    probe reads the real /proc file descriptors all the same."""
    from checks.camera_holder import CameraHolderProbe
    from tests.helpers.holders import holding

    device = tmp_path / "video0"
    device.write_bytes(b"")
    window = build_window(store, "synthetic", "default", policy="hms")
    qtbot.addWidget(window)
    window.show()
    window.panic.controller.action.camera_probe = CameraHolderProbe(
        devices=lambda: [str(device)], virtual=lambda _paths: set())
    with holding("zoom", device):
        window.panic.bar.button.click()
        use = window.panic.controller.action.wait_camera()
    assert use is not None and list(use.direct) == ["Zoom"]
    bar = window.panic.bar
    qtbot.waitUntil(lambda: "Zoom reads your webcam directly" in bar.headline.text(),
                    timeout=3000)
    assert bar.buttons.indexOf(bar.leave) == 0, "Leave the lesson platform comes first"
    close_wizards()
    bar.resume.click()
    assert bar.buttons.indexOf(bar.leave) == 1 or not bar.panel.isVisible()
    window.close()


def test_the_companion_resumes_and_end_lesson_asks_before_leaving_anything_muted(
        qtbot: QtBot, store: Store, pulse: PulseServer, three_sources: dict[str, str]) -> None:
    """During a lesson: the companion's panic button, then its Resume; a second press, then
    End lesson while the panic is on: it asks first, and puts each source back."""
    from PySide6.QtCore import QTimer

    from app.lesson_start import StartAnswers
    from tests.ui.conftest import hms_lesson_window
    from tests.unit.test_lesson_start import HMS_VOUCHED as HMS_TUTOR_VOUCHES  # HMS's ticks

    window, lesson, _pack = hms_lesson_window(qtbot, store)
    wiring = window.lessons  # type: ignore[attr-defined]
    wiring.controller.begin(lesson, StartAnswers(conduct_name="Sam Taylor",
                                                 adult_name="Jo Lee", adult_present=True,
                                                 room_living_area=True,
                                                 vouched=HMS_TUTOR_VOUCHES))
    qtbot.waitUntil(lambda: wiring.companion is not None, timeout=5000)
    companion = wiring.companion
    before = pulse.muted()
    assert not companion.resume.isVisible() and companion.panic.isVisible()
    companion.panic.click()
    assert window.panic.controller.action.wait_muted() is not None
    qtbot.waitUntil(lambda: companion.resume.isVisible(), timeout=3000)
    assert not companion.panic.isVisible()
    qtbot.waitUntil(lambda: "hears nothing" in companion.panic_state.text(), timeout=3000)
    assert all(pulse.muted().values())
    close_wizards()
    companion.resume.click()
    assert pulse.muted() == before and not window.panic.controller.active
    assert companion.panic.isVisible() and not companion.resume.isVisible()

    companion.panic.click()
    assert window.panic.controller.action.wait_muted() is not None
    close_wizards()
    asked: list[str] = []

    def answer() -> None:
        box = window.panic.end_question
        assert box is not None
        asked.append(box.text())
        next(b for b in box.buttons() if "Put them back" in b.text()).click()

    QTimer.singleShot(0, answer)
    companion.end.click()
    assert asked and "panic is still on" in asked[0]
    assert pulse.muted() == before, "End lesson must put each source back first"
    assert not window.panic.controller.active
    assert wiring.end_dialog.isVisible()  # then the lesson's own end
    wiring.end_dialog.reject()
    wiring.controller.shutdown()
    window.close()
