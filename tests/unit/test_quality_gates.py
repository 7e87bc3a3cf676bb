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
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_really_catches_a_ui_import(tmp_path: Path) -> None:
    """Plant a forbidden import in a copy of the tree: the linter must break."""
    import shutil

    for name in ("app", "capture", "checks", "ui"):
        shutil.copytree(REPO / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "capture" / "sneaky.py").write_text("from PySide6 import QtWidgets\n")
    result = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "capture.sneaky -> PySide6" in result.stdout


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
