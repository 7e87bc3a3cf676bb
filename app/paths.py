"""Where LessonGuard keeps its data: one directory, chosen once.

Why: tests and school technicians must be able to point the app somewhere else
(`--data-dir`, `LESSONGUARD_DATA_DIR`) so that nothing touches a real user's files.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from app.errors import ConfigurationError

ENV_VAR = "LESSONGUARD_DATA_DIR"
APP_NAME = "LessonGuard"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Pick the data directory: explicit override, then the environment, then the platform's."""
    if override:
        chosen = Path(override)
    elif os.environ.get(ENV_VAR):
        chosen = Path(os.environ[ENV_VAR])
    else:
        chosen = default_data_dir()
    chosen = chosen.expanduser()
    try:
        chosen.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            f"LessonGuard cannot use the data folder {chosen}: {exc.strerror or exc}.",
            f"Choose a folder you can write to with --data-dir or {ENV_VAR}.",
        ) from exc
    if not os.access(chosen, os.W_OK):
        raise ConfigurationError(
            f"LessonGuard cannot write to the data folder {chosen}.",
            f"Choose a folder you can write to with --data-dir or {ENV_VAR}.",
        )
    return chosen
