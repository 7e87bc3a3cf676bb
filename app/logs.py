"""Logging to a file in the data directory.

Why: when a parent says "the camera didn't work", the log in their data folder is what a
helper can read; it never leaves the machine.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


class _LogFileHandler(logging.handlers.RotatingFileHandler):
    """LessonGuard's own log file, told apart from handlers others attached to the root."""

    _lessonguard = True


def log_file(data_dir: Path) -> Path:
    return data_dir / "logs" / "lessonguard.log"


def close_logging() -> None:
    """Detach and close LessonGuard's log file (before exit, or before switching folders)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_lessonguard", False):
            root.removeHandler(handler)
            handler.close()


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send LessonGuard's log records to a rotating file; return its path."""
    path = log_file(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    close_logging()
    root = logging.getLogger()
    handler = _LogFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return path
