"""Pre-lesson checks and their runner. No Qt widgets here."""
