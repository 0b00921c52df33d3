"""Step 3 of training: turns the fastText vectors into the model's unsupervised base.

Reads (from --work): vocab.txt, token-counts.tsv, pwc-tokens.jsonl, ft/vectors.txt (the output of
`fasttext print-word-vectors` for the vocabulary). Writes base.npz with
  embedding [V, D] float32  (rows 0 and 1 zero),
  sif       [V]    float32  (SIF weights a / (a + p(w)), a = 1e-3; 0 for the reserved ids),
  common    [D]    float32  (unit first principal direction of the SIF vectors of TRAIN-split papers;
                             the generic vector has it projected out, as in SIF).
Only TRAIN-split papers (held-out ids and arXiv ids excluded) are used, and without labels.
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facet_model import held_out_keys, is_trainable, read_fasttext_vectors, read_papers, read_token_counts, read_vocab, sif_weights  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".work"))
    parser.add_argument("--dims", type=int, required=True)
    args = parser.parse_args()
    vocab = read_vocab(os.path.join(args.work, "vocab.txt"))
    probabilities = read_token_counts(os.path.join(args.work, "token-counts.tsv"), vocab)
    sif = sif_weights(probabilities)
    embedding = read_fasttext_vectors(os.path.join(args.work, "ft", "vectors.txt"), vocab, args.dims)
    missing = int((np.abs(embedding[2:]).sum(axis=1) == 0).sum())
    papers = read_papers(os.path.join(args.work, "pwc-tokens.jsonl"), None)
    held_out = held_out_keys(papers)
    pooled = []
    for p in papers:
        if not is_trainable(p, held_out):
            continue
        known = p.ids[p.ids > 1]
        if len(known) == 0:
            continue
        pooled.append((sif[known, None] * embedding[known]).sum(axis=0) / len(known))
    matrix = np.stack(pooled).astype(np.float64)
    _, _, vt = np.linalg.svd(matrix, full_matrices=False)
    common = vt[0].astype(np.float32)
    np.savez(os.path.join(args.work, "base.npz"), embedding=embedding, sif=sif, common=common)
    print(f"base: vocab {len(vocab)}, dims {args.dims}, {missing} vocabulary tokens without a vector, "
          f"common component from {len(pooled)} train papers")


if __name__ == "__main__":
    main()
