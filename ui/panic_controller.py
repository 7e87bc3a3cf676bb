"""The panic button's controller: one press from the button, the tray, the keyboard shortcut
or a global hotkey cuts camera and microphone, and opens the report.

Why a controller: four ways in must do exactly the same thing; the window only shows the
state. Results from worker threads (the OS mute, the global hotkey) come back as signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.panic import CameraUse, Muter, PanicResponse, PanicState
from capture.os_mute import OsMicMute
from checks.apps import close, running_platforms
from checks.camera_holder import CameraHolderProbe
from ui.background import Background
from ui.capture_controller import CaptureController
from ui.recording_controller import RecordingController
from ui.translations import say_error

log = logging.getLogger(__name__)


class HotkeyListener(Protocol):
    """pynput's GlobalHotKeys, or a test's stand-in: a thread listening for the hotkey."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


HOTKEY = "<ctrl>+<shift>+x"  # the global hotkey (pynput notation)
WATCH_MS = 1000  # how often, during a panic, newly plugged-in microphones are looked for
SHORTCUT = "Ctrl+Shift+X"  # the same, inside the window (not Ctrl+Alt: that is AltGr)


class PanicController(QObject):
    pressed = Signal(object)  # PanicState
    mic_result = Signal(object)  # MuteResult
    camera_result = Signal(object)  # DeviceUse: who reads the webcam directly
    undone = Signal(object)  # MuteResult | None
    left_platform = Signal(str)  # what happened, in words
    hotkey_status = Signal(str)  # "" when the global hotkey works, else why not
    new_sources = Signal(list)  # microphones plugged in during the panic, now muted
    _hotkey_pressed = Signal()
    # The mute's and the probe's results arrive on the panic's worker thread; queued, they
    # reach the window on its own thread, after the press has been shown (never before it).
    _muted_on_worker = Signal(object)
    _camera_on_worker = Signal(object)

    def __init__(self, capture: CaptureController, recording: RecordingController,
                 muter: Muter | None = None, lesson_id: Callable[[], int | None] = lambda: None,
                 background: Background | None = None, parent: QObject | None = None,
                 camera_probe: Callable[[], CameraUse] | None = None) -> None:
        super().__init__(parent)
        self.background = background or Background(self)
        self.capture = capture
        self.recording = recording
        self.action = PanicResponse(shutter=capture.set_shutter, muter=muter or OsMicMute(),
                                    recordings=recording.recordings,
                                    pack=lambda: recording.policy.state.pack,
                                    running_recording=recording.running, lesson_id=lesson_id,
                                    camera_probe=camera_probe or CameraHolderProbe())
        self._hotkey: HotkeyListener | None = None
        # While the panic is on, a microphone plugged in afterwards is muted too.
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._mute_new)
        self._hotkey_pressed.connect(lambda: self.press("global hotkey"))
        self._muted_on_worker.connect(self.mic_result, Qt.ConnectionType.QueuedConnection)
        self._camera_on_worker.connect(self.camera_result, Qt.ConnectionType.QueuedConnection)

    @property
    def active(self) -> bool:
        return self.action.active

    def press(self, how: str = "panic button") -> PanicState:
        """No question asked: the panic response (app.panic); then tell the window."""
        already = self.action.active
        state = self.action.press(actor=how, on_muted=self._muted_on_worker.emit,
                                  on_camera=self._camera_on_worker.emit)
        if not already:
            self.pressed.emit(state)
            self._watch.start()
        return state

    def prepare(self) -> None:
        """At the lesson's start: connect to the sound server now, off the GUI thread, so a
        press spends its first milliseconds muting, not connecting."""
        muter = self.action.muter
        if isinstance(muter, OsMicMute):
            self.background.run("panic-prepare", muter.prepare)

    def _mute_new(self) -> None:
        muter = self.action.muter
        if not self.action.active or not isinstance(muter, OsMicMute):
            self._watch.stop()
            return
        self.background.run("panic-new-sources", muter.mute_new,
                            on_success=lambda names: self.new_sources.emit(names)
                            if names else None)

    def undo(self, restore: bool = True) -> None:
        """Resume: each microphone back as it was (or, when the person chose, left muted)."""
        if not self.action.active:
            return
        self._watch.stop()
        result = self.action.undo(actor="user", restore=restore)
        self.undone.emit(result)

    def leave_platform(self) -> None:
        """Close the lesson platform's windows politely (never by force), off the GUI
        thread; says which closed and what to do if one did not."""
        def work() -> str:
            found = running_platforms()
            if not found:
                return self.tr("No lesson platform program is running. If the lesson is in a "
                               "web browser, close its tab.")
            reports = close(found, polite_wait_s=3.0, force=False)
            done = [r.name for r in reports if r.outcome in ("closed", "already_gone")]
            stuck = [r.detail for r in reports if r.outcome == "still_running"]
            self.action.audit.append("panic.left_platform", actor="user", subject="panic",
                                     details={"closed": done, "still_running": stuck})
            text = (self.tr("Closed: {names}.").format(names=", ".join(done)) if done else "")
            return " ".join([text, *stuck]).strip()

        self.background.run("leave-platform", work, on_success=self.left_platform.emit,
                            on_error=lambda exc: self.left_platform.emit(say_error(exc)))

    def start_global_hotkey(self, factory: Callable[..., HotkeyListener] | None = None
                            ) -> None:
        """Ctrl+Shift+X from any program, where the desktop allows a global hotkey."""
        try:
            if factory is None:
                from pynput import keyboard

                factory = keyboard.GlobalHotKeys
            listener = factory({HOTKEY: self._hotkey_pressed.emit})
            listener.start()
            self._hotkey = listener
            self.hotkey_status.emit("")
        except Exception as exc:  # no X server, Wayland, no permission (macOS)
            log.info("no global panic hotkey: %s", exc)
            self.hotkey_status.emit(self.tr(
                "The panic hotkey (Ctrl+Shift+X) works only while LessonGuard's window is "
                "active here ({why})."
            ).format(why=exc))

    def stop(self) -> None:
        self._watch.stop()
        listener, self._hotkey = self._hotkey, None
        if listener is not None:
            listener.stop()

