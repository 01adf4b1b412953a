"""Annotating a big document: opening it with 20,000 mentions, adding one, scrolling.

The document is the five seeds concatenated to 1 MB (as in ``bench_open.py``) with
20,000 mentions spread over its words, one in ten spanning two words so that some
overlap. Each run opens it in a fresh main window and times:

* open: reading the document and its mentions, filling both panes, the highlights and
  the mention list, and painting the first screen (goal < 0.5 s); the same document
  without mentions is timed too, so the mentions' own cost shows;
* add: what pressing a label key over a selection does -- snapping, the undo command,
  the transaction committed to the project file, the list and highlight updates -- and
  then repainting the text (``viewport().repaint()``), for words on screen (goal < 16 ms);
* scroll: jumping a few screens down and repainting (new highlights are built there).

    python benchmarks/bench_annotate.py [--runs 5] [--adds 40] [--mentions 20000]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

from bench_open import make_document


def ms(values: list[float]) -> str:
    p90 = statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]
    return (
        f"median {statistics.median(values) * 1000:.1f} ms (90th percentile {p90 * 1000:.1f},"
        f" max {max(values) * 1000:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--adds", type=int, default=40)
    parser.add_argument("--mentions", type=int, default=20_000)
    args = parser.parse_args()
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtTest import QTest

    from workbench.core.model import Mention
    from workbench.gui.annotation.tagger import ANNOTATOR_KEY
    from workbench.gui.common.app import make_app, settings
    from workbench.gui.window.main_window import MainWindow
    from workbench.ops.importing import ImportJob
    from workbench.storage import annotations as store
    from workbench.storage.project import Project

    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # The user's own settings (recent projects, annotator) stay untouched.
        QStandardPaths.setTestModeEnabled(True)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(root / "settings")
        )
        settings().setValue(ANNOTATOR_KEY, "bench")
        source = make_document(root, 1.0)
        plain_copy = root / "plain.txt"
        plain_copy.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        project_path = root / "bench.wbproj"
        with Project.open(project_path) as project:
            job = ImportJob(project, [source, plain_copy])
            for _ in job.run():
                pass
            (doc_id, _), (plain_id, _) = job.report.imported[:2]
            text = project.conn.execute(
                "SELECT text FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()[0]
            words = [m.span() for m in re.finditer(r"\w+", text)]
            step = len(words) / args.mentions
            with project.transaction() as conn:
                for n in range(args.mentions):
                    i = int(n * step)
                    start, end = words[i]
                    if n % 10 == 0 and i + 1 < len(words):  # some overlap the next mention
                        end = words[i + 1][1]
                    store.insert_mention(
                        conn, Mention(0, doc_id, start, end, ("PER", "ORG", "GPE")[n % 3])
                    )
        print(
            f"document: {len(text.encode('utf-8')) / 1e6:.2f} MB, {len(text):,} characters, "
            f"{args.mentions:,} mentions"
        )

        opens, plain_opens, adds, scrolls = [], [], [], []
        for _ in range(args.runs):
            window = MainWindow(None, online=False)
            window.resize(1400, 860)
            window.show()
            QTest.qWaitForWindowExposed(window)
            window.open_project(project_path, create=False)
            for target, times in ((plain_id, plain_opens), (doc_id, opens)):
                start = time.perf_counter()
                window.show_document(target)
                window.source.grab()  # paint the first screen, as bench_open.py does
                window.translation.grab()
                times.append(time.perf_counter() - start)
            assert window.tagger.panel.model.rowCount() == args.mentions
            view, tagger = window.source, window.tagger
            view.viewport().repaint()
            first, last = tagger.highlights.visible_range()
            candidates = [w for w in words if first <= w[0] and w[1] <= last]
            for start, end in candidates[: args.adds]:
                view.setTextCursor(view.cursor_for(start, end))
                began = time.perf_counter()
                tagger.label_selection("LOC")
                view.viewport().repaint()
                adds.append(time.perf_counter() - began)
            bar = view.verticalScrollBar()
            for _ in range(5):
                began = time.perf_counter()
                bar.setValue(bar.value() + 3 * view.viewport().height())
                view.viewport().repaint()
                scrolls.append(time.perf_counter() - began)
            assert tagger.panel.model.rowCount() == args.mentions + min(args.adds, len(candidates))
            window.close()
            window.deleteLater()
            app.sendPostedEvents()
            with Project.open(project_path, create=False) as project, project.transaction() as conn:
                conn.execute("DELETE FROM mentions WHERE label = 'LOC'")  # the next run adds again
        print(
            f"open with {args.mentions:,} mentions: median {statistics.median(opens):.3f} s over "
            f"{args.runs} runs (goal < 0.5 s); min {min(opens):.3f} s"
        )
        print(
            f"  the same document without mentions: median {statistics.median(plain_opens):.3f} s"
        )
        print(f"add one mention + repaint: {ms(adds)} over {len(adds)} adds (goal < 16 ms)")
        print(f"scroll three screens + repaint: {ms(scrolls)}")


if __name__ == "__main__":
    main()
