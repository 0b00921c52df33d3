#!/usr/bin/env bash
# Trains Facet's aspect model from ../shared and writes resources/models/facet-aspects/ plus the golden
# reference test/fixtures/model/golden.json. One command: `npm run train` (see tools/model/README.md).
#
# Knobs (environment): FACET_SEED (13), FACET_DIMS (256), FACET_VOCAB (30000), FACET_FT_EPOCHS (1),
# FACET_FT_THREADS (2), FACET_MAX_TOKENS (512), FACET_THREADS (2, torch), FACET_PROVISIONAL=1 (export
# with untrained heads, manifest provisional), FACET_REUSE_BASE=1 (skip tokenizing + fastText when
# tools/model/.work already has them; the heads and export still run).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
WORK=tools/model/.work
OUT=resources/models/facet-aspects
PY=/usr/bin/python3
FASTTEXT=/usr/bin/fasttext
SEED=${FACET_SEED:-13}
DIMS=${FACET_DIMS:-256}
VOCAB=${FACET_VOCAB:-30000}
FT_EPOCHS=${FACET_FT_EPOCHS:-1}
FT_THREADS=${FACET_FT_THREADS:-2}
MAX_TOKENS=${FACET_MAX_TOKENS:-512}
THREADS=${FACET_THREADS:-2}

[ -f ../shared/corpus/scientific-fulltext.jsonl.gz ] || { echo "train.sh: ../shared/corpus/scientific-fulltext.jsonl.gz is missing" >&2; exit 1; }
[ -x "$FASTTEXT" ] || { echo "train.sh: $FASTTEXT not found (apt-get install fasttext)" >&2; exit 1; }
"$PY" -c 'import torch, onnx, numpy' || { echo "train.sh: $PY needs torch, onnx and numpy (apt-get install python3-torch python3-onnx python3-numpy)" >&2; exit 1; }
mkdir -p "$WORK/ft"
step() { echo "== $(date -u +%H:%M:%S) $*"; }

if [ "${FACET_REUSE_BASE:-0}" = 1 ] && [ -f "$WORK/base.npz" ]; then
  step "reusing $WORK/base.npz"
else
  step "tokenize corpus and PwC papers (TypeScript tokenizer)"
  npx tsx tools/model/tokenize-corpus.ts --vocab-size "$VOCAB" --max-tokens "$MAX_TOKENS" --out "$WORK"

  step "fastText skipgram, dim $DIMS, $FT_EPOCHS epochs, seed $SEED"
  # minCount 20 keeps every vocabulary token (the 30k-th token occurs 25 times); no char n-grams
  # because every vocabulary token has its own vector. With more than one thread fastText is not
  # bit-reproducible (Hogwild updates); FACET_FT_THREADS=1 makes it so, at twice the time.
  "$FASTTEXT" skipgram -input "$WORK/corpus.txt" -output "$WORK/ft/model" -dim "$DIMS" -epoch "$FT_EPOCHS" \
    -minCount 20 -maxn 0 -ws 5 -neg 5 -thread "$FT_THREADS" -seed "$SEED" -verbose 1
  tail -n +3 "$WORK/vocab.txt" | "$FASTTEXT" print-word-vectors "$WORK/ft/model.bin" > "$WORK/ft/vectors.txt"

  step "base embedding, SIF weights, common component"
  "$PY" tools/model/build_base.py --work "$WORK" --dims "$DIMS"
fi

step "aspect labels (tools/aspects/write-labels.ts)"
npx tsx tools/aspects/write-labels.ts

step "golden inputs"
npx tsx tools/model/golden-inputs.ts --vocab "$WORK/vocab.txt" --max-tokens "$MAX_TOKENS" --out "$WORK/golden-inputs.json"

step "train heads and export ONNX to $OUT"
EXTRA=()
[ "${FACET_PROVISIONAL:-0}" = 1 ] && EXTRA+=(--untrained)
rm -rf "$OUT.tmp"
"$PY" tools/model/train_heads.py --work "$WORK" --labels "$REPO/.cache/labels/pwc-labels.jsonl" --out "$OUT.tmp" \
  --seed "$SEED" --threads "$THREADS" --max-tokens "$MAX_TOKENS" --card tools/model/MODEL_CARD.template.md \
  --golden-inputs "$WORK/golden-inputs.json" --golden-out test/fixtures/model/golden.json --eval-heldout "${EXTRA[@]}"
rm -rf "$OUT" && mv "$OUT.tmp" "$OUT"
du -sh "$OUT"
step "done: $OUT"
