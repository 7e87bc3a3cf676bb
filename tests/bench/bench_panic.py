"""Benchmark: how fast the panic button cuts picture and sound, and how long a sealed
incident package takes to write.

Run:  .venv/bin/python tests/bench/bench_panic.py [--presses 30]
Prints, over N presses during a live 1280x720@30 pipeline (blur on): the time from the click
to the first privacy-card frame leaving the pipeline, and to every live capture source muted
as the sound server itself reports it (`pactl subscribe`: the last source's 'change' event),
on a private PulseAudio server with three sources: the default, a second standing in for a
USB audio interface, and a third already muted (which must not change). The mute goes over
the libpulse connection opened ahead, as at a lesson's start. Targets: within one
frame at 30 fps (33 ms) and under 100 ms. Then the time to export an incident package
holding a 60 s recording.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("LESSONGUARD_KEYSTORE", "file")

import argparse

import numpy as np

from app.incident_package import export_incident, verify_package
from app.incidents import Incidents
from app.panic import PanicResponse
from app.policy.loader import load_pack
from app.recordings import Recordings
from app.store import Store
from capture.camera import SyntheticCamera
from capture.compositor import Look, shutter_card
from capture.os_mute import OsMicMute
from capture.os_sources import PactlSources
from capture.pipeline import Pipeline, PipelineWorker
from capture.worker import CameraWorker
from tests.helpers.pulse import PulseServer, Subscription
from tests.helpers.recording import LiveRecording, consenting_family


class CardWatch:
    """A sink noting when the first privacy card leaves the pipeline."""

    def __init__(self, card: np.ndarray) -> None:
        self.card = card
        self.seen = threading.Event()
        self.at = 0.0

    def send(self, image: np.ndarray, timestamp: float) -> None:
        if not self.seen.is_set() and image.shape == self.card.shape and \
                np.array_equal(image[::40, ::40], self.card[::40, ::40]):
            self.at = time.perf_counter()
            self.seen.set()

    def close(self) -> None:
        pass


def presses(n: int, data_dir: Path, pulse: PulseServer, pactl: bool = False) -> None:
    camera = CameraWorker(SyntheticCamera((1280, 720)))
    pipeline = Pipeline(look=Look(mode="blur"))
    pipeline.load(wait=True)
    worker = PipelineWorker(camera, pipeline)
    camera.start()
    worker.start()
    time.sleep(2)
    store = Store(data_dir)
    muter = OsMicMute(PactlSources(with_default=False) if pactl else None)
    muter.prepare()  # as at the lesson's start: the sound server's connection made ahead
    action = PanicResponse(shutter=worker.set_shutter, muter=muter,
                           recordings=Recordings(store, data_dir),
                           pack=lambda: load_pack("tutorninjas"))
    to_card, to_mute, to_verified = [], [], []
    card = shutter_card(1280, 720)
    before = pulse.muted()
    live = {name: pulse.index(name) for name, muted in before.items() if not muted}
    with Subscription(pulse) as events:
        for _ in range(n):
            watch = CardWatch(card)
            worker.sinks.append(watch)
            began = time.perf_counter()
            pressed = time.monotonic()
            action.press()
            watch.seen.wait(2)
            result = action.wait_muted()
            assert result is not None and result.ok, result
            deadline = time.monotonic() + 3
            while not all(events.changes(i, pressed) for i in live.values()):
                assert time.monotonic() < deadline, "a live source never changed"
                time.sleep(0.002)
            last = max(events.changes(i, pressed)[0] for i in live.values())
            assert all(pulse.muted().values())
            to_card.append((watch.at - began) * 1000)
            to_mute.append((last - pressed) * 1000)
            to_verified.append((action.state.muted_at - pressed) * 1000
                               if action.state else float("nan"))
            worker.sinks.remove(watch)
            action.undo()
            assert pulse.muted() == before, "resume did not put each source back"
            time.sleep(0.3)
    worker.stop()
    camera.stop()
    store.close()

    def p(values: list[float], q: float) -> float:
        return sorted(values)[min(len(values) - 1, int(q * len(values)))]

    print(f"panic, {n} presses at 1280x720@30 with blur, {len(before)} sources "
          f"({len(live)} live), muted through {type(muter.backend).__name__}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores:")
    print(f"  click -> privacy card out: median {statistics.median(to_card):.1f} ms, "
          f"p95 {p(to_card, 0.95):.1f} ms, worst {max(to_card):.1f} ms (one frame: 33 ms)")
    print(f"  click -> every source muted (pactl subscribe): median "
          f"{statistics.median(to_mute):.1f} ms, p95 {p(to_mute, 0.95):.1f} ms, "
          f"worst {max(to_mute):.1f} ms (target 100 ms)")
    print(f"  click -> read back and verified: median {statistics.median(to_verified):.1f} "
          f"ms, p95 {p(to_verified, 0.95):.1f} ms, worst {max(to_verified):.1f} ms")


def export_time(data_dir: Path) -> None:
    store = Store(data_dir)
    pupil = consenting_family(store)
    live = LiveRecording(store, data_dir, SyntheticCamera((1280, 720)), pupil)
    info = live.record(60)
    incidents = Incidents(store, data_dir)
    incident = incidents.open(load_pack("tutorninjas"))
    incidents.set_reporter(incident.id, "tutor", "Bench Tutor")
    incidents.set_category(load_pack("tutorninjas"), incident.id, "inappropriate_behaviour")
    incidents.hold_recordings(incident.id, Recordings(store, data_dir), [info.id],
                              by="bench")
    began = time.perf_counter()
    package = export_incident(store, data_dir, incident.id, data_dir / "out")
    took = time.perf_counter() - began
    began = time.perf_counter()
    problems, _ = verify_package(package)
    verified = time.perf_counter() - began
    size = sum(p.stat().st_size for p in package.rglob("*") if p.is_file()) / 1e6
    print(f"incident package with a 60 s recording ({size:.1f} MB): export {took:.2f} s, "
          f"verify {verified:.2f} s, {problems or 'intact'}")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--pactl", action="store_true",
                        help="mute through the pactl fallback, for comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pulse = PulseServer(Path(tmp) / "pulse").start()
        os.environ["PULSE_SERVER"] = pulse.server
        try:
            for name in ("presses", "export"):
                (Path(tmp) / name).mkdir()
            pulse.add_source("bench_usb_interface", "USB Audio Interface")
            pulse.add_source("bench_muted_mic", "Built-in Microphone", muted=True)
            presses(args.presses, Path(tmp) / "presses", pulse, args.pactl)
            export_time(Path(tmp) / "export")
        finally:
            pulse.stop()


if __name__ == "__main__":
    main()
