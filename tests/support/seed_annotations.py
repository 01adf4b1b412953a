"""A realistic annotation of the five seeds, as the export tests and the README use it.

A PER mention on every form of Trump and Putin in the seeds (110 of them), the name
only: the Turkish suffix after the apostrophe (``Trump'ın``, ``Trump’ın``, ``Putin'e``)
and the Arabic conjunction (``وترامب``, ``وبوتين``) are left out, exactly what the
window's snapping does, and exactly where a tokenizer unaware of our spans cuts
wrongly. Each document also gets one Contact.Meet event whose trigger is the first
summit/meeting word (the stem only, ``Görüşme`` inside ``Görüşmenin``), with the first
Trump and first Putin mentions as its Entity arguments. Putin carries a knowledge-base
id, every annotation an annotator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.model import Argument
from workbench.ops import annotating
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

NAMES = re.compile("Trump|Putin|ترامپ|پوتین|ترامب|بوتين")
TRIGGERS = re.compile("[Zz]irve|[Gg]örüşme|نشست|قمة")
PUTIN = ("Putin", "پوتین", "بوتين")
EXPECTED_MENTIONS = 110


@dataclass
class SeedAnnotation:
    mentions: int = 0
    events: int = 0
    kb_ids: int = 0


def annotate_seeds(project: Project) -> SeedAnnotation:
    out = SeedAnnotation()
    for doc_id in store_docs.document_ids(project.conn):
        text = store_docs.document_text(project.conn, doc_id)
        first: dict[bool, int] = {}
        for match in NAMES.finditer(text):
            is_putin = match.group() in PUTIN
            kb_id = "Q7747" if is_putin else None
            m = annotating.add_mention(
                project, doc_id, match.start(), match.end(), "PER", annotator="ayşe", kb_id=kb_id
            )
            first.setdefault(is_putin, m.id)
            out.mentions += 1
            out.kb_ids += kb_id is not None
        trigger = TRIGGERS.search(text)
        assert trigger is not None
        annotating.add_event(
            project,
            doc_id,
            "Contact.Meet",
            trigger.start(),
            trigger.end(),
            tuple(Argument("Entity", first[k]) for k in (False, True) if k in first),
            annotator="ayşe",
        )
        out.events += 1
    assert out.mentions == EXPECTED_MENTIONS
    return out
