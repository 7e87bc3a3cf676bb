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
         out: Path, danger: bool = False) -> tuple[IncidentWizard, Path, list[QUrl]]:
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
    package = wizard.done_page.save_package(folder=str(out))
    assert package is not None, wizard.done_page.message.text()
    return wizard, package, opened


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
    jsonschema.validate(json.loads((package / "report.json").read_text()), schema,
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

    text = pdf_text(package / "report.pdf", tmp_path)
    assert guidance.title in text
    for step in incident.steps:  # every step, with the time it was done
        assert re.sub(r"\s+", " ", step.text)[:40] in text
    assert text.count("done ") >= len(incident.steps)
    assert "Childline: 0800 1111" in text and "Police (emergency): 999" in text

    shots = list(package.glob("evidence/*.png"))
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
    text = pdf_text(package / "report.pdf", tmp_path)
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
    assert "call 999" in pdf_text(package / "report.pdf", tmp_path).lower()
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
    package = page.save_package(folder=str(tmp_path / "again"))
    assert package is not None and verify_package(package)[0] == []
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
    report = (package / "report.json").read_text()
    assert "Pat Lead" in report and "01632 960123" in report
    assert "entered in LessonGuard's settings" in report
    wizard.close()
