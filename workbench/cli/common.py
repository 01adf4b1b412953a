"""What every command shares: the error-mapping group, opening a project, progress bars.

Errors a user can cause (:class:`KnownError`) become one line on stderr and exit
status 1; Ctrl+C becomes "cancelled" and status 130. Anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from workbench.errors import KnownError
from workbench.ops import projects
from workbench.progress import Progress
from workbench.storage.project import Project


class Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KnownError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("cancelled", err=True)
            ctx.exit(130)


def open_project(path: str | Path, *, create: bool = False) -> Project:
    """Open (or create, with the default schema) a project: :mod:`workbench.ops.projects`."""
    return projects.open_project(path, create=create)


PROJECT_ARG = click.argument("project", type=click.Path(dir_okay=False, path_type=Path))


def run_job(job: Iterator[Progress], label: str) -> None:
    """Drive a job; a progress bar on a terminal's stderr, silence when piped."""
    if not sys.stderr.isatty():
        for _ in job:
            pass
        return
    first = next(job, None)
    if first is None:
        return
    with click.progressbar(
        length=first.total or 0, label=label, file=sys.stderr, show_pos=True
    ) as bar:
        seen = first.done
        bar.update(seen)
        for progress in job:
            if progress.total is not None and progress.total != bar.length:
                bar.length = progress.total
            bar.update(progress.done - seen)
            seen = progress.done
