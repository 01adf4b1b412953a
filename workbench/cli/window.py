"""Commands that need Qt: ``open`` (the window) and ``render`` (a document to PNG).

Qt is imported inside the command functions only, so ``workbench --help`` and every
other command start without loading it. ``open`` without PROJECT, and ``workbench``
with no subcommand, open the window on the last project, or on a new one in the user's
data folder the first time. Before Qt starts, a missing display or a missing xcb
library (:mod:`.display`) is reported in one line instead of Qt's abort.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from workbench.cli.common import PROJECT_ARG, open_project
from workbench.cli.display import library_problem
from workbench.errors import KnownError
from workbench.storage import documents as store_docs


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _run_window(project: Path | None, paths: tuple[Path, ...] = ()) -> int:
    if not _has_display():
        raise KnownError(
            "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
            "run it in a desktop session, or use `workbench render` for an image"
        )
    problem = library_problem(os.environ, sys.platform)
    if problem is not None:
        raise KnownError(problem)
    from workbench.gui.common.app import default_project_path, last_project, make_app
    from workbench.gui.common.dialogs import install_excepthook
    from workbench.gui.window.main_window import MainWindow

    app = make_app()
    install_excepthook()
    if project is None:
        last = last_project()
        project = last if last is not None and last.exists() else default_project_path()
    # Refuse an unusable project file here, with the CLI's one-line error, before any window.
    open_project(project, create=True).close()
    window = MainWindow(project, online=None)
    window.show()
    if paths:
        window.import_paths(list(paths))
    return app.exec()


@click.command("open")
@click.argument("project", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.argument(
    "paths", nargs=-1, metavar="[PATH]...", type=click.Path(exists=True, path_type=Path)
)
def open_command(project: Path | None, paths: tuple[Path, ...]) -> None:
    """Open the workbench window on PROJECT, importing PATHs into it first.

    Without PROJECT, opens the last project used (or a new default one, as `workbench`
    alone does). PROJECT is created if it does not exist. PATHs are .txt or .jsonl
    files or folders (searched recursively), imported with a progress bar in the window.
    """
    raise SystemExit(_run_window(project, paths))


def open_default() -> None:
    """Open the window on the last project used, or on a new default project."""
    raise SystemExit(_run_window(None))


@click.command("render")
@PROJECT_ARG
@click.argument("doc")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PNG file to write.",
)
@click.option(
    "--width",
    default=900,
    show_default=True,
    type=click.IntRange(200, 10_000),
    help="Image width in pixels; the text is wrapped to it.",
)
def render_command(project: Path, doc: str, output: Path, width: int) -> None:
    """Draw document DOC (an id or a source file name) of PROJECT to a PNG image.

    The image shows the source text as the window does: each paragraph in its own
    direction, broken PDF lines marked, highlights drawn. No display is needed.
    """
    with open_project(project) as proj:
        document = store_docs.get_document(proj.conn, store_docs.find_document(proj.conn, doc))
    if not output.parent.exists():
        raise KnownError(f"{output}: the folder {output.parent} does not exist")
    # An image needs no display: offscreen always works, even without the xcb libraries.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problem = library_problem(os.environ, sys.platform)
    if problem is not None:
        raise KnownError(problem)
    from workbench.gui.common.app import make_app
    from workbench.gui.document.render import render_document

    make_app()
    image, cut = render_document(document, width)
    if not image.save(str(output), "PNG"):  # type: ignore[call-overload]  # the stubs say bytes; PySide wants str
        raise KnownError(f"{output}: cannot write the image")
    note = " (cut at the maximum height)" if cut else ""
    click.echo(f"{output}: {image.width()}x{image.height()} pixels{note}")


COMMANDS = [open_command, render_command]
