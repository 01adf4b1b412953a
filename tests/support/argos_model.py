"""Build small but real Argos Translate packages for tests and benchmarks.

No real model can be downloaded here, so this module makes one: a SentencePiece model
trained on the seed texts, a CTranslate2 Transformer filled with random weights through
``ctranslate2.specs`` (the same files a converted OpenNMT model has), a ``metadata.json``
and a zip with one top-level folder, exactly like the packages on the Argos index. The
output is meaningless, but every code path that reads, loads and runs it is the real one.

Random weights almost never pick ``</s>``, so every hypothesis would run to the decoding
limit, which would make the benchmark meaningless. A constant bias on the ``</s>`` logit
does not help: a random decoder settles into repeating one state, so it either stops at
once or never. So the ``</s>`` logit gets a positive bias that grows with the decoding
position: one dimension of the decoder's position encodings ramps up with the position,
and the ``</s>`` row of the output projection reads only that dimension. Outputs then end
after about ``eos_after`` tokens (with some spread), like real translations of news
sentences; ``eos_bias`` shifts that, and a large negative one makes a model that never
stops (for testing the decoding cap).
"""

from __future__ import annotations

import io
import json
import zipfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

MAX_POSITIONS = 1024
# How fast the end-of-sentence logit rises with the decoding position (see _random_transformer).
RAMP = 0.5
EOS_GAIN = 1.0
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


def sinusoids(length: int, dim: int):  # -> np.ndarray
    import numpy as np

    half = dim // 2
    scale = np.log(10000.0) / (half - 1)
    freqs = np.exp(np.arange(half) * -scale)
    angles = np.arange(length)[:, None] * freqs[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1).astype(np.float32)


def _random_transformer(
    vocab: list[str],
    *,
    d_model: int,
    layers: int,
    heads: int,
    eos_bias: float,
    eos_after: float,
    seed: int,
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
    # The end-of-sentence bias rising with the position (see the module docstring); the
    # encodings are set explicitly because CTranslate2's default ones cannot be edited.
    eos = vocab.index("</s>")
    ramp = sinusoids(MAX_POSITIONS, d)
    ramp[:, 0] += RAMP * np.sqrt(d) * np.arange(MAX_POSITIONS) / eos_after
    spec.decoder.position_encodings.encodings = ramp
    spec.encoder.position_encodings.encodings = sinusoids(MAX_POSITIONS, d)
    projection = w(v, d)
    projection[eos] = 0.0
    projection[eos, 0] = EOS_GAIN
    spec.decoder.projection.weight = projection
    bias = zeros(v)
    bias[eos] = eos_bias
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
    eos_bias: float = 0.0,
    eos_after: float = 30.0,
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
        vocab,
        d_model=d_model,
        layers=layers,
        heads=heads,
        eos_bias=eos_bias,
        eos_after=eos_after,
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
