"""The exports checked with real readers on the annotated seeds; prints the figures.

The seeds get 110 PER mentions (every Trump/Putin form, the Turkish suffix after the
apostrophe and the Arabic و left out) and one event each (tests/support/
seed_annotations.py). Then: spaCy (if installed) aligns every span of our spaCy export in
strict mode, against spaCy's own tokenizer on the same text; doccano offsets are
compared with a UTF-16 reference on a line with emoji; brat export, import and export
again is compared byte for byte; CoNLL tags are counted; and each format's report of
what it left out is printed.

    python benchmarks/export_report.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.seed_annotations import annotate_seeds  # noqa: E402
from workbench.io.formats import FORMATS  # noqa: E402
from workbench.io.jsonl import parse_line  # noqa: E402
from workbench.ops.exporting import ExportJob  # noqa: E402
from workbench.ops.importing import ImportJob  # noqa: E402
from workbench.storage.project import Project  # noqa: E402


def export(project: Project, out: Path, fmt: str) -> ExportJob:
    job = ExportJob(project, out, fmt)
    for _ in job.run():
        pass
    return job


def spacy_alignment(out: Path) -> None:
    try:
        import spacy
    except ImportError:
        print("spaCy: not installed (pip install spacy) -- skipped")
        return
    ours = own = total = 0
    for line in out.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        nlp = spacy.blank(row["meta"]["lang"])
        words = [t["text"] for t in row["tokens"]]
        doc = spacy.tokens.Doc(nlp.vocab, words=words, spaces=[t["ws"] for t in row["tokens"]])
        plain = nlp(row["text"])
        for s in row["spans"]:
            total += 1
            ours += doc.char_span(s["start"], s["end"], alignment_mode="strict") is not None
            own += plain.char_span(s["start"], s["end"], alignment_mode="strict") is not None
    print(f"spaCy {spacy.__version__} strict alignment, our tokens: {ours} of {total} spans")
    print(f"spaCy {spacy.__version__} strict alignment, spaCy's own tokenizer: {own} of {total}")


def doccano_emoji() -> None:
    text = "😀 Bugün 👍🏽 Trump'ın ve 🇹🇷 Putin'in görüşmesi"
    label = []
    for name in ("Trump", "Putin"):
        cp = text.index(name)
        label.append([len(text[:cp].encode("utf-16-le")) // 2, None, "PER"])
        label[-1][1] = label[-1][0] + 5
    rec = parse_line(json.dumps({"text": text, "label": label}), "emoji:1")
    got = [text[m.start : m.end] for m in rec.mentions]
    print(f"doccano line with emoji (UTF-16 offsets) imported as: {got}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Project.open(folder / "seeds.wbproj") as project:
            for _ in ImportJob(project, [ROOT / "seeds"]).run():
                pass
            made = annotate_seeds(project)
            print(f"seeds annotated: {made.mentions} mentions, {made.events} events")
            for fmt in FORMATS:
                out = folder / ("brat" if fmt == "brat" else f"out.{fmt}")
                try:
                    job = export(project, out, fmt)
                except Exception as exc:  # docbin without spaCy
                    print(f"{fmt}: {exc}")
                    continue
                for line in job.losses.lines() or [f"{fmt}: carries everything"]:
                    print(line)
            spacy_alignment(folder / "out.spacy")
            conll = (folder / "out.conll").read_text(encoding="utf-8").split("\n")
            tags = [line.split("\t")[1] for line in conll if "\t" in line]
            print(
                f"CoNLL: {len(tags) - 5} tokens, {tags.count('B-PER')} B-PER, {tags.count('I-PER')} I-PER"
            )
        doccano_emoji()
        with Project.open(folder / "copy.wbproj") as copy:
            for _ in ImportJob(copy, [folder / "brat"]).run():
                pass
            export(copy, folder / "brat2", "brat")
        first = {p.name: p.read_bytes() for p in (folder / "brat").iterdir()}
        second = {p.name: p.read_bytes() for p in (folder / "brat2").iterdir()}
        print(f"brat export, import, export: {len(first)} files, identical: {first == second}")


if __name__ == "__main__":
    main()
