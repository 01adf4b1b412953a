"""A window at work, for the fault suite to kill: tags by key, undoes, runs jobs.

Run as ``python window_driver.py PROJECT SEED CORPUS EXPORT`` with
``QT_QPA_PLATFORM=offscreen``. The real main window opens PROJECT; a timer then picks
seeded random steps: select a word and press a label key (the tagger's own key
handling), undo or redo (Ctrl+Z / Ctrl+Shift+Z), switch documents, or start one of the
window's background jobs through its menus' methods (import CORPUS, translate all,
export to EXPORT). After every step it prints what the window shows of the document on
screen: ``SHOWN doc_id id:start:end:label ...``, flushed. Everything the window has
shown must be in the file whenever the process dies.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from workbench.gui.annotation.tagger import ANNOTATOR_KEY
from workbench.gui.common.app import make_app, settings
from workbench.gui.window.main_window import MainWindow

WORD = re.compile(r"\w{3,}")
KEYS = [Qt.Key.Key_P, Qt.Key.Key_O, Qt.Key.Key_G, Qt.Key.Key_L]


def _qt(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


class Driver:
    def __init__(self, window: MainWindow, seed: int, corpus: Path, export: Path) -> None:
        self.window = window
        self.random = random.Random(seed)
        self.corpus = corpus
        self.export = export
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.step)

    def step(self) -> None:
        w, r = self.window, self.random
        # A person pauses between keys: mostly briefly, sometimes to read.
        self.timer.start(r.choice([15, 15, 15, 400]))
        roll = r.random()
        if roll < 0.6:
            self.tag()
        elif roll < 0.7:
            QTest.keyClick(w.source, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        elif roll < 0.78:
            QTest.keyClick(
                w.source,
                Qt.Key.Key_Z,
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
            )
        elif roll < 0.9:
            w.step_document(r.choice([1, -1]))
        elif not w.runner.busy:
            job = r.choice(["import", "translate", "export"])
            if job == "import":
                w.import_paths([self.corpus])
            elif job == "translate":
                w.translate_all()
            else:
                w.export_dialog(self.export)
        self.report()

    def tag(self) -> None:
        view = self.window.source
        text = view.text
        words = list(WORD.finditer(text))
        if not words:
            return
        word = self.random.choice(words)
        cursor = QTextCursor(view.document())
        cursor.setPosition(_qt(text, word.start()))
        cursor.setPosition(_qt(text, word.end()), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        view.setFocus()
        QTest.keyClick(view, self.random.choice(KEYS))

    def report(self) -> None:
        data = self.window.tagger.annotations
        if data.doc_id is None:
            return
        rows = " ".join(f"{i}:{s}:{e}:{label}" for i, s, e, label in data.rows.values())
        print(f"SHOWN {data.doc_id} {rows}", flush=True)


def main() -> int:
    project, seed, corpus, export = sys.argv[1:5]
    app = make_app()
    settings().setValue(ANNOTATOR_KEY, "fault-suite")
    window = MainWindow(Path(project), online=False)
    window.show()
    driver = Driver(window, int(seed), Path(corpus), Path(export))
    driver.timer.start(15)
    print("READY", flush=True)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
