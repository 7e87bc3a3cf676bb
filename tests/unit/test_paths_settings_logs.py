"""Where data goes, what settings accept, and that the log lands in the data directory."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.errors import ConfigurationError
from app.logs import close_logging, setup_logging
from app.paths import ENV_VAR, resolve_data_dir
from app.settings import AppSettings, load_settings, save_settings
from app.store import Store


def test_override_beats_environment_beats_platform(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert resolve_data_dir() == tmp_path / "from-env"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir() == tmp_path / "xdg" / "LessonGuard"
    assert (tmp_path / "xdg" / "LessonGuard").is_dir()


def test_an_unusable_data_dir_says_what_to_do(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ConfigurationError, match="cannot use the data folder") as info:
        resolve_data_dir(blocker / "sub")
    assert "--data-dir" in info.value.fix


def test_settings_round_trip_and_a_corrupt_value_falls_back(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert load_settings(store) == AppSettings()
    save_settings(store, AppSettings(camera="/videos/clip.mp4", microphone="USB Mic"))
    assert load_settings(store).camera == "/videos/clip.mp4"
    store.set_setting("app_settings", '{"camera": 5, "surprise": true}')
    assert load_settings(store) == AppSettings()
    with pytest.raises(ValueError, match="Extra inputs"):
        AppSettings.model_validate({"camera": "0", "colour": "red"})


def test_log_records_go_to_a_file_in_the_data_dir(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    logging.getLogger("lessonguard.test").warning("camera lost: test message")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path.parent.parent == tmp_path
    assert "camera lost: test message" in path.read_text()
    close_logging()
    assert not any(getattr(h, "_lessonguard", False) for h in logging.getLogger().handlers)
