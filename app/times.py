"""One way to write a moment into the store: UTC, ISO 8601, to the second.

Why: rows written by recordings and lessons are compared and sorted as text, so every writer
must format times identically.
"""

from __future__ import annotations

from datetime import UTC, datetime


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")
