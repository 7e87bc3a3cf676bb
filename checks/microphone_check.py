"""Microphone check: we can hear you, not too quietly, without distortion or loud
background noise; and which devices are used."""

from __future__ import annotations

from typing import Any

import numpy as np

from app.policy.engine import rule
from app.texts import _
from capture.microphone import dbfs, list_output_devices
from capture.status import SourceError
from checks.base import Check, CheckContext, CheckResult
from checks.probes import OwnMicProbe, SoundSample

SAMPLE_SECONDS = 3.0
SILENT_DBFS = -70.0
QUIET_DBFS = -45.0
NOISY_FLOOR_DBFS = -45.0
CLIPPED_FRACTION = 0.001


def measure(sample: SoundSample) -> dict[str, Any]:
    samples = np.concatenate([b.reshape(-1) for b in sample.blocks]).astype(np.float32)
    rms = np.array([dbfs(float(np.sqrt(np.mean(np.square(b))))) for b in sample.blocks])
    return {
        "device": sample.device,
        "seconds": round(len(samples) / sample.samplerate, 2),
        "level_dbfs": round(float(np.percentile(rms, 90)), 1),
        "noise_floor_dbfs": round(float(np.percentile(rms, 10)), 1),
        "peak_dbfs": round(dbfs(float(np.max(np.abs(samples)))), 1),
        "clipped_fraction": round(float(np.mean(np.abs(samples) >= 0.99)), 4),
    }


class MicrophoneCheck(Check):
    id = "microphone"
    title = _("Microphone")
    timeout_s = 10.0

    def run(self, ctx: CheckContext) -> CheckResult:
        probe = ctx.services.mic_probe or OwnMicProbe(None)
        sample = probe.sample(min(SAMPLE_SECONDS, ctx.remaining() - 0.5), ctx.cancel, ctx.deadline)
        try:
            outputs = list_output_devices()
        except SourceError:
            outputs = []
        if sample.problem is not None and sample.blocks:
            return self.result(ctx, "inconclusive",
                               _("The microphone stopped during the check: {problem}",
                                 problem=sample.problem.message),
                               [sample.problem.fix or _("Plug the microphone back in."),
                                _("Then run the check again.")], device=sample.device,
                               outputs=outputs)
        if sample.problem is not None or not sample.blocks:
            message = (sample.problem.message if sample.problem
                       else _("The microphone opened but sent no sound."))
            fix = sample.problem.fix if sample.problem else ""
            return self.result(ctx, "fail", message,
                               [s for s in (fix, _("Check the microphone is plugged in and "
                                                   "chosen in LessonGuard."),
                                            _("Close other programs that may be using it."))
                                if s], device=sample.device, outputs=outputs)
        f = measure(sample)
        f["outputs"] = outputs
        if f["level_dbfs"] < SILENT_DBFS:
            return self.result(ctx, "fail", _("We can't hear anything from the microphone."),
                               [_("Check the microphone isn't muted: a mute key, a switch on "
                                  "the headset, or the computer's sound settings."),
                                _("Choose another microphone in LessonGuard."),
                                _("Say something or play a note while the check runs.")], **f)
        if f["clipped_fraction"] > CLIPPED_FRACTION:
            return self.result(ctx, "warn", _("Too loud: the sound is distorting."),
                               [_("Move the microphone further from the instrument."),
                                _("Turn the microphone (input) volume down in the sound "
                                  "settings.")], **f)
        if f["noise_floor_dbfs"] > NOISY_FLOOR_DBFS:
            quiet = rule(ctx.pack, "environment.quiet_location")
            steps: list[str] = [_("Find a quieter place: close the door and windows."),
                                _("Turn off fans, the television or music in the room.")]
            result = self.result(ctx, "warn", _("There is a lot of background noise."), steps,
                                 **f)
            if quiet.from_pack and quiet.value:
                result.rule, result.source = quiet.key, quiet.basis()
            return result
        if f["level_dbfs"] < QUIET_DBFS:
            return self.result(ctx, "warn", _("The microphone hears you only faintly."),
                               [_("Move closer to the microphone."),
                                _("Turn the microphone (input) volume up in the sound "
                                  "settings.")], **f)
        return self.result(ctx, "pass", _("The microphone works: {device} hears you clearly.",
                                          device=f["device"]), [], **f)
