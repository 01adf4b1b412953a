"""The window notices what other programs wrote to its project, without a restart.

A timer reads ``PRAGMA data_version`` on the window's connection once a second (a few
microseconds); only when another connection has committed are the fingerprints of
:mod:`workbench.storage.changes` compared, and a signal goes out for each part that
changed: the document list, the label schema, the annotations or the translations of
the document on screen. Commits of the window's own connection do not move
``data_version``, so its own edits never trigger a refresh.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.storage.changes import Fingerprint, data_version, fingerprint
from workbench.storage.project import Project

INTERVAL_MS = 1000


class ProjectWatch(QObject):
    documentsChanged = Signal()
    schemaChanged = Signal()
    annotationsChanged = Signal(int)  # the document on screen
    translationsChanged = Signal(int)

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.doc_id: int | None = None
        self._version = -1
        self._seen: Fingerprint | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def watch(self, project: Project | None) -> None:
        """Follow ``project`` (None: stop)."""
        self.project, self.doc_id = project, None
        if project is None:
            self.timer.stop()
            return
        self._take_stock()
        self.timer.start()

    def follow(self, doc_id: int | None) -> None:
        """The document now on screen, as the window has just read it."""
        self.doc_id = doc_id
        if self.project is not None:
            self._take_stock()

    def _take_stock(self) -> None:
        assert self.project is not None
        conn = self.project.conn
        self._version = data_version(conn)
        self._seen = fingerprint(conn, self.doc_id)

    def check(self) -> None:
        """Compare with the file; emit what changed since the last look."""
        project = self.project
        if project is None or self._seen is None:
            return
        try:
            version = data_version(project.conn)
            if version == self._version:
                return
            now = fingerprint(project.conn, self.doc_id)
        except sqlite3.Error:
            return  # busy or gone for a moment: the next tick looks again
        self._version = version
        seen, self._seen = self._seen, now
        if now.schema != seen.schema:
            self.schemaChanged.emit()
        if now.documents != seen.documents:
            self.documentsChanged.emit()
        if self.doc_id is not None:
            if now.annotations != seen.annotations:
                self.annotationsChanged.emit(self.doc_id)
            if now.translations != seen.translations:
                self.translationsChanged.emit(self.doc_id)
