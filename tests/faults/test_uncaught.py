"""An exception nobody caught in the window is shown, never lost on stderr alone."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer


def test_an_exception_in_a_slot_shows_the_error_dialog(
    qtbot, monkeypatch, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    from workbench.errors import KnownError
    from workbench.gui.common.dialogs import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test

    def broken() -> None:
        raise ValueError("a bug in a slot")

    def refused() -> None:
        raise KnownError("the disk is full; free some space and try again")

    with qtbot.capture_exceptions() as caught:
        install_excepthook()  # chained to pytest-qt's hook, which records them
        QTimer.singleShot(0, broken)
        QTimer.singleShot(0, refused)
        qtbot.waitUntil(lambda: len(errors) == 2)
    assert [type(e[1]) for e in caught] == [ValueError, KnownError]
    assert errors[0].startswith("BUG ValueError: a bug in a slot")
    assert "Traceback" in errors[0]
    assert errors[1] == "the disk is full; free some space and try again"
