"""A hypothesis fuzz of the command line, as real `lessonguard` processes.

Ids (huge, negative, not numbers), names (control characters, any script, very long),
dates and times, and file arguments of every kind (missing, a folder, a FIFO, /dev/zero, a
2 GB sparse file, binary junk, a valid file) go into the commands that take them. Whatever
comes in: no traceback, exit 0, 1 or 2, a message with every 1 or 2, and the process ends
before its timeout (a FIFO read would hang it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.policy.loader import policies_dir
from tests.integration.test_record_cli import EXE

TIMEOUT = 45  # seconds; far above a refusal, far below a hang

CONTROL = st.sampled_from(["\x1b[31m", "\x1b]0;owned\x07", "\n", "\r", "\t", "\x7f",
                           "\u202e", "\x1b[2J"])
NAMES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=150),
    st.tuples(st.text(max_size=10, alphabet="abcZoë"), CONTROL,
              st.text(max_size=10, alphabet="xyz")).map("".join),
    st.integers(min_value=119, max_value=121_000).map(lambda n: "a" * n),
)
IDS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["9223372036854775807", "9223372036854775808", "0", "-1", "1e3",
                     "0x10", "1_000", "٣", " 7 ", ""]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=30),
)
DATES = st.one_of(st.dates().map(lambda d: d.isoformat()),
                  st.sampled_from(["9999-12-31", "0001-01-01", "2030-02-30", "tomorrow", ""]))
TIMES = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")),
                  st.sampled_from(["23:59", "24:00", "9", "12:60", ""]))
FILE_KINDS = ("missing", "folder", "fifo", "device", "sparse", "junk", "valid")
REASONS = st.one_of(NAMES, st.just(""), st.just("   "))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """One data folder with a tutor, a pupil and her mother, and a file of every kind."""
    root = tmp_path_factory.mktemp("fuzz")
    env = {**os.environ, "LESSONGUARD_DATA_DIR": str(root / "data")}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(root / var.lower())
    for args in (("setup", "--role", "tutor", "--name", "Pat Green", "--policy",
                  "tutorninjas"),
                 ("people", "add", "--role", "pupil", "--name", "Amy Lee", "--dob",
                  "2015-02-03"),
                 ("people", "add", "--role", "responsible_adult", "--name", "Jo Lee",
                  "--pupil", "1")):
        assert subprocess.run([EXE, *args], env=env, capture_output=True,
                              timeout=120).returncode == 0
    files = root / "files"
    files.mkdir()
    os.mkfifo(files / "fifo")
    (files / "folder").mkdir()
    with (files / "sparse").open("wb") as f:
        f.truncate(2 * 1024**3)
    (files / "junk").write_bytes(bytes(range(256)) * 64)
    valid = files / "valid.toml"
    shutil.copy(policies_dir() / "hms.toml", valid)
    paths = {"missing": files / "missing", "folder": files / "folder",
             "fifo": files / "fifo", "device": Path("/dev/zero"), "sparse": files / "sparse",
             "junk": files / "junk", "valid": valid}
    yield {"env": env, "files": paths, "out": root / "out"}


@st.composite
def command(draw: st.DrawFn, files: dict[str, Path], out: Path) -> list[str]:
    def file() -> str:
        return str(files[draw(st.sampled_from(FILE_KINDS))])
    choice = draw(st.integers(min_value=0, max_value=10))
    if choice == 0:
        return ["lesson", draw(st.sampled_from(["show", "cancel"])), draw(IDS),
                f"--reason={draw(REASONS)}"]
    if choice == 1:
        return ["consent", "withdraw", draw(IDS), f"--by={draw(NAMES)}",
                f"--reason={draw(REASONS)}"]
    if choice == 2:
        return [*draw(st.sampled_from([["consent", "list"], ["consent", "status"]])),
                f"--pupil={draw(IDS)}"]
    if choice == 3:
        return ["incident", "show", draw(IDS)]
    if choice == 4:
        return ["recordings", "release", draw(IDS), f"--by={draw(NAMES)}",
                f"--reason={draw(REASONS)}"]
    if choice == 5:
        band = draw(st.one_of(st.sampled_from(["8-10", "0-99", "17-5", "5-7"]),
                              st.text(max_size=8)))
        return ["people", "add", "--role", "pupil", f"--name={draw(NAMES)}",
                f"--age-band={band}"]
    if choice == 6:
        return ["lesson", "book", f"--pupil={draw(IDS)}", f"--date={draw(DATES)}",
                f"--time={draw(TIMES)}", f"--tutor={draw(NAMES)}"]
    if choice == 7:
        kind = draw(st.one_of(st.just("lesson"), st.just("../../etc/passwd"), NAMES))
        return ["consent", "grant", "--pupil=1", "--by=2", f"--typed-name={draw(NAMES)}",
                f"--form={file()}", f"--kind={kind}"]
    if choice == 8:
        return ["policy", draw(st.sampled_from(["validate", "show"])), file()]
    if choice == 9:
        return ["incident", "export", draw(IDS), str(out), f"--passphrase-file={file()}"]
    return ["setup", "--role=tutor", f"--name={draw(NAMES)}", f"--policy={file()}"]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_no_input_gives_a_traceback_or_a_hang(world: dict[str, object],
                                              data: st.DataObject) -> None:
    files = world["files"]
    out = world["out"]
    assert isinstance(files, dict) and isinstance(out, Path)
    args = data.draw(command(files, out))
    try:
        done = subprocess.run([EXE, *args], env=world["env"], capture_output=True,
                              text=True, errors="replace", timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"lessonguard {args!r} did not finish in {TIMEOUT} s")
    assert "Traceback" not in done.stderr, (args, done.stderr)
    assert done.returncode in (0, 1, 2), (args, done.returncode, done.stderr)
    if done.returncode:
        assert (done.stderr + done.stdout).strip(), (args, done.returncode)
