"""kill -9 of a working window while other programs use the same file.

Seeded rounds, each bounded in time: the real window (a subprocess, offscreen) tags by
key, undoes, redoes, switches documents and runs its background jobs; meanwhile other
processes export, import and translate the same project through the command line. At a
random moment the window is killed with SIGKILL. Then every annotation the window had
shown is in the file, ``PRAGMA integrity_check`` is ok, and the WAL file was never
deleted while the window held it.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.faults.test_wal_kept import _wal_deleted

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ROUNDS = 6


def _reader(stream, shown: dict[int, set[tuple[int, int, int, str]]], ready: threading.Event):  # type: ignore[no-untyped-def]
    for line in stream:
        if line.startswith("READY"):
            ready.set()
        elif line.startswith("SHOWN "):
            _, doc, *rows = line.split()
            shown[int(doc)] = {
                (int(i), int(s), int(e), label)
                for i, s, e, label in (row.split(":", 3) for row in rows)
            }


@pytest.mark.parametrize("seed", range(ROUNDS))
def test_the_window_killed_at_random_keeps_all_it_showed(
    seed: int, tmp_path: Path, seeded_path: Path, all_models: Path
) -> None:
    rng = random.Random(seed)
    project = tmp_path / "p.wbproj"
    if seeded_path != project:
        shutil.copy(seeded_path, project)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(200):
        (corpus / f"n{seed}-{i:03d}.txt").write_text(
            f"Haber {i}. Trump ve Putin Alaska'da görüştü.\n", encoding="utf-8"
        )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ARGOS_PACKAGES_DIR": str(all_models),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        # The driver runs as a script: without this it would import whichever
        # workbench is installed rather than the one under test.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    window = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "window_driver.py"),
            str(project),
            str(seed),
            str(corpus),
            str(tmp_path / "window-export.jsonl"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    shown: dict[int, set[tuple[int, int, int, str]]] = {}
    ready = threading.Event()
    reader = threading.Thread(target=_reader, args=(window.stdout, shown, ready), daemon=True)
    reader.start()
    others: list[subprocess.Popen[bytes]] = []
    try:
        assert ready.wait(60), "the window did not start"
        cli = [sys.executable, "-m", "workbench"]
        other_corpus = tmp_path / "other"
        other_corpus.mkdir()
        (other_corpus / "x.txt").write_text("Başka bir haber. Erdoğan konuştu.\n", "utf-8")
        deadline = time.monotonic() + rng.uniform(1.5, 5.0)
        while time.monotonic() < deadline:
            assert window.poll() is None, "the window died by itself"
            assert not _wal_deleted(window.pid), "the window writes into a deleted WAL"
            others = [p for p in others if p.poll() is None]
            # One at a time, with gaps: a program that closes as the only other one
            # there is the one that would checkpoint and delete a WAL nobody locks.
            if not others and rng.random() < 0.3:
                command = rng.choice(
                    [
                        ["export", str(project), "-o", str(tmp_path / "cli-export.jsonl")],
                        ["import", str(project), str(other_corpus)],
                        ["translate", str(project)],
                    ]
                )
                others.append(
                    subprocess.Popen(
                        [*cli, *command],
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                )
            time.sleep(0.05)
        assert not _wal_deleted(window.pid)
    finally:
        window.send_signal(signal.SIGKILL)
        window.wait()
        for p in others:
            p.wait(timeout=120)
    reader.join(timeout=5)
    assert shown, "the window showed nothing before it was killed"

    conn = sqlite3.connect(project)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for doc_id, rows in shown.items():
        stored = set(
            conn.execute(
                'SELECT id, start, "end", label FROM mentions WHERE document_id = ?', (doc_id,)
            ).fetchall()
        )
        assert rows <= stored, f"shown but lost in document {doc_id}: {rows - stored}"
    conn.close()
