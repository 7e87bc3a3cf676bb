"""Muting every microphone the operating system has, for the panic button, and putting each
one back exactly as it was.

Why every source and not the default: a music tutor often picks an audio interface in the
lesson platform, so muting only the default microphone leaves the one the lesson hears live.
Why read back: a mute that was asked for is not a mute that happened; the banner says which
source could not be muted. Why remember each source: one that was muted before the panic
stays muted after Resume, and the next call does not start silent because of us.

Linux: PulseAudio or PipeWire (pipewire-pulse) through libpulse, every source including the
monitors of the speakers, over one connection opened ahead (`prepare`, at the lesson's start)
so the press spends no time starting processes; `pactl` only where libpulse cannot load. Windows: Core Audio's endpoint mute through pycaw (comtypes).
macOS: Core Audio's input mute through pyobjc. The Windows and macOS backends sit behind the
same `SourceBackend` interface in capture/os_sources.py; only the Linux one is tested here.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.texts import Text, _
from capture.os_sources import Source, SourceBackend, SourcesUnavailable, default_backend

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceOutcome:
    """One source after a mute or a restore: what it was before, what it reads now."""

    name: str
    description: str
    was_muted: bool
    muted_now: bool | None  # None: the source is gone (unplugged)
    ok: bool


@dataclass(frozen=True)
class MuteResult:
    ok: bool  # every source reads as it should (all muted; or each back as it was)
    message: Text | str  # what happened, or what to do when it could not be done
    not_muted: tuple[str, ...] = ()  # sources that still read live (by the name people see)
    sources: tuple[SourceOutcome, ...] = ()
    verified_at: float = 0.0  # time.monotonic() when the read-back confirmed it
    was_muted: bool | None = None  # the default source before the panic (older callers)


@dataclass
class _Before:
    sources: dict[str, Source] = field(default_factory=dict)


class OsMicMute:
    """Every capture source's mute switch: mute all and verify; put each back as it was."""

    def __init__(self, backend: SourceBackend | None = None) -> None:
        self._backend = backend
        self._before: _Before | None = None
        # One change at a time: the press, a newly plugged-in source, the restore.
        self._lock = threading.RLock()

    @property
    def backend(self) -> SourceBackend:
        if self._backend is None:
            self._backend = default_backend(with_default=False)
        return self._backend

    def prepare(self) -> None:
        """Open the way to the sound server before any press (the lesson starts): the press
        then only lists, mutes and reads back. A failure here is retried at the press."""
        ready = getattr(self.backend, "prepare", None)
        if ready is None:
            return
        try:
            ready()
        except SourcesUnavailable as exc:
            log.warning("the sound server is not ready for the panic yet: %s", exc.why)
        except Exception:  # never let getting ready fail anything: the press tries again
            log.exception("the sound server connection could not be prepared")

    @property
    def remembered(self) -> dict[str, Source]:
        """Each source's state from before the panic (empty when nothing is muted by us)."""
        return dict(self._before.sources) if self._before else {}

    def mute(self) -> MuteResult:
        """Record every source's state, mute the live ones, read them back."""
        with self._lock:
            return self._mute()

    def _mute(self) -> MuteResult:
        try:
            before = self.backend.sources()
        except SourcesUnavailable as exc:
            return self._failed(True, exc.why)
        remembered = _Before({s.name: s for s in before})
        self._before = remembered
        errors = self.backend.set_mute([s.name for s in before if not s.muted], True)
        try:
            after = self.backend.sources()
            # A source plugged in between the two readings was live before us: mute it too.
            new = [s for s in after if s.name not in remembered.sources]
            for s in new:
                remembered.sources[s.name] = s
            if new:
                errors.update(self.backend.set_mute([s.name for s in new if not s.muted], True))
                after = self.backend.sources()
        except SourcesUnavailable as exc:
            return self._failed(True, exc.why)
        verified = time.monotonic()
        outcomes = tuple(SourceOutcome(s.name, s.description, remembered.sources[s.name].muted,
                                       s.muted, s.muted) for s in after)
        live = tuple(s.description for s in after if not s.muted)
        for name, why in errors.items():
            log.error("source %s could not be muted: %s", name, why)
        default = next((s for s in before if s.default), None)
        if not after:
            return MuteResult(True, _("This computer has no microphone to mute."), (),
                              outcomes, verified, None)
        if live:
            return MuteResult(False, _(
                "Still live: {names}. The lesson may still hear you: use the mute button in "
                "the lesson platform now, or unplug it.", names=list(live)), live, outcomes,
                verified, default.muted if default else None)
        return MuteResult(True, _("Every microphone is muted ({n} checked).", n=len(after)),
                          (), outcomes, verified, default.muted if default else None)

    def restore(self) -> MuteResult:
        """Put back exactly the state each source had before the panic: one that was muted
        stays muted; one that was live is live again. Read back to be sure."""
        with self._lock:
            return self._restore()

    def _restore(self) -> MuteResult:
        before = self._before
        if before is None:
            return MuteResult(True, _("Nothing was muted by LessonGuard."))
        errors = self.backend.set_mute(
            [name for name, s in before.sources.items() if not s.muted], False)
        try:
            after = {s.name: s for s in self.backend.sources()}
        except SourcesUnavailable as exc:
            return self._failed(False, exc.why)
        self._before = None
        outcomes = []
        for name, was in before.sources.items():
            now = after.get(name)
            outcomes.append(SourceOutcome(name, was.description, was.muted,
                                          now.muted if now else None,
                                          now is None or now.muted == was.muted))
        for name, why in errors.items():
            log.error("source %s could not be put back: %s", name, why)
        wrong = tuple(o.description for o in outcomes if not o.ok)
        stays = [o.description for o in outcomes if o.was_muted]
        if wrong:
            return MuteResult(False, _(
                "Could not put back: {names}. Unmute them in the sound settings.",
                names=list(wrong)), wrong, tuple(outcomes), time.monotonic())
        return MuteResult(True, _("Microphones back as they were; still muted as before: "
                                  "{names}.", names=stays) if stays else
                          _("Microphones back as they were."),
                          (), tuple(outcomes), time.monotonic())

    def mute_new(self) -> list[str]:
        """While the panic is on: a source that appeared since (a USB microphone plugged
        in) is muted too, its earlier state remembered. Returns the ones muted now."""
        with self._lock:
            remembered = self._before
            if remembered is None:
                return []
            try:
                new = [s for s in self.backend.sources() if s.name not in remembered.sources]
            except SourcesUnavailable:
                return []
            for source in new:
                remembered.sources[source.name] = source
            failed = self.backend.set_mute([s.name for s in new if not s.muted], True)
            return [s.description for s in new if not s.muted and s.name not in failed]

    def forget(self) -> None:
        """Leave every source as it is now (the person chose to keep them muted)."""
        with self._lock:
            self._before = None

    def _failed(self, mute: bool, why: str) -> MuteResult:
        log.error("the microphones could not be %s: %s", "muted" if mute else "put back", why)
        return MuteResult(False, _("The microphone could not be muted ({why}). Use the mute "
                                   "button in the lesson platform now, or unplug the "
                                   "microphone.", why=why) if mute else
                          _("The microphone could not be unmuted ({why}). Use the mute "
                            "button in the lesson platform now, or unplug the microphone.",
                            why=why), (_("every microphone"),) if mute else ())


def describe(sources: Sequence[Source]) -> str:
    """Sources as a log line: name=muted/live."""
    return ", ".join(f"{s.name}={'muted' if s.muted else 'live'}" for s in sources)
