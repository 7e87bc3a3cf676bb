"""`python -m cli` is the same as `lessonguard`."""

from cli.main import main

raise SystemExit(main())
