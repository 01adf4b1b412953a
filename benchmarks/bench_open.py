"""Time to open a 1 MB document in the window and lay it out.

The document is the five seeds (Turkish, Persian, Arabic) concatenated until it holds
1 MB of UTF-8, imported into a temporary project. Each run shows it in a fresh main
window, as clicking it in the document list does, and times:

* open: reading it from the project, filling the source pane (text, paragraph
  directions, sentences, broken-line marks) and the translation pane, and painting the
  first screen -- what the user waits for before reading (goal < 0.5 s);
* full layout: laying out the rest of the document, which Qt otherwise does in the
  background while the user reads, to the last line.

    python benchmarks/bench_open.py [--runs 5] [--mb 1.0]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_document(folder: Path, megabytes: float) -> Path:
    parts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    text = ""
    while len(text.encode("utf-8")) < megabytes * 1_000_000:
        text += "\n\n".join(parts) + "\n\n"
    path = folder / "big.txt"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=float, default=1.0)
    args = parser.parse_args()
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from workbench.gui.common.app import make_app
    from workbench.gui.window.main_window import MainWindow
    from workbench.ops.importing import ImportJob
    from workbench.storage import documents as store_docs
    from workbench.storage.project import Project

    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = make_document(root, args.mb)
        project_path = root / "bench.wbproj"
        with Project.open(project_path) as project:
            job = ImportJob(project, [source])
            for _ in job.run():
                pass
            doc_id = job.report.imported[0][0]
            info = store_docs.list_documents(project.conn, [doc_id])[0]
        size = source.stat().st_size
        print(
            f"document: {size / 1e6:.2f} MB, {len(source.read_text(encoding='utf-8')):,} "
            f"characters, {info.sentences:,} sentences"
        )
        opens, fulls, sources_only = [], [], []
        for _ in range(args.runs):
            window = MainWindow(None, online=False)
            window.resize(1400, 860)
            window.show()
            window.open_project(project_path, create=False)
            window.documents.filter_edit.setText("")
            start = time.perf_counter()
            window.show_document(doc_id)
            window.source.grab()  # paint the first screen (and margin): laid out as far as shown
            window.translation.grab()
            opened = time.perf_counter()
            document = window.source.document()
            document.documentLayout().blockBoundingRect(document.lastBlock())
            done = time.perf_counter()
            opens.append(opened - start)
            fulls.append(done - opened)
            doc = store_docs.get_document(window.project.conn, doc_id)
            start = time.perf_counter()
            window.source.show_document(doc)
            window.source.viewport().grab()
            sources_only.append(time.perf_counter() - start)
            window.close()
            window.deleteLater()
            app.sendPostedEvents()
        print(
            f"open (read, both panes, first screen painted): median {statistics.median(opens):.3f} s"
            f" over {args.runs} runs (goal < 0.5 s); min {min(opens):.3f} s"
        )
        print(f"  of which the source pane alone: median {statistics.median(sources_only):.3f} s")
        print(
            f"full layout of the rest (done in the background while reading): "
            f"median {statistics.median(fulls):.3f} s"
        )
        print(
            f"open + full layout: median "
            f"{statistics.median(o + f for o, f in zip(opens, fulls, strict=True)):.3f} s"
        )


if __name__ == "__main__":
    main()
