"""Camera check: the device opens, pictures arrive fast enough, and they are neither black,
frozen nor badly lit."""

from __future__ import annotations

from typing import Any

import numpy as np

from app.texts import _
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
    title = _("Camera")
    timeout_s = 8.0

    def run(self, ctx: CheckContext) -> CheckResult:
        probe = ctx.services.camera_probe or OwnCameraProbe("auto")
        sample = probe.sample(min(SAMPLE_SECONDS, ctx.remaining() - 0.5), ctx.cancel, ctx.deadline)
        if sample.problem is not None and not sample.frames:
            return self.result(ctx, "fail", sample.problem.message,
                               [sample.problem.fix or _("Check the camera is plugged in."),
                                _("Close other programs that may be using the camera (the "
                                  "lesson platform can wait until the checks are done)."),
                                _("Choose another camera in LessonGuard.")],
                               camera=sample.description)
        if sample.problem is not None:
            return self.result(ctx, "inconclusive",
                               _("The camera stopped during the check: {problem}",
                                 problem=sample.problem.message),
                               [sample.problem.fix or _("Plug the camera back in."),
                                _("Then run the check again.")],
                               camera=sample.description, frames=len(sample.frames))
        if len(sample.frames) < 2:
            return self.result(ctx, "fail", _("The camera sent no pictures."),
                               [_("Unplug the camera and plug it back in, then run the check "
                                  "again."), _("Close other programs that may be using it.")],
                               camera=sample.description, frames=len(sample.frames))
        f = measure(sample)
        f["camera"] = sample.description
        res = _("{width}×{height} at {fps} frames a second", width=f["width"],
                height=f["height"], fps=f"{f['fps']:.0f}")
        if f["mean_luminance"] < 12 and f["overexposed_fraction"] < 0.01:
            return self.result(ctx, "fail", _("The picture is black."),
                               [_("Open the camera's privacy cover or shutter, if it has one."),
                                _("Check nothing is covering the lens."),
                                _("Turn on a light in the room.")], **f)
        if f["frames"] >= 5 and f["median_frame_change"] < 0.1 and not f["demo"]:
            return self.result(ctx, "fail",
                               _("The picture is frozen: it does not change at all."),
                               [_("Unplug the camera and plug it back in."),
                                _("Close other programs using the camera, then run the check "
                                  "again.")], **f)
        if f["overexposed_fraction"] > 0.12 and f["border_luminance"] > f["centre_luminance"] + 40:
            return self.result(ctx, "warn", _("The light is behind you, so your face is dark "
                                              "({res}).", res=res),
                               [_("Turn so that the window or lamp is in front of you, not "
                                  "behind."), _("Or close the curtains behind you.")], **f)
        if f["mean_luminance"] < 60 or f["underexposed_fraction"] > 0.5:
            return self.result(ctx, "warn", _("The picture is too dark ({res}).", res=res),
                               [_("Turn on a light in front of you."),
                                _("Open the curtains, or move nearer a window that faces "
                                  "you.")], **f)
        if f["overexposed_fraction"] > 0.3:
            return self.result(ctx, "warn", _("The picture is too bright ({res}).", res=res),
                               [_("Move away from direct sunlight or a bright lamp.")], **f)
        if f["fps"] < 10:
            return self.result(ctx, "warn", _("The camera is slow ({res}).", res=res),
                               [_("Close other programs to free the computer up."),
                                _("Use a better-lit room: cameras slow down in the dark.")],
                               **f)
        if f["demo"]:
            return self.result(ctx, "pass", _("The demo camera works ({res}); no webcam is in "
                                              "use.", res=res),
                               [_("Connect a webcam and choose it for a real lesson.")], **f)
        return self.result(ctx, "pass", _("The camera works: {res}, well lit.", res=res), [],
                           **f)
