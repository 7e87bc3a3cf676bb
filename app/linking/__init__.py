"""Linking two LessonGuard installations for a pupil (the tutor's and the family's or
school's): pairing by a short code, end-to-end encrypted and signed messages through a broker
the organisation runs, and the use cases that report to the linked side. No Qt here; the
design is docs/linking.md."""
