"""The ``workbench`` entry point: the command group and its registered commands.

``workbench`` with no command opens the window on the last project (or a new default
one); every other command works without a display and never loads Qt.
"""

from __future__ import annotations

import click

from workbench import __version__
from workbench.cli import (
    backup,
    direction,
    documents,
    kb,
    schema,
    search,
    team,
    translation,
    window,
)
from workbench.cli.common import Group


@click.group(
    cls=Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="workbench")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Annotate and translate Turkish, Persian and Arabic news, offline.

    Documents live in a project file (SQLite). Import text or JSONL, read each document
    beside its machine translation, tag entities and events, export JSONL. Without a
    command, opens the window on the last project.
    """
    if ctx.invoked_subcommand is None:
        window.open_default()


for command in [
    *documents.COMMANDS,
    *schema.COMMANDS,
    *translation.COMMANDS,
    *window.COMMANDS,
    *backup.COMMANDS,
    *team.COMMANDS,
    *kb.COMMANDS,
    *search.COMMANDS,
]:
    cli.add_command(command)
cli.add_command(direction.direction_command)


def main() -> None:
    cli(prog_name="workbench")
