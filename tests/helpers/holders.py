"""A real process that holds a file open under a program's name: for the camera probe,
where a plain file stands in for a video device that cannot exist here."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHILD = r"""
import ctypes, sys, time
ctypes.CDLL(None).prctl(15, sys.argv[1].encode(), 0, 0, 0)  # PR_SET_NAME, as `comm` shows
held = open(sys.argv[2], "rb")
print("ready", flush=True)
time.sleep(300)
"""


@contextmanager
def holding(name: str, device: Path) -> Iterator[subprocess.Popen[str]]:
    """A process called `name` with `device` open until the block ends."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, name, str(device)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        proc.kill()
        proc.wait(10)
        if proc.stdout:
            proc.stdout.close()
