"""Muting the computer's default microphone at the operating system, for the panic button.

Why the OS and not just our own stream: the lesson platform reads the microphone itself, so
only an OS-level mute cuts the sound to the lesson. Linux: PulseAudio or PipeWire through
`pactl`. Windows: Core Audio's endpoint volume (through PowerShell). macOS: the input volume.
The previous state is remembered so that "resume" puts back exactly what was there.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from dataclasses import dataclass

from app.texts import _

log = logging.getLogger(__name__)
TIMEOUT = 3.0

_WINDOWS_MUTE = r"""
$code = @'
using System; using System.Runtime.InteropServices;
[Guid("5CDF2C82-841E-4546-9722-0CF74078229A"), InterfaceType(ComInterfaceType.InterfaceIsIUnknown)]
interface IAudioEndpointVolume { int f(); int g(); int h(); int i(); int j(); int k(); int l();
  int m(); int n(); int o(); int p(); int SetMute(bool mute, Guid ctx); int GetMute(out bool m); }
[Guid("D666063F-1587-4E43-81F1-B948E807363F"), InterfaceType(ComInterfaceType.InterfaceIsIUnknown)]
interface IMMDevice { int Activate(ref Guid id, int ctx, IntPtr p, [MarshalAs(UnmanagedType.IUnknown)] out object o); }
[Guid("A95664D2-9614-4F35-A746-DE8DB63617E6"), InterfaceType(ComInterfaceType.InterfaceIsIUnknown)]
interface IMMDeviceEnumerator { int f(); int GetDefaultAudioEndpoint(int flow, int role, out IMMDevice d); }
[ComImport, Guid("BCDE0395-E52F-467C-8E3D-C4579291692E")] class Enumerator {}
public static class Mic { public static bool Set(int mute) {
  var e = (IMMDeviceEnumerator)(new Enumerator()); IMMDevice d; e.GetDefaultAudioEndpoint(1, 0, out d);
  var id = typeof(IAudioEndpointVolume).GUID; object o; d.Activate(ref id, 23, IntPtr.Zero, out o);
  var v = (IAudioEndpointVolume)o; bool was; v.GetMute(out was);
  if (mute >= 0) v.SetMute(mute == 1, Guid.Empty); return was; } }
'@
Add-Type -TypeDefinition $code
[Mic]::Set(ARG)
"""


@dataclass(frozen=True)
class MuteResult:
    ok: bool
    message: str  # what happened, or what to do when it could not be done
    was_muted: bool | None = None


class OsMicMute:
    """The OS default microphone's mute switch."""

    def __init__(self) -> None:
        self._was_muted: bool | None = None
        self._mac_level = 75  # macOS has no input mute: its input volume, before the panic

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT,
                              check=False)

    def is_muted(self) -> bool | None:
        try:
            if sys.platform.startswith("linux"):
                done = self._run(["pactl", "get-source-mute", "@DEFAULT_SOURCE@"])
                return "yes" in done.stdout.lower() if done.returncode == 0 else None
            if sys.platform == "darwin":
                done = self._run(["osascript", "-e", "input volume of (get volume settings)"])
                return done.stdout.strip() == "0" if done.returncode == 0 else None
            if sys.platform == "win32":
                done = self._run(["powershell", "-NoProfile", "-Command",
                                  _WINDOWS_MUTE.replace("ARG", "-1")])
                return done.stdout.strip().lower() == "true" if done.returncode == 0 else None
        except (OSError, subprocess.TimeoutExpired):
            return None
        return None

    def set(self, mute: bool) -> MuteResult:
        try:
            if sys.platform.startswith("linux"):
                return self._linux(mute)
            if sys.platform == "darwin":
                return self._macos(mute)
            if sys.platform == "win32":
                return self._windows(mute)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return self._failed(mute, str(exc))
        return self._failed(mute, f"this system ({sys.platform}) is not supported")

    def mute(self) -> MuteResult:
        self._was_muted = self.is_muted()
        result = self.set(True)
        return MuteResult(result.ok, result.message, self._was_muted)

    def restore(self) -> MuteResult:
        """Undo: unmute, unless the microphone was already muted before the panic."""
        if self._was_muted:
            return MuteResult(True, _("The microphone was muted before; it stays muted."),
                              True)
        return self.set(False)

    def _failed(self, mute: bool, why: str) -> MuteResult:
        log.error("the OS microphone could not be %s: %s", "muted" if mute else "unmuted", why)
        return MuteResult(False, (_("The microphone could not be muted ({why}). Use the mute "
                                    "button in the lesson platform now, or unplug the "
                                    "microphone.", why=why) if mute else
                                  _("The microphone could not be unmuted ({why}). Use the "
                                    "mute button in the lesson platform now, or unplug the "
                                    "microphone.", why=why)))

    def _linux(self, mute: bool) -> MuteResult:
        pactl = shutil.which("pactl")
        if pactl is None:
            return self._failed(mute, "pactl is not installed (pulseaudio-utils)")
        done = self._run([pactl, "set-source-mute", "@DEFAULT_SOURCE@", "1" if mute else "0"])
        if done.returncode != 0:
            return self._failed(mute, done.stderr.strip() or "the sound server refused")
        return MuteResult(True, _("Microphone muted.") if mute else _("Microphone on again."))

    def _macos(self, mute: bool) -> MuteResult:
        if mute:
            level = self._run(["osascript", "-e", "input volume of (get volume settings)"])
            if level.returncode == 0 and level.stdout.strip().isdigit() \
                    and int(level.stdout) > 0:
                self._mac_level = int(level.stdout)  # put back exactly this on resume
            done = self._run(["osascript", "-e", "set volume input volume 0"])
        else:
            done = self._run(["osascript", "-e",
                              f"set volume input volume {self._mac_level}"])
        if done.returncode != 0:
            return self._failed(mute, done.stderr.strip())
        return MuteResult(True, _("Microphone muted.") if mute else _("Microphone on again."))

    def _windows(self, mute: bool) -> MuteResult:
        done = self._run(["powershell", "-NoProfile", "-Command",
                          _WINDOWS_MUTE.replace("ARG", "1" if mute else "0")])
        if done.returncode != 0:
            return self._failed(mute, done.stderr.strip())
        return MuteResult(True, _("Microphone muted.") if mute else _("Microphone on again."))
