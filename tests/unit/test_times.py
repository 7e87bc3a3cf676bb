"""Times people read: built without platform-specific strftime directives, in their zone."""

from __future__ import annotations

import ast
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.times import clock, day, day_time, iso_utc, sortable, weekday_time
from tests.conftest import REPO

SCANNED = ("app", "capture", "checks", "cli", "ui", "scripts", "tests", "packaging")
# The directives C89 defines (and Python documents as working everywhere), plus the ISO 8601
# week ones Python documents. Anything else (%e %k %l %P %s %D %T %F…) or a flag between the
# % and the letter (%-d on glibc/macOS, %#d on Windows, %_d, %^b, %0d) is one platform's.
PORTABLE = set("aAbBcdfHIjmMpSUwWxXyYzZGuV%")
DIRECTIVE = re.compile(r"%([-#_^0]*)(.)")
# A str.format field with a % in its format spec ("{when:" "%d}") calls strftime too.
FORMAT_FIELD = re.compile(r"\{[^{}:]*:([^{}]*%[^{}]*)\}")


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock is in London (GMT in winter, BST in summer); no tzdata needed."""
    monkeypatch.setenv("TZ", "GMT0BST,M3.5.0/1,M10.5.0")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_day_is_the_day_number_month_and_year() -> None:
    assert day(datetime(2026, 12, 2, 9, 5)) == "2 Dec 2026"
    assert day(datetime(2026, 1, 31, 23, 59)) == "31 Jan 2026"
    assert day(datetime(2026, 12, 2, 9, 5), padded=True) == "02 Dec 2026"
    assert day(datetime(2026, 12, 2, 9, 5), year=False) == "2 Dec"
    assert day(datetime(2026, 12, 2, 9, 5), year=False, weekday=True) == "Wed 2 Dec"
    assert day(datetime(2026, 3, 1, 12, 0), weekday=True) == "Sun 1 Mar 2026"


def test_clock_is_the_24_hour_time() -> None:
    assert clock(datetime(2026, 12, 2, 9, 5)) == "09:05"
    assert clock(datetime(2026, 12, 2, 14, 5, 9)) == "14:05"
    assert clock(datetime(2026, 12, 2, 14, 5, 9), seconds=True) == "14:05:09"
    assert clock(datetime(2026, 12, 2, 0, 0, 0), seconds=True) == "00:00:00"


def test_the_combined_forms() -> None:
    moment = datetime(2026, 12, 2, 14, 5, 9)
    assert day_time(moment) == "2 Dec 2026 14:05"
    assert day_time(moment, seconds=True, padded=True) == "02 Dec 2026 14:05:09"
    assert weekday_time(moment) == "Wed 2 Dec, 14:05"
    assert sortable(datetime(2026, 7, 4, 8, 30)) == "2026-07-04 08:30"


def test_stored_times_are_shown_in_this_computers_zone(london: None) -> None:
    assert day_time("2026-12-02T14:05:09+00:00", seconds=True, zone=True) == \
        "2 Dec 2026 14:05:09 GMT"
    assert day_time("2026-07-04T23:30:00+00:00", zone=True) == "5 Jul 2026 00:30 BST"
    assert clock(datetime(2026, 7, 4, 12, 0, tzinfo=UTC)) == "13:00"
    assert day(iso_utc(datetime(2026, 12, 31, 23, 59, tzinfo=UTC))) == "31 Dec 2026"
    # The incident report slices the day off the front: padding keeps it 11 characters.
    assert day_time("2026-12-02T14:05:09+00:00", seconds=True, zone=True,
                    padded=True)[:11] == "02 Dec 2026"


def test_the_words_do_not_follow_the_c_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt sets the C locale from the environment; the window's words stay English."""
    import locale

    before = locale.setlocale(locale.LC_TIME)
    for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        try:
            assert day(datetime(2026, 12, 2, 9, 5), weekday=True) == "Wed 2 Dec 2026"
        finally:
            locale.setlocale(locale.LC_TIME, before)


def unportable_directives(source: str) -> Iterator[tuple[int, str]]:
    """(line, directive) for every platform-specific strftime directive in Python source:
    in strftime(...) formats, in f-string format specs and in str.format fields."""

    def bad(text: str) -> Iterator[str]:
        for flags, letter in DIRECTIVE.findall(text):
            if flags or letter not in PORTABLE:
                yield f"%{flags}{letter}"

    def literal(node: ast.AST) -> Iterator[tuple[int, str]]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            for part in node.values:
                yield from literal(part)

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and (
                (isinstance(node.func, ast.Attribute) and node.func.attr == "strftime")
                or (isinstance(node.func, ast.Name) and node.func.id == "strftime")):
            for line, text in literal(node.args[0]):
                for directive in bad(text):
                    yield line, directive
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            for line, text in literal(node.format_spec):
                for directive in bad(text):
                    yield line, directive
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for spec in FORMAT_FIELD.findall(node.value):
                for directive in bad(spec):
                    yield node.lineno, directive


def python_files() -> Iterator[Path]:
    for folder in SCANNED:
        yield from sorted((REPO / folder).rglob("*.py"))


def test_no_platform_specific_strftime_directive_anywhere() -> None:
    found = [f"{path.relative_to(REPO)}:{line}: {directive}"
             for path in python_files()
             for line, directive in unportable_directives(path.read_text(encoding="utf-8"))]
    assert len(list(python_files())) > 100
    assert not found, ("strftime directives that work on one platform only (use app.times):\n"
                       + "\n".join(found))


@pytest.mark.parametrize(("source", "expected"), [
    ('when.strftime("%-d %b %Y")', [(1, "%-d")]),
    ('x = 1\ntime.strftime("%#d %e", t)', [(2, "%#d"), (2, "%e")]),
    ('when.strftime(f"%H:%M %P {zone}")', [(1, "%P")]),
    # (split, so that this file's own scan does not find them)
    ('f"{when:' + '%k:%M}"', [(1, "%k")]),
    ('"on {when:' + '%-I %p}".format(when=w)', [(1, "%-I")]),
    ('when.strftime("%s")', [(1, "%s")]),
    ('when.strftime("%Y%m%d-%H%M%S %d %b %Z %%")', []),
    ('print("100%-sure")', []),
])
def test_the_scan_catches_what_it_should(source: str, expected: list[tuple[int, str]]) -> None:
    assert list(unportable_directives(source)) == expected
