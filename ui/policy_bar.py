"""Shows which policy pack is in force, lets the user choose another, and warns when an edit
to the pack's file was refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.policy.loader import PackState, load_pack, shipped_pack_ids
from ui.translations import say

OTHER_FILE = "__file__"


class PolicyBar(QWidget):
    pack_chosen = Signal(str)

    def __init__(self, choice: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.in_force = QLabel(self)
        self.in_force.setAccessibleName(self.tr("Policy in force"))
        self.in_force.setTextFormat(Qt.TextFormat.PlainText)
        self.in_force.setWordWrap(True)
        self.in_force.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.box = QComboBox(self)
        self.box.setAccessibleName(self.tr("Organisation's policy"))
        label = QLabel(self.tr("&Policy:"), self)
        label.setBuddy(self.box)
        row.addWidget(label)
        row.addWidget(self.box)
        row.addWidget(self.in_force, 1)
        layout.addLayout(row)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(self.tr("Policy warning"))
        self.warning.setStyleSheet("QLabel { background: #fdecea; color: #611a15; padding: 6px; "
                                   "border: 1px solid #d9534f; border-radius: 4px; }")
        self.warning.hide()
        layout.addWidget(self.warning)
        self._fill(choice)
        self.box.activated.connect(self._activated)

    def _fill(self, current: str) -> None:
        self.box.clear()
        for pack_id in shipped_pack_ids():
            self.box.addItem(load_pack(pack_id).name, pack_id)
        if self.box.findData(current) < 0:
            self.box.addItem(Path(current).name, current)
        self.box.addItem(self.tr("Other policy file…"), OTHER_FILE)
        self.box.setCurrentIndex(max(0, self.box.findData(current)))

    def _activated(self, index: int) -> None:
        choice = self.box.itemData(index)
        if choice == OTHER_FILE:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a policy pack"),
                                                  str(Path.home()),
                                                  self.tr("Policy packs (*.toml)"))
            if not path:
                return
            self._fill(path)
            choice = path
        self.pack_chosen.emit(choice)

    def show_state(self, state: PackState, warning: str = "") -> None:
        pack = state.pack
        self.in_force.setText(self.tr("In force: {name}. {summary}").format(
            name=pack.name, summary=pack.summary))
        self.in_force.setToolTip(str(state.path))
        index = self.box.findData(pack.id)
        if index < 0:
            index = self.box.findData(str(state.path))
        if index >= 0:
            self.box.setCurrentIndex(index)
        self.show_warning(warning or state.warning)

    def show_warning(self, text: str) -> None:
        self.warning.setText(("⚠ " + say(text)) if text else "")
        self.warning.setVisible(bool(text))
