"""Every window string goes through Qt's translation machinery, and the translators'
catalogue is current.

How: the window code is scanned with Qt's own pyside6-lupdate, every string is given a
pseudo-translation ("⟦…⟧"), compiled with pyside6-lrelease and installed the way LessonGuard
installs a real one. The window and its dialogs are then built and every button, tab, title,
group, label and accessible name they show must carry the brackets: a string that skips
`tr()`, or that `tr()` cannot find (built from a variable), shows up as plain English.
What the policy pack, the checks and people's names say is content, not window text: it is
left as it is and not checked here.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.lesson_plan import end_needs, start_plan
from app.lessons import Lessons
from app.policy.engine import check_requirements
from app.policy.loader import load_pack, shipped_pack_ids
from app.settings import load_settings
from app.store import Store
from app.texts import CONTEXT, Text
from checks.base import CheckContext
from checks.registry import CHECK_ORDER, make_check
from checks.runner import CheckRun
from checks.services import CheckServices
from tests.ui.conftest import hms_lesson_window
from ui.checks_page import CheckRow, speed_cards
from ui.companion import CompanionWindow
from ui.end_lesson import EndLessonDialog
from ui.first_run import FirstRunWizard
from ui.lessons_page import NewLessonDialog
from ui.pack_list import shown
from ui.people_dialog import AddPupilDialog
from ui.translations import install_translations, say

ROOT = Path(__file__).resolve().parents[2]
MARK = "⟦"


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    assert found.exists(), f"{name} is missing: PySide6 ships it; run the setup again"
    return str(found)


def scan(ts: Path) -> None:
    """What scripts/translations.sh does: the window code and the domain's `_()` templates."""
    domain = ts.with_name("domain_texts.py")
    made = subprocess.run([sys.executable, str(ROOT / "scripts" / "domain_texts.py"),
                           str(domain)], capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, f"untranslatable _() calls:\n{made.stderr}"
    subprocess.run([tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete",
                    *sorted(str(p) for p in (ROOT / "ui").glob("*.py")), str(domain),
                    "-ts", str(ts)], check=True, capture_output=True, timeout=120)


def messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name", ""), msg.findtext("source", ""))
            for ctx in root.iter("context") for msg in ctx.iter("message")}


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ts = tmp_path_factory.mktemp("i18n") / "lessonguard.ts"
    scan(ts)
    return ts


def test_the_shipped_catalogue_has_every_window_string(scanned: Path) -> None:
    shipped = ROOT / "resources" / "translations" / "lessonguard.ts"
    now, before = messages(scanned), messages(shipped)
    assert len(now) > 300  # the scan found the window's strings at all
    missing = sorted(now - before)
    assert not missing, (f"{len(missing)} window strings are not in {shipped.name}; run "
                         f"scripts/translations.sh. First: {missing[:5]}")
    # Each domain template exactly as Python sees it, so the window's look-up finds it.
    spec = importlib.util.spec_from_file_location("domain_texts",
                                                  ROOT / "scripts" / "domain_texts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    templates, problems = module.templates()
    assert not problems and len(templates) > 150
    assert not [t for t in templates if (CONTEXT, t) not in before]


@pytest.fixture
def pseudo(scanned: Path, tmp_path: Path, qapp: QApplication) -> Iterator[None]:
    """A pseudo-language: every string wrapped in ⟦…⟧ (mnemonics, {fields} and markup kept)."""
    tree = ET.parse(scanned)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        translation.text = f"{MARK}{message.findtext('source', '')}⟧"
    ts = tmp_path / "lessonguard_fr_FR.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm",
                    str(tmp_path / "lessonguard_fr_FR.qm")], check=True, capture_output=True,
                   timeout=60)
    installed = install_translations(qapp, "fr_FR", tmp_path)
    assert any(t.filePath().endswith("lessonguard_fr_FR.qm") for t in installed)
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def qt_own(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    return (widget.objectName().startswith(("__qt__", "qt_wizard_"))  # QWizard's buttons
            or isinstance(parent, QTabBar)  # the tab bar's scroll arrows
            or (isinstance(parent, QDialogButtonBox) and isinstance(widget, QPushButton)
                and parent.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton))


def untranslated(root: QWidget, content: set[str]) -> list[str]:
    """Window text under `root` that did not go through a translation."""
    found: list[str] = []

    def check(kind: str, text: str, widget: QWidget) -> None:
        text = text.replace("&", "").strip()
        if text and MARK not in text and not any(c and c in text for c in content) \
                and any(ch.isalpha() for ch in text):
            found.append(f"{type(widget).__name__} {kind}: {text[:70]!r} "
                         f"({widget.objectName()!r} in {type(widget.parentWidget()).__name__})")

    for widget in [root, *root.findChildren(QWidget)]:
        if qt_own(widget):
            continue  # Qt's own buttons: Qt's translations (installed too) cover them
        if widget.isWindow():
            check("title", widget.windowTitle(), widget)
        if widget.accessibleName():
            check("accessible name", widget.accessibleName(), widget)
        if isinstance(widget, QAbstractButton):
            check("text", widget.text(), widget)
        elif isinstance(widget, QGroupBox):
            check("title", widget.title(), widget)
        elif isinstance(widget, QLabel) and widget.isVisibleTo(root):
            check("text", widget.text(), widget)
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                check("tab", widget.tabText(i), widget)
    return sorted(set(found))


def test_the_window_and_its_dialogs_show_only_translated_text(
        qtbot: QtBot, store: Store, pseudo: None) -> None:
    window, lesson, pack = hms_lesson_window(qtbot, store)
    # Content from the pack, the people, the settings and the devices is not window text.
    settings = load_settings(store)
    content = {pack.name, pack.summary, "Amy Lee", "Jo Lee", "Sam Taylor", settings.speed_url,
               str(store.path.parent), "LessonGuard", "Hertfordshire"}
    wiring = window.lessons  # type: ignore[attr-defined]
    plan = wiring.controller.plan(lesson)
    content |= {plan.supervision.decision.basis()}
    # First run lists every shipped pack by its own name (the organisations' words).
    content |= {load_pack(pack_id).name for pack_id in shipped_pack_ids()}
    if plan.conduct is not None:
        content |= {plan.conduct.title, *plan.conduct.points}
    # What the pack asks a person to vouch for at Start lesson is in the pack's own words too.
    content |= {shown(notice.text) for notice in plan.notices}
    problems = untranslated(window, content)
    # The lesson's record (the parent and school view) is built from domain templates.
    wiring.page.table.selectRow(0)
    record = wiring.page.record.toPlainText().splitlines()
    assert record and all(MARK in line for line in record if line.strip()), record

    start = wiring.start_lesson(lesson.id)
    qtbot.waitUntil(start.isVisible, timeout=5000)
    for index in range(len(start.pages)):
        start.stack.setCurrentIndex(index)
        problems += untranslated(start, content)
    start.reject()
    wizard = FirstRunWizard(store, settings, window)
    qtbot.addWidget(wizard)
    for _page in range(4):
        problems += untranslated(wizard, content)
        wizard.next()
    booking = NewLessonDialog(Lessons(store).people.list("pupil"), "Sam Taylor", window)
    problems += untranslated(booking, content)
    ending = EndLessonDialog("Amy Lee", end_needs(pack, plan.supervision, "school_staff"),
                             "Sam Taylor", "school_staff", window)
    problems += untranslated(ending, content)
    companion = CompanionWindow("⟦Lesson with Amy Lee⟧", True, "Ctrl+Shift+P")
    qtbot.addWidget(companion)
    problems += untranslated(companion, content)
    problems += untranslated(AddPupilDialog(window), content)
    problems = sorted(set(problems))
    assert not problems, f"{len(problems)} window strings skip translation:\n" + \
        "\n".join(problems)
    window.close()


def test_a_language_with_no_translation_stays_in_english(qapp: QApplication,
                                                         tmp_path: Path) -> None:
    shutil.copy(ROOT / "resources" / "translations" / "lessonguard.ts", tmp_path)
    installed = install_translations(qapp, "xx_XX", tmp_path)
    try:
        assert not any("lessonguard" in t.filePath() for t in installed)
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_every_check_and_step_name_is_marked_for_translators() -> None:
    """The checks and the lesson plan know no Qt: their names are `_()` templates, so the
    catalogue holds them and the window can show them in the person's language."""
    unmarked = [c for c in CHECK_ORDER if not isinstance(make_check(c).title, Text)]
    plan = start_plan(load_pack("hms"), 11, conduct_acknowledged_before=False)
    unmarked += [s.id for s in plan.steps if not isinstance(s.title, Text)]
    assert not unmarked, unmarked


def test_what_the_checks_say_is_translated_too(qtbot: QtBot, pseudo: None) -> None:
    """A check's verdict and its fix come from the domain (no Qt there): real checks run on
    this machine's answers and are shown in a check row, in the pseudo-language."""
    pack = load_pack("wsm")
    requirements = {r.check_id: r for r in check_requirements(pack)}
    shown: list[str] = []
    for check_id, services in (
            ("equipment", CheckServices(camera_lister=list, chassis_reader=lambda: "",
                                        screen_reader=lambda: None)),
            ("power", CheckServices(battery_reader=lambda: None))):
        ctx = CheckContext(pack, requirements.get(check_id), time.monotonic() + 5,
                           threading.Event(), services=services)
        result = make_check(check_id).run(ctx)
        row = CheckRow(check_id, result.title)
        qtbot.addWidget(row)
        row.show_result(result)
        steps = [step.split("</li>")[0] for step in row.remediation.text().split("<li>")[1:]]
        shown += [row.summary.text(), *steps,
                  say(CheckRun(pack.id, datetime.now(UTC), [result]).summary())]
    assert "webcam" in shown[0], shown  # WSM needs a webcam; this machine has none
    untranslated = [text for text in shown if MARK not in text]
    assert not untranslated, untranslated
    cards = speed_cards({"download": {"mbps": 3.2, "verdict": "pass", "threshold_mbps": 2},
                         "upload": {"mbps": 1.0, "verdict": "fail", "threshold_mbps": 2}})
    assert cards.count(MARK) >= 6, cards
