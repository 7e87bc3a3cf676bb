"""Personal information in view: text behind (or on) the person that could identify a child
or a home: names, addresses, postcodes, phone numbers, emails, school names and badges.

Why: HMS asks that "no personal details should be shared in a visual way", and WSM protects
children's homes. The text is read on this computer (RapidOCR, models inside its package),
shown to the person in front of the camera, and never stored.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.texts import _
from checks.base import CheckContext, CheckResult
from checks.image_checks import PictureCheck

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")),
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")),
    # (OCR often runs a label into the digits: "Tel014035550199", so no word boundary.)
    ("phone", re.compile(r"(?:\+44\s?\(?0?\)?|(?<!\d)0)\d(?:[\s-]?\d){8,10}(?!\d)")),
    ("address", re.compile(r"\b\d{1,4}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Rd|Street|St|"
                           r"Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Place|Court|Gardens|"
                           r"Grove|Terrace|Hill|Mews|Row|Walk)\b")),
    ("school", re.compile(r"\b(?:[A-Z][a-z]+\s+){1,4}(?:School|Academy|Primary|College|"
                          r"Grammar|Infants|Juniors)\b")),
    ("name", re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr)?\.?\s*[A-Z][a-z]{1,15}\s+[A-Z][a-z]{1,20}"
                        r"(?:-[A-Z][a-z]+)?$")),
]
WORDS = {
    "email": _("an email address"), "postcode": _("a postcode"),
    "phone": _("a phone number"), "address": _("a street address"),
    "school": _("a school's name"), "name": _("what looks like a person's name"),
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


def personal_kinds(text: str) -> list[str]:
    return [kind for kind, pattern in PATTERNS if pattern.search(text.strip())]


@dataclass
class Finding:
    text: str
    kinds: list[str]
    box: tuple[float, float, float, float]  # x, y, w, h as fractions of the picture


def find_personal_text(picture: np.ndarray) -> tuple[list[Finding], int]:
    """Every line of text read, and those that look personal."""
    h, w = picture.shape[:2]
    lines, _elapsed = reader()(picture)
    found = []
    for box, text, score in lines or []:
        if float(score) < 0.6:
            continue
        kinds = personal_kinds(str(text))
        if kinds:
            xs = [p[0] for p in box]
            ys = [p[1] for p in box]
            x0, y0 = max(0.0, min(xs)), max(0.0, min(ys))
            found.append(Finding(str(text), kinds, (x0 / w, y0 / h, (max(xs) - x0) / w,
                                                    (max(ys) - y0) / h)))
    return found, len(lines or [])


class PersonalInformationCheck(PictureCheck):
    id = "personal_information"
    title = _("Personal information in view")
    timeout_s = 12.0

    def judge(self, ctx: CheckContext, pictures: list[np.ndarray]) -> CheckResult:
        picture = pictures[-1]
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
