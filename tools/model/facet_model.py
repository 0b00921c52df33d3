"""Facet's aspect model: data loading, the torch module, and ONNX export.

The design (see MODEL_CARD.md / README.md):
  * one frozen static token-embedding table E [V, D], learned with fastText skipgram on the full-text
    corpus, over the vocabulary written by tools/model/tokenize-corpus.ts (ids 0 = padding, 1 = unknown;
    both rows are zero and never counted);
  * generic: SIF pooling (weight a / (a + p(w)), mean over the known tokens), then removal of the
    common component (first principal direction of TRAIN-split paper vectors), then L2 normalisation;
  * task / method / dataset: a learned per-token weight table per aspect (initialised to the SIF
    weights), weighted mean of E over the known tokens, then a per-aspect head (linear map plus a
    small residual MLP), then L2 normalisation. Trained contrastively (tools/model/train_heads.py).
  * a text without any known token (empty, all padding, only unknown tokens) gets the fixed unit
    vector e_0 = [1, 0, 0, ...] for every aspect, so outputs are always unit-norm and never NaN.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

ASPECTS = ("generic", "task", "method", "dataset")
TRAINED_ASPECTS = ("task", "method", "dataset")
HELD_OUT_SPLITS = ("validation", "test1-few-shot", "test2-zero-shot")
SIF_A = 1e-3


# ----------------------------------------------------------------------------------------------
# Data


def read_vocab(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        tokens = f.read().split("\n")
    if tokens and tokens[-1] == "":
        tokens.pop()
    if tokens[:2] != ["<pad>", "<unk>"]:
        raise ValueError(f"{path}: vocabulary must start with <pad> and <unk>")
    return tokens


def read_token_counts(path: str, vocab: list[str]) -> np.ndarray:
    """Corpus counts per vocabulary id (0 for the reserved ids)."""
    index = {t: i for i, t in enumerate(vocab)}
    counts = np.zeros(len(vocab), dtype=np.float64)
    total = 0.0
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                raise ValueError(f"{path}:{line_no}: expected 'token<TAB>count'")
            c = float(parts[1])
            total += c
            i = index.get(parts[0])
            if i is not None and i > 1:
                counts[i] = c
    return counts / total


def sif_weights(probabilities: np.ndarray) -> np.ndarray:
    w = SIF_A / (SIF_A + probabilities)
    w[:2] = 0.0
    return w.astype(np.float32)


def read_fasttext_vectors(path: str, vocab: list[str], dims: int) -> np.ndarray:
    """Reads `fasttext print-word-vectors` output for the vocabulary (one line per token, in order)."""
    emb = np.zeros((len(vocab), dims), dtype=np.float32)
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 2):
            parts = line.rstrip().split(" ")
            if i >= len(vocab) or parts[0] != vocab[i]:
                raise ValueError(f"{path}:{i - 1}: expected token {vocab[i] if i < len(vocab) else '<end>'!r}, got {parts[0]!r}")
            if len(parts) != dims + 1:
                raise ValueError(f"{path}:{i - 1}: expected {dims} values, got {len(parts) - 1}")
            emb[i] = np.asarray(parts[1:], dtype=np.float32)
    return emb


@dataclass
class Paper:
    paper_id: str
    arxiv_id: str | None
    split: str
    has_abstract: bool
    ids: np.ndarray
    labels: dict[str, list[str]] = field(default_factory=dict)


def read_papers(tokens_path: str, labels_path: str | None) -> list[Paper]:
    """PwC papers with token ids; labels from the tdms file, methods (and, when given, all three
    aspects) from the labels JSONL written by tools/aspects/write-labels.ts."""
    papers: dict[str, Paper] = {}
    with open(tokens_path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            row = json.loads(line)
            pid = row["paper_id"]
            paper = papers.get(pid)
            if paper is None:
                paper = Paper(pid, row.get("arxiv_id"), row["split"], row["has_abstract"],
                              np.asarray(row["ids"], dtype=np.int64),
                              {"task": list(row["tasks"]), "dataset": list(row["datasets"]), "method": []})
                papers[pid] = paper
            elif row["split"] in HELD_OUT_SPLITS:
                # A paper listed in several splits counts as held out if any of them is.
                paper.split = row["split"] if paper.split == "train" else paper.split
    if labels_path:
        with open(labels_path, encoding="utf-8") as f:
            for line_no, line in enumerate(f, 1):
                row = json.loads(line)
                paper = papers.get(row.get("paper_id"))
                if paper is None:
                    raise ValueError(f"{labels_path}:{line_no}: unknown paper_id {row.get('paper_id')!r}")
                for aspect, key in (("task", "tasks"), ("dataset", "datasets"), ("method", "methods")):
                    if key in row and row[key] is not None:
                        paper.labels[aspect] = list(row[key])
    return list(papers.values())


def held_out_keys(papers: list[Paper]) -> set[str]:
    """paper_ids and arxiv_ids of every paper in a held-out split."""
    keys: set[str] = set()
    for p in papers:
        if p.split in HELD_OUT_SPLITS:
            keys.add(p.paper_id)
            if p.arxiv_id:
                keys.add(p.arxiv_id)
    return keys


def is_trainable(paper: Paper, held_out: set[str]) -> bool:
    return (paper.split == "train" and paper.paper_id not in held_out
            and not (paper.arxiv_id and paper.arxiv_id in held_out))


# ----------------------------------------------------------------------------------------------
# Model


class AspectHead(nn.Module):
    """Linear map plus a residual two-layer MLP: pooled [B, D] -> [B, D] (not yet normalised)."""

    def __init__(self, dims: int, hidden: int):
        super().__init__()
        self.linear = nn.Linear(dims, dims)
        with torch.no_grad():
            self.linear.weight.copy_(torch.eye(dims))
            self.linear.bias.zero_()
        self.hidden = hidden
        if hidden > 0:
            self.up = nn.Linear(dims, hidden)
            self.down = nn.Linear(hidden, dims)
            with torch.no_grad():
                self.down.weight.mul_(0.1)
                self.down.bias.zero_()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.linear(x)
        if self.hidden > 0:
            y = y + self.down(torch.nn.functional.gelu(self.up(x)))
        return y


def normalise_or_fallback(v: torch.Tensor, has_tokens: torch.Tensor) -> torch.Tensor:
    """L2-normalise rows; rows without known tokens become e_0."""
    norm = torch.sqrt((v * v).sum(dim=1, keepdim=True)).clamp_min(1e-12)
    e0 = torch.zeros_like(v[:1])
    e0[0, 0] = 1.0
    return torch.where(has_tokens.unsqueeze(1), v / norm, e0)


class FacetModel(nn.Module):
    """The full model. `forward(input_ids)` returns the four normalised vectors (the ONNX graph)."""

    def __init__(self, embedding: np.ndarray, sif: np.ndarray, common: np.ndarray, hidden: int):
        super().__init__()
        dims = embedding.shape[1]
        emb = torch.from_numpy(embedding.astype(np.float32)).clone()
        emb[:2] = 0.0
        self.register_buffer("embedding", emb)
        self.register_buffer("sif", torch.from_numpy(sif.astype(np.float32)).clone())
        self.register_buffer("common", torch.from_numpy(common.astype(np.float32)).clone())
        # Per-aspect token weights, stored as logs so they stay positive while training.
        log_sif = torch.log(torch.from_numpy(sif.astype(np.float32)).clamp_min(1e-8))
        self.log_weights = nn.Parameter(log_sif.unsqueeze(0).repeat(len(TRAINED_ASPECTS), 1))
        self.heads = nn.ModuleDict({a: AspectHead(dims, hidden) for a in TRAINED_ASPECTS})

    @property
    def dims(self) -> int:
        return int(self.embedding.shape[1])

    def token_weights(self) -> torch.Tensor:
        """[4, V]: generic SIF weights, then one row per trained aspect; reserved ids weigh 0."""
        w = torch.cat([self.sif.unsqueeze(0), torch.exp(self.log_weights)], dim=0)
        keep = torch.ones_like(w[:1])
        keep[0, :2] = 0.0
        return w * keep

    def generic_from_pooled(self, pooled: torch.Tensor) -> torch.Tensor:
        u = self.common.unsqueeze(0)
        return pooled - (pooled * u).sum(dim=1, keepdim=True) * u

    def pooled_bags(self, flat_ids: torch.Tensor, shares: torch.Tensor, lengths: torch.Tensor, aspect_row: int) -> torch.Tensor:
        """Training path, the same maths as forward(): each document is a bag of distinct known ids with
        shares (count / number of known tokens); pooled = sum(weight[id] * share * E[id])."""
        per_token = self.token_weights()[aspect_row][flat_ids] * shares
        # (embedding_bag with per_sample_weights trips an autograd assert in torch 1.13 when only the
        # weights need gradients, so sum the bags with index_add instead.)
        bag_of_token = torch.repeat_interleave(torch.arange(len(lengths)), lengths)
        weighted = self.embedding[flat_ids] * per_token.unsqueeze(1)
        return torch.zeros((len(lengths), self.dims), dtype=weighted.dtype).index_add(0, bag_of_token, weighted)

    def aspect_vector(self, aspect: str, pooled: torch.Tensor) -> torch.Tensor:
        if aspect == "generic":
            return self.generic_from_pooled(pooled)
        return self.heads[aspect](pooled)

    def forward(self, input_ids: torch.Tensor):
        known = (input_ids > 1)
        mask = known.to(torch.float32)                          # [B, L]
        count = mask.sum(dim=1, keepdim=True).clamp_min(1.0)    # [B, 1]
        vectors = self.embedding[input_ids]                     # [B, L, D]
        weights = self.token_weights()[:, input_ids]            # [4, B, L]
        weights = weights.permute(1, 0, 2) * mask.unsqueeze(1) / count.unsqueeze(1)  # [B, 4, L]
        pooled = torch.bmm(weights, vectors)                    # [B, 4, D]
        has_tokens = known.any(dim=1)
        out = []
        for row, aspect in enumerate(ASPECTS):
            v = self.aspect_vector(aspect, pooled[:, row, :])
            out.append(normalise_or_fallback(v, has_tokens))
        return tuple(out)


# ----------------------------------------------------------------------------------------------
# Export


def export_model_dir(model: FacetModel, vocab_path: str, out_dir: str, *, name: str, provisional: bool,
                     max_tokens: int, description: str, card: str | None) -> dict:
    """Writes model.onnx, vocab.txt, manifest.json (ModelManifest) and optionally MODEL_CARD.md."""
    os.makedirs(out_dir, exist_ok=True)
    model = model.eval()
    onnx_path = os.path.join(out_dir, "model.onnx")
    example = torch.tensor([[5, 6, 7, 0], [8, 1, 0, 0]], dtype=torch.int64)
    with torch.no_grad():
        torch.onnx.export(
            model, (example,), onnx_path,
            input_names=["input_ids"], output_names=list(ASPECTS),
            dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, **{a: {0: "batch"} for a in ASPECTS}},
            opset_version=14, do_constant_folding=True,
        )
    with open(vocab_path, "rb") as f:
        vocab_bytes = f.read()
    with open(os.path.join(out_dir, "vocab.txt"), "wb") as f:
        f.write(vocab_bytes)
    digest = hashlib.sha256()
    with open(onnx_path, "rb") as f:
        digest.update(f.read())
    digest.update(vocab_bytes)
    manifest = {
        "id": f"{name}@{digest.hexdigest()[:12]}",
        "name": name,
        "dims": model.dims,
        "aspects": list(ASPECTS),
        "provisional": provisional,
        "description": description,
        "onnx": "model.onnx",
        "vocab": "vocab.txt",
        "maxTokens": max_tokens,
    }
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    if card is not None:
        with open(os.path.join(out_dir, "MODEL_CARD.md"), "w", encoding="utf-8") as f:
            f.write(card)
    return manifest
