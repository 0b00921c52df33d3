"""Builds Facet's lexical-semantic aspect model (LSA) and exports it as ONNX.

Steps (numpy + scikit-learn + onnx, no torch):
  1. TF-IDF over the corpus documents written by tools/model/tokenize-lsa.ts (Facet's tokenizer, so
     the vocabulary matches what the app's tokenizer produces); sublinear tf 1 + ln(tf), smoothed idf,
     tokens kept when they occur in at least --min-df papers and in at most --max-df of them.
  2. Truncated SVD (randomized, seeded) of that matrix: the term loadings V [vocab, dims].
  3. The exported graph embeds a digest as the L2-normalised sum over its tokens of
     w(token) * idf(token) * V[token], with w = (1 + ln c) / c for a token occurring c times (so a
     token's total weight is the sublinear tf of the fitted TF-IDF). This is the LSA projection of
     the digest's TF-IDF vector, up to a scale that the normalisation removes.
  4. Aspect outputs: an optional linear map per aspect (--projections, an .npz with one [dims, dims]
     matrix per aspect name, from select_aspects.py) applied before the normalisation; without one an
     aspect equals the plain LSA vector.

No label is read here (the projections were fitted by select_aspects.py on train-split labels). A text without any known token gets the fixed unit vector e_0 for every
aspect, so outputs are always unit-norm and never NaN.

Usage: python3 tools/model/build_lsa.py --docs tools/model/.work/lsa/docs.txt --out DIR
         [--dims 256] [--min-df 2] [--max-df 0.5] [--raw-tf] [--projections P.npz] [--seed 13]
         [--golden-inputs IN.json --golden-out OUT.json] [--card TEMPLATE.md] [--name facet-aspects]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import time

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

ASPECTS = ("generic", "task", "method", "dataset")


def fit(docs_path: str, dims: int, min_df: int, max_df: float, sublinear: bool, seed: int):
    with open(docs_path, encoding="utf-8") as f:
        docs = f.read().split("\n")
    if docs and docs[-1] == "":
        docs.pop()
    vectorizer = TfidfVectorizer(analyzer=str.split, min_df=min_df, max_df=max_df, sublinear_tf=sublinear, dtype=np.float32)
    matrix = vectorizer.fit_transform(docs)
    svd = TruncatedSVD(dims, algorithm="randomized", n_iter=5, random_state=seed).fit(matrix)
    df = np.asarray((matrix > 0).sum(axis=0)).ravel()
    terms = vectorizer.get_feature_names_out()
    # Most frequent first, ties by code point, so the vocabulary file is deterministic.
    order = sorted(range(len(terms)), key=lambda i: (-int(df[i]), terms[i]))
    vocab = ["<pad>", "<unk>"] + [str(terms[i]) for i in order]
    table = np.zeros((len(vocab), dims), dtype=np.float32)
    loadings = svd.components_.T.astype(np.float32)
    table[2:] = loadings[order] * vectorizer.idf_[order, None].astype(np.float32)
    return vocab, table, len(docs), float(svd.explained_variance_ratio_.sum())


def const(name: str, array: np.ndarray) -> onnx.TensorProto:
    return numpy_helper.from_array(array, name)


def build_graph(table: np.ndarray, projections: dict[str, np.ndarray], sublinear: bool) -> onnx.ModelProto:
    dims = table.shape[1]
    e0 = np.zeros((1, dims), dtype=np.float32)
    e0[0, 0] = 1.0
    init = [
        const("table", table),
        const("one_i", np.array(1, dtype=np.int64)),
        const("one_f", np.array(1.0, dtype=np.float32)),
        const("eps", np.array(1e-12, dtype=np.float32)),
        const("e0", e0),
        const("axis1", np.array([1], dtype=np.int64)),
    ]
    nodes = [
        # Known tokens only: 0 is padding, 1 is unknown.
        helper.make_node("Greater", ["input_ids", "one_i"], ["known_b"]),
        helper.make_node("Cast", ["known_b"], ["known"], to=TensorProto.FLOAT),
        helper.make_node("Gather", ["table", "input_ids"], ["rows"], axis=0),
    ]
    if sublinear:
        vocab_size = table.shape[0]
        init += [
            const("zeros_vocab", np.zeros((1, vocab_size), dtype=np.float32)),
            const("batch_axis", np.array([0], dtype=np.int64)),
            const("vocab_dim", np.array([vocab_size], dtype=np.int64)),
        ]
        nodes += [
            # c = occurrences of each position's token in its row, by scatter-adding ones into a
            # [batch, vocab] table and reading it back (linear in the sequence length); weight
            # (1 + ln c) / c per occurrence.
            helper.make_node("Shape", ["input_ids"], ["ids_shape"]),
            helper.make_node("Gather", ["ids_shape", "batch_axis"], ["batch_size"], axis=0),
            helper.make_node("Concat", ["batch_size", "vocab_dim"], ["counts_shape"], axis=0),
            helper.make_node("Expand", ["zeros_vocab", "counts_shape"], ["zero_counts"]),
            helper.make_node("Shape", ["input_ids"], ["ids_shape2"]),
            helper.make_node("ConstantOfShape", ["ids_shape2"], ["ones"], value=numpy_helper.from_array(np.array([1.0], dtype=np.float32))),
            helper.make_node("ScatterElements", ["zero_counts", "input_ids", "ones"], ["counts"], axis=1, reduction="add"),
            helper.make_node("GatherElements", ["counts", "input_ids"], ["count"], axis=1),
            helper.make_node("Log", ["count"], ["log_count"]),
            helper.make_node("Add", ["log_count", "one_f"], ["sublinear"]),
            helper.make_node("Div", ["sublinear", "count"], ["per_occurrence"]),
            helper.make_node("Mul", ["per_occurrence", "known"], ["weight"]),
        ]
    else:
        nodes.append(helper.make_node("Identity", ["known"], ["weight"]))
    nodes += [
        helper.make_node("Unsqueeze", ["weight", "axis1"], ["weight_row"]),
        helper.make_node("MatMul", ["weight_row", "rows"], ["pooled3"]),
        helper.make_node("Squeeze", ["pooled3", "axis1"], ["pooled"]),
    ]
    outputs = []
    for aspect in ASPECTS:
        source = "pooled"
        if aspect in projections:
            init.append(const(f"proj_{aspect}", projections[aspect].astype(np.float32)))
            nodes.append(helper.make_node("MatMul", ["pooled", f"proj_{aspect}"], [f"{aspect}_raw"]))
            source = f"{aspect}_raw"
        p = f"{aspect}_"
        nodes += [
            helper.make_node("Mul", [source, source], [p + "sq"]),
            helper.make_node("ReduceSum", [p + "sq", "axis1"], [p + "sumsq"], keepdims=1),
            helper.make_node("Sqrt", [p + "sumsq"], [p + "norm"]),
            helper.make_node("Less", [p + "norm", "eps"], [p + "empty_b"]),
            helper.make_node("Cast", [p + "empty_b"], [p + "empty"], to=TensorProto.FLOAT),
            helper.make_node("Max", [p + "norm", "eps"], [p + "safe"]),
            helper.make_node("Div", [source, p + "safe"], [p + "unit"]),
            helper.make_node("Sub", ["one_f", p + "empty"], [p + "full"]),
            helper.make_node("Mul", [p + "unit", p + "full"], [p + "kept"]),
            helper.make_node("Mul", ["e0", p + "empty"], [p + "fallback"]),
            helper.make_node("Add", [p + "kept", p + "fallback"], [aspect]),
        ]
        outputs.append(helper.make_tensor_value_info(aspect, TensorProto.FLOAT, ["batch", dims]))
    graph = helper.make_graph(
        nodes, "facet_lsa", [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"])], outputs, init
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 16)], producer_name="facet-tools")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def reference(table: np.ndarray, projections: dict[str, np.ndarray], sublinear: bool, ids: list[int]) -> dict[str, np.ndarray]:
    """The graph's computation in numpy, for the golden test."""
    dims = table.shape[1]
    pooled = np.zeros(dims, dtype=np.float64)
    counts: dict[int, int] = {}
    for i in ids:
        counts[i] = counts.get(i, 0) + 1
    for i, c in counts.items():
        if i > 1:
            pooled += (1.0 + np.log(c) if sublinear else c) * table[i].astype(np.float64)
    out = {}
    for aspect in ASPECTS:
        y = pooled @ projections[aspect].astype(np.float64) if aspect in projections else pooled
        n = np.linalg.norm(y)
        if n < 1e-12:
            y = np.zeros(dims)
            y[0] = 1.0
        else:
            y = y / n
        out[aspect] = y
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--max-df", type=float, default=0.5)
    ap.add_argument("--raw-tf", action="store_true", help="raw term counts instead of 1 + ln(tf)")
    ap.add_argument("--projections", help=".npz with a [dims, dims] matrix per aspect name")
    ap.add_argument("--fusion", help="JSON from select_aspects.py: lexicalWeight per aspect, copied into the manifest")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-tokens", type=int, default=512)
    ap.add_argument("--name", default="facet-aspects")
    ap.add_argument("--description", default="Facet's lexical-semantic model: LSA (truncated SVD of corpus TF-IDF) term loadings, idf-weighted sublinear pooling.")
    ap.add_argument("--golden-inputs")
    ap.add_argument("--golden-out")
    ap.add_argument("--card", help="model card template; {{MODEL_ID}}, {{DIMS}}, {{VOCAB}} and {{MAX_TOKENS}} are replaced")
    args = ap.parse_args()
    started = time.time()
    sublinear = not args.raw_tf
    vocab, table, n_docs, variance = fit(args.docs, args.dims, args.min_df, args.max_df, sublinear, args.seed)
    projections: dict[str, np.ndarray] = {}
    if args.projections:
        with np.load(args.projections) as data:
            projections = {k: data[k] for k in data.files if k in ASPECTS}
    model = build_graph(table, projections, sublinear)
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    vocab_path = os.path.join(args.out, "vocab.txt")
    onnx.save(model, onnx_path)
    with open(vocab_path, "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    digest = hashlib.sha256()
    for path in (onnx_path, vocab_path):
        with open(path, "rb") as f:
            digest.update(f.read())
    model_id = f"{args.name}@{digest.hexdigest()[:12]}"
    manifest = {
        "id": model_id,
        "name": args.name,
        "dims": args.dims,
        "aspects": list(ASPECTS),
        "provisional": False,
        "description": args.description,
        "onnx": "model.onnx",
        "vocab": "vocab.txt",
        "maxTokens": args.max_tokens,
    }
    if args.fusion:
        with open(args.fusion, encoding="utf-8") as f:
            weights = json.load(f)["lexicalWeight"]
        manifest["lexicalWeight"] = {a: float(weights[a]) for a in ASPECTS}
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    if args.card:
        with open(args.card, encoding="utf-8") as f:
            card = f.read()
        for key, value in (("MODEL_ID", model_id), ("DIMS", args.dims), ("VOCAB", len(vocab)), ("MAX_TOKENS", args.max_tokens)):
            card = card.replace("{{" + key + "}}", str(value))
        with open(os.path.join(args.out, "MODEL_CARD.md"), "w", encoding="utf-8") as f:
            f.write(card)
    if args.golden_inputs and args.golden_out:
        with open(args.golden_inputs, encoding="utf-8") as f:
            golden = json.load(f)
        for x in golden["inputs"]:
            ref = reference(table, projections, sublinear, x["ids"])
            x["vectors"] = {a: [round(float(v), 7) for v in ref[a]] for a in ASPECTS}
        golden["modelId"] = model_id
        with open(args.golden_out, "w", encoding="utf-8") as f:
            json.dump(golden, f)
            f.write("\n")
    print(f"build_lsa: {n_docs} documents, vocabulary {len(vocab)}, {args.dims} dims "
          f"(explained variance {variance:.3f}), projections {sorted(projections) or 'none'}, "
          f"{time.time() - started:.0f} s -> {args.out} ({model_id})")


if __name__ == "__main__":
    main()
