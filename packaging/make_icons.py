"""Draw LessonGuard's icon (a shield with a quaver) and write the PNG and ICO files the app
and the bundles use. Run again only to change the icon:

    .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    shield = QPainterPath()
    shield.moveTo(128 * s, 14 * s)
    shield.cubicTo(170 * s, 36 * s, 206 * s, 40 * s, 228 * s, 40 * s)
    shield.cubicTo(228 * s, 150 * s, 196 * s, 206 * s, 128 * s, 244 * s)
    shield.cubicTo(60 * s, 206 * s, 28 * s, 150 * s, 28 * s, 40 * s)
    shield.cubicTo(50 * s, 40 * s, 86 * s, 36 * s, 128 * s, 14 * s)
    p.setPen(QPen(QColor("#0d3c61"), 8 * s))
    p.setBrush(QBrush(QColor("#1976d2")))
    p.drawPath(shield)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("white")))
    p.drawEllipse(QRectF(78 * s, 150 * s, 56 * s, 42 * s))  # the note head
    p.drawRect(QRectF(122 * s, 70 * s, 12 * s, 100 * s))  # the stem
    flag = QPainterPath()
    flag.moveTo(QPointF(134 * s, 70 * s))
    flag.cubicTo(QPointF(160 * s, 86 * s), QPointF(178 * s, 100 * s), QPointF(168 * s, 136 * s))
    flag.cubicTo(QPointF(166 * s, 112 * s), QPointF(152 * s, 102 * s), QPointF(134 * s, 96 * s))
    flag.closeSubpath()
    p.drawPath(flag)
    p.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    ok = draw(256).save(str(OUT / "lessonguard.png"))
    ok &= draw(48).save(str(OUT / "lessonguard-48.png"))
    ok &= draw(256).save(str(OUT / "lessonguard.ico"))
    del app
    print(f"icons written to {OUT}" if ok else "could not write the icons")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
