"""Camera check: the device opens, pictures arrive fast enough, and they are neither black,
frozen nor badly lit."""

from __future__ import annotations

from typing import Any

import numpy as np

from checks.base import Check, CheckContext, CheckResult
from checks.probes import CameraSample, OwnCameraProbe

SAMPLE_SECONDS = 2.0
DARK_PIXEL, BRIGHT_PIXEL = 20, 235


def measure(sample: CameraSample) -> dict[str, Any]:
    """Figures from a few seconds of small greyscale frames."""
    frames = np.stack(sample.frames).astype(np.float32)
    elapsed = sample.timestamps[-1] - sample.timestamps[0] if len(sample.timestamps) > 1 else 0
    fps = (len(sample.timestamps) - 1) / elapsed if elapsed > 0 else 0.0
    diffs = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2)) if len(frames) > 1 else np.zeros(1)
    h, w = frames.shape[1:]
    centre = frames[:, h // 4: 3 * h // 4, w // 4: 3 * w // 4].mean()
    mask = np.ones((h, w), bool)
    mask[h // 4: 3 * h // 4, w // 4: 3 * w // 4] = False
    border = frames[:, mask].mean()
    return {
        "frames": len(frames),
        "fps": round(fps, 1),
        "width": sample.size[0],
        "height": sample.size[1],
        "mean_luminance": round(float(frames.mean()), 1),
        "underexposed_fraction": round(float((frames < DARK_PIXEL).mean()), 3),
        "overexposed_fraction": round(float((frames > BRIGHT_PIXEL).mean()), 3),
        "centre_luminance": round(float(centre), 1),
        "border_luminance": round(float(border), 1),
        # The median change between frames: a live camera always changes a little (sensor
        # noise, breathing), a frozen one not at all; the median ignores codec key frames.
        "median_frame_change": round(float(np.median(diffs)), 3),
        "demo": sample.is_demo,
    }


class CameraCheck(Check):
    id = "camera"
    title = "Camera"
    timeout_s = 8.0

    def run(self, ctx: CheckContext) -> CheckResult:
        probe = ctx.services.get("camera_probe") or OwnCameraProbe("auto")
        sample = probe.sample(min(SAMPLE_SECONDS, ctx.remaining() - 0.5), ctx.cancel, ctx.deadline)
        if sample.problem is not None and not sample.frames:
            return self.result(ctx, "fail", sample.problem.message,
                               [sample.problem.fix or "Check the camera is plugged in.",
                                "Close other programs that may be using the camera "
                                "(the lesson platform can wait until the checks are done).",
                                "Choose another camera in LessonGuard."],
                               camera=sample.description)
        if sample.problem is not None:
            return self.result(ctx, "inconclusive",
                               f"The camera stopped during the check: {sample.problem.message}",
                               [sample.problem.fix or "Plug the camera back in.",
                                "Then run the check again."],
                               camera=sample.description, frames=len(sample.frames))
        if len(sample.frames) < 2:
            return self.result(ctx, "fail", "The camera sent no pictures.",
                               ["Unplug the camera and plug it back in, then run the check "
                                "again.", "Close other programs that may be using it."],
                               camera=sample.description, frames=len(sample.frames))
        f = measure(sample)
        f["camera"] = sample.description
        res = f"{f['width']}×{f['height']} at {f['fps']:.0f} frames a second"
        if f["mean_luminance"] < 12 and f["overexposed_fraction"] < 0.01:
            return self.result(ctx, "fail", "The picture is black.",
                               ["Open the camera's privacy cover or shutter, if it has one.",
                                "Check nothing is covering the lens.",
                                "Turn on a light in the room."], **f)
        if f["frames"] >= 5 and f["median_frame_change"] < 0.1 and not f["demo"]:
            return self.result(ctx, "fail", "The picture is frozen: it does not change at all.",
                               ["Unplug the camera and plug it back in.",
                                "Close other programs using the camera, then run the check "
                                "again."], **f)
        if f["overexposed_fraction"] > 0.12 and f["border_luminance"] > f["centre_luminance"] + 40:
            return self.result(ctx, "warn", f"The light is behind you, so your face is dark "
                               f"({res}).",
                               ["Turn so that the window or lamp is in front of you, not "
                                "behind.", "Or close the curtains behind you."], **f)
        if f["mean_luminance"] < 60 or f["underexposed_fraction"] > 0.5:
            return self.result(ctx, "warn", f"The picture is too dark ({res}).",
                               ["Turn on a light in front of you.",
                                "Open the curtains, or move nearer a window that faces you."],
                               **f)
        if f["overexposed_fraction"] > 0.3:
            return self.result(ctx, "warn", f"The picture is too bright ({res}).",
                               ["Move away from direct sunlight or a bright lamp."], **f)
        if f["fps"] < 10:
            return self.result(ctx, "warn", f"The camera is slow ({res}).",
                               ["Close other programs to free the computer up.",
                                "Use a better-lit room: cameras slow down in the dark."], **f)
        if f["demo"]:
            return self.result(ctx, "pass", f"The demo camera works ({res}); no webcam is in "
                               "use.", ["Connect a webcam and choose it for a real lesson."], **f)
        return self.result(ctx, "pass", f"The camera works: {res}, well lit.", [], **f)
