"""Precision/recall/F1 of sentence boundaries against the hand-checked gold segmentations.

Usage: python benchmarks/segmentation_report.py [--seeds DIR] [--gold DIR] [--verbose] [--timing]

A boundary is the end offset of every gold (or predicted) span except the one that ends
last: the place where one sentence stops and the next begins. Exact-span F1 (start and end
both right) is printed too. Seeds are looked up in --seeds, $WORKBENCH_SEEDS, the repo's
``seeds/`` and ``../shared/seeds``, in that order. Also imported by tests/text/test_segment.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from workbench.text.segment import split_sentences  # noqa: E402

GOLD_DIR = REPO / "tests" / "data" / "gold"


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def canonical(data: bytes) -> str:
    """The project's canonical text: UTF-8, leading BOM dropped, CR LF / CR turned into LF."""
    text = data.decode("utf-8").removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def find_seeds_dir(explicit: str | None = None) -> Path | None:
    candidates = [explicit, os.environ.get("WORKBENCH_SEEDS"), REPO / "seeds"]
    candidates.append(REPO.parent / "shared" / "seeds")
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def load_gold(gold_dir: Path = GOLD_DIR) -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(gold_dir.glob("*.json"))]


def boundaries(spans: list[tuple[int, int]] | list[list[int]]) -> set[int]:
    ends = sorted(end for _, end in spans)
    return set(ends[:-1])


def boundary_scores(gold: list, predicted: list) -> Scores:
    g, p = boundaries(gold), boundaries(predicted)
    return Scores(len(g & p), len(p - g), len(g - p))


def span_scores(gold: list, predicted: list) -> Scores:
    g, p = {tuple(s) for s in gold}, {tuple(s) for s in predicted}
    return Scores(len(g & p), len(p - g), len(g - p))


def evaluate(seeds: Path, gold_dir: Path = GOLD_DIR) -> list[tuple[dict, str, list, Scores]]:
    """(gold record, canonical text, predicted spans, boundary scores) per gold document."""
    rows = []
    for record in load_gold(gold_dir):
        text = canonical((seeds / record["seed"]).read_bytes())
        predicted = split_sentences(text)
        rows.append((record, text, predicted, boundary_scores(record["sentences"], predicted)))
    return rows


def _context(text: str, pos: int) -> str:
    return repr(text[max(0, pos - 40) : pos]) + " | " + repr(text[pos : pos + 30])


def _timing() -> None:
    seeds = find_seeds_dir()
    texts = [canonical(p.read_bytes()) for p in sorted(seeds.glob("*.txt"))] if seeds else []
    sample = "\n\n".join(texts) or "Bir cümle. İkinci cümle!\n"
    megabyte = (sample * (1_000_000 // len(sample) + 1))[:1_000_000]
    start = time.perf_counter()
    spans = split_sentences(megabyte)
    elapsed = time.perf_counter() - start
    print(f"\n1,000,000 code points of seed text: {elapsed * 1000:.0f} ms, {len(spans)} spans")
    if texts:
        start = time.perf_counter()
        rounds = 200
        for _ in range(rounds):
            for text in texts:
                split_sentences(text)
        rate = rounds * len(texts) / (time.perf_counter() - start)
        print(f"seed documents (avg {sum(map(len, texts)) // len(texts)} chars): {rate:.0f} docs/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", help="directory holding the seed .txt files")
    parser.add_argument("--gold", default=str(GOLD_DIR), help="directory of gold JSON files")
    parser.add_argument("--verbose", action="store_true", help="list every wrong boundary")
    parser.add_argument("--timing", action="store_true", help="also time a 1 MB document")
    args = parser.parse_args(argv)
    seeds = find_seeds_dir(args.seeds)
    if seeds is None:
        print("seed directory not found (use --seeds or $WORKBENCH_SEEDS)", file=sys.stderr)
        return 2
    total, total_spans = Scores(0, 0, 0), Scores(0, 0, 0)
    header = f"{'document':<28} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'span F1':>8}"
    print(header)
    print("-" * len(header))
    for record, text, predicted, scores in evaluate(seeds, Path(args.gold)):
        spans = span_scores(record["sentences"], predicted)
        total, total_spans = total + scores, total_spans + spans
        print(
            f"{record['seed']:<28} {len(record['sentences']):>5} {len(predicted):>5} "
            f"{scores.precision:>6.3f} {scores.recall:>6.3f} {scores.f1:>6.3f} {spans.f1:>8.3f}"
        )
        if args.verbose:
            gold_b, pred_b = boundaries(record["sentences"]), boundaries(predicted)
            for pos in sorted(pred_b - gold_b):
                print(f"    extra   {pos}: {_context(text, pos)}")
            for pos in sorted(gold_b - pred_b):
                print(f"    missed  {pos}: {_context(text, pos)}")
    print("-" * len(header))
    print(
        f"{'overall (micro)':<28} {'':>5} {'':>5} {total.precision:>6.3f} {total.recall:>6.3f} "
        f"{total.f1:>6.3f} {total_spans.f1:>8.3f}"
    )
    if args.timing:
        _timing()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
