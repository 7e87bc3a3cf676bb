"""The `lessonguard` command as a script or a technician would run it: a real subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from app import __version__
from tests.conftest import REPO


def run(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    if data_dir is not None:
        env["LESSONGUARD_DATA_DIR"] = str(data_dir)
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=120)


def lessonguard_script() -> str:
    return str(Path(sys.executable).with_name("lessonguard"))


def test_version_from_the_console_script_and_python_m() -> None:
    script = subprocess.run([lessonguard_script(), "--version"], capture_output=True, text=True,
                            timeout=60)
    assert script.returncode == 0
    assert script.stdout.strip() == f"LessonGuard {__version__}"
    assert run("--version").stdout.strip() == f"LessonGuard {__version__}"
    pyproject = (REPO / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject  # one version source: app/__init__.py


def test_audit_verify_passes_then_names_the_tampered_entry(tmp_path: Path) -> None:
    from app.audit import AuditLog
    from app.store import Store

    store = Store(tmp_path)
    log = AuditLog(store)
    for action in ("app.started", "consent.granted", "panic.pressed"):
        log.append(action, actor="tutor")
    store.close()
    ok = run("audit", "verify", "--json", data_dir=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == {"ok": True, "checked": 3, "problems": []}

    conn = sqlite3.connect(tmp_path / "lessonguard.db")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET action = 'nothing.happened' WHERE id = 3")
    conn.commit()
    conn.close()
    bad = run("audit", "verify", data_dir=tmp_path)
    assert bad.returncode == 1
    assert "tampered" in bad.stdout and "entry 3" in bad.stdout


def test_an_unusable_data_dir_is_a_configuration_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run("--data-dir", str(blocker / "x"), "audit", "verify")
    assert result.returncode == 2
    assert "cannot use the data folder" in result.stderr and "--data-dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2_with_a_message(tmp_path: Path) -> None:
    result = run("audit", data_dir=tmp_path)
    assert result.returncode == 2 and "usage:" in result.stderr
    result = run("frobnicate", data_dir=tmp_path)
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_devices_json_and_the_log_file(tmp_path: Path) -> None:
    result = run("devices", "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"cameras", "microphones", "speakers", "microphone_error"}
    log = (tmp_path / "logs" / "lessonguard.log").read_text()
    assert "command devices" in log and str(tmp_path) in log
