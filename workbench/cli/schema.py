"""The ``schema`` command: show a project's label schema, list presets, apply one.

A thin layer over :mod:`workbench.ops.schema`; the window's schema editor calls the same
operations.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from workbench.cli.common import open_project
from workbench.core.model import Label, Schema
from workbench.ops import schema as ops
from workbench.storage import labels as store_labels


def _describe_presets() -> list[str]:
    lines = []
    for name in ops.preset_names():
        info = ops.preset_info(name)
        lines.append(f"{name:<10}  {info.title}: {info.description}")
    return lines


def _key(label: Label) -> str:
    return label.shortcut or "-"


def _render(schema: Schema, used: Counter[tuple[str, str, str]]) -> list[str]:
    if not (schema.entities or schema.events):
        return ["(no labels yet: apply a preset with --preset, see --list-presets)"]
    width = max(len(x.name) for x in (*schema.entities, *schema.events))
    out = [
        f"entity types ({len(schema.entities)}):",
        f"  key  {'name':<{width}}  colour   mentions",
    ]
    for e in schema.entities:
        n = used["entity", "", e.name]
        out.append(f"  {_key(e):<3}  {e.name:<{width}}  {e.color}  {n:>8}")
    out += [
        "",
        f"event types ({len(schema.events)}):",
        f"  key  {'name':<{width}}  colour   events",
    ]
    for e in schema.events:
        n = used["event", "", e.name]
        out.append(f"  {_key(e):<3}  {e.name:<{width}}  {e.color}  {n:>6}")
        roles = [
            r.name + (f" [{r.shortcut}]" if r.shortcut else "") for r in schema.roles_of(e.name)
        ]
        if roles:
            out.append(f"       roles: {', '.join(roles)}")
    known = {(x.kind, x.parent, x.name) for x in (*schema.entities, *schema.events, *schema.roles)}
    stray = sorted(k for k in used if k not in known)
    if stray:
        out += ["", "used by annotations but not in the schema:"]
        out += [
            f"  {kind} {f'{parent}/' if parent else ''}{name}: {used[kind, parent, name]}"
            for kind, parent, name in stray
        ]
    return out


@click.command("schema")
@click.argument("project", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--preset",
    metavar="NAME",
    help="Replace the schema with preset NAME (see --list-presets) or with a .json file"
    " in the same shape. Labels that existing annotations use are kept.",
)
@click.option("--list-presets", is_flag=True, help="List the shipped presets and exit.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the schema as JSON in the preset shape, usable later with --preset.",
)
def schema_command(
    project: Path | None, preset: str | None, list_presets: bool, as_json: bool
) -> None:
    """Show the label schema of PROJECT: entity types, event types and their roles.

    Each label is listed with its colour, its shortcut key and how many annotations
    carry it. With --preset the schema is replaced first, in one transaction.
    """
    if list_presets:
        click.echo("\n".join(_describe_presets()))
        return
    if project is None:
        raise click.UsageError("PROJECT is required unless --list-presets is given")
    with open_project(project) as proj:
        if preset is not None:
            change = ops.apply_preset(proj, preset)
            title = ops.preset_info(preset).title
            after = change.after
            click.echo(
                f"{project}: applied {title}: {len(after.entities)} entity types,"
                f" {len(after.events)} event types, {len(after.roles)} roles",
                err=as_json,
            )
            for label in change.kept:
                where = f" of {label.parent}" if label.parent else ""
                click.echo(
                    f"kept {label.kind} {label.name!r}{where}: annotations use it", err=as_json
                )
            if not as_json:
                return
        schema = ops.get_schema(proj)
        used = store_labels.usage_counts(proj.conn)
    if as_json:
        click.echo(json.dumps(ops.schema_to_json(schema), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_render(schema, used)))


COMMANDS = [schema_command]
