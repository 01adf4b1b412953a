"""What an export could not carry, counted, so that nothing is dropped without a word.

Every format but our own leaves something out (events, knowledge-base ids, annotator
names, translations, overlapping mentions). Each export counts what it left out and
what it changed to fit, and the CLI prints the counts on stderr, the window in its
status bar.
"""

from __future__ import annotations

from collections import Counter

from workbench.core.model import Document


class Losses:
    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.dropped: Counter[str] = Counter()
        self.changed: Counter[str] = Counter()

    def drop(self, what: str, n: int = 1) -> None:
        if n:
            self.dropped[what] += n

    def change(self, what: str, n: int = 1) -> None:
        if n:
            self.changed[what] += n

    def lines(self) -> list[str]:
        out = []
        if self.dropped:
            parts = ", ".join(f"{n} {what}" for what, n in self.dropped.items())
            out.append(f"{self.fmt}: cannot carry, left out: {parts}")
        if self.changed:
            parts = ", ".join(f"{n} {what}" for what, n in self.changed.items())
            out.append(f"{self.fmt}: written with changes: {parts}")
        return out


def count_uncarried(
    doc: Document,
    losses: Losses,
    *,
    events: bool = False,
    kb_ids: bool = False,
    annotators: bool = False,
    translations: bool = False,
    status: bool = False,
) -> None:
    """Count, for each flag set, what of ``doc`` the format leaves out."""
    if events:
        losses.drop("events", len(doc.events))
    if kb_ids:
        losses.drop("knowledge-base ids", sum(1 for m in doc.mentions if m.kb_id))
    if annotators:
        named = sum(1 for m in doc.mentions if m.annotator)
        named += sum(1 for e in doc.events if e.annotator) if not events else 0
        losses.drop("annotator names", named)
    if translations:
        losses.drop("sentence translations", sum(1 for s in doc.sentences if s.translation))
    if status and doc.status != "todo":
        losses.drop("document statuses (in progress / done)")


def outermost(doc: Document, losses: Losses | None = None) -> list[int]:
    """Indexes into ``doc.mentions`` of the outermost mentions that do not overlap.

    A mention inside a kept one is nested; one that crosses a kept one's edge is an
    overlap; both are counted in ``losses`` and left out.
    """
    order = sorted(
        range(len(doc.mentions)), key=lambda i: (doc.mentions[i].start, -doc.mentions[i].end)
    )
    kept: list[int] = []
    last_end = -1
    for i in order:
        m = doc.mentions[i]
        if m.start >= last_end:
            kept.append(i)
            last_end = m.end
        elif losses is not None:
            if m.end <= last_end:
                losses.drop("nested mentions (kept the outermost)")
            else:
                losses.drop("overlapping mentions (kept the first)")
    kept.sort()
    return kept


def overlapping(doc: Document) -> int:
    """How many mentions overlap an earlier one (nested or crossing)."""
    count = 0
    last_end = -1
    for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
        if m.start < last_end:
            count += 1
        last_end = max(last_end, m.end)
    return count
