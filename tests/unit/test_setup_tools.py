"""Every program a test runs is installed by scripts/setup.sh, through one list.

scripts/system-tools.txt names each program and its Debian package; setup.sh installs those
packages and require_tool (tests/helpers/tools.py) names the package when one is missing.
These tests keep the three in step: a test that starts running a new program fails here until
the program is listed, and a listed package that setup.sh does not install fails here too.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers.tools import tool_packages

SUBPROCESS = {"run", "Popen", "check_output", "check_call", "call"}


def programs_run(source: str) -> Iterator[tuple[int, str]]:
    """(line, program) for every program named by a literal in Python source: passed to
    require_tool(…) or shutil.which(…), or first in a subprocess call's literal argv."""

    def name(node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        return None

    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func, first = node.func, node.args[0]
        called = (func.id if isinstance(func, ast.Name)
                  else func.attr if isinstance(func, ast.Attribute) else "")
        if called in ("require_tool", "which"):
            program = name(first)
        elif called in SUBPROCESS and isinstance(first, ast.List | ast.Tuple) and first.elts:
            program = name(first.elts[0])
        else:
            continue
        if program and "/" not in program:
            yield node.lineno, program


def programs_in_tests() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((REPO / "tests").rglob("*.py")):
        for line, program in programs_run(path.read_text(encoding="utf-8")):
            found.setdefault(program, []).append(f"{path.relative_to(REPO)}:{line}")
    return found


def unlisted(used: dict[str, list[str]], listed: dict[str, str]) -> list[str]:
    return [f"{program} (run at {', '.join(where)})" for program, where in sorted(used.items())
            if program not in listed]


def setup_packages(root: Path = REPO) -> set[str]:
    """The Debian packages scripts/setup.sh installs, as it says itself."""
    done = subprocess.run(["bash", str(root / "scripts" / "setup.sh"), "--list-packages"],
                          capture_output=True, text=True, timeout=30, check=True)
    return set(done.stdout.split())


def test_every_program_the_tests_run_is_listed_with_its_package() -> None:
    used = programs_in_tests()
    # The scan does see the programs (a scan that found nothing would pass vacuously).
    assert {"pdftoppm", "Xvfb", "pulseaudio", "ffprobe", "ip", "mount"} <= set(used)
    missing = unlisted(used, tool_packages())
    assert not missing, ("programs the tests run that scripts/system-tools.txt does not list "
                         "(add `program package` lines):\n" + "\n".join(missing))


def not_installed(listed: dict[str, str], installed: set[str]) -> list[str]:
    return sorted({f"{package} (for {tool})" for tool, package in listed.items()
                   if package not in installed})


def test_setup_installs_every_listed_package() -> None:
    installed = setup_packages()
    missing = not_installed(tool_packages(), installed)
    assert not missing, f"scripts/setup.sh does not install: {', '.join(missing)}"
    assert "poppler-utils" in installed and "libportaudio2" in installed


def test_each_listed_package_really_holds_its_program() -> None:
    """Where dpkg can tell (Debian, Ubuntu) and the program is installed: it came from the
    package the list names."""
    if not shutil.which("dpkg-query"):
        return
    listed = tool_packages()
    candidates: dict[str, set[str]] = {}
    for tool in listed:
        path = shutil.which(tool)
        if not path:
            continue  # the full run's require_tool names it; the quick tier needs none
        # /usr/bin/ip may be registered as /bin/ip (merged /usr), or reached by a symlink.
        paths = {path, str(Path(path).resolve())}
        paths |= {"/" + p.removeprefix("/usr/") for p in paths
                  if p.startswith(("/usr/bin/", "/usr/sbin/"))}
        candidates[tool] = paths
    if not candidates:
        return
    asked = sorted(set().union(*candidates.values()))
    done = subprocess.run(["dpkg-query", "-S", *asked], capture_output=True, text=True,
                          timeout=60)  # exits 1 when some path is no package's: expected
    owners: dict[str, set[str]] = {}
    for line in done.stdout.splitlines():
        packages, _, path = line.partition(": ")
        owners.setdefault(path, set()).update(p.strip() for p in packages.split(","))
    wrong = []
    for tool, paths in candidates.items():
        found = set().union(*(owners.get(p, set()) for p in paths))
        if found and listed[tool] not in found:
            wrong.append(f"{tool}: listed as {listed[tool]}, dpkg says {', '.join(sorted(found))}")
    assert not wrong, "\n".join(wrong)


# The checks above can fail: each is tried here on a broken copy.

def test_the_scan_finds_programs_however_they_are_run() -> None:
    source = "\n".join([
        'ppm = require_tool("pdftoppm")',
        'x = shutil.which("xdotool")',
        'subprocess.run(["mount", "-t", "tmpfs"], check=True)',
        'subprocess.Popen(("gsettings", "get"))',
        'subprocess.run([sys.executable, "-c", "pass"])',
        'subprocess.run(["/usr/bin/env"])',
        'require_tool(name)',
    ])
    assert list(programs_run(source)) == [(1, "pdftoppm"), (2, "xdotool"), (3, "mount"),
                                          (4, "gsettings")]


def test_an_unlisted_program_is_named() -> None:
    listed = tool_packages()
    del listed["pdftoppm"]
    (missing,) = unlisted(programs_in_tests(), listed)
    assert missing.startswith("pdftoppm (run at tests/ui/test_incident_wizard.py:")


def test_a_package_setup_forgets_is_named(tmp_path: Path) -> None:
    """The very miss this test exists for: setup.sh without poppler-utils (tried on a copy),
    while the tests still run pdftoppm."""
    (tmp_path / "scripts").mkdir()
    script = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert " poppler-utils" in script
    (tmp_path / "scripts" / "setup.sh").write_text(script.replace(" poppler-utils", ""))
    missing = not_installed(tool_packages(), setup_packages(tmp_path))
    assert missing == ["poppler-utils (for pdftoppm)", "poppler-utils (for pdftotext)"]
    assert "libportaudio2" in setup_packages(tmp_path)


def test_a_line_without_a_package_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "system-tools.txt"
    broken.write_text("# tool package\nXvfb xvfb\npdftoppm\n")
    with pytest.raises(ValueError, match="pdftoppm"):
        tool_packages(broken)
