"""The operating system's capture sources (microphones, audio interfaces, the monitors of
the speakers), each with its mute, behind one small interface.

Why one interface: the panic response mutes every source and reads them back the same way on
each system; only how a source is listed and muted differs. Linux goes through libpulse
(pulsectl), which speaks to PulseAudio and to PipeWire's pulse server alike, over one
connection opened ahead and kept ready: listing, muting and reading back take a few round
trips on a local socket, where a `pactl` process per step took 100 ms and more on a busy
computer. `pactl` remains only for a system where libpulse cannot be loaded. Windows goes
through pycaw (Core Audio endpoints over comtypes), loaded once, never compiled at the press.
macOS goes through pyobjc's Core Audio bindings, with the input volume through `osascript` as
a last resort.

Tested here: Linux (a private PulseAudio server). Untested: Windows (`pycaw`, which brings
`comtypes`) and macOS (`pyobjc-framework-CoreAudio`); both are dependencies on their system.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from app.texts import _

log = logging.getLogger(__name__)
TIMEOUT = 3.0
T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    """One capture source as the system names it, and whether it is muted now."""

    name: str  # the system's id for it (a PulseAudio source name, a Core Audio endpoint id)
    description: str  # the name people see in the sound settings
    muted: bool
    default: bool = False
    monitor: bool = False  # the "monitor" of an output (what the speakers play)


class SourcesUnavailable(Exception):
    """The sound system cannot be reached at all (no server, no library)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


class SourceBackend(Protocol):
    """Lists the capture sources and sets their mute; never raises from `set_mute`."""

    def sources(self) -> list[Source]: ...

    def set_mute(self, names: Sequence[str], mute: bool) -> dict[str, str]:
        """Mute (or unmute) these sources; returns the ones that failed, with why."""
        ...


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, check=False)


class PulseSources:
    """PulseAudio or PipeWire through libpulse (pulsectl), over one connection kept open.

    The connection is opened by `prepare()` (when the lesson starts) or at first use, and kept;
    when the sound server has restarted since, the next call reconnects once and tries again.
    One lock: libpulse's loop serves one thread at a time."""

    CLIENT = "LessonGuard panic"

    def __init__(self, with_default: bool = True) -> None:
        import pulsectl  # type: ignore[import-untyped]  # no stubs; raises OSError without libpulse

        self._pulsectl = pulsectl
        self._pulse: Any = None  # pulsectl.Pulse once connected
        self._index: dict[str, int] = {}  # source name -> index, from the last listing
        self._lock = threading.Lock()
        self.with_default = with_default

    def prepare(self) -> None:
        """Connect now, so the press finds the connection ready (raises SourcesUnavailable)."""
        with self._lock:
            self._connected()

    def close(self) -> None:
        with self._lock:
            if self._pulse is not None:
                self._pulse.close()
                self._pulse = None

    def _connected(self) -> Any:
        if self._pulse is None or not self._pulse.connected:
            if self._pulse is not None:
                self._pulse.close()
                self._pulse = None
            pulse = self._pulsectl.Pulse(self.CLIENT, connect=False)
            # Never start a sound server of our own (autospawn) from the panic. No `timeout`:
            # pulsectl's timed connect always waits the whole timeout, even once connected;
            # without one, a missing server is refused at once.
            try:
                pulse.connect(autospawn=False)
            except self._pulsectl.PulseError as exc:
                pulse.close()
                raise SourcesUnavailable(_("no sound server answers ({why})",
                                           why=str(exc))) from exc
            self._pulse = pulse
        return self._pulse

    def _call(self, work: Callable[[Any], T]) -> T:
        """`work` on the connection; once more on a fresh one if the server went away."""
        errors = (self._pulsectl.PulseError, self._pulsectl.PulseDisconnected)
        try:
            return work(self._connected())
        except errors as exc:
            log.info("sound server connection lost (%r): connecting again", exc)
            if self._pulse is not None:
                self._pulse.close()
                self._pulse = None
        try:
            return work(self._connected())
        except errors as exc:
            raise SourcesUnavailable(_("the sound server stopped answering ({why})",
                                       why=repr(exc))) from exc

    def sources(self) -> list[Source]:
        def listing(pulse: Any) -> list[Source]:
            default = pulse.server_info().default_source_name if self.with_default else ""
            rows = pulse.source_list()
            self._index = {str(r.name): int(r.index) for r in rows}
            return [Source(str(r.name), str(r.description or r.name), bool(r.mute),
                           str(r.name) == default,
                           (r.proplist or {}).get("device.class") == "monitor")
                    for r in rows]

        with self._lock:
            return self._call(listing)

    def set_mute(self, names: Sequence[str], mute: bool) -> dict[str, str]:
        """Each source's mute over the open connection; every answer waited for."""
        failed: dict[str, str] = {}

        def muting(pulse: Any) -> None:
            if any(n not in self._index for n in names):
                self._index = {str(r.name): int(r.index) for r in pulse.source_list()}
            for name in names:
                index = self._index.get(name)
                if index is None:
                    failed[name] = "gone"
                    continue
                try:
                    pulse.source_mute(index, mute)
                except self._pulsectl.PulseOperationFailed:
                    # Refused, or unplugged since the listing: the read-back will tell.
                    if not pulse.connected:
                        raise
                    failed[name] = "the sound server refused"
                    continue
                failed.pop(name, None)  # done on a second try after a reconnect

        with self._lock:
            try:
                self._call(muting)
            except SourcesUnavailable as exc:
                return {n: exc.why for n in names}
        return failed


class PactlSources:
    """PulseAudio or PipeWire through `pactl` (pulseaudio-utils)."""

    def __init__(self, with_default: bool = True) -> None:
        self._pactl: str | None = None
        # The panic needs no default (it mutes them all): one process fewer at the press.
        self.with_default = with_default

    @property
    def pactl(self) -> str:
        if self._pactl is None:
            self._pactl = shutil.which("pactl")
            if self._pactl is None:
                raise SourcesUnavailable(_("pactl is not installed (pulseaudio-utils)"))
        return self._pactl

    def sources(self) -> list[Source]:
        try:  # both questions at once
            asked = (subprocess.Popen([self.pactl, "get-default-source"], text=True,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                     if self.with_default else None)
            try:
                listed = _run([self.pactl, "-f", "json", "list", "sources"])
            finally:
                answer = asked.communicate(timeout=TIMEOUT)[0] if asked else ""
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SourcesUnavailable(str(exc)) from exc
        if listed.returncode != 0:
            raise SourcesUnavailable(listed.stderr.strip() or _("the sound server refused"))
        default_name = answer.strip() if asked is not None and asked.returncode == 0 else ""
        try:
            rows: list[dict[str, Any]] = json.loads(listed.stdout)
        except json.JSONDecodeError:  # a pactl older than 16 prints no JSON
            return self._sources_from_text(default_name)
        return [Source(str(r["name"]), str(r.get("description") or r["name"]),
                       bool(r.get("mute")), str(r["name"]) == default_name,
                       (r.get("properties") or {}).get("device.class") == "monitor")
                for r in rows]

    def _sources_from_text(self, default_name: str) -> list[Source]:
        listed = _run([self.pactl, "list", "sources"])
        out: list[Source] = []
        name = description = ""
        for raw in listed.stdout.splitlines():
            line = raw.strip()
            if line.startswith("Name:"):
                name = line.split(":", 1)[1].strip()
            elif line.startswith("Description:"):
                description = line.split(":", 1)[1].strip()
            elif line.startswith("Mute:") and name:
                out.append(Source(name, description or name, "yes" in line.lower(),
                                  name == default_name, name.endswith(".monitor")))
                name = description = ""
        return out

    def set_mute(self, names: Sequence[str], mute: bool) -> dict[str, str]:
        """All at once: one `pactl` per source, started together and waited for."""
        failed: dict[str, str] = {}
        try:
            pactl = self.pactl
        except SourcesUnavailable as exc:
            return {n: exc.why for n in names}
        running: list[tuple[str, subprocess.Popen[str]]] = []
        for name in names:
            try:
                running.append((name, subprocess.Popen(
                    [pactl, "set-source-mute", name, "1" if mute else "0"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)))
            except OSError as exc:
                failed[name] = str(exc)
        for name, proc in running:
            try:
                _out, err = proc.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                _out, err = proc.communicate()
                err = "no answer from the sound server"
            if proc.returncode != 0:
                failed[name] = (err or "").strip() or "the sound server refused"
        return failed


class WindowsSources:  # pragma: no cover - Windows only; untested here
    """Every active capture endpoint through Core Audio (pycaw over comtypes)."""

    def __init__(self) -> None:
        try:
            from pycaw.pycaw import AudioUtilities  # type: ignore[import-not-found]  # Windows only
        except ImportError as exc:
            raise SourcesUnavailable(_("the pycaw package is not installed")) from exc
        self._utilities = AudioUtilities

    def _endpoints(self) -> list[tuple[str, str, Any]]:
        from comtypes import CLSCTX_ALL  # type: ignore[import-not-found]  # Windows only
        from pycaw.constants import (  # type: ignore[import-not-found]  # Windows only
            DEVICE_STATE,
            EDataFlow,
        )
        from pycaw.pycaw import IAudioEndpointVolume

        enumerator = self._utilities.GetDeviceEnumerator()
        collection = enumerator.EnumAudioEndpoints(EDataFlow.eCapture.value,
                                                   DEVICE_STATE.ACTIVE.value)
        out = []
        for i in range(collection.GetCount()):
            device = collection.Item(i)
            described = self._utilities.CreateDevice(device)
            volume = device.Activate(IAudioEndpointVolume._iid_, CLSCTX_ALL, None)
            out.append((described.id, described.FriendlyName or described.id,
                        volume.QueryInterface(IAudioEndpointVolume)))
        return out

    def _default_id(self) -> str:
        from pycaw.constants import EDataFlow, ERole

        try:
            enumerator = self._utilities.GetDeviceEnumerator()
            device = enumerator.GetDefaultAudioEndpoint(EDataFlow.eCapture.value,
                                                        ERole.eCommunications.value)
            return str(device.GetId())
        except OSError:
            return ""

    def sources(self) -> list[Source]:
        try:
            default = self._default_id()
            return [Source(ident, name, bool(volume.GetMute()), ident == default)
                    for ident, name, volume in self._endpoints()]
        except OSError as exc:
            raise SourcesUnavailable(str(exc)) from exc

    def set_mute(self, names: Sequence[str], mute: bool) -> dict[str, str]:
        failed: dict[str, str] = {}
        try:
            endpoints = {ident: volume for ident, _name, volume in self._endpoints()}
        except OSError as exc:
            return {n: str(exc) for n in names}
        for name in names:
            volume = endpoints.get(name)
            if volume is None:
                failed[name] = "gone"
                continue
            try:
                volume.SetMute(1 if mute else 0, None)
            except OSError as exc:
                failed[name] = str(exc)
        return failed


class MacSources:  # pragma: no cover - macOS only; untested here
    """Every audio device with input channels through Core Audio (pyobjc)."""

    def __init__(self) -> None:
        try:
            import CoreAudio  # type: ignore[import-not-found]  # macOS only (pyobjc)
        except ImportError as exc:
            raise SourcesUnavailable(_("the pyobjc-framework-CoreAudio package is not "
                                       "installed")) from exc
        self._ca = CoreAudio

    def _address(self, selector: int, scope: int) -> Any:
        ca = self._ca
        return ca.AudioObjectPropertyAddress(selector, scope,
                                             ca.kAudioObjectPropertyElementMain)

    def _get(self, obj: int, selector: int, scope: int, kind: str) -> Any:
        import objc  # type: ignore[import-not-found]  # macOS only (pyobjc)

        ca = self._ca
        address = self._address(selector, scope)
        err, size = ca.AudioObjectGetPropertyDataSize(obj, address, 0, None, None)
        if err:
            raise OSError(err, "AudioObjectGetPropertyDataSize")
        err, _size, data = ca.AudioObjectGetPropertyData(obj, address, 0, None, size, None)
        if err:
            raise OSError(err, "AudioObjectGetPropertyData")
        if kind == "ids":
            count = size // 4
            return list(objc.array_of_uint32(data, count)) if hasattr(objc, "array_of_uint32") \
                else list(memoryview(bytes(data)).cast("I"))[:count]
        if kind == "u32":
            return int(memoryview(bytes(data)).cast("I")[0])
        return data

    def _inputs(self) -> list[int]:
        ca = self._ca
        devices = self._get(ca.kAudioObjectSystemObject, ca.kAudioHardwarePropertyDevices,
                            ca.kAudioObjectPropertyScopeGlobal, "ids")
        out = []
        for device in devices:
            try:
                streams = self._get(device, ca.kAudioDevicePropertyStreams,
                                    ca.kAudioObjectPropertyScopeInput, "ids")
            except OSError:
                continue
            if streams:
                out.append(int(device))
        return out

    def sources(self) -> list[Source]:
        ca = self._ca
        try:
            default = self._get(ca.kAudioObjectSystemObject,
                                ca.kAudioHardwarePropertyDefaultInputDevice,
                                ca.kAudioObjectPropertyScopeGlobal, "u32")
            out = []
            for device in self._inputs():
                name = str(self._get(device, ca.kAudioObjectPropertyName,
                                     ca.kAudioObjectPropertyScopeGlobal, "raw"))
                muted = bool(self._get(device, ca.kAudioDevicePropertyMute,
                                       ca.kAudioObjectPropertyScopeInput, "u32"))
                out.append(Source(str(device), name, muted, device == default))
            return out
        except OSError as exc:
            raise SourcesUnavailable(str(exc)) from exc

    def set_mute(self, names: Sequence[str], mute: bool) -> dict[str, str]:
        import struct

        ca = self._ca
        failed: dict[str, str] = {}
        for name in names:
            address = self._address(ca.kAudioDevicePropertyMute,
                                    ca.kAudioObjectPropertyScopeInput)
            err = ca.AudioObjectSetPropertyData(int(name), address, 0, None, 4,
                                                struct.pack("I", 1 if mute else 0))
            if err:
                failed[name] = f"Core Audio error {err} (this input has no mute switch)"
        return failed


class MacInputVolume:  # pragma: no cover - macOS only; untested here
    """The last resort on macOS without pyobjc: the default input's volume through
    AppleScript (0 is silence), put back to the level it had."""

    NAME = "default-input"

    def __init__(self) -> None:
        self._level = 75

    def sources(self) -> list[Source]:
        done = _run(["osascript", "-e", "input volume of (get volume settings)"])
        if done.returncode != 0 or not done.stdout.strip().isdigit():
            raise SourcesUnavailable(done.stderr.strip() or "osascript gave no input volume")
        level = int(done.stdout.strip())
        return [Source(self.NAME, _("the default input (its volume)"), level == 0, True)]

    def set_mute(self, names: Sequence[str], mute: bool) -> dict[str, str]:
        if not names:
            return {}
        if mute:
            level = _run(["osascript", "-e", "input volume of (get volume settings)"])
            if level.returncode == 0 and level.stdout.strip().isdigit() \
                    and int(level.stdout) > 0:
                self._level = int(level.stdout)
        done = _run(["osascript", "-e",
                     f"set volume input volume {0 if mute else self._level}"])
        return {} if done.returncode == 0 else {self.NAME: done.stderr.strip()}


class Unavailable:
    """No way to reach this system's sources: every call says why."""

    def __init__(self, why: str) -> None:
        self.why = why

    def sources(self) -> list[Source]:
        raise SourcesUnavailable(self.why)

    def set_mute(self, names: Sequence[str], mute: bool) -> dict[str, str]:
        return {n: self.why for n in names}


def default_backend(with_default: bool = True) -> SourceBackend:
    """This system's sources, through the best way it has (`with_default`: also say which
    is the default, which costs one more question on Linux)."""
    if sys.platform.startswith("linux"):
        try:
            return PulseSources(with_default)
        except (ImportError, OSError) as exc:
            log.warning("libpulse cannot be loaded (%s): muting through pactl", exc)
            return PactlSources(with_default)
    try:
        if sys.platform == "win32":
            return WindowsSources()
        if sys.platform == "darwin":
            try:
                return MacSources()
            except SourcesUnavailable as exc:
                log.warning("Core Audio bindings missing (%s): muting the default input's "
                            "volume only", exc.why)
                return MacInputVolume()
    except SourcesUnavailable as exc:
        return Unavailable(exc.why)
    return Unavailable(_("this system ({name}) is not supported", name=sys.platform))
