"""Light and dark, following the operating system unless the person chose one.

Why: a tutor working late in a dark desktop should not get a glaring white window, and every
colour LessonGuard adds (notices, check rows) pairs its own text colour with its background,
so both themes stay readable.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

log = logging.getLogger(__name__)
THEME_ENV = "LESSONGUARD_THEME"  # overrides the setting: for a school's desktop image
# Lists, tables and scrolled panels draw no focus of their own when empty: a ring in the
# palette's highlight colour shows keyboard users where they are, in either theme.
FOCUS_RING = ("QAbstractItemView:focus, QAbstractScrollArea:focus { "
              "border: 2px solid palette(highlight); }")
# Status words drawn on the window's own background, light-theme and dark-theme colour. Each
# has a contrast of at least 4.5:1 (WCAG AA) on its theme's window and page colours (light:
# #efefef to #ffffff; dark: #202124 to #3e3f42, a tab page);
# tests/ui/test_layout.py measures what is drawn.
STATUS_COLOURS = {
    "good": ("#1b5e20", "#81c995"), "warn": ("#6d4c00", "#fdd663"),
    "fail": ("#8e1b10", "#f6aea9"), "alert": ("#a50e0e", "#f6aea9"),
    "info": ("#1a3d7c", "#8ab4f8"), "muted": ("#4a4a4a", "#bdc1c6"),
}
# A title bar and a panel the window manager adds around the window, in logical pixels.
FRAME = QSize(16, 72)
NATIVE_STYLE = "lessonguard_native_style"
THEMED = "lessonguard_themed"
CHOICE = "lessonguard_theme_choice"
# A label coloured by status kind remembers the kind (and the style sheet it was given), so a
# theme switch recolours words already on screen; rich text remembers its template.
STATUS_KIND, STATUS_SHEET = "lessonguard_status_kind", "lessonguard_status_sheet"
STATUS_CSS = "lessonguard_status_css"
RICH_TEMPLATE, RICH_SHOWN = "lessonguard_rich_template", "lessonguard_rich_shown"


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


INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
              QStyle.PrimitiveElement.PE_IndicatorRadioButton,
              QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck)


class ClearIndicators(QProxyStyle):
    """Fusion, with tick boxes and radio buttons whose edge stands out at least 3:1 (WCAG
    1.4.11): Fusion draws the outline only a shade darker than the window, so an empty box
    was faint on light grey (1.7:1) and dark on dark in the dark theme. Dialog buttons carry
    words only: the icons Fusion adds ("Close", "Cancel") were a dark cross on a dark button
    in the dark theme."""

    def styleHint(self, hint: QStyle.StyleHint, option: QStyleOption | None = None,
                  widget: QWidget | None = None, returnData: object = None) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        # PySide6's stub wants a QStyleHintReturn; Qt passes whatever it was given.
        return super().styleHint(hint, option, widget, returnData)  # type: ignore[arg-type]

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        if element in INDICATORS:
            option = type(option)(option)  # a copy: the caller's option is left as it was
            # Fusion's outline is the window colour made darker(140): give it a window
            # colour whose darker shade is the edge wanted.
            if option.palette.color(QPalette.ColorRole.Window).lightness() < 128:
                option.palette.setColor(QPalette.ColorRole.Window, QColor("#bdc1c6"))
                option.palette.setColor(QPalette.ColorRole.Base, QColor("#3c4043"))
                option.palette.setColor(QPalette.ColorRole.Text, QColor("#ffffff"))  # tick
            else:
                option.palette.setColor(QPalette.ColorRole.Window, QColor("#80868b"))
        super().drawPrimitive(element, option, painter, widget)


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
    if app.property(CHOICE) is None:  # the OS switching light/dark while "system" is used
        app.styleHints().colorSchemeChanged.connect(
            lambda _scheme: apply_theme(app, str(app.property(CHOICE) or "system")))
    app.setProperty(CHOICE, choice)
    if app.property(NATIVE_STYLE) is None:  # remembered, so "system" can go back to it
        app.setProperty(NATIVE_STYLE, app.style().name())
    if choice != "system" or dark:
        app.setStyle(ClearIndicators("Fusion"))
        app.setPalette(_dark_palette() if dark else app.style().standardPalette())
        app.setProperty(THEMED, True)
    elif app.property(THEMED):  # back from a chosen theme to the platform's own
        app.setStyle(str(app.property(NATIVE_STYLE)))
        app.setPalette(QPalette())  # an empty palette resets to the platform's
        app.setProperty(THEMED, False)
    recolour(app)
    log.info("theme: %s (%s)", "dark" if dark else "light", choice)
    return dark


def dark_now() -> bool:
    """Whether the window background in use is dark (either theme, or the OS's own)."""
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def status_colour(kind: str) -> str:
    """The colour of status words ("✖ 1 thing to fix") readable on today's background: dark
    red on light grey was fine, dark red on dark grey was not."""
    light, dark = STATUS_COLOURS.get(kind, STATUS_COLOURS["muted"])
    return dark if dark_now() else light


def paint_status(label: QWidget, kind: str, css: str = "") -> None:
    """Colour a label's status words (kind: good, warn, fail, alert, info, muted) for the
    theme in use, and again whenever the theme changes: "✖ 1 thing to fix" set in the light
    theme stayed dark red on the dark grey after a switch. `css`: the rest of its style."""
    label.setProperty(STATUS_KIND, kind)
    label.setProperty(STATUS_CSS, css)
    _paint(label)


def _paint(label: QWidget) -> None:
    css = str(label.property(STATUS_CSS) or "")
    colour = status_colour(str(label.property(STATUS_KIND)))
    sheet = f"QLabel {{ {css}{' ' if css else ''}color: {colour}; }}"
    label.setStyleSheet(sheet)
    label.setProperty(STATUS_SHEET, sheet)


def colour_of(kind: str) -> str:
    """A status colour inside rich text set with `set_rich`: filled in for today's theme,
    and filled in again when it changes (`<span style='color:{colour_of("muted")}'>`)."""
    return f"@@lessonguard-{kind}@@"


def _filled(template: str) -> str:
    for kind in STATUS_COLOURS:
        template = template.replace(colour_of(kind), status_colour(kind))
    return template


def set_rich(label: QLabel, template: str) -> None:
    """Rich text whose status colours (`colour_of`) follow the theme."""
    shown = _filled(template)
    label.setText(shown)
    label.setProperty(RICH_TEMPLATE, template)
    label.setProperty(RICH_SHOWN, shown)


def recolour(app: QApplication) -> None:
    """Every status colour on screen for the theme now in use. A label whose words or style
    were set another way since is left as it is (and forgets its status). Widgets under a
    style sheet keep the palette they were polished with until their sheet is set again:
    the whole window stayed light, its text dark on dark, after a switch to dark."""
    for widget in app.allWidgets():
        if widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())
        if widget.property(STATUS_KIND) is not None:
            if widget.styleSheet() == widget.property(STATUS_SHEET):
                _paint(widget)
            else:
                widget.setProperty(STATUS_KIND, None)
        if isinstance(widget, QLabel) and widget.property(RICH_TEMPLATE) is not None:
            if widget.text() == widget.property(RICH_SHOWN):
                set_rich(widget, str(widget.property(RICH_TEMPLATE)))
            else:
                widget.setProperty(RICH_TEMPLATE, None)


def fit_to_screen(window: QWidget, wanted: QSize | None = None) -> None:
    """Open no larger than the screen the window is on, less its frame and a panel: at 150%
    on 1440×900 the window opened at 1560×1170, off the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    if wanted is None:  # a window not yet sized by anyone is 100×30 until shown
        resized = window.testAttribute(Qt.WidgetAttribute.WA_Resized)
        wanted = window.size() if resized else window.sizeHint()
    size = wanted.boundedTo(room.size() - FRAME)
    window.resize(size)
    if window.isVisible() and room.contains(window.frameGeometry()):
        return  # already on the screen: it stays where the person put it
    window.move(max(room.left(), room.left() + (room.width() - window.width()) // 2),
                max(room.top(), room.top() + (room.height() - window.height()
                                              - FRAME.height()) // 2))


# The narrowest a dialog may be made, in logical pixels: a wrapped sentence keeps a dozen words
# a line instead of three (the PIN dialog could be made 188 px wide, its words cut off).
READABLE = 440
HONEST = "lessonguard_honest_minimum"


def honest_minimum(window: QWidget) -> None:
    """A dialog's minimum size: no narrower than its controls and a readable line, and at
    that width tall enough for its wrapped words; never more than the screen. A main window
    is left to its layout (its pages say what they need: ui.page_scroll)."""
    layout = window.layout()
    screen = window.screen() or QGuiApplication.primaryScreen()
    if layout is None or screen is None or not isinstance(window, QDialog):
        return  # a list's pop-up, a tool tip, the small companion: their own size
    room = screen.availableGeometry().size() - FRAME
    least = window.minimumSizeHint()
    width = min(max(least.width(), READABLE), room.width())
    height = least.height()
    if layout.hasHeightForWidth():
        height = max(height, layout.totalHeightForWidth(width))
    window.setMinimumSize(width, min(height, room.height()))


class _ScreenFitter(QObject):
    """Every window and dialog, as it is shown, is made to fit the screen if it would not:
    one place, so a dialog sized for a large screen still fits 1440×900 at 150%. Its
    minimum is made honest (honest_minimum) as it opens and whenever its layout changes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) \
                and watched.isWindow() and not watched.property(HONEST):
            watched.setProperty(HONEST, True)
            honest_minimum(watched)
        elif event.type() == QEvent.Type.LayoutRequest and isinstance(watched, QDialog) \
                and watched.property(HONEST) and watched.isVisible():
            honest_minimum(watched)  # what it holds grew (a row's new control): so does it
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) \
                and watched.isWindow() and not watched.isMaximized():
            screen = watched.screen()
            room = screen.availableGeometry() if screen is not None else None
            if room is not None and not room.contains(watched.frameGeometry()):
                fit_to_screen(watched)
        return False


_FITTER = _ScreenFitter()


def fit_every_window(app: QApplication) -> None:
    if not app.property("lessonguard_fits"):
        app.installEventFilter(_FITTER)
        app.setProperty("lessonguard_fits", True)


class _WheelGuard(QObject):
    """A drop-down changes only when it has the focus: a page scrolled with the wheel no
    longer switches whatever list passes under the pointer."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QComboBox) \
                and not watched.hasFocus():
            event.ignore()
            return True
        return False


_GUARD = _WheelGuard()


def guard_combo(box: QComboBox) -> QComboBox:
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    box.installEventFilter(_GUARD)
    return box
