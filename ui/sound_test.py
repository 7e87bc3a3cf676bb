"""The sound test: "Say something now" with a live meter, a recording of three seconds played
back, a choice of speakers, and the person's own answer to "did you hear it?".

Why: only the person at the computer can say whether the speakers work, and a quiet room is
not a broken microphone. So the microphone is given time to hear a voice, and the speakers'
verdict comes from the "I heard it" / "I didn't" buttons, never from a guess. Thin: the
listening rule (checks.microphone_check.SpeechListener), recording and playing
(capture.microphone.record, capture.speaker.play) live below the window.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.check_log import record_confirmation
from app.settings import load_settings, save_settings
from capture.microphone import Microphone, record
from capture.sound_devices import SoundDevice, list_devices
from capture.speaker import SAMPLERATE, play, tone
from capture.status import SourceError, SourceState
from checks.base import CheckResult
from checks.microphone_check import LISTEN_SECONDS, SpeechListener, speaker_result
from ui.background import Background
from ui.checks_controller import ChecksController
from ui.level_meter import LevelMeter
from ui.theme import guard_combo
from ui.translations import say, say_error

RECORD_SECONDS = 3.0
POLL_MS = 50
DEFAULT = "default"


def _devices(kind: str) -> list[SoundDevice]:
    try:
        return list_devices("input" if kind == "input" else "output")
    except SourceError:
        return []


class SoundTestDialog(QDialog):
    """Emits the microphone chosen here, and the speakers' verdict once the person answers."""

    microphone_chosen = Signal(str)
    speaker_chosen = Signal(str)
    verdict = Signal(object)  # CheckResult for the speakers
    listen_s = LISTEN_SECONDS  # how long "Say something now" waits for a voice

    def __init__(self, microphone: str = DEFAULT, speaker: str = DEFAULT,
                 shared: Microphone | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Test your microphone and speakers"))
        self.setAccessibleName(self.tr("Sound test"))
        self.background = Background(self)
        self.shared = shared
        self.mic: Microphone | None = None
        self._own: Microphone | None = None
        self._cancel = threading.Event()
        self._listener = SpeechListener()
        self._last_poll = time.monotonic()
        self._played = ""  # what was last played, in words, for the verdict
        self.speaker_result: CheckResult | None = None

        # --- the microphone ---
        mic_box = QGroupBox(self.tr("1. Microphone"), self)
        self.mic_list = guard_combo(QComboBox(mic_box))
        self.mic_list.setAccessibleName(self.tr("Microphone to test"))
        self.prompt = QLabel(mic_box)
        self.prompt.setWordWrap(True)
        self.prompt.setAccessibleName(self.tr("What to do now"))
        self.prompt.setStyleSheet("QLabel { font-size: 15pt; font-weight: bold; }")
        self.meter = LevelMeter(mic_box)
        self.heard = QLabel(mic_box)
        self.heard.setWordWrap(True)
        self.heard.setAccessibleName(self.tr("Did LessonGuard hear you"))
        self.listen_again = QPushButton(self.tr("&Listen again"), mic_box)
        self.listen_again.setAccessibleName(self.tr("Listen for your voice again"))
        self.listen_again.hide()
        mic_form = QFormLayout()
        mic_form.addRow(self.tr("&Microphone:"), self.mic_list)
        mic_layout = QVBoxLayout(mic_box)
        mic_layout.addLayout(mic_form)
        mic_layout.addWidget(self.prompt)
        mic_layout.addWidget(self.meter)
        heard_row = QHBoxLayout()
        heard_row.addWidget(self.heard, 1)
        heard_row.addWidget(self.listen_again)
        mic_layout.addLayout(heard_row)

        # --- the speakers ---
        out_box = QGroupBox(self.tr("2. Speakers or headphones"), self)
        self.speaker_list = guard_combo(QComboBox(out_box))
        self.speaker_list.setAccessibleName(self.tr("Speakers or headphones to test"))
        self.tone_button = QPushButton(self.tr("Play a &test tone"), out_box)
        self.tone_button.setAccessibleName(self.tr("Play a one-second test tone"))
        self.record_button = QPushButton(self.tr("&Record 3 seconds and play them back"),
                                         out_box)
        self.record_button.setAccessibleName(
            self.tr("Record three seconds from the microphone and play them back"))
        self.playing = QLabel(out_box)
        self.playing.setWordWrap(True)
        self.playing.setAccessibleName(self.tr("What the speakers are doing"))
        self.yes = QPushButton(self.tr("✔ I &heard it"), out_box)
        self.yes.setAccessibleName(self.tr("I heard it"))
        self.no = QPushButton(self.tr("✖ I &didn't"), out_box)
        self.no.setAccessibleName(self.tr("I didn't hear it"))
        self.outcome = QLabel(out_box)
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(self.tr("Speakers result"))
        self.outcome.hide()
        out_form = QFormLayout()
        out_form.addRow(self.tr("&Speakers:"), self.speaker_list)
        play_row = QHBoxLayout()
        play_row.addWidget(self.tone_button)
        play_row.addWidget(self.record_button)
        play_row.addStretch(1)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.yes)
        answer_row.addWidget(self.no)
        answer_row.addStretch(1)
        out_layout = QVBoxLayout(out_box)
        out_layout.addLayout(out_form)
        out_layout.addLayout(play_row)
        out_layout.addWidget(self.playing)
        out_layout.addLayout(answer_row)
        out_layout.addWidget(self.outcome)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with its text
        layout.addWidget(mic_box)
        layout.addWidget(out_box)
        layout.addWidget(buttons)

        self._fill(self.mic_list, _devices("input"), microphone,
                   self.tr("Default microphone"))
        self._fill(self.speaker_list, _devices("output"), speaker,
                   self.tr("Default speakers"))
        self._set_answering(False)
        self.playing.setText(self.tr("Play a tone or your own voice, then say whether you "
                                     "heard it."))
        self.mic_list.activated.connect(self._mic_picked)
        self.speaker_list.activated.connect(
            lambda _i: self.speaker_chosen.emit(self.speaker_spec()))
        self.listen_again.clicked.connect(self.listen)
        self.tone_button.clicked.connect(self.play_tone)
        self.record_button.clicked.connect(self.record_and_play)
        self.yes.clicked.connect(lambda: self.answer(True))
        self.no.clicked.connect(lambda: self.answer(False))
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._open_microphone()

    # --- devices ---

    def _fill(self, box: QComboBox, devices: list[SoundDevice], current: str,
              default_words: str) -> None:
        default = next((d.name for d in devices if d.is_default), "")
        box.addItem(f"{default_words} ({default})" if default else default_words, DEFAULT)
        for device in devices:
            box.addItem(device.name, device.spec)
        index = next((i for i in range(box.count())
                      if current in (box.itemData(i), box.itemText(i))), -1)
        if index < 0:  # chosen before and not found now: shown, so opening it says why
            box.addItem(current, current)
            index = box.count() - 1
        box.setCurrentIndex(index)

    def microphone_spec(self) -> str:
        return str(self.mic_list.currentData() or DEFAULT)

    def speaker_spec(self) -> str:
        return str(self.speaker_list.currentData() or DEFAULT)

    def speaker_name(self) -> str:
        spec = self.speaker_spec()
        if spec != DEFAULT:
            return self.speaker_list.currentText()
        devices = _devices("output")
        return next((d.name for d in devices if d.is_default), self.tr("the default speakers"))

    def _mic_picked(self, _index: int) -> None:
        self.microphone_chosen.emit(self.microphone_spec())
        self._open_microphone()

    # --- the microphone: say something now ---

    def _open_microphone(self) -> None:
        self._timer.stop()
        self._close_own()
        self.mic = None
        self.record_button.setEnabled(False)
        self.prompt.setText(self.tr("Opening the microphone…"))
        spec = self.microphone_spec()
        shared = self.shared
        if shared is not None and shared.status.state is SourceState.RUNNING and (
                spec in (DEFAULT, str(shared.device), shared.device_name)):
            self._listening(shared)
            return
        mic = Microphone(spec)
        self._own = mic

        def start() -> Microphone:
            mic.start()
            if not mic.wait_until_listening():
                raise SourceError(mic.status.state, mic.status.message or self.tr(
                    "The microphone sends no sound."), mic.status.fix)
            return mic

        self.background.run("sound-test-mic", start, on_success=self._listening,
                            on_error=self._mic_failed)

    def _listening(self, mic: Microphone) -> None:
        if mic is not self.shared and mic is not self._own:
            return  # another microphone was chosen meanwhile
        self.mic = mic
        self.record_button.setEnabled(True)
        self.listen()

    def _mic_failed(self, exc: BaseException) -> None:
        self.prompt.setText("✖ " + self.tr("The microphone could not be used."))
        self.heard.setText(say_error(exc))
        self.listen_again.show()
        self._fit()

    def listen(self) -> None:
        """Start (again) waiting for a voice."""
        if self.mic is None:
            self._open_microphone()
            return
        self._listener = SpeechListener(self.listen_s)
        self._last_poll = time.monotonic()
        self.listen_again.hide()
        self.prompt.setText(self.tr("Say something now"))
        self.heard.setText(self.tr("Listening to {device}… ({seconds} s)").format(
            device=self.mic.device_name, seconds=f"{self.listen_s:.0f}"))
        self._timer.start()

    def _poll(self) -> None:
        mic = self.mic
        now = time.monotonic()
        elapsed, self._last_poll = now - self._last_poll, now
        if mic is None:
            return
        if mic.status.state.is_problem:
            self._timer.stop()
            self.prompt.setText("✖ " + self.tr("The microphone stopped."))
            self.heard.setText(say(mic.status.text()))
            self.listen_again.show()
            self._fit()
            return
        level = mic.latest_level
        if level is None:
            return
        self.meter.set_level(level.rms_dbfs, level.peak_dbfs)
        before = self._listener.state
        state = self._listener.feed(level.rms_dbfs, elapsed)
        if state == before and state == "listening":
            self.heard.setText(self.tr("Listening to {device}… ({seconds} s)").format(
                device=mic.device_name, seconds=f"{self._listener.left_s():.0f}"))
        elif state != before:
            self._heard(state, mic.device_name)

    def _heard(self, state: str, device: str) -> None:
        """The voice arrived, or the time ran out. The meter keeps moving either way."""
        self.listen_again.show()
        if state == "heard":
            self.prompt.setText("✔ " + self.tr("We hear you"))
            self.heard.setText(self.tr("{device} picks up your voice. Now try the speakers "
                                       "below.").format(device=device))
        else:
            self.prompt.setText("✖ " + self.tr("We didn't hear anything"))
            self.heard.setText(self.tr(
                "Nothing came through {device} in {seconds} seconds. Check it isn't muted "
                "(a mute key, a switch on the headset, the sound settings), or choose "
                "another microphone, then press Listen again.").format(
                    device=device, seconds=f"{self.listen_s:.0f}"))
        self._fit()

    # --- the speakers ---

    def _set_answering(self, on: bool) -> None:
        self.yes.setEnabled(on)
        self.no.setEnabled(on)

    def _busy(self, on: bool) -> None:
        self.tone_button.setEnabled(not on)
        self.record_button.setEnabled(not on and self.mic is not None)
        self.speaker_list.setEnabled(not on)
        self.mic_list.setEnabled(not on)

    def play_tone(self) -> None:
        speaker = self.speaker_spec()
        self._busy(True)
        self.playing.setText(self.tr("Playing a one-second tone through {device}…").format(
            device=self.speaker_name()))
        cancel = self._cancel
        self.background.run("sound-test-tone", lambda: play(tone(1.0), SAMPLERATE, speaker,
                                                             cancel),
                            on_success=lambda _r: self._played_it(self.tr("the test tone")),
                            on_error=self._play_failed)

    def record_and_play(self) -> None:
        mic = self.mic
        if mic is None:
            return
        self._busy(True)  # the meter keeps moving while it records
        self.playing.setText(self.tr("Recording 3 seconds: say something, or play a few "
                                     "notes…"))
        cancel = self._cancel

        def work() -> np.ndarray:
            return record(mic, RECORD_SECONDS, cancel)

        self.background.run("sound-test-record", work, on_success=self._play_back,
                            on_error=self._play_failed)

    def _play_back(self, clip: np.ndarray) -> None:
        speaker = self.speaker_spec()
        rate = self.mic.samplerate if self.mic is not None else SAMPLERATE
        self.playing.setText(self.tr("Playing your recording back through {device}…").format(
            device=self.speaker_name()))
        cancel = self._cancel
        self.background.run("sound-test-play", lambda: play(clip, rate, speaker, cancel),
                            on_success=lambda _r: self._played_it(self.tr("your recording")),
                            on_error=self._play_failed)

    def _played_it(self, what: str) -> None:
        self._busy(False)
        self._played = what
        self.playing.setText(self.tr("Did you hear {what}?").format(what=what))
        self._set_answering(True)
        self.yes.setFocus()

    def _play_failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.playing.setText("✖ " + say_error(exc))
        self._fit()

    def answer(self, heard: bool) -> None:
        """The person's answer decides the speakers' verdict."""
        result = speaker_result(heard, self.speaker_name(), self._played or self.tr("it"))
        self.speaker_result = result
        steps = "".join(f"<li>{say(step)}</li>" for step in result.remediation)
        icon = "✔" if result.status == "pass" else "✖"
        self.outcome.setText(f"<b>{icon} {say(result.summary)}</b>"
                             + (f"<ol>{steps}</ol>" if steps else ""))
        self.outcome.show()
        self._fit()
        self._set_answering(False)
        self.verdict.emit(result)

    def _fit(self) -> None:
        """Grow to the height the words now need (a reason, a verdict with its steps), so
        no wrapped line is cut off; never shrink under the person's own resizing."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    # --- closing ---

    def _close_own(self) -> None:
        own, self._own = self._own, None
        if own is not None:
            self.background.run("sound-test-mic-stop", own.stop)

    def done(self, code: int) -> None:
        self._timer.stop()
        self._cancel.set()
        self._close_own()
        self.background.join(6.0)
        super().done(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        self._cancel.set()
        super().closeEvent(event)


def open_sound_test(checks: ChecksController, parent: QWidget | None = None
                    ) -> SoundTestDialog:
    """The sound test for the checks page: the microphone the window uses (shared while it
    runs); a microphone chosen in the test becomes the window's and the checks' one, and the
    speakers chosen are remembered for next time."""
    settings = load_settings(checks.store)
    dialog = SoundTestDialog(checks.mic_spec, settings.speaker,
                             shared=checks.capture.microphone, parent=parent)

    def use(spec: str) -> None:
        checks.use_microphone(spec)
        checks.capture.set_microphone(spec)
        remember(microphone=spec)

    def remember(**chosen: str) -> None:
        current = load_settings(checks.store)
        save_settings(checks.store, current.model_copy(update=chosen))

    def answered(result: CheckResult) -> None:
        """"I heard it" is the person vouching the speakers work: kept with the lesson's
        confirmations. "I didn't" is a problem to fix, shown, not a confirmation."""
        if result.status != "pass":
            return
        current = load_settings(checks.store)
        record_confirmation(checks.store, kind="speakers_heard",
                            by_name=current.user_name or "user", role=current.role or "tutor",
                            at=datetime.now(UTC), lesson_id=checks.lesson_id)

    dialog.microphone_chosen.connect(use)
    dialog.speaker_chosen.connect(lambda spec: remember(speaker=spec))
    dialog.verdict.connect(answered)
    return dialog
