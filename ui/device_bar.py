"""Camera and microphone pickers, by the names the system shows. Emits the chosen spec; knows
nothing about capture."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QWidget

from capture.camera import AUTO, describe_spec, list_cameras
from capture.sound_devices import list_devices
from capture.status import SourceError
from ui.theme import guard_combo

VIDEO_FILE = "__file__"


class DeviceBar(QWidget):
    camera_chosen = Signal(str)
    microphone_chosen = Signal(str)

    def __init__(self, camera: str, microphone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.camera_box = guard_combo(QComboBox(self))
        self.camera_box.setAccessibleName(self.tr("Camera"))
        self.mic_box = guard_combo(QComboBox(self))
        self.mic_box.setAccessibleName(self.tr("Microphone"))
        cam_label = QLabel(self.tr("&Camera:"), self)
        cam_label.setBuddy(self.camera_box)
        mic_label = QLabel(self.tr("&Microphone:"), self)
        mic_label.setBuddy(self.mic_box)
        layout.addWidget(cam_label)
        layout.addWidget(self.camera_box, 1)
        layout.addSpacing(12)
        layout.addWidget(mic_label)
        layout.addWidget(self.mic_box, 1)
        self._fill_cameras(camera)
        self._fill_microphones(microphone)
        self.camera_box.activated.connect(self._camera_activated)
        self.mic_box.activated.connect(self._mic_activated)

    def _fill_cameras(self, current: str) -> None:
        box = self.camera_box
        box.clear()
        specs = [AUTO, "synthetic", *list_cameras()]
        if current not in specs:
            specs.append(current)
        for spec in specs:
            box.addItem(describe_spec(spec), spec)
        box.addItem(self.tr("Video file…"), VIDEO_FILE)
        box.setCurrentIndex(max(0, box.findData(current)))

    def _fill_microphones(self, current: str) -> None:
        box = self.mic_box
        box.clear()
        try:
            devices = list_devices("input")
        except SourceError:
            devices = []
        default = next((d.name for d in devices if d.is_default), "")
        box.addItem(self.tr("Default microphone ({name})").format(name=default) if default
                    else self.tr("Default microphone"), "default")
        for dev in devices:  # by the name the system shows, stored by the server's own name
            box.addItem(dev.name, dev.spec)
            box.setItemData(box.count() - 1, dev.name, Qt.ItemDataRole.ToolTipRole)
        named = next((d.spec for d in devices if current in (d.name, d.spec)), None)
        current = named or current
        if box.findData(current) < 0:
            # ALSA's "pulse" device is the sound server's default microphone: named as such.
            shown = (self.tr("Default microphone ({name})").format(name=default)
                     if current == "pulse" and default else current)
            box.addItem(shown, current)
        box.setCurrentIndex(max(0, box.findData(current)))

    def show_camera(self, spec: str) -> None:
        """The camera in use, chosen elsewhere (a practice lesson's demo camera, and the one
        put back after it): shown without announcing a choice."""
        if self.camera_box.findData(spec) < 0:
            self._fill_cameras(spec)
        self.camera_box.setCurrentIndex(max(0, self.camera_box.findData(spec)))

    def _camera_activated(self, index: int) -> None:
        spec = self.camera_box.itemData(index)
        if spec == VIDEO_FILE:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose a video file"), str(Path.home()),
                self.tr("Videos (*.mp4 *.mkv *.avi *.mov *.webm);;All files (*)"),
            )
            if not path:
                return
            self._fill_cameras(path)
            spec = path
        self.camera_chosen.emit(spec)

    def _mic_activated(self, index: int) -> None:
        self.microphone_chosen.emit(self.mic_box.itemData(index))
