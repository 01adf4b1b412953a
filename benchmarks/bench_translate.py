"""Translation throughput on the five seeds: ours vs argostranslate vs raw CTranslate2.

Builds Argos-shaped packages for tr, fa and ar (random weights, d=256, 3+3 layers,
a 2,000-piece SentencePiece vocabulary, end-of-sentence bias so outputs end at realistic
lengths; see tests/support/argos_model.py), installs them into a temporary
ARGOS_PACKAGES_DIR, imports the seeds into a new project, and times one run each of:

- argostranslate's own ``translate()`` called on each stored sentence, as an application
  would call it (its sentence splitter is replaced by "one sentence in, one out": it
  downloads a model on first use and cannot run offline);
- a raw CTranslate2 ``translate_batch`` per language over the same sentences, with the
  same options we use: the practical limit;
- our ``TranslateJob``, and then its re-run when everything is cached.

Goal: at least 3x argostranslate and at least 0.9x the raw limit.

    python benchmarks/bench_translate.py [--beam 4]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.support

from tests.support.argos_model import build_package  # noqa: E402
from workbench.ops.importing import ImportJob  # noqa: E402
from workbench.ops.translating import TranslateJob  # noqa: E402
from workbench.storage import documents as store_docs  # noqa: E402
from workbench.storage.project import Project  # noqa: E402
from workbench.translation import translator as tr_mod  # noqa: E402
from workbench.translation.packages import install_package, models_to  # noqa: E402

LANGS = ("tr", "fa", "ar")


def seed_sentences(project: Project) -> dict[str, list[str]]:
    """Stored sentences per document language, line breaks as spaces."""
    out: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for info in store_docs.list_documents(project.conn):
        doc = store_docs.get_document(project.conn, info.id, annotations=False)
        out.setdefault(doc.lang or "?", []).extend(
            " ".join(doc.text[s.start : s.end].split()) for s in doc.sentences
        )
    return out


def run_argos(sentences: dict[str, list[str]]) -> float:
    import argostranslate.translate as argos

    class OneSentence:
        """Stands in for MiniSBD, which downloads its model on first use."""

        def __init__(self, pkg: object) -> None:
            pass

        def split_sentences(self, text: str) -> list[str]:
            return [text]

    argos.MiniSBDSentencizer = OneSentence  # type: ignore[misc,assignment]
    argos.get_installed_languages.cache_clear()
    start = time.perf_counter()
    for lang, texts in sentences.items():
        for text in texts:
            argos.translate(text, lang, "en")
    return time.perf_counter() - start


_RAW: dict[str, tuple[object, object]] = {}  # kept loaded between repeats, as ours are


def run_raw(sentences: dict[str, list[str]], packages: Path, beam: int) -> tuple[float, list[int]]:
    import ctranslate2
    import sentencepiece

    lengths: list[int] = []
    start = time.perf_counter()
    for lang, texts in sentences.items():
        if lang not in _RAW:
            package = models_to("en", packages)[lang]
            _RAW[lang] = (
                sentencepiece.SentencePieceProcessor(model_file=str(package.tokenizer_path)),
                ctranslate2.Translator(
                    str(package.model_path),
                    compute_type="int8",
                    intra_threads=tr_mod.physical_cores(),
                ),
            )
        sp, model = _RAW[lang]
        results = model.translate_batch(
            [sp.encode(t, out_type=str) for t in texts],
            beam_size=beam,
            max_batch_size=tr_mod.MAX_BATCH_TOKENS,
            batch_type="tokens",
            length_penalty=tr_mod.LENGTH_PENALTY,
            replace_unknowns=True,
        )
        for r in results:
            lengths.append(len(r.hypotheses[0]))
            sp.decode(r.hypotheses[0])
    return time.perf_counter() - start, lengths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument(
        "--skip-argos", action="store_true", help="Skip the slow argostranslate run."
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="Alternate raw and ours this many times (on a shared machine, compare the best).",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-translate-") as tmp:
        work = Path(tmp)
        packages = work / "packages"
        # Before argostranslate is imported: its settings are read once, at import.
        os.environ["ARGOS_PACKAGES_DIR"] = str(packages)
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(work / name.lower())
        for lang in LANGS:
            archive = build_package(
                work, lang, d_model=256, layers=3, heads=4, vocab_size=2000, eos_after=25.0
            )
            install_package(archive, packages)
        with Project.open(work / "seeds.wbproj") as project:
            list(ImportJob(project, [ROOT / "seeds"]).run())
            sentences = seed_sentences(project)
            n = sum(map(len, sentences.values()))
            counts = ", ".join(f"{k} {len(v)}" for k, v in sentences.items())
            print(
                f"{n} seed sentences ({counts}); model d=256, 3+3 layers, vocab 2000; "
                f"beam {args.beam}; {tr_mod.physical_cores()} threads"
            )

            raws, ourses = [], []
            for attempt in range(args.repeat):
                raw, lengths = run_raw(sentences, packages, args.beam)
                raws.append(raw)
                mean_out = statistics.mean(lengths)
                print(
                    f"raw CTranslate2 translate_batch : {raw:7.2f} s  (mean output {mean_out:.1f} tokens)"
                )
                start = time.perf_counter()
                job = TranslateJob(
                    project, beam_size=args.beam, packages_dir=packages, force=attempt > 0
                )
                list(job.run())
                ours = time.perf_counter() - start
                ourses.append(ours)
                print(f"ours (TranslateJob)             : {ours:7.2f} s  ({raw / ours:.2f}x raw)")
            raw, ours = min(raws), min(ourses)
            if args.repeat > 1:
                print(
                    f"best of {args.repeat}: raw {raw:.2f} s, ours {ours:.2f} s ({raw / ours:.2f}x raw)"
                )

            start = time.perf_counter()
            cached = TranslateJob(project, beam_size=args.beam, packages_dir=packages)
            list(cached.run())
            again = time.perf_counter() - start
            assert sum(cached.report.translated.values()) == 0
            print(f"ours, re-run with all cached    : {again:7.3f} s")

        if not args.skip_argos:
            argos = run_argos(sentences)
            print(
                f"argostranslate translate()      : {argos:7.2f} s  (ours is {argos / ours:.2f}x faster)"
            )


if __name__ == "__main__":
    main()
