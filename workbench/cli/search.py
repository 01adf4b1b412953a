"""The ``search`` command: find a name in every document, normalized, in any script.

A thin layer over :mod:`workbench.ops.searching`; the window's search panel (Ctrl+Shift+F)
calls the same function.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from workbench.cli.common import PROJECT_ARG, open_project
from workbench.ops import searching


@click.command("search")
@PROJECT_ARG
@click.argument("query", required=False, default="")
@click.option("--lang", metavar="CODE", help="Only documents in this language (tr, fa, ar...).")
@click.option(
    "--entity",
    "entity_id",
    type=int,
    metavar="ID",
    help="Search for an entity of the knowledge base under all its names (see kb list).",
)
@click.option("--substring", is_flag=True, help="Match inside words too, not only whole words.")
@click.option("--skip-done", is_flag=True, help="Leave out documents marked done.")
@click.option("--limit", type=int, default=1000, show_default=True, help="At most this many hits.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One JSON object per hit: document, source, start, end (code points of the"
    " proposed span, without the affix), text, before, after.",
)
@click.option("--reindex", is_flag=True, help="Rebuild the search index first.")
def search_command(
    project: Path,
    query: str,
    lang: str | None,
    entity_id: int | None,
    substring: bool,
    skip_done: bool,
    limit: int,
    as_json: bool,
    reindex: bool,
) -> None:
    """Find QUERY (or --entity) in every document of PROJECT.

    Normalized: Arabic and Persian letter forms, harakat, tatweel, ZWNJ, digits, Turkish
    case and apostrophes are folded, so "Trump’ın" finds "Trump'ın" and "ترامب" finds
    "وترامب"; each hit is the name itself, without the suffix or proclitic.
    """
    with open_project(project) as proj:
        if reindex:
            for _ in searching.reindex(proj):
                pass
            if not query and entity_id is None:
                click.echo(f"{project}: search index rebuilt", err=True)
                return
        hits = searching.search(
            proj,
            query,
            entity_id=entity_id,
            whole_word=not substring,
            lang=lang,
            include_done=not skip_done,
            limit=limit,
        )
    for hit in hits:
        if as_json:
            click.echo(json.dumps(hit.as_json(), ensure_ascii=False))
        else:
            click.echo(
                f"{hit.document}:{hit.start}-{hit.end}  {hit.source}  "
                f"…{hit.before}[{hit.text}]{hit.after}…"
            )
    if not as_json:
        click.echo(f"{len(hits)} hits", err=True)


COMMANDS = [search_command]
