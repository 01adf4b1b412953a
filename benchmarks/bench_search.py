"""Project search on a generated large project, and Ctrl+K candidate ranking.

Documents are drawn from the seeds' own words (Turkish, Persian, Arabic; about 110 words,
~750 characters each) with the names of the issue planted at known rates: "ترامب" and
"وترامب" in 1 % of the documents, "Trump'ın" and "Trump’ın" in 1 %, "ترامپ" in 0.3 %,
"پوتین" in 0.1 %, "Zelenski" in 0.02 %. The project is written through SQLite directly
(the import's language detection and segmentation are benchmarked elsewhere); then:

* index build: the whole search index rebuilt (:func:`search_index.reindex_all`),
  time, and the index's size (its FTS5 shadow tables) against the text size;
* search: each query run ``--runs`` times at the limit the Search panel uses (100 hits)
  and at 1,000 hits, median per query;
* ranking: ``--entities`` entities with three aliases each (Latin, Persian, Arabic
  spellings of generated names), candidates for a mention text (exact, with a
  proclitic, misspelled, unknown), median.

    python benchmarks/bench_search.py [--documents 100000] [--entities 50000] [--runs 7]
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.ops import candidates, knowledge, searching  # noqa: E402
from workbench.storage import search_index  # noqa: E402
from workbench.storage.project import Project, now  # noqa: E402

PLANTED = [("ترامب", 0.005), ("وترامب", 0.005), ("Trump'ın", 0.005), ("Trump’ın", 0.005),
           ("ترامپ", 0.003), ("پوتین", 0.001), ("Zelenski", 0.0002)]  # fmt: skip
QUERIES = ["ترامب", "Trump", "ترامپ", "پوتين", "Zelenski", "Trump'ın", "بوتين وترامب"]


def vocabulary() -> list[str]:
    words: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        words += re.findall(r"\w+", path.read_text(encoding="utf-8"))
    names = re.compile("(?i)trump|putin|ترامپ|ترامب|پوتین|بوتين|zelenski")
    return [w for w in words if not names.search(w)]


def generate(project: Project, count: int, rng: random.Random) -> int:
    words = vocabulary()
    size = 0
    with project.transaction() as conn:
        rows = []
        for i in range(count):
            body = rng.choices(words, k=110)
            for name, rate in PLANTED:
                if rng.random() < rate * 10:  # per document: ~rate x 10 places hold it
                    body[rng.randrange(len(body))] = name
            text = " ".join(body)
            size += len(text.encode("utf-8"))
            rows.append((f"gen{i:06d}.txt", f"{i:x}", text, now()))
        conn.executemany(
            "INSERT INTO documents (source, content_hash, text, imported_at) VALUES (?, ?, ?, ?)",
            rows,
        )
    return size


def index_size(project: Project) -> int:
    rows = project.conn.execute(
        "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_index%'"
    ).fetchone()
    return int(rows[0] or 0)


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--entities", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as tmp, Project.open(Path(tmp) / "big.wbproj") as project:
        start = time.perf_counter()
        size = generate(project, args.documents, rng)
        print(f"generated {args.documents:,} documents, {size / 1e6:.1f} MB of text"
              f" in {time.perf_counter() - start:.1f} s")  # fmt: skip
        start = time.perf_counter()
        with project.transaction() as conn:
            for _ in search_index.reindex_all(conn):
                pass
        built = time.perf_counter() - start
        isize = index_size(project)
        print(f"index build: {built:.1f} s ({args.documents / built:,.0f} docs/s),"
              f" index {isize / 1e6:.1f} MB = {isize / size:.2f} x the text")  # fmt: skip
        for limit in (100, 1000):
            medians = []
            for query in QUERIES:
                times, hits = [], 0
                for _ in range(args.runs):
                    t = time.perf_counter()
                    hits = len(searching.search(project, query, limit=limit))
                    times.append(time.perf_counter() - t)
                medians.append(statistics.median(times))
                print(f"  limit {limit:>4}  {query:<14} {hits:>5} hits  {median_ms(times)}")
            print(f"search, limit {limit}: median over queries {median_ms(medians)}")

        first = ["Ali", "Mehmet", "Reza", "Omar", "Sara", "Leyla", "Hasan", "Nur", "Kemal", "Zahra"]
        fa = "ابپتجچخدرزسشصطعفقکگلمنوهی"
        start = time.perf_counter()
        with project.transaction():
            for _ in range(args.entities):
                latin = f"{rng.choice(first)} {''.join(rng.choices('abcdefghiklmnoprstuvyz', k=7))}"
                persian = "".join(rng.choices(fa, k=6))
                arabic = persian.replace("ی", "ي").replace("ک", "ك").replace("پ", "ب")
                knowledge.create_entity(
                    project, "PER", latin, aliases=[(persian, "fa"), (arabic, "ar")]
                )
        knowledge.create_entity(project, "PER", "Donald Trump", aliases=[("ترامپ", "fa")])
        print(f"{args.entities:,} entities created in {time.perf_counter() - start:.1f} s")
        times = []
        for text in ("ترامپ", "وترامب", "Trump’ın", "Donald Trumpp", "Nobody Known"):
            each = []
            for _ in range(args.runs):
                t = time.perf_counter()
                found = candidates.rank(project.conn, text, type="PER")
                each.append(time.perf_counter() - t)
            times.append(statistics.median(each))
            best = found[0].entity.name if found else "-"
            print(
                f"  rank {text:<14} {len(found):>2} candidates, first {best:<14} {median_ms(each)}"
            )
        print(f"candidate ranking with {args.entities:,} entities: median {median_ms(times)}")


if __name__ == "__main__":
    main()
