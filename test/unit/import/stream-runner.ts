// Child-process helper for streaming.test.ts: imports one file and prints counts as JSON. The test
// runs it under a small --max-old-space-size, so holding a whole 50 MB file's records would crash it.
import { readSource } from '../../../src-main/core/import/index.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: stream-runner.ts <file>');
let records = 0;
let problems = 0;
let lastLine: number | null = null;
let peakHeap = 0;
const startHeapMiB = process.memoryUsage().heapUsed / 1048576;
const started = performance.now();
for await (const item of readSource({ kind: 'file', path: file })) {
  if (item.kind === 'record') {
    records++;
    lastLine = item.record.sourceLine;
  } else problems++;
  if ((records + problems) % 1000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ records, problems, lastLine, seconds, startHeapMiB, peakHeapMiB: peakHeap / 1048576 }));
