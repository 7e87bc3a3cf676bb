"""`lessonguard speed-server`: a bandwidth-test endpoint an organisation can host itself.

It speaks the protocol of the public Cloudflare speed test, which LessonGuard's bandwidth check
uses: `GET /__down?bytes=N` sends N bytes, `POST /__up` reads and discards the body, a zero-byte
request measures latency; plus `GET /health` (JSON). Why bounded: a public endpoint must not
let anyone fill its disk or hold its memory, so downloads and uploads are capped per request,
concurrent transfers are limited, and nothing received is ever stored. And a slot cannot be
held for ever: a transfer that makes no progress for `idle_timeout_s` (a client that stops
reading, or stops sending) or that is still running after `transfer_timeout_s` is cut off,
and a connection that has not sent a whole request head within `header_timeout_s` is closed
(aiohttp's keep-alive timeout, which also runs from the moment a connection opens). A cut-off
or abandoned transfer is one line in the log, never a traceback.

Why these figures: LessonGuard's own check sizes each transfer to last about a second (25 MB
at most per stream), so 10 seconds without a byte moving is a stalled client, not a slow one;
60 seconds lets even a 200 MB transfer through at about 30 Mbit/s while capping what 32
trickling clients can hold; 10 seconds is ample for a request head, which is one packet.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from aiohttp import ClientPayloadError, web

log = logging.getLogger(__name__)

CHUNK = 64 * 1024
_BLOCK = bytes(CHUNK)  # zeros: cheap to send, and nothing on the wire compresses at TCP level


@dataclass(frozen=True)
class Limits:
    max_download_bytes: int = 200 * 1024 * 1024
    max_upload_bytes: int = 200 * 1024 * 1024
    max_concurrent: int = 32
    idle_timeout_s: float = 10.0
    transfer_timeout_s: float = 60.0
    header_timeout_s: float = 10.0


class _Deadline:
    """Each step of a transfer must finish within the idle timeout, and all of them within
    the transfer's time limit."""

    def __init__(self, limits: Limits) -> None:
        self._loop = asyncio.get_running_loop()
        self._idle = limits.idle_timeout_s
        self._end = self._loop.time() + limits.transfer_timeout_s

    def step(self) -> asyncio.Timeout:
        return asyncio.timeout_at(min(self._loop.time() + self._idle, self._end))

    def why(self) -> str:
        if self._loop.time() >= self._end - 0.01:
            return "over the time limit for one transfer"
        return f"no progress for {self._idle:g} s"


# What an abandoned or stalled transfer raises: the client went away or stopped moving.
_ABORTED = (TimeoutError, ConnectionError, ClientPayloadError)


def _aborted(request: web.Request, what: str, moved: int, why: str) -> None:
    """One line in the log, and the connection closed so its slot and socket are free."""
    peer = request.remote or "?"
    log.info("%s from %s stopped after %d bytes: %s", what, peer, moved, why)
    if request.transport is not None:
        request.transport.abort()


def build_app(limits: Limits | None = None) -> web.Application:
    limits = limits or Limits()
    app = web.Application(client_max_size=limits.max_upload_bytes)
    slots = asyncio.Semaphore(limits.max_concurrent)
    stats = {"served_bytes": 0, "received_bytes": 0, "requests": 0, "refused": 0,
             "aborted": 0}
    started = time.time()

    async def busy() -> web.Response:
        stats["refused"] += 1
        return web.json_response({"error": "too many transfers at once; try again shortly"},
                                 status=503, headers={"Retry-After": "1"})

    async def down(request: web.Request) -> web.StreamResponse:
        try:
            size = int(request.query.get("bytes", "0"))
        except ValueError:
            return web.json_response({"error": "bytes must be a whole number"}, status=400)
        if not 0 <= size <= limits.max_download_bytes:
            return web.json_response(
                {"error": f"bytes must be between 0 and {limits.max_download_bytes}"},
                status=400)
        if slots.locked():
            return await busy()
        async with slots:
            stats["requests"] += 1
            response = web.StreamResponse(headers={
                "Content-Type": "application/octet-stream", "Cache-Control": "no-store",
                "Content-Length": str(size)})
            deadline = _Deadline(limits)
            left = size
            try:
                async with deadline.step():
                    await response.prepare(request)
                while left > 0:
                    piece = _BLOCK if left >= CHUNK else _BLOCK[:left]
                    async with deadline.step():
                        await response.write(piece)
                    left -= len(piece)
                    stats["served_bytes"] += len(piece)
                async with deadline.step():
                    await response.write_eof()
            except _ABORTED as exc:
                stats["aborted"] += 1
                _aborted(request, "download", size - left,
                         deadline.why() if isinstance(exc, TimeoutError)
                         else "the client went away")
            return response

    async def up(request: web.Request) -> web.Response:
        declared = request.content_length
        if declared is not None and declared > limits.max_upload_bytes:
            return web.json_response({"error": "upload too large"}, status=413)
        if slots.locked():
            return await busy()
        async with slots:
            stats["requests"] += 1
            received = 0
            began = time.perf_counter()
            deadline = _Deadline(limits)
            try:
                while True:
                    async with deadline.step():
                        chunk = await request.content.readany()
                    if not chunk:
                        break
                    received += len(chunk)  # counted, never kept
                    if received > limits.max_upload_bytes:
                        return web.json_response({"error": "upload too large"}, status=413)
            except _ABORTED as exc:
                stats["aborted"] += 1
                stats["received_bytes"] += received
                _aborted(request, "upload", received,
                         deadline.why() if isinstance(exc, TimeoutError)
                         else "the client went away")
                return web.Response(status=408)
            stats["received_bytes"] += received
            took = time.perf_counter() - began
            return web.json_response(
                {"received": received},
                headers={"Server-Timing": f"up;dur={took * 1000:.1f}",
                         "Cache-Control": "no-store"})

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"service": "lessonguard-speed-server", "ok": True,
                                  "uptime_s": round(time.time() - started, 1), **stats,
                                  "limits": limits.__dict__})

    app.router.add_get("/__down", down)
    app.router.add_post("/__up", up)
    app.router.add_get("/health", health)
    return app


def serve(host: str = "127.0.0.1", port: int = 8765, limits: Limits | None = None) -> None:
    """Run until interrupted (Ctrl+C)."""
    print(f"LessonGuard speed server on http://{host}:{port}  (health: /health; Ctrl+C stops)",
          flush=True)
    limits = limits or Limits()
    web.run_app(build_app(limits), host=host, port=port, print=None,
                access_log=None, handle_signals=True,
                keepalive_timeout=limits.header_timeout_s)
