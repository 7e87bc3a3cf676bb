"""Qt widgets and windows only; logic lives in app/, checks/ and capture/."""
