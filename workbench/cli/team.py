"""Commands for team work: merging analysts' project files and measuring agreement.

Thin layers over :mod:`workbench.ops.merging` and :mod:`workbench.agreement`; the
window's File › Merge projects... and Annotation › Agreement... run the same code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from workbench.agreement.report import agreement_report
from workbench.cli.common import PROJECT_ARG, open_project, run_job
from workbench.ops.merging import MergeJob
from workbench.storage.project import Project


@click.command("merge")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.argument(
    "sources", nargs=-1, required=True, metavar="SOURCE...", type=click.Path(path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def merge_command(target: Path, sources: tuple[Path, ...], as_json: bool) -> None:
    """Bring the documents, annotations, events, translations and labels of SOURCE
    project files into TARGET (created if missing, with the sources' labels only).

    Documents are matched by their text, annotations by their stable id, so merging
    the same file twice changes nothing, and nothing is ever deleted. Sources are only
    read (safe while their window is open). A label that clashes (an entity type in one
    file, an event type in the other) stops the merge before anything is written. The
    report says, per source, what came in, what was already there and what was refused
    (the same annotation with other values in the two files: the target's are kept).
    """
    created = not target.exists()
    # A new TARGET starts without labels (not the default schema): the sources' come in.
    with Project.open(target, create=True) as proj:
        try:
            job = MergeJob(proj, sources)
            run_job(job.run(), "Merging")
        except BaseException:
            if created:
                proj.close()  # nobody else knows of the file yet: leave nothing behind
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{target}{suffix}").unlink(missing_ok=True)
            raise
    if as_json:
        payload = {"target": str(target), "sources": [s.as_json() for s in job.report.sources]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    for line in job.report.lines():
        click.echo(line)


def _figure(value: object) -> str:
    if value is None:
        return "   -  "
    return f"{float(value) + 0.0:6.3f}".replace("-0.000", " 0.000")  # type: ignore[arg-type]


def _agreement_lines(report: dict[str, Any]) -> list[str]:
    out = [
        f"annotators: {', '.join(report['annotators'])}",
        f"alpha (tokens, all annotators): {_figure(report['alpha']['overall']['alpha'])}",
    ]
    for pair in report["pairs"]:
        a, b = pair["annotators"]
        out += ["", f"{b} against {a} ({pair['documents']} documents both annotated)"]
        out.append(f"  {'mentions':<34}{'P':>6}{'R':>7}{'F1':>7}")
        for name, fig in (
            ("exact span and label", pair["exact"]["overall"]),
            ("exact span, any label", pair["exact"]["unlabelled"]),
            ("overlap (partial credit) and label", pair["overlap"]["overall"]),
            ("overlap, any label", pair["overlap"]["unlabelled"]),
        ):
            out.append(
                f"  {name:<34}{_figure(fig['precision'])} {_figure(fig['recall'])}"
                f" {_figure(fig['f1'])}"
            )
        out.append("  events")
        for name, fig in pair["events"].items():
            label = name.replace("_", " ")
            out.append(
                f"  {label:<34}{_figure(fig['precision'])} {_figure(fig['recall'])}"
                f" {_figure(fig['f1'])}"
            )
        kb = pair["kb"]
        out.append(f"  kb links: {kb['agreed']} of {kb['matched']} matched mentions agree")
        out.append(
            f"  kappa (tokens) {_figure(pair['kappa']['overall']['kappa'])}"
            f"   alpha {_figure(pair['alpha']['overall']['alpha'])}"
        )
        out.append(f"  {'label':<20}{'F1 exact':>9}{'F1 overlap':>11}{'kappa':>8}{'alpha':>8}")
        for label in report["labels"]:
            out.append(
                f"  {label:<20}  {_figure(pair['exact']['per_label'][label]['f1'])}"
                f"     {_figure(pair['overlap']['per_label'][label]['f1'])}"
                f"  {_figure(pair['kappa']['per_label'][label]['kappa'])}"
                f"  {_figure(pair['alpha']['per_label'][label]['alpha'])}"
            )
    return out


def _names(value: str | None) -> list[str] | None:
    return [n.strip() for n in value.split(",") if n.strip()] if value else None


@click.command("agreement")
@PROJECT_ARG
@click.option(
    "--annotators",
    help="Comma-separated annotators to compare (default: all but the curated layer).",
)
@click.option("--labels", help="Comma-separated labels (mention labels, event types) to keep.")
@click.option("--json", "as_json", is_flag=True, help="Print every figure as one JSON object.")
def agreement_command(
    project: Path, annotators: str | None, labels: str | None, as_json: bool
) -> None:
    """Inter-annotator agreement in PROJECT, for every pair of annotators.

    Mentions: precision, recall and F1 with exact spans and with overlap (partial
    credit), with and without the label; Cohen's kappa and Krippendorff's alpha on
    tokens, per label. Events: trigger and argument identification and classification
    F1. Knowledge-base links: how often matched mentions carry the same kb id. The
    README's "Team work" section defines each figure.
    """
    with open_project(project) as proj:
        report = agreement_report(proj.conn, _names(annotators), _names(labels))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    for line in _agreement_lines(report):
        click.echo(line)


COMMANDS = [merge_command, agreement_command]
