#!/usr/bin/env bash
# Set everything up (system libraries, .venv with the test tools), then run every test:
# ruff and the import contracts run as tests too. Extra arguments go to pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh" --test
cd "$ROOT"
# The Linux bundle is built first so the packaging smoke test (tests/packaging) can run it.
bash packaging/build.sh
exec .venv/bin/python -m pytest "$@"
