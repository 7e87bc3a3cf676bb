"""The sound test dialog driven through pytest-qt, on a real PulseAudio server: "Say
something now" with a live meter, three seconds recorded and played back through the
speakers chosen, and the person's "I heard it" / "I didn't" deciding the speakers' verdict."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.store import Store
from capture.microphone import Microphone
from checks.base import CheckResult
from tests.helpers.pulse import PulseServer, speech, tone
from ui.sound_test import SoundTestDialog

EAR = "Desk Ear Microphone"  # a named source that hears what the chosen speakers play


def _rescan() -> None:
    """PortAudio lists devices only when initialised: scan again for the server now named."""
    import sounddevice as sd

    sd._terminate()
    sd._initialize()


@pytest.fixture(scope="module")
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    """This module's own PulseAudio server, not the session's: the sound test adds named
    microphones and speakers and plays through them, and must not depend on what earlier
    tests (a server killed mid-lesson, sources added and removed) left behind."""
    server = PulseServer(tmp_path_factory.mktemp("pulse-sound-test")).start()
    previous = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = server.server
    _rescan()
    yield server
    server.stop()
    if previous is None:
        os.environ.pop("PULSE_SERVER", None)
    else:
        os.environ["PULSE_SERVER"] = previous
    _rescan()


@pytest.fixture
def ear_sink(pulse: PulseServer) -> str:
    """Speakers a person can choose (shown by the system as this sink's name) whose sound a
    second microphone hears, so the test knows the playback went there."""
    return pulse.named_microphone("desk_ear", EAR)


@pytest.fixture
def dialog(qtbot: QtBot, pulse: PulseServer, ear_sink: str) -> Iterator[SoundTestDialog]:
    box = SoundTestDialog("default", "default")
    box.listen_s = 3.0  # a quicker "nothing heard" for the silent case
    qtbot.addWidget(box)
    box.show()
    qtbot.waitUntil(lambda: box.mic is not None, timeout=10_000)
    yield box
    box.reject()


def test_devices_are_offered_by_the_names_the_system_shows(dialog: SoundTestDialog,
                                                           ear_sink: str) -> None:
    mics = [dialog.mic_list.itemText(i) for i in range(dialog.mic_list.count())]
    speakers = [dialog.speaker_list.itemText(i) for i in range(dialog.speaker_list.count())]
    assert mics[0] == "Default microphone (Monitor of Null Output)"
    assert EAR in mics and "pulse" not in mics and "default" not in mics
    assert speakers[0] == "Default speakers (Null Output)" and ear_sink in speakers


def test_say_something_now_waits_for_a_voice_then_hears_it(
        qtbot: QtBot, dialog: SoundTestDialog, pulse: PulseServer, tmp_path: Path) -> None:
    assert "Say something now" in dialog.prompt.text()
    assert "Listening to Monitor of Null Output" in dialog.heard.text()
    player = pulse.play(speech(tmp_path / "v.wav", "Hello, this is my violin. Can you hear "
                               "me clearly now?"))
    try:
        qtbot.waitUntil(lambda: dialog.meter.level_db > -40, timeout=8_000)  # it moves live
        qtbot.waitUntil(lambda: "We hear you" in dialog.prompt.text(), timeout=8_000)
    finally:
        player.wait(10)
    assert "Monitor of Null Output picks up your voice" in dialog.heard.text()


def test_silence_is_waited_for_then_said_plainly(qtbot: QtBot,
                                                dialog: SoundTestDialog) -> None:
    qtbot.waitUntil(lambda: "didn't hear" in dialog.prompt.text(), timeout=8_000)
    assert "in 3 seconds" in dialog.heard.text() and "muted" in dialog.heard.text()
    assert dialog.listen_again.isVisibleTo(dialog)
    dialog.listen_again.click()
    assert "Say something now" in dialog.prompt.text()


def test_record_and_play_back_through_the_chosen_speakers_then_answer(
        qtbot: QtBot, dialog: SoundTestDialog, pulse: PulseServer, ear_sink: str,
        tmp_path: Path) -> None:
    verdicts: list[CheckResult] = []
    dialog.verdict.connect(verdicts.append)
    assert not dialog.yes.isEnabled() and not dialog.no.isEnabled()  # nothing played yet
    chosen: list[str] = []
    dialog.speaker_chosen.connect(chosen.append)
    index = dialog.speaker_list.findText(ear_sink)
    dialog.speaker_list.setCurrentIndex(index)
    dialog.speaker_list.activated.emit(index)  # as a person picking it
    assert chosen == [ear_sink]  # the sink's own name, kept in the settings for next time
    ear = Microphone(EAR)
    ear.start()
    try:
        assert ear.wait_until_listening()
        note = pulse.play(tone(tmp_path / "n.wav", 3.5, 523, -6.0))  # into the default mic
        dialog.record_button.click()
        assert "Recording 3 seconds" in dialog.playing.text()
        qtbot.waitUntil(lambda: "Playing your recording back" in dialog.playing.text(),
                        timeout=10_000)
        note.wait(10)
        ear.levels.latest()
        loudest = -100.0
        def heard_back() -> bool:
            nonlocal loudest
            level = ear.levels.get(0.05)
            loudest = max(loudest, level.rms_dbfs if level else -100.0)
            return loudest > -20
        qtbot.waitUntil(heard_back, timeout=8_000)  # the recording came out of those speakers
        qtbot.waitUntil(lambda: dialog.yes.isEnabled(), timeout=8_000)
    finally:
        ear.stop()
    assert dialog.playing.text() == "Did you hear your recording?"
    dialog.no.click()
    assert verdicts[-1].status == "fail" and ear_sink in verdicts[-1].summary
    assert "Turn the volume up" in dialog.outcome.text()
    assert not dialog.yes.isEnabled()  # one answer per playing
    dialog.tone_button.click()
    qtbot.waitUntil(lambda: dialog.yes.isEnabled(), timeout=8_000)
    assert dialog.playing.text() == "Did you hear the test tone?"
    dialog.yes.click()
    assert verdicts[-1].status == "pass" and verdicts[-1].figures == {"device": ear_sink,
                                                                      "heard": True}
    assert dialog.outcome.text().startswith("<b>✔ The speakers work")


def test_a_missing_microphone_is_said_and_can_be_tried_again(qtbot: QtBot,
                                                            pulse: PulseServer) -> None:
    box = SoundTestDialog("Studio Mic That Is Unplugged", "default")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitUntil(lambda: "could not be used" in box.prompt.text(), timeout=10_000)
    assert "Studio Mic That Is Unplugged" in box.heard.text()
    assert box.listen_again.isVisibleTo(box) and not box.record_button.isEnabled()
    box.reject()


def test_the_window_offers_microphones_by_name(qtbot: QtBot, pulse: PulseServer,
                                              ear_sink: str) -> None:
    from ui.device_bar import DeviceBar

    bar = DeviceBar("synthetic", EAR)  # a microphone stored by the name a person sees
    qtbot.addWidget(bar)
    names = [bar.mic_box.itemText(i) for i in range(bar.mic_box.count())]
    assert names[0] == "Default microphone (Monitor of Null Output)"
    assert EAR in names and "pulse" not in names
    assert bar.mic_box.currentText() == EAR and bar.mic_box.currentData() == "desk_ear"
    chosen: list[str] = []
    bar.microphone_chosen.connect(chosen.append)
    bar.mic_box.activated.emit(0)
    assert chosen == ["default"]


def test_the_checks_page_opens_the_sound_test_from_the_microphone_row(
        qtbot: QtBot, pulse: PulseServer, store: Store) -> None:
    from ui.launch import build_window

    window = build_window(store, "synthetic", "default", policy="hms")
    qtbot.addWidget(window)
    window.show()
    page = window.checks_page
    page.checks.owner = "page"  # the page's own run plans its rows
    page.checks.planned.emit([("microphone", "Microphone")])  # the row, as a run plans it
    row = page.rows["microphone"]
    assert "Say something now" in row.summary.text()  # while the check listens
    row.sound_button.click()
    dialog = page.sound_test
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.mic is not None, timeout=10_000)
    dialog.answer(True)
    assert page.summary.text().startswith("✔ The speakers work")
    kinds = [r["kind"] for r in store.db.query("SELECT kind FROM confirmations")]
    assert kinds == ["speakers_heard"]  # the person vouched for them: kept
    dialog.answer(False)
    assert [r["kind"] for r in store.db.query("SELECT kind FROM confirmations")] == kinds
    dialog.reject()
    page.tone_button.click()  # the button beside "Check my setup" opens it too
    assert page.sound_test is not dialog and page.sound_test.isVisible()
    page.sound_test.reject()
    window.close()
