"""Translating a project's stored sentences into English, as a cancellable job.

The job works on the sentence spans stored at import, so every translation lines up with
a sentence the annotator sees. Each sentence is first cut into script pieces
(:mod:`workbench.translation.scripts`): the document's model translates its own script,
a quoted passage in another script goes to that script's model when one is installed,
and a sentence no installed model can read is stored as ``untranslatable``. Every stored
row carries the model and version that made it (``argos:tr-en`` ``1.9``; a sentence that
needed two models records both, ``argos:tr-en+ar-en`` ``1.9+1.0``), which is what makes
re-running cheap: a sentence is only translated again when it is missing, when the
models that would translate it now differ from the ones that did, or with ``force``.

Documents are taken batch by batch in id order, so memory holds one batch whatever the
size of the project and the first translations are stored within seconds: a small
first batch, then batches of about :data:`BATCH_SENTENCES` sentences. In a batch, work
is grouped by model, each distinct text once (news pages repeat headlines and
boilerplate; the last :data:`KEPT_OUTPUTS` texts translated are remembered across
batches too), sorted by length and cut into chunks
(:func:`~workbench.translation.translator.chunk_by_length`); after each chunk the finished
sentences are committed in one transaction and progress is yielded. Closing the generator
at a yield therefore cancels cleanly: committed chunks stay, the rest is simply missing
and is translated by the next run. Translation runs outside the transaction, so
the project is never locked while the model computes.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.model import DocumentInfo
from workbench.errors import KnownError
from workbench.progress import Progress
from workbench.storage import documents as store_docs
from workbench.storage import listing
from workbench.storage.project import Project
from workbench.translation.packages import InstalledPackage, in_use, models_to
from workbench.translation.scripts import TARGET, Piece, plan_pieces

FIRST_BATCH_SENTENCES = 64  # small, so that the first translations show at once
BATCH_SENTENCES = 2048  # then batches of documents holding about this many sentences
KEPT_OUTPUTS = 20_000  # translated texts remembered for later batches (repeated lines)
INSTALL_HINT = "install one with `workbench models install FILE.argosmodel`"


@dataclass
class TranslateReport:
    translated: Counter[str] = field(default_factory=Counter)  # document language -> sentences
    cached: Counter[str] = field(default_factory=Counter)  # already done by the same models
    untranslatable: list[tuple[int, int]] = field(default_factory=list)  # (document id, seq)
    missing: dict[str, list[int]] = field(default_factory=dict)  # language -> document ids
    unknown: list[int] = field(default_factory=list)  # documents with no known language
    english: list[int] = field(default_factory=list)  # documents already in English

    def summary(self) -> str:
        done = sum(self.translated.values())
        by_lang = ", ".join(f"{lang} {n}" for lang, n in sorted(self.translated.items()))
        parts = [f"{done} sentences translated" + (f" ({by_lang})" if by_lang else "")]
        parts.append(f"{sum(self.cached.values())} already translated")
        if self.untranslatable:
            parts.append(
                f"{len(self.untranslatable)} untranslatable (no installed model reads their script)"
            )
        if self.english:
            parts.append(f"{len(self.english)} documents already in English")
        return ", ".join(parts)

    def problems(self) -> list[str]:
        """One line per language without a model, and for documents of unknown language."""
        lines = []
        for lang, docs in sorted(self.missing.items()):
            lines.append(
                f"{lang}: no model from {lang} to English is installed, {len(docs)} "
                f"document{'s' if len(docs) != 1 else ''} not translated; {INSTALL_HINT}"
                f" (or `workbench models download {lang}` when online)"
            )
        if self.unknown:
            lines.append(
                f"{len(self.unknown)} document(s) of unknown language not translated "
                f"(ids {', '.join(map(str, self.unknown))})"
            )
        return lines


@dataclass
class _Work:
    """One sentence to translate now, and its translation as it is being assembled."""

    sentence_id: int
    document_id: int
    seq: int
    doc_lang: str
    pieces: list[Piece]
    model: str
    version: str
    status: str
    windows: list[list[str]] = field(default_factory=list)  # per piece, per token window
    remaining: int = 0

    def text(self) -> str | None:
        if self.status == "untranslatable":
            return None
        return " ".join(
            " ".join(out).strip() if piece.lang not in (None, TARGET) else piece.text
            for piece, out in zip(self.pieces, self.windows, strict=True)
        ).strip()


@dataclass(slots=True)
class _Unit:
    """One token window to translate, and every (sentence, piece, window) that uses it:
    the same headline or boilerplate line in many documents is translated once."""

    tokens: list[str]
    targets: list[tuple[_Work, int, int]]
    output: str = ""


def stamp(
    pieces: Sequence[Piece], doc_lang: str, models: dict[str, InstalledPackage]
) -> tuple[str, str, str]:
    """(model, version, status) the sentence made of ``pieces`` gets when translated now."""
    langs = list(dict.fromkeys(p.lang for p in pieces if p.lang is not None and p.lang != TARGET))
    named = langs or [doc_lang]  # nothing to run: record the model that was asked
    model = "argos:" + "+".join(f"{lang}-{TARGET}" for lang in named)
    version = "+".join(models[lang].package_version for lang in named)
    status = "untranslatable" if all(p.lang is None for p in pieces) else "ok"
    return model, version, status


def model_status(
    project: Project, packages_dir: Path | None = None
) -> dict[str, InstalledPackage | None]:
    """For each language of the project's documents (English aside), the installed model
    into English, or None."""
    # The languages from the list's index, one step per language: not a walk over every
    # document (half a second at 100,000).
    langs = [lang for lang in listing.languages(project.conn) if lang and lang != TARGET]
    models = models_to(TARGET, packages_dir)
    return {lang: models.get(lang) for lang in sorted(langs)}


class TranslateJob:
    """``for progress in job.run(): ...``; then ``job.report`` says what happened."""

    def __init__(
        self,
        project: Project,
        doc_ids: Sequence[int] | None = None,
        *,
        beam_size: int = 4,
        force: bool = False,
        packages_dir: Path | None = None,
    ) -> None:
        if beam_size < 1:
            raise KnownError(f"beam size must be at least 1, not {beam_size}")
        self.project = project
        self.doc_ids = list(dict.fromkeys(doc_ids)) if doc_ids is not None else None
        self.beam_size = beam_size
        self.force = force
        self.packages_dir = packages_dir
        self.report = TranslateReport()
        self._outputs: OrderedDict[tuple[str, str], list[str]] = OrderedDict()
        self._batch_units: dict[tuple[str, str], list[_Unit]] = {}
        self._label = "Translating"

    # -- planning ----------------------------------------------------------------------
    def _documents(self) -> Iterator[DocumentInfo]:
        """The chosen documents (every one when None), read a page at a time."""
        conn = self.project.conn
        if self.doc_ids is None:
            last = 0
            while page := listing.infos_after(conn, last, 256):
                yield from page
                last = page[-1].id
            return
        for first in range(0, len(self.doc_ids), 256):
            chunk = self.doc_ids[first : first + 256]
            found = {info.id: info for info in listing.infos(conn, chunk)}
            yield from (found[i] for i in chunk if i in found)

    def _check_chosen(self) -> None:
        if self.doc_ids is None:
            return
        found = {info.id for info in listing.infos(self.project.conn, self.doc_ids)}
        absent = [i for i in self.doc_ids if i not in found]
        if absent:
            raise KnownError(f"no document with id {', '.join(map(str, absent))} in the project")

    def _total(self, models: dict[str, InstalledPackage]) -> int:
        """Sentences of the documents a model can translate: done counts them as they are
        translated or found translated already."""
        langs = [lang for lang in models if lang != TARGET]
        if not langs:
            return 0
        marks = ",".join("?" * len(langs))
        sql = f"SELECT coalesce(sum(sentences), 0) FROM document_list WHERE lang IN ({marks})"
        if self.doc_ids is None:
            return int(self.project.conn.execute(sql, langs).fetchone()[0])
        total = 0
        for first in range(0, len(self.doc_ids), 400):
            chunk = self.doc_ids[first : first + 400]
            total += self.project.conn.execute(
                sql + f" AND id IN ({','.join('?' * len(chunk))})", [*langs, *chunk]
            ).fetchone()[0]
        return total

    def _plan(self, info: DocumentInfo, models: dict[str, InstalledPackage]) -> list[_Work]:
        """The sentences of one document that need translating now."""
        lang = info.lang
        if lang is None:
            self.report.unknown.append(info.id)
            return []
        if lang == TARGET:
            self.report.english.append(info.id)
            return []
        if lang not in models:
            self.report.missing.setdefault(lang, []).append(info.id)
            return []
        conn = self.project.conn
        text = store_docs.document_text(conn, info.id)
        work = []
        for s in store_docs.sentences_of(conn, info.id):
            pieces = plan_pieces(text[s.start : s.end], lang, list(models))
            if not pieces:
                continue
            model, version, status = stamp(pieces, lang, models)
            if (
                not self.force
                and s.model == f"{model}@{version}"
                and s.translation_status == status
            ):
                self.report.cached[lang] += 1
                continue
            work.append(_Work(s.id, info.id, s.seq, lang, pieces, model, version, status))
        return work

    def _units(
        self, work: list[_Work], models: dict[str, InstalledPackage]
    ) -> dict[str, list[_Unit]]:
        from workbench.translation.translator import translator_for

        units: dict[str, list[_Unit]] = {}
        seen: dict[tuple[str, str], list[_Unit]] = {}  # (language, piece text) -> its windows
        for item in work:
            for p, piece in enumerate(item.pieces):
                if piece.lang is None or piece.lang == TARGET:
                    item.windows.append([])
                    continue
                key = (piece.lang, piece.text)
                if key in self._outputs:  # translated in an earlier batch
                    self._outputs.move_to_end(key)
                    item.windows.append(list(self._outputs[key]))
                    continue
                if key not in seen:
                    windows = translator_for(models[piece.lang]).encode(piece.text)
                    seen[key] = [_Unit(tokens, []) for tokens in windows]
                    units.setdefault(piece.lang, []).extend(seen[key])
                item.windows.append([""] * len(seen[key]))
                item.remaining += len(seen[key])
                for w, unit in enumerate(seen[key]):
                    unit.targets.append((item, p, w))
        self._batch_units = seen
        return units

    def _remember(self) -> None:
        """Keep the outputs of the batch just done for the batches to come."""
        for key, units in self._batch_units.items():
            self._outputs[key] = [unit.output for unit in units]
            self._outputs.move_to_end(key)
        while len(self._outputs) > KEPT_OUTPUTS:
            self._outputs.popitem(last=False)
        self._batch_units = {}

    # -- storing -----------------------------------------------------------------------
    def _store(self, finished: list[_Work]) -> None:
        groups: dict[tuple[str, str], list[tuple[int, str | None, str]]] = {}
        for item in finished:
            groups.setdefault((item.model, item.version), []).append(
                (item.sentence_id, item.text(), item.status)
            )
        with self.project.transaction() as conn:
            for (model, version), rows in groups.items():
                store_docs.store_translations(conn, rows, model, version)
        for item in finished:
            if item.status == "ok":
                self.report.translated[item.doc_lang] += 1
            else:
                self.report.untranslatable.append((item.document_id, item.seq))

    # -- the job -----------------------------------------------------------------------
    def _batches(self) -> Iterator[list[DocumentInfo]]:
        batch: list[DocumentInfo] = []
        size, limit = 0, FIRST_BATCH_SENTENCES
        for info in self._documents():
            batch.append(info)
            size += info.sentences
            if size >= limit:
                yield batch
                batch, size, limit = [], 0, BATCH_SENTENCES
        if batch:
            yield batch

    def run(self) -> Iterator[Progress]:
        models = models_to(TARGET, self.packages_dir)
        self._check_chosen()
        # The models stay installed until the job ends (or is cancelled): removing or
        # replacing one of them is refused meanwhile.
        with in_use(models.values()):
            yield from self._run(models)

    def _run(self, models: dict[str, InstalledPackage]) -> Iterator[Progress]:
        total = self._total(models)
        done = 0
        yield Progress(0, total, "Translating", "sentences")
        for batch in self._batches():
            work = [item for info in batch for item in self._plan(info, models)]
            # translated already, or nothing to translate: done as soon as seen
            done += sum(i.sentences for i in batch if i.lang in models) - len(work)
            for progress in self._translate(work, models):
                done += progress
                yield Progress(done, total, self._label, "sentences")
            self._remember()

    def _translate(self, work: list[_Work], models: dict[str, InstalledPackage]) -> Iterator[int]:
        """Translate one batch's sentences, storing them chunk by chunk; yields how many
        were stored each time (a Cancel here keeps every chunk committed so far)."""
        from workbench.translation.translator import chunk_by_length, translator_for

        self._label = "Translating"
        units = self._units(work, models)
        # Sentences no model has to run on (untranslatable, English, or translated in an
        # earlier batch) first.
        ready = [item for item in work if item.remaining == 0]
        if ready:
            self._store(ready)
        yield len(ready)
        for lang, lang_units in units.items():
            translator = translator_for(models[lang])
            self._label = f"Translating {lang} \u2192 {TARGET}"
            for chunk in chunk_by_length([len(u.tokens) for u in lang_units]):
                outputs = translator.translate_tokens(
                    [lang_units[i].tokens for i in chunk], beam_size=self.beam_size
                )
                finished = []
                for i, text in zip(chunk, outputs, strict=True):
                    lang_units[i].output = text
                    for item, piece, window in lang_units[i].targets:
                        item.windows[piece][window] = text
                        item.remaining -= 1
                        if item.remaining == 0:
                            finished.append(item)
                if finished:
                    self._store(finished)
                yield len(finished)
