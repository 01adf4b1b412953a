"""The ``backup`` command: a consistent copy of a project, safe while the window is open.

A thin layer over :mod:`workbench.storage.backup`; File › Back up project... in the
window runs the same job.
"""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import PROJECT_ARG, run_job
from workbench.errors import KnownError
from workbench.storage.backup import backup_project, backups_of


@click.command("backup")
@PROJECT_ARG
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write the copy to (replaced if it exists).",
)
@click.option(
    "--list",
    "list_",
    is_flag=True,
    help="List the rolling backups the window keeps beside PROJECT, newest first.",
)
def backup_command(project: Path, output: Path | None, list_: bool) -> None:
    """Copy PROJECT to a new file with SQLite's online backup: consistent at one commit,
    even while the window or another program writes to it.

    The copy is an ordinary project file (open it, or back it up again to restore it
    under another name). With --list, shows the rolling backups instead.
    """
    if list_:
        for path in backups_of(project):
            click.echo(str(path))
        return
    if output is None:
        raise KnownError("give the file to write with -o FILE (or --list)")
    run_job(backup_project(project, output), "Backing up")
    click.echo(f"backed up {project} to {output}", err=True)


COMMANDS = [backup_command]
