"""Merge and agreement on two generated laptops' projects.

Two analysts import the same generated corpus (sentences of the seeds, as in
``bench_import_export.py``) and each tags about ten mentions per document at word
boundaries, half of them the same spans and labels. Prints the medians of: merging one
project into a copy of the other (everything new), merging it again (everything already
there), and computing the full agreement report on the merged file; the import of the
corpus is the peer measured in the same run.

    python benchmarks/bench_merge.py [--docs 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import_export import make_corpus  # noqa: E402

from workbench.agreement.report import agreement_report  # noqa: E402
from workbench.core.model import Mention  # noqa: E402
from workbench.ops.importing import ImportJob  # noqa: E402
from workbench.ops.merging import merge_projects  # noqa: E402
from workbench.storage import annotations as store_ann  # noqa: E402
from workbench.storage import documents as store_docs  # noqa: E402
from workbench.storage.backup import backup_project  # noqa: E402
from workbench.storage.project import Project  # noqa: E402

WORD = re.compile(r"\w{3,}")
LABELS = ("PER", "ORG", "GPE", "LOC")


def annotate(project: Project, who: str, seed: int) -> int:
    shared, own = random.Random(1), random.Random(seed)
    count = 0
    with project.transaction() as conn:
        for doc_id in store_docs.document_ids(conn):
            words = list(WORD.finditer(store_docs.document_text(conn, doc_id)))
            for rng in (shared, own):
                for m in rng.sample(words, min(5, len(words))):
                    label = rng.choice(LABELS)
                    store_ann.insert_mention(
                        conn, Mention(0, doc_id, m.start(), m.end(), label, None, who)
                    )
                    count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.docs)
        imports = []
        for name, seed in (("a", 2), ("b", 3)):
            with Project.open(root / f"{name}.wbproj") as p:
                start = time.perf_counter()
                list(ImportJob(p, [corpus]).run())
                imports.append(time.perf_counter() - start)
                n = annotate(p, name, seed)
        print(f"corpus: {args.docs} documents, {n} mentions per annotator")
        first, again, agree = [], [], []
        for run in range(args.runs):
            target = root / f"merged{run}.wbproj"
            list(backup_project(root / "a.wbproj", target))
            with Project.open(target) as p:
                start = time.perf_counter()
                merge_projects(p, [root / "b.wbproj"])
                first.append(time.perf_counter() - start)
                start = time.perf_counter()
                merge_projects(p, [root / "b.wbproj"])
                again.append(time.perf_counter() - start)
                start = time.perf_counter()
                report = agreement_report(p.conn)
                agree.append(time.perf_counter() - start)
        imp, m1, m2, ag = (statistics.median(x) for x in (imports, first, again, agree))
        f1 = report["pairs"][0]["exact"]["overall"]["f1"]
        print(f"import (peer):         {imp:.2f} s ({args.docs / imp:,.0f} docs/s)")
        print(
            f"merge, all new:        {m1:.2f} s ({args.docs / m1:,.0f} docs/s, {m1 / imp:.2f}x import)"
        )
        print(f"merge again (no-op):   {m2:.2f} s ({args.docs / m2:,.0f} docs/s)")
        print(f"agreement report:      {ag:.2f} s (exact F1 {f1:.3f})")


if __name__ == "__main__":
    main()
