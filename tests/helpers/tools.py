"""Finding the system tools the real-parts tests need.

On CI (CI=true) a missing tool is an error, never a skip: the README's test command
installs every one of them, so a missing tool means the setup is broken.
"""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    message = (f"'{name}' is not installed; the README's test command (scripts/test.sh) "
               "installs it")
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
