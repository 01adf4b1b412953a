"""How often each rule gives a paragraph the direction its writer meant.

Usage: python benchmarks/direction_report.py [--verbose] [--runs 5]

Scores three rules on tests/data/direction_corpus.jsonl (paragraphs of news items,
social posts, bulletins, tables and technical notes in Persian, Arabic, Turkish and
English, each with the direction its writer meant): the workbench's rule (the majority
of the *prose*'s strong characters, see workbench/text/direction.py), the plain majority
of all strong characters (the earlier rule), and UAX #9's first strong character (rules
P2-P3, what Qt and most editors do). A paragraph with no strong character inherits the
previous one's direction under every rule. Then the time to decide every paragraph of a
1 MB document (the seeds repeated), median of --runs, against the plain majority.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from workbench.text.direction import (  # noqa: E402
    first_strong_direction,
    majority_direction,
    paragraphs,
    prose_direction,
    strong_counts,
)

CORPUS = REPO / "tests" / "data" / "direction_corpus.jsonl"
RULES: dict[str, Callable[[str], bool | None]] = {
    "prose (workbench)": prose_direction,
    "majority": majority_direction,
    "first strong (UAX #9)": first_strong_direction,
}


def score(records: list[dict[str, object]], rule: Callable[[str], bool | None]) -> list[str]:
    """Ids of the paragraphs ``rule`` gets wrong (inheriting within each doc)."""
    wrong, previous, doc = [], False, None
    for record in records:
        if record["doc"] != doc:
            doc, previous = record["doc"], False
        found = rule(str(record["text"]))
        previous = previous if found is None else found
        if previous != record["rtl"]:
            wrong.append(str(record["id"]))
    return wrong


def majority_paragraphs(text: str) -> list[bool]:
    out, previous = [], False
    for line in text.split("\n"):
        ltr, rtl = strong_counts(line)
        previous = previous if ltr == rtl == 0 else rtl > ltr
        out.append(previous)
    return out


def timing(runs: int) -> None:
    parts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    text = ""
    while len(text.encode("utf-8")) < 1_000_000:
        text += "\n\n".join(parts) + "\n\n"
    medians = {}
    for name, run in (("prose", paragraphs), ("majority", majority_paragraphs)):
        run(text)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            run(text)
            times.append(time.perf_counter() - start)
        medians[name] = statistics.median(times)
    print(
        f"\n1 MB document ({text.count(chr(10)) + 1} paragraphs), median of {runs}: "
        f"prose {medians['prose'] * 1000:.1f} ms, majority {medians['majority'] * 1000:.1f} ms "
        f"({medians['prose'] / medians['majority']:.1f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list the paragraphs missed")
    parser.add_argument("--runs", type=int, default=5, help="timing runs")
    args = parser.parse_args()
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    by_lang: dict[str, list[dict[str, object]]] = defaultdict(list)
    for record in records:
        by_lang[str(record["doc"]).split("-")[0]].append(record)
    langs = sorted(by_lang)
    print(f"{len(records)} paragraphs ({', '.join(f'{k} {len(by_lang[k])}' for k in langs)})\n")
    print(f"{'rule':<24}{'correct':>10}{'score':>8}  " + "  ".join(f"{k:>5}" for k in langs))
    for name, rule in RULES.items():
        wrong = score(records, rule)
        per_lang = []
        for lang in langs:
            missed = len([w for w in wrong if w.startswith(lang + "-")])
            per_lang.append(f"{1 - missed / len(by_lang[lang]):>5.2f}")
        right = len(records) - len(wrong)
        print(
            f"{name:<24}{right:>6}/{len(records):<3}{right / len(records):>8.3f}  "
            + "  ".join(per_lang)
        )
        if args.verbose:
            kinds = {str(r["id"]): str(r["kind"]) for r in records}
            for ident in wrong:
                print(f"    missed {ident}: {kinds[ident]}")
    timing(args.runs)


if __name__ == "__main__":
    main()
