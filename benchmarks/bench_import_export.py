"""Import/export throughput on a generated corpus of 10,000 documents.

The corpus is made of sentences drawn from the five seed documents (Turkish, Persian
and Arabic), shuffled into documents of 3 to 12 sentences each, so language detection
and segmentation work on real text. Prints documents/s and MB/s for import into a new
project and for JSONL export. Goal: import >= 2,000 documents/s.

    python benchmarks/bench_import_export.py [--docs 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from workbench.ops.exporting import export_jsonl
from workbench.ops.importing import ImportJob
from workbench.storage.project import Project
from workbench.text.segment import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_corpus(folder: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` documents to ``folder``; returns the total size in bytes."""
    rng = random.Random(seed)
    pools = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pools.append([text[s:e].replace("\n", " ") for s, e in split_sentences(text)])
    size = 0
    for i in range(count):
        pool = pools[i % len(pools)]  # one language per document, as in real news
        body = " ".join(rng.choice(pool) for _ in range(rng.randint(3, 12)))
        data = body.encode("utf-8")
        (folder / f"doc{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        size = make_corpus(corpus, args.docs)
        print(f"corpus: {args.docs} documents, {size / 1e6:.1f} MB")
        imports, exports = [], []
        for run in range(args.runs):
            project_path = root / f"run{run}.wbproj"
            with Project.open(project_path) as project:
                start = time.perf_counter()
                job = ImportJob(project, [corpus])
                for _ in job.run():
                    pass
                imports.append(time.perf_counter() - start)
                assert len(job.report.imported) == args.docs, job.report.summary()
                start = time.perf_counter()
                for _ in export_jsonl(project, root / "out.jsonl"):
                    pass
                exports.append(time.perf_counter() - start)
            out_size = (root / "out.jsonl").stat().st_size
        imp, exp = statistics.median(imports), statistics.median(exports)
        print(
            f"import: median {imp:.2f} s over {args.runs} runs = {args.docs / imp:,.0f} docs/s, "
            f"{size / 1e6 / imp:.1f} MB/s (goal >= 2,000 docs/s: {args.docs / imp / 2000:.2f}x)"
        )
        print(
            f"export: median {exp:.2f} s = {args.docs / exp:,.0f} docs/s, "
            f"{out_size / 1e6 / exp:.1f} MB/s of JSONL"
        )


if __name__ == "__main__":
    main()
