"""`lessonguard speed-server` cannot be locked by clients that stall: the real command in a
subprocess on loopback, real sockets that stop reading, stop sending, or never finish their
request head. Stalled transfers are cut off after the idle timeout and a fresh client then
gets its transfer; unfinished heads are closed; each cut-off is one line in the log."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.speed_server import Limits

LIMITS = Limits()
BIG = 200 * 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, Path, subprocess.Popen[str]]]:
    port = free_port()
    stderr = (tmp_path / "stderr.txt").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "speed-server", "--port", str(port),
         "--data-dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=stderr,
        text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "did not start"
            time.sleep(0.2)
    try:
        yield port, tmp_path / "logs" / "lessonguard.log", proc
    finally:
        proc.terminate()
        proc.wait(10)
        stderr.close()
    assert "Traceback" not in (tmp_path / "stderr.txt").read_text()


def fetch(port: int, size: int) -> tuple[int, int]:
    """A fresh client's download: (status, bytes received)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__down?bytes={size}",
                                    timeout=10) as answer:
            return answer.status, len(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, 0


def connect(port: int) -> socket.socket:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # fills at once when not read
    s.connect(("127.0.0.1", port))
    return s


def closed_by_server(s: socket.socket, within: float) -> bool:
    """Read (and throw away) until the server closes the connection, or give up."""
    s.settimeout(within)
    try:
        while s.recv(1 << 20):
            pass
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False
    return True


def log_lines(log: Path) -> list[str]:
    return log.read_text().splitlines()


def test_stalled_transfers_are_cut_off_and_a_fresh_client_is_served(
        server: tuple[int, Path, subprocess.Popen[str]]) -> None:
    port, log, _proc = server
    stalled = []
    for n in range(LIMITS.max_concurrent):
        s = connect(port)
        if n % 2:  # a download nobody reads
            s.sendall(f"GET /__down?bytes={BIG} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        else:  # an upload that stops after its first bytes
            s.sendall(f"POST /__up HTTP/1.1\r\nHost: x\r\nContent-Length: {BIG}\r\n\r\n"
                      .encode() + bytes(1000))
        stalled.append(s)
    try:
        until = time.monotonic() + 5
        while fetch(port, 1000)[0] != 503:  # every slot is held now
            assert time.monotonic() < until, "the stalled clients never held every slot"
            time.sleep(0.1)
        until = time.monotonic() + LIMITS.idle_timeout_s + 20
        while (answer := fetch(port, 100_000)) != (200, 100_000):
            assert answer[0] == 503, answer
            assert time.monotonic() < until, "the stalled transfers kept every slot"
            time.sleep(0.5)
        assert all(closed_by_server(s, 5) for s in stalled)
    finally:
        for s in stalled:
            s.close()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as answer:
        health = json.loads(answer.read())
    assert health["aborted"] == LIMITS.max_concurrent
    cut = [line for line in log_lines(log) if "stopped after" in line]
    assert len(cut) == LIMITS.max_concurrent, cut
    assert all("no progress for 10 s" in line for line in cut), cut
    assert "Traceback" not in log.read_text()


def test_a_client_that_goes_away_mid_transfer_is_one_line_in_the_log(
        server: tuple[int, Path, subprocess.Popen[str]]) -> None:
    port, log, _proc = server
    for _ in range(3):
        s = connect(port)
        s.sendall(f"GET /__down?bytes={BIG} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        s.recv(65536)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.close()  # a reset, as a closed browser tab gives
    until = time.monotonic() + 10
    while len([line for line in log_lines(log) if "went away" in line]) < 3:
        assert time.monotonic() < until, log.read_text()
        time.sleep(0.2)
    assert fetch(port, 1000) == (200, 1000)
    text = log.read_text()
    assert "Traceback" not in text and "Error handling request" not in text, text


def test_connections_that_never_finish_their_request_head_are_closed(
        server: tuple[int, Path, subprocess.Popen[str]]) -> None:
    port, log, _proc = server
    half = []
    for _ in range(40):
        s = connect(port)
        s.sendall(b"GET /__down?bytes=1000 HTTP/1.1\r\nHost: x\r\nX-Wait: ")
        half.append(s)
    try:
        assert fetch(port, 1000) == (200, 1000)
        within = LIMITS.header_timeout_s + 15
        assert all(closed_by_server(s, within) for s in half)
    finally:
        for s in half:
            with contextlib.suppress(OSError):
                s.close()
    assert "Traceback" not in log.read_text()
