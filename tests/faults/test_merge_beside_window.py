"""Merging from a project whose window is open and writing: the source stays whole.

A real second process holds the source open (the window's connection), writes, opens
and closes a second connection (a background job), and writes again after the merge;
``workbench merge`` reads the source meanwhile from another process. The source's WAL
must never be deleted under the writer, every mention it saved must survive a kill -9,
and the target gets the source as it was at one commit.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import SEEDS
from tests.faults.test_wal_kept import _wal_deleted
from workbench.ops.importing import ImportJob
from workbench.ops.projects import open_project
from workbench.storage import annotations as store

HOLDER = textwrap.dedent(
    """
    import sys
    from workbench.ops import annotating as ops
    from workbench.storage.project import Project

    path = sys.argv[1]
    window = Project.open(path, create=False)
    ops.add_mention(window, 1, 0, 5, "PER", annotator="ayşe")
    job = Project.open(path, create=False)
    job.close()
    print("ready", flush=True)
    sys.stdin.readline()                       # the merge runs meanwhile
    ops.add_mention(window, 1, 9, 13, "PER", annotator="ayşe")
    print("added", flush=True)
    sys.stdin.readline()                       # killed here
    """
)


def test_merging_from_an_open_writing_window_is_safe(tmp_path: Path) -> None:
    source, target = tmp_path / "laptop.wbproj", tmp_path / "team.wbproj"
    for path in (source, target):
        with open_project(path, create=True) as p:
            list(ImportJob(p, [SEEDS / "001_d5152aefd5127724.txt"]).run())
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(source)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "ready"
        merged = subprocess.run(
            [sys.executable, "-m", "workbench", "merge", str(target), str(source)],
            capture_output=True,
            text=True,
        )
        assert merged.returncode == 0, merged.stderr
        assert "  mentions: 1 came in, 0 already there" in merged.stdout
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "added"
        assert not _wal_deleted(holder.pid), "the window is writing into a deleted WAL"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with open_project(source) as p:
        spans = [(m.start, m.end) for m in store.mentions_of(p.conn, 1)]
    assert spans == [(0, 5), (9, 13)], "a mention the window had saved is gone"
    with open_project(target) as p:
        assert [(m.start, m.end) for m in store.mentions_of(p.conn, 1)] == [(0, 5)]
