"""spaCy's binary training format (``.spacy``, a DocBin), written with spaCy itself.

spaCy is an optional extra (``pip install 'workbench[spacy]'``), imported only here
and only when this format is asked for. Each document becomes a ``Doc`` built from
our own tokens (:mod:`workbench.io.tokens`, cut at every mention edge, so every
mention is whole tokens) with our sentences as sentence starts. Every mention goes
into the span group ``doc.spans["sc"]`` (overlaps allowed, for spancat) and the
outermost non-overlapping ones into ``doc.ents`` (for ner), with their
knowledge-base ids; source, language and id travel in ``doc.user_data``.
"""

from __future__ import annotations

import bisect
from typing import Any

from workbench.core.model import Document
from workbench.errors import KnownError
from workbench.io.losses import Losses, count_uncarried, outermost
from workbench.io.tokens import tokenize

SPAN_KEY = "sc"
INSTALL_HINT = "pip install 'workbench[spacy]' (or: pip install spacy)"


def require_spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise KnownError(
            f"the docbin format needs spaCy, which is not installed; {INSTALL_HINT}"
        ) from None
    return spacy


class DocBinWriter:
    """Add documents one by one, then take the bytes of the ``.spacy`` file."""

    def __init__(self, losses: Losses) -> None:
        spacy = require_spacy()
        from spacy.tokens import DocBin

        self._spacy = spacy
        self.vocab = spacy.vocab.Vocab()
        self.bin = DocBin(store_user_data=True)
        self.losses = losses

    def add(self, doc: Document) -> None:
        from spacy.tokens import Doc, Span

        text = doc.text
        count_uncarried(
            doc, self.losses, events=True, annotators=True, translations=True, status=True
        )
        sentences = [(s.start, s.end) for s in doc.sentences]
        tokens = tokenize(text, [(m.start, m.end) for m in doc.mentions] + sentences)
        starts = [t.start for t in tokens]
        sentence_starts = {bisect.bisect_left(starts, s) for s, _ in sentences}
        sent_starts: list[bool | int | None] | None = (
            [i in sentence_starts for i in range(len(tokens))] if sentences else None
        )
        if sent_starts:
            sent_starts[0] = True
        sdoc = Doc(
            self.vocab,
            words=[text[t.start : t.end] for t in tokens],
            spaces=[t.ws for t in tokens],
            sent_starts=sent_starts,
        )
        by_start = {t.start: i for i, t in enumerate(tokens)}
        by_end = {t.end: i + 1 for i, t in enumerate(tokens)}
        spans = [
            Span(sdoc, by_start[m.start], by_end[m.end], label=m.label, kb_id=m.kb_id or "")
            for m in doc.mentions
        ]
        sdoc.spans[SPAN_KEY] = spans
        kept = outermost(doc)
        left_out = len(doc.mentions) - len(kept)
        self.losses.change(
            f'nested or overlapping mentions only in doc.spans["{SPAN_KEY}"], not in doc.ents',
            left_out,
        )
        sdoc.ents = [spans[i] for i in kept]
        sdoc.user_data["workbench"] = {"id": doc.id, "source": doc.source, "lang": doc.lang}
        self.bin.add(sdoc)

    def to_bytes(self) -> bytes:
        data: bytes = self.bin.to_bytes()
        return data
