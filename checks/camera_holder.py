"""Who reads the camera, and who records which microphone: before the lesson and at the
moment of a panic.

Why: LessonGuard's privacy card reaches the lesson only when the lesson platform reads
"LessonGuard camera". A platform that opens the webcam itself sees the room whatever
LessonGuard shows, so panic cannot cover the picture; the person must be told before the
lesson, and again on the banner if it is still so at the press.

Linux: the open file descriptors in /proc that point at /dev/video* (the kernel's own answer),
and PulseAudio/PipeWire's source-outputs for the microphones. Windows: the privacy indicator's
record (CapabilityAccessManager in the registry: an app whose last use has started and not
stopped is using the device now). macOS has no per-program answer LessonGuard can read: it
says so instead of guessing. Only the Linux probe is tested here.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.texts import _
from capture.virtualcam import DEVICE_NAME
from checks.apps import Matcher, load_catalogue
from checks.base import Check, CheckContext, CheckResult

log = logging.getLogger(__name__)
OURS = ("lessonguard",)  # another LessonGuard (the window, when `lessonguard check` runs)


@dataclass(frozen=True)
class Holder:
    """A program holding a device open."""

    pid: int
    program: str  # the lesson platform's name when it is one (Zoom), else the process name
    device: str  # the device path, or the microphone's description


@dataclass(frozen=True)
class DeviceUse:
    camera: tuple[Holder, ...] = ()  # programs reading a physical camera themselves
    virtual: tuple[Holder, ...] = ()  # programs reading LessonGuard camera
    recording: tuple[Holder, ...] = ()  # programs recording a microphone (source-outputs)
    known: bool = True  # False: this system does not say who uses the camera
    how: str = ""  # how it was found, for the log and the figures
    took_s: float = 0.0

    @property
    def direct(self) -> list[str]:
        """The programs reading the webcam directly, by name, each once."""
        return list(dict.fromkeys(h.program for h in self.camera))

    def figures(self) -> dict[str, Any]:
        return {"camera": [h.__dict__ for h in self.camera],
                "virtual": [h.__dict__ for h in self.virtual],
                "recording": [h.__dict__ for h in self.recording],
                "known": self.known, "how": self.how, "took_s": round(self.took_s, 3)}


def _virtual_devices(paths: Iterable[str]) -> set[str]:
    """The video devices that are LessonGuard camera (v4l2loopback's card label)."""
    out = set()
    for path in paths:
        label = Path("/sys/class/video4linux") / Path(path).name / "name"
        try:
            if label.read_text(encoding="utf-8").strip() == DEVICE_NAME:
                out.add(path)
        except OSError:
            continue
    return out


def _program(pid: int, proc: Path, matcher: Matcher, names: dict[str, str]) -> str:
    try:
        comm = (proc / str(pid) / "comm").read_text(encoding="utf-8").strip()
    except OSError:
        comm = str(pid)
    try:
        exe = str((proc / str(pid) / "exe").readlink())
    except OSError:
        exe = ""
    platform = matcher.platform(comm, exe)
    return names.get(platform, platform) if platform else comm


def _source_outputs(own: set[int]) -> list[Holder]:
    """Which programs record which microphone, from the sound server (Linux)."""
    pactl = shutil.which("pactl")
    if pactl is None:
        return []
    try:
        outputs = subprocess.run([pactl, "-f", "json", "list", "source-outputs"],
                                 capture_output=True, text=True, timeout=3, check=False)
        sources = subprocess.run([pactl, "-f", "json", "list", "sources"],
                                 capture_output=True, text=True, timeout=3, check=False)
        by_index = {s["index"]: s.get("description") or s["name"]
                    for s in json.loads(sources.stdout or "[]")}
        rows = json.loads(outputs.stdout or "[]")
    except (OSError, subprocess.TimeoutExpired, json.JSONDecodeError, KeyError) as exc:
        log.info("source-outputs not read: %s", exc)
        return []
    out = []
    for row in rows:
        props = row.get("properties") or {}
        pid = int(props.get("application.process.id") or 0)
        if pid in own:
            continue
        name = (props.get("application.name") or props.get("application.process.binary")
                or "?")
        out.append(Holder(pid, str(name), str(by_index.get(row.get("source"), "?"))))
    return out


@dataclass
class CameraHolderProbe:
    """Finds who reads the camera now. `devices` and `virtual` say which paths are cameras
    (default: /dev/video*, and those labelled LessonGuard camera); `proc` is /proc."""

    devices: Callable[[], list[str]] = field(
        default=lambda: sorted(str(p) for p in Path("/dev").glob("video*")))
    virtual: Callable[[list[str]], set[str]] = _virtual_devices
    proc: Path = Path("/proc")
    own: set[int] = field(default_factory=lambda: {os.getpid()})
    sources: Callable[[set[int]], list[Holder]] = _source_outputs

    def __call__(self) -> DeviceUse:
        began = time.perf_counter()
        if sys.platform.startswith("linux"):
            use = self._linux()
        elif sys.platform == "win32":  # pragma: no cover - Windows only; untested here
            use = _windows()
        else:  # pragma: no cover - macOS: no per-program answer
            use = DeviceUse(known=False, how="this system does not say which program uses "
                            "the camera")
        return DeviceUse(use.camera, use.virtual, use.recording, use.known, use.how,
                         time.perf_counter() - began)

    def _linux(self) -> DeviceUse:
        cameras = self.devices()
        targets = {os.path.realpath(d): d for d in cameras}
        virtual = {os.path.realpath(d) for d in self.virtual(cameras)}
        catalogue = load_catalogue()
        matcher = Matcher([], catalogue.platforms)
        names = {p.id: p.name for p in catalogue.platforms}
        held: list[Holder] = []
        reading: list[Holder] = []
        if targets:
            for entry in os.scandir(self.proc):
                if not entry.name.isdigit() or int(entry.name) in self.own:
                    continue
                pid = int(entry.name)
                try:
                    fds = os.scandir(Path(entry.path) / "fd")
                except OSError:  # gone, or another user's process we may not look into
                    continue
                with fds:
                    for fd in fds:
                        try:
                            target = str(Path(fd.path).readlink())
                        except OSError:
                            continue
                        if target in targets:
                            program = _program(pid, self.proc, matcher, names)
                            if program.lower() in OURS:  # LessonGuard's own window
                                break
                            holder = Holder(pid, program, targets[target])
                            (reading if target in virtual else held).append(holder)
                            break
        return DeviceUse(tuple(held), tuple(reading), tuple(self.sources(self.own)), True,
                         "/proc file descriptors on " + (", ".join(cameras) or "no camera"))


def _windows() -> DeviceUse:  # pragma: no cover - Windows only; untested here
    """The Windows privacy indicator's record: apps using the webcam or microphone now."""
    if sys.platform != "win32":
        return DeviceUse(known=False, how="not Windows")
    import winreg

    def in_use(device: str) -> list[Holder]:
        base = ("Software\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\"
                f"ConsentStore\\{device}")
        out: list[Holder] = []

        def walk(path: str) -> None:
            try:
                key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, path)
            except OSError:
                return
            with key:
                index = 0
                while True:
                    try:
                        sub = winreg.EnumKey(key, index)
                    except OSError:
                        break
                    index += 1
                    if sub == "NonPackaged":
                        walk(f"{path}\\{sub}")
                        continue
                    try:
                        with winreg.OpenKey(key, sub) as app:
                            start = winreg.QueryValueEx(app, "LastUsedTimeStart")[0]
                            stop = winreg.QueryValueEx(app, "LastUsedTimeStop")[0]
                    except OSError:
                        continue
                    if start and not stop:
                        name = sub.replace("#", "\\").rsplit("\\", 1)[-1]
                        out.append(Holder(0, name.removesuffix(".exe"), device))

        walk(base)
        return out

    own = Path(sys.executable).name.removesuffix(".exe").lower()
    camera = [h for h in in_use("webcam") if h.program.lower() not in (own, "lessonguard")]
    return DeviceUse(tuple(camera), (), tuple(in_use("microphone")), True,
                     "the Windows privacy indicator (CapabilityAccessManager)")


def direct_warning(use: DeviceUse) -> str:
    """The pre-lesson warning, one per program reading the webcam directly."""
    return " ".join(_("{program} is reading your webcam directly: choose '{camera}' in "
                      "{program}, or panic cannot cover your picture.",
                      program=p, camera=DEVICE_NAME) for p in use.direct)


class CameraHolderCheck(Check):
    """Before the lesson: does the lesson platform read LessonGuard camera, or the webcam
    itself (which the privacy card cannot cover)?"""

    id = "lesson_camera"
    title = _("Who sees your camera")
    timeout_s = 5.0

    def __init__(self, probe: Callable[[], DeviceUse] | None = None) -> None:
        self.probe = probe or CameraHolderProbe()

    def run(self, ctx: CheckContext) -> CheckResult:
        use = self.probe()
        figures = use.figures()
        if not use.known:
            return self.result(ctx, "inconclusive", _(
                "This computer does not say which program reads the camera."),
                [_("In the lesson platform's video settings, choose '{camera}', so panic "
                   "can cover your picture.", camera=DEVICE_NAME)], **figures)
        if use.camera:
            return self.result(ctx, "warn", direct_warning(use), [
                _("In {program}'s video settings, choose '{camera}' as the camera.",
                  program=p, camera=DEVICE_NAME) for p in use.direct], **figures)
        if use.virtual:
            return self.result(ctx, "pass", _(
                "{programs} reads {camera}: panic covers your picture.",
                programs=list(dict.fromkeys(h.program for h in use.virtual)),
                camera=DEVICE_NAME), **figures)
        return self.result(ctx, "pass", _(
            "No other program reads your webcam. When the lesson starts, choose '{camera}' "
            "in the lesson platform.", camera=DEVICE_NAME), **figures)
