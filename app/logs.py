"""Logging to a file in the data directory.

Why: when a parent says "the camera didn't work", the log in their data folder is what a
helper can read; it never leaves the machine. It names the pupils' lessons, so like everything
in the data folder it is readable by its owner only (app/paths.py): setting the log up also
tightens the data folder, and says once in the log what was looser.
"""

from __future__ import annotations

import logging
import logging.handlers
from io import TextIOWrapper
from pathlib import Path

from app.paths import POSIX, PRIVATE_FILE, private_dir, secure_data_dir

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


class _LogFileHandler(logging.handlers.RotatingFileHandler):
    """LessonGuard's own log file, told apart from handlers others attached to the root."""

    _lessonguard = True

    def _open(self) -> TextIOWrapper:
        stream = super()._open()
        if POSIX:  # a rotated file is private too, whatever the process's umask
            Path(self.baseFilename).chmod(PRIVATE_FILE)
        return stream


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
    """Send LessonGuard's log records to a rotating file; return its path. The data folder's
    permissions are repaired here, so that the repair is logged."""
    path = log_file(data_dir)
    private_dir(path.parent)
    close_logging()
    root = logging.getLogger()
    handler = _LogFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    tightened = secure_data_dir(data_dir)
    if tightened:
        logging.getLogger(__name__).warning(
            "other users could read LessonGuard's data; tightened %d item(s) to owner only "
            "(0700 folders, 0600 files) in %s: %s", len(tightened), data_dir,
            ", ".join(str(p.relative_to(data_dir)) if p != data_dir else "."
                      for p in tightened[:10]) + (" …" if len(tightened) > 10 else ""))
    return path
