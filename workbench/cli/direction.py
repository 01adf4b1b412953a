"""``workbench direction``: list a document's paragraph directions, or set one by hand."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import PROJECT_ARG, open_project
from workbench.errors import KnownError
from workbench.ops.directions import DIRECTIONS, set_direction
from workbench.storage import documents as store_docs
from workbench.text.direction import shown_paragraphs


@click.command("direction")
@PROJECT_ARG
@click.argument("doc")
@click.option(
    "-p",
    "--paragraph",
    type=click.IntRange(1),
    help="The paragraph to set, by its number in the list this command prints.",
)
@click.option(
    "--set",
    "value",
    type=click.Choice(DIRECTIONS),
    help="auto (the rule decides), rtl (right to left) or ltr (left to right).",
)
def direction_command(project: Path, doc: str, paragraph: int | None, value: str | None) -> None:
    """List the paragraphs of DOC with their direction, or set one with -p N --set.

    Paragraphs are numbered as the window shows them (PDF line wraps joined). A
    direction set by hand is kept in PROJECT and used by the window, `render` and
    `show --visual`; it changes only the display, never the text or any offset.
    """
    if (paragraph is None) != (value is None):
        raise click.UsageError("give both --paragraph and --set, or neither")
    with open_project(project) as proj:
        document = store_docs.get_document(
            proj.conn, store_docs.find_document(proj.conn, doc), annotations=False
        )
        spans = [(s.start, s.end) for s in document.sentences]
        paras = shown_paragraphs(document.text, spans, document.directions)
        if paragraph is not None and value is not None:
            if paragraph > len(paras):
                raise KnownError(
                    f"document {document.id} has {len(paras)} paragraphs, not {paragraph}"
                )
            chosen = paras[paragraph - 1]
            set_direction(proj, document.id, chosen.start, chosen.end, value)
            document = store_docs.get_document(proj.conn, document.id, annotations=False)
            paras = shown_paragraphs(document.text, spans, document.directions)
            shown = "rtl" if paras[paragraph - 1].rtl else "ltr"
            click.echo(f"paragraph {paragraph} of #{document.id}: {shown} ({value})")
            return
    for number, para in enumerate(paras, 1):
        if not document.text[para.start : para.end].strip():
            continue
        how = "set" if para.overridden else "auto"
        preview = " ".join(document.text[para.start : para.end].split())
        preview = preview if len(preview) <= 60 else preview[:59] + "\u2026"
        span = f"{para.start}-{para.end}"
        direction = f"{'rtl' if para.rtl else 'ltr'} ({how})"
        click.echo(f"{number:>4}  {span:<13}  {direction:<10}  {preview}")
