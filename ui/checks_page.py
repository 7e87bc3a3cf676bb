"""The "Check my setup" page: one button, a list that fills in as checks finish, and what to
do about anything that is not right. Status is always an icon and words, never colour alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.check_log import record_confirmation
from app.store import Store
from app.texts import CONTEXT as DOMAIN_CONTEXT
from app.times import clock
from checks.apps import CloseReport, Finding
from checks.base import CheckResult, Confirmation
from checks.microphone_check import LISTEN_PROMPT
from checks.room_scan import RoomScan
from checks.runner import CheckRun
from ui.capture_controller import to_qimage
from ui.checks_controller import ChecksController
from ui.pack_list import shown
from ui.policy_controller import PolicyController
from ui.sound_test import SoundTestDialog, open_sound_test
from ui.theme import paint_status
from ui.throughput_plot import ThroughputPlot
from ui.translations import QT_TRANSLATE_NOOP, say

STYLE = {
    # status: (icon, words, text colour, background)
    "pending": ("…", QT_TRANSLATE_NOOP("CheckRow", "Checking"), "#444444", "#f2f2f2"),
    "pass": ("✔", QT_TRANSLATE_NOOP("CheckRow", "Ready"), "#1b5e20", "#e8f5e9"),
    "warn": ("⚠", QT_TRANSLATE_NOOP("CheckRow", "Worth a look"), "#6d4c00", "#fff8e1"),
    "fail": ("✖", QT_TRANSLATE_NOOP("CheckRow", "Fix this"), "#8e1b10", "#fdecea"),
    "inconclusive": ("?", QT_TRANSLATE_NOOP("CheckRow", "Not sure"), "#37474f", "#eceff1"),
    "skipped": ("–", QT_TRANSLATE_NOOP("CheckRow", "Not checked"), "#555555", "#f5f5f5"),
}


def check_title(title: str) -> str:
    """A check's name in the person's language. Its `_()` template has no values, so it is
    looked up as it is even after a Qt signal has turned it into plain text."""
    return QCoreApplication.translate(DOMAIN_CONTEXT, title)


def plot_speed(rows: dict[str, CheckRow], direction: str, seconds: float, mbps: float) -> None:
    """A speed sample from the running test, drawn on the speed row's plot as it arrives."""
    row = rows.get("bandwidth")
    if row is not None and row.plot is not None:
        row.plot.add(direction, seconds, mbps)


STATUS_ORDER = ("fail", "warn", "inconclusive", "pass", "skipped", "pending")


def by_urgency(rows: Iterable[CheckRow]) -> list[CheckRow]:
    """What needs doing first; within each status the policy's own order stays."""
    return sorted(rows, key=lambda r: STATUS_ORDER.index(r.status))


class CheckRow(QFrame):
    scan_room = Signal()
    run_again = Signal(str)
    close_apps = Signal(list)
    blur_area = Signal(tuple)  # (x, y, w, h) fractions: always blur this part of the picture

    def __init__(self, check_id: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check_id = check_id
        self.status = "pending"
        title = check_title(title)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"check-{check_id}")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.top = top
        self.badge = QLabel(self)
        self.badge.setMinimumWidth(130)
        self.title = QLabel(f"<b>{title}</b>", self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.again = QPushButton(self.tr("Run again"), self)
        self.again.setAccessibleName(self.tr("Run the {title} check again").format(title=title))
        self.again.clicked.connect(lambda: self.run_again.emit(self.check_id))
        self.again.setEnabled(False)
        self.fix_apps = QPushButton(self.tr("Close them…"), self)
        self.fix_apps.setAccessibleName(self.tr("Close the programs listed"))
        self.fix_apps.hide()
        self.fix_apps.clicked.connect(self._close_clicked)
        top.addWidget(self.badge)
        top.addWidget(self.title)
        top.addWidget(self.summary, 1)
        top.addWidget(self.fix_apps)
        top.addWidget(self.again)
        layout.addLayout(top)
        self.remediation = QLabel(self)
        self.remediation.setWordWrap(True)
        self.remediation.setTextFormat(Qt.TextFormat.RichText)
        self.remediation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remediation.hide()
        layout.addWidget(self.remediation)
        self.findings: list[Finding] = []
        self.plot: ThroughputPlot | None = None
        self.cards: QLabel | None = None
        self.blur_buttons: list[QWidget] = []
        self.extras = QVBoxLayout()
        layout.addLayout(self.extras)
        self.scan_button: QPushButton | None = None
        self.scan_result: QLabel | None = None
        if check_id == "room":
            self.scan_button = QPushButton(self.tr("Scan the room…"), self)
            self.scan_button.setAccessibleName(
                self.tr("Scan the room: pan the camera slowly round for six seconds"))
            self.scan_button.clicked.connect(self.scan_room.emit)
            self.scan_result = QLabel(self)
            self.scan_result.setWordWrap(True)
            self.scan_result.setAccessibleName(self.tr("Room scan result"))
            self.scan_result.hide()  # until a scan is run
            top.insertWidget(top.count() - 1, self.scan_button)
            layout.addWidget(self.scan_result)
        if check_id == "bandwidth":
            self.plot = ThroughputPlot(self)
            self.cards = QLabel(self)
            self.cards.setTextFormat(Qt.TextFormat.RichText)
            self.cards.setAccessibleName(self.tr("Upload and download results"))
            layout.addWidget(self.plot)
            layout.addWidget(self.cards)
        self._paint("pending", self.tr("Checking…"))
        self.setAccessibleName(title)

    def _paint(self, status: str, summary: str) -> None:
        icon, words, colour, background = STYLE[status]
        summary = say(summary)
        self.status = status
        self.badge.setText(f"{icon} {self.tr(words)}")
        self.badge.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
        # Its own text colour with its own background, so a dark theme stays readable.
        self.setStyleSheet(f"CheckRow {{ background: {background}; border-radius: 6px; }} "
                           "CheckRow QLabel { color: #202124; }")
        self.summary.setText(summary)
        self.setAccessibleDescription(f"{self.tr(words)}: {summary}")

    def add_sound_test(self, open_test: Callable[[], object]) -> None:
        """The microphone row: "Say something now" while it listens, and the sound test."""
        self.sound_button = QPushButton(self.tr("Test sound…"), self)
        self.sound_button.setAccessibleName(
            self.tr("Test the microphone and speakers: say something, hear it played back"))
        self.sound_button.clicked.connect(lambda: open_test())
        self.top.insertWidget(self.top.count() - 1, self.sound_button)
        self.pending()

    def _pending_words(self) -> str:
        return say(LISTEN_PROMPT) if self.check_id == "microphone" else self.tr("Checking…")

    def pending(self) -> None:
        self._paint("pending", self._pending_words())
        if self.plot is not None:
            self.plot.reset(self.plot.threshold)
        self.remediation.hide()
        self.fix_apps.hide()
        self.again.setEnabled(False)

    def show_result(self, result: CheckResult) -> None:
        self._paint(result.status, result.summary)
        steps = "".join(f"<li>{say(step)}</li>" for step in result.remediation)
        basis = (f"<p style='color:#555'>{self.tr('Why')}: {shown(result.source)}</p>"
                 if result.source else "")
        self.remediation.setText(f"<ol>{steps}</ol>{basis}" if steps else basis)
        self.remediation.setVisible(result.status != "pass" and bool(steps or basis))
        self.again.setEnabled(True)
        self.findings = [Finding(o["app"], o["name"], o["category"], o["why"], list(o["pids"]))
                         for o in result.figures.get("open", [])]
        self.fix_apps.setVisible(result.id == "apps" and bool(self.findings))
        if self.cards is not None:
            self.cards.setText(speed_cards(result.figures))
        for button in self.blur_buttons:
            button.setParent(None)
            button.deleteLater()
        self.blur_buttons = []
        for found in result.figures.get("found", [])[:5] if result.id == "personal_information" \
                else []:
            pad = 0.02
            x, y, w, h = found["box"]
            area = (max(0.0, x - pad), max(0.0, y - pad), w + 2 * pad, h + 2 * pad)
            crop = self._crop(result, found["box"])
            if crop is not None:
                self.extras.addWidget(crop)
                self.blur_buttons.append(crop)  # removed with the buttons on the next run
            button = QPushButton(self.tr("Always blur where it says “{text}”").format(
                text=found["text"]), self)
            button.setAccessibleName(self.tr("Always blur this area"))
            def hide_it(_checked: bool = False, a: object = area,
                        b: QPushButton = button) -> None:
                self.blur_area.emit(a)
                b.setEnabled(False)

            button.clicked.connect(hide_it)
            self.extras.addWidget(button)
            self.blur_buttons.append(button)

    def _crop(self, result: CheckResult, box: list[float]) -> QLabel | None:
        """A small picture of where the text is, from the frame the check looked at."""
        picture = result.attachments.get("picture")
        if picture is None:
            return None
        h, w = picture.shape[:2]
        x, y, bw, bh = box
        x0, y0 = max(0, int((x - 0.03) * w)), max(0, int((y - 0.03) * h))
        x1, y1 = min(w, int((x + bw + 0.03) * w)), min(h, int((y + bh + 0.03) * h))
        if x1 <= x0 or y1 <= y0:
            return None
        image = to_qimage(picture[y0:y1, x0:x1])
        label = QLabel(self)
        label.setPixmap(QPixmap.fromImage(image).scaledToHeight(
            min(80, image.height() * 2), Qt.TransformationMode.SmoothTransformation))
        label.setAccessibleName(self.tr("Where the personal information is"))
        return label

    def _close_clicked(self) -> None:
        self.close_apps.emit(self.findings)


SPEED_WORDS = {
    "download": QT_TRANSLATE_NOOP("SpeedCards", "Download"),
    "upload": QT_TRANSLATE_NOOP("SpeedCards", "Upload"),
    "pass": QT_TRANSLATE_NOOP("SpeedCards", "fast enough"),
    "fail": QT_TRANSLATE_NOOP("SpeedCards", "too slow"),
    "unknown": QT_TRANSLATE_NOOP("SpeedCards", "not measured"),
}


def speed_cards(figures: dict[str, object]) -> str:
    """One card per direction: the figure, the threshold, the verdict in words."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("SpeedCards", text)

    cells = []
    for name in ("download", "upload"):
        d = figures.get(name)
        if not isinstance(d, dict):
            continue
        mbps = d.get("mbps")
        figure = "—" if mbps is None else QCoreApplication.translate(
            "SpeedCards", "{mbps} Mbit/s").format(mbps=f"{mbps:.1f}")
        verdict = {"pass": ("✔", "#1b5e20"), "fail": ("✖", "#8e1b10")}.get(
            str(d.get("verdict")), ("?", "#37474f"))
        words = tr(SPEED_WORDS.get(str(d.get("verdict")), SPEED_WORDS["unknown"]))
        needs = QCoreApplication.translate("SpeedCards", "(needs {mbps} Mbit/s)").format(
            mbps=d.get("threshold_mbps"))
        cells.append(
            f"<td style='padding:6px 18px 6px 0'><b>{tr(SPEED_WORDS[name])}</b><br>"
            f"<span style='font-size:15pt'>{figure}</span><br>"
            f"<span style='color:{verdict[1]}'>{verdict[0]} {words}</span> {needs}</td>")
    latency = figures.get("latency_ms")
    if latency is not None:
        delay = QCoreApplication.translate("SpeedCards", "Delay")
        ms = QCoreApplication.translate("SpeedCards", "{ms} ms").format(ms=f"{latency:.0f}")
        jitter = QCoreApplication.translate("SpeedCards", "jitter {ms} ms").format(
            ms=figures.get("jitter_ms"))
        cells.append(f"<td style='padding:6px 0'><b>{delay}</b><br>"
                     f"<span style='font-size:15pt'>{ms}</span><br>{jitter}</td>")
    return "<table><tr>" + "".join(cells) + "</tr></table>" if cells else ""


class ConfirmationsBox(QGroupBox):
    """The pupil's age and what the responsible adult confirms, recorded with name and time."""

    changed = Signal()
    confirmed = Signal(str)  # the kind just recorded: its check row is checked again at once

    def __init__(self, store: Store, checks: ChecksController,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("About this lesson"), parent)
        self.store, self.checks = store, checks
        form = QFormLayout(self)
        self.lesson = QLabel(self.tr("No lesson is booked: the checks run for any lesson."),
                             self)
        self.lesson.setWordWrap(True)
        self.lesson.setAccessibleName(self.tr("The lesson these checks are for"))
        form.addRow(self.lesson)
        self.age_known = QCheckBox(self.tr("I know the pupil's age:"), self)
        self.age = QSpinBox(self)
        self.age.setRange(3, 25)
        self.age.setValue(11)
        self.age.setEnabled(False)
        self.age.setAccessibleName(self.tr("Pupil's age in years"))
        self.age_known.toggled.connect(self.age.setEnabled)
        self.age_known.toggled.connect(self._age_changed)
        self.age.valueChanged.connect(self._age_changed)
        age_row = QHBoxLayout()
        age_row.addWidget(self.age_known)
        age_row.addWidget(self.age)
        age_row.addStretch(1)
        form.addRow(age_row)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Responsible adult's full name"))
        self.name.setAccessibleName(self.tr("Responsible adult's name"))
        form.addRow(self.tr("&Adult's name:"), self.name)
        buttons = QHBoxLayout()
        self.present = QPushButton(self.tr("I am &present"), self)
        self.present.setAccessibleName(self.tr("Confirm the adult is present"))
        self.room = QPushButton(self.tr("This is a &living area"), self)
        self.room.setAccessibleName(
            self.tr("Confirm the room is a living area, not a bedroom or bathroom"))
        buttons.addWidget(self.present)
        buttons.addWidget(self.room)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.recorded = QLabel(self)
        self.recorded.setWordWrap(True)
        self.recorded.hide()  # until something is recorded
        form.addRow(self.recorded)
        self.present.clicked.connect(lambda: self._confirm("adult_present"))
        self.room.clicked.connect(lambda: self._confirm("room_living_area"))

    def show_lesson(self, words: str, age: int | None, adult: str) -> None:
        """The booked lesson the checks are for: its pupil's age and adult, already known."""
        self.lesson.setText(words)
        self.age_known.blockSignals(True)
        self.age_known.setChecked(age is not None)
        self.age_known.blockSignals(False)
        self.age.setEnabled(age is not None)
        if age is not None:
            self.age.blockSignals(True)
            self.age.setValue(age)
            self.age.blockSignals(False)
        if adult and not self.name.text().strip():
            self.name.setText(adult)

    def _age_changed(self) -> None:
        self.checks.lesson.pupil_age = self.age.value() if self.age_known.isChecked() else None
        self.changed.emit()

    def _confirm(self, kind: str) -> None:
        name = self.name.text().strip()
        self.recorded.show()
        if len(name) < 2:
            self.recorded.setText(self.tr("⚠ Type the adult's full name first."))
            self.name.setFocus()
            return
        now = datetime.now(UTC)
        record_confirmation(self.store, kind=kind, by_name=name, role="responsible_adult",
                            at=now, lesson_id=self.checks.lesson_id)
        self.checks.lesson.confirmations.append(
            Confirmation(kind, name, "responsible_adult", now))
        what = {"adult_present": self.tr("is present"),
                "room_living_area": self.tr("confirmed the room is a living area")}[kind]
        self.recorded.setText(self.tr("✔ Recorded: {name} {what} ({time}).").format(
            name=name, what=what, time=clock(now)))
        self.changed.emit()
        self.confirmed.emit(kind)


SUMMARY_CSS = "font-size: 15pt; font-weight: bold;"  # the sum of the checks, coloured by verdict
OWNER = "page"  # this page's runs, told apart from the Ready screen's (ChecksController.owner)


class ChecksPage(QWidget):
    blur_area = Signal(tuple)  # from the personal-information row: always blur this area

    def __init__(self, checks: ChecksController, policy: PolicyController, store: Store,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks, self.policy = checks, policy
        self.rows: dict[str, CheckRow] = {}
        self._pending_close: list[Finding] = []
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Five minutes before the lesson, press the button. Every check "
                               "your organisation's policy asks for runs at once."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.confirmations = ConfirmationsBox(store, checks, self)
        self.confirmations.confirmed.connect(self._confirmed)
        self._recheck: set[str] = set()  # confirmed while a run was going: checked after it
        layout.addWidget(self.confirmations)
        controls = QHBoxLayout()
        self.run_button = QPushButton(self.tr("&Check my setup"), self)
        self.run_button.setAccessibleName(self.tr("Check my setup"))
        self.cancel_button = QPushButton(self.tr("Stop"), self)
        self.cancel_button.setAccessibleName(self.tr("Stop the checks"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Checks done"))
        self.progress.setFormat(self.tr("%v of %m checks done"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # until a run starts
        self.tone_button = QPushButton(self.tr("Test &sound…"), self)
        self.tone_button.setAccessibleName(
            self.tr("Test the microphone and speakers: say something, hear it played back"))
        self.tone_button.clicked.connect(self.open_sound_test)
        controls.addWidget(self.run_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.tone_button)
        controls.addWidget(self.progress, 1)
        layout.addLayout(controls)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Result of the checks"))
        self.summary.setStyleSheet("QLabel { font-size: 15pt; font-weight: bold; }")
        layout.addWidget(self.summary)
        self.list_host = QWidget(self)
        self.list_layout = QVBoxLayout(self.list_host)
        self.list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setAccessibleName(self.tr("Checks"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.list_host)
        layout.addWidget(scroll, 1)

        self.run_button.clicked.connect(self.run_all)
        self.cancel_button.clicked.connect(checks.cancel)
        checks.planned.connect(self._planned)
        checks.result.connect(self._result)
        checks.finished.connect(self._finished)
        checks.failed.connect(self._failed)
        checks.apps_closed.connect(self._apps_closed)
        checks.tone_played.connect(self._tone_done)
        checks.speed_sample.connect(self._speed_sample)
        checks.room_scanned.connect(self._room_scanned)
        checks.speakers_answered.connect(self._speakers_row)  # also given on the Ready screen
        checks.close_requested.connect(self._ask_close)  # "Close them…" on the Ready screen
        checks.blur_requested.connect(self.blur_area.emit)  # "Always blur…" there

    def run_all(self) -> None:
        if self.checks.start(self.policy.state.pack, owner=OWNER):
            self.summary.setText(self.tr("Checking…"))
            self.cancel_button.setEnabled(True)
            self.cancel_button.setFocus()  # keyboard focus stays on this page
            self.run_button.setEnabled(False)

    def run_one(self, check_id: str) -> None:
        if self.checks.start(self.policy.state.pack, only=[check_id], merge=True,
                             owner=OWNER):
            self.rows[check_id].pending()
            self.run_button.setEnabled(False)

    def _confirmed(self, kind: str) -> None:
        """A confirmation just recorded: its row says so now, not after Run again."""
        check_id = {"adult_present": "supervision", "room_living_area": "room"}[kind]
        if check_id not in self.rows:
            return
        if self.checks.running:
            self._recheck.add(check_id)
        else:
            self.run_one(check_id)

    def _planned(self, planned: list[tuple[str, str]]) -> None:
        if self.checks.owner != OWNER:
            return  # another screen's run (the Ready screen's): this page keeps its own list
        if len(planned) == 1 and planned[0][0] in self.rows:
            return  # one check run again: its row stays where it is
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()
        for check_id, title in planned:
            row = CheckRow(check_id, title, self.list_host)
            row.run_again.connect(self.run_one)
            row.close_apps.connect(self._ask_close)
            row.blur_area.connect(self.blur_area.emit)
            row.scan_room.connect(self._scan_room)
            if check_id == "microphone":  # the sound test, and the prompt while it listens
                row.add_sound_test(self.open_sound_test)
            self.list_layout.insertWidget(self.list_layout.count() - 1, row)
            self.rows[check_id] = row
        if self.checks.speakers is not None:  # the person's last answer stays a row
            self._speakers_row(self.checks.speakers)
        self.progress.setRange(0, len(self.rows))
        self.progress.setValue(len(self.rows) - len(planned))
        self.progress.setTextVisible(True)

    def _result(self, result: CheckResult) -> None:
        row = self.rows.get(result.id)
        if row is not None:  # another screen's newer result for one of this page's rows too
            row.show_result(result)
        if self.checks.owner != OWNER:
            return
        self.progress.setValue(sum(1 for r in self.rows.values() if r.status != "pending"))

    def _failed(self, why: str) -> None:
        """The run itself broke (not a check: those end in a verdict): say so, and let the
        person run it again."""
        if self.checks.owner != OWNER:
            return  # another screen's run: it says so itself
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.summary.setText("⚠ " + self.tr("The checks could not finish: {why} Press Check "
                                            "my setup to try again.").format(why=why))

    def _finished(self, run: CheckRun) -> None:
        if self.checks.owner != OWNER:  # another screen's run: the rows it re-ran are updated
            if self.rows and self.checks.last_run is not None:
                self._show_summary(self.checks.last_run)
            self._run_rechecks()
            return
        rows = by_urgency(self.rows.values())
        for row in rows:
            self.list_layout.removeWidget(row)
        for index, row in enumerate(rows):
            self.list_layout.insertWidget(index, row)
        self.run_button.setEnabled(True)
        if self.cancel_button.hasFocus():
            self.run_button.setFocus()
        self.cancel_button.setEnabled(False)
        self._show_summary(run)
        self._run_rechecks()

    def _show_summary(self, run: CheckRun) -> None:
        ready = run.ready
        icon = ("✔" if run.sure else "?") if ready else "✖"
        self.summary.setText(f"{icon} {say(run.summary())}")
        paint_status(self.summary, ("good" if run.sure else "muted") if ready else "fail",
                     SUMMARY_CSS)

    def _run_rechecks(self) -> None:
        """A confirmation made while a run was going: its row is checked now."""
        if self._recheck:
            check_id = self._recheck.pop()
            if check_id in self.rows:
                self.run_one(check_id)

    def _scan_room(self) -> None:
        row = self.rows.get("room")
        if row is None or row.scan_button is None or row.scan_result is None:
            return
        row.scan_button.setEnabled(False)
        row.scan_result.show()
        row.scan_result.setText(self.tr("Scanning: turn the camera slowly round the room, "
                                        "left to right, for six seconds…"))
        self.checks.scan_room()

    def _room_scanned(self, scan: RoomScan) -> None:
        row = self.rows.get("room")
        if row is None or row.scan_button is None or row.scan_result is None:
            return
        row.scan_button.setEnabled(True)
        text = say(scan.summary())
        found = [f"“{p['text']}”" for p in scan.personal]
        if found:
            text += " " + self.tr("Remove or cover: {items}.").format(items=", ".join(found[:5]))
        row.scan_result.setText(("⚠ " if found else "✔ ") + text)

    def _speed_sample(self, direction: str, seconds: float, mbps: float) -> None:
        plot_speed(self.rows, direction, seconds, mbps)

    def open_sound_test(self) -> SoundTestDialog:
        """"Say something now", record and play back, the speakers, heard or not."""
        dialog = open_sound_test(self.checks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.verdict.connect(self._speakers_answered)
        self.sound_test = dialog
        dialog.show()
        return dialog

    def _speakers_answered(self, result: CheckResult) -> None:
        """The speakers' verdict, as the person gave it in the sound test: a row of the run,
        a "didn't" a thing to fix with its steps, counted in the sum."""
        run = self.checks.answer_speakers(result, self.policy.state.pack)
        self._speakers_row(result)
        heard = result.status == "pass"
        if len(run.results) > 1:  # a run shown on this page: its sum now counts the speakers
            self._show_summary(run)
            return
        self.summary.setText(("✔ " if heard else "✖ ") + say(result.summary))
        paint_status(self.summary, "good" if heard else "fail", SUMMARY_CSS)

    def _speakers_row(self, result: CheckResult) -> None:
        """The speakers' row, after the microphone's (no probe runs it: it is shown as is)."""
        row = self.rows.get(result.id)
        if row is None:
            row = CheckRow(result.id, result.title, self.list_host)
            row.again.setText(self.tr("Test sound…"))
            row.again.setAccessibleName(self.tr("Test the speakers again"))
            row.run_again.connect(lambda _id: self.open_sound_test())
            mic = self.rows.get("microphone")
            at = (self.list_layout.indexOf(mic) + 1 if mic is not None
                  else self.list_layout.count() - 1)
            self.list_layout.insertWidget(at, row)
            self.rows[result.id] = row
        row.show_result(result)

    def _tone_done(self, problem: str) -> None:
        self.tone_button.setEnabled(True)
        self.summary.setText(("⚠ " + problem) if problem else
                             self.tr("Did you hear a one-second tone? If not, check the "
                                     "speakers or headphones and their volume."))

    def _ask_close(self, findings: list[Finding]) -> None:
        names = "\n".join(f"• {f.name}" for f in findings)
        answer = QMessageBox.question(
            self, self.tr("Close these programs?"),
            self.tr("LessonGuard will ask these programs to close. Save anything you are "
                    "working on in them first.\n\n{names}").format(names=names))
        if answer == QMessageBox.StandardButton.Yes:
            self._pending_close = findings
            self.checks.close_apps(findings, force=False)

    def _apps_closed(self, reports: list[CloseReport]) -> None:
        stuck = [r for r in reports if r.outcome == "still_running"]
        if stuck:
            names = "\n".join(f"• {r.name}" for r in stuck)
            answer = QMessageBox.question(
                self, self.tr("Some programs did not close"),
                self.tr("These did not close when asked:\n\n{names}\n\nForce them to close? "
                        "Anything unsaved in them will be lost.").format(names=names))
            if answer == QMessageBox.StandardButton.Yes:
                ids = {r.app_id for r in stuck}
                self.checks.close_apps([f for f in self._pending_close if f.app_id in ids],
                                       force=True)
                return
        self.run_one("apps")
