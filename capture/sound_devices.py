"""Microphones and speakers by the names a person knows them by, and how to open each one.

Why: PortAudio on Linux sees the sound server as two devices called "pulse" and "default",
which tell a tutor nothing. The names people recognise ("Blue Yeti USB Microphone",
"Built-in Audio Analog Stereo") are the PulseAudio/PipeWire descriptions, read here with
`pactl -f json`. A source or sink chosen by that name is opened through PortAudio's "pulse"
device with PULSE_SOURCE or PULSE_SINK set while the stream opens, which is how libpulse picks
a device for a client that names none. On Windows and macOS the PortAudio host API already has
the names the system shows (WASAPI, Core Audio); only one host API is listed there, so every
device appears once.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

log = logging.getLogger(__name__)

Kind = Literal["input", "output"]
PACTL_TIMEOUT_S = 3.0
# PortAudio's names for the sound server itself and ALSA's plumbing: never a device a person
# chose, so they are not listed when the sound server's own list can be read.
PLUMBING = {"pulse", "default", "sysdefault", "pipewire", "dmix", "dsnoop", "jack", "lavrate",
            "samplerate", "speexrate", "upmix", "vdownmix", "speex", "oss", "surround40",
            "surround51", "surround71", "front", "iec958", "spdif"}
PREFERRED_HOST_API = {"win32": "Windows WASAPI", "darwin": "Core Audio"}
_env_lock = threading.Lock()


@dataclass(frozen=True)
class SoundDevice:
    """One microphone or speaker: `spec` is what LessonGuard stores and opens, `name` is what a
    person reads, `server_name` the sound server's own name for it (Linux only)."""

    spec: str
    name: str
    kind: Kind
    is_default: bool = False
    muted: bool = False
    server_name: str = ""


def _pactl(*args: str) -> str | None:
    pactl = shutil.which("pactl")
    if pactl is None:
        return None
    try:
        done = subprocess.run([pactl, *args], capture_output=True, text=True,
                              timeout=PACTL_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("pactl %s failed: %s", " ".join(args), exc)
        return None
    return done.stdout if done.returncode == 0 else None


def server_devices(kind: Kind) -> list[SoundDevice] | None:
    """The sound server's sources (inputs) or sinks (outputs) with their descriptions; None
    when there is no PulseAudio/PipeWire server to ask. A monitor (what a speaker plays) is a
    source but not a microphone: it is listed only when the system uses it as its input.
    Sources are read as the panic response reads them (capture.os_sources), sinks here."""
    if kind == "input":
        from capture.os_sources import PactlSources, SourcesUnavailable

        try:
            sources = PactlSources().sources()
        except SourcesUnavailable as exc:
            log.debug("no sound server to list sources: %s", exc.why)
            return None
        out = [SoundDevice(s.name, s.description, kind, s.default, s.muted, s.name)
               for s in sources if s.default or not s.monitor]
    else:
        sinks = _sinks()
        if sinks is None:
            return None
        out = sinks
    out.sort(key=lambda d: not d.is_default)
    return out


def _sinks() -> list[SoundDevice] | None:
    listed = _pactl("-f", "json", "list", "sinks")
    if listed is None:
        return None
    try:
        entries: list[dict[str, Any]] = json.loads(listed)
    except ValueError:
        log.warning("pactl sent a list of speakers that is not JSON")
        return None
    default = (_pactl("get-default-sink") or "").strip()
    out: list[SoundDevice] = []
    for entry in entries:
        name = str(entry.get("name", ""))
        if not name:
            continue
        props = entry.get("properties") or {}
        description = str(entry.get("description") or props.get("device.description") or name)
        out.append(SoundDevice(name, description, "output", name == default,
                               bool(entry.get("mute")), name))
    return out


def portaudio_devices(kind: Kind) -> list[SoundDevice]:
    """PortAudio's devices, from the host API whose names the system itself shows."""
    from capture.microphone import _sounddevice

    sd = _sounddevice()
    try:
        devices = sd.query_devices()
        apis = sd.query_hostapis()
        default = sd.default.device[0 if kind == "input" else 1]
    except sd.PortAudioError as exc:
        log.warning("cannot list sound devices: %s", exc)
        return []
    wanted = PREFERRED_HOST_API.get(sys.platform)
    api_names = [str(a["name"]) for a in apis]
    channels = "max_input_channels" if kind == "input" else "max_output_channels"
    out = []
    for index, dev in enumerate(devices):
        if dev[channels] <= 0:
            continue
        api = api_names[dev["hostapi"]]
        if wanted in api_names and api != wanted:
            continue
        # "name, host API" is how PortAudio (sounddevice) tells apart the same device seen
        # through several host APIs (MME, DirectSound and WASAPI on Windows).
        out.append(SoundDevice(f"{dev['name']}, {api}", str(dev["name"]), kind,
                               index == default))
    out.sort(key=lambda d: not d.is_default)
    return out


def list_devices(kind: Kind) -> list[SoundDevice]:
    """The microphones (or speakers) to offer, by name, the system's default first."""
    listed = server_devices(kind) if sys.platform.startswith("linux") else None
    if listed is not None:
        return listed
    found = portaudio_devices(kind)
    named = [d for d in found if d.name.split(":")[0].strip().lower() not in PLUMBING]
    return named or found


def find_device(spec: str | int | None, kind: Kind) -> SoundDevice | None:
    """The server's device a stored spec names: by the server's name or the description a
    person reads (either exactly, or ignoring case). None for PortAudio's own names."""
    if spec is None or isinstance(spec, int) or spec in ("", "default"):
        return None
    if spec.strip().lower() in PLUMBING or spec.isdigit():
        return None
    listed = server_devices(kind) if sys.platform.startswith("linux") else None
    for device in listed or []:
        if spec in (device.server_name, device.name):
            return device
    wanted = spec.strip().lower()
    for device in listed or []:
        if wanted in (device.server_name.lower(), device.name.lower()):
            return device
    return None


def default_name(kind: Kind) -> str | None:
    """The name of the device the system uses when none is chosen."""
    listed = server_devices(kind) if sys.platform.startswith("linux") else None
    return next((d.name for d in listed or [] if d.is_default), None)


@contextmanager
def routed(device: SoundDevice | None) -> Iterator[str | None]:
    """While a stream opens: the PortAudio device to open, and the sound server told which of
    its devices the stream is for. The variable is set only for the opening (the process's
    environment is shared), then put back."""
    if device is None:
        yield None
        return
    variable = "PULSE_SOURCE" if device.kind == "input" else "PULSE_SINK"
    with _env_lock:
        before = os.environ.get(variable)
        os.environ[variable] = device.server_name
        try:
            yield "pulse"
        finally:
            if before is None:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = before
