"""Another program on the project file never deletes the WAL under an open window.

On POSIX, closing any descriptor of a file drops every ``fcntl`` lock the process holds
on it, SQLite's included. If the workbench ever opened and closed the project file
outside SQLite while a connection was open (a background job opening its own
connection, say), the next program to close its connection would find no other reader,
checkpoint, and delete the WAL the window is still writing into: its later commits
would go to a deleted file and vanish at the next crash.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import SEEDS
from workbench.ops.importing import ImportJob
from workbench.storage import annotations as store
from workbench.storage.project import Project

HOLDER = textwrap.dedent(
    """
    import sys
    from workbench.ops import annotating as ops
    from workbench.storage.project import Project

    path = sys.argv[1]
    window = Project.open(path, create=False)          # the window's own connection
    ops.add_mention(window, 1, 0, 3, "PER")
    job = Project.open(path, create=False)             # a background job's connection
    job.close()
    print("ready", flush=True)
    sys.stdin.readline()                               # another program reads meanwhile
    second = ops.add_mention(window, 1, 4, 9, "ORG")
    print("added", second.id, flush=True)
    sys.stdin.readline()                               # killed here
    """
)


def _wal_deleted(pid: int) -> bool:
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.endswith("-wal (deleted)"):
            return True
    return False


def test_a_reader_closing_does_not_delete_the_wal_of_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "p.wbproj"
    with Project.open(path) as project:
        list(ImportJob(project, [SEEDS / "001_d5152aefd5127724.txt"]).run())
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "ready"
        # Any other program: our own export, an sqlite3 shell, a backup script.
        exported = subprocess.run(
            [sys.executable, "-m", "workbench", "export", str(path), "-o", "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(exported.stdout.splitlines()[0])["entities"]
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().startswith("added")
        assert not _wal_deleted(holder.pid), "the window is writing into a deleted WAL"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with Project.open(path, create=False) as project:
        spans = [(m.start, m.end, m.label) for m in store.mentions_of(project.conn, 1)]
    assert spans == [(0, 3, "PER"), (4, 9, "ORG")], "a mention the window had saved is gone"
