"""A small live plot of the speed test: Mbit/s over time for each direction, with the
policy's threshold drawn as a dashed line. Labelled in words too, never colour alone."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

COLOURS = {"download": QColor(25, 118, 210), "upload": QColor(123, 31, 162)}


class ThroughputPlot(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: dict[str, list[tuple[float, float]]] = {"download": [], "upload": []}
        self.threshold = 2.0
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Internet speed while measuring"))

    def reset(self, threshold: float) -> None:
        self.points = {"download": [], "upload": []}
        self.threshold = threshold
        self.update()

    def add(self, direction: str, seconds: float, mbps: float) -> None:
        self.points.setdefault(direction, []).append((seconds, mbps))
        last = {d: p[-1][1] for d, p in self.points.items() if p}
        self.setAccessibleDescription(", ".join(f"{d} {v:.1f} Mbit/s" for d, v in last.items()))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(40, 8, -110, -18)
        painter.fillRect(self.rect(), self.palette().base())
        all_points = [p for pts in self.points.values() for p in pts]
        top = max([self.threshold * 1.5, *(v for _, v in all_points)]) * 1.1
        right = max([10.0, *(t for t, _ in all_points)])

        def at(t: float, v: float) -> QPointF:
            return QPointF(area.left() + area.width() * t / right,
                           area.bottom() - area.height() * v / top)

        painter.setPen(self.palette().mid().color())
        painter.drawRect(area)
        painter.setPen(self.palette().text().color())
        painter.drawText(QRectF(0, area.top() - 6, 36, 14), Qt.AlignmentFlag.AlignRight,
                         f"{top:.0f}")
        painter.drawText(QRectF(0, area.bottom() - 8, 36, 14), Qt.AlignmentFlag.AlignRight, "0")
        painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), 14),
                         Qt.AlignmentFlag.AlignCenter, self.tr("seconds"))
        dashed = QPen(QColor(200, 60, 40), 1.5, Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        y = at(0, self.threshold).y()
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        # The legend rows, one font line apart, and the threshold's label beside its line
        # unless that would sit on the legend: then just below it.
        line = painter.fontMetrics().height()
        legend_bottom = area.top() + line * len(self.points)
        painter.drawText(QPointF(area.right() + 6, max(y + 4, legend_bottom + line)),
                         self.tr("needed: {v:g}").format(v=self.threshold))
        for row, (direction, pts) in enumerate(self.points.items()):
            pen = QPen(COLOURS.get(direction, QColor("black")), 2.0)
            painter.setPen(pen)
            for (t0, v0), (t1, v1) in itertools.pairwise(pts):
                painter.drawLine(at(t0, v0), at(t1, v1))
            for t, v in pts:
                painter.drawEllipse(at(t, v), 2.5, 2.5)
            label = self.tr("download") if direction == "download" else self.tr("upload")
            if pts:
                label += f" {pts[-1][1]:.1f}"
            painter.drawText(QPointF(area.right() + 6, area.top() + line * (row + 1) - 2), label)
