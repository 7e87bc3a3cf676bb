"""The companion during a lesson whose speed-test server cannot be reached: the real monitor
(real HTTP probes to a loopback port nobody listens on), the real controller and the real
companion window. The time in trouble goes up every second, in the tutor's words."""

from __future__ import annotations

import re
import socket

from pytestqt.qtbot import QtBot

from app.lessons import Lessons
from app.settings import load_settings, save_settings
from app.store import Store
from tests.ui.conftest import hms_lesson_window


def dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seconds_shown(text: str) -> int:
    found = re.search(r"Connection trouble for (?:(\d+) min )?(\d+) s", text)
    assert found is not None, text
    return int(found.group(1) or 0) * 60 + int(found.group(2))


def test_the_companion_counts_the_time_in_trouble_every_second(qtbot: QtBot,
                                                               store: Store) -> None:
    settings = load_settings(store)
    save_settings(store, settings.model_copy(
        update={"speed_url": f"http://127.0.0.1:{dead_port()}"}))
    window, lesson, _pack = hms_lesson_window(qtbot, store)
    wiring = window.lessons
    wiring.controller.monitor_interval_s = 0.2
    started = Lessons(store).start(lesson.id, by="Sam Taylor")
    wiring.controller.resume(started)  # the lesson runs, watched, with its companion
    qtbot.waitUntil(lambda: wiring.companion is not None, timeout=5000)
    companion = wiring.companion
    assert companion is not None
    qtbot.waitUntil(lambda: "Connection trouble for" in companion.connection.text(),
                    timeout=5000)
    first = seconds_shown(companion.connection.text())
    qtbot.waitUntil(lambda: seconds_shown(companion.connection.text()) >= first + 2,
                    timeout=5000)  # counted on, not stuck at its first reading
    text = companion.connection.text()
    assert text.startswith("⚠") and "the connection is down" in text
    assert "left before the 5 min limit" in text
    rows = list(store.db.query("SELECT * FROM connection_episodes WHERE lesson_id = ?",
                               [lesson.id]))
    assert len(rows) == 1 and rows[0]["moment"] == "start" and rows[0]["ended_at"] is None
    wiring.controller.shutdown()
    window.close()
