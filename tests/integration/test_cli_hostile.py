"""Hostile input at every command-line entry point, as real `lessonguard` processes.

Each case was a traceback, a hang or a silent acceptance before app/inputs.py: ids SQLite
cannot hold, FIFOs, devices, folders and 2 GB files as file arguments, dates in the year
9999, a closed pipe, names with terminal escapes, made-up consent kinds and age bands, empty
reasons, and a playback role anyone could type.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from app.audit import AuditLog
from app.store import Store
from tests.integration.test_record_cli import EXE, lg

BIG = "99999999999999999999"
TIMEOUT = 60  # a hang fails the test instead of stopping the run


def clean(done: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert done.stderr.strip() or code == 0
    return done.stderr


@pytest.fixture
def family(isolated_dirs: Path) -> tuple[int, int]:
    assert lg("setup", "--role", "tutor", "--name", "Pat Green", "--policy",
              "tutorninjas").returncode == 0
    assert lg("people", "add", "--role", "pupil", "--name", "Amy Lee", "--dob",
              "2015-02-03").returncode == 0
    assert lg("people", "add", "--role", "responsible_adult", "--name", "Jo Lee",
              "--pupil", "1").returncode == 0
    return 1, 2


def test_ids_sqlite_cannot_hold_are_usage_errors(family: tuple[int, int]) -> None:
    commands = [
        ("people", "add", "--role", "responsible_adult", "--name", "Jo Lee", "--pupil", BIG),
        ("consent", "grant", "--pupil", BIG, "--by", "2", "--typed-name", "Jo Lee"),
        ("consent", "grant", "--pupil", "1", "--by", BIG, "--typed-name", "Jo Lee"),
        ("consent", "withdraw", BIG, "--by", "Jo Lee"),
        ("consent", "list", "--pupil", BIG),
        ("consent", "status", "--pupil", BIG),
        ("recordings", "release", BIG, "--by", "Jo Lee", "--reason", "done"),
        ("lesson", "show", BIG),
        ("lesson", "cancel", BIG, "--reason", "ill"),
        ("lesson", "book", "--pupil", BIG, "--date", "2030-01-01", "--time", "10:00"),
        ("incident", "show", BIG),
        ("incident", "export", BIG, "out"),
        ("record", "--pupil", BIG, "--seconds", "1"),
        ("lesson", "show", "-1"),
        ("consent", "list", "--pupil", "0"),
    ]
    for args in commands:
        assert "is not a valid id" in clean(lg(*args, timeout=TIMEOUT)), args


@pytest.fixture
def not_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sparse = tmp_path / "sparse.toml"
    with sparse.open("wb") as f:
        f.truncate(2 * 1024**3)  # 2 GB that take no room
    folder = tmp_path / "folder"
    folder.mkdir()
    return {"a pipe": fifo, "a device": Path("/dev/zero"), "too large": sparse,
            "a folder": folder}


def test_files_that_are_not_ordinary_files_are_refused_at_once(
        family: tuple[int, int], not_files: dict[str, Path], tmp_path: Path) -> None:
    slots = [
        ("consent", "grant", "--pupil", "1", "--by", "2", "--typed-name", "Jo Lee", "--form"),
        ("incident", "export", "1", str(tmp_path / "out"), "--passphrase-file"),
        ("policy", "validate"),
        ("policy", "show"),
        ("check", "--only", "power", "--policy"),
        ("setup", "--role", "tutor", "--name", "Pat Green", "--policy"),
        ("consent", "status", "--pupil", "1", "--policy"),
        ("record", "--pupil", "1", "--seconds", "1", "--camera"),
    ]
    for slot in slots:
        for kind, path in not_files.items():
            if kind == "too large" and slot[-1] in ("--camera", "--form"):
                continue  # a video may be large; the form's limit is 20 MB (tested below)
            if kind == "a folder" and slot[-1] == "--camera":
                continue  # a folder is not a video; the camera says so itself
            err = clean(lg(*slot, str(path), timeout=TIMEOUT))
            assert str(path) in err, (slot, kind, err)
    big_form = tmp_path / "form.pdf"
    with big_form.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    err = clean(lg("consent", "grant", "--pupil", "1", "--by", "2", "--typed-name", "Jo Lee",
                   "--form", str(big_form), timeout=TIMEOUT))
    assert "too large" in err


def test_booking_dates_are_bounded(family: tuple[int, int]) -> None:
    for day, time in (("9999-12-31", "23:59"), ("0001-01-01", "00:00")):
        err = clean(lg("lesson", "book", "--pupil", "1", "--date", day, "--time", time))
        assert f"The lesson date {day} is out of range" in err


def test_a_closed_pipe_ends_the_listing_quietly(isolated_dirs: Path) -> None:
    isolated_dirs.mkdir(parents=True, exist_ok=True)
    store = Store(isolated_dirs)
    try:
        audit = AuditLog(store)
        with store.write() as db:
            for n in range(1500):  # far more than a pipe holds
                audit.append_in(db, "test.entry", actor="tester", subject=f"entry:{n}")
    finally:
        store.close()
    with subprocess.Popen([EXE, "audit", "list"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as reader:
        assert reader.stdout is not None and reader.stderr is not None
        first = reader.stdout.readline()
        reader.stdout.close()  # what `| head -1` does
        err = reader.stderr.read()
        code = reader.wait(timeout=TIMEOUT)
    assert first.strip()
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert err == "" and code in (0, 1)


def test_names_kinds_bands_and_reasons_are_checked(family: tuple[int, int]) -> None:
    for bad in ("Amy\x1b[31mRed", "Amy\nLee", "x" * 120_001, "Amy\u202eLee"):
        err = clean(lg("people", "add", "--role", "pupil", "--name", bad, "--age-band",
                       "8-10"))
        assert "The name" in err and "\x1b" not in err
    err = clean(lg("lesson", "book", "--pupil", "1", "--date", "2030-01-01", "--time",
                   "10:00", "--tutor", "t" * 120_000))
    assert "at most 120" in err
    err = clean(lg("consent", "grant", "--pupil", "1", "--by", "2", "--typed-name", "Jo Lee",
                   "--kind", "../../etc/passwd"))
    assert "is not a kind of recording TutorNinjas knows" in err
    err = clean(lg("people", "add", "--role", "pupil", "--name", "Bo", "--age-band", "0-99"))
    assert "'0-99' is not an age band" in err
    err = clean(lg("lesson", "cancel", "1", "--reason", "  "))
    assert "The reason is empty" in err
    assert lg("people", "add", "--role", "pupil", "--name", "Zoë Ångström", "--age-band",
              "8-10").returncode == 0


def test_a_name_edited_into_the_store_is_printed_escaped(family: tuple[int, int],
                                                         isolated_dirs: Path) -> None:
    store = Store(isolated_dirs)
    try:
        with store.write() as db:
            db.execute("UPDATE people SET name = ? WHERE id = 1", ["Amy\x1b[2J\nFAKE LINE"])
    finally:
        store.close()
    listed = lg("people", "list")
    assert listed.returncode == 0
    assert "\x1b" not in listed.stdout and "Amy\\x1b[2J\\nFAKE LINE" in listed.stdout


def test_playback_is_as_the_person_set_up_here(isolated_dirs: Path) -> None:
    err = clean(lg("recordings", "play", "abc", "--as", "organisation"))
    assert "does not know who uses this computer" in err
    assert lg("setup", "--role", "tutor", "--name", "Pat Green").returncode == 0
    err = clean(lg("recordings", "play", "abc", "--as", "organisation"))
    assert "set up for Pat Green (tutor)" in err and "not as organisation" in err
    err = clean(lg("recordings", "play", "abc"))  # no --as: the tutor, then no such recording
    assert "There is no recording abc" in err
