"""The checks page driven through pytest-qt: a full run with the real demo camera and the
PulseAudio null-sink microphone, run again, confirmations, and closing programs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.check_log import check_runs
from app.store import Store
from tests.helpers.procs import fake_program
from tests.helpers.pulse import PulseServer
from ui.checks_page import OWNER
from ui.launch import build_window
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, store: Store, pulse: PulseServer) -> Iterator[MainWindow]:
    win = build_window(store, "synthetic", "pulse", policy="hms")
    qtbot.addWidget(win)
    win.show()
    win.show_page("checks")
    yield win
    win.close()


def run_all(qtbot: QtBot, window: MainWindow) -> None:
    page = window.checks_page
    with qtbot.waitSignal(page.checks.finished, timeout=30_000):
        page.run_button.setFocus()
        qtbot.keyClick(page.run_button, Qt.Key.Key_Space)  # the keyboard is enough


def test_a_full_run_fills_the_list_and_sums_up(qtbot: QtBot, window: MainWindow,
                                               store: Store) -> None:
    page = window.checks_page
    assert window.tabs.currentWidget() is page
    results: list[str] = []
    page.checks.result.connect(lambda r: results.append(r.id))
    run_all(qtbot, window)
    assert set(results) == set(page.rows) and len(results) == len(page.rows) >= 10
    assert page.progress.value() == page.progress.maximum() == len(page.rows)
    assert all(row.status != "pending" for row in page.rows.values())
    camera = page.rows["camera"]
    assert camera.status == "pass" and camera.badge.text() == "✔ Ready"
    mic = page.rows["microphone"]
    assert mic.status == "fail" and mic.badge.text() == "✖ Fix this"
    assert mic.remediation.isVisibleTo(page) and "muted" in mic.remediation.text()
    assert not camera.remediation.isVisibleTo(page)
    assert page.summary.text().startswith("✖ ") and "to fix before the lesson" in \
        page.summary.text()
    speed = page.rows["bandwidth"]  # against the tests' loopback speed server
    assert speed.status == "pass", speed.summary.text()
    assert "Download" in speed.cards.text() and "fast enough" in speed.cards.text()
    assert speed.plot.points["download"] and speed.plot.points["upload"]
    assert page.run_button.hasFocus() or not window.isActiveWindow()
    first = page.list_layout.itemAt(0).widget()
    assert first.status == "fail"  # what needs doing comes first
    stored = check_runs(store)
    assert len(stored) == 1 and stored[0]["pack_id"] == "hms"


def test_run_again_reruns_one_check(qtbot: QtBot, window: MainWindow) -> None:
    run_all(qtbot, window)
    page = window.checks_page
    supervision = page.rows["supervision"]
    assert supervision.status == "inconclusive"  # no age given yet
    page.confirmations.age_known.setChecked(True)
    page.confirmations.age.setValue(15)
    with qtbot.waitSignal(page.checks.finished, timeout=10_000):
        qtbot.mouseClick(supervision.again, Qt.MouseButton.LeftButton)
    assert supervision.status == "fail"  # 13-15: an adult at start and end, not yet confirmed
    assert "start and the end" in supervision.summary.text()
    qtbot.keyClicks(page.confirmations.name, "Sam Jones")
    qtbot.mouseClick(page.confirmations.present, Qt.MouseButton.LeftButton)
    assert "Recorded: Sam Jones is present" in page.confirmations.recorded.text()
    with qtbot.waitSignal(page.checks.finished, timeout=10_000):
        qtbot.mouseClick(supervision.again, Qt.MouseButton.LeftButton)
    assert supervision.status == "pass" and "Sam Jones" in supervision.summary.text()
    assert page.rows["camera"].status == "pass"  # the other rows were left as they were


def test_a_confirmation_needs_a_name(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    box = window.checks_page.confirmations
    qtbot.mouseClick(box.room, Qt.MouseButton.LeftButton)
    assert "Type the adult's full name first" in box.recorded.text()
    assert list(store.db.query("SELECT * FROM confirmations")) == []


def test_open_programs_can_be_closed_from_the_page(qtbot: QtBot, window: MainWindow,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def answer_yes(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    page = window.checks_page
    with fake_program("discord") as proc:
        run_all(qtbot, window)
        apps = page.rows["apps"]
        assert apps.status == "fail" and "Discord" in apps.summary.text()
        assert apps.fix_apps.isVisibleTo(page)
        with qtbot.waitSignal(page.checks.finished, timeout=15_000):
            qtbot.mouseClick(apps.fix_apps, Qt.MouseButton.LeftButton)
        assert proc.wait(5) is not None  # it really closed
    assert "Discord" in asked[0]
    assert apps.status == "pass"


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    page = window.checks_page
    unnamed = [w for w in page.findChildren(QWidget)
               if isinstance(w, QAbstractButton) and not w.accessibleName() and not w.text()]
    assert unnamed == []
    for widget in (page.run_button, page.cancel_button, page.progress, page.summary,
                   page.confirmations.name, page.confirmations.age):
        assert widget.accessibleName()
    assert page.run_button.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_personal_information_can_be_blurred_always_from_the_page(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    import numpy as np

    from app.settings import load_settings
    from tests.helpers.media import write_video
    from tests.integration.test_check_images import wall_with_details

    img = wall_with_details()
    clip = write_video(tmp_path / "wall.mp4", [np.roll(img, i % 2, axis=1) for i in range(60)],
                       fps=30)
    win = build_window(store, str(clip), "none", policy="hms")
    qtbot.addWidget(win)
    win.show()
    page = win.checks_page
    with qtbot.waitSignal(page.checks.finished, timeout=30_000):
        page.checks.start(page.policy.state.pack, only=["personal_information"], owner=OWNER)
    row = page.rows["personal_information"]
    assert row.status == "warn"
    buttons = [b for b in row.blur_buttons if isinstance(b, QAbstractButton)]
    crops = [w for w in row.blur_buttons if not isinstance(w, QAbstractButton)]
    assert buttons and crops and not crops[0].pixmap().isNull()
    phone = next(b for b in buttons if "0199" in b.text() or "01403" in b.text())
    qtbot.mouseClick(phone, Qt.MouseButton.LeftButton)
    saved = load_settings(store).blur_areas
    assert len(saved) == 1 and saved[0][0] < 0.1
    assert win.controller.pipeline.look.blur_areas[0].x == pytest.approx(saved[0][0])
    assert not phone.isEnabled()
    win.close()


def test_the_room_scan_from_the_page(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    from tests.integration.test_room_scan import panning_room

    win = build_window(store, str(panning_room(tmp_path)), "none", policy="hms")
    qtbot.addWidget(win)
    win.show()
    page = win.checks_page
    with qtbot.waitSignal(page.checks.finished, timeout=30_000):
        page.checks.start(page.policy.state.pack, only=["room"], owner=OWNER)
    row = page.rows["room"]
    assert row.scan_button is not None and row.scan_result is not None
    with qtbot.waitSignal(page.checks.room_scanned, timeout=40_000):
        qtbot.mouseClick(row.scan_button, Qt.MouseButton.LeftButton)
        assert "turn the camera slowly" in row.scan_result.text()
    assert row.scan_result.text().startswith("⚠ Room scan:")
    assert "a phone number" in row.scan_result.text()
    assert row.scan_button.isEnabled()
    win.close()


def test_the_page_knows_the_booked_lesson_and_shows_a_confirmation_at_once(
        qtbot: QtBot, store: Store, pulse: PulseServer) -> None:
    """Issue 19, item 2: a parent using LessonGuard, an 11-year-old booked with the date of
    birth given at setup. The page knows the lesson, the age and the adult (the parent), and a
    confirmation shows in its row at once, without Run again."""
    from datetime import UTC, datetime, timedelta

    from app.lessons import Lessons
    from app.policy.loader import load_pack
    from app.profile import NewPupil, add_pupil, save_profile
    from tests.ui.test_lesson_flow import born

    pack = load_pack("hms")
    save_profile(store, "responsible_adult", "Jo Lee", "hms")
    pupil = add_pupil(store, pack, NewPupil("Amy Lee", born(11), None, "Jo Lee", "Jo Lee",
                                            True), actor="Jo Lee")
    Lessons(store).book(pack, pupil.id, datetime.now(UTC) + timedelta(minutes=10),
                        duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                        confirmed_by="Jo Lee", now=datetime.now(UTC) - timedelta(days=2))
    win = build_window(store, "synthetic", "pulse", policy="hms")
    qtbot.addWidget(win)
    win.show()
    win.show_page("checks")
    box = win.checks_page.confirmations
    assert "Amy Lee's lesson" in box.lesson.text() and "aged 11" in box.lesson.text()
    assert box.age_known.isChecked() and box.age.value() == 11
    assert box.name.text() == "Jo Lee", "the parent is the adult: their name is filled in"
    run_all(qtbot, win)
    rows = win.checks_page.rows
    assert "No lesson is chosen" not in rows["scheduling"].summary.text()
    assert rows["scheduling"].status == "pass"
    assert "don't know the pupil's age" not in rows["supervision"].summary.text()
    assert rows["room"].status == "fail"
    with qtbot.waitSignal(win.checks_page.checks.finished, timeout=10_000):
        qtbot.mouseClick(box.room, Qt.MouseButton.LeftButton)
    assert rows["room"].status == "pass" and "Jo Lee" in rows["room"].summary.text()
    tied = list(store.db.query("SELECT lesson_id FROM confirmations"))
    assert [r["lesson_id"] for r in tied] == [Lessons(store).upcoming()[0].id]
    win.close()


def test_a_ready_screen_run_leaves_the_page_its_own_full_run(
        qtbot: QtBot, store: Store, pulse: PulseServer) -> None:
    """Issue 19 follow-up: the Ready screen's run (no room, no adult supervision) used to
    replace the page's list until Check my setup was pressed again. The page keeps its own
    rows; a newer result from the Ready screen shows in the row it concerns and in the sum."""
    from tests.ui.test_lesson_flow import checks_done, open_window, setup_lesson, start

    _pupil, lesson_id = setup_lesson(store, "hms", "tutor", 11)
    win = open_window(qtbot, store, "hms")
    page = win.checks_page
    run_all(qtbot, win)
    before = set(page.rows)
    assert {"room", "supervision", "apps"} <= before and page.rows["apps"].status == "pass"
    with fake_program("discord"):  # opened after the page's run: the Ready screen finds it
        dialog = start(qtbot, win, lesson_id)
        checks_done(qtbot, dialog)
    assert dialog.page("checks").results["apps"].status == "fail"
    assert set(page.rows) == before, "the page's list was replaced by the Ready screen's"
    assert page.rows["room"].status == "fail" and page.rows["supervision"].status == "fail"
    assert page.rows["apps"].status == "fail", "the newer result was not shown in its row"
    assert "Other programs" in page.summary.text() or page.summary.text().startswith("✖")
    assert page.run_button.isEnabled()
    # The waiting room never holds the microphone for long: its check (which may listen
    # for 8 s) is repeated only once another microphone is chosen, like the speed test.
    step = dialog.page("checks")
    asked: list[list[str] | None] = []
    step.start = lambda only=None, fresh=False: asked.append(only)  # what a tick would run
    step._wait_tick()
    assert asked and asked[-1] and "apps" in asked[-1], asked
    assert "microphone" not in asked[-1] and "bandwidth" not in asked[-1], asked
    page.checks.use_microphone("another microphone")
    step._wait_tick()
    assert "microphone" in asked[-1] and "bandwidth" not in asked[-1], asked
    dialog.reject()
    win.close()


def test_a_quoted_clause_is_shown_without_footnote_markers(qtbot: QtBot) -> None:
    """TutorNinjas' 6.1 reads "normally[1] available": the [1] points at a note no one sees.
    The row shows the clause without it; the pack keeps its exact quote."""
    from app.policy.engine import resolve
    from app.policy.loader import load_pack
    from checks.base import CheckResult
    from ui.checks_page import CheckRow

    pack = load_pack("tutorninjas")
    basis = resolve(pack.recording.mode, "recording.mode").basis()
    assert "normally[1] available" in basis  # the pack's own words, untouched
    row = CheckRow("camera", "Camera")
    qtbot.addWidget(row)
    row.show_result(CheckResult("camera", "Camera", "fail", "No picture", ["Plug it in"],
                                source=basis))
    shown = row.remediation.text()
    assert "normally available for play back" in shown and "[1]" not in shown, shown


def test_the_speakers_verdict_is_a_row_of_the_run(qtbot: QtBot, window: MainWindow,
                                                  store: Store) -> None:
    """"I didn't" in the sound test is a thing to fix on the page, with its steps, counted in
    the sum and kept with the stored runs; "I heard it" puts it right; a new full run keeps
    the person's answer as its row."""
    page = window.checks_page
    run_all(qtbot, window)
    fails = sum(1 for row in page.rows.values() if row.status == "fail")
    assert fails >= 1 and f"{fails} thing" in page.summary.text(), page.summary.text()
    dialog = page.open_sound_test()
    dialog.answer(False)
    row = page.rows["speaker"]
    assert row.status == "fail" and row.badge.text() == "✖ Fix this"
    qtbot.waitUntil(lambda: row.remediation.isVisibleTo(page), timeout=3000)
    assert "volume" in row.remediation.text()
    assert f"{fails + 1} things to fix" in page.summary.text(), page.summary.text()
    mic = page.list_layout.indexOf(page.rows["microphone"])
    assert page.list_layout.indexOf(row) == mic + 1, "the speakers sit by the microphone"
    stored = check_runs(store)[-1]
    assert [r["id"] for r in stored["results"]] == ["speaker"] and not stored["ready"]
    dialog.answer(True)
    assert row.status == "pass" and not row.remediation.isVisibleTo(page)
    assert f"{fails} thing" in page.summary.text(), page.summary.text()
    dialog.reject()
    run_all(qtbot, window)
    assert page.rows["speaker"].status == "pass", "a new run forgot the person's answer"
