"""Argument types for the command line, built on app/inputs.py's checks.

Why: a value given on the command line is checked as it is parsed, so a hostile or mistaken
one (an id SQLite cannot hold, a name with terminal escapes, a FIFO where a file should be) is
refused with a usage error (exit 2) naming the option, before anything is read or stored.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from app.errors import ConfigurationError
from app.inputs import (
    MAX_NAME,
    check_id,
    check_name,
    check_reason,
    check_regular_file,
    printable,
)

MAX_FORM_BYTES = 20 * 1024 * 1024  # a scanned, signed consent form
MAX_CONTACT = 200  # an e-mail address or a phone number
SPECIAL_SOURCES = ("synthetic", "auto", "default")


def _typed(check: Callable[[str], object]) -> Callable[[str], object]:
    def parse(text: str) -> object:
        try:
            return check(text)
        except ConfigurationError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    return parse


def record_id(what: str) -> Callable[[str], object]:
    """An id: a whole number from 1 to 2**63 - 1."""
    return _typed(lambda text: check_id(text, what))


def name(what: str, max_len: int = MAX_NAME) -> Callable[[str], object]:
    """A person's name or a short label on one line, without control characters."""
    return _typed(lambda text: check_name(text, what, max_len))


def optional_name(what: str) -> Callable[[str], object]:
    """A name that may be left empty."""
    return _typed(lambda text: check_name(text, what) if text.strip() else "")


def contact(what: str) -> Callable[[str], object]:
    """An e-mail address or phone number: may be empty, otherwise like a name."""
    return _typed(lambda text: check_name(text, what, MAX_CONTACT) if text.strip() else "")


def reason(what: str) -> Callable[[str], object]:
    """A reason: not empty, no control characters but line breaks, at most 1000 characters."""
    return _typed(lambda text: check_reason(text, what))


def optional_reason(what: str) -> Callable[[str], object]:
    return _typed(lambda text: check_reason(text, what) if text.strip() else "")


def regular_file(what: str, max_bytes: int | None = None) -> Callable[[str], object]:
    """An existing regular file (no FIFO, device or folder), at most `max_bytes`."""
    return _typed(lambda text: check_regular_file(text, what, max_bytes))


def folder(what: str) -> Callable[[str], object]:
    """A folder to write into: it may not exist yet, but if it does it must be a folder."""
    def check(text: str) -> Path:
        where = Path(text).expanduser()
        exists = os.path.lexists(where)
        if len(text) > 4096 or (exists and not os.path.isdir(where)):  # noqa: PTH112
            raise ConfigurationError(f"{what} {printable(text)} is not a folder.",
                                     "Give a folder, or a path that does not exist yet.")
        return where
    return _typed(check)


def _exists(text: str, what: str) -> Path | None:
    if len(text) > 4096:
        raise ConfigurationError(f"{what} is too long.")
    where = Path(text).expanduser()
    return where if os.path.lexists(where) else None


def _max_pack_bytes() -> int:
    # Read when a pack file is named, not when the parser is built: the loader brings the
    # pack models (pydantic) with it, which a command refused at parsing never needs.
    from app.policy.loader import MAX_PACK_BYTES

    return MAX_PACK_BYTES


def pack_file(what: str) -> Callable[[str], object]:
    """A pack file: an existing regular file no larger than the loader accepts."""
    return _typed(lambda text: check_regular_file(text, what, _max_pack_bytes()))


def pack_choice(what: str) -> Callable[[str], object]:
    """A shipped pack's id or a pack file; a path that exists must be a regular file (the
    loader limits its size)."""
    def check(text: str) -> str:
        where = _exists(text, what)
        if where is not None:
            check_regular_file(where, what, _max_pack_bytes())
        return text
    return _typed(check)


def source(what: str) -> Callable[[str], object]:
    """A camera or microphone: a number, a keyword, a device name, or a video file; an
    existing path must be a regular file (a FIFO would hang the video reader)."""
    def check(text: str) -> str:
        if text.isdigit() or text in SPECIAL_SOURCES:
            return text
        where = _exists(text, what)
        if where is not None:
            check_regular_file(where, what)
        return text
    return _typed(check)
