"""Camera and microphone capture, segmentation and models. No Qt widgets here."""
