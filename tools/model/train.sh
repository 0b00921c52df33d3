#!/usr/bin/env bash
# Builds Facet's aspect model from ../shared and writes resources/models/facet-aspects/ plus the golden
# reference test/fixtures/model/golden.json. One command: `npm run train` (see tools/model/README.md).
#
# Steps: Facet's tokenizer over the corpus (tokenize-lsa.ts); derived method labels (write-labels.ts,
# a candidate projection's input); per-aspect projections and lexical weights chosen on DEV splits
# (select_aspects.py, report in bench/results/aspect-selection.md); the LSA model with those
# projections exported to ONNX (build_lsa.py), twice: the first build writes the vocabulary that the
# golden inputs are tokenized against, the second writes the golden reference (same seed, same model).
#
# Knobs (environment): FACET_SEED (13), FACET_DIMS (256), FACET_DOC_CHARS (6000).
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=tools/model/.work/lsa
OUT=resources/models/facet-aspects
PY=/usr/bin/python3
SEED=${FACET_SEED:-13}
DIMS=${FACET_DIMS:-256}
DOC_CHARS=${FACET_DOC_CHARS:-6000}

[ -f ../shared/corpus/scientific-fulltext.jsonl.gz ] || { echo "train.sh: ../shared/corpus/scientific-fulltext.jsonl.gz is missing" >&2; exit 1; }
"$PY" -c 'import sklearn, scipy, onnx, numpy' || { echo "train.sh: $PY needs scikit-learn, scipy, onnx and numpy (apt-get install python3-sklearn python3-onnx)" >&2; exit 1; }
mkdir -p "$WORK"
step() { echo "== $(date -u +%H:%M:%S) $*"; }
export PYTHONPATH=tools/model

step "tokenize the corpus (first $DOC_CHARS characters per paper)"
npx tsx tools/model/tokenize-lsa.ts --doc-chars "$DOC_CHARS" --out "$WORK"

step "derived method labels (tools/aspects/write-labels.ts)"
npx tsx tools/aspects/write-labels.ts

step "choose projections and lexical weights on dev splits"
"$PY" tools/model/select_aspects.py --docs "$WORK/docs.txt" --dims "$DIMS" --seed "$SEED" \
  --out-projections "$WORK/projections.npz" --out-fusion "$WORK/fusion.json" --report bench/results/aspect-selection.md

step "build the model (vocabulary for the golden inputs)"
rm -rf "$OUT.tmp"
"$PY" tools/model/build_lsa.py --docs "$WORK/docs.txt" --out "$OUT.tmp" --dims "$DIMS" --seed "$SEED" \
  --projections "$WORK/projections.npz" --fusion "$WORK/fusion.json"
npx tsx tools/model/golden-inputs.ts --vocab "$OUT.tmp/vocab.txt" --max-tokens 512 --out "$WORK/golden-inputs.json"

step "build the model with the golden reference and the model card"
"$PY" tools/model/build_lsa.py --docs "$WORK/docs.txt" --out "$OUT.tmp" --dims "$DIMS" --seed "$SEED" \
  --projections "$WORK/projections.npz" --fusion "$WORK/fusion.json" --card tools/model/MODEL_CARD.template.md \
  --golden-inputs "$WORK/golden-inputs.json" --golden-out test/fixtures/model/golden.json
rm -rf "$OUT" && mv "$OUT.tmp" "$OUT"
du -sh "$OUT"
step "done: $OUT"
