"""Each way a speed test goes wrong gets its own plain message: no connection, no name
lookup, a bad certificate, a sign-in page, a server that answers nonsense, a refused
connection. Servers run on loopback or in namespaces the tests create."""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from aiohttp import web

from checks.speed_server import Limits, build_app
from checks.speedtest import SpeedTest
from tests.helpers.netns import ShapedLink
from tests.helpers.tools import require_tool


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: web.Application, ssl_context: ssl.SSLContext | None = None) -> Iterator[str]:
    port = free_port()
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port,
                                            ssl_context=ssl_context).start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    try:
        yield f"{'https' if ssl_context else 'http'}://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def app_with(handler: Callable[[web.Request], object]) -> web.Application:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)  # type: ignore[arg-type]
    return app


def measure(url: str, budget: float = 6.0) -> object:
    return SpeedTest(url, 2.0, 2.0).run(budget)


def test_a_captive_portal_asks_to_sign_in() -> None:
    async def portal(request: web.Request) -> web.Response:
        if request.path == "/login":
            return web.Response(text="<html><body>Welcome to Café Wi-Fi</body></html>",
                                content_type="text/html")
        raise web.HTTPFound("http://portal.example/login")

    with serving(app_with(portal)) as url:
        result = measure(url)
    assert result.error is not None and result.error.kind == "captive_portal"
    assert "sign in" in result.error.message and "browser" in result.error.fix[0]


def test_a_sign_in_page_served_in_place_is_also_a_captive_portal() -> None:
    async def page(request: web.Request) -> web.Response:
        return web.Response(text="<html>Please log in</html>", content_type="text/html")

    with serving(app_with(page)) as url:
        assert measure(url).error.kind == "captive_portal"


def test_an_endpoint_that_answers_nonsense() -> None:
    async def nonsense(request: web.Request) -> web.Response:
        return web.Response(body=b"hello, world", content_type="application/octet-stream")

    with serving(app_with(nonsense)) as url:
        result = measure(url)
    assert result.error is not None and result.error.kind == "garbage"
    assert "something unexpected" in result.error.message


def test_an_endpoint_that_sends_the_wrong_amount() -> None:
    async def short(request: web.Request) -> web.Response:
        wanted = int(request.query.get("bytes", "0"))
        return web.Response(body=bytes(wanted // 2), content_type="application/octet-stream")

    with serving(app_with(short)) as url:
        result = measure(url)
    assert result.error is not None and result.error.kind == "garbage"
    assert "instead of" in result.error.message


def test_a_refused_connection() -> None:
    result = measure(f"http://127.0.0.1:{free_port()}")
    assert result.error is not None and result.error.kind == "refused"
    assert "refused the connection" in result.error.message


def test_a_certificate_that_is_not_trusted(tmp_path: Path) -> None:
    openssl = require_tool("openssl")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj",
                    "/CN=127.0.0.1", "-days", "1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with serving(build_app(), context) as url:
        result = measure(url)
    assert result.error is not None and result.error.kind == "tls"
    assert "certificate" in result.error.message
    assert "date and time" in result.error.fix[0]


def test_no_network_at_all() -> None:
    with ShapedLink() as link:
        link.set_link(up=False)
        out = subprocess.run(
            link.in_client(sys.executable, "-c", PROBE,
                           f"http://{link.server_ip}:8080"),
            capture_output=True, text=True, timeout=60, cwd=str(Path(__file__).parents[2]))
    assert out.stdout.split("|")[0] == "offline", out.stdout + out.stderr
    assert "not connected to the internet" in out.stdout


def test_a_name_that_cannot_be_looked_up(tmp_path: Path) -> None:
    with ShapedLink() as link:
        netns_etc = Path("/etc/netns") / link.ns["client"]
        netns_etc.mkdir(parents=True, exist_ok=True)
        try:
            # The namespace's own resolver: nothing answers, so every lookup fails here,
            # without a single packet leaving the namespace.
            (netns_etc / "resolv.conf").write_text(f"nameserver {link.client_ip}\n"
                                                    "options timeout:1 attempts:1\n")
            out = subprocess.run(
                link.in_client(sys.executable, "-c", PROBE,
                               "http://speedtest.lessonguard.invalid:8080"),
                capture_output=True, text=True, timeout=60, cwd=str(Path(__file__).parents[2]))
        finally:
            shutil.rmtree(netns_etc, ignore_errors=True)
    assert out.stdout.split("|")[0] == "dns", out.stdout + out.stderr
    assert "can't look up the speed-test server" in out.stdout


PROBE = """
import sys
sys.path.insert(0, ".")
from checks.speedtest import SpeedTest
r = SpeedTest(sys.argv[1], 2, 2).run(6)
print(f"{r.error.kind}|{r.error.message}" if r.error else "ok|")
"""


def test_the_speed_server_refuses_abuse() -> None:
    import urllib.error
    import urllib.request

    limits = Limits(max_download_bytes=1_000_000, max_upload_bytes=100_000, max_concurrent=2)
    with serving(build_app(limits)) as url:
        def status(path: str, data: bytes | None = None) -> int:
            try:
                with urllib.request.urlopen(urllib.request.Request(url + path, data=data),
                                            timeout=10) as response:
                    return int(response.status)
            except urllib.error.HTTPError as exc:
                return int(exc.code)

        assert status("/__down?bytes=1000") == 200
        assert status("/__down?bytes=2000000") == 400
        assert status("/__down?bytes=-5") == 400
        assert status("/__down?bytes=lots") == 400
        assert status("/__up", bytes(50_000)) == 200
        assert status("/__up", bytes(200_000)) == 413
        import json

        with urllib.request.urlopen(url + "/health", timeout=10) as response:
            health = json.loads(response.read())
        assert health["ok"] is True and health["service"] == "lessonguard-speed-server"
        assert health["received_bytes"] == 50_000  # counted, never kept
        assert health["limits"]["max_concurrent"] == 2


@pytest.mark.parametrize("bytes_", [0, 1, 65_536, 1_000_003])
def test_the_speed_server_sends_exactly_what_was_asked(bytes_: int) -> None:
    import urllib.request

    with serving(build_app()) as url, urllib.request.urlopen(
            f"{url}/__down?bytes={bytes_}", timeout=10) as response:
        assert len(response.read()) == bytes_
        assert response.headers["Content-Type"] == "application/octet-stream"


@pytest.mark.parametrize("kind", ["refused", "not_a_speed_server"])
def test_a_speed_server_that_cannot_be_used_leaves_the_run_not_sure_never_ready(
        kind: str) -> None:
    """Nothing listening on the port, or a web server that is no speed-test server: the
    speed row says "not sure" and the whole run says so, not "Ready for the lesson"."""
    from app.policy.loader import load_pack
    from checks.runner import CheckRun, run_checks
    from checks.services import CheckServices

    async def not_found(request: web.Request) -> web.Response:
        raise web.HTTPNotFound()

    def run(url: str) -> CheckRun:
        return run_checks(load_pack("hms"), only=["bandwidth"],
                          services=CheckServices(speed_url=url))

    if kind == "refused":
        checked = run(f"http://127.0.0.1:{free_port()}")
    else:
        with serving(app_with(not_found)) as url:
            checked = run(url)
    result = checked.results[0]
    assert result.status == "inconclusive", result.summary
    assert result.figures["download"]["mbps"] is None
    summary = checked.summary()
    assert summary == "Not sure yet: Internet speed could not be checked"
    assert "Ready" not in summary and not checked.sure
