"""The bundle's entry point: the same as `lessonguard` from a Python install."""

from cli.main import main

raise SystemExit(main())
