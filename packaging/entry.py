"""The bundle's entry point: the same as `lessonguard` from a Python install."""

from app.cli import main

raise SystemExit(main())
