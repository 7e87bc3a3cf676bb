"""A userspace delay line between two TUN devices: what `tc netem delay` does, for kernels
built without netem (this test machine's is one). Packets keep their order; each is held for
the delay plus normally distributed jitter.

    python delayline.py TUN_A TUN_B DELAY_MS JITTER_MS
Packets read from TUN_A are written to TUN_B after the delay, and the other way round.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import random
import struct
import sys
import threading
import time
from collections import deque

TUNSETIFF = 0x400454CA
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000


def open_tun(name: str) -> int:
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def pipe(src: int, dst: int, delay: float, jitter: float) -> None:
    held: deque[tuple[float, bytes]] = deque()
    ready = threading.Condition()

    def writer() -> None:
        while True:
            with ready:
                while not held:
                    ready.wait()
                release, packet = held[0]
            wait = release - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            with ready:
                held.popleft()
            with contextlib.suppress(OSError):  # the far side is down: lost, as on a wire
                os.write(dst, packet)

    threading.Thread(target=writer, daemon=True).start()
    last = 0.0
    while True:
        packet = os.read(src, 65535)
        release = time.monotonic() + max(0.0, random.gauss(delay, jitter))
        last = max(last, release)  # never overtake: no reordering
        with ready:
            held.append((last, packet))
            ready.notify()


def main() -> None:
    a, b = open_tun(sys.argv[1]), open_tun(sys.argv[2])
    delay, jitter = float(sys.argv[3]) / 1000, float(sys.argv[4]) / 1000
    threading.Thread(target=pipe, args=(a, b, delay, jitter), daemon=True).start()
    threading.Thread(target=pipe, args=(b, a, delay, jitter), daemon=True).start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
