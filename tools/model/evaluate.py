"""Quick aspect-similarity check (the Ostendorff et al. protocol, simplified), used while training.

For one aspect, the evaluation set is every paper (of the given set) with an abstract and at least one
label of that aspect. Each paper is a query against all the others; a neighbour is relevant when it
shares at least one label with the query. Reports MAP@10 and MRR@10, for model vectors and for the
TF-IDF and BM25 baselines over the same token ids. The benchmark helper's bench/ is the formal run.
"""
from __future__ import annotations

import numpy as np
import torch

from facet_model import ASPECTS, FacetModel, Paper


def eval_set(papers: list[Paper], aspect: str) -> tuple[list[Paper], np.ndarray]:
    chosen = [p for p in papers if p.has_abstract and p.labels.get(aspect) and (p.ids > 1).any()]
    names = sorted({label for p in chosen for label in p.labels[aspect]})
    index = {n: i for i, n in enumerate(names)}
    hot = np.zeros((len(chosen), len(names)), dtype=np.float32)
    for r, p in enumerate(chosen):
        for label in p.labels[aspect]:
            hot[r, index[label]] = 1.0
    relevant = (hot @ hot.T) > 0
    np.fill_diagonal(relevant, False)
    return chosen, relevant


def ranking_metrics(scores: np.ndarray, relevant: np.ndarray, k: int = 10) -> dict[str, float]:
    scores = scores.astype(np.float64).copy()
    np.fill_diagonal(scores, -np.inf)
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    hits = np.take_along_axis(relevant, top, axis=1).astype(np.float64)   # [Q, k]
    n_rel = relevant.sum(axis=1)
    queries = n_rel > 0
    precision_at = np.cumsum(hits, axis=1) / np.arange(1, k + 1)
    ap = (precision_at * hits).sum(axis=1) / np.minimum(n_rel, k).clip(min=1)
    first = np.where(hits.any(axis=1), 1.0 / (hits.argmax(axis=1) + 1), 0.0)
    return {"map@10": float(ap[queries].mean()), "mrr@10": float(first[queries].mean()), "queries": int(queries.sum())}


def model_vectors(model: FacetModel, papers: list[Paper], batch: int = 256) -> dict[str, np.ndarray]:
    out: dict[str, list[np.ndarray]] = {a: [] for a in ASPECTS}
    model.eval()
    with torch.no_grad():
        for start in range(0, len(papers), batch):
            chunk = papers[start:start + batch]
            length = max(1, max(len(p.ids) for p in chunk))
            ids = torch.zeros((len(chunk), length), dtype=torch.int64)
            for r, p in enumerate(chunk):
                ids[r, :len(p.ids)] = torch.from_numpy(p.ids)
            for a, v in zip(ASPECTS, model(ids)):
                out[a].append(v.numpy())
    return {a: np.concatenate(v) for a, v in out.items()}


def term_matrix(papers: list[Paper]) -> tuple[np.ndarray, np.ndarray]:
    """Dense term counts over the terms these papers use (unknown tokens left out)."""
    used = np.unique(np.concatenate([p.ids[p.ids > 1] for p in papers]))
    column = {int(t): i for i, t in enumerate(used)}
    tf = np.zeros((len(papers), len(used)), dtype=np.float32)
    for r, p in enumerate(papers):
        for t in p.ids[p.ids > 1]:
            tf[r, column[int(t)]] += 1.0
    df = (tf > 0).sum(axis=0)
    return tf, df


def baseline_scores(papers: list[Paper]) -> dict[str, np.ndarray]:
    tf, df = term_matrix(papers)
    n = len(papers)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    tfidf = tf * idf
    tfidf /= np.linalg.norm(tfidf, axis=1, keepdims=True).clip(min=1e-12)
    k1, b = 1.2, 0.75
    length = tf.sum(axis=1, keepdims=True)
    bm25_idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    bm25_doc = bm25_idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / length.mean()))
    query = (tf > 0).astype(np.float32)
    return {"tfidf": tfidf @ tfidf.T, "bm25": query @ bm25_doc.T}


def evaluate(model: FacetModel, papers: list[Paper], aspects=("task", "method", "dataset"),
             baselines: bool = True) -> dict[str, dict[str, dict[str, float]]]:
    """{aspect: {system: metrics}}; systems: each model output, plus tfidf and bm25."""
    results: dict[str, dict[str, dict[str, float]]] = {}
    for aspect in aspects:
        chosen, relevant = eval_set(papers, aspect)
        if len(chosen) < 2:
            continue
        vectors = model_vectors(model, chosen)
        row = {system: ranking_metrics(v @ v.T, relevant) for system, v in vectors.items()}
        if baselines:
            row.update({system: ranking_metrics(s, relevant) for system, s in baseline_scores(chosen).items()})
        results[aspect] = row
    return results


def format_results(results: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = []
    for aspect, row in results.items():
        n = next(iter(row.values()))["queries"]
        lines.append(f"  {aspect} ({n} queries): " + "  ".join(
            f"{system}={m['map@10']:.4f}/{m['mrr@10']:.3f}" for system, m in row.items()))
    return "MAP@10/MRR@10\n" + "\n".join(lines)
