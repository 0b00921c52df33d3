/**
 * Quick throughput check of the committed model: TS tokenizer + onnxruntime-node on real digests
 * (Papers-with-Code titles + abstracts from ../shared), batched, with 2 intra-op threads.
 * bench/ measures this formally; this is the model helper's own sanity check.
 *
 * Usage: npx tsx tools/model/speed-check.ts [--model DIR] [--count N] [--batch N] [--threads N]
 */
// First: ONNX Runtime telemetry off before onnxruntime-node loads.
import '../../src-main/core/embed/ort-telemetry-off.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { Tokenizer } from '../../src-main/core/text/tokenizer.ts';
import type { DigestText, ModelManifest } from '../../src-main/core/types.ts';
import { readJsonl } from './jsonl.ts';
import { repoRoot, tdmsPath } from './paths.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: path.join(repoRoot, 'resources/models/facet-aspects') },
    count: { type: 'string', default: '8000' },
    batch: { type: 'string', default: '64' },
    threads: { type: 'string', default: '2' },
    // Group digests of similar length into a batch (less padding), as an embedder can.
    'sort-by-length': { type: 'boolean', default: false },
  },
});
const modelDir = values.model;
const count = Number(values.count);
const batchSize = Number(values.batch);
const manifest = JSON.parse(readFileSync(path.join(modelDir, 'manifest.json'), 'utf8')) as ModelManifest;
const tokenizer = Tokenizer.fromFile(path.join(modelDir, manifest.vocab));

const digests: DigestText[] = [];
for await (const { value } of readJsonl(tdmsPath)) {
  const paper = value as { title?: unknown; abstract?: unknown };
  if (typeof paper.abstract === 'string' && paper.abstract.length > 0 && typeof paper.title === 'string') {
    digests.push({ title: paper.title, abstract: paper.abstract });
  }
  if (digests.length >= count) break;
}
if (values['sort-by-length']) digests.sort((a, b) => a.title.length + a.abstract.length - (b.title.length + b.abstract.length));
const session = await ort.InferenceSession.create(path.join(modelDir, manifest.onnx), {
  intraOpNumThreads: Number(values.threads),
  interOpNumThreads: 1,
  executionMode: 'sequential',
});

async function embedAll(): Promise<{ seconds: number; cpuSeconds: number; tokenizeSeconds: number; tokens: number }> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let tokenizeMs = 0;
  let tokens = 0;
  for (let start = 0; start < digests.length; start += batchSize) {
    const t0 = performance.now();
    const rows = digests.slice(start, start + batchSize).map((d) => tokenizer.encode(d.title, d.abstract, manifest.maxTokens).ids);
    const length = Math.max(1, ...rows.map((r) => r.length));
    const data = new BigInt64Array(rows.length * length);
    rows.forEach((row, r) => row.forEach((id, i) => (data[r * length + i] = BigInt(id))));
    tokenizeMs += performance.now() - t0;
    tokens += rows.reduce((sum, r) => sum + r.length, 0);
    await session.run({ input_ids: new ort.Tensor('int64', data, [rows.length, length]) });
  }
  const cpu = process.cpuUsage(cpuStarted);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, tokenizeSeconds: tokenizeMs / 1000, tokens };
}

await embedAll(); // warm-up
// On a shared machine wall time understates the speed; CPU time (user + system, all threads of this
// process) says how many digests one core embeds, so two free cores do at most twice that.
const { seconds, cpuSeconds, tokenizeSeconds, tokens } = await embedAll();
console.log(
  `speed-check: ${digests.length} digests (${(tokens / digests.length).toFixed(0)} tokens on average, batch ${batchSize}, ` +
    `${values.threads} threads${values['sort-by-length'] ? ', sorted by length' : ''}): ${(digests.length / seconds).toFixed(0)} digests/s ` +
    `(tokenizing ${(tokenizeSeconds * 1000 / digests.length).toFixed(3)} ms/digest, total ${seconds.toFixed(2)} s); ` +
    `CPU time ${cpuSeconds.toFixed(2)} s = ${(digests.length / cpuSeconds).toFixed(0)} digests per CPU-second`,
);
await session.release();
