"""Every page and dialog fits the screens people have: 1366×768 at 100% and 1440×900 at 150%.

For each surface (the window's pages, the panic state, Start lesson's steps, first run's pages,
Settings' policy and PIN dialogs, End lesson with its warning, the companion, the report
wizard...) it checks, in the light and the dark theme:
- no widget lies outside the screen, and no window is larger than the screen;
- made as narrow as it allows, each still fits: its minimum width is honest (on the screen,
  and nothing in it cut: no widget outside its parent, no scrolled page wider than its view
  without a scroll bar, no label clipped);
- no label's text is clipped: its geometry holds its size hint (wrapped labels: the height
  their width needs);
- status words ("✖ 1 thing to fix", "⚠ …") have a contrast of at least 4.5:1 (WCAG AA),
  measured on the pixels drawn, and no colour written into a label's text falls below it.

Each scale runs in its own process (QT_SCALE_FACTOR is read once, when Qt starts) on the real
offscreen platform given that screen's size; one QApplication serves both themes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

SCREENS = {"100": (1366, 768, "1"), "150": (1440, 900, "1.5")}
STATUS = tuple("✔✖⚠⊘ℹ●■")
AA = 4.5


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_wcag_examples() -> None:
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast((0x76, 0x76, 0x76), (255, 255, 255)), 2) == 4.54  # WCAG's own
    # The reported fault: dark red status text on the dark theme's grey.
    assert contrast((0x8e, 0x1b, 0x10), (0x20, 0x21, 0x24)) < AA


def _start(scale: str, tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    width, height, factor = SCREENS[scale]
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"synchronousWindowSystem": True, "windowFrameMargins": False,
                                  "screens": [{"name": "lg", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96,
                                               "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": factor, "LESSONGUARD_DATA_DIR": str(tmp_path / "data")}
    env.pop("LESSONGUARD_THEME", None)
    out = tmp_path / "problems.json"
    proc = subprocess.Popen([sys.executable, "-m", "tests.ui.test_layout", str(tmp_path),
                             str(out)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    return proc, out


def test_every_page_and_dialog_fits_and_reads(tmp_path: Path) -> None:
    """Both screens at once, each in its own process (the two wait on the checks)."""
    started = {}
    for scale in SCREENS:
        (tmp_path / scale).mkdir()
        started[scale] = _start(scale, tmp_path / scale)
    report = []
    for scale, (proc, out) in started.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-4000:]
        problems = json.loads(out.read_text())
        report += [f"{scale}%: {problem}" for problem in problems]
    assert not report, f"{len(report)} layout problems:\n" + "\n".join(report)


# ---- the probe, run in its own process: `python -m tests.ui.test_layout DIR OUT` ----------


def _surfaces(data: Path) -> Iterator[tuple[str, object]]:
    from PySide6.QtWidgets import QApplication

    from app.consent import consent_text
    from app.lesson_plan import end_needs
    from app.lessons import Lessons
    from app.policy.loader import load_pack
    from app.profile import NewPupil, add_pupil, save_profile
    from app.settings import load_settings
    from app.store import Store
    from ui.companion import CompanionWindow
    from ui.consent_dialog import ConsentDialog
    from ui.end_lesson import EndLessonDialog
    from ui.first_run import FirstRunWizard
    from ui.launch import build_window
    from ui.lessons_page import NewLessonDialog
    from ui.people_dialog import AddPupilDialog
    from ui.policy_dialog import PinDialog, PolicyDialog
    from ui.sound_test import SoundTestDialog

    store = Store(data)
    pack = load_pack("hms")
    save_profile(store, "tutor", "Sam Taylor", "hms")
    pupil = add_pupil(store, pack, NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee", True),
                      actor="Sam Taylor")
    lesson = Lessons(store).book(pack, pupil.id, datetime.now(UTC) + timedelta(days=2),
                                 duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                                 confirmed_by="Sam Taylor")
    window = build_window(store, "synthetic", "none")
    window.show()
    app = QApplication.instance()
    assert app is not None
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        yield f"page {window.tabs.tabText(index)}", window
    # The camera page at its widest: a microphone with a long system name, a pupil's consent
    # both to give and to withdraw, the recording's reason.
    from ui.recording_bar import RecordingBar
    from ui.recording_controller import GateView

    window.device_bar.mic_box.addItem("Built-in Audio Analog Stereo (USB Audio Device Mic)",
                                      "long")
    window.device_bar.mic_box.setCurrentIndex(window.device_bar.mic_box.count() - 1)
    recording = window.recording_bar
    assert isinstance(recording, RecordingBar)
    recording.show_gate(GateView(False, "Consent from the second parent is still needed.",
                                 needs_consent=True, forbidden=False, has_consent=True), False)
    # A longer translation of a button (as German gives): the page needs more width, so the
    # window may not be made narrower than that.
    recording.withdraw.setText("Einverständnis &widerrufen…")
    recording.consent.setText("Einverständnis &geben…")
    window.tabs.setCurrentWidget(window.capture_page)
    yield "camera page, long names", window
    # The panic state: its banner must leave "Resume camera and mic" on the screen.
    bar = window.panic.bar
    bar.show_pressed(["a recording"], "■ Camera and microphone are OFF for the lesson. The "
                     "lesson sees a privacy card and hears nothing. Check the platform too.")
    window.tabs.setCurrentIndex(0)
    yield "panic banner", window
    bar.show_resumed()
    # Start lesson runs the real checks (the demo camera, no microphone: some fail); their
    # verdicts, "✖ … to fix" among them, are what is measured.
    done: list[object] = []
    checks = window.checks_page.checks
    checks.finished.connect(done.append)
    checks.failed.connect(done.append)
    start = window.lessons.start_lesson(lesson.id)
    deadline = time.monotonic() + 90
    while not done and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    assert done, "the checks did not finish in 90 s"
    for index in range(len(start.pages)):
        start.stack.setCurrentIndex(index)
        yield f"start lesson step {index + 1}", start
    start.reject()
    window.show_page("checks")
    yield "page Check my setup, after a run", window
    for role in ("tutor", "responsible_adult"):
        wizard = FirstRunWizard(store, load_settings(store), window)
        wizard.show()
        wizard.role_page.buttons[role].setChecked(True)
        for page in range(5):
            yield f"first run ({role}) page {wizard.currentId()}", wizard
            if role == "responsible_adult" and wizard.currentId() == 1:
                wizard.pack_page.select("tutorninjas")  # asks the parent's consent
            if wizard.currentId() == 2 and page == 2:
                wizard.pupils_page.name.setText("Ben Ray")
                wizard.pupils_page.adult.setText("Sam Taylor")
                wizard.pupils_page.sponsor_adult.setChecked(True)
            wizard.next()
        wizard.reject()
        wizard.deleteLater()
    plan = window.lessons.controller.plan(lesson)
    ending = EndLessonDialog("Amy Lee", end_needs(pack, plan.supervision, "school_staff"),
                             "Sam Taylor", "school_staff", window)
    ending.show()
    ending._accept()  # the warning appears: the text above it must not be clipped
    others = [
        ("end lesson, warning shown", ending),
        ("new lesson", NewLessonDialog(Lessons(store).people.list("pupil"), "Sam", window)),
        ("companion", CompanionWindow("Lesson with Amy Lee", True, "Ctrl+Shift+P")),
        ("add pupil", AddPupilDialog(window)),
        ("change policy", PolicyDialog("hms", pack.name, True, window)),
        ("organisation PIN", PinDialog(True, window)),
        ("sound test", SoundTestDialog("default", "default", parent=window)),
        ("consent", ConsentDialog(consent_text(load_pack("tutorninjas")), pupil,
                                  [p for p in Lessons(store).people.list("responsible_adult")],
                                  window)),
    ]
    # Linking: the tutor's code shown large while waiting; the parent's code refused.
    from ui.link_dialog import CreateLinkDialog, JoinLinkDialog

    code = CreateLinkDialog([(pupil.id, "Amy Lee", "Jo Lee")], window)
    code.make_code.click()
    code.show_code("K7QM-3XTD-9HPW", "18:10")
    join = JoinLinkDialog(window)
    join.code.setText("K7QM-3XTD-9HPX")
    join.show_problem("That code has a mistake in it: check each letter and number, or ask "
                      "the tutor for a new one.")
    others += [("link: the tutor's code", code), ("link: the parent types it", join)]
    for name, dialog in others:
        dialog.show()  # type: ignore[attr-defined]
        yield name, dialog
        dialog.close()  # type: ignore[attr-defined]
    wizard = window.panic.open_wizard()  # the report, walked as a tutor would
    yield "report: in danger?", wizard
    wizard.danger_page.no.setChecked(True)
    wizard.next()
    wizard.who_page.buttons["tutor"].setChecked(True)
    wizard.who_page.name.setText("Sam Taylor")
    yield "report: who", wizard
    wizard.next()
    yield "report: what", wizard
    wizard.what_page.buttons[next(iter(wizard.what_page.buttons))].setChecked(True)
    wizard.next()
    while wizard.currentId() != -1 and wizard.page(wizard.currentId()) is not \
            wizard.steps_page:
        yield f"report page {wizard.currentId()}", wizard
        wizard.next()
    yield "report: steps", wizard
    for check in wizard.steps_page.checks:
        check.setChecked(True)
    wizard.next()
    yield "report: details", wizard
    wizard.close()
    window.close()
    store.close()
    # The parent's window: its own pages ("Your lesson" among them), a tab more than the tutor's.
    (data / "parent").mkdir()
    parents = Store(data / "parent")
    save_profile(parents, "responsible_adult", "Jo Lee", "hms")
    add_pupil(parents, pack, NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee", True),
              actor="Jo Lee")
    window = build_window(parents, "synthetic", "none")
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        yield f"parent's page {window.tabs.tabText(index)}", window
    window.close()
    parents.close()


def _inside_scroll(widget: object, root: object) -> bool:
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()  # type: ignore[attr-defined]
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _label_colours(label: object) -> list[tuple[int, int, int]]:
    """Colours written into the label: its style sheet's `color:` and inline HTML colours."""
    text = f"{label.styleSheet()} {label.text()}"  # type: ignore[attr-defined]
    found = re.findall(r"(?<![-\w])color\s*:\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", text)
    out = []
    for h in found:
        h = "".join(c * 2 for c in h) if len(h) == 3 else h
        out.append((int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)))
    return out


def _window_pixels(root: object) -> tuple[np.ndarray, float]:
    """The window as drawn, once per surface (R, G, B), and its device pixel ratio."""
    from PySide6.QtGui import QImage

    image = root.grab().toImage().convertToFormat(  # type: ignore[attr-defined]
        QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), 2::-1].copy()
    return data, image.devicePixelRatio()  # a copy: the image's memory goes with it


def _drawn_contrast(label: object, root: object, pixels: tuple[np.ndarray, float]
                    ) -> tuple[float, tuple[int, int, int], tuple[int, int, int]] | None:
    """The label as drawn in its window (over whatever its parents paint): its commonest
    colour is the background; the pixel furthest from it in contrast is the text (the core
    of a glyph, not its anti-aliased edge)."""
    from PySide6.QtCore import QPoint, QRect

    # What of it is on show: its rectangle cut by every parent's (a scroll area's viewport
    # hides what is scrolled away).
    seen = QRect(label.mapTo(root, QPoint(0, 0)), label.size())  # type: ignore[attr-defined]
    parent = label.parentWidget()  # type: ignore[attr-defined]
    while parent is not None and parent is not root:
        seen &= QRect(parent.mapTo(root, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    if seen.height() < label.height() * 0.8:  # type: ignore[attr-defined]
        # Scrolled (partly) out of view: a sliver of the tops of its letters is only their
        # anti-aliased edges, not the colour a person reads once it is scrolled to.
        return None
    data, ratio = pixels
    x0, y0 = int(seen.x() * ratio), int(seen.y() * ratio)
    x1, y1 = x0 + int(seen.width() * ratio), y0 + int(seen.height() * ratio)
    crop = data[max(y0, 0):y1, max(x0, 0):x1].reshape(-1, 3)
    if not len(crop):
        return None
    # One number per colour (R, G, B in 24 bits): the same colours, in the same order, as
    # np.unique(crop, axis=0), which sorts rows as structured values, ten times slower.
    packed = crop[:, 0].astype(np.uint32) << 16 | crop[:, 1].astype(np.uint32) << 8 | crop[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    colours = np.stack([values >> 16, (values >> 8) & 0xFF, values & 0xFF], axis=1)
    if len(colours) < 3:  # no glyph drawn here (covered by another widget): nothing to read
        return None
    bg = tuple(int(c) for c in colours[counts.argmax()])
    best = max((tuple(int(c) for c in colour) for colour in colours),
               key=lambda c: contrast(c, bg))  # type: ignore[arg-type]
    return contrast(best, bg), best, bg  # type: ignore[return-value]


def _cut(where: str, root: object) -> list[str]:
    """What a person cannot see however they scroll: a widget reaching past its parent (its
    parent's layout could not fit it), a scrolled page wider than its view with no scroll bar."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QWidget

    assert isinstance(root, QWidget)
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not root or widget.width() == 0:
            continue
        parent = widget.parentWidget()
        holder = parent.parentWidget() if parent is not None else None
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            inner, view = widget.widget(), widget.viewport()
            if inner.width() > view.width() + 1 and not widget.horizontalScrollBar().isVisible():
                problems.append(f"{where}: {widget.accessibleName()[:40]!r} is cut: "
                                f"{inner.width()} px wide in a view of {view.width()}")
        if parent is None or isinstance(holder, QAbstractScrollArea):
            continue  # a scrolled page in its view: the check above
        if not QRect(0, 0, parent.width(), parent.height()).contains(widget.geometry()):
            problems.append(f"{where}: {type(widget).__name__} "
                            f"{(widget.accessibleName() or widget.objectName())[:40]!r} "
                            f"reaches past its {type(parent).__name__} "
                            f"{widget.geometry().getRect()} in {parent.size().toTuple()}")
    return problems


def _narrowest(name: str, root: object) -> list[str]:
    """The window made as narrow as it allows (its height kept): still on the screen, and
    nothing in it cut or clipped. Then back to its size."""
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(root, QWidget)
    before = root.size()
    root.resize(1, before.height())
    QApplication.processEvents()
    where = f"narrowest ({root.width()} px) {name}"
    problems = _check(name, root, "", where=where, colours=False) + _cut(where, root)
    root.resize(before)
    QApplication.processEvents()
    return problems


def _check(name: str, root: object, theme: str, where: str = "",
           colours: bool = True) -> list[str]:
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    assert isinstance(root, QWidget)
    QApplication.processEvents()
    where = where or f"{theme} {name}"
    problems = []
    screen = root.screen().availableGeometry()
    frame = root.frameGeometry()
    if not screen.contains(frame):
        problems.append(f"{where}: the window {frame.getRect()} is larger than or off the "
                        f"screen {screen.getRect()}")
    window_rect = QRect(QPoint(0, 0), root.size())
    pixels = _window_pixels(root) if colours else None
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not root or widget.width() == 0:
            continue
        label = isinstance(widget, QLabel)
        if _inside_scroll(widget, root):
            if not label:
                continue
        else:
            rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
            if not window_rect.contains(rect):
                problems.append(f"{where}: {type(widget).__name__} "
                                f"{(widget.accessibleName() or widget.objectName())[:40]!r} "
                                f"lies outside the window {rect.getRect()}")
        if not label or not widget.text().strip():
            continue
        text = widget.text()
        short = re.sub(r"<[^>]+>", "", text)[:50]
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + 1:
                problems.append(f"{where}: label {short!r} is cut off: {widget.height()} px "
                                f"high, its text needs {need}")
        elif widget.pixmap().isNull():
            hint = widget.minimumSizeHint()
            if hint.width() > widget.width() + 1 or hint.height() > widget.height() + 1:
                problems.append(f"{where}: label {short!r} is cut off: {widget.size().toTuple()}"
                                f" for {hint.toTuple()}")
        if pixels is None:
            continue
        plain = re.sub(r"<[^>]+>", "", text).lstrip()
        written = _label_colours(widget)
        drawn = _drawn_contrast(widget, root, pixels) if widget.isEnabled() else None
        if drawn is not None:  # on show, and not a control that is off (WCAG leaves those)
            ratio, fg, bg = drawn
            if ratio < AA:
                kind = "status" if plain.startswith(STATUS) else "label"
                problems.append(f"{where}: {kind} {short!r} has contrast {ratio:.2f}:1 "
                                f"({fg} on {bg})")
            for colour in written:
                if contrast(colour, bg) < AA:
                    problems.append(f"{where}: label {short!r} writes colour {colour} on "
                                    f"{bg}: {contrast(colour, bg):.2f}:1")
    return problems


def probe(tmp: Path, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.theme import apply_theme

    app = QApplication([])
    problems: list[str] = []
    for theme in ("light", "dark"):
        apply_theme(app, theme)
        data = tmp / theme
        data.mkdir(parents=True, exist_ok=True)
        for name, root in _surfaces(data):
            began = time.monotonic()
            problems += _check(name, root, theme)
            if theme == "light":  # the same geometry in both themes
                problems += _narrowest(name, root)
            print(f"{theme} {name}: {time.monotonic() - began:.2f} s", file=sys.stderr)
    out.write_text(json.dumps(sorted(set(problems)), ensure_ascii=False, indent=1))
    sys.stdout.flush()
    # The checks Start lesson began may still be running: nothing is left to save, so the
    # probe ends here rather than wait for them.
    os._exit(0)


if __name__ == "__main__":
    probe(Path(sys.argv[1]), Path(sys.argv[2]))
