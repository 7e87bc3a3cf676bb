"""The recording controls on the camera page: which pupil, consent, start and stop.

Thin: it shows what the RecordingController decides (the gate's reason and clause) and
forwards clicks. A pack that forbids recording leaves the button disabled, with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.people import Person
from ui.pack_list import shown
from ui.recording_controller import GateView
from ui.theme import guard_combo
from ui.translations import say


class RecordingBar(QWidget):
    pupil_changed = Signal(object)  # pupil id or None
    consent_requested = Signal()
    withdraw_requested = Signal()
    add_pupil_requested = Signal()
    record_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pupil = guard_combo(QComboBox(self))
        self.pupil.setAccessibleName(self.tr("Pupil in this lesson"))
        pupil_label = QLabel(self.tr("&Pupil"), self)
        pupil_label.setBuddy(self.pupil)
        self.add_pupil = QPushButton(self.tr("&Add pupil…"), self)
        self.add_pupil.setAccessibleName(self.tr("Add a pupil and their responsible adult"))
        self.withdraw = QPushButton(self.tr("&Withdraw consent…"), self)
        self.withdraw.setAccessibleName(self.tr("Withdraw consent to record"))
        self.consent = QPushButton(self.tr("Give &consent…"), self)
        self.consent.setAccessibleName(self.tr("Give consent to record"))
        self.record = QPushButton(self.tr("● Start &recording"), self)
        self.record.setAccessibleName(self.tr("Start or stop recording"))
        self.record.setCheckable(True)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName(self.tr("Why recording is or is not possible"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(pupil_label)
        row.addWidget(self.pupil, 1)
        row.addWidget(self.add_pupil)
        row.addWidget(self.consent)
        row.addWidget(self.withdraw)
        row.addWidget(self.record)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.reason)
        self.pupil.currentIndexChanged.connect(
            lambda _i: self.pupil_changed.emit(self.pupil.currentData()))
        self.consent.clicked.connect(self.consent_requested.emit)
        self.withdraw.clicked.connect(self.withdraw_requested.emit)
        self.add_pupil.clicked.connect(self.add_pupil_requested.emit)
        self.record.toggled.connect(self._toggled)

    def set_pupils(self, pupils: list[Person], keep: int | None = None) -> None:
        self.pupil.blockSignals(True)
        self.pupil.clear()
        for person in pupils:
            self.pupil.addItem(person.name, person.id)
        if keep is not None and self.pupil.findData(keep) >= 0:
            self.pupil.setCurrentIndex(self.pupil.findData(keep))
        self.pupil.blockSignals(False)
        self.pupil_changed.emit(self.pupil.currentData())

    def show_gate(self, view: GateView, recording: bool) -> None:
        self.consent.setVisible(view.needs_consent and not recording)
        self.withdraw.setVisible(view.has_consent)
        self.add_pupil.setEnabled(not recording)
        self.record.setEnabled(recording or view.can_record)
        self.pupil.setEnabled(not recording)
        prefix = "⊘ " if view.forbidden else ("⚠ " if not view.can_record else "✔ ")
        # The pack's clause without its footnote markers ("normally[1]"); no empty line
        # while recording.
        self.reason.setText("" if recording else prefix + shown(say(view.reason)))
        self.reason.setVisible(not recording)

    def set_recording(self, on: bool) -> None:
        self.record.blockSignals(True)
        self.record.setChecked(on)
        self.record.blockSignals(False)
        self.record.setText(self.tr("■ Stop &recording") if on
                            else self.tr("● Start &recording"))

    def _toggled(self, on: bool) -> None:
        """The button says "Stop recording" only once the start is confirmed: the consent
        notice is answered and the recorder started (a refusal unchecks it meanwhile)."""
        if not on:
            self.set_recording(False)
            self.record_toggled.emit(False)
            return
        self.record.setText(self.tr("● Starting…"))
        self.record_toggled.emit(True)
        self.set_recording(self.record.isChecked())
