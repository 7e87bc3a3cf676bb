"""The command line: `lessonguard` and its sub-commands, the composition root that puts the
domain, the checks, the capture and (for the desktop app) the window together."""
