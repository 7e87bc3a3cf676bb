"""Measuring upload and download against a speed-test endpoint, quickly and accurately at the
threshold that matters (2 Mbit/s for HMS), and saying so in words.

Why this way: common speed tests report only the slower direction, or misread fast links.
Here each direction is measured separately with transfers sized to last about a second (so
TCP slow start and request latency are a small part of each), the first transfer is thrown
away, parallel connections are added when one cannot fill the link, and a direction stops as
soon as two consistent measurements put it clearly on one side of the threshold.
Protocol (as the public Cloudflare speed test): GET /__down?bytes=N, POST /__up, and
zero-byte downloads for latency.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import io
import itertools
import socket
import ssl
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

import aiohttp
import psutil

from app.texts import _

MBIT = 1_000_000 / 8  # bytes per second in one Mbit/s
MIN_BYTES = 32 * 1024
MAX_BYTES_PER_STREAM = 25 * 1024 * 1024
MAX_STREAMS = 4
TARGET_TRANSFER_S = 0.8
ProgressFn = Callable[[str, float, float], None]  # direction, seconds since start, Mbit/s


@dataclass
class SpeedError:
    kind: Literal["offline", "dns", "refused", "tls", "captive_portal", "garbage", "timeout",
                  "http"]
    message: str
    fix: list[str]


@dataclass
class Direction:
    name: str
    mbps: float | None = None
    samples: list[float] = field(default_factory=list)
    verdict: Literal["pass", "fail", "unknown"] = "unknown"
    confidence: Literal["high", "medium", "low"] = "low"
    bytes: int = 0
    seconds: float = 0.0
    streams: int = 1

    def steady(self) -> list[float]:
        """The last few measurements after TCP has finished ramping up: leading ones well
        below what came after are still slow start and are left out."""
        samples = self.samples
        start = 0
        while start < len(samples) - 1 and samples[start] < 0.88 * max(samples[start + 1:]):
            start += 1
        return samples[start:][-3:]

    @property
    def settled(self) -> bool:
        """Two or more steady measurements that agree within 12%."""
        steady = self.steady()
        return len(steady) >= 2 and (max(steady) - min(steady)) <= 0.12 * max(steady)

    def decide(self, threshold: float) -> None:
        """The verdict from the steady measurements, and how sure we are of it."""
        if not self.samples:
            return
        recent = self.steady()
        self.mbps = statistics.median(recent)
        margin = abs(self.mbps - threshold) / threshold
        spread = (max(recent) - min(recent)) / self.mbps if self.mbps else 1.0
        self.verdict = "pass" if self.mbps >= threshold else "fail"
        if len(recent) >= 2 and margin > max(0.15, 2 * spread):
            self.confidence = "high"
        elif margin > max(0.05, spread):
            self.confidence = "medium"
        else:
            self.confidence = "low"


@dataclass
class SpeedResult:
    download: Direction = field(default_factory=lambda: Direction("download"))
    upload: Direction = field(default_factory=lambda: Direction("upload"))
    latency_ms: float | None = None
    jitter_ms: float | None = None
    latency_samples_ms: list[float] = field(default_factory=list)
    error: SpeedError | None = None
    timed_out: bool = False
    duration_s: float = 0.0
    our_bytes: int = 0
    other_bytes: int = 0


class EndpointError(Exception):
    def __init__(self, error: SpeedError) -> None:
        super().__init__(error.message)
        self.error = error


def classify(exc: BaseException, url: str) -> SpeedError:
    """Turn what went wrong into one plain sentence and what to do."""
    host = urlsplit(url).hostname or url
    if isinstance(exc, EndpointError):
        return exc.error
    if isinstance(exc, aiohttp.ClientConnectorDNSError) or isinstance(
            getattr(exc, "os_error", None), socket.gaierror) or isinstance(exc, socket.gaierror):
        return SpeedError("dns", _("This computer can't look up the speed-test server "
                                   "({host}): the internet may be down, or the address is "
                                   "wrong.", host=host),
                          [_("Check the Wi-Fi or cable is connected."),
                           _("Restart the router if other websites don't open either.")])
    if isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError
                  | ssl.SSLError):
        return SpeedError("tls", _("The secure connection to the speed-test server failed "
                                   "(its certificate was not accepted)."),
                          [_("Check the computer's date and time are right."),
                           _("A school or office network filter may be interfering: ask "
                             "whoever runs the network.")])
    os_error = getattr(exc, "os_error", None) or (exc if isinstance(exc, OSError) else None)
    code = getattr(os_error, "errno", None)
    if code == errno.ECONNREFUSED:
        return SpeedError("refused", _("The speed-test server ({host}) refused the "
                                       "connection.", host=host),
                          [_("Try again in a minute."),
                           _("If it keeps happening, the organisation's speed-test server may "
                             "be down: tell them.")])
    if isinstance(exc, aiohttp.ClientConnectorError | OSError) or code in (
            errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN):
        return SpeedError("offline", _("This computer is not connected to the internet."),
                          [_("Check the Wi-Fi is on and connected, or the cable is plugged "
                             "in."),
                           _("Restart the router if other devices can't connect either.")])
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return SpeedError("timeout", _("The speed test did not finish in time: the "
                                       "connection is very slow or keeps dropping."),
                          [_("Move closer to the Wi-Fi router, or use a cable."),
                           _("Ask others on the connection to pause downloads and "
                             "streaming.")])
    return SpeedError("garbage", _("The speed-test server answered with something unexpected "
                                   "({what}).", what=type(exc).__name__),
                      [_("Check the speed-test address in LessonGuard's settings.")])


def _captive_or_garbage(response: aiohttp.ClientResponse) -> None:
    if 300 <= response.status < 400 or "text/html" in response.headers.get("Content-Type", ""):
        raise EndpointError(SpeedError(
            "captive_portal", _("This network wants you to sign in first (a login page for "
                                "a hotel, café, school or public Wi-Fi)."),
            [_("Open a web browser: the sign-in page should appear. Sign in, then run the "
               "check again.")]))
    if response.status == 503:
        raise EndpointError(SpeedError("http", _("The speed-test server is busy."),
                                       [_("Wait a few seconds and run the check again.")]))
    if response.status >= 400:
        raise EndpointError(SpeedError(
            "http", _("The speed-test server answered with an error ({status}).",
                      status=response.status),
            [_("Check the speed-test address in LessonGuard's settings.")]))


class SpeedTest:
    def __init__(self, base_url: str, threshold_up: float, threshold_down: float,
                 progress: ProgressFn | None = None, ssl_context: ssl.SSLContext | None = None
                 ) -> None:
        self.base = base_url.rstrip("/")
        self.threshold = {"upload": threshold_up, "download": threshold_down}
        self.progress = progress
        self.ssl = ssl_context
        self.result = SpeedResult()
        self._t0 = 0.0
        self._upload_cache: dict[int, bytes] = {}

    # --- transfers ---------------------------------------------------------------------

    async def _latency_probe(self, session: aiohttp.ClientSession) -> float:
        began = time.perf_counter()
        async with session.get(f"{self.base}/__down", params={"bytes": "0"},
                               allow_redirects=False) as response:
            _captive_or_garbage(response)
            body = await response.read()
        if body:
            raise EndpointError(SpeedError(
                "garbage", _("The speed-test server answered with something unexpected "
                             "(a zero-byte request returned data)."),
                [_("Check the speed-test address in LessonGuard's settings.")]))
        return (time.perf_counter() - began) * 1000

    async def _download(self, session: aiohttp.ClientSession, size: int) -> tuple[int, float]:
        began = time.perf_counter()
        async with session.get(f"{self.base}/__down", params={"bytes": str(size)},
                               allow_redirects=False) as response:
            _captive_or_garbage(response)
            got = 0
            first_at = None
            first_chunk = 0
            async for chunk in response.content.iter_any():
                now = time.perf_counter()
                if first_at is None:
                    first_at, first_chunk = now, len(chunk)
                got += len(chunk)
            last_at = time.perf_counter()
        if got != size:
            raise EndpointError(SpeedError(
                "garbage", f"The speed-test server sent {got} bytes instead of {size}.",
                ["Check the speed-test address in LessonGuard's settings."]))
        self.result.our_bytes += got
        # From the request to the last byte, less one round trip; never less than first to
        # last byte (a busy computer may read late what arrived early).
        rtt = (self.result.latency_ms or 0) / 1000
        took = max(last_at - (first_at or last_at), last_at - began - rtt)
        return got - first_chunk, max(1e-6, took)

    async def _upload(self, session: aiohttp.ClientSession, size: int) -> tuple[int, float]:
        body = self._upload_cache.get(size)
        if body is None:
            body = self._upload_cache.setdefault(size, bytes(size))
        began = time.perf_counter()
        # A file-like body is streamed in pieces, so the event loop is never held up.
        async with session.post(f"{self.base}/__up", data=io.BytesIO(body),
                                allow_redirects=False,
                                headers={"Content-Type": "application/octet-stream"}
                                ) as response:
            _captive_or_garbage(response)
            await response.read()
        took = time.perf_counter() - began
        self.result.our_bytes += size
        # The answer comes one round trip after the last byte arrived: take that off.
        rtt = (self.result.latency_ms or 0) / 1000
        return size, max(1e-6, took - rtt)

    # --- the measurement ------------------------------------------------------------------

    async def _latency(self, session: aiohttp.ClientSession) -> None:
        await self._latency_probe(session)  # connects; not counted
        samples = []
        for _attempt in range(6):
            samples.append(await self._latency_probe(session))
        self.result.latency_samples_ms = samples
        self.result.latency_ms = statistics.median(samples)
        self.result.jitter_ms = statistics.fmean(abs(a - b)
                                                 for a, b in itertools.pairwise(samples))

    async def _direction(self, session: aiohttp.ClientSession, name: str, budget_s: float
                         ) -> None:
        direction: Direction = getattr(self.result, name)
        transfer = self._download if name == "download" else self._upload
        threshold = self.threshold[name]
        end = time.perf_counter() + budget_s
        size, streams, first = MIN_BYTES, 1, True
        while True:
            left = end - time.perf_counter()
            if left <= 0.05:
                break
            try:
                parts = await asyncio.wait_for(
                    asyncio.gather(*(transfer(session, size) for _ in range(streams))), left)
            except TimeoutError:
                break  # this direction's share of the time is up: keep what was measured
            moved = sum(b for b, _ in parts)
            took = max(t for _, t in parts)
            mbps = moved / took / MBIT
            direction.bytes += moved
            direction.seconds += took
            direction.streams = streams
            flat_out = size >= MAX_BYTES_PER_STREAM and streams >= MAX_STREAMS
            if not first and (took >= 0.15 or flat_out):  # the first is mostly slow start
                direction.samples.append(mbps)
                if self.progress:
                    self.progress(name, time.perf_counter() - self._t0, mbps)
                direction.decide(threshold)
                if direction.confidence == "high" and direction.settled:
                    return  # clearly on one side of the threshold, and the figure is steady
            first = False
            # Size the next round to last about TARGET_TRANSFER_S at the rate just seen.
            want = mbps * MBIT * min(TARGET_TRANSFER_S, max(0.2, end - time.perf_counter()))
            streams = min(MAX_STREAMS, max(streams, int(want // MAX_BYTES_PER_STREAM) + 1))
            if took < 0.15 and size * streams >= want:  # too quick to tell: grow harder
                want = size * streams * 4
            size = int(min(MAX_BYTES_PER_STREAM, max(MIN_BYTES, want / streams)))

    async def _run(self, budget_s: float) -> None:
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=min(5.0, budget_s))
        connector = aiohttp.TCPConnector(limit=MAX_STREAMS * 2, force_close=False,
                                         ssl=self.ssl if self.ssl is not None else True)
        async with aiohttp.ClientSession(timeout=timeout, connector=connector,
                                         auto_decompress=False) as session:
            await self._latency(session)
            remaining = budget_s - (time.perf_counter() - self._t0)
            await self._direction(session, "download", remaining * 0.5)
            remaining = budget_s - (time.perf_counter() - self._t0)
            await self._direction(session, "upload", remaining - 0.1)

    async def _run_then_settle(self, budget_s: float) -> None:
        """The measurement under its hard limit, then one short pause so the sockets the
        closed session (or a cut-off transfer) let go of are really closed before the loop
        ends: otherwise they linger as unclosed transports."""
        try:
            await asyncio.wait_for(self._run(budget_s), budget_s + 0.5)
        finally:
            await asyncio.sleep(0.05)

    def run(self, budget_s: float = 10.0) -> SpeedResult:
        """Measure both directions within `budget_s`; on the hard limit, keep what was
        measured and mark the result as timed out."""
        before = _io_counters()
        self._t0 = time.perf_counter()
        try:
            asyncio.run(self._run_then_settle(budget_s))
        except TimeoutError:
            self.result.timed_out = True
            self.result.error = classify(TimeoutError(), self.base)
        except Exception as exc:  # every failure becomes a plain sentence
            self.result.error = classify(exc, self.base)
        self.result.duration_s = time.perf_counter() - self._t0
        for name in ("download", "upload"):
            getattr(self.result, name).decide(self.threshold[name])
        after = _io_counters()
        if before is not None and after is not None:
            total = (after[0] - before[0]) + (after[1] - before[1])
            self.result.other_bytes = max(0, total - self.result.our_bytes)
        return self.result


def _io_counters() -> tuple[int, int] | None:
    """Bytes received and sent by every network interface, loopback left out."""
    with contextlib.suppress(Exception):
        counters = psutil.net_io_counters(pernic=True)
        nics = [c for name, c in counters.items() if name != "lo"]
        return sum(c.bytes_recv for c in nics), sum(c.bytes_sent for c in nics)
    return None
