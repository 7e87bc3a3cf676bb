"""Recording from the window: the gate as each pack has it, the consent screen, the banner,
the badge, and playback on the recordings page for the roles the pack allows."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.people import People
from app.store import Store
from tests.helpers.pulse import PulseServer
from tests.ui.test_main_window import qimage_to_array
from ui.consent_dialog import ConsentDialog
from ui.launch import build_window
from ui.main_window import MainWindow


class InputAnswers:
    """Types each queued answer into the next text prompt that opens, and accepts it."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.timer = QTimer(QApplication.instance())
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        for w in QApplication.topLevelWidgets():
            if isinstance(w, QInputDialog) and w.isVisible() and self.answers:
                w.setTextValue(self.answers.pop(0))
                w.accept()
                return


def wait_until_capturing(qtbot: QtBot, window: MainWindow) -> None:
    """Until the picture and the sound are both flowing (the sound server takes ~2 s)."""
    controller = window.controller
    qtbot.waitUntil(lambda: controller.effects is not None
                    and controller.effects.output.latest() is not None, timeout=10000)
    qtbot.waitUntil(lambda: controller.microphone is not None
                    and controller.microphone.latest_level is not None, timeout=10000)


def start_recording(window: MainWindow) -> None:
    """Press Start recording and accept the notice that shows the pack's words first."""
    from PySide6.QtWidgets import QPlainTextEdit

    from ui.consent_dialog import RecordingNotice

    def accept() -> None:
        notice = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, RecordingNotice) and w.isVisible())
        assert "kept for" in notice.findChild(QPlainTextEdit).toPlainText()
        notice.start.click()

    QTimer.singleShot(300, accept)
    window.recording_bar.record.click()


def open_window(qtbot: QtBot, store: Store, policy: str) -> MainWindow:
    window = build_window(store, "synthetic", "default", policy=policy)
    qtbot.addWidget(window)
    window.show()
    window.show_page("camera")  # Lessons is the first page
    return window


def add_family(store: Store) -> tuple[int, int]:
    people = People(store)
    pupil = people.add("pupil", "Amy Lee", date_of_birth="2015-04-01")
    adult = people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
    return pupil.id, adult.id


def test_hms_disables_recording_with_its_clause(qtbot: QtBot, store: Store,
                                                pulse: PulseServer) -> None:
    add_family(store)
    window = open_window(qtbot, store, "hms")
    bar = window.recording_bar
    qtbot.waitUntil(lambda: bar.pupil.currentText() == "Amy Lee")
    assert not bar.record.isEnabled() and not bar.consent.isVisible()
    assert "Online lessons are not recorded by HMS staff." in bar.reason.text()
    assert bar.reason.text().startswith("⊘")
    window.close()


def test_consent_then_record_shows_banner_and_badge_then_plays_back(
        qtbot: QtBot, store: Store, pulse: PulseServer, tmp_path: Path) -> None:
    add_family(store)
    window = open_window(qtbot, store, "tutorninjas")
    bar = window.recording_bar
    qtbot.waitUntil(lambda: bar.pupil.currentText() == "Amy Lee")
    assert not bar.record.isEnabled() and bar.consent.isVisible()
    assert "Jo Lee (responsible adult)" in bar.reason.text()

    def agree() -> None:  # the consent screen: the pack's words, typed name, "I agree"
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, ConsentDialog) and w.isVisible())
        assert "kept for 28 days" in dialog.text.toPlainText()
        assert dialog.who.currentText() == "Jo Lee (responsible adult)"
        dialog.name.setText("Jo Lee")
        dialog.agree.click()

    QTimer.singleShot(300, agree)
    bar.consent.click()
    assert bar.record.isEnabled() and not bar.consent.isVisible()

    controller = window.controller
    wait_until_capturing(qtbot, window)
    start_recording(window)
    assert window.rec_banner.isVisible(), window.rec_notice.text()
    banner = window.rec_banner.text()
    assert banner.startswith("● Recording — consented by Jo Lee (responsible adult) on ")
    assert "kept until" in banner
    shown: list[np.ndarray] = []
    controller.frame_ready.connect(lambda image: shown.append(qimage_to_array(image)))
    qtbot.waitUntil(lambda: len(shown) > 5, timeout=5000)
    corner = shown[-1][:40, :120].astype(int)  # the "● REC" badge in the outgoing picture
    assert ((corner[..., 2] > 150) & (corner[..., 1] < 80) & (corner[..., 0] < 80)).sum() > 20
    time.sleep(3)
    bar.record.click()
    qtbot.waitUntil(lambda: not window.rec_banner.isVisible(), timeout=15000)
    assert "kept until" in window.rec_notice.text()

    page = window.recordings_page
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 1).text() == "Amy Lee"
    assert page.table.item(0, 3).text() == "complete"
    page.table.selectRow(0)
    page.set_role("tutor")  # as set up for a tutor: TutorNinjas does not let them watch
    page.play.click()
    assert page.message.text().startswith("⊘") and page.player is None
    page.set_role("responsible_adult")
    page.play.click()
    assert page.player is not None
    qtbot.waitUntil(lambda: page.player is not None and page.player.latest() is not None
                    and page.player.duration > 2, timeout=10000)
    page.player.seek(2.0)
    qtbot.waitUntil(lambda: page.player.latest() is not None
                    and page.player.latest()[0] >= 1.9, timeout=10000)
    page.verify.click()
    assert page.message.text().startswith("✔ Intact")
    # A legal hold, by a named person for a reason, and its release; both are logged.
    answers = InputAnswers(["Dee Lead", "a concern was reported"])
    page.hold.click()
    assert page.table.item(0, 5).text() == "on hold"
    answers.answers += ["Dee Lead", "review finished"]
    page.release.click()
    assert page.table.item(0, 5).text() == ""
    answers.answers += ["a long enough passphrase"]  # export: encrypted, hash-listed
    page.export_selected(folder=str(tmp_path))
    answers.timer.stop()
    assert page.message.text().startswith("✔ Exported"), page.message.text()
    from app.export import verify_package

    package = next(tmp_path.glob("lessonguard-export-*"))
    assert verify_package(package, "a long enough passphrase") == []
    from app.audit import AuditLog

    actions = [(e.action, e.actor) for e in AuditLog(store).entries()]
    assert ("recording.held", "Dee Lead") in actions
    assert ("recording.hold_released", "Dee Lead") in actions
    assert ("recording.played", "responsible_adult") in actions
    window.close()
    assert window.recording.session is None or not window.recording.recording


def test_add_a_pupil_then_withdraw_consent_mid_recording(qtbot: QtBot, store: Store,
                                                        pulse: PulseServer) -> None:
    from PySide6.QtWidgets import QInputDialog

    from app.consent import Consents
    from app.policy.loader import load_pack
    from ui.people_dialog import AddPupilDialog

    window = open_window(qtbot, store, "vto")
    bar = window.recording_bar
    assert bar.pupil.count() == 0 and "Add the pupil first" in bar.reason.text()

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, AddPupilDialog) and w.isVisible())
        dialog.name.setText("Ben Cole")
        dialog.use_band.setChecked(True)
        dialog.band.setCurrentText("13-15")
        dialog.adult.setText("Sam Cole")
        dialog.accept()

    QTimer.singleShot(300, fill)
    bar.add_pupil.click()
    assert bar.pupil.currentText() == "Ben Cole"
    people = People(store)
    adults = people.adults_for(bar.pupil.currentData())
    assert [a.name for a in adults] == ["Sam Cole"]
    assert "Recording needs consent" in bar.reason.text() and bar.consent.isVisible()
    Consents(store).grant(load_pack("vto"), bar.pupil.currentData(), adults[0].id, "Sam Cole")
    qtbot.waitUntil(lambda: bar.record.isEnabled(), timeout=5000)  # seen by the 2 s refresh
    assert bar.withdraw.isVisible()
    wait_until_capturing(qtbot, window)
    start_recording(window)
    assert window.rec_banner.isVisible(), window.rec_notice.text()

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QInputDialog) and w.isVisible())
        assert "Sam Cole (responsible adult)" in box.labelText()
        box.setTextValue("Sam Cole")
        box.accept()

    QTimer.singleShot(300, answer)
    bar.withdraw.click()
    qtbot.waitUntil(lambda: not window.rec_banner.isVisible(), timeout=5000)
    assert "stopped at once" in window.rec_notice.text()
    assert not bar.record.isEnabled() and not bar.record.isChecked()
    window.close()


def test_changing_the_camera_keeps_the_same_recording_going(qtbot: QtBot, store: Store,
                                                           pulse: PulseServer,
                                                           tmp_path: Path) -> None:
    from app.consent import Consents
    from app.policy.loader import load_pack
    from app.recordings import Recordings
    from tests.helpers.media import moving_astronaut_frames, write_video
    from tests.helpers.recording import decode_all, decrypt_to

    pupil, adult = add_family(store)
    Consents(store).grant(load_pack("tutorninjas"), pupil, adult, "Jo Lee")
    window = open_window(qtbot, store, "tutorninjas")
    qtbot.waitUntil(lambda: window.recording_bar.record.isEnabled(), timeout=5000)
    wait_until_capturing(qtbot, window)
    start_recording(window)
    assert window.rec_banner.isVisible(), window.rec_notice.text()
    began = time.monotonic()
    qtbot.wait(2500)
    clip = write_video(tmp_path / "second.mp4", moving_astronaut_frames(60))
    window.device_bar.camera_chosen.emit(str(clip))  # the tutor picks another camera
    qtbot.wait(3000)
    assert window.recording.recording and window.rec_banner.isVisible()
    window.recording_bar.record.click()
    qtbot.waitUntil(lambda: not window.rec_banner.isVisible(), timeout=15000)
    recorded = time.monotonic() - began
    recs = Recordings(store, store.path.parent)
    (only,) = recs.list()
    assert only.state == "complete" and recs.verify(only.id).ok
    frames, *_ = decode_all(decrypt_to(recs, only.id, tmp_path / "both.mp4"))
    assert frames[-1][0] >= recorded - 2.5  # one file, both cameras, no gap at the switch
    window.close()
