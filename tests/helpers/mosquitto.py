"""A real Mosquitto broker (Debian's) on loopback for the linking tests.

Why: the linking code is only proved against the broker an organisation would run. The broker
listens on 127.0.0.1 at a free port, keeps its queued messages in a temporary folder (saved on
every change), so `kill()` followed by `start()` shows what survives a broker that dies.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers.tools import require_tool

READY_TIMEOUT_S = 10.0


def password_hash(password: str) -> str:
    """A Mosquitto 2 password-file hash (PBKDF2-SHA512, as `mosquitto_passwd` writes it)."""
    salt = os.urandom(12)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 101)
    return f"$7$101${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mosquitto:
    """One broker process; `url` stays the same across restarts (same port, same store)."""

    def __init__(self, folder: Path, port: int | None = None, *,
                 tls: tuple[Path, Path] | None = None, users: dict[str, str] | None = None,
                 acl: str | None = None) -> None:
        """`tls`: (certificate, key) for an mqtts listener; `users`: name -> password (then
        no anonymous access); `acl`: the text of an ACL file, as docs/linking.md gives it."""
        self.exe = require_tool("mosquitto")
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.tls = tls is not None
        self.conf = folder / "mosquitto.conf"
        self.log = folder / "mosquitto.log"
        extra = ""
        if tls is not None:
            extra += f"certfile {tls[0]}\nkeyfile {tls[1]}\n"
        if users is not None:
            passwd = folder / "passwd"
            passwd.write_text("".join(f"{u}:{password_hash(p)}\n" for u, p in users.items()),
                              encoding="utf-8")
            extra += f"password_file {passwd}\nuse_username_as_clientid true\n"
        if acl is not None:
            (folder / "acl").write_text(acl, encoding="utf-8")
            extra += f"acl_file {folder / 'acl'}\n"
        # Persistence saved on every change, so a broker killed with SIGKILL loses at most
        # what it took in the moment before (Mosquitto acknowledges before it saves). `user`
        # keeps it from dropping to the 'mosquitto' account, which could not write the
        # temporary folder.
        self.conf.write_text(
            f"listener {self.port} 127.0.0.1\n"
            + extra
            + f"allow_anonymous {'false' if users is not None else 'true'}\n"
            "persistence true\n"
            f"persistence_location {folder}/\n"
            "autosave_interval 1\n"
            "autosave_on_changes true\n"
            f"user {getpass.getuser()}\n"
            f"log_dest file {self.log}\n"
            "log_type error\nlog_type warning\nlog_type notice\n"
            "max_queued_messages 100000\n",
            encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{'mqtts' if self.tls else 'mqtt'}://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> None:
        assert not self.running, "the broker is already running"
        self.proc = subprocess.Popen([self.exe, "-c", str(self.conf)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr \
                    else ""
                raise RuntimeError(f"mosquitto exited ({self.proc.returncode}): {err}"
                                   f"{self.log.read_text() if self.log.exists() else ''}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.02)
        self.kill()
        raise RuntimeError(f"mosquitto did not listen on port {self.port} within "
                           f"{READY_TIMEOUT_S:.0f} s")

    def _end(self, sig: signal.Signals) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None

    def stop(self) -> None:
        """A clean stop (SIGTERM): the broker saves its store and exits."""
        self._end(signal.SIGTERM)

    def kill(self) -> None:
        """The broker dies (SIGKILL): only what it had already saved survives."""
        self._end(signal.SIGKILL)

    def restart(self) -> None:
        self.kill()
        self.start()


@contextmanager
def mosquitto(folder: Path) -> Iterator[Mosquitto]:
    broker = Mosquitto(folder)
    broker.start()
    try:
        yield broker
    finally:
        broker.kill()
