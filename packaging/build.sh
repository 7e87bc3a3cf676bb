#!/usr/bin/env bash
# Build the one-folder LessonGuard bundle for this platform into dist/LessonGuard/.
# Usage: bash packaging/build.sh   (after scripts/setup.sh --test, which installs PyInstaller)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY=.venv/bin/python
[ -x "$PY" ] || { echo "Run scripts/setup.sh --test first" >&2; exit 1; }
"$PY" packaging/models.py verify
"$PY" packaging/windows_version.py >/dev/null
began=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/lessonguard.spec
if [ "$(uname -s)" = Linux ]; then
  mv dist/LessonGuard/lessonguard dist/LessonGuard/lessonguard-bin 2>/dev/null || true
  sed 's|"$here/lessonguard"|"$here/lessonguard-bin"|' packaging/linux/launcher.sh > dist/LessonGuard/lessonguard
  chmod +x dist/LessonGuard/lessonguard
  cp packaging/linux/lessonguard.desktop dist/LessonGuard/
  cp resources/icons/lessonguard.png dist/LessonGuard/lessonguard.png
fi
size=$(du -sh dist/LessonGuard | cut -f1)
echo "Built dist/LessonGuard ($size) in $(( $(date +%s) - began )) s"
