#!/usr/bin/env bash
# LessonGuard's launcher on Linux: names any system library the bundle needs and the computer
# lacks, then starts the app. Arguments are passed on (`lessonguard check --json`, …).
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
missing=()
have() { ldconfig -p 2>/dev/null | grep -q "$1" || [ -e "/usr/lib/x86_64-linux-gnu/$1" ] || [ -e "/usr/lib/$1" ]; }
have libportaudio.so.2 || missing+=("libportaudio2 (sound)")
have libxcb-cursor.so.0 || missing+=("libxcb-cursor0 (windows)")
have libEGL.so.1 || missing+=("libegl1 (windows)")
have libxkbcommon-x11.so.0 || missing+=("libxkbcommon-x11-0 (keyboard)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "LessonGuard needs these system packages, which this computer does not have:" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  echo "On Debian or Ubuntu: sudo apt-get install libportaudio2 libxcb-cursor0 libegl1 libxkbcommon-x11-0" >&2
  # The microphone is optional for the command line; the window is not.
  case "${1:-}" in check|policy|devices|audit|speed-server|--version|-h|--help) ;; *) exit 1 ;; esac
fi
exec "$here/lessonguard" "$@"
