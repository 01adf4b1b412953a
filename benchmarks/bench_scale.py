"""A project of 10,000 to 100,000 documents: import, window, export, Translate All.

The corpus comes from :mod:`corpus` (lengths and scripts drawn from the seeds, tr/fa/ar,
with annotations, half of it translated), written once per size into ``--data`` (not the
repository: 100,000 documents are about 1.4 GB of JSONL). Each measurement runs in a
fresh process, so its peak resident memory (``ru_maxrss``) is its own:

* import: the one JSONL file into a new project (documents/s, peak memory);
* window: open the window on the project until the document list is painted; a filter
  keystroke, a click on each column header (both orders), a refresh while sorted, the
  row of a document, a switch to another document, each until painted; peak memory;
* export: the whole project to JSONL (documents/s, peak memory);
* translate: Translate All with the small real test model (tests/support/argos_model.py,
  one per language): seconds until the first translation is stored, and peak memory
  after ``--translate-seconds`` of work (then cancelled), to compare across sizes.

Medians over ``--runs`` processes (and over the repeated actions inside each), printed
beside the figures measured on main before this work (issue 13) where there is one.

    python benchmarks/bench_scale.py [--docs 10000 30000 100000] [--runs 3]
        [--data /work/bench-data] [--only import,window,export,translate]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # for tests.support (after PYTHONPATH: --before code first)

# Measured on main before this work, 100,000 generated documents (issue 13).
BEFORE_COMMIT = "af5fa1a"  # main before this work
BEFORE = {
    "open": "0.22 s (fill the list)",
    "filter": "230 ms",
    "sort": "6,400 ms",
    "refresh": "6,900 ms (while sorted)",
    "row": "7.3 ms (linear scan)",
    "import_rss": "1,074 MB",
    "export_rss": "29 MB",
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


# -- the measurements, each in its own process ------------------------------------------
def child_import(jsonl: Path, project_path: Path) -> dict[str, Any]:
    from workbench.ops.importing import ImportJob
    from workbench.storage.project import Project

    _remove(project_path)
    start = time.perf_counter()
    with Project.open(project_path) as project:
        job = ImportJob(project, [jsonl])
        for _ in job.run():
            pass
    seconds = time.perf_counter() - start
    assert not job.report.refused, job.report.refused
    return {"seconds": seconds, "docs": len(job.report.imported), "rss": _peak_mb()}


def child_window(project_path: Path) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["WORKBENCH_OFFLINE"] = "1"
    from PySide6.QtCore import Qt

    from workbench.gui.common.app import make_app
    from workbench.gui.window.main_window import MainWindow
    from workbench.storage import listing

    app = make_app()
    start = time.perf_counter()
    window = MainWindow(None, online=False)
    window.resize(1400, 860)
    window.show()
    window.open_project(project_path, create=False)
    documents = window.documents
    documents.table.viewport().grab()
    opened = time.perf_counter() - start
    app.processEvents()

    def timed(action: Any) -> float:
        begin = time.perf_counter()
        action()
        documents.table.viewport().grab()
        return (time.perf_counter() - begin) * 1000

    keys = []
    for text in ("0", "00", "000", "0001", "", "خ", "خب", "خبر", "", "p", "pe", "persian", ""):
        keys.append(timed(lambda t=text: documents.filter_edit.setText(t)))
    sorts = {}
    for column in range(6):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            sorts[(column, order.name)] = timed(
                lambda c=column, o=order: documents.table.sortByColumn(c, o)
            )
    refreshes = [timed(window.refresh_documents) for _ in range(5)]
    conn = window.project.conn if window.project else None
    assert conn is not None
    count = documents.model.rowCount()
    rng = random.Random(3)
    ids = [documents.model.document(rng.randrange(count)).id for _ in range(20)]
    rows = []  # a document anywhere in the list: a count in SQL
    for doc_id in ids:
        begin = time.perf_counter()
        listing.row_of(conn, documents.model.query, doc_id)
        rows.append((time.perf_counter() - begin) * 1000)
    shown = []  # the shown document, after each annotation change: among the rows kept
    documents.select(ids[0])
    documents.table.viewport().grab()
    for _ in range(20):
        begin = time.perf_counter()
        documents.model.row_of(ids[0])
        shown.append((time.perf_counter() - begin) * 1000)
    switches = []
    for doc_id in ids[:10]:
        begin = time.perf_counter()
        documents.select(doc_id)
        window.source.viewport().grab()
        window.translation.grab()
        switches.append((time.perf_counter() - begin) * 1000)
    scans = {}
    for name, sql in (
        ("documents", "SELECT id, source, status FROM documents"),
        ("document_list", "SELECT id, source, status FROM document_list"),
    ):
        begin = time.perf_counter()
        conn.execute(sql).fetchall()
        scans[name] = (time.perf_counter() - begin) * 1000
    result = {
        "open": opened,
        "filter": statistics.median(keys),
        "filter_max": max(keys),
        "sort": statistics.median(sorts.values()),
        "sort_max": max(sorts.values()),
        "refresh": statistics.median(refreshes),
        "row": statistics.median(rows),
        "row_shown": statistics.median(shown),
        "switch": statistics.median(switches),
        "scan_documents": scans["documents"],
        "scan_list": scans["document_list"],
        "rss": _peak_mb(),
    }
    window.close()
    return result


def child_export(project_path: Path, out: Path) -> dict[str, Any]:
    from workbench.ops.exporting import export_jsonl
    from workbench.storage.project import Project

    with Project.open(project_path) as project:
        start = time.perf_counter()
        steps = 0
        for progress in export_jsonl(project, out):
            steps = progress.done
        seconds = time.perf_counter() - start
    out.unlink()
    return {"seconds": seconds, "docs": steps, "rss": _peak_mb()}


def _translate_job_before() -> Any:
    """TranslateJob as it was before this work (git), run against today's storage."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{BEFORE_COMMIT}:workbench/ops/translating.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType("translating_before")
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    exec(compile(source, "translating_before.py", "exec"), module.__dict__)
    return module.TranslateJob


def child_translate(
    project_path: Path, packages: Path, seconds: float, before: bool = False
) -> dict[str, Any]:
    from workbench.ops.translating import TranslateJob as Today
    from workbench.storage.project import Project

    TranslateJob = _translate_job_before() if before else Today

    with Project.open(project_path) as project:
        start = time.perf_counter()
        job = TranslateJob(project, packages_dir=packages, beam_size=1)
        stream = job.run()
        first = None
        done = 0
        for progress in stream:
            now = time.perf_counter() - start
            if first is None and sum(job.report.translated.values()) > 0:
                first = now
            done = progress.done
            if now > seconds:
                break
        stream.close()  # Cancel
        elapsed = time.perf_counter() - start
    return {
        "first": first,
        "seconds": elapsed,
        "done": done,
        "translated": sum(job.report.translated.values()),
        "rss": _peak_mb(),
    }


def _packages(data: Path) -> Path:
    sys.path.insert(0, str(ROOT))  # this checkout's tests.support, before any other "tests"
    from tests.support.argos_model import build_package
    from workbench.translation.packages import install_package, models_to

    folder = data / "packages"
    folder.mkdir(parents=True, exist_ok=True)
    if set(models_to("en", folder)) >= {"tr", "fa", "ar"}:
        return folder
    archives = data / "archives"
    archives.mkdir(exist_ok=True)
    for lang in ("tr", "fa", "ar"):
        install_package(build_package(archives, lang), folder)
    return folder


# -- driving -------------------------------------------------------------------------------
def _before_code(data: Path) -> Path:
    """The workbench package as it was before this work, unpacked from git."""
    folder = data / f"before-{BEFORE_COMMIT}"
    if not (folder / "workbench").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BEFORE_COMMIT, "workbench"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def _run(*args: str, code: Path | None = None) -> dict[str, Any]:
    env = dict(os.environ)
    if code is not None:  # that workbench package first on the path
        env["PYTHONPATH"] = str(code)
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if out.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _median(rows: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in rows if r.get(key) is not None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=Path("/work/bench-data"))
    parser.add_argument("--only", default="import,window,export,translate")
    parser.add_argument("--translate-seconds", type=float, default=30.0)
    parser.add_argument(
        "--before",
        action="store_true",
        help="also run import, export and Translate All as they were before this work"
        " (from git), for their figures",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "import":
            result = child_import(Path(rest[0]), Path(rest[1]))
        elif kind == "window":
            result = child_window(Path(rest[0]))
        elif kind == "export":
            result = child_export(Path(rest[0]), Path(rest[1]))
        else:
            result = child_translate(
                Path(rest[0]), Path(rest[1]), float(rest[2]), kind == "translate-before"
            )
        print(json.dumps(result))
        return

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import describe, write_jsonl

    only = set(args.only.split(","))
    args.data.mkdir(parents=True, exist_ok=True)
    for count in args.docs:
        jsonl = args.data / f"corpus-{count}.jsonl"
        if not jsonl.exists():
            write_jsonl(jsonl, count)
        project = args.data / f"project-{count}.wbproj"
        print(f"\n== {count:,} documents: {describe(jsonl)}", flush=True)
        if "import" in only or not project.exists():
            runs = args.runs if "import" in only else 1
            rows = [_run("import", str(jsonl), str(project)) for _ in range(runs)]
            seconds = _median(rows, "seconds")
            print(
                f"import: median {seconds:.1f} s = {count / seconds:,.0f} docs/s "
                f"(goal >= 2,000); peak memory {_median(rows, 'rss'):,.0f} MB "
                f"(goal < 300; before: {BEFORE['import_rss']} at 100,000)",
                flush=True,
            )
        if args.before and "import" in only:
            code = _before_code(args.data)
            old_project = args.data / f"project-before-{count}.wbproj"
            rows = [_run("import", str(jsonl), str(old_project), code=code)]
            seconds = _median(rows, "seconds")
            print(
                f"import (before): {seconds:.1f} s = {count / seconds:,.0f} docs/s; "
                f"peak memory {_median(rows, 'rss'):,.0f} MB",
                flush=True,
            )
            if "export" in only:
                out = args.data / f"export-before-{count}.jsonl"
                rows = [_run("export", str(old_project), str(out), code=code)]
                seconds = _median(rows, "seconds")
                print(
                    f"export (before): {seconds:.1f} s = {count / seconds:,.0f} docs/s; "
                    f"peak memory {_median(rows, 'rss'):,.0f} MB",
                    flush=True,
                )
            _remove(old_project)
        if "window" in only:
            rows = [_run("window", str(project)) for _ in range(args.runs)]
            print(
                f"window open to painted list: {_median(rows, 'open'):.2f} s (goal < 1 s; "
                f"before: {BEFORE['open']})\n"
                f"filter keystroke: {_median(rows, 'filter'):.1f} ms, slowest "
                f"{_median(rows, 'filter_max'):.1f} ms (goal < 50; before: {BEFORE['filter']})\n"
                f"column sort: {_median(rows, 'sort'):.1f} ms, slowest "
                f"{_median(rows, 'sort_max'):.1f} ms (goal < 50; before: {BEFORE['sort']})\n"
                f"refresh while sorted: {_median(rows, 'refresh'):.1f} ms "
                f"(before: {BEFORE['refresh']})\n"
                f"row of the shown document (after an annotation change): "
                f"{_median(rows, 'row_shown'):.3f} ms (before: {BEFORE['row']}); of any "
                f"document, by a count in SQL: {_median(rows, 'row'):.2f} ms\n"
                f"switch document to first paint: {_median(rows, 'switch'):.1f} ms "
                f"(goal < 100)\n"
                f"SELECT id, source, status: documents {_median(rows, 'scan_documents'):.1f} ms,"
                f" document_list {_median(rows, 'scan_list'):.1f} ms\n"
                f"window peak memory: {_median(rows, 'rss'):,.0f} MB (goal < 400)",
                flush=True,
            )
        if "export" in only:
            out = args.data / f"export-{count}.jsonl"
            rows = [_run("export", str(project), str(out)) for _ in range(args.runs)]
            seconds = _median(rows, "seconds")
            print(
                f"export: median {seconds:.1f} s = {count / seconds:,.0f} docs/s (goal >= "
                f"5,000); peak memory {_median(rows, 'rss'):,.0f} MB "
                f"(before: {BEFORE['export_rss']})",
                flush=True,
            )
        if "translate" in only:
            packages = _packages(args.data)
            # On a copy: translations stored by one run would be cached for the next.
            kinds = ["translate", "translate-before"] if args.before else ["translate"]
            for kind in kinds:
                rows = []
                for _ in range(args.runs if kind == "translate" else 1):
                    copy = args.data / f"translate-{count}.wbproj"
                    _remove(copy)
                    with sqlite3.connect(project) as source, sqlite3.connect(copy) as target:
                        source.backup(target)
                    rows.append(_run(kind, str(copy), str(packages), str(args.translate_seconds)))
                    _remove(copy)
                first = [r["first"] for r in rows if r["first"] is not None]
                shown = (
                    f"{statistics.median(first):.2f} s"
                    if first
                    else f"none within {args.translate_seconds:.0f} s"
                )
                print(
                    f"Translate All{' (before)' if kind != 'translate' else ''}: first "
                    f"translation stored after {shown} (goal < 5 s); peak memory "
                    f"{_median(rows, 'rss'):,.0f} MB after {_median(rows, 'seconds'):.0f} s "
                    f"({_median(rows, 'translated'):,.0f} sentences translated)",
                    flush=True,
                )


if __name__ == "__main__":
    main()
