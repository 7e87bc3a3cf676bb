"""The Ready screen (Start lesson) driven as people really run it, in any order
(hypothesis stateful): run the checks on the checks page, confirm the room and the adult there
or on the screen, agree to the code of conduct, give consent, cancel, re-open, change camera.
After every step either the lesson can start, or each blocking item is on the screen with an
enabled control that fixes it.

Real parts: the demo camera through OpenCV, the PulseAudio null-sink microphone with speech in
it, the loopback speed server, the real window and consent dialog under pytest-qt.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.lesson_start import PEOPLE_CHECKS
from app.lessons import Lessons
from app.policy.loader import load_pack
from app.profile import NewPupil, add_pupil, save_profile
from app.store import Store
from tests.helpers.pulse import PulseServer
from tests.ui.test_lesson_flow import born
from ui.checks_page import ChecksPage
from ui.consent_dialog import ConsentDialog
from ui.launch import build_window
from ui.start_lesson import (
    ChecksStep,
    ConductStep,
    RecordingStep,
    StartLessonDialog,
    SupervisionStep,
)


def agree_to_consent() -> None:
    """The consent dialog, answered as the adult would: their name, then I agree."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ConsentDialog), "Give consent opened no consent dialog"
    dialog.who.setCurrentIndex(0)  # the pupil's responsible adult comes first
    dialog.name.setText("Jo Lee")
    dialog.agree.click()


@pytest.mark.parametrize(("pack_id", "age", "examples"),
                         [("hms", 11, 3), ("tutorninjas", 14, 3)])
def test_the_ready_screen_never_reaches_a_dead_end(
        qtbot: QtBot, store: Store, pulse: PulseServer, talking: None, pack_id: str,
        age: int, examples: int) -> None:
    pack = load_pack(pack_id)
    save_profile(store, "tutor", "Sam Taylor", pack_id)
    window = build_window(store, "synthetic", "pulse", policy=pack_id)
    qtbot.addWidget(window)
    window.show()
    wiring = window.lessons
    assert window.checks_page is not None
    page: ChecksPage = window.checks_page
    checks = page.checks

    machine: list[ReadyScreen] = []

    def settled() -> bool:
        """No checks running, and the Ready screen has taken in their end (a run's end
        reaches the screen through the event loop)."""
        dialog = machine[-1].dialog if machine else None
        screen = dialog.page("checks") if dialog is not None else None
        return not checks.running and not (isinstance(screen, ChecksStep)
                                           and screen.in_progress)

    def settle() -> None:
        qtbot.waitUntil(settled, timeout=60000)

    class ReadyScreen(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            pupil = add_pupil(store, pack, NewPupil("Amy Lee", born(age), None, "Jo Lee",
                                                    "Jo Lee", True), actor="Sam Taylor")
            self.lesson = Lessons(store).book(
                pack, pupil.id, datetime.now(UTC) + timedelta(minutes=5), duration_min=30,
                tutor_name="Sam Taylor", platform="zoom", confirmed_by="Sam Taylor",
                now=datetime.now(UTC) - timedelta(days=2))
            wiring.refresh()  # the checks page now knows the booked lesson
            self.dialog: StartLessonDialog | None = None
            machine.append(self)

        def part(self, step: str) -> object:
            return self.dialog.page(step) if self.dialog is not None else None

        @rule()
        def run_checks_on_the_checks_page(self) -> None:
            page.run_all()
            settle()

        @rule()
        def confirm_the_room_on_the_checks_page(self) -> None:
            page.confirmations.name.setText("Jo Lee")
            page.confirmations.room.click()
            settle()

        @rule()
        def confirm_the_adult_on_the_checks_page(self) -> None:
            page.confirmations.name.setText("Jo Lee")
            page.confirmations.present.click()
            settle()

        @initialize()
        def a_person_opens_start_lesson(self) -> None:
            """Every example has the Ready screen open at least once; a rule may close it,
            run the checks page and open it again."""
            self.open_start_lesson()

        @rule()
        def open_start_lesson(self) -> None:
            if self.dialog is not None:
                self.dialog.reject()
            self.dialog = wiring.start_lesson(self.lesson.id)
            settle()

        @rule()
        def cancel(self) -> None:
            if self.dialog is not None:
                self.dialog.reject()
                self.dialog = None

        @rule()
        def change_camera(self) -> None:
            window.device_bar.camera_chosen.emit("synthetic")
            settle()

        @rule()
        def confirm_the_adult_and_room_here(self) -> None:
            people = self.part("supervision")
            if isinstance(people, SupervisionStep):
                people.name.setText("Jo Lee")
                if people.present.isVisible():
                    people.present.setChecked(True)
                if people.room.isVisible():
                    people.room.setChecked(True)

        @rule()
        def agree_to_the_code(self) -> None:
            conduct = self.part("conduct")
            if isinstance(conduct, ConductStep):
                conduct.agree.setChecked(True)

        @rule()
        def give_consent(self) -> None:
            recording = self.part("recording")
            if isinstance(recording, RecordingStep) and recording.consent.isVisible():
                QTimer.singleShot(0, agree_to_consent)
                recording.consent.click()

        @rule()
        def fix_the_first_blocker(self) -> None:
            """Press the first blocking item's own button, as a person would."""
            if self.dialog is None or not self.dialog.blocker_rows:
                return
            row = self.dialog.blocker_rows[0]
            if row.blocker.fix == "give_consent":
                QTimer.singleShot(0, agree_to_consent)
            row.fix.click()
            settle()

        @invariant()
        def the_way_forward_is_on_the_screen(self) -> None:
            dialog = self.dialog
            if dialog is None:
                return
            assert settled(), "the invariant is read once the checks have finished"
            screen = dialog.page("checks")
            assert isinstance(screen, ChecksStep)
            blockers = dialog.blockers()
            shown = [row.blocker.key for row in dialog.blocker_rows]
            assert shown == [b.key for b in blockers], "the screen lost a blocking item"
            if not blockers:
                assert dialog.next.isEnabled(), "nothing blocks, but Start is disabled"
                return
            assert not dialog.next.isEnabled()
            for row in dialog.blocker_rows:
                assert row.isVisibleTo(dialog) and row.fix.isEnabled(), (
                    f"{row.blocker.key} blocks with no enabled control: "
                    f"{row.words.text()}")
            # A check that fails is on the screen with what to do; a people check is answered
            # here, never a dead end at the top.
            for result in screen.results.values():
                assert result.id not in PEOPLE_CHECKS
                if result.status == "fail":
                    assert screen.rows[result.id].isVisibleTo(dialog)
                    assert f"check:{result.id}" in shown

        def teardown(self) -> None:
            if self.dialog is not None:
                self.dialog.reject()

    # One window for every example (building one takes seconds), so an example starts from
    # the window the last one left: real, but not replayable, hence no shrinking phase.
    run_state_machine_as_test(ReadyScreen, settings=settings(
        max_examples=examples, stateful_step_count=6, deadline=None, database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck)))
    window.close()
