"""Personal information in view: text behind (or on) the person that could identify a child
or a home: names, addresses, postcodes, phone numbers, emails, school names and badges.

Why: HMS asks that "no personal details should be shared in a visual way", and WSM protects
children's homes. The text is read on this computer (RapidOCR, models inside its package),
shown to the person in front of the camera, and never stored.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.texts import _
from checks.base import CheckContext, CheckResult
from checks.image_checks import PictureCheck
from checks.pii_text import TextLine, classify, personal_kinds
from checks.services import LookReader

__all__ = [
    "WORDS",
    "Finding",
    "PersonalInformationCheck",
    "find_personal_text",
    "personal_kinds",
    "read_lines",
    "reader",
]

WORDS = {
    "email": _("an email address"), "postcode": _("a postcode"),
    "phone": _("a phone number"), "address": _("a street address"),
    "school": _("a school's name"), "name": _("what looks like a person's name"),
    "plate": _("a car number plate"),
}

_ocr_lock = threading.Lock()
_ocr: Any = None


def reader() -> Any:
    """The text reader, loaded once (a third of a second) and shared."""
    global _ocr
    with _ocr_lock:
        if _ocr is None:
            from rapidocr_onnxruntime import RapidOCR

            _ocr = RapidOCR()
    return _ocr


@dataclass
class Finding:
    text: str
    kinds: list[str]
    box: tuple[float, float, float, float]  # x, y, w, h as fractions of the picture


MIN_SCORE = 0.5  # RapidOCR's confidence below which a line is treated as unread


def read_lines(picture: np.ndarray) -> list[TextLine]:
    """Every line of text the reader finds, with its corners; the words stay in memory."""
    lines, _elapsed = reader()(picture)
    return [TextLine(str(text), [(float(p[0]), float(p[1])) for p in box])
            for box, text, score in lines or [] if float(score) >= MIN_SCORE]


def as_sent(picture: np.ndarray, look: LookReader | None) -> np.ndarray:
    """The picture with the look's always-blur areas hidden, through the compositor the
    preview, the virtual camera and the recording use: what is hidden there is not reported
    here as still in view."""
    if look is None:
        return picture
    areas = look().blur_areas
    if not areas:
        return picture
    from capture.compositor import Look, composite

    return composite(picture, None, Look(mode="off", blur_areas=areas))


def find_personal_text(picture: np.ndarray) -> tuple[list[Finding], int]:
    """Every line of text read, and those that look personal, read together as a card is."""
    h, w = picture.shape[:2]
    lines = classify(read_lines(picture))
    found = []
    for line in lines:
        if line.kinds:
            xs = [p[0] for p in line.box]
            ys = [p[1] for p in line.box]
            x0, y0 = max(0.0, min(xs)), max(0.0, min(ys))
            x1, y1 = min(float(w), max(xs)), min(float(h), max(ys))
            kinds = [k for k in WORDS if k in line.kinds]
            found.append(Finding(line.text, kinds, (x0 / w, y0 / h, (x1 - x0) / w,
                                                    (y1 - y0) / h)))
    return found, len(lines)


class PersonalInformationCheck(PictureCheck):
    id = "personal_information"
    title = _("Personal information in view")
    timeout_s = 12.0

    def judge(self, ctx: CheckContext, pictures: list[np.ndarray]) -> CheckResult:
        picture = as_sent(pictures[-1], ctx.services.look)
        findings, lines = find_personal_text(picture)
        figures: dict[str, Any] = {
            "lines_of_text": lines,
            "found": [{"kinds": f.kinds, "text": f.text, "box": [round(v, 4) for v in f.box]}
                      for f in findings],
        }
        if not findings:
            summary = (_("No personal information can be read in view.") if lines == 0 else
                       _("1 line of text in view, none of it personal.") if lines == 1 else
                       _("{count} lines of text in view, none of it personal.", count=lines))
            return self.result(ctx, "pass", summary, [], **figures)
        kinds = sorted({k for f in findings for k in f.kinds}, key=list(WORDS).index)
        steps: list[str] = [_("Remove or cover it: “{text}”.", text=f.text)
                            for f in findings[:5]]
        steps.append(_("Or press “Always blur this area” and LessonGuard blurs that part of "
                       "the picture in every lesson."))
        result = self.result(ctx, "warn", _("Personal information can be read in view: "
                                            "{kinds}.", kinds=[WORDS[k] for k in kinds]), steps,
                             **figures)
        result.attachments = {"picture": picture}  # shown on the page, never stored
        return result
