"""kill -9 in the middle of a 3,000-file import leaves a valid project, documents whole.

The import runs in a real subprocess through the CLI; it is killed once some batches are
committed. The file must pass SQLite's integrity check, every stored document must be
byte-identical to its file with all its sentences, and running the same import again
must finish it without duplicates.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from workbench.ops.importing import ImportJob
from workbench.storage import documents as store_docs
from workbench.storage.project import Project
from workbench.text.segment import split_sentences

FILES = 3000


def _count(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_kill_9_during_a_large_import(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(FILES):
        (corpus / f"n{i:04d}.txt").write_text(
            f"Haber {i}. Trump ve Putin Alaska'da görüştü.\n\nİkinci paragraf {i}.\n",
            encoding="utf-8",
        )
    project_path = tmp_path / "p.wbproj"
    proc = subprocess.Popen(
        [sys.executable, "-m", "workbench", "import", str(project_path), str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while _count(project_path) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"

    conn = sqlite3.connect(project_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Project.open(project_path) as project:
        stored = store_docs.list_documents(project.conn)
        assert 0 < len(stored) < FILES
        for info in stored:
            doc = store_docs.get_document(project.conn, info.id)
            assert doc.text == (corpus / info.source).read_text(encoding="utf-8")
            assert [(s.start, s.end) for s in doc.sentences] == split_sentences(doc.text)
        job = ImportJob(project, [corpus])
        for _ in job.run():
            pass
        assert len(job.report.skipped) == len(stored)
        assert len(job.report.imported) == FILES - len(stored)
        sources = [d.source for d in store_docs.list_documents(project.conn)]
        assert len(sources) == len(set(sources)) == FILES
