"""Benchmark: how long the apps check's process scan takes with N processes running.

Run:  .venv/bin/python tests/bench/bench_apps_scan.py [--processes 500] [--rounds 20]
Starts N real `sleep` processes (a few under catalogue names), scans them, prints timings.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil

from checks.apps import scan

ALL = ["browsers", "messaging", "screen_recorders", "remote_access", "games", "media"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    sleep = shutil.which("sleep") or "/bin/sleep"
    with tempfile.TemporaryDirectory() as tmp:
        named = []
        for name in ("discord", "anydesk", "obs", "spotify", "zoom"):
            target = Path(tmp) / name
            shutil.copy(sleep, target)
            named.append(str(target))
        procs = []
        try:
            for i in range(args.processes):
                exe = named[i] if i < len(named) else sleep
                procs.append(subprocess.Popen([exe, "120"]))
            time.sleep(0.5)
            total = len(psutil.pids())
            times = []
            found = 0
            for _ in range(args.rounds):
                result = scan(ALL, ["zoom"])
                times.append(result.seconds)
                found = len(result.findings)
            times.sort()
            p95 = times[max(0, int(len(times) * 0.95) - 1)]
            print(f"apps scan with {total} processes on the machine ({args.processes} started): "
                  f"median {statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
                  f"max {max(times) * 1000:.1f} ms over {args.rounds} rounds; "
                  f"{found} catalogued programs found")
        finally:
            for proc in procs:
                proc.kill()
            for proc in procs:
                proc.wait()


if __name__ == "__main__":
    main()
