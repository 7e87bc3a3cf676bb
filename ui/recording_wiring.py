"""Connects the recording bar, the consent screen, the banner and the recordings page to the
RecordingController (kept out of launch.py so each page wires its own parts)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from app.consent import consent_text
from app.errors import LessonGuardError
from app.people import Person
from ui.consent_dialog import ConsentDialog, RecordingNotice
from ui.main_window import MainWindow
from ui.people_dialog import AddPupilDialog
from ui.recording_bar import RecordingBar
from ui.recording_controller import RecordingController, RecordingStopped
from ui.recordings_page import RecordingsPage
from ui.translations import say_error


def ask_consent(parent: QWidget, recording: RecordingController, pupil_id: int) -> bool:
    """The pack's consent words, who agrees, their typed name; True if consent was given."""
    pack = recording.policy.state.pack
    people = recording.people
    pupil = people.get(pupil_id, role="pupil")
    givers = [*people.adults_for(pupil_id), pupil, *people.list("tutor")]
    dialog = ConsentDialog(consent_text(pack), pupil, givers, parent)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        giver = dialog.giver_id
        if giver is None:  # nobody chosen: ask again, saying so
            dialog.show_problem(QCoreApplication.translate("RecordingWiring",
                                                           "Choose who gives consent."))
            continue
        try:
            recording.consents.grant(pack, pupil_id, giver, dialog.name.text(),
                                     form=dialog.form_path)
        except LessonGuardError as exc:
            dialog.show_problem(say_error(exc))
            continue
        return True
    return False


def ask_withdrawal(parent: QWidget, recording: RecordingController, pupil_id: int,
                   name: str = "") -> bool:
    """Withdraw every consent on file for the pupil, after the person types their name;
    True if consent was withdrawn (recording then stops at once)."""
    current = recording.consents.current(recording.policy.state.pack, pupil_id)
    if not current:
        return False
    names = ", ".join(f"{c.given_by_name} ({c.role.replace('_', ' ')})" for c in current)
    by, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("RecordingWiring", "Withdraw consent"),
        QCoreApplication.translate(
            "RecordingWiring", "Consent on file from: {names}.\nRecording stops at once and "
            "no new recording starts.\n\nYour name:").format(names=names), text=name)
    if not ok or not by.strip():
        return False
    for consent in current:
        recording.consents.withdraw(consent.id, by=by.strip(),
                                    reason="withdrawn in the window")
    return True


def add_pupil(parent: QWidget, recording: RecordingController) -> Person | None:
    """A pupil and their responsible adult, from one small form."""
    dialog = AddPupilDialog(parent)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            pupil = recording.people.add(
                "pupil", dialog.name.text(), date_of_birth=dialog.date_of_birth,
                age_band=dialog.age_band, actor="window")
            recording.people.add("responsible_adult", dialog.adult.text(),
                                 pupil_id=pupil.id, actor="window")
        except LessonGuardError as exc:
            dialog.show_problem(say_error(exc))
            continue
        return pupil
    return None


def wire_recording(window: MainWindow, recording: RecordingController, bar: RecordingBar,
                   page: RecordingsPage) -> None:
    def refresh_gate() -> None:
        bar.show_gate(recording.gate_view(bar.pupil.currentData()), recording.recording)

    def toggled(on: bool) -> None:
        if not on:
            recording.stop()
            return
        pupil = bar.pupil.currentData()
        if pupil is None:
            problem = QCoreApplication.translate("RecordingWiring", "Choose the pupil first.")
        elif not confirm_start(pupil):
            bar.set_recording(False)
            return
        else:
            problem = recording.start(pupil)
        if problem:
            bar.set_recording(False)
            window.rec_notice.show_problem(problem)
        elif recording.space_warning():
            window.rec_notice.show_problem(recording.space_warning())
        refresh_gate()

    def confirm_start(pupil: int) -> bool:
        decision = recording.decision(pupil)
        who = "; ".join(f"Consent on file from {c.given_by_name} "
                        f"({c.role.replace('_', ' ')}), given {c.given_at[:10]}."
                        for c in decision.consents)
        notice = RecordingNotice(consent_text(recording.policy.state.pack), who, window)
        return notice.exec() == QDialog.DialogCode.Accepted

    def stopped(how: RecordingStopped) -> None:
        bar.set_recording(False)
        window.show_recording("")
        show = window.rec_notice.show_problem if how.trouble else window.rec_notice.show_info
        show(how.text)
        refresh_gate()

    def consent_clicked() -> None:
        pupil_id = bar.pupil.currentData()
        if pupil_id is not None:
            ask_consent(window, recording, pupil_id)
        refresh_gate()

    def withdraw() -> None:
        pupil_id = bar.pupil.currentData()
        if pupil_id is not None:
            ask_withdrawal(window, recording, pupil_id)
        refresh_gate()

    def add_clicked() -> None:
        pupil = add_pupil(window, recording)
        if pupil is not None:
            bar.set_pupils(recording.pupils(), keep=pupil.id)

    bar.withdraw_requested.connect(withdraw)
    bar.add_pupil_requested.connect(add_clicked)
    bar.pupil_changed.connect(lambda _pupil: refresh_gate())
    bar.record_toggled.connect(toggled)
    bar.consent_requested.connect(consent_clicked)
    recording.started.connect(window.show_recording)
    recording.stopped.connect(stopped)
    recording.policy.changed.connect(lambda _state: refresh_gate())
    # Consent given or withdrawn elsewhere (a technician's script) shows up here too.
    timer = QTimer(window)
    timer.setInterval(2000)
    timer.timeout.connect(lambda: None if recording.recording else refresh_gate())
    timer.start()
    window.on_close.append(page.stop_playback)
    window.on_close.append(recording.stop)
    window.on_close.append(timer.stop)
    bar.set_pupils(recording.pupils())
    recording.start_housekeeping()
