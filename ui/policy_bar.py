"""Says which policy pack is in force and warns when an edit to the pack's file was refused.

Why no switcher here: a drop-down on every page let the pack be changed by a stray click.
The pack is changed in Settings only, with a confirmation (and the organisation's PIN where
one is set); this bar only says which one applies.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.policy.loader import PackState
from ui.pack_list import shown
from ui.translations import say


class PolicyBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.in_force = QLabel(self)
        self.in_force.setAccessibleName(self.tr("Policy in force"))
        self.in_force.setTextFormat(Qt.TextFormat.PlainText)
        self.in_force.setWordWrap(True)
        self.in_force.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.in_force, 1)
        layout.addLayout(row)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(self.tr("Policy warning"))
        self.warning.setStyleSheet("QLabel { background: #fdecea; color: #611a15; padding: 6px; "
                                   "border: 1px solid #d9534f; border-radius: 4px; }")
        self.warning.hide()
        layout.addWidget(self.warning)

    def show_state(self, state: PackState, warning: str = "") -> None:
        pack = state.pack
        self.in_force.setText(self.tr("Policy in force: {name} (change it in Settings)").format(
            name=pack.name))
        self.in_force.setToolTip(shown(pack.summary) + "\n" + str(state.path))
        self.show_warning(warning or state.warning)

    def show_warning(self, text: str) -> None:
        self.warning.setText(("⚠ " + say(text)) if text else "")
        self.warning.setVisible(bool(text))
