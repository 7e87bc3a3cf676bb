"""The camera's controls: background (as it is, blurred, plain colour), blur strength, the
instrument mode, keep-clear areas, the shutter and the virtual camera. Emits what the person
chose; the controller and the settings do the rest."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from capture.look import BACKGROUND_MODES, Background
from ui.theme import guard_combo
from ui.translations import QT_TRANSLATE_NOOP

BACKGROUNDS = [("off", QT_TRANSLATE_NOOP("EffectsBar", "As it is")),
               ("blur", QT_TRANSLATE_NOOP("EffectsBar", "Blurred")),
               ("colour", QT_TRANSLATE_NOOP("EffectsBar", "Plain colour")),
               ("image", QT_TRANSLATE_NOOP("EffectsBar", "A picture…"))]


class EffectsBar(QWidget):
    changed = Signal()  # background, strength or instrument mode
    shutter_toggled = Signal(bool)
    virtual_camera_toggled = Signal(bool)
    draw_area = Signal(bool)
    clear_areas = Signal()

    def __init__(self, background: str, strength: int, instrument: bool, virtual: bool,
                 picture: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture = picture
        self._previous = background
        # Two rows, so the camera page fits a 960-pixel-wide screen (1440×900 at 150%).
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        row, second = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(row)
        rows.addLayout(second)
        self.background = guard_combo(QComboBox(self))
        self.background.setAccessibleName(self.tr("Background"))
        for key, words in BACKGROUNDS:
            self.background.addItem(self.tr(words), key)
        self.background.setCurrentIndex(max(0, self.background.findData(background)))
        label = QLabel(self.tr("&Background:"), self)
        label.setBuddy(self.background)
        self.strength = QSlider(self)
        self.strength.setOrientation(self.strength.orientation().Horizontal)
        self.strength.setRange(1, 10)
        self.strength.setValue(strength)
        self.strength.setMaximumWidth(110)
        self.strength.setAccessibleName(self.tr("Blur strength"))
        self.instrument = QCheckBox(self.tr("Keep my &instrument sharp"), self)
        self.instrument.setChecked(instrument)
        self.area = QPushButton(self.tr("Add &keep-clear area"), self)
        self.area.setCheckable(True)
        self.area.setAccessibleName(self.tr("Draw an area on the picture that is never blurred"))
        self.clear = QPushButton(self.tr("Clear areas"), self)
        self.clear.setAccessibleName(self.tr("Remove every keep-clear and always-blur area"))
        self.virtual = QCheckBox(self.tr("Send to the &lesson platform"), self)
        self.virtual.setChecked(virtual)
        self.virtual.setAccessibleName(self.tr("Send the picture to the lesson platform as "
                                               "LessonGuard camera"))
        self.shutter = QPushButton(self.tr("&Pause camera"), self)
        self.shutter.setCheckable(True)
        self.shutter.setAccessibleName(self.tr("Pause the camera: the lesson sees a card"))
        self.shutter.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 10px; }"
                                   "QPushButton:checked { background: #8e1b10; color: white; }")
        for widget in (label, self.background, self.strength, self.instrument):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.shutter)
        for control in (self.area, self.clear, self.virtual):
            second.addWidget(control)
        second.addStretch(1)
        self.background.currentIndexChanged.connect(self._changed)
        self.strength.valueChanged.connect(lambda _: self.changed.emit())
        self.instrument.toggled.connect(lambda _: self.changed.emit())
        self.shutter.toggled.connect(self._shutter)
        self.virtual.toggled.connect(self.virtual_camera_toggled.emit)
        self.area.toggled.connect(self.draw_area.emit)
        self.clear.clicked.connect(self.clear_areas.emit)
        self._changed()

    def _changed(self) -> None:
        mode = self.background.currentData()
        if mode == "image" and self._previous != "image" and self.isVisible():
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose a picture for behind you"), str(Path.home()),
                self.tr("Pictures (*.png *.jpg *.jpeg *.bmp *.webp)"))
            if not path:  # nothing chosen: back to what it was
                self.background.setCurrentIndex(self.background.findData(self._previous))
                return
            self.picture = path
        self._previous = mode
        self.strength.setEnabled(mode == "blur")
        self.changed.emit()

    def show_shutter(self, closed: bool, locked: bool = False) -> None:
        """Reflect a shutter closed elsewhere (the panic button) without acting on it;
        `locked` while the panic is on, so it is undone in one place with the mic."""
        self.shutter.blockSignals(True)
        self.shutter.setChecked(closed)
        self.shutter.blockSignals(False)
        self.shutter.setText(self.tr("&Resume camera") if closed else self.tr("&Pause camera"))
        self.shutter.setEnabled(not locked)

    def _shutter(self, closed: bool) -> None:
        self.shutter.setText(self.tr("&Resume camera") if closed else self.tr("&Pause camera"))
        self.shutter_toggled.emit(closed)

    def mode(self) -> Background:
        chosen = self.background.currentData()
        for mode in BACKGROUND_MODES:
            if chosen == mode:
                return mode
        return "blur"  # never the room as it is by accident
