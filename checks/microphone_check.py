"""Microphone check: we can hear you, not too quietly, without distortion or loud
background noise; and which devices are used.

Why it listens for speech: in a quiet room a fixed few seconds of silence proves nothing, so
the person is asked to say something and the check waits for a voice, up to LISTEN_SECONDS,
then measures a short stretch around it. Only a microphone that stays silent for the whole
wait fails, and then it says whether the system has the microphone muted.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from app.policy.engine import rule
from app.texts import _
from capture.microphone import VOICE_DBFS, dbfs, list_output_devices
from capture.sound_devices import Kind, SoundDevice, find_device, list_devices
from capture.status import SourceError
from checks.base import Check, CheckContext, CheckResult
from checks.probes import OwnMicProbe, SoundSample

LISTEN_SECONDS = 8.0  # how long the check waits for someone to speak
RECENT_VOICE_S = 120.0  # a running microphone that heard a voice this recently works
VOICE_SECONDS = 1.0  # this much voice is enough to judge the level
MIN_SECONDS = 2.5  # and at least this much sound in all, for the background noise
QUIET_SECONDS = 0.5  # with pauses between, to measure the room's own noise floor
QUIET_SHARE = 0.15  # (the floor is the 10th percentile: the pauses must be more than that)
LISTEN_PROMPT = _("Say something now, or play a note: LessonGuard is listening.")
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


def heard_enough(blocks: list[np.ndarray], samplerate: int = 48_000) -> bool:
    """Stop listening: someone spoke for VOICE_SECONDS, and there was enough quiet between
    (QUIET_SECONDS, and QUIET_SHARE of all) to measure the room's own noise. A room that is
    never quiet is listened to until the time is up, and then said to be noisy."""
    total = voiced = 0
    for block in blocks:
        total += len(block)
        if dbfs(float(np.sqrt(np.mean(np.square(block))))) >= VOICE_DBFS:
            voiced += len(block)
    quiet = total - voiced
    return (voiced >= VOICE_SECONDS * samplerate and total >= MIN_SECONDS * samplerate
            and quiet >= max(QUIET_SECONDS * samplerate, QUIET_SHARE * total))


def _device(name: str, kind: Kind) -> SoundDevice | None:
    try:
        return find_device(name, kind)
    except SourceError:
        return None


def _muted(device_name: str) -> bool:
    """The system has this microphone muted (a mute key, the sound settings)."""
    device = _device(device_name, "input")
    if device is None:
        try:
            device = next((d for d in list_devices("input") if d.is_default), None)
        except SourceError:
            device = None
    return device is not None and device.muted


class MicrophoneCheck(Check):
    id = "microphone"
    title = _("Microphone")
    timeout_s = LISTEN_SECONDS + 4.0
    prompt = LISTEN_PROMPT

    def run(self, ctx: CheckContext) -> CheckResult:
        probe = ctx.services.mic_probe or OwnMicProbe(None)
        sample = probe.sample(min(LISTEN_SECONDS, ctx.remaining() - 0.5), ctx.cancel,
                              ctx.deadline, stop_when=heard_enough)
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
        if f["level_dbfs"] < SILENT_DBFS and sample.voice_s_ago is not None \
                and sample.voice_s_ago <= RECENT_VOICE_S:
            # Quiet now, but the same microphone heard a voice moments ago (the waiting
            # room checks again while nobody speaks): it works.
            f["voice_s_ago"] = round(sample.voice_s_ago, 1)
            return self.result(ctx, "pass", _("The microphone works: {device} heard you {seconds} "
                                              "s ago (it is quiet now).", device=f["device"],
                                              seconds=f"{sample.voice_s_ago:.0f}"), [], **f)
        if f["level_dbfs"] < SILENT_DBFS:
            unheard: list[str] = [
                _("Check the microphone isn't muted: a mute key, a switch on the headset, or "
                  "the computer's sound settings."),
                _("Choose another microphone in LessonGuard."),
                _("Press Run again and say something when it asks.")]
            if _muted(sample.device):
                f["muted"] = True
                unheard.insert(0, _("The computer has {device} muted: unmute it in the sound "
                                  "settings.", device=sample.device))
            return self.result(ctx, "fail", _("We didn't hear anything from {device} in {seconds} "
                                              "seconds.", device=sample.device,
                                              seconds=f"{f['seconds']:.0f}"), unheard, **f)
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


class SpeechListener:
    """Waits for someone to speak, level by level (the sound test's "Say something now"):
    heard once VOICE_SECONDS of voice came in, given up after `limit_s` of nothing."""

    def __init__(self, limit_s: float = LISTEN_SECONDS) -> None:
        self.limit_s = limit_s
        self.listened_s = 0.0
        self.voiced_s = 0.0

    @property
    def state(self) -> str:
        """"listening", "heard" or "silent" (the time ran out with nobody heard)."""
        if self.voiced_s >= VOICE_SECONDS:
            return "heard"
        return "silent" if self.listened_s >= self.limit_s else "listening"

    def left_s(self) -> float:
        return max(0.0, self.limit_s - self.listened_s)

    def feed(self, rms_dbfs: float, seconds: float) -> str:
        if self.state == "listening":
            self.listened_s += seconds
            if rms_dbfs >= VOICE_DBFS:
                self.voiced_s += seconds
        return self.state


def speaker_result(heard: bool, speaker: str, what: str) -> CheckResult:
    """The speakers' verdict, which only the person can give: they heard the sound or not."""
    title = _("Speakers")
    if heard:
        return CheckResult("speaker", title, "pass",
                           _("The speakers work: you heard {what} through {device}.",
                             what=what, device=speaker),
                           figures={"device": speaker, "heard": True})
    return CheckResult("speaker", title, "fail",
                       _("You didn't hear {what} through {device}.", what=what,
                         device=speaker),
                       [_("Turn the volume up, and check the speakers or headphones aren't "
                          "muted."),
                        _("Check they are plugged in and switched on."),
                        _("Choose other speakers in the list and try again.")],
                       figures={"device": speaker, "heard": False})
