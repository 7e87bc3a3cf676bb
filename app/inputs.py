"""Checks on what people and files hand to LessonGuard, before anything is done with it.

Why: every entry point (the command line, the window, a file someone sends) may be given
something hostile or simply wrong: a FIFO or /dev/zero where a file should be, an id larger
than SQLite can hold, a name with terminal escapes in it, a date in the year 9999. Each check
here refuses with a plain message (a ConfigurationError: exit 2 on the command line) before
the value is read, stored or printed, so no entry point hangs, runs out of memory or shows
a traceback.

The API, for every part of LessonGuard:

- `read_bounded(path, max_bytes, what)`: the bytes of a regular file no larger than
  `max_bytes`; FIFOs, devices, sockets and folders are refused without opening them for a
  blocking read, and a file over the limit is refused before it is read.
- `read_text_bounded(path, max_bytes, what)`: the same, decoded as UTF-8.
- `check_regular_file(path, what, max_bytes=None)`: the refusals of `read_bounded` without
  reading (for a file another library opens: a video, a scan to copy).
- `check_id(value, what)`: a record id, 1 to 2**63 - 1 (SQLite's INTEGER range).
- `check_name(text, what, max_len=MAX_NAME)`: a person's name (or any short label): no
  control characters (ANSI escapes, newlines, tabs), not empty, at most `max_len` characters.
- `check_reason(text, what, max_len=MAX_REASON)`: a reason or a note: not empty, no control
  characters but line breaks, at most `max_len` characters.
- `check_booking_time(moment, what)`: a lesson time between BOOKING_EARLIEST and
  BOOKING_AHEAD_DAYS ahead of today.
- `printable(text)`: text safe to print to a terminal (control characters shown escaped),
  for values read back from a store that may have been edited.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

from app.errors import ConfigurationError
from app.texts import _

SQLITE_MAX_ID = 2**63 - 1
MAX_NAME = 120
MAX_REASON = 1000
BOOKING_EARLIEST = date(2000, 1, 1)
BOOKING_AHEAD_DAYS = 2 * 366

_KIND_WORDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def _kind_of(mode: int) -> str:
    return _KIND_WORDS.get(stat.S_IFMT(mode), "not a regular file")


def _refuse_stat(info: os.stat_result, path: Path, what: str, max_bytes: int | None) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise ConfigurationError(
            _("{what} {path} is {kind}, not a file.", what=what, path=printable(str(path)),
              kind=_kind_of(info.st_mode)),
            _("Give an ordinary file."))
    if max_bytes is not None and info.st_size > max_bytes:
        raise ConfigurationError(
            _("{what} {path} is too large ({size} bytes; at most {limit}).", what=what,
              path=printable(str(path)), size=info.st_size, limit=max_bytes),
            _("Check that this is the right file."))


def _stat(path: Path, what: str) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError:
        raise ConfigurationError(_("{what} {path} does not exist.", what=what,
                                   path=printable(str(path)))) from None
    except (OSError, ValueError) as exc:
        raise ConfigurationError(_("{what} {path} cannot be read: {problem}.", what=what,
                                   path=printable(str(path)),
                                   problem=getattr(exc, "strerror", None) or exc)) from None


def check_regular_file(path: str | os.PathLike[str], what: str,
                       max_bytes: int | None = None) -> Path:
    """Refuse anything but an existing regular file (no larger than `max_bytes`), without
    opening it."""
    where = Path(path)
    _refuse_stat(_stat(where, what), where, what, max_bytes)
    return where


def read_bounded(path: str | os.PathLike[str], max_bytes: int, what: str) -> bytes:
    """The whole of a regular file no larger than `max_bytes`, refused otherwise.

    The file is looked at (stat) before it is opened, opened without blocking (so a FIFO
    swapped in meanwhile cannot hang the open), looked at again through the open handle, and
    read no further than one byte past the limit."""
    where = check_regular_file(path, what, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(where, flags)
    except OSError as exc:
        raise ConfigurationError(_("{what} {path} cannot be read: {problem}.", what=what,
                                   path=printable(str(where)),
                                   problem=exc.strerror or exc)) from None
    try:
        _refuse_stat(os.fstat(fd), where, what, max_bytes)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise ConfigurationError(_("{what} {path} cannot be read: {problem}.", what=what,
                                   path=printable(str(where)),
                                   problem=exc.strerror or exc)) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise ConfigurationError(
            _("{what} {path} is too large (more than {limit} bytes).", what=what,
              path=printable(str(where)), limit=max_bytes),
            _("Check that this is the right file."))
    return data


def read_text_bounded(path: str | os.PathLike[str], max_bytes: int, what: str) -> str:
    """`read_bounded`, decoded as UTF-8 (a file that is not text is refused)."""
    data = read_bounded(path, max_bytes, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigurationError(_("{what} {path} is not text (UTF-8).", what=what,
                                   path=printable(str(path)))) from None


def check_id(value: int | str, what: str) -> int:
    """A record id as SQLite can hold it: a whole number from 1 to 2**63 - 1."""
    number = 0
    if isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit() and len(digits) <= 19:
            number = int(digits)
    elif isinstance(value, int):
        number = value
    if isinstance(value, bool) or not 1 <= number <= SQLITE_MAX_ID:
        shown = printable(str(value))
        raise ConfigurationError(
            _("{what} {value} is not a valid id.", what=what,
              value=shown if len(shown) <= 40 else shown[:40] + "…"),
            _("Ids are whole numbers from 1 up, as the list commands show them."))
    return number


_JOINERS = "\u200c\u200d"  # zero-width (non-)joiners: part of writing in many scripts


def _is_control(ch: str) -> bool:
    return (unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
            and ch not in _JOINERS)


def _controls(text: str, allowed: str = "") -> bool:
    return any(_is_control(ch) and ch not in allowed for ch in text)


def _trimmed(text: str, what: str, max_len: int, when_empty: str) -> str:
    """The text without surrounding spaces, refused when empty or longer than `max_len`."""
    value = text.strip()
    if not value:
        raise ConfigurationError(_("{what} is empty.", what=what), when_empty)
    if len(value) > max_len:
        raise ConfigurationError(
            _("{what} is too long ({length} characters; at most {limit}).", what=what,
              length=len(value), limit=max_len))
    return value


def check_name(text: str, what: str, max_len: int = MAX_NAME) -> str:
    """A name or short label: trimmed, not empty, no control characters (terminal escapes,
    newlines, tabs, invisible format marks), at most `max_len` characters."""
    value = _trimmed(text, what, max_len, _("Type it in full."))
    if _controls(value):
        raise ConfigurationError(
            _("{what} contains control characters (such as a line break or a terminal "
              "escape).", what=what),
            _("Type it as plain text on one line."))
    return value


def check_reason(text: str, what: str, max_len: int = MAX_REASON) -> str:
    """A reason or a note: trimmed, not empty, at most `max_len` characters, no control
    characters except line breaks."""
    value = _trimmed(text, what, max_len, _("Say why, in a few words."))
    if _controls(value, allowed="\n"):
        raise ConfigurationError(
            _("{what} contains control characters (such as a terminal escape).", what=what),
            _("Type it as plain text."))
    return value


def check_booking_time(moment: date | datetime, what: str,
                       today: date | None = None) -> None:
    """A lesson's date between BOOKING_EARLIEST and BOOKING_AHEAD_DAYS after today."""
    day = moment.date() if isinstance(moment, datetime) else moment
    today = today or date.today()
    latest = today + timedelta(days=BOOKING_AHEAD_DAYS)
    if not BOOKING_EARLIEST <= day <= latest:
        raise ConfigurationError(
            _("{what} {day} is out of range.", what=what, day=day.isoformat()),
            _("A lesson can be booked up to {days} days ahead ({latest} at the latest).",
              days=BOOKING_AHEAD_DAYS, latest=latest.isoformat()))


def printable(text: str, keep: str = "") -> str:
    """Text safe to print to a terminal: every control character (escape, line break, tab,
    invisible format mark) but those in `keep` shown as its escape, everything else
    unchanged."""
    if not _controls(text, allowed=keep):
        return text
    return "".join(ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                   if _is_control(ch) and ch not in keep else ch
                   for ch in text)
