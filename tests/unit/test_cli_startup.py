"""`lessonguard` builds only the parser of the sub-command it is given, so a command does not
import what every other command needs (the checks, capture, linking): the words are read
exactly as with every parser built, and nothing the command does not use is imported."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from cli.main import COMMANDS, build_parser, command_named


def _choices(parser: argparse.ArgumentParser) -> set[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_every_command_is_known_and_built_alone() -> None:
    assert _choices(build_parser()) == set(COMMANDS)
    for command in COMMANDS:
        assert command in _choices(build_parser(command)), command


@pytest.mark.parametrize(("words", "named"), [
    (["people", "add", "--role", "pupil"], "people"),
    (["--data-dir", "/x", "setup", "--role", "tutor"], "setup"),
    (["--data-dir=/x", "audit", "verify"], "audit"),
    (["--dat", "setup", "people", "list"], "people"),  # `--dat` is --data-dir: `setup` its value
    (["--json", "--policy", "hms", "check"], "check"),
    (["--camera", "synthetic"], None),
    (["--", "people"], None),
    ([], None),
])
def test_the_command_is_read_as_argparse_reads_it(words: list[str], named: str | None) -> None:
    assert command_named(words) == named


@pytest.mark.parametrize("words", [
    ["--dat", "/tmp/lg-x", "people", "list", "--role", "pupil"],
    ["--json", "consent", "grant", "--pupil", "1", "--by", "2", "--typed-name", "Jo Lee"],
    ["lesson", "book", "--pupil", "3", "--date", "2030-01-01", "--time", "10:00"],
    ["policy", "show", "hms"],
    ["audit", "list", "--json"],
])
def test_one_commands_parser_reads_the_words_as_all_of_them(words: list[str]) -> None:
    alone = build_parser(command_named(words)).parse_args(words)
    assert vars(alone) == vars(build_parser().parse_args(words))


def test_a_command_refused_at_parsing_imports_nothing_it_does_not_use() -> None:
    probe = ("import sys\nfrom cli.main import main\n"
             "try:\n    main(['audit', 'verify', '--data-dir', '/proc/lg-none/x', '--bogus'])\n"
             "except SystemExit as exc:\n    assert exc.code == 2, exc.code\n"
             "print(' '.join(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    for heavy in ("cli.check", "cli.record", "cli.recordings", "cli.link", "checks", "capture",
                  "cv2", "app.policy.loader", "app.store"):
        assert heavy not in loaded, f"{heavy} imported for a refused `audit verify`"
