"""The agreement report of a project: every pair of annotators, every measure, as JSON.

Each annotator's annotations are a layer (the ``annotator`` column; unnamed ones form
the layer ``(unnamed)``). A pair (A, B) is compared on the documents where both have
annotated something, B scored against A (swap them and precision and recall swap; F1,
kappa and alpha do not change). Krippendorff's alpha is also given for all the chosen
annotators together, on the documents at least two of them annotated. The curated layer
is a result, not an annotator: it is compared only when named. The figures and their
names (``precision``, ``recall``, ``f1``, ``kappa``, ``alpha``) are the README's.
"""

from __future__ import annotations

import itertools
import sqlite3
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.agreement.matching import Span, exact, one_to_one, overlap
from workbench.agreement.measures import Scores, cohen_kappa, krippendorff_alpha
from workbench.core.model import Event, Mention
from workbench.errors import KnownError
from workbench.io.tokens import Token, tokenize
from workbench.progress import Progress
from workbench.storage import annotations as store_ann
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

UNNAMED = "(unnamed)"
CURATED = "curated"
OUTSIDE = "O"  # a token in no mention


@dataclass
class Layer:
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass
class Corpus:
    """The annotations of a project by annotator and document, with each text."""

    texts: dict[int, tuple[str, str]]  # doc id -> (source, text)
    layers: dict[str, dict[int, Layer]]  # annotator -> doc id -> layer
    mentions: dict[int, Mention]  # every mention by id (argument fillers)
    tokens: dict[tuple[int, tuple[str, ...]], tuple[list[Token], list[int]]] = field(
        default_factory=dict
    )


def load(conn: sqlite3.Connection, labels: Sequence[str] | None = None) -> Corpus:
    """Read every annotation (of ``labels`` only, if given: mention labels, event types)."""
    wanted = set(labels) if labels else None
    texts: dict[int, tuple[str, str]] = {}
    layers: dict[str, dict[int, Layer]] = defaultdict(dict)
    every: dict[int, Mention] = {}
    for info in store_docs.list_documents(conn):
        if not info.mentions and not info.events:
            continue
        texts[info.id] = (info.source, store_docs.document_text(conn, info.id))
        for m in store_ann.mentions_of(conn, info.id):
            every[m.id] = m
            if wanted is None or m.label in wanted:
                layer = layers[m.annotator or UNNAMED].setdefault(info.id, Layer())
                layer.mentions.append(m)
        for e in store_ann.events_of(conn, info.id):
            if wanted is None or e.type in wanted:
                layers[e.annotator or UNNAMED].setdefault(info.id, Layer()).events.append(e)
    return Corpus(texts, dict(layers), every)


def _spans(layer: Layer | None, label: str | None = None, labelled: bool = True) -> list[Span]:
    if layer is None:
        return []
    return [
        (m.start, m.end, m.label if labelled else None)
        for m in layer.mentions
        if label is None or m.label == label
    ]


# -- tokens: kappa and alpha -----------------------------------------------------------
def _tokens(corpus: Corpus, doc: int, names: Sequence[str]) -> tuple[list[Token], list[int]]:
    """The non-space tokens of a document cut at the edges of ``names``' mentions, and
    their starts; remembered, since every label's kappa and alpha needs them again."""
    key = (doc, tuple(names))
    found = corpus.tokens.get(key)
    if found is None:
        text = corpus.texts[doc][1]
        layers = [corpus.layers[n].get(doc) for n in names]
        edges = [(m.start, m.end) for layer in layers if layer for m in layer.mentions]
        tokens = [t for t in tokenize(text, edges) if not text[t.start].isspace()]
        found = corpus.tokens[key] = (tokens, [t.start for t in tokens])
    return found


def _token_values(
    cut: tuple[list[Token], list[int]], layers: Sequence[Layer | None], label: str | None
) -> list[list[str | None]]:
    """Per layer, the category of each token (None for a missing layer).

    With ``label``: "1" inside a mention of that label, "0" outside. Without: the label
    of the longest mention covering the token, or "O". Tokens are cut at every
    mention's edges, so a token lies wholly inside or outside each mention.
    """
    tokens, starts = cut
    out: list[list[str | None]] = []
    for layer in layers:
        if layer is None:
            out.append([None] * len(tokens))
            continue
        best: list[tuple[int, str] | None] = [None] * len(tokens)
        for m in layer.mentions:
            if label is not None and m.label != label:
                continue
            i = bisect_left(starts, m.start)
            while i < len(tokens) and tokens[i].end <= m.end:
                current = best[i]
                # The longest mention names the token; of equal ones, the first label.
                if current is None or (-(m.end - m.start), m.label) < (-current[0], current[1]):
                    best[i] = (m.end - m.start, m.label)
                i += 1
        if label is None:
            out.append([OUTSIDE if b is None else b[1] for b in best])
        else:
            out.append(["0" if b is None else "1" for b in best])
    return out


def _pooled(
    corpus: Corpus, names: Sequence[str], docs: Sequence[int], label: str | None
) -> list[list[str | None]]:
    rows: list[list[str | None]] = [[] for _ in names]
    for doc in docs:
        layers = [corpus.layers[n].get(doc) for n in names]
        values_of = _token_values(_tokens(corpus, doc, names), layers, label)
        for row, values in zip(rows, values_of, strict=True):
            row.extend(values)
    return rows


def _alpha(corpus: Corpus, names: Sequence[str], label: str | None) -> float | None:
    docs = [d for d in corpus.texts if sum(d in corpus.layers[n] for n in names) >= 2]
    return krippendorff_alpha(_pooled(corpus, names, docs, label))


def _kappa(corpus: Corpus, a: str, b: str, docs: Sequence[int], label: str | None) -> float | None:
    rows = _pooled(corpus, (a, b), docs, label)
    return cohen_kappa(rows[0], rows[1])


# -- events ------------------------------------------------------------------------------
def _arguments(layer: Layer | None, mentions: dict[int, Mention]) -> list[tuple[Any, ...]]:
    out = []
    for e in layer.events if layer else []:
        for arg in e.arguments:
            m = mentions.get(arg.mention_id)
            if m is not None:
                out.append((e.trigger_start, e.trigger_end, m.start, m.end, m.kb_id, arg.role))
    return out


def _same_filler(x: tuple[Any, ...], y: tuple[Any, ...]) -> bool:
    if x[:2] != y[:2]:  # arguments of the same trigger only
        return False
    return x[2:4] == y[2:4] or (bool(x[4]) and x[4] == y[4])


def _event_scores(a: Layer | None, b: Layer | None, mentions: dict[int, Mention]) -> list[Scores]:
    ea, eb = (a.events if a else []), (b.events if b else [])
    ident = exact([(e.trigger_start, e.trigger_end, None) for e in ea],
                  [(e.trigger_start, e.trigger_end, None) for e in eb])  # fmt: skip
    classed = exact([(e.trigger_start, e.trigger_end, e.type) for e in ea],
                    [(e.trigger_start, e.trigger_end, e.type) for e in eb])  # fmt: skip
    args_a, args_b = _arguments(a, mentions), _arguments(b, mentions)
    arg_ident = one_to_one(args_a, args_b, lambda x, y: float(_same_filler(x, y)))
    arg_class = one_to_one(args_a, args_b, lambda x, y: float(_same_filler(x, y) and x[5] == y[5]))
    n_a, n_b = len(args_a), len(args_b)
    return [ident, classed, Scores(float(len(arg_ident)), n_a, n_b),
            Scores(float(len(arg_class)), n_a, n_b)]  # fmt: skip


EVENT_MEASURES = (
    "trigger_identification",
    "trigger_classification",
    "argument_identification",
    "argument_classification",
)


# -- knowledge-base links ----------------------------------------------------------------
def _kb(a: Layer | None, b: Layer | None) -> tuple[int, int]:
    """(mention pairs matched exactly where either has a kb id, of which the same id)."""
    by_key: dict[tuple[int, int, str], list[str | None]] = defaultdict(list)
    for m in a.mentions if a else []:
        by_key[m.start, m.end, m.label].append(m.kb_id)
    matched = agreed = 0
    for m in b.mentions if b else []:
        ids = by_key.get((m.start, m.end, m.label))
        if not ids:
            continue
        other = ids.pop(0)
        if other or m.kb_id:
            matched += 1
            agreed += other == m.kb_id
    return matched, agreed


# -- the report --------------------------------------------------------------------------
def _pair(corpus: Corpus, a: str, b: str, labels: list[str]) -> dict[str, Any]:
    docs = sorted(set(corpus.layers[a]) & set(corpus.layers[b]))
    total = {k: Scores(0.0, 0, 0) for k in ("exact", "overlap", "exact_u", "overlap_u")}
    per_label = {x: {"exact": Scores(0.0, 0, 0), "overlap": Scores(0.0, 0, 0)} for x in labels}
    events = [Scores(0.0, 0, 0) for _ in EVENT_MEASURES]
    kb_matched = kb_agreed = 0
    per_document = []
    for doc in docs:
        la, lb = corpus.layers[a].get(doc), corpus.layers[b].get(doc)
        sa, sb = _spans(la), _spans(lb)
        ua, ub = _spans(la, labelled=False), _spans(lb, labelled=False)
        doc_exact, doc_overlap = exact(sa, sb), overlap(sa, sb)
        total["exact"] += doc_exact
        total["overlap"] += doc_overlap
        total["exact_u"] += exact(ua, ub)
        total["overlap_u"] += overlap(ua, ub)
        for x in labels:
            xa, xb = _spans(la, x), _spans(lb, x)
            per_label[x]["exact"] += exact(xa, xb)
            per_label[x]["overlap"] += overlap(xa, xb)
        events = [
            s + t for s, t in zip(events, _event_scores(la, lb, corpus.mentions), strict=True)
        ]
        m, g = _kb(la, lb)
        kb_matched, kb_agreed = kb_matched + m, kb_agreed + g
        per_document.append(
            {
                "document": doc,
                "source": corpus.texts[doc][0],
                "exact": doc_exact.as_json(),
                "overlap": doc_overlap.as_json(),
            }
        )
    kappa = {x: _kappa(corpus, a, b, docs, x) for x in labels}
    alpha = {x: _alpha(corpus, (a, b), x) for x in labels}
    return {
        "annotators": [a, b],
        "documents": len(docs),
        "exact": {
            "overall": total["exact"].as_json(),
            "unlabelled": total["exact_u"].as_json(),
            "per_label": {x: per_label[x]["exact"].as_json() for x in labels},
        },
        "overlap": {
            "overall": total["overlap"].as_json(),
            "unlabelled": total["overlap_u"].as_json(),
            "per_label": {x: per_label[x]["overlap"].as_json() for x in labels},
        },
        "kappa": {
            "overall": {"kappa": _r(_kappa(corpus, a, b, docs, None))},
            "per_label": {x: {"kappa": _r(kappa[x])} for x in labels},
        },
        "alpha": {
            "overall": {"alpha": _r(_alpha(corpus, (a, b), None))},
            "per_label": {x: {"alpha": _r(alpha[x])} for x in labels},
        },
        "events": {name: s.as_json() for name, s in zip(EVENT_MEASURES, events, strict=True)},
        "kb": {
            "matched": kb_matched,
            "agreed": kb_agreed,
            "agreement": _r(kb_agreed / kb_matched if kb_matched else None),
        },
        "per_document": per_document,
    }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def annotators_of(corpus: Corpus) -> list[str]:
    return sorted(n for n in corpus.layers if n != CURATED)


def agreement_report(
    conn: sqlite3.Connection,
    annotators: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Every measure for every pair of ``annotators`` (default: all but the curated layer)."""
    corpus = load(conn, labels)
    names = list(annotators) if annotators else annotators_of(corpus)
    missing = [n for n in names if n not in corpus.layers]
    if missing:
        known = ", ".join(sorted(corpus.layers)) or "none"
        raise KnownError(f"no annotations by {', '.join(missing)} (annotators: {known})")
    if len(names) < 2:
        raise KnownError(
            f"agreement needs at least two annotators; this project has {len(names)}"
            + (f" ({names[0]})" if names else "")
        )
    used = sorted(
        {m.label for n in names for layer in corpus.layers[n].values() for m in layer.mentions}
    )
    return {
        "annotators": names,
        "labels": used,
        "alpha": {
            "overall": {"alpha": _r(_alpha(corpus, names, None))},
            "per_label": {x: {"alpha": _r(_alpha(corpus, names, x))} for x in used},
        },
        "pairs": [_pair(corpus, a, b, used) for a, b in itertools.combinations(names, 2)],
    }


class AgreementJob:
    """The report as a job, so the window computes it off its own thread."""

    def __init__(
        self,
        project: Project,
        annotators: Sequence[str] | None = None,
        labels: Sequence[str] | None = None,
    ) -> None:
        self.project, self.annotators, self.labels = project, annotators, labels
        self.report: dict[str, Any] = {}

    def run(self) -> Iterator[Progress]:
        yield Progress(0, 1, "Measuring agreement")
        self.report = agreement_report(self.project.conn, self.annotators, self.labels)
        yield Progress(1, 1, "Measured agreement")
