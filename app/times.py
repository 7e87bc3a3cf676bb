"""Times written into the store (UTC, ISO 8601, to the second) and times shown to people.

Why: rows written by recordings and lessons are compared and sorted as text, so every writer
must format times identically. What people read is built here from the numbers with no
platform-specific strftime directive ("%-d" raises ValueError on Windows, "%e" and "%#d" exist
on one platform only), in the person's own time zone, with the English month and day names
the rest of the words are written in, whatever C locale the process happens to run under.
"""

from __future__ import annotations

from datetime import UTC, datetime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def local(moment: datetime | str) -> datetime:
    """A moment (a datetime or an ISO 8601 string as stored) in this computer's time zone."""
    when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return when.astimezone()


def day(moment: datetime | str, *, year: bool = True, weekday: bool = False,
        padded: bool = False) -> str:
    """"2 Dec 2026"; "Wed 2 Dec" with weekday=True, year=False; "02 Dec 2026" padded."""
    when = local(moment)
    number = f"{when.day:02d}" if padded else f"{when.day}"
    words = f"{number} {MONTHS[when.month - 1]}"
    if year:
        words += f" {when.year}"
    if weekday:
        words = f"{WEEKDAYS[when.weekday()]} {words}"
    return words


def clock(moment: datetime | str, *, seconds: bool = False) -> str:
    """"14:05" (24-hour clock), "14:05:09" with seconds=True."""
    when = local(moment)
    words = f"{when.hour:02d}:{when.minute:02d}"
    return f"{words}:{when.second:02d}" if seconds else words


def day_time(moment: datetime | str, *, seconds: bool = False, zone: bool = False,
             padded: bool = False) -> str:
    """"2 Dec 2026 14:05"; with seconds and zone "02 Dec 2026 14:05:09 GMT" (padded)."""
    words = f"{day(moment, padded=padded)} {clock(moment, seconds=seconds)}"
    if zone:
        words += f" {local(moment).tzname() or ''}".rstrip()
    return words


def weekday_time(moment: datetime | str) -> str:
    """"Wed 2 Dec, 14:05": a moment in the coming days."""
    return f"{day(moment, year=False, weekday=True)}, {clock(moment)}"


def sortable(moment: datetime | str) -> str:
    """"2026-12-02 14:05": a table column that sorts as text."""
    when = local(moment)
    return f"{when.year:04d}-{when.month:02d}-{when.day:02d} {clock(when)}"
