"""The shipped policy packs (and a file the organisation gave), each with its summary wrapped to
the window's width: used by first run and by Settings' "Change policy".

Why radio buttons with wrapped labels rather than a list: a list item does not wrap, so a
summary needed horizontal scrolling; and a drop-down switched packs on a stray click or scroll.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.policy.loader import load_pack, shipped_pack_ids
from app.policy.schema import PolicyPack
from ui.page_scroll import PageScroll

FOOTNOTE = re.compile(r"\[\d{1,2}\]")


def shown(text: str) -> str:
    """Pack text as a person reads it: the seed document's footnote markers ("normally[1]")
    point at notes that are not shown, so they are left out; the words stay the pack's."""
    return FOOTNOTE.sub("", str(text))


class PackChoice(PageScroll):
    """One radio button per pack, its summary under it; scrolls vertically only, never
    narrower than a pack's name."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the packs' buttons
        self.inner = QWidget(self)
        self.rows = QVBoxLayout(self.inner)
        self.rows.addStretch(1)
        self.setWidget(self.inner)
        self.group = QButtonGroup(self)
        self.packs: dict[str, PolicyPack] = {}
        self.buttons: dict[str, QRadioButton] = {}
        for pack_id in shipped_pack_ids():
            self.add(pack_id, load_pack(pack_id))

    def add(self, spec: str, pack: PolicyPack, detail: str = "") -> None:
        if spec in self.buttons:
            return
        self.packs[spec] = pack
        button = QRadioButton(pack.name, self.inner)
        button.setAccessibleName(pack.name)
        button.setStyleSheet("QRadioButton { font-weight: bold; }")
        summary = QLabel(shown(detail or pack.summary), self.inner)
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setContentsMargins(24, 0, 0, 6)
        summary.setBuddy(button)
        at = self.rows.count() - 1  # before the stretch
        self.rows.insertWidget(at, button)
        self.rows.insertWidget(at + 1, summary)
        self.group.addButton(button)
        self.buttons[spec] = button
        button.toggled.connect(self._toggled)

    def _toggled(self, on: bool) -> None:
        if on:
            self.changed.emit()

    def select(self, spec: str) -> bool:
        button = self.buttons.get(spec)
        if button is None:
            return False
        button.setChecked(True)
        self.ensureWidgetVisible(button)
        return True

    def choice(self) -> str | None:
        return next((spec for spec, b in self.buttons.items() if b.isChecked()), None)

    def pack(self) -> PolicyPack | None:
        spec = self.choice()
        return self.packs[spec] if spec is not None else None
