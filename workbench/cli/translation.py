"""Commands for offline translation: the ``models`` group and ``translate``."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import PROJECT_ARG, Group, open_project, run_job
from workbench.ops.translating import INSTALL_HINT, TranslateJob, model_status
from workbench.storage import documents as store_docs
from workbench.translation import packages as pkgs


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


@click.group("models", cls=Group)
def models_group() -> None:
    """Manage Argos Translate model packages (.argosmodel), which translate offline.

    Packages live in the folder Argos Translate uses ($ARGOS_PACKAGES_DIR, else
    ~/.local/share/argos-translate/packages), so models installed with argospm or for
    LibreTranslate are used too.
    """


@models_group.command("list")
@click.argument("project", required=False, type=click.Path(dir_okay=False, path_type=Path))
def list_models(project: Path | None) -> None:
    """List installed models (languages, version, size, folder).

    With PROJECT, also say for each language of its documents whether a model into
    English is installed.
    """
    folder = pkgs.package_dirs()[0]
    installed = pkgs.installed_packages()
    click.echo(f"models in {folder}:")
    for p in installed:
        click.echo(f"  {p.pair:<9} {p.package_version:<8} {_size(p.size_bytes()):>9}  {p.path}")
    if not installed:
        click.echo(f"  (none: {INSTALL_HINT})")
    if project is not None:
        with open_project(project) as proj:
            status = model_status(proj)
        click.echo(f"languages in {project}:")
        for lang, package in status.items():
            state = (
                f"{package.pair} {package.package_version}" if package else "no model to English"
            )
            click.echo(f"  {lang:<4} {state}")
        if not status:
            click.echo("  (no documents with a known language)")


@models_group.command("install")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def install_model(file: Path) -> None:
    """Install the model package FILE (.argosmodel).

    The file is checked before anything is written; an installed model for the same
    languages is replaced.
    """
    result = pkgs.install_package(file)
    p = result.package
    verb = "replaced" if result.replaced else "installed"
    old = ", ".join(o.package_version for o in result.replaced)
    click.echo(
        f"{verb} {p.pair} {p.package_version}" + (f" (was {old})" if old else "") + f" in {p.path}"
    )


@models_group.command("remove")
@click.argument("code")
def remove_model(code: str) -> None:
    """Remove the installed model for CODE: a source language (tr) or a pair (tr-en)."""
    for p in pkgs.remove_package(code):
        click.echo(f"removed {p.pair} {p.package_version} from {p.path.parent}")


@models_group.command("available")
def available_models() -> None:
    """List the models of the Argos package index (connects to the index's host).

    One of the two commands that use the network (with `models download`); the host is
    named on stderr before connecting. Offline, it fails at once and says how to install
    a model from a file instead.
    """
    from workbench.translation.index import fetch_index, host_of, index_url

    click.echo(f"reading the model list from {host_of(index_url())}", err=True)
    installed = {(p.from_code, p.to_code): p.package_version for p in pkgs.installed_packages()}
    for e in fetch_index():
        have = installed.get((e.from_code, e.to_code))
        mark = f"  (installed {have})" if have else ""
        names = f"{e.from_name} \u2192 {e.to_name}"
        click.echo(f"  {e.pair:<9} {e.package_version:<8} {names}{mark}")


@models_group.command("download")
@click.argument("code")
def download_model(code: str) -> None:
    """Download the model for CODE (tr, or a pair such as tr-en) and install it.

    Connects to the index's host, then to the package's (https only, both named on
    stderr first); the package is checked like `models install` checks a file, and its
    languages must be the ones the index lists. Offline, install a downloaded
    .argosmodel file with `models install`.
    """
    from workbench.translation.index import DownloadJob, find_entry, host_of, index_url

    click.echo(f"reading the model list from {host_of(index_url())}", err=True)
    job = DownloadJob(find_entry(code))
    click.echo(f"downloading {job.entry.pair} from {', '.join(job.hosts)}", err=True)
    run_job(job.run(), f"Downloading {job.entry.pair}")
    if job.installed is not None:
        click.echo(
            f"installed {job.installed.pair} {job.installed.package_version} in {job.installed.path}"
        )


@click.command("translate")
@PROJECT_ARG
@click.option(
    "--doc",
    "docs",
    multiple=True,
    metavar="ID_OR_SOURCE",
    help="Translate only this document (an id or a source file name); repeatable.",
)
@click.option(
    "--beam-size",
    type=click.IntRange(1, 16),
    default=4,
    show_default=True,
    help="Beam search width: 1 is fastest, 4 gives better translations.",
)
@click.option("--force", is_flag=True, help="Translate again sentences already translated.")
def translate_command(project: Path, docs: tuple[str, ...], beam_size: int, force: bool) -> None:
    """Translate the sentences of PROJECT's documents into English, offline.

    Uses the installed Argos models (see `workbench models list`). Sentences already
    translated by the same model and version are kept, so an interrupted run can simply
    be run again. Text in a script no installed model reads is marked untranslatable.
    Exits with status 1 when a language has no installed model.
    """
    with open_project(project) as proj:
        ids = [store_docs.find_document(proj.conn, ref) for ref in docs] if docs else None
        job = TranslateJob(proj, ids, beam_size=beam_size, force=force)
        run_job(job.run(), "Translating")
        report = job.report
    for line in report.problems():
        click.echo(line, err=True)
    click.echo(f"{project}: {report.summary()}")
    if report.missing:
        raise SystemExit(1)


COMMANDS = [models_group, translate_command]
