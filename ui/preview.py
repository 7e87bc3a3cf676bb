"""The camera preview: paints the latest picture, letterboxed, and says so when there is none."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class PreviewWidget(QWidget):
    """Also where keep-clear areas are drawn: drag a rectangle over the instrument."""

    area_drawn = Signal(tuple)  # (x, y, w, h) as fractions of the picture

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.areas: list[tuple[float, float, float, float]] = []
        self.drawing = False
        self._drag_from: QPoint | None = None
        self._drag_to: QPoint | None = None
        self._image: QImage | None = None
        self._placeholder = self.tr("No picture yet")
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Camera preview"))
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    def clear(self, placeholder: str) -> None:
        self._image = None
        self._placeholder = placeholder
        self.update()

    def picture_rect(self) -> QRect:
        if self._image is None or self._image.isNull():
            return self.rect()
        size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(self.rect().center())
        return target

    def set_drawing(self, on: bool) -> None:
        self.drawing = on
        self.setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.drawing and event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = self._drag_to = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._drag_to = event.position().toPoint()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is None:
            return
        pic = self.picture_rect()
        drawn = QRect(self._drag_from, event.position().toPoint()).normalized() & pic
        self._drag_from = self._drag_to = None
        self.update()
        if drawn.width() > 8 and drawn.height() > 8 and pic.width() and pic.height():
            self.area_drawn.emit(((drawn.x() - pic.x()) / pic.width(),
                                  (drawn.y() - pic.y()) / pic.height(),
                                  drawn.width() / pic.width(), drawn.height() / pic.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if self._image is None or self._image.isNull():
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self._placeholder)
            return
        size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(self.rect().center())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._image)
        if self.drawing or self._drag_from is not None:
            painter.setPen(QPen(QColor(255, 214, 0), 2, Qt.PenStyle.DashLine))
            for x, y, w, h in self.areas:
                painter.drawRect(QRectF(target.x() + x * target.width(),
                                        target.y() + y * target.height(),
                                        w * target.width(), h * target.height()))
            if self._drag_from is not None and self._drag_to is not None:
                painter.drawRect(QRect(self._drag_from, self._drag_to).normalized())
