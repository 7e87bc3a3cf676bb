"""The main window: live preview, microphone meter, device pickers and plain-language notices.

Kept thin: it lays out widgets and forwards choices; capture lives in CaptureController.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.policy.loader import PackState
from capture.camera import CameraSource
from capture.status import SourceState, SourceStatus
from ui.capture_controller import CaptureController
from ui.checks_page import ChecksPage
from ui.device_bar import DeviceBar
from ui.effects_bar import EffectsBar
from ui.level_meter import LevelMeter
from ui.page_scroll import PageScroll
from ui.policy_bar import PolicyBar
from ui.policy_controller import PolicyController
from ui.preview import PreviewWidget
from ui.theme import FOCUS_RING
from ui.translations import say, say_parts

if TYPE_CHECKING:  # the parts are built after the window, with the window as their parent
    from ui.family_wiring import FamilyWiring
    from ui.lesson_wiring import LessonWiring
    from ui.link_wiring import LinkWiring
    from ui.panic_wiring import PanicWiring
    from ui.recording_controller import RecordingController
    from ui.settings_wiring import SettingsWiring


@dataclass(frozen=True)
class WindowParts:
    """What the window is made of beyond its own widgets, attached once by ui.launch: each
    part's type is known, so nothing is looked up by name."""

    recording: RecordingController
    panic: PanicWiring
    lessons: LessonWiring
    settings: SettingsWiring
    family: FamilyWiring | None = None  # the family's or school's own lesson page
    links: LinkWiring | None = None  # the linked LessonGuard on the other side


class NoticeLabel(QLabel):
    """A notice that is never colour alone: an icon-like symbol and words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(self.tr("Notice"))
        self.hide()

    def show_problem(self, text: str) -> None:
        self.setText("⚠ " + text)
        self.setStyleSheet("QLabel { background: #fff4e5; color: #5f3b00; padding: 6px; "
                           "border: 1px solid #e6a014; border-radius: 4px; }")
        self.show()

    def show_info(self, text: str) -> None:
        self.setText("ℹ " + text)
        self.setStyleSheet("QLabel { background: #e8f0fe; color: #1a3d7c; padding: 6px; "
                           "border: 1px solid #8ab4f8; border-radius: 4px; }")
        self.show()


class MainWindow(QMainWindow):
    def __init__(
        self,
        controller: CaptureController,
        policy: PolicyController,
        camera: str,
        microphone: str,
        checks_page: ChecksPage | None = None,
        effects_bar: EffectsBar | None = None,
        parent: QWidget | None = None,
        recording_bar: QWidget | None = None,
        recordings_page: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("LessonGuard"))
        self.controller = controller
        self.policy = policy
        self._parts: WindowParts | None = None
        self.policy_bar = PolicyBar(self)
        self.device_bar = DeviceBar(camera, microphone, self)
        self.demo_label = QLabel(self.tr(
            "Demo camera: no webcam is in use. Choose a camera above when one is connected."
        ), self)
        self.demo_label.setAccessibleName(self.tr("Demo camera notice"))
        self.demo_label.setStyleSheet("QLabel { background: #e8f0fe; color: #1a3d7c; "
                                      "padding: 6px; border-radius: 4px; }")
        self.demo_label.hide()
        self.camera_notice = NoticeLabel(self)
        self.mic_notice = NoticeLabel(self)
        self.preview = PreviewWidget(self)
        self.preview.setMinimumSize(240, 135)  # grows with the window; a small screen too
        self.meter = LevelMeter(self)
        mic_caption = QLabel(self.tr("Microphone level"), self)
        mic_caption.setBuddy(self.meter)

        # The camera page scrolls (up and down only) rather than push the window off a small
        # screen, for example while the panic banner is shown at 150%.
        capture_page = PageScroll(self)  # never narrower than its rows: nothing cut
        capture_page.setFrameShape(QFrame.Shape.NoFrame)
        capture_page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what it holds
        capture_page.setAccessibleName(self.tr("Camera and microphone"))
        capture_inner = QWidget(capture_page)
        capture_layout = QVBoxLayout(capture_inner)
        capture_layout.addWidget(self.device_bar)
        self.effects_bar = effects_bar
        if effects_bar is not None:
            capture_layout.addWidget(effects_bar)
        self.effects_notice = NoticeLabel(self)
        capture_layout.addWidget(self.effects_notice)
        self.recording_bar = recording_bar
        if recording_bar is not None:
            capture_layout.addWidget(recording_bar)
        capture_layout.addWidget(self.demo_label)
        capture_layout.addWidget(self.camera_notice)
        capture_layout.addWidget(self.preview, 1)
        capture_layout.addWidget(mic_caption)
        capture_layout.addWidget(self.meter)
        capture_layout.addWidget(self.mic_notice)
        capture_page.setWidget(capture_inner)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Pages"))
        self.tabs.tabBar().setAccessibleName(self.tr("Pages"))
        self.tabs.addTab(capture_page, self.tr("Camera and microphone"))
        self.capture_page = capture_page
        self.checks_page = checks_page
        if checks_page is not None:
            self.tabs.addTab(checks_page, self.tr("Check my setup"))
        self.recordings_page = recordings_page
        if recordings_page is not None:
            self.tabs.addTab(recordings_page, self.tr("Recordings"))
        # Shown on every page while recording: who consented and until when it is kept.
        self.rec_banner = QLabel(self)
        self.rec_banner.setWordWrap(True)
        self.rec_banner.setAccessibleName(self.tr("Recording banner"))
        self.rec_banner.setStyleSheet("QLabel { background: #b00020; color: white; "
                                      "font-weight: bold; padding: 8px; border-radius: 4px; }")
        self.rec_banner.hide()
        self.rec_notice = NoticeLabel(self)
        self.on_close: list[Callable[[], None]] = []
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.policy_bar)
        self._top = layout
        layout.addWidget(self.rec_banner)
        layout.addWidget(self.rec_notice)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.resize(1040, 780)
        # Lists, tables and scrolled panels draw no focus of their own when empty: a ring in
        # the palette's highlight colour shows keyboard users where they are (either theme).
        self.setStyleSheet(FOCUS_RING)

        controller.frame_ready.connect(self.preview.set_image)
        controller.level_changed.connect(self.meter.set_level)
        controller.camera_status.connect(self._camera_status)
        controller.mic_status.connect(self._mic_status)
        controller.camera_changed.connect(self._camera_changed)
        controller.virtual_camera_status.connect(self._virtual_status)
        self.device_bar.camera_chosen.connect(controller.set_camera)
        self.device_bar.microphone_chosen.connect(controller.set_microphone)
        policy.changed.connect(self._policy_changed)
        policy.refused.connect(self.policy_bar.show_warning)

    def _policy_changed(self, state: PackState) -> None:
        self.policy_bar.show_state(state, self.policy.startup_warning)

    def _virtual_status(self, problem: str) -> None:
        if problem:
            self.effects_notice.show_problem(problem)
        else:
            self.effects_notice.hide()

    def _camera_changed(self, source: CameraSource) -> None:
        self.demo_label.setVisible(source.is_demo)
        self.camera_notice.hide()

    def _camera_status(self, status: SourceStatus) -> None:
        if status.state.is_problem:
            self.camera_notice.show_problem(say_parts(status.message, status.fix))
            self.preview.clear(self.tr("No picture: see the notice above."))
        elif status.state is SourceState.RUNNING:
            self.camera_notice.hide()
        self.statusBar().showMessage(say(status.message))

    def _mic_status(self, status: SourceStatus) -> None:
        if status.state.is_problem:
            self.mic_notice.show_problem(say_parts(status.message, status.fix))
            self.meter.set_level(-100.0, -100.0)
        elif status.state is SourceState.RUNNING:
            self.mic_notice.hide()

    def attach(self, parts: WindowParts) -> None:
        self._parts = parts

    @property
    def parts(self) -> WindowParts:
        if self._parts is None:
            raise RuntimeError("the window's parts are attached by ui.launch.build_window")
        return self._parts

    @property
    def recording(self) -> RecordingController:
        return self.parts.recording

    @property
    def panic(self) -> PanicWiring:
        return self.parts.panic

    @property
    def lessons(self) -> LessonWiring:
        return self.parts.lessons

    @property
    def settings(self) -> SettingsWiring:
        return self.parts.settings

    def show_page(self, name: str) -> None:
        if name == "checks" and self.checks_page is not None:
            self.tabs.setCurrentWidget(self.checks_page)
        elif name == "camera":
            self.tabs.setCurrentWidget(self.capture_page)
        elif name == "settings" and self._parts is not None:
            self.tabs.setCurrentWidget(self._parts.settings.page)
        elif name == "family" and self._parts is not None and self._parts.family is not None:
            self.tabs.setCurrentWidget(self._parts.family.view)

    def set_panic_bar(self, bar: QWidget) -> None:
        """The panic button sits at the top, above every page, always in view."""
        self._top.insertWidget(0, bar)
        self.panic_bar = bar

    def show_recording(self, banner: str) -> None:
        self.rec_notice.hide()
        self.rec_banner.setText(banner)
        self.rec_banner.setVisible(bool(banner))

    def closeEvent(self, event: QCloseEvent) -> None:
        for hook in self.on_close:
            hook()
        self.policy.stop()
        if self.checks_page is not None:
            self.checks_page.checks.stop()
        self.controller.stop_all()
        super().closeEvent(event)
