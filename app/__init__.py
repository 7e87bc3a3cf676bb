"""LessonGuard's domain layer: policy, store, audit log, CLI. No Qt widgets here."""

__version__ = "0.1.0"
