"""Watching the connection during a lesson: a few tiny requests a minute, outages and slow
spells timed, and the pack's rule raised when trouble lasts too long.

Why: HMS says connection trouble for more than 5 minutes means the lesson is stopped, and
what follows depends on whose side failed and on when: "when starting a lesson" or "midway
through". So each episode knows its moment, the words come from the pack for the role of the
person reading them (app.policy.engine.trouble_outcome), the time in trouble is counted to
the second for as long as it lasts (`status`), and every episode is kept with the lesson as
it happens (`on_change`), so a crash loses none. The monitor sends nothing heavier than a
zero-byte request and a 32 kB download to the same speed-test endpoint.
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

from app.policy.engine import rule, trouble_outcome
from app.policy.schema import Moment, PolicyPack, Role
from app.store import Store
from app.texts import _

log = logging.getLogger(__name__)

PROBE_BYTES = 32 * 1024
SLOW_LATENCY_MS = 1500.0
# LessonGuard's reading of "when starting a lesson" (the policies give no figure): trouble
# that begins in the lesson's first five minutes, before it has properly got going.
STARTING_WINDOW_S = 5 * 60.0


@dataclass
class Episode:
    kind: Literal["outage", "degraded"]
    started_at: datetime
    started_mono: float
    ended_at: datetime | None = None
    duration_s: float = 0.0
    abort_raised: bool = False
    detail: str = ""
    moment: Moment = "midway"
    row_id: int | None = None  # its row in the lesson's record, once kept


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
    side: Literal["tutor", "pupil"] = "tutor"  # whose connection this is: this computer's
    interval_s: float = 15.0
    timeout_s: float = 3.0
    abort_after_s: float | None = None  # default: the pack's trouble_abort_minutes
    on_event: Callable[[MonitorEvent], None] | None = None
    probe: Callable[[str, float], ProbeResult] = http_probe
    episodes: list[Episode] = field(default_factory=list)
    probes: int = 0
    role: Role | None = None  # who reads the words; default: the side's own person
    lesson_started_mono: float | None = None  # when the lesson began (default: at start())
    on_change: Callable[[Episode], None] | None = None  # keep an episode (monitor's thread)

    def __post_init__(self) -> None:
        self._limit = rule(self.pack, "network.trouble_abort_minutes")
        if self.abort_after_s is None:
            self.abort_after_s = float(self._limit.value) * 60
        if self.role is None:
            self.role = "tutor" if self.side == "tutor" else "responsible_adult"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.current: Episode | None = None

    def start(self) -> None:
        if self.lesson_started_mono is None:
            self.lesson_started_mono = time.monotonic()
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
            began = self.lesson_started_mono if self.lesson_started_mono is not None else now
            moment: Moment = "start" if now - began < STARTING_WINDOW_S else "midway"
            self.current = Episode(trouble, datetime.now(UTC), now, detail=result.detail,
                                   moment=moment)
            self.episodes.append(self.current)
            self._keep(self.current)
            self._emit("trouble_started", _("Connection trouble: {what}.",
                                            what=self._words(trouble)))
        episode = self.current
        episode.duration_s = now - episode.started_mono
        if trouble == "outage":
            episode.kind = "outage"
        if not episode.abort_raised and episode.duration_s > (self.abort_after_s or 0):
            episode.abort_raised = True
            self._keep(episode)
            self._emit("abort", self._abort_words(episode))

    def guidance(self, episode: Episode) -> str:
        """What the pack says happens now, in the words for the person reading, at the moment
        the trouble began."""
        assert self.role is not None
        outcome = trouble_outcome(self.pack, self.role, episode.moment, self.side)
        if outcome.from_pack:
            return str(outcome.value)
        return _("{text} (LessonGuard's default: your policy does not say)",
                 text=outcome.value)

    def _abort_words(self, episode: Episode) -> str:
        minutes = self._limit.value
        guidance = self.guidance(episode)
        return (_("The connection has been in trouble for more than 1 minute: {guidance}",
                  guidance=guidance) if minutes == 1 else
                _("The connection has been in trouble for more than {minutes} minutes: "
                  "{guidance}", minutes=minutes, guidance=guidance))

    def status(self, now: float | None = None) -> tuple[str, str] | None:
        """("trouble" | "abort", words) while an episode lasts, counted to `now`
        (time.monotonic()); None while the connection is good. For a display that updates
        every second, so the time in trouble is never stuck at its first reading."""
        episode = self.current
        if episode is None:
            return None
        now = time.monotonic() if now is None else now
        seconds = max(0.0, now - episode.started_mono)
        limit_s = self.abort_after_s or 0.0
        if episode.abort_raised or seconds > limit_s:
            return "abort", _("{abort} (in trouble for {time})",
                              abort=self._abort_words(episode), time=duration_words(seconds))
        return "trouble", _("Connection trouble for {time}: {what}. {left} left before the "
                            "{limit} limit.",
                            time=duration_words(seconds), what=self._words(episode.kind),
                            limit=duration_words(limit_s),
                            left=duration_words(limit_s - seconds))

    def _keep(self, episode: Episode) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(episode)
        except Exception:  # the lesson goes on; the log says the record missed it
            log.exception("could not keep the connection episode")

    def _end(self, now: float) -> None:
        episode = self.current
        assert episode is not None
        episode.duration_s = now - episode.started_mono
        episode.ended_at = datetime.now(UTC)
        self.current = None
        self._keep(episode)
        self._emit("recovered", _("The connection is back after {time}.",
                                  time=duration_words(episode.duration_s)))

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


def duration_words(seconds: float) -> str:
    """"45 s", "2 min 05 s", "5 min": a time in trouble, counted to the second."""
    whole = max(0, int(seconds))
    if whole < 60:
        return _("{seconds} s", seconds=whole)
    minutes, rest = divmod(whole, 60)
    if rest == 0:
        return _("{minutes} min", minutes=minutes)
    return _("{minutes} min {seconds} s", minutes=minutes, seconds=f"{rest:02d}")


def keep_episode(store: Store, episode: Episode, lesson_id: int | None = None) -> None:
    """Write one episode to the lesson's record, or bring its row up to date: called when
    it starts, when the lesson should stop, and when it ends, so the record has every
    episode even if LessonGuard stops in the middle of one."""
    values = [episode.kind, episode.started_at.isoformat(),
              episode.ended_at.isoformat() if episode.ended_at else None,
              round(episode.duration_s, 2), int(episode.abort_raised), episode.detail,
              episode.moment]
    with store.write() as db:
        if episode.row_id is None:
            cursor = db.execute(
                "INSERT INTO connection_episodes (lesson_id, kind, started_at, ended_at, "
                "duration_s, abort_raised, detail, moment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [lesson_id, *values])
            episode.row_id = cursor.lastrowid
        else:
            db.execute("UPDATE connection_episodes SET kind = ?, started_at = ?, ended_at = ?, "
                       "duration_s = ?, abort_raised = ?, detail = ?, moment = ? WHERE id = ?",
                       [*values, episode.row_id])


def save_episodes(store: Store, episodes: list[Episode], lesson_id: int | None = None) -> None:
    """Keep every episode with the lesson (those already kept are brought up to date)."""
    with store.write():
        for ep in episodes:
            keep_episode(store, ep, lesson_id)
