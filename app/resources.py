"""Find the files LessonGuard ships (models, policy packs, catalogues) wherever it runs.

Why: the same code runs from a source checkout, an installed wheel and a PyInstaller bundle,
and each keeps `resources/` in a different place.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.errors import LessonGuardError


def resources_dir() -> Path:
    override = os.environ.get("LESSONGUARD_RESOURCES")
    candidates = [Path(override)] if override else []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here / "_resources", here.parent / "resources"]
    for candidate in candidates:
        if (candidate / "models").is_dir():
            return candidate
    raise LessonGuardError(
        "LessonGuard's own files (models, policy packs) are missing.",
        "Reinstall LessonGuard; looked in: " + ", ".join(str(c) for c in candidates),
    )


def model_path(name: str) -> Path:
    path = resources_dir() / "models" / name
    if not path.is_file():
        raise LessonGuardError(
            f"The model file {name} is missing from {path.parent}.",
            "Reinstall LessonGuard, or run `python packaging/models.py extract`.",
        )
    return path
