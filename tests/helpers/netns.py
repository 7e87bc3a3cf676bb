"""A real network link between namespaces, shaped with tc, for the bandwidth tests. All
traffic stays inside namespaces the test creates; nothing reaches any other network.

  client ns                     router ns                              server ns
  veth c (.1) ==tbf up==> r0 (.2) -> tun0 ~delay line~ tun1 -> r1 (.5) <==tbf down== veth s (.6)

Rates are set by `tc tbf` on each end's egress (upload on the client side, download on the
server side). Delay and jitter: `tc netem` where the kernel has it; this machine's kernel is
built without netem, so a userspace delay line between two TUN devices holds each packet
for the delay instead (tests/helpers/delayline.py).
"""

from __future__ import annotations

import itertools
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.helpers.tools import require_tool

_counter = itertools.count(1)
_thread_ns = threading.local()
DELAYLINE = Path(__file__).with_name("delayline.py")


def _run(*cmd: str) -> None:
    subprocess.run(list(cmd), check=True, capture_output=True, timeout=15)


class ShapedLink:
    def __init__(self) -> None:
        require_tool("ip")
        require_tool("tc")
        if os.geteuid() != 0:
            import pytest

            # Never a skip: the full run needs root (as CI has); `bash scripts/test.sh --quick`
            # is the run that needs none.
            pytest.fail("network namespaces need root: run `bash scripts/test.sh` as root, as "
                        "CI does (`bash scripts/test.sh --quick` needs no root)", pytrace=False)
        k = next(_counter)
        self.n = (os.getpid() * 7 + k) % 60 * 4  # a /30 pair per link: .n, .n+4
        tag = f"{os.getpid() % 100000}{k}"
        self.ns = {"client": f"lgc{tag}", "router": f"lgr{tag}", "server": f"lgs{tag}"}
        self.client_if, self.server_if = "lgc0", "lgs0"
        base = f"10.231.{(os.getpid() + k) % 250}"
        self.client_ip, self.router_c = f"{base}.{self.n + 1}", f"{base}.{self.n + 2}"
        self.router_s, self.server_ip = f"{base}.{self.n + 5}", f"{base}.{self.n + 6}"
        self.client_net, self.server_net = f"{base}.{self.n}/30", f"{base}.{self.n + 4}/30"
        self.processes: list[subprocess.Popen[bytes]] = []
        self.delay: subprocess.Popen[str] | None = None

    def ip(self, where: str, *args: str) -> None:
        _run("ip", "-n", self.ns[where], *args)

    def sh(self, where: str, *cmd: str) -> None:
        _run("ip", "netns", "exec", self.ns[where], *cmd)

    def __enter__(self) -> ShapedLink:
        for ns in self.ns.values():
            _run("ip", "netns", "add", ns)
        ns = self.ns
        _run("ip", "link", "add", self.client_if, "netns", ns["client"], "type", "veth",
             "peer", "name", "r0", "netns", ns["router"])
        _run("ip", "link", "add", self.server_if, "netns", ns["server"], "type", "veth",
             "peer", "name", "r1", "netns", ns["router"])
        self.ip("client", "addr", "add", f"{self.client_ip}/30", "dev", self.client_if)
        self.ip("server", "addr", "add", f"{self.server_ip}/30", "dev", self.server_if)
        self.ip("router", "addr", "add", f"{self.router_c}/30", "dev", "r0")
        self.ip("router", "addr", "add", f"{self.router_s}/30", "dev", "r1")
        for where, dev in (("client", self.client_if), ("server", self.server_if),
                           ("router", "r0"), ("router", "r1")):
            self.ip(where, "link", "set", dev, "up")
        for where in self.ns:
            self.ip(where, "link", "set", "lo", "up")
        self.ip("client", "route", "add", "default", "via", self.router_c)
        self.ip("server", "route", "add", "default", "via", self.router_s)
        self.sh("router", "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward; "
                "for f in /proc/sys/net/ipv4/conf/*/rp_filter; do echo 0 > $f; done")
        return self

    def add_delay(self, delay_ms: float, jitter_ms: float) -> None:
        """Route both directions through the delay line (once per link)."""
        for tun in ("tun0", "tun1"):
            self.ip("router", "tuntap", "add", "dev", tun, "mode", "tun")
            self.ip("router", "link", "set", tun, "up")
        self.sh("router", "sh", "-c", "for f in /proc/sys/net/ipv4/conf/*/rp_filter; do "
                "echo 0 > $f; done")
        self.ip("router", "route", "add", self.server_net, "dev", "tun0", "table", "100")
        self.ip("router", "route", "add", self.client_net, "dev", "tun1", "table", "101")
        self.ip("router", "rule", "add", "iif", "r0", "table", "100")
        self.ip("router", "rule", "add", "iif", "r1", "table", "101")
        self.delay = subprocess.Popen(
            ["ip", "netns", "exec", self.ns["router"], sys.executable, str(DELAYLINE), "tun0",
             "tun1", str(delay_ms), str(jitter_ms)], stdout=subprocess.PIPE, text=True)
        assert self.delay.stdout is not None and self.delay.stdout.readline().strip() == "ready"

    def __exit__(self, *exc: object) -> None:
        for proc in [*self.processes, *([self.delay] if self.delay else [])]:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
            for stream in (proc.stdout, proc.stderr):
                if stream:
                    stream.close()
        for ns in self.ns.values():
            subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=15)

    def shape(self, down_mbit: float, up_mbit: float, delay_ms: float = 0.0,
              jitter_ms: float = 0.0) -> None:
        """Each direction independently: a tbf rate limit, plus the delay both ways."""
        for where, dev, rate in (("server", self.server_if, down_mbit),
                                 ("client", self.client_if, up_mbit)):
            subprocess.run(["ip", "netns", "exec", self.ns[where], "tc", "qdisc", "del", "dev",
                            dev, "root"], capture_output=True, timeout=10)
            burst = max(4000, int(rate * 1e6 / 8 / 250))  # 4 ms of traffic, at least 4 kB
            queue_ms = max(200, int(2 * delay_ms + 100))
            self.sh(where, "tc", "qdisc", "add", "dev", dev, "root", "tbf", "rate",
                    f"{rate}mbit", "burst", str(burst), "latency", f"{queue_ms}ms")
        if delay_ms and self.delay is None:
            self.add_delay(delay_ms, jitter_ms)

    def set_link(self, up: bool) -> None:
        self.ip("client", "link", "set", self.client_if, "up" if up else "down")
        if up:
            subprocess.run(["ip", "-n", self.ns["client"], "route", "replace", "default", "via",
                            self.router_c], capture_output=True, timeout=10)

    def in_client(self, *cmd: str) -> list[str]:
        return ["ip", "netns", "exec", self.ns["client"], *cmd]

    def in_server(self, *cmd: str) -> list[str]:
        return ["ip", "netns", "exec", self.ns["server"], *cmd]

    def start_server(self, *cmd: str, ready_port: int | None = None) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(self.in_server(*cmd), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        self.processes.append(proc)
        if ready_port is not None:
            self.wait_port(ready_port, proc)
        return proc

    def wait_port(self, port: int, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        probe = f"import socket; socket.create_connection(('{self.server_ip}', {port}), 1)"
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"server exited: {err}")
            if subprocess.run(self.in_client(sys.executable, "-c", probe),
                              capture_output=True).returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError(f"nothing listened on {self.server_ip}:{port}")

    def iperf3(self, port: int, reverse: bool, seconds: int = 4) -> float:
        """Mbit/s iperf3 measures on this link (reverse: server to client, the download)."""
        iperf3 = require_tool("iperf3")
        # Wait for iperf3 to say it listens: a probing connection would upset its one test.
        server = subprocess.Popen(self.in_server(iperf3, "-s", "-1", "--forceflush", "-B",
                                                 self.server_ip, "-p", str(port)),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=0)
        self.processes.append(server)
        assert server.stdout is not None
        deadline = time.monotonic() + 20
        seen = ""
        while "Server listening" not in seen:
            ready, _, _ = select.select([server.stdout], [], [], 0.5)
            if ready:
                seen += os.read(server.stdout.fileno(), 4096).decode(errors="replace")
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"iperf3 server did not start: {seen}")
        cmd = [iperf3, "-c", self.server_ip, "-p", str(port), "-t", str(int(seconds)), "-J",
               "-O", "1"]  # omit the first second (slow start), as LessonGuard's test does
        if reverse:
            cmd.append("-R")
        out = subprocess.run(self.in_client(*cmd), capture_output=True, text=True,
                             timeout=seconds + 30, check=True)
        server.terminate()
        server.wait(10)
        report = json.loads(out.stdout)
        if "error" in report:
            raise RuntimeError(f"iperf3: {report['error']}")
        return float(report["end"]["sum_received"]["bits_per_second"]) / 1e6


    def probe_from_client(self, base_url: str, timeout_s: float) -> object:
        """The connection monitor's own probe, made from inside the client namespace: the
        calling thread (the monitor's) joins that namespace once, with setns(2)."""
        import ctypes

        from checks.connection_monitor import http_probe

        if getattr(_thread_ns, "name", None) != self.ns["client"]:
            fd = os.open(f"/var/run/netns/{self.ns['client']}", os.O_RDONLY)
            try:
                if ctypes.CDLL(None, use_errno=True).setns(fd, 0x40000000) != 0:  # NEWNET
                    raise OSError(ctypes.get_errno(), "setns failed")
            finally:
                os.close(fd)
            _thread_ns.name = self.ns["client"]
        return http_probe(base_url, timeout_s)


def lessonguard() -> str:
    return str(Path(sys.executable).with_name("lessonguard"))
