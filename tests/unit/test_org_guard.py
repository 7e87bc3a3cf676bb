"""The organisation's PIN and the one guarded way to change the pack or the role (issue 19,
item 5), through the use case and through the real `lessonguard` command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import ConfigurationError
from app.org_guard import PIN_KEY, change_policy, pin_matches, set_pin
from app.profile import save_profile
from app.settings import load_settings
from app.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path)
    yield s
    s.close()


def test_the_pin_is_kept_as_a_salted_scrypt_hash(store: Store) -> None:
    set_pin(store, "2468", None, "Lead")
    first = json.loads(store.get_setting(PIN_KEY) or "{}")
    assert first["kdf"] == "scrypt" and "2468" not in json.dumps(first)
    assert pin_matches(store, "2468") and not pin_matches(store, "2469")
    assert not pin_matches(store, None)
    with pytest.raises(ConfigurationError, match="current PIN"):
        set_pin(store, "1357", None, "Someone")  # changing it needs the old one
    set_pin(store, "2468", "2468", "Lead")
    assert json.loads(store.get_setting(PIN_KEY) or "{}")["salt"] != first["salt"]
    with pytest.raises(ConfigurationError, match="4 to 64"):
        set_pin(store, "12", "2468", "Lead")


def test_an_edited_pin_record_matches_nothing(store: Store) -> None:
    set_pin(store, "2468", None, "Lead")
    record = json.loads(store.get_setting(PIN_KEY) or "{}")
    store.set_setting(PIN_KEY, json.dumps({**record, "n": 2}))  # a cheap cost, swapped in
    assert not pin_matches(store, "2468")
    store.set_setting(PIN_KEY, "not json")
    assert not pin_matches(store, "2468")


def test_pack_and_role_change_only_with_the_pin(store: Store) -> None:
    save_profile(store, "tutor", "Sam Taylor", "hms")
    change_policy(store, "vto", None, "Sam Taylor")  # no PIN set: a plain change
    set_pin(store, "2468", None, "Lead")
    with pytest.raises(ConfigurationError, match="no PIN was given"):
        change_policy(store, "hms", None, "Sam Taylor")
    with pytest.raises(ConfigurationError, match="not right"):
        save_profile(store, "school_staff", "Sam Taylor", "vto", pin="1111")
    assert (load_settings(store).role, load_settings(store).policy) == ("tutor", "vto")
    save_profile(store, "tutor", "Sam T. Taylor", "vto")  # the name alone: no PIN needed
    save_profile(store, "school_staff", "Sam Taylor", "hms", pin="2468")
    assert (load_settings(store).role, load_settings(store).policy) == ("school_staff", "hms")


def lg(data: Path, *args: str) -> tuple[int, str, str]:
    """The `lessonguard` command's own entry point, in this process (a new process per call
    cost five seconds each)."""
    import contextlib
    import io

    from cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(data), *args])
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_obeys_the_same_pin(tmp_path: Path) -> None:
    data = tmp_path / "data"
    pin, wrong = tmp_path / "pin", tmp_path / "wrong"
    pin.write_text("2468\n")
    wrong.write_text("1111\n")
    assert lg(data, "setup", "--role", "tutor", "--name", "Sam Taylor", "--policy", "hms")[0] == 0
    assert lg(data, "policy", "pin", "--pin-file", str(pin))[0] == 0
    code, _, err = lg(data, "policy", "use", "vto")
    assert code == 2 and "PIN" in err and "Traceback" not in err
    assert lg(data, "policy", "use", "vto", "--pin-file", str(wrong))[0] == 2
    assert lg(data, "setup", "--role", "school_staff", "--name", "Sam Taylor")[0] == 2
    # The app's own --policy, as a real process: refused before any window opens.
    exe = Path(sys.executable).with_name("lessonguard")
    app = subprocess.run([str(exe), "--data-dir", str(data), "--policy", "vto"],
                         capture_output=True, text=True, timeout=60)
    assert app.returncode == 2 and "PIN" in app.stderr, "--policy got round the PIN"
    code, out, _ = lg(data, "--json", "policy", "use", "vto", "--pin-file", str(pin))
    assert code == 0 and json.loads(out)["pack"] == "vto"
    store = Store(data)
    try:
        assert load_settings(store).policy == "vto" and load_settings(store).role == "tutor"
    finally:
        store.close()
