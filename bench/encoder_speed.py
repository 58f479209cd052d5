"""Sentence-encoder throughput on real sentences: settings side by side, one process, one run.

    .venv/bin/python bench/encoder_speed.py [--n 2000]

Takes the first sentences of AllSides articles (split on sentence-final
punctuation; the figures concern the encoder, not the splitter) and encodes
them with the MiniLM encoder newsprism uses, under each setting in turn:
fp32 or bf16 autocast, batch size, maximum sequence length, torch threads.
Prints sentences per second (wall) and per CPU second for each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"


def sentences(n: int) -> list[str]:
    out: list[str] = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            out.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20)
            if len(out) >= n:
                return out[:n]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    import torch

    from newsprism.nlp.models import Encoder, bf16_native, default_embedding_path

    texts = sentences(args.n)
    print(f"CPU: {torch.backends.cpu.get_cpu_capability()}, native bfloat16: {bf16_native()} (fp32 is the default)")
    print(f"{len(texts)} sentences, {sum(len(t.split()) for t in texts) / len(texts):.0f} words each")
    encoder = Encoder(default_embedding_path())
    model = encoder._model
    encoder.encode(texts[:64])  # warm-up
    base = None
    for threads in (2, 1):
        torch.set_num_threads(threads)
        for bf16 in (True, False):
            for batch in (32, 64, 128):
                for max_len in (256, 128):
                    model.max_seq_length = max_len
                    encoder.bf16, encoder.batch_size = bf16, batch
                    wall, cpu = time.perf_counter(), time.process_time()
                    vectors = encoder.encode(texts)
                    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                    if base is None:
                        base = vectors
                    drift = float((1 - (vectors * base).sum(axis=1)).max())
                    print(
                        f"threads {threads}  {'bf16' if bf16 else 'fp32'}  batch {batch:>3}  max_len {max_len}: "
                        f"{len(texts) / wall:6.0f} sentences/s  {len(texts) / cpu:6.0f} per CPU-s  "
                        f"(max cosine drift {drift:.4f})",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
