"""Checks that look at the picture: the background, and the people in view.

Why: WSM expects blurred backgrounds to protect children's homes and families, and HMS asks
for a plain background. Nothing is stored: a few frames are looked at and let go. Face
detectors miss faces unevenly across skin tones and lighting, so not finding a face is never
a failure, only a prompt to check the light.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from app.texts import _
from capture.compositor import Look
from checks.base import Check, CheckContext, CheckResult
from checks.probes import CameraSample, OwnCameraProbe

SAMPLE_SECONDS = 2.0
BUSY_EDGES = 0.045  # share of background pixels on an edge: above this, the wall is busy
PLAIN_EDGES = 0.02


def _sample(ctx: CheckContext) -> CameraSample:
    probe = ctx.services.camera_probe or OwnCameraProbe("auto")
    return probe.sample(min(SAMPLE_SECONDS, ctx.remaining() - 1.0), ctx.cancel, ctx.deadline)


class PictureCheck(Check):
    """A check that looks at a few pictures from the run's shared camera sample."""

    def run(self, ctx: CheckContext) -> CheckResult:
        sample = _sample(ctx)
        if not sample.pictures:
            return self.result(ctx, "inconclusive", _("There is no picture to look at."),
                               [_("Fix the camera check first.")])
        return self.judge(ctx, sample.pictures)

    def judge(self, ctx: CheckContext, pictures: list[np.ndarray]) -> CheckResult:
        raise NotImplementedError


def background_figures(picture: np.ndarray, person: np.ndarray) -> dict[str, Any]:
    """How much of the picture is background, and how busy and sharp it is."""
    background = cv2.erode((person < 0.3).astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    grey = cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY)
    edges = cv2.Canny(grey, 60, 160) > 0
    lap = cv2.Laplacian(grey, cv2.CV_64F)
    share = float(background.mean())
    return {
        "background_fraction": round(share, 3),
        "edge_density": round(float(edges[background].mean()) if share else 0.0, 4),
        "sharpness": round(float(lap[background].var()) if share else 0.0, 1),
    }


SHARP_LEFT = 0.05  # share of the background LessonGuard's effect may leave sharp and still pass


def left_sharp(picture: np.ndarray, confidence: np.ndarray, look: Look) -> dict[str, Any]:
    """What LessonGuard's own effect leaves sharp of the background: the mask built as the
    pipeline builds it (smoother, instrument mode, keep-clear areas), against where the model
    is sure there is no person."""
    from capture.compositor import apply_blur_areas, apply_keep_clear
    from capture.mask import WORK_SIZE, MaskSmoother

    h, w = picture.shape[:2]
    smoother = MaskSmoother(instrument_mode=look.instrument_mode)
    smoother.update(confidence, cv2.resize(picture, WORK_SIZE, interpolation=cv2.INTER_AREA))
    alpha = smoother.alpha(w, h)
    assert alpha is not None
    alpha = apply_blur_areas(apply_keep_clear(alpha, look.keep_clear), look.blur_areas)
    person = cv2.resize(confidence, (w, h), interpolation=cv2.INTER_LINEAR)
    background = cv2.erode((person < 0.3).astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    sharp = (alpha >= 128) & background
    reach = cv2.distanceTransform(background.astype(np.uint8), cv2.DIST_L2, 5)[sharp]
    return {
        "lessonguard_effect": look.mode, "instrument_mode": look.instrument_mode,
        "keep_clear_areas": len(look.keep_clear),
        "background_fraction": round(float(background.mean()), 3),
        "sharp_background_share": round(float(sharp.sum() / max(1, background.sum())), 3),
        "sharp_band_px": round(float(np.percentile(reach, 95)), 1) if reach.size else 0.0,
    }


class BackgroundCheck(PictureCheck):
    id = "background"
    title = _("Background")
    timeout_s = 9.0

    def run(self, ctx: CheckContext) -> CheckResult:
        look = ctx.services.look() if ctx.services.look is not None else None
        if look is None or look.mode not in ("blur", "colour", "image"):
            return super().run(ctx)
        done = (_("Your background is blurred by LessonGuard.") if look.mode == "blur" else
                _("Your background is replaced by LessonGuard."))
        sample = _sample(ctx)
        if not sample.pictures:  # nothing to measure: say what is applied, no more
            return self.result(ctx, "pass", done, [], lessonguard_effect=look.mode)
        from capture.vision import PersonSegmenter

        segmenter = ctx.services.segmenter or PersonSegmenter()
        picture = sample.pictures[-1]
        figures = left_sharp(picture, segmenter.mask(picture), look)
        share = figures["sharp_background_share"]
        if share <= SHARP_LEFT:
            return self.result(ctx, "pass", done, [], **figures)
        steps: list[str] = []
        if look.instrument_mode:
            steps.append(_("Turn off “Keep my instrument sharp” unless your instrument is cut "
                           "off without it."))
        if look.keep_clear:
            steps.append(_("Make the keep-clear areas smaller, or clear them."))
        steps.append(_("Look at the preview: what is sharp there is what the lesson sees."))
        summary = (_("Your background is blurred by LessonGuard, but {percent}% of it is left "
                     "sharp around you.", percent=round(share * 100)) if look.mode == "blur"
                   else _("Your background is replaced by LessonGuard, but {percent}% of it "
                          "is left showing around you.", percent=round(share * 100)))
        return self.result(ctx, "warn", summary, steps, **figures)

    def judge(self, ctx: CheckContext, pictures: list[np.ndarray]) -> CheckResult:
        rule = (ctx.requirement.params if ctx.requirement else {}).get("rule", "blur")
        from capture.vision import PersonSegmenter

        segmenter = ctx.services.segmenter or PersonSegmenter()
        picture = pictures[-1]
        figures = background_figures(picture, segmenter.mask(picture))
        turn_on = _("Turn on LessonGuard's blur (Camera and microphone page → Background: "
                    "Blurred).")
        if rule == "blur":
            return self.result(ctx, "warn", _("Your background is not blurred, and your "
                                              "organisation expects it to be."), [turn_on],
                               **figures)
        if figures["edge_density"] > BUSY_EDGES:
            return self.result(ctx, "warn", _("Your background is busy: things behind you can "
                                              "be seen clearly."),
                               [turn_on, _("Or sit in front of a clear, plain wall.")],
                               **figures)
        if figures["edge_density"] <= PLAIN_EDGES:
            return self.result(ctx, "pass", _("Your background is plain."), [], **figures)
        return self.result(ctx, "warn", _("There are some things behind you."),
                           [turn_on, _("Or move so a plain wall is behind you.")], **figures)


class PeopleCheck(PictureCheck):
    id = "people"
    title = _("People in view")
    timeout_s = 9.0

    def judge(self, ctx: CheckContext, pictures: list[np.ndarray]) -> CheckResult:
        from capture.vision import FaceFinder
        from checks.people_count import DETECT_FLOOR, count_people

        finder = ctx.services.face_finder or FaceFinder(min_score=DETECT_FLOOR)
        seen = count_people(pictures, finder)
        figures = {"faces_per_picture": seen.per_picture, "pictures": seen.pictures,
                   "people": seen.people, "faint_faces": seen.faint}
        limits = _("LessonGuard counts faces, not people: someone turned away or out of the "
                   "picture is not counted, and a large photo of a face may be.")
        faint = ([_("Something that may be a face was seen faintly (a photo, a poster, or "
                    "someone at the edge or in the dark): look behind you.")]
                 if seen.faint else [])
        if seen.people == 0:
            return self.result(ctx, "warn", _("We can't see a face. Check the light."),
                               [_("Turn on a light in front of you, or face a window."),
                                _("Sit where the camera can see your face."),
                                _("Face detection is not perfect, and works less well in dim "
                                  "light and for some skin tones: if you are clearly in view, "
                                  "you can ignore this."), *faint], **figures)
        if seen.people == 1:
            return self.result(ctx, "pass", _("One person is in view."),
                               [*faint, limits] if faint else [], **figures)
        return self.result(ctx, "warn", _("{count} people are in view.", count=seen.people),
                           [_("If one of them is the responsible adult the policy asks for, "
                              "that's fine."),
                            _("Otherwise, ask anyone not taking part to leave the room or "
                              "step out of view."), *faint, limits], **figures)
