"""Commands over documents: import, export, list, show."""

from __future__ import annotations

import json
from pathlib import Path

import click

from workbench.cli.common import PROJECT_ARG, open_project, run_job
from workbench.core.model import STATUS_TITLES, Document
from workbench.io.formats import FORMAT_HELP, FORMATS
from workbench.io.offsets import DEFAULT_UNIT, UNITS
from workbench.ops.exporting import ExportJob
from workbench.ops.importing import ImportJob
from workbench.storage import documents as store_docs
from workbench.text.direction import is_rtl

_OFFSETS = click.option(
    "--offsets",
    type=click.Choice(UNITS),
    default=None,
    help="Unit of doccano offsets: utf16 (doccano's own; the default), codepoints, graphemes.",
)


@click.command("import")
@PROJECT_ARG
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_OFFSETS
def import_command(project: Path, paths: tuple[Path, ...], offsets: str | None) -> None:
    """Import .txt, .jsonl and brat files (folders recursively) into PROJECT.

    PROJECT is created if it does not exist, with the ACE 2005 schema. Files already in
    the project (same name and content) are skipped, so an interrupted import can
    simply be run again. JSONL may be our own export, doccano ({"text", "label"} or
    relation mode {"text", "entities", "relations"}) or spaCy/Prodigy ({"text",
    "spans"}). A .txt with a .ann beside it (or a .ann named) is read as brat standoff.
    Exits with status 1 if any file was refused.
    """
    with open_project(project, create=True) as proj:
        job = ImportJob(proj, paths, offsets or DEFAULT_UNIT)
        run_job(job.run(), "Importing")
        report = job.report
    for message in report.refused:
        click.echo(f"refused: {message}", err=True)
    click.echo(f"{project}: {report.summary()}")
    if report.refused:
        raise SystemExit(1)


@click.command("export")
@PROJECT_ARG
@click.option(
    "-o", "--output", required=True, help="Output file (a folder for brat), or - for stdout."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="workbench",
    show_default=True,
    help="; ".join(f"{name}: {text}" for name, text in FORMAT_HELP.items()) + ".",
)
@_OFFSETS
@click.option(
    "--annotator",
    help="Export only this annotator's annotations (e.g. curated, the gold layer).",
)
def export_command(
    project: Path, output: str, fmt: str, offsets: str | None, annotator: str | None
) -> None:
    """Export every document of PROJECT.

    Files are written atomically: each appears complete or not at all. What the format
    cannot carry (events, knowledge-base ids, overlapping mentions...) is counted on
    stderr. docbin needs spaCy (pip install 'workbench[spacy]'). With --annotator NAME
    only that annotator's layer is written (every document, its text and translations).
    """
    with open_project(project) as proj:
        job = ExportJob(proj, output, fmt, offsets=offsets, annotator=annotator)
        run_job(job.run(), "Exporting")
    for line in job.losses.lines():
        click.echo(line, err=True)


@click.command("list")
@PROJECT_ARG
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document.")
def list_command(project: Path, as_json: bool) -> None:
    """List the documents of PROJECT: id, source, language, sentences, annotations, status."""
    with open_project(project) as proj:
        docs = store_docs.list_documents(proj.conn)
    if as_json:
        for d in docs:
            click.echo(
                json.dumps(
                    {
                        "id": d.id,
                        "source": d.source,
                        "lang": d.lang,
                        "lang_confidence": d.lang_confidence,
                        "sentences": d.sentences,
                        "translated": d.translated,
                        "mentions": d.mentions,
                        "events": d.events,
                        "status": d.status,
                    },
                    ensure_ascii=False,
                )
            )
        return
    width = max([len(d.source) for d in docs] + [6])
    click.echo(f"{'id':>4}  {'source':<{width}}  lang        sentences  annotations  status")
    for d in docs:
        lang = f"{d.lang or '?'} ({d.lang_confidence or 0:.2f})"
        click.echo(
            f"{d.id:>4}  {d.source:<{width}}  {lang:<10}  {d.sentences:>9}  "
            f"{d.annotations:>11}  {STATUS_TITLES[d.status]}"
        )
    if not docs:
        click.echo("(no documents: add some with `workbench import`)")


def _render(doc: Document, visual: bool) -> list[str]:
    from workbench.text.visual import visual_line

    def show(text: str) -> str:
        if not visual:
            return text
        return "\n".join(visual_line(line) for line in text.split("\n"))

    text = doc.text
    conf = f" ({doc.lang_confidence:.2f})" if doc.lang_confidence is not None else ""
    out = [
        f"#{doc.id} {doc.source}  lang {doc.lang or '?'}{conf}  status {STATUS_TITLES[doc.status]}"
        f"  {len(doc.sentences)} sentences, {len(doc.mentions)} mentions, {len(doc.events)} events",
    ]
    keys = {m.id: f"T{i}" for i, m in enumerate(doc.mentions, 1)}
    for s in doc.sentences:
        body = text[s.start : s.end]
        marker = "\u21d0" if is_rtl(body) else ""
        out.append("")
        out.append(f"[{s.seq + 1}] {s.start}-{s.end} {marker}".rstrip())
        out.append(show(body))
        if s.translation is not None:
            out.append(f"  = {s.translation}  ({s.model})")
        elif s.translation_status == "untranslatable":
            out.append(f"  = (not translated: no model reads this script; {s.model})")
        for m in doc.mentions:
            if s.start <= m.start < s.end:
                out.append(
                    f"  {keys[m.id]} {m.label} {m.start}-{m.end} {show(text[m.start : m.end])}"
                )
        for i, e in enumerate(doc.events, 1):
            if s.start <= e.trigger_start < s.end:
                args = ", ".join(f"{a.role}={keys.get(a.mention_id, '?')}" for a in e.arguments)
                trig = show(text[e.trigger_start : e.trigger_end])
                out.append(f"  E{i} {e.type} {e.trigger_start}-{e.trigger_end} {trig} [{args}]")
    return out


@click.command("show")
@PROJECT_ARG
@click.argument("doc")
@click.option(
    "--visual",
    is_flag=True,
    help="Reorder and shape right-to-left lines for terminals that do no bidi.",
)
def show_command(project: Path, doc: str, visual: bool) -> None:
    """Print document DOC (an id or a source file name) sentence by sentence.

    Translations and annotations are shown under each sentence once they exist. Text is
    printed in logical order unless --visual is given.
    """
    with open_project(project) as proj:
        document = store_docs.get_document(proj.conn, store_docs.find_document(proj.conn, doc))
    click.echo("\n".join(_render(document, visual)))


COMMANDS = [import_command, export_command, list_command, show_command]
