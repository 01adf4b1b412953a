"""Build small but real Argos Translate packages for tests and benchmarks.

No real model can be downloaded here, so this module makes one: a SentencePiece model
trained on the seed texts, a CTranslate2 Transformer filled with random weights through
``ctranslate2.specs`` (the same files a converted OpenNMT model has), a ``metadata.json``
and a zip with one top-level folder, exactly like the packages on the Argos index. The
output is meaningless, but every code path that reads, loads and runs it is the real one.

Random weights almost never pick ``</s>``, so every hypothesis would run to the decoding
limit; a positive bias on the ``</s>`` logit of the output projection makes outputs end
after a realistic number of tokens, which the benchmark needs to be representative.
"""

from __future__ import annotations

import io
import json
import zipfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

LANGUAGE_NAMES = {"tr": "Turkish", "fa": "Persian", "ar": "Arabic", "en": "English"}


@lru_cache(maxsize=4)
def sentencepiece_model(vocab_size: int = 800, user_symbols: tuple[str, ...] = ()) -> bytes:
    """A unigram SentencePiece model trained on the seed texts (both scripts), as bytes."""
    import sentencepiece as spm

    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines.extend(x.strip() for x in path.read_text(encoding="utf-8").splitlines())
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([x for x in lines if x]),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        # The seeds are small: let the trainer stop below vocab_size instead of failing.
        hard_vocab_limit=False,
        byte_fallback=False,
        user_defined_symbols=list(user_symbols),
        minloglevel=2,
        num_threads=1,
    )
    return buffer.getvalue()


def _random_transformer(
    vocab: list[str], *, d_model: int, layers: int, heads: int, eos_bias: float, seed: int
):  # -> ctranslate2.specs.TransformerSpec
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    d, ffn, v = d_model, 4 * d_model, len(vocab)

    def w(rows: int, cols: int) -> np.ndarray:
        # Xavier-like scale keeps activations bounded through the layers.
        return (rng.standard_normal((rows, cols)) / np.sqrt(cols)).astype(np.float32)

    def zeros(n: int) -> np.ndarray:
        return np.zeros(n, dtype=np.float32)

    def norm(spec) -> None:  # type: ignore[no-untyped-def]
        spec.gamma = np.ones(d, dtype=np.float32)
        spec.beta = zeros(d)

    def linear(spec, rows: int, cols: int) -> None:  # type: ignore[no-untyped-def]
        spec.weight = w(rows, cols)
        spec.bias = zeros(rows)

    def ffn_layer(spec) -> None:  # type: ignore[no-untyped-def]
        norm(spec.layer_norm)
        linear(spec.linear_0, ffn, d)
        linear(spec.linear_1, d, ffn)

    spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads)
    spec.encoder.embeddings[0].weight = w(v, d)
    norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)  # fused q, k, v
        linear(layer.self_attention.linear[1], d, d)
        ffn_layer(layer.ffn)
    spec.decoder.embeddings.weight = w(v, d)
    norm(spec.decoder.layer_norm)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)  # query
        linear(layer.attention.linear[1], 2 * d, d)  # fused key, value of the memory
        linear(layer.attention.linear[2], d, d)
        ffn_layer(layer.ffn)
    spec.decoder.projection.weight = w(v, d)
    bias = zeros(v)
    bias[vocab.index("</s>")] = eos_bias
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def build_package(
    out_dir: Path,
    from_code: str,
    to_code: str = "en",
    *,
    version: str = "1.0",
    d_model: int = 64,
    layers: int = 2,
    heads: int = 2,
    vocab_size: int = 800,
    eos_bias: float = 9.0,
    target_prefix: str = "",
    quantization: str | None = "int8",
    seed: int = 0,
) -> Path:
    """Write ``<from>_<to>.argosmodel`` into ``out_dir`` and return its path."""
    import sentencepiece as spm

    symbols = (target_prefix,) if target_prefix else ()
    sp_bytes = sentencepiece_model(vocab_size, symbols)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    spec = _random_transformer(
        vocab, d_model=d_model, layers=layers, heads=heads, eos_bias=eos_bias,
        seed=seed + sum(map(ord, from_code)),
    )
    spec.validate()
    spec.optimize(quantization=quantization)
    staging = out_dir / f".staging-{from_code}_{to_code}-{version}"
    model_dir = staging / "model"
    model_dir.mkdir(parents=True)
    spec.save(str(model_dir))
    metadata = {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": LANGUAGE_NAMES.get(from_code, from_code),
        "to_code": to_code,
        "to_name": LANGUAGE_NAMES.get(to_code, to_code),
        "type": "translate",
        "links": [],
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    top = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    archive = out_dir / f"{from_code}_{to_code}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{top}/", "")
        zf.writestr(f"{top}/metadata.json", json.dumps(metadata, indent=2))
        zf.writestr(f"{top}/sentencepiece.model", sp_bytes)
        zf.writestr(f"{top}/README.md", f"Test package {from_code} -> {to_code}: random weights.\n")
        zf.writestr(f"{top}/model/", "")
        for path in sorted(model_dir.iterdir()):
            zf.write(path, f"{top}/model/{path.name}")
    for path in sorted(model_dir.iterdir()):
        path.unlink()
    model_dir.rmdir()
    staging.rmdir()
    return archive
