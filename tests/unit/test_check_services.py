"""The services handed to the checks: named fields, each one read by a check, and nothing else
accepted in their place."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.policy.loader import load_pack
from checks.base import CheckContext
from checks.runner import run_checks
from checks.services import CheckServices

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {f.name for f in dataclasses.fields(CheckServices)}
READ = re.compile(r"\bservices\.(\w+)")


def check_sources() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "checks").glob("*.py"))
            if p.name != "services.py"}


def test_a_misspelt_service_is_refused() -> None:
    with pytest.raises(TypeError, match="camera_prob"):
        CheckServices(camera_prob=object())  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        CheckServices(object())  # type: ignore[misc]  # by name only
    services = CheckServices()
    with pytest.raises(AttributeError):
        services.camera_prob  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(dataclasses.FrozenInstanceError):
        services.camera_probe = None  # type: ignore[misc]


def test_a_bag_of_services_is_refused() -> None:
    with pytest.raises(TypeError, match="CheckServices"):
        CheckContext(pack=load_pack("hms"), requirement=None, deadline=time.monotonic() + 1,
                     cancel=threading.Event(),
                     services={"camera_probe": None})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="CheckServices"):
        run_checks(load_pack("hms"), only=["power"],
                   services={"battery_reader": lambda: None})  # type: ignore[arg-type]


def test_every_service_is_read_by_a_check() -> None:
    read = {name: set(READ.findall(text)) for name, text in check_sources().items()}
    unread = [f for f in sorted(FIELDS) if not any(f in names for names in read.values())]
    assert not unread, f"services no check reads: {unread}"


def test_every_service_a_check_reads_exists() -> None:
    unknown = {name: sorted(set(READ.findall(text)) - FIELDS)
               for name, text in check_sources().items()}
    unknown = {name: names for name, names in unknown.items() if names}
    assert not unknown, unknown


def test_no_check_looks_a_service_up_by_name() -> None:
    by_name = re.compile(r"services(\.get\(|\[)")
    sources = {**check_sources(),
               "ui/checks_controller.py": (ROOT / "ui" / "checks_controller.py").read_text()}
    found = [name for name, text in sources.items() if by_name.search(text)]
    assert not found, found


def test_building_the_services_opens_no_device_and_loads_no_model() -> None:
    code = ("import sys; from checks.services import CheckServices; CheckServices(); "
            "heavy = [m for m in ('mediapipe', 'cv2', 'sounddevice', 'psutil', 'aiohttp', "
            "'capture.vision', 'capture.camera', 'checks.probes') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
