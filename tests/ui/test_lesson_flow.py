"""A whole lesson in the window, pack by pack: book, Start lesson (checks, code of conduct,
recording, supervision), the companion window, End lesson, the saved summary.

Real parts: the demo camera through OpenCV, a PulseAudio null sink fed with espeak-ng speech
as the microphone, the real `lessonguard speed-server` on loopback for the bandwidth check.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.consent import Consents
from app.lessons import Lessons
from app.people import People
from app.policy.loader import load_pack
from app.profile import NewPupil, add_pupil, save_profile
from app.settings import load_settings, save_settings
from app.store import Store
from tests.helpers.pulse import PulseServer
from ui.companion import CompanionWindow
from ui.end_lesson import EndLessonDialog, SummaryDialog
from ui.launch import build_window
from ui.main_window import MainWindow
from ui.start_lesson import (
    ChecksStep,
    ConductStep,
    RecordingStep,
    StartLessonDialog,
    SupervisionStep,
)


def born(age: int) -> str:
    today = date.today()
    return date(today.year - age, 1, 1).isoformat() if today.month > 1 else \
        date(today.year - age - 1, 1, 1).isoformat()


def setup_lesson(store: Store, pack_id: str, role: str, age: int, user: str = "Sam Taylor"
                 ) -> tuple[int, int]:
    """First-run answers, one pupil with their adult and sponsor, and a lesson booked a day
    before (so every pack's lead time is met): (pupil id, lesson id)."""
    pack = load_pack(pack_id)
    save_profile(store, role, user, pack_id)
    pupil = add_pupil(store, pack, NewPupil("Amy Lee", born(age), None, "Jo Lee", "Jo Lee",
                                            True), actor=user)
    lessons = Lessons(store)
    booked_at = datetime.now(UTC) - timedelta(days=1, minutes=5)
    lesson = lessons.book(pack, pupil.id, datetime.now(UTC) + timedelta(minutes=2),
                          duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                          confirmed_by=user, now=booked_at)
    return pupil.id, lesson.id


def open_window(qtbot: QtBot, store: Store, pack_id: str) -> MainWindow:
    window = build_window(store, "synthetic", "default", policy=pack_id)
    qtbot.addWidget(window)
    window.show()
    return window


def start(qtbot: QtBot, window: MainWindow, lesson_id: int) -> StartLessonDialog:
    dialog = window.lessons.start_lesson(lesson_id)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
    return dialog


def checks_done(qtbot: QtBot, dialog: StartLessonDialog) -> ChecksStep:
    page = dialog.page("checks")
    assert isinstance(page, ChecksStep)
    qtbot.waitUntil(lambda: page.run is not None and not page.in_progress, timeout=60000)
    return page


def pass_checks(qtbot: QtBot, dialog: StartLessonDialog) -> None:
    page = checks_done(qtbot, dialog)
    assert page.run is not None
    failed = [(r.id, r.summary) for r in page.run.results if r.status == "fail"]
    assert not failed, f"checks failed: {failed}"
    blocking = [b.key for b in dialog.blockers()]
    assert not [k for k in blocking if k.startswith("check")], (
        blocking, [c for c in page.rows if c not in page.results], page.in_progress)
    # The people checks are confirmed by a person on this screen, not by a check.
    assert not {"supervision", "room"} & {r.id for r in page.run.results}
    plot = page.rows["bandwidth"].plot
    assert plot is not None and plot.points["download"] and plot.points["upload"], \
        "the speed test's samples never reached the plot in Start lesson"


def steps(dialog: StartLessonDialog) -> list[str]:
    return [step_id for step_id, _page in dialog.pages]


def confirm_supervision(dialog: StartLessonDialog, name: str = "Jo Lee") -> SupervisionStep:
    page = dialog.page("supervision")
    assert isinstance(page, SupervisionStep)
    assert not dialog.next.isEnabled(), "the adult must confirm before the lesson starts"
    # An adult the policy leaves optional (TutorNinjas, WSM at 13-18) is offered, not required.
    optional = dialog.plan.supervision.adult_optional()
    assert ("adult" in [b.key for b in dialog.blockers()]) != (optional
                                                              or not page.present.isVisible())
    page.name.setText(name)
    recording = dialog.page("recording")  # what the tutor vouches for (training, images…)
    if isinstance(recording, RecordingStep):
        for notice in dialog.plan.vouch(required=True):
            recording.vouches[notice.id].setChecked(True)
    if page.present.isVisible():
        page.present.setChecked(True)
    if page.room.isVisible():
        assert not dialog.next.isEnabled(), "the room must be confirmed too"
        page.room.setChecked(True)
    assert dialog.next.isEnabled(), [b.key for b in dialog.blockers()]
    return page


def companion(qtbot: QtBot, window: MainWindow) -> CompanionWindow:
    wiring = window.lessons  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: wiring.companion is not None and wiring.companion.isVisible(),
                    timeout=5000)
    return wiring.companion


def end(qtbot: QtBot, window: MainWindow, adult: str | None = "Jo Lee",
        staff: str | None = None) -> dict:
    wiring = window.lessons  # type: ignore[attr-defined]
    comp = companion(qtbot, window)
    comp.end.click()
    dialog: EndLessonDialog = wiring.end_dialog
    assert dialog.isVisible()
    if adult is not None:
        assert dialog.adult_here.isVisible(), "the adult must confirm the end"
        dialog.save.click()
        assert dialog.isVisible(), "the lesson ended without the adult's confirmation"
        dialog.adult.setText(adult)
        dialog.adult_here.setChecked(True)
    else:
        assert not dialog.adult_here.isVisible()
    if staff is not None:
        assert dialog.returned.isVisible(), "school staff confirm the pupil is back in class"
        dialog.staff.setText(staff)
        dialog.returned.setChecked(True)
    dialog.save.click()
    qtbot.waitUntil(lambda: getattr(wiring, "summary_dialog", None) is not None
                    and wiring.summary_dialog.isVisible(), timeout=10000)
    summary_dialog: SummaryDialog = wiring.summary_dialog
    return {"text": summary_dialog.text.toPlainText()}


def test_hms_tutor_lesson_for_an_11_year_old(qtbot: QtBot, store: Store, pulse: PulseServer,
                                             talking: None) -> None:
    """HMS: no recording control, an adult in the room throughout for 11, code of conduct
    before the first lesson only, the adult confirms the end."""
    _pupil, lesson_id = setup_lesson(store, "hms", "tutor", 11)
    window = open_window(qtbot, store, "hms")
    dialog = start(qtbot, window, lesson_id)
    assert steps(dialog) == ["checks", "conduct", "recording", "supervision"]
    assert dialog.windowTitle() == "Ready for Amy Lee's lesson"
    assert "aged 11" in dialog.heading.text() and "Jo Lee" in dialog.heading.text()
    pass_checks(qtbot, dialog)
    conduct = dialog.page("conduct")
    assert isinstance(conduct, ConductStep)
    assert not dialog.next.isEnabled()
    assert [b.key for b in dialog.blockers()] == [
        "conduct", "vouch:pupil_comfortable_at_start", "vouch:training",
        "vouch:training_current", "adult", "room"]
    conduct.agree.setChecked(True)
    recording = dialog.page("recording")
    assert isinstance(recording, RecordingStep)
    assert "not recorded" in recording.explain.text()
    assert not recording.record.isVisible() and not recording.consent.isVisible()
    page = confirm_supervision(dialog)
    assert "in the room for the whole lesson" in page.explain.text()
    assert "whole lesson" in page.present.text()
    dialog.next.click()
    comp = companion(qtbot, window)
    assert not comp.rec.isVisible(), "HMS lessons are never recorded"
    qtbot.waitUntil(lambda: "of 30:00" in comp.elapsed.text(), timeout=3000)
    assert "blurred" in comp.look.text()
    assert comp.prompt.isVisible() and "whole lesson" in comp.prompt.text()
    summary = end(qtbot, window)
    text = summary["text"]
    lessons = Lessons(store)
    saved = lessons.saved_summary(lesson_id)
    assert saved is not None and saved["lesson"]["state"] == "ended"
    kinds = [(c["kind"], c["by_name"]) for c in saved["confirmations"]]
    assert ("adult_present", "Jo Lee") in kinds and ("room_living_area", "Jo Lee") in kinds
    assert ("conduct_acknowledged", "Sam Taylor") in kinds
    assert ("adult_present_at_end", "Jo Lee") in kinds
    assert saved["checks"] is not None and saved["checks"]["ready"]
    assert saved["recordings"] == [] and "not allowed" in saved["no_recording_reason"]
    # The tutor ticked it for the adult: the tutor's attestation, not the adult's own word.
    assert "Sam Taylor ticked for Jo Lee (responsible adult): confirmed being present at the " \
        "end" in text
    # The next lesson with Amy does not ask for the code of conduct again (first lesson only).
    second = lessons.book(load_pack("hms"), _pupil, datetime.now(UTC) + timedelta(hours=1),
                          duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                          confirmed_by="Sam Taylor")
    again = window.lessons.start_lesson(second.id)  # type: ignore[attr-defined]
    assert "conduct" not in steps(again)
    again.reject()
    window.close()


def test_tutorninjas_will_not_start_without_recording_consent(
        qtbot: QtBot, store: Store, pulse: PulseServer, talking: None) -> None:
    pupil_id, lesson_id = setup_lesson(store, "tutorninjas", "tutor", 14)
    window = open_window(qtbot, store, "tutorninjas")
    dialog = start(qtbot, window, lesson_id)
    # TutorNinjas 3.4: its policy is read and understood before the first lesson.
    assert steps(dialog) == ["checks", "conduct", "recording", "supervision"]
    pass_checks(qtbot, dialog)
    conduct = dialog.page("conduct")
    assert isinstance(conduct, ConductStep)
    assert "improper suggestions" in conduct.text.text()  # the tutor's own code
    conduct.agree.setChecked(True)
    recording = dialog.page("recording")
    assert isinstance(recording, RecordingStep)
    assert recording.consent.isVisible() and "cannot start" in recording.explain.text()
    assert not dialog.next.isEnabled(), "TutorNinjas started without recording consent"
    adult = People(store).adults_for(pupil_id)[0]
    Consents(store).grant(load_pack("tutorninjas"), pupil_id, adult.id, "Jo Lee")
    recording.update_view()
    dialog.refresh()
    assert recording.record.isChecked() and not recording.record.isEnabled()
    confirm_supervision(dialog)
    dialog.next.click()
    comp = companion(qtbot, window)
    qtbot.waitUntil(lambda: comp.rec.isVisible(), timeout=10000)
    assert "consented by Jo Lee" in comp.rec.text()
    end(qtbot, window, adult=None)
    saved = Lessons(store).saved_summary(lesson_id)
    assert saved is not None and len(saved["recordings"]) == 1
    assert saved["recordings"][0]["state"] == "complete"


def test_tutorninjas_does_not_start_when_its_recording_cannot(
        qtbot: QtBot, store: Store, pulse: PulseServer, talking: None, tmp_path: Path) -> None:
    """TutorNinjas records every lesson: if the recording cannot start (here the recordings
    folder is under a file, so it cannot be made), the lesson stays booked and the dialog
    says why and what to do; nothing half-started is left behind."""
    pupil_id, lesson_id = setup_lesson(store, "tutorninjas", "tutor", 14)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the recordings folder should be")
    save_settings(store, load_settings(store).model_copy(
        update={"recordings_dir": str(blocker / "recordings")}))
    adult = People(store).adults_for(pupil_id)[0]
    Consents(store).grant(load_pack("tutorninjas"), pupil_id, adult.id, "Jo Lee")
    window = open_window(qtbot, store, "tutorninjas")
    dialog = start(qtbot, window, lesson_id)
    pass_checks(qtbot, dialog)  # recording: consent is on file
    conduct = dialog.page("conduct")
    assert isinstance(conduct, ConductStep)
    conduct.agree.setChecked(True)
    confirm_supervision(dialog)
    dialog.next.click()
    assert dialog.isVisible(), "the lesson started without its required recording"
    assert "records every lesson" in dialog.problem.text()
    assert "has not started" in dialog.problem.text()
    lesson = Lessons(store).get(lesson_id)
    assert lesson.state == "booked" and lesson.started_at is None
    assert window.lessons.companion is None  # type: ignore[attr-defined]
    assert window.recording.session is None or not window.recording.recording  # type: ignore[attr-defined]
    dialog.reject()
    window.close()


def test_freemusictutors_shows_the_code_of_conduct_before_each_lesson(
        qtbot: QtBot, store: Store, pulse: PulseServer, talking: None) -> None:
    _pupil_id, lesson_id = setup_lesson(store, "freemusictutors", "responsible_adult", 14,
                                       user="Jo Lee")
    lessons = Lessons(store)
    window = open_window(qtbot, store, "freemusictutors")
    dialog = start(qtbot, window, lesson_id)
    assert "conduct" in steps(dialog)
    pass_checks(qtbot, dialog)
    conduct = dialog.page("conduct")
    assert isinstance(conduct, ConductStep)
    pack = load_pack("freemusictutors")
    code = pack.conduct.code.value
    for point in code.points[:2]:
        assert point[:40] in conduct.text.text()
    conduct.agree.setChecked(True)
    assert conduct.name.text() == "Jo Lee"
    dialog.reject()
    # Shown again for a second lesson: "before each session".
    lessons.confirm(lesson_id, "conduct_acknowledged", "Jo Lee", "responsible_adult")
    plan = window.lessons.controller.plan(lessons.get(lesson_id))  # type: ignore[attr-defined]
    assert plan.step("conduct").needed
    window.close()


def test_school_staff_confirm_the_pupil_is_back_in_class(
        qtbot: QtBot, store: Store, pulse: PulseServer, talking: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """WSM: never recorded; for 14, an adult within earshot where possible (asked, not
    required); school staff see the pupil back to class at the end. WSM needs a computer with
    a webcam: this machine has none, so the check blocks first and says why; then a webcam is
    "plugged in" (the one fake here: the device list, as no physical webcam can exist on this
    machine)."""
    _pupil, lesson_id = setup_lesson(store, "wsm", "school_staff", 14, user="Pat Green")
    window = open_window(qtbot, store, "wsm")
    dialog = start(qtbot, window, lesson_id)
    checks = checks_done(qtbot, dialog)
    assert not dialog.next.isEnabled(), "the lesson started without a webcam under WSM"
    assert "check:equipment" in [b.key for b in dialog.blockers()]
    assert "Computer and screen" in checks.status.text()
    row = checks.rows["equipment"]
    assert row.status == "fail" and "Plug in a webcam" in row.remediation.text()
    assert "Why" in row.remediation.text()  # the clause of the WSM policy it rests on
    monkeypatch.setattr("checks.system_checks.list_cameras", lambda: ["0"])
    fix = next(r for r in dialog.blocker_rows if r.blocker.key == "check:equipment")
    assert fix.fix.isEnabled()
    fix.fix.click()  # Check again, from the blocking item itself
    qtbot.waitUntil(lambda: not checks.in_progress and checks.again.isEnabled(),
                    timeout=60000)
    pass_checks(qtbot, dialog)
    if "conduct" in steps(dialog):
        conduct = dialog.page("conduct")
        assert isinstance(conduct, ConductStep)
        conduct.agree.setChecked(True)
    recording = dialog.page("recording")
    assert isinstance(recording, RecordingStep) and not recording.record.isVisible()
    # WSM at 14: an adult within earshot "where possible", and school staff in a classroom are
    # not asked for a living area: nothing to confirm.
    assert "supervision" not in steps(dialog)
    assert dialog.next.isEnabled()
    dialog.next.click()
    text = end(qtbot, window, adult=None, staff="Pat Green")["text"]
    assert "Pat Green (school staff) saw the pupil back to class" in text


def test_vto_records_as_the_lcc_decided_before_the_first_session(
        qtbot: QtBot, store: Store, pulse: PulseServer, talking: None) -> None:
    """VTO: "An LCC will make it clear whether lessons will be recorded before the first
    session": the LCC's decision, in their name, decides the recording step."""
    _pupil_id, lesson_id = setup_lesson(store, "vto", "tutor", 9)
    window = open_window(qtbot, store, "vto")
    dialog = start(qtbot, window, lesson_id)
    pass_checks(qtbot, dialog)
    recording = dialog.page("recording")
    assert isinstance(recording, RecordingStep)
    assert "recording_decision" in [b.key for b in dialog.blockers()]
    assert not recording.consent.isVisible() and not recording.record.isVisible()
    recording.decider_name.setText("Morag Ross")
    recording.decided_no.setChecked(True)
    assert "Morag Ross" in recording.explain.text() and not recording.consent.isVisible()
    assert "consent" not in [b.key for b in dialog.blockers()], "not recorded: no consent"
    conduct = dialog.page("conduct")  # "Ensure the student is fully aware of the VTO policy"
    assert isinstance(conduct, ConductStep)
    conduct.agree.setChecked(True)
    confirm_supervision(dialog)
    dialog.next.click()
    comp = companion(qtbot, window)
    assert not comp.rec.isVisible()
    end(qtbot, window)
    saved = Lessons(store).saved_summary(lesson_id)
    assert saved is not None and saved["recordings"] == []
    kinds = [(c["kind"], c["by_name"]) for c in saved["confirmations"]]
    assert ("recording_decided_no", "Morag Ross") in kinds
    assert ("vouched_nothing_inappropriate_visible", "Sam Taylor") in kinds
