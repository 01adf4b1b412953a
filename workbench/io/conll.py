"""CoNLL / IOB2 export: one token and its tag per line, a blank line between sentences.

The shape token-level NER trainers read (CoNLL-2003 style, two tab-separated columns,
``-DOCSTART-`` opening each document). Sentences are ours, tokens are those of
:mod:`workbench.io.tokens` cut at every kept mention's edge, so each mention is whole
tokens. IOB2 gives a token one tag: of nested mentions only the outermost is written,
of crossing ones the first, and a mention across a sentence boundary is left out; each
is counted, as are events and knowledge-base ids, which the format cannot carry.
"""

from __future__ import annotations

import bisect
import re

from workbench.core.model import Document
from workbench.io.losses import Losses, count_uncarried, outermost
from workbench.io.tokens import tokenize

DOCSTART = "-DOCSTART-\tO\n\n"
_SPACE = re.compile(r"\s+")


def to_conll(doc: Document, losses: Losses) -> str:
    text = doc.text
    count_uncarried(
        doc, losses, events=True, kb_ids=True, annotators=True, translations=True, status=True
    )
    # Each sentence also takes the text before it that no sentence holds (the bullets
    # between list items), so every token is written, in order.
    ends = [s.end for s in doc.sentences[:-1]] + [len(text)]
    sentences = list(zip([0, *ends[:-1]], ends, strict=True)) if doc.sentences else [(0, len(text))]
    starts = [s for s, _ in sentences]

    def sentence_of(start: int, end: int) -> int | None:
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and end <= sentences[k][1]:
            return k
        return None

    mentions = []
    for i in outermost(doc, losses):
        m = doc.mentions[i]
        if sentence_of(m.start, m.end) is None:
            losses.drop("mentions crossing a sentence boundary")
            continue
        label = _SPACE.sub("_", m.label)
        if label != m.label:
            losses.change("labels with spaces, written with _")
        mentions.append((m.start, m.end, label))
    tokens = tokenize(text, [(s, e) for s, e, _ in mentions] + sentences)
    mention_starts = [s for s, _, _ in mentions]
    lines: list[list[str]] = [[] for _ in sentences]
    for t in tokens:
        if text[t.start].isspace():
            continue
        k = sentence_of(t.start, t.end)
        assert k is not None  # the sentences cover the text
        j = bisect.bisect_right(mention_starts, t.start) - 1
        tag = "O"
        if j >= 0 and t.end <= mentions[j][1]:
            start, _, label = mentions[j]
            tag = f"B-{label}" if t.start == start else f"I-{label}"
        lines[k].append(f"{text[t.start : t.end]}\t{tag}")
    body = "".join("\n".join(rows) + "\n\n" for rows in lines if rows)
    return DOCSTART + body
