"""Finding the system programs the real-parts tests need.

A missing program is always an error, never a skip, on CI or off it: scripts/setup.sh
(which the README's test command runs) installs every one, so a missing program means the
setup is broken, and a skipped test would hide it. Which Debian package holds each program
is written once, in scripts/system-tools.txt: setup.sh installs from it, and
tests/unit/test_setup_tools.py checks that every program a test asks for is listed there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TOOLS_FILE = Path(__file__).resolve().parents[2] / "scripts" / "system-tools.txt"


def tool_packages(path: Path = TOOLS_FILE) -> dict[str, str]:
    """{program: Debian package} from scripts/system-tools.txt (`tool package  # why`)."""
    packages: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            if len(words) != 2:
                raise ValueError(f"{path.name}: expected `tool package`, got {line!r}")
            packages[words[0]] = words[1]
    return packages


def require_tool(name: str) -> str:
    """The path of `name`; the test fails, naming the package to install, when it is missing."""
    path = shutil.which(name)
    if path:
        return path
    package = tool_packages().get(name)
    if package is None:
        pytest.fail(f"'{name}' is not installed, and scripts/system-tools.txt does not say "
                    "which Debian package holds it: add it there, so that scripts/setup.sh "
                    "installs it", pytrace=False)
    pytest.fail(f"'{name}' is not installed: it comes with the Debian package '{package}', "
                "which scripts/setup.sh installs (run `bash scripts/setup.sh --test` as root, "
                f"or `apt-get install {package}`)", pytrace=False)
