"""Watching the connection during a lesson: a few tiny requests a minute, outages and slow
spells timed, and the pack's rule raised when trouble lasts too long.

Why: HMS says connection trouble for more than 5 minutes means the lesson is stopped and
rearranged, and who pays depends on whose side failed. The monitor sends nothing heavier
than a zero-byte request and a 32 kB download to the same speed-test endpoint.
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from app.policy.engine import rule
from app.policy.schema import PolicyPack
from app.store import Store
from app.texts import _

log = logging.getLogger(__name__)

PROBE_BYTES = 32 * 1024
SLOW_LATENCY_MS = 1500.0


@dataclass
class Episode:
    kind: Literal["outage", "degraded"]
    started_at: datetime
    started_mono: float
    ended_at: datetime | None = None
    duration_s: float = 0.0
    abort_raised: bool = False
    detail: str = ""


@dataclass
class MonitorEvent:
    kind: Literal["trouble_started", "abort", "recovered"]
    episode: Episode
    message: str


@dataclass
class ProbeResult:
    ok: bool
    latency_ms: float | None = None
    detail: str = ""


def http_probe(base_url: str, timeout_s: float) -> ProbeResult:
    base = base_url.rstrip("/")
    try:
        began = time.perf_counter()
        with urllib.request.urlopen(f"{base}/__down?bytes=0", timeout=timeout_s) as response:
            response.read()
        latency = (time.perf_counter() - began) * 1000
        with urllib.request.urlopen(f"{base}/__down?bytes={PROBE_BYTES}",
                                    timeout=timeout_s) as response:
            if len(response.read()) != PROBE_BYTES:
                return ProbeResult(False, latency, "the server sent the wrong amount")
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        return ProbeResult(False, None, str(getattr(exc, "reason", exc)))
    return ProbeResult(True, latency)


@dataclass
class ConnectionMonitor:
    """Probe every `interval_s`; an outage starts at the first failed probe, a slow spell when
    latency exceeds SLOW_LATENCY_MS; both end at the first good probe."""

    base_url: str
    pack: PolicyPack
    side: Literal["tutor", "pupil"] = "tutor"
    interval_s: float = 15.0
    timeout_s: float = 3.0
    abort_after_s: float | None = None  # default: the pack's trouble_abort_minutes
    on_event: Callable[[MonitorEvent], None] | None = None
    probe: Callable[[str, float], ProbeResult] = http_probe
    episodes: list[Episode] = field(default_factory=list)
    probes: int = 0

    def __post_init__(self) -> None:
        self._limit = rule(self.pack, "network.trouble_abort_minutes")
        if self.abort_after_s is None:
            self.abort_after_s = float(self._limit.value) * 60
        self._outcome = rule(self.pack, f"network.trouble_outcome_{self.side}_side")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.current: Episode | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="connection-monitor",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.timeout_s * 2 + 1)
        if self.current is not None:
            self._end(time.monotonic())

    def _loop(self) -> None:
        while not self._stop.is_set():
            began = time.monotonic()
            self.step(self.probe(self.base_url, self.timeout_s), time.monotonic())
            self._stop.wait(max(0.0, self.interval_s - (time.monotonic() - began)))

    def step(self, result: ProbeResult, now: float) -> None:
        """Account for one probe's result (also used directly by tests with a clock)."""
        self.probes += 1
        trouble: Literal["outage", "degraded"] | None = None
        if not result.ok:
            trouble = "outage"
        elif result.latency_ms is not None and result.latency_ms > SLOW_LATENCY_MS:
            trouble = "degraded"
        if trouble is None:
            if self.current is not None:
                self._end(now)
            return
        if self.current is None:
            self.current = Episode(trouble, datetime.now(UTC), now, detail=result.detail)
            self.episodes.append(self.current)
            self._emit("trouble_started", _("Connection trouble: {what}.",
                                            what=self._words(trouble)))
        episode = self.current
        episode.duration_s = now - episode.started_mono
        if trouble == "outage":
            episode.kind = "outage"
        if not episode.abort_raised and episode.duration_s > (self.abort_after_s or 0):
            episode.abort_raised = True
            minutes = self._limit.value
            self._emit("abort", _("The connection has been in trouble for more than 1 "
                                  "minute: {guidance}", guidance=self._outcome.value)
                       if minutes == 1 else
                       _("The connection has been in trouble for more than {minutes} minutes: "
                         "{guidance}", minutes=minutes, guidance=self._outcome.value))

    def _end(self, now: float) -> None:
        episode = self.current
        assert episode is not None
        episode.duration_s = now - episode.started_mono
        episode.ended_at = datetime.now(UTC)
        self.current = None
        self._emit("recovered", _("The connection is back after {seconds} s.",
                                  seconds=f"{episode.duration_s:.0f}"))

    @staticmethod
    def _words(kind: str) -> str:
        return (_("the connection is down") if kind == "outage" else
                _("the connection is very slow"))

    def _emit(self, kind: Literal["trouble_started", "abort", "recovered"], message: str
              ) -> None:
        assert self.current is not None or kind == "recovered"
        episode = self.current or self.episodes[-1]
        log.warning("connection monitor: %s", message)
        if self.on_event is not None:
            self.on_event(MonitorEvent(kind, episode, message))


def save_episodes(store: Store, episodes: list[Episode], lesson_id: int | None = None) -> None:
    """Keep every episode with the lesson, for the lesson's record."""
    with store.write() as db:
        for ep in episodes:
            db.execute(
                "INSERT INTO connection_episodes (lesson_id, kind, started_at, ended_at, "
                "duration_s, abort_raised, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [lesson_id, ep.kind, ep.started_at.isoformat(),
                 ep.ended_at.isoformat() if ep.ended_at else None, round(ep.duration_s, 2),
                 int(ep.abort_raised), ep.detail])
