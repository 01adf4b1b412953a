"""The ``kb`` commands: list a project's knowledge base, export it, import a gazetteer.

A thin layer over :mod:`workbench.ops.gazetteer` and :mod:`workbench.storage.entities`;
the window's Entities panel reads the same tables.
"""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import PROJECT_ARG, Group, open_project
from workbench.ops import gazetteer
from workbench.storage import entities as store


@click.group("kb", cls=Group)
def kb_group() -> None:
    """The project knowledge base: entities, their aliases in every script, their ids.

    Mentions link to entities in the window (Ctrl+K). Exports carry each linked
    mention's entity as kb_id: its external id (e.g. a Wikidata QID) if it has one,
    else wb:<uid>, the same in every project the gazetteer is imported into.
    """


@kb_group.command("list")
@PROJECT_ARG
@click.option("--type", "type_", metavar="TYPE", help="Only entities of this type (PER, ORG...).")
@click.option(
    "--name", default="", help="Only entities with an alias containing NAME (normalized)."
)
def list_command(project: Path, type_: str | None, name: str) -> None:
    """List the entities of PROJECT: type, kb_id, mentions, documents, name and aliases."""
    with open_project(project) as proj:
        rows = store.list_entities(proj.conn, type=type_, name=name)
        aliases = store.aliases_by_entity(proj.conn, [r.entity.id for r in rows])
    if not rows:
        click.echo("(no entities)")
        return
    for row in rows:
        e = row.entity
        others = [a.alias for a in aliases[e.id] if a.alias != e.name]
        also = f"  ({', '.join(others)})" if others else ""
        click.echo(
            f"{e.id:>5}  {e.type:<6} {store.public_id(e):<20} {row.mentions:>5} mentions"
            f" {row.documents:>4} docs  {e.name}{also}"
        )


@kb_group.command("export")
@PROJECT_ARG
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The JSONL file to write (one entity per line).",
)
def export_command(project: Path, output: Path) -> None:
    """Write the knowledge base of PROJECT as a JSONL gazetteer (aliases and ids)."""
    with open_project(project) as proj:
        count = gazetteer.export_gazetteer(proj, output)
    click.echo(f"{output}: {count} entities", err=True)


@kb_group.command("import")
@PROJECT_ARG
@click.argument("gazetteer_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def import_command(project: Path, gazetteer_file: Path) -> None:
    """Add the entities of a JSONL gazetteer to PROJECT (matched by uid, then external
    id); a new PROJECT is created."""
    with open_project(project, create=True) as proj:
        report = gazetteer.import_gazetteer(proj, gazetteer_file)
    click.echo(
        f"{project}: {report.created} new entities, {report.matched} already known,"
        f" {report.aliases} new aliases",
        err=True,
    )


COMMANDS = [kb_group]
