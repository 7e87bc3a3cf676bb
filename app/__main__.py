"""`python -m app` is the same as `lessonguard`."""

from app.cli import main

raise SystemExit(main())
