"""Start the desktop app: one QApplication, the store, the window, the capture controller."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from app import __version__
from app.org_guard import change_policy
from app.resources import resources_dir
from app.settings import AppSettings, is_set_up, load_settings, save_settings
from app.store import Store
from capture.look import choose_look
from ui.background import Background
from ui.capture_controller import CaptureController
from ui.checks_controller import ChecksController
from ui.checks_page import ChecksPage
from ui.effects_bar import EffectsBar
from ui.family_wiring import FamilyWiring, wants_family_view
from ui.first_run import FirstRunWizard
from ui.lesson_controller import LessonController
from ui.lesson_wiring import LessonWiring
from ui.link_wiring import LinkWiring
from ui.main_window import MainWindow, WindowParts
from ui.panic_wiring import PanicWiring
from ui.policy_controller import PolicyController
from ui.recording_bar import RecordingBar
from ui.recording_controller import RecordingController
from ui.recording_wiring import wire_recording
from ui.recordings_page import RecordingsPage
from ui.settings_wiring import SettingsWiring
from ui.theme import apply_theme, fit_every_window, fit_to_screen
from ui.translations import install_translations, say

log = logging.getLogger(__name__)


def build_window(
    store: Store, camera: str | None, mic: str | None, policy: str | None = None,
    log_path: Path | None = None,
) -> MainWindow:
    """The window wired to its controllers. The CLI's camera and microphone apply to this run
    only; a policy given on the CLI has already been validated and is remembered."""
    settings = load_settings(store)
    camera_spec = camera or settings.camera
    mic_spec = mic or settings.microphone
    if policy and policy != settings.policy:  # the guarded way: refused under a PIN
        settings = change_policy(store, policy, None, settings.user_name or "lessonguard")
    app = QApplication.instance()
    if isinstance(app, QApplication):
        fit_every_window(app)
    controller = CaptureController()
    policy_controller = PolicyController(policy or settings.policy)
    background = Background()  # every worker the window starts; joined when it closes
    checks = ChecksController(store, controller, camera_spec, mic_spec, settings.speed_url,
                              background)
    checks_page = ChecksPage(checks, policy_controller, store)
    effects = EffectsBar(settings.background, settings.blur_strength,
                         settings.instrument_mode, settings.virtual_camera,
                         settings.background_image)
    recording = RecordingController(store, store.path.parent, controller, policy_controller)
    recording_bar = RecordingBar()
    recordings_page = RecordingsPage(recording)
    if settings.role:
        recordings_page.set_role(settings.role)
    window = MainWindow(controller, policy_controller, camera_spec, mic_spec, checks_page,
                        effects, recording_bar=recording_bar, recordings_page=recordings_page)
    wire_recording(window, recording, recording_bar, recordings_page)
    background.setParent(window)
    background.failed.connect(lambda why: window.statusBar().showMessage("⚠ " + why))
    panic = PanicWiring(window, recording, background=background)
    lessons = LessonWiring(window, LessonController(store, recording, window), checks, panic)
    settings_wiring = SettingsWiring(window, store, lessons, recordings_page, log_path)
    links = LinkWiring(window, store, settings_wiring.page, background,
                       settings.role or "tutor")
    links.serve(recording, lessons, panic, checks)
    # A parent's or school's LessonGuard opens on its own simple lesson page.
    family = FamilyWiring(window, store, recording, links.peer_name, links.open_from_page) \
        if wants_family_view(settings.role) else None
    if family is not None:
        lessons.controller.lessons_changed.connect(family.refresh)
        links.serve_family(family, panic)
    window.attach(WindowParts(recording, panic, lessons, settings_wiring, family, links))
    window.preview.areas = list(settings.keep_clear)
    blur_areas = list(settings.blur_areas)

    def apply_look() -> None:
        choice = choose_look(effects.mode(), effects.strength.value(), picture=effects.picture,
                             keep_clear=window.preview.areas, blur_areas=blur_areas,
                             instrument_mode=effects.instrument.isChecked())
        if choice.problem is not None:  # unreadable picture: blurred instead, and said
            window.effects_notice.show_problem(say(choice.problem))
        controller.set_look(choice.look)
        controller.set_instrument_mode(choice.instrument_mode)

    def look_changed() -> None:
        apply_look()
        remember(background=effects.mode(), blur_strength=effects.strength.value(),
                 instrument_mode=effects.instrument.isChecked(),
                 background_image=effects.picture)

    def area_drawn(area: tuple[float, float, float, float]) -> None:
        window.preview.areas.append(area)
        effects.area.setChecked(False)
        apply_look()
        remember(keep_clear=list(window.preview.areas))

    def areas_cleared() -> None:
        window.preview.areas.clear()
        blur_areas.clear()
        apply_look()
        remember(keep_clear=[], blur_areas=[])

    def always_blur(area: tuple[float, float, float, float]) -> None:
        blur_areas.append(area)
        apply_look()
        remember(blur_areas=list(blur_areas))

    checks_page.blur_area.connect(always_blur)

    def virtual_toggled(on: bool) -> None:
        if not controller.set_virtual_camera(on) and on:
            effects.virtual.setChecked(False)
            return
        remember(virtual_camera=on)

    effects.changed.connect(look_changed)
    effects.shutter_toggled.connect(controller.set_shutter)
    effects.draw_area.connect(window.preview.set_drawing)
    effects.clear_areas.connect(areas_cleared)
    effects.virtual_camera_toggled.connect(virtual_toggled)
    window.preview.area_drawn.connect(area_drawn)
    apply_look()
    window.device_bar.camera_chosen.connect(checks.use_camera)
    window.device_bar.microphone_chosen.connect(checks.use_microphone)

    def remember(**changes: object) -> None:
        current = load_settings(store)
        save_settings(store, AppSettings.model_validate({**current.model_dump(), **changes}))

    window.device_bar.camera_chosen.connect(lambda spec: remember(camera=spec))
    window.device_bar.microphone_chosen.connect(lambda spec: remember(microphone=spec))

    policy_controller.start()
    controller.set_camera(camera_spec)
    controller.set_microphone(mic_spec)
    if settings.virtual_camera and not controller.set_virtual_camera(True):
        effects.virtual.setChecked(False)
    controller.start()
    fit_to_screen(window)
    return window


def run_app(data_dir: Path, camera: str | None, mic: str | None, policy: str | None,
            log_path: Path, page: str | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("LessonGuard")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("lessonguard")
    icon = resources_dir() / "icons" / "lessonguard.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    install_translations(app)  # before any window is built, so every tr() sees it
    store = Store(data_dir)
    apply_theme(app, load_settings(store).theme)
    fit_every_window(app)
    if not is_set_up(load_settings(store)):
        log.info("first run")
        if policy:
            change_policy(store, policy, None, "lessonguard")
        wizard = FirstRunWizard(store, load_settings(store))
        wizard.show()
        if wizard.exec() != QDialog.DialogCode.Accepted:
            log.info("first run not finished; it is offered again at the next start")
        policy = None if is_set_up(load_settings(store)) else policy
    window = build_window(store, camera, mic, policy, log_path)
    window.statusBar().showMessage(f"Log: {log_path}")
    if page:
        window.show_page(page)
    window.show()
    log.info("window shown")
    window.lessons.offer_resume()
    # SIGTERM/SIGINT (logout, Ctrl+C, a test ending) close the window cleanly, so every
    # worker stops. Python only sees signals between bytecodes, hence the idle timer.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: window.close())
    heartbeat = QTimer(window)
    heartbeat.start(200)
    heartbeat.timeout.connect(lambda: None)
    try:
        return app.exec()
    finally:
        window.controller.stop_all()
        store.close()
        log.info("LessonGuard closed")
