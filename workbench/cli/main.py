"""The ``workbench`` entry point: the command group and its registered commands."""

from __future__ import annotations

import click

from workbench import __version__
from workbench.cli import documents, schema, translation
from workbench.cli.common import Group


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="workbench")
def cli() -> None:
    """Annotate and translate Turkish, Persian and Arabic news, offline.

    Documents live in a project file (SQLite). Import text or JSONL, read each document
    beside its machine translation, tag entities and events, export JSONL.
    """


for command in [*documents.COMMANDS, *schema.COMMANDS, *translation.COMMANDS]:
    cli.add_command(command)


def main() -> None:
    cli(prog_name="workbench")
