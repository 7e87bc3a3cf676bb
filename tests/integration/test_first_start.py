"""A new data folder opened by several LessonGuards at once (a technician's script starting
twenty laptops' checks, or the app and a command together): every one of them starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.store import SCHEMA_VERSION, Store


def test_four_first_starts_at_once_all_succeed(tmp_path: Path) -> None:
    """Four LessonGuards opening one new data folder together: one migrates under the write
    lock, the others wait for it and find the work done (real processes, ten times)."""
    exe = Path(sys.executable).with_name("lessonguard")
    for trial in range(10):
        data = tmp_path / f"new-{trial}"
        procs = [subprocess.Popen([str(exe), "--data-dir", str(data), "audit", "verify"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
        results = [(p.wait(120), *p.communicate()) for p in procs]
        failed = [err for code, _out, err in results if code != 0]
        assert not failed, f"trial {trial}: {failed}"
        store = Store(data)
        assert store.version == SCHEMA_VERSION
        store.close()
