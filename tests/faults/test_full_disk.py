"""A full disk or a read-only file during a tag, an import and a translation.

Each says so in a sentence the user can act on, keeps nothing half-written, and the
work goes on once space is freed. The window's tag runs on its own connection with
``PRAGMA max_page_count`` holding the file at its size (SQLite then fails exactly as on
a full disk); the import and the translation run through the real command line on a
real full file system: a small tmpfs in a mount namespace of their own.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.driving import select_by_keys, show, stored_mentions
from workbench.errors import ProjectError
from workbench.ops import annotating as ops
from workbench.storage.project import Project


def _fill_to_the_brim(project: Project, doc_id: int, start: int, end: int) -> None:
    """Hold the file at its size and fill the mentions' pages until nothing more fits.

    Rows shaped like the next mention (same document, span and label) go in until 50
    in a row are refused: the table's last page is then full, so the next one needs
    a page that the file may not grow.
    """
    c = project.conn
    c.execute(f"PRAGMA max_page_count = {c.execute('PRAGMA page_count').fetchone()[0]}")
    refused = 0
    while refused < 50:
        try:
            ops.add_mention(project, doc_id, start, end, "PER", annotator="ayşe")
            refused = 0
        except ProjectError as exc:
            assert "disk is full" in str(exc)
            refused += 1


def test_a_tag_on_a_full_disk_says_so_and_keeps_nothing_then_works_again(
    window, qtbot, seeded_path: Path, annotator: str, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    doc_id = show(window, "002")
    view = window.source
    start = view.text.index("ترامپ")
    end = start + len("ترامپ")
    project = window.project
    _fill_to_the_brim(project, doc_id, start, end)
    before = stored_mentions(seeded_path)

    select_by_keys(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert stored_mentions(seeded_path) == before
    assert len(errors) == 1, errors
    assert "disk is full" in errors[0] and "not saved" in errors[0]
    assert "rollback" not in errors[0].lower()
    shown = window.tagger.annotations.rows
    assert len(shown) == len(stored_mentions(seeded_path, doc_id)), "shown but not saved"
    assert not window.undo_stack.canUndo() or window.undo_stack.undoText() != "Add PER Mention"

    project.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    start = view.text.index("پوتین")
    select_by_keys(qtbot, view, start, start + len("پوتین"))
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert len(stored_mentions(seeded_path)) == len(before) + 1
    assert len(errors) == 1


def test_the_real_error_is_reported_not_a_failed_rollback(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.wbproj") as project:
        c = project.conn
        c.execute("CREATE TABLE filler (x BLOB)")
        c.execute(f"PRAGMA max_page_count = {c.execute('PRAGMA page_count').fetchone()[0] + 2}")
        with pytest.raises(ProjectError) as info, project.transaction():
            c.execute("INSERT INTO filler VALUES (zeroblob(100000))")
        assert "disk is full" in str(info.value)
        assert not c.in_transaction
        assert c.execute("SELECT count(*) FROM filler").fetchone()[0] == 0


# -- the command line on a real full file system -----------------------------------------
NAMESPACE_RUN = textwrap.dedent(
    """
    import json, os, shutil, sqlite3, subprocess, sys
    from pathlib import Path

    project, corpus, mount, size, command, readonly = sys.argv[1:7]
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mount], check=True)
    target = Path(mount) / "p.wbproj"
    shutil.copy(project, target)
    filler = Path(mount) / "filler"
    if readonly == "1":
        subprocess.run(["mount", "-o", "remount,ro", mount], check=True)
    else:
        with open(filler, "wb") as out:  # leave 96 KiB free
            free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
            out.write(b"\\0" * max(0, free - 96 * 1024))
    cmd = [sys.executable, "-m", "workbench", command, str(target)]
    if command == "import":
        cmd.append(corpus)
    first = subprocess.run(cmd, capture_output=True, text=True)
    result = {"rc": first.returncode, "stderr": first.stderr}
    if readonly == "1":
        subprocess.run(["mount", "-o", "remount,rw", mount], check=True)
    conn = sqlite3.connect(target)
    result["integrity"] = conn.execute("PRAGMA integrity_check").fetchone()[0]
    result["whole"] = all(
        n > 0 for (n,) in conn.execute(
            "SELECT (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) FROM documents d"
        )
    )
    conn.close()
    if filler.exists():
        filler.unlink()  # space freed
    second = subprocess.run(cmd, capture_output=True, text=True)
    result["rc_after"] = second.returncode
    result["stderr_after"] = second.stderr
    conn = sqlite3.connect(target)
    result["documents"] = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    result["translated"] = conn.execute("SELECT count(*) FROM translations").fetchone()[0]
    result["sentences"] = conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
    conn.close()
    print(json.dumps(result))
    """
)


def _in_namespace(
    tmp_path: Path,
    project: Path,
    command: str,
    *,
    size: str = "4m",
    readonly: bool = False,
    env: dict[str, str] | None = None,
) -> dict:  # type: ignore[type-arg]
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("needs unshare and mount")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow mount namespaces")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for i in range(300):
        (corpus / f"n{i:03d}.txt").write_text(
            f"Haber {i}. " + "Trump ve Putin Alaska'da görüştü. " * 40 + "\n", encoding="utf-8"
        )
    done = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            sys.executable,
            "-c",
            NAMESPACE_RUN,
            str(project),
            str(corpus),
            str(mount),
            size,
            command,
            "1" if readonly else "0",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_an_import_on_a_full_disk(tmp_path: Path, seeded_path: Path) -> None:
    result = _in_namespace(tmp_path, seeded_path, "import")
    assert result["rc"] == 1, result
    assert "disk is full" in result["stderr"], result["stderr"]
    assert "Traceback" not in result["stderr"]
    assert result["integrity"] == "ok" and result["whole"]
    assert result["rc_after"] == 0, result["stderr_after"]
    assert result["documents"] == 5 + 300


def test_a_translation_on_a_full_disk(tmp_path: Path, seeded_path: Path, all_models: Path) -> None:
    import os

    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(all_models)}
    result = _in_namespace(tmp_path, seeded_path, "translate", size="2m", env=env)
    assert result["rc"] == 1, result
    assert "disk is full" in result["stderr"], result["stderr"]
    assert "Traceback" not in result["stderr"]
    assert result["integrity"] == "ok"
    assert result["rc_after"] == 0, result["stderr_after"]
    assert result["translated"] == result["sentences"]


def test_an_import_into_a_read_only_project(tmp_path: Path, seeded_path: Path) -> None:
    result = _in_namespace(tmp_path, seeded_path, "import", readonly=True)
    assert result["rc"] == 1, result
    assert "read-only" in result["stderr"], result["stderr"]
    assert "Traceback" not in result["stderr"]
    assert result["integrity"] == "ok"
    assert result["rc_after"] == 0, result["stderr_after"]
