/**
 * Writes the golden inputs of the model test: hand-written digests (empty, non-English, math, control
 * characters, ...) with their token ids from Facet's tokenizer. build_lsa.py --golden-inputs reads
 * this file, computes the model's vectors in numpy and writes test/fixtures/model/golden.json, which
 * test/unit/model/onnx-golden.test.ts checks the exported ONNX graph against.
 *
 * Usage: npx tsx tools/model/golden-inputs.ts --vocab FILE --max-tokens N --out FILE
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Tokenizer } from '../../src-main/core/text/tokenizer.ts';

export const GOLDEN_DIGESTS: { name: string; title: string; abstract: string }[] = [
  { name: 'empty', title: '', abstract: '' },
  { name: 'only-punctuation', title: '!!! ??? --- ...', abstract: '() [] {} <> / \\' },
  {
    name: 'image-classification',
    title: 'Deep Residual Learning for Image Recognition',
    abstract:
      'We train very deep convolutional networks with residual connections on ImageNet and report top-1 accuracy on the validation set.',
  },
  {
    name: 'machine-translation',
    title: 'Attention-based neural machine translation',
    abstract: 'A transformer encoder-decoder is trained on WMT14 English-German and evaluated with BLEU.',
  },
  {
    name: 'question-answering-title-only',
    title: 'Reading comprehension over SQuAD with BERT',
    abstract: '',
  },
  {
    name: 'math-and-symbols',
    title: 'Bounds for ∑ᵢ xᵢ² ≤ ε and the ℓ₂ norm',
    abstract: 'Let f: ℝⁿ → ℝ be convex; we show f(x) − f(x*) ≤ O(1/√T) after T steps of SGD with α = 0.1.',
  },
  {
    name: 'control-and-format-characters',
    title: 'Graph\u0000neural\tnetworks\r\nfor node classi\u00ADfication',
    abstract: 'Semi\u200Bsupervised learning on Cora,\u0007 Citeseer and PubMed\u000b citation graphs.\u001b[0m',
  },
  {
    name: 'non-english',
    title: 'Reconnaissance d’entités nommées pour le français',
    abstract: 'Wir untersuchen die Übersetzung ins Deutsche. 中文分词与命名实体识别。 हिन्दी भाषा मॉडल। Ｆｕｌｌｗｉｄｔｈ ＢＥＲＴ ﬁne-tuning.',
  },
  {
    name: 'unknown-words-only',
    title: 'zzqxv qqqzzzx',
    abstract: 'xqzzqwv',
  },
  {
    name: 'speech-recognition',
    title: 'End-to-end speech recognition with CTC',
    abstract:
      'We present an acoustic model trained with connectionist temporal classification on LibriSpeech, reporting word error rate on test-clean and test-other.',
  },
  {
    name: 'long-repetitive',
    title: 'Object detection',
    abstract: 'object detection on COCO with Faster R-CNN. '.repeat(200),
  },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { vocab: { type: 'string' }, 'max-tokens': { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.vocab || !values.out || !values['max-tokens']) throw new Error('usage: golden-inputs.ts --vocab FILE --max-tokens N --out FILE');
  const tokenizer = Tokenizer.fromFile(values.vocab);
  const maxTokens = Number(values['max-tokens']);
  const inputs = GOLDEN_DIGESTS.map((digest) => ({ ...digest, ...tokenizer.encode(digest.title, digest.abstract, maxTokens) }));
  writeFileSync(values.out, JSON.stringify({ maxTokens, inputs }, null, 1) + '\n');
  console.log(`golden-inputs: ${inputs.length} digests -> ${values.out}`);
}
