"""Tag, undo, redo, delete in the window while other programs change the same file.

A hypothesis state machine drives the real window (label keys with an exact
selection, Ctrl+Z, Ctrl+Shift+Z, Del through the tagger) across the five seeds, and
between its steps another connection imports, relabels and deletes mentions, as the
command line or a colleague's script would. After every step the project file holds
exactly what the undo stack says: the window's own mentions for the steps done, the
others' as they left them; a step that found its row changed wrote nothing and left
an empty history behind.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextCursor

Row = tuple[int, int, int, str]  # document, start, end, label
ALT = Qt.KeyboardModifier.AltModifier


def _qt(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def test_the_file_holds_exactly_what_the_undo_stack_says(
    window, qtbot, tmp_path: Path, seeded_path: Path, annotator: str, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    runs = iter(range(10_000))

    class Machine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.path = tmp_path / f"run{next(runs)}.wbproj"
            shutil.copy(seeded_path, self.path)
            assert window.open_project(self.path, create=False)
            window.backups.wait()
            errors.clear()
            self.other = sqlite3.connect(self.path, isolation_level=None)
            self.other.execute("PRAGMA foreign_keys = ON")
            self.docs = [r[0] for r in self.other.execute("SELECT id FROM documents")]
            self.present: dict[int, Row] = {}  # every mention the file should hold
            self.done: list[tuple[str, int, Row]] = []  # the stack's steps, oldest first
            self.undone: list[tuple[str, int, Row]] = []  # redo order: last is next

        def teardown(self) -> None:
            self.other.close()

        # -- the window -------------------------------------------------------------
        @rule(
            doc=st.integers(0, 4),
            at=st.floats(0, 1),
            length=st.integers(1, 12),
            key=st.sampled_from([Qt.Key.Key_P, Qt.Key.Key_O, Qt.Key.Key_G]),
        )
        def tag(self, doc: int, at: float, length: int, key: Qt.Key) -> None:
            window.documents.select(self.docs[doc])
            assert window.document is not None and window.document.id == self.docs[doc]
            view = window.source
            text = view.text
            start = min(int(at * len(text)), len(text) - length)
            end = start + length
            if text[start:end].strip() != text[start:end] or "\n" in text[start:end]:
                return
            spans = {(r[0], r[1], r[2]) for r in self.present.values()}
            if (self.docs[doc], start, end) in spans:
                return
            cursor = QTextCursor(view.document())
            cursor.setPosition(_qt(text, start))
            cursor.setPosition(_qt(text, end), QTextCursor.MoveMode.KeepAnchor)
            view.setTextCursor(cursor)
            before = self._stored()
            qtbot.keyClick(view, key, ALT)
            new = {i: r for i, r in self._stored().items() if i not in before}
            assert len(new) == 1, new
            ((ident, row),) = new.items()
            assert row[:3] == (self.docs[doc], start, end)
            self.present[ident] = row
            self.done.append(("add", ident, row))
            self.undone.clear()

        @rule(data=st.data())
        def delete(self, data: st.DataObject) -> None:
            shown = window.tagger.annotations
            own = [i for i in shown.rows if i in self.present]
            if not own:
                return
            ident = data.draw(st.sampled_from(own))
            row = self.present.pop(ident)
            window.tagger.delete_mention(ident)
            self.done.append(("delete", ident, row))
            self.undone.clear()

        @rule()
        def undo(self) -> None:
            if not window.undo_stack.canUndo():
                assert not self.done
                return
            kind, ident, row = self.done.pop()
            stored = self._stored()
            if kind == "add":
                ok = stored.get(ident) == row
                if ok:
                    del self.present[ident]
            else:
                ok = ident not in stored and self._doc_exists(row[0])
                if ok:
                    self.present[ident] = row
            window.undo_stack.undo()
            self._after(ok, (kind, ident, row), self.undone)

        @rule()
        def redo(self) -> None:
            if not window.undo_stack.canRedo():
                assert not self.undone
                return
            kind, ident, row = self.undone.pop()
            stored = self._stored()
            if kind == "add":
                ok = ident not in stored and self._doc_exists(row[0])
                if ok:
                    self.present[ident] = row
            else:
                ok = stored.get(ident) == row
                if ok:
                    del self.present[ident]
            window.undo_stack.redo()
            self._after(ok, (kind, ident, row), self.done)

        def _after(self, ok: bool, step: tuple[str, int, Row], to: list[Any]) -> None:
            QCoreApplication.processEvents()  # the deferred clear of a failed step
            if ok:
                assert errors == [], errors
                to.append(step)
            else:
                assert len(errors) == 1 and "changed by another program" in errors[0], errors
                errors.clear()
                assert window.undo_stack.count() == 0
                self.done.clear()
                self.undone.clear()

        # -- other programs ------------------------------------------------------------
        @rule(doc=st.integers(0, 4), start=st.integers(0, 300))
        def another_program_imports(self, doc: int, start: int) -> None:
            cur = self.other.execute(
                'INSERT INTO mentions (document_id, start, "end", label, created_at)'
                " VALUES (?, ?, ?, 'ORG', 'x')",
                (self.docs[doc], start, start + 4),
            )
            assert cur.lastrowid not in self.present and cur.lastrowid is not None
            assert all(cur.lastrowid > i for i in self._ever)
            self.present[cur.lastrowid] = (self.docs[doc], start, start + 4, "ORG")

        @rule(data=st.data())
        def another_program_relabels(self, data: st.DataObject) -> None:
            if self.present:
                ident = data.draw(st.sampled_from(sorted(self.present)))
                self.other.execute("UPDATE mentions SET label = 'FAC' WHERE id = ?", (ident,))
                self.present[ident] = (*self.present[ident][:3], "FAC")

        @rule(data=st.data())
        def another_program_deletes(self, data: st.DataObject) -> None:
            if self.present:
                ident = data.draw(st.sampled_from(sorted(self.present)))
                self.other.execute("DELETE FROM mentions WHERE id = ?", (ident,))
                del self.present[ident]

        # -- checks ---------------------------------------------------------------------
        @property
        def _ever(self) -> set[int]:
            return {i for _, i, _ in self.done + self.undone} | set(self.present)

        def _stored(self) -> dict[int, Row]:
            return {
                r[0]: (r[1], r[2], r[3], r[4])
                for r in self.other.execute(
                    'SELECT id, document_id, start, "end", label FROM mentions'
                )
            }

        def _doc_exists(self, doc_id: int) -> bool:
            return (
                self.other.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
                is not None
            )

        @invariant()
        def file_agrees_with_the_stack(self) -> None:
            assert self._stored() == self.present
            assert window.undo_stack.index() == len(self.done)
            assert window.undo_stack.count() - window.undo_stack.index() == len(self.undone)

    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=12,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
