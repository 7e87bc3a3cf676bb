"""The report wizard walked to the end for every incident category and every reporting role,
producing a sealed package that verifies, and fails after any byte of any file changes. The
PDF is rendered (pdftoppm) and read (pdftotext)."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import default
from pathlib import Path

import jsonschema
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from app.audit import AuditLog
from app.encrypted_file import EncryptedWriter
from app.errors import LessonGuardError
from app.export import Trust, installation_public_key
from app.incident_open import open_incident_package
from app.incident_package import verify_package
from app.incidents import Incidents
from app.people import People
from app.policy.loader import load_pack
from app.policy.schema import CATEGORY_IDS, ROLES
from app.recordings import Recordings
from app.settings import SafeguardingLead, load_settings, save_settings
from app.store import Store
from tests.conftest import REPO
from tests.helpers.tools import require_tool
from tests.unit.test_policy_packs import SEED_PACKS, seed_text
from ui.incident_wizard import (
    P_999,
    P_DETAILS,
    P_DONE,
    P_STEPS,
    P_TELL,
    P_WHAT,
    IncidentWizard,
)


def held_recording(store: Store, data_dir: Path) -> str:
    """A small real encrypted recording, as the panic button would have held."""
    recs = Recordings(store, data_dir)
    pupil = People(store).add("pupil", "Amy Lee", age_band="11-12").id
    info, key = recs.begin(load_pack("tutorninjas"), pupil, data_dir / "recordings")
    writer = EncryptedWriter(Path(info.path), key, sync=False)
    writer.write(b"fragment " * 200)
    writer.close()
    recs.finish(info.id, state="complete", duration_s=2.0, chunks=writer.index,
                chunk_hashes=writer.chunk_hashes, size_bytes=Path(info.path).stat().st_size)
    return info.id


@pytest.fixture
def data(tmp_path: Path) -> Iterator[tuple[Path, Store]]:
    """A data folder and its store, closed afterwards."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = Store(data_dir)
    yield data_dir, store
    store.close()


def walk(qtbot: QtBot, store: Store, data_dir: Path, pack_id: str, category: str, role: str,
         out: Path, danger: bool = False, typed: tuple[tuple[str, str], ...] = (),
         said: list[str] | None = None) -> tuple[IncidentWizard, Path, list[QUrl]]:
    pack = load_pack(pack_id)
    incidents = Incidents(store, data_dir)
    recs = Recordings(store, data_dir)
    rec_id = held_recording(store, data_dir)
    incident = incidents.open(pack, actor="panic button")
    incidents.hold_recordings(incident.id, recs, [rec_id], by="panic button", mark_s=1.5)
    opened: list[QUrl] = []
    wizard = IncidentWizard(pack, incidents, recs, incident.id, open_url=opened.append)
    qtbot.addWidget(wizard)
    wizard.show()
    (wizard.danger_page.yes if danger else wizard.danger_page.no).setChecked(True)
    wizard.next()
    if danger:
        assert wizard.currentId() == P_999  # "Call 999 now" before anything else
        wizard.next()
    wizard.who_page.buttons[role].setChecked(True)
    wizard.who_page.name.setText("Chris Reporter")
    wizard.next()
    assert wizard.currentId() == P_WHAT
    wizard.what_page.buttons[category].setChecked(True)
    wizard.next()
    if wizard.guidance().call_999_first and not danger:
        assert wizard.currentId() == P_999, "a danger category must say 'Call 999 now' first"
        wizard.next()
    assert wizard.currentId() == P_STEPS
    for check in wizard.steps_page.checks:
        check.setChecked(True)
    wizard.next()
    page = wizard.details_page
    page.people.setText("An adult in the pupil's home")
    page.narrative.setPlainText(f"Something happened ({category}).")
    page.child_words.setPlainText("“Please stop.”")
    page.actions_taken.setPlainText("Pressed the panic button.")
    wizard.next()
    evidence = wizard.evidence_page
    if evidence.screenshot.isVisible():
        evidence.screenshot.click()
    evidence.play.click()
    evidence.chat.setPlainText("tutor: hello\npupil: hi")
    wizard.next()
    tell = wizard.tell_page
    for check in tell.checks[:2]:
        check.setChecked(True)
    tell.email.click()
    wizard.next()
    for check, _, _ in wizard.ask_page.checks:
        check.setChecked(True)
    wizard.next()
    assert wizard.currentId() == P_DONE
    refused = answer_passphrase(*typed, (PHRASE, PHRASE))
    package = wizard.done_page.save_package(folder=str(out))
    if said is not None:
        said.extend(refused)
    assert package is not None, wizard.done_page.message.text()
    assert not (package / "report.json").exists(), "the report is sealed, never plain"
    # Opened as the recipient's `lessonguard incident open` opens it (the same function,
    # in this process: the real command is run in the tests that are about it).
    trust = Trust(keys=((installation_public_key(data_dir), "this installation"),))
    result = open_incident_package(package, PHRASE, trust, out.parent / f"{out.name}-opened")
    assert result.status == "opened" and result.folder is not None, result.problems
    OPENED[package] = result.folder
    return wizard, package, opened


PHRASE = "maple violin harbour lantern"  # what the tutor tells the lead by phone
OPENED: dict[Path, Path] = {}  # a sealed package -> where it was opened with PHRASE


def plain(package: Path) -> Path:
    """The sealed package as its recipient reads it, once opened with the passphrase."""
    return OPENED[package]


def answer_passphrase(*typed: tuple[str, str]) -> list[str]:
    """When the passphrase dialog opens, type each (passphrase, again) in turn and press
    Seal; returns what the dialog said to each refused one. After the last refused, Cancel."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from ui.passphrase_dialog import PassphraseDialog

    pairs = list(typed or [(PHRASE, PHRASE)])
    said: list[str] = []

    def answer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, PassphraseDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        if not pairs:
            dialog.reject()
            return
        first, again = pairs.pop(0)
        dialog.first.setText(first)
        dialog.second.setText(again)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        if dialog.isVisible():  # refused: the dialog says why and stays open
            said.append(dialog.message.text())
            QTimer.singleShot(0, answer)

    QTimer.singleShot(0, answer)
    return said


def pdf_text(pdf: Path, tmp: Path) -> str:
    ppm = require_tool("pdftoppm")
    done = subprocess.run([ppm, "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf),
                           str(tmp / "page")], capture_output=True, timeout=60)
    assert done.returncode == 0 and list(tmp.glob("page*.png")), done.stderr
    text = subprocess.run([require_tool("pdftotext"), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, timeout=60)
    assert text.returncode == 0
    return re.sub(r"\s+", " ", text.stdout)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("category", CATEGORY_IDS)
def test_every_category_and_role_ends_in_a_sealed_package(
        qtbot: QtBot, tmp_path: Path, data: tuple[Path, Store], category: str,
        role: str) -> None:
    data_dir, store = data
    wizard, package, opened = walk(qtbot, store, data_dir, "tutorninjas", category, role,
                                   tmp_path / "out")
    incident = wizard.record()
    guidance = wizard.guidance()
    assert incident.category == category and incident.reporter_role == role
    assert all(s.done_at for s in incident.steps)
    assert [s.text for s in incident.steps] == list(guidance.steps)

    problems, _ = verify_package(package)
    assert problems == []
    schema = json.loads((REPO / "docs" / "incident-report.schema.json").read_text())
    jsonschema.validate(json.loads((plain(package) / "report.json").read_text()), schema,
                        format_checker=jsonschema.FormatChecker())
    files = sorted(p for p in package.rglob("*") if p.is_file())
    for path in files:  # any byte of any file changed: verify fails and names it
        data = bytearray(path.read_bytes())
        original = bytes(data)
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
        problems, _ = verify_package(package)
        name = str(path.relative_to(package))
        assert problems and any(name in p or "signature" in p for p in problems), name
        path.write_bytes(original)
    assert verify_package(package)[0] == []

    text = pdf_text(plain(package) / "report.pdf", tmp_path)
    assert guidance.title in text
    for step in incident.steps:  # every step, with the time it was done
        assert re.sub(r"\s+", " ", step.text)[:40] in text
    assert text.count("done ") >= len(incident.steps)
    assert "Childline: 0800 1111" in text and "Police (emergency): 999" in text

    shots = list(plain(package).glob("evidence/*.png"))
    assert not list(package.glob("evidence/*.png")), "screenshots go in still encrypted"
    sealed = category == "indecent_images_of_child"
    assert (shots == []) if sealed else (len(shots) == 1)
    assert (package / "evidence" / f"{incident.evidence[0].recording_id}.lgrec").exists()
    if sealed:  # the recording is sealed for the police: no replay anywhere
        assert "sealed for the police" in wizard.evidence_page.message.text()
        with pytest.raises(LessonGuardError, match="sealed for the police"):
            wizard.incidents.refuse_if_sealed(incident.evidence[0].recording_id)
        with pytest.raises(LessonGuardError, match="No screenshot"):
            wizard.incidents.add_screenshot(incident.id, b"png", "someone")
        assert not list((data_dir / "incidents").glob("*screen*"))
    else:  # kept encrypted at rest, readable in the sealed package
        (at_rest,) = (data_dir / "incidents").glob("*screen*")
        assert not at_rest.read_bytes().startswith(b"\x89PNG")
        assert shots[0].read_bytes().startswith(b"\x89PNG")
    email = QUrl.fromPercentEncoding(opened[0].toEncoded().data())
    assert email.startswith("mailto:") and "Something happened" in email
    assert "png" not in email.lower() and "attach" not in email.lower()
    wizard.close()


def test_wsm_contacts_from_the_seed_are_in_the_report(qtbot: QtBot, tmp_path: Path,
                                                      data: tuple[Path, Store]) -> None:
    data_dir, store = data
    wizard, package, opened = walk(qtbot, store, data_dir, "wsm", "inappropriate_behaviour",
                                   "tutor", tmp_path / "out")
    seed = seed_text(SEED_PACKS["wsm"])
    name, phone = re.search(r"(James Underwood) (\d{5} \d{6})", seed).groups()
    text = pdf_text(plain(package) / "report.pdf", tmp_path)
    assert name in text and phone in text
    follow = wizard.record().follow_ups
    assert follow and "well-being" in follow[0].task  # WSM: check on the pupil
    to = QUrl.fromPercentEncoding(opened[0].toEncoded().data())
    assert to.startswith("mailto:james.underwood@westsussexmusic.co.uk")
    wizard.close()


def test_danger_answered_first_shows_call_999_before_anything_else(
        qtbot: QtBot, tmp_path: Path, data: tuple[Path, Store]) -> None:
    data_dir, store = data
    wizard, package, _ = walk(qtbot, store, data_dir, "hms", "other", "responsible_adult",
                              tmp_path / "out", danger=True)
    assert wizard.record().child_in_danger
    assert "call 999" in pdf_text(plain(package) / "report.pdf", tmp_path).lower()
    assert isinstance(wizard.steps_page.checks[0], QCheckBox)
    wizard.close()


def test_the_incidents_page_tracks_status_and_follow_ups(
        qtbot: QtBot, tmp_path: Path, data: tuple[Path, Store]) -> None:
    from PySide6.QtCore import Qt

    from ui.incidents_page import IncidentsPage

    data_dir, store = data
    wizard, _, _ = walk(qtbot, store, data_dir, "wsm", "inappropriate_behaviour", "tutor",
                        tmp_path / "out")
    wizard.close()
    reopened: list[int] = []
    set_up_as(store, "tutor")
    page = IncidentsPage(wizard.incidents, lambda: load_pack("wsm"), reopened.append)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == load_pack("wsm").incidents.get(
        "inappropriate_behaviour").title
    page.table.selectRow(0)
    page.report.click()
    assert reopened == [wizard.incident_id]
    page.status.setCurrentIndex(page.status.findData("closed"))
    page.set_status.click()
    assert wizard.record().status == "closed"
    first = page.follow.item(0)
    first.setCheckState(Qt.CheckState.Checked)
    assert wizard.record().follow_ups[0].done_at is not None
    answer_passphrase()
    package = page.save_package(folder=str(tmp_path / "again"))
    assert package is not None and verify_package(package)[0] == []
    assert not (package / "report.json").exists()
    assert not page.viewer.isEnabled()  # who looks is who this computer was set up for
    set_up_as(store, "responsible_adult")
    page.refresh()
    assert page.viewer.currentData() == "responsible_adult"
    assert page.table.rowCount() == 0
    assert "not shown to the responsible adult" in page.message.text()


def set_up_as(store: Store, role: str) -> None:
    """This computer set up for a person in `role`, as first run does."""
    from app.settings import load_settings, save_settings

    save_settings(store, load_settings(store).model_copy(
        update={"role": role, "user_name": "Pat Green"}))


def wizard_for(qtbot: QtBot, store: Store, data_dir: Path, pack_id: str,
               open_url: Callable[[QUrl], object] | None = None,
               lesson_id: int | None = None) -> IncidentWizard:
    incidents = Incidents(store, data_dir)
    incident = incidents.open(load_pack(pack_id), actor="panic button",
                              panic_at=datetime.now(UTC), lesson_id=lesson_id)
    wizard = IncidentWizard(load_pack(pack_id), incidents, Recordings(store, data_dir),
                            incident.id, open_url=open_url or (lambda _u: True))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def to_tell_page(wizard: IncidentWizard, danger: bool, category: str = "other") -> None:
    (wizard.danger_page.yes if danger else wizard.danger_page.no).setChecked(True)
    wizard.next()
    if danger:
        wizard.next()  # "Call 999 now"
    wizard.who_page.buttons["tutor"].setChecked(True)
    wizard.who_page.name.setText("Sam Taylor")
    wizard.next()
    wizard.what_page.buttons[category].setChecked(True)
    wizard.next()
    if wizard.currentId() == P_999:
        wizard.next()
    while wizard.currentId() != P_TELL:
        wizard.next()


def test_contacts_are_ordered_by_what_to_do_now_with_large_numbers_to_copy(
        qtbot: QtBot, data: tuple[Path, Store]) -> None:
    """HMS names its lead but no phone or email: the lead entered on this computer is
    offered, second only to 999 when a child is in danger, and first otherwise; then CEOP,
    Childline and the UK Safer Internet Centre. Each number is large, with a copy button."""
    data_dir, store = data
    save_settings(store, load_settings(store).model_copy(update={
        "safeguarding_lead": SafeguardingLead(name="Pat Lead", phone="01632 960123",
                                              email="pat.lead@example.org")}))
    for danger, first in ((True, ["police_999", "dsl"]), (False, ["dsl"])):
        wizard = wizard_for(qtbot, store, data_dir, "hms")
        to_tell_page(wizard, danger)
        keys = [r.key for r in wizard.tell_page.routes]
        assert keys[:len(first) + 3] == [*first, "ceop", "childline",
                                          "uk_safer_internet_centre"], keys
        lead = next(r for r in wizard.tell_page.routes if r.key == "dsl")
        assert "Pat Lead" in lead.how and "entered in LessonGuard's settings" in lead.how
        copy = wizard.tell_page.copy_buttons["01632 960123"]
        number = next(w for w in copy.parent().findChildren(QLabel)
                      if w.text() == "01632 960123")
        assert "22pt" in number.styleSheet()  # large
        copy.click()
        assert QGuiApplication.clipboard().text() == "01632 960123"
        assert "0800 1111" in wizard.tell_page.copy_buttons  # Childline's, too
        wizard.close()


def test_with_no_mail_program_the_email_is_copied_or_saved_as_eml(
        qtbot: QtBot, tmp_path: Path, data: tuple[Path, Store]) -> None:
    data_dir, store = data
    wizard = wizard_for(qtbot, store, data_dir, "wsm", open_url=lambda _u: False)
    to_tell_page(wizard, danger=False, category="inappropriate_behaviour")
    wizard.incidents.record_details(wizard.incident_id, "Sam Taylor",
                                    narrative="He asked for her phone number.")
    tell = wizard.tell_page
    assert not tell.fallback.isVisible()
    tell.email.click()
    assert tell.fallback.isVisible(), "no mail program: copy and save must be offered"
    text = tell.copy_text()
    assert QGuiApplication.clipboard().text() == text
    assert "Subject: Safeguarding concern:" in text and "her phone number" in text
    assert "james.underwood@westsussexmusic.co.uk" in text
    saved = tell.save_eml(str(tmp_path / "report.eml"))
    assert saved is not None
    message = BytesParser(policy=default).parsebytes(saved.read_bytes())
    assert message["To"] == "james.underwood@westsussexmusic.co.uk"
    assert message["Subject"].startswith("Safeguarding concern:")
    assert "her phone number" in message.get_content()
    assert not message.is_multipart(), "text only: never an image or a recording"
    contacted = wizard.record().contacted
    assert contacted[-1]["target"] == "dsl" and "no mail program" in contacted[-1]["how"]
    assert tell.save_eml(str(tmp_path / "missing" / "no" / "report.eml")) is None
    assert "could not be saved" in tell.message.text()
    wizard.close()


def test_the_report_starts_from_the_lesson_and_the_person(
        qtbot: QtBot, data: tuple[Path, Store]) -> None:
    from app.lessons import Lessons
    from app.profile import NewPupil, add_pupil, save_profile

    data_dir, store = data
    pack = load_pack("hms")
    save_profile(store, "tutor", "Sam Taylor", "hms")
    pupil = add_pupil(store, pack, NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee",
                                            True), actor="Sam Taylor")
    lesson = Lessons(store).book(pack, pupil.id, datetime.now(UTC) + timedelta(days=2),
                                 duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                                 confirmed_by="Sam Taylor")
    wizard = wizard_for(qtbot, store, data_dir, "hms", lesson_id=lesson.id)
    wizard.danger_page.no.setChecked(True)
    wizard.next()
    assert wizard.who_page.role == "tutor" and wizard.who_page.name.text() == "Sam Taylor"
    wizard.next()
    wizard.what_page.buttons["other"].setChecked(True)
    wizard.next()
    while wizard.currentId() != P_DETAILS:
        wizard.next()
    details = wizard.details_page
    assert "in the lesson with Amy Lee on Zoom" in details.happened_at.text()
    assert details.people.text() == "Amy Lee (pupil), Sam Taylor (tutor)"
    wizard.close()


def test_a_step_ticked_by_mistake_can_be_unticked_and_the_untick_is_logged(
        qtbot: QtBot, data: tuple[Path, Store]) -> None:
    data_dir, store = data
    wizard = wizard_for(qtbot, store, data_dir, "wsm")
    wizard.danger_page.no.setChecked(True)
    wizard.next()
    wizard.who_page.buttons["tutor"].setChecked(True)
    wizard.who_page.name.setText("Sam Taylor")
    wizard.next()
    wizard.what_page.buttons["inappropriate_behaviour"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == P_STEPS
    first = wizard.steps_page.checks[0]
    first.setChecked(True)
    done_at = wizard.record().steps[0].done_at
    assert done_at is not None and first.isEnabled()
    first.setChecked(False)
    assert wizard.record().steps[0].done_at is None
    undone = AuditLog(store).entries("incident.step_undone")
    assert len(undone) == 1 and undone[0].actor == "Sam Taylor"
    assert undone[0].details["had_been_done_at"] == done_at
    assert AuditLog(store).verify().ok
    wizard.close()


def test_i_have_told_them_ticked_by_mistake_can_be_unticked_and_the_untick_is_logged(
        qtbot: QtBot, data: tuple[Path, Store]) -> None:
    """The same rule as a procedure step: the tick is taken back off the incident, and the
    audit entry keeps when it had been ticked and by whom; back on the page it shows as is."""
    data_dir, store = data
    wizard = wizard_for(qtbot, store, data_dir, "wsm")
    wizard.danger_page.no.setChecked(True)
    wizard.next()
    wizard.who_page.buttons["tutor"].setChecked(True)
    wizard.who_page.name.setText("Sam Taylor")
    wizard.next()
    wizard.what_page.buttons["inappropriate_behaviour"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == P_STEPS
    wizard.steps_page.checks[0].setChecked(True)
    wizard.steps_page.checks[0].setChecked(False)
    while wizard.currentId() != P_TELL:
        if wizard.currentId() == P_DETAILS:
            wizard.details_page.narrative.setPlainText("Something happened.")
        wizard.next()
    tell = wizard.tell_page
    first, second = tell.checks[0], tell.checks[1]
    first.setChecked(True)
    second.setChecked(True)
    told = wizard.record().contacted
    assert [c["target"] for c in told] == [tell.routes[0].key, tell.routes[1].key]
    assert first.isEnabled(), "a tick can be taken back"
    first.setChecked(False)
    left = wizard.record().contacted
    assert [c["target"] for c in left] == [tell.routes[1].key]
    undone = AuditLog(store).entries("incident.contact_undone")
    assert len(undone) == 1 and undone[0].actor == "Sam Taylor"
    assert undone[0].details["target"] == tell.routes[0].key
    assert undone[0].details["had_been_done_at"] == told[0]["at"]
    assert undone[0].details["had_been_done_by"] == "Sam Taylor"
    # One rule with the steps': an unticked step's entry says the same of itself.
    step = AuditLog(store).entries("incident.step_undone")
    assert len(step) == 1
    assert {k for k in step[0].details if k.startswith("had_been")} == \
        {k for k in undone[0].details if k.startswith("had_been")}
    assert AuditLog(store).verify().ok
    wizard.back()
    wizard.next()  # the page is built again from the record: only the second is ticked
    assert [c.isChecked() for c in wizard.tell_page.checks[:2]] == [False, True]
    assert len(wizard.record().contacted) == 1
    wizard.close()


def test_every_label_with_a_shortcut_key_is_tied_to_its_field(
        qtbot: QtBot, data: tuple[Path, Store]) -> None:
    """A label whose "&" has no field to go to shows the "&" itself ("Your &name")."""
    data_dir, store = data
    wizard = wizard_for(qtbot, store, data_dir, "wsm")
    loose = [label.text() for label in wizard.findChildren(QLabel)
             if re.search(r"&[^&\s]", label.text().replace("&&", ""))
             and label.buddy() is None and label.textFormat() != Qt.TextFormat.RichText]
    assert loose == [], loose
    assert wizard.who_page.findChildren(QLabel)  # the page is there
    wizard.close()


def test_the_lead_entered_at_setup_or_in_settings_is_the_one_the_report_offers(
        qtbot: QtBot, data: tuple[Path, Store]) -> None:
    """HMS names no phone or email for its lead: first run asks for them (and refuses a
    phone number with letters), Settings changes them, and the report offers that lead."""
    from PySide6.QtWidgets import QDialog

    from ui.first_run import FirstRunWizard
    from ui.safeguarding_lead import LeadSection
    from ui.settings_page import SettingsPage

    data_dir, store = data
    setup = FirstRunWizard(store, load_settings(store))
    qtbot.addWidget(setup)
    setup.show()
    setup.role_page.buttons["tutor"].setChecked(True)
    setup.role_page.name.setText("Sam Taylor")
    setup.next()
    setup.pack_page.select("hms")
    setup.next()
    setup.next()  # no pupils yet
    box = setup.ready_page.lead
    assert box.isVisible() and "gives no phone or email" in box.why.text()
    box.name.setText("Pat Lead")
    box.phone.setText("call me")
    setup.accept()
    assert setup.result() != QDialog.DialogCode.Accepted and "phone number" in \
        box.problem.text()
    box.phone.setText("01632 960123")
    setup.accept()
    qtbot.waitUntil(lambda: setup.result() == QDialog.DialogCode.Accepted, timeout=3000)
    assert load_settings(store).safeguarding_lead == SafeguardingLead(name="Pat Lead",
                                                                      phone="01632 960123")
    page = SettingsPage()
    qtbot.addWidget(page)
    section = LeadSection(page, store, lambda: load_pack("hms"))
    assert section.box.phone.text() == "01632 960123"
    section.box.email.setText("pat.lead@example.org")
    assert section.keep() and "Saved" in section.box.problem.text()
    wizard = wizard_for(qtbot, store, data_dir, "hms")
    to_tell_page(wizard, danger=False)
    lead = wizard.tell_page.routes[0]
    assert lead.key == "dsl" and "01632 960123" in lead.how and lead.email == \
        "pat.lead@example.org"
    assert wizard.tell_page.report_email().to == "pat.lead@example.org"
    wizard.close()


def test_the_sealed_report_names_the_lead_entered_on_this_computer(
        qtbot: QtBot, tmp_path: Path, data: tuple[Path, Store]) -> None:
    data_dir, store = data
    save_settings(store, load_settings(store).model_copy(update={
        "safeguarding_lead": SafeguardingLead(name="Pat Lead", phone="01632 960123")}))
    wizard, package, _ = walk(qtbot, store, data_dir, "hms", "inappropriate_behaviour",
                              "tutor", tmp_path / "out")
    assert verify_package(package)[0] == []
    report = (plain(package) / "report.json").read_text()
    assert "Pat Lead" in report and "01632 960123" in report
    assert "entered in LessonGuard's settings" in report
    wizard.close()


def open_with_the_command(package: Path, data_dir: Path, tmp: Path) -> Path:
    """The recipient's way in: the real `lessonguard incident open` process (on the sender's
    computer here, which trusts its own signature)."""
    from tests.integration.test_record_cli import lg

    phrase = tmp / "phrase.txt"
    phrase.write_text(PHRASE + "\n")
    done = lg("incident", "open", str(package), "--passphrase-file", str(phrase), "--out",
              str(tmp / "opened"), "--data-dir", str(data_dir), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return Path(json.loads(done.stdout)["folder"])


def no_plain_words(package: Path, *words: str) -> None:
    """Nothing of the report is readable on disk: no report.json or report.pdf in plain, and
    none of these words in any file of the package."""
    assert not (package / "report.json").exists() and not (package / "report.pdf").exists()
    for path in package.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(w.encode() in data for w in words), path.name


def test_the_wizard_saves_the_report_sealed_as_the_command_line_does(
        qtbot: QtBot, tmp_path: Path, data: tuple[Path, Store]) -> None:
    """Typed twice, by the command line's rule (two that differ, then one too easy, are
    refused with the reason); the package holds nothing plain, and the recipient's
    `lessonguard incident open` opens it with the passphrase."""
    data_dir, store = data
    said: list[str] = []
    wizard, package, _ = walk(
        qtbot, store, data_dir, "wsm", "inappropriate_behaviour", "tutor", tmp_path / "out",
        typed=((PHRASE, PHRASE + "x"), ("abcdefghijklmn", "abcdefghijklmn")), said=said)
    assert len(said) == 2
    assert "not the same" in said[0] and "too easy to guess" in said[1]
    no_plain_words(package, "Something happened", "Please stop", "Chris Reporter")
    manifest = json.loads((package / "manifest.json").read_text())
    assert "report.json.lgenc" in manifest["sealed"]
    assert verify_package(package)[0] == []
    folder = open_with_the_command(package, data_dir, tmp_path)
    report = json.loads((folder / "report.json").read_text())
    assert report["incident"]["details"]["narrative"] == \
        "Something happened (inappropriate_behaviour)."
    assert "Please stop" in report["incident"]["details"]["child_words"]
    assert (folder / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "lessonguard incident open" in wizard.done_page.message.text()
    wizard.close()


def test_a_parent_who_just_reported_saves_what_they_wrote_sealed_but_not_from_the_page(
        qtbot: QtBot, tmp_path: Path, data: tuple[Path, Store]) -> None:
    """The family's computer: the wizard saves the report just made (sealed); the incidents
    page, which lists everyone's reports, is closed to a parent and asks no passphrase."""
    from PySide6.QtWidgets import QApplication

    from ui.incidents_page import IncidentsPage
    from ui.passphrase_dialog import PassphraseDialog

    data_dir, store = data
    set_up_as(store, "responsible_adult")
    wizard, package, _ = walk(qtbot, store, data_dir, "hms", "other", "responsible_adult",
                              tmp_path / "out")
    no_plain_words(package, "Something happened", "Please stop")
    assert json.loads((plain(package) / "report.json").read_text())["incident"][
        "reporter"]["role"] == "responsible_adult"
    wizard.close()
    page = IncidentsPage(wizard.incidents, lambda: load_pack("hms"), lambda _i: None)
    qtbot.addWidget(page)
    page.rows = [wizard.record()]  # even if the row were there, the rule refuses
    page.table.setRowCount(1)
    page.table.setCurrentCell(0, 0)
    assert page.save_package(folder=str(tmp_path / "page")) is None
    assert "not shown to the responsible adult" in page.message.text()
    assert not any(isinstance(w, PassphraseDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    assert not (tmp_path / "page").exists()


def test_the_incidents_page_saves_sealed_and_cancelling_saves_nothing(
        qtbot: QtBot, tmp_path: Path, data: tuple[Path, Store]) -> None:
    from ui.incidents_page import IncidentsPage

    data_dir, store = data
    wizard, _, _ = walk(qtbot, store, data_dir, "wsm", "inappropriate_behaviour", "tutor",
                        tmp_path / "out")
    wizard.close()
    set_up_as(store, "tutor")
    page = IncidentsPage(wizard.incidents, lambda: load_pack("wsm"), lambda _i: None)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    out = tmp_path / "page"
    out.mkdir()
    said = answer_passphrase(("short", "short"))  # refused, then cancelled
    assert page.save_package(folder=str(out)) is None
    assert "at least 12 characters" in said[0]
    assert "Not saved" in page.message.text() and list(out.iterdir()) == []
    answer_passphrase()
    package = page.save_package(folder=str(out))
    assert package is not None, page.message.text()
    no_plain_words(package, "Something happened", "Please stop", "Chris Reporter")
    folder = open_with_the_command(package, data_dir, tmp_path)
    report = json.loads((folder / "report.json").read_text())
    assert report["incident"]["id"] == wizard.incident_id
    exported = AuditLog(store).entries("incident.exported")
    assert exported and "the incidents page" in exported[-1].actor
