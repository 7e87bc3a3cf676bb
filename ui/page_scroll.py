"""A page that scrolls up and down only, and is never narrower than what it holds needs.

Why: a scroll area's own minimum is a few pixels, so a window could be made narrower than its
page and the page's right edge was cut with no way to reach it (the camera page at 150% in a
window under ~800 px). With this minimum the window's minimum width is honest: as narrow as
the window can be made, everything in the page is on show.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class PageScroll(QScrollArea):
    """Vertical scrolling only; its minimum width is its page's plus the scroll bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)  # its layout changing changes this minimum
        self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        own = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return own
        width = (inner.minimumSizeHint().width() + 2 * self.frameWidth()
                 + self.verticalScrollBar().sizeHint().width())
        return QSize(max(own.width(), width), own.height())
