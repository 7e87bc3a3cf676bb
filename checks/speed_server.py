"""`lessonguard speed-server`: a bandwidth-test endpoint an organisation can host itself.

It speaks the protocol of the public Cloudflare speed test, which LessonGuard's bandwidth check
uses: `GET /__down?bytes=N` sends N bytes, `POST /__up` reads and discards the body, a zero-byte
request measures latency; plus `GET /health` (JSON). Why bounded: a public endpoint must not
let anyone fill its disk or hold its memory, so downloads and uploads are capped per request,
concurrent transfers are limited, and nothing received is ever stored.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from aiohttp import web

log = logging.getLogger(__name__)

CHUNK = 64 * 1024
_BLOCK = bytes(CHUNK)  # zeros: cheap to send, and nothing on the wire compresses at TCP level


@dataclass(frozen=True)
class Limits:
    max_download_bytes: int = 200 * 1024 * 1024
    max_upload_bytes: int = 200 * 1024 * 1024
    max_concurrent: int = 32


def build_app(limits: Limits | None = None) -> web.Application:
    limits = limits or Limits()
    app = web.Application(client_max_size=limits.max_upload_bytes)
    slots = asyncio.Semaphore(limits.max_concurrent)
    stats = {"served_bytes": 0, "received_bytes": 0, "requests": 0, "refused": 0}
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
            await response.prepare(request)
            left = size
            while left > 0:
                piece = _BLOCK if left >= CHUNK else _BLOCK[:left]
                await response.write(piece)
                left -= len(piece)
                stats["served_bytes"] += len(piece)
            await response.write_eof()
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
            async for chunk in request.content.iter_any():
                received += len(chunk)  # counted, never kept
                if received > limits.max_upload_bytes:
                    return web.json_response({"error": "upload too large"}, status=413)
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
    web.run_app(build_app(limits), host=host, port=port, print=None,
                access_log=None, handle_signals=True)
