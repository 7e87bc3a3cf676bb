"""The quality gates run with the tests: lint, layering, and the project's own layout rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([str(BIN / "ruff"), "check", "."], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_hold() -> None:
    result = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_the_layers_are_the_designed_ones_with_nothing_let_through() -> None:
    """The import contract is the source of truth for the layers (docs/architecture.md):
    command line on top, then the window, the checks, capture, and the domain at the
    bottom; no contract may carry an ignore list."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = [c for c in config["contracts"] if c["type"] == "layers"]
    assert [c["layers"] for c in layers] == [["cli", "ui", "checks", "capture", "app"]]
    assert sorted(config["root_packages"]) == sorted(layers[0]["layers"])
    assert all("ignore_imports" not in c for c in config["contracts"])
    top = sorted(p.name for p in REPO.iterdir() if (p / "__init__.py").is_file())
    assert top == sorted([*layers[0]["layers"], "tests"]), "a package outside the layers"


def _copy_tree(tmp_path: Path) -> None:
    import shutil

    for name in ("cli", "ui", "checks", "capture", "app"):
        shutil.copytree(REPO / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")


def test_the_contract_really_catches_a_qt_import(tmp_path: Path) -> None:
    """Plant a forbidden import in a copy of the tree: the linter must break."""
    _copy_tree(tmp_path)
    (tmp_path / "capture" / "sneaky.py").write_text("from PySide6 import QtWidgets\n")
    result = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "capture.sneaky -> PySide6" in result.stdout


def test_the_contract_really_catches_an_upward_import(tmp_path: Path) -> None:
    """The domain reaching up into capture (or the checks into the command line) breaks it."""
    _copy_tree(tmp_path)
    (tmp_path / "app" / "sneaky.py").write_text("import capture.look\n")
    (tmp_path / "checks" / "sneaky.py").write_text("import cli.main\n")
    result = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "app.sneaky -> capture.look" in result.stdout
    assert "checks.sneaky -> cli.main" in result.stdout


def test_packaging_is_not_an_importable_package() -> None:
    # A package named `packaging` would shadow the library pip and PyInstaller import.
    assert not (REPO / "packaging" / "__init__.py").exists()
    import packaging.version

    assert "site-packages" in packaging.version.__file__


def test_exactly_one_opencv_distribution_is_installed() -> None:
    from importlib.metadata import distributions

    names = {d.metadata["Name"].lower() for d in distributions()}
    opencv = sorted(n for n in names if n.startswith("opencv"))
    assert opencv == ["opencv-contrib-python-headless"]
    import cv2

    assert hasattr(cv2, "VideoCapture")
