"""The themes: tick boxes and radio buttons can be found in both (Fusion alone drew an empty
box dark on dark, #17181a inside a near-black outline on #202124), and a theme switch recolours
the status words already on screen."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.profile import save_profile
from app.store import Store
from checks.base import CheckResult
from checks.runner import CheckRun
from ui.launch import build_window
from ui.theme import STATUS_COLOURS, apply_theme, colour_of, paint_status, set_rich


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


def drawn_contrast(label: QWidget, window: QWidget) -> float:
    """The label as drawn in its window (over what its parents paint): its commonest colour
    is the background, the pixel furthest from it in contrast the core of a letter."""
    at = label.mapTo(window, QPoint(0, 0))
    shot = pixels(window)[at.y():at.y() + label.height(),
                          at.x():at.x() + label.width()].reshape(-1, 3)
    colours, counts = np.unique(shot, axis=0, return_counts=True)
    lum = luminance(colours)
    bg = lum[counts.argmax()]
    return float(((np.maximum(lum, bg) + 0.05) / (np.minimum(lum, bg) + 0.05)).max())


def test_a_theme_switch_recolours_the_results_already_on_screen(
        qtbot: QtBot, store: Store) -> None:
    """"✖ 1 thing to fix", shown in the light theme, then the theme switched to dark while it
    is on screen (and back): it is readable (4.5:1, WCAG AA) in each, not dark red on dark
    grey until the checks are run again."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    save_profile(store, "tutor", "Sam Taylor", "hms")
    try:
        apply_theme(app, "light")
        window = build_window(store, "synthetic", "none")
        qtbot.addWidget(window)
        window.show()
        window.show_page("checks")
        page = window.checks_page
        assert page is not None
        page.checks.owner = "page"  # the page's own run finished with one failure
        broken = CheckResult("apps", "Other programs", "fail", "A screen recorder is open.")
        page.checks.finished.emit(CheckRun("hms", datetime.now(UTC),
                                           [broken, CheckResult("camera", "Camera", "pass",
                                                                "The camera works.")]))
        summary = page.summary
        assert summary.text().startswith("✖")
        qtbot.waitExposed(window)
        for theme in ("light", "dark", "light"):
            apply_theme(app, theme)
            app.processEvents()
            ratio = drawn_contrast(summary, window)
            assert ratio >= 4.5, (theme, ratio, summary.styleSheet())
    finally:
        apply_theme(app, "system")


def test_rich_text_follows_the_theme_unless_it_was_replaced(qtbot: QtBot) -> None:
    """The Ready screen's grey "why" lines are rich text: their colour is filled in again on
    a switch; a label whose words were set another way since keeps those words."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        apply_theme(app, "light")
        why, replaced, status = QLabel(), QLabel(), QLabel()
        for label in (why, replaced, status):
            qtbot.addWidget(label)
        template = f"Agreed<br><span style='color:{colour_of('muted')}'>HMS 4.2</span>"
        set_rich(why, template)
        set_rich(replaced, template)
        paint_status(status, "fail", "font-weight: bold;")
        light_muted, light_fail = STATUS_COLOURS["muted"][0], STATUS_COLOURS["fail"][0]
        assert light_muted in why.text() and light_fail in status.styleSheet()
        replaced.setText("The person's own words")
        apply_theme(app, "dark")
        dark_muted, dark_fail = STATUS_COLOURS["muted"][1], STATUS_COLOURS["fail"][1]
        assert dark_muted in why.text() and light_muted not in why.text()
        assert dark_fail in status.styleSheet() and "font-weight: bold" in status.styleSheet()
        assert replaced.text() == "The person's own words"
    finally:
        apply_theme(app, "system")


SYMBOLS = re.compile(r"[\u2190-\u2bff\U0001f300-\U0001faff]")


def test_every_symbol_the_window_shows_is_in_its_font(qtbot: QtBot) -> None:
    """"⛔" was an empty box: the window's font (DejaVu Sans, Qt's choice here) has no glyph
    for it. Every arrow, tick, cross and sign written in the window's code or the domain's
    words must be one the font can draw."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    metrics = QFontMetrics(app.font())
    root = Path(__file__).resolve().parents[2]
    used: dict[str, str] = {}
    for folder in ("ui", "app", "checks"):
        for source in sorted((root / folder).rglob("*.py")):
            for symbol in SYMBOLS.findall(source.read_text(encoding="utf-8")):
                used.setdefault(symbol, source.name)
    assert {"✔", "✖", "⚠"} <= set(used), sorted(used)
    missing = {s: f for s, f in used.items() if not metrics.inFontUcs4(ord(s))}
    assert not missing, f"no glyph in {app.font().family()}: {missing}"
