"""The type checker runs with the tests: mypy over every layer (strict for the domain, app/),
and every `# type: ignore` names the error it silences and says why."""

from __future__ import annotations

import io
import subprocess
import sys
import tokenize
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

IGNORE = "type: ignore"


def _packages() -> list[str]:
    """The project's top-level packages: every folder with an __init__.py but the tests."""
    return sorted(p.name for p in REPO.iterdir()
                  if (p / "__init__.py").is_file() and p.name != "tests")


def test_mypy_checks_every_package() -> None:
    # A new top-level package (the command line's `cli`, say) must be added to
    # [tool.mypy] files, or it would silently go unchecked.
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert sorted(config["tool"]["mypy"]["files"]) == _packages()
    # `strict` in an override would make every module strict, not only the ones it names.
    assert all("strict" not in o for o in config["tool"]["mypy"].get("overrides", []))


def test_mypy_finds_nothing() -> None:
    # No arguments: the files and options are [tool.mypy]'s, the cache .mypy_cache/.
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def unexplained_ignores(source: str) -> list[int]:
    """Lines of `source` whose `# type: ignore` lacks an error code in brackets, or a reason:
    `# type: ignore[code]  # why` on the line, or a comment line right above it."""
    comments: dict[int, str] = {}
    code_lines: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string
        elif tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                              tokenize.ENDMARKER):
            for line in range(tok.start[0], tok.end[0] + 1):
                code_lines.add(line)
    comment_only = {line for line in comments if line not in code_lines}
    bad = []
    for line, comment in sorted(comments.items()):
        # One comment token holds everything after the first `#`: "# type: ignore[x]  # why".
        parts = [p.strip() for p in comment.split("#")]
        for i, part in enumerate(parts):
            if not part.startswith(IGNORE):
                continue
            rest = part[len(IGNORE):]
            has_code = rest.startswith("[") and "]" in rest and rest.index("]") > 1
            reason_after = any(p for p in parts[i + 1:])
            reason_above = (line - 1 in comment_only
                            and IGNORE not in comments[line - 1]
                            and comments[line - 1].strip("# \t") != "")
            if not has_code or not (reason_after or reason_above):
                bad.append(line)
            break
    return bad


def _sources() -> list[Path]:
    return sorted(path for package in _packages() for path in (REPO / package).rglob("*.py"))


def test_every_type_ignore_names_its_error_and_says_why() -> None:
    bad = []
    for path in _sources():
        for line in unexplained_ignores(path.read_text(encoding="utf-8")):
            text = path.read_text(encoding="utf-8").splitlines()[line - 1].strip()
            bad.append(f"{path.relative_to(REPO)}:{line}: {text}")
    assert not bad, ("write `# type: ignore[code]  # why` (or the why on a comment line "
                     "just above):\n" + "\n".join(bad))


@pytest.mark.parametrize(("source", "bad"), [
    ("x = f()  # type: ignore\n", [1]),
    ("x = f()  # type: ignore  # the library is untyped\n", [1]),
    ("x = f()  # type: ignore[attr-defined]\n", [1]),
    ("x = f()  # type: ignore[]  # why\n", [1]),
    ("x = f()  # type: ignore[attr-defined]  # the library is untyped\n", []),
    ("# the library is untyped\nx = f()  # type: ignore[attr-defined]\n", []),
    ("y = 1  # unrelated\nx = f()  # type: ignore[attr-defined]\n", [2]),
    ("x = 'a # type: ignore'\n", []),
    ("x = f(  # type: ignore[arg-type]  # a reason\n    1)\n", []),
])
def test_the_ignore_scan_tells_explained_from_unexplained(source: str, bad: list[int]) -> None:
    assert unexplained_ignores(source) == bad
