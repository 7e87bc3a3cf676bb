"""Fixtures shared by the window tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.lessons import Lesson, Lessons
from app.policy.loader import load_pack
from app.policy.schema import PolicyPack
from app.profile import NewPupil, add_pupil, save_profile
from app.store import Store
from ui.launch import build_window
from ui.main_window import MainWindow


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path)
    yield s
    s.close()


def hms_lesson_window(qtbot: QtBot, store: Store) -> tuple[MainWindow, Lesson, PolicyPack]:
    """A tutor under HMS with an 11-year-old pupil and a lesson booked two days ahead, and the
    window open on it (the demo camera, real OpenCV frames)."""
    pack = load_pack("hms")
    save_profile(store, "tutor", "Sam Taylor", "hms")
    pupil = add_pupil(store, pack, NewPupil("Amy Lee", None, "11-12", "Jo Lee", "Jo Lee", True),
                      actor="Sam Taylor")
    lesson = Lessons(store).book(pack, pupil.id, datetime.now(UTC) + timedelta(days=2),
                                 duration_min=30, tutor_name="Sam Taylor", platform="zoom",
                                 confirmed_by="Sam Taylor")
    window = build_window(store, "synthetic", "default")
    qtbot.addWidget(window)
    window.show()
    return window, lesson, pack
