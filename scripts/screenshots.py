"""Make the README's screenshots from the real window, the same way every time.

    .venv/bin/python scripts/screenshots.py            # all of them (about five minutes)
    .venv/bin/python scripts/screenshots.py --only 100  # just the README's 100% pictures

Each look runs in its own process on its own Xvfb screen, the window drawn by Qt's X11
(xcb) platform: "100" (1366×768, light) writes the README's pictures to docs/screenshots;
"150" (1440×900 at 150%) and "dark" (1366×768, dark theme) write the same pictures to
build/screenshots/150 and build/screenshots/dark (not committed: for looking at), of which
the README shows panic-150.png, start-lesson-dark.png and checks-page-dark.png; "200"
(1920×1080 at 200%) makes start-lesson-200.png only.

What they show is fixed: a temporary data folder with Sam Taylor (tutor), Amy Lee (11) and
her adult Jo Lee, a lesson booked a day ahead and due in two minutes; the demo camera; a
private PulseAudio server whose microphone hears espeak-ng saying a sentence over and over;
the real `lessonguard speed-server` on loopback for the speed test (nothing leaves the
computer). Windows are grabbed with QWidget.grab (no pointer, no desktop). What differs from
one run to the next: the clock (booked times), the demo camera's moving picture, the level
of the meter.

Needs what the tests need: Xvfb, pulseaudio, espeak-ng (scripts/system-tools.txt).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# name: (screen width, height, QT_SCALE_FACTOR, theme, folder under ROOT, shots or None = all)
LOOKS: dict[str, tuple[int, int, str, str, str, tuple[str, ...] | None]] = {
    "100": (1366, 768, "1", "light", "docs/screenshots", None),
    "150": (1440, 900, "1.5", "light", "build/screenshots/150", None),
    "dark": (1366, 768, "1", "dark", "build/screenshots/dark", None),
    "200": (1920, 1080, "2", "light", "build/screenshots/200", ("start-lesson",)),
}
# Pictures the README shows from the other looks, copied into docs/screenshots.
README_EXTRAS = {("150", "panic"): "panic-150", ("dark", "start-lesson"): "start-lesson-dark",
                 ("dark", "checks-page"): "checks-page-dark",
                 ("200", "start-lesson"): "start-lesson-200"}
BORN = date(date.today().year - 11, 1, 1) if date.today().month > 1 else \
    date(date.today().year - 12, 1, 1)  # Amy Lee is 11 all year


# ---- the parent: screens, sound, speed server, one process per look -----------------------


@contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                             f"{width}x{height}x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    try:
        if not number:
            raise SystemExit("Xvfb did not start")
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


@contextmanager
def speed_server() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("lessonguard")
    proc = subprocess.Popen([str(exe), "speed-server", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("the speed server did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


def make_all(only: list[str]) -> None:
    from tests.helpers.pulse import PulseServer, keep_talking, speech

    # One fixed folder (Settings shows where the data is), emptied before and after.
    tmp = Path(tempfile.gettempdir()) / "lessonguard-screenshots"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        pulse = PulseServer(tmp / "pulse").start()
        try:
            voice = speech(tmp / "voice.wav", "Hello, I am ready for my violin lesson today. "
                           * 3)
            with speed_server() as url, keep_talking(pulse, voice):
                for name in only:
                    width, height, scale, _theme, folder, _shots = LOOKS[name]
                    out = ROOT / folder
                    out.mkdir(parents=True, exist_ok=True)
                    data = tmp / f"data-{name}"
                    with xvfb(width, height) as display:
                        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                               "QT_SCALE_FACTOR": scale,
                               "LESSONGUARD_SPEED_URL": url, "PULSE_SERVER": pulse.server,
                               "LESSONGUARD_KEYSTORE": "file", "TZ": "Europe/London",
                               "LESSONGUARD_DATA_DIR": str(data / "default"),
                               "XDG_CONFIG_HOME": str(data / "config"),
                               "XDG_DATA_HOME": str(data / "share"),
                               "XDG_CACHE_HOME": str(data / "cache"),
                               "QT_ACCESSIBILITY": "0"}
                        began = time.monotonic()
                        done = subprocess.run([sys.executable, __file__, "--look", name,
                                               "--data", str(data), "--out", str(out)],
                                              env=env, cwd=ROOT, timeout=600)
                        print(f"{name}: {time.monotonic() - began:.0f} s", flush=True)
                        if done.returncode != 0:
                            raise SystemExit(f"the {name} screenshots failed")
        finally:
            pulse.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for (look, shot), readme in README_EXTRAS.items():
        source = ROOT / LOOKS[look][4] / f"{shot}.png"
        if look in only and source.exists():
            shutil.copy(source, ROOT / "docs/screenshots" / f"{readme}.png")


# ---- the child: one look, in the real window ------------------------------------------------


def wait_until(what: Callable[[], object], seconds: float = 60.0, why: str = "") -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while not what():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting: {why}")
        QApplication.processEvents()
        time.sleep(0.02)


def settle(seconds: float = 0.5) -> None:
    """Let the window draw what it was just told (and the camera a few frames)."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


class Shots:
    def __init__(self, out: Path, wanted: tuple[str, ...] | None) -> None:
        self.out, self.wanted = out, wanted

    def want(self, name: str) -> bool:
        return self.wanted is None or name in self.wanted

    def take(self, name: str, widget: object) -> None:
        from PySide6.QtWidgets import QWidget

        assert isinstance(widget, QWidget)
        if not self.want(name):
            return
        widget.raise_()
        settle(0.6)
        if not widget.grab().save(str(self.out / f"{name}.png")):
            raise SystemExit(f"could not save {name}.png")
        print(f"  {name}.png", flush=True)


def first_run(data: Path, shots: Shots) -> None:
    from app.settings import load_settings
    from app.store import Store
    from ui.first_run import CONSENT_PAGE, FirstRunWizard

    (data / "first-run").mkdir(parents=True, exist_ok=True)
    store = Store(data / "first-run")
    wizard = FirstRunWizard(store, load_settings(store))
    wizard.role_page.name.setText("Sam Taylor")
    wizard.show()
    shots.take("first-run", wizard)
    wizard.reject()
    if shots.want("first-run-consent"):
        wizard = FirstRunWizard(store, load_settings(store))
        wizard.role_page.buttons["responsible_adult"].setChecked(True)
        wizard.role_page.name.setText("Jo Lee")
        wizard.show()
        wizard.next()
        wizard.pack_page.select("tutorninjas")  # records with the parent's consent
        wizard.next()
        wizard.pupils_page.name.setText("Amy Lee")
        wizard.pupils_page.adult.setText("Jo Lee")
        wizard.pupils_page.sponsor_adult.setChecked(True)
        wizard.next()
        wait_until(lambda: wizard.currentId() == CONSENT_PAGE, 5, "the consent page")
        shots.take("first-run-consent", wizard)
        wizard.reject()
    store.close()


def voice_heard(controller: object) -> bool:
    """The meter shows the voice (between two sentences it reads silence)."""
    mic = getattr(controller, "microphone", None)
    level = mic.latest_level if mic is not None else None
    return level is not None and level.rms_dbfs > -45


def themed(store: object, theme: str) -> None:
    """Settings shows the theme the pictures are in."""
    from app.settings import load_settings, save_settings
    from app.store import Store

    assert isinstance(store, Store)
    save_settings(store, load_settings(store).model_copy(update={"theme": theme}))


def hms_lesson(data: Path, shots: Shots, theme: str) -> None:
    """HMS: the camera page, the checks, Settings, the Ready screen, the lesson with its
    companion window, and its record."""
    from app.lessons import Lessons
    from app.policy.loader import load_pack
    from app.profile import NewPupil, add_pupil, save_profile
    from app.store import Store
    from ui.launch import build_window
    from ui.policy_dialog import PolicyDialog
    from ui.start_lesson import ChecksStep, ConductStep, RecordingStep, SupervisionStep

    (data / "hms").mkdir(parents=True, exist_ok=True)
    store = Store(data / "hms")
    pack = load_pack("hms")
    save_profile(store, "tutor", "Sam Taylor", "hms")
    themed(store, theme)
    pupil = add_pupil(store, pack, NewPupil("Amy Lee", BORN.isoformat(), None, "Jo Lee",
                                            "Jo Lee", True), actor="Sam Taylor")
    now = datetime.now(UTC)
    lesson = Lessons(store).book(pack, pupil.id, now + timedelta(minutes=2), duration_min=30,
                                 tutor_name="Sam Taylor", platform="zoom",
                                 confirmed_by="Sam Taylor", now=now - timedelta(days=1))
    window = build_window(store, "synthetic", "default", policy="hms")
    window.show()
    window.show_page("camera")
    controller = window.controller
    wait_until(lambda: voice_heard(controller), 30, "the voice in the microphone")
    settle(0.3)
    shots.take("main-window", window)
    page = window.checks_page
    assert page is not None
    if shots.want("checks-page"):
        window.show_page("checks")
        page.run_all()
        wait_until(lambda: not page.checks.running and page.run_button.isEnabled(), 90,
                   "the checks page's run")
        shots.take("checks-page", window)
    if shots.want("settings"):
        window.show_page("settings")
        shots.take("settings", window)
        dialog = PolicyDialog("hms", pack.name, False, window)
        dialog.show()
        shots.take("change-policy", dialog)
        dialog.close()
    window.show_page("camera")
    ready = window.lessons.start_lesson(lesson.id)
    checks = ready.page("checks")
    assert isinstance(checks, ChecksStep)
    wait_until(lambda: checks.run is not None and not checks.in_progress, 90,
               "the Ready screen's checks")
    shots.take("start-lesson", ready)
    if not any(shots.want(n) for n in ("companion", "lesson-summary")):
        ready.reject()
        window.close()
        return
    conduct, recording = ready.page("conduct"), ready.page("recording")
    people = ready.page("supervision")
    if isinstance(conduct, ConductStep):
        conduct.agree.setChecked(True)
    if isinstance(recording, RecordingStep):
        for tick in recording.vouches.values():
            tick.setChecked(True)
    assert isinstance(people, SupervisionStep)
    people.name.setText("Jo Lee")
    people.present.setChecked(people.present.isVisible())
    people.room.setChecked(people.room.isVisible())
    wait_until(lambda: ready.next.isEnabled(), 10, "nothing blocking the start")
    ready.next.click()
    wiring = window.lessons
    wait_until(lambda: wiring.companion is not None and wiring.companion.isVisible(), 10,
               "the companion window")
    companion = wiring.companion
    assert companion is not None
    settle(3.0)  # its clock moves, its preview fills
    shots.take("companion", companion)
    companion.end.click()
    ending = wiring.end_dialog
    assert ending is not None
    ending.adult.setText("Jo Lee")
    ending.adult_here.setChecked(True)
    ending.save.click()
    wait_until(lambda: getattr(wiring, "summary_dialog", None) is not None
               and wiring.summary_dialog.isVisible(), 15, "the lesson's record")
    shots.take("lesson-summary", wiring.summary_dialog)
    wiring.summary_dialog.close()
    window.close()
    store.close()


def recording_and_panic(data: Path, shots: Shots, theme: str) -> None:
    """TutorNinjas with Jo Lee's consent: recording, the panic, its report, then a damaged
    video file chosen as the camera."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.consent import Consents
    from app.people import People
    from app.policy.loader import load_pack
    from app.profile import save_profile
    from app.store import Store
    from ui.consent_dialog import RecordingNotice
    from ui.launch import build_window

    if not any(shots.want(n) for n in ("recording", "panic", "report-wizard", "bad-camera")):
        return
    (data / "tutorninjas").mkdir(parents=True, exist_ok=True)
    store = Store(data / "tutorninjas")
    save_profile(store, "tutor", "Sam Taylor", "tutorninjas")
    themed(store, theme)
    people = People(store)
    pupil = people.add("pupil", "Amy Lee", date_of_birth=BORN.isoformat())
    adult = people.add("responsible_adult", "Jo Lee", pupil_id=pupil.id)
    Consents(store).grant(load_pack("tutorninjas"), pupil.id, adult.id, "Jo Lee")
    window = build_window(store, "synthetic", "default", policy="tutorninjas")
    window.show()
    window.show_page("camera")
    bar = window.recording_bar
    assert bar is not None
    wait_until(lambda: bar.record.isEnabled(), 20, "recording allowed")
    controller = window.controller
    wait_until(lambda: controller.microphone is not None
               and controller.microphone.latest_level is not None, 20, "the microphone")

    def accept() -> None:
        notice = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, RecordingNotice) and w.isVisible())
        notice.start.click()

    QTimer.singleShot(500, accept)
    bar.record.click()
    wait_until(lambda: window.recording.recording and window.rec_banner.isVisible(), 20,
               "the recording")
    wait_until(lambda: voice_heard(controller), 30, "the voice in the microphone")
    settle(0.3)
    shots.take("recording", window)
    window.panic.bar.button.click()
    wait_until(lambda: window.panic.wizard is not None and window.panic.wizard.isVisible(), 20,
               "the panic's report")
    wizard = window.panic.wizard
    assert wizard is not None
    wizard.move(window.x() + window.width() // 3, window.y() + 80)  # beside, not on top
    shots.take("panic", window)
    shots.take("report-wizard", wizard)
    wizard.close()
    window.panic.bar.resume.click()
    settle(1.0)
    bar.record.click()  # stop recording
    wait_until(lambda: not window.recording.recording, 20, "the recording to stop")
    broken = data / "lesson.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64)  # damaged
    window.device_bar.show_camera(str(broken))  # as if chosen in the list
    controller.set_camera(str(broken))
    wait_until(lambda: window.camera_notice.isVisible(), 20, "the camera's notice")
    shots.take("bad-camera", window)
    window.close()
    store.close()


def make_look(name: str, data: Path, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.theme import apply_theme, fit_every_window

    app = QApplication([sys.argv[0]])
    apply_theme(app, LOOKS[name][3])
    fit_every_window(app)
    shots = Shots(out, LOOKS[name][5])
    first_run(data, shots)
    hms_lesson(data, shots, LOOKS[name][3])
    recording_and_panic(data, shots, LOOKS[name][3])
    sys.stdout.flush()
    os._exit(0)  # checks or the speed test may still be finishing: nothing is left to save


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", choices=list(LOOKS), default=list(LOOKS))
    parser.add_argument("--look", choices=list(LOOKS), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.look:
        make_look(args.look, args.data, args.out)
    else:
        make_all(args.only)


if __name__ == "__main__":
    main()
