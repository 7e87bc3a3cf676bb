"""Guards against known faults in the Qt bindings we ship with."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    levels = Signal(float, float)


def test_signal_emit_keeps_the_refcount_of_true() -> None:
    """PySide6 6.12.0 under Python 3.11 lost a reference to True per emit, so the app
    aborted ("bool_dealloc") after a minute or two of meter updates."""
    emitter = _Emitter()
    received: list[float] = []
    emitter.levels.connect(lambda rms, peak: received.append(rms))
    before = sys.getrefcount(True)
    for i in range(500):
        emitter.levels.emit(float(i), 0.0)
    assert len(received) == 500
    assert abs(sys.getrefcount(True) - before) < 50
