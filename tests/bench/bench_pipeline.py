"""Benchmark: the camera pipeline (segmentation + mask + blur composite) against a naive
reference compositor (full-resolution Gaussian blur, float blending), on one thread.

Run:  .venv/bin/python tests/bench/bench_pipeline.py [--frames 200] [--live-seconds 20]
Prints, for 640x480, 1280x720 and 1920x1080: frames per second of processing alone, p50 and
p95 per-frame latency, for ours and for the reference; then the CPU use of the live pipeline
(camera worker + pipeline worker) at 720p30.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import cv2
import numpy as np
import psutil
from skimage import data

from capture.camera import Frame, SyntheticCamera
from capture.compositor import Look
from capture.pipeline import Pipeline, PipelineWorker, default_segmenter
from capture.worker import CameraWorker

cv2.setNumThreads(1)  # one core, as the issue asks

SIZES = [(640, 480), (1280, 720), (1920, 1080)]


def scene(w: int, h: int) -> list[np.ndarray]:
    wall = cv2.cvtColor(data.brick(), cv2.COLOR_GRAY2BGR)
    wall = cv2.resize(np.tile(wall, (2, 3, 1)), (w, h))
    person = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    side = int(h * 0.8)
    person = cv2.resize(person, (side, side))
    frames = []
    for i in range(8):  # a little movement, as in a lesson
        img = wall.copy()
        x = (w - side) // 2 + int(10 * np.sin(i))
        img[h - side:, x:x + side] = person
        frames.append(img)
    return frames


def naive(frame: np.ndarray, segmenter: object, i: int) -> np.ndarray:
    conf = segmenter.mask(frame, i * 33)  # type: ignore[attr-defined]
    conf = cv2.resize(conf, (frame.shape[1], frame.shape[0]))[..., None]
    back = cv2.GaussianBlur(frame, (0, 0), 18).astype(np.float32)
    return (frame.astype(np.float32) * conf + back * (1 - conf)).astype(np.uint8)


def timings(fn: object, frames: list[np.ndarray], n: int) -> tuple[float, float, float]:
    times = []
    for i in range(n):
        began = time.perf_counter()
        fn(frames[i % len(frames)], i)  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    times.sort()
    return n / sum(times), times[n // 2] * 1000, times[int(n * 0.95)] * 1000


def live_cpu(seconds: float) -> tuple[float, float, int, int]:
    proc = psutil.Process()
    camera = CameraWorker(SyntheticCamera((1280, 720), fps=30))
    worker = PipelineWorker(camera, Pipeline(look=Look(mode="blur")))
    camera.start()
    worker.start()
    time.sleep(2)  # the model loads, the first frames settle
    begin_cpu, begin = proc.cpu_times(), time.perf_counter()
    start_out = worker.output.put_count
    time.sleep(seconds)
    cpu, elapsed = proc.cpu_times(), time.perf_counter() - begin
    produced = worker.output.put_count - start_out
    dropped = worker._input.dropped  # frames the pipeline could not keep up with
    worker.stop()
    camera.stop()
    used = (cpu.user - begin_cpu.user + cpu.system - begin_cpu.system) / elapsed * 100
    return used, produced / elapsed, worker.pipeline.mask_every, dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=200)
    parser.add_argument("--live-seconds", type=float, default=20.0)
    args = parser.parse_args()
    print(f"{'size':<10} {'ours fps':>9} {'p50 ms':>7} {'p95 ms':>7}   "
          f"{'naive fps':>9} {'p50 ms':>7} {'p95 ms':>7}")
    for w, h in SIZES:
        frames = scene(w, h)
        pipeline = Pipeline(look=Look(mode="blur", strength=6))
        pipeline.load(wait=True)
        ours = timings(lambda img, i, p=pipeline: p.process(Frame(img, i, i / 30)), frames,
                       args.frames)
        segmenter = default_segmenter()
        ref = timings(lambda img, i, s=segmenter: naive(img, s, i), frames,
                      max(30, args.frames // 4))
        print(f"{w}x{h:<6} {ours[0]:>9.1f} {ours[1]:>7.2f} {ours[2]:>7.2f}   "
              f"{ref[0]:>9.1f} {ref[1]:>7.2f} {ref[2]:>7.2f}  (mask every "
              f"{pipeline.mask_every} frame(s))")
    cpu, fps, every, dropped = live_cpu(args.live_seconds)
    print(f"live 1280x720 at 30 fps for {args.live_seconds:.0f} s: {cpu:.0f}% of one core "
          f"(camera and pipeline threads), {fps:.1f} fps out, mask every {every} frame(s), "
          f"{dropped} frames dropped by the pipeline")


if __name__ == "__main__":
    main()
