#!/usr/bin/env bash
# Set everything up, then start the LessonGuard desktop app. Extra arguments go to the app,
# for example: scripts/run.sh --camera synthetic
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
say() { printf '\033[1m[lessonguard]\033[0m %s\n' "$*"; }

if [[ "$(uname -s)" == Linux && -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  # A server or a fresh VM with no screen: start a virtual one so the app can still open.
  for n in $(seq 99 140); do
    [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] || break
  done
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  trap 'kill $XVFB_PID 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$n ]] && break; sleep 0.1; done
  export DISPLAY=":$n"
  say "No screen found: running on a virtual screen $DISPLAY (see it with a VNC viewer or screenshots)."
fi

if command -v pactl >/dev/null 2>&1 && ! pactl info >/dev/null 2>&1 && command -v pulseaudio >/dev/null 2>&1; then
  say "No sound server is running: starting PulseAudio so a microphone can be used."
  pulseaudio --start --exit-idle-time=-1 >/dev/null 2>&1 || say "PulseAudio did not start; the microphone meter will say so."
fi

say "Starting LessonGuard (no webcam? it shows a labelled demo camera)."
"$ROOT/.venv/bin/lessonguard" "$@"
