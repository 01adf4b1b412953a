"""Realistic large projects for the benchmarks, generated from the five seeds.

Each document takes the language and script of one seed (three Turkish, one Persian,
one Arabic, so tr:fa:ar is 3:1:1) and a length drawn around that seed's length
(log-normal, mean equal to the seed's; one document in 2,000 is a megabyte long, as
archives hold a few); its text is sentences of that language's seeds in a new order,
in paragraphs under a title line. About half the documents come with their sentences
and translations (as our own export writes them) and their language; the others leave
language detection and segmentation to the import. Mentions are words of the text under
entity labels (about one in five sentences), events a trigger word with one argument,
statuses mostly "to do". Names are file names like the seeds', some in Turkish or
Arabic script. The same ``seed`` gives the same corpus.

    python benchmarks/corpus.py COUNT OUT.jsonl [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.text.segment import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LANG_OF_SEED = {"000": "tr", "001": "tr", "002": "fa", "003": "tr", "004": "ar"}
ENTITY_LABELS = ("PER", "ORG", "GPE", "LOC", "TIME")
ENGLISH = (
    "the president said talks would continue after the meeting in the capital while "
    "officials from both sides met again on monday to discuss the war and its end"
).split()
_WORD = re.compile(r"\w{3,}")
BIG_EVERY = 2000  # one document in this many is about a megabyte
BIG_CHARACTERS = 1_000_000


@dataclass(frozen=True)
class Seed:
    lang: str
    length: int  # characters
    sentences: list[str]  # of every seed of its language, one line each


def load_seeds() -> list[Seed]:
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    pools: dict[str, list[str]] = {}
    for key, text in texts.items():
        pool = pools.setdefault(LANG_OF_SEED[key], [])
        pool.extend(" ".join(text[s:e].split()) for s, e in split_sentences(text))
    return [Seed(LANG_OF_SEED[k], len(t), pools[LANG_OF_SEED[k]]) for k, t in texts.items()]


def _name(rng: random.Random, i: int, lang: str) -> str:
    roll = rng.random()
    if roll < 0.05:
        return f"haber-İstanbul-{i:06d}.txt" if lang == "tr" else f"خبر-{i:06d}.txt"
    return f"{i:06d}_{rng.getrandbits(64):016x}.txt"


def _english(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(ENGLISH))
    return " ".join(words).capitalize() + "."


def record(rng: random.Random, seeds: list[Seed], i: int) -> dict[str, Any]:
    """One document in our JSONL export shape (see the README)."""
    seed = rng.choice(seeds)
    sigma = 0.5
    target = int(seed.length * rng.lognormvariate(-sigma * sigma / 2, sigma))
    if rng.randrange(BIG_EVERY) == 0:
        target = BIG_CHARACTERS
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    size = 0
    in_paragraph = 0
    while size < max(target, 200):
        sentence = rng.choice(seed.sentences)
        if parts:
            sep = "\n\n" if (len(spans) == 1 or in_paragraph >= rng.randint(2, 5)) else " "
            in_paragraph = 0 if sep == "\n\n" else in_paragraph + 1
            parts.append(sep)
            size += len(sep)
        spans.append((size, size + len(sentence)))
        parts.append(sentence)
        size += len(sentence)
    text = "".join(parts)
    entities: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for start, end in spans:
        if rng.random() < 0.2:
            words = list(_WORD.finditer(text, start, end))
            if words:
                word = rng.choice(words)
                key = f"T{len(entities) + 1}"
                entities.append(
                    {
                        "id": key,
                        "start": word.start(),
                        "end": word.end(),
                        "label": rng.choice(ENTITY_LABELS),
                        "annotator": "bench",
                    }
                )
                if rng.random() < 0.3 and len(words) > 1:
                    trigger = rng.choice([w for w in words if w is not word])
                    events.append(
                        {
                            "type": "Contact.Meet",
                            "trigger": {"start": trigger.start(), "end": trigger.end()},
                            "arguments": [{"role": "Entity", "entity": key}],
                            "annotator": "bench",
                        }
                    )
    entities.sort(key=lambda e: (e["start"], e["end"]))
    out: dict[str, Any] = {
        "source": _name(rng, i, seed.lang),
        "status": rng.choices(["todo", "in_progress", "done"], [7, 2, 1])[0],
        "text": text,
        "entities": entities,
        "events": events,
    }
    if rng.random() < 0.5:  # as exported after translating: sentences, translations, lang
        model = f"argos:{seed.lang}-en@1.0"
        out["lang"] = seed.lang
        out["sentences"] = [
            {"start": s, "end": e, "translation": _english(rng, e - s), "model": model}
            for s, e in spans
        ]
    return out


def records(count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    seeds = load_seeds()
    for i in range(count):
        yield record(rng, seeds, i)


def write_jsonl(path: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` documents to ``path`` (one JSON object a line); its size in bytes."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for rec in records(count, seed):
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path.stat().st_size


def describe(path: Path) -> str:
    size = path.stat().st_size
    with path.open("rb") as handle:
        lines = sum(1 for _ in handle)
    return f"{lines:,} documents, {size / 1e6:,.0f} MB of JSONL ({size / max(lines, 1) / 1e3:.1f} KB each)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_jsonl(args.out, args.count, args.seed)
    print(f"{args.out}: {describe(args.out)}")


if __name__ == "__main__":
    main()
