"""Benchmark: the bandwidth check against iperf3 on shaped links, with the error and the time
each measurement took. Needs root (network namespaces); all traffic stays in them.

Run:  sudo .venv/bin/python tests/bench/bench_bandwidth.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.helpers.netns import ShapedLink, lessonguard

LINKS = [(1.0, 1.0, 20), (1.6, 1.6, 40), (2.5, 2.5, 80), (5.0, 5.0, 60), (20.0, 20.0, 30),
         (5.0, 1.0, 40), (2.5, 1.6, 50), (100.0, 100.0, 0)]


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for down, up, delay in LINKS:
            with ShapedLink() as link:
                link.shape(down, up, delay, jitter_ms=delay / 10)
                iperf_down = link.iperf3(5201, reverse=True)
                iperf_up = link.iperf3(5202, reverse=False)
                link.start_server(lessonguard(), "speed-server", "--host", link.server_ip,
                                  "--port", "8080", ready_port=8080)
                began = time.monotonic()
                out = subprocess.run(
                    link.in_client(lessonguard(), "--data-dir", tmp, "check", "--only",
                                   "bandwidth", "--json", "--policy", "hms", "--speed-url",
                                   f"http://{link.server_ip}:8080"),
                    capture_output=True, text=True, timeout=60)
                wall = time.monotonic() - began
            f = json.loads(out.stdout)["results"][0]["figures"]
            rows.append((down, up, delay, iperf_down, f["download"]["mbps"], iperf_up,
                         f["upload"]["mbps"], f["download"]["verdict"], f["upload"]["verdict"],
                         f["latency_ms"], f["seconds"], wall))
    print(f"{'link (down/up Mbit/s, delay)':<30} {'iperf3 down':>11} {'ours':>6} {'err':>6}"
          f" {'iperf3 up':>9} {'ours':>6} {'err':>6}  verdicts (≥2)  RTT ms  measure s  cmd s")
    for (down, up, delay, i_d, o_d, i_u, o_u, v_d, v_u, rtt, secs, wall) in rows:
        e_d = (o_d - i_d) / i_d * 100
        e_u = (o_u - i_u) / i_u * 100
        right = (v_d == ("pass" if down >= 2 else "fail")) and (v_u == ("pass" if up >= 2
                                                                           else "fail"))
        mark = "ok" if right else "WRONG"
        print(f"{f'{down:g}/{up:g}, {delay} ms':<30} {i_d:>11.2f} {o_d:>6.2f} {e_d:>+5.1f}%"
              f" {i_u:>9.2f} {o_u:>6.2f} {e_u:>+5.1f}%  {v_d:>4}/{v_u:<4} {mark:>5}"
              f"  {rtt:>6.0f}  {secs:>9.2f}  {wall:>5.1f}")


if __name__ == "__main__":
    main()
