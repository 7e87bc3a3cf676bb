"""Light and dark, following the operating system unless the person chose one.

Why: a tutor working late in a dark desktop should not get a glaring white window, and every
colour LessonGuard adds (notices, check rows) pairs its own text colour with its background,
so both themes stay readable.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
THEME_ENV = "LESSONGUARD_THEME"  # overrides the setting: for a school's desktop image
# Lists, tables and scrolled panels draw no focus of their own when empty: a ring in the
# palette's highlight colour shows keyboard users where they are, in either theme.
FOCUS_RING = ("QAbstractItemView:focus, QAbstractScrollArea:focus { "
              "border: 2px solid palette(highlight); }")
NATIVE_STYLE = "lessonguard_native_style"
THEMED = "lessonguard_themed"


def forced_theme() -> str:
    """The theme set for this computer by LESSONGUARD_THEME, or "" when the person chooses."""
    value = os.environ.get(THEME_ENV, "")
    return value if value in ("system", "light", "dark") else ""


def _dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#2a2b2e",
        QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#303134",
        QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.ToolTipBase: "#303134",
        QPalette.ColorRole.ToolTipText: "#e8eaed", QPalette.ColorRole.Highlight: "#8ab4f8",
        QPalette.ColorRole.HighlightedText: "#202124", QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6", QPalette.ColorRole.BrightText: "#ffffff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f8388"))
    return palette


def is_dark(app: QApplication, choice: str) -> bool:
    if choice in ("light", "dark"):
        return choice == "dark"
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, choice: str) -> bool:
    """Apply the chosen theme; returns whether it is dark. "system" keeps the platform's own
    look and palette (which already follows the OS); a forced theme uses Fusion."""
    choice = os.environ.get(THEME_ENV, choice)
    if choice not in ("system", "light", "dark"):
        log.warning("%s=%s is not a theme (system, light or dark)", THEME_ENV, choice)
        choice = "system"
    dark = is_dark(app, choice)
    if app.property(NATIVE_STYLE) is None:  # remembered, so "system" can go back to it
        app.setProperty(NATIVE_STYLE, app.style().name())
    if choice != "system" or dark:
        app.setStyle("Fusion")
        app.setPalette(_dark_palette() if dark else app.style().standardPalette())
        app.setProperty(THEMED, True)
    elif app.property(THEMED):  # back from a chosen theme to the platform's own
        app.setStyle(str(app.property(NATIVE_STYLE)))
        app.setPalette(QPalette())  # an empty palette resets to the platform's
        app.setProperty(THEMED, False)
    log.info("theme: %s (%s)", "dark" if dark else "light", choice)
    return dark
