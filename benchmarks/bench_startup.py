"""Start-up time of ``workbench open PROJECT``: to the first painted window, and to exit.

Each run starts a fresh interpreter on the real entry point (``workbench open`` on a
project holding the five seeds) with Qt offscreen unless a display is set. The child
notes the wall-clock time of the window's first paint event, then closes the window;
the parent reports, as medians over the runs:

* first paint: from spawning the process to the first painted main window (interpreter
  start, imports, QApplication, fonts, opening the project, showing the first document);
* close: from asking the window to close to the process's exit.

    python benchmarks/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def child(project: str) -> None:
    """Run ``workbench open PROJECT``; print the paint time and the close request time."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from workbench.cli.main import cli
    from workbench.gui.common import app as gui_app

    make_app = gui_app.make_app

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
            if not self.done and event.type() == QEvent.Type.Paint:
                window = getattr(watched, "window", lambda: None)()
                if window is not None and window.objectName() == "mainWindow":
                    self.done = True
                    print(f"paint {time.time():.6f}", flush=True)
                    QTimer.singleShot(0, close)
            return False

    def close() -> None:
        print(f"close {time.time():.6f}", flush=True)
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow":
                widget.close()

    watcher = FirstPaint()

    def instrumented(argv: list[str] | None = None) -> QApplication:
        app = make_app(argv)
        app.installEventFilter(watcher)
        return app

    gui_app.make_app = instrumented
    cli(["open", project], prog_name="workbench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env["XDG_CONFIG_HOME"] = str(root / "config")  # the window's settings, not the user's
        env["XDG_DATA_HOME"] = str(root / "data")
        project = root / "seeds.wbproj"
        subprocess.run(
            [sys.executable, "-m", "workbench", "import", str(project), str(SEEDS)],
            check=True,
            capture_output=True,
            env=env,
        )
        paints, closes = [], []
        for _ in range(args.runs):
            start = time.time()
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(project)],
                capture_output=True,
                text=True,
                env=env,
            )
            ended = time.time()
            stamps = dict(line.split() for line in out.stdout.splitlines() if " " in line)
            if "paint" not in stamps:
                raise SystemExit(f"no paint reported:\n{out.stdout}\n{out.stderr}")
            paints.append(float(stamps["paint"]) - start)
            closes.append(ended - float(stamps["close"]))
    print(
        f"workbench open: first paint median {statistics.median(paints):.3f} s "
        f"(min {min(paints):.3f} s), close to exit median {statistics.median(closes):.3f} s "
        f"(max {max(closes):.3f} s), over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
