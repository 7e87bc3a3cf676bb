"""Is the LessonGuard that started something still running? A pid alone cannot say.

Why: after a crash the operating system may give the same pid to another program, so a
recording or a lesson is only "still running elsewhere" if that process is older than it.
"""

from __future__ import annotations

from datetime import datetime

import psutil


def still_running(pid: int | None, started_at: str) -> bool:
    """Whether process `pid` is alive and was already running at `started_at` (ISO time)."""
    if not pid:
        return False
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        return proc.create_time() <= datetime.fromisoformat(started_at).timestamp() + 1
    except psutil.Error:
        return False
