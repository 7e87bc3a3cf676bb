"""A wheel turned over a drop-down the person has not clicked into leaves it alone (issue 19,
item 5, for the device, pupil, platform and background lists): scrolling a page must not
switch the camera, the microphone, the pupil or the background under the pointer."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.people import Person
from tests.helpers.pulse import PulseServer
from ui.device_bar import DeviceBar
from ui.effects_bar import EffectsBar
from ui.lessons_page import NewLessonDialog
from ui.recording_bar import RecordingBar


def _wheel(box: QComboBox) -> None:
    event = QWheelEvent(QPointF(5, 5), QPointF(box.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(box, event)


def test_device_pupil_and_background_lists_ignore_a_stray_wheel(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    elsewhere = QLineEdit(host)  # where the keyboard is while the wheel turns
    devices = DeviceBar("synthetic", "default", host)
    effects = EffectsBar("blur", 50, False, False, parent=host)
    recording = RecordingBar(host)
    for name in ("Amy Lee", "Ben Cho"):
        recording.pupil.addItem(name)
    pupils = [Person(i, "pupil", n, "2015-01-01", None, None, "", "")
              for i, n in ((1, "Amy Lee"), (2, "Ben Cho"))]
    booking = NewLessonDialog(pupils, "Sam Taylor", host)
    for widget in (elsewhere, devices, effects, recording):
        layout.addWidget(widget)
    host.show()
    booking.show()
    boxes = {"camera": devices.camera_box, "microphone": devices.mic_box,
             "background": effects.background, "pupil": recording.pupil,
             "booked pupil": booking.pupil, "platform": booking.platform}
    for name, box in boxes.items():
        if box.count() < 2:  # one microphone on this system: give the wheel somewhere to go
            box.addItem("another")
        box.setCurrentIndex(0)
        host.activateWindow()
        elsewhere.setFocus()
        before = box.currentIndex()
        _wheel(box)
        assert box.currentIndex() == before, f"a wheel over the unfocused {name} list moved it"
        box.window().activateWindow()
        box.setFocus()
        qtbot.waitUntil(box.hasFocus, timeout=3000)
        _wheel(box)
        assert box.currentIndex() != before, f"with the focus, the {name} list ignores the wheel"
    booking.reject()


def test_the_alsa_pulse_microphone_is_named_as_the_default(qtbot: QtBot,
                                                           pulse: PulseServer) -> None:
    """A window started with ALSA's "pulse" device (as the end-to-end runs are) names it as
    the sound server's default microphone, not "pulse"."""
    bar = DeviceBar("synthetic", "pulse")
    qtbot.addWidget(bar)
    names = [bar.mic_box.itemText(i) for i in range(bar.mic_box.count())]
    assert "pulse" not in names, names
    assert bar.mic_box.currentText() == "Default microphone (Monitor of Null Output)"
    assert bar.mic_box.currentData() == "pulse"  # still opened as it was chosen
