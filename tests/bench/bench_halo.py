"""Benchmark: how well the blur follows the person, with "Keep my instrument sharp" on and off.

Run:  .venv/bin/python tests/bench/bench_halo.py [--frames 10] [--size 640x360]
Prints figures; asserts nothing. The person is segmented once (scikit-image's astronaut, by
the shipped model) and the cut-out composited onto busy walls, so the true person mask is
known exactly. A violin-shaped object is held at the player's shoulder, half outside the
silhouette. Each scene runs through the real pipeline (video-mode segmentation, the mask
smoother, the compositor) for --frames frames; the last mask is measured:

  IoU person       the kept-sharp area against the true person
  IoU pers+instr   against the person and the instrument together
  sharp bg %       share of the true background left sharp
  band mean/p95    how far from the person (and instrument) that sharp background reaches, px
  instrument %     share of the instrument outside the person that stays sharp
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path
from statistics import mean

os.environ.setdefault("GLOG_minloglevel", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import cv2
import numpy as np

from capture.camera import Frame
from capture.compositor import Look
from capture.pipeline import Pipeline
from tests.helpers.cards import paste_person, wall

WALLS = ("brick", "coffee", "rocket", "gravel", "grass")


def violin(scene: np.ndarray, person: np.ndarray) -> np.ndarray:
    """A violin under the player's chin, its body out past the shoulder; returns its mask."""
    h, w = person.shape
    ys, xs = np.nonzero(person)
    top, right = ys.min(), xs.max()
    height = ys.max() - top
    shape = np.zeros((h, w), np.uint8)
    cx, cy = int(right - 0.05 * height), int(top + 0.42 * height)
    axes = (int(0.2 * height), int(0.09 * height))
    cv2.ellipse(shape, (cx, cy), axes, 25, 0, 360, 255, -1)  # the body
    end = (int(cx - 0.42 * height * np.cos(np.radians(25))),
           int(cy - 0.42 * height * np.sin(np.radians(25))))
    cv2.line(shape, (cx, cy), end, 255, max(3, int(0.03 * height)))  # the neck
    mask = shape > 0
    scene[mask] = (30, 70, 140)  # varnished wood
    grain = np.zeros((h, w), np.uint8)
    cv2.ellipse(grain, (cx, cy), (axes[0] // 2, axes[1] // 2), 25, 0, 360, 255, 2)
    scene[(grain > 0) & mask] = (10, 30, 60)
    return mask


def measure(alpha: np.ndarray, person: np.ndarray, instrument: np.ndarray) -> dict[str, float]:
    kept = alpha >= 128
    both = person | instrument
    background = ~both
    sharp_bg = kept & background
    distance = cv2.distanceTransform((~both).astype(np.uint8), cv2.DIST_L2, 5)
    far = distance[sharp_bg]
    outside = instrument & ~person

    def iou(truth: np.ndarray) -> float:
        return float((kept & truth).sum() / max(1, (kept | truth).sum()))

    return {
        "iou_person": iou(person), "iou_both": iou(both),
        "sharp_bg": float(sharp_bg.sum() / max(1, background.sum())),
        "band_mean": float(far.mean()) if far.size else 0.0,
        "band_p95": float(np.percentile(far, 95)) if far.size else 0.0,
        "instrument": float((kept & outside).sum() / max(1, outside.sum())),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=10)
    parser.add_argument("--size", default="640x360")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    rows: dict[str, list[dict[str, float]]] = {"off": [], "on": []}
    for name in WALLS:
        for held in (False, True):
            scene = wall(name, (w, h), random.Random(3))
            person = paste_person(scene, int(w * 0.25))
            instrument = violin(scene, person) if held else np.zeros_like(person)
            for mode in ("off", "on"):
                pipeline = Pipeline(look=Look(mode="blur"), instrument_mode=mode == "on")
                pipeline.load(wait=True)
                for i in range(args.frames):
                    noisy = np.roll(scene, i % 2, axis=1)
                    pipeline.process(Frame(noisy, i, i / 30))
                alpha = pipeline.smoother.alpha(w, h)
                assert alpha is not None
                figures = measure(alpha, person, instrument)
                figures["held"] = float(held)
                rows[mode].append(figures)
    print(f"{len(WALLS)} busy walls x (with, without a violin), {w}x{h}, "
          f"person {int(h * 0.85)} px tall, {args.frames} frames each\n")
    print(f"{'instrument mode':<16}{'IoU person':>11}{'IoU pers+instr':>15}{'sharp bg %':>11}"
          f"{'band mean px':>13}{'band p95 px':>12}{'instrument %':>13}")
    for mode, found in rows.items():
        held = [r for r in found if r["held"]]
        print(f"{mode:<16}{mean(r['iou_person'] for r in found):>11.3f}"
              f"{mean(r['iou_both'] for r in held):>15.3f}"
              f"{100 * mean(r['sharp_bg'] for r in found):>11.1f}"
              f"{mean(r['band_mean'] for r in found):>13.1f}"
              f"{mean(r['band_p95'] for r in found):>12.1f}"
              f"{100 * mean(r['instrument'] for r in held):>13.1f}")


if __name__ == "__main__":
    main()
