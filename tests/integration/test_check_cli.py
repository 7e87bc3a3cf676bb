"""`lessonguard check` as a technician runs it: a real subprocess, a real clip and microphone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from app.check_log import check_runs
from app.store import Store
from tests.conftest import REPO
from tests.helpers.media import lit_scene_frames, write_video
from tests.helpers.pulse import PulseServer

SCHEMA = json.loads((REPO / "docs" / "check-result.schema.json").read_text())
LESSONGUARD = str(Path(sys.executable).with_name("lessonguard"))


def check(data_dir: Path, *args: str, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LESSONGUARD, "--data-dir", str(data_dir), "check", *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.mark.audio
def test_check_json_validates_finishes_in_time_and_is_stored(pulse: PulseServer,
                                                             tmp_path: Path) -> None:
    clip = write_video(tmp_path / "good.mp4", lit_scene_frames(60, "good"), fps=30)
    began = time.monotonic()
    result = check(tmp_path, "--json", "--policy", "hms", "--camera", str(clip), "--mic",
                   "pulse", "--pupil-age", "11", "--confirm", "adult_present=Sam Jones",
                   "--confirm", "room_living_area=Sam Jones", "--timeout", "15")
    took = time.monotonic() - began
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["duration_s"] <= doc["limit_s"] + 1 and took < 15 + 10
    results = {r["id"]: r for r in doc["results"]}
    assert results["camera"]["status"] == "pass"
    assert results["supervision"]["status"] == "pass"
    assert results["room"]["status"] == "pass"
    assert results["microphone"]["status"] == "fail"  # nothing is playing: we hear nothing
    assert result.returncode == 1 and doc["ready"] is False
    assert doc["summary"].endswith("to fix before the lesson")
    store = Store(tmp_path)
    runs = check_runs(store)
    kinds = [row["kind"] for row in store.db.query("SELECT kind FROM confirmations")]
    store.close()
    assert len(runs) == 1 and runs[0]["pack_id"] == "hms" and not runs[0]["ready"]
    assert {r["id"] for r in runs[0]["results"]} == set(results)
    assert sorted(kinds) == ["adult_present", "room_living_area"]


def test_only_the_camera_on_the_demo_is_ready(tmp_path: Path) -> None:
    result = check(tmp_path, "--only", "camera,power", "--camera", "synthetic", "--policy",
                   "tutorninjas")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✔ PASS    Camera: The demo camera works" in result.stdout
    assert "Ready for the lesson" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--only", "camera,teleport"], "unknown check(s): teleport"),
     (["--timeout", "0"], "--timeout must be between"),
     (["--policy", "acme"], "no policy pack called 'acme'"),
     (["--confirm", "adult=Sam"], "--confirm 'adult=Sam' is not understood")],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = check(tmp_path, *args)
    assert result.returncode == 2, result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr
