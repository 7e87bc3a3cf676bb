"""A microphone level meter: a bar with a falling peak mark, and the level in words.

Why: a tutor glancing at it must see at once whether the microphone hears them, so the
number and the words ("quiet", "good", "too loud") are shown, never colour alone.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

FLOOR_DB = -60.0
QUIET_DB = -40.0
LOUD_DB = -6.0
PEAK_FALL_DB_PER_S = 20.0

GREEN = QColor(46, 160, 67)
AMBER = QColor(230, 160, 20)
RED = QColor(210, 50, 40)


class LevelMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level_db = FLOOR_DB
        self.peak_db = FLOOR_DB
        self._peak_time = time.monotonic()
        self.setMinimumHeight(28)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Microphone level"))
        self._update_accessible()

    def set_level(self, rms_db: float, peak_db: float) -> None:
        now = time.monotonic()
        self.level_db = max(FLOOR_DB, min(0.0, rms_db))
        fallen = self.peak_db - PEAK_FALL_DB_PER_S * (now - self._peak_time)
        if peak_db >= fallen:
            self.peak_db, self._peak_time = max(FLOOR_DB, min(0.0, peak_db)), now
        else:
            self.peak_db, self._peak_time = max(FLOOR_DB, fallen), now
        self._update_accessible()
        self.update()

    def words(self) -> str:
        if self.level_db <= FLOOR_DB + 1:
            return self.tr("silent")
        if self.level_db < QUIET_DB:
            return self.tr("quiet")
        if self.peak_db > LOUD_DB:
            return self.tr("too loud")
        return self.tr("good")

    def _update_accessible(self) -> None:
        self.setAccessibleDescription(f"{self.level_db:.0f} dB, {self.words()}")
        self.setToolTip(self.accessibleDescription())

    def fraction(self) -> float:
        return (self.level_db - FLOOR_DB) / -FLOOR_DB

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        text_w = 130.0
        bar = QRectF(rect.left(), rect.top(), rect.width() - text_w, rect.height())
        painter.fillRect(bar, self.palette().base())
        painter.setPen(self.palette().mid().color())
        painter.drawRect(bar)
        fill = QRectF(bar.left(), bar.top(), bar.width() * self.fraction(), bar.height())
        # The colour says what the words say: a peak near clipping is "too loud" even when
        # the average is green (the bar read green beside "too loud").
        colour = GREEN if self.level_db < LOUD_DB and self.peak_db <= LOUD_DB else RED
        if self.level_db < QUIET_DB:
            colour = AMBER
        painter.fillRect(fill.adjusted(1, 1, 0, -1), colour)
        peak_x = bar.left() + bar.width() * (self.peak_db - FLOOR_DB) / -FLOOR_DB
        painter.setPen(self.palette().text().color())
        painter.drawLine(int(peak_x), int(bar.top()), int(peak_x), int(bar.bottom()))
        painter.drawText(
            QRectF(bar.right() + 8, rect.top(), text_w - 8, rect.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            f"{self.level_db:.0f} dB · {self.words()}",
        )
