"""The window's one way to run work in the background: results and failures come back on the
window's thread, a failure reaches the person as words, and every job can be waited for."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from app.errors import LessonGuardError
from ui.background import Background

REPO = Path(__file__).resolve().parents[2]


def test_success_and_failure_come_back_on_the_window_thread(qtbot: QtBot) -> None:
    jobs = Background()
    seen: list[tuple[str, object, bool]] = []
    gui = QThread.currentThread()

    def done(value: object) -> None:
        seen.append(("ok", value, QThread.currentThread() is gui))

    def broke(exc: BaseException) -> None:
        seen.append(("error", str(exc), QThread.currentThread() is gui))

    worker_names: list[str] = []

    def work() -> int:
        worker_names.append(threading.current_thread().name)
        return 42

    def fails() -> None:
        raise LessonGuardError("The disk is full.")

    jobs.run("answer", work, on_success=done)
    jobs.run("broken", fails, on_error=broke)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=3000)
    assert sorted(seen, key=str) == sorted([("ok", 42, True),
                                            ("error", "The disk is full.", True)], key=str)
    assert worker_names == ["answer"]  # the work ran off the window's thread


def test_a_failure_with_no_handler_of_its_own_is_said_to_the_person(qtbot: QtBot) -> None:
    jobs = Background()

    def fails() -> None:
        raise LessonGuardError("The camera went away.", "Plug it in again.")

    with qtbot.waitSignal(jobs.failed, timeout=3000) as said:
        jobs.run("vanishing camera", fails)
    assert said.args is not None
    assert "The camera went away." in said.args[0] and "Plug it in again." in said.args[0]


def test_join_waits_for_running_jobs_and_names_those_left(qtbot: QtBot) -> None:
    jobs = Background()
    release = threading.Event()
    jobs.run("slow", lambda: release.wait(10))
    jobs.run("quick", lambda: time.sleep(0.05))
    assert {j.name for j in jobs.running()} >= {"slow"}
    assert jobs.join(0.3) == ["slow"]
    release.set()
    assert jobs.join(3) == []
    assert jobs.running() == []


def test_the_window_starts_threads_only_through_background() -> None:
    """A thread started anywhere else in ui/ could not be joined at shutdown, and its failure
    would not reach the person."""
    offenders = []
    for path in sorted((REPO / "ui").rglob("*.py")):
        if path.name == "background.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\b(threading\.Thread|QThread|QThreadPool|ThreadPoolExecutor)\(",
                         line):
                offenders.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
