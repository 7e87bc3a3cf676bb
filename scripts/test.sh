#!/usr/bin/env bash
# Set everything up (system libraries, .venv with the test tools), then run every test:
# ruff and the import contracts run as tests too. Extra arguments go to pytest.
#   --quick   only the quick tier (tests marked `quick`, see tests/conftest.py): the domain
#             and unit tests and others that need no root, PulseAudio, display or bundle, in
#             about two minutes; no bundle is built, and without root the system packages
#             are not installed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ "${1:-}" == "--quick" ]]; then
  shift
  bash "$ROOT/scripts/setup.sh" --test --quick
  cd "$ROOT"
  exec .venv/bin/python -m pytest -m quick "$@"
fi
bash "$ROOT/scripts/setup.sh" --test
cd "$ROOT"
# The Linux bundle is built first so the packaging smoke test (tests/packaging) can run it.
bash packaging/build.sh
exec .venv/bin/python -m pytest "$@"
