"""Errors that carry a plain-language message and what to do about it.

Why: every entry point (CLI, window, file) must tell a non-technical person what went wrong
and what to do next, so the message travels with the exception instead of a stack trace.
"""

from __future__ import annotations


class LessonGuardError(Exception):
    """An expected failure with a message for people and a next step."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} {self.fix}".strip()


class ConfigurationError(LessonGuardError):
    """Bad settings, data directory or command-line input (CLI exit code 2)."""
