"""Chooses, on DEV splits only, each aspect's projection and the lexical weight of its hybrid score.

Inputs: the LSA fitted as build_lsa.py fits it; Papers-with-Code TRAIN-split papers and their labels
(tasks, datasets, and method labels derived by src-main/core/aspects/method-labels.ts, read from
.cache/labels/pwc-labels.jsonl) to fit linear discriminant projections; and, for the choice only, the
dev halves of two evaluation pools: Papers-with-Code held-out papers (task and dataset labels) and
SciREX (human-annotated tasks and datasets; for methods, the Method mentions annotated in the full
texts, see MENTIONS_SHARED). The test halves are never read here.

Candidates per aspect: no projection (plain LSA) or a linear discriminant projection fitted on one
label kind of the train split, keeping its leading directions. The hybrid score of a candidate is
  a * cos_tfidf + (1 - a) * cos_dense
with the TF-IDF of the pool itself (sublinear tf, smoothed idf; what the app's lexical index computes
over a library). Per aspect the (candidate, a) with the best mean dev MAP is kept; for the generic
aspect relevance is sharing any task or dataset label. An aspect whose dev pools hold fewer than MIN_DEV_QUERIES
queries (papers with at least one relevant paper) is too thin to choose on: it takes the generic
aspect's choice, and the report says so.

Writes --out-projections (.npz, one [dims, dims] matrix per aspect that has one), --out-fusion (JSON:
lexical weight per aspect) and --report (Markdown table of every candidate's dev MAP).
"""
from __future__ import annotations

import argparse
import ast
import gzip
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict

import numpy as np
import scipy.linalg as sl
from sklearn.feature_extraction.text import TfidfVectorizer

from build_lsa import ASPECTS, fit

SHARED = "../shared/"
# Method relevance from SciREX's human entity annotations (bench/lib/scirex-data.ts mirrors this): two
# papers are relevant when their full texts share at least MENTIONS_SHARED Method mentions, each
# mentioned by fewer than MENTIONS_MAX_SHARE of the pool's papers.
MENTIONS_SHARED = 2
MENTIONS_MAX_SHARE = 0.1
ALPHAS = [round(0.1 * i, 1) for i in range(11)]
MIN_DEV_QUERIES = 100
HELD_OUT = {"validation", "test1-few-shot", "test2-zero-shot"}


def tokens(text: str) -> list[str]:
    # Python stand-in for Facet's tokenizer (NFKC, lower case, runs of letters and digits).
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).lower())


def label(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def as_list(value) -> list:
    if isinstance(value, list):
        return value
    try:
        return list(ast.literal_eval(value))
    except (ValueError, SyntaxError):
        return []


def is_dev(key: str) -> bool:
    """The dev / test split of every evaluation pool: a stable hash of the paper id (bench/lib/split.ts mirrors it)."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0


def pwc_rows() -> list[dict]:
    with gzip.open(SHARED + "data/pwc-leaderboards/sota_papers_title_abstract_tdms.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def pools(rows: list[dict]) -> dict[str, list[dict]]:
    train_ids = {r["paper_id"] for r in rows if r["split"] == "train"}
    pwc: dict[str, dict] = {}
    for r in rows:
        if r["split"] not in HELD_OUT or r["paper_id"] in train_ids or not r["title"] or r["abstract"] in (None, "", "None"):
            continue
        tasks = {label(x) for x in as_list(r["tasks"])}
        datasets = {label(x) for x in as_list(r["datasets"])}
        if tasks or datasets:
            pwc[r["paper_id"]] = {"id": r["paper_id"], "text": f"{r['title']}. {r['abstract']}", "task": tasks, "dataset": datasets}
    with gzip.open(SHARED + "data/scirex/scirex_train306_aspects.jsonl.gz", "rt", encoding="utf-8") as f:
        scirex = [json.loads(line) for line in f if line.strip()]
    mentions = scirex_method_mentions()
    sx = [
        {
            "id": r["doc_id"],
            "text": r["title_abstract_text"],
            **{a: {label(x) for x in as_list(r[a + "s"])} for a in ("task", "dataset")},
            "method_mentions": mentions.get(r["doc_id"], set()),
        }
        for r in scirex
    ]
    return {"pwc-dev": [p for p in pwc.values() if is_dev(p["id"])], "scirex-dev": [p for p in sx if is_dev(p["id"])]}


def scirex_method_mentions() -> dict[str, set[str]]:
    """Per SciREX document, the distinct Method mentions of its full text (human NER annotations)."""
    import tarfile

    out: dict[str, set[str]] = {}
    with tarfile.open(SHARED + "data/scirex/scirex_train_docs_full.tar.gz") as tar:
        for member in tar:
            if not member.name.endswith(".json"):
                continue
            doc = json.loads(tar.extractfile(member).read().decode("utf-8").split("\n")[0])
            words = doc["words"]
            out[doc["doc_id"]] = {label(" ".join(words[s:e])) for s, e, kind in doc["ner"] if kind == "Method"} - {""}
    return out


def mention_relevance(pool: list[dict]) -> np.ndarray:
    counts = Counter(m for p in pool for m in p["method_mentions"])
    cap = MENTIONS_MAX_SHARE * len(pool)
    kept = [{m for m in p["method_mentions"] if counts[m] < cap} for p in pool]
    n = len(pool)
    rel = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            if len(kept[i] & kept[j]) >= MENTIONS_SHARED:
                rel[i, j] = rel[j, i] = True
    return rel


def relevance(pool: list[dict], aspects: tuple[str, ...], max_holders: int = 100) -> np.ndarray:
    n = len(pool)
    rel = np.zeros((n, n), dtype=bool)
    for aspect in aspects:
        counts = Counter(l for p in pool for l in p.get(aspect, ()))
        holders = defaultdict(list)
        for i, p in enumerate(pool):
            for l in p.get(aspect, ()):
                if counts[l] < max_holders:
                    holders[l].append(i)
        for members in holders.values():
            idx = np.array(members)
            rel[np.ix_(idx, idx)] = True
    np.fill_diagonal(rel, False)
    return rel


def mean_ap(scores: np.ndarray, rel: np.ndarray) -> float:
    s = scores.copy()
    np.fill_diagonal(s, -np.inf)
    aps = []
    for i in range(len(rel)):
        n_rel = rel[i].sum()
        if n_rel == 0:
            continue
        hits = rel[i][np.argsort(-s[i], kind="stable")]
        precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
        aps.append(float((precision * hits).sum() / n_rel))
    return float(np.mean(aps)) if aps else float("nan")


def unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def discriminant(train: np.ndarray, labels: list[set[str]], keep: int, reg: float, dims: int) -> np.ndarray:
    """Linear discriminant directions of unit LSA vectors for one label kind (classes of >= 2 papers), padded to [dims, dims]."""
    members = defaultdict(list)
    for i, ls in enumerate(labels):
        for l in ls:
            members[l].append(i)
    d = train.shape[1]
    within = np.zeros((d, d))
    between = np.zeros((d, d))
    mean = train.mean(axis=0)
    total = 0
    for rows in members.values():
        if len(rows) < 2:
            continue
        m = train[rows].mean(axis=0)
        z = train[rows] - m
        within += z.T @ z
        between += len(rows) * np.outer(m - mean, m - mean)
        total += len(rows)
    within /= total
    between /= total
    values, vectors = sl.eigh(between, within + reg * np.trace(within) / d * np.eye(d))
    order = np.argsort(-values)[:keep]
    projection = np.zeros((d, dims))
    projection[:, :keep] = vectors[:, order]
    return projection


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", required=True)
    ap.add_argument("--labels", default=".cache/labels/pwc-labels.jsonl")
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out-projections", required=True)
    ap.add_argument("--out-fusion", required=True)
    ap.add_argument("--report", required=True)
    args = ap.parse_args()

    vocab, table, _, _ = fit(args.docs, args.dims, 2, 0.5, True, args.seed)
    index = {t: i for i, t in enumerate(vocab)}

    def embed(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), args.dims))
        for r, text in enumerate(texts):
            for t, c in Counter(tokens(text)).items():
                i = index.get(t)
                if i is not None:
                    out[r] += (1.0 + np.log(c)) * table[i]
        return unit(out)

    rows = pwc_rows()
    methods = {}
    with open(args.labels, encoding="utf-8") as f:
        for line in f:
            x = json.loads(line)
            methods[x["paperId"] if "paperId" in x else x["paper_id"]] = {label(m) for m in x.get("methods", [])}
    train = [r for r in rows if r["split"] == "train" and r["title"] and r["abstract"] not in (None, "", "None")]
    train_vectors = embed([f"{r['title']}. {r['abstract']}" for r in train])
    train_labels = {
        "task": [{label(x) for x in as_list(r["tasks"])} for r in train],
        "dataset": [{label(x) for x in as_list(r["datasets"])} for r in train],
        "method": [methods.get(r["paper_id"], set()) for r in train],
    }
    candidates: dict[str, np.ndarray | None] = {"lsa": None}
    for kind, keep, reg in (("task", 64, 1.0), ("task", 128, 1.0), ("dataset", 64, 0.1), ("dataset", 128, 0.1), ("method", 64, 1.0), ("method", 128, 1.0)):
        candidates[f"lda-{kind}-{keep}"] = discriminant(train_vectors, train_labels[kind], keep, reg, args.dims)

    dev = pools(rows)
    evaluations = {name: [] for name in ASPECTS}
    for pool_name, pool in dev.items():
        texts = [p["text"] for p in pool]
        dense = embed(texts)
        sparse = TfidfVectorizer(analyzer=tokens, sublinear_tf=True).fit_transform(texts)
        lexical = (sparse @ sparse.T).toarray()
        kinds = ("task", "dataset")
        for aspect in ASPECTS:
            if aspect == "method":
                if not pool_name.startswith("scirex"):
                    continue
                rel = mention_relevance(pool)
            else:
                rel = relevance(pool, kinds if aspect == "generic" else (aspect,))
            evaluations[aspect].append((pool_name, dense, lexical, rel))

    projections: dict[str, np.ndarray] = {}
    fusion: dict[str, float] = {}
    generic_choice = None
    lines = ["| aspect | candidate | lexical weight | dev pools | mean dev MAP | chosen |", "| --- | --- | ---: | --- | ---: | --- |"]
    for aspect in ASPECTS:
        results = []
        for name, projection in candidates.items():
            for alpha in ALPHAS:
                maps = []
                for _, dense, lexical, rel in evaluations[aspect]:
                    vectors = dense if projection is None else unit(dense @ projection)
                    maps.append(mean_ap(alpha * lexical + (1 - alpha) * (vectors @ vectors.T), rel))
                results.append((float(np.mean(maps)), name, alpha, maps))
        best = max(results, key=lambda r: r[0])
        queries = sum(int((rel.sum(axis=1) > 0).sum()) for *_, rel in evaluations[aspect])
        pool_names = ", ".join(p for p, *_ in evaluations[aspect]) + f"; {queries} queries"
        if queries < MIN_DEV_QUERIES and aspect != "generic":
            best = next(r for r in results if (r[1], r[2]) == (generic_choice[1], generic_choice[2]))
            print(f"select_aspects: {aspect}: only {queries} dev queries (< {MIN_DEV_QUERIES}); takes the generic choice", flush=True)
        if aspect == "generic":
            generic_choice = best
        for score, name, alpha, maps in results:
            if alpha in (0.0, 0.3, 0.5, 1.0) or (name, alpha) == (best[1], best[2]):
                chosen = "**yes**" if (name, alpha) == (best[1], best[2]) else ""
                lines.append(f"| {aspect} | {name} | {alpha} | {pool_names} | {100 * score:.1f} ({', '.join(f'{100 * m:.1f}' for m in maps)}) | {chosen} |")
        if candidates[best[1]] is not None:
            projections[aspect] = candidates[best[1]]
        fusion[aspect] = best[2]
        print(f"select_aspects: {aspect}: {best[1]}, lexical weight {best[2]}, mean dev MAP {100 * best[0]:.1f}", flush=True)
    np.savez(args.out_projections, **{k: v.astype(np.float32) for k, v in projections.items()})
    with open(args.out_fusion, "w", encoding="utf-8") as f:
        json.dump({"lexicalWeight": fusion, "chosenOn": sorted(dev)}, f, indent=2)
        f.write("\n")
    with open(args.report, "w", encoding="utf-8") as f:
        f.write("# Aspect projections and lexical weights, chosen on dev splits\n\n")
        f.write("Written by tools/model/select_aspects.py. MAP over the full ranking of each dev pool (the paper's "
                "own half of the stable id hash); lexical weight a in a * cos_tfidf + (1 - a) * cos_dense. "
                "Rows for a = 0, 0.3, 0.5, 1 and the chosen one.\n\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
