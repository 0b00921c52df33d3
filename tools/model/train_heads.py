"""Step 4 of training: trains the task / method / dataset heads on the frozen base and exports an
ONNX model folder (model.onnx, vocab.txt, manifest.json, and MODEL_CARD.md when --card is given).

Supervision: pairs of TRAIN-split papers sharing a label of the aspect, multiple-negatives ranking
loss with in-batch negatives (the other pairs' anchors and positives), where in-batch papers that
share a label with the anchor are masked out rather than used as negatives. The loss is summed over
Matryoshka prefixes of the output so shorter prefixes also work. Papers of the splits validation,
test1-few-shot and test2-zero-shot are never used, by paper_id and by arXiv id; --exclude-ids and
--train-ids narrow the training set further (for the benchmark's folds).

See tools/model/README.md for the full command line.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import zlib

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluate import evaluate, format_results  # noqa: E402
from facet_model import (ASPECTS, HELD_OUT_SPLITS, TRAINED_ASPECTS, FacetModel, Paper, export_model_dir,  # noqa: E402
                         held_out_keys, is_trainable, read_papers)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MATRYOSHKA = (32, 64, 128, 256, 512, 1024)


def read_id_file(path: str) -> set[str]:
    ids: set[str] = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                ids.add(line)
    if not ids:
        raise ValueError(f"{path}: no ids found (one paper_id or arXiv id per line)")
    return ids


def dev_fold(paper: Paper) -> bool:
    """A fixed 15 % of train papers, chosen by a hash of the paper_id, for --dev runs."""
    return zlib.crc32(paper.paper_id.encode()) % 100 < 15


def pairs_for_epoch(members: list[list[int]], labels_of: list[list[int]], rng: random.Random) -> list[tuple[int, int]]:
    """One (anchor, positive) pair per anchor that has a label shared with another paper."""
    pairs = []
    for anchor, labels in enumerate(labels_of):
        usable = [lab for lab in labels if len(members[lab]) > 1]
        if not usable:
            continue
        lab = rng.choice(usable)
        positive = anchor
        while positive == anchor:
            positive = rng.choice(members[lab])
        pairs.append((anchor, positive))
    rng.shuffle(pairs)
    return pairs


def bag_of_words(paper: Paper) -> tuple[np.ndarray, np.ndarray]:
    """Distinct known token ids of a paper and their counts divided by the number of known tokens,
    so that sum(weight[id] * share * E[id]) equals the model's weighted mean over token positions."""
    known = paper.ids[paper.ids > 1]
    ids, counts = np.unique(known, return_counts=True)
    return ids, (counts / max(1, len(known))).astype(np.float32)


def bag(bags: list[tuple[np.ndarray, np.ndarray]], rows: list[int]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    chunks = [bags[r] for r in rows]
    lengths = torch.tensor([len(c[0]) for c in chunks], dtype=torch.int64)
    flat = torch.from_numpy(np.concatenate([c[0] for c in chunks])).to(torch.int64)
    shares = torch.from_numpy(np.concatenate([c[1] for c in chunks]))
    return flat, shares, lengths


def train_aspect(model: FacetModel, aspect: str, papers: list[Paper], args, rng: random.Random) -> dict:
    """Trains one aspect's token weights and head; returns a short log."""
    # A label held by a large share of the papers (only "Transformer" among the methods: ~8 % of
    # train papers) says little about which papers share a method, yet it dominates the pairs and
    # pulls every paper mentioning it into one tight cluster. It is dropped from supervision, as the
    # JCDL 2022 protocol drops such labels from relevance.
    counts: dict[str, int] = {}
    for p in papers:
        for lab in set(p.labels.get(aspect, [])):
            counts[lab] = counts.get(lab, 0) + 1
    names = sorted(lab for lab, count in counts.items() if count <= args.max_label_papers)
    index = {n: i for i, n in enumerate(names)}
    labels_of = [[index[lab] for lab in sorted(set(p.labels.get(aspect, []))) if lab in index] for p in papers]
    members: list[list[int]] = [[] for _ in names]
    for row, labels in enumerate(labels_of):
        for lab in labels:
            members[lab].append(row)
    hot = torch.zeros((len(papers), max(1, len(names))))
    for row, labels in enumerate(labels_of):
        hot[row, labels] = 1.0
    row_of_aspect = 1 + TRAINED_ASPECTS.index(aspect)
    bags = [bag_of_words(p) for p in papers]
    head = model.heads[aspect]
    optimiser = torch.optim.AdamW([
        {"params": head.parameters(), "lr": args.lr, "weight_decay": args.weight_decay},
        {"params": [model.log_weights], "lr": args.token_lr, "weight_decay": 0.0},
    ])
    dims = [d for d in MATRYOSHKA if d < model.dims] + [model.dims]
    steps = 0
    last_loss = float("nan")
    for epoch in range(args.epochs):
        pairs = pairs_for_epoch(members, labels_of, rng)
        total = 0.0
        for start in range(0, len(pairs) - 1, args.batch_size):
            batch = pairs[start:start + args.batch_size]
            if len(batch) < 2:
                continue
            anchors = [a for a, _ in batch]
            positives = [p for _, p in batch]
            pooled = model.pooled_bags(*bag(bags, anchors + positives), aspect_row=row_of_aspect)
            out = head(pooled)
            n = len(batch)
            a_hot, p_hot = hot[anchors], hot[positives]
            blocked_ap = (a_hot @ p_hot.T) > 0
            blocked_aa = (a_hot @ a_hot.T) > 0
            eye = torch.eye(n, dtype=torch.bool)
            blocked_ap = blocked_ap & ~eye
            blocked_aa = blocked_aa | eye
            loss = torch.zeros(())
            for d in dims:
                v = nn.functional.normalize(out[:, :d], dim=1)
                va, vp = v[:n], v[n:]
                logits = torch.cat([
                    (va @ vp.T).masked_fill(blocked_ap, float("-inf")),
                    (va @ va.T).masked_fill(blocked_aa, float("-inf")),
                ], dim=1) * args.scale
                loss = loss + nn.functional.cross_entropy(logits, torch.arange(n))
            loss = loss / len(dims)
            optimiser.zero_grad()
            loss.backward()
            # Only this aspect's token-weight row may move.
            if model.log_weights.grad is not None:
                keep = torch.zeros_like(model.log_weights.grad)
                keep[row_of_aspect - 1] = 1.0
                model.log_weights.grad.mul_(keep)
            optimiser.step()
            total += float(loss) * n
            steps += 1
        last_loss = total / max(1, len(pairs))
        if args.verbose:
            print(f"    {aspect} epoch {epoch + 1}: loss {last_loss:.4f}", flush=True)
    return {"aspect": aspect, "labels": len(names), "papers": sum(1 for x in labels_of if x), "steps": steps, "final_loss": round(last_loss, 4)}


def write_golden(model: FacetModel, manifest: dict, inputs_path: str, out_path: str) -> None:
    """Reference vectors of the golden digests, computed by the torch model, one digest per batch row
    and also all of them padded together in one batch (the ONNX test runs the padded batch)."""
    with open(inputs_path, encoding="utf-8") as f:
        golden = json.load(f)
    inputs = golden["inputs"]
    length = max(1, max(len(x["ids"]) for x in inputs))
    ids = torch.zeros((len(inputs), length), dtype=torch.int64)
    for r, x in enumerate(inputs):
        ids[r, :len(x["ids"])] = torch.tensor(x["ids"], dtype=torch.int64)
    model.eval()
    with torch.no_grad():
        outputs = model(ids)
    for r, x in enumerate(inputs):
        x["vectors"] = {a: [round(float(v), 7) for v in out[r]] for a, out in zip(ASPECTS, outputs)}
    golden["modelId"] = manifest["id"]
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(golden, f)
        f.write("\n")
    print(f"train_heads: golden reference for {len(inputs)} digests -> {out_path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default=os.path.join(HERE, ".work"), help="folder with base.npz, vocab.txt, pwc-tokens.jsonl")
    parser.add_argument("--labels", default=os.path.join(REPO, ".cache/labels/pwc-labels.jsonl"),
                        help="labels JSONL from `npx tsx tools/aspects/write-labels.ts` (tasks, datasets, methods)")
    parser.add_argument("--out", required=True, help="model folder to write")
    parser.add_argument("--name", default="facet-aspects")
    parser.add_argument("--exclude-ids", help="file of paper_ids / arXiv ids (one a line) never to train on")
    parser.add_argument("--train-ids", help="file of paper_ids / arXiv ids: train only on these (train split only)")
    parser.add_argument("--aspects", default=",".join(TRAINED_ASPECTS), help="aspects to train (others keep SIF + identity)")
    parser.add_argument("--untrained", action="store_true", help="export without training (provisional model)")
    parser.add_argument("--dev", action="store_true", help="hold out 15%% of train papers and report metrics on them")
    parser.add_argument("--eval-heldout", action="store_true", help="report metrics on the held-out splits (never used for training)")
    parser.add_argument("--max-label-papers", type=int, default=400,
                        help="labels held by more training papers than this are not used as supervision")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--hidden", type=int, default=512)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--token-lr", type=float, default=3e-2)
    parser.add_argument("--weight-decay", type=float, default=1e-2)
    parser.add_argument("--scale", type=float, default=20.0)
    parser.add_argument("--max-tokens", type=int, default=512)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--card", help="MODEL_CARD.md template to fill and write into --out")
    parser.add_argument("--provisional", action="store_true", help="mark the manifest provisional")
    parser.add_argument("--golden-inputs", help="JSON from tools/model/golden-inputs.ts; with --golden-out writes the reference vectors")
    parser.add_argument("--golden-out", help="where to write the golden reference (test/fixtures/model/golden.json)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    rng = random.Random(args.seed)
    torch.set_num_threads(args.threads)
    started = time.time()

    labels_path = args.labels if args.labels and os.path.exists(args.labels) else None
    if labels_path is None:
        print(f"train_heads: no labels file at {args.labels}; methods have no labels (run tools/aspects/write-labels.ts)", file=sys.stderr)
    papers = read_papers(os.path.join(args.work, "pwc-tokens.jsonl"), labels_path)
    held_out = held_out_keys(papers)
    excluded = read_id_file(args.exclude_ids) if args.exclude_ids else set()
    only = read_id_file(args.train_ids) if args.train_ids else None
    if only is not None:
        leaking = sorted(i for i in only if i in held_out)
        if leaking:
            raise SystemExit(f"--train-ids names {len(leaking)} held-out papers (e.g. {leaking[0]}); those are never trained on")

    def selected(p: Paper) -> bool:
        if not is_trainable(p, held_out) or (p.ids > 1).sum() == 0:
            return False
        if p.paper_id in excluded or (p.arxiv_id and p.arxiv_id in excluded):
            return False
        if only is not None and p.paper_id not in only and not (p.arxiv_id and p.arxiv_id in only):
            return False
        return True

    train = [p for p in papers if selected(p)]
    dev = []
    if args.dev:
        dev = [p for p in train if dev_fold(p)]
        train = [p for p in train if not dev_fold(p)]
    base = np.load(os.path.join(args.work, "base.npz"))
    model = FacetModel(base["embedding"], base["sif"], base["common"], hidden=args.hidden)
    logs = []
    if not args.untrained:
        for aspect in [a.strip() for a in args.aspects.split(",") if a.strip()]:
            if aspect not in TRAINED_ASPECTS:
                raise SystemExit(f"--aspects: unknown aspect {aspect!r}")
            labelled = [p for p in train if p.labels.get(aspect)]
            if not labelled:
                print(f"train_heads: no {aspect} labels among training papers; {aspect} stays untrained", file=sys.stderr)
                continue
            t0 = time.time()
            log = train_aspect(model, aspect, labelled, args, rng)
            log["seconds"] = round(time.time() - t0, 1)
            logs.append(log)
            print(f"  trained {aspect}: {log}", flush=True)
    summary = {"train_papers": len(train), "seed": args.seed, "labels": labels_path, "aspects": logs,
               "held_out_splits": list(HELD_OUT_SPLITS), "excluded_ids": len(excluded)}
    if args.dev:
        results = evaluate(model, dev)
        summary["dev"] = results
        print("dev (15% of train) " + format_results(results), flush=True)
    if args.eval_heldout:
        seen: set[str] = set()
        evaluation = []
        for p in papers:
            if p.split in HELD_OUT_SPLITS and p.paper_id not in seen:
                seen.add(p.paper_id)
                evaluation.append(p)
        results = evaluate(model, evaluation)
        summary["heldout"] = results
        print("held-out " + format_results(results), flush=True)
    card = None
    if args.card:
        with open(args.card, encoding="utf-8") as f:
            card = f.read()
    description = ("Facet's own aspect model: fastText token embeddings from the full-text corpus, SIF-pooled generic vector, "
                   "contrastively trained task/method/dataset heads." + (" Provisional: heads untrained." if args.untrained else ""))
    manifest = export_model_dir(model, os.path.join(args.work, "vocab.txt"), args.out, name=args.name,
                                provisional=args.provisional or args.untrained, max_tokens=args.max_tokens,
                                description=description, card=None)
    if card is not None:
        card = card.replace("{{MODEL_ID}}", manifest["id"]).replace("{{DIMS}}", str(manifest["dims"]))
        card = card.replace("{{VOCAB}}", str(model.embedding.shape[0])).replace("{{MAX_TOKENS}}", str(args.max_tokens))
        with open(os.path.join(args.out, "MODEL_CARD.md"), "w", encoding="utf-8") as f:
            f.write(card)
    summary["manifest"] = manifest
    if args.golden_inputs and args.golden_out:
        write_golden(model, manifest, args.golden_inputs, args.golden_out)
    summary["seconds"] = round(time.time() - started, 1)
    with open(os.path.join(args.work, f"train-summary-{os.path.basename(os.path.normpath(args.out))}.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(f"train_heads: wrote {args.out} ({manifest['id']}) in {summary['seconds']} s")


if __name__ == "__main__":
    main()
