"""The dark theme's tick boxes and radio buttons can be found: Fusion alone drew an empty box
dark on dark (#17181a inside a near-black outline on #202124)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.theme import apply_theme


def pixels(widget: QWidget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    raw = np.frombuffer(image.constBits(), np.uint8)
    return raw.reshape(image.height(), image.bytesPerLine())[:, :image.width() * 3].reshape(
        image.height(), image.width(), 3).astype(int)


def luminance(rgb: np.ndarray) -> np.ndarray:
    c = rgb / 255.0
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * c[..., 0] + 0.7152 * c[..., 1] + 0.0722 * c[..., 2]


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_an_empty_tick_box_and_radio_button_stand_out_from_the_window(
        qtbot: QtBot, theme: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        apply_theme(app, theme)
        for kind in (QCheckBox, QRadioButton):
            holder = QWidget()
            qtbot.addWidget(holder)
            box = kind("")  # no words: only the indicator is drawn
            QVBoxLayout(holder).addWidget(box)
            holder.resize(40, 40)
            holder.show()
            qtbot.waitExposed(holder)
            shot = pixels(holder)
            window = luminance(np.array(app.palette().window().color().getRgb()[:3]))
            lum = luminance(shot)
            contrast = (np.maximum(lum, window) + 0.05) / (np.minimum(lum, window) + 0.05)
            # WCAG 2.1 (1.4.11, non-text contrast): a control's edge at least 3:1 against
            # what is around it.
            assert contrast.max() >= 3.0, (theme, kind.__name__, contrast.max())
    finally:
        apply_theme(app, "system")
