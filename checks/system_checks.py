"""Apps, Do Not Disturb, power and equipment: what the computer itself is doing."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from app.policy.engine import rule
from app.texts import _
from capture.camera import list_cameras
from checks.apps import scan
from checks.base import Check, CheckContext, CheckResult

PLATFORM_NAMES = {
    "zoom": "Zoom", "teams": "Microsoft Teams", "meet": "Google Meet", "skype": "Skype",
    "bandlab": "BandLab", "youtube_live": "YouTube Live", "charanga": "Charanga",
    "musictutors": "MusicTutors", "tutorninjas_site": "the TutorNinjas site", "webex": "Webex",
}


class AppsCheck(Check):
    id = "apps"
    title = _("Other programs")
    timeout_s = 6.0

    def run(self, ctx: CheckContext) -> CheckResult:
        params = ctx.requirement.params if ctx.requirement else {}
        close_categories = params.get("close", [])
        allowed = params.get("allowed", [])
        lister = ctx.services.process_lister
        result = scan(close_categories, allowed, list(ctx.pack.apps.extra),
                      lister() if lister else None)
        figures: dict[str, Any] = {
            "processes_scanned": result.processes_seen,
            "scan_seconds": round(result.seconds, 3),
            "platforms_running": result.platforms_running,
            "allowed_platforms": allowed,
            "open": [{"app": f.app_id, "name": f.name, "category": f.category, "why": f.why,
                      "pids": f.pids} for f in result.findings],
        }
        if not result.findings:
            return self.result(ctx, "pass", _("No unrelated programs are open."), [],
                               **figures)
        names = ", ".join(f.name for f in result.findings)
        steps: list[str] = [_("Close {name}: {why}", name=f.name, why=f.why)
                            for f in result.findings]
        steps.append(_("Or press “Close them” and LessonGuard will ask each to close."))
        if allowed:
            steps.append(_("Keep the lesson platform open: {platforms}.", platforms=", ".join(
                PLATFORM_NAMES.get(p, p) for p in allowed)))
        summary = (_("1 program to close: {names}.", names=names) if len(result.findings) == 1
                   else _("{n} programs to close: {names}.", n=len(result.findings),
                          names=names))
        return self.result(ctx, "fail", summary, steps, **figures)


@dataclass
class DndState:
    on: bool | None  # None: cannot be read here
    how: str  # how it was read, or why it could not be
    fix: list[str]


def _run(cmd: list[str]) -> str | None:
    if not shutil.which(cmd[0]):
        return None
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=3, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


GNOME_FIX: list[str] = [
    _("Open Settings → Notifications and switch on “Do Not Disturb”."),
    _("Or click the clock at the top of the screen and switch on Do Not Disturb.")]
KDE_FIX: list[str] = [
    _("Click the notifications icon in the system tray and switch on “Do not disturb”.")]
WINDOWS_FIX: list[str] = [
    _("Open Settings → System → Notifications and switch on “Do not disturb” "
      "(Focus assist on Windows 10).")]
MAC_FIX: list[str] = [
    _("Open Control Centre (top right) → Focus, and choose “Do Not Disturb”.")]
OTHER_FIX: list[str] = [
    _("Switch on your computer's Do Not Disturb or silence its notifications.")]


def read_dnd() -> DndState:
    """Do Not Disturb where the desktop exposes it: GNOME, KDE (freedesktop), Windows."""
    if sys.platform == "win32":
        return _read_windows_dnd()
    if sys.platform == "darwin":
        return DndState(None, _("macOS does not let programs read the Focus setting"),
                        MAC_FIX)
    desktop = os.environ.get("XDG_CURRENT_DESKTOP", "").lower()
    gnome_like = any(d in desktop for d in ("gnome", "ubuntu", "unity", "budgie", "pop"))
    if gnome_like:
        # Only on a GNOME desktop: elsewhere gsettings answers with defaults that mean nothing.
        banners = _run(["gsettings", "get", "org.gnome.desktop.notifications", "show-banners"])
        if banners in ("true", "false"):
            return DndState(banners == "false", _("GNOME notification banners"), GNOME_FIX)
    inhibited = _run(["gdbus", "call", "--session", "--dest", "org.freedesktop.Notifications",
                      "--object-path", "/org/freedesktop/Notifications", "--method",
                      "org.freedesktop.DBus.Properties.Get", "org.freedesktop.Notifications",
                      "Inhibited"])
    if inhibited and ("true" in inhibited or "false" in inhibited):
        return DndState("true" in inhibited, _("desktop notification service (KDE)"),
                        KDE_FIX)
    return DndState(None, _("this desktop does not report it"), OTHER_FIX)


def _read_windows_dnd() -> DndState:  # pragma: no cover - Windows only
    if sys.platform != "win32":  # and the type checker then knows winreg's names are there
        return DndState(None, _("Windows does not report it here"), WINDOWS_FIX)
    try:
        import winreg

        key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Software\Microsoft\Windows"
                             r"\CurrentVersion\Notifications\Settings")
        value, _kind = winreg.QueryValueEx(key, "NOC_GLOBAL_SETTING_TOASTS_ENABLED")
        return DndState(value == 0, _("Windows notification settings"), WINDOWS_FIX)
    except OSError:
        return DndState(None, _("Windows does not report it here"), WINDOWS_FIX)


class DoNotDisturbCheck(Check):
    id = "do_not_disturb"
    title = _("Do Not Disturb")
    timeout_s = 5.0

    def run(self, ctx: CheckContext) -> CheckResult:
        reader = ctx.services.dnd_reader or read_dnd
        state = reader()
        if state.on is None:
            return self.result(ctx, "inconclusive",
                               _("We can't tell whether Do Not Disturb is on ({how}).",
                                 how=state.how), state.fix, read_from=state.how)
        if state.on:
            return self.result(ctx, "pass",
                               _("Do Not Disturb is on: notifications stay quiet."), [],
                               read_from=state.how)
        return self.result(ctx, "fail", _("Do Not Disturb is off: messages may pop up in the "
                                          "lesson."), state.fix, read_from=state.how)


class PowerCheck(Check):
    id = "power"
    title = _("Power")
    timeout_s = 3.0

    def run(self, ctx: CheckContext) -> CheckResult:
        reader = ctx.services.battery_reader or psutil.sensors_battery
        battery = reader()
        if battery is None:
            return self.result(ctx, "pass",
                               _("This computer runs on mains power (no battery)."), [],
                               battery=False)
        percent = round(float(battery.percent))
        if battery.power_plugged:
            return self.result(ctx, "pass", _("Plugged in ({percent}% charged).",
                                              percent=percent), [],
                               battery=True, plugged_in=True, percent=percent)
        left = battery.secsleft
        minutes = (round(left / 60) if isinstance(left, int | float) and left > 0
                   else None)
        summary = (_("Running on battery ({percent}%, about {minutes} minutes left).",
                     percent=percent, minutes=minutes) if minutes else
                   _("Running on battery ({percent}%).", percent=percent))
        return self.result(ctx, "fail", summary,
                           [_("Plug the computer into the mains for the lesson.")],
                           battery=True, plugged_in=False, percent=percent,
                           minutes_left=minutes)


@dataclass
class Screen:
    width: int
    height: int


def read_screen() -> Screen | None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        user32 = ctypes.windll.user32
        return Screen(user32.GetSystemMetrics(0), user32.GetSystemMetrics(1))
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        out = _run(["system_profiler", "SPDisplaysDataType", "-json"])
        if out:
            for gpu in json.loads(out).get("SPDisplaysDataType", []):
                for display in gpu.get("spdisplays_ndrvs", []):
                    m = re.search(r"(\d+) x (\d+)", display.get("_spdisplays_pixels", ""))
                    if m:
                        return Screen(int(m[1]), int(m[2]))
        return None
    if not os.environ.get("DISPLAY"):
        return None
    out = _run(["xdpyinfo"])
    m = re.search(r"dimensions:\s+(\d+)x(\d+) pixels", out or "")
    return Screen(int(m[1]), int(m[2])) if m else None


TABLET_CHASSIS = {"30", "31", "32"}  # SMBIOS: tablet, convertible, detachable


def read_chassis() -> str:
    path = Path("/sys/class/dmi/id/chassis_type")
    try:
        return path.read_text().strip()
    except OSError:
        return ""


class EquipmentCheck(Check):
    id = "equipment"
    title = _("Computer and screen")
    timeout_s = 4.0

    def run(self, ctx: CheckContext) -> CheckResult:
        screen = (ctx.services.screen_reader or read_screen)()
        chassis = (ctx.services.chassis_reader or read_chassis)()
        cameras = (ctx.services.camera_lister or list_cameras)()
        need = rule(ctx.pack, "environment.equipment").value
        figures: dict[str, Any] = {
            "screen": f"{screen.width}x{screen.height}" if screen else None,
            "tablet": chassis in TABLET_CHASSIS, "webcams": len(cameras),
        }
        if need == "computer_with_webcam":
            if chassis in TABLET_CHASSIS:
                return self.result(ctx, "fail", _("This looks like a tablet; the course needs "
                                                  "a laptop or desktop computer."),
                                   [_("Use a laptop or desktop computer with a webcam.")],
                                   **figures)
            if not cameras:
                return self.result(ctx, "fail", _("No webcam was found on this computer."),
                                   [_("Plug in a webcam, then run the check again."),
                                    _("A laptop's built-in camera is fine.")], **figures)
        bigger = _("Use the biggest screen you can: a laptop or desktop is best.")
        if screen is None:
            return self.result(ctx, "inconclusive", _("We can't read the screen size here."),
                               [bigger], **figures)
        if screen.width < 1024 or screen.height < 600:
            return self.result(ctx, "warn", _("The screen is small ({width}×{height}).",
                                              width=screen.width, height=screen.height),
                               [bigger], **figures)
        return self.result(ctx, "pass", _("Computer with a {width}×{height} screen.",
                                          width=screen.width, height=screen.height),
                           [], **figures)
