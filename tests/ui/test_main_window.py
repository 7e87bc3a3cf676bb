"""The main window, driven through pytest-qt with real capture sources (offscreen Qt)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.settings import load_settings
from app.store import Store
from tests.helpers.media import magenta_fraction, moving_astronaut_frames, write_video
from tests.helpers.pulse import PulseServer
from ui.launch import build_window
from ui.main_window import MainWindow


def qimage_to_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_BGR888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    return buf[:, : w * 3].reshape(h, w, 3).copy()


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    return write_video(tmp_path / "lesson.mp4", moving_astronaut_frames(60), fps=30)


def open_window(qtbot: QtBot, store: Store, camera: str, mic: str = "default") -> MainWindow:
    window = build_window(store, camera, mic)
    qtbot.addWidget(window)
    window.show()
    window.show_page("camera")  # Lessons is the first page
    return window


def test_preview_shows_the_video_file(qtbot: QtBot, store: Store, clip: Path) -> None:
    window = open_window(qtbot, store, str(clip))
    qtbot.waitUntil(lambda: window.controller.frames_shown >= 5, timeout=5000)
    shot = qimage_to_array(window.preview.grab().toImage())
    assert magenta_fraction(shot) > 0.3  # the clip's wall fills the preview
    assert not window.demo_label.isVisible()
    window.close()


def test_demo_camera_is_labelled(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store, "synthetic")
    qtbot.waitUntil(lambda: window.controller.frames_shown >= 3, timeout=5000)
    assert window.demo_label.isVisible()
    assert "Demo camera" in window.demo_label.text()
    shot = qimage_to_array(window.preview.grab().toImage())
    assert float(shot.std()) > 10  # a picture, not a blank rectangle
    window.close()


def test_corrupt_file_gives_a_notice_and_the_app_recovers(qtbot: QtBot, store: Store,
                                                          tmp_path: Path) -> None:
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 200)
    window = open_window(qtbot, store, str(bad))
    qtbot.waitUntil(window.camera_notice.isVisible, timeout=5000)
    assert "damaged or not a video" in window.camera_notice.text()
    assert window.camera_notice.text().startswith("⚠")  # never colour alone
    # The app keeps running: choosing the demo camera brings the picture back.
    shown = window.controller.frames_shown
    window.device_bar.camera_chosen.emit("synthetic")
    qtbot.waitUntil(lambda: window.controller.frames_shown > shown + 3, timeout=5000)
    assert not window.camera_notice.isVisible()
    window.close()


def test_missing_camera_index_gives_a_notice(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store, "7")
    qtbot.waitUntil(window.camera_notice.isVisible, timeout=5000)
    assert "Camera 7 could not be opened" in window.camera_notice.text()
    window.close()


def test_missing_microphone_gives_a_notice(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store, "synthetic", mic="No Such Microphone")
    assert window.mic_notice.isVisible()
    assert "No Such Microphone" in window.mic_notice.text()
    assert window.controller.microphone is None
    window.close()


def test_choices_made_in_the_window_are_remembered(qtbot: QtBot, store: Store,
                                                  clip: Path) -> None:
    window = open_window(qtbot, store, "synthetic")
    window.device_bar.camera_chosen.emit(str(clip))
    assert load_settings(store).camera == str(clip)
    window.close()


def test_closing_the_window_stops_every_worker(qtbot: QtBot, store: Store,
                                               pulse: PulseServer) -> None:
    window = open_window(qtbot, store, "synthetic", mic="pulse")
    controller = window.controller
    camera, mic = controller.camera, controller.microphone
    assert camera is not None and camera.is_alive()
    assert mic is not None
    qtbot.waitUntil(lambda: controller.frames_shown >= 2, timeout=5000)
    window.close()
    assert not camera.is_alive()
    assert controller.camera is None and controller.microphone is None
    assert mic.status.state.value == "stopped"


def test_meter_follows_the_real_microphone(qtbot: QtBot, store: Store, pulse: PulseServer,
                                           tmp_path: Path) -> None:
    from tests.helpers.pulse import tone

    window = open_window(qtbot, store, "synthetic", mic="pulse")
    assert window.controller.microphone is not None
    assert window.controller.microphone.wait_until_listening()
    qtbot.waitUntil(lambda: "silent" in window.meter.accessibleDescription(), timeout=5000)
    player = pulse.play(tone(tmp_path / "a.wav", 2.0, 440, -12.0))
    qtbot.waitUntil(lambda: window.meter.level_db > -25, timeout=5000)
    assert "good" in window.meter.accessibleDescription()
    player.wait(10)
    qtbot.waitUntil(lambda: window.meter.level_db < -55, timeout=5000)
    window.close()


def test_an_unplugged_microphone_is_explained_and_logged(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PulseAudio server of the test's own, killed mid-lesson like a pulled USB mic."""
    import logging

    from app.logs import close_logging, setup_logging

    log_path = setup_logging(tmp_path / "logs-here")
    server = PulseServer(tmp_path / "pulse").start()
    monkeypatch.setenv("PULSE_SERVER", server.server)
    try:
        window = open_window(qtbot, store, "synthetic", mic="pulse")
        mic = window.controller.microphone
        assert mic is not None and mic.wait_until_listening()
        server.kill()
        qtbot.waitUntil(window.mic_notice.isVisible, timeout=8000)
        assert "stopped sending sound" in window.mic_notice.text()
        assert window.meter.level_db <= -59
        # The camera carries on: the app is still working.
        shown = window.controller.frames_shown
        qtbot.waitUntil(lambda: window.controller.frames_shown > shown + 3, timeout=5000)
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "stopped sending sound" in log_path.read_text()
        window.close()
    finally:
        server.stop()
        close_logging()


def test_device_bar_lists_the_real_microphones(qtbot: QtBot, store: Store,
                                               pulse: PulseServer) -> None:
    window = open_window(qtbot, store, "synthetic", mic="pulse")
    box = window.device_bar.mic_box
    items = [box.itemData(i) for i in range(box.count())]
    assert "pulse" in items and items[0] == "default"
    assert window.device_bar.mic_box.currentData() == "pulse"
    cams = [window.device_bar.camera_box.itemData(i)
            for i in range(window.device_bar.camera_box.count())]
    assert cams[:2] == ["auto", "synthetic"] and cams[-1] == "__file__"
    assert window.device_bar.camera_box.accessibleName() == "Camera"
    window.close()


def test_the_window_shows_the_pack_in_force_and_a_refused_edit(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    import os

    from app.policy.loader import policies_dir

    ours = tmp_path / "our-policy.toml"
    ours.write_bytes((policies_dir() / "wsm.toml").read_bytes())
    window = build_window(store, "synthetic", "no-mic", policy=str(ours))
    qtbot.addWidget(window)
    window.show()
    window.show_page("camera")  # Lessons is the first page
    assert "West Sussex Music" in window.policy_bar.in_force.text()
    assert load_settings(store).policy == str(ours)  # a CLI choice is remembered
    assert not window.policy_bar.warning.isVisible()

    ours.write_text(ours.read_text().replace('value = "blur"', 'value = "blurry"'))
    st = ours.stat()
    os.utime(ours, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    window.policy.refresh()
    assert window.policy_bar.warning.isVisible()
    assert "no longer valid" in window.policy_bar.warning.text()
    assert "environment.background" in window.policy_bar.warning.text()
    assert window.policy.state.pack.environment.background.value == "blur"
    window.close()


def test_the_pack_is_shown_on_every_page_but_changed_only_in_settings(qtbot: QtBot,
                                                                      store: Store) -> None:
    """Issue 19 (5): no switcher on every page; Settings changes it, after a confirmation."""
    from PySide6.QtWidgets import QComboBox

    window = open_window(qtbot, store, "synthetic", mic="no-mic")
    assert "Strictest" in window.policy_bar.in_force.text()  # nothing chosen yet
    assert not window.policy_bar.findChildren(QComboBox), "no pack switcher on every page"
    dialog = window.settings.change_policy()
    assert dialog is not None and dialog.isVisible()
    assert not dialog.change.isEnabled(), "nothing to confirm until another pack is chosen"
    dialog.packs.select("hms")
    assert load_settings(store).policy == "strict", "choosing alone changes nothing"
    dialog.change.click()
    assert not dialog.isVisible()
    assert "Hertfordshire Music Service" in window.policy_bar.in_force.text()
    assert load_settings(store).policy == "hms"
    window.close()


def test_a_stored_pack_that_became_invalid_falls_back_to_the_strictest(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    from app.settings import AppSettings, save_settings

    gone = tmp_path / "deleted.toml"
    save_settings(store, AppSettings(policy=str(gone)))
    window = open_window(qtbot, store, "synthetic", mic="no-mic")
    assert window.policy.state.pack.id == "strict"
    assert window.policy_bar.warning.isVisible()
    assert "strictest rules apply" in window.policy_bar.warning.text()
    window.close()


def test_the_shutter_button_covers_the_preview_at_once(qtbot: QtBot, store: Store) -> None:
    from capture.compositor import shutter_card

    window = open_window(qtbot, store, "synthetic", mic="none")
    qtbot.waitUntil(lambda: window.controller.frames_shown >= 3, timeout=5000)
    qtbot.mouseClick(window.effects_bar.shutter, Qt.MouseButton.LeftButton)
    assert window.effects_bar.shutter.text() == "&Resume camera"
    latest = window.controller.effects.output.latest()
    assert latest is not None
    card = shutter_card(latest[1].shape[1], latest[1].shape[0])
    assert np.array_equal(latest[1], card)
    shown = window.controller.frames_shown
    qtbot.waitUntil(lambda: window.controller.frames_shown > shown + 2, timeout=5000)
    grabbed = qimage_to_array(window.preview.grab().toImage())
    # The card is a dark blue-grey: no demo-camera colours are left in the preview.
    assert float(grabbed[..., 2].mean()) < 60
    qtbot.mouseClick(window.effects_bar.shutter, Qt.MouseButton.LeftButton)
    window.close()


def test_a_keep_clear_area_is_drawn_and_remembered(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store, "synthetic", mic="none")
    qtbot.waitUntil(lambda: window.controller.frames_shown >= 3, timeout=5000)
    qtbot.mouseClick(window.effects_bar.area, Qt.MouseButton.LeftButton)
    assert window.preview.drawing
    pic = window.preview.picture_rect()
    start = pic.topLeft() + QPoint(pic.width() // 10, pic.height() // 10)
    end = pic.topLeft() + QPoint(pic.width() // 2, pic.height() // 2)
    qtbot.mousePress(window.preview, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(window.preview, end)
    qtbot.mouseRelease(window.preview, Qt.MouseButton.LeftButton, pos=end)
    saved = load_settings(store).keep_clear
    assert len(saved) == 1
    x, y, w, h = saved[0]
    assert x == pytest.approx(0.1, abs=0.02) and w == pytest.approx(0.4, abs=0.02)
    assert y == pytest.approx(0.1, abs=0.02) and h == pytest.approx(0.4, abs=0.02)
    assert window.controller.pipeline.look.keep_clear[0].x == pytest.approx(x)
    assert not window.effects_bar.area.isChecked()  # one area per press
    qtbot.mouseClick(window.effects_bar.clear, Qt.MouseButton.LeftButton)
    assert load_settings(store).keep_clear == []
    window.close()


def test_background_choice_reaches_the_pipeline_and_is_remembered(qtbot: QtBot,
                                                                  store: Store) -> None:
    window = open_window(qtbot, store, "synthetic", mic="none")
    assert window.controller.pipeline.look.mode == "blur"  # private by default
    bar = window.effects_bar
    bar.background.setCurrentIndex(bar.background.findData("colour"))
    assert window.controller.pipeline.look.mode == "colour"
    assert load_settings(store).background == "colour"
    assert not bar.instrument.isChecked()  # off by default: the measured halo (bench_halo)
    bar.instrument.setChecked(True)
    assert window.controller.pipeline.smoother.instrument_mode is True
    assert load_settings(store).instrument_mode is True
    bar.instrument.setChecked(False)
    assert window.controller.pipeline.smoother.instrument_mode is False
    assert load_settings(store).instrument_mode is False
    window.close()


def test_the_virtual_camera_says_what_to_install(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store, "synthetic", mic="none")
    window.effects_bar.virtual.setChecked(True)  # no v4l2loopback on a test machine
    assert window.effects_notice.isVisible()
    assert "v4l2loopback" in window.effects_notice.text()
    assert not window.effects_bar.virtual.isChecked()
    assert load_settings(store).virtual_camera is False
    window.close()


def test_a_picture_behind_you(qtbot: QtBot, store: Store, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    import cv2
    from PySide6.QtWidgets import QFileDialog

    picture = tmp_path / "beach.png"
    cv2.imwrite(str(picture), np.full((90, 160, 3), (200, 150, 40), np.uint8))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(picture), ""))
    window = open_window(qtbot, store, "synthetic", mic="none")
    bar = window.effects_bar
    bar.background.setCurrentIndex(bar.background.findData("image"))
    look = window.controller.pipeline.look
    assert look.mode == "image" and look.image is not None and look.image.shape == (90, 160, 3)
    assert load_settings(store).background_image == str(picture)
    picture.unlink()  # the picture goes away: the next look stays private (blurred)
    bar.strength.setValue(3)
    bar.background.setCurrentIndex(bar.background.findData("blur"))
    bar.background.setCurrentIndex(bar.background.findData("image"))
    assert window.controller.pipeline.look.mode == "blur"
    assert "cannot be read" in window.effects_notice.text()
    window.close()


def test_the_record_button_says_stop_only_once_the_start_is_confirmed(qtbot: QtBot) -> None:
    """Issue 19 (7): while the consent notice is open the button read "Stop recording"."""
    from ui.recording_bar import RecordingBar

    bar = RecordingBar()
    qtbot.addWidget(bar)
    seen: list[str] = []

    def refused(on: bool) -> None:  # as the wiring does when the notice is cancelled
        seen.append(bar.record.text())
        if on:
            bar.set_recording(False)

    bar.record_toggled.connect(refused)
    bar.record.setEnabled(True)
    bar.record.click()
    assert seen and "Stop" not in seen[0], seen
    assert "Start" in bar.record.text() and not bar.record.isChecked()
    bar.record_toggled.disconnect(refused)
    bar.record_toggled.connect(lambda on: seen.append(bar.record.text()))
    bar.record.click()  # confirmed: nothing unchecks it
    assert "Stop" not in seen[-1] and "Stop" in bar.record.text()
