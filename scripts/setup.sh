#!/usr/bin/env bash
# Set up LessonGuard on this machine: system libraries, .venv, the locked Python packages.
# Idempotent: run it as often as you like. Usage: scripts/setup.sh [--test] [--quick]
#   --test            also install the test tools (pytest, ruff, import-linter…)
#   --quick           for the quick tests only: without root, missing system packages are
#                     named and skipped instead of stopping the setup
#   --list-packages   print the Debian packages this script installs, one a line, and stop
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
UV_VERSION="0.13.8"
WITH_TEST=0
QUICK=0
LIST=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_TEST=1 ;;
    --quick) QUICK=1 ;;
    --list-packages) LIST=1 ;;
    *) printf 'Unknown option %s. Usage: scripts/setup.sh [--test] [--quick] [--list-packages]\n' \
         "$arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m[lessonguard setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[lessonguard setup] %s\033[0m\n' "$*" >&2; exit 1; }

# The libraries the app needs (PortAudio, the Qt xcb libraries, fonts, GNOME's settings
# schemas), then the package of every program the app and the tests run. Which program comes
# from which package is listed in scripts/system-tools.txt; tests/unit/test_setup_tools.py
# fails when a package listed there is missing here, or a test runs an unlisted program.
DEBIAN_PACKAGES=(
  libportaudio2 libasound2-plugins
  libxcb-cursor0 libegl1 libgl1 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  libxcb-xkb1 libxcb-xfixes0 libdbus-1-3 libfontconfig1 libglib2.0-0 fonts-dejavu-core
  gsettings-desktop-schemas
  # the programs: sound server, virtual screen and its tools, media, network, MQTT broker, PDF, system
  pulseaudio pulseaudio-utils espeak-ng sox
  xvfb x11-utils xdotool
  ffmpeg poppler-utils
  iproute2 iperf3 openssl mosquitto
  libglib2.0-bin mount coreutils bash dpkg
)

if [[ $LIST -eq 1 ]]; then
  printf '%s\n' "${DEBIAN_PACKAGES[@]}"
  exit 0
fi

install_system_packages() {
  case "$(uname -s)" in
    Linux) ;;
    Darwin)
      say "macOS: install the tools with Homebrew if you have not: brew install portaudio ffmpeg sox espeak-ng iperf3 poppler"
      return ;;
    *)
      say "Not Linux or macOS: see the README for Windows; continuing with Python packages."
      return ;;
  esac
  if ! command -v dpkg-query >/dev/null 2>&1; then
    die "This is not a Debian/Ubuntu system. Install these with your package manager, then run again: ${DEBIAN_PACKAGES[*]}"
  fi
  local wanted=("${DEBIAN_PACKAGES[@]}")
  python3 -c 'import ensurepip' >/dev/null 2>&1 || wanted+=(python3-venv)
  local missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    say "System libraries: all present."
    return
  fi
  local sudo=""
  if [[ $(id -u) -ne 0 && $QUICK -eq 1 ]]; then
    say "Not root: the quick tests go on without these system packages: ${missing[*]}"
    say "(they run none of their programs, though a missing library can still fail them)."
    say "The full run (bash scripts/test.sh) needs them all: ask an administrator to run:"
    say "  apt-get install ${missing[*]}"
    return
  fi
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      die "Missing system packages and no root or sudo to install them: ${missing[*]}
Ask an administrator to run: apt-get install ${missing[*]}"
    fi
  fi
  say "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || die "apt-get update failed: is the package mirror reachable?"
  if ! $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    local still=()
    for pkg in "${missing[@]}"; do
      dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || still+=("$pkg")
    done
    die "These system packages could not be installed: ${still[*]}"
  fi
}

find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return
    fi
  done
  die "LessonGuard needs Python 3.11 or newer (python3 --version says: $(python3 --version 2>&1 || echo none)). Install it and run again."
}

install_python_packages() {
  local python
  python="$(find_python)"
  if [[ ! -x .tools/bin/uv ]] || [[ "$(.tools/bin/uv --version 2>/dev/null)" != "uv $UV_VERSION"* ]]; then
    say "Installing the uv package manager $UV_VERSION into .tools/"
    "$python" -m venv .tools || die "Could not create .tools/ (Debian/Ubuntu: apt-get install python3-venv)."
    .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION" \
      || die "Could not install uv from the package index: check the network."
  fi
  local extras=(--inexact)
  [[ $WITH_TEST -eq 1 ]] && extras=(--extra test --extra packaging)
  say "Installing the locked Python packages into .venv/ (uv.lock)"
  # Compiled once here: a computer (or CI) that never writes .pyc files starts in half the time.
  UV_PYTHON_DOWNLOADS=never .tools/bin/uv sync --frozen --compile-bytecode --python "$python" \
    "${extras[@]}" --quiet \
    || die "Installing the Python packages failed (see above)."
}

install_system_packages
install_python_packages
say "Ready: $(.venv/bin/lessonguard --version)"
