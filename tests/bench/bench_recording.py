"""Benchmark: a long 720p30 recording, and kill -9 soaked.

Run:  .venv/bin/python tests/bench/bench_recording.py [--minutes 10] [--kills 100]
Prints, for a recording of the demo camera at 1280x720@30 through the full pipeline (blur,
"● REC" badge) with the PulseAudio null sink as microphone: CPU use of the whole process
(camera, segmentation, encoder), frames recorded and dropped, megabytes per hour. Then kills
`lessonguard record` with SIGKILL at random moments and checks every file still verifies and
decodes up to its last fragment, and that no earlier recording or row changed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil

from app.store import Store
from capture.camera import SyntheticCamera
from capture.compositor import Look
from tests.helpers.pulse import PulseServer
from tests.helpers.recording import LiveRecording, consenting_family, decode_all, decrypt_to


def long_recording(minutes: float, data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(data_dir)
    pupil = consenting_family(store)
    live = LiveRecording(store, data_dir, SyntheticCamera((1280, 720)), pupil,
                         look=Look(mode="blur"))
    me = psutil.Process()
    live.pipeline.load(wait=True)
    info = live.start()
    began, cpu0 = time.monotonic(), me.cpu_times()
    time.sleep(minutes * 60)
    cpu1, wall = me.cpu_times(), time.monotonic() - began
    recorder = live.session.recorder
    assert recorder is not None
    final = live.stop()
    result = recorder.result
    cpu = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / wall * 100
    expected = wall * 30
    size_mb = (final.size_bytes or 0) / 1e6
    print(f"recording {info.id}: {wall:.0f} s of 1280x720@30 with blur and badge")
    print(f"  CPU (whole process, % of one core): {cpu:.0f}%")
    print(f"  frames recorded {result.frames}, expected ~{expected:.0f}, dropped by the "
          f"recorder {result.dropped_frames}, skipped upstream "
          f"{max(0, expected - result.frames - result.dropped_frames):.0f}")
    print(f"  size {size_mb:.1f} MB -> {size_mb / wall * 3600:.0f} MB per hour; "
          f"{final.chunks} chunks; state {final.state}")
    store.close()


def kill_soak(kills: int, data_dir: Path) -> None:
    exe = str(Path(sys.executable).with_name("lessonguard"))
    env = {**os.environ, "LESSONGUARD_DATA_DIR": str(data_dir)}
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(data_dir)
    pupil = consenting_family(store)
    store.close()
    rng = random.Random(7)
    from app.recordings import Recordings
    from capture.playback import recording_duration

    earlier: dict[str, dict] = {}
    lost: list[float] = []
    failures = 0
    tmp = Path(tempfile.mkdtemp())
    for n in range(kills):
        proc = subprocess.Popen([exe, "record", "--policy", "tutorninjas", "--pupil",
                                 str(pupil), "--camera", "synthetic", "--seconds", "60"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
        assert proc.stdout is not None
        started = None
        deadline = time.monotonic() + rng.uniform(2.5, 9.0)
        os.set_blocking(proc.stdout.fileno(), False)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("● Recording") and started is None:
                started = time.monotonic()
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        proc.wait()
        proc.stdout.close()
        store = Store(data_dir)
        recs = Recordings(store, data_dir)
        recs.recover(recording_duration)
        rows = {r.id: r.to_json() for r in recs.list()}
        ok = all(rows.get(k) == v for k, v in earlier.items())
        for rec_id in set(rows) - set(earlier):
            report = recs.verify(rec_id)
            ok &= report.ok
            if rows[rec_id]["chunks"] > 2:
                frames, *_ = decode_all(decrypt_to(recs, rec_id, tmp / "k.mp4"))
                ok &= bool(frames)
            if started is not None:
                lost.append(killed - started - (rows[rec_id]["duration_s"] or 0))
        failures += not ok
        earlier = rows
        store.close()
        print(f"  kill {n + 1}/{kills}: {'ok' if ok else 'DAMAGED'}", flush=True)
    print(f"kill -9 soak: {kills} kills, {failures} damaged; seconds lost at the end: "
          f"median {sorted(lost)[len(lost) // 2]:.2f}, worst {max(lost):.2f}"
          if lost else f"kill -9 soak: {kills} kills, {failures} damaged")
    shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--kills", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("LESSONGUARD_KEYSTORE", "file")
    with tempfile.TemporaryDirectory() as tmp:
        pulse = PulseServer(Path(tmp) / "pulse").start()
        os.environ["PULSE_SERVER"] = pulse.server
        try:
            if args.minutes > 0:
                long_recording(args.minutes, Path(tmp) / "long")
            if args.kills > 0:
                kill_soak(args.kills, Path(tmp) / "kills")
        finally:
            pulse.stop()


if __name__ == "__main__":
    main()
