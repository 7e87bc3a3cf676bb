#!/usr/bin/env bash
# Refresh the translators' catalogue from the window code, and compile every translation.
#   resources/translations/lessonguard.ts      every string in the window, in English (the template)
#   resources/translations/lessonguard_XX.ts   a translation: copy the template, translate it in
#                                              Qt Linguist (pyside6-linguist), run this script
# The compiled lessonguard_XX.qm files ship with LessonGuard and load by the computer's language
# (or LESSONGUARD_LANG=XX).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
DIR=resources/translations
# What the checks, the policy decisions and the lessons say (`_()` in app/, checks/, capture/).
DOMAIN=$(mktemp -d)/domain_texts.py
trap 'rm -rf "$(dirname "$DOMAIN")"' EXIT
"$BIN/python" scripts/domain_texts.py "$DOMAIN"
"$BIN/pyside6-lupdate" -locations none -no-obsolete ui/*.py "$DOMAIN" -ts "$DIR/lessonguard.ts"
for ts in "$DIR"/lessonguard_*.ts; do
    [ -e "$ts" ] || continue
    "$BIN/pyside6-lupdate" -locations none ui/*.py "$DOMAIN" -ts "$ts"
    "$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
