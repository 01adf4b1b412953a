"""PySide6 6.12.0 on Python 3.11 corrupts None's refcount on every void Qt call.

The interpreter then aborts after about 5,000 such calls ("Fatal Python error:
none_dealloc"), long before a user has finished reading one document. The project pins
``PySide6-Essentials<6.12`` on Python < 3.12; these tests fail if that pin is lost or the
installed build shows the bug.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib.metadata import version

CALLS = 30_000


def test_many_void_qt_calls_do_not_abort_the_interpreter() -> None:
    code = textwrap.dedent(
        f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtGui import QGuiApplication, QTextCursor, QTextDocument
        app = QGuiApplication([])
        document = QTextDocument()
        document.setPlainText("سلام دنیا hello " * 100)
        cursor = QTextCursor(document)
        for i in range({CALLS}):
            cursor.setPosition(i % 1000)  # a void method: returns None to Python
        print("ok", cursor.position())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ok")


def test_installed_pyside_is_not_the_broken_release() -> None:
    installed = version("PySide6-Essentials")
    if sys.version_info < (3, 12):
        assert installed != "6.12.0", (
            "PySide6-Essentials 6.12.0 aborts Python 3.11 after ~5,000 Qt calls; "
            "install <6.12 (see pyproject.toml)"
        )
